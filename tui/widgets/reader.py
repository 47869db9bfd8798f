"""The reader: one article's body with its figures, claimants and dates marked.

The body is wrapped by :func:`tui.highlight.wrap_offsets`, which keeps the body
offset of every display line, so jumping to a figure is a bisect from the stored
offsets to a line and a scroll, never a text search. Lines of the active sentence
carry a ``▌`` gutter mark, a cue that survives ``NO_COLOR``.
"""

from __future__ import annotations

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
from store.extract import supports
from store.sources.language import language_name
from tui.highlight import line_of, outlet, plain, source_label, styled, wrap_offsets
from tui.why import WHY_KINDS, why_line, why_spans

FIGURE_KINDS = frozenset({"figure", "hedged", "vague"})


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
        self._base = 0  # where the body starts in the displayed document
        self._doc = Text()
        self._lines: list[tuple[int, int]] = []
        self._line_texts: list[Text] = []
        self._width = 0
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
        if self.view is None:
            return []
        return [s for s in self.view.spans if s.kind in FIGURE_KINDS]

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
        self.matches = sorted(matches or [])
        self.match_index = -1
        self.active = active
        self.focus_span = focus
        self._rebuild()
        if active is not None:
            self.scroll_to_offset(active[0])
        elif not same:
            self.scroll_to(y=0, animate=False, immediate=True)

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = sorted(matches)
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
        return line_of(self._lines, self._base + offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Bring body ``offset`` into view, a third of the way down the pane."""
        height = self.scrollable_content_region.height
        if not self._lines or height <= 0:
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

    def _rebuild(self) -> None:
        self._strips.clear()
        view = self.view
        if self.why_shown:
            self.post_message(self.WhyChanged(True, self.focused_why))
        if view is None:
            self._doc = Text()
            self._lines = []
            self._line_texts = []
            self._base = 0
            self._update_size()
            self.refresh()
            return
        title = plain(view.title)
        bits = [f"article {view.id}"]
        name = outlet(view.source_name, "")  # the site shows in the URL below
        if name:
            bits.append(name)
        if view.published:
            bits.append(view.published + (" (inferred)" if view.published_inferred else ""))
        else:
            bits.append("date unknown")
        n_fig = len(self.figure_spans)
        if view.language and not supports(view.language):
            bits.append(f"{language_name(view.language)}: figures not extracted")
        else:
            bits.append(f"{n_fig} figure{'s' if n_fig != 1 else ''}")
        if view.revision > 1:
            bits.append(f"revision {view.revision} (R: what changed)")
        bits.append(source_label(view.source))  # a URL whole, a file by its name
        meta = plain(" · ".join(bits))
        changed = "".join(f"changed: {plain(c)}\n" for c in view.changes)
        prefix = f"{title}\n{meta}\n{changed}\n"
        base = len(prefix)
        spans: list[tuple[int, int, str]] = [
            (0, len(title), "title"),
            (len(title) + 1, len(title) + 1 + len(meta), "meta"),
        ]
        if changed:
            start = len(title) + len(meta) + 2
            spans.append((start, start + len(changed) - 1, "changed"))
        if self.active:
            spans.append((base + self.active[0], base + self.active[1], "active"))
        for s in view.spans:
            spans.append((base + s.start, base + s.end, s.kind))
            if s.ref in view.changed and s.kind in FIGURE_KINDS:  # updated in a revision
                spans.append((base + s.start, base + s.end, "changed"))
        for start, end in self.matches:
            spans.append((base + start, base + end, "match"))
        if self.focus_span is not None:
            spans.append((base + self.focus_span.start, base + self.focus_span.end, "focus"))
        if self.why_shown:
            spans += [(base + a, base + b, kind) for a, b, kind in why_spans(self.focused_why)]
        self._base = base
        self._doc = styled(prefix + view.body, spans, self.mark_styles())
        self._wrap()
        self.refresh()

    def _wrap(self) -> None:
        width = max(1, self.scrollable_content_region.width - self.GUTTER)
        self._width = width
        self._lines = wrap_offsets(self._doc.plain, width) if self.view else []
        # One divide for all lines: slicing the Text per line costs a pass over all
        # its spans each time (0.4 s a screen for a 200 KB article).
        cuts = [offset for line in self._lines for offset in line]
        parts = self._doc.divide(cuts) if cuts else []
        self._line_texts = [parts[i] for i in range(1, len(parts), 2)]
        self._strips.clear()
        self._update_size()

    def _update_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, len(self._lines)))

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
            mark is not None and self._lines and top <= self.line_for_offset(mark) < top + height
        )
        self._wrap()
        if self._pending_scroll is not None:
            self.scroll_to_offset(self._pending_scroll)
        elif mark_in_view:
            self.scroll_to_offset(mark)
        elif keep is not None:
            line = line_of(self._lines, keep)
            self.scroll_to(y=line, animate=False, immediate=True)

    def _top_offset(self) -> int | None:
        top = round(self.scroll_y)
        if 0 <= top < len(self._lines):
            return self._lines[top][0]
        return None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base_style = self.rich_style
        if self.view is not None and width - self.GUTTER != self._width:
            self._rewrap_keep_place()  # the width changed since the last wrap
        if self.view is None:
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
        if index >= len(self._lines):
            return Strip.blank(width, base_style)
        key = (index, width)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        start, end = self._lines[index]
        in_active = False
        if self.active is not None:
            a0, a1 = self.active[0] + self._base, self.active[1] + self._base
            in_active = start < a1 and end > a0 or (start == end and a0 <= start < a1)
        gutter = Text("▌ " if in_active else "  ", end="")
        if in_active:
            gutter.stylize(self.get_component_rich_style("reader--gutter"))
        line = gutter + self._line_texts[index]
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
        if not figures:
            self.app.bell()
            return
        here = self.focus_span.start if self.focus_span is not None else None
        if direction > 0:
            nxt = next((f for f in figures if here is None or f.start > here), None)
        else:
            prev = [f for f in figures if here is None or f.start < here]
            nxt = prev[-1] if prev else None
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
        if not 0 <= index < len(self._lines):
            return
        start, end = self._lines[index]
        col = offset.x - self.GUTTER
        pos = start
        cells = 0
        text = self._doc.plain
        while pos < end and cells + cell_len(text[pos]) <= col:
            cells += cell_len(text[pos])
            pos += 1
        body_pos = pos - self._base
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
