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


def cmd_dashboard(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.db import DatabaseUnwritable
    from store.ingest import ensure_seeded
    from store.paths import resolve_db_path

    if not has_terminal():
        # Never draw into a pipe or wait for keys from /dev/null: say so, exit.
        raise CliError(
            f"the dashboard needs a terminal (stdin and stdout); for text, try "
            f"`{PROG} articles`, `{PROG} figures` or `{PROG} --help`",
            code=2,
        )
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
    path = resolve_db_path(getattr(args, "db", None))
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
