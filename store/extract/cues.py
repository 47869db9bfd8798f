"""Cues read around one number: whether it counts anything at all (not a year, a date,
a time, an age, a name with digits, a ratio), its qualifier ("up to", "about", "more
than") and whether its clause hedges it ("could", "plans to").
"""

from __future__ import annotations

import bisect
import re

from store.extract.actors import names_a_party
from store.extract.numbers import Number
from store.extract.units import DETERMINERS

MONTH_WORDS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_NAMEY_BEFORE = re.compile(r"(?:^|\s)(?:No\.?|Nos\.?|#|number|Number|aged?|ages)\s*$")

_QUALIFIERS: list[tuple[str, str]] = [
    (
        r"up to|as many as|as much as|at most|a maximum of|no more than|not more than|"
        r"fewer than|less than|just under|under|below",
        "max",
    ),
    (
        r"more than|well over|just over|over|at least|in excess of|upwards of|a minimum of|"
        r"no fewer than|no less than|above|the more than",
        "min",
    ),
    (
        r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|approaching|nearing|"
        r"estimated|circa|ca\.|approx\.|~|an approximate|more or less",
        "approx",
    ),
]
QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<q>" + "|".join(f"(?:{p})" for p, _ in _QUALIFIERS) + r")\s*$",
    re.I,
)
POST_QUAL = re.compile(r"^(?:\s+or\s+(?P<more>more|so)\b|(?P<plus>\+|-plus\b))", re.I)

HEDGE_RE = re.compile(
    r"\b(?:may|might|could|would|can|should|will|shall|won't|expects?|expected|expecting|"
    r"plans?|planned|planning|intends?|intended|promised?|promises|pledged?|pledges|"
    r"potential(?:ly)?|possib(?:le|ly)|likely|unlikely|probabl[ey]|ready to|prepared to|"
    r"set to|poised to|prepar(?:es|ing|e) to|considering|aims? to|threaten(?:s|ed)?|proposed|if|hopes? to|"
    r"seeks? to|wants? to|projected|forecasts?|predicted|anticipated?)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(
    r"[;:]|\bbut\b|,\s*(?:with|which|who|while|as|after|although|though|and|whereas|where|"
    r"when|since|because)\b"
)
RIGHT_STOP = re.compile(r"[,;:]|\s(?:and|but|which|who|whose|while|after|when)\s")


_QUAL_REACH = 48  # longer than any qualifier phrase with its spacing
_REACH = 120  # how far around a number its cues are looked for


def qualifier_of(s: str, num: Number) -> tuple[str | None, int]:
    """(qualifier, start of its words) for the number at ``num``."""
    # The qualifier ends where the number starts: look only at the words just before it
    # (a search from 0 would rescan the whole sentence for every number in it).
    m = QUAL_RE.search(s, max(0, num.start - _QUAL_REACH), num.start)
    if not m:
        return None, num.start
    q = m.group("q").lower()
    for pattern, kind in _QUALIFIERS:
        if re.fullmatch(pattern, q, re.I):
            return kind, m.start("q")
    return None, num.start


def not_a_count(
    s: str, num: Number, date_spans: list[tuple[int, int]], sent_first_word: int
) -> bool:
    a, b = num.start, num.end
    if any(x <= a and b <= y for x, y in date_spans):
        return True  # inside a date ("October 4"); "October 7 to 22,722" cuts no number
    # Every cue below sits within a few words of the number: look at a window around it
    # (slicing the whole sentence for each number made run-on sentences quadratic).
    lo = max(0, a - _REACH)
    before = s[lo:a]
    after = s[b : b + _REACH]
    if a >= 2 and s[a - 1] in "-‐" and s[a - 2].isalnum() and not s[a - 2].isdigit():
        return True  # F-16, COVID-19, G-20
    if a >= 1 and (s[a - 1].isalpha() or s[a - 1] in "/"):
        return True
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b|o'clock|:\d)", after, re.I):
        return True
    if re.match(r"\s*-?\s*(?:year|month|week|day)s?[- ]old\b", after, re.I):
        return True
    if re.match(r"[-‐](?!strong\b|plus\b)[A-Za-z]", after):
        return True  # "a two-decade high", "a 10-point plan": a compound modifier, not a count
    if _NAMEY_BEFORE.search(before):
        return True
    if re.search(
        # a ratio's first term is small: "92,231 out of 126,875 voters" are two counts
        r"(?<![\d,.])\b(?:1?\d|20|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(?:in|out of)\s+$",
        before,
        re.I,
    ):
        return True  # "nine in ten", "one out of five": a ratio, not a count
    prev = re.search(r"([^\W\d_][\w'’\-]*)\W*$", before)
    nxt = re.match(r"\W*([^\W\d_]+)", after)
    day_or_year = num.value <= 31 or is_year(s, num)  # "3,000" is never a day of May
    if prev and prev.group(1).lower().rstrip(".") in MONTH_WORDS and not num.words and day_or_year:
        return True
    if (
        nxt
        and nxt.group(1).lower() in MONTH_WORDS
        and not num.words
        and after[:1] in " "
        and day_or_year
    ):
        return True
    # "Group of 20", "Article 5": a capitalised name owns the number
    if re.search(r"\b[A-Z][a-z]+\s+of\s+$", before) and not num.words:
        return True
    if (
        prev
        and not num.words
        and "," not in s[a:b]
        and prev.group(1)[0].isupper()
        and not prev.group(1).endswith(("'s", "’s"))  # "West Virginia's 55 counties"
        and prev.end(1) == len(before.rstrip())
        and prev.start(1) + lo > sent_first_word
        and not names_a_party(prev.group(1))
        and not QUAL_RE.search(before)
    ):
        return True
    if num.words:
        if re.match(r"one\b", s[a:b], re.I) and re.match(r"\s+of\b", after):
            return True
        pw = re.search(r"(\w+)\s+$", before)
        if num.value < 20 and pw and pw.group(1).lower() in DETERMINERS:
            return True  # "the two countries": a reference, not a count
    return False


def is_year(s: str, num: Number) -> bool:
    text = s[num.start : num.end]
    return (
        re.fullmatch(r"\d{4}", text) is not None
        and 1800 <= num.value <= 2100
        and num.high is None
        and not num.percent
        and not num.currency
    )


class Hedges:
    """The hedge words of one sentence, found once, so that each figure's clause is
    checked with a bisect instead of a scan (:func:`is_hedged` for one figure)."""

    __slots__ = ("s", "starts", "ends")

    def __init__(self, s: str) -> None:
        spans = [(m.start(), m.end()) for m in HEDGE_RE.finditer(s)]
        self.s = s
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def _any_within(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.starts, lo)
        return i < len(self.starts) and self.ends[i] <= hi

    def hedged(self, start: int, end: int, clause_start: int) -> bool:
        """A hedge word between the clause start and ``start``, or after ``end`` before
        the next stop."""
        if self._any_within(clause_start, start):
            return True
        stop = RIGHT_STOP.search(self.s, end)
        return self._any_within(end, stop.start() if stop else len(self.s))


def is_hedged(s: str, start: int, end: int, clause_start: int | None = None) -> bool:
    """A modal or plan word in the clause of ``s[start:end]``. ``clause_start``, when the
    caller knows it, saves rescanning the sentence for clause breaks."""
    left = s[:start]
    if clause_start is None:
        clause_start = 0
        for m in CLAUSE_BREAK.finditer(left):
            clause_start = m.end()
    if HEDGE_RE.search(left, clause_start):
        return True
    stop = RIGHT_STOP.search(s, end)
    right = s[end : stop.start() if stop else len(s)]
    return HEDGE_RE.search(right) is not None
