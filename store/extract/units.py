"""What a number counts: the noun after it ("3,000 North Korean troops", "three of its
generals"), the noun it measures before it ("forces stood at an estimated 330,000", "the
death toll rose to 1,200"), or the casualty word around a bare number ("killing at least
30", "another 1,000 had been injured").

Used by ``store.extract.drafts``; every function works on one sentence's text. This module
reads the noun after a number (:func:`unit_after`, whole units such as "basis points")
and the noun a bare number shares with the one before it (:func:`elided`). The noun
before a number is read by ``store.extract.measured_nouns``; the word lists are
``store.extract.unit_words``. Both are re-exported here.
"""

from __future__ import annotations

import re

from store.extract.actors import names_a_party
from store.extract.measured_nouns import (  # noqa: F401 (re-exported)
    MEASURING_VERBS,
    context_unit,
    is_measuring_verb,
    noun_before,
    unit_before,
)
from store.extract.unit_words import (  # noqa: F401 (re-exported)
    CASUALTY_ADJECTIVES,
    CASUALTY_AFTER,
    CASUALTY_UNIT,
    CASUALTY_VERB,
    COLLECTIVES,
    CROWD_WORDS,
    CURRENCY_WORDS,
    DATE_WORDS,
    DETERMINERS,
    ELIDED_UNIT,
    IRREGULAR_PLURALS,
    MEASURE_NOUNS,
    MEASURES,
    MODIFIERS,
    NOT_PLURAL,
    PLURAL_MODIFIERS,
    S_SINGULARS,
    SAME_AS_BEFORE,
    SAME_AS_BEFORE_UNIT,
    SINGULAR_HEADS,
    STOP,
    TIME_UNITS,
    is_plural,
)

TOKEN = re.compile(
    r"\((?:[^()]{1,40})\)|[^\W\d_][\w'’\-]*(?:\.(?=\w))?[\w]*|\d[\d,.]*\d|\d|[^\w\s]"
)
# Units of more than one word: "50 basis points", "12,000 square kilometres", "500
# megawatt hours". Written as one unit, lower case plural.
_COMPOUND_UNIT = re.compile(
    r"(?P<a>basis|percentage)[\s-]+(?P<b>points?)\b"
    r"|(?P<c>square|sq\.?|cubic)[\s-]+(?P<d>kilometres?|kilometers?|km|miles?|metres?|"
    r"meters?|m|feet|foot|ft|yards?|inch(?:es)?)(?!\w)"
    r"|(?P<e>kilowatt|megawatt|gigawatt|terawatt|watt)[\s-]+(?P<f>hours?)\b",
    re.I,
)
_PLURAL_OF = {
    "point": "points",
    "kilometre": "kilometres",
    "kilometer": "kilometers",
    "mile": "miles",
    "metre": "metres",
    "meter": "meters",
    "foot": "feet",
    "yard": "yards",
    "inch": "inches",
    "hour": "hours",
}


def compound_unit(s: str, pos: int) -> tuple[str, int] | None:
    """A unit of more than one word starting at ``pos``: ("basis points", end)."""
    m = _COMPOUND_UNIT.match(s, pos)
    if m is None:
        return None
    first, second = [g.lower() for g in m.groups() if g is not None]
    first = first.rstrip(".")
    return f"{first} {_PLURAL_OF.get(second, second)}", m.end()


def _noun_like_plural(low: str) -> bool:
    """A plural that reads as a noun after another noun ("forces soldiers"), not a verb
    ("troops comes")."""
    return low in IRREGULAR_PLURALS or low.endswith(
        ("ers", "ors", "ists", "ians", "ants", "ents", "men", "ops", "ies", "ees", "ards")
    )


_DOTTED = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")


def _noun_follows(toks: list[re.Match[str]], j: int, title_case: bool) -> bool:
    """Whether a plural noun follows within the noun phrase, past a few modifiers."""
    for m in toks[j : j + 4]:
        tok = m.group(0)
        if not tok[0].isalpha() or tok.lower() in STOP:
            return False
        if is_plural(tok, title_case) and (tok[0].islower() or title_case or names_a_party(tok)):
            return True
    return False


def _acronym(tok: str, title_case: bool) -> bool:
    return not title_case and 2 <= len(tok) <= 4 and tok.isupper()


def _capitalised_head(tok: str, nxt: str) -> bool:
    """ "300 Britons", "12 Democrats and", "40 NGOs": a capitalised plural (people of a
    nation, party or group) with no noun after it is what is counted; "Hamas fighters",
    "Texas counties", "Wells Fargo jobs" are modifiers, and so are names ending like
    plurals ("Hamas", "Paris", "Texas")."""
    if len(tok) < 3 or tok.lower().endswith(("ss", "us", "is", "as")):
        return False
    return not (nxt[:1].isalpha() and (nxt[0].isupper() or is_plural(nxt, False)))


def tokens(s: str, pos: int, limit: int = 9) -> list[re.Match[str]]:
    out = []
    for m in TOKEN.finditer(s, pos):
        out.append(m)
        if len(out) >= limit:
            break
    return out


def head_ok(tok: str, title_case: bool, value: float, plural_demonym: bool) -> bool:
    if tok[0].isupper() and not title_case:
        return plural_demonym
    if is_plural(tok, title_case):
        return True
    return value == 1 and tok.lower() in SINGULAR_HEADS


# A currency named in the singular as a modifier: "a 38 million euro fine", "a 2 billion
# dollar deal" ("pound" only for millions: "a 5 pound bag" is a weight).
SINGULAR_CURRENCIES = {
    w: w + "s"
    for w in """euro dollar pound rupee franc ruble rouble peso shekel dinar riyal hryvnia
    lira""".split()
} | {"yen": "yen", "yuan": "yuan", "won": "won", "ringgit": "ringgit"}


def unit_after(s: str, pos: int, value: float, title_case: bool) -> tuple[str, int] | str | None:
    """(unit, end) of the noun a number counts, "time" for durations, or None."""
    toks = tokens(s, pos, 12)
    mods = 0
    i = 0
    after_of = False
    while i < len(toks) and mods <= 6:
        m = toks[i]
        tok = m.group(0)
        low = tok.lower()
        if tok.startswith("("):
            mods += 1
            i += 1
            continue
        if tok in {'"', "”", "’"} and i == 0:
            i += 1  # a quoted amount: the Pentagon said "several hundred" killed
            continue
        if tok[0].isdigit() and after_of and i + 1 < len(toks):
            # "150 of the village's 1,800 residents", "44 of West Virginia's 55
            # counties": the whole the part is taken from names the noun
            after_of = False
            mods += 1
            i += 1
            continue
        if (
            tok == "."
            and i > 0
            and _DOTTED.fullmatch(toks[i - 1].group(0))
            and (toks[i - 1].end() == m.start())
        ):
            i += 1  # "U.S. dollars", "14 U.N. peacekeepers": the acronym's last dot
            continue
        if tok == "-" and i == 0 and m.start() == pos:
            return compound_unit(s, m.end())  # "a 25-basis-point rise", or nothing
        if not (tok[0].isalpha()):
            return None
        compound = compound_unit(s, m.start())
        if compound is not None:
            return compound
        if low in DATE_WORDS:
            return None  # "rose to 1.4 million last year": a date, not what is counted
        if low in TIME_UNITS or low.startswith("year-"):
            return "time"
        if tok in ("pct", "pc") and mods == 0:
            return "percent", m.end()  # "slipped 0.5 pct", "up 3pc": newswire percent
        if low in CURRENCY_WORDS or (low in MEASURES and mods == 0):
            return MEASURE_NOUNS.get(low, low), m.end()
        if mods == 0 and low in SINGULAR_CURRENCIES and (low != "pound" or value >= 1_000_000):
            return SINGULAR_CURRENCIES[low], m.end()  # "a 38 million euro fine"
        nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
        plural_demonym = (
            tok[0].isupper()
            and tok.endswith("s")
            and not tok.endswith(("'s", "’s"))
            and (names_a_party(tok) or (not title_case and _capitalised_head(tok, nxt)))
        ) or (
            # "250,000 Sudanese", "300 Chinese": a demonym in -ese counts people
            tok[0].isupper()
            and tok.endswith("ese")
            and len(tok) > 5
            and not title_case
            and _capitalised_head(tok, nxt)
        )
        if head_ok(tok, title_case, value, plural_demonym):
            if low in CASUALTY_ADJECTIVES and _noun_follows(toks, i + 1, title_case):
                # "4,000 displaced people", "900 newly displaced ethnic Karen villagers"
                i += 1
                mods += 1
                continue
            unit, end = low, m.end()
            # "special forces soldiers": a noun run ends at its last noun
            j = i + 1
            while (
                j < len(toks)
                and is_plural(toks[j].group(0), title_case)
                and (toks[j].group(0).lower() not in CASUALTY_ADJECTIVES)
                and (toks[j].group(0)[0].islower() or title_case)
                and (
                    _noun_like_plural(toks[j].group(0).lower())
                    or toks[j - 1].group(0).lower() in PLURAL_MODIFIERS
                )
            ):
                unit, end = toks[j].group(0).lower(), toks[j].end()
                j += 1
            return unit, end
        if low == "of":
            # partitive: "three of its generals", "thousands of North Korean troops"
            j = i + 1
            if j < len(toks) and toks[j].group(0).lower() in DETERMINERS:
                j += 1
            if j < len(toks) and toks[j].group(0).lower() in {"them", "whom", "which", "those"}:
                return None
            i = j
            mods += 1
            after_of = True
            continue
        if low == "and":
            if nxt and nxt[0].isupper():
                i += 1
                continue
            return None
        if low in MODIFIERS:  # "3,000 more troops", "4,000 additional soldiers"
            mods += 1
            i += 1
            continue
        if low in STOP and not _acronym(tok, title_case):  # "5,000 US troops", "IT staff"
            return None
        # an adjective, a demonym or a noun used as a modifier
        mods += 1
        i += 1
    return None


# A bare number whose noun is the one of the figure before it: "117 people in Gansu and
# 31 in Qinghai", "77,500 people, including 8,200 in Paris", "32 killed, 28 of them
# soldiers", "more than on Saturday (300,000)", "818 homes and another 167".
_ELIDED_BEFORE = re.compile(
    r"(?:\b(?:including|and|or|against|versus|vs\.?|compared\s+(?:with|to)|another|while|but)\s+"
    r"|\(\s*)(?:(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|"
    r"just|only|roughly|an\s+estimated|another)\s+)*$",
    re.I,
)
_ELIDED_AFTER = re.compile(
    r"\s*\)|\s+of\s+(?:them|whom|those|these)\b|\s+(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z]"
    r"|\s*,?\s+according\s+to\b"
)
_OF_THEM_NOUN = re.compile(r"\s+of\s+(?:them|whom|those|these)\s+([^\W\d_][\w'’-]*)")


def of_them_noun(s: str, end: int) -> tuple[str, int] | None:
    """ "28 of them soldiers": the noun after "of them" names what the number counts."""
    m = _OF_THEM_NOUN.match(s, end)
    if m and is_plural(m.group(1), False):
        found = unit_after(s, m.start(1) - 1, 2, False)  # "police officers": the noun run
        return found if isinstance(found, tuple) else (m.group(1).lower(), m.end(1))
    return None


def elided(s: str, start: int, end: int) -> bool:
    """Whether the bare number at ``s[start:end]`` (written in digits) elides the noun of
    the figure before it."""
    text = s[start:end]
    if not re.search(r"\d", text) or re.match(r"(?:1[89]|20)\d\d(?:\b|[-–/]\d\d\b)", text):
        return False  # "between now and 2023-24": a (fiscal) year
    if _ELIDED_AFTER.match(s, end):
        return True
    return _ELIDED_BEFORE.search(s, max(0, start - 40), start) is not None
