"""``nkwatch``: the command line (see CONTRACT.md).

Listing commands import only ``store`` (no Textual, no Rich), so scripts stay fast;
the dashboard and the screenshot command import the TUI when they run. Every failure
ends as one ``nkwatch: error: ...`` line on stderr and an exit status (1 for failed
inputs or errors, 2 for usage, 130 when interrupted), never a traceback; set
``NKWATCH_DEBUG=1`` to see the traceback of an unexpected error.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

PROG = "nkwatch"
FORMATS = ("table", "json", "csv")


class CliError(Exception):
    """An error to report in one line; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _err(message: str, kind: str = "error") -> None:
    print(f"{PROG}: {kind}: {message}", file=sys.stderr, flush=True)


# --- argument parsing --------------------------------------------------------------


def _iso_date(value: str) -> date:
    from store.sources.pubdate import parse_iso_date

    try:
        return parse_iso_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _article_id(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"not an article id: {value!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
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
    filter_opt.add_argument("--article", metavar="ID", type=_article_id, help="only article ID")

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Follow a developing news story through its numbers. "
        "With no command, opens the dashboard.",
        parents=[db_opt],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        parents=[db_opt],
        help="add articles from files, folders, URLs or feeds (- reads stdin)",
        description="Add articles. Folders are read recursively (.txt, .md, .html, feeds); "
        "a manifest.json beside the files gives publication dates.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, URL, or -")
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="DATE",
        help='publication date (YYYY-MM-DD, or e.g. "18 Nov 2024") that relative dates resolve against',
    )
    p.add_argument("--source-name", metavar="NAME", help="the outlet, e.g. Reuters")

    p = sub.add_parser("articles", parents=[db_opt, fmt_opt], help="list articles")
    p.add_argument("--search", metavar="Q", help="only articles matching Q")
    sub.add_parser("figures", parents=[db_opt, fmt_opt, filter_opt], help="list extracted figures")
    sub.add_parser(
        "timeline", parents=[db_opt, fmt_opt, filter_opt], help="list dated events in date order"
    )
    p = sub.add_parser(
        "search", parents=[db_opt, fmt_opt], help="full-text search with matching sentences"
    )
    p.add_argument("query", nargs="+", metavar="Q", help="words to look for (trailing * = prefix)")
    p = sub.add_parser(
        "screenshots", parents=[db_opt], help="render the dashboard's SVG screenshots"
    )
    p.add_argument("--out", metavar="DIR", help="folder to write the SVGs to")
    return parser


# --- output ------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return " ".join(str(value).split())


def _fit(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` cut to ``width`` with an ellipsis; paths keep their informative end."""
    if len(text) <= width:
        return text
    if keep_end:
        return "…" + text[len(text) - width + 1 :] if width > 1 else "…"
    return text[: max(width - 1, 0)] + "…"


def render_table(columns: list[tuple[str, str, int]], records: list[dict[str, Any]]) -> str:
    """A plain aligned table. ``columns`` are (key, header, max width); the last column
    takes the rest of the terminal (or 100 characters when output is not a terminal)."""
    if not records:
        return ""
    cells = [[_cell(r.get(key)) for key, _, _ in columns] for r in records]
    numeric = {
        key
        for key, _, _ in columns
        if all(isinstance(r.get(key), int | float | None) for r in records)
        and not all(isinstance(r.get(key), bool) for r in records)
    }
    widths = []
    for i, (_, header, cap) in enumerate(columns):
        widths.append(min(cap, max(len(header), *(len(row[i]) for row in cells))))
    total = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    used = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, (total or used + 100) - used)
    widths[-1] = min(widths[-1], max(len(columns[-1][1]), *(len(row[-1]) for row in cells)))
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()]
    for row in cells:
        parts = []
        for (key, _, _), w, text in zip(columns, widths, row, strict=True):
            text = _fit(text, w, keep_end=key == "source")
            parts.append(text.rjust(w) if key in numeric else text.ljust(w))
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _json_out(records: list[dict[str, Any]]) -> str:
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    return json.dumps(records, ensure_ascii=encoding != "utf8", indent=2)


def _csv_out(records: list[dict[str, Any]], keys: list[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    for r in records:
        row = []
        for k in keys:
            v = r.get(k)
            row.append("" if v is None else ("true" if v is True else "false" if v is False else v))
        writer.writerow(row)


def emit(
    fmt: str,
    records: list[dict[str, Any]],
    columns: list[tuple[str, str, int]],
    keys: Sequence[str] = (),
) -> None:
    """Print ``records`` as JSON, CSV (``keys`` heads an empty result) or a table."""
    if fmt == "json":
        print(_json_out(records))
        return
    if fmt == "table":
        # An inferred publication date reads "2024-11-19?" in a table.
        records = [
            {**r, "published": f"{r['published']}?"}
            if r.get("published_inferred") and r.get("published")
            else r
            for r in records
        ]
    if fmt == "csv":
        _csv_out(records, list(records[0]) if records else list(keys))
    else:
        text = render_table(columns, records)
        if text:
            print(text)
        elif sys.stdout.isatty():
            print("(nothing)")


ARTICLE_COLUMNS = [
    ("id", "ID", 6),
    ("published", "PUBLISHED", 11),
    ("n_figures", "FIGURES", 7),
    ("n_dates", "DATES", 5),
    ("source_name", "OUTLET", 16),
    ("source", "SOURCE", 40),
    ("title", "TITLE", 80),
]
FIGURE_COLUMNS = [
    ("article_id", "ART", 4),
    ("value", "VALUE", 10),
    ("high", "HIGH", 10),
    ("qualifier", "QUAL", 6),
    ("unit", "UNIT", 14),
    ("actor", "ACTOR", 14),
    ("claimant", "CLAIMANT", 28),
    ("hedged", "HEDGED", 6),
    ("date", "DATE", 10),
    ("text", "TEXT", 80),
]
TIMELINE_COLUMNS = [
    ("value", "DATE", 10),
    ("end_value", "UNTIL", 10),
    ("granularity", "GRAIN", 5),
    ("article_id", "ART", 4),
    ("text", "TEXT", 24),
    ("sentence", "SENTENCE", 200),
]


# --- commands ----------------------------------------------------------------------


def _open(args: argparse.Namespace):
    from store.db import DatabaseError, open_db
    from store.paths import resolve_db_path

    path = resolve_db_path(getattr(args, "db", None))
    try:
        return open_db(path)
    except DatabaseError as e:
        raise CliError(str(e)) from None


def _check_search(parser: argparse.ArgumentParser, q: str | None) -> None:
    from store.queries import fts_query

    if q is not None and fts_query(q) is None:
        parser.error(f"nothing to search for in {q!r} (no words)")


def cmd_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.ingest import ingest_sources

    db = _open(args)
    failed = 0
    try:
        for o in ingest_sources(
            db, args.sources, published=args.published, source_name=args.source_name
        ):
            # Messages from the web layer already name their source.
            line = o.message if o.source in o.message else f"{o.source}: {o.message}"
            if o.status == "error":
                failed += 1
                _err(line)
                continue
            if o.message:
                _err(line, kind="note")
            if o.status == "note":
                continue
            if o.status == "stored":
                print(f"stored: {o.source} ({o.n_figures} figures, {o.n_dates} dates)", flush=True)
            else:
                print(f"already stored: {o.source}", flush=True)
    finally:
        db.close()
    return 1 if failed else 0


def _listing(fetch: Callable[..., list], columns, keys: Sequence[str]) -> Callable[..., int]:
    def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        _check_search(parser, getattr(args, "search", None))
        db = _open(args)
        try:
            kwargs = {"search": args.search}
            if hasattr(args, "article"):
                kwargs["article_id"] = args.article
            records = [r.as_contract() for r in fetch(db, **kwargs)]
        finally:
            db.close()
        emit(args.format, records, columns, keys)
        return 0

    return run


def cmd_search(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.queries import search_articles

    q = " ".join(args.query)
    _check_search(parser, q)
    db = _open(args)
    try:
        hits = search_articles(db, q)
    finally:
        db.close()
    if args.format == "json":
        print(_json_out([h.as_contract() for h in hits]))
    elif args.format == "csv":
        rows = [
            {
                "article_id": h.article.id,
                "source": h.article.source,
                "title": h.article.title,
                "start": s.start,
                "end": s.end,
                "sentence": s.text,
            }
            for h in hits
            for s in h.sentences
        ]
        _csv_out(rows, ["article_id", "source", "title", "start", "end", "sentence"])
    else:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 0
        for h in hits:
            a = h.article
            print(f"[{a.id}] {a.title}  ({a.published or 'date unknown'}; {a.source})")
            for s in h.sentences:
                text = " ".join(s.text.split())
                print("    " + (_fit(text, width - 4) if width else text))
        if not hits and sys.stdout.isatty():
            print("(no match)")
    return 0


def cmd_screenshots(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        from tui import screenshots
    except ModuleNotFoundError as e:
        if e.name == "tui.screenshots":
            raise CliError("screenshots are not available in this version") from None
        raise
    result = screenshots.main(args.out)
    return result if isinstance(result, int) else 0


def cmd_dashboard(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.ingest import ensure_seeded
    from store.paths import resolve_db_path

    db = _open(args)
    try:
        for o in ensure_seeded(db):
            if o.status == "error":
                _err(f"{o.source}: {o.message}")
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
    result = run_dashboard(path)
    return result if isinstance(result, int) else 0


def _commands() -> dict[str, Callable[..., int]]:
    from store import queries

    return {
        "ingest": cmd_ingest,
        "articles": _listing(queries.list_articles, ARTICLE_COLUMNS, queries.ARTICLE_KEYS),
        "figures": _listing(queries.list_figures, FIGURE_COLUMNS, queries.FIGURE_KEYS),
        "timeline": _listing(queries.list_timeline, TIMELINE_COLUMNS, queries.TIMELINE_KEYS),
        "search": cmd_search,
        "screenshots": cmd_screenshots,
    }


def run(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return cmd_dashboard(args, parser)
    return _commands()[args.command](args, parser)


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: run, and turn every failure into one line and a status."""
    try:
        return run(argv)
    except SystemExit as e:  # argparse: 2 on usage errors, 0 for --help
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        _err("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`nkwatch figures | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 141
    except CliError as e:
        _err(str(e))
        return e.code
    except Exception as e:
        if os.environ.get("NKWATCH_DEBUG"):
            raise
        detail = " ".join(str(e).split())
        _err(f"unexpected {type(e).__name__}" + (f": {detail}" if detail else ""))
        return 1


if __name__ == "__main__":
    sys.exit(main())
