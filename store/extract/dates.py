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
  ``may``) or no tense cue at all in the sentence: the nearer of the two. An attributive
  ``a planned 5,000`` or ``the scheduled vote`` is a cue only in the date's own clause.
* A weekday alone resolves to the nearest such day on or before the publication date
  (on or after it when the clause speaks of the future: "will strike on Tuesday" in a
  Tuesday's paper is that day; ``last``/``next`` force strictly before/after).  A weekday beside a date picks the year in which they agree.
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
  publication date (``on Tuesday``, ``last month``, ``yesterday``) ends it. The year of
  the earlier value of a change (``fewer than in March 2017``, ``from 6.6 million in
  2023``, ``compared with ... in 2019``) does not carry: it dates that value only; nor
  does any year to a date after ``next`` (``at its next meeting on August 8``).
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

This module walks an article: the candidate spans, the story's context (:class:`_Ctx`:
the sentence, its tense cues, the year carried forward) and the records. Beside it:
``date_patterns`` (the patterns), ``date_handlers`` (one match -> its value, a handler
per form), ``date_calendar`` (calendar arithmetic, seasons, holidays, choosing a day or
month by tense) and ``tense`` (the clause's tense).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date, datetime

from store.extract.date_calendar import HOLIDAYS, SEASONS  # noqa: F401 (re-exported)
from store.extract.date_handlers import NAME_WINDOW, Result, _handle  # noqa: F401 (re-exported)
from store.extract.date_patterns import BACK, HEAD, KINDS, MASTER, STARTER
from store.extract.models import DateExpr, Sentence
from store.extract.tense import WEAK_FUTURE_BEFORE, Cues

__all__ = ["find_dates"]


# Expressions relative to the publication date bring the story back to the present: a
# year named earlier stops carrying forward.
_NOW_KINDS = frozenset({"deix", "rel", "ago", "wkend", "rwd", "wd"})
_YEAR_PREPS = frozenset({"in", "during", "throughout", "year", "the year"})
_NOT_A_SETTING = re.compile(
    r"\b(?i:since|until|till|by|before|after|from|through|to|and|or)[^\S\n]+(?:the[^\S\n]+)?$"
)
# "the current fiscal year, which began in October 2022": background, not the story's year
_RELATIVE_CLAUSE = re.compile(r",[^\S\n]*(?i:which|who|whose|where)\b[^,;:()]*$")
# "5.6 per cent fewer than in March 2017", "from 6.6 million in 2023", "compared with
# ... in 2019": the year of the earlier value of a change dates that value only; the story
# does not move to it
_COMPARED = re.compile(
    r"\b(?i:than|compared[^\S\n]+(?:with|to)|versus|from[^\S\n]+(?:(?:about|around|some|"
    r"nearly|almost|roughly|just)[^\S\n]+)?[$€£]?\d)(?:[^;:!?,.\n]|[.,](?=\d)){0,60}$"
)
_NEXT_BEFORE = re.compile(r"\b(?i:next|upcoming|coming|forthcoming)\b[^.;:!?\n]*$")
CARRY = 2  # a year named carries this many sentences on, renewed by each date it dates


class _Ctx:
    __slots__ = ("body", "pub", "sent", "last_day", "cues", "idx", "year_ctx", "month_ctx",
                 "carried", "last_when", "pos")  # fmt: skip

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
        self.pos = 0  # where the expression being resolved starts

    def carry(self) -> int | None:
        """The year named in the last few sentences, when the story has not come back to
        the present since (see :func:`find_dates`)."""
        if self.year_ctx is None or self.pub is None:
            return None
        year, i = self.year_ctx
        if self.sent is not None and _NEXT_BEFORE.search(
            self.body, max(self.sent.start, self.pos - 30), self.pos
        ):
            return None  # "at its next meeting on August 8": the first to come
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
        ctx.pos = m.start()
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
    return _month_ranges(body, out)


_RANGE_OPEN = re.compile(r"\b(?i:between|from)[^\S\n]+$")
_RANGE_JOIN = re.compile(r"[^\S\n]*(?:(?i:and|to|through|until|till)|[-–—])[^\S\n]*")


def _month_ranges(body: str, dates: list[DateExpr]) -> list[DateExpr]:
    """ "between January and March 2023", "from June to August 2021": the year written
    once, at the end, is the first month's too (a year earlier when it runs over New
    Year: "between November and February 2023")."""
    out = list(dates)
    for i in range(len(out) - 1):
        d1, d2 = out[i], out[i + 1]
        if (
            d1.granularity != "month"
            or d2.granularity != "month"
            or d1.sentence_start != d2.sentence_start
            or re.search(r"\d{4}", d1.text)
            or not _RANGE_JOIN.fullmatch(body, d1.end, d2.start)
            or not _RANGE_OPEN.search(body, max(0, d1.start - 10), d1.start)
        ):
            continue
        year, m1, m2 = int(d2.value[:4]), int(d1.value[5:7]), int(d2.value[5:7])
        value = f"{year - 1 if m1 > m2 else year:04d}-{m1:02d}"
        if value != d1.value:
            out[i] = replace(d1, value=value)
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
        and not _COMPARED.search(ctx.body, max(ctx.sent.start, a - 80), a)
    ):
        ctx.year_ctx = (int(value[:4]), ctx.idx)
