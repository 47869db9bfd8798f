"""The records that reads return: articles, figures, timeline events and search hits.

Frozen dataclasses, no database access. Each record's :meth:`as_contract` gives the dict
that ``--format json`` prints: exactly the keys of CONTRACT.md first (``FIGURE_KEYS``,
``TIMELINE_KEYS``, ``ARTICLE_KEYS``), then a few extra keys. ``store.queries`` builds
them from rows and re-exports them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from store.extract.models import Evidence
from store.extract.qualifiers import qualifier_words

# The keys CONTRACT.md promises, in its order; records carry these first, then extras.
FIGURE_KEYS = (
    "article_id", "source", "text", "start", "end", "value", "high", "qualifier", "unit",
    "actor", "claimant", "hedged", "date", "sentence",
)  # fmt: skip
TIMELINE_KEYS = (
    "article_id", "source", "text", "start", "end", "value", "end_value", "granularity",
    "sentence",
)  # fmt: skip
ARTICLE_KEYS = (
    "article_id", "id", "source", "source_name", "title", "published", "published_inferred",
    "ingested_at", "n_figures", "n_dates", "language", "language_confidence",
)  # fmt: skip


def _num(value: float | None) -> int | float | None:
    """A stored REAL as the contract wants it: an int when it is whole."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    source: str
    source_name: str | None
    title: str
    published: str | None
    published_inferred: bool
    ingested_at: str
    n_figures: int
    n_dates: int
    language: str | None = None  # ISO 639-1; None for articles stored before detection
    language_confidence: float | None = None
    duplicate_of: int | None = None  # the original this article near-duplicates
    extractor_version: int | None = None  # rules that extracted it (store.extract)

    def as_contract(self) -> dict[str, Any]:
        return {
            "article_id": self.id,
            "id": self.id,
            "source": self.source,
            "source_name": self.source_name,
            "title": self.title,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "ingested_at": self.ingested_at,
            "n_figures": self.n_figures,
            "n_dates": self.n_dates,
            "language": self.language,
            "language_confidence": self.language_confidence,
            "duplicate_of": self.duplicate_of,
            "extractor_version": self.extractor_version,
        }

    to_json = as_contract


@dataclass(frozen=True, slots=True)
class ArticleDetail(ArticleRow):
    body: str = ""

    def as_contract(self) -> dict[str, Any]:
        return {**ArticleRow.as_contract(self), "body": self.body}

    to_json = as_contract


@dataclass(frozen=True, slots=True)
class FigureRow:
    id: int
    article_id: int
    source: str
    title: str
    published: str | None
    text: str
    start: int
    end: int
    value: float
    high: float | None
    qualifier: str | None
    unit: str
    actor: str | None
    claimant: str | None
    claimant_start: int | None
    claimant_end: int | None
    hedged: bool
    vague: bool
    date: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    claimant_canonical: str | None = None  # one name per identity (store.compare.claimants)
    evidence: Evidence | None = None  # None: stored before evidence was kept (reextract)
    claimant_role: str | None = None  # the title written before the name ("Finance Minister")

    @property
    def qualifier_text(self) -> str | None:
        """The qualifier as written ("At least"); ``qualifier`` is its class (``min``)."""
        return qualifier_words(self.text, self.qualifier)

    def as_contract(self) -> dict[str, Any]:
        """CONTRACT.md's figure keys, in its order, then extras."""
        return {
            "article_id": self.article_id,
            "source": self.source,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _num(self.value),
            "high": _num(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "actor": self.actor,
            "claimant": self.claimant,
            "hedged": self.hedged,
            "date": self.date,
            "sentence": self.sentence,
            "id": self.id,
            "vague": self.vague,
            "title": self.title,
            "published": self.published,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "claimant_canonical": self.claimant_canonical,
            "evidence": None if self.evidence is None else self.evidence.as_contract(),
            "qualifier_text": self.qualifier_text,
            "claimant_role": self.claimant_role,
        }

    to_json = as_contract


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    article_id: int
    source: str
    title: str
    published: str | None
    text: str
    start: int
    end: int
    value: str
    end_value: str | None
    granularity: str
    sort_key: str
    sentence: str
    sentence_start: int
    sentence_end: int

    def as_contract(self) -> dict[str, Any]:
        """CONTRACT.md's timeline keys, in its order, then extras."""
        return {
            "article_id": self.article_id,
            "source": self.source,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "end_value": self.end_value,
            "granularity": self.granularity,
            "sentence": self.sentence,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }

    to_json = as_contract


@dataclass(frozen=True, slots=True)
class SentenceHit:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article that matches a search, its matching sentences and matched spans."""

    article: ArticleRow
    sentences: tuple[SentenceHit, ...]
    spans: tuple[tuple[int, int], ...]

    def as_contract(self) -> dict[str, Any]:
        return {
            **self.article.as_contract(),
            "sentences": [asdict(s) for s in self.sentences],
            "spans": [list(s) for s in self.spans],
        }

    to_json = as_contract
