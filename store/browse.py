"""Windowed read queries for the dashboard: counts and pages of long lists.

The dashboard never loads a whole list: it asks for the number of rows that match
(``count_*``) and then for the window it is about to paint (``page_*``, offset +
limit over a stable order that an index serves where the schema has one). Every
function takes any DB-API connection (``sqlite3.Connection`` or
``sqlite_utils.Database``) and a :class:`ListQuery` (the records are
``store.browse_records``); ``match`` is an FTS5 expression
that is already safe (``store.queries.fts_query``), never raw user text.

No Textual or Rich here: this module is plain data access, usable from threads.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from store import fts
from store.browse_records import (  # noqa: F401  (re-exported: the records of these reads)
    FIGURE_SORTS,
    ArticleLine,
    ArticleView,
    FigureContext,
    FigureLine,
    FigureWhy,
    ListQuery,
    Span,
    TimelineLine,
)
from store.extract.models import evidence_from_json

# --------------------------------------------------------------------------- filters


def _where(
    q: ListQuery, article_col: str, *extra: str, claimant_col: str | None = None
) -> tuple[str, list[Any]]:
    clauses: list[str] = list(extra)
    params: list[Any] = []
    if q.article_id is not None:
        clauses.append(f"{article_col} = ?")
        params.append(q.article_id)
    if q.match:
        ids, ids_params = fts.ids_sql(q.match)  # prefix terms: the unstemmed index
        clause = f"{article_col} IN ({ids})"
        if claimant_col and q.claimants:
            marks = ", ".join("?" * len(q.claimants))
            clause = f"({clause} OR {claimant_col} IN ({marks}))"
            ids_params = [*ids_params, *q.claimants]
        clauses.append(clause)
        params += ids_params
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _scalar(conn: Any, sql: str, params: list[Any]) -> int:
    row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


# --------------------------------------------------------------------------- search hits

# Above this many matching articles a search filters lists by article, not sentence:
# finding hit offsets costs a highlight() pass over every matching body.
SENTENCE_FILTER_LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class Plan:
    """How a list finds its rows: ``ids`` precomputed (a search filtered to sentences
    with hits) or None (windows straight from SQL)."""

    total: int
    ids: array | None
    sentence_level: bool


def search_hits(
    conn: Any, match: str, limit: int | None = None
) -> dict[int, list[tuple[int, int]]] | None:
    """Body offsets of the terms ``match`` hits, per matching article; None when more
    than ``limit`` (default :data:`SENTENCE_FILTER_LIMIT`) articles match."""
    limit = SENTENCE_FILTER_LIMIT if limit is None else limit
    if fts.count(conn, match) > limit:
        return None
    return fts.all_hit_spans(conn, match)


def _holds_hit(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, -1))
    return i < len(spans) and spans[i][0] < end


def _ids_in_hit_sentences(
    conn: Any,
    table: str,
    parts: list[Part],
    hits: dict[int, list[tuple[int, int]]],
    claimants: tuple[str, ...] = (),
) -> array:
    """Ids, in list order, of the rows whose sentence holds a search hit (for figures,
    also those whose claimant is a hit: "Budanov" finds what "He added" said)."""
    alias = table.split()[-1]
    cols = f"{alias}.id, {alias}.article_id, {alias}.sentence_start, {alias}.sentence_end"
    claims = table.split()[0] == "figures"
    if claims:
        cols += f", {alias}.claimant_start, {alias}.claimant_end, {alias}.claimant_canonical"
    out = array("q")
    for where, params, order in parts:
        for row in conn.execute(f"SELECT {cols} FROM {table} {where} {order}", params):
            rid, aid, s0, s1 = row[:4]
            spans = hits.get(aid)
            if (spans and (
                _holds_hit(spans, s0, s1)
                or (claims and row[4] is not None and _holds_hit(spans, row[4], row[5]))
            )) or (claims and row[6] is not None and row[6] in claimants):  # fmt: skip
                out.append(rid)
    return out


# --------------------------------------------------------------------------- articles

_ARTICLE_ORDER = "ORDER BY a.published IS NULL, a.published DESC, a.id DESC"


def count_articles(conn: Any, q: ListQuery) -> int:
    where, params = _where(q.with_(article_id=None), "a.id")
    return _scalar(conn, f"SELECT count(*) FROM articles a {where}", params)


def page_articles(conn: Any, q: ListQuery, offset: int, limit: int) -> list[ArticleLine]:
    """Articles newest first (undated last), rows ``offset`` .. ``offset + limit``."""
    where, params = _where(q.with_(article_id=None), "a.id")
    rows = conn.execute(
        "SELECT a.id, a.title, a.source, a.source_name, a.published, a.published_inferred,"
        f" a.n_figures, a.language, a.duplicate_of, a.unseen, a.revision FROM articles a"
        f" {where} {_ARTICLE_ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [
        ArticleLine(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            bool(r[5]),
            int(r[6] or 0),
            language=r[7],
            duplicate_of=r[8],
            unseen=bool(r[9]),
            revision=r[10] or 1,
        )  # fmt: skip
        for r in rows
    ]


def article_position(conn: Any, q: ListQuery, article_id: int) -> int | None:
    """Where ``article_id`` now sits in :func:`page_articles` order for ``q``; None if
    it is no longer listed. Lets a list reloaded after an ingest keep its cursor on
    the same article."""
    where, params = _where(q.with_(article_id=None), "a.id", "a.id = ?")
    row = conn.execute(
        f"SELECT a.published FROM articles a {where}", [article_id, *params]
    ).fetchone()
    if row is None:
        return None
    published = row[0]
    if published is not None:
        before = "a.published IS NOT NULL AND (a.published > ? OR (a.published = ? AND a.id > ?))"
        extra = [published, published, article_id]
    else:
        before = "a.published IS NOT NULL OR a.id > ?"
        extra = [article_id]
    where, params = _where(q.with_(article_id=None), "a.id", f"({before})")
    return _scalar(conn, f"SELECT count(*) FROM articles a {where}", [*extra, *params])


# --------------------------------------------------------------------------- figures

_FIGURE_COLS = (
    "f.id, f.article_id, f.text, f.start_pos, f.end_pos, f.value, f.high, f.qualifier,"
    " f.unit, f.actor, f.claimant, f.hedged, f.vague, f.date, f.sentence_start,"
    " f.sentence_end, a.title, a.published"
)

_FIGURE_ORDER = {
    # Directions chosen so the figures_article / figures_value indexes serve the order.
    "article": "ORDER BY f.article_id DESC, f.start_pos",
    "value": "ORDER BY f.value DESC, f.id DESC",
}
# Sorts on a column that may be NULL: the rows that have it (in its order), then the
# rest. Two plain ordered scans instead of one ``x IS NULL, x`` order, so an index on
# the column (see the note in the report / schema) can serve both halves.
_SPLIT_ORDER = {
    "date": (
        "f.date",
        "ORDER BY f.date, f.article_id, f.start_pos",
        "ORDER BY f.article_id, f.start_pos",
    ),
    "claimant": (
        "f.claimant_canonical",
        "ORDER BY f.claimant_canonical COLLATE NOCASE, f.id",
        "ORDER BY f.id",
    ),
}


def _figure_line(r: tuple) -> FigureLine:
    return FigureLine(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
        bool(r[11]), bool(r[12]), r[13], r[14], r[15], r[16], r[17],
    )  # fmt: skip


_CLAIMANT = "f.claimant_canonical"  # a figures search also keeps ListQuery.claimants


def count_figures(conn: Any, q: ListQuery) -> int:
    where, params = _where(q, "f.article_id", claimant_col=_CLAIMANT)
    return _scalar(conn, f"SELECT count(*) FROM figures f {where}", params)


def _window_ids(conn: Any, sql: str, params: list[Any], offset: int, limit: int) -> list[int]:
    """Ids of one window: the offset is walked on the table (or its index) alone, and
    only the rows kept are joined afterwards (a "deferred join"); joining first made
    a window deep in a million rows cost over a second instead of milliseconds."""
    return [r[0] for r in conn.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])]


def _by_ids(conn: Any, sql: str, ids: list[int]) -> dict[int, tuple]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r[0]: r for r in conn.execute(sql.format(ids=marks), ids)}


# A list's order as consecutive parts, each (where, params, order) over one table.
Part = tuple[str, list[Any], str]


def _figure_parts(q: ListQuery) -> list[Part]:
    if q.sort in _SPLIT_ORDER:
        column, present_order, missing_order = _SPLIT_ORDER[q.sort]
        w1, p1 = _where(q, "f.article_id", f"{column} IS NOT NULL", claimant_col=_CLAIMANT)
        w2, p2 = _where(q, "f.article_id", f"{column} IS NULL", claimant_col=_CLAIMANT)
        return [(w1, p1, present_order), (w2, p2, missing_order)]
    where, params = _where(q, "f.article_id", claimant_col=_CLAIMANT)
    if q.article_id is not None and q.sort == "article":
        return [(where, params, "ORDER BY f.start_pos")]
    return [(where, params, _FIGURE_ORDER.get(q.sort, _FIGURE_ORDER["article"]))]


def _parts_window(conn: Any, table: str, parts: list[Part], offset: int, limit: int) -> list[int]:
    ids: list[int] = []
    for i, (where, params, order) in enumerate(parts):
        if len(ids) >= limit:
            break
        if i < len(parts) - 1:
            n = _scalar(conn, f"SELECT count(*) FROM {table} {where}", params)
            if offset >= n:
                offset -= n
                continue
            take = min(limit - len(ids), n - offset)
        else:
            take = limit - len(ids)
        alias = table.split()[-1]
        sql = f"SELECT {alias}.id FROM {table} {where} {order}"
        ids += _window_ids(conn, sql, params, offset, take)
        offset = 0
    return ids


def _figures_by_ids(conn: Any, ids: list[int]) -> list[FigureLine]:
    rows = _by_ids(
        conn,
        f"SELECT {_FIGURE_COLS} FROM figures f JOIN articles a ON a.id = f.article_id"
        " WHERE f.id IN ({ids})",
        ids,
    )
    return [_figure_line(rows[i]) for i in ids if i in rows]


def page_figures(
    conn: Any, q: ListQuery, offset: int, limit: int, plan: Plan | None = None
) -> list[FigureLine]:
    """Figures of one article (body order) or of all, in ``q.sort`` order.

    With a ``plan`` from :func:`plan_figures` that holds ids, the window is cut from
    them; otherwise it is read from SQL (offset over an index, then a deferred join).
    """
    if plan is not None and plan.ids is not None:
        return _figures_by_ids(conn, list(plan.ids[offset : offset + limit]))
    return _figures_by_ids(conn, _parts_window(conn, "figures f", _figure_parts(q), offset, limit))


def plan_figures(conn: Any, q: ListQuery) -> Plan:
    """How to list ``q``'s figures. With a search that matches few enough articles,
    only figures whose sentence holds a hit (as ``nkwatch figures --search``)."""
    hits = search_hits(conn, q.match) if q.match else None
    if hits is None:
        return Plan(count_figures(conn, q), None, sentence_level=False)
    ids = _ids_in_hit_sentences(conn, "figures f", _figure_parts(q), hits, q.claimants)
    return Plan(len(ids), ids, sentence_level=True)


def figure_context(conn: Any, figure_id: int) -> FigureContext | None:
    """A figure with its whole sentence and where the article came from."""
    r = conn.execute(
        f"SELECT {_FIGURE_COLS}, substr(a.body, f.sentence_start + 1,"
        " f.sentence_end - f.sentence_start), a.source, a.source_name"
        " FROM figures f JOIN articles a ON a.id = f.article_id WHERE f.id = ?",
        [figure_id],
    ).fetchone()
    if r is None:
        return None
    return FigureContext(_figure_line(r[:18]), r[18], r[19], r[20])


# --------------------------------------------------------------------------- timeline

_TIMELINE_COLS = (
    "d.id, d.article_id, d.text, d.start_pos, d.end_pos, d.value, d.end_value,"
    " d.granularity, d.sentence_start, d.sentence_end, a.title,"
    " substr(a.body, d.sentence_start + 1, d.sentence_end - d.sentence_start), a.source"
)


def count_timeline(conn: Any, q: ListQuery) -> int:
    where, params = _where(q, "d.article_id")
    return _scalar(conn, f"SELECT count(*) FROM dates d {where}", params)


def _timeline_parts(q: ListQuery) -> list[Part]:
    where, params = _where(q, "d.article_id")
    return [(where, params, "ORDER BY d.sort_key, d.article_id, d.start_pos")]


def page_timeline(
    conn: Any, q: ListQuery, offset: int, limit: int, plan: Plan | None = None
) -> list[TimelineLine]:
    """Date expressions in date order (the dates_sort index), earliest first.

    Only resolved date expressions are rows, so articles without any never show up.
    """
    if plan is not None and plan.ids is not None:
        ids = list(plan.ids[offset : offset + limit])
    else:
        ids = _parts_window(conn, "dates d", _timeline_parts(q), offset, limit)
    rows = _by_ids(
        conn,
        f"SELECT {_TIMELINE_COLS} FROM dates d JOIN articles a ON a.id = d.article_id"
        " WHERE d.id IN ({ids})",
        ids,
    )
    return [TimelineLine(*rows[i]) for i in ids if i in rows]


def plan_timeline(conn: Any, q: ListQuery) -> Plan:
    """As :func:`plan_figures`, for date expressions."""
    hits = search_hits(conn, q.match) if q.match else None
    if hits is None:
        return Plan(count_timeline(conn, q), None, sentence_level=False)
    ids = _ids_in_hit_sentences(conn, "dates d", _timeline_parts(q), hits)
    return Plan(len(ids), ids, sentence_level=True)


def timeline_entry(conn: Any, date_id: int) -> TimelineLine | None:
    r = conn.execute(
        f"SELECT {_TIMELINE_COLS} FROM dates d JOIN articles a ON a.id = d.article_id"
        " WHERE d.id = ?",
        [date_id],
    ).fetchone()
    return TimelineLine(*r) if r else None


# --------------------------------------------------------------------------- reader


def article_view(conn: Any, article_id: int) -> ArticleView | None:
    """The body of one article and every figure, claimant and date span in it."""
    a = conn.execute(
        "SELECT id, title, body, source, source_name, published, published_inferred, language,"
        " revision, unseen FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if a is None:
        return None
    spans: list[Span] = []
    why: dict[int, FigureWhy] = {}
    for r in conn.execute(
        "SELECT id, start_pos, end_pos, hedged, vague, claimant_start, claimant_end,"
        " sentence_start, sentence_end, text, qualifier, claimant, date, unit, actor, evidence"
        " FROM figures WHERE article_id = ? ORDER BY start_pos",
        [article_id],
    ):
        fid, start, end, hedged, vague, c_start, c_end, s_start, s_end = r[:9]
        why[fid] = FigureWhy(
            r[9], r[10], bool(hedged), r[11], r[12], r[13], r[14], evidence_from_json(r[15])
        )
        kind = "hedged" if hedged else "vague" if vague else "figure"
        spans.append(Span(start, end, kind, fid, s_start, s_end))
        if c_start is not None and c_end is not None and c_end > c_start:
            spans.append(Span(c_start, c_end, "claimant", fid, s_start, s_end))
    for r in conn.execute(
        "SELECT id, start_pos, end_pos, sentence_start, sentence_end FROM dates"
        " WHERE article_id = ? ORDER BY start_pos",
        [article_id],
    ):
        spans.append(Span(r[1], r[2], "date", r[0], r[3], r[4]))
    body = a[2]
    spans = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    spans.sort(key=attrgetter("start", "end"))  # C, not a lambda: 33k spans in a 2 MB article
    from store.revisions import changed_figures, descriptions

    changed = changed_figures(conn, article_id) if (a[8] or 1) > 1 else {}
    return ArticleView(
        a[0], a[1], body, a[3], a[4], a[5], bool(a[6]), tuple(spans), a[7],
        revision=a[8] or 1, unseen=bool(a[9]),
        changes=descriptions(changed.values()), changed=frozenset(changed),
        why=why,
    )  # fmt: skip
