"""Figures: the numbers an article states, with what they count, whose they are, who
says so, whether they are hedged, and when.

The rules are general English news-writing patterns (no story-specific words beyond the
alias table in ``store/extract/data/actors.json``):

- a number becomes a figure only when it counts something (``store.extract.units``): a noun
  after it ("3,000 North Korean troops", "three of its generals"), a percent or
  currency, or a noun it measures ("forces stood at an estimated 330,000");
- years, dates, times, ages, ordinals and names with digits ("G20", "F-16", "Group of
  20", "Article 5") are not figures;
- the qualifier is read from the words just before the number ("up to", "about",
  "more than") or just after it ("or more");
- the claimant is the attribution that governs the figure in its sentence, else one
  carried from a neighbouring sentence ("He added", "This information was disclosed
  by"), else the attribution of the same number elsewhere in the article, else the
  article's own source line;
- hedging is a modal or plan word in the figure's clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from store.extract.actors import find_mentions
from store.extract.attribution import (
    Attribution,
    find_attributions,
    headline_attribution,
    refers_back,
    source_line,
)
from store.extract.change import earlier_mark
from store.extract.claimants import (
    appositive_person,
    article_year,
    attribute_open_quotes,
    background,
    closes_sentence,
    continue_paragraph_speaker,
    looks_personal,
    tied_to_figure,
)
from store.extract.cues import (
    CLAUSE_BREAK,
    POST_QUAL,
    RIGHT_STOP,
    Hedges,
    is_year,
    not_a_count,
    qualifier_of,
)
from store.extract.elision import (
    Bare,
    dated_after,
    elided_units,
    free_between,
    measured,
    year_as_name,
)
from store.extract.figdates import assign_dates
from store.extract.intent import Plans, adjust_qualifier
from store.extract.models import Cue, DateExpr, Evidence, Figure, Sentence
from store.extract.numbers import Number, find_numbers
from store.extract.units import (
    CASUALTY_ADJECTIVES,
    CASUALTY_AFTER,
    CASUALTY_UNIT,
    CASUALTY_VERB,
    ELIDED_UNIT,
    SAME_AS_BEFORE_UNIT,
    STOP,
    context_unit,
    elided,
    of_them_noun,
    unit_after,
    unit_before,
)

_TO_NEXT = re.compile(r"[^\S\n]*(?:to|[-–])[^\S\n]*", re.I)
_UNIT_OF_NEXT = "\0next"
_DATE_SKIP = re.compile(r"\b(?:since|until|till|by|before|from)\s+(?:the\s+)?$", re.I)
# Units of armed forces: a follow-up figure of these belongs to the force just discussed.
_FORCE_UNITS = frozenset(
    """troops soldiers personnel forces fighters infantrymen servicemen servicemembers marines
    sailors airmen troopers conscripts recruits mercenaries militants combatants reservists
    officers generals commanders units battalions brigades regiments divisions""".split()
)
_PREPOSITIONS = frozenset(
    """to in into against on at near toward towards with for across inside over by between
    of from within throughout about around amid via onto upon""".split()
)


_ASIDE = re.compile(r"[—–]\s[^—–]{1,200}?\s[—–]|—[^—]{1,200}?—|\([^()]{1,200}\)")
# "More than 100 of them were killed": "them" is the force of the figure before.
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)\b", re.I)
_SEVERAL = "\0several"  # the noun phrase names more than one party: no single actor


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


class _Clauses:
    """The clause breaks of one sentence, found once: the clause around a position is a
    bisect away, so a run-on sentence with thousands of figures stays fast."""

    __slots__ = ("n", "starts", "ends")

    def __init__(self, s: str) -> None:
        breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(s)]
        self.n = len(s)
        self.starts = [a for a, _ in breaks]
        self.ends = [b for _, b in breaks]

    def start_before(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: the end of the last break before it."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else 0

    def end_after(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends: the start of the first break from it."""
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else self.n


def _dating(sent: Sentence, dates: list[DateExpr], body: str) -> list[DateExpr]:
    """The sentence's dates that can date an event: deadlines and starting points ("by
    December", "since 2014") cannot."""
    return [
        d
        for d in dates
        if d.sentence_start == sent.start
        and not _DATE_SKIP.search(body, max(sent.start, d.start - 40), d.start)
    ]


def _actor(s: str, d: _Draft, mentions, excluded: list[tuple[int, int]]) -> str | None:
    def free(m) -> bool:
        return not any(a <= m.start < b for a, b in excluded)

    # 1. in the noun phrase: "10,000 North Korean troops", "(North Korean) forces"
    inside = {m.actor for m in mentions if d.np_start <= m.start < d.np_end}
    if len(inside) > 1:
        return _SEVERAL
    if inside:
        return inside.pop()
    # 2. a possessive just before: "North Korea's 3,000 troops"
    for m in mentions:
        if (
            m.end <= d.np_start
            and re.fullmatch(r"['’]s\s*|\s*", s[m.end : d.np_start])
            and (s[m.start : m.end].endswith(("'s", "’s")))
        ):
            return m.actor
    # 3. after the noun: "soldiers from North Korea", "troops ... from the DPRK"
    tail_stop = RIGHT_STOP.search(s, d.np_end)
    tail_end = tail_stop.start() if tail_stop else len(s)
    for m in mentions:
        gap = s[d.np_end : m.start]
        if d.np_end <= m.start < tail_end and (
            re.fullmatch(r"\s+(?:from|of)\s+(?:the\s+)?", gap)
            or re.search(r"\bfrom\s+(?:[\w-]+\s+){0,3}$", gap)
        ):
            return m.actor
    # 4. the noun measured before the number: "Ukraine's forces stood at 330,000"
    if d.backward_unit_pos is not None:
        for m in mentions:
            if m.end <= d.backward_unit_pos and d.backward_unit_pos - m.end <= 3:
                return m.actor
    # 5. the nearest party named before it that is not a place something goes to, nor
    # inside an aside ("It sent shells to Moscow—which Russia fires daily—and 100 ...")
    asides = [(a.start(), a.end()) for a in _ASIDE.finditer(s, 0, d.np_start)]
    for m in reversed(mentions):
        if m.start >= d.np_start or not free(m) or any(x <= m.start < y for x, y in asides):
            continue
        prev = re.search(r"(\w+)\s+(?:the\s+)?$", s[: m.start])
        if prev and prev.group(1).lower() in _PREPOSITIONS:
            continue
        return m.actor
    return None


_POPULATION = re.compile(
    r"(?:\bhome[^\S\n]+to|\bpopulation[^\S\n]+of|\b(?:a|an)[^\S\n]+(?:\w+[^\S\n]+)?(?:city|town|"
    r"village|community|country|nation|state|province|region|district|county|island|"
    r"municipality|suburb|borough)[^\S\n]+of)[^\S\n]+(?:(?:about|around|some|nearly|almost|roughly|"
    r"just|over|more[^\S\n]+than|an[^\S\n]+estimated|approximately)[^\S\n]+)*$",
    re.I,
)


def _beyond_lead(body: str, sentences: list[Sentence], d: _Draft) -> bool:
    """Whether a figure stands after the headline and the lead paragraph."""
    first_break = body.find("\n", sentences[0].end) if sentences else -1
    if first_break < 0:
        return False
    second = body.find("\n", first_break + 1)
    return second >= 0 and d.sent.start > second


def find_figures(
    body: str, sentences: list[Sentence], dates: list[DateExpr], published: date | None = None
) -> list[Figure]:
    """Figures of ``body`` in order, each with ``body[start:end] == text``. ``published``
    tells the story's own year (background facts are dated before it)."""
    drafts_by_sent: list[list[_Draft]] = []
    article_source: tuple[Attribution, int] | None = None
    latest_year = article_year(dates)
    if published is not None:
        latest_year = max(latest_year or published.year, published.year)
    dates_by_sent: dict[int, list[DateExpr]] = {}
    for d in dates:
        dates_by_sent.setdefault(d.sentence_start, []).append(d)
    # Attributions are read only where they are needed: in sentences with figures, and
    # in the few others a figure refers to (an earlier speaker, a closing quotation).
    attrs_cache: dict[int, list[Attribution]] = {}

    def attrs_of(k: int) -> list[Attribution]:
        if k not in attrs_cache:
            attrs_cache[k] = find_attributions(sentences[k].text)
        return attrs_cache[k]

    def earlier_speaker(k: int, person: bool) -> tuple[Attribution, int] | None:
        """The last speaker named before sentence ``k`` (a person's name for he/she)."""
        for j in range(k - 1, max(-1, k - 40), -1):
            for a in reversed(attrs_of(j)):
                if not a.pronoun and (not person or looks_personal(a.claimant)):
                    return a, sentences[j].start
            # "The chairperson, Jean Mensa, gave the figures as she declared ...": the
            # person named beside an earlier "he"/"she"
            if person and any(
                a.pronoun and a.claimant.lower() in {"he", "she"} for a in attrs_of(j)
            ):
                named = appositive_person(sentences[j].text)
                if named is not None:
                    return named, sentences[j].start
        return None

    for k, sent in enumerate(sentences):
        s = sent.text
        sdates = dates_by_sent.get(sent.start, [])
        carry = next(
            (
                d.unit
                for d in reversed(drafts_by_sent[-1] if drafts_by_sent else [])
                if not (d.number.percent or d.number.currency) and d.unit != SAME_AS_BEFORE_UNIT
            ),
            None,
        )
        drafts = _draft_figures(s, sent, sdates, carry)
        head = headline_attribution(s)
        src = source_line(s)
        if src and article_source is None:
            article_source = (src, sent.start)
        if head and k == 0 and article_source is None:
            article_source = (head, sent.start)
        attrs = attrs_of(k) if drafts else []
        mentions = find_mentions(s) if drafts else []
        clauses = _Clauses(s) if drafts else None
        hedges = Hedges(s) if drafts else None
        plans = Plans(s) if drafts else None  # "in a bid to", "GM to cut" in a headline
        usable_dates = _dating(sent, sdates, body) if drafts else []
        closing: dict[int, bool] = {}  # attribution index -> closes the sentence

        def closes(a: Attribution, attrs=attrs, drafts=drafts, s=s, closing=closing) -> bool:
            key = id(a)
            if key not in closing:
                closing[key] = closes_sentence(s, a, drafts, attrs)
            return closing[key]

        for d in drafts:
            p = d.np_start
            before = [
                a
                for a in attrs
                if a.pos < p
                and ";" not in s[a.pos : p]
                and not (a.start <= p < a.end)
                and (a.scope_end is None or p < a.scope_end)
            ]
            after = [
                a
                for a in attrs
                if a.pos >= d.np_end and closes(a) and tied_to_figure(s, a, drafts) in (None, d)
            ]
            # The outermost speaker of the figure's own clause; a clause of its own
            # ("..., while Seoul puts the figure at 1,000") starts afresh.
            clause = clauses.start_before(p)
            own = [a for a in before if a.pos >= clause]
            before = own or before
            chosen = before[0] if before else (after[0] if after else head)
            # "5% according to the ministry, 75% according to the union": a source
            # written right after the figure is its own
            right = next((a for a in after if a.kind == "according"), None)
            if right is not None and re.fullmatch(r"[\s,(]*", s[d.np_end : right.pos]):
                chosen = right
            # a headline's closing source (", EC data show") speaks for the whole line
            if (
                after
                and before
                and not s.rstrip().endswith((".", "!", "?", '"', "”"))
                and re.search(r"[,–—-]\s*$", s[: after[-1].written_span()[0]])
                and re.fullmatch(r"\w+\W*", s[after[-1].pos :].strip())  # its verb ends the line
            ):
                chosen = after[-1]
            if chosen is not None and chosen.pronoun and chosen.claimant.lower() in {"we", "i"}:
                # "“We believe ... 10,000 soldiers,” Pat Ryder told reporters": the
                # speaker named where the quotation ends
                named = [a for a in attrs if a.pos > d.np_end and not a.pronoun]
                if named:
                    chosen = named[0]
            if chosen is not None:
                if chosen.pronoun:
                    ref = earlier_speaker(k, chosen.claimant.lower() in {"he", "she"})
                    if ref is not None:
                        d.claim, base = ref
                        d.claim_abs = (base + ref[0].start, base + ref[0].end)
                else:
                    d.claim = chosen
                    d.claim_abs = (sent.start + chosen.start, sent.start + chosen.end)
            clause_start = clauses.start_before(d.np_start)
            d.hedge_span = hedges.cue(d.np_start, d.np_end, clause_start) or plans.cue(
                d.np_start, d.np_end, clause_start
            )
            d.hedged = d.hedge_span is not None
            others = [(o.np_start, o.np_end) for o in drafts if o is not d]
            # Sources are not actors: every attribution's words, unless it is a relative
            # clause already closed ("Ukraine, which boasted ..., has suffered 80,000 ...").
            governing = [
                a.written_span()
                for a in attrs
                if a.scope_end is None or p < a.scope_end or a.pos > p
            ]
            d.actor = _actor(s, d, mentions, governing + others)
        spans = [(d.np_start, d.np_end) for d in drafts]
        when = assign_dates(s, sent.start, usable_dates, spans, sdates)
        for d, (value, expr) in zip(drafts, when, strict=True):
            d.date, d.date_expr = value, expr
        # "This information was disclosed by X": X speaks for the sentence before
        if not drafts and k > 0 and refers_back(s):
            source = next((a for a in attrs_of(k) if not a.pronoun), None)
            if source is not None:
                for d in drafts_by_sent[k - 1]:
                    if d.claim is None:
                        d.claim = source
                        d.claim_abs = (sent.start + source.start, sent.start + source.end)
        drafts_by_sent.append(drafts)

    attribute_open_quotes(sentences, drafts_by_sent, attrs_of)
    continue_paragraph_speaker(
        body, sentences, drafts_by_sent, attrs_of, earlier_speaker, latest_year
    )
    for ds in drafts_by_sent:  # "police counted 735,000, compared with 650,000": theirs too
        for i, d in enumerate(ds):
            if d.claim is None and earlier_mark(d.sent.text, d.number.start) is not None:
                partner = ds[i - 1] if i > 0 else (ds[i + 1] if i + 1 < len(ds) else None)
                if partner is not None and partner.claim is not None:
                    d.claim, d.claim_abs = partner.claim, partner.claim_abs
    drafts = [d for ds in drafts_by_sent for d in ds]
    order = {sent.start: k for k, sent in enumerate(sentences)}
    for i, d in enumerate(drafts):
        prev = drafts[i - 1] if i > 0 else None
        if d.unit == ELIDED_UNIT:  # the noun of the figure before it in its sentence
            same = prev is not None and prev.sent is d.sent and prev.unit is not None
            d.unit = prev.unit if same else None
            if same:
                d.unit_span = prev.unit_span
                if d.actor is None:
                    d.actor = prev.actor
            continue
        if d.unit == SAME_AS_BEFORE_UNIT:
            if prev is not None and prev.sent is d.sent:
                d.unit, d.actor = prev.unit, prev.actor
                d.unit_span = prev.unit_span
            else:
                d.unit = context_unit(drafts[:i], order, order[d.sent.start])
        # "42 killed and more than 100 wounded", "injuring 45 others": the noun is elided
        if (
            prev is not None
            and prev.sent is d.sent
            and (d.unit in CASUALTY_ADJECTIVES or d.unit == "others")
        ):
            if d.unit == "others":
                adj = re.match(r"\s+(\w+)", body[d.end : d.sent.end])
                after = adj.group(1).lower() if adj else ""
                d.unit = (
                    after
                    if after in CASUALTY_ADJECTIVES
                    else ("people" if prev.number.currency or prev.number.percent else prev.unit)
                )  # "58,166 others injured"; "fined £500, and 2 others were cleared"
                d.unit_span = (
                    (d.end - d.sent.start + adj.start(1), d.end - d.sent.start + adj.end(1))
                    if after in CASUALTY_ADJECTIVES
                    else None
                    if prev.number.currency or prev.number.percent
                    else prev.unit_span
                )
            if d.actor is None:
                d.actor = prev.actor
        if (
            d.actor is None
            and prev is not None
            and _OF_THEM.match(body, d.number.end + d.sent.start)
            and order[d.sent.start] - order[prev.sent.start] <= 1
        ):
            d.actor = None if prev.actor == _SEVERAL else prev.actor
        # "He added that the first unit of 2,600 soldiers ...": a force figure right after
        # another, in a sentence naming no party, belongs to the same force.
        if (
            d.actor is None
            and prev is not None
            and d.unit in _FORCE_UNITS
            and prev.unit in _FORCE_UNITS
            and prev.actor not in (None, _SEVERAL)
            and order[d.sent.start] - order[prev.sent.start] <= 1
        ):
            d.actor = prev.actor
    drafts = [d for d in drafts if d.unit is not None]
    # The same number stated elsewhere with its source ("North Korea could send up to
    # 100,000 troops" in a headline, attributed in the body)
    for d in drafts:
        if d.claim is None:
            twin = next(
                (
                    o
                    for o in drafts
                    if o.claim is not None
                    and o.value == d.value
                    and o.high == d.high
                    and not (o.vague or d.vague)
                    and (o.unit == d.unit or {o.unit, d.unit} <= _FORCE_UNITS)
                ),
                None,
            )
            if twin is not None:
                d.claim, d.claim_abs = twin.claim, twin.claim_abs
        if d.claim is None and article_source is not None and not background(d, latest_year):
            a, base = article_source
            if a.kind == "headline" and _beyond_lead(body, sentences, d):
                continue  # a headline's source speaks for the lead, not for later paragraphs
            d.claim, d.claim_abs = a, (base + a.start, base + a.end)

    for d in drafts:  # "Paradise, a town of 26,000,": the writer's description of a place
        if d.claim is not None and _POPULATION.search(d.sent.text, 0, d.np_start):
            d.claim, d.claim_abs = None, None
    evidence = _EvidenceFinder(body, dates)
    return [
        Figure(
            text=body[d.start : d.end],
            start=d.start,
            end=d.end,
            value=d.value,
            high=d.high,
            qualifier=d.qualifier,
            unit=d.unit,
            actor=None if d.actor == _SEVERAL else d.actor,
            claimant=d.claim.claimant if d.claim else None,
            hedged=d.hedged,
            date=d.date,
            sentence_start=d.sent.start,
            sentence_end=d.sent.end,
            vague=d.vague,
            claimant_start=d.claim_abs[0] if d.claim_abs else None,
            claimant_end=d.claim_abs[1] if d.claim_abs else None,
            evidence=evidence(d),
        )
        for d in drafts
    ]


# --------------------------------------------------------------------------- evidence

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


def _cue(body: str, start: int | None, end: int | None) -> Cue | None:
    """A cue at body offsets, or None when there is no span or it is empty or off the body."""
    if start is None or end is None or not 0 <= start < end <= len(body):
        return None
    return Cue(start, end, body[start:end])


def _rel(body: str, d: _Draft, span: tuple[int, int] | None) -> Cue | None:
    """A cue from a span relative to the figure's sentence."""
    if span is None:
        return None
    return _cue(body, d.sent.start + span[0], d.sent.start + span[1])


class _EvidenceFinder:
    """Reads a drafted figure's evidence; mentions, clauses and dates are looked up once
    per sentence or value, so an article with thousands of figures stays linear."""

    def __init__(self, body: str, dates: list[DateExpr]) -> None:
        self.body = body
        self.by_value: dict[str, list[DateExpr]] = {}
        for e in dates:
            self.by_value.setdefault(e.value, []).append(e)
        self.mentions: dict[int, list] = {}
        self.clauses: dict[int, _Clauses] = {}

    def date(self, d: _Draft) -> Cue | None:
        """The date expression that gave the figure its date: one of that value in its
        sentence (in the figure's clause, else the nearest before it, else after it),
        else the nearest before it in the article (a date carried forward)."""
        if d.date is None:
            return None
        if d.date_expr is not None:
            return _cue(self.body, d.date_expr.start, d.date_expr.end)
        same = self.by_value.get(d.date, [])
        own = [e for e in same if e.sentence_start == d.sent.start]
        if own:
            before = [e for e in own if e.start < d.start]
            pick = before[-1] if before else own[0]
            clauses = self.clauses.get(d.sent.start)
            if clauses is None:
                clauses = self.clauses[d.sent.start] = _Clauses(d.sent.text)
            lo = d.sent.start + clauses.start_before(d.start - d.sent.start)
            hi = d.sent.start + clauses.end_after(d.end - d.sent.start)
            pick = next((e for e in own if lo <= e.start < hi), pick)
        else:
            i = bisect.bisect_left([e.start for e in same], d.start)
            if i == 0:
                return None
            pick = same[i - 1]
        return _cue(self.body, pick.start, pick.end)

    def actor(self, d: _Draft, actor: str | None) -> Cue | None:
        """Where the sentence names the figure's actor: in its noun phrase, else the
        nearest mention before it, else the first after it."""
        if actor is None:
            return None
        found = self.mentions.get(d.sent.start)
        if found is None:
            found = self.mentions[d.sent.start] = find_mentions(d.sent.text)
        mentions = [m for m in found if m.actor == actor]
        if not mentions:
            return None
        inside = [m for m in mentions if d.np_start <= m.start < d.np_end]
        before = [m for m in mentions if m.end <= d.np_start]
        m = inside[0] if inside else before[-1] if before else mentions[0]
        return _rel(self.body, d, (m.start, m.end))

    def __call__(self, d: _Draft) -> Evidence:
        """The words that decided a drafted figure's fields, as body offsets."""
        claim = d.claim_abs if d.claim is not None and d.claim_abs else (None, None)
        return Evidence(
            qualifier=_rel(self.body, d, d.qual_span) if d.qualifier else None,
            hedge=_rel(self.body, d, d.hedge_span) if d.hedged else None,
            claimant=_cue(self.body, *claim),
            date=self.date(d),
            unit=_rel(self.body, d, d.unit_span),
            actor=self.actor(d, None if d.actor == _SEVERAL else d.actor),
        )
