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
``the next day``, ``the day before``, ``two days later``, ``a month later``.

Values follow the TimeML convention, ISO 8601 at the expression's own granularity:
``2024`` (year), ``2024-10`` (month), ``2024-W44`` (ISO week), ``2024-10-27`` (day).

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


# ---------------------------------------------------------------- main entry
class _Ctx:
    __slots__ = ("body", "pub", "sent", "last_day", "cues")

    def __init__(self, body: str, pub: date | None) -> None:
        self.body = body
        self.pub = pub
        self.sent: Sentence | None = None
        self.last_day: date | None = None
        self.cues: Cues | None = None

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
        d = _resolve_day(
            ctx, m, _mnum(g(k + "mon")), _day_int(g(k + "day")), _year_or_none(m, k), a, b
        )
        return (a, b, _iso_day(d), None, "day") if d else None
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
        return a, b, g("seasonyear"), None, "year"
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
        if ctx.last_day is None:
            return None
        n = _count(g("latern")) * (1 if g("laterd").lower() == "later" else -1)
        unit, base = g("lateru").lower().rstrip("s"), ctx.last_day
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return a, b, _iso_day(base + timedelta(days=days)), None, "day"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(base.year, base.month, n)), None, "month"
        return a, b, f"{base.year + n:04d}", None, "year"
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
        p = (prep or "").lower()
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


_VALID = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])|-W\d\d|-\d\d-\d\d)?\Z")


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
    out: list[DateExpr] = []
    for m, sent in _candidates(body, sentences):
        k = m.lastgroup
        if k not in KINDS:
            continue
        ctx.set_sentence(sent)
        try:
            res = _handle(ctx, m, k)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999
            continue
        if res is None:
            continue
        a, b, value, end_value, gran = res
        if not (_VALID.match(value) and (end_value is None or _VALID.match(end_value))):
            continue
        out.append(DateExpr(body[a:b], a, b, value, end_value, gran, sent.start, sent.end))
        if gran == "day":
            ctx.last_day = date.fromisoformat(value)
    return out
