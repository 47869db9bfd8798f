"""The listing commands: ``articles``, ``figures``, ``timeline`` and ``search``.

They import only ``store`` (never Textual or Rich), so scripts calling them stay fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence

from tui.cli.common import (
    LANGUAGE_HELP,
    CliError,
    Options,
    add_paging,
    check_search,
    err,
    language_code,
    open_database,
    page_of,
)
from tui.cli.output import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    TIMELINE_COLUMNS,
    csv_out,
    emit,
    fit,
    json_stream,
)
from tui.formats import published_text

SEARCH_PAGE = 20
"""``search`` shows this many articles unless told otherwise (``--limit``, ``--all``)."""

_PAGING_NOTE = "rows stream as they are found; with --limit N, --offset N skips N rows first"


def add_parsers(sub, opts: Options) -> dict:
    from store import queries

    p = sub.add_parser(
        "articles", parents=[opts.db, opts.format], help="list articles", epilog=_PAGING_NOTE
    )
    p.add_argument("--search", metavar="Q", help="only articles matching Q")
    p.add_argument("--language", metavar="CODE", type=language_code, help=LANGUAGE_HELP)
    add_paging(p)
    p = sub.add_parser(
        "figures",
        parents=[opts.db, opts.format, opts.filter],
        help="list extracted figures",
        epilog=_PAGING_NOTE,
    )
    add_paging(p)
    p = sub.add_parser(
        "timeline",
        parents=[opts.db, opts.format, opts.filter],
        help="list dated events in date order",
        epilog=_PAGING_NOTE,
    )
    add_paging(p)
    p = sub.add_parser(
        "search",
        parents=[opts.db, opts.format],
        help="full-text search with matching sentences",
        epilog=f"best matches first, {SEARCH_PAGE} articles a page: --offset {SEARCH_PAGE}"
        " gives the next page, --all every match. A trailing * finds every word that"
        " starts so (escalat* finds escalate, escalation, escalating).",
    )
    p.add_argument("query", nargs="+", metavar="Q", help="words to look for (trailing * = prefix)")
    add_paging(p, SEARCH_PAGE)
    return {
        "articles": listing(queries.iter_articles, ARTICLE_COLUMNS, queries.ARTICLE_KEYS),
        "figures": listing(queries.iter_figures, FIGURE_COLUMNS, queries.FIGURE_KEYS),
        "timeline": listing(queries.iter_timeline, TIMELINE_COLUMNS, queries.TIMELINE_KEYS),
        "search": cmd_search,
    }


class _Page:
    """The records of one page, and whether more lay beyond it: the query is asked for
    one row more than the page holds."""

    def __init__(self, rows: Iterable, limit: int | None) -> None:
        self.rows = iter(rows)
        self.limit = limit
        self.more = False

    def __iter__(self) -> Iterator:
        for i, row in enumerate(self.rows):
            if self.limit is not None and i >= self.limit:
                self.more = True
                return
            yield row

    @staticmethod
    def ask(limit: int | None) -> int | None:
        return None if limit is None else limit + 1


def more_note(limit: int | None, offset: int) -> None:
    err(
        f"more rows than the {limit} shown: --offset {offset + (limit or 0)} for the next"
        " page, --all for every one",
        kind="note",
    )


def listing(fetch: Callable[..., Iterator], columns, keys: Sequence[str]) -> Callable[..., int]:
    def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        from store.manage import article_exists
        from store.reextract import extraction_status

        check_search(parser, getattr(args, "search", None))
        limit, offset = page_of(args, parser)
        db = open_database(args)
        try:
            kwargs = {"search": args.search, "language": args.language}
            if hasattr(args, "article"):
                kwargs["article_id"] = args.article
                if args.article is not None and not article_exists(db, args.article):
                    raise CliError(f"no article {args.article}")
            due = extraction_status(db).describe()  # stale figures: say so, on stderr
            page = _Page(fetch(db, **kwargs, limit=_Page.ask(limit), offset=offset), limit)
            n = emit(args.format, (r.as_contract() for r in page), columns, keys)
        finally:
            db.close()
        if page.more:
            more_note(limit, offset)
        if not n and args.search is not None:
            no_matches(args.search)
        if due:
            err(due, kind="note")
        return 0

    return run


SEARCH_CSV_KEYS = ["article_id", "source", "title", "start", "end", "sentence"]


def cmd_search(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.queries import iter_search

    q = " ".join(args.query)
    check_search(parser, q)
    limit, offset = page_of(args, parser)
    db = open_database(args)
    try:
        page = _Page(iter_search(db, q, _Page.ask(limit), offset), limit)
        if args.format == "json":
            n = json_stream(h.as_contract() for h in page)
        elif args.format == "csv":
            n = 0

            def rows() -> Iterator[dict]:
                nonlocal n
                for h in page:
                    n += 1
                    for s in h.sentences:
                        yield {
                            "article_id": h.article.id,
                            "source": h.article.source,
                            "title": h.article.title,
                            "start": s.start,
                            "end": s.end,
                            "sentence": s.text,
                        }

            csv_out(rows(), SEARCH_CSV_KEYS)
        else:
            n = 0
            width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 0
            for h in page:
                n += 1
                a = h.article
                when = published_text(a.published, a.published_inferred) or "date unknown"
                lines = [f"[{a.id}] {a.title}  ({when}; {a.source})"]
                for s in h.sentences:
                    text = " ".join(s.text.split())
                    lines.append("    " + (fit(text, width - 4) if width else text))
                print("\n".join(lines), flush=n == 1)
    finally:
        db.close()
    if page.more:
        more_note(limit, offset)
    if not n:
        no_matches(q)
    return 0


def no_matches(q: str) -> None:
    """Said on stderr, so stdout stays valid JSON or CSV for a script."""
    err(f"no matches for {q!r}", kind="note")


_VALUE_OPTIONS = frozenset({"--db", "--format", "--limit", "--offset"})
_FLAG_OPTIONS = frozenset({"-h", "--help", "--all"})


def search_words_last(argv: list[str]) -> list[str]:
    """``search`` argv with its words after ``--``, so a word starting with ``-``
    (``search -Kursk``) is a word to find, not an unknown option. Options (``--db``,
    ``--format``, ``-h``) keep their meaning wherever they stand; argv that is not a
    search, or already has ``--``, is returned as it is."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # global options before the command
        i += 2 if argv[i] in _VALUE_OPTIONS else 1
    if i >= len(argv) or argv[i] != "search" or "--" in argv[i + 1 :]:
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = argv[i + 1 :]
    j = 0
    while j < len(rest):
        token = rest[j]
        name = token.split("=", 1)[0]
        if name in _VALUE_OPTIONS or token in _FLAG_OPTIONS:
            takes_value = name in _VALUE_OPTIONS and "=" not in token
            options += rest[j : j + 2] if takes_value else [token]
            j += 2 if takes_value else 1
        else:
            words.append(token)
            j += 1
    if not any(w.startswith("-") for w in words):
        return argv
    return [*argv[: i + 1], *options, "--", *words]
