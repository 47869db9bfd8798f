"""Fixing what is stored: an article's publication date, outlet and title; deleting
articles; a consistent copy of the whole database.

Each change is one transaction. A new publication date re-resolves the article's
relative dates ("Monday", "next week") and its figures' dates: extraction runs again
on the stored body (:func:`store.ingest.reextract_article`) inside the same
transaction as the date itself, so the article is never left with a date its records
were not resolved against. Figures and dates go with their article on delete
(``ON DELETE CASCADE``), and triggers keep the full-text index in step.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from store.db import sqlite_utils  # without numpy: see store.db

UNSET = object()  # "leave as it is", as opposed to None ("clear it")


class ArticleNotFound(LookupError):
    """No article has this id; ``str(e)`` is ``no article N``."""

    def __init__(self, article_id: int) -> None:
        super().__init__(f"no article {article_id}")
        self.article_id = article_id


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What :func:`set_article` changed: ``(field, before, after)`` triples, and the
    counts after re-extraction when the publication date changed."""

    article_id: int
    changes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    reextracted: bool = False
    n_figures: int = 0
    n_dates: int = 0

    def describe(self) -> str:
        """One line for people: ``published 2024-11-18 -> 2024-11-20; dates re-resolved
        (14 figures, 13 dates)``; ``nothing to change`` when nothing did."""
        if not self.changes:
            return "nothing to change"
        names = {"source_name": "outlet"}
        parts = [
            f"{names.get(k, k)} {_shown(before)} -> {_shown(after)}"
            for k, before, after in self.changes
        ]
        if self.reextracted:
            parts.append(f"dates re-resolved ({self.n_figures} figures, {self.n_dates} dates)")
        return "; ".join(parts)


def _shown(value: str | None) -> str:
    return "(none)" if value in (None, "") else repr(value) if " " in value else value


def article_exists(db: sqlite_utils.Database, article_id: int) -> bool:
    row = db.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
    return row is not None


def set_article(
    db: sqlite_utils.Database,
    article_id: int,
    *,
    published: date | None | object = UNSET,
    source_name: str | None | object = UNSET,
    title: str | None | object = UNSET,
) -> ArticleChange:
    """Correct an article's publication date (None: unknown), outlet (None or "":
    none) or title, in one transaction. A given date is the user's, never inferred;
    when it changes, the article's dates and figure dates are resolved again.
    ArticleNotFound when there is no such article; ValueError for an empty title."""
    from store.ingest import reextract_article

    with db.atomic():
        row = db.execute(
            "SELECT published, published_inferred, source_name, title FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            raise ArticleNotFound(article_id)
        old_pub, old_inferred, old_name, old_title = row
        changes: list[tuple[str, str | None, str | None]] = []
        updates: dict[str, object] = {}
        if published is not UNSET:
            new_pub = published.isoformat() if isinstance(published, date) else None
            if new_pub != old_pub or (new_pub is not None and old_inferred):
                before = f"{old_pub} (inferred)" if old_pub and old_inferred else old_pub
                changes.append(("published", before, new_pub))
                updates["published"] = new_pub
                updates["published_inferred"] = 0
        if source_name is not UNSET:
            new_name = " ".join(str(source_name or "").split()) or None
            if new_name != old_name:
                changes.append(("source_name", old_name, new_name))
                updates["source_name"] = new_name
        if title is not UNSET:
            new_title = " ".join(str(title or "").split())
            if not new_title:
                raise ValueError("a title cannot be empty")
            if new_title != old_title:
                changes.append(("title", old_title, new_title))
                updates["title"] = new_title
        if not updates:
            return ArticleChange(article_id)
        assignments = ", ".join(f"{column} = ?" for column in updates)
        db.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", [*updates.values(), article_id]
        )
        if "published" in updates:
            n_figures, n_dates = reextract_article(db, article_id)
            return ArticleChange(article_id, changes, True, n_figures, n_dates)
    return ArticleChange(article_id, changes)


@dataclass(frozen=True, slots=True)
class Deleted:
    article_id: int
    title: str
    n_figures: int
    n_dates: int


def delete_articles(
    db: sqlite_utils.Database, article_ids: list[int]
) -> tuple[list[Deleted], list[int]]:
    """Delete the articles ``article_ids`` with their figures and dates (and their
    full-text entries), in one transaction. Returns what was deleted and the ids that
    named no article."""
    deleted: list[Deleted] = []
    missing: list[int] = []
    with db.atomic():
        for article_id in dict.fromkeys(article_ids):
            row = db.execute(
                "SELECT title, (SELECT count(*) FROM figures WHERE article_id = a.id),"
                " (SELECT count(*) FROM dates WHERE article_id = a.id)"
                " FROM articles a WHERE id = ?",
                [article_id],
            ).fetchone()
            if row is None:
                missing.append(article_id)
                continue
            # Explicit deletes, so a connection opened without foreign keys (another
            # tool) cannot leave orphans; the trigger on articles updates the index.
            db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
            db.execute("DELETE FROM dates WHERE article_id = ?", [article_id])
            db.execute("DELETE FROM articles WHERE id = ?", [article_id])
            deleted.append(Deleted(article_id, row[0], int(row[1]), int(row[2])))
    return deleted, missing


class BackupError(Exception):
    """The copy could not be written; ``str(e)`` is one line."""


def backup_database(
    db: sqlite_utils.Database,
    db_path: str | os.PathLike[str],
    dest: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a consistent copy of the open database to ``dest`` (a file, or a folder
    to put ``<database name>`` in) with SQLite's online backup, which reads one
    snapshot even while the dashboard or an ingest uses the file. The copy is written
    beside ``dest`` first and renamed into place, and is a single file (no WAL).
    Returns the path written."""
    target = Path(dest).expanduser()
    if target.is_dir():
        target = target / Path(db_path).name
    source = Path(db_path).expanduser()
    try:
        if source.exists() and target.exists() and target.resolve() == source.resolve():
            raise BackupError(f"{target}: is the database itself")
    except OSError:
        pass
    if target.exists() and not overwrite:
        raise BackupError(f"{target}: already exists (--force replaces it)")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent}: no such folder")
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        out = sqlite3.connect(str(partial))
        try:
            db.conn.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
            check = out.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"{target}: the copy failed its check ({check})")
        finally:
            out.close()
        os.replace(partial, target)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    except (OSError, sqlite3.Error) as e:
        partial.unlink(missing_ok=True)
        reason = getattr(e, "strerror", None) or str(e)
        raise BackupError(f"{target}: cannot write the copy ({reason})") from None
    return target


def keep_given(
    db: sqlite_utils.Database,
    article_id: int,
    doc: object,
    record: dict,
    source_name: str | None = None,
) -> tuple[dict, str | None]:
    """For a new version of stored article ``article_id`` (``ingest --replace``, a web
    page's revision): keep the publication date the stored version was given (by
    ``--published``, ``set``, a manifest, a page) when the new version gives none,
    rather than losing it to an inferred or unknown one; and its outlet unless
    ``source_name`` (``--source-name``) names another. A kept date is one the new text's
    relative dates must be resolved against, so the text is extracted again. Returns
    the record to store and a note saying what was kept (or None)."""
    row = db.execute(
        "SELECT published, published_inferred, source_name FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return record, None
    published, inferred, outlet = row
    record = dict(record)
    kept: list[str] = []
    if outlet and not source_name and record.get("source_name") != outlet:
        record["source_name"] = outlet
        kept.append(f"outlet {outlet!r}")
    new_given = record.get("published") is not None and not record.get("published_inferred")
    if published and not inferred and not new_given:
        from store.ingest import prepare_document  # store.ingest imports this module

        again = prepare_document(
            doc, record["title"], record["body"], date.fromisoformat(published[:10])
        )  # type: ignore[arg-type]
        if not isinstance(again, str):
            record.update(
                published=again.published,
                published_inferred=again.published_inferred,
                extraction=again.extraction,
                language=again.language,
            )
            kept.append(f"publication date {published[:10]}")
    if not kept:
        return record, None
    return record, "kept the " + " and the ".join(kept) + " of the version it replaces"
