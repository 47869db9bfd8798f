"""The two full-text indexes, and running a safe search expression over them.

``articles_fts`` stems words with the Porter stemmer (``troop`` finds ``troops``,
``deployed`` finds ``deployment``); ``articles_words`` holds the same title and body
unstemmed (unicode61 alone). Prefix terms go to the unstemmed one: a stemmer cuts
words to stems that are not prefixes of what was written (``escalation`` is indexed
as ``escal``, so ``escalat*`` matched nothing there), while every word a person
writes in full starts with the prefix they type. Whole words keep going to the
stemmed index. A search with both kinds matches the articles both indexes find.

A *match* here is what :func:`store.queries.fts_query` returns: quoted phrases, each
optionally followed by ``*``, ANDed: safe to hand to SQLite, and easy to split.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PHRASE = re.compile(r'"([^"]*)"(\*?)')
MARK_START, MARK_END = "\x01", "\x02"  # highlight markers; cleaned bodies never hold them

STEMMED, WORDS = "articles_fts", "articles_words"


def split(match: str) -> list[tuple[str, str]]:
    """``[(table, expression), ...]``: the whole-word phrases for the stemmed index and
    the prefix phrases for the unstemmed one (each part only when it has phrases)."""
    whole: list[str] = []
    prefix: list[str] = []
    for m in _PHRASE.finditer(match):
        (prefix if m.group(2) else whole).append(m.group(0))
    if not whole and not prefix:  # not in fts_query's form: leave it to the stemmed index
        return [(STEMMED, match)]
    parts = []
    if whole:
        parts.append((STEMMED, " ".join(whole)))
    if prefix:
        parts.append((WORDS, " ".join(prefix)))
    return parts


def ids_sql(match: str) -> tuple[str, list[Any]]:
    """``SELECT rowid ...`` of the articles ``match`` finds, and its parameters."""
    parts = split(match)
    table, expr = parts[0]
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    params: list[Any] = [expr]
    for other, expr in parts[1:]:
        sql += f" AND rowid IN (SELECT rowid FROM {other} WHERE {other} MATCH ?)"
        params.append(expr)
    return sql, params


def count(conn: Any, match: str) -> int:
    sql, params = ids_sql(match)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def ranked_ids(conn: Any, match: str, limit: int | None = None, offset: int = 0):
    """A cursor of article ids, best match first (bm25 of the first index the search
    uses, then id). Only ids and ranks are sorted, so a first page of a word in most
    articles costs the ranking, not reading their bodies."""
    sql, params = ids_sql(match)
    sql = sql.replace("SELECT rowid", "SELECT rowid, rank", 1) + " ORDER BY rank, rowid"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return conn.execute(sql, params)


def marked_spans(marked: str) -> list[tuple[int, int]]:
    """Offsets of the ``\\x01``...``\\x02`` marked stretches, in the unmarked text."""
    spans: list[tuple[int, int]] = []
    pos = removed = 0
    while (a := marked.find(MARK_START, pos)) >= 0:
        b = marked.find(MARK_END, a)
        if b < 0:
            break
        if b > a + 1:
            spans.append((a - removed, b - removed - 1))
        removed += 2
        pos = b + 1
    return spans


def hit_spans(conn: Any, match: str, article_id: int) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` body offsets of what ``match`` hits in one article; []
    when the article does not match."""
    return hit_spans_many(conn, match, [article_id]).get(article_id, [])


def _hits(conn: Any, table: str, expr: str, ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    hl = f"highlight({table}, 1, char(1), char(2))"
    if table == STEMMED or len(ids) == 1:
        # Whole words: FTS5 seeks each article in the term's list, ~0.05 ms an article.
        out = {}
        for aid in ids:
            row = conn.execute(
                f"SELECT {hl} FROM {table} WHERE {table} MATCH ? AND rowid = ?", [expr, aid]
            ).fetchone()
            if row is not None:
                out[aid] = marked_spans(row[0] or "")
        return out
    # Prefixes: each MATCH merges the lists of every word with the prefix, so it runs
    # once for all of ``ids`` (``+rowid``: filtered after the match, not per id).
    rows = conn.execute(
        f"SELECT rowid, {hl} FROM {table} WHERE {table} MATCH ?"
        " AND +rowid IN (SELECT value FROM json_each(?))",
        [expr, json.dumps(ids)],
    )
    return {int(r[0]): marked_spans(r[1] or "") for r in rows}  # one marked body at a time


def hit_spans_many(conn: Any, match: str, ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """:func:`hit_spans` of each of ``ids`` that ``match`` matches (others left out)."""
    parts = split(match)
    found: dict[int, list[tuple[int, int]]] | None = None
    for table, expr in parts:
        spans = _hits(conn, table, expr, ids if found is None else list(found))
        if found is None:
            found = spans
        else:
            found = {aid: sorted(set(found[aid] + spans[aid])) for aid in spans}
    return found or {}


def all_hit_spans(conn: Any, match: str) -> dict[int, list[tuple[int, int]]]:
    """:func:`hit_spans` of every matching article (for callers that want them all)."""
    parts = split(match)
    if len(parts) == 1:  # one index: one pass of highlight()
        table, expr = parts[0]
        rows = conn.execute(
            f"SELECT rowid, highlight({table}, 1, char(1), char(2)) FROM {table}"
            f" WHERE {table} MATCH ?",
            [expr],
        )
        return {int(r[0]): marked_spans(r[1] or "") for r in rows}
    sql, params = ids_sql(match)
    ids = [int(r[0]) for r in conn.execute(sql, params)]
    out: dict[int, list[tuple[int, int]]] = {}
    for i in range(0, len(ids), 1000):
        out.update(hit_spans_many(conn, match, ids[i : i + 1000]))
    return out
