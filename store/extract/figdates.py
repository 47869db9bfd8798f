"""When a figure happened: the date of its own clause.

:func:`assign_dates` gives each figure of one sentence the date the sentence gives *its*
event, not just any date of the sentence:

- a date in the figure's own clause wins ("..., with 80,000 killed as of September");
- the earlier value of a change ("up from 2,300 on Monday", "from 15% in 2019 to 35%",
  "compared with 900 a year earlier", "7% fewer than the 44,100 sold in the same month
  last year") is dated only by the words of its own segment,
  and those words date no other figure; when a change is dated by a range ("between
  2019 and 2023") the earlier value takes its start and the later one its end;
- coordinated verb phrases of different tense are separate clauses: in "employs 6,200
  workers and built 310,000 cars last year" the date belongs to the cars (but "power to
  5.8 million homes and businesses over the weekend" joins nouns, not verb phrases);
- a deadline in a clause of the past ("had welcomed one million tourists by August 2
  this year") is when the count stood there: it dates the figure before any later date
  of the clause;
- of several dates in the clause, one in the figure's own stretch between commas wins
  ("broke even in 2022, made a 3% margin in 2023 and ...");
- a figure dated by a span ("between June 1 and June 15", "from January to March", "in
  June, July and August") is dated at what its ends share (2021-06; the year);
- a background clause ("since the war began in February 2022") dates nothing outside
  it; a figure inside it takes its own date ("since Congress passed the $61 billion bill
  in April"), never the start "since" names;
- otherwise a date before the figure frames it ("On October 4, X reported that 20 ..."),
  unless the figure's clause speaks of now ("are now in shelters", "so far") or the date
  lies across a coordination of another tense or a semicolon.

Pure: works on one sentence's text and its date expressions.
"""

from __future__ import annotations

import bisect
import re

from store.extract.change import earlier_mark
from store.extract.cues import CLAUSE_BREAK
from store.extract.models import DateExpr
from store.extract.tense import has_past

_NOT_VERB = (
    "the a an its their his her our my your other others more most some many several about "
    "nearly almost at up over around another all both these those each no few fewer less "
    "least per one two three four five six seven eight nine ten hundreds thousands dozens "
    "millions then also"
).split()
_COORD = re.compile(
    r"\band[^\S\n]+(?:then[^\S\n]+|also[^\S\n]+)?(?!(?:" + "|".join(_NOT_VERB) + r")\b)[a-z]{2,}\b"
)
# "power to 5.8 million homes and businesses over the weekend": an "and" right after a
# count's noun joins nouns, not verb phrases
_COUNT_NOUN_BEFORE = re.compile(
    r"\d(?:[\d,.]*\d)?(?:[^\S\n]+(?i:million|billion|thousand|hundred))?[^\S\n]+"
    r"(?:[a-z\-]+[^\S\n]+)?[a-z\-]+[^\S\n]+$"
)
_PLURAL_AFTER = re.compile(
    r"and[^\S\n]+[a-z]+s\b(?![^\S\n]+(?:\d|about\b|some\b|more\b|nearly\b|almost\b|"
    r"around\b|roughly\b|an?\b|its\b|their\b|two\b|three\b|four\b|five\b|six\b|"
    r"seven\b|eight\b|nine\b|ten\b|dozens\b|hundreds\b|thousands\b))"
)
_BACKGROUND = re.compile(r"\b(?i:since)\b")
_SINCE_OBJECT = re.compile(r"(?i:since)[^\S\n]+(?:(?i:the)[^\S\n]+)?")
_ASIDE = re.compile(
    r",[^\S\n]*(?:(?:first|originally|once)[^\S\n]+)?(?:founded|established|built|opened|formed|"
    r"created|launched|born|set[^\S\n]+up|listed|incorporated|completed|acquired|bought|"
    r"elected|appointed|named)\b[^,;:\n]{0,60},"
)
_BACKGROUND_END = re.compile(r"[,;:()\"“”—]|\s[-–]\s|\b(?:but|while|and)\b")
_NOW = re.compile(r"\b(?i:now|currently|so[^\S\n]+far|to[^\S\n]+date|as[^\S\n]+it[^\S\n]+stands)\b")
_EARLIER_END = re.compile(
    r"[,;:()\"“”—]|\s[-–]\s|\b(?:and|but|while|whereas)\b|\bup[^\S\n]+from\b|"
    r"\bdown[^\S\n]+from\b|\bcompared\b|"
    r"\bto\b(?=[^\S\n]+(?:about[^\S\n]+|around[^\S\n]+|some[^\S\n]+|nearly[^\S\n]+|"
    r"almost[^\S\n]+|a[^\S\n]+record[^\S\n]+)?[$€£]?\d)"
)


# A date right after a reporting verb is when it was said, not when it happened: "said
# on Friday that 40 were killed in a clash on Thursday".
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|declared|tweeted|wrote|"
    r"posted|disclosed|revealed|noted|estimated|claimed)\b(?:[^\S\n]+(?!that\b|\d|\w+ed\b)[\w’'.-]+){0,3}?"
    r"[^\S\n]+(?:(?:on|late|early|last)[^\S\n]+)?$"
)
# "JUBA, May 19 (Xinhua) - ...": the date of the dispatch
_DATELINE = re.compile(r"[^\S\n]*(?:\([^()\n]{1,40}\))?[^\S\n]*[-–—]")
_DETERMINER = re.compile(r"\b(?i:the|an?|its|their)[^\S\n]+$")
# ... but "were hit in the 2019 floods" dates the clause
_IN_DET = re.compile(
    r"\b(?i:in|during|after|before|at|amid|following|over|throughout|since|on)[^\S\n]+"
    r"(?i:the|an?|its|their)[^\S\n]+$"
)
_MORE_BREAKS = re.compile(
    r",[^\S\n]*(?:whose|bringing|raising|taking|pushing|lifting)\b"  # ", bringing the toll to 310"
)
# "to pass $1 trillion by 2020", "By the end of 2027 the deficit is projected at $1.32
# trillion": a deadline in the figure's own clause dates the value it is to reach
_BY = re.compile(r"\b(?i:by|until|till)[^\S\n]+$")
_WHEN = re.compile(r",[^\S\n]*when[^\S\n]*$")
_REPORTED_AFTER = re.compile(
    r"[^\S\n]+(?:said|says|told|announced|reported|confirmed|stated|added|revealed|disclosed)\b"
)
_CLOSED_RELATIVE = re.compile(r",[^\S\n]*(?:which|who)\b[^,;:\n]{1,120},")
_ADJACENT = re.compile(r"[^\S\n]*(?:(?:in|on|at|during|for)[^\S\n]+)?")
_WHICH = re.compile(r",[^\S\n]*(?:which|where|when)[^\S\n]*$")


def _hung_on(s, lo, a, every, ends_every, pattern) -> DateExpr | None:
    """The date that ends the noun phrase a relative clause ("..., when", "..., which")
    hangs on, for a figure in that clause."""
    if not pattern.search(s, max(0, lo - 8), lo) or "," in s[lo:a]:
        return None
    comma = s.rfind(",", max(0, lo - 8), lo)
    i = bisect.bisect_right(ends_every, comma) - 1
    if i >= 0 and 0 <= comma - ends_every[i] <= 1:
        return every[i][2]
    return None


# A conjunct speaks of now: a present form of be/have, "now", or a verb in -s before its
# object ("employs 6,200", "runs three plants").
_PRESENT = re.compile(
    r"\b(?:is|are|has|have|remains?|now|currently|still|today)\b|\b[a-z]{3,}(?<!ss)(?<!ous)s"
    r"(?=[^\S\n]+(?:\d|about\b|some\b|more\b|nearly\b|almost\b|around\b|roughly\b|over\b|"
    r"an?\b|the\b|its\b|their\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|"
    r"nine\b|ten\b|dozens\b|hundreds\b|thousands\b))"
)


def _tense(text: str) -> str | None:
    if has_past(text):
        return "past"
    return "now" if _PRESENT.search(text) else None


# Words that date a value as earlier than the one it changed into
_EARLIER_WORDS = re.compile(
    r"\b(?i:earlier|ago|before|previous|prior|last|same[^\S\n]+period|year-earlier)\b"
)


class _Spans:
    """Sorted, mostly disjoint spans: which one holds a position is a bisect away."""

    __slots__ = ("starts", "spans")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def span_of(self, pos: int) -> tuple[int, int] | None:
        """The span holding ``pos`` (the innermost of a few nested ones), else None."""
        i = bisect.bisect_right(self.starts, pos) - 1
        held = [self.spans[j] for j in range(i, max(-1, i - 3), -1) if self.spans[j][1] > pos]
        return min(held, key=lambda sp: sp[1] - sp[0]) if held else None

    def holds(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        # spans may nest or overlap a little: look back a few
        return any(self.spans[j][1] > pos for j in range(i, max(-1, i - 3), -1))


class _Sentence:
    """Clause breaks, background spans and coordination splits of one sentence. Every
    lookup bisects, so a run-on "sentence" with thousands of figures stays fast."""

    def __init__(self, s: str) -> None:
        self.s = s
        n = len(s)
        base = sorted(
            [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(s)]
            + [(m.start(), m.end()) for m in _MORE_BREAKS.finditer(s)]
        )
        bstarts = [a for a, _ in base]
        ands = [m.start() for m in _COORD.finditer(s)]
        coords = []
        for k, p in enumerate(ands):
            i = bisect.bisect_right(bstarts, p) - 1
            lo = base[i][1] if i >= 0 else 0
            hi = bstarts[i + 1] if i + 1 < len(bstarts) else n
            # the conjuncts: from the clause start or the "and" before, to the next one
            left = max(lo, ands[k - 1] if k > 0 else 0, p - _REACH)
            right = min(hi, ands[k + 1] if k + 1 < len(ands) else n, p + _REACH)
            if (
                lo <= p <= hi
                and not (
                    _COUNT_NOUN_BEFORE.search(s, max(0, p - 40), p) and _PLURAL_AFTER.match(s, p)
                )
                and {_tense(s[left:p]), _tense(s[p:right])} == {"past", "now"}
            ):
                coords.append(p)
        self.coords = coords
        breaks = sorted(base + [(p, p + 3) for p in coords])
        self.starts = [a for a, _ in breaks]
        self.ends = [b for _, b in breaks]
        bg = []
        for m in _BACKGROUND.finditer(s):
            stop = _BACKGROUND_END.search(s, m.end(), m.end() + _REACH)
            bg.append((m.start(), stop.start() if stop else min(n, m.end() + _REACH)))
        # "The carrier, founded in 1998, operates 120 aircraft": an aside about a noun
        for m in _ASIDE.finditer(s):
            bg.append((m.start(), m.end()))
        self.background = _Spans(bg)

    def clause(self, a: int, b: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, a) - 1
        lo = self.ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self.starts, b)
        hi = self.starts[j] if j < len(self.starts) else len(self.s)
        return lo, hi

    def last_coordination_before(self, pos: int) -> int:
        i = bisect.bisect_left(self.coords, pos) - 1
        return self.coords[i] if i >= 0 else -1

    def earlier_segment(self, np_start: int, np_end: int) -> tuple[int, int] | None:
        mark = earlier_mark(self.s, np_start)
        if mark is None:
            # "7 per cent fewer than the 44,100 sold in the same month last year"
            than = _THAN_THE.search(self.s, max(0, np_start - 40), np_start)
            mark = than.start() if than else None
        if mark is None:
            return None
        stop = _EARLIER_END.search(self.s, np_end, np_end + _REACH)
        return mark, stop.start() if stop else min(len(self.s), np_end + _REACH)


# a comparative's base with its own noun phrase: "higher than the 2.1 million of 2019"
_THAN_THE = re.compile(
    r"\b(?i:more|less|fewer|higher|lower|greater|smaller|bigger|above|below|up|down)"
    r"[^\S\n]+than[^\S\n]+(?i:the|those|that)[^\S\n]+"
    r"(?:(?i:about|around|some|nearly|almost|roughly|just)[^\S\n]+)?$"
)
_BASE = re.compile(
    r"\b(?i:than|compared|versus|vs|against)\b|\b(?i:from)(?=[^\S\n]+(?:(?i:about|around|some|"
    r"nearly|almost|roughly|just)[^\S\n]+)?[$€£]?\d)"
)
# "between June 1 and June 15", "from January to March", "in June, July and August"
_SPAN_OPEN = re.compile(r"\b(?i:between|from)[^\S\n]+(?:(?i:the)[^\S\n]+)?$")
_SPAN_JOIN = re.compile(
    r"[^\S\n]*(?:,[^\S\n]*(?:(?i:and)[^\S\n]+)?|(?i:and|to|through|until|till)"
    r"[^\S\n]+|[-–—][^\S\n]*)"
)
_RANGE_WORD = re.compile(r"[^\S\n]*(?:(?i:to|through|until|till)[^\S\n]+|[-–—])")


def _shared(a: str, b: str) -> str | None:
    """What two ISO values share, at a granularity: 2021-06-01, 2021-06-15 -> 2021-06."""
    pa, pb = a.split("-"), b.split("-")
    common = []
    for x, y in zip(pa, pb, strict=False):
        if x != y:
            break
        common.append(x)
    return "-".join(common) if common and len(common) < len(pa) else None


def _span_value(s: str, sent_start: int, every, d: DateExpr, chains: dict) -> str | None:
    """A figure dated by a span ("between June 1 and June 15", "in June, July and
    August") is dated at what both ends share; "" when a span of months or days shares
    no year, None when the date is no span."""
    if d.end_value and d.granularity != "year":
        first = d.start - sent_start
        if _SPAN_OPEN.search(s, max(0, first - 14), first) or _RANGE_WORD.search(d.text):
            return _shared(d.value, d.end_value) or ""
        return None
    if d.granularity not in chains:  # built once per sentence and granularity
        chain = [x for x in every if x[2].granularity == d.granularity]
        chains[d.granularity] = (chain, {id(x[2]): k for k, x in enumerate(chain)})
    chain, where = chains[d.granularity]
    i = where.get(id(d))
    if i is None:
        return None
    lo = hi = i
    while lo > max(0, i - 12) and _SPAN_JOIN.fullmatch(s, chain[lo - 1][1], chain[lo][0]):
        lo -= 1  # a list of at most a dozen dates (a run-on "sentence" stays linear)
    while hi + 1 < min(len(chain), i + 13) and _SPAN_JOIN.fullmatch(
        s, chain[hi][1], chain[hi + 1][0]
    ):
        hi += 1
    if lo == hi:
        return None
    x0 = chain[lo][0]
    spans = (
        hi - lo >= 2
        or _SPAN_OPEN.search(s, max(0, x0 - 14), x0)
        or _RANGE_WORD.match(s, chain[lo][1])
    )
    return _shared(chain[lo][2].value, chain[hi][2].value) if spans else None


_REACH = 240  # how far a clause's words are read around a figure
# "appealed for $1 billion last month but has received only 20%": a clause after "but" in
# another tense is not framed by the date before it
_BUT_BEFORE = re.compile(r"\bbut[^\S\n]*$")


def assign_dates(
    s: str,
    sent_start: int,
    usable: list[DateExpr],
    spans: list[tuple[int, int]],
    every_date: list[DateExpr] | None = None,
) -> list[tuple[str | None, DateExpr | None]]:
    """The event date of each figure ``s[a:b]`` (sentence-relative spans, in order), with
    the expression that gives it.

    ``usable`` are the sentence's dates that can date an event (not "by December");
    ``every_date`` all of them, for "since 2014, when 600 died"."""
    every = [(d.start - sent_start, d.end - sent_start, d) for d in (every_date or usable)]
    if not every or not spans:
        return [(None, None)] * len(spans)
    info = _Sentence(s)
    dates = [
        (d.start - sent_start, d.end - sent_start, d)
        for d in usable
        if not info.background.holds(d.start - sent_start)
    ]
    xs = [x for x, _y, _d in dates]
    kept = {id(d) for _x, _y, d in dates}
    deadlines = [
        (x, y, d) for x, y, d in every if id(d) not in kept and _BY.search(s, max(0, x - 12), x)
    ][:64]
    ends_every = [y for _x, y, _d in every]
    # "the city destroyed by a 2003 earthquake that killed 26,000": a date that modifies a
    # noun dates what follows it, not the figures before it in the clause
    attributive = {
        id(d)
        for x, _y, d in dates
        if _DETERMINER.search(s, max(0, x - 7), x) and not _IN_DET.search(s, max(0, x - 20), x)
    }
    said = {
        id(d)
        for x, y, d in dates
        if _REPORTING.search(s, max(0, x - 60), x)
        or (x < 40 and _DATELINE.match(s, y))
        or _REPORTED_AFTER.match(s, y)  # "Police on Sunday said 30 were arrested"
    }
    # "The company, which lost $2 billion last year, said it would cut 900 jobs": a
    # relative clause closed by a comma keeps its dates to its own figures
    asides = [(m.start(), m.end()) for m in _CLOSED_RELATIVE.finditer(s)]

    def same_aside(x: int, a: int) -> bool:
        """A date and a figure on the same side of every closed relative clause."""
        return all((p <= x < q) == (p <= a < q) for p, q in asides)

    earlier = [info.earlier_segment(a, b) for a, b in spans]
    owned = _Spans([seg for seg in earlier if seg is not None])

    def first(lo: int, hi: int, ok) -> DateExpr | None:
        for i in range(bisect.bisect_left(xs, lo), len(xs)):
            x, _y, d = dates[i]
            if x >= hi:
                return None
            if ok(x, d):
                return d
        return None

    out: list[DateExpr | None] = []
    for (a, b), seg in zip(spans, earlier, strict=True):
        if seg is not None:
            out.append(first(seg[0], seg[1], lambda _x, _d: True))
            continue
        lo, hi = info.clause(a, b)
        inside = info.background.span_of(a)
        if inside is not None:
            # "since Congress passed the $61 billion bill in April": a figure of the
            # background clause takes that clause's own date
            mine = next(
                (
                    d
                    for x, _y, d in every
                    if inside[0] <= x < inside[1]
                    and not _SINCE_OBJECT.fullmatch(s, inside[0], x)  # "since January"
                    and (x >= b or x + len(d.text) <= a)
                ),
                None,
            )
            if mine is not None:
                out.append(mine)
                continue
        # "after rising 9 percent the year before", "2 percent the following month": a
        # date written right after the figure is its own
        i = bisect.bisect_left(xs, b)
        if i < len(xs) and xs[i] < hi and _ADJACENT.fullmatch(s, b, xs[i]):
            d_next = dates[i][2]
            if id(d_next) not in said and id(d_next) not in attributive:
                out.append(d_next)
                continue

        # the event's date before the date it was reported
        def fits(x: int, d: DateExpr, a: int = a) -> bool:
            return not owned.holds(x) and (x < a or id(d) not in attributive) and same_aside(x, a)

        own = first(lo, hi, lambda x, d: fits(x, d) and id(d) not in said)
        # "had visited the Maldives by the end of July": in a clause of the past a deadline
        # is the day the count stood at, and dates it before a later date of the clause
        reached = next(
            (
                d
                for x, _y, d in deadlines
                if lo <= x < hi
                and (own is None or x < own.start - sent_start)
                and not owned.holds(x)
                and not info.background.holds(x)
                and same_aside(x, a)
            ),
            None,
        )
        if reached is not None and has_past(s[max(lo, a - _REACH) : min(hi, b + _REACH)]):
            own = reached
        if own is not None:
            # "Etihad broke even in 2022, made a 3% margin in 2023 and ...": a date in the
            # figure's own comma-delimited stretch is nearer its verb than one outside it
            c_lo = max(lo, a - _REACH, s.rfind(", ", max(lo, a - _REACH), a) + 1)
            c_hi = s.find(", ", b, min(hi, b + _REACH))
            c_hi = min(hi, b + _REACH) if c_hi < 0 else c_hi
            base = _BASE.search(s, b, c_hi)  # "0.9% less than in March 2017": the base's date
            c_hi = base.start() if base else c_hi
            x_own = own.start - sent_start
            if not c_lo <= x_own < c_hi:
                near = first(c_lo, c_hi, lambda x, d: fits(x, d) and id(d) not in said)
                if near is None and has_past(s[c_lo:c_hi]):
                    near = next(
                        (
                            d
                            for x, _y, d in deadlines
                            if c_lo <= x < c_hi
                            and not owned.holds(x)
                            and same_aside(x, a)
                            and not info.background.holds(x)
                        ),
                        None,
                    )
                own = near or own
        if own is not None:
            # "this year as of October 18": a later date of the clause inside the first
            # one ("2019" holds 2019-10-18) says when more precisely
            finer = first(
                lo,
                hi,
                lambda x, d, own=own, b=b: (
                    fits(x, d)
                    and id(d) not in said
                    and len(d.value) > len(own.value)
                    and d.value.startswith(own.value + "-")
                    # not the date of a comparison after the figure: "a 4% rise last year,
                    # compared with inflation of 10.1% in September"
                    and not (x > b and _BASE.search(s, b, x))
                ),
            )
            own = finer or own
        if own is None:
            # "the same period in 2018, which recorded 38,190 cases": a relative clause
            # takes the date its noun ends with, before the date the sentence was said
            own = _hung_on(s, lo, a, every, ends_every, _WHICH)
        if own is None:
            own = first(lo, hi, fits)
        if own is None:
            own = next(
                (
                    d
                    for x, _y, d in deadlines
                    if lo <= x < hi and not owned.holds(x) and not info.background.holds(x)
                ),
                None,
            )
        if own is None:
            # "since 2014, when 600 people died": the date the clause hangs on
            own = _hung_on(s, lo, a, every, ends_every, _WHEN)
        if (
            own is None
            and not _NOW.search(s, max(lo, a - _REACH), min(hi, b + _REACH))
            and not (_BUT_BEFORE.search(s, max(0, lo - 5), lo) and _PRESENT.search(s, lo, b))
        ):
            # a date before the figure frames it, unless a verb of another tense intervenes
            # nor across a semicolon: "turnout was 93% in 2013; this time officials
            # expect about 92%"
            cut = max(info.last_coordination_before(a), s.rfind(";", 0, a))
            own = first(
                cut + 1,
                a,
                lambda x, d, a=a: x + len(d.text) <= a and not owned.holds(x) and same_aside(x, a),
            )
        out.append(own)
    # "rose to 3.9% from 3.8% in the three months to February": the period of the change
    # dates the value it reached, unless its words say earlier ("from 500 a week earlier")
    for i, seg in enumerate(earlier):
        if (
            seg is not None
            and out[i] is not None
            and i > 0
            and earlier[i - 1] is None
            and out[i - 1] is None
            and s[seg[0] : seg[0] + 4].lower() == "from"
            and not _EARLIER_WORDS.search(s, seg[0], seg[1])
        ):
            out[i - 1], out[i] = out[i], None
    values: list[str | None] = []
    chains: dict = {}
    for d, seg in zip(out, earlier, strict=True):
        span = _span_value(s, sent_start, every, d, chains) if d and seg is None else None
        # a span across New Year ("the October-March period") shares nothing: no date
        values.append((span or None) if span is not None else (d.value if d else None))
    # "rose from 15% to 35% between 2019 and 2023": the range's ends date the two values
    for i, seg in enumerate(earlier):
        if seg is None or out[i] is not None or i + 1 >= len(out):
            continue
        later = out[i + 1]
        if earlier[i + 1] is None and later is not None and later.end_value:
            values[i], values[i + 1] = later.value, later.end_value
            out[i] = later
    return list(zip(values, out, strict=True))
