"""The extraction pipeline: article text + publication date -> figures and dates.

Pure functions only: nothing here reads files, fetches URLs or touches the database,
and nothing here imports ``store.sources``, the database modules or ``tui``
(tests/test_layering.py checks it). The one entry point is :func:`extract`; the
steps, in the order they run (``pipeline``), and the modules each one uses:

- ``sentences``: the sentences, with their offsets;
- ``dates``: date expressions, resolved against the publication date (``date_patterns``
  the patterns, ``date_handlers`` a handler per form, ``date_calendar`` the calendar
  arithmetic, ``tense`` the clause's tense);
- ``figures``: the figures, assembled over the article from ``drafts`` (one sentence's
  numbers with qualifier and unit: ``numbers``, ``cues``, ``qualifiers``, ``intent``,
  ``change``, ``units``, ``measured_nouns``, ``elision``), ``figactors`` (whose count:
  ``actors``), ``attribution`` (who says so: ``subjects``), ``claimants`` (speakers
  carried across sentences), ``figdates`` (the date of its clause) and ``evidence``
  (the words that decided each field).

``unit_words`` and ``attribution_words`` hold word lists; ``models`` the records the
steps return; ``data/actors.json`` the alias table.

The rules are English. :data:`PIPELINES` maps a language code to the module whose
``extract(body, published)`` reads that language; an article in a language without one
gets no figures and no dates (``store.ingest`` says so once per article). Rules for
another language plug in there, as a module beside ``pipeline``.

Importing this package is cheap: the steps load when :func:`extract` first runs, so
code that only needs ``store.extract.sentences`` does not pay for the rest.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.extract.models import Extraction

EXTRACTOR_VERSION = 34
"""The version of the extraction rules. Bump it whenever a rule changes what is
extracted: each article records the version that extracted it, and articles stored by
an older one are re-extracted by ``nkwatch reextract`` (the dashboard says when one is
due). 1: figures keep their evidence (issue 8). 2: claimants and headline forms (issue
8: rival estimates, plain roles, scale abbreviations, exact values, elided nouns).
3: each figure dated by its own clause, changes as two figures, seasons, holidays,
years carried forward (issue 8, "When"). 4: the unit is the head noun of its phrase. 5: numbers whose noun is left out; plans and
purposes hedge. 6: the writer's background (a headline's source reaches only the lead; a
speaker is not carried to a fact dated to an earlier year) has no claimant (gold_dev).
7: a count in spaced thousands right after a day-month date ("on 20 October 1 500
troops") is one count (issue 15). 8: "lakh" and "crore" scale a number, "Rs" and "RM" are
rupees and ringgit (gold_dev3). 9: speakers by role with a prepositional tail ("the agency's team
in the field"), bodies and websites; "X, a union official, said <clause>" is X's; "adds
to" is no speech; "put ... at" with a longer object (gold_dev3). 10: "the 9.9 percent that
economists polled by Reuters had forecast" is the economists' figure only (gold_dev3). 11: a
sentence opening with "It"/"They" continues the speaker across a paragraph break; "he"/"she"
finds a name after a title (gold_dev3). 12: "X show that ..., Y said": Y speaks; a source
inside a quotation gives way to the quotation's speaker (gold_dev3). 13: a body's name with
"and" ("Centers for Disease Control and Prevention") is not cut to its last word; plurals in
-ics ("12 clinics") are counted. 14: a singular currency as a modifier ("a 38 million euro
fine") and "a 25-basis-point rise" are figures. 15: "the bank forecast growth of", "the survey
found", "released a provisional figure of", "was confident that" name a claimant. 16: "compared
with the 53 per cent ... in 2017" is an earlier value dated by its own words; a year written
once for a month range is the first month's too; "until April 22" just after publication
lies ahead (gold_dev3). 17: "another 40,000" does not take the source of an earlier 40,000;
"a review found that ..., she said" is hers; "Moody's Analytics", "Fitch Ratings" stay whole.
18: a present clause after "but" is not dated by the date before it; "250,000 Sudanese" counts
people. 19: the month "May" ("in May", "May 5", "mid-May") is not the modal "may". 20: bare
counts of crowds and abductions ("when 83,260 turned up", "squeezed in", "watched", "a gate of
85,512", "kidnapped four"); "22 others" after such a count are people. 21: "the number of people
killed by rains and melting snow ... neared 3,200" (an "and" inside the subject); "bpd" are
barrels. 22: "Clark County, Washington, has reported" keeps the place whole; "Mark Rutte,
NATO chief, said" is Rutte's. 23: more plans and possibilities hedge ("pencilled in", "officials
see the rate peaking at", "is due to involve", "weighing a cap of", "looking to raise",
"proposes to cut", "under threat", "face the axe"). 24: a figure its own clause dates after
publication ("cutting 700 jobs starting in September") is hedged. 25: a plural noun opening the
sentence ("Layoffs of 120 staff") does not name its number as "Group of 20" does. 26: a speaker
whose sentence states no figure is not carried to the writer's next fact ("Powell said the banks
were sound. The rate now stands at 5%"), only to a quotation or an "It ..." going on. 27: a
standing fact ("The company employs 13,500 people", "The stadium holds 99,354") is the writer's;
"3 million have fled" counts people. 28: "a quarter of a percentage point", "half a
percentage point", "three-quarters of a percentage point" are figures. 29: the writer's
history after a speaker ("since Katrina, which killed 1,800", "three decades ago, when",
"Before the war", "A similar protest") has no claimant. 30: "will not exceed", "capped at",
"no higher than" are ceilings (max). 31: the owner of an estimate speaks for it ("the average
Wall Street forecast of $9.275 billion", "the IMF's estimate of 1.6%", "a UN tally of"). 32:
"according to figures released ... by X" is X's; "The toll, which officials put at 45" is the
officials' count of deaths; "3 million had crossed" counts people. 33: a bare number before
"who" ("some 250,000 who were forced to flee") counts people, when no count before lends it a
noun. 34: the publisher of figures speaks ("The figures, published by the ONS on Wednesday,
showed", "Data compiled by the agency put")."""

PIPELINES = {"en": "store.extract.pipeline"}
"""Language code -> module with ``extract(body, published)`` for that language."""


def supports(language: str | None) -> bool:
    """Whether figures and dates can be extracted from text in ``language``."""
    return (language or "en") in PIPELINES


def extract(body: str, published: date | None, language: str = "en") -> Extraction:
    """Figures and date expressions of ``body``, with offsets into ``body``.

    ``published`` is the date relative expressions ("last month", "on Tuesday")
    resolve against; with ``None`` only expressions that carry their own year
    are resolved. Text in a language without rules (:func:`supports`) gives none.
    """
    from store.extract.models import Extraction

    module = PIPELINES.get(language)
    if module is None:
        return Extraction(figures=[], dates=[])
    return importlib.import_module(module).extract(body, published)
