"""``y``: copy what is selected (a figure, a date, a sentence, an article) with its
sentence and source, as plain text with no control characters.

A mixin of :class:`tui.app.NkwatchApp`. Textual's ``copy_to_clipboard`` uses OSC 52,
so copying works over ssh too; in a browser (``nkwatch serve``) xterm.js's clipboard
addon turns it into ``navigator.clipboard.writeText``, which browsers allow on secure
pages only (``localhost``, ``127.0.0.1``, https).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from store import browse
from tui.highlight import figure_text, format_period, quote_text, sanitize
from tui.messages import ClipboardReady
from tui.widgets.document import FIGURE_KINDS
from tui.widgets.lists import ArticleList, FigureList, TimelineList

if TYPE_CHECKING:
    from tui.app import NkwatchApp as _App
else:
    _App = object


class CopyMixin(_App):
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
