"""The dashboard as a new user meets it: fixing an article's date, deleting it, a
read-only dashboard, keymap typos, columns at 80x24, marks and their contrast."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Footer, Input

from store.db import open_db
from tests.tui.conftest import settle
from tests.tui.fixtures import seeded_db
from tui.app import NkwatchApp
from tui.formats import INFERRED_MARK, MARKS
from tui.screens.confirm import ConfirmScreen, PublishedScreen
from tui.screens.help import HelpScreen
from tui.why import WHY_KINDS

NARROW = (80, 24)
WIDE = (120, 40)


@pytest.fixture
def writable(seeded_path: Path, tmp_path: Path) -> Path:
    """A copy of the seeded database this test may change."""
    path = tmp_path / "copy.db"
    shutil.copy(seeded_path, path)
    return path


def with_notes(app: NkwatchApp) -> list[str]:
    """Every notification the app shows, in order."""
    seen: list[str] = []
    notify = app.notify

    def record(message, *args, **kwargs):
        seen.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    return seen


def article_dates(path: Path, article_id: int) -> dict[str, str]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT text, value FROM dates WHERE article_id = ? ORDER BY start_pos", [article_id]
    ).fetchall()
    conn.close()
    return dict(rows)


def published_of(path: Path, article_id: int) -> str | None:
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT published FROM articles WHERE id = ?", [article_id]).fetchone()
    conn.close()
    return row[0] if row else None


def seed_id(path: Path, prefix: str) -> int:
    conn = sqlite3.connect(path)
    row = conn.execute("SELECT id FROM articles WHERE source LIKE ?", [f"%/{prefix}_%"]).fetchone()
    conn.close()
    return int(row[0])


async def open_in_reader(app, pilot, article_id: int) -> None:
    app.open_article(article_id)
    await settle(app, pilot)
    assert app.reader.view.id == article_id


# --------------------------------------------------------------------------- fixing


async def test_set_publication_date_re_resolves_and_shows(writable: Path) -> None:
    article = seed_id(writable, "003")  # "said on Wednesday": a weekday relative date
    before = article_dates(writable, article)
    app = NkwatchApp(writable)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await open_in_reader(app, pilot, article)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PublishedScreen)
        box = app.screen.query_one(Input)
        assert box.value == "2024-10-23"  # the current date, to edit
        box.value = "not a date"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PublishedScreen)  # it says why and stays
        assert "not a date" in str(app.screen.query_one("#published-error").render())
        box.value = "30 October 2024"
        await pilot.press("enter")
        await settle(app, pilot, 0.1)
        assert not isinstance(app.screen, PublishedScreen)
        assert published_of(writable, article) == "2024-10-30"
        assert app.reader.view.id == article and app.reader.view.published == "2024-10-30"
    after = article_dates(writable, article)
    assert before["Wednesday"] == "2024-10-23" and after["Wednesday"] == "2024-10-30"


async def test_escape_leaves_the_date_as_it_was(writable: Path) -> None:
    app = NkwatchApp(writable)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        article = app.reader.view.id
        was = published_of(writable, article)
        await pilot.press("p")
        await settle(app, pilot)
        app.screen.query_one(Input).value = "2020-01-01"
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, PublishedScreen)
    assert published_of(writable, article) == was


async def test_delete_asks_first_then_removes_everything(writable: Path) -> None:
    app = NkwatchApp(writable)
    notes = with_notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        figures = app.query_one("#figures")
        first = articles.current.id
        n_articles, n_figures = articles.total, figures.total
        await pilot.press("D")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert published_of(writable, first) is not None or articles.total == n_articles
        await pilot.press("D")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot, 0.1)
        assert articles.total == n_articles - 1
        assert first not in [articles.row_at(i).id for i in range(articles.total)]
        assert figures.total < n_figures
        assert app.reader.view is not None and app.reader.view.id != first
        assert any(n.startswith(f"Deleted article {first}") for n in notes)
        assert not any("New articles" in n for n in notes)  # our own change
    conn = sqlite3.connect(writable)
    for table in ("figures", "dates"):
        left = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", [first])
        assert left.fetchone()[0] == 0
    conn.close()


async def test_read_only_refuses_writes_with_one_message(writable: Path) -> None:
    conn = sqlite3.connect(writable)
    before = conn.execute("SELECT id, published FROM articles ORDER BY id").fetchall()
    conn.close()
    app = NkwatchApp(writable, read_only=True)
    notes = with_notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        for key in ("p", "D"):
            await pilot.press(key)
            await settle(app, pilot)
            assert not isinstance(app.screen, PublishedScreen | ConfirmScreen)
        refused = [n for n in notes if n.startswith("read-only:")]
        assert refused == [
            "read-only: setting a publication date is not allowed (served with --read-only)",
            "read-only: deleting an article is not allowed (served with --read-only)",
        ]
    conn = sqlite3.connect(writable)
    assert conn.execute("SELECT id, published FROM articles ORDER BY id").fetchall() == before
    conn.close()


def contents(path: Path) -> str:
    """Everything the database holds, as SQL: equal when nothing was written."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


async def test_read_only_dashboard_writes_nothing_while_browsing(tmp_path: Path) -> None:
    """Opening the quantities and a quantity is reading: read-only, the dashboard does
    not index the quantities either (a write), and says why there are none."""
    path = seeded_db(tmp_path / "fresh.db")  # ingested, quantities never indexed
    before = contents(path)
    app = NkwatchApp(path, read_only=True)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot, 0.2)
        await pilot.press("5")
        await settle(app, pilot, 0.2)
        quantities = app.screen.query_one("#quantities")
        assert quantities.total == 0
        assert "read-only" in quantities.render_line(1).text
        await pilot.press("escape", "2", "enter", "c")
        await settle(app, pilot, 0.2)
    assert contents(path) == before
    app = NkwatchApp(path)  # writable, it indexes them as it opens
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot, 0.2)
    assert contents(path) != before


async def test_read_only_quantities_say_when_their_stored_counts_lag(tmp_path: Path) -> None:
    """Read-only, nothing refreshes the stored counts: up to date, the list says nothing
    of it; behind (an article stored since), the line above the list says so."""
    from store.ingest import ingest_sources
    from store.quantities import prepare

    path = seeded_db(tmp_path / "lag.db")
    db = open_db(path)
    prepare(db)  # indexed and counted, as a writable dashboard leaves it

    async def summary_line() -> str:
        app = NkwatchApp(path, read_only=True)
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot, 0.2)
            await pilot.press("5")
            await settle(app, pilot, 0.3)
            return str(app.screen.query_one(".quantity-summary").render())

    assert "lag" not in await summary_line()
    story = tmp_path / "late.txt"
    story.write_text(
        "Ferry toll rises\n\nAt least 31 people died when the ferry sank, the coast guard"
        " said on Monday.\n",
        encoding="utf-8",
    )
    assert [o.status for o in ingest_sources(db, [str(story)])] == ["stored"]
    db.close()
    assert "as last stored and may lag" in await summary_line()


async def test_unknown_keymap_ids_are_reported_once(curated_path: Path) -> None:
    app = NkwatchApp(curated_path, keymap={"copy": "c", "cpoy": "x", "figures.srot": "o"})
    notes = with_notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        await pilot.press("escape", "2")
        await settle(app, pilot)
    unknown = [n for n in notes if "unknown binding id" in n]
    assert len(unknown) == 1
    assert "cpoy, figures.srot" in unknown[0] and "copy," not in unknown[0]


async def test_a_keymap_of_known_ids_says_nothing(curated_path: Path) -> None:
    keymap = {"copy": "c", "help.close": "x", "article.delete": "X", "confirm.yes": "j"}
    app = NkwatchApp(curated_path, keymap=keymap)
    notes = with_notes(app)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
    assert not [n for n in notes if "unknown" in n]


# --------------------------------------------------------------------------- columns


def header(lst) -> str:
    return lst.render_line(0).text


def lines_of(lst) -> list[str]:
    return [lst.render_line(y).text for y in range(1, min(lst.total, 15) + 1)]


async def test_at_80x24_value_unit_and_claimant_keep_their_room(seeded_path: Path) -> None:
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        figures = app.query_one("#figures")
        head = header(figures)
        assert "Article" not in head  # the title gives way first
        claimant_width = len(head) - head.index("Claimant") - len(head[head.index("Date") :])
        assert claimant_width >= 20, head
        for line in lines_of(figures):
            value = line[: head.index("Unit")]
            assert "…" not in value, line
        # Every footer key is on screen for each pane, whole: nothing cut at the right
        # and none under another (the palette key is docked over the row's right end).
        for key in ("1", "2", "3", "4"):
            await pilot.press(key)
            await settle(app, pilot, 0.05)
            footer = app.screen.query_one(Footer)
            keys = [w for w in footer.query("FooterKey") if w.display]
            assert keys and all(w.region.right <= footer.region.right for w in keys), key
            spans = sorted((w.region.x, w.region.right) for w in keys)
            overlaps = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if a[1] > b[0]]
            assert not overlaps, (key, overlaps)
            assert any("Quit" in str(w.render()) for w in keys), key
        status = app.query_one("#status")
        assert "figures: all articles" in status.render().plain
        assert len(status.render().plain) <= status.content_region.width
        app.apply_search("Pyongyang troops")
        await settle(app, pilot)
        line = status.render().plain
        assert line.startswith("Search Pyongyang troops") and "figure" in line
        assert len(line) <= status.content_region.width, line


async def test_outlet_is_never_a_file_name_and_counts_never_cut(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    db = open_db(path)
    rows = [
        ("/news/001_85145d4a1fe2644d.txt", None, 3),
        ("https://www.example.com/story", None, 1_234_567),
        ("/news/b.txt", "Reuters", 12),
    ]
    for i, (source, name, n) in enumerate(rows):
        db["articles"].insert(
            {"source": source, "source_name": name, "title": f"Story {i}", "body": f"Story {i}.",
             "published": f"2025-03-1{i}", "published_inferred": int(i == 0),
             "content_hash": f"h{i}", "ingested_at": "2025-03-20", "n_figures": n}
        )  # fmt: skip
    db.conn.commit()
    db.close()
    app = NkwatchApp(path)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        text = "\n".join(lines_of(articles))
        assert "001_85145d4a1" not in text and "example.com" in text and "Reuters" in text
        assert "1,234,567" in text
        assert f"2025-03-10{INFERRED_MARK}" in text  # one mark per meaning


async def test_marks_mean_one_thing_and_help_shows_the_legend(seeded_path: Path) -> None:
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        figures = app.query_one("#figures")
        cells = {
            (row.hedged, row.vague): str(figures.cells(row)[0])
            for row in (figures.row_at(i) for i in range(figures.total))
        }
        assert cells[(True, False)].startswith("? ")
        assert cells[(False, True)].startswith("~ ")
        assert not cells[(False, False)].startswith(("?", "~"))
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        legend = app.screen.query_one("#help-legend").render()
        shown = legend.plain if hasattr(legend, "plain") else str(app.screen._legend())
        for sample, _ in MARKS:
            assert sample in shown or sample in _plain(app.screen._legend())


def _plain(group) -> str:
    from rich.console import Console

    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(group)
    return console.export_text()


# --------------------------------------------------------------------------- contrast


def luminance(color: Color) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def seen_colors(style: Style) -> tuple[Color, Color]:
    """(foreground, background) as the terminal shows them: reverse swaps them."""
    fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return (bg, fg) if style.reverse else (fg, bg)


READER_MARKS = ("figure", "hedged", "vague", "claimant", "date", "match", "focus", "gutter")


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_every_marked_span_reads_at_wcag_aa(
    curated_path: Path, monkeypatch, no_color
) -> None:
    """4.5:1 for every mark of the reader and the lists, on the plain background, inside
    the active sentence and on the cursor row; in colour and as NO_COLOR's greys. With
    NO_COLOR the app runs with its own no-colour styles, which Textual shows in grey."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = NkwatchApp(curated_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-no-color") == no_color
        reader = app.reader
        base = reader.rich_style
        active_bg = (base + reader.get_component_rich_style("reader--active")).bgcolor
        checks: dict[str, Style] = {}
        for kind in (*READER_MARKS, *WHY_KINDS):  # WHY_KINDS: what `e` (why) marks
            style = base + reader.get_component_rich_style(f"reader--{kind}")
            checks[kind] = style
            if kind not in ("match", "focus", "gutter"):
                checks[f"{kind} in the active sentence"] = style + Style(bgcolor=active_bg)
        figures = app.query_one("#figures")
        row_base = figures.rich_style
        cursor = figures.get_component_rich_style("lazy-list--cursor")
        for kind in ("hedged", "vague"):
            mark = figures.get_component_rich_style(f"lazy-list--{kind}")
            checks[f"list {kind}"] = row_base + mark
            # The cursor row's style goes under each cell's own (Strip.apply_style).
            checks[f"list {kind} on the cursor"] = row_base + cursor + mark
        failures = []
        for name, style in checks.items():
            fg, bg = seen_colors(style)
            for label, (a, b) in (("colour", (fg, bg)), ("grey", (fg.monochrome, bg.monochrome))):
                ratio = contrast(a, b)
                if ratio < 4.5:
                    failures.append(f"{name} ({label}): {ratio:.2f}")
        assert not failures, failures


async def test_without_colour_every_mark_reads_by_style(curated_path, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NkwatchApp(curated_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-no-color")
        reader = app.reader
        looks = {}
        for kind in ("figure", "hedged", "vague", "claimant", "date", "match", "focus"):
            style = reader.get_component_rich_style(f"reader--{kind}")
            looks[kind] = frozenset(
                attr for attr in ("bold", "italic", "underline", "reverse") if getattr(style, attr)
            )
        assert all(looks.values()), looks
        assert len(set(looks.values())) == len(looks), looks  # each mark its own look


@pytest.mark.parametrize("size", [(100, 30), (120, 40), (80, 24)])
async def test_articles_keep_their_date_beside_the_title(curated_path: Path, size) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        head = header(app.query_one("#articles"))
        assert head.startswith("Published") and "Title" in head, head
