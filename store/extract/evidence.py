"""The evidence of a figure: where in the body are the words that decided its qualifier,
hedge, claimant, date, unit and actor (``store.extract.models.Evidence``, shown by ``e``
in the reader).

:class:`_EvidenceFinder` turns a finished draft (``store.extract.drafts``) into body
offsets; mentions and clauses are looked up once per sentence, so an article with
thousands of figures stays linear. Pure.
"""

from __future__ import annotations

import bisect

from store.extract.actors import find_mentions
from store.extract.cues import _Clauses
from store.extract.drafts import _Draft
from store.extract.figactors import _SEVERAL
from store.extract.models import Cue, DateExpr, Evidence


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
