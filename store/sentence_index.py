"""Sentence boundaries stored at ingest, so that no query splits a body again.

Each article has one row in ``article_sentences``: its sentences' ``(start, end)``
offsets into the body, packed as little-endian unsigned 32-bit pairs (8 bytes a
sentence: a 4 KB article of 30 sentences costs 240 bytes, one row, one read). A row of
``(article_id, idx, start, end)`` per sentence would have been 30 rows and about 25
bytes each with its index, for lookups that always want all of an article's sentences.

The ingest writes the row with the article (:func:`store_bounds`, from the split the
extraction already made); the migration that added the table backfilled every
article stored before (:func:`backfill`); a trigger deletes the row when a body
changes, and the ingest writes the new one in the same transaction. An article with no
row (none should be left) is split on demand: :func:`bounds` never fails for want of
one.
"""

from __future__ import annotations

import bisect
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

Bounds = Sequence[tuple[int, int]]

_BIG_ENDIAN = sys.byteorder == "big"


def pack(bounds: Iterable[tuple[int, int]]) -> bytes:
    flat = array("I")
    for start, end in bounds:
        flat.append(start)
        flat.append(end)
    if _BIG_ENDIAN:  # pragma: no cover - stored little-endian everywhere
        flat.byteswap()
    return flat.tobytes()


def unpack(blob: bytes) -> list[tuple[int, int]]:
    flat = array("I")
    flat.frombytes(blob)
    if _BIG_ENDIAN:  # pragma: no cover
        flat.byteswap()
    return list(zip(flat[0::2], flat[1::2], strict=True))


def split(body: str) -> list[tuple[int, int]]:
    from store.extract.sentences import split_sentences

    return [(s.start, s.end) for s in split_sentences(body)]


def store_bounds(db: Any, article_id: int, body: str, bounds: Bounds | None = None) -> None:
    """Store ``article_id``'s sentence boundaries (``bounds`` as the extraction split
    them, else split now). Inside the caller's transaction."""
    if bounds is None:
        bounds = split(body)
    db.execute(
        "INSERT OR REPLACE INTO article_sentences (article_id, bounds) VALUES (?, ?)",
        [article_id, pack(bounds)],
    )


def bounds(conn: Any, article_id: int, body: str | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of the article, in order (split from ``body``,
    or the stored body, when no row holds them)."""
    row = conn.execute(
        "SELECT bounds FROM article_sentences WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is not None:
        return unpack(row[0])
    if body is None:
        found = conn.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
        body = found[0] if found else ""
    return split(body or "")


def holding(bounds_: Bounds, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences of ``bounds_`` that hold the start of one of ``spans`` (both sorted)."""
    out: list[tuple[int, int]] = []
    starts = [b[0] for b in bounds_]
    for s, _ in spans:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < bounds_[i][1]:
            b = bounds_[i]
            if not out or out[-1] != b:
                out.append(b)
    return out


def backfill(conn: sqlite3.Connection, batch: int = 500) -> int:
    """Store the boundaries of every article without them; how many were done.

    Runs in the migration's transaction, a batch of bodies in memory at a time."""
    done = 0
    last = 0
    while True:
        rows = conn.execute(
            "SELECT a.id, a.body FROM articles a WHERE a.id > ? AND NOT EXISTS"
            " (SELECT 1 FROM article_sentences s WHERE s.article_id = a.id)"
            " ORDER BY a.id LIMIT ?",
            [last, batch],
        ).fetchall()
        if not rows:
            return done
        conn.executemany(
            "INSERT OR REPLACE INTO article_sentences (article_id, bounds) VALUES (?, ?)",
            [(aid, pack(split(body or ""))) for aid, body in rows],
        )
        done += len(rows)
        last = rows[-1][0]
