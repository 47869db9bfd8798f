"""The lists of the comparing screens: quantities ranked by claims, a quantity's claims.

Both are :class:`LazyList` s: the work (ranking a search's quantities, building a
quantity's claims from all its figures) happens in the count worker, and only the
visible rows are drawn, so a quantity of 10,000 claims opens without freezing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from store import comparing
from store.browse import ListQuery
from store.compare.summary import claim_amount
from tui.formats import INFERRED_MARK
from tui.highlight import format_period, outlet, plain
from tui.messages import QuantityLoaded
from tui.widgets.lazy_list import LazyList


def reads_only(app: Any) -> bool:
    """Whether the dashboard cannot write (``serve --read-only``, or a database it may
    only read): then it indexes no quantities and their stored counts may lag."""
    return bool(
        getattr(app, "read_only", False) or getattr(getattr(app, "pool", None), "read_only", None)
    )


class QuantityList(LazyList):
    """Quantities, most claims first; with a search, those it matches."""

    KIND = "quantities"

    @property
    def EMPTY(self) -> str:  # noqa: N802 - LazyList's name for the empty list's line
        if reads_only(self.app):
            # A read-only dashboard does not index quantities (that is a write).
            return "No quantities indexed (read-only; `nkwatch quantities` indexes them)."
        return "No quantities (ingest articles with figures first)."

    BINDINGS: ClassVar[list[BindingType]] = [
        *LazyList.list_bindings("quantities"),
        Binding("enter", "activate", "Open quantity", id="quantities.enter"),
    ]

    def __init__(self, search: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.search = search

    def prepare(self, conn: Any, q: ListQuery) -> tuple[int, Any]:
        if self.search:
            ids = comparing.matching_quantity_ids(conn, self.search)
            return len(ids), ids
        return comparing.count_quantities(conn), None

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        return comparing.page_quantities(conn, offset, limit, plan)

    def columns(self) -> list[tuple[str, int, int, str]]:
        return [
            ("Claims", 6, 0, "right"),
            ("Sources", 7, 2, "right"),
            ("Quantity", 28, 0, "left"),
            ("Summary", 0, 1, "left"),
        ]

    def cells(self, row: comparing.QuantityRow, previous: Any | None = None) -> list[Text | str]:
        return [str(row.n_claims), str(row.n_sources), row.name, plain(row.summary)]


class ClaimList(LazyList):
    """One quantity's claims in time order: date, label, amount, who, sources."""

    KIND = "claims"
    EMPTY = "No claims."
    BINDINGS: ClassVar[list[BindingType]] = [
        *LazyList.list_bindings("claims"),
        Binding("enter", "activate", "Jump to sentence", id="claims.jump"),
    ]

    def __init__(
        self, quantity_id: int | None = None, figure_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.quantity_id = quantity_id
        self.figure_id = figure_id
        self.detail: comparing.QuantityDetail | None = None

    def prepare(self, conn: Any, q: ListQuery) -> tuple[int, Any]:
        qid = self.quantity_id
        if qid is None and self.figure_id is not None:
            qid = comparing.quantity_of_figure(conn, self.figure_id)
        detail = comparing.quantity_detail(conn, qid) if qid is not None else None
        if detail is None:
            raise LookupError(
                "This figure has no quantity yet (the store is being indexed): try again"
                if qid is None
                else f"No quantity {qid}."
            )
        return len(detail.claims), detail

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        if plan is None:
            return []
        return [(i, plan) for i in range(offset, min(offset + limit, len(plan.claims)))]

    def on_list_counted(self, message: Any) -> None:
        fresh = message.generation == self.generation and message.plan is not None
        super().on_list_counted(message)
        if fresh:
            self.detail = message.plan
            self.post_message(QuantityLoaded(message.plan))

    def columns(self) -> list[tuple[str, int, int, str]]:
        # Narrow terminals keep date, label, amount and claimant; the line under the
        # list (:func:`claim_detail`) says the rest of the selected claim.
        return [
            ("Date", 12, 1, "left"),
            ("Label", 11, 0, "left"),
            ("Amount", 18, 0, "right"),
            ("Claimant", -22, 0, "left"),
            ("Src", 3, 2, "right"),
            ("Reported", 18, 3, "left"),
            ("Scope", 16, 4, "left"),
            ("Carried by", 18, 5, "left"),
        ]

    def cells(self, row: tuple[int, Any], previous: Any | None = None) -> list[Text | str]:
        index, detail = row
        c = detail.claims[index]
        amount = Text(claim_amount(c, detail.quantity.unit_class))
        if c.hedged:
            amount = Text("? ") + amount
            amount.stylize(self.get_component_rich_style("lazy-list--hedged"))
        date = Text(format_period(c.date) if c.date else "undated")
        if c.dated_by == "published":
            date.append(INFERRED_MARK, style=self.get_component_rich_style("lazy-list--dim"))
        return [
            date,
            c.label,
            amount,
            plain(", ".join(c.claimants) or c.claimant or "unattributed"),
            str(c.n_sources),
            reported_span(c.first_reported, c.last_reported),
            " ".join(x for x in (c.scope, c.place) if x),
            plain(", ".join(carriers(detail, c))),
        ]

    def current_claim(self) -> Any | None:
        row = self.current
        if row is None:
            return None
        index, detail = row
        return detail.claims[index]


def carriers(detail: comparing.QuantityDetail, claim: Any) -> list[str]:
    """Who carries a claim: each article's outlet (or a web site's name), else the
    article's number (``#3``): a file name is no outlet."""
    out: list[str] = []
    for p in sorted(detail.claim_sources(claim), key=lambda p: p.article_id):
        name = outlet(p.outlet, p.source) or f"#{p.article_id}"
        if name not in out:
            out.append(name)
    return out


def reported_span(first: str | None, last: str | None) -> str:
    """First and latest report as one short span: ``9 Jun 2025``, ``7–8 Jun 2025``,
    ``23 Oct–18 Nov 2024``, ``30 Dec 2024–2 Jan 2025``."""
    if not first:
        return ""
    a, b = format_period(first[:10]), format_period((last or first)[:10])
    if a == b:
        return a
    da, db = a.split(" "), b.split(" ")
    if len(da) == 3 and len(db) == 3 and da[2] == db[2]:
        if da[1] == db[1]:
            return f"{da[0]}–{b}"
        return f"{da[0]} {da[1]}–{b}"
    return f"{a}–{b}"


def claim_detail(detail: comparing.QuantityDetail, claim: Any) -> str:
    """One line on the selected claim: why its label, when it was reported first and
    last, by how many independent sources and which, what it counts."""
    parts = [claim.label + (f": {claim.note}" if claim.note else "")]
    first, last = claim.first_reported, claim.last_reported
    if first and last and first[:10] != last[:10]:
        parts.append(
            f"first reported {format_period(first[:10])}, latest {format_period(last[:10])}"
        )
    elif first:
        parts.append(f"reported {format_period(first[:10])}")
    n = claim.n_sources
    copies = len(claim.articles) - n
    sources = f"{n} independent source{'s' if n != 1 else ''}"
    if copies > 0:
        sources += f" in {len(claim.articles)} articles"
    parts.append(f"{sources}: {', '.join(carriers(detail, claim)) or '?'}")
    what = " ".join(x for x in (claim.scope, claim.place) if x)
    if what:
        parts.append(f"counts {what}")
    return plain(" · ".join(parts))
