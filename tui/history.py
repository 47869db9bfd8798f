"""Where the user has been: ``enter`` remembers the place, ``backspace`` / ``esc`` go back.

A mixin of :class:`tui.app.NkwatchApp`. ``esc`` first closes the search box (clearing
it), then walks back through the places, then clears a search that is still applied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from store.browse import Span

if TYPE_CHECKING:
    from tui.app import NkwatchApp as _App
else:
    _App = object

MAX_PLACES = 100


@dataclass(frozen=True)
class Place:
    """Where the user was, to come back to with backspace/esc."""

    pane: str
    article_id: int | None
    active: tuple[int, int] | None
    focus: Span | None
    scroll_y: float
    reopen: Any = None  # a screen to reopen on the way back (a quantity and a claim)

    def with_reopen(self, reopen: Any) -> Place:
        return replace(self, reopen=reopen)


class HistoryMixin(_App):
    history: list[Place]

    def _init_history(self) -> None:
        self.history = []

    def remember(self) -> None:
        reader = self.reader
        view = reader.view
        self.history.append(
            Place(
                self.pane,
                view.id if view else None,
                reader.active,
                reader.focus_span,
                reader.scroll_y,
            )
        )
        del self.history[:-MAX_PLACES]

    def action_back(self) -> None:
        if self.search_box.has_focus:
            self.clear_search()
            self._close_search()
            return
        if self.history:
            self._go_back(self.history.pop())
            return
        if self.search_text:
            self.clear_search()
            return
        self.bell()

    def _go_back(self, place: Place) -> None:
        reader = self.reader
        if place.article_id is None:
            reader.show(None)
        elif reader.view is not None and reader.view.id == place.article_id:
            reader.set_active(place.active, place.focus)
            reader.scroll_to(y=place.scroll_y, animate=False, immediate=True)
        else:
            self.open_article(place.article_id, place.active, place.focus)
        self.action_show_pane(place.pane)
        if place.reopen is not None:
            self.reopen(place.reopen)
