"""The records of the dashboard's windowed reads (``store.browse``): what a list asks
for (:class:`ListQuery`), its lines, and an article as the reader shows it.

Frozen dataclasses, no database access, no Textual or Rich; ``store.browse`` builds them
from rows and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from store.extract.models import Evidence

FIGURE_SORTS = ("article", "value", "date", "claimant")


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What a list shows: an FTS filter, one article or all, and an order."""

    match: str | None = None  # FTS5 expression over article title + body
    article_id: int | None = None
    sort: str = "article"  # figures: article | value | date | claimant
    # Figures only: canonical claimants the search names ("Zelensky" finds what
    # "Volodymyr Zelenskyy" said, wherever the article spells it): their figures are
    # kept whether or not the article's text matches (store.claimant_index).
    claimants: tuple[str, ...] = ()

    def with_(self, **changes: Any) -> ListQuery:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class ArticleLine:
    id: int
    title: str
    source: str
    source_name: str | None
    published: str | None
    published_inferred: bool
    n_figures: int
    language: str | None = None  # ISO 639-1; None when stored before detection
    duplicate_of: int | None = None  # a near-duplicate of this article (its original)
    unseen: bool = False  # brought in by the watch, not yet shown in the dashboard
    revision: int = 1  # the version stored now (2 and up: re-fetched with changed text)


@dataclass(frozen=True, slots=True)
class FigureLine:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    value: float
    high: float | None
    qualifier: str | None
    unit: str
    actor: str | None
    claimant: str | None
    hedged: bool
    vague: bool
    date: str | None
    sentence_start: int
    sentence_end: int
    article_title: str
    published: str | None

    @property
    def qualifier_text(self) -> str | None:
        """The qualifier as written ("at least"), shown instead of its class's word."""
        from store.extract.qualifiers import qualifier_words

        return qualifier_words(self.text, self.qualifier)


@dataclass(frozen=True, slots=True)
class TimelineLine:
    id: int
    article_id: int
    text: str
    start: int
    end: int
    value: str
    end_value: str | None
    granularity: str
    sentence_start: int
    sentence_end: int
    article_title: str
    sentence: str
    source: str


@dataclass(frozen=True, slots=True)
class Span:
    """A marked stretch of an article body: ``kind`` is figure, hedged, vague, claimant
    or date; ``ref`` is the id of the figure or date row it comes from."""

    start: int
    end: int
    kind: str
    ref: int
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class FigureWhy:
    """A figure's fields with the words that decided them (the reader's "Why")."""

    text: str
    qualifier: str | None
    hedged: bool
    claimant: str | None
    date: str | None
    unit: str
    actor: str | None
    evidence: Evidence | None  # None: stored before evidence was kept (reextract)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article as the reader shows it: body plus every span to mark."""

    id: int
    title: str
    body: str
    source: str
    source_name: str | None
    published: str | None
    published_inferred: bool
    spans: tuple[Span, ...]
    language: str | None = None
    revision: int = 1  # the version shown (2 and up: the page was re-fetched changed)
    unseen: bool = False
    changes: tuple[str, ...] = ()  # "31 deaths, was 23 in revision 1", one per figure
    changed: frozenset[int] = frozenset()  # ids of the figures that changed
    why: dict[int, FigureWhy] = field(default_factory=dict)  # figure id -> its evidence


@dataclass(frozen=True, slots=True)
class FigureContext:
    """A figure with what a user copies along with it."""

    figure: FigureLine
    sentence: str
    source: str
    source_name: str | None
