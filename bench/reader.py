"""Benchmark: keypress-to-frame in the dashboard's reader on megabyte articles.

    .venv/bin/python bench/reader.py                 # builds /tmp/nkwatch-bench-reader.db once
    .venv/bin/python bench/reader.py --reps 5 --json

Runs the dashboard headless (Textual's test driver, 80x24 by default) in this process
and times, from the moment a key is handed to the driver to the first frame the
compositor renders that shows its effect (``App._display``, after every visible line
was rendered):

- open: the articles cursor moves onto an article until the reader paints it;
- ``j`` / ``pagedown`` scrolling the reader;
- ``]`` / ``[`` stepping figures (the active sentence moves and is scrolled to);
- the articles cursor moved with ``j`` typed ahead every 30 ms across the large
  articles: each key until the frame with its cursor, and until the reader settles.

Each is measured on a seed article (the baseline, same run) and on a 2 MB article
and a 1 MB article written as one line (``bench/bigtext.py``). Prints median and
p95 in milliseconds and the ratio to the baseline. Numbers, never assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bigtext import write_article  # noqa: E402

BIG_TITLE = "Harbour report in two megabytes"
LINE_TITLE = "Pasted field notes on one line"


def build_db(path: Path) -> None:
    """Seeds plus a 2 MB article and a 1 MB one-line article, through the real ingest."""
    tmp = path.parent
    big = tmp / "nkwatch-bench-big2m.txt"
    line = tmp / "nkwatch-bench-line1m.txt"
    write_article(big, BIG_TITLE, 2_000_000)
    write_article(line, LINE_TITLE, 1_000_000, one_line=True, seed=11)
    from store.db import open_db
    from store.ingest import ensure_seeded

    db = open_db(path)
    ensure_seeded(db)  # the seeds, as a new user gets them: the baseline articles
    db.conn.close()
    nkwatch = Path(sys.executable).with_name("nkwatch")
    env = dict(os.environ, NKWATCH_DB=str(path))
    print(f"building {path}: ingesting a 2 MB and a 1 MB one-line article (a minute)...")
    subprocess.run([str(nkwatch), "ingest", str(big), str(line)], env=env, check=True)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


class Frames:
    """Records the time of every frame with what the given probe saw at that moment."""

    def __init__(self, app) -> None:
        self.app = app
        self.probe = lambda: None
        self.seen: list[tuple[float, object]] = []
        self.event = asyncio.Event()
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if renderable is not None:
                self.seen.append((time.perf_counter(), self.probe()))
                self.event.set()

        app._display = display

    async def until(self, ok, t0: float, timeout: float) -> float:
        """Seconds from ``t0`` to the first frame (after t0) whose probe passes ``ok``."""
        deadline = time.perf_counter() + timeout
        while True:
            for t, seen in self.seen:
                if t >= t0 and ok(seen):
                    return t - t0
            if time.perf_counter() > deadline:
                return float("nan")
            self.event.clear()
            try:
                await asyncio.wait_for(self.event.wait(), 0.05)
            except TimeoutError:
                self.app.screen._on_timer_update()


def send(app, key: str) -> None:
    from textual import events

    char = {"j": "j", "k": "k", "right_square_bracket": "]", "left_square_bracket": "["}.get(key)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def run(
    db: Path, reps: int, size: tuple[int, int], timeout: float, verbose: bool = False
) -> dict:
    from tests.tui.conftest import settle
    from tui.app import NkwatchApp

    try:
        from tui.app import READER_BURST
    except ImportError:  # before the reader debounced bursts
        READER_BURST = 0.0

    app = NkwatchApp(db)
    results: dict[str, dict[str, list[float]]] = {}

    def add(name: str, which: str, value: float) -> None:
        results.setdefault(name, {}).setdefault(which, []).append(value)
        if verbose:
            print(f"  {name:22} {which:16} {value * 1000:9.1f} ms", file=sys.stderr)

    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        frames = Frames(app)
        articles = app.query_one("#articles")
        rows = {articles.row_at(i).title: i for i in range(articles.total)}
        seeds = [i for t, i in rows.items() if t not in (BIG_TITLE, LINE_TITLE)]
        seed_i = max(seeds, key=lambda i: articles.row_at(i).n_figures)  # ] and [ need some
        cases = {"seed": seed_i, "2 MB": rows[BIG_TITLE], "1 MB one line": rows[LINE_TITLE]}
        reader = app.reader
        for which, index in cases.items():
            target = articles.row_at(index).id
            for _ in range(reps):
                # open: the reader shows another article, then this one is opened
                app.action_show_pane("reader")
                app.open_article(articles.row_at((index + 1) % articles.total).id)
                await settle(app, pilot)
                await asyncio.sleep(READER_BURST)  # a lone open, not one of a burst
                frames.probe = lambda: reader.view.id if reader.view else None
                t0 = time.perf_counter()
                app.open_article(target)
                add("open", which, await frames.until(lambda v, t=target: v == t, t0, timeout))
                await settle(app, pilot)
                # from the middle of the article, where a long one hurts most
                figures = reader.figure_spans
                mid = figures[(len(figures) - 1) // 2]  # one after it, one before
                reader.set_active((mid.sentence_start, mid.sentence_end), mid)
                await settle(app, pilot)
                for key, name in (("j", "j (scroll 1)"), ("pagedown", "pagedown")):
                    before = reader.scroll_y
                    frames.probe = lambda: reader.scroll_y
                    t0 = time.perf_counter()
                    send(app, key)
                    add(name, which, await frames.until(lambda y, b=before: y != b, t0, timeout))
                    await settle(app, pilot)
                for key, name in (("right_square_bracket", "]"), ("left_square_bracket", "[")):
                    before = reader.focus_span
                    frames.probe = lambda: reader.focus_span
                    t0 = time.perf_counter()
                    send(app, key)
                    add(name, which, await frames.until(lambda f, b=before: f != b, t0, timeout))
                    await settle(app, pilot)
        # The articles cursor typed ahead across both large articles.
        big = sorted((rows[BIG_TITLE], rows[LINE_TITLE]))
        for _ in range(reps):
            app.action_show_pane("articles")
            start = max(0, big[0] - 2)
            articles.move_cursor(start)
            await settle(app, pilot)
            frames.probe = lambda: articles.cursor
            steps = min(articles.total - 1, big[1] + 2) - start
            sent = []
            for _ in range(steps):
                sent.append(time.perf_counter())
                send(app, "j")
                await asyncio.sleep(0.03)
            for k, t0 in enumerate(sent):
                want = start + k + 1
                add(
                    "cursor j past large",
                    "typed ahead",
                    await frames.until(
                        lambda c, want=want: c is not None and c >= want, t0, timeout
                    ),
                )
            final = articles.row_at(start + steps).id
            if app.narrow:  # the reader is hidden: no frame shows it
                await settle(app, pilot)
                continue
            frames.probe = lambda: reader.view.id if reader.view else None
            add(
                "cursor j past large",
                "reader settled",
                await frames.until(lambda v, f=final: v == f, sent[-1], timeout),
            )
            await settle(app, pilot)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/nkwatch-bench-reader.db"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--size", default="80x24,160x48", help="terminal sizes, comma-separated")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a frame")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each timing as taken")
    a = ap.parse_args()
    if not a.db.exists():
        build_db(a.db)
    table = []
    for size in a.size.split(","):
        w, h = (int(x) for x in size.split("x"))
        results = asyncio.run(run(a.db, a.reps, (w, h), a.timeout, a.verbose))
        table.extend(summarise(results, size))
    if a.json:
        print(json.dumps({"rows": table}, indent=2))
        return
    print(f"reader keypress-to-frame, headless, reps={a.reps}")
    print(
        f"{'size':7} {'measure':20} {'article':15} {'n':>3} {'median ms':>9} {'p95 ms':>8} "
        f"{'x seed':>6}"
    )
    for r in table:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        print(
            f"{r['size']:7} {r['measure']:20} {r['article']:15} {r['n']:>3} "
            f"{r['median_ms']:>9} {r['p95_ms']:>8} {ratio:>6}"
        )


def summarise(results: dict, size: str) -> list[dict]:
    table = []
    for name, by in results.items():
        base = by.get("seed")
        base_med = statistics.median(base) if base else None
        for which, xs in by.items():
            med = statistics.median(xs)
            table.append({
                "size": size, "measure": name, "article": which, "n": len(xs),
                "median_ms": round(med * 1000, 1), "p95_ms": round(pct(xs, 95) * 1000, 1),
                "ratio": round(med / base_med, 2) if base_med else None,
            })  # fmt: skip
    return table


if __name__ == "__main__":
    main()
