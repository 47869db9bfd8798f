"""Writing one article: its row, figures, dates, sentence bounds and indexes, in one
transaction; a new version in place of an old one (kept as a revision); extraction run
again on a stored body. ``store.ingest`` decides what to write; this module writes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime

from store.db import sqlite_utils, write_transaction  # sqlite_utils without numpy: see store.db
from store.extract import EXTRACTOR_VERSION
from store.extract.models import DateExpr, Extraction, Figure
from store.quantities import index_article
from store.revisions import FigureChange, keep_revision, record_changes
from store.sentence_index import store_bounds
from store.sources.files import STDIN_SOURCE, is_url
from store.sources.language import Language

AfterWrite = Callable[[sqlite_utils.Database, int, str], None]
"""Called with (db, article id, status) inside the transaction that stored an article or
a new revision of it, so what it writes (the watch: an unseen mark, alerts) is stored
with the article or not at all."""


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def sort_key(value: str) -> str:
    """First day of the period an ISO value names (``2024-W44`` -> ``2024-10-28``)."""
    m = re.fullmatch(r"(\d{4})-W(\d\d)(?:-\d)?", value)
    if m:
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return f"{m[1]}-01-01"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return f"{m[1]}-{(int(m[2]) - 1) * 3 + 1:02d}-01"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value)  # TimeML seasons: 2024-SU
    if m:
        return f"{m[1]}-{ {'SP': 3, 'SU': 6, 'FA': 9, 'AU': 9, 'WI': 12}[m[2]]:02d}-01"
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if m:
        return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"
    return value


def _figure_row(article_id: int, f: Figure) -> dict:
    return {
        "article_id": article_id,
        "start_pos": f.start,
        "end_pos": f.end,
        "text": f.text,
        "value": f.value,
        "high": f.high,
        "qualifier": f.qualifier,
        "unit": f.unit,
        "actor": f.actor,
        "claimant": f.claimant,
        "claimant_start": f.claimant_start,
        "claimant_end": f.claimant_end,
        "hedged": int(bool(f.hedged)),
        "vague": int(bool(f.vague)),
        "date": f.date,
        "sentence_start": f.sentence_start,
        "sentence_end": f.sentence_end,
        "evidence": evidence_json(f),
    }


def evidence_json(f: Figure) -> str:
    """The figure's evidence as stored: a JSON object of its cues ("{}" for none; NULL is
    left for figures stored before evidence was kept)."""
    return json.dumps(f.evidence.as_record(), ensure_ascii=False, separators=(",", ":"))


def _date_row(article_id: int, d: DateExpr) -> dict:
    return {
        "article_id": article_id,
        "start_pos": d.start,
        "end_pos": d.end,
        "text": d.text,
        "value": d.value,
        "end_value": d.end_value,
        "granularity": d.granularity,
        "sort_key": sort_key(d.value),
        "sentence_start": d.sentence_start,
        "sentence_end": d.sentence_end,
    }


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """``rows`` (dicts with the same keys) into ``table`` with one prepared statement:
    the rows ``table.insert_all`` would write, without its per-call schema look-ups."""
    if not rows:
        return
    columns = list(rows[0])
    sql = (
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)})"
        f" VALUES ({', '.join('?' * len(columns))})"
    )
    db.conn.executemany(sql, [tuple(row.values()) for row in rows])


def _insert_figures(db: sqlite_utils.Database, article_id: int, figures: list[Figure]) -> None:
    _insert_rows(db, "figures", [_figure_row(article_id, f) for f in figures])


def _insert_dates(db: sqlite_utils.Database, article_id: int, dates: list[DateExpr]) -> None:
    _insert_rows(db, "dates", [_date_row(article_id, d) for d in dates])


def find_by_hash(db: sqlite_utils.Database, digest: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [digest]).fetchone()
    return int(row[0]) if row else None


def store_article(
    db: sqlite_utils.Database,
    *,
    source: str,
    title: str,
    body: str,
    published: date | None,
    published_inferred: bool,
    source_name: str | None,
    extraction: Extraction,
    language: Language | None = None,
    after: AfterWrite | None = None,
) -> int:
    """Write one article with its figures and dates in one transaction; its id.

    The transaction takes the write lock first (:func:`store.db.write_transaction`), so
    another process writing at the same time makes it wait, never fail. Inside a
    caller's transaction (a batch of articles) it is a savepoint: this article whole or
    not at all, the batch committed by the caller.
    """
    with db.atomic() if db.conn.in_transaction else write_transaction(db):
        row = _article_columns(
            source, source_name, title, body, published, published_inferred, language
        )
        row.update(n_figures=len(extraction.figures), extractor_version=EXTRACTOR_VERSION)
        cur = db.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        article_id = int(cur.lastrowid)
        _insert_figures(db, article_id, extraction.figures)
        _insert_dates(db, article_id, extraction.dates)
        store_bounds(db, article_id, body, extraction.sentences)  # search reads them
        index_article(db, article_id, body)  # quantities, canonical claimants, duplicates
        if after is not None:
            after(db, article_id, "stored")
    return article_id


def _article_columns(
    source: str,
    source_name: str | None,
    title: str,
    body: str,
    published: date | None,
    published_inferred: bool,
    language: Language | None,
) -> dict[str, object]:
    """The ``articles`` columns a stored version sets, new or in place of an old one."""
    return {
        "source": source,
        "source_name": source_name,
        "title": title,
        "body": body,
        "published": published.isoformat() if published else None,
        "published_inferred": int(published_inferred),
        "content_hash": content_hash(body),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "language": None if language is None else language.code,
        "language_confidence": None if language is None else round(language.confidence, 4),
    }


def _replace_extraction(db: sqlite_utils.Database, article_id: int, extraction: Extraction) -> None:
    db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM dates WHERE article_id = ?", [article_id])
    _insert_figures(db, article_id, extraction.figures)
    _insert_dates(db, article_id, extraction.dates)
    db.execute(
        "UPDATE articles SET n_figures = ?, extractor_version = ? WHERE id = ?",
        [len(extraction.figures), EXTRACTOR_VERSION, article_id],
    )


def reextract_article(db: sqlite_utils.Database, article_id: int) -> tuple[int, int]:
    """Run extraction again on stored article ``article_id`` (its body and publication
    date as stored now) and replace its figures and dates in one transaction (a
    savepoint inside the caller's, when there is one); its quantities and claimants are
    indexed again and it records :data:`EXTRACTOR_VERSION`. The body is not touched, so
    its offsets and full-text index stay as they were. Returns ``(n_figures, n_dates)``;
    LookupError when there is no such article."""
    from store.extract import extract

    row = db.execute(
        "SELECT body, published, language FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        raise LookupError(f"no article {article_id}")
    body, published, language = row
    when = date.fromisoformat(published[:10]) if published else None
    extraction = extract(body, when, language=language or "en")
    with db.atomic():
        _replace_extraction(db, article_id, extraction)
        index_article(db, article_id, body)  # the new figures' quantities and claimants
    return len(extraction.figures), len(extraction.dates)


def replace_article(
    db: sqlite_utils.Database,
    article_id: int,
    *,
    source: str,
    title: str,
    body: str,
    published: date | None,
    published_inferred: bool,
    source_name: str | None,
    extraction: Extraction,
    language: Language | None = None,
    after: AfterWrite | None = None,
    status: str = "replaced",
) -> tuple[int, list[FigureChange]]:
    """Put a new version of an article in place of ``article_id`` (same id), with its
    figures and dates, in one transaction; the version it replaces is kept as a revision
    (:mod:`store.revisions`). Returns the new version's number and the figures that
    changed."""
    with db.atomic():
        number, old_figures = keep_revision(db, article_id)
        row = _article_columns(
            source, source_name, title, body, published, published_inferred, language
        )
        row["revision"] = number + 1
        db.execute(
            f"UPDATE articles SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?",
            [*row.values(), article_id],
        )
        _replace_extraction(db, article_id, extraction)
        store_bounds(db, article_id, body, extraction.sentences)  # the new body's
        index_article(db, article_id, body)  # the new figures' quantities and claimants
        changes = record_changes(db, article_id, number + 1, old_figures)
        if after is not None:
            after(db, article_id, status)
    return number + 1, changes


def stored_versions(db: sqlite_utils.Database, source: str) -> list[int]:
    """Ids of the articles stored from ``source`` (a path or URL as given), newest first.

    stdin has no identity: nothing is ever a version of an earlier ``-``."""
    if source == STDIN_SOURCE:
        return []
    names = {source}
    if not is_url(source):
        try:
            names.add(os.path.abspath(os.path.expanduser(source)))
        except (OSError, ValueError):
            pass
    marks = ", ".join("?" * len(names))
    rows = db.execute(
        f"SELECT id FROM articles WHERE source IN ({marks}) ORDER BY id DESC", list(names)
    ).fetchall()
    return [int(r[0]) for r in rows]
