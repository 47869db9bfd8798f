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

:func:`find_figures` assembles them over the whole article. The steps it calls live
beside it: ``drafts`` (one sentence's numbers -> drafts with qualifier and unit),
``figactors`` (the actor of a draft), ``claimants`` (speakers carried across sentences),
``figdates`` (the date of a figure's clause) and ``evidence`` (the offsets of the words
that decided each field).
"""

from __future__ import annotations

import re
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
    claim_for_document_lead,
    closes_sentence,
    continue_data_report,
    continue_paragraph_speaker,
    drop_market_clause_claims,
    fill_between_same_speaker,
    names_a_person,
    names_a_role,
    quote_balance,
    tied_to_figure,
)
from store.extract.cues import Hedges, _Clauses
from store.extract.drafts import _Draft, _draft_figures
from store.extract.evidence import _EvidenceFinder
from store.extract.figactors import _FORCE_UNITS, _OF_THEM, _SEVERAL, _actor
from store.extract.figdates import assign_dates
from store.extract.intent import Plans
from store.extract.measured_nouns import context_unit
from store.extract.models import DateExpr, Figure, Sentence
from store.extract.unit_words import (
    CASUALTY_ADJECTIVES,
    CASUALTY_UNIT,
    ELIDED_UNIT,
    SAME_AS_BEFORE_UNIT,
)

# units named after what was done to people ("kidnapped four"): "22 others" are people
_DONE_TO = frozenset(v for v in CASUALTY_UNIT.values() if v not in {"people", "voters"})
_DATE_SKIP = re.compile(r"\b(?:since|until|till|by|before|from)\s+(?:the\s+)?$", re.I)


def _dating(sent: Sentence, dates: list[DateExpr], body: str) -> list[DateExpr]:
    """The sentence's dates that can date an event: deadlines and starting points ("by
    December", "since 2014") cannot."""
    return [
        d
        for d in dates
        if d.sentence_start == sent.start
        and not _DATE_SKIP.search(body, max(sent.start, d.start - 40), d.start)
    ]


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


_EVIDENCE_VERB = re.compile(
    r"(?:show|shows|showed|suggest|suggests|suggested|indicate|indicates|found|finds)\b"
)


# "another 40,000 workers", "a further 300": a new amount, not the number restated
_ANOTHER = re.compile(
    r"\b(?i:another|a[^\S\n]+further|an[^\S\n]+additional|an[^\S\n]+extra)[^\S\n]+$"
)


def _restates(body: str, sentences: list[Sentence], d: _Draft) -> bool:
    """Whether a figure may restate the same number stated elsewhere with its source (not
    "another 40,000 workers")."""
    a = d.sent.start + d.np_start
    return not _ANOTHER.search(body, max(d.sent.start, a - 16), a)


def _ahead(value: str | None, published: date | None) -> bool:
    """A date at day, month or year granularity later than the publication date."""
    if not value or published is None or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", value):
        return False
    return value > published.isoformat()[: len(value)]


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
                if not a.pronoun and (
                    not person or names_a_person(a.claimant) or names_a_role(a.claimant)
                ):
                    return a, sentences[j].start
            # "The chairperson, Jean Mensa, gave the figures as she declared ...": the
            # person named beside an earlier "he"/"she"
            if person and any(
                a.pronoun and a.claimant.lower() in {"he", "she"} for a in attrs_of(j)
            ):
                named = appositive_person(sentences[j].text)
                if named is not None:
                    return named, sentences[j].start
            # "Lam Paul Gabriel, the rebels' spokesman, rejected the toll. “...,” he said."
            lead = appositive_person(sentences[j].text) if person else None
            if lead is not None and lead.start == 0:
                return lead, sentences[j].start
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
            # "..., short of the police estimate of about 60": the estimate's owner
            owner = next((a for a in before if a.kind == "owner"), None)
            if owner is not None:
                chosen = owner
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
            # "Early assessments show that 20,000 houses ..., his office said": the speaker
            # closing the sentence reports what the evidence shows
            if (
                chosen is not None
                and chosen in before
                and after
                and _EVIDENCE_VERB.match(s, chosen.pos)
                and re.search(r",\s*(?:the\s+|a\s+|an\s+)?$", s[: after[-1].written_span()[0]])
            ):
                chosen = after[-1]
            # "“... will not exceed 90 million tonnes, according to our experts,” the
            # minister added": a source inside a quotation is the speaker's own
            if (
                chosen is not None
                and chosen.kind == "according"
                and quote_balance(s[: chosen.pos]) > 0
            ):
                close = max(s.rfind("”"), s.rfind('"'))
                named = [a for a in attrs if a.pos > max(close, chosen.pos) and not a.pronoun]
                if close > chosen.pos and named:
                    chosen = named[0]
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
            if not d.hedged and expr is not None and _ahead(value, published):
                # "Layoffs of 120 staff begin on April 1" (published in March): a figure
                # its own clause dates after publication is planned or expected
                d.hedged = True
                d.hedge_span = (expr.start - sent.start, expr.end - sent.start)
        # "This information was disclosed by X": X speaks for the sentence before
        if not drafts and k > 0 and refers_back(s):
            source = next((a for a in attrs_of(k) if not a.pronoun), None)
            if source is not None:
                for d in drafts_by_sent[k - 1]:
                    if d.claim is None:
                        d.claim = source
                        d.claim_abs = (sent.start + source.start, sent.start + source.end)
        drafts_by_sent.append(drafts)

    claim_for_document_lead(sentences, drafts_by_sent)
    attribute_open_quotes(sentences, drafts_by_sent, attrs_of)
    continue_paragraph_speaker(
        body, sentences, drafts_by_sent, attrs_of, earlier_speaker, latest_year
    )
    continue_data_report(sentences, drafts_by_sent, attrs_of, latest_year)
    fill_between_same_speaker(sentences, drafts_by_sent, attrs_of, latest_year)
    drop_market_clause_claims(drafts_by_sent)
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
                # "fined £500, and 2 others were cleared", "kidnapped four and injured
                # 22 others": not sums, nor what was done to the ones before
                plain = prev.number.currency or prev.number.percent or prev.unit in _DONE_TO
                d.unit = (
                    after if after in CASUALTY_ADJECTIVES else ("people" if plain else prev.unit)
                )  # "58,166 others injured"
                d.unit_span = (
                    (d.end - d.sent.start + adj.start(1), d.end - d.sent.start + adj.end(1))
                    if after in CASUALTY_ADJECTIVES
                    else None
                    if plain
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
        if d.claim is None and _restates(body, sentences, d):
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
