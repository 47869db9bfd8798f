"""Frames around the data: panes with numbered titles, the tab strip, the status line."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Static

from tui.highlight import plain

PANES: tuple[str, ...] = ("articles", "figures", "timeline", "reader")
PANE_TITLES = {
    "articles": "Articles",
    "figures": "Figures",
    "timeline": "Timeline",
    "reader": "Reader",
}


class Pane(Vertical):
    """A bordered frame titled with the key that focuses it (``1 Articles``)."""

    def __init__(self, child: Widget, name: str, *more: Widget) -> None:
        super().__init__(child, *more, id=f"pane-{name}", classes="pane")
        self.pane_name = name
        number = PANES.index(name) + 1
        self.border_title = f"{number} {PANE_TITLES[name]}"


class PaneTabs(Static):
    """The pane strip shown on narrow terminals, where one pane is visible at a time."""

    active: reactive[str] = reactive("articles")

    class Chosen(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for i, name in enumerate(PANES, 1):
            label = f" {i} {PANE_TITLES[name]} "
            text.append(label, style="reverse bold" if name == self.active else "")
            text.append(" ")
        return text

    def pane_at(self, x: int) -> str | None:
        pos = 0
        for i, name in enumerate(PANES, 1):
            width = len(f" {i} {PANE_TITLES[name]} ") + 1
            if pos <= x < pos + width:
                return name
            pos += width
        return None

    def on_click(self, event: events.Click) -> None:
        pane = self.pane_at(event.x)
        if pane:
            self.post_message(self.Chosen(pane))


class StatusLine(Static):
    """One line: the active search with its hit counts, and how the figures are shown."""

    search: reactive[str] = reactive("")
    counts: reactive[tuple[int, int, int] | None] = reactive(None)
    broad: reactive[bool] = reactive(False)  # lists filtered by article, not sentence
    figures_state: reactive[str] = reactive("")

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.search:
            text.append("Search ", style="bold")
            text.append(plain(self.search))
            if self.counts is None:
                text.append("  …")
            else:
                a, f, d = self.counts
                text.append(
                    f"  {a} article{'s' if a != 1 else ''} · {f} figure{'s' if f != 1 else ''}"
                    f" · {d} date{'s' if d != 1 else ''}"
                )
                if self.broad:
                    text.append(" (in matching articles)", style="dim")
        else:
            text.append("/ to search", style="dim")
        # The figures' scope and order also show under the figures pane: here they give
        # way to the search when both do not fit.
        if self.figures_state and len(text) + 3 + len(self.figures_state) <= self.size.width:
            text.append("   ")
            text.append(self.figures_state, style="dim")
        return text


class FittingFooter(Footer):
    """Textual's footer, except that its command-palette key (docked at the right) steps
    aside when the keys of the focused pane need the whole width, instead of covering the
    last of them (``q Quit`` under ``^p palette`` in the reader at 80 columns). ``ctrl+p``
    still opens the palette; help lists it."""

    def compose(self):
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self, event: events.Resize) -> None:
        for palette in self.query(".-command-palette"):
            palette.display = True
        self.call_after_refresh(self._fit)

    def _fit(self, tries: int = 10) -> None:
        palettes = list(self.query(".-command-palette"))
        if not palettes or not palettes[0].display:
            return
        palette = palettes[0]
        keys = [c for c in self.children if c is not palette and c.display]
        if tries and not all(c.outer_size.width for c in [*keys, palette]):
            self.call_after_refresh(self._fit, tries - 1)  # not laid out yet
            return
        needed = max((c.virtual_region_with_margin.right for c in keys), default=0)
        palette.display = needed + palette.outer_size.width <= self.size.width
