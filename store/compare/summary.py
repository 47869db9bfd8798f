"""Plain words for claims: amounts as a reader writes them, and a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence

from store.compare.claims import Claim
from store.compare.periods import period, sort_start

CURRENT_DAYS = 31  # "current estimates": reported within a month of the latest one
_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(v: float) -> str:
    """``12000`` -> ``12,000``; ``2.5e9`` -> ``2.5 billion``; ``3.5`` -> ``3.5``."""
    for size, word in _WORDS:
        if abs(v) >= size:
            return f"{v / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def amount(value: float, high: float | None, qualifier: str | None, unit_class: str = "") -> str:
    """``up to 100,000``, ``10,000–12,000``, ``about 1,500``, ``at least 30``, ``20%``."""
    text = number(value) + (f"–{number(high)}" if high is not None else "")
    if unit_class == "percent":
        text += "%"
    elif unit_class.isupper() and len(unit_class) == 3:
        text = f"{unit_class} {text}"
    prefix = {"max": "up to ", "min": "at least ", "approx": "about "}.get(qualifier or "", "")
    return prefix + text


def claim_amount(c: Claim, unit_class: str = "") -> str:
    return amount(c.value, c.high, c.qualifier, unit_class)


def _who(c: Claim) -> str:
    return c.claimant or "unattributed"


LATEST_SHOWN = 3


def _latest(dated: Sequence[Claim], reported: Sequence[Claim], unit_class: str) -> str:
    """The latest reported (unhedged) value: a count of the whole if there is one, else a
    bound, else one of a scope ("special forces", "in Kursk" stays written). Claims of
    the same latest date are all named: picking one would take a side."""
    whole = [c for c in dated if not c.scope]
    counts = [c for c in whole if c.bound == "point"]
    pool = counts or whole or list(dated) or list(reported)
    last = pool[-1]
    same = [c for c in pool if c.date == last.date] if last.date else [last]

    def one(c: Claim, with_date: bool) -> str:
        where = f" {c.place}" if c.place else ""
        when = f", {c.date}" if with_date and c.date else ""
        return f"{claim_amount(c, unit_class)}{where} ({_who(c)}{when})"

    if len(same) == 1:
        return f"Latest: {one(last, True)}"
    shown = [one(c, False) for c in same[:LATEST_SHOWN]]
    more = f" and {len(same) - LATEST_SHOWN} more" if len(same) > LATEST_SHOWN else ""
    return f"Latest, {last.date}: " + ", ".join(shown) + more


def summarize(claims: Sequence[Claim], unit_class: str = "") -> str:
    """One line: the latest reported value, the range of current estimates, who
    disagrees, and how many claims and claimants there are."""
    if not claims:
        return "No claims."
    claimants = {n for c in claims for n in c.claimants}
    tail = f"{len(claims)} claim{'s' if len(claims) != 1 else ''}"
    if claimants:
        tail += f" by {len(claimants)} claimant{'s' if len(claimants) != 1 else ''}"
    if len(claims) == 1:
        c = claims[0]
        when = f", {c.date}" if c.date else ""
        kind = "projected" if c.hedged else "reported"
        return f"One claim, {kind}: {claim_amount(c, unit_class)} ({_who(c)}{when})."
    reported = [c for c in claims if not c.hedged]
    dated = [c for c in reported if period(c.date)]
    parts: list[str] = []
    if reported:
        parts.append(_latest(dated, reported, unit_class))
    else:
        # Only hedged claims: none of them is "the latest value", they are projections.
        parts.append("No reported value")
    if dated:
        end = period(dated[-1].date)[1]  # type: ignore[index]
        recent = [
            c
            for c in dated
            if (end - period(c.date)[0]).days <= CURRENT_DAYS  # type: ignore[index]
        ]
        counts = [c for c in recent if c.bound == "point" and not c.scope and not c.place]
        if len(counts) > 1:
            lo = min(c.value for c in counts)
            hi = max(c.high or c.value for c in counts)
            if lo != hi:
                parts.append(
                    f"current estimates {amount(lo, hi, None, unit_class)}"
                    f" (since {min(counts, key=lambda c: sort_start(c.date)).date})"
                )
    projected = [c for c in claims if c.hedged]
    if projected:
        top = max(projected, key=lambda c: c.high or c.value)
        parts.append(f"projections up to {number(top.high or top.value)} ({_who(top)})")
    conflicts: dict[str, None] = {}  # in order, once each
    for prev, c in zip(claims, claims[1:], strict=False):
        if c.label == "conflict":
            a, b = claim_amount(c, unit_class), claim_amount(prev, unit_class)
            conflicts[f"{_who(c)} ({a}) vs {_who(prev)} ({b})"] = None
    if conflicts:
        more = f" and {len(conflicts) - 2} more" if len(conflicts) > 2 else ""
        parts.append("disagree: " + "; ".join(list(conflicts)[:2]) + more)
    return "; ".join(parts) + f". {tail}."
