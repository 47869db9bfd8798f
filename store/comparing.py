"""Reading quantities and claims: records for the CLI, exports and the dashboard.

The writes (indexing, merges, splits, counts) are ``store.quantities``; here every
function only reads, so the dashboard's read-only connections can call them from
worker threads. ``as_contract`` gives the keys CONTRACT.md fixes ("Comparing sources"),
then extras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from store import fts
from store.compare.claims import Claim, build_claims
from store.compare.summary import claim_amount, summarize
from store.quantities import facts, resolve_id
from store.queries import _num, fts_query

QUANTITY_KEYS = (
    "id", "name", "actor", "unit_class", "n_claims", "n_figures", "n_sources",
)  # fmt: skip
CLAIM_KEYS = (
    "quantity_id", "value", "high", "qualifier", "hedged", "claimant", "date",
    "first_reported", "last_reported", "n_sources", "figures", "articles", "label",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class QuantityRow:
    id: int
    name: str
    actor: str | None
    unit_class: str
    n_claims: int
    n_figures: int
    n_sources: int
    summary: str
    stale: bool = False

    def as_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "actor": self.actor,
            "unit_class": self.unit_class,
            "n_claims": self.n_claims,
            "n_figures": self.n_figures,
            "n_sources": self.n_sources,
            "summary": self.summary,
        }

    to_json = as_contract


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one figure of a claim was read: article, outlet, URL, sentence, offsets."""

    figure_id: int
    article_id: int
    title: str
    source: str
    outlet: str | None
    published: str | None
    text: str
    start: int
    end: int
    claimant: str | None  # as written
    sentence_start: int
    sentence_end: int
    duplicate_of: int | None
    sentence: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "figure_id": self.figure_id,
            "article_id": self.article_id,
            "title": self.title,
            "source": self.source,
            "outlet": self.outlet,
            "published": self.published,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "claimant_as_written": self.claimant,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "duplicate_of": self.duplicate_of,
        }


@dataclass(frozen=True, slots=True)
class QuantityDetail:
    quantity: QuantityRow
    claims: list[Claim]
    sources: dict[int, Provenance]  # figure id -> where it was read

    def claim_sources(self, claim: Claim) -> list[Provenance]:
        return [self.sources[i] for i in claim.figures if i in self.sources]

    def claim_record(self, claim: Claim, with_sources: bool = True) -> dict[str, Any]:
        """CONTRACT.md's claim keys, in order, then extras."""
        record: dict[str, Any] = {
            "quantity_id": self.quantity.id,
            "value": _num(claim.value),
            "high": _num(claim.high),
            "qualifier": claim.qualifier,
            "hedged": claim.hedged,
            "claimant": claim.claimant,
            "date": claim.date,
            "first_reported": claim.first_reported,
            "last_reported": claim.last_reported,
            "n_sources": claim.n_sources,
            "figures": list(claim.figures),
            "articles": list(claim.articles),
            "label": claim.label,
            "amount": claim_amount(claim, self.quantity.unit_class),
            "claimants": list(claim.claimants),
            "scope": claim.scope,
            "place": claim.place,
            "dated_by": claim.dated_by,
            "note": claim.note,
            "quantity": self.quantity.name,
        }
        if with_sources:
            record["sources"] = [p.as_json() for p in self.claim_sources(claim)]
        return record


_Q_COLS = "id, name, actor, unit_class, n_claims, n_figures, n_sources, summary, stale"


def _row(r: Any) -> QuantityRow:
    return QuantityRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]))


_ORDER = "ORDER BY n_claims DESC, n_figures DESC, id"


def get_quantity(conn: Any, quantity_id: int) -> QuantityRow | None:
    qid = resolve_id(conn, quantity_id)
    if qid is None:
        return None
    r = conn.execute(f"SELECT {_Q_COLS} FROM quantities WHERE id = ?", [qid]).fetchone()
    return _row(r) if r else None


def matching_quantity_ids(conn: Any, search: str) -> list[int]:
    """Quantities, in rank order, with a figure whose sentence (or claimant) matches
    ``search`` (as ``figures --search``), or whose name or canonical claimant holds
    every word of it."""
    from store import browse

    match = fts_query(search)
    if match is None:
        return []
    ids: set[int] = set()
    hits = browse.search_hits(conn, match)
    if hits is None:  # too many articles for sentence-level: whole articles
        ids_sql, ids_params = fts.ids_sql(match)
        rows = conn.execute(
            f"SELECT DISTINCT f.quantity_id FROM figures f WHERE f.article_id IN ({ids_sql})",
            ids_params,
        )
        ids |= {r[0] for r in rows if r[0] is not None}
    else:
        aids = sorted(hits)
        for i in range(0, len(aids), 500):
            part = aids[i : i + 500]
            for qid, aid, s0, s1, c0, c1 in conn.execute(
                "SELECT quantity_id, article_id, sentence_start, sentence_end, claimant_start,"
                f" claimant_end FROM figures WHERE article_id IN ({', '.join('?' * len(part))})",
                part,
            ):
                spans = hits[aid]
                if qid is not None and any(
                    s0 <= a < s1 or (c0 is not None and c0 <= a < c1) for a, _ in spans
                ):
                    ids.add(qid)
    words = [w for w in re.findall(r"\w+", search.lower()) if w not in ("and", "or", "not")]
    if words:
        like = " AND ".join("lower(name) LIKE ?" for _ in words)
        ids |= {
            r[0]
            for r in conn.execute(
                f"SELECT id FROM quantities WHERE {like}", [f"%{w}%" for w in words]
            )
        }
        like = " AND ".join("lower(claimant_canonical) LIKE ?" for _ in words)
        ids |= {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT quantity_id FROM figures WHERE claimant_canonical IS NOT"
                f" NULL AND {like}",
                [f"%{w}%" for w in words],
            )
            if r[0] is not None
        }
    if not ids:
        return []
    rank = {}
    for r in conn.execute(f"SELECT id FROM quantities WHERE n_figures > 0 {_ORDER}"):
        if r[0] in ids:
            rank[r[0]] = len(rank)
    return sorted((i for i in ids if i in rank), key=rank.__getitem__)


def count_quantities(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM quantities WHERE n_figures > 0").fetchone()[0])


def page_quantities(
    conn: Any, offset: int, limit: int, ids: list[int] | None = None
) -> list[QuantityRow]:
    """Quantities, most claims first (``ids``: only those, in that order)."""
    if ids is not None:
        part = ids[offset : offset + limit]
        if not part:
            return []
        marks = ", ".join("?" * len(part))
        rows = {
            r[0]: _row(r)
            for r in conn.execute(f"SELECT {_Q_COLS} FROM quantities WHERE id IN ({marks})", part)
        }
        return [rows[i] for i in part if i in rows]
    return [
        _row(r)
        for r in conn.execute(
            f"SELECT {_Q_COLS} FROM quantities WHERE n_figures > 0 {_ORDER} LIMIT ? OFFSET ?",
            [limit, offset],
        )
    ]


def list_quantities(conn: Any, search: str | None = None) -> list[QuantityRow]:
    ids = matching_quantity_ids(conn, search) if search is not None else None
    return page_quantities(conn, 0, 1 << 62, ids)


def provenance(conn: Any, quantity_id: int, sentences: bool = False) -> dict[int, Provenance]:
    sentence = (
        "substr(a.body, f.sentence_start + 1, f.sentence_end - f.sentence_start)"
        if sentences
        else "''"
    )
    rows = conn.execute(
        "SELECT f.id, f.article_id, a.title, a.source, a.source_name, a.published, f.text,"
        " f.start_pos, f.end_pos, f.claimant, f.sentence_start, f.sentence_end,"
        f" a.duplicate_of, {sentence} FROM figures f JOIN articles a ON a.id = f.article_id"
        " WHERE f.quantity_id = ?",
        [quantity_id],
    )
    return {r[0]: Provenance(*r) for r in rows}


def quantity_detail(conn: Any, quantity_id: int, sentences: bool = False) -> QuantityDetail | None:
    """A quantity with its claims in time order and where each figure was read."""
    q = get_quantity(conn, quantity_id)
    if q is None:
        return None
    fs = facts(conn, q.id)
    claims = build_claims(fs)
    # Counts and summary as of now (the stored ones may wait for a refresh).
    fresh = replace(
        q,
        n_claims=len(claims),
        n_figures=len(fs),
        n_sources=len({f.source_key for f in fs}),
        summary=summarize(claims, q.unit_class) if claims else "",
    )
    return QuantityDetail(fresh, claims, provenance(conn, q.id, sentences))


def quantity_of_figure(conn: Any, figure_id: int) -> int | None:
    row = conn.execute("SELECT quantity_id FROM figures WHERE id = ?", [figure_id]).fetchone()
    return int(row[0]) if row and row[0] is not None else None
