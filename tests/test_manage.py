"""Fixing what is stored: set (re-resolving dates), delete, backup, ingest --replace."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from store.db import open_db
from store.ingest import ingest_sources, reextract_article
from store.manage import (
    ArticleNotFound,
    BackupError,
    backup_database,
    delete_articles,
    set_article,
)

# Relative dates whose meaning depends on the publication date.
STORY = (
    "Floods return to the valley\n\n"
    "The river burst its banks on Monday, officials said, and 2,300 people left their "
    "homes. About 400 soldiers will arrive next week, the army said on Tuesday.\n"
)


def ingest(db, path, **kw):
    return list(ingest_sources(db, [str(path)], **kw))


def dates_of(db, article_id):
    rows = db.execute(
        "SELECT text, value FROM dates WHERE article_id = ? ORDER BY start_pos", [article_id]
    ).fetchall()
    return dict(rows)


def fts_ids(db, word):
    rows = db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", [word]
    ).fetchall()
    return [r[0] for r in rows]


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "floods.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_set_published_re_resolves_relative_dates(db, story):
    (o,) = ingest(db, story, published=date(2025, 3, 12))  # a Wednesday
    before = dates_of(db, o.article_id)
    assert before["Monday"] == "2025-03-10"
    change = set_article(db, o.article_id, published=date(2025, 3, 19))
    after = dates_of(db, o.article_id)
    assert after["Monday"] == "2025-03-17" and after["Tuesday"] == "2025-03-18"
    assert change.reextracted and change.n_dates == len(after)
    assert change.changes == [("published", "2025-03-12", "2025-03-19")]
    assert "dates re-resolved" in change.describe()
    row = db.execute(
        "SELECT published, published_inferred, n_figures FROM articles WHERE id = ?",
        [o.article_id],
    ).fetchone()
    n_figures = db.execute(
        "SELECT count(*) FROM figures WHERE article_id = ?", [o.article_id]
    ).fetchone()[0]
    assert row == ("2025-03-19", 0, n_figures) and n_figures == change.n_figures


def test_set_outlet_and_title_keep_the_search_index_in_step(db, story):
    (o,) = ingest(db, story, published=date(2025, 3, 12))
    change = set_article(db, o.article_id, source_name="AP", title="Valley floods again")
    assert not change.reextracted
    assert [k for k, _, _ in change.changes] == ["source_name", "title"]
    assert fts_ids(db, "valley") == [o.article_id]
    assert fts_ids(db, "again") == [o.article_id]  # the new title is searchable
    name, title = db.execute(
        "SELECT source_name, title FROM articles WHERE id = ?", [o.article_id]
    ).fetchone()
    assert (name, title) == ("AP", "Valley floods again")
    assert set_article(db, o.article_id, source_name="").changes == [("source_name", "AP", None)]
    assert set_article(db, o.article_id, title="Valley floods again").describe() == (
        "nothing to change"
    )
    with pytest.raises(ValueError):
        set_article(db, o.article_id, title="  ")


def test_set_a_missing_article_changes_nothing(db):
    with pytest.raises(ArticleNotFound, match="no article 999"):
        set_article(db, 999, published=date(2025, 1, 1))


def test_a_failed_re_extraction_rolls_the_date_back(db, story, monkeypatch):
    (o,) = ingest(db, story, published=date(2025, 3, 12))
    before = dates_of(db, o.article_id)

    def broken(body, published, language="en"):
        raise RuntimeError("extraction broke")

    monkeypatch.setattr("store.extract.extract", broken)
    with pytest.raises(RuntimeError):
        set_article(db, o.article_id, published=date(2025, 3, 19))
    published = db.execute("SELECT published FROM articles WHERE id = ?", [o.article_id])
    assert published.fetchone()[0] == "2025-03-12"
    assert dates_of(db, o.article_id) == before


def test_reextract_article_counts_and_missing(db, story):
    (o,) = ingest(db, story, published=date(2025, 3, 12))
    assert reextract_article(db, o.article_id) == (o.n_figures, o.n_dates)
    with pytest.raises(LookupError):
        reextract_article(db, 999)


def test_delete_removes_figures_dates_and_index(db, story, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Quake hits Chile\n\nA quake struck on Monday; 30 buildings fell.\n")
    (a,) = ingest(db, story, published=date(2025, 3, 12))
    (b,) = ingest(db, other, published=date(2025, 3, 12))
    deleted, missing = delete_articles(db, [a.article_id, 999, a.article_id])
    assert [d.article_id for d in deleted] == [a.article_id] and missing == [999]
    assert deleted[0].n_figures == a.n_figures and deleted[0].n_dates == a.n_dates
    for table in ("figures", "dates"):
        rows = db.execute(f"SELECT DISTINCT article_id FROM {table}").fetchall()
        assert rows == [(b.article_id,)]
    assert fts_ids(db, "floods") == [] and fts_ids(db, "quake") == [b.article_id]
    assert db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_backup_is_a_consistent_single_file_while_another_connection_writes(
    db, db_path, story, tmp_path
):
    ingest(db, story, published=date(2025, 3, 12))
    writer = open_db(db_path, check_same_thread=False)
    reader_open = sqlite3.connect(db_path)  # the dashboard's read connection
    reader_open.execute("BEGIN")
    reader_open.execute("SELECT count(*) FROM articles").fetchone()
    stop = threading.Event()

    def keep_writing():
        n = 0
        while not stop.is_set():
            n += 1
            with writer.atomic():
                writer.execute("UPDATE articles SET source_name = ?", [f"outlet {n}"])

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        target = backup_database(db, db_path, tmp_path / "copy.db")
    finally:
        stop.set()
        thread.join()
        reader_open.close()
        writer.close()
    assert target == tmp_path / "copy.db"
    assert not (tmp_path / "copy.db-wal").exists()
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    copy.close()
    with pytest.raises(BackupError, match="already exists"):
        backup_database(db, db_path, target)
    assert backup_database(db, db_path, target, overwrite=True) == target
    folder = tmp_path / "backups"
    folder.mkdir()
    assert backup_database(db, db_path, folder) == folder / db_path.name
    with pytest.raises(BackupError, match="is the database itself"):
        backup_database(db, db_path, db_path, overwrite=True)
    with pytest.raises(BackupError, match="no such folder"):
        backup_database(db, db_path, tmp_path / "nope" / "x.db")


def test_changed_file_is_added_with_a_note_or_replaced_in_place(db, story):
    (first,) = ingest(db, story, published=date(2025, 3, 12))
    story.write_text(STORY.replace("2,300", "2,500"), encoding="utf-8")
    (added,) = ingest(db, story, published=date(2025, 3, 12))
    assert added.status == "stored" and added.article_id != first.article_id
    assert f"earlier version is stored as article {first.article_id}" in added.message
    assert "--replace" in added.message
    story.write_text(STORY.replace("2,300", "2,700"), encoding="utf-8")
    (replaced,) = ingest(db, story, published=date(2025, 3, 12), replace=True)
    assert (replaced.status, replaced.article_id) == ("replaced", added.article_id)
    bodies = [r[0] for r in db.execute("SELECT body FROM articles ORDER BY id")]
    assert ["2,300" in bodies[0], "2,700" in bodies[1], len(bodies)] == [True, True, 2]
    values = db.execute(
        "SELECT value FROM figures WHERE article_id = ? AND unit = 'people'",
        [added.article_id],
    ).fetchall()
    assert values == [(2700.0,)]
    assert fts_ids(db, '"2 700"') == [added.article_id]


def test_stored_content_with_a_new_date_says_how_or_applies_it(db, story):
    (first,) = ingest(db, story, published=date(2025, 3, 12))
    (again,) = ingest(db, story, published=date(2025, 3, 19))
    assert again.status == "already stored" and again.article_id == first.article_id
    assert f"nkwatch set {first.article_id} --published 2025-03-19" in again.message
    assert dates_of(db, first.article_id)["Monday"] == "2025-03-10"  # nothing changed
    (same,) = ingest(db, story, published=date(2025, 3, 12))
    assert (same.status, same.message) == ("already stored", "")
    (updated,) = ingest(db, story, published=date(2025, 3, 19), replace=True)
    assert updated.status == "updated" and "2025-03-12 -> 2025-03-19" in updated.message
    assert dates_of(db, first.article_id)["Monday"] == "2025-03-17"


def test_stdin_is_never_a_version_of_an_earlier_stdin(db):
    import io

    (a,) = list(ingest_sources(db, ["-"], stdin=io.BytesIO(STORY.encode())))
    other = STORY.replace("2,300", "900").encode()
    (b,) = list(ingest_sources(db, ["-"], stdin=io.BytesIO(other), replace=True))
    assert (a.status, b.status) == ("stored", "stored") and a.article_id != b.article_id
    assert b.message == ""


# A new version of a stored article keeps what the old one was given, unless it says
# otherwise: a replaced file, a re-fetched page.
FERRY = (
    "Ferry service cut\n\n"
    "The island's only ferry stopped on Friday, the port authority said, and 640 "
    "residents were stranded. Repairs are due next week.\n"
)


def article_row(db, article_id):
    return db.execute(
        "SELECT published, published_inferred, source_name FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()


def test_a_replaced_file_keeps_its_given_date_and_outlet(db, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(FERRY, encoding="utf-8")
    (first,) = ingest(db, path, published=date(2025, 6, 4), source_name="Island Gazette")
    assert dates_of(db, first.article_id)["Friday"] == "2025-05-30"
    path.write_text(FERRY.replace("640", "710"), encoding="utf-8")
    (again,) = ingest(db, path, replace=True)  # no --published, no --source-name
    assert (again.status, again.article_id) == ("replaced", first.article_id)
    assert "kept the outlet 'Island Gazette' and the publication date 2025-06-04" in (again.message)
    assert article_row(db, first.article_id) == ("2025-06-04", 0, "Island Gazette")
    # the new text's relative dates are resolved against the kept date
    assert dates_of(db, first.article_id)["Friday"] == "2025-05-30"
    # what the user gives now wins
    path.write_text(FERRY.replace("640", "730"), encoding="utf-8")
    (third,) = ingest(db, path, replace=True, published=date(2025, 6, 11), source_name="AP")
    assert "kept" not in third.message
    assert article_row(db, first.article_id) == ("2025-06-11", 0, "AP")
    assert dates_of(db, first.article_id)["Friday"] == "2025-06-06"


def test_a_revised_page_keeps_its_given_date_but_not_an_inferred_one(db):
    from store.ingest import ingest_document
    from store.sources.files import RawDocument

    url = "https://news.example/ferry"
    page = RawDocument(url, FERRY, source_name="news.example")
    first = ingest_document(db, page, published=date(2025, 6, 4), source_name="Island Gazette")
    revised = ingest_document(db, RawDocument(url, FERRY.replace("640", "690")))
    assert (revised.status, revised.article_id) == ("revised", first.article_id)
    assert article_row(db, first.article_id) == ("2025-06-04", 0, "Island Gazette")
    assert dates_of(db, first.article_id)["Friday"] == "2025-05-30"
    assert dates_of(db, first.article_id)["next week"] == "2025-W24"
    # A date nkwatch only inferred is no given date: the new text decides again.
    other = "https://news.example/bridge"
    dated = FERRY.replace("on Friday", "on Friday, May 30, 2025,")
    inferred = ingest_document(db, RawDocument(other, dated))
    assert article_row(db, inferred.article_id)[:2] == ("2025-05-30", 1)
    revised = ingest_document(db, RawDocument(other, FERRY))
    assert revised.status == "revised" and "kept" not in revised.message
    assert article_row(db, inferred.article_id)[:2] == (None, 0)
