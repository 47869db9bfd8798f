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

EXTRACTOR_VERSION = 11
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
troops") is one count (issue 15). 8: the general rules the misses of gold_dev3 showed (a fourth real-news set): Indian and
Malaysian scales and currencies; speakers by role head, bodies and websites; appositive
speakers; relative-clause and estimate owners; speakers carried only where the text goes on
(a quotation, "It ..."), never from a sentence without a figure to the writer's next fact;
standing facts and the writer's history without a claimant; earlier values dated by their
own words; the month "May" never the modal; more plans hedge, and a figure dated after
publication is hedged; crowd, flight and abduction counts; "will not exceed" is a ceiling.
Each rule has its test sentences in tests/test_dev3_rules.py. 9: the date and hedging rules the misses of gold_dev4 showed: a
change's earlier value keeps its year to itself ("fewer than in March 2017" does not carry;
"the same month last year"), and no year carries to a date after "next"; a deadline in a
clause of the past, a date in the figure's own stretch between commas and a background
clause's own date date the figure, a date across a semicolon does not; spans ("between June 1
and June 15", "January-June", "in June, July and August") date at what their ends share; "the
year to March" names March; a future weekday in that weekday's paper is the same day; "a
planned 5,000" and "is played" are no tense of the sentence; "full-year 2012 earnings" is no
count; more hedges (targets with a copula, guidance, forecasts as nouns, promises, what may yet
happen, periods to come, a hedge carried over ", and close ..." or past an aside, none from a
plan word after a figure whose own verb is past). Each rule has its test sentences in
tests/test_dev4_rules.py. 10: the general claimant
rules the misses of gold_dev5 showed (real news chosen for hard attribution):
"According to him:" and "she said" resolved to the person or role named before (or to a
rival named at the head of the sentence before); a paragraph of quotation goes on quoting;
a publication's later paragraphs of percentages and a report's next sentence stay its own;
bare figures between two sentences of one speaker are his; ", he added, insisting that"
still closes; a "which represents 45,000 nurses" aside is not the speaker; federations,
associations and the like speak; "The new toll was confirmed by X" speaks for the sentence
before; "estimated at $3.5 billion by X" names its source after the figure; "X, in a
statement on Sunday, said" and "X, citing court filings, said" are X; "project" and
"predict" speak after a plural subject; a survey, poll or study opening its sentence speaks
for what it found; the writer's standing facts ("has 14,000 residents", "the target is
2%"), history ("since 2016", "in January, when") and the market's answer (", sending its
shares down 7%") have no claimant. Tests in tests/test_dev5_rules.py. 11: 9 and 10
together (written side by side), and a relative clause's speaker is the source itself
("..., according to the Red Cross, which warned that ..." is the Red Cross).
"""

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
