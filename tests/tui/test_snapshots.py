"""SVG snapshots of fixed dashboard states (curated data, fixed sizes, no clock).

Update after an intended visual change: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import settle
from tui.app import NkwatchApp

WIDE = (120, 36)


def test_dashboard(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=WIDE, run_before=run_before)


def test_search_active(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("slash", *"Pyongyang")
        await settle(pilot.app, pilot, 0.3)
        await pilot.press("enter", "4", "n")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=WIDE, run_before=run_before)


def test_figure_jump(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("2", "s")
        await settle(pilot.app, pilot)
        await pilot.press("j", "enter")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=WIDE, run_before=run_before)


def test_help(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("question_mark")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=WIDE, run_before=run_before)


def test_narrow_timeline(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("3")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=(80, 24), run_before=run_before)


def test_narrow_figures(snap_compare, curated_path: Path) -> None:
    """80x24: value, unit and claimant keep their room; the article title gives way."""

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("2")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=(80, 24), run_before=run_before)


def test_delete_confirmation(snap_compare, curated_path: Path) -> None:
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("D")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(curated_path), terminal_size=(80, 24), run_before=run_before)
