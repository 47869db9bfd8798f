"""The dashboard while a watch runs: the watch line with the alert count, new articles
marked until seen, the alerts screen that jumps to a figure, what changed in a revision,
and articles arriving while it is open."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from store import alerts, watch
from store.db import open_db
from store.ingest import ingest_document
from store.sources.files import RawDocument
from tests.tui.conftest import settle
from tui.app import NkwatchApp
from tui.screens.watch import AlertsScreen, RevisionsScreen
from tui.watching import WatchLine

SIZE = (120, 40)
TROOPS = (
    "Troops arrive\n\nAbout 3,000 North Korean troops have arrived in the Kursk region, "
    "South Korea's spy agency said on Monday."
)
BUDANOV = (
    "Budanov: 12,000 in Kursk\n\nUp to 12,000 North Korean troops are now fighting in the "
    "Kursk region, Kyrylo Budanov said on Thursday."
)
TOLL = (
    "Strikes on Sudzha\n\nRussian strikes hit the town of Sudzha overnight.\n\n"
    "The death toll in the Kursk region rose to {n}, officials said."
)


def put(db, source: str, text: str):
    """Store as the watch does: marked unseen, rules checked, in the article's transaction."""

    def after(db, article_id, status):
        watch.mark_unseen(db, article_id, status)
        alerts.check_article(db, article_id)

    doc = RawDocument(source=source, text=text, published=date(2024, 11, 20))
    return ingest_document(db, doc, after=after)


@pytest.fixture
def watched(tmp_path) -> Path:
    path = tmp_path / "watched.db"
    db = open_db(path)
    alerts.add_rule(db, "Kursk")
    put(db, "https://wire.example/troops-1", TROOPS)
    put(db, "https://wire.example/live", TOLL.format(n=23))
    put(db, "https://wire.example/troops-2", BUDANOV)
    put(db, "https://wire.example/live", TOLL.format(n=31))
    now = 1_732_000_000.0
    for url in ("https://wire.example/feed.xml", "https://down.example/feed.xml"):
        source, _ = watch.add_source(db, url, now)
    watch.record_poll(db, 1, now=now, every=600, ok=True, status="1 new")
    watch.record_poll(db, 2, now=now, every=600, ok=False,
                      status="could not fetch https://down.example/feed.xml: host not found")  # fmt: skip
    db.close()
    return path


def line_text(app) -> str:
    return app.query_one(WatchLine).render().plain


async def test_watch_line_alerts_and_new_marks(watched: Path) -> None:
    app = NkwatchApp(watched)
    app.SEEN_AFTER = 60.0  # nothing counts as seen during this test
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        line = line_text(app)
        assert line.startswith(" ! 2 alerts  ● 3 new  watch: 2 sources · polled ")
        assert "1 failing: could not fetch https://down.example/feed.xml: host not" in line
        articles = app.query_one("#articles")
        titles = [articles.cells(articles.row_at(i))[1] for i in range(articles.total)]
        assert all(str(t).startswith("● ") for t in titles)

        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, AlertsScreen)
        newest_first = [a.kind + " " + a.unit for a in app.screen.alerts]
        assert newest_first == ["new high deaths", "new high troops"]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, AlertsScreen)
        view = app.reader.view
        assert view.title == "Budanov: 12,000 in Kursk" and app.focused is app.reader
        assert app.reader.focus_span is not None
        assert view.body[app.reader.focus_span.start : app.reader.focus_span.end] == (
            "Up to 12,000 North Korean troops"
        )
        await settle(app, pilot, 0.1)
        seen = sqlite3.connect(watched).execute("SELECT id, seen FROM alerts ORDER BY id")
        assert seen.fetchall() == [(1, 1), (2, 0)]  # the one jumped to is seen
        await settle(app, pilot, 2.2)  # the store stamp changed: the line follows
        assert line_text(app).startswith(" ! 1 alert  ● 3 new")
        assert view.id == app.reader.view.id  # the reload did not pull the reader away


async def test_an_article_counts_as_seen_after_a_moment_in_the_reader(watched: Path) -> None:
    app = NkwatchApp(watched)
    app.SEEN_AFTER = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, 0.3)
        shown = app.reader.view.id
        unseen = sqlite3.connect(watched).execute("SELECT id FROM articles WHERE unseen = 1")
        assert shown not in {r[0] for r in unseen.fetchall()}
        assert len({1, 2, 3} - {shown}) == 2


async def test_on_a_narrow_terminal_only_the_shown_reader_makes_seen(watched: Path) -> None:
    app = NkwatchApp(watched)
    app.SEEN_AFTER = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot, 0.3)
        assert app.narrow and app.pane == "articles" and app.reader.view is not None
        unseen = sqlite3.connect(watched).execute("SELECT count(*) FROM articles WHERE unseen = 1")
        assert unseen.fetchone() == (3,)  # behind the articles pane: not seen
        await pilot.press("4")
        await settle(app, pilot, 0.3)
        unseen = sqlite3.connect(watched).execute("SELECT id FROM articles WHERE unseen = 1")
        assert app.reader.view.id not in {r[0] for r in unseen.fetchall()}


async def test_a_read_only_dashboard_marks_nothing_seen(watched: Path) -> None:
    app = NkwatchApp(watched, read_only=True)
    app.SEEN_AFTER = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, 0.3)
        count = sqlite3.connect(watched).execute("SELECT count(*) FROM articles WHERE unseen = 1")
        assert count.fetchone() == (3,)


async def test_a_revised_article_shows_what_changed(watched: Path) -> None:
    app = NkwatchApp(watched)
    app.SEEN_AFTER = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        index = next(i for i in range(articles.total) if articles.row_at(i).revision == 2)
        articles.move_cursor(index)
        await settle(app, pilot)
        view = app.reader.view
        assert view.revision == 2 and view.changes == ("31 deaths, was 23 in revision 1",)
        doc = app.reader.document
        assert "revision 2 (R: what changed)" in doc
        assert "changed: 31 deaths, was 23 in revision 1" in doc
        [changed] = view.changed
        assert any(s.ref == changed for s in view.spans)
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, RevisionsScreen)
        assert app.screen.diff == [
            "- The death toll in the Kursk region rose to 23, officials said.",
            "+ The death toll in the Kursk region rose to 31, officials said.",
        ]
        await pilot.press("escape")
        assert not isinstance(app.screen, RevisionsScreen)


async def test_articles_arriving_while_open_show_as_new(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    db = open_db(path)
    put(db, "https://wire.example/troops-1", TROOPS)
    db.execute("UPDATE articles SET unseen = 0")
    db.conn.commit()
    app = NkwatchApp(path)
    app.SEEN_AFTER = 60.0
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not app.query_one(WatchLine).display  # nothing watched, nothing new
        put(db, "https://wire.example/troops-2", BUDANOV)
        await settle(app, pilot, 2.3)  # the dashboard looks every 2 s
        articles = app.query_one("#articles")
        assert articles.total == 2
        new = [articles.row_at(i) for i in range(2) if articles.row_at(i).unseen]
        assert [r.title for r in new] == ["Budanov: 12,000 in Kursk"]
        assert app.query_one(WatchLine).display and "● 1 new" in line_text(app)
        # While a dialog is open, news waits (no crash); it shows once the dialog closes.
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, AlertsScreen)
        put(db, "https://wire.example/live", TOLL.format(n=23))
        await settle(app, pilot, 2.3)
        assert isinstance(app.screen, AlertsScreen) and articles.total == 2
        await pilot.press("escape")
        await settle(app, pilot, 2.3)
        assert articles.total == 3 and "● 2 new" in line_text(app)
    db.close()


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_an_alert_jump_to_another_article_stays_there(watched: Path, size) -> None:
    """The alert chosen is about an article the articles cursor is not on: the reader
    goes there, and stays when the lists reload (the alert marked seen, then a new
    article arriving above the cursor's row)."""
    app = NkwatchApp(watched)
    app.SEEN_AFTER = 60.0
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        cursor_article = app.query_one("#articles").current.id
        await pilot.press("exclamation_mark")
        await settle(app, pilot)
        target = next(a for a in app.screen.alerts if a.article_id != cursor_article)
        index = app.screen.alerts.index(target)
        await pilot.press(*["down"] * index, "enter")
        await settle(app, pilot, 2.3)  # marked seen: the store stamp moves, lists reload
        assert app.reader.view.id == target.article_id != cursor_article
        span = app.reader.focus_span
        assert span is not None and span.ref == target.figure_id
        db = open_db(watched)
        put(db, "https://wire.example/evening", "Evening brief\n\nAbout 40 people were "
            "evacuated from Sudzha on Friday, officials said.")  # fmt: skip
        db.close()
        await settle(app, pilot, 2.3)
        assert app.query_one("#articles").total == 4
        assert app.reader.view.id == target.article_id
        assert app.query_one("#articles").current.id == cursor_article  # its row, one lower
