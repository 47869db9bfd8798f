"""Ingest: source -> clean body -> extraction -> one transaction into SQLite.

Every input gives one :class:`Outcome` (stored / already stored / error), in order, so
the caller can print a line per input and carry on past failures. An article is
written whole or not at all: its row, figures and dates go in one transaction, and
any failure rolls all of it back. The content hash is the SHA-256 of the cleaned
body, so the same article read again (even from another path, or with different page
furniture around it) is reported as already stored and nothing changes.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import BinaryIO, Literal

import sqlite_utils

from store.extract.models import DateExpr, Extraction, Figure
from store.quantities import index_article
from store.sources.clean import clean_article
from store.sources.files import Note, Problem, RawDocument, expand_source
from store.sources.language import Language
from store.sources.pubdate import resolve_published

Status = Literal["stored", "already stored", "error", "note"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input. ``message`` is one line (the reason, or a note).

    ``note`` outcomes are information about a source (a feed cut short), not failures.
    """

    source: str
    status: Status
    message: str = ""
    article_id: int | None = None
    n_figures: int = 0
    n_dates: int = 0

    @property
    def ok(self) -> bool:
        return self.status != "error"


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
    }


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


def _insert_figures(db: sqlite_utils.Database, article_id: int, figures: list[Figure]) -> None:
    if figures:
        db["figures"].insert_all(_figure_row(article_id, f) for f in figures)


def _insert_dates(db: sqlite_utils.Database, article_id: int, dates: list[DateExpr]) -> None:
    if dates:
        db["dates"].insert_all(_date_row(article_id, d) for d in dates)


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
) -> int:
    """Write one article with its figures and dates in one transaction; its id."""
    with db.atomic():
        cur = db.execute(
            "INSERT INTO articles (source, source_name, title, body, published,"
            " published_inferred, content_hash, ingested_at, n_figures, language,"
            " language_confidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                source,
                source_name,
                title,
                body,
                published.isoformat() if published else None,
                int(published_inferred),
                content_hash(body),
                datetime.now(UTC).isoformat(timespec="seconds"),
                len(extraction.figures),
                language.code if language else None,
                round(language.confidence, 4) if language else None,
            ],
        )
        article_id = int(cur.lastrowid)
        _insert_figures(db, article_id, extraction.figures)
        _insert_dates(db, article_id, extraction.dates)
        index_article(db, article_id, body)  # quantities, canonical claimants, duplicates
    return article_id


def ingest_document(
    db: sqlite_utils.Database,
    doc: RawDocument,
    *,
    published: date | None = None,
    source_name: str | None = None,
) -> Outcome:
    """Clean, extract and store one document. ``published``/``source_name`` override it."""
    from store.extract import extract, supports  # loads the extraction steps on demand
    from store.sources.language import detect_language  # loads the language model

    cleaned = clean_article(doc.text, title=doc.title)
    if not cleaned.body:
        return Outcome(doc.source, "error", "no article text left after cleaning")
    existing = find_by_hash(db, content_hash(cleaned.body))
    if existing is not None:
        return Outcome(doc.source, "already stored", doc.note or "", article_id=existing)
    when, inferred = resolve_published(published or doc.published, cleaned.body, raw=doc.text)
    language = detect_language(cleaned.body)
    notes = [doc.note] if doc.note else []
    if not supports(language.code):
        notes.append(f"stored; figures not extracted: {language.name}")
    try:
        extraction = extract(cleaned.body, when, language=language.code)
    except Exception as e:  # a bug in extraction must not stop the other inputs
        return Outcome(doc.source, "error", f"extraction failed ({type(e).__name__}: {e})")
    try:
        article_id = store_article(
            db,
            source=doc.source,
            title=cleaned.title,
            body=cleaned.body,
            published=when,
            published_inferred=inferred,
            source_name=source_name or doc.source_name,
            extraction=extraction,
            language=language,
        )
    except sqlite3.IntegrityError:
        # Another process stored the same content in the meantime.
        existing = find_by_hash(db, content_hash(cleaned.body))
        if existing is None:
            raise
        return Outcome(doc.source, "already stored", doc.note or "", article_id=existing)
    return Outcome(
        doc.source,
        "stored",
        "; ".join(notes),
        article_id=article_id,
        n_figures=len(extraction.figures),
        n_dates=len(extraction.dates),
    )


def ingest_sources(
    db: sqlite_utils.Database,
    sources: Iterable[str],
    *,
    published: date | None = None,
    source_name: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Outcome]:
    """One outcome per document found in ``sources``, as each is stored."""
    for source in sources:
        try:
            for item in expand_source(source, stdin=stdin):
                yield _ingest_item(db, item, published, source_name)
        except Exception as e:  # reading this source broke unexpectedly: report, go on
            yield Outcome(source, "error", f"{type(e).__name__}: {e}")


def _ingest_item(
    db: sqlite_utils.Database,
    item: RawDocument | Problem | Note,
    published: date | None,
    source_name: str | None,
) -> Outcome:
    if isinstance(item, Problem):
        return Outcome(item.source, "error", item.message)
    if isinstance(item, Note):
        return Outcome(item.source, "note", item.message)
    try:
        return ingest_document(db, item, published=published, source_name=source_name)
    except Exception as e:  # a database error on one article: report it, go on
        return Outcome(item.source, "error", f"{type(e).__name__}: {e}")


def article_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])


def ensure_seeded(db: sqlite_utils.Database) -> list[Outcome]:
    """Fill a database that holds no article from the bundled seeds (dates from their
    manifest); return the outcomes, empty when nothing was done."""
    from store.paths import seeds_dir

    folder = seeds_dir()
    if folder is None or article_count(db) > 0:
        return []
    return list(ingest_sources(db, [str(folder)]))
