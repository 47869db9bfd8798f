"""The nkwatch dashboard: articles, figures, timeline and a reader over the store.

All SQLite work happens in thread workers (``store.browse`` through a small pool of
read connections); results come back as messages. Lists paint only their visible
window. Layout: a 2x2 grid on wide terminals, one pane at a time with a tab strip on
narrow ones.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input

from store import browse
from store.browse import ListQuery, Span
from store.db import ReadPool
from store.queries import fts_query, match_spans
from tui.commands import NkwatchCommands
from tui.highlight import figure_text, format_period, quote_text, sanitize
from tui.messages import (
    ArticleLoaded,
    ClipboardReady,
    FiguresViewChanged,
    RowActivated,
    RowHighlighted,
    SearchCounted,
    StoreChanged,
)
from tui.screens.help import HelpScreen
from tui.widgets.chrome import PANE_TITLES, PANES, Pane, PaneTabs, StatusLine
from tui.widgets.lazy_list import LazyList
from tui.widgets.lists import ArticleList, FigureList, TimelineList
from tui.widgets.reader import FIGURE_KINDS, Reader

NARROW_WIDTH = 100  # below this, one pane at a time
NARROW_HEIGHT = 20
SEARCH_DEBOUNCE = 0.18
WATCH_SECONDS = 2.0  # how often to look for articles ingested while the dashboard runs


@dataclass(frozen=True)
class Place:
    """Where the user was, to come back to with backspace/esc."""

    pane: str
    article_id: int | None
    active: tuple[int, int] | None
    focus: Span | None
    scroll_y: float


class NkwatchApp(App[None]):
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
        Binding("escape", "back", "Back", priority=True, id="back"),
        # Not priority: in the search box backspace deletes a character.
        Binding("backspace", "back", "Back", show=False, id="back.backspace"),
        Binding("y", "copy", "Copy", priority=True, id="copy"),
        Binding("question_mark", "help", "Help", priority=True, id="help"),
        Binding("q", "quit", "Quit", priority=True, id="quit"),
    ]  # fmt: skip

    def __init__(
        self,
        db_path: str | os.PathLike[str],
        keymap: dict[str, str] | None = None,
        keymap_problem: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.keymap_problem = keymap_problem
        self.db_path = str(db_path)
        self.pool = ReadPool(self.db_path)
        self.user_keymap = keymap or {}
        self.pane = "articles"
        self.search_text = ""
        self.match: str | None = None
        self.history: list[Place] = []
        self._search_timer: Timer | None = None
        self._reader_request = 0
        self._first_hit_pending = 0  # n/N crossed into another article: 1 first, -1 last
        self._return_pane = "articles"
        self._store_stamp: tuple | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield PaneTabs(id="tabs")
        with Container(id="panes"):
            yield Pane(ArticleList(id="articles"), "articles")
            yield Pane(Reader(id="reader"), "reader")
            yield Pane(TimelineList(id="timeline"), "timeline")
            yield Pane(FigureList(id="figures"), "figures")
        yield Input(
            placeholder='Search articles (words, "a phrase", prefix*)… enter keeps, esc clears',
            id="search",
        )
        yield StatusLine(id="status")
        yield Footer()

    _OWN_ACTIONS = frozenset(
        {"show_pane", "cycle_pane", "search", "next_hit", "back", "copy", "help", "quit"}
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
        if self.keymap_problem:
            self.notify(self.keymap_problem, severity="warning", timeout=8, markup=False)
        if os.environ.get("NO_COLOR"):
            self.screen.add_class("-no-color")
        self._apply_layout()
        self.query_one("#search", Input).display = False
        self._update_figures_state()
        for lst in self.lists:
            lst.set_query(ListQuery())
        self.query_one("#articles", ArticleList).focus()
        self.set_interval(WATCH_SECONDS, self._watch_store, name="watch-store")

    def _watch_store(self) -> None:
        """Notice articles ingested (or removed) since the lists were read."""
        self.run_worker(self._read_store_stamp, thread=True, exclusive=True, group="watch")

    def _read_store_stamp(self) -> None:
        try:
            with self.pool.connection() as conn:
                stamp = tuple(conn.execute("SELECT count(*), max(id) FROM articles").fetchone())
        except sqlite3.Error:
            return
        self.post_message(StoreChanged(stamp))

    def on_store_changed(self, message: StoreChanged) -> None:
        if self._store_stamp is not None and message.stamp != self._store_stamp:
            for lst in self.lists:
                lst.reload()
            if self.match:
                self.run_worker(
                    partial(self._count_hits, self.search_text, self.match),
                    thread=True, exclusive=True, group="hits", name="hits",
                )  # fmt: skip
            self.notify("New articles in the store: lists reloaded", timeout=3)
        self._store_stamp = message.stamp

    def on_unmount(self) -> None:
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
        if self.reader.view is None or self.reader.view.id != row.id:
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
        self.query_one(
            StatusLine
        ).figures_state = f"figures: {scope}, by {figures.query_spec.sort} (s sorts, a scope)"
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
        if reader.view is not None and reader.view.id == article_id:
            self._reader_request += 1  # any load still running is now stale
            reader.set_active(active, focus)
            if active is None:
                reader.scroll_to(y=0, animate=False)
            return
        self._reader_request += 1
        self.run_worker(
            partial(
                self._load_article, self._reader_request, article_id, self.search_text,
                active, focus,
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
    ) -> None:
        try:
            with self.pool.connection() as conn:
                view = browse.article_view(conn, article_id)
                matches = _matches(conn, article_id, search) if view and search else []
        except sqlite3.Error:
            return  # closed on exit, or the file went away: keep what is shown
        self.post_message(ArticleLoaded(request, view, matches, active, focus))

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.request != self._reader_request:
            return
        self.reader.show(message.view, message.matches, message.active, message.focus)
        if self._first_hit_pending:
            direction, self._first_hit_pending = self._first_hit_pending, 0
            self.reader.step_match(direction)

    # ------------------------------------------------------------------ search

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            # Textual does not see "/" as a key the Input consumes (its name, slash,
            # maps to no character), so the priority binding gets it: type it here.
            search.insert_text_at_cursor("/")
            return
        if self.pane in PANES:
            self._return_pane = self.pane
        search.display = True
        self.focus_now(search)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(
            SEARCH_DEBOUNCE, partial(self.apply_search, event.value)
        )

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_search(event.value)
        self._close_search()

    def _close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        self.action_show_pane(self._return_pane)

    def apply_search(self, text: str) -> None:
        """Filter every list to articles matching ``text`` and mark it in the reader."""
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
        for lst in self.lists:
            lst.set_query(lst.query_spec.with_(match=match))
        view = self.reader.view
        if view is not None:
            self.run_worker(
                partial(self._load_matches, self._reader_request, view.id, self.search_text),
                thread=True, exclusive=True, group="matches", name="matches",
            )  # fmt: skip
        if match:
            self.run_worker(
                partial(self._count_hits, text, match),
                thread=True, exclusive=True, group="hits", name="hits",
            )  # fmt: skip

    def _load_matches(self, request: int, article_id: int, search: str) -> None:
        try:
            with self.pool.connection() as conn:
                matches = _matches(conn, article_id, search) if search else []
        except sqlite3.Error:
            return
        self.call_from_thread(self._set_matches, request, article_id, matches)

    def _set_matches(self, request: int, article_id: int, matches: list[tuple[int, int]]) -> None:
        view = self.reader.view
        if view is not None and view.id == article_id:
            self.reader.set_matches(matches)

    def _count_hits(self, text: str, match: str) -> None:
        q = ListQuery(match=match)
        try:
            with self.pool.connection() as conn:
                figures = browse.plan_figures(conn, q)
                counts = (
                    browse.count_articles(conn, q),
                    figures.total,
                    browse.plan_timeline(conn, q).total,
                )
                by_sentence = figures.sentence_level
        except Exception:
            counts, by_sentence = (0, 0, 0), True
        self.post_message(SearchCounted(text, *counts, sentence_level=by_sentence))

    def on_search_counted(self, message: SearchCounted) -> None:
        status = self.query_one(StatusLine)
        if message.text == status.search:
            status.counts = (message.articles, message.figures, message.dates)
            status.broad = not message.sentence_level

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

    # ------------------------------------------------------------------ back

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
        del self.history[:-100]

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_focus:
            search.value = ""
            if self._search_timer is not None:
                self._search_timer.stop()
            self.apply_search("")
            self._close_search()
            return
        if self.history:
            place = self.history.pop()
            reader = self.reader
            if place.article_id is None:
                reader.show(None)
            elif reader.view is not None and reader.view.id == place.article_id:
                reader.set_active(place.active, place.focus)
                reader.scroll_to(y=place.scroll_y, animate=False, immediate=True)
            else:
                self.open_article(place.article_id, place.active, place.focus)
            self.action_show_pane(place.pane)
            return
        if self.search_text:
            search.value = ""
            self.apply_search("")
            return
        self.bell()

    # ------------------------------------------------------------------ copy

    def action_copy(self) -> None:
        """Copy what is selected with its sentence and source."""
        pane = self.pane
        if pane == "figures":
            row = self.query_one("#figures", FigureList).current
            if row is not None:
                self._copy_figure(row.id)
                return
        elif pane == "reader":
            focus = self.reader.focus_span
            if focus is not None and focus.kind in FIGURE_KINDS:
                self._copy_figure(focus.ref)
                return
            view = self.reader.view
            if view is not None and self.reader.active is not None:
                a, b = self.reader.active
                self._copy_text(quote_text(view.body[a:b], view.title, view.source), "sentence")
                return
            if view is not None:
                self._copy_text(quote_text(None, view.title, view.source), "article")
                return
        elif pane == "timeline":
            row = self.query_one("#timeline", TimelineList).current
            if row is not None:
                head = f"{format_period(row.value)}: {row.text}"
                self._copy_text(
                    head + "\n" + quote_text(row.sentence, row.article_title, row.source), "date"
                )
                return
        elif pane == "articles":
            row = self.query_one("#articles", ArticleList).current
            if row is not None:
                self._copy_text(quote_text(None, row.title, row.source), "article")
                return
        self.bell()

    def _copy_figure(self, figure_id: int) -> None:
        def work() -> None:
            try:
                with self.pool.connection() as conn:
                    ctx = browse.figure_context(conn, figure_id)
            except sqlite3.Error:
                return
            if ctx is not None:
                self.post_message(ClipboardReady(figure_text(ctx), "figure"))

        self.run_worker(work, thread=True, group="copy", name="copy")

    def on_clipboard_ready(self, message: ClipboardReady) -> None:
        self._copy_text(message.text, message.what)

    def _copy_text(self, text: str, what: str) -> None:
        self.copy_to_clipboard(sanitize(text))
        self.notify(f"Copied the {what} with its source", timeout=2)

    # ------------------------------------------------------------------ help

    def binding_entries(self) -> list[tuple[str, Any, list[tuple[str, str, str]]]]:
        """``(section, node, [(keys, description, action)])`` from the live bindings.

        Reads each pane's bindings with the user keymap applied, so help and palette
        show the keys that work now.
        """
        nodes: list[tuple[str, Any]] = [("Everywhere", self)]
        nodes += [(PANE_TITLES[name], self.pane_widget(name)) for name in PANES]
        sections = []
        for title, node in nodes:
            bindings = node._bindings.copy()  # the node's own bindings (private API)
            if self._keymap:
                bindings.apply_keymap(self._keymap)
            by_action: dict[str, tuple[list[str], str]] = {}
            for key, items in bindings.key_to_bindings.items():
                for b in items:
                    if b.system or not b.description or b.action in _SIDEWAYS:
                        continue
                    keys, _ = by_action.setdefault(b.action, ([], b.description))
                    display = self.get_key_display(b.with_key(key, None))
                    if display not in keys:
                        keys.append(display)
            rows = [(" ".join(keys), desc, action) for action, (keys, desc) in by_action.items()]
            sections.append((title, node, rows))
        return sections

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The help screen's sections: keys the three lists share are listed once."""
        entries = self.binding_entries()
        lists = [rows for title, _, rows in entries if title in ("Articles", "Figures", "Timeline")]
        shared = [row for row in lists[0] if all(row in rows for rows in lists[1:])]
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        for title, _, rows in entries:
            if title == "Articles":
                sections.append(
                    ("Lists (articles, figures, timeline)", [(k, d) for k, d, _ in shared])
                )
            kept = [(k, d) for k, d, a in rows if (k, d, a) not in shared]
            sections.append((title, kept))
        return sections

    def action_help(self) -> None:
        sections = self.help_sections()
        reader = self.reader
        styles = {
            name: reader.get_component_rich_style(name)
            for name in (
                "reader--figure", "reader--hedged", "reader--claimant", "reader--date",
                "reader--gutter", "reader--match",
            )
        }  # fmt: skip
        self.push_screen(HelpScreen(sections, styles))


# Inherited from ScrollView; the panes never scroll sideways.
_SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})


def _matches(conn: Any, article_id: int, search: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e in match_spans(conn, article_id, search)]


KEYMAP_ENV = "NKWATCH_KEYMAP"


def keymap_path() -> Path:
    """``$NKWATCH_KEYMAP``, else ``keymap.toml`` in the user config directory."""
    env = os.environ.get(KEYMAP_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("nkwatch", appauthor=False) / "keymap.toml"


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """Binding id -> keys from a TOML file (``copy = "c"``, ``"figures.sort" = ["o", "O"]``,
    at top level or under ``[keys]``). A missing file is an empty keymap; a broken one
    is an empty keymap and a one-line reason."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: keymap ignored ({error})"
    table = data.get("keys", data)
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[binding_id] = keys.strip()
        elif isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
            keymap[binding_id] = ",".join(k.strip() for k in keys)
    return keymap, None


def run_dashboard(db_path: str | os.PathLike[str]) -> None:
    """Open the dashboard on the database at ``db_path`` (already created and seeded),
    with the user's keymap if there is one."""
    keymap, problem = load_keymap(keymap_path())
    NkwatchApp(Path(db_path), keymap=keymap, keymap_problem=problem).run()
