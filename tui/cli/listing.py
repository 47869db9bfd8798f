"""The listing commands: ``articles``, ``figures``, ``timeline`` and ``search``.

They import only ``store`` (never Textual or Rich), so scripts calling them stay fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence

from tui.cli.common import LANGUAGE_HELP, Options, check_search, language_code, open_database
from tui.cli.output import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    TIMELINE_COLUMNS,
    csv_out,
    emit,
    fit,
    json_out,
)


def add_parsers(sub, opts: Options) -> dict:
    from store import queries

    p = sub.add_parser("articles", parents=[opts.db, opts.format], help="list articles")
    p.add_argument("--search", metavar="Q", help="only articles matching Q")
    p.add_argument("--language", metavar="CODE", type=language_code, help=LANGUAGE_HELP)
    sub.add_parser(
        "figures", parents=[opts.db, opts.format, opts.filter], help="list extracted figures"
    )
    sub.add_parser(
        "timeline",
        parents=[opts.db, opts.format, opts.filter],
        help="list dated events in date order",
    )
    p = sub.add_parser(
        "search", parents=[opts.db, opts.format], help="full-text search with matching sentences"
    )
    p.add_argument("query", nargs="+", metavar="Q", help="words to look for (trailing * = prefix)")
    return {
        "articles": listing(queries.list_articles, ARTICLE_COLUMNS, queries.ARTICLE_KEYS),
        "figures": listing(queries.list_figures, FIGURE_COLUMNS, queries.FIGURE_KEYS),
        "timeline": listing(queries.list_timeline, TIMELINE_COLUMNS, queries.TIMELINE_KEYS),
        "search": cmd_search,
    }


def listing(fetch: Callable[..., list], columns, keys: Sequence[str]) -> Callable[..., int]:
    def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        check_search(parser, getattr(args, "search", None))
        db = open_database(args)
        try:
            kwargs = {"search": args.search, "language": args.language}
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
    check_search(parser, q)
    db = open_database(args)
    try:
        hits = search_articles(db, q)
    finally:
        db.close()
    if args.format == "json":
        print(json_out([h.as_contract() for h in hits]))
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
        csv_out(rows, ["article_id", "source", "title", "start", "end", "sentence"])
    else:
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 0
        for h in hits:
            a = h.article
            print(f"[{a.id}] {a.title}  ({a.published or 'date unknown'}; {a.source})")
            for s in h.sentences:
                text = " ".join(s.text.split())
                print("    " + (fit(text, width - 4) if width else text))
        if not hits and sys.stdout.isatty():
            print("(no match)")
    return 0
