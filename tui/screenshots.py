"""Regenerate the dashboard's SVG screenshots from the bundled seeds.

``nkwatch screenshots [--out DIR]`` (or ``python -m tui.screenshots``) ingests the
seeds into a temporary database, drives the app with Pilot at fixed terminal sizes
and saves one SVG per state: the dashboard, a search, a figure jump, the timeline
(on a narrow terminal, one pane at a time), the help screen, a quantity (claims,
labels, chart) and the ranked quantities.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from store.db import open_db
from store.ingest import ensure_seeded
from tui.app import NkwatchApp

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "screenshots"
WIDE = (120, 36)
NARROW = (90, 28)

Step = Callable[[NkwatchApp, Pilot], Awaitable[None]]


async def _settle(app: NkwatchApp, pilot: Pilot, delay: float = 0.0) -> None:
    if delay:
        await pilot.pause(delay)
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _dashboard(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)


async def _search(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("slash", *"Budanov")
    await _settle(app, pilot, 0.4)
    await pilot.press("enter", "4", "n")
    await _settle(app, pilot)


async def _figure_jump(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("2", "s")  # by value: the biggest claim first
    await _settle(app, pilot)
    await pilot.press("enter")
    await _settle(app, pilot)
    app.clear_notifications()
    await pilot.pause()


async def _timeline(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("3")
    await _settle(app, pilot)


async def _help(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("question_mark")
    await _settle(app, pilot)


async def _quantity(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("2", "c")  # the newest figure: North Korean troops
    await _settle(app, pilot)
    await pilot.press(*"jjjj")
    await _settle(app, pilot)


async def _quantities(app: NkwatchApp, pilot: Pilot) -> None:
    await _settle(app, pilot)
    await pilot.press("5")
    await _settle(app, pilot)


SHOTS: list[tuple[str, tuple[int, int], Step]] = [
    ("dashboard", WIDE, _dashboard),
    ("search", WIDE, _search),
    ("figure-jump", WIDE, _figure_jump),
    ("timeline", NARROW, _timeline),
    ("help", WIDE, _help),
    ("quantity", WIDE, _quantity),
    ("quantities", WIDE, _quantities),
]


async def _shoot(db_path: Path, out_dir: Path) -> list[Path]:
    written = []
    for name, size, step in SHOTS:
        app = NkwatchApp(db_path)
        async with app.run_test(size=size) as pilot:
            await step(app, pilot)
            path = out_dir / f"{name}.svg"
            app.save_screenshot(filename=path.name, path=str(out_dir))
            written.append(path)
    return written


def main(out_dir: str | Path | None = None) -> int:
    """Write the SVGs into ``out_dir`` (default: the repository's ``screenshots/``)."""
    out = Path(out_dir) if out_dir else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nkwatch-shots-") as tmp:
        db_path = Path(tmp) / "seeds.db"
        db = open_db(db_path)
        failed = [o for o in ensure_seeded(db) if o.status == "error"]
        db.conn.close()
        for o in failed:
            print(f"{o.source}: {o.message}", file=sys.stderr)
        written = asyncio.run(_shoot(db_path, out))
    for path in written:
        print(path)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else None))
