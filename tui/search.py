"""Keyword search in the dashboard: the search box, debounced filtering of every list,
matches marked in the reader, hit counts in the status line, and ``n`` / ``N``.

A mixin of :class:`tui.app.NkwatchApp`; its state lives on the app (``search_text``,
``match``), its queries run in thread workers through ``store.browse``.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input

from store import browse
from store.browse import ListQuery
from tui.messages import SearchCounted
from tui.widgets.chrome import PANES, StatusLine
from tui.widgets.lists import ArticleList, FigureList

if TYPE_CHECKING:
    from tui.app import NkwatchApp as _App
else:
    _App = object

SEARCH_DEBOUNCE = 0.18

# Keys Textual names without telling their character (textual.keys.key_to_character
# knows "question_mark" but not "slash"): the box must still claim them as text.
_NAMED_CHARACTERS = {
    "slash": "/", "plus": "+", "minus": "-", "at": "@", "backslash": "\\", "underscore": "_",
}  # fmt: skip


class SearchBox(Input):
    """The search box: every printable key is text in it, ``/`` included.

    The dashboard's own keys are priority bindings (so that typed-ahead keys follow the
    focus they move); Textual lets a focused Input keep the keys it consumes, but does
    not know that "slash" is a character, so ``/`` would open the search again instead
    of being typed. Typed in a burst (a paste, ``tmux send-keys``) it would even land
    before the letters queued ahead of it.
    """

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character or _NAMED_CHARACTERS.get(key))


def reader_matches(conn: Any, article_id: int, search: str) -> list[tuple[int, int]]:
    """Offsets of the words ``search`` matches in one article's body."""
    from store.queries import match_spans  # in a worker: not on the way to the first frame

    return [(s, e) for s, e in match_spans(conn, article_id, search)]


class SearchMixin(_App):
    search_text: str
    match: str | None
    _search_timer: Timer | None
    _first_hit_pending: int  # n/N crossed into another article: 1 first, -1 last
    _return_pane: str

    def _init_search(self) -> None:
        self.search_text = ""
        self.match = None
        self._search_timer = None
        self._first_hit_pending = 0
        self._return_pane = "articles"

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    def action_search(self) -> None:
        search = self.search_box
        if search.has_focus:  # a rebound search key that the box does not take as text
            return
        if self.pane in PANES:
            self._return_pane = self.pane
        search.display = True
        self.focus_now(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DEBOUNCE, partial(self._debounced_search, event.value)
        )

    def _debounced_search(self, text: str) -> None:
        """The debounce fired: search, unless the dashboard is closing (a key typed just
        before quitting must not search a screen that is being taken down)."""
        try:
            self.apply_search(text)
        except NoMatches:
            pass

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "search":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_search(event.value)
        self._close_search()

    def _close_search(self) -> None:
        self.search_box.display = False
        self.action_show_pane(self._return_pane)

    def clear_search(self) -> None:
        """Empty the box, stop a pending search and show everything again."""
        self.search_box.value = ""
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_search("")

    def apply_search(self, text: str) -> None:
        """Filter every list to articles matching ``text`` and mark it in the reader."""
        from store.queries import fts_query  # loaded with the first search, not at start

        text = text.strip()
        match = fts_query(text) if text else None
        match = match or None
        self.search_text = text if match else ""
        status = self.query_one(StatusLine)
        status.search = text if match else ""
        if match == self.match:
            return
        status.counts = None
        self.match = match
        for lst in self.lists:  # claimants the search names follow with its counts
            lst.set_query(lst.query_spec.with_(match=match, claimants=()))
        view = self.reader.view
        if view is not None:
            self.run_worker(
                partial(self._load_matches, self._reader_request, view.id, self.search_text),
                thread=True, exclusive=True, group="matches", name="matches",
            )  # fmt: skip
        if match:
            self.count_hits()

    def count_hits(self) -> None:
        """Recount the current search's hits (in a worker) for the status line."""
        if self.match:
            self.run_worker(
                partial(self._count_hits, self.search_text, self.match),
                thread=True, exclusive=True, group="hits", name="hits",
            )  # fmt: skip

    def _load_matches(self, request: int, article_id: int, search: str) -> None:
        try:
            with self.pool.connection() as conn:
                matches = reader_matches(conn, article_id, search) if search else []
        except sqlite3.Error:
            return
        self.call_from_thread(self._set_matches, request, article_id, matches)

    def _set_matches(self, request: int, article_id: int, matches: list[tuple[int, int]]) -> None:
        view = self.reader.view
        if view is not None and view.id == article_id:
            self.reader.set_matches(matches)

    def _count_hits(self, text: str, match: str) -> None:
        from store.claimant_index import claimants_matching

        q = ListQuery(match=match)
        claimants: tuple[str, ...] = ()
        try:
            with self.pool.connection() as conn:
                claimants = tuple(claimants_matching(conn, text))
                figures = browse.plan_figures(conn, q.with_(claimants=claimants))
                counts = (
                    browse.count_articles(conn, q),
                    figures.total,
                    browse.plan_timeline(conn, q).total,
                )
                by_sentence = figures.sentence_level
        except Exception:
            counts, by_sentence = (0, 0, 0), True
        self.post_message(
            SearchCounted(text, *counts, sentence_level=by_sentence, claimants=claimants)
        )

    def on_search_counted(self, message: SearchCounted) -> None:
        status = self.query_one(StatusLine)
        if message.text == status.search:
            status.counts = (message.articles, message.figures, message.dates)
            status.broad = not message.sentence_level
            figures = self.query_one("#figures", FigureList)
            if message.claimants and figures.query_spec.match == self.match:
                # "Zelensky" also lists what Zelenskyy said where the text spells it so
                spec = figures.query_spec.with_(claimants=message.claimants)
                if spec != figures.query_spec:
                    figures.set_query(spec, keep_cursor=True)

    def action_next_hit(self, direction: int) -> None:
        """Next (previous) search hit in the reader, then in the next matching article."""
        if not self.search_text:
            self.notify("No search: press / first", timeout=2)
            return
        reader = self.reader
        if reader.step_match(direction):
            if self.narrow:
                self.action_show_pane("reader")
            return
        articles = self.query_one("#articles", ArticleList)
        if articles.total == 0:
            self.bell()
            return
        target = articles.cursor + direction
        if reader.view is not None and articles.current is not None:
            if articles.current.id != reader.view.id:
                target = articles.cursor
        if not 0 <= target < articles.total:
            self.notify("No more hits", timeout=2)
            return
        self._first_hit_pending = direction
        articles.move_cursor(target)
