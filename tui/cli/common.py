"""What every command shares: the error type, one-line messages, argument types, the
common options, and opening the database."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

PROG = "nkwatch"
FORMATS = ("table", "json", "csv")


class CliError(Exception):
    """An error to report in one line; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt so that it unwinds the same way."""


def err(message: str, kind: str = "error") -> None:
    """``nkwatch: error: message`` (or ``note``) on stderr."""
    print(f"{PROG}: {kind}: {message}", file=sys.stderr, flush=True)


def iso_date(value: str) -> date:
    from store.sources.pubdate import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def article_id(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}")
    return n


LANGUAGE_HELP = "only articles in this language (ISO 639-1 code: en, de, fr ...)"


def language_code(value: str) -> str:
    code = value.strip().lower()
    if not (len(code) in (2, 3) and code.isascii() and code.isalpha()):
        raise argparse.ArgumentTypeError(f"not a language code: {value!r} (e.g. en, de, fr)")
    return code


@dataclass(frozen=True)
class Options:
    """Parent parsers for options that several commands take."""

    db: argparse.ArgumentParser
    format: argparse.ArgumentParser
    filter: argparse.ArgumentParser


def common_options() -> Options:
    # --db is accepted before or after the command; SUPPRESS keeps a later absence
    # from overwriting an earlier value.
    db_opt = argparse.ArgumentParser(add_help=False)
    db_opt.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $NKWATCH_DB, else nkwatch.db in the user data folder)",
    )
    fmt_opt = argparse.ArgumentParser(add_help=False)
    fmt_opt.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    filter_opt = argparse.ArgumentParser(add_help=False)
    filter_opt.add_argument("--search", metavar="Q", help="only records whose sentence matches Q")
    filter_opt.add_argument("--article", metavar="ID", type=article_id, help="only article ID")
    filter_opt.add_argument("--language", metavar="CODE", type=language_code, help=LANGUAGE_HELP)
    return Options(db_opt, fmt_opt, filter_opt)


def _count(least: int):
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if n < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more: {value!r}")
        return n

    return parse


def add_paging(parser: argparse.ArgumentParser, default: int | None = None) -> None:
    """``--limit N``, ``--offset N`` and ``--all``; ``default`` is the page size without
    them (None: everything). :func:`page_of` reads them back."""
    everything = "every row" if default is None else f"the first {default} rows"
    group = parser.add_argument_group(f"paging (default: {everything})")
    group.add_argument("--limit", metavar="N", type=_count(1), help="at most N rows")
    group.add_argument(
        "--offset", metavar="N", type=_count(0), default=0, help="skip the first N rows"
    )
    group.add_argument("--all", action="store_true", help="every row (no page size)")
    parser.set_defaults(page_default=default)


def page_of(args: argparse.Namespace, parser: argparse.ArgumentParser) -> tuple[int | None, int]:
    """``(limit, offset)`` the paging options ask for (limit None: no limit)."""
    if args.all and args.limit is not None:
        parser.error("--all and --limit do not go together")
    if args.all:
        return None, args.offset
    return (args.limit if args.limit is not None else args.page_default), args.offset


def open_database(args: argparse.Namespace, *, write: bool = False, note: bool = True):
    """The database ``--db`` / ``$NKWATCH_DB`` names, created and migrated; or CliError.

    A database that cannot be written is opened read-only: a command that only reads
    says so once (a note on stderr) and goes on; one that writes (``write=True``)
    stops before doing anything, with one line saying why. ``note=False`` leaves the
    saying to the caller (the dashboard shows it on screen).
    """
    from store.db import DatabaseError, open_db
    from store.paths import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    try:
        db = open_db(path)
    except DatabaseError as e:
        raise CliError(str(e)) from None
    if db.read_only:
        if write:
            db.close()
            raise CliError(
                f"{path}: cannot write: {db.read_only}; make it writable or use another --db"
            )
        if note:
            err(f"{path}: opened read-only: {db.read_only}; reading works, writing is impossible",
                kind="note")  # fmt: skip
    return db


def check_search(parser: argparse.ArgumentParser, q: str | None) -> None:
    from store.queries import fts_query

    if q is not None and fts_query(q) is None:
        parser.error(f"nothing to search for in {q!r} (no words)")
