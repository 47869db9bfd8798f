"""The database file: schema version, migrations, WAL, FTS kept in sync, bad files."""

from __future__ import annotations

import sqlite3

import pytest

from store import db as dbmod
from store.db import DatabaseError, open_db
from store.schema import MIGRATIONS, SCHEMA_VERSION


def test_new_database_has_current_schema_in_wal_mode(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"articles", "figures", "dates", "articles_fts"} <= set(db.table_names())
    db.close()


def test_reopening_keeps_data_and_version(db_path):
    db = open_db(db_path)
    db.execute(
        "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
        " VALUES ('s', 't', 'b', 'h', 'now')"
    )
    db.conn.commit()
    db.close()
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_missing_folders_are_created(tmp_path):
    db = open_db(tmp_path / "a" / "b" / "c.db")
    assert (tmp_path / "a" / "b" / "c.db").exists()
    db.close()


def test_a_new_migration_is_applied_once_and_bumps_the_version(db_path, monkeypatch):
    open_db(db_path).close()
    extra = MIGRATIONS + ["ALTER TABLE articles ADD COLUMN later_note TEXT;"]
    monkeypatch.setattr(dbmod, "MIGRATIONS", extra)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", len(extra))
    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "later_note" in db["articles"].columns_dict
    db.close()
    open_db(db_path).close()  # already applied: applying it again would fail


def test_a_failing_migration_leaves_the_old_version(db_path, monkeypatch):
    open_db(db_path).close()
    extra = MIGRATIONS + ["CREATE TABLE later (x); CREATE TABLE later (x);"]
    monkeypatch.setattr(dbmod, "MIGRATIONS", extra)
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", len(extra))
    with pytest.raises(DatabaseError):
        open_db(db_path)
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "later" not in {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()


def test_database_from_a_newer_version_is_refused(db_path):
    open_db(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(DatabaseError, match="newer"):
        open_db(db_path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("just some text\n" * 200)
    with pytest.raises(DatabaseError, match="not an SQLite database"):
        open_db(bad)


def test_another_applications_database_is_refused(tmp_path):
    other = tmp_path / "other.db"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE customers (id INTEGER)")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseError, match="not an nkwatch database"):
        open_db(other)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="directory"):
        open_db(tmp_path)


def test_fts_follows_inserts_updates_and_deletes(db):
    def hits(word):
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        return [r[0] for r in db.execute(sql, [word]).fetchall()]

    with db.atomic():
        db.execute(
            "INSERT INTO articles (id, source, title, body, content_hash, ingested_at)"
            " VALUES (1, 's', 'Flood', 'Rivers rose overnight.', 'h', 'now')"
        )
    assert hits("river") == [1]  # porter stemming: river matches rivers
    with db.atomic():
        db.execute("UPDATE articles SET body = 'Fires spread.' WHERE id = 1")
    assert hits("river") == [] and hits("fire") == [1]
    with db.atomic():
        db.execute("DELETE FROM articles WHERE id = 1")
    assert hits("fire") == []


def test_deleting_an_article_deletes_its_figures_and_dates(db):
    with db.atomic():
        db.execute(
            "INSERT INTO articles (id, source, title, body, content_hash, ingested_at)"
            " VALUES (1, 's', 't', '5 troops', 'h', 'now')"
        )
        db.execute(
            "INSERT INTO figures (article_id, start_pos, end_pos, text, value, unit,"
            " sentence_start, sentence_end) VALUES (1, 0, 8, '5 troops', 5, 'troops', 0, 8)"
        )
        db.execute(
            "INSERT INTO dates (article_id, start_pos, end_pos, text, value, granularity,"
            " sort_key, sentence_start, sentence_end)"
            " VALUES (1, 0, 1, '5', '2024', 'year', '2024-01-01', 0, 8)"
        )
    with db.atomic():
        db.execute("DELETE FROM articles WHERE id = 1")
    assert db.execute("SELECT count(*) FROM figures").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM dates").fetchone()[0] == 0


def test_foreign_keys_reject_orphan_figures(db):
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute(
                "INSERT INTO figures (article_id, start_pos, end_pos, text, value, unit,"
                " sentence_start, sentence_end) VALUES (99, 0, 1, 'x', 1, 'u', 0, 1)"
            )


def test_a_version_1_database_is_migrated_to_the_sort_indexes(tmp_path):
    path = tmp_path / "v1.db"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0])
    raw.execute("PRAGMA user_version = 1")
    raw.execute(
        "INSERT INTO articles (source, title, body, content_hash, ingested_at) "
        "VALUES ('a.txt', 'T', 'Body', 'h', '2024-01-01')"
    )
    raw.commit()
    raw.close()
    db = open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"figures_date", "figures_claimant"} <= names
    assert db.execute("SELECT title FROM articles").fetchall() == [("T",)]


def test_write_transactions_take_the_write_lock_before_anything_else(db, db_path):
    """BEGIN IMMEDIATE: another connection cannot start writing once ours has begun,
    even before our first statement (a deferred BEGIN would take it only at the first
    write, and fail there without waiting if it had read in between)."""
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    with db.atomic():
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again once ours has ended
    other.execute("ROLLBACK")
    with dbmod.write_transaction(db):
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.close()


def test_a_failed_write_transaction_leaves_nothing(db):
    with pytest.raises(sqlite3.IntegrityError):
        with dbmod.write_transaction(db):
            db.execute(
                "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
                " VALUES ('s', 't', 'b', 'h', 'now')"
            )
            db.execute(
                "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
                " VALUES ('s', 't', 'b', 'h', 'now')"
            )  # the same hash: refused, and the first row goes too
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_migration_statements_keep_triggers_whole():
    statements = list(dbmod._statements(MIGRATIONS[0]))
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3 and all(s.endswith("END;") for s in triggers)
    assert all(sqlite3.complete_statement(s) for s in statements)


def test_only_errors_no_later_write_survives_are_fatal(db, db_path):
    row = (
        "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
        " VALUES ('s', 't', ?, ?, 'now')"
    )
    with db.atomic():
        db.execute(row, ["b", "h"])
    with pytest.raises(sqlite3.IntegrityError) as constraint:
        with db.atomic():
            db.execute(row, ["b", "h"])
    assert dbmod.unwritable(constraint.value, db_path) is None  # this input only
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as full:
        with db.atomic():
            db.execute(row, ["word " * 20_000, "h2"])
    assert str(dbmod.unwritable(full.value, db_path)) == (
        f"{db_path}: cannot write: the disk is full; free some space and run the command again"
    )
