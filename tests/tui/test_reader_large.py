"""The reader on megabyte articles: a 2 MB article in paragraphs and a 1 MB article
written as one line open, scroll, jump to a sentence, step figures and mark search
hits on the lines that show. Correctness only: timings live in bench/reader.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from store.browse import Span
from store.db import open_db
from tests.tui.conftest import settle
from tui.app import NkwatchApp

SIZE = (120, 40)
NARROW = (80, 24)

# Our own wording: a ferry line's season, numbers in every sentence or so.
_PORTS = ["Bergen", "Stavanger", "Ålesund", "Kiel", "Gdańsk", "Tallinn", "Turku", "Visby"]
_SENTENCES = [
    "The morning boat from {p} carried {n} ferries passengers despite the swell.",
    "Crews in {p} said the timetable would hold through the holiday weekend.",
    "A harbour pilot counted {n} ferries cars waiting at the ramp in {p}.",
    "Nobody at the {p} terminal would say when the new berth might open.",
]
MARKER = "exactly 4,321 lighthouses"  # one figure far down each article
WORD = "zephyrgram"  # one search word, also far down


def _generate(n_chars: int, one_line: bool, seed: int) -> str:
    parts: list[str] = []
    size = 0
    i = seed
    while size < n_chars:
        para = []
        for _ in range(3 + i % 4):
            i += 7
            s = _SENTENCES[i % len(_SENTENCES)].format(p=_PORTS[i % len(_PORTS)], n=i % 900 + 2)
            para.append(s)
        text = " ".join(para)
        parts.append(text)
        size += len(text) + 2
    cut = len(parts) * 4 // 5  # the marker sentence and the word four fifths of the way in
    parts.insert(cut, f"By the end of the season the coast had {MARKER} lit again.")
    parts.insert(cut + 3, f"The radio operators called it a {WORD} and laughed.")
    return (" " if one_line else "\n\n").join(parts)


def _insert(db, title: str, body: str, every: int) -> int:
    """The article, a figure on every ``every``-th "N ferries" and on the marker."""
    article_id = db["articles"].insert(
        {
            "source": f"{title}.txt", "title": title, "body": body, "published": "2025-03-02",
            "content_hash": title, "ingested_at": "now",
        }
    ).last_pk  # fmt: skip
    rows = []
    found = list(re.finditer(r"\b(\d+) ferries", body))[::every]
    found.append(re.search(re.escape("4,321 lighthouses"), body))
    for m in found:
        s0 = body.rfind(".", 0, m.start()) + 2
        s1 = body.find(".", m.end()) + 1
        rows.append(
            {
                "article_id": article_id, "start_pos": m.start(), "end_pos": m.end(),
                "text": m.group(0), "value": float(m.group(0).split()[0].replace(",", "")),
                "unit": m.group(0).split()[1], "hedged": 0, "vague": 0,
                "sentence_start": s0, "sentence_end": s1,
            }
        )  # fmt: skip
    db["figures"].insert_all(rows)
    db["articles"].update(article_id, {"n_figures": len(rows)})
    return article_id


@pytest.fixture(scope="module")
def large_db(tmp_path_factory) -> tuple[Path, int, int]:
    path = tmp_path_factory.mktemp("reader-large") / "large.db"
    db = open_db(path)
    big = _insert(db, "Ferry season in paragraphs", _generate(2_000_000, False, 3), 40)
    line = _insert(db, "Ferry season on one line", _generate(1_000_000, True, 5), 3)
    db.conn.commit()
    db.conn.close()
    return path, big, line


def visible(reader) -> list[str]:
    return [reader.render_line(y).text for y in range(reader.scrollable_content_region.height)]


def marked(reader, test) -> str:
    """The text of the visible cells whose style passes ``test``, runs joined by spaces."""
    runs: list[str] = []
    for y in range(reader.scrollable_content_region.height):
        run = ""
        for seg in reader.render_line(y):
            if seg.style is not None and test(seg.style):
                run += seg.text
            elif run:
                runs.append(run)
                run = ""
        if run:
            runs.append(run)
    return " ".join(runs)


def styled_as(reader, name: str):
    """A test for cells styled as component ``reader--name`` (by its colour and text
    style, so it holds in colour and in NO_COLOR's reverse)."""
    want = reader.rich_style + reader.get_component_rich_style(f"reader--{name}")
    key = (
        (lambda s: s.bgcolor) if name in ("focus", "match") else (lambda s: s.color)
    )  # fmt: skip

    def test(style) -> bool:
        return key(style) == key(want) and bool(style.reverse) == bool(want.reverse)

    return test


def assert_lines_are_the_text(reader) -> None:
    """Every visible line is the document at its offsets, within the pane's width."""
    top = round(reader.scroll_y)
    width = reader.scrollable_content_region.width
    for y, shown in enumerate(visible(reader)):
        if top + y >= reader.line_count:
            assert shown.strip() == ""
            continue
        start, end = reader.line_range(top + y)
        assert shown[2:].rstrip() == reader.document[start:end].rstrip()
        assert cell_len(shown) <= width


async def open_in_reader(app, pilot, article_id: int) -> None:
    articles = app.query_one("#articles")
    index = next(i for i in range(articles.total) if articles.row_at(i).id == article_id)
    articles.move_cursor(index)
    await settle(app, pilot)
    await pilot.press("4")
    await settle(app, pilot)
    assert app.reader.view is not None and app.reader.view.id == article_id


def marker_span(reader) -> Span:
    body = reader.view.body
    return next(f for f in reader.figure_spans if body[f.start : f.end] == "4,321 lighthouses")


@pytest.mark.parametrize("size", [SIZE, NARROW])
@pytest.mark.parametrize("which", ["big", "line"])
async def test_a_large_article_opens_scrolls_and_jumps(large_db, which: str, size) -> None:
    path, big, line = large_db
    article_id = big if which == "big" else line
    app = NkwatchApp(path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await open_in_reader(app, pilot, article_id)
        reader = app.reader
        body = reader.view.body
        assert len(body) > (1_900_000 if which == "big" else 950_000)
        assert (which == "line") == ("\n" not in body)
        assert reader.line_count > len(body) // reader.scrollable_content_region.width
        lines = visible(reader)
        assert lines[0].strip() == reader.view.title
        assert_lines_are_the_text(reader)
        # Scroll: a page, a line, the end.
        await pilot.press("pagedown", "j")
        await settle(app, pilot)
        assert round(reader.scroll_y) == reader.scrollable_content_region.height
        assert_lines_are_the_text(reader)
        await pilot.press("G")
        await settle(app, pilot)
        assert reader.scroll_y == reader.max_scroll_y
        assert_lines_are_the_text(reader)
        last = [t for t in visible(reader) if t.strip()][-1]
        assert body.rstrip().endswith(last.strip())  # the article's last line shows
        # Jump to the marker's sentence, as enter on its row in the figures pane does.
        mark = marker_span(reader)
        app.open_article(article_id, (mark.sentence_start, mark.sentence_end), mark)
        await settle(app, pilot)
        assert_lines_are_the_text(reader)
        shown = visible(reader)
        gutter = [t for t in shown if t.startswith("▌")]
        assert gutter and "lit again." in " ".join(t[2:].strip() for t in gutter)
        # The figure is the focus; nothing else on screen is.
        focus = marked(reader, styled_as(reader, "focus"))
        assert focus.split() == "4,321 lighthouses".split()


async def test_brackets_step_figures_on_one_line(large_db) -> None:
    path, _big, line = large_db
    app = NkwatchApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_in_reader(app, pilot, line)
        reader = app.reader
        figures = reader.figure_spans
        middle = len(figures) // 2
        start = figures[middle]
        reader.set_active((start.sentence_start, start.sentence_end), start)
        await settle(app, pilot)
        for step, want in (("]", middle + 1), ("]", middle + 2), ("[", middle + 1)):
            await pilot.press(step)
            await settle(app, pilot)
            f = figures[want]
            assert reader.focus_span == f
            assert reader.active == (f.sentence_start, f.sentence_end)
            top = round(reader.scroll_y)
            height = reader.scrollable_content_region.height
            assert top <= reader.line_for_offset(f.start) < top + height
            focus = marked(reader, styled_as(reader, "focus"))
            assert focus.split() == reader.view.body[f.start : f.end].split()
            assert_lines_are_the_text(reader)
        # The other figures on screen are marked as figures, and nothing else is.
        top, height = round(reader.scroll_y), reader.scrollable_content_region.height
        others = [
            reader.view.body[g.start : g.end]
            for g in figures
            if g != reader.focus_span
            and top <= reader.line_for_offset(g.start)
            and reader.line_for_offset(g.end - 1) < top + height
        ]
        assert others
        assert marked(reader, styled_as(reader, "figure")).split() == " ".join(others).split()


@pytest.mark.parametrize("which", ["big", "line"])
async def test_search_hits_are_marked_where_they_show(large_db, which: str) -> None:
    path, big, line = large_db
    article_id = big if which == "big" else line
    app = NkwatchApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *WORD, "enter")  # both articles have the word once
        await settle(app, pilot, 0.3)
        await open_in_reader(app, pilot, article_id)
        reader = app.reader
        assert [reader.view.body[s:e] for s, e in reader.matches] == [WORD]
        await pilot.press("4", "n")
        await settle(app, pilot)
        assert reader.match_index == 0
        assert_lines_are_the_text(reader)
        assert any(WORD in t for t in visible(reader))
        assert marked(reader, styled_as(reader, "focus")) == WORD  # n: the hit is the focus


async def test_the_cursor_moving_on_leaves_the_reader_on_the_last_article(large_db) -> None:
    """Loads the cursor has moved past are dropped; the reader shows where it stopped."""
    path, big, line = large_db
    app = NkwatchApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        assert articles.total == 2
        for _ in range(3):
            await pilot.press("j", "k")
        await pilot.press("j")
        await settle(app, pilot)
        assert articles.cursor == 1
        assert app.reader.view.id == articles.row_at(1).id
        assert_lines_are_the_text(app.reader)
        # Back onto the article shown while another loads: that load is dropped.
        await pilot.press("k", "j", "k")
        await settle(app, pilot)
        assert articles.cursor == 0
        assert app.reader.view.id == articles.row_at(0).id
        assert_lines_are_the_text(app.reader)
