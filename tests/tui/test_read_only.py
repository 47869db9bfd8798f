"""A dashboard opened read-only (``nkwatch serve --read-only``) refuses every write with
one message on screen, and still reads."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import settle
from tui.app import NkwatchApp


async def toasts(app, pilot) -> list[str]:
    """The notifications on screen, once they have had time to get there."""
    for _ in range(5):
        await pilot.pause()
    return [str(toast.render()) for toast in app.query("Toast")]


async def test_read_only_refuses_a_write_with_a_message(seeded_path: Path) -> None:
    app = NkwatchApp(seeded_path, read_only=True)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        assert app.query_one("#articles").total == 5  # reading works
        assert app.ensure_writable("deleting an article") is False
        assert await toasts(app, pilot) == [
            "read-only: deleting an article is not allowed (served with --read-only)"
        ]


async def test_writable_dashboard_lets_writes_through_silently(seeded_path: Path) -> None:
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        assert app.ensure_writable("deleting an article") is True
        assert await toasts(app, pilot) == []
