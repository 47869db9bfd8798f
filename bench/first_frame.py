"""Benchmark: the dashboard's first frame against a bare Textual app with one Static.

    .venv/bin/python bench/first_frame.py               # 10 runs of each, 80x24
    .venv/bin/python bench/first_frame.py --runs 20 --json

Each run is a fresh ``python`` process in a pseudo-terminal (Textual's real driver,
80x24), timed from just before the process is started until the app's first screen
is mounted and its first frame written (Textual's ``Ready`` event, which the screen
posts after its first compositor refresh). Three programs, interleaved run by run
so machine load falls on all of them alike:

- ``bare``: ``App`` composing one ``Static``, the baseline;
- ``app``: ``NkwatchApp`` on a seeded database (``import tui.app`` and the first
  screen: lists, reader, status);
- ``nkwatch``: the ``nkwatch`` command with no arguments, as a user starts it (the
  CLI, opening and checking the database, then the app).

Prints the median and p90 of each in milliseconds and the ratio of the medians to
``bare``. Standalone on purpose (bench/run.py can fold it in): numbers, never
assertions.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ("bare", "app", "nkwatch")


# --------------------------------------------------------------------------- child


def _stamp_on_ready(app_class: type, stamp: str) -> type:
    import inspect

    css = app_class.CSS_PATH  # relative to the module of the class that says it
    if isinstance(css, str):
        css = str(Path(inspect.getfile(app_class)).parent / css)

    class Timed(app_class):  # type: ignore[misc, valid-type]
        CSS_PATH = css

        def on_ready(self) -> None:
            Path(stamp).write_text(repr(time.monotonic()))
            self.exit()

    Timed.__name__ = app_class.__name__
    return Timed


def child(program: str, db: str, stamp: str) -> None:
    if program == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static("Hello")

        _stamp_on_ready(Bare, stamp)().run()
    elif program == "app":
        from tui.app import NkwatchApp

        _stamp_on_ready(NkwatchApp, stamp)(db).run()
    else:
        import tui.app
        from tui.cli import main

        # The command imports tui.app itself; patched first, it runs the timed class.
        tui.app.NkwatchApp = _stamp_on_ready(tui.app.NkwatchApp, stamp)
        sys.exit(main(["--db", db]))


# --------------------------------------------------------------------------- parent


def run_once(program: str, db: Path, size: tuple[int, int], timeout: float) -> float:
    with tempfile.TemporaryDirectory(prefix="nkwatch-ff-") as tmp:
        stamp = Path(tmp) / "stamp"
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = dict(os.environ, TERM="xterm-256color", NKWATCH_DB=str(db))
        env.pop("NO_COLOR", None)
        args = [sys.executable, str(Path(__file__).resolve()), "--child", program]
        args += ["--db", str(db), "--stamp", str(stamp)]

        def drain() -> None:  # a terminal that reads what the app writes
            while True:
                try:
                    if not os.read(master, 65536):
                        break
                except OSError:
                    break

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        t0 = time.monotonic()
        proc = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
            start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)
        reader.join(1)
        if not stamp.exists():
            return float("nan")
        return float(stamp.read_text()) - t0


def seeded(db: Path) -> Path:
    if not db.exists():
        sys.path.insert(0, str(ROOT))
        from store.db import open_db
        from store.ingest import ensure_seeded

        conn = open_db(db)
        ensure_seeded(conn)
        conn.conn.close()
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--db", type=Path, default=Path("/tmp/nkwatch-bench-first-frame.db"))
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", choices=PROGRAMS, help=argparse.SUPPRESS)
    ap.add_argument("--stamp", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        sys.path.insert(0, str(ROOT))
        child(a.child, str(a.db), a.stamp)
        return
    db = seeded(a.db)
    w, h = (int(x) for x in a.size.split("x"))
    times: dict[str, list[float]] = {p: [] for p in PROGRAMS}
    for p in PROGRAMS:  # one warm-up each: the OS file cache, .pyc files
        run_once(p, db, (w, h), a.timeout)
    for _ in range(a.runs):
        for p in PROGRAMS:
            times[p].append(run_once(p, db, (w, h), a.timeout))
    base = statistics.median(times["bare"])
    rows = []
    for p, xs in times.items():
        xs_ok = sorted(x for x in xs if x == x)
        med = statistics.median(xs_ok) if xs_ok else float("nan")
        p90 = xs_ok[min(len(xs_ok) - 1, round(0.9 * (len(xs_ok) - 1)))] if xs_ok else med
        rows.append({
            "program": p, "runs": len(xs_ok), "median_ms": round(med * 1000, 1),
            "p90_ms": round(p90 * 1000, 1), "ratio": round(med / base, 2),
        })  # fmt: skip
    if a.json:
        print(json.dumps({"size": a.size, "rows": rows}, indent=2))
        return
    print(f"first frame, {a.size}, pty, {a.runs} runs each (process start to Ready)")
    print(f"{'program':9} {'runs':>4} {'median ms':>10} {'p90 ms':>8} {'x bare':>7}")
    for r in rows:
        print(f"{r['program']:9} {r['runs']:>4} {r['median_ms']:>10} {r['p90_ms']:>8} "
              f"{r['ratio']:>7.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
