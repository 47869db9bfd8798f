"""`nkwatch reextract` on a database made by the previous version (schema 5, no
evidence, no extractor version): after it, figures carry evidence, every article is at
the current extractor version, and counts, quantities and full-text search agree."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from store.extract import EXTRACTOR_VERSION
from store.reextract import extraction_status, stale_articles
from store.watch import watch_status

OLD_DB = Path(__file__).resolve().parent / "data" / "old_db" / "schema5_seeds.db.gz"


@pytest.fixture
def old_db(tmp_path) -> Path:
    path = tmp_path / "old.db"
    with gzip.open(OLD_DB) as src, open(path, "wb") as out:
        shutil.copyfileobj(src, out)
    return path


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def test_fixture_is_the_previous_schema(old_db):
    conn = _raw(old_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert "evidence" not in _columns(conn, "figures")
    assert "extractor_version" not in _columns(conn, "articles")
    conn.close()


def test_reextract_brings_an_old_database_up(old_db, cli):
    before = _raw(old_db)
    bodies = dict(before.execute("SELECT id, body FROM articles"))
    before.close()

    # Opening migrates: the figures are there, without evidence, and re-extraction is due.
    code, out, err = cli("articles", db=old_db)
    assert code == 0 and "re-extract due: 2 of 2 articles" in err
    code, out, _ = cli("figures", "--format", "json", db=old_db)
    assert code == 0 and all(r["evidence"] is None for r in json.loads(out))
    conn = _raw(old_db)
    assert stale_articles(conn) == [1, 2]
    status = watch_status(conn, 0.0)
    assert status.n_stale == 2 and not status.empty  # the dashboard's watch line says so
    conn.close()

    code, out, err = cli("reextract", db=old_db)
    assert code == 0, err
    assert "re-extracted 2 articles" in out and f"extractor version {EXTRACTOR_VERSION}" in out

    conn = _raw(old_db)
    assert extraction_status(conn).n_stale == 0 and stale_articles(conn) == []
    assert {v for (v,) in conn.execute("SELECT extractor_version FROM articles")} == {
        EXTRACTOR_VERSION
    }
    # the stored text is untouched, so every offset (evidence included) still holds
    assert dict(conn.execute("SELECT id, body FROM articles")) == bodies
    rows = conn.execute(
        "SELECT article_id, start_pos, end_pos, text, evidence, quantity_id FROM figures"
    ).fetchall()
    assert rows
    n_cues = 0
    for aid, start, end, text, evidence, quantity_id in rows:
        body = bodies[aid]
        assert body[start:end] == text
        assert evidence is not None and quantity_id is not None  # indexed again
        for cue in json.loads(evidence).values():
            assert body[cue["start"] : cue["end"]] == cue["text"]
            n_cues += 1
    assert n_cues >= len(rows)
    # counts agree with the rows; quantities are recounted; the search index holds
    for aid, n, counted in conn.execute(
        "SELECT a.id, a.n_figures, (SELECT count(*) FROM figures f WHERE f.article_id = a.id)"
        " FROM articles a"
    ):
        assert n == counted, aid
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()
    code, out, _ = cli("search", "Pyongyang", "--format", "json", db=old_db)
    assert code == 0 and json.loads(out)
    code, out, _ = cli("quantities", "--format", "json", db=old_db)
    quantities = json.loads(out)
    assert quantities and sum(q["n_figures"] for q in quantities) == len(rows)

    # JSON carries the evidence: why "up to 100,000 troops" is "max" and hedged
    code, out, _ = cli("figures", "--format", "json", db=old_db)
    figure = next(r for r in json.loads(out) if r["text"] == "up to 100,000 troops")
    assert figure["evidence"]["qualifier"]["text"] == "up to"
    assert figure["evidence"]["hedge"]["text"] == "could"
    assert figure["evidence"]["unit"]["text"] == "troops"

    # nothing is stale now; --all and ids still work
    code, out, _ = cli("reextract", db=old_db)
    assert code == 0 and "nothing to re-extract" in out
    code, out, _ = cli("reextract", "--all", db=old_db)
    assert code == 0 and "re-extracted 2 articles" in out
    code, _, err = cli("articles", db=old_db)
    assert "re-extract due" not in err


def test_one_transaction_per_article(old_db, cli, monkeypatch):
    """A failure on one article rolls back only that one: the others are done, it stays as
    it was (and stale), and the command says so in one line."""
    import store.extract.pipeline as pipeline

    cli("articles", db=old_db)  # migrate
    conn = _raw(old_db)
    old_second = conn.execute("SELECT count(*) FROM figures WHERE article_id = 2").fetchone()
    conn.close()
    real = pipeline.extract

    def flaky(body, published):
        if "Reuters" in body[:200]:  # article 2, the Reuters report
            raise RuntimeError("rules broke")
        return real(body, published)

    monkeypatch.setattr(pipeline, "extract", flaky)
    code, _, err = cli("reextract", db=old_db)
    assert code == 1 and "Traceback" not in err
    assert "article 2: not re-extracted, left as it was (RuntimeError: rules broke)" in err
    conn = _raw(old_db)
    assert stale_articles(conn) == [2]
    assert (
        conn.execute("SELECT count(*) FROM figures WHERE article_id = 2").fetchone() == old_second
    )
    assert conn.execute(
        "SELECT count(*) FROM figures WHERE article_id = 1 AND evidence IS NULL"
    ).fetchone() == (0,)
    conn.close()


def test_reextract_usage_and_missing_ids(cli, db_path):
    code, _, err = cli("reextract", "--all", "3")
    assert code == 2 and "not both" in err
    code, out, err = cli("reextract", "7")
    assert code == 1 and "no article 7" in err
    code, out, _ = cli("reextract")
    assert code == 0 and "nothing to re-extract" in out
