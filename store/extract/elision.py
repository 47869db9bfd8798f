"""Counts whose noun is left out: the writer gave it earlier, or it is the noun phrase
the number measures.

- the noun phrase measured: "the number of people killed ... rose to 148" (people), "put
  the number of protesters at just 30,000" (protesters), "the death toll from the storms
  climbed to 23" (deaths), "estimated the crowd at half a million" (people);
- a partitive: "20 of the 80 registered voters" and "12 of the town's 300 homes" (both
  count the noun after the second number), "40 of them", "9,000 of whom" (the count
  before), "15 of them children" (the noun after "them");
- a contrast or a list with a count of the same sentence: "41 people in the north and 12
  in the south", "9,000 marchers, compared with 7,500 on Friday", "up from 6,000", "(250)",
  "including 400 in the capital", "another 30", "while the union claimed 90,000";
- a counting verb with a bare object right after a sentence that gave the noun ("The
  ministry counted 40,000.").

A bare number is given a unit only when nothing after it is a noun of its own (the next
word is a function word or punctuation), no other number stands between it and the count
it borrows from (dates aside), and it is not a year. Used by ``store.extract.figures``;
pure, one sentence at a time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from store.extract.measured_nouns import is_measuring_verb
from store.extract.numbers import Number
from store.extract.unit_words import CASUALTY_ADJECTIVES, SAME_AS_BEFORE_UNIT, STOP, is_plural

# Words that may follow a bare count without being its noun.
_AFTER_OK = STOP | frozenset(
    """according apiece each respectively last previous previously earlier nationwide
    across alone together altogether""".split()
)
_JUST = r"(?:(?:just|only|a\s+mere|merely|barely|still)\s+)?"
# Links from a measured noun phrase to its number: "rose to", "stood at", "passes".
_LINK = re.compile(
    r"\b(?:at|to|of|by|reach(?:ed|es)?|hit|hits|pass(?:es|ed)?|top(?:s|ped)?|"
    r"exceed(?:s|ed)?|surpass(?:es|ed)?|near(?:s|ed)?|was|is|stood|stands)\s+" + _JUST + r"$",
    re.I,
)
_AND = re.compile(r"\band\b")
_PUNCT_CUT = re.compile(r"[,;:—–]|\b(?:while|whereas|but)\b")
_FINITE = re.compile(
    r"\b(?:rose|fell|was|were|is|are|has|have|had|increased|decreased|climbed|reached|stood|"
    r"said|says|grew|dropped|jumped)\b"
)
_CLAUSE_CUT = re.compile(r"[,;:—–]|\b(?:while|whereas|but|and)\b")
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z][\w\-]*)(?=\W|$)"
    r"|\bnumber\s+(?P<cas>" + "|".join(sorted(CASUALTY_ADJECTIVES)) + r")\b",
    re.I,
)
_TOLL = re.compile(r"\btoll\b", re.I)
_CROWD = re.compile(r"\b(?:turnouts?|crowds?|attendance|participation|gates?)\b", re.I)
_STAFF = re.compile(r"\b(?:headcount|workforce|payroll|staffing)\b", re.I)
_DRAWING = re.compile(r"\b(?:dr[ae]w|draws|drawing|attract(?:s|ed|ing)?)\s+$", re.I)

# a past verb between the connective and the number: "saved 40 homes but lost 12"
_PAST_VERB = (
    r"(?:[a-z]+ed|lost|won|sold|built|made|cut|hit|kept|put|saw|took|gave|left|shed|"
    r"found|got|held|brought|bought|caught|spent|paid|sent|had)"
)
# Connectives that list or contrast a bare number with a count before it.
_CONTRAST = re.compile(
    r"(?:\b(?:and|or|but|while|whereas)\s+(?:that\s+)?(?:" + _PAST_VERB + r"\s+)?"
    r"|\b(?:compared\s+(?:with|to)|as\s+against|against|versus|vs\.?|(?:up|down|rising|"
    r"falling)\s+from|including|of\s+whom|of\s+which)\s+"
    r"|\banother\s+|\ba\s+further\s+"
    r"|,\s*"
    r"|\(\s*)$",
    re.I,
)
_TO_BEFORE = re.compile(
    r"\bto\s+(?:(?:about|around|nearly|almost|some|roughly|more\s+than|over)\s+)?$", re.I
)
_COMMA_AFTER = re.compile(r"\s+(?:according\s+to|in|across|on|at)\b", re.I)
# Verbs of counting with a bare object: "the police counted 28,000", "claims two million".
# Rival figures in one sentence: "Police said 1,000 attended; organisers said 5,000".
_SAYING = re.compile(r"\b(?:say|says|said|saying|reported|reports|gave|gives)\s+$", re.I)
_COUNTING = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|count(?:s|ed|ing)?|estimat(?:es|ed|ing)|announc(?:es|ed|ing)|"
    r"tall(?:ied|ies|y)|put(?:s|ting)?\s+(?:it|the\s+\w+(?:\s+\w+)?)\s+at)\s+$",
    re.I,
)
# "Of the 17,000 voters on the register, 13,000 cast their ballots"
_FRONTED_OF = re.compile(r"^\W*Of\s+(?:the|these|those|its|their)\s+", re.I)
# "N of the M nouns", "N of the town's M nouns", "N of West Virginia's M counties"
_PARTITIVE = re.compile(
    r"\s+(?:out\s+)?of\s+(?:(?:the|its|their|his|her|our|these|those)\s+)?"
    r"(?:(?:[\w\-]+\s+){0,2}[\w\-]+['’]s\s+)?(?:(?:some|about|around|nearly|almost|roughly)\s+)?$",
    re.I,
)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom|those|these|which)\b", re.I)
_WITH_INJURIES = re.compile(
    r"\s+with\s+(?:(?:minor|serious|severe|light|critical|life-threatening|non-life-"
    r"threatening|gunshot|burn|head)\s+){0,2}(?:injuries|wounds)\b",
    re.I,
)


# "2023-24", "2021/22", "1999": years and fiscal years, never a bare count
_YEARISH = re.compile(r"(?:1[89]|20)\d\d(?:\s*[-–/]\s*\d{2,4})?")


@dataclass(frozen=True, slots=True)
class _Known:
    number: Number
    unit: str


@dataclass(frozen=True, slots=True)
class Bare:
    """A number kept aside because no noun follows it."""

    num: Number
    qualifier: str | None
    qstart: int  # where its qualifier (or the number) starts
    after: int  # end of the number (and of a trailing "or more")


_DATED_AFTER = re.compile(
    r"\s+(?:last|this|next|that|the\s+(?:previous|following|same|whole|entire))\s+"
    r"(?:year|month|week|day|night|weekend|decade|century|time)\b",
    re.I,
)
_PUT_IT_AT = re.compile(r"\bput(?:s|ting)?\s+(?:it|them|theirs)\s+at\s+$", re.I)


# Events a year names: "the 2016 elections", "Ghana's 2020 polls", "the 2012 Olympics"
_EVENTS = frozenset(
    """elections polls votes games olympics championships finals cups budgets accords
    talks protests riots attacks floods earthquakes wars campaigns primaries referendums
    census results accounts figures levels rates prices standards rules regulations
    reforms sanctions guidelines estimates forecasts projections""".split()
)
_NAMING_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|our|this|that|these|those|full-year|fiscal|"
    r"financial|calendar|model|school|academic)|['’]s)\s+$",
    re.I,
)


def year_as_name(s: str, start: int, unit: str) -> bool:
    """A year (1800-2100, no comma) before a plural that names an event or a series, or
    after a determiner: "the 2016 elections", "Ghana's 2020 polls" (not 2,016 voters)."""
    return unit in _EVENTS or _NAMING_BEFORE.search(s, max(0, start - 12), start) is not None


def dated_after(s: str, pos: int) -> bool:
    """A time word after a number that dates it, not one the number counts: "30,000 last
    year", "12 the previous week" (against "30 years", "12 days")."""
    return _DATED_AFTER.match(s, pos) is not None


def measured_unit(s: str, qstart: int) -> str | None:
    """The noun phrase a bare number measures, when the phrase names what is counted:
    "the number of people killed rose to 148", "toll passes 19,000", "the crowd at 5,000"."""
    found = measured(s, qstart)
    return found[0] if found else None


def measured(s: str, qstart: int) -> tuple[str, tuple[int, int]] | None:
    """(unit, sentence span of the word that says it) for :func:`measured_unit`."""
    link = _LINK.search(s, max(0, qstart - 60), qstart)
    if link is None:
        return None
    put = _PUT_IT_AT.search(s, max(0, qstart - 30), qstart)
    if put:  # "organisers put it at 40,000": the count before
        it = re.search(r"\b(?:it|them|theirs)\b", s[put.start() : put.end()])
        return SAME_AS_BEFORE_UNIT, (put.start() + it.start(), put.start() + it.end())
    base = max(0, link.start() - 300)
    head = s[base : link.start()]
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(head)]
    cut = cuts[-1] if cuts else 0
    if cuts and re.match(r"\s*(?:which|that)\b", head[cut:]):
        # "The death toll, which officials put at 45": the noun it refers to
        cut = cuts[-2] if len(cuts) > 1 else 0
    if len(head) - cut > 160:
        cut = len(head) - 160
    clause = head[cut:]
    off = base + cut  # sentence offset of the clause

    def at(m: re.Match[str], group: int | str = 0) -> tuple[int, int]:
        return off + m.start(group), off + m.end(group)

    found = [m for m in _NUMBER_OF.finditer(clause)]
    if not found and _AND.search(head, max(0, len(head) - 160)):
        # "The number of people killed by rains and melting snow ... neared 3,200": an
        # "and" inside the subject does not start a clause when no verb follows it
        wide = [c.end() for c in _PUNCT_CUT.finditer(head)]
        wcut = max(wide[-1] if wide else 0, len(head) - 160)
        m = next(iter(reversed(list(_NUMBER_OF.finditer(head, wcut)))), None)
        if m is not None and not _FINITE.search(head, m.end()):
            clause, off, found = (
                head[wcut:],
                base + wcut,
                [_NUMBER_OF.match(head[wcut:], m.start() - wcut)],
            )
    if found:
        m = found[-1]
        if m.group("cas"):
            return m.group("cas").lower(), at(m, "cas")
        noun = m.group("noun")
        if noun.lower() in CASUALTY_ADJECTIVES:  # "the number of unemployed people"
            more = re.compile(r"\s+([a-z][\w\-]*)").match(clause, m.end())
            if more and is_plural(more.group(1), False) and not is_measuring_verb(more.group(1)):
                return more.group(1).lower(), at(more, 1)
        if is_plural(noun, False):
            return noun.lower(), at(m, "noun")
        return None
    for pattern, unit in ((_TOLL, "deaths"), (_STAFF, "employees"), (_CROWD, "people")):
        m = pattern.search(clause)
        if m:
            return unit, at(m)
    return None


def _bare_after(s: str, pos: int) -> bool:
    """Nothing after the number is a noun of its own."""
    m = re.compile(r"\s*([^\W\d_][\w'’\-]*|\S|$)").match(s, pos)
    if m is None:
        return True
    w = m.group(1)
    if not w or not (w[0].isalpha()):
        return w != "-"
    # a function word, or a verb in -ed ("250 closed on Tuesday")
    return w[0].islower() and (w.lower() in _AFTER_OK or (w.endswith("ed") and len(w) > 4))


def _is_count(unit: str) -> bool:
    return unit not in {"percent", "percentage points", "points"}


def free_between(
    s: str, numbers: list[Number], date_spans: list[tuple[int, int]], lo: int, hi: int
) -> bool:
    """No number but a date or a year stands between positions lo and hi of ``s``: a bare
    number may borrow the noun of the count at lo ("200 pupils aged 5 and 6": 6 may not)."""
    ctx = _Context(s, numbers, [n.start for n in numbers], date_spans, None, None)
    return _between_free(ctx, lo, hi)


def _between_free(ctx: _Context, lo: int, hi: int) -> bool:
    """No number but a date or a year stands between positions lo and hi."""
    s, dates = ctx.s, ctx.date_spans
    k = bisect.bisect_left(ctx.number_starts, lo)
    for n in ctx.numbers[k:]:
        if n.start >= hi:
            break
        if n.end <= hi:
            if _YEARISH.fullmatch(s[n.start : n.end]):
                continue
            if not any(a <= n.start and n.end <= b for a, b in dates):
                return False
    return True


def elided_units(
    s: str,
    bare: list[Bare],
    drafts: list,
    numbers: list[Number],
    date_spans: list[tuple[int, int]],
    carry: str | None = None,
) -> list[tuple[Bare, str]]:
    """(bare number, unit) for the bare numbers whose noun the sentence gives elsewhere.

    ``drafts`` are the sentence's figures found with a noun of their own (objects with
    ``number`` and ``unit``), in order; ``carry`` is the count noun of the sentence
    before, for a counting verb that opens on a bare number ("The ministry counted
    40,000.").
    """
    out: list[tuple[Bare, str]] = []
    pool = sorted((_Known(d.number, d.unit) for d in drafts), key=_start)
    starts = [k.number.start for k in pool]
    fronted = _FRONTED_OF.match(s)
    ctx = _Context(s, numbers, [n.start for n in numbers], date_spans, carry, fronted)
    for b in bare:
        num = b.num
        if num.currency or num.percent or num.vague or _YEARISH.fullmatch(s[num.start : num.end]):
            continue
        unit = _unit_of(ctx, b, pool, starts)
        if unit is not None:
            out.append((b, unit))
            i = bisect.bisect_left(starts, num.start)  # "(300,000) ... (700,000)": a chain
            starts.insert(i, num.start)
            pool.insert(i, _Known(num, unit))
    return out


def _start(k: _Known) -> int:
    return k.number.start


@dataclass(frozen=True, slots=True)
class _Context:
    s: str
    numbers: list[Number]
    number_starts: list[int]
    date_spans: list[tuple[int, int]]
    carry: str | None
    fronted: re.Match[str] | None  # "Of the 900 workers, ..." opening the sentence


def _unit_of(ctx: _Context, b: Bare, pool: list[_Known], starts: list[int]) -> str | None:
    s, carry, num = ctx.s, ctx.carry, b.num
    # the words just before (every cue below is a few words long): a window, so that a
    # run-on sentence with thousands of numbers stays linear
    before = s[max(0, b.qstart - 160) : b.qstart]
    integral = float(num.value).is_integer() and (num.high is None or float(num.high).is_integer())
    i = bisect.bisect_left(starts, num.start)
    last = pool[i - 1] if i > 0 and pool[i - 1].number.end <= num.start else None
    j = bisect.bisect_left(starts, b.after)
    nxt = pool[j] if j < len(pool) else None
    near_prior = last is not None and _between_free(ctx, last.number.end, num.start)

    # "20 of the 80 registered voters", "12 of the town's 300 homes"
    if nxt is not None and _PARTITIVE.fullmatch(s[b.after : nxt.number.start]) and integral:
        if _is_count(nxt.unit):
            return nxt.unit
    # "40 of them", "9,000 of whom pay", "15 of them children"
    them = _OF_THEM.match(s, b.after)
    if them and integral:
        noun = re.compile(r"\s+([a-z][\w\-]*)").match(s, them.end())
        if noun and is_plural(noun.group(1), False) and noun.group(1) not in STOP:
            return noun.group(1).lower()
        if near_prior and _is_count(last.unit):
            return last.unit
        if last is None and carry is not None:
            return carry
        return None
    # "Of the 17,000 voters on the register, 13,000 cast their ballots"
    fronted = ctx.fronted
    if fronted and before.rstrip().endswith(",") and near_prior and integral:
        if last.number.start >= fronted.end() and _is_count(last.unit):
            return last.unit
    # "we have five with minor injuries"
    if integral and _WITH_INJURIES.match(s, b.after):
        return "injured"
    if (
        last is None
        and carry is not None
        and integral
        and b.qstart < 40
        and re.fullmatch(r"\W*Of\s+(?:them|those|these|whom)\s*,\s*", s[: b.qstart], re.I)
    ):
        return carry  # "Of those, 40 were charged." after the sentence that counted them
    if not _bare_after(s, b.after):
        return None
    # the noun phrase measured ("the number of people killed rose to 148")
    measured = measured_unit(s, b.qstart)
    if measured is not None and integral:
        return measured
    # "a march that drew 500,000"
    if _DRAWING.search(before) and integral:
        return "people"
    if near_prior:
        ratio = max(num.value, last.number.value) / max(1.0, min(num.value, last.number.value))
        fits = integral or not _is_count(last.unit)
        if fits and ratio <= 1000:
            c = _CONTRAST.search(before, max(0, len(before) - 40))
            if c is not None:
                text = c.group(0)
                if text.startswith("("):
                    if re.compile(r"\s*\)").match(s, b.after):
                        return last.unit
                elif text.startswith(","):
                    if _COMMA_AFTER.match(s, b.after):
                        return last.unit
                else:
                    return last.unit
            if _COUNTING.search(before, max(0, len(before) - 60)) or _SAYING.search(
                before, max(0, len(before) - 20)
            ):
                return last.unit
            # "rose to 3.2 million tonnes from 2.9 million"
            if re.search(r"\bfrom\s+$", before) and _TO_BEFORE.search(
                s, max(0, last.number.start - 30), last.number.start
            ):
                return last.unit
    # "The ministry counted 40,000." after a sentence that named the people counted
    if last is None and carry is not None and integral:
        if _COUNTING.search(before, max(0, len(before) - 60)) or re.search(
            r"\b(?:another|a\s+further)\s+$", before, re.I
        ):
            return carry
    return None
