"""Typed read queries over the store, shared by the CLI and the dashboard.

Every function takes a ``sqlite_utils.Database`` (or anything with ``execute``) and
returns frozen dataclasses (``store.records``). Each record's :meth:`as_contract` gives the dict that
``--format json`` prints: exactly the keys of CONTRACT.md first, then a few extra
keys (``id``, ``title``, ...). Offsets are character offsets into the article body.

User search text never reaches SQLite as-is: :func:`fts_query` turns any string into a
safe FTS5 expression, and :func:`match_spans` says where in a body that expression
matched, so a screen can highlight exactly what the search found (the index stems
words with the Porter stemmer: ``troop`` finds ``troops``).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import asdict, replace
from typing import Any

from store import fts, sentence_index
from store.claimant_index import claimants_matching
from store.compare.claimants import role_before
from store.extract.models import evidence_from_json
from store.records import (  # noqa: F401  (re-exported: the records of these reads)
    ARTICLE_KEYS,
    FIGURE_KEYS,
    TIMELINE_KEYS,
    ArticleDetail,
    ArticleRow,
    EventRow,
    FigureRow,
    SearchHit,
    SentenceHit,
    _num,
)

_CHUNK = re.compile(r'"([^"]*)"(\*?)|([^\s"]+)')
_TOKEN = re.compile(r"[^\W_]+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
MAX_PHRASES = 32

# --- search ------------------------------------------------------------------------


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 MATCH expression for what a user typed; None if it has no words.

    Each whitespace-separated chunk becomes one quoted phrase of its words
    (``Ha-kyou`` -> ``"Ha kyou"``, ``10,000`` -> ``"10 000"``, as the index tokenizes
    them); text in balanced double quotes stays one phrase; a trailing ``*`` makes a
    prefix search; stray quotes, brackets, operators (AND/OR/NOT/NEAR, ``-``, ``^``,
    ``:``) and punctuation are dropped. Phrases are ANDed.
    """
    if not text:
        return None
    text = unicodedata.normalize("NFC", text)
    phrases: list[str] = []
    for m in _CHUNK.finditer(text):
        quoted, quoted_star, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare in _OPERATORS:
                continue
            words = _TOKEN.findall(bare)
            prefix = bare.rstrip(")]}").endswith("*")
        else:
            words = _TOKEN.findall(quoted)
            prefix = bool(quoted_star)
        if not words:
            continue
        phrases.append('"' + " ".join(words) + '"' + ("*" if prefix else ""))
        if len(phrases) >= MAX_PHRASES:
            break
    return " ".join(phrases) if phrases else None


def match_spans(db, article_id: int, text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets in the article's body of the terms that ``text`` (user
    search text, made safe with :func:`fts_query`) matches; [] when it does not match."""
    match = fts_query(text)
    if match is None:
        return []
    return fts.hit_spans(db, match, article_id)


def _holds_hit(starts, start: int | None, end: int | None) -> bool:
    """Whether one of the sorted hit ``starts`` lies inside ``start``..``end``."""
    if start is None or end is None:
        return False
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _page(rows: Iterator, limit: int | None, offset: int) -> Iterator:
    """Rows ``offset`` .. ``offset + limit`` of ``rows`` (all from ``offset`` if no limit)."""
    return itertools.islice(rows, offset, None if limit is None else offset + limit)


# --- queries -----------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "a.id, a.source, a.source_name, a.title, a.published, a.published_inferred,"
    " a.ingested_at, a.n_figures,"
    " (SELECT count(*) FROM dates d WHERE d.article_id = a.id), a.language, a.language_confidence"
)


def _article(row) -> ArticleRow:
    return ArticleRow(
        id=row[0],
        source=row[1],
        source_name=row[2],
        title=row[3],
        published=row[4],
        published_inferred=bool(row[5]),
        ingested_at=row[6],
        n_figures=row[7],
        n_dates=row[8],
        language=row[9],
        language_confidence=row[10],
    )


def iter_articles(
    db,
    search: str | None = None,
    language: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[ArticleRow]:
    """Articles in ingest order, as the cursor gives them; with ``search``, only those
    the full-text search matches; with ``language`` (ISO 639-1), only those written in
    it; ``limit`` / ``offset`` cut one page (in SQL)."""
    sql = f"SELECT {_ARTICLE_COLUMNS}, a.duplicate_of, a.extractor_version FROM articles a"
    clauses: list[str] = []
    params: list[Any] = []
    if search is not None:
        match = fts_query(search)
        if match is None:
            return
        ids, ids_params = fts.ids_sql(match)
        clauses.append(f"a.id IN ({ids})")
        params += ids_params
    if language is not None:
        clauses.append("a.language = ?")
        params.append(language.lower())
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY a.id"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    for r in db.execute(sql, params):
        yield replace(_article(r), duplicate_of=r[11], extractor_version=r[12])


def list_articles(db, search: str | None = None, language: str | None = None) -> list[ArticleRow]:
    """:func:`iter_articles` as a list."""
    return list(iter_articles(db, search, language))


def get_article(db, article_id: int) -> ArticleDetail | None:
    row = db.execute(
        f"SELECT {_ARTICLE_COLUMNS}, a.body FROM articles a WHERE a.id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    return ArticleDetail(**asdict(_article(row)), body=row[11])


_FIGURE_SQL = (
    "SELECT f.id, f.article_id, a.source, a.title, a.published, f.text, f.start_pos,"
    " f.end_pos, f.value, f.high, f.qualifier, f.unit, f.actor, f.claimant,"
    " f.claimant_start, f.claimant_end, f.hedged, f.vague, f.date,"
    " substr(a.body, f.sentence_start + 1, f.sentence_end - f.sentence_start),"
    " f.sentence_start, f.sentence_end, f.claimant_canonical, f.evidence,"
    " substr(a.body, max(1, f.claimant_start - 59), min(60, f.claimant_start))"
    " FROM figures f JOIN articles a ON a.id = f.article_id"
)


def _figure(r) -> FigureRow:
    return FigureRow(
        *r[:16],
        hedged=bool(r[16]),
        vague=bool(r[17]),
        date=r[18],
        sentence=r[19],
        sentence_start=r[20],
        sentence_end=r[21],
        claimant_canonical=r[22],
        evidence=evidence_from_json(r[23]),
        claimant_role=role_before(r[24]),
    )


def iter_figures(
    db,
    search: str | None = None,
    article_id: int | None = None,
    language: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[FigureRow]:
    """Figures by article, then position, as the cursor gives them. With ``search``:
    figures whose sentence holds a term the full-text search matched (in articles it
    matches), or whose claimant does ("Budanov" also finds the figures of "He added
    that ..."). Hits are found one article at a time, as its figures come."""
    order = " ORDER BY f.article_id, f.start_pos, f.id"
    if search is None:
        where, params = _filters("f", article_id, None, language)
        sql = _FIGURE_SQL + where + order
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        for r in db.execute(sql, params):
            yield _figure(r)
        return
    match = fts_query(search)
    claimants = frozenset(claimants_matching(db, search))
    if match is None and not claimants:
        return
    yield from _page(_searched_figures(db, match, claimants, article_id, language), limit, offset)


_SORT_LIMIT = 2_000  # matching articles whose dates are sorted rather than walked in order
_CHUNK_ROWS = 2048  # figure or date rows read at a time; their articles' hits found together


def _with_hits(db, match: str | None, rows, keep: bool = False) -> Iterator[tuple[tuple, array]]:
    """Each row of ``rows`` (article id second) with the sorted starts of its article's
    hits: rows are read a chunk at a time and the hits of the chunk's articles found at
    once (a prefix search then merges its words' lists once a chunk, not once an
    article). ``keep``: remember every article's hits (rows that come in date order
    return to an article again and again; 4 bytes a hit), else only the last chunk's."""
    known: dict[int, array] = {}
    size = 32  # a small first chunk: the first row out soon
    while chunk := rows.fetchmany(size):
        size = _CHUNK_ROWS
        aids = list(dict.fromkeys(r[1] for r in chunk))
        kept = known if keep else {aid: known[aid] for aid in aids if aid in known}
        need = [aid for aid in aids if aid not in kept]
        if need and match:
            found = fts.hit_spans_many(db, match, need)
            for aid in need:
                kept[aid] = array("I", (s for s, _ in found.get(aid, ())))
        known = kept
        for r in chunk:
            yield r, known.get(r[1], _NO_HITS)


_NO_HITS = array("I")


def _searched_figures(db, match, claimants, article_id, language) -> Iterator[FigureRow]:
    ids = fts.ids_sql(match) if match else ("SELECT NULL WHERE 0", [])
    where, params = _filters("f", article_id, None if claimants else ids, language)
    if claimants:
        # In matching articles, or said by a matching claimant: figures are walked in
        # article order (the figures_article index), so the first row comes at once.
        where += (" AND " if where else " WHERE ") + (
            f"(f.article_id IN ({ids[0]}) OR f.claimant_canonical IN"
            " (SELECT value FROM json_each(?)))"
        )
        params += [*ids[1], json.dumps(sorted(claimants))]
    rows = db.execute(_FIGURE_SQL + where + " ORDER BY f.article_id, f.start_pos, f.id", params)
    for r, hits in _with_hits(db, match, rows):
        if r[22] in claimants or _holds_hit(hits, r[20], r[21]) or _holds_hit(hits, r[14], r[15]):
            yield _figure(r)


def list_figures(
    db, search: str | None = None, article_id: int | None = None, language: str | None = None
) -> list[FigureRow]:
    """:func:`iter_figures` as a list."""
    return list(iter_figures(db, search, article_id, language))


_TIMELINE_SQL = (
    "SELECT d.id, d.article_id, a.source, a.title, a.published, d.text, d.start_pos,"
    " d.end_pos, d.value, d.end_value, d.granularity, d.sort_key,"
    " substr(a.body, d.sentence_start + 1, d.sentence_end - d.sentence_start),"
    " d.sentence_start, d.sentence_end"
    " FROM dates d JOIN articles a ON a.id = d.article_id"
)


def iter_timeline(
    db,
    search: str | None = None,
    article_id: int | None = None,
    language: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[EventRow]:
    """Date expressions in date order (first day of their period), then article and
    position, as the cursor gives them. ``search`` filters as in :func:`iter_figures`
    (without the claimant)."""
    order = " ORDER BY d.sort_key, d.article_id, d.start_pos"
    if search is None:
        where, params = _filters("d", article_id, None, language)
        sql = _TIMELINE_SQL + where + order
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        for r in db.execute(sql, params):
            yield EventRow(*r)
        return
    match = fts_query(search)
    if match is None:
        return
    where, params = _filters("d", article_id, fts.ids_sql(match), language)
    if article_id is None and fts.count(db, match) > _SORT_LIMIT:
        # Many articles: walk the dates in date order (the dates_sort index) and keep
        # those of matching articles, rather than sort all their dates before the first
        # row (``+`` keeps SQLite from looking the articles up one by one instead).
        where = where.replace("d.article_id IN (", "+d.article_id IN (", 1)
    rows = db.execute(_TIMELINE_SQL + where + order, params)
    kept = (
        EventRow(*r)
        for r, hits in _with_hits(db, match, rows, keep=True)
        if _holds_hit(hits, r[13], r[14])
    )
    yield from _page(kept, limit, offset)


def list_timeline(
    db, search: str | None = None, article_id: int | None = None, language: str | None = None
) -> list[EventRow]:
    """:func:`iter_timeline` as a list."""
    return list(iter_timeline(db, search, article_id, language))


def _filters(
    alias: str,
    article_id: int | None,
    ids: tuple[str, list[Any]] | None,
    language: str | None = None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if language is not None:
        clauses.append("a.language = ?")
        params.append(language.lower())
    if article_id is not None:
        clauses.append(f"{alias}.article_id = ?")
        params.append(article_id)
    if ids is not None:
        clauses.append(f"{alias}.article_id IN ({ids[0]})")
        params += ids[1]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def iter_search(db, q: str, limit: int | None = None, offset: int = 0) -> Iterator[SearchHit]:
    """Articles matching ``q``, best first (FTS5 rank, then id), each with its matching
    sentences (from the boundaries stored at ingest) and matched spans. Only ids are
    ranked; each article is read as its hit comes out."""
    match = fts_query(q)
    if match is None:
        return
    ranked = fts.ranked_ids(db, match, limit, offset)
    size = 24  # the first page at once; then bigger chunks
    while chunk := [int(r[0]) for r in ranked.fetchmany(size)]:
        size = 256
        spans = fts.hit_spans_many(db, match, chunk)
        for aid in chunk:  # one body in memory at a time (some are megabytes)
            r = db.execute(
                f"SELECT {_ARTICLE_COLUMNS}, a.body FROM articles a WHERE a.id = ?", [aid]
            ).fetchone()
            if r is None:
                continue
            body, hits = r[11], spans.get(aid, [])
            bounds = sentence_index.bounds(db, aid, body)
            sentences = tuple(
                SentenceHit(a, b, body[a:b]) for a, b in sentence_index.holding(bounds, hits)
            )
            yield SearchHit(_article(r), sentences, tuple(hits))


def search_articles(db, q: str, limit: int | None = None) -> list[SearchHit]:
    """:func:`iter_search` as a list."""
    return list(iter_search(db, q, limit))
