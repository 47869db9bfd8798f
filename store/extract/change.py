"""Change statements: "rose from 15% to 35%", "up from 2,300", "widened to $1.8 trillion
from $1.7 trillion", "doubled to 1,000 from 500".

A change names two values of one quantity: the value it reached (after "to", or the
figure the sentence is about) and an earlier value (after "from", "up from", "down
from", "compared with"). They are two figures, each dated by its own words, not a
range; ``from 10,000 to 12,000`` without a change word before it stays a range.

Pure text rules, used by :mod:`store.extract.numbers` (split the pair) and
:mod:`store.extract.figdates` (date each value by its own words).
"""

from __future__ import annotations

import re

# A verb or noun of change: rose, fell, widened, doubled, "a rise", "went up".
_CHANGE = (
    r"(?:rose|ris(?:e[sn]?|ing)|fell|fall(?:s|en|ing)?|increas(?:e[sd]?|ing)|"
    r"decreas(?:e[sd]?|ing)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surg(?:e[sd]?|ing)|"
    r"soar(?:s|ed|ing)?|drop(?:s|ped|ping)?|declin(?:e[sd]?|ing)|grow(?:s|n|ing)?|grew|"
    r"widen(?:s|ed|ing)?|narrow(?:s|ed|ing)?|shr[iau]nk(?:s|ing)?|swell(?:s|ed|ing)?|"
    r"swollen|doubl(?:e[sd]?|ing)|tripl(?:e[sd]?|ing)|quadrupl(?:e[sd]?|ing)|"
    r"halv(?:e[sd]?|ing)|cut(?:s|ting)?|reduc(?:e[sd]?|ing)|rais(?:e[sd]?|ing)|"
    r"lower(?:s|ed|ing)?|boost(?:s|ed|ing)?|slash(?:es|ed|ing)?|expand(?:s|ed|ing)?|"
    r"contract(?:s|ed|ing)?|plung(?:e[sd]?|ing)|plummet(?:s|ed|ing|ted|ting)?|"
    r"tumbl(?:e[sd]?|ing)|slid(?:e|es|ing)?|slip(?:s|ped|ping)?|edg(?:e[sd]?|ing)|"
    r"went|gone|go(?:es)?|revis(?:e[sd]?|ing)|hik(?:e[sd]?|ing)|spik(?:e[sd]?|ing)|"
    r"rebound(?:s|ed|ing)?|recover(?:s|ed|ing)?|worsen(?:s|ed|ing)?|improv(?:e[sd]?|ing)|"
    r"accelerat(?:e[sd]?|ing)|slow(?:s|ed|ing)?|deepen(?:s|ed|ing)?|balloon(?:s|ed|ing)?|"
    r"swung|swing(?:s|ing)?|rise|gain(?:s|ed|ing)?|los(?:s|es|t|ing)|up|down|higher|"
    r"lower|more|fewer|less)"
)
# A change word, then at most a few words, ending where "from" starts.
_CHANGE_BEFORE = re.compile(
    r"\b" + _CHANGE + r"\b(?:[^\S\n]+(?!from\b|and\b|but\b|while\b)[^\s;:]+){0,8}[^\S\n]*$", re.I
)
# Where an earlier value is introduced, ending just before the number (or its qualifier).
_EARLIER_MARK = re.compile(
    r"(?:\b(?:up|down|higher|lower|rising|falling|increasing|decreasing|climbing|dropping)"
    r"[^\S\n]+from|\bfrom|\bcompared[^\S\n]+(?:with|to)|\bversus|\bvs\.?|\bagainst)[^\S\n]+"
    r"(?:(?:the|about|around|some|nearly|almost|roughly|just|only|more\s+than|less\s+than|over|"
    r"under|an?\s+estimated|a\s+record|a\s+revised|a\s+total\s+of)[^\S\n]+)*$",
    re.I,
)
_PLAIN_FROM = re.compile(r"^from\b", re.I)
_BREAK = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bwhereas\b")


def change_before(s: str, pos: int, reach: int = 90) -> bool:
    """Whether a change word governs the "from" at ``s[pos:]``: "rose sharply from"."""
    left = s[max(0, pos - reach) : pos]
    cuts = [c.end() for c in _BREAK.finditer(left)]
    if cuts:
        left = left[cuts[-1] :]
    return _CHANGE_BEFORE.search(left) is not None


def earlier_mark(s: str, num_start: int) -> int | None:
    """Start of the words that introduce ``s[num_start:]`` as an earlier value of a change
    ("up from", "compared with", "from" after a change word), else None."""
    m = _EARLIER_MARK.search(s, max(0, num_start - 60), num_start)
    if m is None:
        return None
    if _PLAIN_FROM.match(m.group()) and not change_before(s, m.start()):
        return None  # "evacuated from 300 homes": a source, not an earlier value
    if m.group().lower().startswith("against") and not re.search(
        r"\d", s[max(0, m.start() - 80) : m.start()]
    ):
        return None  # "fought against 300 rebels": only "40,000, against 26,000" compares
    return m.start()
