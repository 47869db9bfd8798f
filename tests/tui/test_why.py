"""The reader's "Why" (e): a figure's cues marked in its sentence and explained in a
line under the reader; from the figures list too; with NO_COLOR the marks still differ."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from store.browse import FigureWhy
from store.db import open_db
from store.extract.models import Cue, Evidence
from store.ingest import ingest_sources
from store.reextract import reextract, stale_articles
from tests.tui.conftest import settle
from tui.app import WATCH_SECONDS, NkwatchApp
from tui.why import why_line, why_spans

SIZE = (80, 24)

STORY = """Dock strike could idle the port

Union leaders said on Wednesday that as many as 4,000 dockworkers could walk off the job.
Port officials put the figure at about 2,500 workers. Shipping lines may lose up to $90m a day.
"""


def _story_db(tmp_path: Path) -> Path:
    path = tmp_path / "why.db"
    story = tmp_path / "dock-strike.txt"
    story.write_text(STORY, encoding="utf-8")
    db = open_db(path)
    outcomes = list(ingest_sources(db, [str(story)], published=date(2025, 3, 14)))
    db.close()
    assert all(o.ok for o in outcomes)
    return path


def _marks(reader, kind: str) -> list[str]:
    """The body text under each mark of ``kind`` (as the reader paints it right now)."""
    return reader.marked(kind)


async def test_why_marks_the_cues_and_explains_them(tmp_path: Path) -> None:
    app = NkwatchApp(_story_db(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        why = app.query_one("#why")
        assert not why.display  # off until asked
        await pilot.press("e")  # no figure in focus yet: the first one, with its cues
        await settle(app, pilot)
        reader = app.reader
        focused = reader.focused_why
        assert focused is not None and focused.text == "as many as 4,000 dockworkers"
        assert why.display
        line = str(why.render())
        assert "upper bound ← “as many as”" in line
        assert "hedged ← “could”" in line
        assert "claimant ← “Union leaders”" in line
        assert "unit ← “dockworkers”" in line
        assert "← “Wednesday”" in line
        assert _marks(reader, "why-qualifier") == ["as many as"]
        assert _marks(reader, "why-hedge") == ["could"]
        assert _marks(reader, "why-claimant") == ["Union leaders"]
        assert _marks(reader, "why-date") == ["Wednesday"]

        # stepping on keeps Why on and follows the figure in focus
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert reader.focused_why.text == "about 2,500 workers"
        assert _marks(reader, "why-qualifier") == ["about"]
        assert _marks(reader, "why-hedge") == []
        assert "approximate ← “about”" in str(why.render())

        # e again: marks and line go
        await pilot.press("e")
        await settle(app, pilot)
        assert not why.display and not reader.why_shown
        assert _marks(reader, "why-qualifier") == []


async def test_why_from_the_figures_list(tmp_path: Path) -> None:
    app = NkwatchApp(_story_db(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        figures = app.query_one("#figures")
        target = next(i for i in range(figures.total) if figures.row_at(i).text == "up to $90m")
        figures.move_cursor(target)
        await pilot.press("e")
        await settle(app, pilot)
        assert app.reader.why_shown and app.reader.focused_why.text == "up to $90m"
        assert _marks(app.reader, "why-hedge") == ["may"]
        assert _marks(app.reader, "why-qualifier") == ["up to"]
        assert "hedged ← “may”" in str(app.query_one("#why").render())


async def test_why_on_a_figure_stored_before_evidence(tmp_path: Path) -> None:
    path = _story_db(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE figures SET evidence = NULL")
    conn.execute("UPDATE articles SET extractor_version = 0")
    conn.commit()
    conn.close()
    app = NkwatchApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        # the watch line says a re-extract is due
        assert "re-extract due: 1 article" in str(app.query_one("WatchLine").render())
        await pilot.press("4", "e")
        await settle(app, pilot)
        assert "nkwatch reextract" in str(app.query_one("#why").render())
        assert _marks(app.reader, "why-qualifier") == []

        # `nkwatch reextract` from another process: the dashboard notices, the line goes
        # and the figure in focus (a new row now) shows its evidence
        db = open_db(path)
        reextract(db, stale_articles(db))
        db.close()
        await settle(app, pilot, delay=WATCH_SECONDS + 0.5)
        await settle(app, pilot)
        assert not app.query_one("WatchLine").display
        assert app.reader.focused_why is not None
        assert "upper bound ← “as many as”" in str(app.query_one("#why").render())
        assert _marks(app.reader, "why-qualifier") == ["as many as"]


async def test_why_marks_differ_without_colour(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NkwatchApp(_story_db(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "e")
        await settle(app, pilot)
        styles = app.reader.mark_styles()
        looks = set()
        for kind in ("why-qualifier", "why-hedge", "why-claimant", "why-date", "why-unit"):
            s = styles[kind]
            looks.add((s.bold, s.italic, s.underline, s.reverse))
        assert len(looks) == 5  # each cue its own text style, colour or not


def test_why_line_and_spans_are_pure():
    ev = Evidence(qualifier=Cue(0, 5, "up to"), claimant=Cue(20, 29, "the union"))
    why = FigureWhy("up to 9 ships", "max", False, "union", None, "ships", None, ev)
    assert why_spans(why) == [(0, 5, "why-qualifier"), (20, 29, "why-claimant")]
    line = why_line(why, {}).plain
    assert line == "Why: upper bound ← “up to” · claimant ← “the union”"
    plain_count = FigureWhy("9 ships", None, False, None, None, "ships", None, Evidence())
    assert "a plain count" in why_line(plain_count, {}).plain
    assert why_spans(None) == [] and "pick a figure" in why_line(None, {}).plain
