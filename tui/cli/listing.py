"""The listing commands: ``articles``, ``figures``, ``timeline`` and ``search``.

They import only ``store`` (never Textual or Rich), so scripts calling them stay fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence

from tui.cli.common import (
    LANGUAGE_HELP,
    CliError,
    Options,
    check_search,
    err,
    language_code,
    open_database,
)
from tui.cli.output import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    TIMELINE_COLUMNS,
    csv_out,
    emit,
    fit,
    json_out,
)
from tui.formats import published_text


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
        from store.manage import article_exists
        from store.reextract import extraction_status

        check_search(parser, getattr(args, "search", None))
        db = open_database(args)
        try:
            kwargs = {"search": args.search, "language": args.language}
            if hasattr(args, "article"):
                kwargs["article_id"] = args.article
                if args.article is not None and not article_exists(db, args.article):
                    raise CliError(f"no article {args.article}")
            records = [r.as_contract() for r in fetch(db, **kwargs)]
            due = extraction_status(db).describe()  # stale figures: say so, on stderr
        finally:
            db.close()
        emit(args.format, records, columns, keys)
        if not records and args.search is not None:
            no_matches(args.search)
        if due:
            err(due, kind="note")
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
            when = published_text(a.published, a.published_inferred) or "date unknown"
            print(f"[{a.id}] {a.title}  ({when}; {a.source})")
            for s in h.sentences:
                text = " ".join(s.text.split())
                print("    " + (fit(text, width - 4) if width else text))
    if not hits:
        no_matches(q)
    return 0


def no_matches(q: str) -> None:
    """Said on stderr, so stdout stays valid JSON or CSV for a script."""
    err(f"no matches for {q!r}", kind="note")


_VALUE_OPTIONS = frozenset({"--db", "--format"})


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
        if name in _VALUE_OPTIONS or token in ("-h", "--help"):
            takes_value = name in _VALUE_OPTIONS and "=" not in token
            options += rest[j : j + 2] if takes_value else [token]
            j += 2 if takes_value else 1
        else:
            words.append(token)
            j += 1
    if not any(w.startswith("-") for w in words):
        return argv
    return [*argv[: i + 1], *options, "--", *words]
