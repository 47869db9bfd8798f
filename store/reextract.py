"""Keeping stored articles up with the rules: which articles an older extractor
produced, and running extraction again over stored articles (``nkwatch reextract``).

Each article records the :data:`store.extract.EXTRACTOR_VERSION` that extracted it
(0: stored before versions were recorded). Re-extraction reads the stored body, so its
offsets and its full-text index stay valid; each article is one transaction
(:func:`store.ingest.reextract_article`), so an interrupted run keeps the articles it
finished and rolls back only the one it was on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from store.extract import EXTRACTOR_VERSION


@dataclass(frozen=True, slots=True)
class ExtractionStatus:
    """How many articles the current rules did not extract."""

    n_articles: int
    n_stale: int
    version: int = EXTRACTOR_VERSION

    @property
    def due(self) -> bool:
        return self.n_stale > 0

    def describe(self) -> str:
        """ "re-extract due: 3 of 12 articles (nkwatch reextract)", or "" when none is."""
        if not self.due:
            return ""
        return (
            f"re-extract due: {self.n_stale} of {self.n_articles} "
            f"article{'s' if self.n_articles != 1 else ''} extracted by older rules "
            "(nkwatch reextract)"
        )


def extraction_status(conn: Any) -> ExtractionStatus:
    """Read-only: articles, and those an older extractor produced."""
    # Two counts, each answered from an index: the version column sits after the body,
    # so a scan of the rows would read every article's text (the watch line asks often).
    n, stale = conn.execute(
        "SELECT (SELECT count(*) FROM articles),"
        " (SELECT count(*) FROM articles WHERE extractor_version < ?)",
        [EXTRACTOR_VERSION],
    ).fetchone()
    return ExtractionStatus(int(n), int(stale))


def stale_articles(conn: Any) -> list[int]:
    """Ids of the articles an older extractor produced, in order."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE extractor_version < ? ORDER BY id",
            [EXTRACTOR_VERSION],
        )
    ]


def all_articles(conn: Any) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]


@dataclass(slots=True)
class ReextractResult:
    done: int = 0
    figures_before: int = 0
    figures_after: int = 0
    dates_after: int = 0
    missing: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (id, why): left as it was


def reextract(
    db: Any,
    article_ids: Iterable[int],
    progress: Callable[[int, int], None] | None = None,
) -> ReextractResult:
    """Extract ``article_ids`` again, one transaction each; ``progress(done, total)``
    after each. Ids with no article are listed in ``missing``; an article whose
    extraction fails is rolled back, listed in ``failed`` and the others go on."""
    from store.ingest import reextract_article

    ids = list(dict.fromkeys(article_ids))
    result = ReextractResult()
    for i, article_id in enumerate(ids, 1):
        row = db.execute("SELECT n_figures FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            result.missing.append(article_id)
        else:
            try:
                n_figures, n_dates = reextract_article(db, article_id)
            except Exception as e:  # noqa: BLE001 - one article's failure stops no other
                detail = " ".join(str(e).split())
                result.failed.append((article_id, f"{type(e).__name__}: {detail}"))
                if progress is not None:
                    progress(i, len(ids))
                continue
            result.done += 1
            result.figures_before += row[0]
            result.figures_after += n_figures
            result.dates_after += n_dates
        if progress is not None:
            progress(i, len(ids))
    return result
