"""Messages the dashboard's workers and widgets post.

Workers run SQLite in threads and only ever hand results back as messages; the
handlers run on the event loop and update widgets.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from store.browse import ArticleView, Span


class ListCounted(Message, bubble=False):
    """A lazy list learned how many rows match its query."""

    def __init__(
        self,
        generation: int,
        total: int,
        error: str | None = None,
        plan: Any = None,
        cursor: int | None = None,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.total = total
        self.error = error
        self.plan = plan
        self.cursor = cursor  # where the followed row is now, after a reload


class ListPageLoaded(Message, bubble=False):
    """A block of rows for a lazy list arrived."""

    def __init__(self, generation: int, block: int, rows: list[Any]) -> None:
        super().__init__()
        self.generation = generation
        self.block = block
        self.rows = rows


class _RowMessage(Message):
    """A message about one row of a lazy list, from the list that posts it."""

    def __init__(self, sender: Any, index: int, row: Any | None) -> None:
        super().__init__()
        self.sender = sender
        self.index = index
        self.row = row

    @property
    def control(self) -> Any:
        return self.sender


class RowHighlighted(_RowMessage):
    """The cursor of a lazy list rests on a row (``row`` is None for an empty list)."""


class RowActivated(_RowMessage):
    """Enter or a double click on a row of a lazy list; ``why``: the figure is to be
    shown with its evidence (``e`` on the figures list)."""

    why = False


class ArticleLoaded(Message):
    """An article and its spans, read for the reader."""

    def __init__(
        self,
        request: int,
        view: ArticleView | None,
        matches: list[tuple[int, int]],
        active: tuple[int, int] | None,
        focus: Span | None,
    ) -> None:
        super().__init__()
        self.request = request
        self.view = view
        self.matches = matches
        self.active = active
        self.focus = focus


class SearchCounted(Message):
    """How many articles, figures and dates a search matches."""

    def __init__(
        self,
        text: str,
        articles: int,
        figures: int,
        dates: int,
        sentence_level: bool,
        claimants: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.text = text
        self.claimants = claimants  # canonical claimants the search names
        self.articles = articles
        self.figures = figures
        self.dates = dates
        self.sentence_level = sentence_level


class FiguresViewChanged(Message):
    """The figures pane changed its scope (all / the selected article) or its order."""

    def __init__(self, scope_all: bool) -> None:
        super().__init__()
        self.scope_all = scope_all


class ClipboardReady(Message):
    """Text for the clipboard, read by a worker."""

    def __init__(self, text: str, what: str) -> None:
        super().__init__()
        self.text = text
        self.what = what


class StoreChanged(Message):
    """What the articles table looks like now (count, highest id), read by a worker."""

    def __init__(self, stamp: tuple) -> None:
        super().__init__()
        self.stamp = stamp


class OpenQuantity(Message):
    """Open the quantity screen: of ``quantity_id``, or of the quantity of ``figure_id``."""

    def __init__(self, quantity_id: int | None = None, figure_id: int | None = None) -> None:
        super().__init__()
        self.quantity_id = quantity_id
        self.figure_id = figure_id


class QuantityLoaded(Message):
    """A quantity with its claims, read by the claim list's worker."""

    def __init__(self, detail: Any) -> None:
        super().__init__()
        self.detail = detail


class JumpToFigure(Message):
    """Show a figure's sentence in the reader; ``back`` reopens where the user came from."""

    def __init__(self, focus: Span, article_id: int, back: Any = None) -> None:
        super().__init__()
        self.focus = focus
        self.article_id = article_id
        self.back = back
