"""``nkwatch watch``: follow feeds and pages, store what is new, say what changed.

``watch URL... [--every 10m]`` adds the URLs to the watched sources (kept in the
database, so the dashboard shows them) and polls them all until interrupted;
``--add``, ``--list`` and ``--remove`` manage the list; ``--once`` polls what is due
once and exits; ``--exec CMD`` runs CMD for each alert with the alert as JSON on its
stdin. Only ``store`` is imported (no Textual, no Rich).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time

from tui.cli.common import CliError, Options, err, open_database
from tui.cli.output import emit

_PERIOD = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}
SOURCE_COLUMNS = [
    ("id", "ID", 4),
    ("last_poll", "LAST POLL", 25),
    ("next_poll", "NEXT POLL", 25),
    ("n_new", "NEW", 5),
    ("failures", "FAILS", 5),
    ("url", "URL", 60),
    ("status", "STATUS", 80),
]


def period(value: str) -> float:
    """``10m``, ``90s``, ``1h``, ``2d`` or plain seconds; at least 1 s."""
    m = _PERIOD.match(value)
    if not m:
        raise argparse.ArgumentTypeError(f"not a period: {value!r} (e.g. 30s, 10m, 1h)")
    seconds = float(m[1]) * _UNITS[(m[2] or "s").lower()]
    if seconds < 1:
        raise argparse.ArgumentTypeError(f"too short: {value!r} (at least 1 s)")
    return seconds


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "watch",
        parents=[opts.db],
        help="follow feeds and pages: store what is new, raise alerts",
        description="Poll feeds and pages and store what is new: new articles, and new "
        "revisions of pages whose text changed. The watched sources are kept in the "
        "database (the dashboard shows them). Runs until interrupted (Ctrl-C).",
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="feeds or pages to watch (added)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--add", action="store_true", help="only add the URLs to the list")
    what.add_argument("--remove", action="store_true", help="stop watching these URLs or ids")
    what.add_argument("--list", action="store_true", help="list the watched sources")
    p.add_argument(
        "--every", type=period, default=600.0, metavar="PERIOD",
        help="how often to poll each source (default 10m; e.g. 30s, 1h)",
    )  # fmt: skip
    p.add_argument("--once", action="store_true", help="poll every source once, now, then exit")
    p.add_argument(
        "-v", "--verbose", action="store_true",
        help="also say when a poll found nothing new (otherwise only what changed)",
    )  # fmt: skip
    p.add_argument(
        "--exec", dest="exec_cmd", metavar="CMD",
        help="run CMD (a shell command) for each alert, with the alert as JSON on stdin "
        "and its message in $NKWATCH_ALERT",
    )  # fmt: skip
    p.add_argument(
        "--spacing", type=period, default=1.0, metavar="PERIOD",
        help="least time between two requests to one host (default 1s)",
    )  # fmt: skip
    p.add_argument(
        "--timeout", type=period, default=20.0, metavar="PERIOD",
        help="give up on a request after this long (default 20s)",
    )  # fmt: skip
    p.add_argument(
        "--format", choices=("table", "json", "csv"), default="table",
        help="output format of --list (default: table)",
    )  # fmt: skip
    return {"watch": cmd_watch}


def _check_url(url: str) -> str:
    from store.sources.fetch import check_address
    from store.sources.web import WebError

    try:
        check_address(url)
    except WebError as e:
        reason = str(e).split(": ", 1)[-1]
        raise CliError(f"cannot watch {url}: {reason}") from None
    return url.strip()


def cmd_watch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from store import watch

    if (args.add or args.remove) and not args.urls:
        parser.error(f"--{'add' if args.add else 'remove'} needs at least one URL")
    if args.list and args.urls:
        parser.error("--list takes no URL")
    db = open_database(args, write=not args.list)  # a read-only database: one line, at once
    try:
        if args.list:
            records = [s.as_record() for s in watch.list_sources(db)]
            emit(args.format, records, SOURCE_COLUMNS, [k for k, _, _ in SOURCE_COLUMNS])
            if not records:
                err("no watched sources (nkwatch watch --add URL)", kind="note")
            return 0
        if args.remove:
            missing = 0
            for which in args.urls:
                gone = watch.remove_source(db, which)
                if gone is None:
                    missing += 1
                    err(f"not watched: {which}")
                else:
                    print(f"removed: {gone.url}")
            return 1 if missing else 0
        urls = [_check_url(url) for url in args.urls]
        for url in urls:
            source, added = watch.add_source(db, url, time.time())
            if args.add:
                print(f"{'added' if added else 'already watched'}: {url} (source {source.id})")
        if args.add:
            return 0
        return _run(db, args)
    finally:
        db.close()


def _run(db, args: argparse.Namespace) -> int:
    from store import watch
    from store.sources.poll import Poller
    from store.watcher import Watcher, every_text

    sources = watch.list_sources(db)
    if not sources:
        raise CliError("nothing to watch: give a feed or page URL (or add one with --add)")
    poller = Poller(timeout=args.timeout, spacing=args.spacing)
    failed = 0

    def on_event(event) -> None:
        nonlocal failed
        if event.kind in ("failed", "problem"):
            failed += 1
            err(event.line)
        elif event.kind == "note":
            err(event.line, kind="note")
        elif event.kind == "alert":
            _say(f"alert: {event.line}")
            if args.exec_cmd and not run_alert_command(args.exec_cmd, event.alert):
                failed += 1
        elif event.kind != "source" or args.verbose or not event.quiet:
            _say(event.line)

    watcher = Watcher(db, poller, every=args.every, on_event=on_event)
    n = len(sources)
    if args.once:
        watcher.poll_due(everything=True)
        return 1 if failed else 0
    other = watch.running_watch(db, time.time())
    if other is not None:
        raise CliError(
            f"a watch is already running on this database (process {other}); "
            "stop it first, or add sources to it with --add"
        )
    _say(
        f"watching {n} source{'s' if n != 1 else ''} every {every_text(args.every)} (Ctrl-C stops)"
    )
    watcher.run()  # Ctrl-C or SIGTERM (raised as Terminated by tui.cli.main) ends it
    return 0  # pragma: no cover - run() ends only by an exception


def _say(line: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {line}", flush=True)


def run_alert_command(command: str, alert) -> bool:
    """Run the user's command for one alert: the alert as JSON on stdin, its message in
    $NKWATCH_ALERT. A command that fails is one line (False), and the watch goes on."""
    record = alert.as_record()
    env = {**os.environ, "NKWATCH_ALERT": alert.message, "NKWATCH_ALERT_ID": str(alert.id)}
    try:
        done = subprocess.run(
            command, shell=True, input=json.dumps(record, ensure_ascii=False), text=True,
            env=env, timeout=60, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        err(f"alert command timed out after 60 s: {command}")
        return False
    except OSError as e:
        err(f"alert command could not run: {command} ({e.strerror or e})")
        return False
    if done.returncode != 0:
        err(f"alert command failed (exit {done.returncode}): {command}")
        return False
    return True
