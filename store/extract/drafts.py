"""Drafting the figures of one sentence: which of its numbers count something, with
the qualifier and unit each takes from the words around it.

:func:`_draft_figures` turns the numbers of one sentence into :class:`_Draft` records:
not yet a claimant, a hedge, an actor or a date; ``store.extract.figures`` fills those
in over the whole article. A number becomes a draft only when it counts something
(``store.extract.units``): a noun after it, a percent or currency, a noun it measures, a
casualty verb, or a noun the writer left out (``store.extract.elision``). Also here: the
spans of the words that decided the unit (the figure's evidence).

Pure: one sentence's text at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.extract.attribution import Attribution
from store.extract.change import earlier_mark
from store.extract.cues import POST_QUAL, is_year, not_a_count, qualifier_of
from store.extract.elision import (
    Bare,
    dated_after,
    elided_units,
    free_between,
    measured,
    year_as_name,
)
from store.extract.intent import adjust_qualifier
from store.extract.measured_nouns import unit_before
from store.extract.models import DateExpr, Sentence
from store.extract.numbers import Number, find_numbers
from store.extract.unit_words import CASUALTY_AFTER, CASUALTY_UNIT, CASUALTY_VERB, ELIDED_UNIT, STOP
from store.extract.units import elided, of_them_noun, unit_after

_TO_NEXT = re.compile(r"[^\S\n]*(?:to|[-–])[^\S\n]*", re.I)
_UNIT_OF_NEXT = "\0next"


@dataclass(slots=True)
class _Draft:
    sent: Sentence
    start: int  # body offsets of the figure text
    end: int
    number: Number
    value: float
    high: float | None
    qualifier: str | None
    unit: str
    np_start: int  # sentence-relative span of the noun phrase (modifiers included)
    np_end: int
    backward_unit_pos: int | None  # sentence-relative position of a unit noun before it
    vague: bool
    hedged: bool = False
    date: str | None = None
    actor: str | None = None
    claim: Attribution | None = None
    claim_abs: tuple[int, int] | None = None
    # Evidence: sentence-relative spans of the words that decided the qualifier and unit,
    # and of the hedge word (read by ``_EvidenceFinder``)
    qual_span: tuple[int, int] | None = None
    unit_span: tuple[int, int] | None = None
    hedge_span: tuple[int, int] | None = None
    date_expr: DateExpr | None = None  # the expression that dates it (figdates)


def _draft_figures(
    s: str, sent: Sentence, dates: list[DateExpr], carry: str | None = None
) -> list[_Draft]:
    numbers = find_numbers(s)
    if not numbers:
        return []
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    caps = sum(1 for w in words if w[0].isupper())
    title_case = len(words) >= 4 and caps / len(words) > 0.6
    first = re.search(r"\w", s)
    first_word = first.start() if first else 0
    date_spans = [(d.start - sent.start, d.end - sent.start) for d in dates]
    starts = {n.start for n in numbers}
    out: list[_Draft] = []
    bare: list[Bare] = []  # numbers with no noun of their own (store.extract.elision)
    for num in numbers:
        if not_a_count(s, num, date_spans, first_word):
            # "since October 7 to 22,722 Palestinians": the date is not the range's low end
            num = num.high_alone()
            if num is None or not_a_count(s, num, date_spans, first_word):
                continue
        qual, qstart = qualifier_of(s, num)
        qual_span = (qstart, len(s[: num.start].rstrip())) if qual else None
        after = num.end
        post = POST_QUAL.match(s[after:])
        if post:
            qual_span = (
                after + len(post.group(0)) - len(post.group(0).lstrip()),
                after + post.end(),
            )
            qual = (
                "min"
                if (post.group("plus") or post.group("more"))
                and ((post.group("more") or "").lower() != "so")
                else "approx"
            )
            after += post.end()
        backward = None
        unit_span = None
        if num.percent:
            unit, uend = "percent", num.end
            unit_span = _span_in(s, _PERCENT_SIGN, num.start, num.end)
        elif num.currency:
            unit, uend = num.currency, num.end
            unit_span = _span_in(s, _CURRENCY_SIGN, num.start, num.end)
        else:
            strong = re.match(r"-strong\s+", s[after:])  # "a 5,000-strong contingent"
            if strong:
                noun = re.match(r"[^\W\d_][\w\-]*", s[after + strong.end() :])
                if noun is None or noun.group(0).lower() in STOP:
                    continue
                unit, uend = noun.group(0).lower(), after + strong.end() + noun.end()
                found = (unit, uend)
                unit_span = (uend - len(noun.group(0)), uend)
            else:
                found = unit_after(s, after, num.value, title_case)
            if (
                found is None
                and _TO_NEXT.match(s, after)
                and _TO_NEXT.match(s, after).end() in starts
            ):
                found = (_UNIT_OF_NEXT, num.end)  # "from 2,300 to 4,500 evacuees"
            if (
                found in (None, "time")
                and out
                and not num.vague
                and earlier_mark(s, num.start) is not None
            ):
                found = (out[-1].unit, num.end)  # "doubled to 1,000 from 500": the same count
                unit_span = out[-1].unit_span
            if found == "time":
                if not dated_after(s, after):
                    continue
                found = None  # "rose to 30,000 last year": a date after it, no duration
            if found is None:
                if num.vague or is_year(s, num):
                    continue
                measure = measured(s, qstart)  # "the number of people killed rose to"
                back = None if measure else unit_before(s, num.start, title_case, after)
                verb = CASUALTY_VERB.search(s, 0, qstart)
                verb_after = CASUALTY_AFTER.match(s, after)
                if measure is not None:
                    unit, uend = measure[0], after
                    unit_span = measure[1]
                elif back is not None:
                    unit, uend = back[0], after
                    backward = back[1]
                    unit_span = _word_at(s, back[1])
                elif verb is not None:
                    unit, uend = CASUALTY_UNIT[verb.group(1).lower()[:4]], after
                    unit_span = verb.span(1)
                elif fronted := re.match(
                    r"\s*Of\s+(?:the|these|those)\s+([a-z]+)\s*,\s*$", s[:qstart]
                ):
                    unit, uend = fronted.group(1), after  # "Of the deaths, 17,388 were ..."
                    unit_span = fronted.span(1)
                elif verb_after is not None:  # "another 1,000 had been injured"
                    unit, uend = CASUALTY_UNIT[verb_after.group(1).lower()[:4]], after
                    unit_span = verb_after.span(1)
                elif named := of_them_noun(s, after):  # "32 killed, 28 of them soldiers"
                    unit, uend = named
                    unit_span = (uend - len(unit), uend)
                elif (
                    out  # "117 in Gansu and 31 in Qinghai", not "aged 5 and 6"
                    and free_between(s, numbers, date_spans, out[-1].number.end, num.start)
                    and elided(s, qstart, after)
                ):  # "117 in Gansu and 31 in Qinghai"
                    unit, uend = ELIDED_UNIT, after
                elif (who := re.match(r"\s+(who)\b", s[after:])) and not num.vague:
                    # "some 250,000 who were forced to flee": a number of persons (when no
                    # count before it lends its noun)
                    unit, uend = "people", after
                    unit_span = (after + who.start(1), after + who.end(1))
                else:
                    bare.append(Bare(num, qual, qstart, after))
                    continue
            else:
                unit, uend = found
                unit_span = unit_span or _word_ending(s, uend)
                if unit == "points" and (pp := re.match(r"\s+(percentage\s+points)", s[after:])):
                    unit = "percentage points"
                    unit_span = (after + pp.start(1), after + pp.end(1))
                if is_year(s, num) and (
                    not re.match(
                        r"\s+" + re.escape(s[uend - len(unit) : uend]) + r"\b", s[num.end :]
                    )
                    or year_as_name(s, qstart, unit)
                ):
                    continue  # "the 2024 budget", "the 2016 elections": a year used as a name
        if num.vague and qual is None:
            qual = "min"
            qual_span = (num.start, num.end)  # "thousands": at least a thousand
        qual, qstart, changed = adjust_qualifier(s, qual, qstart, num.start, num.end)
        if changed is not None or qual is None:
            qual_span = changed
        out.append(
            _Draft(
                sent=sent,
                start=sent.start + qstart,
                end=sent.start + uend,
                number=num,
                value=num.value,
                high=num.high,
                qualifier=qual,
                unit=unit,
                np_start=qstart,
                np_end=uend,
                backward_unit_pos=backward,
                vague=num.vague,
                qual_span=qual_span,
                unit_span=unit_span,
            )
        )
    if bare:  # "117 people in one province and 31 in another": the noun given earlier
        for b, unit in elided_units(s, bare, out, numbers, date_spans, carry):
            qual, qstart, changed = adjust_qualifier(
                s, b.qualifier, b.qstart, b.num.start, b.num.end
            )
            if changed is None and qual is not None:  # the qualifier's own words
                changed = (
                    (qstart, len(s[: b.num.start].rstrip()))
                    if qstart < b.num.start
                    else (b.num.end, b.after)
                )
            out.append(
                _Draft(
                    sent=sent,
                    start=sent.start + qstart,
                    end=sent.start + b.after,
                    number=b.num,
                    value=b.num.value,
                    high=b.num.high,
                    qualifier=qual,
                    unit=unit,
                    np_start=qstart,
                    np_end=b.after,
                    backward_unit_pos=None,
                    vague=False,
                    qual_span=changed if qual is not None else None,
                )
            )
        out.sort(key=lambda d: d.np_start)
    # the earlier value of a change counts what the value after it counts
    keep = []
    for i, d in enumerate(out):
        if d.unit == _UNIT_OF_NEXT:
            if i + 1 >= len(out) or out[i + 1].unit == _UNIT_OF_NEXT:
                continue
            d.unit, d.unit_span = out[i + 1].unit, out[i + 1].unit_span
        keep.append(d)
    return keep


_PERCENT_SIGN = re.compile(r"%|per\s?cent", re.I)
_CURRENCY_SIGN = re.compile(r"US\$|[$€£¥₴₽₩₹]")
_WORD_AT = re.compile(r"[^\W\d_][\w'’\-]*")
_WORD_END = re.compile(r"[^\W\d_][\w'’\-]*$")


def _span_in(s: str, pattern: re.Pattern[str], lo: int, hi: int) -> tuple[int, int] | None:
    m = pattern.search(s, lo, hi)
    return m.span() if m else None


def _word_at(s: str, pos: int) -> tuple[int, int] | None:
    m = _WORD_AT.match(s, pos)
    return m.span() if m else None


def _word_ending(s: str, end: int) -> tuple[int, int] | None:
    m = _WORD_END.search(s[max(0, end - 60) : end])
    return (end - len(m.group(0)), end) if m else None
