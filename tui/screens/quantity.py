"""The comparing screens: one quantity (its claims, labels, summary and chart) and the
ranked list of quantities.

``c`` on a figure opens :class:`QuantityScreen` for its quantity; ``5`` opens
:class:`QuantitiesScreen` (following the search). ``enter`` on a claim shows its
sentence in the reader; ``esc`` there comes back here, and ``esc`` here closes the
screen. The claims are built by the list's worker (see ``tui.widgets.claims``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.browse import ListQuery, Span
from tui.highlight import plain
from tui.messages import JumpToFigure, OpenQuantity, QuantityLoaded, RowActivated, RowHighlighted
from tui.widgets.chart import ClaimChart
from tui.widgets.claims import ClaimList, QuantityList, claim_detail, reads_only

SHORT_HEIGHT = 32  # below this the chart shrinks so the claims keep room
SUMMARY_LINES = 3

_SCREEN_CSS = """
QuantityScreen, QuantitiesScreen { layout: vertical; }
.quantity-title {
    height: 1; padding: 0 1; background: $panel; text-style: bold;
    text-wrap: nowrap; text-overflow: ellipsis;
}
.quantity-summary { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
QuantityScreen ClaimChart { height: 14; border: round $panel-lighten-2; padding: 0 1; }
QuantityScreen ClaimList, QuantitiesScreen QuantityList {
    height: 1fr; border: round $panel-lighten-2;
}
QuantityScreen ClaimList:focus, QuantitiesScreen QuantityList:focus { border: round $accent; }
QuantityScreen.-short ClaimChart { height: 8; }
.claim-detail { height: auto; max-height: 2; padding: 0 1; }
"""


class QuantityScreen(Screen[None]):
    """One quantity: title, summary, chart of claims over time, the claims in order."""

    DEFAULT_CSS = _SCREEN_CSS
    help_title = "Quantity"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="quantity.back"),
        Binding("backspace", "close", "Back", show=False, id="quantity.back.backspace"),
        Binding("question_mark", "help", "Help", id="quantity.help"),
        Binding("q", "close", "Close", show=False, id="quantity.close"),
    ]

    def __init__(
        self, quantity_id: int | None = None, figure_id: int | None = None, cursor: int = 0
    ) -> None:
        super().__init__()
        self.quantity_id = quantity_id
        self.figure_id = figure_id
        self.start_cursor = cursor
        self._summary = ""

    def compose(self) -> ComposeResult:
        yield Static("Quantity …", classes="quantity-title", id="quantity-title")
        yield Static("", classes="quantity-summary", id="quantity-summary")
        yield ClaimChart(id="claim-chart")
        yield ClaimList(self.quantity_id, self.figure_id, id="claims")
        yield Static("", classes="claim-detail", id="claim-detail")
        yield Footer()

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    @property
    def chart(self) -> ClaimChart:
        return self.query_one(ClaimChart)

    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")
        self._show_summary()

    def _show_summary(self) -> None:
        """The summary in at most three lines: cut with an ellipsis, never mid-screen."""
        room = max(20, (self.size.width - 2) * SUMMARY_LINES - 4)
        text = plain(self._summary)
        if len(text) > room:
            text = text[: room - 1].rsplit(" ", 1)[0] + " …"
        self.query_one("#quantity-summary", Static).update(Text(text))

    def on_mount(self) -> None:
        self.on_resize()
        claims = self.claim_list
        claims.cursor = self.start_cursor
        claims.set_query(ListQuery(), keep_cursor=bool(self.start_cursor))
        claims.focus()

    @on(QuantityLoaded)
    def _loaded(self, message: QuantityLoaded) -> None:
        message.stop()
        detail = message.detail
        q = detail.quantity
        self.quantity_id = q.id
        title = Text(f"{q.name}", style="bold", no_wrap=True, overflow="ellipsis")
        title.append(
            f"  quantity {q.id} · {_count(len(detail.claims), 'claim')}"
            f" · {_count(len(detail.sources), 'figure')} · * dated by publication",
            style="dim",
        )
        self.query_one("#quantity-title", Static).update(title)
        self._summary = q.summary
        self._show_summary()
        self.chart.set_claims(detail.claims)
        self.chart.selected = self.claim_list.cursor
        self._show_claim(self.claim_list.cursor)

    def _show_claim(self, index: int | None) -> None:
        """The line under the list: the selected claim's label reason, report dates,
        independent sources and what it counts."""
        detail = self.claim_list.detail
        text = ""
        if detail is not None and index is not None and 0 <= index < len(detail.claims):
            text = claim_detail(detail, detail.claims[index])
        self.query_one("#claim-detail", Static).update(Text(text, no_wrap=False))

    @on(RowHighlighted)
    def _highlighted(self, message: RowHighlighted) -> None:
        message.stop()
        if isinstance(message.sender, ClaimList):
            self.chart.selected = message.index if message.row is not None else None
            self._show_claim(self.chart.selected)

    @on(RowActivated)
    def _activated(self, message: RowActivated) -> None:
        message.stop()
        lst = self.claim_list
        if not isinstance(message.sender, ClaimList) or lst.detail is None:
            return
        index, detail = message.row
        claim = detail.claims[index]
        sources = sorted(
            detail.claim_sources(claim), key=lambda p: (p.claimant is None, p.article_id, p.start)
        )
        if not sources:
            return
        p = sources[0]
        kind = "hedged" if claim.hedged else "figure"
        focus = Span(p.start, p.end, kind, p.figure_id, p.sentence_start, p.sentence_end)
        back = (detail.quantity.id, index)
        self.post_message(JumpToFigure(focus, p.article_id, back))

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.action_help()  # type: ignore[attr-defined]


class QuantitiesScreen(Screen[None]):
    """Quantities ranked by how many claims they have (those of the search, if any)."""

    DEFAULT_CSS = _SCREEN_CSS
    help_title = "Quantities"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="quantities.back"),
        Binding("backspace", "close", "Back", show=False, id="quantities.back.backspace"),
        Binding("question_mark", "help", "Help", id="quantities.help"),
        Binding("q", "close", "Close", show=False, id="quantities.close"),
    ]

    def __init__(self, search: str = "") -> None:
        super().__init__()
        self.search = search

    def compose(self) -> ComposeResult:
        what = f"matching “{plain(self.search)}”" if self.search else "most claims first"
        yield Static(f"Quantities, {what}", classes="quantity-title")
        yield Static(
            "A quantity is one kind of thing counted for one party. enter opens it.",
            classes="quantity-summary",
        )
        yield QuantityList(self.search, id="quantities")
        yield Footer()

    def on_mount(self) -> None:
        lst = self.query_one(QuantityList)
        lst.set_query(ListQuery())
        lst.focus()
        if reads_only(self.app):
            self.run_worker(self._check_counts, thread=True, group="quantities-stale")

    def _check_counts(self) -> None:
        """Read-only, nothing brings the stored counts up to date: say so when they lag
        (each quantity's claims are still built fresh when it is opened)."""
        from store.quantities import out_of_date

        try:
            with self.app.pool.connection() as conn:  # type: ignore[attr-defined]
                behind = out_of_date(conn)
        except Exception:  # noqa: BLE001 - a note, never a failure
            return
        if behind:
            self.app.call_from_thread(self._say_counts_lag)

    def _say_counts_lag(self) -> None:
        self.query_one(".quantity-summary", Static).update(
            "Read-only: the counts here are as last stored and may lag; each quantity's"
            " claims are worked out afresh when it opens (enter)."
        )

    @on(RowHighlighted)
    def _highlighted(self, message: RowHighlighted) -> None:
        message.stop()

    @on(RowActivated)
    def _activated(self, message: RowActivated) -> None:
        message.stop()
        if message.row is not None:
            self.post_message(OpenQuantity(quantity_id=message.row.id))

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.app.action_help()  # type: ignore[attr-defined]


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def reopen_args(back: Any) -> tuple[int, int]:
    """(quantity id, claim index) a jump remembers, to reopen the quantity screen."""
    qid, index = back
    return int(qid), int(index)
