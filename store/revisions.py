"""Revisions: an article re-fetched with changed text keeps its id; its earlier versions
are kept (title, body, figures) in ``revisions``, and the figures that changed between
the last version and the new one are recorded in ``figure_changes`` ("31 killed, was 23
in revision 1").

Everything here runs inside the transaction that writes the new version
(:func:`store.ingest.replace_article`), so an article and its history change together or
not at all. Reading: :func:`revisions_of`, :func:`changes_of`, :func:`diff_lines`.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from store.db import sqlite_utils  # without numpy: see store.db

_FIGURE_COLUMNS = (
    "id", "text", "value", "high", "qualifier", "unit", "actor", "claimant", "hedged", "vague",
    "date", "start_pos", "end_pos", "sentence_start", "sentence_end",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Revision:
    """One version of an article: ``number`` 1 is the first stored; the current version
    (not in the revisions table) has ``current`` set."""

    article_id: int
    number: int
    title: str
    published: str | None
    stored_at: str
    replaced_at: str | None
    n_figures: int
    current: bool = False

    def as_record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "revision": self.number,
            "title": self.title,
            "published": self.published,
            "stored_at": self.stored_at,
            "replaced_at": self.replaced_at,
            "n_figures": self.n_figures,
            "current": self.current,
        }


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure whose value changed from one version to the next."""

    article_id: int
    figure_id: int | None
    revision: int  # the version that brought the new value
    old_text: str
    old_value: float
    old_high: float | None
    new_text: str
    new_value: float
    new_high: float | None
    unit: str

    def describe(self) -> str:
        """``31 deaths, was 23 in revision 1``: the figure as written now, then before."""
        return (
            f"{with_unit(self.new_text, self.unit)}, was {self.old_text} in revision"
            f" {self.revision - 1}"
        )

    def as_record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "figure_id": self.figure_id,
            "revision": self.revision,
            "old_text": self.old_text,
            "old_value": _num(self.old_value),
            "old_high": _num(self.old_high),
            "new_text": self.new_text,
            "new_value": _num(self.new_value),
            "new_high": _num(self.new_high),
            "unit": self.unit,
            "change": self.describe(),
        }


def with_unit(text: str, unit: str | None) -> str:
    """A figure as written, with its unit when the text is a bare number (``31`` ->
    ``31 deaths``; ``3,000 troops`` and ``31%`` stay as they are)."""
    if unit and not re.search(r"[^\W\d_]|[%$€£¥]", text):
        return f"{text} {unit}"
    return text


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def figures_of(db: Any, article_id: int, body: str) -> list[dict[str, Any]]:
    """The article's figures as plain records, each with its sentence."""
    rows = db.execute(
        f"SELECT {', '.join(_FIGURE_COLUMNS)} FROM figures WHERE article_id = ?"
        " ORDER BY start_pos, id",
        [article_id],
    ).fetchall()
    out = []
    for row in rows:
        record = dict(zip(_FIGURE_COLUMNS, row, strict=True))
        record["sentence"] = body[record["sentence_start"] : record["sentence_end"]]
        out.append(record)
    return out


def keep_revision(db: sqlite_utils.Database, article_id: int) -> tuple[int, list[dict]]:
    """Copy the article's current version (title, body, figures) into ``revisions``;
    return its number and its figures. Call inside the transaction that replaces it."""
    row = db.execute(
        "SELECT title, body, published, content_hash, ingested_at, revision FROM articles"
        " WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"no article {article_id}")
    title, body, published, digest, stored_at, number = row
    figures = figures_of(db, article_id, body)
    db.execute(
        "INSERT INTO revisions (article_id, number, title, body, published, content_hash,"
        " stored_at, replaced_at, figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [article_id, number, title, body, published, digest, stored_at, _now(),
         json.dumps([{k: v for k, v in f.items() if k != "id"} for f in figures])],
    )  # fmt: skip
    return int(number), figures


def descriptions(changes) -> tuple[str, ...]:
    """One line per distinct change, in order: a headline that repeats its lead's figure
    changes with it, and says the same thing."""
    return tuple(dict.fromkeys(c.describe() for c in changes))


def record_changes(
    db: sqlite_utils.Database, article_id: int, revision: int, old_figures: list[dict]
) -> list[FigureChange]:
    """Compare the figures stored now for ``article_id`` (version ``revision``) with
    ``old_figures`` (the version before) and record those whose value changed."""
    body = db.execute("SELECT body FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    new_figures = figures_of(db, article_id, body)
    changes = []
    for old, new in match_changed(old_figures, new_figures):
        change = FigureChange(
            article_id, new["id"], revision, old["text"], old["value"], old["high"],
            new["text"], new["value"], new["high"], new["unit"],
        )  # fmt: skip
        db.execute(
            "INSERT INTO figure_changes (article_id, figure_id, revision, old_text, old_value,"
            " old_high, new_text, new_value, new_high, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, new["id"], revision, old["text"], old["value"], old["high"],
             new["text"], new["value"], new["high"], new["unit"]],
        )  # fmt: skip
        changes.append(change)
    return changes


# --------------------------------------------------------------------------- matching

_NUMBERISH = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d")
_WORD = re.compile(r"\w+")
SAME_SENTENCE = 0.6  # how alike two sentences must be (numbers aside) to be one edited


def _shape(figure: dict) -> list[str]:
    """The figure's sentence as words, its numbers blanked: what stays when a figure is
    updated in place ("rose to 23" -> "rose to 31")."""
    return _WORD.findall(_NUMBERISH.sub("#", figure.get("sentence") or "").casefold())


def _key(figure: dict) -> tuple:
    return (figure.get("unit"), figure.get("actor"))


def _same_value(a: dict, b: dict) -> bool:
    return a["value"] == b["value"] and a.get("high") == b.get("high")


def match_changed(old: list[dict], new: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (old figure, new figure) where a figure was updated in place: same unit and
    actor, in a sentence that is the same but for its numbers (or nearly), with another
    value. A figure stated in both versions is no change; a figure only in one is added
    or removed, not changed."""
    left = list(old)
    pending = []
    for figure in new:  # unchanged figures first: they must not be taken for updates
        twin = next((o for o in left if _key(o) == _key(figure) and _same_value(o, figure)), None)
        if twin is not None:
            left.remove(twin)
        else:
            pending.append(figure)
    pairs = []
    for figure in pending:
        shape = _shape(figure)
        best, best_ratio = None, SAME_SENTENCE
        for candidate in left:
            if _key(candidate) != _key(figure):
                continue
            ratio = difflib.SequenceMatcher(None, _shape(candidate), shape).ratio()
            if ratio >= best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None:
            left.remove(best)
            pairs.append((best, figure))
    return pairs


# --------------------------------------------------------------------------- reading


def revisions_of(db: Any, article_id: int) -> list[Revision]:
    """Every version of the article, oldest first, the current one last ([] when the
    article does not exist)."""
    current = db.execute(
        "SELECT title, published, ingested_at, revision, n_figures FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if current is None:
        return []
    out = [
        Revision(article_id, r[0], r[1], r[2], r[3], r[4], len(json.loads(r[5] or "[]")))
        for r in db.execute(
            "SELECT number, title, published, stored_at, replaced_at, figures FROM revisions"
            " WHERE article_id = ? ORDER BY number",
            [article_id],
        ).fetchall()
    ]
    title, published, stored_at, number, n_figures = current
    out.append(Revision(article_id, number, title, published, stored_at, None, n_figures, True))
    return out


def changes_of(db: Any, article_id: int) -> list[FigureChange]:
    """The figure changes recorded for the article, oldest revision first."""
    rows = db.execute(
        "SELECT article_id, figure_id, revision, old_text, old_value, old_high, new_text,"
        " new_value, new_high, unit FROM figure_changes WHERE article_id = ?"
        " ORDER BY revision, id",
        [article_id],
    ).fetchall()
    return [FigureChange(*r) for r in rows]


def changed_figures(db: Any, article_id: int) -> dict[int, FigureChange]:
    """The latest change of each figure of the article as it is now, by figure id."""
    return {c.figure_id: c for c in changes_of(db, article_id) if c.figure_id is not None}


def body_of(db: Any, article_id: int, number: int) -> str | None:
    """The body of version ``number`` (the current one too); None when there is none."""
    row = db.execute(
        "SELECT body FROM revisions WHERE article_id = ? AND number = ?", [article_id, number]
    ).fetchone()
    if row is None:
        row = db.execute(
            "SELECT body FROM articles WHERE id = ? AND revision = ?", [article_id, number]
        ).fetchone()
    return row[0] if row else None


def diff_lines(
    db: Any, article_id: int, old: int | None = None, new: int | None = None
) -> list[str]:
    """What changed between two versions, paragraph by paragraph: unchanged paragraphs
    are left out, removed ones start with ``-``, added ones with ``+``. By default the
    version before the current one against the current one; [] when there is nothing
    to compare."""
    versions = revisions_of(db, article_id)
    if len(versions) < 2:
        return []
    new = versions[-1].number if new is None else new
    old = new - 1 if old is None else old
    before, after = body_of(db, article_id, old), body_of(db, article_id, new)
    if before is None or after is None:
        return []
    a, b = before.split("\n\n"), after.split("\n\n")
    lines: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines.extend(f"- {p}" for p in a[i1:i2])
        lines.extend(f"+ {p}" for p in b[j1:j2])
    return lines
