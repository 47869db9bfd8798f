"""ISO 8601 values at their own granularity as calendar periods (first day, last day).

``2024`` -> 2024-01-01..2024-12-31, ``2024-10`` -> the month, ``2024-W44`` -> its
Monday..Sunday, ``2024-Q4``, TimeML seasons (``2024-SU``), ``2024-10-27``. Anything
unreadable is None: a claim without a usable date sorts after the dated ones.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


@lru_cache(maxsize=8192)
def period(value: str | None) -> tuple[date, date] | None:
    if not value:
        return None
    v = value.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(?:-(\d))?", v):
            start = date.fromisocalendar(int(m[1]), int(m[2]), int(m[3] or 1))
            return start, start + timedelta(days=0 if m[3] else 6)
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            last = q * 3
            return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
            y, (a, b) = int(m[1]), _SEASONS[m[2]]
            end_y, end_m = (y + 1, b - 12) if b > 12 else (y, b)
            return date(y, a, 1), date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])
        if m := re.match(r"(\d{4})", v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    return None


@lru_cache(maxsize=8192)
def sort_start(value: str | None) -> str:
    """First day as ISO text, for ordering; '9999-12-31' when unknown (sorts last)."""
    p = period(value)
    return p[0].isoformat() if p else "9999-12-31"
