"""The dashboard's pure parts: text safety, wrapping, formats, windowed queries."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from store import browse
from store.browse import ListQuery
from tui.highlight import (
    format_date_range,
    format_number,
    format_period,
    format_value,
    layout_columns,
    line_of,
    outlet,
    sanitize,
    source_label,
    styled,
    wrap_offsets,
)


def test_sanitize_keeps_offsets_and_shows_controls() -> None:
    text = "a\x1b[31mb\x07\tc\nd\x9b\u202e"
    out = sanitize(text)
    assert len(out) == len(text)
    assert out == "a␛[31mb␇ c\nd\ufffd\ufffd"
    assert "\n" not in sanitize(text, keep_newlines=False)


def test_styled_marks_spans_and_never_parses_markup() -> None:
    styles = {"figure": Style(bold=True), "match": Style(reverse=True)}
    text = styled("[bold]x[/] 100 troops", [(11, 14, "figure"), (11, 21, "match")], styles)
    assert text.plain == "[bold]x[/] 100 troops"
    spans = {(s.start, s.end): s.style for s in text.spans}
    assert spans[(11, 14)] == styles["figure"]
    assert spans[(11, 21)] == styles["match"]


@given(st.text(alphabet=st.sampled_from("ab  \n漢é"), max_size=200), st.integers(1, 30))
def test_wrap_offsets_cover_every_word_within_width(text: str, width: int) -> None:
    from rich.cells import cell_len

    lines = wrap_offsets(text, width)
    for start, end in lines:
        assert cell_len(text[start:end]) <= max(width, 2)  # a wide char may not split
    kept = "".join(text[s:e] for s, e in lines).replace(" ", "")
    assert kept == text.replace(" ", "").replace("\n", "")
    for i, ch in enumerate(text):
        if not ch.isspace():
            s, e = lines[line_of(lines, i)]
            assert s <= i < e


def test_formats() -> None:
    assert format_value(100000, None, "max") == "up to 100,000"
    assert format_value(15000, None, "approx") == "about 15,000"
    assert format_value(10000, 12000, None) == "10,000–12,000"
    assert format_value(2.5, None, "min") == "over 2.5"
    assert format_period("2024-10") == "Oct 2024"
    assert format_period("2024-10-27") == "27 Oct 2024"
    assert format_period("2024") == "2024"
    assert format_period("2024-W44") == "2024 wk 44"
    assert format_period("garbage\x1b") == "garbage␛"
    assert format_date_range("2024-10-27", "2024-10-28", "day") == "27 Oct 2024 – 28 Oct 2024"
    assert outlet(None, "https://www.example.com/a/b") == "example.com"
    assert outlet(None, "/x/y/001_85145d4a1fe2644d.txt") == ""  # a file name is no outlet
    assert outlet("Reuters", "/x") == "Reuters"
    assert source_label("/x/y/z.txt") == "z.txt"
    assert source_label("https://example.com/a") == "https://example.com/a"


def test_values_read_as_people_write_them() -> None:
    cases = [
        ((2300, None), "2,300"),
        ((10000, "troops"), "10,000"),
        ((2e9, "dollars"), "$2 bn"),
        ((450e6, "euros"), "€450 mn"),
        ((31, "percent"), "31%"),
        ((12.5, "percent"), "12.5%"),
        ((1.2e6, "troops"), "1.2 million"),
        ((1_234_567, "people"), "1,234,567"),  # not a round million: written in full
        ((-3e9, "dollars"), "-$3 bn"),
        ((None, None), "?"),
    ]
    for (value, unit), text in cases:
        assert format_number(value, unit) == text, (value, unit)
    assert format_value(2e9, 3e9, "approx", "dollars") == "about $2 bn–$3 bn"


def test_layout_gives_meaning_columns_their_room_first() -> None:
    """Value, unit and claimant (priority 0) keep their room; the article title goes
    first, and a flexible column never drops below its minimum while it shows."""
    cols = [
        ("value", 16, 0), ("unit", 11, 0), ("actor", 11, 2), ("claimant", -16, 0),
        ("date", 11, 1), ("article", -12, 3),
    ]  # fmt: skip
    widths = layout_columns(77, cols)  # the figures pane at 80x24
    assert widths[5] == 0 and widths[3] >= 20
    assert sum(widths) + sum(1 for w in widths if w) - 1 == 77
    wide = layout_columns(150, cols)
    assert all(wide) and wide[3] >= 16 and wide[5] >= 12
    tight = layout_columns(50, cols)
    assert tight[0] == 16 and tight[1] == 11 and tight[3] >= 16
    assert tight[2] == tight[4] == tight[5] == 0


def test_layout_columns_drops_low_priority_first() -> None:
    cols = [("a", 10, 0), ("flex", 0, 0), ("b", 10, 2), ("c", 10, 1)]
    assert layout_columns(60, cols) == [10, 27, 10, 10]
    narrow = layout_columns(32, cols)
    assert narrow[2] == 0 and narrow[3] == 10  # b (priority 2) goes before c


def test_windows_are_stable_and_complete(curated_path: Path) -> None:
    conn = sqlite3.connect(curated_path)
    for sort in browse.FIGURE_SORTS:
        q = ListQuery(sort=sort)
        total = browse.count_figures(conn, q)
        whole = browse.page_figures(conn, q, 0, 1000)
        pieces = [r for off in range(0, total, 3) for r in browse.page_figures(conn, q, off, 3)]
        assert [r.id for r in pieces] == [r.id for r in whole]
        assert len(whole) == total
    values = [r.value for r in browse.page_figures(conn, ListQuery(sort="value"), 0, 100)]
    assert values == sorted(values, reverse=True)
    one = browse.page_figures(conn, ListQuery(article_id=1), 0, 100)
    assert [r.start for r in one] == sorted(r.start for r in one)
    timeline = browse.page_timeline(conn, ListQuery(), 0, 100)
    assert len(timeline) == browse.count_timeline(conn, ListQuery())
    body = conn.execute("SELECT body FROM articles WHERE id=?", [timeline[0].article_id]).fetchone()
    assert body[0][timeline[0].start : timeline[0].end] == timeline[0].text
    assert timeline[0].sentence == body[0][timeline[0].sentence_start : timeline[0].sentence_end]


def test_article_view_spans_point_into_body(curated_path: Path) -> None:
    conn = sqlite3.connect(curated_path)
    view = browse.article_view(conn, 1)
    assert view is not None
    kinds = {s.kind for s in view.spans}
    assert {"hedged", "figure", "claimant", "date"} <= kinds
    for s in view.spans:
        assert 0 <= s.start < s.end <= len(view.body)
        assert s.sentence_start <= s.start and s.end <= s.sentence_end
    assert browse.article_view(conn, 999) is None


def test_store_browse_loads_no_textual_and_dashboard_no_dateparser() -> None:
    code = (
        "import sys, store.browse; "
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]; assert not bad, bad; "
        "import tui.app; assert 'dateparser' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_keymap_file(tmp_path: Path) -> None:
    from tui.keymap import load_keymap

    path = tmp_path / "keymap.toml"
    assert load_keymap(path) == ({}, None)
    path.write_text('copy = "c"\n"figures.sort" = ["o", "O"]\nbad = 3\n')
    assert load_keymap(path) == ({"copy": "c", "figures.sort": "o,O"}, None)
    path.write_text('[keys]\nquit = "ctrl+q"\n')
    assert load_keymap(path)[0] == {"quit": "ctrl+q"}
    path.write_text("copy = \n")
    keymap, problem = load_keymap(path)
    assert keymap == {} and problem and "keymap ignored" in problem


def test_article_position_matches_the_list_order(curated_path: Path) -> None:
    conn = sqlite3.connect(curated_path)
    for q in (ListQuery(), ListQuery(match='"troops"')):
        rows = browse.page_articles(conn, q, 0, 100)
        assert rows
        for i, row in enumerate(rows):
            assert browse.article_position(conn, q, row.id) == i
    assert browse.article_position(conn, ListQuery(match='"zzzyx"'), rows[0].id) is None


def _reference_wrap(text: str, width: int) -> list[tuple[int, int]]:
    """The reader's first wrapper, character by character: the fast one must agree."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        lo, hi = pos, pos + len(para)
        pos = hi + 1
        if lo == hi:
            lines.append((lo, hi))
            continue
        start = lo
        while start < hi:
            if cell_len_(text[start:hi]) <= width:
                lines.append((start, hi))
                break
            end, cells = start, 0
            while end < hi and cells + cell_len_(text[end]) <= width:
                cells += cell_len_(text[end])
                end += 1
            end = max(end, start + 1)
            brk = text.rfind(" ", start, end + 1)
            line_end = nxt = brk if brk > start else end
            while line_end > start and text[line_end - 1] == " ":
                line_end -= 1
            lines.append((start, line_end))
            while nxt < hi and text[nxt] == " ":
                nxt += 1
            start = nxt
    return lines


def cell_len_(s: str) -> int:
    from rich.cells import cell_len

    return cell_len(s)


@given(st.text(alphabet=st.sampled_from("ab  \nxy漢éд\u0301-"), max_size=300), st.integers(1, 40))
def test_fast_wrap_agrees_with_the_character_by_character_one(text: str, width: int) -> None:
    assert wrap_offsets(text, width) == _reference_wrap(text, width)


def test_wrap_lines_stops_when_told() -> None:
    from tui.highlight import wrap_lines

    text = "word " * 10 + "\n" * 1000
    assert wrap_lines(text, 8, should_stop=lambda: True) is None
    starts, ends = wrap_lines(text, 8, should_stop=lambda: False)
    assert len(starts) == len(ends) == 10 + 1000  # ten words, then empty lines


def test_span_index_finds_what_overlaps_a_line_and_keeps_the_order() -> None:
    from tui.highlight import SpanIndex, styled_line

    spans = [(0, 5, "figure"), (3, 9000, "active"), (20, 24, "date"), (21, 22, "match")]
    index = SpanIndex(spans)
    assert [s[4] for s in index.overlapping(4, 6)] == ["figure", "active"]
    assert {s[4] for s in index.overlapping(21, 30)} == {"active", "date", "match"}
    assert index.overlapping(9000, 9100) == []
    styles = {"figure": Style(bold=True), "date": Style(italic=True), "match": Style(reverse=True)}
    text = "x" * 40
    line = styled_line(text, 18, 26, [index], styles)
    whole = styled(text, spans, styles)
    assert line.plain == "x" * 8
    got = [(s.start, s.end, s.style) for s in line.spans]
    want = [(s.start, s.end, s.style) for s in whole.divide([18, 26])[1].spans]
    assert got == want


def test_the_reader_header_never_ends_a_line_on_a_separator() -> None:
    """The meta line (article, outlet, date, figures, source) wraps before a `·`, so a
    narrow reader never shows a line ending in a dangling dot above a long URL."""
    from store.browse import ArticleView
    from tui.widgets.document import Document

    view = ArticleView(
        id=12, title="Harbour bridge reopens", body="The bridge reopened on Monday.",
        source="https://news.example.org/2025/03/harbour-bridge-reopens-after-repairs.html",
        source_name="Harbour Herald", published="2025-03-10", published_inferred=False,
        spans=(),
    )  # fmt: skip
    doc = Document(view)
    for width in range(20, 90, 3):
        starts, ends = doc.layout(width)
        lines = [doc.text[a:b] for a, b in zip(starts, ends, strict=True)]
        assert not any(line.rstrip().endswith("·") for line in lines), (width, lines)
