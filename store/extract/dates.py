"""Date expressions in news text, resolved against the publication date.

One precompiled pattern (``MASTER``, an alternation of every form below) finds the
spans; it is only searched a few words around *head* words (a month or weekday name, a
year, ``day/week/month/year``, ``today``...) that a second, cheap pattern finds, which
gives the same matches as a full scan at a tenth of the cost.  Small handlers turn each
match into a :class:`DateExpr` with plain ``datetime`` arithmetic; dateparser is not used.

Forms: ``October 4``, ``Oct. 4th``, ``4 October``, ``the 4th of October``, each with an
optional year; ``2024-10-04``; ``14/10/2024`` and ``10/14/2024`` when unambiguous;
``Tuesday, November 19``; ranges ``October 27-28``, ``27-28 October``, ``17 and 18
October``, ``October 30 to November 2``, ``between October 1 and 5``, ``from 2010 to
2020``; months ``in June``, ``September``, ``February 2022``, ``mid-October``, ``the end
of October``; years ``in 2022``, ``since 2014``, ``early 2024``, ``mid-2023``, ``the start
of 2024``, ``spring 2025``; weeks ``the last week of October``, ``the week of October
28``, ``last week``, ``the weekend``; relative ``yesterday``, ``today``, ``last night``,
``last month``, ``earlier this month``, ``next year``, ``three weeks ago``, ``last
Tuesday``, ``next Friday``, ``on Tuesday``; anchored ``the same day``, ``that day``,
``the next day``, ``the day before``, ``two days later``, ``a month later``; seasons
``this summer``, ``last winter``, ``in the spring``, ``the summer of 2022``; holidays
``at Christmas``, ``on Christmas Eve``, ``by Easter``, ``on Good Friday``, ``last
Thanksgiving``, ``on New Year's Day``, ``Christmas 2023`` (see ``HOLIDAYS``); a day of
the month alone, ``on the 8th``, ``by the 21st of this month``.

Values follow the TimeML convention, ISO 8601 at the expression's own granularity:
``2024`` (year), ``2024-10`` (month), ``2024-W44`` (ISO week), ``2024-10-27`` (day), and
TimeML's seasons, granularity ``season``: ``2024-SP`` (March-May), ``2024-SU``
(June-August), ``2024-FA`` (September-November), ``2024-WI`` (December 2024 to February
2025), the meteorological seasons of the northern hemisphere. A holiday is its day.

Resolution rules, for expressions that do not carry their own year:

* A date or month resolves to the most recent one on or before the publication date,
  or to the next one on or after it when the clause speaks of the future (``will``,
  ``is expected to``, ``plans to``, ``scheduled``, ``upcoming``, ``as early as``, and
  ``by``/``until`` when no past-tense verb is nearer).  A modal (``would``, ``could``,
  ``may``) or no tense cue at all in the sentence: the nearer of the two.
* A weekday alone resolves to the nearest such day on or before the publication date
  (strictly after it when the clause speaks of the future; ``last``/``next`` force
  strictly before/after).  A weekday beside a date picks the year in which they agree.
* ``the last week of October`` is the ISO week that holds the month's last day when at
  least four of its days fall in that month (the ISO "majority" rule), else the week
  before; ``the first week of X`` likewise from the first day.  ``last week`` is the
  ISO week seven days before publication.
* ``the same day``, ``that day``, ``two days later``, ``the next day`` take the most
  recent day-granular expression before them in the text; they are skipped without one.
* A year the story names (``In 2022``, ``on 4 March 2023``, ``February 2022``, ``the
  summer of 2019``; not ``since 2014`` or ``by 2030``) carries forward to the dates after
  it that name none (``... On February 24`` -> 2022-02-24), for ``CARRY`` sentences,
  renewed by each date it resolves, unless the tense contradicts it (a past event after
  the publication date, a future one before it). An expression relative to the
  publication date (``on Tuesday``, ``last month``, ``yesterday``) ends it.
* ``this summer`` is the summer under way, else the nearer one (past or coming as the
  tense says); ``last``/``next`` the latest ended / first to come. A holiday resolves
  like a date: the nearest past or coming one as the tense says, ``last``/``next``
  strictly before/after publication.
* ``on the 8th`` is the 8th of the month named in its sentence or the one before (``In
  March ... on the 8th``), else of this month or the one before or after, by tense.
* A day without a year used as the name of an event (``the September 11 attacks``,
  ``the 7 October attack``) is kept only when it falls within ``NAME_WINDOW`` days
  before publication or after it: older, it names an event of another year that the
  text does not give, not a date of this story.
* Without a publication date only expressions that carry a year are kept.

A bare four-digit number is a year only in date context: after in/since/by/until/
from/during/before/after/as of/between, after a month or a day, or inside
``early 2024``, ``mid-2023``, ``the start of 2024``, ``the summer of 2022``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta

from store.extract.date_patterns import (
    AMBIGUOUS_MONTHS,
    BACK,
    HEAD,
    KINDS,
    MASTER,
    MONTH_NUM,
    NUMBER_WORDS,
    ORDINALS,
    STARTER,
    WEEKDAY_NUM,
)
from store.extract.models import DateExpr, Sentence
from store.extract.tense import FUTURE, MONTH_BEFORE, NEAR, PAST, WEAK_FUTURE_BEFORE, Cues

__all__ = ["find_dates"]


# ---------------------------------------------------------------- resolution
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


def _consistent(first: date, last: date, pub: date, tense: str | None, weak: bool) -> bool:
    """Whether a period agrees with the tense of its clause (not past when it lies ahead)."""
    if tense == PAST and first > pub:
        return False
    return not ((tense == FUTURE or (weak and tense != PAST)) and last < pub)


# Expressions relative to the publication date bring the story back to the present: a
# year named earlier stops carrying forward.
_NOW_KINDS = frozenset({"deix", "rel", "ago", "wkend", "rwd", "wd"})
_YEAR_PREPS = frozenset({"in", "during", "throughout", "year", "the year"})
_NOT_A_SETTING = re.compile(
    r"\b(?i:since|until|till|by|before|after|from|through|to|and|or)[^\S\n]+(?:the[^\S\n]+)?$"
)
# "the current fiscal year, which began in October 2022": background, not the story's year
_RELATIVE_CLAUSE = re.compile(r",[^\S\n]*(?i:which|who|whose|where)\b[^,;:()]*$")
CARRY = 2  # a year named carries this many sentences on, renewed by each date it dates
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


class _Ctx:
    __slots__ = ("body", "pub", "sent", "last_day", "cues", "idx", "year_ctx", "month_ctx",
                 "carried", "last_when")  # fmt: skip

    def __init__(self, body: str, pub: date | None) -> None:
        self.body = body
        self.pub = pub
        self.sent: Sentence | None = None
        self.last_day: date | None = None
        # the most recent expression of any granularity: "in May 2008 ... a month later"
        self.last_when: tuple[str, str] | None = None
        self.cues: Cues | None = None
        self.idx = 0  # index of the current sentence
        self.year_ctx: tuple[int, int] | None = None  # (year named, sentence index)
        self.month_ctx: tuple[int, int, int] | None = None  # (year, month, sentence index)
        self.carried = False  # the last resolution used the year carried forward

    def carry(self) -> int | None:
        """The year named in the last few sentences, when the story has not come back to
        the present since (see :func:`find_dates`)."""
        if self.year_ctx is None or self.pub is None:
            return None
        year, i = self.year_ctx
        return year if self.idx - i <= CARRY else None

    def set_sentence(self, sent: Sentence) -> None:
        if sent is not self.sent:
            self.sent, self.cues = sent, None

    def tense(self, a: int, b: int) -> tuple[str | None, bool]:
        """(tense of the clause around body[a:b] or None, whether by/until/before precedes)."""
        s = self.sent
        if self.cues is None:
            self.cues = Cues(s.text)
        a, b = a - s.start, b - s.start
        weak = bool(WEAK_FUTURE_BEFORE.search(s.text, max(0, a - 8), a))
        return self.cues.tense(a, b), weak


def _year_or_none(m: re.Match, p: str) -> int | None:
    y = m.group(p + "year")
    return int(y) if y else None


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
    return _pick_day(ctx.pub, month, day, tense, weekday)


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
    if k == "mb":
        word = g("mbmon")
        prep = g("mbprep")
        a = m.start("mbmon")
        low = word.lower()
        if prep is None:
            if low in AMBIGUOUS_MONTHS:
                return None
            if re.match(r"[^\S\n]+[A-Z][a-z]", ctx.body[b : b + 4]):
                return None  # October Revolution, January Smith
        elif (
            low in AMBIGUOUS_MONTHS
            and prep.lower() in ("and", "or", "to")
            and not MONTH_BEFORE.search(ctx.body, max(0, a - 28), a)
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
                d = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
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


def _count(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else NUMBER_WORDS[w]


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


def _match_from(body: str, pos: int, head: int, end: int) -> re.Match | None:
    """The leftmost master match starting in [pos, head], tried only where one can start."""
    for q in STARTER.finditer(body, pos, end):
        if q.start() > head:
            return None
        m = MASTER.match(body, q.start(), end)
        if m is not None:
            return m
    return None


def _candidates(body: str, sentences: list[Sentence]):
    """Leftmost non-overlapping master matches inside sentences, in body order.

    Same result as ``MASTER.finditer`` per sentence (a test checks it), but the pattern
    is only tried at the few word starts just before each head word that can open an
    expression, which skips most of the text.
    """
    starts = [s.start for s in sentences]
    consumed = 0
    for h in HEAD.finditer(body):
        p = h.start()
        if p < consumed:
            continue
        i = bisect.bisect_right(starts, p) - 1
        if i < 0:
            continue
        sent = sentences[i]
        if p >= sent.end:
            continue
        pos = max(consumed, sent.start, p - BACK)
        while (m := _match_from(body, pos, p, sent.end)) is not None:
            consumed = pos = m.end()
            yield m, sent
            if pos > p:
                break


_VALID = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])|-W\d\d|-\d\d-\d\d|-(?:SP|SU|FA|WI))?\Z")


def find_dates(body: str, sentences: list[Sentence], published: date | None) -> list[DateExpr]:
    """Date expressions of ``body`` in body order, resolved against ``published``.

    Each record satisfies ``body[start:end] == text`` and lies inside the sentence
    whose offsets it carries; expressions that cannot be resolved are left out.
    """
    if not sentences or not body:
        return []
    if isinstance(published, datetime):  # a datetime does not compare with a date
        published = published.date()
    ctx = _Ctx(body, published)
    index = {s.start: i for i, s in enumerate(sentences)}
    out: list[DateExpr] = []
    for m, sent in _candidates(body, sentences):
        k = m.lastgroup
        if k not in KINDS:
            continue
        ctx.set_sentence(sent)
        ctx.idx = index[sent.start]
        ctx.carried = False
        try:
            res = _handle(ctx, m, k)
        except (OverflowError, ValueError, IndexError):  # arithmetic past year 1 or 9999
            continue
        if res is None:
            continue
        a, b, value, end_value, gran = res
        if not (_VALID.match(value) and (end_value is None or _VALID.match(end_value))):
            continue
        out.append(DateExpr(body[a:b], a, b, value, end_value, gran, sent.start, sent.end))
        if gran == "day":
            ctx.last_day = date.fromisoformat(value)
        if gran in ("day", "month", "year"):
            ctx.last_when = (value, gran)
        _follow(ctx, m, k, a, value, gran)
    return out


def _follow(ctx: _Ctx, m: re.Match, k: str, a: int, value: str, gran: str) -> None:
    """Keep the year and month the story is at: a year named ("In 2022", "on 4 March
    2023", "February 2022") carries forward to the dates after it that name none; an
    expression relative to the publication date ("on Tuesday", "last month") ends it."""
    g = m.group
    if gran in ("day", "month"):
        ctx.month_ctx = (int(value[:4]), int(value[5:7]), ctx.idx)
    if ctx.carried:
        ctx.year_ctx = (int(value[:4]), ctx.idx)
        return
    relative = (
        k in _NOW_KINDS
        or (k == "part" and (g("partunit") or g("partunit2")))
        or (k == "srel" and g("srelk") and g("srelk").lower() != "that")
        or (k == "hol" and g("holk"))
    )
    if relative:
        ctx.year_ctx = None
        return
    if k == "cy":
        prep = " ".join(ctx.body[m.start(k) : m.start("cyy")].lower().split())
        explicit = prep in _YEAR_PREPS and g("cyfy") is None
    elif k in ("my", "iso", "num", "dot"):
        explicit = True
    elif k in ("md", "dm", "wdd", "rmd", "rdm", "bmd", "bdm", "season", "part", "edge"):
        explicit = bool(g(k + "year") or (k in ("part", "edge") and g(k + "yy")))
    elif k == "hol":
        explicit = bool(g("holyear") or g("holyear2"))
    else:
        explicit = False
    if (
        explicit
        and not _NOT_A_SETTING.search(ctx.body, max(0, a - 14), a)
        and not _RELATIVE_CLAUSE.search(ctx.body, max(ctx.sent.start, a - 80), a)
    ):
        ctx.year_ctx = (int(value[:4]), ctx.idx)
