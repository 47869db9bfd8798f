"""Fixing what is stored: ``set`` (publication date, outlet, title), ``delete`` and
``backup``. Only ``store`` is imported (no Textual, no Rich)."""

from __future__ import annotations

import argparse

from tui.cli.common import CliError, Options, article_id, err, iso_date, open_database


def optional_date(value: str):
    """A publication date, or ``none`` / ``unknown`` for no date."""
    if value.strip().lower() in ("none", "unknown", ""):
        return None
    return iso_date(value)


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "set",
        parents=[opts.db],
        help="correct an article's publication date, outlet or title",
        description="Correct what is stored for article ID (see `nkwatch articles`). A new "
        'publication date re-resolves the article\'s relative dates ("Monday", "last '
        "week\") and its figures' dates.",
    )
    p.add_argument("id", type=article_id, metavar="ID", help="the article's id")
    p.add_argument(
        "--published",
        type=optional_date,
        metavar="DATE",
        default=argparse.SUPPRESS,
        help='publication date (YYYY-MM-DD or e.g. "18 Nov 2024"; "none" for unknown)',
    )
    p.add_argument(
        "--source-name",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help='the outlet, e.g. "AP" ("" for none)',
    )
    p.add_argument("--title", metavar="T", default=argparse.SUPPRESS, help="the title")

    p = sub.add_parser(
        "delete",
        parents=[opts.db],
        help="delete articles with their figures and dates",
        description="Delete articles by id, with their figures, dates and search index "
        "entries. There is no undo: `nkwatch backup PATH` first if in doubt.",
    )
    p.add_argument("ids", nargs="+", type=article_id, metavar="ID", help="article ids")

    p = sub.add_parser(
        "backup",
        parents=[opts.db],
        help="write a consistent copy of the database",
        description="Copy the database to PATH with SQLite's online backup: consistent "
        "even while the dashboard is open or an ingest runs.",
    )
    p.add_argument("path", metavar="PATH", help="file to write (or a folder to write into)")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    return {"set": cmd_set, "delete": cmd_delete, "backup": cmd_backup}


def cmd_set(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.manage import ArticleNotFound, set_article

    changes = {
        key: getattr(args, key)
        for key in ("published", "source_name", "title")
        if hasattr(args, key)
    }
    if not changes:
        raise CliError(
            "set: say what to set: --published DATE, --source-name NAME or --title T", code=2
        )
    db = open_database(args, write=True)
    try:
        change = set_article(db, args.id, **changes)
    except ArticleNotFound as e:
        raise CliError(str(e)) from None
    except ValueError as e:
        raise CliError(str(e), code=2) from None
    finally:
        db.close()
    print(f"article {args.id}: {change.describe()}")
    return 0


def cmd_delete(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.manage import delete_articles

    db = open_database(args, write=True)
    try:
        deleted, missing = delete_articles(db, args.ids)
    finally:
        db.close()
    for d in deleted:
        print(
            f"deleted: article {d.article_id} ({d.n_figures} figures, {d.n_dates} dates) {d.title}"
        )
    for article in missing:
        err(f"no article {article}")
    return 1 if missing else 0


def cmd_backup(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import sqlite3

    from store.manage import BackupError, backup_database
    from store.paths import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    if not path.exists():
        raise CliError(f"{path}: no database here yet (nothing to back up)")
    db = open_database(args)
    try:
        target = backup_database(db, path, args.path, overwrite=args.force)
    except BackupError as e:
        raise CliError(str(e)) from None
    finally:
        db.close()
    copy = sqlite3.connect(target)
    try:
        n = copy.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        copy.close()
    print(f"backed up {n} article{'s' if n != 1 else ''} to {target}")
    return 0
