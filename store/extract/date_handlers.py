"""One date expression -> its value: the handler of each form the date patterns find.

:func:`_handle` dispatches on the pattern's kind (``store.extract.date_patterns``) and
returns ``(start, end, value, end_value, granularity)``: day ranges, dates with a weekday,
ISO and numeric dates, weeks of a month, parts and edges of a period, seasons, holidays
(:func:`_holiday`), days of the month alone (:func:`_ordinal_day`), years used as names
(``the 2016 elections``: :func:`_dates_a_noun`), anchored and relative expressions. The
calendar arithmetic is ``store.extract.date_calendar``; the walk over an article, with
the year carried forward, is ``store.extract.dates``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from store.extract.date_calendar import (
    HOLIDAYS,
    SEASONS,
    _consistent,
    _day_int,
    _iso_day,
    _iso_month,
    _iso_week,
    _mnum,
    _month_result,
    _pick_among,
    _pick_month,
    _pick_season,
    _resolve_day,
    _season_span,
    _shift_month,
    _week_of_month,
    _weekend,
    _wnum,
)
from store.extract.date_patterns import AMBIGUOUS_MONTHS, MONTH_FULL, NUMBER_WORDS, ORDINALS
from store.extract.tense import FUTURE, MONTH_BEFORE, NEAR, PAST

# "in the year to March", "the 12 months to June": a period ending in that month
_PERIOD_TO = re.compile(
    r"\b(?i:year|months|weeks|quarter|period|half)[^\S\n]+(?i:to|ending|ended)[^\S\n]+$"
)
_AFTER_MONTH = re.compile(r"\b" + MONTH_FULL + r",[^\S\n]*$")
# "exported 683,000 bags in the same month last year": the month named, a year before
_YEAR_BEFORE_AFTER = re.compile(
    r"[^\S\n]+(?i:last[^\S\n]+year|a[^\S\n]+year[^\S\n]+(?:earlier|ago|before)|"
    r"of[^\S\n]+(?:the[^\S\n]+)?(?:previous|prior|preceding|last)[^\S\n]+year)\b"
)

if TYPE_CHECKING:
    from store.extract.dates import _Ctx

# "the September 11 attacks": a day named without a year before a noun names an event
_ATTRIBUTIVE = re.compile(
    r"[^\S\n]+(?!(?i:and|or|to|at|in|on|when|as|after|before|but|with|while|the|a|an|of|"
    r"for|from|that|this|last|next|which|who|is|was|were|are|will|would|had|has|have|said|"
    r"says|local|time|GMT|UTC|after|until|through)\b)[A-Za-z][a-z]+"
)
NAME_WINDOW = 31  # days: an event named so, longer ago than this, is another story's
# "the 2016 elections" dates them; "the 2000 troops", "the 2000 new homes" count them
_COUNTED = frozenset(
    """people police staff personnel crew infantry militia cattle livestock aircraft children
    men women youth military""".split()
)
_EVENTS = frozenset(
    """elections polls games olympics championships finals floods protests riots talks attacks
    midterms primaries hearings accords negotiations strikes quakes earthquakes fires wildfires
    storms hurricanes results figures estimates accounts statistics data census accords
    sanctions measures reforms rules laws regulations playoffs awards""".split()
)
_MODIFIER = re.compile(
    r"[a-z]+-[a-z-]+|[a-z]+(?:al|ic|ive|ary|ern|ed|ian|ese|ish)|new|extra|more|other|additional|further"
)
_NOT_PLURAL = frozenset("was has its as this his is us yes thus whereas".split())


def _dates_a_noun(body: str, b: int) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", body[b : b + 60])[:2]
    for i, w in enumerate(words):
        low = w.lower()
        if low in _EVENTS:
            return True
        if low in _COUNTED or (
            low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _NOT_PLURAL
        ):
            return False
        if i == 0 and not _MODIFIER.fullmatch(w):
            return True
    return bool(words)


def _year_or_none(m: re.Match, p: str) -> int | None:
    y = m.group(p + "year")
    return int(y) if y else None


Result = tuple[int, int, str, str | None, str]  # start, end, value, end_value, granularity


def _h_range(ctx: _Ctx, m: re.Match, k: str, a: int, b: int) -> Result | None:
    p = k
    m1 = _mnum(m.group(p + "mon") or m.group(p + "mon2"))
    m2 = _mnum(m.group(p + "mon2")) if m.group(p + "mon2") else m1
    d1, d2 = _day_int(m.group(p + "day")), _day_int(m.group(p + "day2"))
    year = _year_or_none(m, p)
    try:
        if year is not None:  # the year is written after the end: 30 December to 2 January 2025
            last = date(year, m2, d2)
            first = date(year - (1 if m2 < m1 else 0), m1, d1)
        else:
            first = _resolve_day(ctx, m, m1, d1, None, a, b)
            if first is None:
                return None
            last = date(first.year + (1 if m2 < m1 else 0), m2, d2)
    except ValueError:
        first = last = None
    if first is not None and last is not None and first < last:
        return a, b, _iso_day(first), _iso_day(last), "day"
    if p == "rmd":  # "Oct 26 - 3 people died": keep the date, drop the false range
        b = m.end(p + "day")
        d = _resolve_day(ctx, m, m1, d1, None, a, b)
        return (a, b, _iso_day(d), None, "day") if d else None
    return None


def _handle(ctx: _Ctx, m: re.Match, k: str) -> Result | None:  # noqa: C901 - a dispatch table
    a, b = m.span(k)
    pub = ctx.pub
    g = m.group
    if k in ("rmd", "rdm"):
        return _h_range(ctx, m, k, a, b)
    if k in ("bmd", "bdm"):
        a = m.start(k + "s")
        return _h_range(ctx, m, k, a, b)
    if k == "wdd":
        p = "wdd1" if g("wdd1mon") else "wdd2"
        d = _resolve_day(
            ctx,
            m,
            _mnum(g(p + "mon")),
            _day_int(g(p + "day")),
            _year_or_none(m, "wdd"),
            a,
            b,
            _wnum(g("wddwd")),
        )
        return (a, b, _iso_day(d), None, "day") if d else None
    if k in ("md", "dm"):
        year = _year_or_none(m, k)
        d = _resolve_day(ctx, m, _mnum(g(k + "mon")), _day_int(g(k + "day")), year, a, b)
        if d is None:
            return None
        if (
            year is None
            and not ctx.carried
            and pub is not None
            and (g(k).lower().startswith("the") or ctx.body[max(0, a - 4) : a].lower() == "the ")
            and _ATTRIBUTIVE.match(ctx.body, b)
            and (pub - d).days > NAME_WINDOW
        ):
            return None  # "the September 11 attacks": the name of an event of another year
        return a, b, _iso_day(d), None, "day"
    if k == "iso":
        try:
            d = date(int(g("isoy")), int(g("isom")), int(g("isod")))
        except ValueError:
            return None
        return a, b, _iso_day(d), None, "day"
    if k == "num":
        x, y, year = int(g("numa")), int(g("numb")), int(g("numy"))
        if x > 12 >= y:
            x, y = y, x  # day/month/year
        elif not (y > 12 >= x):
            return None  # 4/10/2024: April or October? not guessed
        try:
            return a, b, _iso_day(date(year, x, y)), None, "day"
        except ValueError:
            return None
    if k == "dot":
        try:
            d = date(int(g("doty")), int(g("dotm")), int(g("dotd")))
        except ValueError:
            return None
        return a, b, _iso_day(d), None, "day"
    if k == "wk":
        year = _year_or_none(m, "wk")
        month = _mnum(g("wkmon"))
        if year is None:
            if pub is None:
                return None
            tense, weak = ctx.tense(a, b)
            year, month = _pick_month(pub, month, FUTURE if weak and tense != PAST else tense)
        d = _week_of_month(year, month, ORDINALS[g("wkord").lower()])
        return a, b, _iso_week(d), None, "week"
    if k == "wkof":
        p = "wkof1" if g("wkof1mon") else "wkof2"
        d = _resolve_day(
            ctx, m, _mnum(g(p + "mon")), _day_int(g(p + "day")), _year_or_none(m, "wkof"), a, b
        )
        return (a, b, _iso_week(d), None, "week") if d else None
    if k in ("part", "edge"):
        if g(k + "yy"):
            return a, b, g(k + "yy"), None, "year"
        if g(k + "mon"):
            return _month_result(ctx, m, k, _mnum(g(k + "mon")), _year_or_none(m, k), a, b)
        if pub is None:
            return None
        unit = (g("partunit") or g("partunit2")).lower()
        shift = {"next": 1, "last": -1}.get((g("partrel") or "").lower(), 0)
        if unit == "year":
            return a, b, f"{pub.year + shift:04d}", None, "year"
        if unit == "week":
            return a, b, _iso_week(pub + timedelta(days=7 * shift)), None, "week"
        return a, b, _iso_month(*_shift_month(pub.year, pub.month, shift)), None, "month"
    if k == "season":
        word = re.search(r"(?i:spring|summer|autumn|fall|winter)", g(k)).group().lower()
        return a, b, f"{g('seasonyear')}-{SEASONS[word]}", None, "season"
    if k == "srel":
        if pub is None:
            return None
        code = SEASONS[g("srels").lower()]
        rel = " ".join((g("srelk") or "").lower().split())
        if rel.startswith("this past"):
            rel = "last"
        tense, weak = ctx.tense(a, b)
        carried = ctx.carry() if rel in ("", "that") else None
        if rel == "that":  # "that summer": the one of the year the story is in
            if carried is None:
                return None
            ctx.carried = True
            return a, b, f"{carried:04d}-{code}", None, "season"
        if carried is not None and _consistent(*_season_span(carried, code), pub, tense, weak):
            ctx.carried = True
            return a, b, f"{carried:04d}-{code}", None, "season"
        if weak and tense != PAST:
            tense = FUTURE
        return a, b, f"{_pick_season(pub, code, tense, rel):04d}-{code}", None, "season"
    if k == "hol":
        return _holiday(ctx, m, a, b)
    if k == "ord":
        return _ordinal_day(ctx, m, a, b)
    if k == "attr":
        return (a, b, g("attry"), None, "year") if _dates_a_noun(ctx.body, b) else None
    if k == "my":
        return a, b, _iso_month(int(g("myyear")), _mnum(g("mymon"))), None, "month"
    if k == "yr":
        y1, y2 = g("yra"), g("yrb")
        if int(y2) <= int(y1):
            return None
        return m.start("yra"), b, y1, y2, "year"
    if k == "cy":
        year, fy = int(g("cyy")), g("cyfy")
        if fy is None:
            return m.start("cyy"), b, g("cyy"), None, "year"
        if int(fy) != (year + 1) % 100:
            return None  # not a fiscal year: "2000-10"
        return m.start("cyy"), b, g("cyy"), f"{year + 1:04d}", "year"
    if k == "mm":
        first, last = _mnum(g("mmmon")), _mnum(g("mmmon2"))
        res = _month_result(ctx, m, k, last, None, a, b)
        if res is None:
            return None
        year = int(res[2][:4])
        return a, b, _iso_month(year - 1 if first > last else year, first), res[2], "month"
    if k == "mb":
        word = g("mbmon")
        prep = g("mbprep")
        a = m.start("mbmon")
        low = word.lower()
        if prep is None:
            # "in May, June and July": a month in a list of months is one
            listed = _AFTER_MONTH.search(ctx.body, max(0, a - 14), a)
            if low in AMBIGUOUS_MONTHS and not listed:
                return None
            if re.match(r"[^\S\n]+[A-Z][a-z]", ctx.body[b : b + 4]):
                return None  # October Revolution, January Smith
        elif (
            low in AMBIGUOUS_MONTHS
            and prep.lower() in ("and", "or", "to")
            and not MONTH_BEFORE.search(ctx.body, max(0, a - 28), a)
            and not _PERIOD_TO.search(ctx.body, max(0, a - 24), a)
        ):
            return None  # "Trump and May", but "April and May", "from January to March"
        res = _month_result(ctx, m, k, _mnum(word), None, a, b, prep)
        return res
    if k == "later":
        n = _count(g("latern")) * (1 if g("laterd").lower() == "later" else -1)
        unit = g("lateru").lower().rstrip("s")
        last = ctx.last_when
        if last is not None and last[1] in ("month", "year") and unit in ("month", "year"):
            # "In May 2008 ... a month later": counted from the month or year named last
            y, mo = int(last[0][:4]), int(last[0][5:7]) if last[1] == "month" else 1
            if last[1] == "month":
                months = n * (12 if unit == "year" else 1)
                return a, b, _iso_month(*_shift_month(y, mo, months)), None, "month"
            if unit == "year":
                return a, b, f"{y + n:04d}", None, "year"
        if ctx.last_day is None:
            return None
        base = ctx.last_day
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return a, b, _iso_day(base + timedelta(days=days)), None, "day"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(base.year, base.month, n)), None, "month"
        return a, b, f"{base.year + n:04d}", None, "year"
    if k == "anchor" and (g("ancpu") or g("ancbu")):
        unit = (g("ancpu") or g("ancbu")).lower()
        which = (g("ancpk") or g("ancbk")).lower()
        shift = {"same": 0, "following": 1, "after": 1}.get(which, -1)
        last = ctx.last_when
        if last is None or (unit == "month" and last[1] == "year"):
            return None
        y = int(last[0][:4])
        if unit == "year":
            return a, b, f"{y + shift:04d}", None, "year"
        if which == "same" and _YEAR_BEFORE_AFTER.match(ctx.body, b):
            shift -= 12  # "the same month last year": that month a year before
        return a, b, _iso_month(*_shift_month(y, int(last[0][5:7]), shift)), None, "month"
    if k == "anchor":
        if ctx.last_day is None:
            return None
        which = (g("anchk") or g("anchb") or "same").lower()
        shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "before": -1}.get(
            which, 0
        )
        return a, b, _iso_day(ctx.last_day + timedelta(days=shift)), None, "day"
    if pub is None:
        return None  # everything below is relative to the publication date
    if k == "ago":
        n = _count(g("agon"))
        unit = g("agou").lower().rstrip("s")
        if unit == "day":
            return a, b, _iso_day(pub - timedelta(days=n)), None, "day"
        if unit == "week":
            return a, b, _iso_week(pub - timedelta(days=7 * n)), None, "week"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(pub.year, pub.month, -n)), None, "month"
        return a, b, f"{pub.year - n:04d}", None, "year"
    if k == "wkend":
        return a, b, _iso_week(_weekend(ctx, pub, (g("wkendk") or "").lower(), a, b)), None, "week"
    if k == "rel":
        unit, kind = g("relu").lower(), g("relk").lower()
        shift = {"last": -1, "this": 0, "next": 1}[kind]
        if unit == "week":
            return a, b, _iso_week(pub + timedelta(days=7 * shift)), None, "week"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(pub.year, pub.month, shift)), None, "month"
        return a, b, f"{pub.year + shift:04d}", None, "year"
    if k == "deix":
        word = g("deixw").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        if word.startswith("last"):
            shift = -1  # last night
        return a, b, _iso_day(pub + timedelta(days=shift)), None, "day"
    if k in ("rwd", "wd"):
        wd = _wnum(g(k + "wd"))
        rel = (g("rwdk") or "").lower() if k == "rwd" else ""
        if rel == "last":
            d = pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
        elif rel in ("next", "coming"):
            d = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
        else:
            tense, weak = ctx.tense(a, b)
            if tense in (FUTURE, NEAR) or ((weak or rel == "this") and tense != PAST):
                # "will walk out on Tuesday" in a Tuesday's paper: that day (a week
                # on is "next Tuesday")
                d = pub + timedelta(days=(wd - pub.weekday()) % 7)
            else:
                d = pub - timedelta(days=(pub.weekday() - wd) % 7)
        return a, b, _iso_day(d), None, "day"
    return None


def _holiday(ctx: _Ctx, m: re.Match, a: int, b: int) -> Result | None:
    """``at Christmas``, ``on Easter Monday``, ``last Thanksgiving``, ``Christmas 2023``:
    the holiday's day, in the year the text gives, carries or the tense picks."""
    g = m.group
    name = " ".join((g("holn") or g("holn2")).replace("’", "'").lower().split())
    day_of = HOLIDAYS[name]
    year = g("holyear") or g("holyear2")
    if g("holk"):
        a = m.start("holk")
    elif g("holn"):
        a = m.start("holn")
    if year:
        return a, b, _iso_day(day_of(int(year))), None, "day"
    pub = ctx.pub
    if pub is None:
        return None
    rel = (g("holk") or "").lower()
    tense, weak = ctx.tense(a, b)
    carried = ctx.carry() if not rel else None
    if carried is not None:
        d = day_of(carried)
        if _consistent(d, d, pub, tense, weak):
            ctx.carried = True
            return a, b, _iso_day(d), None, "day"
    if weak and tense != PAST:
        tense = FUTURE
    cands = [day_of(y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    return a, b, _iso_day(_pick_among(pub, cands, tense, rel)), None, "day"


def _ordinal_day(ctx: _Ctx, m: re.Match, a: int, b: int) -> Result | None:
    """``on the 8th``: that day of the month just named (in this or the sentence before),
    else of the current, last or next month as the tense says."""
    g = m.group
    day, which = _day_int(g("ordd")), (g("ordm") or "").lower()
    pub = ctx.pub
    if which in ("this", "last", "next"):
        if pub is None:
            return None
        y, mo = _shift_month(pub.year, pub.month, {"this": 0, "last": -1, "next": 1}[which])
        try:
            return a, b, _iso_day(date(y, mo, day)), None, "day"
        except ValueError:
            return None
    if ctx.month_ctx is not None and ctx.idx - ctx.month_ctx[2] <= 1:
        y, mo, _i = ctx.month_ctx
        try:
            return a, b, _iso_day(date(y, mo, day)), None, "day"
        except ValueError:
            return None
    if pub is None:
        return None
    tense, weak = ctx.tense(a, b)
    if weak and tense != PAST:
        tense = FUTURE
    cands = []
    for k in (-2, -1, 0, 1, 2):
        y, mo = _shift_month(pub.year, pub.month, k)
        try:
            cands.append(date(y, mo, day))
        except ValueError:
            pass
    if not cands:
        return None
    # the month meant is this one or the one next to it: a day in it, not a year away
    near = [c for c in cands if abs((c - pub).days) <= 31] or cands
    return a, b, _iso_day(_pick_among(pub, near, tense)), None, "day"


def _count(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else NUMBER_WORDS[w]
