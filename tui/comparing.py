"""Comparing sources in the dashboard: the quantity screens and keeping them fed.

A mixin of :class:`tui.app.NkwatchApp`: ``5`` opens the ranked quantities (following
the search), ``c`` on a figure opens its quantity, ``enter`` on a claim shows its
sentence in the reader (and ``esc`` there reopens the quantity screen at that claim).
Quantities are indexed and their counts refreshed by a thread worker with its own
write connection, at start and whenever the store changes.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from tui.messages import JumpToFigure, OpenQuantity

# The quantity screens (chart, claim lists, store.comparing) load when first opened:
# a tenth of a second the first frame does not need.
if TYPE_CHECKING:
    from tui.app import NkwatchApp as _App
else:
    _App = object


class ComparingMixin(_App):
    def prepare_quantities(self) -> None:
        """Index what needs indexing and refresh stale counts, in a worker."""
        self.run_worker(
            self._prepare_quantities, thread=True, exclusive=True, group="quantities-prepare"
        )

    def _prepare_quantities(self) -> None:
        from store.db import DatabaseError, open_db
        from store.quantities import prepare

        if self.read_only:  # serve --read-only: as with a read-only file, nothing written
            return
        try:
            db = open_db(self.db_path, check_same_thread=False)
        except (DatabaseError, sqlite3.Error):
            return
        try:
            prepare(db)
        except sqlite3.Error:
            pass  # busy or read-only: counts stay as they were; claims are built fresh
        finally:
            db.close()

    def action_quantities(self) -> None:
        from tui.screens.quantity import QuantitiesScreen

        self.push_screen(QuantitiesScreen(self.search_text))

    def on_open_quantity(self, message: OpenQuantity) -> None:
        from tui.screens.quantity import QuantityScreen

        message.stop()
        if message.figure_id is not None:
            self.remember()
        self.push_screen(QuantityScreen(message.quantity_id, message.figure_id))

    def on_jump_to_figure(self, message: JumpToFigure) -> None:
        message.stop()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.remember()
        self.history[-1] = self.history[-1].with_reopen(message.back)
        focus = message.focus
        self.open_article(message.article_id, (focus.sentence_start, focus.sentence_end), focus)
        self.action_show_pane("reader")

    def reopen(self, back: Any) -> None:
        """Back from a claim's sentence: the quantity screen again, at that claim."""
        from tui.screens.quantity import QuantityScreen, reopen_args

        qid, index = reopen_args(back)
        self.push_screen(QuantityScreen(qid, cursor=index))
