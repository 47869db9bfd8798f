"""Typed read queries over the store, shared by the CLI and the dashboard.

Every function takes a ``sqlite_utils.Database`` (or anything with ``execute``) and
returns frozen dataclasses. Each record's :meth:`as_contract` gives the dict that
``--format json`` prints: exactly the keys of CONTRACT.md first, then a few extra
keys (``id``, ``title``, ...). Offsets are character offsets into the article body.

User search text never reaches SQLite as-is: :func:`fts_query` turns any string into a
safe FTS5 expression, and :func:`match_spans` says where in a body that expression
matched, so a screen can highlight exactly what the search found (the index stems
words with the Porter stemmer: ``troop`` finds ``troops``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, replace
from typing import Any

from store.claimant_index import figures_by_claimant
from store.extract.models import Evidence, evidence_from_json
from store.extract.sentences import split_sentences

_START, _STOP = "\x01", "\x02"  # highlight markers; cleaned bodies never contain them
_CHUNK = re.compile(r'"([^"]*)"(\*?)|([^\s"]+)')
_TOKEN = re.compile(r"[^\W_]+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
MAX_PHRASES = 32

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


def _spans_from_marked(marked: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for ch in marked:
        if ch == _START:
            start = pos
        elif ch == _STOP:
            if start is not None and pos > start:
                spans.append((start, pos))
            start = None
        else:
            pos += 1
    return spans


def _marked_bodies(db, match: str, article_ids: list[int] | None = None) -> dict[int, str]:
    sql = (
        "SELECT rowid, highlight(articles_fts, 1, char(1), char(2)) FROM articles_fts"
        " WHERE articles_fts MATCH ?"
    )
    params: list[Any] = [match]
    if article_ids is not None:
        sql += f" AND rowid IN ({', '.join('?' * len(article_ids))})"
        params += article_ids
    return {int(r[0]): r[1] or "" for r in db.execute(sql, params).fetchall()}


def match_spans(db, article_id: int, text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets in the article's body of the terms that ``text`` (user
    search text, made safe with :func:`fts_query`) matches; [] when it does not match."""
    match = fts_query(text)
    if match is None:
        return []
    marked = _marked_bodies(db, match, [article_id]).get(article_id)
    return _spans_from_marked(marked) if marked else []


def _matching_spans(db, search: str | None) -> dict[int, list[tuple[int, int]]] | None:
    """Matched body spans per matching article; None when there is no search."""
    if search is None:
        return None
    match = fts_query(search)
    if match is None:
        return {}
    return {aid: _spans_from_marked(m) for aid, m in _marked_bodies(db, match).items()}


def _in_sentence(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start <= s < end for s, _ in spans)


# --- records -----------------------------------------------------------------------


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


def list_articles(db, search: str | None = None, language: str | None = None) -> list[ArticleRow]:
    """Articles in ingest order; with ``search``, only those the full-text search matches;
    with ``language`` (ISO 639-1), only those written in it."""
    sql = f"SELECT {_ARTICLE_COLUMNS}, a.duplicate_of, a.extractor_version FROM articles a"
    clauses: list[str] = []
    params: list[Any] = []
    if search is not None:
        match = fts_query(search)
        if match is None:
            return []
        clauses.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(match)
    if language is not None:
        clauses.append("a.language = ?")
        params.append(language.lower())
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY a.id"
    return [
        replace(_article(r), duplicate_of=r[11], extractor_version=r[12])
        for r in db.execute(sql, params).fetchall()
    ]


def get_article(db, article_id: int) -> ArticleDetail | None:
    row = db.execute(
        f"SELECT {_ARTICLE_COLUMNS}, a.body FROM articles a WHERE a.id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    return ArticleDetail(**asdict(_article(row)), body=row[11])


def list_figures(
    db, search: str | None = None, article_id: int | None = None, language: str | None = None
) -> list[FigureRow]:
    """Figures by article, then position. With ``search``: figures whose sentence holds a
    term the full-text search matched (in articles it matches), or whose claimant does
    ("Budanov" also finds the figures of "He added that ...")."""
    sql = (
        "SELECT f.id, f.article_id, a.source, a.title, a.published, f.text, f.start_pos,"
        " f.end_pos, f.value, f.high, f.qualifier, f.unit, f.actor, f.claimant,"
        " f.claimant_start, f.claimant_end, f.hedged, f.vague, f.date,"
        " substr(a.body, f.sentence_start + 1, f.sentence_end - f.sentence_start),"
        " f.sentence_start, f.sentence_end, f.claimant_canonical, f.evidence"
        " FROM figures f JOIN articles a ON a.id = f.article_id"
    )
    spans = _matching_spans(db, search)
    where, params = _filters("f", article_id, spans, language)
    rows = db.execute(sql + where + " ORDER BY f.article_id, f.start_pos, f.id", params)
    rows = rows.fetchall()
    by_claimant = figures_by_claimant(db, search, article_id, language)
    if by_claimant:
        seen = {r[0] for r in rows}
        extra = sorted(by_claimant - seen)
        for i in range(0, len(extra), 500):
            part = extra[i : i + 500]
            rows += db.execute(sql + f" WHERE f.id IN ({', '.join('?' * len(part))})", part)
        rows.sort(key=lambda r: (r[1], r[6], r[0]))
    out = []
    for r in rows:
        if spans is not None and r[0] not in by_claimant:
            hits = spans.get(r[1], [])
            in_claimant = r[14] is not None and _in_sentence(hits, r[14], r[15])
            if not (_in_sentence(hits, r[20], r[21]) or in_claimant):
                continue
        out.append(
            FigureRow(
                *r[:16],
                hedged=bool(r[16]),
                vague=bool(r[17]),
                date=r[18],
                sentence=r[19],
                sentence_start=r[20],
                sentence_end=r[21],
                claimant_canonical=r[22],
                evidence=evidence_from_json(r[23]),
            )
        )
    return out


def list_timeline(
    db, search: str | None = None, article_id: int | None = None, language: str | None = None
) -> list[EventRow]:
    """Date expressions in date order (first day of their period), then article and
    position. ``search`` filters as in :func:`list_figures`."""
    sql = (
        "SELECT d.id, d.article_id, a.source, a.title, a.published, d.text, d.start_pos,"
        " d.end_pos, d.value, d.end_value, d.granularity, d.sort_key,"
        " substr(a.body, d.sentence_start + 1, d.sentence_end - d.sentence_start),"
        " d.sentence_start, d.sentence_end"
        " FROM dates d JOIN articles a ON a.id = d.article_id"
    )
    spans = _matching_spans(db, search)
    where, params = _filters("d", article_id, spans, language)
    rows = db.execute(sql + where + " ORDER BY d.sort_key, d.article_id, d.start_pos", params)
    return [
        EventRow(*r)
        for r in rows.fetchall()
        if spans is None or _in_sentence(spans.get(r[1], []), r[13], r[14])
    ]


def _filters(
    alias: str, article_id: int | None, spans: dict | None, language: str | None = None
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if language is not None:
        clauses.append("a.language = ?")
        params.append(language.lower())
    if article_id is not None:
        clauses.append(f"{alias}.article_id = ?")
        params.append(article_id)
    if spans is not None:
        ids = sorted(spans)
        if not ids:
            clauses.append("0")
        else:
            clauses.append(f"{alias}.article_id IN ({', '.join('?' * len(ids))})")
            params += ids
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def search_articles(db, q: str, limit: int | None = None) -> list[SearchHit]:
    """Articles matching ``q`` (best first, by FTS5 rank) with their matching sentences."""
    match = fts_query(q)
    if match is None:
        return []
    sql = (
        f"SELECT {_ARTICLE_COLUMNS}, a.body,"
        " highlight(articles_fts, 1, char(1), char(2))"
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank, a.id"
    )
    params: list[Any] = [match]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    hits = []
    for r in db.execute(sql, params).fetchall():
        body, spans = r[11], _spans_from_marked(r[12] or "")
        sentences = tuple(
            SentenceHit(s.start, s.end, s.text)
            for s in split_sentences(body)
            if _in_sentence(spans, s.start, s.end)
        )
        hits.append(SearchHit(_article(r), sentences, tuple(spans)))
    return hits
