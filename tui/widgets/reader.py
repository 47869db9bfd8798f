"""The reader: one article's body with its figures, claimants and dates marked.

A line API, as the lists and Toolong's log view: the article is a plain string and
two columns of display-line offsets (:func:`tui.highlight.wrap_lines`, wrapped once
per width and kept for the last few widths, in :class:`tui.widgets.document.Document`);
``render_line`` styles only the line asked for, from span indexes found by bisect
(:class:`tui.highlight.SpanIndex`), so a megabyte article costs what its visible lines
cost. Jumping to a figure is a bisect from stored offsets to a line and a scroll, never
a text search. The costly part of opening an article (the wrap, the span index) runs in
the worker that read it (:meth:`Reader.prepare`), and stops when a newer article
supersedes it.

Lines of the active sentence carry a ``▌`` gutter mark, a cue that survives
``NO_COLOR``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from store.browse import ArticleView, FigureWhy, Span
from tui.highlight import SpanIndex, styled_line
from tui.messages import OpenQuantity
from tui.why import WHY_KINDS, why_line, why_spans
from tui.widgets.document import FIGURE_KINDS, Document


class Reader(ScrollView, can_focus=True):
    """Scrollable, marked article text with an active sentence."""

    GUTTER = 2
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--figure",
        "reader--hedged",
        "reader--vague",
        "reader--claimant",
        "reader--date",
        "reader--active",
        "reader--match",
        "reader--focus",
        "reader--gutter",
        "reader--empty",
        "reader--changed",
        *(f"reader--{kind}" for kind in WHY_KINDS),
    }
    DEFAULT_CSS = """
    Reader {
        overflow-x: hidden;
        overflow-y: scroll;  /* a steady width: wrapping never changes under the text */
        scrollbar-size-vertical: 1;
        & > .reader--title { text-style: bold; }
        & > .reader--meta { text-style: dim; }
        & > .reader--figure { text-style: bold underline; }
        & > .reader--hedged { text-style: italic underline; }
        & > .reader--vague { text-style: underline; }
        & > .reader--claimant { text-style: bold; }
        & > .reader--date { text-style: italic; }
        & > .reader--match { text-style: reverse; }
        & > .reader--focus { text-style: reverse bold; }
        & > .reader--gutter { text-style: bold; }
        & > .reader--empty { text-style: italic dim; }
        & > .reader--changed { text-style: bold underline reverse; }
        /* "Why" (e): each cue its own text style, so they read without colour */
        & > .reader--why-qualifier { text-style: bold underline; }
        & > .reader--why-unit { text-style: bold italic; }
        & > .reader--why-hedge { text-style: reverse italic; }
        & > .reader--why-claimant { text-style: reverse bold; }
        & > .reader--why-date { text-style: reverse underline; }
        & > .reader--why-actor { text-style: reverse; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_line(-1)", "Up", show=False, id="reader.up"),
        Binding("down,j", "scroll_line(1)", "Down", show=False, id="reader.down"),
        Binding("pageup,ctrl+b", "scroll_page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding(
            "pagedown,ctrl+f,space", "scroll_page(1)", "Page down", show=False,
            id="reader.page_down",
        ),
        Binding("ctrl+u", "scroll_half(-1)", "Half up", show=False, id="reader.half_up"),
        Binding("ctrl+d", "scroll_half(1)", "Half down", show=False, id="reader.half_down"),
        Binding("home,g", "scroll_top", "Top", show=False, id="reader.top"),
        Binding("end,G", "scroll_bottom", "Bottom", show=False, id="reader.bottom"),
        Binding("right_square_bracket", "step_figure(1)", "Next figure", id="reader.next_figure"),
        Binding(
            "left_square_bracket", "step_figure(-1)", "Prev figure", id="reader.prev_figure"
        ),
        Binding("e", "why", "Why", id="reader.why"),
        Binding("c", "open_quantity", "Compare", show=False, id="reader.quantity"),
    ]  # fmt: skip

    class WhyChanged(Message):
        """The "Why" of the figure in focus changed (or Why was turned on or off)."""

        def __init__(self, shown: bool, why: FigureWhy | None) -> None:
            super().__init__()
            self.shown = shown
            self.why = why

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view: ArticleView | None = None
        self.matches: list[tuple[int, int]] = []
        self.active: tuple[int, int] | None = None  # body offsets of the active sentence
        self.focus_span: Span | None = None  # the figure (or hit) the user is on
        self.match_index = -1
        self._doc: Document | None = None
        self._prepared: Document | None = None  # built by a worker for show()
        self._starts: list[int] = []  # display lines at self._width: body starts ...
        self._ends: list[int] = []  # ... and ends, in document offsets
        self._width = 0
        self._shown_width = 0  # the last width the text was wrapped at
        self._match_index = SpanIndex([])
        self._styles_now: dict[str, Style] = {}
        self._indexes: list[SpanIndex] = []  # what marks a line: head, marks, hits, active
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(1024)
        self._pending_scroll: int | None = None  # body offset to bring into view
        self.why_shown = False  # "Why" (e): mark the focused figure's cues, explain them

    # ------------------------------------------------------------------ state

    @property
    def focused_why(self) -> FigureWhy | None:
        """The fields and evidence of the figure in focus, if a figure is."""
        f = self.focus_span
        if self.view is None or f is None or f.kind not in FIGURE_KINDS:
            return None
        return self.view.why.get(f.ref)

    @property
    def figure_spans(self) -> list[Span]:
        return self._doc.figures if self._doc is not None else []

    @property
    def document(self) -> str:
        """The text shown: title, meta line, revision notes, a blank line, the body."""
        return self._doc.text if self._doc is not None else ""

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_range(self, index: int) -> tuple[int, int]:
        """Document ``(start, end)`` offsets of display line ``index``."""
        return self._starts[index], self._ends[index]

    def marked(self, kind: str) -> list[str]:
        """The body text under each mark of ``kind`` (``"why-hedge"``, ``"match"``...)
        as the reader paints it now, in order."""
        doc = self._doc
        if doc is None:
            return []
        found = sorted(
            (start, end)
            for index in self._indexes
            for start, end, _rank, _order, k in index.overlapping(doc.base, len(doc.text))
            if k == kind
        )
        return [doc.text[start:end] for start, end in found]

    def prepare(
        self, view: ArticleView | None, should_stop: Callable[[], bool] | None = None
    ) -> None:
        """Build ``view``'s document and wrap it at the pane's width, for :meth:`show`.

        Thread-safe and meant for the worker that read the article: opening a
        megabyte article then costs the event loop nothing. Stops (and keeps
        nothing) when ``should_stop`` says a newer article superseded this one.
        """
        if view is None:
            return
        doc = Document(view)
        if should_stop is not None and should_stop():
            return
        # Hidden (a narrow terminal shows one pane), the reader has no width: wrap at
        # the last one it had, which it will have again when shown.
        width = self.scrollable_content_region.width - self.GUTTER
        if width <= 0:
            width = self._shown_width
        if width > 0 and doc.layout(width, should_stop) is None:
            return
        self._prepared = doc

    def show(
        self,
        view: ArticleView | None,
        matches: list[tuple[int, int]] | None = None,
        active: tuple[int, int] | None = None,
        focus: Span | None = None,
    ) -> None:
        """Display ``view``; with ``active`` scroll its sentence into view."""
        same = view is not None and self.view is not None and view.id == self.view.id
        if focus is not None and view is not None and focus.kind in FIGURE_KINDS:
            # re-extracted since the focus was taken: the same words, a new figure id
            focus = next(
                (
                    s
                    for s in view.spans
                    if s.kind in FIGURE_KINDS and (s.start, s.end) == (focus.start, focus.end)
                ),
                focus,
            )
        self.view = view
        prepared, self._prepared = self._prepared, None
        if view is None:
            self._doc = None
        elif prepared is not None and prepared.view is view:
            self._doc = prepared
        elif self._doc is None or self._doc.view is not view:
            self._doc = Document(view)
        self.matches = sorted(matches or [])
        self._match_index = self._index_matches()
        self.match_index = -1
        self.active = active
        self.focus_span = focus
        self._wrap()
        self._rebuild()
        if active is not None:
            self.scroll_to_offset(active[0])
        elif not same:
            self.scroll_to(y=0, animate=False, immediate=True)

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = sorted(matches)
        self._match_index = self._index_matches()
        self.match_index = -1
        self._rebuild()

    def set_active(self, active: tuple[int, int] | None, focus: Span | None) -> None:
        self.active = active
        self.focus_span = focus
        self._rebuild()
        if focus is not None:
            self.scroll_to_offset(focus.start)
        elif active is not None:
            self.scroll_to_offset(active[0])

    def line_for_offset(self, offset: int) -> int:
        """The display line of body ``offset`` at the current width."""
        return self._line_of(self._doc_offset(offset))

    def _doc_offset(self, body_offset: int) -> int:
        return (self._doc.base if self._doc is not None else 0) + body_offset

    def _line_of(self, doc_offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, doc_offset) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring body ``offset`` into view, a third of the way down the pane."""
        height = self.scrollable_content_region.height
        if not self._starts or height <= 0:
            self._pending_scroll = offset
            return
        self._pending_scroll = None
        line = self.line_for_offset(offset)
        top = round(self.scroll_y)
        if top <= line < top + height and self.active is None:
            return
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)

    # ------------------------------------------------------------------ document

    def mark_styles(self) -> dict[str, Style]:
        """The style of each kind of mark, from the component classes (theme, NO_COLOR)."""
        names = (
            "title", "meta", "figure", "hedged", "vague", "claimant", "date", "changed",
            *WHY_KINDS,
        )  # fmt: skip
        styles = {n: self.get_component_rich_style(f"reader--{n}") for n in names}
        styles["active"] = self.get_component_rich_style("reader--active")
        styles["match"] = self.get_component_rich_style("reader--match")
        styles["focus"] = self.get_component_rich_style("reader--focus")
        return styles

    def _index_matches(self) -> SpanIndex:
        base = self._doc.base if self._doc is not None else 0
        return SpanIndex(((base + s, base + e, "match") for s, e in self.matches), order=1 << 40)

    def _rebuild(self) -> None:
        """The marks changed (active sentence, focus, hits): paint the lines again.

        Nothing here grows with the article: lines are styled as they are painted.
        """
        self._strips.clear()
        if self.why_shown:
            self.post_message(self.WhyChanged(True, self.focused_why))
        self._styles_now = self.mark_styles()
        self._indexes = self._line_indexes() if self._doc is not None else []
        self.refresh()

    def _line_indexes(self) -> list[SpanIndex]:
        doc = self._doc
        assert doc is not None
        indexes = [doc.head, doc.marks, self._match_index]
        extra: list[tuple[int, int, str]] = []
        if self.active:
            extra.append((doc.base + self.active[0], doc.base + self.active[1], "active"))
        if extra:
            indexes.append(SpanIndex(extra, order=len(doc.head)))
        if self.focus_span is not None:
            sp = self.focus_span
            indexes.append(SpanIndex([(doc.base + sp.start, doc.base + sp.end, "focus")], 1 << 41))
        if self.why_shown:  # "Why" (e): the focused figure's cues, over everything else
            why = [(doc.base + a, doc.base + b, kind) for a, b, kind in why_spans(self.focused_why)]
            indexes.append(SpanIndex(why, order=1 << 42))
        return indexes

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width - self.GUTTER
        # A hidden pane has no width: wrap when it shows (render_line notices the width).
        self._width = max(0, width)
        if width > 0:
            self._shown_width = width
        lines = self._doc.layout(width) if self._doc is not None and width > 0 else None
        self._starts, self._ends = lines if lines is not None else ([], [])
        self._strips.clear()
        self._update_size()

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self._starts)))

    def on_resize(self) -> None:
        self._rewrap_keep_place()

    def _rewrap_keep_place(self) -> None:
        """Wrap to the current width and keep the same text in view."""
        if self.view is None:
            return
        keep = self._top_offset()
        mark = self.focus_span.start if self.focus_span else self.active[0] if self.active else None
        top = round(self.scroll_y)
        height = self.scrollable_content_region.height
        mark_in_view = (
            mark is not None and self._starts and top <= self.line_for_offset(mark) < top + height
        )
        self._wrap()
        if self._pending_scroll is not None:
            self.scroll_to_offset(self._pending_scroll)
        elif mark_in_view:
            self.scroll_to_offset(mark)
        elif keep is not None:
            line = self._line_of(keep)
            self.scroll_to(y=line, animate=False, immediate=True)

    def _top_offset(self) -> int | None:
        top = round(self.scroll_y)
        if 0 <= top < len(self._starts):
            return self._starts[top]
        return None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base_style = self.rich_style
        if self.view is not None and width - self.GUTTER != self._width:
            self._rewrap_keep_place()  # the width changed since the last wrap
        if self.view is None or self._doc is None:
            if y == 0:
                text = Text("No article selected.", end="")
                style = base_style + self.get_component_rich_style("reader--empty")
                return (
                    Strip(list(text.render(self.app.console, end="")))
                    .adjust_cell_length(width, style)
                    .apply_style(style)
                )
            return Strip.blank(width, base_style)
        index = round(self.scroll_y) + y
        if index >= len(self._starts):
            return Strip.blank(width, base_style)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        start, end = self._starts[index], self._ends[index]
        in_active = False
        if self.active is not None:
            a0, a1 = self._doc_offset(self.active[0]), self._doc_offset(self.active[1])
            in_active = start < a1 and end > a0 or (start == end and a0 <= start < a1)
        gutter = Text("▌ " if in_active else "  ", end="")
        if in_active:
            gutter.stylize(self.get_component_rich_style("reader--gutter"))
        line = gutter + styled_line(self._doc.text, start, end, self._indexes, self._styles_now)
        segments = list(line.render(self.app.console, end=""))
        strip = Strip(segments).adjust_cell_length(width, base_style).apply_style(base_style)
        self._strips[key] = strip
        return strip

    # ------------------------------------------------------------------ actions

    def action_scroll_line(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def action_scroll_half(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def action_scroll_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_scroll_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def action_step_figure(self, direction: int) -> None:
        """Make the next (or previous) figure of the article the active one."""
        figures = self.figure_spans
        if not figures or self._doc is None:
            self.app.bell()
            return
        here = self.focus_span.start if self.focus_span is not None else None
        starts = self._doc.figure_starts
        nxt: Span | None
        if direction > 0:
            i = 0 if here is None else bisect.bisect_right(starts, here)
            nxt = figures[i] if i < len(figures) else None
        else:
            i = len(figures) if here is None else bisect.bisect_left(starts, here)
            nxt = figures[i - 1] if i > 0 else None
        if nxt is None:
            self.app.bell()
            return
        self.set_active((nxt.sentence_start, nxt.sentence_end), nxt)

    def action_why(self) -> None:
        """Show (or hide) why the figure in focus reads as it does: its cues marked in
        the text, a line that explains them. With no figure in focus, the next one."""
        if self.why_shown:
            self.why_shown = False
            self.post_message(self.WhyChanged(False, None))
            self._rebuild()
            return
        if self.focused_why is None:
            if not self.figure_spans:
                self.app.bell()
                return
            self.action_step_figure(1)
        self.why_shown = True
        self._rebuild()

    def action_open_quantity(self) -> None:
        """``c``: the quantity of the figure in focus (with none in focus, the next one)."""
        f = self.focus_span
        if f is None or f.kind not in FIGURE_KINDS:
            if not self.figure_spans:
                self.app.bell()
                return
            self.action_step_figure(1)
            f = self.focus_span
        if f is not None and f.kind in FIGURE_KINDS:
            self.post_message(OpenQuantity(figure_id=f.ref))

    def step_match(self, direction: int) -> bool:
        """Move to the next (or previous) search hit; False when there is none that way."""
        if not self.matches:
            return False
        i = self.match_index + direction
        if self.match_index < 0 and direction < 0:
            i = len(self.matches) - 1
        if not 0 <= i < len(self.matches):
            return False
        self.match_index = i
        start, end = self.matches[i]
        self.focus_span = Span(start, end, "match", -1, start, end)
        self.active = None
        self._rebuild()
        self.scroll_to_offset(start)
        return True

    def on_click(self, event: events.Click) -> None:
        """A click on a figure makes it (and its sentence) the active one."""
        offset = event.get_content_offset(self)
        if offset is None or self.view is None:
            return
        index = round(self.scroll_y) + offset.y
        if self._doc is None or not 0 <= index < len(self._starts):
            return
        start, end = self.line_range(index)
        col = offset.x - self.GUTTER
        pos = start
        cells = 0
        text = self._doc.text
        while pos < end and cells + cell_len(text[pos]) <= col:
            cells += cell_len(text[pos])
            pos += 1
        body_pos = pos - self._doc.base
        for f in self.figure_spans:
            if f.start <= body_pos < f.end:
                self.set_active((f.sentence_start, f.sentence_end), f)
                return


class WhyLine(Static):
    """Under the reader: why the figure in focus reads as it does (Reader "Why")."""

    DEFAULT_CSS = """
    WhyLine {
        height: auto;
        max-height: 4;
        padding: 0 1;
        border-top: hkey $panel-lighten-2;
        display: none;
    }
    """

    def show_why(self, shown: bool, why: FigureWhy | None, styles) -> None:
        self.display = shown
        if shown:
            self.update(why_line(why, styles))
