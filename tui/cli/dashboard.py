"""The commands that run the Textual interface: the dashboard (no command) and
``screenshots``. Textual is imported only when one of them runs."""

from __future__ import annotations

import argparse
import signal
import sys

from tui.cli.common import PROG, CliError, Options, Terminated, err, open_database


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "screenshots", parents=[opts.db], help="render the dashboard's SVG screenshots"
    )
    p.add_argument("--out", metavar="DIR", help="folder to write the SVGs to")
    return {"screenshots": cmd_screenshots}


def cmd_screenshots(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        from tui import screenshots
    except ModuleNotFoundError as e:
        if e.name == "tui.screenshots":
            raise CliError("screenshots are not available in this version") from None
        raise
    result = screenshots.main(args.out)
    return result if isinstance(result, int) else 0


def has_terminal() -> bool:
    """Both ends of a terminal: keys come from stdin, the screen goes to stdout."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def ready_to_browse(path) -> bool:
    """True when ``path`` is a database of this version that holds articles: nothing
    to create, migrate or seed, so the dashboard opens without loading the writing
    side of ``store`` (sqlite-utils, numpy, extraction: half its start-up time).
    Anything else (no file, an old schema, an empty or unreadable file) goes the long
    way, which creates, migrates, seeds or says what is wrong."""
    import sqlite3
    from pathlib import Path

    from store.readpool import connect_read_only
    from store.schema import SCHEMA_VERSION

    if not Path(path).is_file():
        return False
    try:
        conn = connect_read_only(Path(path))
    except sqlite3.Error:
        return False
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        return version == SCHEMA_VERSION and bool(
            conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone()
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def cmd_dashboard(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.paths import resolve_db_path

    if not has_terminal():
        # Never draw into a pipe or wait for keys from /dev/null: say so, exit.
        raise CliError(
            f"the dashboard needs a terminal (stdin and stdout); for text, try "
            f"`{PROG} articles`, `{PROG} figures` or `{PROG} --help`",
            code=2,
        )
    path = resolve_db_path(getattr(args, "db", None))
    if not ready_to_browse(path):
        from store.db import DatabaseUnwritable
        from store.ingest import ensure_seeded

        db = open_database(args, note=False)
        try:
            if not db.read_only:  # the dashboard says itself that it is read-only
                for o in ensure_seeded(db):
                    if o.status == "error":
                        err(f"{o.source}: {o.message}")
        except DatabaseUnwritable as e:
            raise CliError(str(e)) from None
        finally:
            db.close()
    try:
        from tui.app import run_dashboard
    except ModuleNotFoundError as e:
        if e.name != "tui.app":
            raise
        print(
            f"{PROG}: the dashboard is not available in this version; "
            f"try `{PROG} articles` or `{PROG} figures` (database: {path})"
        )
        return 0
    stopped_by = run_dashboard(path)
    if stopped_by == signal.SIGTERM:
        raise Terminated
    if stopped_by == signal.SIGINT:
        raise KeyboardInterrupt
    return 0
