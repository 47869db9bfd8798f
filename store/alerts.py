"""Watch rules and the alerts they raise.

A rule follows a search (``Kursk casualties``: the figures a full-text search for it
keeps, as ``nkwatch figures --search`` does) or a quantity (``North Korea · troops``:
the figures :mod:`store.quantities` put in it, claimants canonical). When the watch stores an
article (or a new revision of one), :func:`check_article` looks at each of its figures
that belongs to a rule and compares it with what was known before, among the rule's
figures of the same unit: a value above every earlier one is a **new high**; a claimant
nobody had cited for it is a **new claimant**; another claimant's different value for the
same date is a **conflict**. A figure with no earlier figure of its unit raises nothing
(there is nothing to be outside of), nor does a hedged one ("may send up to ...") or a
vague one ("thousands of"); neither counts as known either.

:func:`check_article` runs inside the transaction that stores the article, so an alert
exists exactly when its article does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from store.db import sqlite_utils  # without numpy: see store.db
from store.queries import fts_query, list_figures
from store.revisions import with_unit

KINDS = ("new high", "new claimant", "conflict")


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    kind: str  # search | quantity
    query: str | None
    quantity_id: int | None
    created_at: str
    quantity_name: str | None = None  # 'North Korea · troops', for a quantity rule

    @property
    def name(self) -> str:
        return self.query or self.quantity_name or f"quantity {self.quantity_id}"

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "query": self.query,
            "quantity_id": self.quantity_id,
            "name": self.name,
            "created_at": self.created_at,
        }


@dataclass(frozen=True, slots=True)
class Alert:
    id: int
    rule_id: int | None
    rule: str
    article_id: int
    figure_id: int | None
    kind: str
    message: str
    value: float
    high: float | None
    unit: str
    claimant: str | None
    known: dict[str, Any]
    sentence: str
    created_at: str
    seen: bool
    source: str
    title: str

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule_id": self.rule_id,
            "rule": self.rule,
            "kind": self.kind,
            "message": self.message,
            "article_id": self.article_id,
            "figure_id": self.figure_id,
            "value": _num(self.value),
            "high": _num(self.high),
            "unit": self.unit,
            "claimant": self.claimant,
            "known": self.known,
            "sentence": self.sentence,
            "source": self.source,
            "title": self.title,
            "created_at": self.created_at,
            "seen": self.seen,
        }


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- rules


def add_rule(
    db: sqlite_utils.Database, query: str | None = None, quantity_id: int | None = None
) -> tuple[Rule, bool]:
    """A rule following ``query`` (a search) or ``quantity_id``; (rule, True if new).
    ValueError when the search has no words or there is no such quantity."""
    if quantity_id is None:
        if fts_query(query) is None:
            raise ValueError(f"nothing to search for in {query!r} (no words)")
        query = " ".join((query or "").split())
        kind = "search"
    else:
        from store.quantities import resolve_id

        found = resolve_id(db, quantity_id)
        if found is None:
            raise ValueError(f"no quantity {quantity_id} (nkwatch quantities lists them)")
        kind, query, quantity_id = "quantity", None, found
    with db.atomic():
        row = db.execute(
            "SELECT id, kind, query, quantity_id, created_at FROM watch_rules"
            " WHERE kind = ? AND coalesce(query, '') = coalesce(?, '')"
            " AND coalesce(quantity_id, -1) = coalesce(?, -1)",
            [kind, query, quantity_id],
        ).fetchone()
        if row is not None:
            return get_rule(db, row[0]), False  # type: ignore[return-value]
        cur = db.execute(
            "INSERT INTO watch_rules (kind, query, quantity_id, created_at) VALUES (?, ?, ?, ?)",
            [kind, query, quantity_id, _now()],
        )
        rule_id = int(cur.lastrowid)
    return get_rule(db, rule_id), True  # type: ignore[return-value]


_RULE_SQL = (
    "SELECT r.id, r.kind, r.query, r.quantity_id, r.created_at, q.name FROM watch_rules r"
    " LEFT JOIN quantities q ON q.id = r.quantity_id"
)


def get_rule(db: Any, rule_id: int) -> Rule | None:
    row = db.execute(_RULE_SQL + " WHERE r.id = ?", [rule_id]).fetchone()
    return Rule(*row) if row else None


def list_rules(db: Any) -> list[Rule]:
    return [Rule(*r) for r in db.execute(_RULE_SQL + " ORDER BY r.id").fetchall()]


def remove_rule(db: sqlite_utils.Database, rule_id: int) -> Rule | None:
    """Delete a rule and its alerts; the rule, or None when there is no such rule."""
    rule = get_rule(db, rule_id)
    if rule is not None:
        with db.atomic():
            db.execute("DELETE FROM watch_rules WHERE id = ?", [rule_id])
    return rule


# --------------------------------------------------------------------------- checking


def _unit_key(figure: Any) -> str:
    return (figure.unit or "").casefold()


def _top(figure: Any) -> float:
    return figure.high if figure.high is not None else figure.value


def _overlap(a: Any, b: Any) -> bool:
    return a.value <= _top(b) and b.value <= _top(a)


def _said(figure: Any) -> str:
    """``23 deaths (Reuters, article 4)``: an earlier figure as an alert cites it."""
    who = f"{figure.claimant}, " if figure.claimant else ""
    where = f"article {figure.article_id}"
    if getattr(figure, "revision", None):
        where += f", revision {figure.revision}"
    return f"{with_unit(figure.text, figure.unit)} ({who}{where})"


def _judge(figure: Any, known: list[Any], by_unit: bool = True) -> tuple[str, str, Any] | None:
    """(kind, why, the known figure it is measured against) or None. A search rule
    compares figures of the same unit; a quantity already is one kind of thing."""
    group = [
        k
        for k in known
        if (not by_unit or _unit_key(k) == _unit_key(figure)) and not (k.hedged or k.vague)
    ]
    if not group or figure.hedged or figure.vague:
        return None
    top = max(group, key=_top)
    if _top(figure) > _top(top):
        return "new high", f"above the highest known, {_said(top)}", top
    claimant = (figure.claimant or "").casefold()
    if claimant and claimant not in {(k.claimant or "").casefold() for k in group}:
        return "new claimant", f"first figure from {figure.claimant}; known: {_said(top)}", top
    if figure.date:
        for k in group:
            if k.date == figure.date and (k.claimant or "") != (figure.claimant or ""):
                if not _overlap(k, figure):
                    return "conflict", f"{_said(k)} for the same date ({figure.date})", k
    return None


def _previous_version(db: Any, article_id: int) -> list[Any]:
    """The figures of the article's version before this one (a revision), as known."""
    row = db.execute(
        "SELECT number, figures FROM revisions WHERE article_id = ? ORDER BY number DESC LIMIT 1",
        [article_id],
    ).fetchone()
    if row is None:
        return []
    out = []
    for f in json.loads(row[1] or "[]"):
        out.append(_Known(article_id, f["text"], f["value"], f.get("high"), f["unit"],
                          f.get("claimant"), bool(f.get("hedged")), bool(f.get("vague")),
                          f.get("date"), f.get("actor"), revision=int(row[0])))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class _Known:
    article_id: int
    text: str
    value: float
    high: float | None
    unit: str
    claimant: str | None
    hedged: bool
    vague: bool
    date: str | None
    actor: str | None = None
    revision: int | None = None  # the article's earlier version it comes from
    id: int | None = None
    sentence: str = ""


def _quantity_figures(db: Any, quantity_id: int | None) -> list[_Known]:
    """The figures of a quantity (following merges), claimants canonical."""
    from store.quantities import resolve_id

    qid = resolve_id(db, quantity_id) if quantity_id is not None else None
    if qid is None:
        return []
    rows = db.execute(
        "SELECT f.article_id, f.text, f.value, f.high, f.unit,"
        " coalesce(f.claimant_canonical, f.claimant), f.hedged, f.vague, f.date, f.actor, f.id,"
        " substr(a.body, f.sentence_start + 1, f.sentence_end - f.sentence_start)"
        " FROM figures f JOIN articles a ON a.id = f.article_id WHERE f.quantity_id = ?"
        " ORDER BY f.article_id, f.start_pos",
        [qid],
    ).fetchall()
    return [
        _Known(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            bool(r[6]),
            bool(r[7]),
            r[8],
            r[9],
            id=r[10],
            sentence=r[11],
        )  # fmt: skip
        for r in rows
    ]


def check_article(db: sqlite_utils.Database, article_id: int) -> list[int]:
    """Record the alerts the figures of ``article_id`` (just stored, or revised) raise
    under every rule; their ids. Call inside the transaction that stored it."""
    created: list[int] = []
    for rule in list_rules(db):
        if rule.kind == "quantity":
            belongs = _quantity_figures(db, rule.quantity_id)
        else:
            belongs = list_figures(db, search=rule.query)
        new = [f for f in belongs if f.article_id == article_id]
        if not new:
            continue
        known: list[Any] = [f for f in belongs if f.article_id != article_id]
        earlier = _previous_version(db, article_id)
        if rule.kind == "quantity":  # the earlier version's figures of the same kinds
            kinds = {(f.unit, f.actor) for f in new}
            earlier = [k for k in earlier if (k.unit, k.actor) in kinds]
        known += earlier
        told: set[tuple] = set()  # a headline repeating its lead's figure: one alert
        for figure in new:
            verdict = _judge(figure, known, by_unit=rule.kind == "search")
            if verdict is None:
                continue
            kind, why, against = verdict
            who = getattr(figure, "claimant_canonical", None) or figure.claimant  # _Known: one
            same = (kind, figure.value, figure.high, figure.unit, who)
            if same in told:
                continue
            told.add(same)
            created.append(_record(db, rule, figure, kind, why, against))
    return created


def _record(db: sqlite_utils.Database, rule: Rule, figure: Any, kind: str, why: str, k: Any) -> int:
    message = f"{rule.name}: {kind}: {with_unit(figure.text, figure.unit)}"
    if figure.claimant:
        message += f" ({figure.claimant})"
    message += f"; {why}"
    known = {
        "text": k.text, "value": _num(k.value), "high": _num(k.high), "claimant": k.claimant,
        "article_id": k.article_id, "date": k.date,
    }  # fmt: skip
    cur = db.execute(
        "INSERT INTO alerts (rule_id, article_id, figure_id, kind, message, value, high, unit,"
        " claimant, known, sentence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [rule.id, figure.article_id, figure.id, kind, message, figure.value, figure.high,
         figure.unit, figure.claimant, json.dumps(known), figure.sentence, _now()],
    )  # fmt: skip
    return int(cur.lastrowid)


# --------------------------------------------------------------------------- reading

_ALERT_SQL = (
    "SELECT al.id, al.rule_id,"
    " coalesce(r.query, q.name, 'quantity ' || r.quantity_id, 'a removed rule'),"
    " al.article_id, al.figure_id, al.kind, al.message, al.value, al.high, al.unit,"
    " al.claimant, al.known, al.sentence, al.created_at, al.seen, a.source, a.title"
    " FROM alerts al JOIN articles a ON a.id = al.article_id"
    " LEFT JOIN watch_rules r ON r.id = al.rule_id"
    " LEFT JOIN quantities q ON q.id = r.quantity_id"
)


def _alert(row: tuple) -> Alert:
    return Alert(
        *row[:11], known=json.loads(row[11] or "{}"), sentence=row[12], created_at=row[13],
        seen=bool(row[14]), source=row[15], title=row[16],
    )  # fmt: skip


def list_alerts(db: Any, unseen_only: bool = False, ids: list[int] | None = None) -> list[Alert]:
    """Alerts, newest first (only those not yet seen, or only ``ids``)."""
    clauses, params = [], []
    if unseen_only:
        clauses.append("al.seen = 0")
    if ids is not None:
        clauses.append(f"al.id IN ({', '.join('?' * len(ids)) or 'NULL'})")
        params += ids
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = db.execute(_ALERT_SQL + where + " ORDER BY al.id DESC", params).fetchall()
    return [_alert(r) for r in rows]


def mark_alerts_seen(db: sqlite_utils.Database, ids: list[int] | None = None) -> int:
    """Mark these alerts (all, without ``ids``) seen; how many were not."""
    with db.atomic():
        if ids is None:
            cur = db.execute("UPDATE alerts SET seen = 1 WHERE seen = 0")
        else:
            marks = ", ".join("?" * len(ids)) or "NULL"
            cur = db.execute(f"UPDATE alerts SET seen = 1 WHERE seen = 0 AND id IN ({marks})", ids)
    return cur.rowcount
