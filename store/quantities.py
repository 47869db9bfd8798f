"""Quantities in the database: figure -> quantity, analyst merges and splits, counts.

A *quantity* is one kind of thing counted for one party (``North Korea · troops``),
grouped by ``store.compare.units``. Its id is stable: ``quantity_keys`` maps each
grouping key to it, so later figures of that kind join it, and an analyst's merge
(keys point to the other quantity) or split (a finer key, ``|unit=servicemen``, points
to a new one) persists and applies to what is ingested afterwards.

At ingest :func:`index_article` (in the article's transaction) gives the new figures
their canonical claimant, scope and quantity, detects a near-duplicate article, and
marks the touched quantities stale. Counts and summaries are recomputed for stale
quantities only, by :func:`refresh` (the CLI before it reads; the dashboard in a
worker). Figures stored before this existed are indexed by :func:`ensure_indexed`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from store import dupes
from store.claimant_index import canonical_claimants
from store.compare.claims import Fact, build_claims
from store.compare.summary import summarize
from store.compare.units import describe, quantity_key, quantity_name

SPLIT_KINDS = ("unit", "scope", "place", "claimant")


class QuantityError(ValueError):
    """A merge or split that cannot be done; the message says why, in one line."""


# --------------------------------------------------------------------------- assignment


def _keys_for(db: Any, coarse: str, cache: dict[str, dict[str, int]]) -> dict[str, int]:
    if coarse not in cache:
        rows = db.execute(
            "SELECT key, quantity_id FROM quantity_keys WHERE key = ? OR (key >= ? AND key < ?)",
            [coarse, coarse + "|", coarse + "|\uffff"],
        ).fetchall()
        cache[coarse] = {r[0]: int(r[1]) for r in rows}
    return cache[coarse]


def _quantity_for(
    db: Any,
    actor: str | None,
    cls: str,
    fine: dict[str, str],
    cache: dict[str, dict[str, int]],
) -> int:
    coarse = quantity_key(actor, cls)
    keys = _keys_for(db, coarse, cache)
    for kind in SPLIT_KINDS:
        value = fine.get(kind)
        if value and f"{coarse}|{kind}={value}" in keys:
            return keys[f"{coarse}|{kind}={value}"]
    if coarse in keys:
        return keys[coarse]
    cur = db.execute(
        "INSERT INTO quantities (key, name, actor, unit_class) VALUES (?, ?, ?, ?)",
        [coarse, quantity_name(actor, cls), actor, cls],
    )
    qid = int(cur.lastrowid)
    db.execute("INSERT INTO quantity_keys (key, quantity_id) VALUES (?, ?)", [coarse, qid])
    keys[coarse] = qid
    return qid


def _index_figures(db: Any, article_id: int, body: str, cache: dict) -> set[int]:
    rows = db.execute(
        "SELECT id, text, unit, actor, claimant, end_pos, sentence_end, start_pos,"
        " sentence_start FROM figures"
        " WHERE article_id = ? ORDER BY start_pos, id",
        [article_id],
    ).fetchall()
    if not rows:
        return set()
    canon = canonical_claimants(db, [r[4] for r in rows], body)
    touched: set[int] = set()
    updates = []
    for row, claimant in zip(rows, canon, strict=True):
        fid, text, unit, actor, _, end, s_end, start, s_start = row
        info = describe(text, unit or "", body[end:s_end], body[s_start:start])
        fine = {
            "unit": (unit or "").lower(),
            "scope": info.scope,
            "place": info.place,
            "claimant": claimant or "",
        }
        qid = _quantity_for(db, actor, info.unit_class, fine, cache)
        touched.add(qid)
        updates.append((claimant, info.scope, info.place, qid, fid))
    dupes.conn(db).executemany(
        "UPDATE figures SET claimant_canonical = ?, scope = ?, place = ?, quantity_id = ?"
        " WHERE id = ?",
        updates,
    )
    return touched


def _mark_stale(db: Any, ids: Iterable[int]) -> None:
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        db.execute(
            f"UPDATE quantities SET stale = 1 WHERE id IN ({', '.join('?' * len(part))})", part
        )


def index_article(db: Any, article_id: int, body: str | None = None) -> None:
    """Near-duplicate check, canonical claimants, scopes and quantities for one stored
    article (call inside its transaction)."""
    if body is None:
        row = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return
        body = row[0]
    dupes.index_article(db, article_id, body)
    original = db.execute("SELECT duplicate_of FROM articles WHERE id = ?", [article_id]).fetchone()
    touched = _index_figures(db, article_id, body, {})
    if original and original[0]:
        # The original's quantities lose nothing but their source counts may change.
        touched |= {
            r[0]
            for r in db.execute(
                "SELECT DISTINCT quantity_id FROM figures WHERE article_id = ?", [original[0]]
            )
            if r[0] is not None
        }
    _mark_stale(db, touched)


def ensure_indexed(db: Any, progress: Callable[[int], None] | None = None) -> int:
    """Index what was stored before this version (or by a path that skipped it):
    articles without bands, figures without a quantity. The number of articles done."""
    done = 0
    while True:
        rows = dupes.unindexed_articles(db, 200)
        rows += [
            r
            for r in db.execute(
                "SELECT a.id, a.body FROM articles a WHERE a.id IN (SELECT DISTINCT"
                " article_id FROM figures WHERE quantity_id IS NULL LIMIT 200)"
            ).fetchall()
            if r[0] not in {x[0] for x in rows}
        ]
        if not rows:
            return done
        with db.atomic():  # BEGIN IMMEDIATE (store.db.write_transaction)
            for aid, body in rows:
                index_article(db, aid, body)
        done += len(rows)
        if progress:
            progress(done)


# --------------------------------------------------------------------------- claims

_FACT_SQL = """
SELECT f.id, f.article_id,
       coalesce(o.source_name, 'article:' || o.id) AS source_key,
       a.published, f.value, f.high, f.qualifier, f.hedged, f.claimant_canonical,
       f.date, f.scope, f.place, f.start_pos
FROM figures f
JOIN articles a ON a.id = f.article_id
JOIN articles o ON o.id = coalesce(a.duplicate_of, a.id)
WHERE f.quantity_id = ?
"""


def facts(db: Any, quantity_id: int) -> list[Fact]:
    return [
        Fact(
            figure_id=r[0],
            article_id=r[1],
            source_key=r[2],
            published=r[3],
            value=r[4],
            high=r[5],
            qualifier=r[6],
            hedged=bool(r[7]),
            claimant=r[8],
            date=r[9],
            scope=r[10] or "",
            place=r[11] or "",
            position=r[12],
        )  # fmt: skip
        for r in db.execute(_FACT_SQL, [quantity_id]).fetchall()
    ]


def refresh(db: Any, ids: Iterable[int] | None = None) -> int:
    """Recompute counts and summary of stale quantities (or of ``ids``); how many."""
    if ids is None:
        ids = [r[0] for r in db.execute("SELECT id FROM quantities WHERE stale = 1")]
    n = 0
    for qid in ids:
        row = db.execute("SELECT unit_class FROM quantities WHERE id = ?", [qid]).fetchone()
        if row is None:
            continue
        fs = facts(db, qid)
        claims = build_claims(fs)
        with db.atomic():  # BEGIN IMMEDIATE (store.db.write_transaction)
            db.execute(
                "UPDATE quantities SET n_claims = ?, n_figures = ?, n_sources = ?,"
                " summary = ?, stale = 0 WHERE id = ?",
                [
                    len(claims),
                    len(fs),
                    len({f.source_key for f in fs}),
                    summarize(claims, row[0]) if claims else "",
                    qid,
                ],
            )
        n += 1
    return n


def prepare(db: Any) -> None:
    """Everything the comparing commands read, up to date (a write connection)."""
    ensure_indexed(db)
    refresh(db)


def prepared_copy(db: Any) -> Any:
    """For a database that cannot be written and whose quantities are behind: a copy in
    memory (SQLite's online backup) with them brought up to date there, to read from.
    The file is not touched; the copy goes when it is closed."""
    import sqlite3

    from store.db import Database

    memory = sqlite3.connect(":memory:", isolation_level=None)
    db.conn.backup(memory)
    memory.execute("PRAGMA foreign_keys = ON")
    copy = Database(memory, None, None)
    prepare(copy)
    return copy


def out_of_date(db: Any) -> bool:
    """Whether :func:`prepare` has work to do (read-only: what a database that cannot be
    written would show out of date)."""
    return bool(
        dupes.unindexed_articles(db, 1)
        or db.execute("SELECT 1 FROM figures WHERE quantity_id IS NULL LIMIT 1").fetchone()
        or db.execute("SELECT 1 FROM quantities WHERE stale = 1 LIMIT 1").fetchone()
    )


# --------------------------------------------------------------------------- merge / split


def resolve_id(db: Any, quantity_id: int) -> int | None:
    """The quantity an id names now, following merges; None if there is none."""
    seen = set()
    qid = quantity_id
    while qid not in seen:
        seen.add(qid)
        if db.execute("SELECT 1 FROM quantities WHERE id = ?", [qid]).fetchone():
            return qid
        row = db.execute("SELECT into_id FROM quantity_merged WHERE old_id = ?", [qid]).fetchone()
        if row is None:
            return None
        qid = int(row[0])
    return None


def _require(db: Any, quantity_id: int) -> int:
    qid = resolve_id(db, quantity_id)
    if qid is None:
        raise QuantityError(f"no quantity {quantity_id}")
    return qid


def merge(db: Any, source_id: int, into_id: int) -> int:
    """Fold quantity ``source_id`` into ``into_id`` for good; the id that remains."""
    src, dst = _require(db, source_id), _require(db, into_id)
    if src == dst:
        raise QuantityError(f"quantity {source_id} is already quantity {into_id}")
    with db.atomic():  # BEGIN IMMEDIATE (store.db.write_transaction)
        db.execute("UPDATE quantity_keys SET quantity_id = ? WHERE quantity_id = ?", [dst, src])
        db.execute("UPDATE figures SET quantity_id = ? WHERE quantity_id = ?", [dst, src])
        db.execute("UPDATE quantity_merged SET into_id = ? WHERE into_id = ?", [dst, src])
        db.execute(
            "INSERT OR REPLACE INTO quantity_merged (old_id, into_id) VALUES (?, ?)", [src, dst]
        )
        db.execute("DELETE FROM quantities WHERE id = ?", [src])
        db.execute("UPDATE quantities SET stale = 1 WHERE id = ?", [dst])
    refresh(db, [dst])
    return dst


_SPLIT_COLUMN = {
    "unit": "lower(unit)",
    "scope": "scope",
    "place": "place",
    "claimant": "claimant_canonical",
}


def split(db: Any, quantity_id: int, kind: str, value: str) -> int:
    """Move the figures of ``quantity_id`` whose ``kind`` (unit as written, scope, place
    or canonical claimant) is ``value`` to a new quantity, for good; its id."""
    if kind not in SPLIT_KINDS:
        raise QuantityError(f"cannot split by {kind!r} (one of {', '.join(SPLIT_KINDS)})")
    qid = _require(db, quantity_id)
    value = value.strip().lower() if kind == "unit" else value.strip()
    column = _SPLIT_COLUMN[kind]
    n = db.execute(
        f"SELECT count(*) FROM figures WHERE quantity_id = ? AND {column} = ?", [qid, value]
    ).fetchone()[0]
    total = db.execute("SELECT count(*) FROM figures WHERE quantity_id = ?", [qid]).fetchone()[0]
    if n == 0:
        raise QuantityError(f"quantity {qid} has no figure with {kind} {value!r}")
    if n == total:
        raise QuantityError(
            f"every figure of quantity {qid} has {kind} {value!r}: nothing to split"
        )
    q = db.execute(
        "SELECT key, name, actor, unit_class FROM quantities WHERE id = ?", [qid]
    ).fetchone()
    # Future figures of the kinds this quantity gathers follow the split too.
    coarse_keys = [
        r[0]
        for r in db.execute("SELECT key FROM quantity_keys WHERE quantity_id = ?", [qid])
        if r[0].count("|") == 1
    ] or [q[0]]
    with db.atomic():  # BEGIN IMMEDIATE (store.db.write_transaction)
        cur = db.execute(
            "INSERT INTO quantities (key, name, actor, unit_class) VALUES (?, ?, ?, ?)",
            [f"{q[0]}|{kind}={value}", f"{q[1]} · {value}", q[2], q[3]],
        )
        new = int(cur.lastrowid)
        for coarse in coarse_keys:
            db.execute(
                "INSERT OR REPLACE INTO quantity_keys (key, quantity_id) VALUES (?, ?)",
                [f"{coarse}|{kind}={value}", new],
            )
        db.execute(
            f"UPDATE figures SET quantity_id = ? WHERE quantity_id = ? AND {column} = ?",
            [new, qid, value],
        )
        db.execute("UPDATE quantities SET stale = 1 WHERE id IN (?, ?)", [qid, new])
    refresh(db, [qid, new])
    return new
