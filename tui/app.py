"""The nkwatch dashboard: articles, figures, timeline and a reader over the store.

This module composes the screen, lays it out and routes messages between the panes;
search (:mod:`tui.search`), going back (:mod:`tui.history`), copying
(:mod:`tui.clipboard`), the keymap (:mod:`tui.keymap`) and the key lists of help and
palette (:mod:`tui.bindings`) live in modules of their own.

All SQLite work happens in thread workers (``store.browse`` through a small pool of
read connections); results come back as messages. Lists paint only their visible
window. Layout: a 2x2 grid on wide terminals, one pane at a time with a tab strip on
narrow ones.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import time
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from store import browse
from store.browse import ListQuery, Span
from store.readpool import ReadPool
from tui.bindings import help_sections, unknown_binding_ids
from tui.clipboard import CopyMixin
from tui.commands import NkwatchCommands
from tui.comparing import ComparingMixin
from tui.history import HistoryMixin
from tui.keymap import keymap_path, load_keymap
from tui.manage import MANAGE_ACTIONS, ManageMixin
from tui.messages import (
    ArticleLoaded,
    FiguresViewChanged,
    RowActivated,
    RowHighlighted,
    StoreChanged,
)
from tui.search import SearchBox, SearchMixin, reader_matches
from tui.watching import WatchLine, WatchMixin
from tui.widgets.chrome import PANES, FittingFooter, Pane, PaneTabs, StatusLine
from tui.widgets.lazy_list import LazyList
from tui.widgets.lists import ArticleList, FigureList, TimelineList
from tui.widgets.reader import Reader, WhyLine

NARROW_WIDTH = 100  # below this, one pane at a time
# Articles opened in a burst (a key held down in the articles list) wait this long in
# their worker and go unread if the cursor moves on meanwhile: a megabyte article
# passed over costs nothing.
READER_BURST = 0.15
READER_DEBOUNCE = 0.06
NARROW_HEIGHT = 20
WATCH_SECONDS = 2.0  # how often to look for articles ingested while the dashboard runs


class NkwatchApp(
    SearchMixin, HistoryMixin, CopyMixin, ManageMixin, ComparingMixin, WatchMixin, App[None]
):
    """Browse the figures, claimants and dates nkwatch has extracted."""

    TITLE = "nkwatch"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {NkwatchCommands}
    # Priority: handled in the app's own queue, before the next key is forwarded, so
    # keys typed ahead ("2" then enter) go to the pane the first one focused. Keys an
    # Input consumes (printable ones, backspace) still reach the search box.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "1", "show_pane('articles')", "Articles", show=False, priority=True,
            id="pane.articles",
        ),
        Binding(
            "2", "show_pane('figures')", "Figures", show=False, priority=True, id="pane.figures"
        ),
        Binding(
            "3", "show_pane('timeline')", "Timeline", show=False, priority=True,
            id="pane.timeline",
        ),
        Binding("4", "show_pane('reader')", "Reader", show=False, priority=True, id="pane.reader"),
        Binding(
            "5", "quantities", "Quantities", show=False, priority=True, id="quantities.open"
        ),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True, id="pane.next"),
        Binding(
            "shift+tab", "cycle_pane(-1)", "Previous pane", show=False, priority=True,
            id="pane.previous",
        ),
        Binding("slash", "search", "Search", priority=True, id="search.open"),
        Binding("n", "next_hit(1)", "Next hit", show=False, priority=True, id="search.next"),
        Binding(
            "N", "next_hit(-1)", "Previous hit", show=False, priority=True, id="search.previous"
        ),
        Binding("escape", "back", "Back", show=False, priority=True, id="back"),
        # Not priority: in the search box backspace deletes a character.
        Binding("backspace", "back", "Back", show=False, id="back.backspace"),
        Binding("y", "copy", "Copy", priority=True, id="copy"),
        Binding(
            "p", "set_published", "Set publication date", show=False, priority=True,
            id="article.published",
        ),
        Binding(
            "D", "delete_article", "Delete article", show=False, priority=True,
            id="article.delete",
        ),
        Binding(
            "exclamation_mark", "alerts", "Alerts", show=False, priority=True, id="alerts"
        ),
        Binding(
            "R", "revisions", "What changed", show=False, priority=True, id="article.revisions"
        ),
        Binding("question_mark", "help", "Help", priority=True, id="help"),
        Binding("q", "quit", "Quit", priority=True, id="quit"),
    ]  # fmt: skip

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        keymap: dict[str, str] | None = None,
        keymap_problem: str | None = None,
        read_only: bool = False,
        handle_signals: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.read_only = read_only  # write actions refuse with one message (serve --read-only)
        self.handle_signals = handle_signals
        self.stopped_by: int | None = None  # the signal that ended the app, if one did
        self.keymap_problem = keymap_problem
        self.db_path = str(db_path)
        self.pool = ReadPool(self.db_path)
        self.user_keymap = keymap or {}
        self.pane = "articles"
        self._reader_request = 0
        self._reader_opened = 0.0  # when the last article load was asked for
        self._reader_article: int | None = None  # the article asked for last (shown or loading)
        self._store_stamp: tuple | None = None
        self._init_search()
        self._init_history()
        self._init_watch()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        # The layout classes before the first styling: set later (on the first resize)
        # they restyle every widget once more before the first frame.
        self.screen.set_class(self.narrow, "-narrow")
        if self.no_color:  # NO_COLOR, as Textual read it
            self.screen.add_class("-no-color")
        yield WatchLine(id="watch-line")
        yield PaneTabs(id="tabs")
        with Container(id="panes"):
            for pane in (
                Pane(ArticleList(id="articles"), "articles"),
                Pane(Reader(id="reader"), "reader", WhyLine(id="why")),
                Pane(TimelineList(id="timeline"), "timeline"),
                Pane(FigureList(id="figures"), "figures"),
            ):
                yield pane.set_class(pane.pane_name == self.pane, "-shown")
        yield SearchBox(
            placeholder='Search articles (words, "a phrase", prefix*)… enter keeps, esc clears',
            id="search",
        )
        yield StatusLine(id="status")
        yield FittingFooter()

    _OWN_ACTIONS = (
        frozenset(
            {
                "show_pane",
                "cycle_pane",
                "search",
                "next_hit",
                "back",
                "copy",
                "help",
                "quit",
                "quantities",
            }
        )  # fmt: skip
        | MANAGE_ACTIONS
        | {"alerts", "revisions"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The dashboard's keys rest while a screen (help, palette) is over it, so that
        screen's own escape / q / ? work."""
        if action in self._OWN_ACTIONS and len(self.screen_stack) > 1:
            return False
        return True

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
            unknown = unknown_binding_ids(self, self.user_keymap)
            if unknown:
                self.notify(
                    f"keymap: unknown binding id{'s' if len(unknown) > 1 else ''} "
                    f"ignored: {', '.join(unknown)} (? lists the ids)",
                    severity="warning", timeout=10, markup=False,
                )  # fmt: skip
        if self.keymap_problem:
            self.notify(self.keymap_problem, severity="warning", timeout=8, markup=False)
        if self.pool.read_only:
            self.notify(
                f"Read-only: {self.pool.read_only}. Browsing works; nothing can be stored.",
                severity="warning", timeout=10, markup=False,
            )  # fmt: skip
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, self._stop_on_signal, signum)
        self._apply_layout()
        self.query_one("#search", Input).display = False
        self._update_figures_state()
        for lst in self.lists:
            lst.set_query(ListQuery())
        self.query_one("#articles", ArticleList).focus()
        self.set_interval(WATCH_SECONDS, self._watch_store, name="watch-store")
        self._watch_store()  # the watch line at once, not after the first interval
        # A write worker that loads sqlite-utils (and numpy): after the first frame.
        self.call_after_refresh(self.prepare_quantities)

    def _watch_store(self) -> None:
        """Notice articles ingested (or removed) since the lists were read."""
        self.run_worker(self._read_store_stamp, thread=True, exclusive=True, group="watch")

    def _read_store_stamp(self) -> None:
        try:
            with self.pool.connection() as conn:
                stamp = self.read_watch_state(conn)  # (articles, revisions, alerts ...)
        except sqlite3.Error:
            return
        self.post_message(StoreChanged(stamp))

    def on_store_changed(self, message: StoreChanged) -> None:
        if len(self.screen_stack) > 1:  # a dialog is open: reload once it closes
            return
        if self._store_stamp is not None and message.stamp != self._store_stamp:
            try:
                lists = self.lists
            except NoMatches:  # the store watch answered as the dashboard closes
                return
            for lst in lists:
                lst.reload()
            self.count_hits()
            came = message.stamp[:3] != self._store_stamp[:3]  # articles came, went, changed
            reextracted = message.stamp[6:] != self._store_stamp[6:]  # nkwatch reextract
            if came or reextracted:
                self.prepare_quantities()
                if came:
                    self.notify("New articles in the store: lists reloaded", timeout=3)
                # The article shown may be the one that changed; one still loading (the
                # cursor moved on) reads the store as it is now: leave it be.
                view = self.reader.view
                if view is not None and view.id == self._reader_article:
                    self._reader_request += 1
                    self.run_worker(
                        partial(self._load_article, self._reader_request, view.id,
                                self.search_text, self.reader.active, self.reader.focus_span),
                        thread=True, exclusive=True, group="reader", name="reader",
                    )  # fmt: skip
        self._store_stamp = message.stamp

    def _stop_on_signal(self, signum: int) -> None:
        """SIGINT / SIGTERM from outside (Ctrl-C is a key here): leave as ``q`` does,
        the terminal restored; the caller reports the signal."""
        self.stopped_by = signum
        self.exit(return_code=130)

    def on_unmount(self) -> None:
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
        self.pool.close()

    @property
    def lists(self) -> list[LazyList]:
        return [
            self.query_one("#articles", ArticleList),
            self.query_one("#figures", FigureList),
            self.query_one("#timeline", TimelineList),
        ]

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH or self.size.height < NARROW_HEIGHT

    def on_resize(self, event: events.Resize) -> None:
        self._apply_layout(event.size.width, event.size.height)

    def _apply_layout(self, width: int | None = None, height: int | None = None) -> None:
        screen = self.screen
        width = self.size.width if width is None else width
        height = self.size.height if height is None else height
        narrow = width < NARROW_WIDTH or height < NARROW_HEIGHT
        screen.set_class(narrow, "-narrow")
        for pane in self.query(Pane):
            pane.set_class(pane.pane_name == self.pane, "-shown")
        self.query_one(PaneTabs).active = self.pane

    def pane_widget(self, name: str) -> Widget:
        return self.query_one(f"#{name}")

    def action_show_pane(self, name: str) -> None:
        """Show (on narrow terminals) and focus pane ``name``."""
        if name not in PANES:
            return
        self.pane = name
        self._apply_layout()
        self.focus_now(self.pane_widget(name))

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` before the next key is handled.

        ``Widget.focus`` defers to the next message; typed ahead ("2" then enter, or
        "/" then a word) the next keys would still go to the old widget.
        """
        self.screen.set_focus(widget)

    def action_cycle_pane(self, step: int) -> None:
        i = PANES.index(self.pane) if self.pane in PANES else 0
        self.action_show_pane(PANES[(i + step) % len(PANES)])

    @on(PaneTabs.Chosen)
    def _tab_chosen(self, message: PaneTabs.Chosen) -> None:
        self.action_show_pane(message.pane)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if widget.id in PANES and widget.id != self.pane:
            self.pane = widget.id
            self._apply_layout()

    # ------------------------------------------------------------------ selection

    @on(RowHighlighted)
    def _row_highlighted(self, message: RowHighlighted) -> None:
        if message.sender.id != "articles":
            return
        row = message.row
        figures = self.query_one("#figures", FigureList)
        if row is None:
            if self.reader.view is not None and not self.search_text:
                self.reader.show(None)
            return
        # Against the article asked for last, not the one shown: back on the shown
        # article while another loads, the load must be dropped, not land after.
        if self.reader.view is None or self._reader_article != row.id:
            self.open_article(row.id)
        if not figures.scope_all:
            figures.set_query(figures.query_spec.with_(article_id=row.id))
            self._update_figures_state()

    @on(RowActivated)
    def _row_activated(self, message: RowActivated) -> None:
        row = message.row
        kind = message.sender.id
        self.remember()
        if kind == "articles":
            self.open_article(row.id)
        elif kind == "figures":
            if message.why:
                self.reader.why_shown = True  # the jump below marks the figure's cues
            focus = Span(
                row.start, row.end,
                "hedged" if row.hedged else "vague" if row.vague else "figure",
                row.id, row.sentence_start, row.sentence_end,
            )  # fmt: skip
            self.open_article(row.article_id, (row.sentence_start, row.sentence_end), focus)
        elif kind == "timeline":
            focus = Span(row.start, row.end, "date", row.id, row.sentence_start, row.sentence_end)
            self.open_article(row.article_id, (row.sentence_start, row.sentence_end), focus)
        self.action_show_pane("reader")

    @on(FiguresViewChanged)
    def _figures_view_changed(self, message: FiguresViewChanged) -> None:
        figures = self.query_one("#figures", FigureList)
        article = self.query_one("#articles", ArticleList).current
        article_id = None if message.scope_all or article is None else article.id
        if article_id != figures.query_spec.article_id:
            figures.set_query(figures.query_spec.with_(article_id=article_id))
        self._update_figures_state()

    def _update_figures_state(self) -> None:
        figures = self.query_one("#figures", FigureList)
        scope = "all articles" if figures.scope_all else "this article"
        self.query_one(StatusLine).figures_state = f"figures: {scope}, by {figures.query_spec.sort}"
        figures.parent.border_subtitle = f"{scope} · by {figures.query_spec.sort}"  # type: ignore[union-attr]

    # ------------------------------------------------------------------ reader

    def open_article(
        self,
        article_id: int,
        active: tuple[int, int] | None = None,
        focus: Span | None = None,
    ) -> None:
        """Show ``article_id`` in the reader, its ``active`` sentence in view."""
        reader = self.reader
        self._reader_article = article_id
        if reader.view is not None and reader.view.id == article_id:
            self._reader_request += 1  # any load still running is now stale
            reader.set_active(active, focus)
            if active is None:
                reader.scroll_to(y=0, animate=False)
            return
        self._reader_request += 1
        now = time.monotonic()
        burst = now - self._reader_opened < READER_BURST
        self._reader_opened = now
        self.run_worker(
            partial(
                self._load_article, self._reader_request, article_id, self.search_text,
                active, focus, burst,
            ),
            thread=True, exclusive=True, group="reader", name="reader",
        )  # fmt: skip

    def _load_article(
        self,
        request: int,
        article_id: int,
        search: str,
        active: tuple[int, int] | None,
        focus: Span | None,
        burst: bool = False,
    ) -> None:
        worker = get_current_worker()

        def superseded() -> bool:  # the cursor moved on: a newer load is under way
            return worker.is_cancelled or request != self._reader_request

        if burst:
            time.sleep(READER_DEBOUNCE)
        if superseded():
            return
        try:
            with self.pool.connection() as conn:
                view = browse.article_view(conn, article_id)
                if superseded():
                    return
                matches = reader_matches(conn, article_id, search) if view and search else []
        except sqlite3.Error:
            return  # closed on exit, or the file went away: keep what is shown
        if superseded():
            return
        self.reader.prepare(view, superseded)  # wrapped here, off the event loop
        if not superseded():
            self.post_message(ArticleLoaded(request, view, matches, active, focus))

    def on_reader_why_changed(self, message: Reader.WhyChanged) -> None:
        self.query_one("#why", WhyLine).show_why(
            message.shown, message.why, self.reader.mark_styles()
        )

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.request != self._reader_request:
            return
        try:
            reader = self.reader
        except NoMatches:  # the dashboard closed while the article was read
            return
        reader.show(message.view, message.matches, message.active, message.focus)
        self.article_shown(message.view)
        if self._first_hit_pending:
            direction, self._first_hit_pending = self._first_hit_pending, 0
            reader.step_match(direction)

    def ensure_writable(self, what: str) -> bool:
        """Every action that changes the database calls this first, with what it would
        do ("deleting an article"); read-only, it says why not and returns False."""
        if not self.read_only:
            return True
        self.notify(
            f"read-only: {what} is not allowed (served with --read-only)",
            severity="warning", timeout=6, markup=False,
        )  # fmt: skip
        self.bell()
        return False

    # ------------------------------------------------------------------ help

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        sections = help_sections(self)
        reader = self.reader
        styles = {
            name: reader.get_component_rich_style(name)
            for name in (
                "reader--figure", "reader--hedged", "reader--claimant", "reader--date",
                "reader--gutter", "reader--match",
            )
        }  # fmt: skip
        self.push_screen(HelpScreen(sections, styles))


def run_dashboard(db_path: str | os.PathLike[str], read_only: bool = False) -> int | None:
    """Open the dashboard on the database at ``db_path`` (already created and seeded),
    with the user's keymap if there is one. Returns the signal that ended it, if any."""
    keymap, problem = load_keymap(keymap_path())
    app = NkwatchApp(
        Path(db_path), keymap=keymap, keymap_problem=problem, read_only=read_only,
        handle_signals=True,
    )  # fmt: skip
    app.run()
    return app.stopped_by
