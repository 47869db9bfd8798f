"""Claims of one quantity, in time order, each labelled against the one before.

A *claim* is one reported value (or range, or bound) of a quantity by one claimant
origin. The figures of a quantity become claims in two steps:

1. **Same number, same kind.** Figures with the same value and high end, the same bound
   (``up to`` / ``at least`` / a count, where ``about`` is a count), the same hedging
   and the same scope are candidates for one claim. A bare number ("100,000 soldiers"
   in a headline) joins the one bound claim with that value ("up to 100,000").
2. **Same origin.** Among candidates, figures in the same article, or with the same
   canonical claimant, are one claim; figures whose source names no one ("a report",
   "sources") join the named claim carried by most sources. So "up to 100,000 (G20,
   via Bloomberg)" in three articles is one claim with three sources.

Sources are independent outlets: ``source_key`` of a figure is its original article's
outlet (a near-duplicate article counts as its original), or the article itself when
the outlet is unknown.

Claims are ordered by date (the earliest event date their sentences give, else their
first publication date; undated last). Each gets one label against the previous claim,
the first rule that applies:

==============  ====================================================================
``first``       the first claim
``scope``       it counts something narrower or elsewhere ("special forces", "in Kursk")
``projection``  one is hedged (may, could, expects), the other reported
``bound``       an upper or lower bound that the other value does not contradict
                (unless it is a count reported later above an earlier "at least": rise)
``same``        the values agree (``about`` allows 5%; ranges overlap)
``conflict``    different claimants, different values, on the same day (give or take one)
``rise``        a higher value reported later (also a count above an earlier floor)
``fall``        a lower value reported later
``unexplained`` the values differ and nothing above says why (no dates, same claimant)
==============  ====================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from store.compare.claimants import is_generic
from store.compare.periods import period, sort_start

SAME_TIME = timedelta(days=1)
APPROX = 0.05
LABELS = (
    "first", "scope", "projection", "bound", "same", "conflict", "rise", "fall", "unexplained",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure of a quantity, with what claims need of it."""

    figure_id: int
    article_id: int
    source_key: str
    published: str | None
    value: float
    high: float | None
    qualifier: str | None
    hedged: bool
    claimant: str | None  # canonical
    date: str | None
    scope: str = ""
    place: str = ""
    position: int = 0


@dataclass(slots=True)
class Claim:
    """One claim (labelled in place by :func:`build_claims`; treat it as read-only)."""

    value: float
    high: float | None
    qualifier: str | None
    hedged: bool
    scope: str
    place: str
    claimant: str | None
    claimants: tuple[str, ...]
    date: str | None
    dated_by: str | None  # "event", "published" or None
    first_reported: str | None
    last_reported: str | None
    n_sources: int
    figures: tuple[int, ...]
    articles: tuple[int, ...]
    label: str = "first"
    note: str = ""

    @property
    def bound(self) -> str:
        return self.qualifier if self.qualifier in ("max", "min") else "point"


@dataclass
class _Group:
    facts: list[Fact] = field(default_factory=list)


def _bound(q: str | None) -> str:
    return q if q in ("max", "min") else "point"


def _key(f: Fact) -> tuple:
    return (f.value, f.high, _bound(f.qualifier), f.hedged, f.scope)


def _buckets(facts: Iterable[Fact]) -> dict[tuple, list[Fact]]:
    buckets: dict[tuple, list[Fact]] = {}
    for f in facts:
        buckets.setdefault(_key(f), []).append(f)
    # A bare number joins the one bound claim of that value ("100,000" + "up to 100,000").
    bound_keys: dict[tuple, list[tuple]] = {}
    for k in buckets:
        if k[2] != "point":
            bound_keys.setdefault((*k[:2], *k[3:]), []).append(k)
    for key in [k for k in buckets if k[2] == "point"]:
        bounds = bound_keys.get((*key[:2], *key[3:]), [])
        if len(bounds) != 1:
            continue
        # Only where the same article or the same claimant states the bound.
        bound = buckets[bounds[0]]
        articles = {f.article_id for f in bound}
        claimants = {f.claimant for f in bound if not is_generic(f.claimant)}
        bare = [
            f
            for f in buckets[key]
            if f.qualifier is None
            and (f.claimant in claimants or (is_generic(f.claimant) and f.article_id in articles))
        ]
        if bare:
            bound.extend(bare)
            rest = [f for f in buckets[key] if f not in bare]
            if rest:
                buckets[key] = rest
            else:
                del buckets[key]
    return buckets


def _origins(facts: list[Fact]) -> list[list[Fact]]:
    """Split one bucket into claims: one per named claimant; figures naming no one join
    the named claim in their article, else the one carried by most sources."""
    named: dict[str, list[Fact]] = {}
    anonymous: list[Fact] = []
    for f in facts:
        if is_generic(f.claimant):
            anonymous.append(f)
        else:
            named.setdefault(f.claimant, []).append(f)  # type: ignore[arg-type]
    if not named:
        return [anonymous] if anonymous else []
    groups = list(named.values())
    ranked = sorted(groups, key=lambda g: (-len({f.source_key for f in g}), min_pos(g)))
    for f in anonymous:
        same_article = [g for g in ranked if any(x.article_id == f.article_id for x in g)]
        (same_article or ranked)[0].append(f)
    return groups


def min_pos(group: list[Fact]) -> int:
    return min(f.figure_id for f in group)


def _claim(facts: list[Fact]) -> Claim:
    facts = sorted(facts, key=lambda f: (f.published or "9999", f.article_id, f.position))
    counts: dict[str, int] = {}
    for f in facts:
        if f.claimant and not is_generic(f.claimant):
            counts[f.claimant] = counts.get(f.claimant, 0) + 1
    order = {c: i for i, c in reversed(list(enumerate(f.claimant for f in facts)))}
    claimants = tuple(sorted(counts, key=lambda c: (-counts[c], order[c])))
    claimant = claimants[0] if claimants else next((f.claimant for f in facts if f.claimant), None)
    events = sorted((f.date for f in facts if period(f.date)), key=sort_start)
    published = sorted(f.published for f in facts if f.published)
    if events:
        when, dated_by = events[0], "event"
    elif published:
        when, dated_by = published[0], "published"
    else:
        when, dated_by = None, None
    quals = [f.qualifier for f in facts]
    bound = _bound(facts[0].qualifier) if facts else "point"
    for q in quals:
        if _bound(q) != "point":
            bound = q
    qualifier = bound if bound != "point" else ("approx" if "approx" in quals else None)
    first = facts[0]
    return Claim(
        value=first.value,
        high=first.high,
        qualifier=qualifier,
        hedged=first.hedged,
        scope=first.scope,
        place=next((f.place for f in facts if f.place), ""),
        claimant=claimant,
        claimants=claimants,
        date=when,
        dated_by=dated_by,
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        n_sources=len({f.source_key for f in facts}),
        figures=tuple(sorted(f.figure_id for f in facts)),
        articles=tuple(sorted({f.article_id for f in facts})),
    )


def _order_key(c: Claim) -> tuple:
    return (sort_start(c.date), c.first_reported or "9999", c.value, c.high or c.value)


def interval(c: Claim) -> tuple[float, float]:
    lo, hi = c.value, c.high if c.high is not None else c.value
    if c.qualifier == "max":
        return 0.0, hi
    if c.qualifier == "min":
        return lo, float("inf")
    if c.qualifier == "approx":
        return lo * (1 - APPROX), hi * (1 + APPROX)
    return lo, hi


def _mid(c: Claim) -> float:
    return (c.value + c.high) / 2 if c.high is not None else c.value


def timing(a: Claim, b: Claim) -> str:
    """``later`` (b after a), ``earlier``, ``same`` (overlapping, give or take a day)
    or ``unknown``."""
    pa, pb = period(a.date), period(b.date)
    if pa is None or pb is None:
        return "unknown"
    if pb[0] > pa[1] + SAME_TIME:
        return "later"
    if pa[0] > pb[1] + SAME_TIME:
        return "earlier"
    return "same"


def label(prev: Claim | None, cur: Claim) -> tuple[str, str]:
    """The label of ``cur`` against ``prev`` and a few words that say why."""
    if prev is None:
        return "first", ""
    if cur.scope != prev.scope or (cur.place and prev.place and cur.place != prev.place):
        what = " / ".join(x for x in (cur.scope, cur.place) if x) or "all"
        was = " / ".join(x for x in (prev.scope, prev.place) if x) or "all"
        return "scope", f"counts {what}, not {was}"
    if cur.hedged != prev.hedged:
        return (
            "projection",
            "a projection, not a report" if cur.hedged else "a report after a projection",
        )
    if prev.bound == cur.bound != "point":
        # Two bounds of one kind compare as numbers: "up to 8,000", then "up to 12,000".
        a = (prev.value, prev.high or prev.value)
        b = (cur.value, cur.high or cur.value)
    else:
        a, b = interval(prev), interval(cur)
    overlap = a[0] <= b[1] and b[0] <= a[1]
    when = timing(prev, cur)
    if overlap and prev.bound != cur.bound:
        # "At least 40" on Saturday, "85" on Monday: consistent, but the number went up.
        # (An upper bound says nothing of a rise: "up to 8,000", then "1,000" is a bound.)
        floors = "max" not in (prev.bound, cur.bound)
        if floors and when == "later" and cur.value > prev.value:
            return "rise", "above the floor reported before"
        return "bound", "a bound, consistent with the claim before"
    if overlap:
        return "same", ""
    disagree = bool(
        prev.claimants and cur.claimants and not set(prev.claimants) & set(cur.claimants)
    )
    if disagree and when == "same":
        return "conflict", f"{cur.claimant} disagrees with {prev.claimant}"
    if when == "later":
        return ("rise", "") if _mid(cur) > _mid(prev) else ("fall", "")
    if when == "unknown":
        return "unexplained", "no date to order them"
    return "unexplained", "same claimant, different value" if not disagree else ""


def build_claims(facts: Sequence[Fact]) -> list[Claim]:
    """The claims of one quantity's figures, in time order, labelled."""
    claims = [_claim(group) for bucket in _buckets(facts).values() for group in _origins(bucket)]
    claims.sort(key=_order_key)
    out: list[Claim] = []
    prev: Claim | None = None
    for c in claims:
        c.label, c.note = label(prev, c)
        out.append(c)
        prev = c
    return out
