"""A list that paints only what is on screen and fetches only what it paints.

``DataTable`` and ``ListView`` build a widget or a row object per item and take
seconds at 100k rows. ``LazyList`` is a ``ScrollView`` with ``render_line`` (the
Toolong approach): the virtual height is the row count, and each painted line asks
a block cache for its row; a missing block is fetched by a thread worker
(offset + limit over an indexed order) and the line repaints when it arrives.
Rendered lines are cached as strips.

Subclasses say how to count and fetch rows (``store.browse`` functions), which
columns to show, and how a row becomes cells.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from store.browse import ListQuery
from tui.highlight import fit, layout_columns
from tui.messages import ListCounted, ListPageLoaded, RowActivated, RowHighlighted


class LazyList(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven list over a query, one header line then rows."""

    BLOCK: ClassVar[int] = 200
    EMPTY: ClassVar[str] = "Nothing here."
    KIND: ClassVar[str] = "list"  # used in binding ids: articles.first, figures.first...

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lazy-list--header",
        "lazy-list--cursor",
        "lazy-list--cursor-blur",
        "lazy-list--pending",
        "lazy-list--empty",
        "lazy-list--dim",
        "lazy-list--hedged",
        "lazy-list--vague",
        "lazy-list--new",
    }

    DEFAULT_CSS = """
    LazyList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        & > .lazy-list--header { text-style: bold underline; }
        & > .lazy-list--cursor { text-style: reverse bold; }
        & > .lazy-list--cursor-blur { text-style: underline; }
        & > .lazy-list--pending { text-style: dim; }
        & > .lazy-list--empty { text-style: italic dim; }
        & > .lazy-list--dim { text-style: dim; }
        & > .lazy-list--hedged { text-style: italic; }
        & > .lazy-list--vague { text-style: underline; }
        & > .lazy-list--new { text-style: bold; }
    }
    """

    @classmethod
    def list_bindings(cls, kind: str) -> list[BindingType]:
        """The movement bindings, with ids per list so a keymap can rebind them."""
        return [
            Binding("up,k", "cursor_up", "Up", show=False, id=f"{kind}.up"),
            Binding("down,j", "cursor_down", "Down", show=False, id=f"{kind}.down"),
            Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id=f"{kind}.page_up"),
            Binding(
                "pagedown,ctrl+f,space", "page_down", "Page down", show=False,
                id=f"{kind}.page_down",
            ),
            Binding("ctrl+u", "half_up", "Half page up", show=False, id=f"{kind}.half_up"),
            Binding("ctrl+d", "half_down", "Half page down", show=False, id=f"{kind}.half_down"),
            Binding("home,g", "first", "First", show=False, id=f"{kind}.first"),
            Binding("end,G", "last", "Last", show=False, id=f"{kind}.last"),
        ]  # fmt: skip

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.query_spec = ListQuery()
        self.total = 0
        self.cursor = 0
        self.loaded = False  # the count for the current query has arrived
        self.error: str | None = None
        self.plan: Any = None  # what prepare() worked out for the current query
        self._generation = 0
        self._blocks: LRUCache[int, list[Any]] = LRUCache(64)
        self._pending: set[int] = set()
        self._strips: LRUCache[tuple, Strip] = LRUCache(2048)
        self._announce = False
        self._last_announced: tuple[Any, Any] | None = None

    # ------------------------------------------------------------------ subclass API

    def count_rows(self, conn: Any, q: ListQuery) -> int:
        raise NotImplementedError

    def prepare(self, conn: Any, q: ListQuery) -> tuple[int, Any]:
        """The row count of ``q`` and a plan the page fetches reuse (None by default)."""
        return self.count_rows(conn, q), None

    def fetch_rows(
        self, conn: Any, q: ListQuery, offset: int, limit: int, plan: Any = None
    ) -> list[Any]:
        raise NotImplementedError

    def columns(self) -> list[tuple[str, int, int, str]]:
        """``(title, preferred width or 0 for flexible, drop priority, justify)``."""
        raise NotImplementedError

    def cells(self, row: Any, previous: Any | None = None) -> list[Text | str]:
        """The cells of ``row``; ``previous`` is the row above it when it is loaded."""
        raise NotImplementedError

    # ------------------------------------------------------------------ loading

    @property
    def generation(self) -> int:
        return self._generation

    def set_query(self, q: ListQuery, keep_cursor: bool = False, follow: Any = None) -> None:
        """Show the rows of ``q``: recount, drop cached rows, fetch the first window."""
        self.query_spec = q
        self._generation += 1
        self._blocks.clear()
        self._pending.clear()
        self._strips.clear()
        self.loaded = False
        self.plan = None
        self.error = None
        if not keep_cursor:
            self.cursor = 0
            self.scroll_to(y=0, animate=False, immediate=True)
        self._announce = True
        self._last_announced = None
        gen = self._generation
        pool = self.app.pool  # type: ignore[attr-defined]
        first_block = self.cursor // self.BLOCK
        self.run_worker(
            partial(self._count_worker, pool, q, gen, first_block, follow),
            thread=True, exclusive=True, group="count", name=f"{self.KIND}-count",
        )  # fmt: skip
        self.refresh()

    def locate(self, conn: Any, q: ListQuery, row: Any) -> int | None:
        """Where ``row`` sits now (after the data changed); None keeps the index."""
        return None

    def reload(self) -> None:
        """Read the query again (the data changed), keeping the cursor on its row."""
        announced = self._last_announced
        self.set_query(self.query_spec, keep_cursor=True, follow=self.current)
        # The cursor's row, found again (perhaps at another index: new rows above it),
        # is no move: the reader stays where a jump (a figure, an alert) took it.
        self._last_announced = announced

    def _count_worker(
        self, pool: Any, q: ListQuery, gen: int, block: int, follow: Any = None
    ) -> None:
        worker = get_current_worker()
        try:
            with pool.connection() as conn:
                total, plan = self.prepare(conn, q)
                cursor = self.locate(conn, q, follow) if follow is not None else None
                if cursor is not None:
                    block = cursor // self.BLOCK
                if worker.is_cancelled:
                    return
                self.post_message(ListCounted(gen, total, plan=plan, cursor=cursor))
                rows = self.fetch_rows(conn, q, block * self.BLOCK, self.BLOCK, plan)
        except Exception as error:  # a bad query must not take the app down
            self.post_message(ListCounted(gen, 0, error=f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(ListPageLoaded(gen, block, rows))

    def _page_worker(self, pool: Any, q: ListQuery, plan: Any, gen: int, block: int) -> None:
        try:
            with pool.connection() as conn:
                rows = self.fetch_rows(conn, q, block * self.BLOCK, self.BLOCK, plan)
        except Exception:
            rows = []
        self.post_message(ListPageLoaded(gen, block, rows))

    def _request_block(self, block: int) -> None:
        if not self.loaded:
            return  # the count (and plan) of this query first; its rows come after
        if block in self._pending or block in self._blocks or block < 0:
            return
        if block * self.BLOCK >= self.total:
            return
        self._pending.add(block)
        pool = self.app.pool  # type: ignore[attr-defined]
        self.run_worker(
            partial(self._page_worker, pool, self.query_spec, self.plan, self._generation, block),
            thread=True, group="page", name=f"{self.KIND}-page-{block}",
        )  # fmt: skip

    def on_list_counted(self, message: ListCounted) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self.total = message.total
        self.plan = message.plan
        self.error = message.error
        self.loaded = True
        if message.cursor is not None:
            self.cursor = message.cursor
        self.cursor = max(0, min(self.cursor, self.total - 1))
        self._scroll_to_cursor()
        self._update_virtual_size()
        self._strips.clear()
        self.refresh()
        if self.total == 0:
            self._announce_cursor()

    def on_list_page_loaded(self, message: ListPageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._pending.discard(message.block)
        self._blocks[message.block] = message.rows
        self._strips.clear()
        self.refresh()
        if self._announce and message.block == self.cursor // self.BLOCK:
            self._announce_cursor()

    def row_at(self, index: int) -> Any | None:
        """The row at ``index`` if it is loaded; otherwise ask for its block, None."""
        if not 0 <= index < self.total:
            return None
        block, pos = divmod(index, self.BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            self._request_block(block)
            return None
        return rows[pos] if pos < len(rows) else None

    @property
    def current(self) -> Any | None:
        return self.row_at(self.cursor)

    # ------------------------------------------------------------------ cursor

    def _announce_cursor(self) -> None:
        row = self.row_at(self.cursor) if self.total else None
        if self.total and row is None:
            self._announce = True  # tell when its block arrives
            return
        self._announce = False
        # The same row by id: a reload that only changed its marks (seen, revised) is
        # not a move, and must not pull the reader away from where the user went.
        row_id = getattr(row, "id", None)
        key = ("id", row_id) if row_id is not None else (self.cursor, row)
        if key == self._last_announced:
            return
        self._last_announced = key
        self.post_message(RowHighlighted(self, self.cursor, row))

    def move_cursor(self, index: int, announce: bool = True) -> None:
        if self.total == 0:
            return
        index = max(0, min(index, self.total - 1))
        if index != self.cursor:
            self.cursor = index
            self.refresh()
        self._scroll_to_cursor()
        if announce:
            self._announce_cursor()

    @property
    def rows_visible(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        visible = self.rows_visible
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self.rows_visible)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self.rows_visible)

    def action_half_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.rows_visible // 2))

    def action_half_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.rows_visible // 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.total - 1)

    def action_activate(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(RowActivated(self, self.cursor, row))

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            self.header_clicked(offset.x)
            return
        index = round(self.scroll_y) + offset.y - 1
        if not 0 <= index < self.total:
            return
        self.focus()
        if index == self.cursor and event.chain >= 2:
            self.action_activate()
        else:
            self.move_cursor(index)

    def header_clicked(self, x: int) -> None:
        """A click on the header line at column ``x`` (subclasses sort on it)."""

    def column_at(self, x: int) -> str | None:
        cols = self.columns()
        widths = layout_columns(self.scrollable_content_region.width, [c[:3] for c in cols])
        pos = 0
        for (title, *_), w in zip(cols, widths, strict=True):
            if w <= 0:
                continue
            if pos <= x < pos + w + 1:
                return title
            pos += w + 1
        return None

    # ------------------------------------------------------------------ rendering

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total + 1)

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._strips.clear()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _line(self, content: Text, width: int, style: Style) -> Strip:
        segments = list(content.render(self.app.console, end=""))
        return Strip(segments).adjust_cell_length(width, style).apply_style(style)

    def header_text(self) -> Text:
        cols = self.columns()
        widths = layout_columns(self.scrollable_content_region.width, [c[:3] for c in cols])
        return fit(
            [(title, w, justify) for (title, _, _, justify), w in zip(cols, widths, strict=True)]
        )

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            key = ("header", width, self.query_spec.sort)
            strip = self._strips.get(key)
            if strip is None:
                style = base + self.get_component_rich_style("lazy-list--header")
                strip = self._line(self.header_text(), width, style)
                self._strips[key] = strip
            return strip
        index = round(self.scroll_y) + y - 1
        if index >= self.total:
            if index == 0:
                if not self.loaded:
                    message = "Loading…"
                else:
                    message = self.error or self.EMPTY
                style = base + self.get_component_rich_style("lazy-list--empty")
                return self._line(Text(message), width, style)
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        focused = self.has_focus
        key = (index, width, is_cursor, focused)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        row = self.row_at(index)
        if row is None:
            style = base + self.get_component_rich_style("lazy-list--pending")
            return self._line(Text("…"), width, style)
        cols = self.columns()
        widths = layout_columns(width, [c[:3] for c in cols])
        cells = self.cells(row, self.row_at(index - 1) if index > 0 else None)
        text = fit([(cell, w, col[3]) for cell, w, col in zip(cells, widths, cols, strict=True)])
        style = base
        if is_cursor:
            name = "lazy-list--cursor" if focused else "lazy-list--cursor-blur"
            style = base + self.get_component_rich_style(name)
        strip = self._line(text, width, style)
        self._strips[key] = strip
        return strip
