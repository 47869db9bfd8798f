"""Databases for the dashboard tests, built once per session in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from tests.tui.fixtures import curated_db, seeded_db


@pytest.fixture(scope="session")
def seeded_path(tmp_path_factory) -> Path:
    """The bundled seeds through the real ingest and extraction."""
    return seeded_db(tmp_path_factory.mktemp("tui-seeded") / "seeded.db")


@pytest.fixture(scope="session")
def curated_path(tmp_path_factory) -> Path:
    """Seed bodies with a fixed set of figures and dates (stable for snapshots)."""
    return curated_db(tmp_path_factory.mktemp("tui-curated") / "curated.db")


async def settle(app, pilot, delay: float = 0.0) -> None:
    """Let timers fire, workers finish and their messages land."""
    if delay:
        await pilot.pause(delay)
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # superseded by a newer one (exclusive workers cancel the last): normal
        await pilot.pause()
    lists = list(app.query("LazyList"))
    for _ in range(100):  # up to ~5 s on a slow machine
        if all(lst.loaded and not lst._pending for lst in lists) and not app.workers:
            break
        await pilot.pause(0.05)


@pytest.fixture(scope="session")
def big_path(tmp_path_factory) -> Path:
    """100,000 articles, one quantity of 10,000 claims (direct inserts, a few seconds)."""
    from tests.tui.bigdb import big_db

    return big_db(tmp_path_factory.mktemp("tui-big") / "big.db")
