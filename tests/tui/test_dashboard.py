"""Behaviour of the dashboard, driven with Pilot against temp databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.db import open_db
from tests.tui.conftest import settle
from tui.app import NkwatchApp
from tui.screens.help import HelpScreen

SIZE = (120, 40)


def visible_lines(reader) -> list[str]:
    return [reader.render_line(y).text for y in range(reader.scrollable_content_region.height)]


def rows_of(lst) -> list:
    return [lst.row_at(i) for i in range(lst.total)]


async def test_loads_articles_newest_first_and_reader_follows(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        assert articles.total == 5
        dates = [r.published for r in rows_of(articles)]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True)
        assert dates[-1] is None  # undated last
        assert app.reader.view is not None and app.reader.view.id == rows_of(articles)[0].id
        await pilot.press("j")
        await settle(app, pilot)
        assert articles.cursor == 1
        assert app.reader.view.id == rows_of(articles)[1].id
        await pilot.press("G")
        await settle(app, pilot)
        assert articles.cursor == 4
        await pilot.press("g")
        await settle(app, pilot)
        assert articles.cursor == 0


async def test_number_keys_and_tab_focus_panes(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for key, pane in [("2", "figures"), ("3", "timeline"), ("4", "reader"), ("1", "articles")]:
            await pilot.press(key)
            assert app.focused is not None and app.focused.id == pane
        await pilot.press("tab")
        assert app.focused.id == "figures"
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused.id == "reader"


async def test_enter_on_figure_jumps_to_its_sentence_and_back(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        figures = app.query_one("#figures")
        # Pick a figure deep in a long article so the jump has to scroll.
        rows = rows_of(figures)
        target = max(range(len(rows)), key=lambda i: rows[i].start)
        figures.move_cursor(target)
        row = figures.current
        await pilot.press("enter")
        await settle(app, pilot)
        reader = app.reader
        assert app.focused is reader
        assert reader.view.id == row.article_id
        assert reader.active == (row.sentence_start, row.sentence_end)
        assert (reader.focus_span.start, reader.focus_span.end) == (row.start, row.end)
        line = reader.line_for_offset(row.start)
        top = round(reader.scroll_y)
        assert top <= line < top + reader.scrollable_content_region.height
        assert top > 0, "a figure this far down should scroll the reader"
        # The figure's text is on screen, and its sentence carries the gutter mark.
        screen_text = "\n".join(visible_lines(reader))
        assert reader.view.body[row.start : row.end].split()[0] in screen_text
        assert any(t.startswith("▌") for t in visible_lines(reader))
        await pilot.press("backspace")
        await settle(app, pilot)
        assert app.focused is figures
        assert app.history == []


async def test_jump_to_other_article_then_escape_restores_reader(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = app.reader.view.id
        await pilot.press("2")
        figures = app.query_one("#figures")
        other = next(i for i, r in enumerate(rows_of(figures)) if r.article_id != first)
        figures.move_cursor(other)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.reader.view.id == figures.current.article_id != first
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.reader.view.id == first
        assert app.reader.active is None
        assert app.focused is figures


async def test_timeline_in_date_order_and_enter_jumps(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("3")
        timeline = app.query_one("#timeline")
        rows = rows_of(timeline)
        assert len(rows) == 6
        conn = sqlite3.connect(curated_path)
        keys = [
            conn.execute("SELECT sort_key FROM dates WHERE id=?", [r.id]).fetchone()[0]
            for r in rows
        ]
        assert keys == sorted(keys)
        # Month-level dates show as months, never as the 1st.
        months = [timeline.cells(r)[0].plain for r in rows if r.granularity == "month"]
        assert months and all(m in ("Sep 2024", "Dec 2024") for m in months)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        row = rows[1]
        assert app.reader.view.id == row.article_id
        assert app.reader.focus_span.kind == "date"
        assert app.reader.view.body[row.start : row.end] == row.text
        await pilot.press("backspace")
        assert app.focused is timeline


async def test_search_filters_lists_highlights_and_counts(curated_path: Path) -> None:
    conn = sqlite3.connect(curated_path)
    expected = [
        aid for aid, body in conn.execute("SELECT id, title || ' ' || body FROM articles")
        if "pyongyang" in body.lower()
    ]  # fmt: skip
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Pyongyang")
        await settle(app, pilot, 0.3)
        articles = app.query_one("#articles")
        assert sorted(r.id for r in rows_of(articles)) == sorted(expected)
        assert 0 < len(expected) < 5
        figures = app.query_one("#figures")
        assert all(r.article_id in expected for r in rows_of(figures))
        # Same rows as the CLI's `figures --search` / `timeline --search`: figures and
        # dates whose sentence holds a hit, not every one in a matching article.
        from store import queries

        assert {r.id for r in rows_of(figures)} == {
            f.id for f in queries.list_figures(conn, search="Pyongyang")
        }
        timeline = app.query_one("#timeline")
        assert {r.id for r in rows_of(timeline)} == {
            d.id for d in queries.list_timeline(conn, search="Pyongyang")
        }
        reader = app.reader
        assert reader.matches
        assert all(reader.view.body[a:b].lower() == "pyongyang" for a, b in reader.matches)
        status = app.query_one("#status")
        assert status.counts is not None and status.counts[0] == len(expected)
        await pilot.press("enter")  # keep the search, back to the list
        assert app.focused is articles
        await pilot.press("4", "n")
        first = reader.focus_span
        assert (first.start, first.end) == reader.matches[0]
        await pilot.press("escape")  # no history: esc clears the search
        await settle(app, pilot, 0.3)
        assert articles.total == 5


async def test_debounce_waits_for_typing_to_stop(curated_path: Path, monkeypatch) -> None:
    # A long debounce, so that a slow machine typing the keys cannot outlast it.
    monkeypatch.setattr("tui.search.SEARCH_DEBOUNCE", 2.0)
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Zzzyx")
        assert app.match is None  # not yet: the debounce has not fired
        await settle(app, pilot, 2.3)
        assert app.match is not None
        assert app.query_one("#articles").total == 0


NASTY = [
    '"', '""', "AND", "OR NOT", "*", "-", "-Russia", "(", ")", "[", "]", "NEAR(", "troops AND",
    '"unbalanced', "a:b", "^x", "{}", "'", "\\", "troops*", "[bold]", "\x1b[31m", "%_", "ü",
    "10,000", "Ha-kyou", "NOT troops", "troops OR", "*troops", "(troops)",
]  # fmt: skip


async def test_any_typed_search_is_safe(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        search = app.query_one("#search")
        for text in NASTY:
            search.value = text
            app.apply_search(text)
            await settle(app, pilot)
            for lst in app.lists:
                assert lst.loaded and lst.error is None, (text, lst.id, lst.error)
        # A nasty query that still has words finds them.
        app.apply_search('"troops AND (')
        await settle(app, pilot)
        assert app.query_one("#articles").total >= 1


async def test_copy_figure_with_sentence_and_source(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        figures = app.query_one("#figures")
        row = figures.current
        await pilot.press("y")
        await settle(app, pilot)
        text = app.clipboard
        conn = sqlite3.connect(curated_path)
        body, source = conn.execute(
            "SELECT body, source FROM articles WHERE id=?", [row.article_id]
        ).fetchone()
        assert row.unit in text
        assert body[row.sentence_start : row.sentence_end].strip() in text
        assert source in text
        # From the reader after a jump, y copies the same figure.
        await pilot.press("enter")
        await settle(app, pilot)
        app.copy_to_clipboard("")
        await pilot.press("y")
        await settle(app, pilot)
        assert app.clipboard == text


async def test_help_lists_live_bindings_and_keymap(curated_path: Path) -> None:
    app = NkwatchApp(curated_path, keymap={"copy": "c", "figures.sort": "o"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {desc: keys for _, rows in app.screen.sections for keys, desc, _ in rows}
        assert rows["Copy"] == "c"
        assert rows["Sort"] == "o"
        assert rows["Jump"]  # figures and timeline enter
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("2", "c")
        await settle(app, pilot)
        assert app.clipboard
        await pilot.press("o")
        await settle(app, pilot)
        figures = app.query_one("#figures")
        assert figures.query_spec.sort == "value"
        values = [r.value for r in rows_of(figures)]
        assert values == sorted(values, reverse=True)


async def test_palette_runs_dashboard_actions(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Everywhere: Timeline")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot, 0.1)
        assert app.focused is not None and app.focused.id == "timeline"


async def test_mouse_click_selects_and_double_click_jumps(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        await pilot.click("#articles", offset=(3, 3))  # header is line 0: row 2
        await settle(app, pilot)
        assert articles.cursor == 2
        assert app.reader.view.id == articles.current.id
        figures = app.query_one("#figures")
        await pilot.click("#figures", offset=(3, 2))
        assert app.focused is figures and figures.cursor == 1
        await pilot.click("#figures", offset=(3, 2), times=2)
        await settle(app, pilot)
        assert app.focused is app.reader
        assert app.reader.active == (figures.current.sentence_start, figures.current.sentence_end)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_narrow_terminal_shows_one_pane(curated_path: Path, size) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.resize_terminal(*size)
        await settle(app, pilot)
        assert app.screen.has_class("-narrow")
        shown = [p for p in app.query(".pane") if p.display]
        assert [p.pane_name for p in shown] == ["articles"]
        await pilot.press("2", "enter")
        await settle(app, pilot)
        shown = [p.pane_name for p in app.query(".pane") if p.display]
        assert shown == ["reader"]
        assert app.reader.active is not None
        await pilot.press("backspace")
        assert [p.pane_name for p in app.query(".pane") if p.display] == ["figures"]
        await pilot.resize_terminal(*SIZE)
        await settle(app, pilot)
        assert not app.screen.has_class("-narrow")
        assert all(p.display for p in app.query(".pane"))


async def test_article_text_is_shown_literally(tmp_path: Path) -> None:
    db = open_db(tmp_path / "nasty.db")
    body = (
        "Markup [bold]not bold[/] and [link=https://example.com]no link[/link] stays.\n"
        "Escapes \x1b[31mred\x1b[0m and \x07bell and \x1b]52;c;aGk=\x07 are shown, not run."
    )
    db["articles"].insert(
        {
            "source": "x.txt", "source_name": "[red]Outlet[/red]", "title": "[b]Title[/b]",
            "body": body, "published": "2024-11-01", "content_hash": "h", "ingested_at": "now",
        }
    )  # fmt: skip
    db.conn.commit()
    db.conn.close()
    app = NkwatchApp(tmp_path / "nasty.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shown = " ".join(line[2:].strip() for line in visible_lines(app.reader))
        assert "[b]Title[/b]" in shown
        assert "[red]Outlet[/red]" in shown
        assert "[bold]not bold[/]" in shown
        assert "[link=https://example.com]no link[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "␛[31mred␛[0m" in shown
        row_text = app.query_one("#articles").render_line(1).text
        assert "[b]Title[/b]" in row_text
        start = body.index("Escapes")
        app.reader.set_active((start, len(body)), None)
        await pilot.press("4", "y")  # copied text carries no escape sequence either
        assert "␛[31mred" in app.clipboard
        assert "[b]Title[/b]" in app.clipboard
        assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard


async def test_empty_database_and_article_without_figures(tmp_path: Path) -> None:
    open_db(tmp_path / "empty.db").conn.close()
    app = NkwatchApp(tmp_path / "empty.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for lst in app.lists:
            assert lst.loaded and lst.total == 0
            assert lst.EMPTY[:20] in lst.render_line(1).text
        await pilot.press("2", "enter", "y", "s", "a", "3", "enter", "4", "]", "n", "slash")
        await pilot.press(*"x", "enter", "backspace", "question_mark", "escape")
        await settle(app, pilot, 0.3)
        await pilot.resize_terminal(40, 12)
        await settle(app, pilot)
        assert app.is_running


async def test_figures_scope_follows_selected_article(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        figures = app.query_one("#figures")
        assert figures.total == 8
        await pilot.press("2", "a")
        await settle(app, pilot)
        assert {r.article_id for r in rows_of(figures)} == {articles.current.id}
        # The undated seed has no figures: empty list, no crash.
        await pilot.press("1", "G")
        await settle(app, pilot)
        assert articles.current.n_figures == 0
        assert figures.total == 0
        await pilot.press("2", "enter", "y")
        await settle(app, pilot)
        assert app.is_running


async def test_reader_steps_through_figures(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("4", "right_square_bracket")
        spans = app.reader.figure_spans
        assert app.reader.focus_span == spans[0]
        await pilot.press("right_square_bracket")
        assert app.reader.focus_span == spans[1]
        await pilot.press("left_square_bracket")
        assert app.reader.focus_span == spans[0]
        assert app.reader.active == (spans[0].sentence_start, spans[0].sentence_end)


async def test_seeded_database_opens(seeded_path: Path) -> None:
    """The real ingest of the bundled seeds: every figure jump lands on its text."""
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.query_one("#articles").total == 5
        figures = app.query_one("#figures")
        await pilot.press("2")
        for i in range(min(figures.total, 5)):
            figures.move_cursor(i)
            row = figures.current
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.reader.view.body[row.start : row.end] == row.text
            await pilot.press("backspace")


async def test_timeline_groups_repeated_periods(seeded_path: Path) -> None:
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        timeline = app.query_one("#timeline")
        rows = rows_of(timeline)
        pairs = [(a, b) for a, b in zip(rows, rows[1:], strict=False) if a.value == b.value]
        if not pairs:
            pytest.skip("the seeds gave no two dates in the same period")
        prev, row = pairs[0]
        assert timeline.cells(row, prev)[0].plain.strip() == "│"
        assert timeline.cells(row)[0].plain.strip() != "│"


async def test_typed_ahead_keys_reach_the_new_focus(curated_path: Path) -> None:
    """Keys that arrive together (a fast typist, a paste) go where the first one sent focus."""
    from textual import events

    app = NkwatchApp(curated_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key, char in [("2", "2"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot)
        figures = app.query_one("#figures")
        assert app.focused is app.reader
        assert app.reader.view.id == figures.current.article_id
        for key, char in [("slash", "/"), *[(c, c) for c in "seoul"]]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot, 0.3)
        assert app.query_one("#search").value == "seoul"
        assert figures.query_spec.sort == "article"  # the "s" was typed, not a sort
        # Every printable dashboard key types into the box instead of acting.
        await pilot.press(*"1234nNyq?/", "backspace")
        assert app.query_one("#search").value == "seoul1234nNyq?"
        assert app.is_running and app.focused is app.query_one("#search")


async def test_a_burst_of_typed_text_arrives_intact_slashes_included(curated_path: Path) -> None:
    """A paste without bracketed paste, or `tmux send-keys -l`: every key is queued before
    the first is handled. "troops/korea" must not become "/troopskorea"."""
    from textual import events

    def burst(text: str) -> None:  # the events a terminal sends for the text, all at once
        for char in text:
            key = {"/": "slash", "-": "minus", "+": "plus", "@": "at", "_": "underscore"}
            app.post_message(events.Key(key.get(char, char), char))

    app = NkwatchApp(curated_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        burst("/troops/korea")  # the first "/" opens the box, the second is text
        await settle(app, pilot, 0.3)
        search = app.query_one("#search")
        assert search.value == "troops/korea"
        burst(" a-b+c@d_e/")  # the box already open: still text, in order
        await settle(app, pilot, 0.3)
        assert search.value == "troops/korea a-b+c@d_e/"
        assert app.focused is search and app.is_running
        await pilot.press("enter")  # the search is kept and the box closes
        await settle(app, pilot)
        assert app.search_text == "troops/korea a-b+c@d_e/" and not search.display


async def test_long_article_jump_lands_on_the_figure(tmp_path: Path) -> None:
    para = "Officials gave no numbers on Monday and said little else of note. " * 40
    body = "\n".join([para] * 60) + "\nIn the end 12,345 troops were counted. Then nothing."
    db = open_db(tmp_path / "long.db")
    db["articles"].insert(
        {
            "source": "long.txt", "title": "Long", "body": body, "published": "2024-11-01",
            "content_hash": "long", "ingested_at": "now", "n_figures": 1,
        }
    )  # fmt: skip
    at = body.index("12,345 troops")
    s0 = body.index("In the end")
    db["figures"].insert(
        {
            "article_id": 1, "start_pos": at, "end_pos": at + 13, "text": "12,345 troops",
            "value": 12345, "unit": "troops", "hedged": 0, "vague": 0,
            "sentence_start": s0, "sentence_end": body.index("Then") - 1,
        }
    )  # fmt: skip
    db.conn.commit()
    db.conn.close()
    app = NkwatchApp(tmp_path / "long.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("2", "enter")
        await settle(app, pilot)
        lines = visible_lines(app.reader)
        assert any("▌ In the end 12,345 troops were counted." in t for t in lines)
        # Every displayed line is the body text at its offsets.
        reader = app.reader
        top = round(reader.scroll_y)
        for y, text in enumerate(lines[:5]):
            start, end = reader.line_range(top + y)
            assert text[2:].rstrip() == reader.document[start:end].rstrip()


async def test_search_lists_match_the_cli(seeded_path: Path) -> None:
    """The panes show the rows `nkwatch figures/timeline --search Q` prints."""
    from store import queries

    conn = sqlite3.connect(seeded_path)
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        seen = 0
        for text in ["troops", "Seoul", "Budanov", "10,000", '"North Korean troops"']:
            app.apply_search(text)
            await settle(app, pilot)
            figures = {r.id for r in rows_of(app.query_one("#figures"))}
            dates = {r.id for r in rows_of(app.query_one("#timeline"))}
            assert figures == {f.id for f in queries.list_figures(conn, search=text)}, text
            assert dates == {d.id for d in queries.list_timeline(conn, search=text)}, text
            assert app.query_one("#status").counts[1:] == (len(figures), len(dates))
            seen += len(figures)
        assert seen > 0


async def test_clicks_on_tabs_and_headers(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        tabs = app.query_one("#tabs")
        x = next(x for x in range(80) if tabs.pane_at(x) == "timeline")
        await pilot.click("#tabs", offset=(x, 0))
        assert app.focused.id == "timeline"
        assert [p.pane_name for p in app.query(".pane") if p.display] == ["timeline"]
        await pilot.press("2")
        figures = app.query_one("#figures")
        x = next(x for x in range(80) if (figures.column_at(x) or "").startswith("Claimant"))
        await pilot.click("#figures", offset=(x, 0))
        await settle(app, pilot)
        assert figures.query_spec.sort == "claimant"
        claimants = [r.claimant for r in rows_of(figures) if r.claimant]
        assert claimants == sorted(claimants, key=str.lower)


async def test_copy_from_timeline_and_articles(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("y")
        article = app.query_one("#articles").current
        assert article.title in app.clipboard and article.source in app.clipboard
        await pilot.press("3", "y")
        row = app.query_one("#timeline").current
        assert row.text in app.clipboard and row.sentence.strip() in app.clipboard
        assert row.source in app.clipboard


async def test_articles_ingested_while_open_appear(
    curated_path: Path, tmp_path, monkeypatch
) -> None:
    import shutil

    import tui.app

    monkeypatch.setattr(tui.app, "WATCH_SECONDS", 0.1)
    path = tmp_path / "live.db"
    shutil.copy(curated_path, path)
    app = NkwatchApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, 0.3)
        reader_id = app.reader.view.id
        db = open_db(path)
        db["articles"].insert(
            {
                "source": "new.txt", "title": "Fresh", "body": "Nothing yet.",
                "published": "2024-11-30", "content_hash": "fresh", "ingested_at": "now",
            }
        )  # fmt: skip
        db.conn.commit()
        db.conn.close()
        await settle(app, pilot, 0.5)
        articles = app.query_one("#articles")
        assert articles.total == 6
        assert rows_of(articles)[0].title == "Fresh"
        assert app.reader.view.id == reader_id  # what the user reads stays put
        assert articles.current.id == reader_id  # and the cursor followed its row


async def test_next_hit_crosses_into_the_next_matching_article(curated_path: Path) -> None:
    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.apply_search("Pyongyang")
        await settle(app, pilot, 0.3)
        reader = app.reader
        first = reader.view.id
        hits = len(reader.matches)
        await pilot.press("4")
        for _ in range(hits):
            await pilot.press("n")
        assert reader.view.id == first and reader.match_index == hits - 1
        await pilot.press("n")
        await settle(app, pilot)
        assert reader.view.id != first
        assert reader.focus_span is not None
        assert (reader.focus_span.start, reader.focus_span.end) == reader.matches[0]
        await pilot.press("N")  # back across: the last hit of the previous article
        await settle(app, pilot)
        assert reader.view.id == first
        assert (reader.focus_span.start, reader.focus_span.end) == reader.matches[-1]


async def test_a_search_firing_while_the_dashboard_closes_is_dropped(curated_path: Path) -> None:
    """A key typed just before quitting: its debounce may fire after the screen's widgets
    are gone (seen in CI as NoMatches: StatusLine at exit); it must do nothing."""
    from tui.widgets.chrome import StatusLine

    app = NkwatchApp(curated_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.query_one(StatusLine).remove()
        app._debounced_search("troops")  # raised NoMatches before the guard
        assert app.match is None


async def test_search_for_a_claimant_lists_what_they_said_under_any_spelling(
    seeded_path: Path,
) -> None:
    """ "Zelensky" finds the figures of Volodymyr Zelenskyy although the articles spell
    him "Zelenskyy" (the full-text index alone matches none of them): the figures pane
    keeps the canonical claimants the search names, as `nkwatch figures --search` does."""
    from store import queries

    conn = sqlite3.connect(seeded_path)
    said = {f.id for f in queries.list_figures(conn, search="Zelensky")}
    names = {f.claimant_canonical for f in queries.list_figures(conn, search="Zelensky")}
    assert said and "Volodymyr Zelenskyy" in names
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Zelensky")
        await settle(app, pilot, 0.3)
        await settle(app, pilot)  # the counts (and the claimants) come from a worker
        figures = app.query_one("#figures")
        assert {r.id for r in rows_of(figures)} == said
