"""``nkwatch reextract``: run extraction again over stored articles, so a database keeps
up with the rules (store/reextract.py). Rich is imported only to draw the progress bar,
and only when stderr is a terminal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tui.cli.common import CliError, Options, article_id, err, open_database


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "reextract",
        parents=[opts.db],
        help="extract figures and dates again from stored articles",
        description="Run the current extraction rules again over stored articles (their "
        "stored text and offsets stay as they are), one transaction per article. With no "
        "ID only the articles an older version of the rules extracted are done.",
    )
    p.add_argument("ids", nargs="*", type=article_id, metavar="ID", help="article ids")
    p.add_argument("--all", action="store_true", help="every article, current or not")
    return {"reextract": cmd_reextract}


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal and there is more than one article."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("re-extracting", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


def cmd_reextract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.extract import EXTRACTOR_VERSION
    from store.reextract import all_articles, reextract, stale_articles

    if args.all and args.ids:
        raise CliError("reextract: give article ids or --all, not both", code=2)
    db = open_database(args, write=True)
    try:
        if args.ids:
            ids = args.ids
        elif args.all:
            ids = all_articles(db)
        else:
            ids = stale_articles(db)
        if not ids:
            print(
                f"nothing to re-extract: every article is at extractor version {EXTRACTOR_VERSION}"
            )
            return 0
        with _progress(len(ids)) as progress:
            result = reextract(db, ids, progress)
    finally:
        db.close()
    for missing in result.missing:
        err(f"no article {missing}")
    for failed, why in result.failed:
        err(f"article {failed}: not re-extracted, left as it was ({why})")
    if result.done:
        n = result.done
        print(
            f"re-extracted {n} article{'s' if n != 1 else ''}: {result.figures_after} figures"
            f" (were {result.figures_before}), {result.dates_after} dates;"
            f" extractor version {EXTRACTOR_VERSION}"
        )
    return 1 if result.missing or result.failed else 0
