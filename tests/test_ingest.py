"""Ingest: seeds and folders, idempotence, atomicity, every kind of bad input."""

from __future__ import annotations

import io
import json
import sys
import types
from datetime import date
from pathlib import Path

import pytest

import store.sources
from store import ingest as ingest_mod
from store import writes as writes_mod
from store.extract.models import DateExpr, Extraction, Figure
from store.ingest import ensure_seeded, ingest_sources, sort_key
from store.sources.files import MAX_BYTES

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MANIFEST = json.loads((SEEDS / "manifest.json").read_text())

STORY = (
    "Floods force 12,000 from their homes in northern Italy\n\n"
    "Heavy rain forced about 12,000 people from their homes on Thursday, May 18, 2023, "
    "the civil protection agency said.\n"
)
OTHER = "Earthquake hits Chile\n\nA 6.1 quake struck on Monday; 30 buildings were damaged.\n"


def run(db, *sources, **kw):
    return list(ingest_sources(db, [str(s) for s in sources], **kw))


def count(db, table="articles"):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_seed_folder_is_stored_with_manifest_dates(db):
    outcomes = run(db, SEEDS)
    assert [o.status for o in outcomes] == ["stored"] * 5
    rows = db.execute("SELECT source, published, published_inferred FROM articles").fetchall()
    for source, published, inferred in rows:
        assert published == MANIFEST[Path(source).name]["published"]
        assert inferred == 0


def test_offsets_point_into_the_stored_body(db):
    run(db, SEEDS)
    bodies = dict(db.execute("SELECT id, body FROM articles").fetchall())
    for table in ("figures", "dates"):
        columns = "article_id, start_pos, end_pos, text, sentence_start, sentence_end"
        sql = f"SELECT {columns} FROM {table}"
        for aid, start, end, text, s0, s1 in db.execute(sql).fetchall():
            assert bodies[aid][start:end] == text
            assert s0 <= start and end <= s1
    assert count(db, "dates") > 0


def test_same_content_again_is_already_stored_and_changes_nothing(db, tmp_path):
    run(db, SEEDS)
    before = db.execute("SELECT * FROM articles ORDER BY id").fetchall()
    copy = tmp_path / "copy.txt"
    copy.write_text((SEEDS / "003_18f0df8674141607.txt").read_text() + "\n\nRelated Posts\n")
    outcomes = run(db, SEEDS, copy)
    assert [o.status for o in outcomes] == ["already stored"] * 6
    assert outcomes[-1].article_id == 4  # the same article, whatever the furniture
    assert db.execute("SELECT * FROM articles ORDER BY id").fetchall() == before


def test_published_option_wins_over_manifest_and_text(db):
    run(db, SEEDS / "000_cfacce3046a14ca6.txt", published=date(2024, 1, 2))
    assert db.execute("SELECT published, published_inferred FROM articles").fetchone() == (
        "2024-01-02",
        0,
    )


def test_single_file_takes_its_date_from_the_manifest_beside_it(db):
    run(db, SEEDS / "004_e5d0ce18f75aa787.txt")
    assert db.execute("SELECT published FROM articles").fetchone()[0] == "2024-11-05"


def test_without_any_date_the_text_is_read_and_marked_inferred(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(OTHER)
    run(db, tmp_path / "a.txt", tmp_path / "b.txt")
    rows = db.execute("SELECT published, published_inferred FROM articles ORDER BY id").fetchall()
    assert rows == [("2023-05-18", 1), (None, 0)]


def test_title_is_the_first_meaningful_line(db, tmp_path):
    (tmp_path / "a.txt").write_text("Featured\n\n" + STORY)
    run(db, tmp_path / "a.txt", source_name="Example Times")
    title, body, outlet = db.execute("SELECT title, body, source_name FROM articles").fetchone()
    assert title == "Floods force 12,000 from their homes in northern Italy"
    assert body.startswith(title + "\n\nHeavy rain")
    assert outlet == "Example Times"


def test_stdin(db):
    outcomes = run(db, "-", stdin=io.BytesIO(STORY.encode()))
    assert [(o.source, o.status) for o in outcomes] == [("<stdin>", "stored")]
    empty = run(db, "-", stdin=io.BytesIO(b""))
    assert [(o.status, o.message) for o in empty] == [("error", "empty input")]


# --- bad input ---------------------------------------------------------------------


@pytest.fixture
def bad_inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(STORY)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\n \t\n")
    (d / "nul.txt").write_bytes(b"\x00\x01\x02binary\x00data" * 20)
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with (d / "huge.txt").open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    (d / "legacy.txt").write_bytes(
        "Troops \u2013 caf\u00e9 report\n\nThe ministry said 500 troops moved.".encode("cp1252")
    )
    (d / "furniture.txt").write_text("Share this\nSubscribe\nRelated Posts\n")
    return d


@pytest.mark.parametrize(
    "name, message",
    [
        ("missing.txt", "no such file or folder"),
        ("empty.txt", "empty file"),
        ("blank.txt", "no text (only whitespace)"),
        ("nul.txt", "binary file (contains NUL bytes), not text"),
        ("photo.txt", "binary file (a PNG image), not text"),
        ("huge.txt", "file too large (20.0 MB; the limit is 20 MB)"),
        ("furniture.txt", "no article text left after cleaning"),
    ],
)
def test_each_bad_input_gives_one_error_and_others_are_stored(db, bad_inputs, name, message):
    outcomes = run(db, bad_inputs / name, bad_inputs / "good.txt")
    assert [(o.status, o.message) for o in outcomes] == [("error", message), ("stored", "")]
    assert count(db) == 1


def test_non_utf8_text_is_decoded_as_windows_1252_with_a_note(db, bad_inputs):
    (outcome,) = run(db, bad_inputs / "legacy.txt")
    assert outcome.status == "stored"
    assert outcome.message == "not UTF-8; decoded as Windows-1252"
    title = db.execute("SELECT title FROM articles").fetchone()[0]
    assert title == "Troops \u2013 caf\u00e9 report"


def test_utf8_bom_and_utf16_are_read(db, tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    (tmp_path / "u16.txt").write_bytes(OTHER.encode("utf-16"))
    outcomes = run(db, tmp_path / "bom.txt", tmp_path / "u16.txt")
    assert [o.status for o in outcomes] == ["stored", "stored"]
    titles = [r[0] for r in db.execute("SELECT title FROM articles ORDER BY id")]
    assert titles == [
        "Floods force 12,000 from their homes in northern Italy",
        "Earthquake hits Chile",
    ]


def test_mixed_folder(db, tmp_path):
    d = tmp_path / "mixed"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(STORY)
    (d / "sub" / "b.md").write_text(OTHER)
    (d / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "data.json").write_text("{}")
    (d / "broken.txt").write_bytes(b"\x00" * 100)
    (d / ".hidden.txt").write_text(STORY)
    (d / "manifest.json").write_text(json.dumps({"a.txt": {"published": "2023-05-19"}}))
    outcomes = {Path(o.source).name: (o.status, o.message) for o in run(db, d)}
    assert outcomes == {
        "a.txt": ("stored", ""),
        "b.md": ("stored", ""),
        "broken.txt": ("error", "binary file (contains NUL bytes), not text"),
        # Other file types in a folder are a note, not a failure.
        "chart.png": ("note", "skipped: not a text, Markdown, HTML or feed file"),
        "data.json": ("note", "skipped: not a text, Markdown, HTML or feed file"),
    }
    published = [r[0] for r in db.execute("SELECT published FROM articles ORDER BY id")]
    assert published == ["2023-05-19", None]


def test_folder_sources_join_the_folder_as_given(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("news/sub").mkdir(parents=True)
    Path("news/sub/a.txt").write_text(STORY)
    (outcome,) = run(db, "news")
    assert outcome.source == str(Path("news/sub/a.txt"))


def test_empty_folder_and_bad_manifest(db, tmp_path):
    (tmp_path / "empty").mkdir()
    (outcome,) = run(db, tmp_path / "empty")
    message = "no text, Markdown, HTML or feed files in this folder"
    assert (outcome.status, outcome.message) == ("error", message)
    d = tmp_path / "m"
    d.mkdir()
    (d / "manifest.json").write_text("{not json")
    (d / "a.txt").write_text(STORY)
    statuses = [(Path(o.source).name, o.status) for o in run(db, d)]
    assert statuses == [("manifest.json", "error"), ("a.txt", "stored")]


def test_a_manifest_named_explicitly_is_refused(db):
    (outcome,) = run(db, SEEDS / "manifest.json")
    assert outcome.status == "error" and "manifest" in outcome.message
    assert count(db) == 0


# --- atomicity -----------------------------------------------------------------------


def fixed_extraction(body: str, published, language: str = "en") -> Extraction:
    i = body.index("12,000")
    line_end = body.find("\n")
    return Extraction(
        figures=[
            Figure("12,000", i, i + 6, 12000.0, None, None, "people", None, None, False, None,
                   0, line_end),
        ],
        dates=[DateExpr("Thursday", 0, 5, "2023-05-18", None, "day", 0, line_end)],
    )  # fmt: skip


def test_failure_mid_article_stores_nothing_of_it(db, tmp_path, monkeypatch):
    run(db, SEEDS / "001_85145d4a1fe2644d.txt")
    before = db.execute("SELECT * FROM articles").fetchall()
    n_figures, n_dates = count(db, "figures"), count(db, "dates")
    (tmp_path / "a.txt").write_text(STORY)
    monkeypatch.setattr("store.extract.extract", fixed_extraction)
    real_insert = writes_mod._insert_dates

    def insert_then_fail(db_, article_id, dates):
        real_insert(db_, article_id, dates)  # rows are written, then the disk "fails"
        raise OSError("disk I/O error")

    monkeypatch.setattr(writes_mod, "_insert_dates", insert_then_fail)
    (outcome,) = run(db, tmp_path / "a.txt")
    assert outcome.status == "error" and "disk I/O error" in outcome.message
    assert db.execute("SELECT * FROM articles").fetchall() == before
    assert (count(db, "figures"), count(db, "dates")) == (n_figures, n_dates)
    fts = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'flood'"
    assert db.execute(fts).fetchone()[0] == 0

    monkeypatch.setattr(writes_mod, "_insert_dates", real_insert)
    (outcome,) = run(db, tmp_path / "a.txt")
    assert (outcome.status, outcome.n_figures, outcome.n_dates) == ("stored", 1, 1)


def test_an_extraction_bug_is_one_error_and_the_rest_goes_on(db, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(OTHER)

    def flaky(body, published, language="en"):
        if "Floods" in body:
            raise ZeroDivisionError("division by zero")
        return Extraction([], [])

    monkeypatch.setattr("store.extract.extract", flaky)
    outcomes = run(db, tmp_path / "a.txt", tmp_path / "b.txt")
    assert [o.status for o in outcomes] == ["error", "stored"]
    assert outcomes[0].message == "extraction failed (ZeroDivisionError: division by zero)"


# --- seeding ---------------------------------------------------------------------------


def test_ensure_seeded_fills_only_an_empty_database(db, tmp_path):
    assert [o.status for o in ensure_seeded(db)] == ["stored"] * 5
    assert ensure_seeded(db) == []
    assert count(db) == 5


def test_ensure_seeded_leaves_a_used_database_alone(db, tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    run(db, tmp_path / "a.txt")
    assert ensure_seeded(db) == []
    assert count(db) == 1


# --- web sources (store.sources.web is called lazily through a small interface) ---------------


@pytest.fixture
def fake_web(monkeypatch):
    calls = []

    class Doc:
        def __init__(self, source, title, text, published=None, source_name=None):
            self.source, self.title, self.text = source, title, text
            self.published, self.source_name = published, source_name

    class Docs(list):
        failures = ["could not read entry 3 of feed.xml: no text"]
        notes = ["feed cut to 50 items"]

    def fetch_documents(url):
        calls.append(("url", url))
        return Docs([Doc(url + "/1", "Troops arrive", "North Korea sent 3,000 troops.",
                         date(2024, 10, 23), "Example News")])  # fmt: skip

    def documents_from_file(path):
        calls.append(("file", str(path)))
        return [Doc(str(path), "Quake", "A 6.1 quake damaged 30 buildings.", None, None)]

    fake = types.ModuleType("store.sources.web")
    fake.fetch_documents, fake.documents_from_file = fetch_documents, documents_from_file
    monkeypatch.setitem(sys.modules, "store.sources.web", fake)
    monkeypatch.setattr(store.sources, "web", fake, raising=False)
    return calls


def test_urls_and_html_files_go_through_store_web(db, tmp_path, fake_web):
    page = tmp_path / "page.html"
    page.write_text("<html></html>")
    outcomes = run(db, "https://example.com/feed", page)
    assert [(o.source, o.status) for o in outcomes] == [
        ("https://example.com/feed/1", "stored"),
        ("https://example.com/feed", "error"),
        ("https://example.com/feed", "note"),
        (str(page), "stored"),
    ]
    assert fake_web == [("url", "https://example.com/feed"), ("file", str(page))]
    rows = db.execute("SELECT title, body, published, source_name FROM articles").fetchall()
    assert rows[0] == (
        "Troops arrive",
        "Troops arrive\n\nNorth Korea sent 3,000 troops.",
        "2024-10-23",
        "Example News",
    )


def test_without_store_web_urls_fail_with_one_clear_line(db, monkeypatch):
    monkeypatch.setitem(sys.modules, "store.sources.web", None)
    monkeypatch.delattr(store.sources, "web", raising=False)
    (outcome,) = run(db, "https://example.com/a")
    assert (outcome.status, outcome.message) == (
        "error",
        "web ingest not available (store.sources.web missing)",
    )


@pytest.mark.parametrize(
    "value, key",
    [("2024", "2024-01-01"), ("2024-10", "2024-10-01"), ("2024-10-27", "2024-10-27"),
     ("2024-W44", "2024-10-28"), ("2024-Q3", "2024-07-01")],
)  # fmt: skip
def test_sort_key_is_the_first_day_of_the_period(value, key):
    assert sort_key(value) == key


def test_content_stored_meanwhile_by_another_process_is_already_stored(db, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    run(db, tmp_path / "a.txt")
    real_find = ingest_mod.find_by_hash
    calls = []

    def not_yet(db_, digest):  # the first look misses: the other writer has not committed
        calls.append(digest)
        return None if len(calls) == 1 else real_find(db_, digest)

    monkeypatch.setattr(ingest_mod, "find_by_hash", not_yet)
    (outcome,) = run(db, tmp_path / "a.txt")
    assert (outcome.status, outcome.article_id) == ("already stored", 1)
    assert count(db) == 1


def test_a_source_that_breaks_while_read_is_one_error(db, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    real_expand = ingest_mod.expand_source

    def broken(source, stdin=None):
        if source == "broken":
            yield from real_expand(str(tmp_path / "a.txt"))
            raise PermissionError("walk failed")
        yield from real_expand(source, stdin)

    monkeypatch.setattr(ingest_mod, "expand_source", broken)
    (tmp_path / "b.txt").write_text(OTHER)
    outcomes = run(db, "broken", tmp_path / "b.txt")
    assert [(o.status, o.message) for o in outcomes] == [
        ("stored", ""),
        ("error", "PermissionError: walk failed"),
        ("stored", ""),
    ]


def test_markdown_marks_are_removed(db, tmp_path):
    (tmp_path / "a.md").write_text(
        "# North Korea sends **3,000** troops\n\n![photo](https://x.example/p.png)\n"
        "According to [Reuters](https://reuters.example/a_(b)), about *10,000* troops "
        "are in snake_case_town.\n\n---\n> Quote: the ministry said 5 units moved.\n"
        "* item one of a list\n"
    )
    run(db, tmp_path / "a.md")
    title, body = db.execute("SELECT title, body FROM articles").fetchone()
    assert title == "North Korea sends 3,000 troops"
    assert body == (
        "North Korea sends 3,000 troops\n\n"
        "According to Reuters, about 10,000 troops are in snake_case_town.\n\n"
        "Quote: the ministry said 5 units moved.\n"
        "* item one of a list"
    )


def test_terminal_escape_sequences_are_stripped_with_a_note(db, tmp_path):
    from store.sources.files import decode_bytes

    text, note = decode_bytes(
        b"\x1b]0;title\x07\x1b[1;31mAlert\x1b[0m: 3,000 troops \x1b(Bmoved.\n"
        b"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ N\x08No\x08ote"
    )
    assert text == "Alert: 3,000 troops moved.\nlink Note"
    assert note == "8 terminal escape sequences (colours, cursor moves) removed"
    assert decode_bytes(b"plain text") == ("plain text", None)
    with pytest.raises(store.sources.files.SourceError, match="binary"):
        decode_bytes(bytes(range(1, 32)) * 40)  # controls left after stripping: binary
    legacy = "Caf\u00e9 \x1b[1mclosed\x1b[0m".encode("cp1252")
    assert decode_bytes(legacy) == (
        "Caf\u00e9 closed",
        "not UTF-8; decoded as Windows-1252; 2 terminal escape sequences (colours, cursor"
        " moves) removed",
    )
    (tmp_path / "log.txt").write_bytes(b"\x1b[32mPort closed\x1b[0m\n\n" + STORY.encode())
    (outcome,) = run(db, tmp_path / "log.txt")
    assert outcome.status == "stored" and "terminal escape" in outcome.message


def test_a_markdown_heading_is_the_title(db, tmp_path):
    from store.sources.files import markdown_title

    assert markdown_title("# Floods return\n\nText.") == "Floods return"
    assert markdown_title("\nFloods *return*\n======\n\nText.") == "Floods return"
    assert markdown_title("Text first.\n\n# Heading later") is None
    (tmp_path / "a.md").write_text("## Quake hits Chile\n\nA **6.1** quake struck on Monday.\n")
    run(db, tmp_path / "a.md")
    assert db.execute("SELECT title FROM articles").fetchone()[0] == "Quake hits Chile"
