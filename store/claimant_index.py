"""Canonical claimants in the database: one display name per identity, corpus-wide.

``claimant_names`` maps a name's matching key (``store.compare.claimants.name_key``)
to the display name first seen for it, and full names to their surname key. At
ingest each figure's written claimant is cleaned and resolved within its article
(``canonical_in_article``), then against the corpus: a surname alone becomes the one
full name known with that surname; a spelling variant becomes the first spelling seen.
When a full name arrives after its surname was stored alone ("Duarte", then "Rui
Duarte"), the figures that said "Duarte" are updated (and their quantities marked stale).
"""

from __future__ import annotations

import re
from typing import Any

from store.compare.claimants import (
    canonical_in_article,
    is_person_name,
    is_surname_only,
    name_key,
    surname_key,
)

_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def _full_names(db: Any, surname: str) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT display FROM claimant_names WHERE surname = ? LIMIT 3", [surname]
        ).fetchall()
    ]


def resolve(db: Any, name: str | None) -> str | None:
    """The canonical display name of an already cleaned claimant; registers it."""
    if not name:
        return None
    key = name_key(name)
    if not key:
        return name
    if is_surname_only(name):
        fulls = {name_key(n): n for n in _full_names(db, key)}
        if len(fulls) == 1:
            return next(iter(fulls.values()))
    row = db.execute("SELECT display FROM claimant_names WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    person = is_person_name(name)
    surname = surname_key(name) if person else None
    db.execute(
        "INSERT INTO claimant_names (key, display, surname) VALUES (?, ?, ?)",
        [key, name, surname],
    )
    if surname:
        _adopt_surname(db, surname, name)
    return name


def _adopt_surname(db: Any, surname: str, full: str) -> None:
    """Figures that gave only this surname now name ``full`` (when it is the only one)."""
    if len({name_key(n) for n in _full_names(db, surname)}) != 1:
        return
    row = db.execute("SELECT display FROM claimant_names WHERE key = ?", [surname]).fetchone()
    if row is None or not is_surname_only(row[0]):
        return
    old = row[0]
    db.execute("UPDATE claimant_names SET display = ? WHERE key = ?", [full, surname])
    db.execute(
        "UPDATE quantities SET stale = 1 WHERE id IN"
        " (SELECT DISTINCT quantity_id FROM figures WHERE claimant_canonical = ?)",
        [old],
    )
    db.execute(
        "UPDATE figures SET claimant_canonical = ? WHERE claimant_canonical = ?", [full, old]
    )


def canonical_claimants(db: Any, written: list[str | None], body: str = "") -> list[str | None]:
    """Canonical names for one article's written claimants, in order."""
    local = canonical_in_article(written, body)
    cache: dict[str, str | None] = {}
    out = []
    for name in local:
        if name is None:
            out.append(None)
            continue
        if name not in cache:
            cache[name] = resolve(db, name)
        out.append(cache[name])
    return out


def claimants_matching(db, search: str | None) -> list[str]:
    """The canonical claimants that hold every word of ``search`` (as
    :func:`figures_by_claimant` matches them)."""
    if not search:
        return []
    words = [name_key(w) for w in re.findall(r"[^\W_]+", search) if w.upper() not in _OPERATORS]
    words = [w for w in words if w]
    if not words:
        return []
    return [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT claimant_canonical FROM figures WHERE claimant_canonical IS NOT NULL"
        )
        if all(w in name_key(r[0]) for w in words)
    ]


def figures_by_claimant(
    db, search: str | None, article_id: int | None, language: str | None = None
) -> set[int]:
    """Figures whose canonical claimant holds every word of ``search`` ("Zelensky" finds
    what "President Zelenskyy" said): spelling variants match as in claimant identity."""
    names = claimants_matching(db, search)
    ids: set[int] = set()
    for name in names:
        sql = (
            "SELECT f.id FROM figures f JOIN articles a ON a.id = f.article_id"
            " WHERE f.claimant_canonical = ?"
        )
        params: list[Any] = [name]
        if article_id is not None:
            sql += " AND f.article_id = ?"
            params.append(article_id)
        if language is not None:
            sql += " AND a.language = ?"
            params.append(language.lower())
        ids |= {r[0] for r in db.execute(sql, params)}
    return ids
