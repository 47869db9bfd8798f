"""``nkwatch ingest``: add articles from files, folders, URLs, feeds or stdin."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import CliError, Options, err, iso_date, open_database


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "ingest",
        parents=[opts.db],
        help="add articles from files, folders, URLs or feeds (- reads stdin)",
        description="Add articles. Folders are read recursively (.txt, .md, .html, feeds); "
        "a manifest.json beside the files gives publication dates.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, URL, or -")
    p.add_argument(
        "--published",
        type=iso_date,
        metavar="DATE",
        help='publication date (YYYY-MM-DD, or e.g. "18 Nov 2024") that relative dates resolve against',
    )
    p.add_argument("--source-name", metavar="NAME", help="the outlet, e.g. Reuters")
    p.add_argument(
        "--replace",
        action="store_true",
        help="a changed file or page takes the place of its stored version (same id); "
        "for content already stored, apply --published / --source-name to it",
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes extracting at once when there are many inputs (default: one per "
        "core; 1: everything in this process)",
    )
    return {"ingest": cmd_ingest}


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}")
    return n


def cmd_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.db import DatabaseUnwritable
    from store.ingest_pool import ingest_many

    db = open_database(args, write=True)
    failed = stored = 0
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        for o in ingest_many(
            db,
            args.sources,
            published=args.published,
            source_name=args.source_name,
            replace=args.replace,
            workers=args.jobs,
            total=bar.found if bar else None,
        ):
            if bar:
                bar.done()
            # Messages from the web layer already name their source.
            line = o.message if o.source in o.message else f"{o.source}: {o.message}"
            if o.status == "error":
                failed += 1
                err(line)
                continue
            if o.status == "updated":
                print(f"updated: {o.source} (article {o.article_id}: {o.message})", flush=True)
                continue
            if o.message:
                err(line, kind="note")
            if o.status == "note":
                continue
            if o.status in ("stored", "replaced", "revised"):
                stored += 1
                counts = f"{o.n_figures} figures, {o.n_dates} dates"
                if o.status == "revised":
                    counts = f"article {o.article_id}, revision {o.revision}, {counts}"
                elif o.status == "replaced":
                    counts = f"article {o.article_id}, {counts}"
                print(f"{o.status}: {o.source} ({counts})", flush=True)
            else:
                print(f"already stored: {o.source} (article {o.article_id})", flush=True)
    except DatabaseUnwritable as e:
        # Every later input would fail the same way: stop at the first, say it once.
        raise CliError(f"{e} (stopped; {stored} stored in this run before it)") from None
    finally:
        if bar:
            bar.stop()
        db.close()
    return 1 if failed else 0


class _ProgressBar:
    """A rich progress bar on stderr (a terminal) for an ingest of at least
    :data:`SHOW_AFTER` documents, below the printed lines, gone when the ingest ends."""

    SHOW_AFTER = 50

    def __init__(self) -> None:
        self.total = self.completed = 0
        self.progress = None

    def found(self, n: int) -> None:
        self.total = n
        if self.progress is None and n >= self.SHOW_AFTER:
            self._start()

    def done(self) -> None:
        self.completed += 1
        self._update()

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            redirect_stdout=sys.stdout.isatty(),  # lines on the same terminal go above it
            redirect_stderr=True,
        )
        self.task = self.progress.add_task("ingest", total=self.total)
        self.progress.start()

    def _update(self) -> None:
        if self.progress is not None:
            self.progress.update(self.task, total=max(self.total, self.completed),
                                 completed=self.completed)  # fmt: skip

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
