"""Changing what is stored from the dashboard: the current article's publication date,
and deleting it. Each asks first (a modal screen), writes in a worker thread through
``store.manage`` on a connection of its own, then reloads what shows.

The current article is the one in the reader, else the one under the articles cursor.
An app opened read-only (``NkwatchApp(read_only=True)``, as ``serve --read-only``
does) refuses both with one message (``NkwatchApp.ensure_writable``) and changes nothing.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message

from store.browse import ArticleLine, ArticleView
from tui.highlight import plain

if TYPE_CHECKING:
    from tui.screens.confirm import DateAnswer

MANAGE_ACTIONS = frozenset({"set_published", "delete_article"})


class StoreWritten(Message):
    """A change the dashboard made landed (or failed: ``error``)."""

    def __init__(self, text: str, article_id: int, deleted: bool, error: bool = False) -> None:
        super().__init__()
        self.text = text
        self.article_id = article_id
        self.deleted = deleted
        self.error = error


class ManageMixin:
    """Set-date and delete actions for :class:`tui.app.NkwatchApp`."""

    read_only: bool
    db_path: str

    def current_article(self: Any) -> ArticleView | ArticleLine | None:
        view = self.reader.view
        if view is not None:
            return view
        return self.query_one("#articles").current

    def _no_article(self: Any) -> None:
        self.notify("No article selected.", severity="warning", timeout=3)

    # ------------------------------------------------------------------ actions

    def action_set_published(self: Any) -> None:
        """Ask for the current article's publication date, then set it."""
        if not self.ensure_writable("setting a publication date"):
            return
        article = self.current_article()
        if article is None:
            self._no_article()
            return
        now = article.published or "unknown"
        if article.published and article.published_inferred:
            now += " (inferred)"
        question = (
            f"Article {article.id}: {plain(article.title)}\n"
            f"Published: {now}\n\n"
            'Its relative dates ("Monday", "last week") and figure dates are '
            "resolved again against the new date."
        )
        from tui.screens.confirm import PublishedScreen  # with the first dialog, not at start

        self.push_screen(
            PublishedScreen("Publication date", question, article.published),
            partial(self._published_chosen, article.id),
        )

    def _published_chosen(self: Any, article_id: int, answer: DateAnswer) -> None:
        if answer is None:
            return
        self._write(partial(_set_published, self.db_path, article_id, answer[1]), article_id)

    def action_delete_article(self: Any) -> None:
        """Ask, then delete the current article with its figures and dates."""
        if not self.ensure_writable("deleting an article"):
            return
        article = self.current_article()
        if article is None:
            self._no_article()
            return
        question = (
            f"Delete article {article.id}: {plain(article.title)}\n"
            "with its figures and dates? This cannot be undone "
            "(`nkwatch backup PATH` keeps a copy)."
        )
        from tui.screens.confirm import ConfirmScreen

        self.push_screen(
            ConfirmScreen("Delete article", question, yes="Delete"),
            partial(self._delete_confirmed, article.id),
        )

    def _delete_confirmed(self: Any, article_id: int, yes: bool | None) -> None:
        if yes:
            self._write(partial(_delete, self.db_path, article_id), article_id, deleted=True)

    # ------------------------------------------------------------------ writing

    def _write(self: Any, job: Any, article_id: int, deleted: bool = False) -> None:
        def run() -> None:
            try:
                text = job()
            except Exception as e:  # report on screen; the store is unchanged
                self.post_message(
                    StoreWritten(f"{type(e).__name__}: {e}", article_id, deleted, True)
                )
                return
            self.post_message(StoreWritten(text, article_id, deleted))

        self.run_worker(run, thread=True, group="write", name="write")

    def on_store_written(self: Any, message: StoreWritten) -> None:
        if message.error:
            self.notify(f"Not changed: {message.text}", severity="error", markup=False)
            return
        self._store_stamp = None  # our own change: no "new articles" notice for it
        reader = self.reader
        if reader.view is not None and reader.view.id == message.article_id:
            reader.show(None)  # reloaded below: its dates (or the article) changed
        articles, *others = self.lists
        if message.deleted:
            articles.reload()  # the cursor stays where it was: the next article
        else:
            # The cursor follows the article to its place in date order, and the
            # reader opens it again from there.
            articles.set_query(
                articles.query_spec, keep_cursor=True, follow=_Id(message.article_id)
            )
        for lst in others:
            lst.reload()
        self.count_hits()
        self.notify(message.text, timeout=5, markup=False)


class _Id:
    """A row to follow by its id alone (what ``ArticleList.locate`` reads)."""

    def __init__(self, id: int) -> None:
        self.id = id


def _set_published(db_path: str, article_id: int, when: date | None) -> str:
    from store.db import open_db
    from store.manage import set_article

    db = open_db(db_path, check_same_thread=False)
    try:
        change = set_article(db, article_id, published=when)
    finally:
        db.close()
    return f"Article {article_id}: {change.describe()}"


def _delete(db_path: str, article_id: int) -> str:
    from store.db import open_db
    from store.manage import delete_articles

    db = open_db(db_path, check_same_thread=False)
    try:
        deleted, missing = delete_articles(db, [article_id])
    finally:
        db.close()
    if missing:
        return f"Article {article_id} was already gone"
    d = deleted[0]
    return f"Deleted article {d.article_id} ({d.n_figures} figures, {d.n_dates} dates)"
