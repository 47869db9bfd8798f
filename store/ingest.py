"""Ingest: source -> clean body -> extraction -> one transaction into SQLite.

Every input gives one :class:`Outcome` (stored / already stored / error), in order, so
the caller can print a line per input and carry on past failures. An article is
written whole or not at all: its row, figures and dates go in one transaction, and
any failure rolls all of it back. The content hash is the SHA-256 of the cleaned
body, so the same article read again (even from another path, or with different page
furniture around it) is reported as already stored and nothing changes. The writes
themselves (rows, replace, re-extract) are :mod:`store.writes`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO, Literal

from store.db import (
    DatabaseUnwritable,
    sqlite_utils,  # without numpy: see store.db
    unwritable,
)
from store.extract.models import Extraction
from store.manage import keep_given
from store.revisions import descriptions
from store.sources.clean import clean_article
from store.sources.files import Note, Problem, RawDocument, expand_source, is_url
from store.sources.language import Language
from store.sources.pubdate import resolve_published
from store.writes import (  # noqa: F401  (re-exported: the writes ingest is built on)
    AfterWrite,
    content_hash,
    find_by_hash,
    reextract_article,
    replace_article,
    sort_key,
    store_article,
    stored_versions,
)

Status = Literal["stored", "replaced", "revised", "updated", "already stored", "error", "note"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input. ``message`` is one line (the reason, or a note).

    ``note`` outcomes are information about a source (a feed cut short), not failures.
    ``replaced``: a changed version of a stored source took the place of the old one
    (same article id; ``--replace``); ``revised``: the same for a web page re-fetched
    with changed text, without being asked; either way the old version is kept as a
    revision (``revision`` is the new version's number, ``changes`` the figures that
    changed). ``updated``: content already stored got the publication date or outlet
    the user gave (``--replace``).
    """

    source: str
    status: Status
    message: str = ""
    article_id: int | None = None
    n_figures: int = 0
    n_dates: int = 0
    revision: int | None = None
    changes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status != "error"


def _already_stored(
    db: sqlite_utils.Database,
    doc: RawDocument,
    article_id: int,
    published: date | None,
    source_name: str | None,
    replace: bool,
) -> Outcome:
    """The outcome for content that is stored already. A ``--published`` or
    ``--source-name`` that differs from what is stored is never dropped silently: with
    ``replace`` it is applied (dates re-resolved), otherwise a note says how."""
    from store.manage import set_article  # the database side of `nkwatch set`

    row = db.execute(
        "SELECT published, published_inferred, source_name FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    stored_pub, stored_inferred, stored_name = row if row else (None, 0, None)
    changes: dict = {}
    if published is not None and (published.isoformat() != (stored_pub or "") or stored_inferred):
        changes["published"] = published
    if source_name and source_name != stored_name:
        changes["source_name"] = source_name
    notes = [doc.note] if doc.note else []
    if changes and replace:
        change = set_article(db, article_id, **changes)
        return Outcome(
            doc.source,
            "updated",
            "; ".join(notes + [change.describe()]),
            article_id=article_id,
            n_figures=change.n_figures,
            n_dates=change.n_dates,
        )
    if changes:
        options = []
        if "published" in changes:
            options.append(f"--published {changes['published'].isoformat()}")
        if "source_name" in changes:
            options.append(f"--source-name {_shell_word(source_name or '')}")
        what = " and ".join(
            {"published": "publication date", "source_name": "outlet"}[k] for k in changes
        )
        notes.append(
            f"same content as article {article_id}; the {what} given is not applied: run"
            f" `nkwatch set {article_id} {' '.join(options)}` (or ingest again with --replace)"
        )
    return Outcome(doc.source, "already stored", "; ".join(notes), article_id=article_id)


def _shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What extraction made of one document, before anything is written: the part of
    ingest that needs no database (run in worker processes by :mod:`store.ingest_pool`)."""

    title: str
    body: str
    digest: str  # content_hash(body)
    published: date | None
    published_inferred: bool
    language: Language
    extraction: Extraction
    supported: bool  # figures are extracted for this language


def clean_document(doc: RawDocument) -> tuple[str, str] | str:
    """``(title, body)`` of ``doc`` cleaned, or the one-line reason there is none."""
    cleaned = clean_article(doc.text, title=doc.title)
    if not cleaned.body:
        return "no article text left after cleaning"
    return cleaned.title, cleaned.body


def prepare_document(
    doc: RawDocument, title: str, body: str, published: date | None = None
) -> Prepared | str:
    """Publication date, language and extraction of a cleaned document; or the one-line
    reason extraction failed. Pure: no database."""
    from store.extract import extract, supports  # loads the extraction steps on demand
    from store.sources.language import detect_language  # loads the language model

    when, inferred = resolve_published(published or doc.published, body, raw=doc.text)
    language = detect_language(body)
    try:
        extraction = extract(body, when, language=language.code)
    except Exception as e:  # a bug in extraction must not stop the other inputs
        return f"extraction failed ({type(e).__name__}: {e})"
    return Prepared(
        title, body, content_hash(body), when, inferred, language, extraction,
        supports(language.code),
    )  # fmt: skip


def ingest_document(
    db: sqlite_utils.Database,
    doc: RawDocument,
    *,
    published: date | None = None,
    source_name: str | None = None,
    replace: bool = False,
    after: AfterWrite | None = None,
) -> Outcome:
    """Clean, extract and store one document. ``published``/``source_name`` override it.

    A changed version of a source already stored (same path or URL, new content) is
    stored as a new article with a note, or with ``replace`` takes the old one's place
    (same id). A web page (a URL, or a feed item's link) re-fetched with changed text
    always becomes a new revision of its article. Either way the old version is kept
    (:mod:`store.revisions`). ``after`` runs inside the transaction that stores it."""
    cleaned = clean_document(doc)
    if isinstance(cleaned, str):
        return Outcome(doc.source, "error", cleaned)
    title, body = cleaned
    existing = find_by_hash(db, content_hash(body))
    if existing is not None:
        return _already_stored(db, doc, existing, published, source_name, replace)
    prepared = prepare_document(doc, title, body, published)
    if isinstance(prepared, str):
        return Outcome(doc.source, "error", prepared)
    return write_document(
        db, doc, prepared, published=published, source_name=source_name, replace=replace,
        after=after,
    )  # fmt: skip


def write_document(
    db: sqlite_utils.Database,
    doc: RawDocument,
    prepared: Prepared,
    *,
    published: date | None = None,
    source_name: str | None = None,
    replace: bool = False,
    after: AfterWrite | None = None,
) -> Outcome:
    """Store a prepared document (the database half of :func:`ingest_document`): as
    already stored when its content is, as a new revision, or as a new article. Inside
    a caller's transaction it is a savepoint: all of it or nothing."""
    existing = find_by_hash(db, prepared.digest)
    if existing is not None:
        return _already_stored(db, doc, existing, published, source_name, replace)
    earlier = stored_versions(db, doc.source)
    extraction = prepared.extraction
    record = {
        "source": doc.source,
        "title": prepared.title,
        "body": prepared.body,
        "published": prepared.published,
        "published_inferred": prepared.published_inferred,
        "source_name": source_name or doc.source_name,
        "extraction": extraction,
        "language": prepared.language,
    }
    notes = [doc.note] if doc.note else []
    if not prepared.supported:
        notes.append(f"stored; figures not extracted: {prepared.language.name}")
    status: Status = "stored"
    revision, changes = None, []
    try:
        if earlier and (replace or is_page_source(doc.source)):
            article_id = earlier[0]
            status = "replaced" if replace else "revised"
            record, kept = keep_given(db, article_id, doc, record, source_name)
            extraction = record["extraction"]
            notes.extend([kept] if kept else [])
            revision, changes = replace_article(
                db, article_id, **record, after=after, status=status
            )
            said = descriptions(changes)
            if said:
                notes.append(
                    "figures changed: "
                    + "; ".join(said[:5])
                    + (f" (and {len(said) - 5} more)" if len(said) > 5 else "")
                )
        else:
            article_id = store_article(db, **record, after=after)
            if earlier:
                ids = ", ".join(str(i) for i in reversed(earlier))
                notes.append(
                    f"an earlier version is stored as article {ids} and is kept"
                    " (--replace replaces it; `nkwatch delete ID` removes one)"
                )
    except sqlite3.IntegrityError:
        # Another process stored the same content in the meantime.
        existing = find_by_hash(db, prepared.digest)
        if existing is None:
            raise
        return Outcome(doc.source, "already stored", doc.note or "", article_id=existing)
    return Outcome(
        doc.source,
        status,
        "; ".join(notes),
        article_id=article_id,
        n_figures=len(extraction.figures),
        n_dates=len(extraction.dates),
        revision=revision,
        changes=descriptions(changes),
    )


def is_page_source(source: str) -> bool:
    """A web address that names one page for good (not a feed entry known only by its
    position, ``FEED#item-3``): re-fetched with changed text, it is a new revision."""
    return is_url(source) and re.search(r"#item-\d+$", source) is None


def ingest_sources(
    db: sqlite_utils.Database,
    sources: Iterable[str],
    *,
    published: date | None = None,
    source_name: str | None = None,
    stdin: BinaryIO | None = None,
    replace: bool = False,
) -> Iterator[Outcome]:
    """One outcome per document found in ``sources``, as each is stored.

    A database that can no longer be written (read-only, disk full, I/O error, locked
    for good) raises :class:`store.db.DatabaseUnwritable` at its first occurrence: every
    later input would fail the same way. What was stored before stays stored.
    """
    for source in sources:
        try:
            for item in expand_source(source, stdin=stdin):
                yield _ingest_item(db, item, published, source_name, replace)
        except DatabaseUnwritable:
            raise
        except Exception as e:  # reading this source broke unexpectedly: report, go on
            yield Outcome(source, "error", f"{type(e).__name__}: {e}")


def _ingest_item(
    db: sqlite_utils.Database,
    item: RawDocument | Problem | Note,
    published: date | None,
    source_name: str | None,
    replace: bool = False,
) -> Outcome:
    if isinstance(item, Problem):
        return Outcome(item.source, "error", item.message)
    if isinstance(item, Note):
        return Outcome(item.source, "note", item.message)
    try:
        return ingest_document(
            db, item, published=published, source_name=source_name, replace=replace
        )
    except Exception as e:  # a database error on one article: report it, go on
        fatal = unwritable(e, getattr(db, "path", None))
        if fatal is not None:  # ... unless no article can be written any more
            raise fatal from e
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
