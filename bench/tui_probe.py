"""One dashboard measurement in a fresh process, driven by Textual's Pilot (``run_test``,
headless); prints one JSON line. Called by ``bench/run.py``; by hand:

    .venv/bin/python bench/tui_probe.py frame --db X.db        # or: frame --bare
    .venv/bin/python bench/tui_probe.py reader --db X.db --article 7
    .venv/bin/python bench/tui_probe.py keys --db X.db
    .venv/bin/python bench/tui_probe.py memory --db X.db

How things are timed (``time.perf_counter``):

* ``frame``: the caller times from starting this process to the line ``FRAME`` it
  prints once ``run_test`` has the app running and a ``pilot.pause()`` has let the
  first refresh through (imports included: they are part of a first frame). ``--bare``
  is the baseline: a Textual app with one ``Static``, the same way.
* ``reader``: ``app.open_article(id)``, then waiting (polling every 5 ms) until the
  reader shows that article, then ``pilot.pause()``: the open time. Then keys in the
  reader (``j``, ``]``, ``pagedown``): each is ``pilot.press`` followed by
  ``pilot.pause()`` (the key handled, the app idle: its frame is due).
* ``keys``: the same press-to-idle timing for dashboard keys: scroll the figures list
  (``j``), jump from a figure to its sentence (``enter``), type a search character,
  open a quantity (``c``).
* ``memory``: a search (``/troops`` enter), then ten jumps (figures ``j`` + ``enter``),
  then the process's peak RSS (``ru_maxrss``).

A step that does not finish within ``--timeout`` seconds is reported as that many
seconds with ``"timed_out": true``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (120, 40)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _frame(db: str | None) -> dict:
    if db is None:
        from textual.app import App
        from textual.widgets import Static

        class Bare(App):
            def compose(self):
                yield Static("nkwatch")

        app = Bare()
    else:
        from tui.app import NkwatchApp

        app = NkwatchApp(Path(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        print("FRAME", flush=True)
        await pilot.pause()
    return {"rss_mb": rss_mb()}


async def _timed(pilot, coro, timeout: float) -> tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        await asyncio.wait_for(coro, timeout)
        await asyncio.wait_for(pilot.pause(), timeout)
    except TimeoutError:
        return timeout, True
    return time.perf_counter() - t0, False


async def _until(predicate, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.005)


async def _reader(db: str, article: int, timeout: float) -> dict:
    from tui.app import NkwatchApp

    app = NkwatchApp(Path(db))
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_show_pane("reader") if hasattr(app, "action_show_pane") else None
        await pilot.pause()
        t0 = time.perf_counter()
        app.open_article(article)
        try:
            reader = app.reader
            await _until(lambda: reader.view is not None and reader.view.id == article, timeout)
            await asyncio.wait_for(pilot.pause(), timeout)
            out["open_s"] = time.perf_counter() - t0
        except TimeoutError:
            out["open_s"], out["timed_out"] = timeout, True
            return out
        app.reader.focus()
        await pilot.pause()
        for key in ("j", "right_square_bracket", "pagedown", "j"):
            seconds, late = await _timed(pilot, pilot.press(key), timeout)
            out.setdefault("keys", []).append({"key": key, "s": seconds, "timed_out": late})
            if late:
                break
    out["rss_mb"] = rss_mb()
    return out


async def _keys(db: str, timeout: float, repeat: int) -> dict:
    from tui.app import NkwatchApp

    app = NkwatchApp(Path(db))
    times: dict[str, list[float]] = {}
    late: list[str] = []

    async def press(name: str, *keys: str) -> None:
        for key in keys:
            seconds, timed_out = await _timed(pilot, pilot.press(key), timeout)
            times.setdefault(name, []).append(seconds)
            if timed_out:
                late.append(name)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press("show figures", "2")
        await asyncio.sleep(0.5)  # the list's first page
        await pilot.pause()
        for _ in range(repeat):
            await press("scroll figures", "j")
        for _ in range(repeat):
            await press("jump to a sentence", "enter")
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        for ch in "troops"[:repeat]:
            await press("type a search character", ch)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        for _ in range(min(repeat, 3)):
            await press("open a quantity", "c")
            await asyncio.sleep(0.2)
            await pilot.press("escape")
            await pilot.pause()
    out = {}
    for name, values in times.items():
        values = sorted(values)
        out[name] = {
            "median_s": statistics.median(values),
            "p95_s": values[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
            "n": len(values),
            "timed_out": name in late,
        }
    return out


async def _memory(db: str, timeout: float) -> dict:
    from tui.app import NkwatchApp

    app = NkwatchApp(Path(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        for ch in "troops":
            await pilot.press(ch)
        await pilot.press("enter")
        await asyncio.wait_for(pilot.pause(), timeout)
        await asyncio.sleep(1)
        await pilot.press("2")
        await pilot.pause()
        for _ in range(10):
            await pilot.press("j")
            await pilot.press("enter")
            await asyncio.wait_for(pilot.pause(), timeout)
            await asyncio.sleep(0.1)
            await pilot.press("2")
            await pilot.pause()
    return {"rss_mb": rss_mb()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["frame", "reader", "keys", "memory"])
    ap.add_argument("--db")
    ap.add_argument("--bare", action="store_true")
    ap.add_argument("--article", type=int)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--repeat", type=int, default=6)
    a = ap.parse_args()
    if a.what == "frame":
        result = asyncio.run(_frame(None if a.bare else a.db))
    elif a.what == "reader":
        result = asyncio.run(_reader(a.db, a.article, a.timeout))
    elif a.what == "keys":
        result = asyncio.run(_keys(a.db, a.timeout, a.repeat))
    else:
        result = asyncio.run(_memory(a.db, a.timeout))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
