"""The comparing screens: a figure's quantity (claims, labels, summary, chart), the
ranked quantities, jumping to a claim's sentence and back, help, bad input and size."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from store.compare.claims import Fact, build_claims
from tests.tui.conftest import settle
from tui.app import NkwatchApp
from tui.screens.quantity import QuantitiesScreen, QuantityScreen
from tui.widgets.chart import ClaimChart, draw
from tui.widgets.claims import reported_span

WIDE = (120, 36)


async def open_quantity_of_first_figure(app, pilot, *keys: str) -> QuantityScreen:
    await settle(app, pilot)
    await pilot.press("2", *keys, "c")
    await pilot.pause()
    assert isinstance(app.screen, QuantityScreen)  # up at once; its claims load in a worker
    await settle(app, pilot)
    return app.screen


async def test_c_opens_the_quantity_enter_jumps_to_the_sentence_esc_comes_back(seeded_path):
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        # The first figure listed: "10,000 North Korean troops" (newest article first).
        assert app.query_one("#figures").current.text == "10,000 North Korean troops"
        screen = await open_quantity_of_first_figure(app, pilot)
        claims = screen.claim_list
        assert claims.total >= 10 and claims.error is None
        detail = claims.detail
        assert detail.quantity.name == "North Korea · troops"
        assert screen.chart.claims == detail.claims
        summary = str(screen.query_one("#quantity-summary").render())
        assert "projections up to 100,000 (G20)" in summary
        index = next(i for i, c in enumerate(detail.claims) if c.claimant == "Patrick Ryder")
        await pilot.press(*["j"] * index)
        assert screen.chart.selected == index
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuantityScreen)
        reader = app.reader
        assert app.pane == "reader" and reader.view is not None
        start, end = reader.active
        assert "10,000 to 12,000" in reader.view.body[start:end]
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QuantityScreen)
        assert app.screen.claim_list.cursor == index
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuantityScreen)


async def test_c_in_the_reader_opens_the_quantity_of_the_figure_in_focus(seeded_path):
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        figure = app.query_one("#figures").current
        await pilot.press("enter")  # to its sentence in the reader, the figure in focus
        await settle(app, pilot)
        assert app.pane == "reader" and app.reader.focus_span.ref == figure.id
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, QuantityScreen)
        await settle(app, pilot)
        assert app.screen.claim_list.detail.quantity.name == "North Korea · troops"
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, QuantityScreen) and app.pane == "reader"


async def test_quantities_list_ranks_by_claims_and_follows_the_search(seeded_path):
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert isinstance(app.screen, QuantitiesScreen)
        lst = app.screen.query_one("QuantityList")
        rows = [lst.row_at(i) for i in range(lst.total)]
        assert rows[0].name == "North Korea · troops"
        assert [r.n_claims for r in rows] == sorted((r.n_claims for r in rows), reverse=True)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuantityScreen)
        assert app.screen.claim_list.detail.quantity.id == rows[0].id
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("slash", *"RUSI")
        await settle(app, pilot, 0.3)
        await pilot.press("enter", "5")
        await settle(app, pilot)
        lst = app.screen.query_one("QuantityList")
        names = [lst.row_at(i).name for i in range(lst.total)]
        assert names == ["Russia · troops"]


async def test_help_and_palette_list_the_quantity_keys(seeded_path):
    app = NkwatchApp(seeded_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        from tui.bindings import binding_entries

        everywhere = {row[2]: row[1] for row in binding_entries(app)[0][2]}
        assert everywhere["quantities"] == "Quantities"
        figures = next(rows for title, _, rows in binding_entries(app) if title == "Figures")
        assert ("c", "Compare", "open_quantity", "figures.quantity") in figures
        await open_quantity_of_first_figure(app, pilot)
        titles = [title for title, _, _ in binding_entries(app)]
        assert "Quantity" in titles and "Quantity list" in titles
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_figure_not_yet_indexed_says_so(curated_path, tmp_path):
    """A database written by an older nkwatch: figures without a quantity yet are
    indexed by the dashboard's worker; the screen then opens normally."""
    import shutil

    path = tmp_path / "old.db"
    shutil.copy(curated_path, path)
    app = NkwatchApp(path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_quantity_of_first_figure(app, pilot)
        assert screen.claim_list.error is None and screen.claim_list.total >= 1


async def test_a_quantity_of_10000_claims_at_100k_articles_opens_windowed(big_path):
    app = NkwatchApp(big_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuantityScreen)  # shown before its claims are read
        await settle(app, pilot)
        claims = screen.claim_list
        assert claims.total == 10_000
        assert set(claims._blocks.keys()) == {0}  # one block of rows read, not 10,000
        assert len(screen.chart.claims) == 10_000
        await pilot.press("j", "j", "j")
        await settle(app, pilot)
        plot = screen.chart._plot
        assert plot is not None and screen.chart.selected == 3
        await pilot.press("j", "k", "j")
        await settle(app, pilot)
        assert screen.chart._plot is plot  # the cursor moves; 10,000 claims are not redrawn
        await pilot.press("G")
        await settle(app, pilot)
        assert claims.cursor == 9_999 and claims.current is not None
        assert len(claims._blocks) == 2


def facts(*rows) -> list[Fact]:
    out = []
    for i, (value, day, kw) in enumerate(rows, 1):
        out.append(
            Fact(
                figure_id=i,
                article_id=i,
                source_key=f"a{i}",
                published=day,
                value=value,
                high=kw.get("high"),
                qualifier=kw.get("q"),
                hedged=kw.get("hedged", False),
                claimant=kw.get("who", f"Claimant {i}"),
                date=day,
            )  # fmt: skip
        )
    return out


MIXED = facts(
    (12, "2025-03-10", {}),
    (31, "2025-03-12", {"who": "Mayor"}),
    (38, "2025-03-12", {"who": "Hospital"}),
    (60, "2025-03-13", {"q": "max"}),
    (100, "2025-03-15", {"q": "max", "hedged": True}),
    (40, "2025-03-16", {"high": 55}),
    (45, "2025-03-18", {"q": "min"}),
    (2_000_000, "2025-03-20", {"hedged": True}),
    (7, None, {}),
)


def test_the_selected_claim_is_drawn_over_the_others_without_redrawing_them():
    from tui.widgets.chart import Plot

    claims = build_claims(MIXED)
    plot = Plot(claims, 70, 14)
    base = [row[:] for row in plot.grid]
    for i, c in enumerate(claims):
        grid, owner, _, _ = plot.with_selected(i)
        mine = {(r, x) for r, row in enumerate(owner) for x, o in enumerate(row) if o == i}
        assert bool(mine) == (c.date is not None)  # every dated claim shows when selected
        others = [
            (grid[r][x], base[r][x])
            for r in range(len(grid))
            for x in range(len(grid[r]))
            if (r, x) not in mine
        ]
        assert all(a == b for a, b in others)  # only the selected claim's cells change
    assert plot.grid == base  # the kept drawing is never changed by a selection


def test_chart_marks_and_log_scale_for_wildly_different_sizes():
    claims = build_claims(MIXED)
    grid, owner, labels, bottom = draw(claims, 70, 14)
    text = "\n".join("".join(row) for row in grid)
    for mark in "●○▼▽▲┃":
        assert mark in text, mark
    assert "log scale" in bottom[-1] and "1 undated not drawn" in bottom[-1]
    assert "1M" in labels and "10" in labels
    small = build_claims(MIXED[:4])
    assert "log scale" not in draw(small, 70, 14)[3][-1]
    one = build_claims(MIXED[:1])
    assert "●" in "".join("".join(r) for r in draw(one, 40, 8)[0])
    none = build_claims(MIXED[-1:])
    assert "No dated claims to draw." in "".join("".join(r) for r in draw(none, 40, 8)[0])


class ChartApp(App[None]):
    CSS = "ClaimChart { height: 16; border: round $panel-lighten-2; }"

    def compose(self) -> ComposeResult:
        chart = ClaimChart()
        chart.set_claims(build_claims(MIXED))
        chart.selected = 2
        yield chart


def test_snapshot_chart(snap_compare) -> None:
    assert snap_compare(ChartApp(), terminal_size=(80, 18))


def test_snapshot_quantity_view(snap_compare, curated_path: Path, tmp_path) -> None:
    import shutil

    path = tmp_path / "curated.db"
    shutil.copy(curated_path, path)

    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        await pilot.press("2", "c")
        await settle(pilot.app, pilot)
        await pilot.press("j")
        await settle(pilot.app, pilot)

    assert snap_compare(NkwatchApp(path), terminal_size=WIDE, run_before=run_before)


async def test_articles_pane_marks_a_near_duplicate_with_its_original(tmp_path):
    from store.db import open_db
    from store.ingest import ingest_sources

    path = tmp_path / "flood.db"
    db = open_db(path)
    folder = Path(__file__).resolve().parents[1] / "data" / "stories" / "flood"
    assert all(o.ok for o in ingest_sources(db, [str(folder)]))
    db.close()
    app = NkwatchApp(path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        titles = [str(articles.cells(articles.row_at(i))[1]) for i in range(articles.total)]
        copies = [t for t in titles if t.startswith("≈ ")]
        assert copies == ["≈ copy of #1: Floods kill 12 in Riverton as river bursts its banks"]
    app = NkwatchApp(path)
    async with app.run_test(size=(80, 24)) as pilot:  # one pane at a time, titles cut
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        articles = app.query_one("#articles")
        lines = [articles.render_line(y).text for y in range(1, articles.total + 1)]
        assert sum("≈ copy of #1:" in line for line in lines) == 1


def test_reported_span_is_short_and_whole():
    assert reported_span("2025-06-07", "2025-06-08") == "7–8 Jun 2025"
    assert reported_span("2024-10-23", "2024-11-18") == "23 Oct–18 Nov 2024"
    assert reported_span("2024-12-30", "2025-01-02") == "30 Dec 2024–2 Jan 2025"
    assert reported_span("2025-06-09", "2025-06-09") == "9 Jun 2025"
    assert reported_span(None, None) == ""


async def test_claims_name_outlets_or_article_numbers_and_the_line_below_explains(tmp_path):
    """Files have no outlet: a claim is carried by "#1, #3", never by a file name; the
    line under the list gives the selected claim's reason, reports and sources."""
    from store.db import open_db
    from store.ingest import ingest_sources

    path = tmp_path / "quake.db"
    db = open_db(path)
    folder = Path(__file__).resolve().parents[1] / "data" / "stories" / "quake"
    assert all(o.ok for o in ingest_sources(db, [str(folder)]))
    db.execute("UPDATE articles SET source_name = 'Valmora Herald' WHERE id = 2")
    db.conn.commit()
    db.close()
    app = NkwatchApp(path)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuantityScreen)
        claims = screen.claim_list
        first = [str(c) for c in claims.cells(claims.row_at(0))]
        assert first[-1] == "#1, #3" and ".txt" not in " ".join(first)
        assert first[5] == "7–8 Jun 2025"
        line = str(screen.query_one("#claim-detail").render())
        assert "first reported 7 Jun 2025, latest 8 Jun 2025" in line
        assert "1 independent source in 2 articles: #1, #3" in line
        await pilot.press("j")
        await settle(app, pilot)
        line = str(screen.query_one("#claim-detail").render())
        assert line.startswith("rise: above the floor reported before · reported 9 Jun 2025")
        assert line.endswith("1 independent source: Valmora Herald")


async def test_a_quantity_of_one_undated_claim_opens_and_says_what_it_cannot_draw(tmp_path):
    from store.db import open_db
    from store.ingest import ingest_sources

    story = tmp_path / "storm.txt"
    story.write_text("Storm damage\n\nThe gale flattened 180 barns inland, farmers said.\n")
    path = tmp_path / "one.db"
    db = open_db(path)
    assert all(o.ok for o in ingest_sources(db, [str(story)]))
    db.close()
    app = NkwatchApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_quantity_of_first_figure(app, pilot)
        claims = screen.claim_list
        assert claims.total == 1
        cells = [str(c) for c in claims.cells(claims.row_at(0))]
        assert cells[:3] == ["undated", "first", "180"]
        title = str(screen.query_one("#quantity-title").render())
        assert "· 1 claim · 1 figure ·" in title
        summary = str(screen.query_one("#quantity-summary").render())
        assert summary.startswith("One claim, reported: 180 (farmers)")
        chart = "\n".join("".join(row) for row in draw(screen.chart.claims, 70, 8)[0])
        assert "No dated claims to draw." in chart
        assert "1 undated not drawn" in draw(screen.chart.claims, 70, 8)[3][-1]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.pane == "reader" and "180 barns" in app.reader.view.body
