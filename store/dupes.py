"""Near-duplicate articles in the database: LSH bands per article, the original kept.

At ingest (:func:`index_article`, inside the article's transaction) the new body's
MinHash bands (``store.compare.minhash``) are looked up in ``article_bands``; the
candidates that share a band are confirmed on their exact shingles, and the article
is marked ``duplicate_of`` the earliest original it repeats. Then its own bands are
stored. The cost is one indexed lookup and at most :data:`MAX_CANDIDATES` bodies read,
whatever the size of the corpus.
"""

from __future__ import annotations

from typing import Any

from store.compare import minhash

MAX_CANDIDATES = 20


def conn(db: Any) -> Any:
    """The sqlite3 connection under a ``sqlite_utils.Database`` (or the connection)."""
    return getattr(db, "conn", db)


def index_article(db: Any, article_id: int, body: str) -> int | None:
    """Store the article's bands and mark it a near-duplicate; its original or None."""
    sh = minhash.shingles(body)
    # A body without words still gets a row, so it is not indexed again and again.
    keys = minhash.bands(minhash.signature(sh)) if sh else [0]
    original = None
    if keys:
        marks = ", ".join("?" * len(keys))
        rows = db.execute(
            f"SELECT article_id, count(*) AS n FROM article_bands WHERE band IN ({marks})"
            " AND article_id != ? GROUP BY article_id ORDER BY n DESC, article_id LIMIT ?",
            [*keys, article_id, MAX_CANDIDATES],
        ).fetchall()
        for cand, _ in sorted(rows, key=lambda r: r[0]):
            row = db.execute(
                "SELECT body, duplicate_of FROM articles WHERE id = ?", [cand]
            ).fetchone()
            if row and minhash.is_near_duplicate(sh, minhash.shingles(row[0])):
                original = row[1] or cand
                break
        db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
        conn(db).executemany(
            "INSERT INTO article_bands (band, article_id) VALUES (?, ?)",
            [(k, article_id) for k in keys],
        )
    if original is not None and original != article_id:
        db.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", [original, article_id])
        return original
    return None


def unindexed_articles(db: Any, limit: int = 500) -> list[tuple[int, str]]:
    """Articles stored before near-duplicate detection existed (no bands yet)."""
    return db.execute(
        "SELECT id, body FROM articles a WHERE NOT EXISTS"
        " (SELECT 1 FROM article_bands b WHERE b.article_id = a.id) ORDER BY id LIMIT ?",
        [limit],
    ).fetchall()
