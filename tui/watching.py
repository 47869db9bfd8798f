"""The dashboard's side of the watch (``nkwatch watch``): a status line of watched
sources with the count of new alerts, articles marked new until seen, the alerts screen
(``!``; enter jumps to the figure's sentence) and what changed in a revised article
(``R``). All reads go through ``store`` in worker threads; marking something seen is a
write, on a connection of its own, never from a read-only dashboard.
"""

from __future__ import annotations

import sqlite3
import time
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from store import browse
from store.browse import Span
from tui.highlight import plain

# store.alerts, store.watch and store.revisions build on sqlite-utils (and so numpy):
# imported where used, in workers and dialogs, never on the way to the first frame.
if TYPE_CHECKING:
    from store.alerts import Alert
    from store.watch import WatchStatus


class WatchChanged(Message):
    """The watch's state as read by a worker."""

    def __init__(self, status: WatchStatus) -> None:
        super().__init__()
        self.status = status


class AlertsLoaded(Message):
    def __init__(self, alerts: list[Alert]) -> None:
        super().__init__()
        self.alerts = alerts


class RevisionsLoaded(Message):
    def __init__(self, title: str, revision: int, changes: tuple[str, ...], diff: list[str]):
        super().__init__()
        self.title = title
        self.revision = revision
        self.changes = changes
        self.diff = diff


class WatchLine(Static):
    """One line at the top: new alerts first (the count the header promises), then the
    watch: sources, when last polled, whether a watch runs, what fails. Hidden when
    nothing is watched and nothing is new."""

    status: reactive[WatchStatus | None] = reactive(None)

    def watch_status(self, status: WatchStatus | None) -> None:
        self.display = status is not None and not status.empty

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        s = self.status
        if s is None:
            return text
        if s.n_alerts:
            text.append(
                f" ! {s.n_alerts} alert{'s' if s.n_alerts != 1 else ''} ", style="reverse bold"
            )
            text.append(" ")
        if s.n_unseen:
            text.append(f"● {s.n_unseen} new", style="bold")
            text.append("  ")
        if s.n_sources:
            text.append(f"watch: {s.n_sources} source{'s' if s.n_sources != 1 else ''}")
            if s.last_poll:
                when = time.strftime("%H:%M", time.localtime(_epoch(s.last_poll)))
                text.append(f" · polled {when}")
            text.append(
                " · running" if s.running else " · not running", style="" if s.running else "dim"
            )
            if s.n_failing:
                text.append(f" · {s.n_failing} failing: ", style="bold")
                text.append(plain(s.problems[0]) if s.problems else "")
        if s.n_stale:
            if len(text):
                text.append("  ")
            text.append(
                f"↻ re-extract due: {s.n_stale} article{'s' if s.n_stale != 1 else ''}"
                " (nkwatch reextract)",
                style="bold",
            )
        return text


def _epoch(iso: str) -> float:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return time.time()


class WatchMixin:
    """Alerts, revisions, new-article marks and the watch line for the dashboard."""

    SEEN_AFTER = 2.0  # seconds an article is shown in the reader before it counts as seen

    def _init_watch(self: Any) -> None:
        self._seen_timer = None

    # ------------------------------------------------------------------ status

    def read_watch_state(self: Any, conn: sqlite3.Connection) -> tuple:
        """In a worker: the store's stamp, and the watch line's state posted."""
        from store import watch as store_watch

        stamp = store_watch.store_stamp(conn)
        self.post_message(WatchChanged(store_watch.watch_status(conn, time.time())))
        return stamp

    def on_watch_changed(self: Any, message: WatchChanged) -> None:
        try:  # the dashboard's own screen, under any dialog shown over it
            line = self.screen_stack[0].query_one(WatchLine)
        except (IndexError, NoMatches):  # closing
            return
        line.status = message.status

    # ------------------------------------------------------------------ seen

    def article_shown(self: Any, view: browse.ArticleView | None) -> None:
        """The reader shows ``view``: if it is new, it counts as seen after a moment."""
        if self._seen_timer is not None:
            self._seen_timer.stop()
            self._seen_timer = None
        if view is None or not view.unseen or self.read_only:
            return
        self._seen_timer = self.set_timer(self.SEEN_AFTER, partial(self._seen, view.id))

    def _seen(self: Any, article_id: int) -> None:
        if not self.is_running or not self.screen_stack:
            return
        try:
            view = self.screen_stack[0].query_one("#reader").view
        except NoMatches:
            return
        if view is None or view.id != article_id:
            return
        hidden = self.narrow and self.pane != "reader"  # in the reader, but the reader is hidden
        if hidden or len(self.screen_stack) > 1:  # ... or under a dialog
            self._seen_timer = self.set_timer(self.SEEN_AFTER, partial(self._seen, article_id))
            return
        self.run_worker(partial(self._write_seen, [article_id], []), thread=True, group="seen")

    def _write_seen(self: Any, article_ids: list[int], alert_ids: list[int]) -> None:
        from store import alerts as store_alerts
        from store import watch as store_watch
        from store.db import open_db

        try:
            db = open_db(self.db_path)
        except Exception:  # noqa: BLE001 - a mark that cannot be written is no error
            return
        try:
            store_watch.mark_seen(db, article_ids)
            if alert_ids:
                store_alerts.mark_alerts_seen(db, alert_ids)
        except sqlite3.Error:
            return
        finally:
            db.close()
        try:
            self.call_from_thread(self._watch_store)  # show the marks gone at once
        except RuntimeError:  # the dashboard closed meanwhile
            pass

    # ------------------------------------------------------------------ alerts

    def action_alerts(self: Any) -> None:
        self.run_worker(self._load_alerts, thread=True, exclusive=True, group="alerts")

    def _load_alerts(self: Any) -> None:
        from store import alerts as store_alerts

        try:
            with self.pool.connection() as conn:
                found = store_alerts.list_alerts(conn)
        except sqlite3.Error:
            return
        self.post_message(AlertsLoaded(found))

    def on_alerts_loaded(self: Any, message: AlertsLoaded) -> None:
        from tui.screens.watch import AlertsScreen

        self.push_screen(AlertsScreen(message.alerts), self._alert_chosen)

    def _alert_chosen(self: Any, alert: Alert | None) -> None:
        if alert is None:
            return
        self.run_worker(partial(self._go_to_alert, alert), thread=True, group="alerts")
        if not alert.seen and not self.read_only:
            self.run_worker(partial(self._write_seen, [], [alert.id]), thread=True, group="seen")

    def _go_to_alert(self: Any, alert: Alert) -> None:
        figure = None
        if alert.figure_id is not None:
            try:
                with self.pool.connection() as conn:
                    context = browse.figure_context(conn, alert.figure_id)
            except sqlite3.Error:
                return
            figure = context.figure if context is not None else None
        self.call_from_thread(self._show_alert, alert, figure)

    def _show_alert(self: Any, alert: Alert, figure: Any) -> None:
        self.remember()
        if figure is None:  # the figure went with a later revision: the article, then
            self.open_article(alert.article_id)
        else:
            kind = "hedged" if figure.hedged else "vague" if figure.vague else "figure"
            focus = Span(
                figure.start, figure.end, kind, figure.id, figure.sentence_start,
                figure.sentence_end,
            )  # fmt: skip
            self.open_article(
                figure.article_id, (figure.sentence_start, figure.sentence_end), focus
            )
        self.action_show_pane("reader")

    # ------------------------------------------------------------------ revisions

    def action_revisions(self: Any) -> None:
        view = self.reader.view
        if view is None:
            self.notify("No article in the reader.", severity="warning", timeout=3)
            return
        self.run_worker(partial(self._load_revisions, view), thread=True, group="revisions")

    def _load_revisions(self: Any, view: browse.ArticleView) -> None:
        from store import revisions

        try:
            with self.pool.connection() as conn:
                diff = revisions.diff_lines(conn, view.id)
        except sqlite3.Error:
            return
        self.post_message(RevisionsLoaded(view.title, view.revision, view.changes, diff))

    def on_revisions_loaded(self: Any, message: RevisionsLoaded) -> None:
        from tui.screens.watch import RevisionsScreen

        self.push_screen(
            RevisionsScreen(message.title, message.revision, message.changes, message.diff)
        )
