"""``nkwatch ingest``: add articles from files, folders, URLs, feeds or stdin."""

from __future__ import annotations

import argparse

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
    return {"ingest": cmd_ingest}


def cmd_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store.db import DatabaseUnwritable
    from store.ingest import ingest_sources

    db = open_database(args, write=True)
    failed = stored = 0
    try:
        for o in ingest_sources(
            db,
            args.sources,
            published=args.published,
            source_name=args.source_name,
            replace=args.replace,
        ):
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
        db.close()
    return 1 if failed else 0
