"""Calendar arithmetic for resolving dates, and the choice of which day, month or
weekend a text means when it names no year.

Pure ``datetime`` arithmetic: ISO values at each granularity (``2024-10-27``,
``2024-10``, ``2024-W44``), month shifts, the ISO "majority" week of a month, TimeML
seasons (``SEASONS``), holidays and their days (``HOLIDAYS``: Easter by the Gregorian
computus, Thanksgiving), and picking among candidate days by tense (the nearest past
one, the next one when the clause speaks of the future). :func:`_resolve_day`,
:func:`_month_result` and :func:`_weekend` add the story's context (the year carried
forward, the clause's tense) kept by ``store.extract.dates``. The rules are described
in that module's docstring.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from store.extract.date_patterns import MONTH_NUM, WEEKDAY_NUM
from store.extract.tense import FUTURE, NEAR, PAST

if TYPE_CHECKING:
    from store.extract.date_handlers import Result
    from store.extract.dates import _Ctx


def _mnum(word: str) -> int:
    w = word.rstrip(".").lower()
    return MONTH_NUM.get(w) or MONTH_NUM[w[:3]]


def _wnum(word: str) -> int:
    w = word.rstrip(".").lower()
    return WEEKDAY_NUM.get(w, WEEKDAY_NUM.get(w[:3], 0))


def _day_int(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _iso_day(d: date) -> str:
    return d.isoformat()


def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _pick_day(
    pub: date,
    month: int,
    day: int,
    tense: str | None,
    weekday: int | None = None,
) -> date | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            pass
    if not cands:
        return None
    if weekday is not None:
        agree = [c for c in cands if c.weekday() == weekday]
        if agree:
            return min(agree, key=lambda c: abs((c - pub).days))
    past = [c for c in cands if c <= pub]
    future = [c for c in cands if c >= pub]
    if not future:
        return past[-1]
    if not past:
        return future[0]
    if tense == FUTURE:
        return future[0]
    ahead, back = (future[0] - pub).days, (pub - past[-1]).days
    if tense in (NEAR, None) and ahead < back:
        return future[0]
    return past[-1]


def _pick_month(pub: date, month: int, tense: str | None) -> tuple[int, int]:
    here = (pub.year, pub.month)
    if tense in (NEAR, None):
        tense = FUTURE if (month - pub.month) % 12 < (pub.month - month) % 12 else PAST
    if tense == FUTURE:
        return (pub.year, month) if (pub.year, month) >= here else (pub.year + 1, month)
    return (pub.year, month) if (pub.year, month) <= here else (pub.year - 1, month)


def _week_of_month(year: int, month: int, ordinal: int) -> date:
    """A day inside the ordinal-th week of the month (ISO majority rule, see module doc)."""
    if ordinal < 0:
        y, m = _shift_month(year, month, 1)
        last = date(y, m, 1) - timedelta(days=1)
        # the week holding the last day counts when Thu..Sun of it (>= 4 days) fall inside
        return last if last.weekday() >= 3 else last - timedelta(days=7)
    first = date(year, month, 1)
    base = first if first.weekday() <= 3 else first + timedelta(days=7)
    return base + timedelta(days=7 * (ordinal - 1))


# Meteorological seasons of the northern hemisphere, as TimeML writes them: 2024-SU is
# June-August 2024; 2024-WI is December 2024 to February 2025 (the winter that starts
# in that year).
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_span(year: int, code: str) -> tuple[date, date]:
    m = _SEASON_START[code]
    y2, m2 = _shift_month(year, m, 3)
    return date(year, m, 1), date(y2, m2, 1) - timedelta(days=1)


def _pick_season(pub: date, code: str, tense: str | None, rel: str) -> int:
    """The year of the season meant: this/last/next, else the one under way, else by tense."""
    spans = [(y, *_season_span(y, code)) for y in range(pub.year - 2, pub.year + 2)]
    past = [y for y, _a, b in spans if b < pub]
    future = [y for y, a, _b in spans if a > pub]
    now = [y for y, a, b in spans if a <= pub <= b]
    if rel in ("last", "past", "this past"):
        return past[-1]
    if rel in ("next", "coming"):
        return future[0]
    if now:
        return now[0]
    if tense == PAST:
        return past[-1]
    if tense == FUTURE:
        return future[0]
    back = (pub - _season_span(past[-1], code)[1]).days
    ahead = (_season_span(future[0], code)[0] - pub).days
    return future[0] if ahead < back else past[-1]


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lx) // 451
    month, day = divmod(h + lx - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (the United States' holiday)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


# Holiday -> its day in a given year. Lunar and national holidays whose day depends on a
# country or a calendar not computed here (Eid, Diwali, Independence Day) are left out.
HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "xmas": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "boxing day": lambda y: date(y, 12, 26),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1),
    "new year": lambda y: date(y, 1, 1),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "may day": lambda y: date(y, 5, 1),
    "the fourth of july": lambda y: date(y, 7, 4),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "thanksgiving": _thanksgiving,
    "thanksgiving day": _thanksgiving,
}


def _pick_among(pub: date, cands: list[date], tense: str | None, rel: str = "") -> date:
    """One of the candidate days (sorted): strictly before/after for last/next, else as
    :func:`_pick_day` picks by tense."""
    if rel == "last":
        return [c for c in cands if c < pub][-1]
    if rel in ("next", "coming"):
        return [c for c in cands if c > pub][0]
    past = [c for c in cands if c <= pub]
    future = [c for c in cands if c >= pub]
    if rel == "this" and tense not in (PAST, FUTURE):
        tense = None
    if not future:
        return past[-1]
    if not past:
        return future[0]
    if tense == FUTURE:
        return future[0]
    if tense in (NEAR, None) and (future[0] - pub).days < (pub - past[-1]).days:
        return future[0]
    return past[-1]


_UNTIL = re.compile(r"\b(?i:until|till)[^\S\n]+$")


def _consistent(first: date, last: date, pub: date, tense: str | None, weak: bool) -> bool:
    """Whether a period agrees with the tense of its clause (not past when it lies ahead)."""
    if tense == PAST and first > pub:
        return False
    return not ((tense == FUTURE or (weak and tense != PAST)) and last < pub)


def _resolve_day(
    ctx: _Ctx,
    m: re.Match,
    month: int,
    day: int,
    year: int | None,
    a: int,
    b: int,
    weekday: int | None = None,
) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if ctx.pub is None:
        return None
    tense, weak = ctx.tense(a, b)
    carried = ctx.carry()
    if carried is not None:
        try:
            cand = date(carried, month, day)
        except ValueError:
            cand = None
        if (
            cand is not None
            and (weekday is None or cand.weekday() == weekday)
            and _consistent(cand, cand, ctx.pub, tense, weak)
        ):
            ctx.carried = True
            return cand
    if weak and tense != PAST:
        tense = FUTURE
    elif tense == PAST and _UNTIL.search(ctx.body, max(0, a - 8), a):
        tense = NEAR  # "were remanded until April 22": an end may lie ahead of a past act
    return _pick_day(ctx.pub, month, day, tense, weekday)


def _weekend(ctx: _Ctx, pub: date, kind: str, a: int, b: int) -> date:
    """A day of the weekend meant: the coming one for this/next or future talk, else the
    last one (the current one when published on a Saturday or Sunday)."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # on or before pub
    if pub.weekday() >= 5:
        current = saturday
    else:
        current = saturday + timedelta(days=7) if kind in ("this", "coming") else saturday
    if kind == "last":
        return saturday - timedelta(days=7) if pub.weekday() >= 5 else saturday
    if kind == "next":
        return saturday + timedelta(days=7)
    if kind == "" and pub.weekday() < 5 and ctx.tense(a, b)[0] in (FUTURE, NEAR):
        return saturday + timedelta(days=7)
    return current


def _month_result(
    ctx: _Ctx,
    m: re.Match,
    k: str,
    month: int,
    year: int | None,
    a: int,
    b: int,
    prep: str | None = None,
) -> Result | None:
    if year is None:
        if ctx.pub is None:
            return None
        tense, weak = ctx.tense(a, b)
        carried = ctx.carry()
        p = (prep or "").lower()
        if carried is not None and p not in ("last", "next", "this"):
            first = date(carried, month, 1)
            last = date(*_shift_month(carried, month, 1), 1) - timedelta(days=1)
            if _consistent(first, last, ctx.pub, tense, weak):
                ctx.carried = True
                return a, b, _iso_month(carried, month), None, "month"
        if p in ("since", "last", "as of"):
            tense = PAST
        elif p in ("next", "as early as") or p.startswith("as") and "early" in p:
            tense = FUTURE
        elif (weak or p in ("by", "until", "till", "before")) and tense != PAST:
            tense = FUTURE
        year, month = _pick_month(ctx.pub, month, tense)
    return a, b, _iso_month(year, month), None, "month"
