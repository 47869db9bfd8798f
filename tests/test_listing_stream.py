"""Listings stream and page (--limit / --offset / --all), sentence boundaries are stored
at ingest, and prefix search finds every word that starts with the prefix."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from store import fts, sentence_index
from store.db import open_db
from store.extract.models import DateExpr, Extraction, Figure
from store.extract.sentences import split_sentences
from store.ingest import store_article
from store.queries import iter_figures, iter_search, search_articles
from store.schema import MIGRATIONS
from tui.cli.listing import SEARCH_PAGE
from tui.cli.output import json_out, json_stream

WORDS = ["harbour", "granary", "orchard", "quarry", "lighthouse"]


def _article(db, n: int) -> int:
    """Article ``n``: two sentences that mention a ferry, one figure, one date."""
    place = WORDS[n % len(WORDS)]
    body = (
        f"Report {n} on the {place}\n\n"
        f"The ferry carried {100 + n} passengers past the {place} on May {n % 27 + 1}. "
        f"Harbour staff counted them twice.\nNothing else happened that day."
    )
    i = body.index(f"{100 + n} passengers")
    d = body.index("May")
    s0 = body.index("The ferry")
    s1 = body.index("May") + body[d:].index(".") + 1
    figure = Figure(f"{100 + n} passengers", i, i + len(f"{100 + n} passengers"), 100.0 + n,
                    None, None, "passengers", None, None, False, None, s0, s1)  # fmt: skip
    when = DateExpr(f"May {n % 27 + 1}", d, d + len(f"May {n % 27 + 1}"),
                    f"2024-05-{n % 27 + 1:02d}", None, "day", s0, s1)  # fmt: skip
    return store_article(
        db, source=f"report-{n}.txt", title=body.split("\n")[0], body=body, published=None,
        published_inferred=False, source_name=None, extraction=Extraction([figure], [when]),
    )  # fmt: skip


@pytest.fixture
def many(db_path):
    db = open_db(db_path)
    ids = [_article(db, n) for n in range(SEARCH_PAGE + 5)]
    db.close()
    return ids


def _json(cli, *args):
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out), err


def test_search_shows_a_page_by_default_and_says_more_match(cli, many):
    hits, err = _json(cli, "search", "ferry")
    assert len(hits) == SEARCH_PAGE
    assert "--offset 20" in err and "--all" in err and err.count("\n") == 1
    rest, err = _json(cli, "search", "ferry", "--offset", str(SEARCH_PAGE))
    assert len(rest) == 5 and err == ""
    everything, err = _json(cli, "search", "ferry", "--all")
    assert len(everything) == len(many) and err == ""
    assert [h["id"] for h in hits + rest] == [h["id"] for h in everything]
    few, _ = _json(cli, "search", "--limit", "3", "ferry")
    assert [h["id"] for h in few] == [h["id"] for h in everything[:3]]


def test_listings_take_limit_offset_all(cli, many):
    for command in ("articles", "figures", "timeline"):
        everything, err = _json(cli, command)
        assert len(everything) == len(many) and err == ""  # all by default (scripts)
        page, err = _json(cli, command, "--limit", "4", "--offset", "2")
        assert page == everything[2:6]
        assert "--offset 6" in err
        tail, err = _json(cli, command, "--offset", str(len(many) - 1), "--all")
        assert tail == everything[-1:] and err == ""
    found, _ = _json(cli, "figures", "--search", "ferry", "--limit", "2", "--offset", "1")
    assert found == _json(cli, "figures", "--search", "ferry")[0][1:3]


@pytest.mark.parametrize(
    "args",
    [["--limit", "0"], ["--limit", "x"], ["--offset", "-1"], ["--all", "--limit", "3"]],
)
def test_bad_paging_is_a_usage_error(cli, many, args):
    code, out, err = cli("figures", *args)
    assert code == 2 and out == "" and "Traceback" not in err


def test_streamed_json_is_what_one_dump_prints(capsys):
    records = [{"a": 1, "b": {"c": [1, 2]}, "s": 'Zelenskyy’s "quote"\nline'}, {"a": None}]
    for case in (records, records[:1], []):
        json_stream(iter(case))
        assert capsys.readouterr().out == json_out(case) + "\n"


def test_a_listing_streams_its_rows(cli, many, monkeypatch):
    """The records reach the writer one at a time, never as a list."""
    from tui.cli import listing

    seen = []

    def spy(fmt, records, columns, keys=()):
        assert not isinstance(records, list)
        for r in records:
            seen.append(r)
        return len(seen)

    monkeypatch.setattr(listing, "emit", spy)
    code, _, _ = cli("figures", "--format", "json")
    assert code == 0 and len(seen) == len(many)


def test_table_and_csv_page_too(cli, many):
    code, out, err = cli("figures", "--format", "csv", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, err = cli("articles", "--format", "table", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 3 and "--offset 2" in err
    code, out, err = cli("search", "ferry", "--format", "csv", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 3  # one matching sentence each


# --- prefix search ----------------------------------------------------------------------

PREFIX_BODIES = [
    "Talks stall as border clashes escalate\n\nBoth sides said they would escalate if pushed.",
    "A dangerous escalation\n\nDiplomats feared an escalation of the fighting near the dam.",
    "Shelling keeps escalating\n\nThe shelling was escalating by the hour, residents said.",
    "Quiet week on the river\n\nFarmers deployed new pumps; the deployment went well.",
    "Drones deploy at night\n\nEngineers deploy sensors along the river each spring.",
    "Spies and analysts\n\nThe intelligence service hired intelligent analysts.",
]


@pytest.fixture
def prefixed(db_path):
    db = open_db(db_path)
    ids = [
        store_article(
            db,
            source=f"p{i}.txt",
            title=b.split("\n")[0],
            body=b,
            published=None,
            published_inferred=False,
            source_name=None,
            extraction=Extraction([], []),
        )  # fmt: skip
        for i, b in enumerate(PREFIX_BODIES)
    ]
    yield db, ids
    db.close()


def _found(db, q):
    return {h.article.id for h in search_articles(db, q)}


def test_prefix_finds_every_word_that_starts_so(prefixed):
    db, ids = prefixed
    assert _found(db, "escalat*") == set(ids[:3])
    assert _found(db, "escalation") == set(ids[:3])  # whole words stay stemmed
    assert _found(db, "intelligen*") == {ids[5]}
    assert _found(db, "deploy*") >= _found(db, "deployment*")
    assert _found(db, "deploy*") == {ids[3], ids[4]}
    # a prefix and a whole word together: articles both find
    assert _found(db, "escalat* shelling") == {ids[2]}
    assert _found(db, '"shelling was escal"*') == {ids[2]}


def test_prefix_hits_mark_the_whole_words_and_their_sentences(prefixed):
    db, ids = prefixed
    (hit,) = [h for h in iter_search(db, "escalat* fighting") if h.article.id == ids[1]]
    body = PREFIX_BODIES[1]
    assert [body[s:e] for s, e in hit.spans] == ["escalation", "escalation", "fighting"]
    assert [s.text for s in hit.sentences] == [  # the body starts with its headline
        "A dangerous escalation",
        "Diplomats feared an escalation of the fighting near the dam.",
    ]


@pytest.mark.parametrize("q", ['"', 'escal"*', '"escal', "* *", "NEAR(escal*", "escal**", "-*"])
def test_stray_quotes_and_stars_never_fail(cli, prefixed, q):
    code, out, err = cli("search", q, "--format", "json")
    assert "Traceback" not in err and code in (0, 2)
    if code == 0:
        json.loads(out)


# --- stored sentence boundaries ---------------------------------------------------------


def test_sentences_are_stored_at_ingest_and_follow_a_changed_body(prefixed):
    db, ids = prefixed
    for aid, body in zip(ids, PREFIX_BODIES, strict=True):
        stored = sentence_index.bounds(db, aid)
        assert stored == [(s.start, s.end) for s in split_sentences(body)]
    new = "A new body\n\nIt has one sentence about escalation."
    with db.atomic():
        db.execute("UPDATE articles SET body = ? WHERE id = ?", [new, ids[0]])
    assert db.execute(
        "SELECT count(*) FROM article_sentences WHERE article_id = ?", [ids[0]]
    ).fetchone()[0] == 0  # fmt: skip
    assert sentence_index.bounds(db, ids[0]) == [(s.start, s.end) for s in split_sentences(new)]
    assert ids[0] in _found(db, "escalation") and ids[0] not in _found(db, "escalat* pushed")


def test_search_does_not_split_sentences_again(prefixed, monkeypatch):
    db, ids = prefixed

    def refuse(body):
        raise AssertionError("split at query time")

    monkeypatch.setattr(sentence_index, "split", refuse)
    assert {h.article.id for h in iter_search(db, "escalat*")} == set(ids[:3])
    assert list(iter_figures(db, search="escalat*")) == []


def test_migration_backfills_sentences_and_the_prefix_index(tmp_path):
    """A database at the version before: its articles get boundaries and words."""
    import sqlite3

    from store.db import _statements

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    before = MIGRATIONS.index(next(m for m in MIGRATIONS if callable(m)))
    for script in MIGRATIONS[:before]:
        for statement in _statements(script):
            raw.execute(statement)
    for i, body in enumerate(PREFIX_BODIES):
        raw.execute(
            "INSERT INTO articles (source, title, body, content_hash, ingested_at)"
            " VALUES (?, ?, ?, ?, '2024-01-01')",
            [f"p{i}.txt", body.split("\n")[0], body, f"h{i}"],
        )
    raw.execute(f"PRAGMA user_version = {before}")
    raw.commit()
    raw.close()
    db = open_db(path)
    rows = dict(db.execute("SELECT article_id, bounds FROM article_sentences").fetchall())
    assert len(rows) == len(PREFIX_BODIES)
    for aid, body in zip(sorted(rows), PREFIX_BODIES, strict=True):
        assert sentence_index.unpack(rows[aid]) == [(s.start, s.end) for s in split_sentences(body)]
    assert fts.count(db, '"escalat"*') == 3
    db.close()


# --- what a reading command loads -------------------------------------------------------

HEAVY = ("numpy", "textual", "rich", "dateparser", "httpx", "feedparser", "trafilatura", "lingua",
         "store.extract.pipeline", "store.extract.figures", "store.extract.cues",
         "store.extract.numbers", "store.sources.language")  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [["articles"], ["figures", "--search", "ferry"], ["search", "ferry*"], ["timeline"]],
)
def test_reading_commands_do_not_import_what_they_do_not_need(many, db_path, args):
    script = textwrap.dedent(
        f"""
        import io, json, sys
        from contextlib import redirect_stdout
        from tui.cli import main
        with redirect_stdout(io.StringIO()):
            code = main(["--db", {str(db_path)!r}, *{args!r}, "--format", "json"])
        print(json.dumps([code, sorted(m for m in sys.modules)]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    code, modules = json.loads(out.splitlines()[-1])
    assert code == 0
    loaded = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []


def test_quantities_page_too(cli, db_path):
    db = open_db(db_path)
    for n in range(6):
        body = (
            f"Report {n}\n\nOfficials said {10 + n} trucks and {200 + n} workers reached the "
            f"{WORDS[n % len(WORDS)]} on Monday, while {3 + n} percent of voters stayed home."
        )
        from store.extract import extract

        store_article(
            db, source=f"q{n}.txt", title=body.split("\n")[0], body=body, published=None,
            published_inferred=False, source_name=None, extraction=extract(body, None),
        )  # fmt: skip
    db.close()
    everything, err = _json(cli, "quantities")
    assert len(everything) >= 2 and err == ""
    page, err = _json(cli, "quantities", "--limit", "1", "--offset", "1")
    assert page == everything[1:2]
    assert ("--offset 2" in err) == (len(everything) > 2)
