"""The publication date of an article: given, or inferred from its text, or unknown.

Relative dates in an article ("last month", "on Tuesday") resolve against its
publication date, so a wrong one silently shifts a whole timeline. The rules:

1. A date the user or the source gives (``--published``, a folder's ``manifest.json``,
   a feed's or page's own date) wins, and is not marked as inferred.
2. Otherwise the text is read for day-precise dates that fix their own year:
   an explicit date with a year (``November 5, 2024``, ``5 Nov 2024``, ``2024-11-05``),
   or a weekday named beside a month and day (``Tuesday, November 19``): the year is
   the latest one, not in the future, in which that day fell on that weekday. The
   latest such date that is not in the future is taken, marked as inferred. A news
   report is written on or after the last day it reports on, so this is the closest
   lower bound the text itself gives.
3. Otherwise the date is unknown (None). Never "today": an ingest date is not a
   publication date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_MONTH = (
    r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"

# Month-first or day-first, optionally preceded by a weekday, optionally with a year.
_MDY = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?\b{_MONTH.format(n='m1')}\s+{_DAY.format(n='d1')}\b"
    rf"(?:,?\s+{_YEAR.format(n='y1')}\b)?",
    re.I,
)
_DMY = re.compile(
    rf"(?:\b{_WEEKDAY},?\s+)?(?:the\s+)?\b{_DAY.format(n='d1')}\s+(?:of\s+)?"
    rf"{_MONTH.format(n='m1')}(?![a-z])(?:,?\s+{_YEAR.format(n='y1')}\b)?",
    re.I,
)
_ISO = re.compile(r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def year_for_weekday(month: int, day: int, weekday: int, today: date) -> date | None:
    """The latest date not after ``today`` that is ``month``/``day`` and falls on ``weekday``.

    Looks back 30 years; a month-day repeats its weekday every 5, 6 or 11 years, so
    the latest match is the sensible reading for news.
    """
    for year in range(today.year, today.year - 31, -1):
        d = _safe_date(year, month, day)
        if d is not None and d <= today and d.weekday() == weekday:
            return d
    return None


def explicit_dates(text: str, today: date | None = None) -> list[date]:
    """Day-precise dates of ``text`` that fix their own year, none after ``today``."""
    today = today or date.today()
    found: list[date] = []
    for m in _ISO.finditer(text):
        d = _safe_date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        if d is not None:
            found.append(d)
    for pattern in (_MDY, _DMY):
        for m in pattern.finditer(text):
            month = MONTHS[m["m1"][:3].lower()]
            day = int(m["d1"])
            if m["y1"]:
                d = _safe_date(int(m["y1"]), month, day)
            elif m["wd"]:
                d = year_for_weekday(month, day, WEEKDAYS[m["wd"][:3].lower()], today)
            else:
                d = None
            if d is not None:
                found.append(d)
    return [d for d in found if d <= today]


def infer_published(text: str, today: date | None = None) -> date | None:
    """The latest explicit past date in ``text`` (see the module rules), or None."""
    dates = explicit_dates(text, today)
    return max(dates) if dates else None


_STAMP = re.compile(
    r"^[ \t]*(?P<kind>published|posted|first\s+published|updated|last\s+updated)\b[:\s]*(?P<rest>[^\n]{4,60})$",
    re.I | re.M,
)


def stamped_date(raw: str, today: date | None = None) -> date | None:
    """The page's own stamp ("Published 18 November 2024, 10:45 GMT"), which cleaning
    drops as furniture: a "published"/"posted" stamp wins over an "updated" one."""
    best: tuple[int, date] | None = None
    for m in _STAMP.finditer(raw[:5000]):
        found = explicit_dates(m["rest"], today)
        if not found:
            continue
        rank = 1 if "updat" in m["kind"].lower() else 0
        if best is None or rank < best[0]:
            best = (rank, found[0])
    return best[1] if best else None


def resolve_published(
    given: date | None, text: str, today: date | None = None, raw: str | None = None
) -> tuple[date | None, bool]:
    """``(publication date, inferred?)``: ``given`` wins; then the page's own stamp in
    ``raw``; else inferred from ``text``; else ``(None, False)``."""
    if given is not None:
        return given, False
    stamp = stamped_date(raw, today) if raw else None
    if stamp is not None:
        return stamp, False
    inferred = infer_published(text, today)
    return inferred, inferred is not None


def parse_iso_date(value: str) -> date:
    """A date as a user types it: ISO ``YYYY-MM-DD`` first, else a written date with a
    day, a month and a year ("18 Nov 2024", "November 18, 2024"), read by dateparser.
    ValueError with a readable message otherwise."""
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    # Only with a month written in words: "05/11/2024" is 5 November or May 11.
    if any(ch.isdigit() for ch in text) and any(ch.isalpha() for ch in text):
        import dateparser  # slow to import: only when a date is not ISO

        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        )
        if parsed is not None:
            return parsed.date()
    raise ValueError(f"not a date (use YYYY-MM-DD): {value!r}")
