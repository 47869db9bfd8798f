"""The three corpus-sized lists: articles, figures and the timeline."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from store import browse
from store.browse import FIGURE_SORTS, ArticleLine, FigureLine, ListQuery, TimelineLine
from store.extract import supports
from tui.formats import figure_mark, format_value, published_text
from tui.highlight import format_date_range, format_period, outlet, plain
from tui.messages import FiguresViewChanged, OpenQuantity, RowActivated
from tui.widgets.lazy_list import LazyList


class ArticleList(LazyList):
    """Articles newest first: date (``*`` when inferred), title (``●`` before it while
    the watch brought it in and it has not been read), outlet (or a URL's site; never a
    file name), figure count (never cut; the language code, dim, for an article in a
    language whose figures are not extracted)."""

    KIND = "articles"
    EMPTY = "No articles. Add some with `nkwatch ingest FILE|URL`."
    BINDINGS: ClassVar[list[BindingType]] = [
        *LazyList.list_bindings("articles"),
        Binding("enter", "activate", "Read", id="articles.open"),
    ]

    def count_rows(self, conn: Any, q: ListQuery) -> int:
        return browse.count_articles(conn, q)

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        return browse.page_articles(conn, q, offset, limit)

    def locate(self, conn: Any, q: ListQuery, row: ArticleLine) -> int | None:
        return browse.article_position(conn, q, row.id)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count_width = 4  # widens to the largest figure count loaded: never cut

    def columns(self) -> list[tuple[str, int, int, str]]:
        # The outlet gives way first (often unknown for files), then the figure count;
        # the date stays longest beside the title.
        return [
            ("Published", 11, 1, "left"),
            ("Title", -20, 0, "left"),
            ("Outlet", 14, 3, "left"),
            ("Figs", self.count_width, 2, "right"),
        ]

    def on_list_page_loaded(self, message: Any) -> None:
        rows = message.rows if message.generation == self.generation else []
        widest = max((len(f"{r.n_figures:,}") for r in rows), default=0)
        if widest > self.count_width:
            self.count_width = widest
        super().on_list_page_loaded(message)

    def cells(self, row: ArticleLine, previous: Any | None = None) -> list[Text | str]:
        if row.published:
            date = Text(published_text(plain(row.published)[:10], row.published_inferred))
        else:
            date = Text("undated", style=self.get_component_rich_style("lazy-list--dim"))
        figs: Text | str = f"{row.n_figures:,}"
        if row.language and not supports(row.language):
            # no figures read from it: say which language instead of a bare 0
            figs = Text(row.language, style=self.get_component_rich_style("lazy-list--dim"))
        title: Text | str = row.title
        if row.duplicate_of:  # a near-duplicate counts once: name its original, first
            title = f"≈ copy of #{row.duplicate_of}: {title}"  # (a narrow pane cuts the end)
        if row.unseen:  # brought in by the watch, not yet read: marked until seen
            title = Text("● ", style=self.get_component_rich_style("lazy-list--new")) + Text(
                plain(str(title))
            )
        return [date, title, outlet(row.source_name, row.source), figs]


class FigureList(LazyList):
    """Figures with value, unit, actor, claimant, date and article; sortable."""

    KIND = "figures"
    EMPTY = "No figures for this selection."
    BINDINGS: ClassVar[list[BindingType]] = [
        *LazyList.list_bindings("figures"),
        Binding("enter", "activate", "Jump", id="figures.jump"),
        Binding("s", "cycle_sort", "Sort", id="figures.sort"),
        Binding("a", "toggle_scope", "Scope", id="figures.scope"),
        Binding("c", "open_quantity", "Compare", show=False, id="figures.quantity"),
        Binding("e", "why", "Why", id="figures.why"),
    ]

    def action_why(self) -> None:
        """Jump to the figure with its evidence shown (the reader's "Why")."""
        row = self.current
        if row is not None:
            message = RowActivated(self, self.cursor, row)
            message.why = True
            self.post_message(message)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.scope_all = True  # False: only the article selected in the articles pane

    def count_rows(self, conn: Any, q: ListQuery) -> int:
        return browse.count_figures(conn, q)

    def prepare(self, conn: Any, q: ListQuery) -> tuple[int, Any]:
        plan = browse.plan_figures(conn, q)
        return plan.total, plan

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        return browse.page_figures(conn, q, offset, limit, plan)

    def columns(self) -> list[tuple[str, int, int, str]]:
        sort = self.query_spec.sort

        def mark(title: str, key: str) -> str:
            return f"{title}▼" if sort == key else title

        # Value, unit and claimant carry the meaning: they keep their room, and the
        # article title (then the actor, then the date) gives way on a narrow pane.
        cols = [
            (mark("Value", "value"), 16, 0, "right"),
            ("Unit", 11, 0, "left"),
            ("Actor", 11, 2, "left"),
            (mark("Claimant", "claimant"), -16, 0, "left"),
            (mark("Date", "date"), 11, 1, "left"),
        ]
        if self.scope_all:
            cols.append((mark("Article", "article"), -12, 3, "left"))
        return cols

    def cells(self, row: FigureLine, previous: Any | None = None) -> list[Text | str]:
        # The qualifier as the article wrote it ("at least", not the class word "over")
        # when it fits the column; else the short word of its class.
        shown = format_value(row.value, row.high, row.qualifier, row.unit, row.qualifier_text)
        if len(shown) > 14:
            shown = format_value(row.value, row.high, row.qualifier, row.unit)
        value = Text(shown)
        mark = figure_mark(row.hedged, row.vague)
        if mark:
            value = Text(f"{mark} ") + value
            kind = "hedged" if row.hedged else "vague"
            value.stylize(self.get_component_rich_style(f"lazy-list--{kind}"))
        out: list[Text | str] = [
            value,
            row.unit,
            row.actor or "",
            row.claimant or "",
            format_period(row.date),
        ]
        if self.scope_all:
            out.append(row.article_title)
        return out

    def action_cycle_sort(self) -> None:
        i = FIGURE_SORTS.index(self.query_spec.sort) if self.query_spec.sort in FIGURE_SORTS else 0
        self.sort_by(FIGURE_SORTS[(i + 1) % len(FIGURE_SORTS)])

    def sort_by(self, sort: str) -> None:
        if sort in FIGURE_SORTS and sort != self.query_spec.sort:
            self.set_query(self.query_spec.with_(sort=sort))
            self.post_message(FiguresViewChanged(self.scope_all))

    def header_clicked(self, x: int) -> None:
        title = (self.column_at(x) or "").rstrip("▼").lower()
        if title in FIGURE_SORTS:
            self.sort_by(title)

    def action_open_quantity(self) -> None:
        """``c``: the quantity this figure counts, with every source's claims."""
        row = self.current
        if row is not None:
            self.post_message(OpenQuantity(figure_id=row.id))

    def action_toggle_scope(self) -> None:
        self.scope_all = not self.scope_all
        self.post_message(FiguresViewChanged(self.scope_all))


class TimelineList(LazyList):
    """Date expressions in date order, each at its own granularity."""

    KIND = "timeline"
    EMPTY = "No dated events for this selection."
    BINDINGS: ClassVar[list[BindingType]] = [
        *LazyList.list_bindings("timeline"),
        Binding("enter", "activate", "Jump", id="timeline.jump"),
    ]

    def count_rows(self, conn: Any, q: ListQuery) -> int:
        return browse.count_timeline(conn, q)

    def prepare(self, conn: Any, q: ListQuery) -> tuple[int, Any]:
        plan = browse.plan_timeline(conn, q)
        return plan.total, plan

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        return browse.page_timeline(conn, q, offset, limit, plan)

    def columns(self) -> list[tuple[str, int, int, str]]:
        # The article title gives way first, then the date as written.
        return [
            ("When", 13, 0, "left"),
            ("As written", 16, 1, "left"),
            ("Sentence", -40, 0, "left"),  # the sentence keeps its room; the title goes first
            ("Article", -12, 2, "left"),
        ]

    def cells(self, row: TimelineLine, previous: Any | None = None) -> list[Text | str]:
        when = Text(format_date_range(row.value, row.end_value, row.granularity))
        if previous is not None and (previous.value, previous.end_value) == (
            row.value,
            row.end_value,
        ):
            # Same period as the row above: the group shows once, then a dim bar.
            when = Text(" │", style=self.get_component_rich_style("lazy-list--dim"))
        return [when, row.text, row.sentence, row.article_title]
