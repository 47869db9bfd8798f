"""Several processes, one database file: no "database is locked", no lost article.

Real ``nkwatch ingest`` processes, a reader process and the dashboard (Pilot) share
one SQLite file; every article must be stored exactly once and whole, no process may
see an error, and the file must pass SQLite's integrity check.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.db import DatabaseUnwritable, open_db
from store.ingest import ingest_sources
from store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.procs import ROOT, check_store, env, nkwatch, run_nkwatch, write_articles

ROUNDS = 3
WRITERS = 3
ARTICLES = 20  # per writer

READER = textwrap.dedent(
    """
    import sqlite3, sys, time
    from pathlib import Path
    from store.db import ReadPool
    from store import queries
    db, stop = sys.argv[1], Path(sys.argv[2])
    pool = ReadPool(db)
    reads = errors = torn = 0
    while not stop.exists():
        try:
            with pool.connection() as conn:
                queries.list_articles(conn)
                queries.list_figures(conn, search="troops")
                # One statement is one snapshot: an article is there whole or not at all.
                torn += conn.execute(
                    "SELECT count(*) FROM articles a WHERE n_figures !="
                    " (SELECT count(*) FROM figures f WHERE f.article_id = a.id)"
                ).fetchone()[0]
            reads += 1
        except sqlite3.Error as e:
            errors += 1
            print(f"error: {e}", file=sys.stderr)
        time.sleep(0.05)
    pool.close()
    print(reads, errors, torn)
    """
)


async def test_three_writers_a_reader_and_the_dashboard_share_one_file(tmp_path: Path) -> None:
    """ROUNDS times: three `nkwatch ingest` of disjoint folders start together on one
    file while a reader process and the dashboard read it."""
    from tui.app import NkwatchApp

    db_path = tmp_path / "shared.db"
    open_db(db_path).close()  # the dashboard opens an existing file
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_path), str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env(),
    )  # fmt: skip
    expected: set[str] = set()
    errors = 0
    app = NkwatchApp(db_path)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for round_ in range(ROUNDS):
                folders = [
                    write_articles(tmp_path / f"r{round_}w{w}", f"R{round_}W{w}", ARTICLES)[
                        0
                    ].parent
                    for w in range(WRITERS)
                ]
                expected |= {str(f) for folder in folders for f in folder.glob("*.txt")}
                writers = [nkwatch("--db", db_path, "ingest", folder) for folder in folders]
                while any(w.poll() is None for w in writers):
                    await pilot.press("j", "tab")  # the dashboard reads all along
                    await pilot.pause(0.5)
                for w in writers:
                    out, err = w.communicate(timeout=60)
                    errors += bool(err)
                    assert (w.returncode, err) == (0, "")  # no "database is locked"
                    assert out.count("stored: ") == ARTICLES
                store = check_store(db_path)
                assert store["articles"] == len(expected) == (round_ + 1) * WRITERS * ARTICLES
                assert sorted(store["sources"]) == sorted(expected)  # each exactly once
                assert store["integrity"] == "ok" and store["fts_ok"] and store["partial"] == 0
            articles = app.query_one("#articles")
            for _ in range(100):  # the store watch notices new articles every 2 s
                await pilot.pause(0.1)
                if articles.total == len(expected):
                    break
            assert articles.total == len(expected)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    reads, reader_errors, torn = map(int, out.split())
    assert (reader_errors, torn, err) == (0, 0, "") and reads > 0
    figures = {"rounds": ROUNDS, "writers": WRITERS, "articles": len(expected)}
    print(f"stress: {figures | {'reads': reads, 'errors': errors + reader_errors}}")


CREATE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from store.db import open_db
    folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
    for n in range(rounds):
        go = folder / f"go{n}"
        while not go.exists():
            time.sleep(0.001)
        db = open_db(folder / f"{n}.db")
        print(db.execute("PRAGMA user_version").fetchone()[0],
              db.execute("SELECT count(*) FROM articles").fetchone()[0], flush=True)
        db.close()
    """
)


@pytest.mark.parametrize("start", ["missing", "empty file", "version 1"])
def test_processes_creating_or_upgrading_one_database_at_once_all_succeed(tmp_path, start):
    """Four processes open a database that does not exist yet (or is an empty file, or
    needs a migration) at the same instant, several rounds: all get the whole current
    schema, none an error ("table articles already exists")."""
    rounds, processes = 5, 4
    for n in range(rounds):
        path = tmp_path / f"{n}.db"
        if start == "empty file":
            path.touch()
        elif start == "version 1":
            raw = sqlite3.connect(path)
            raw.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
            raw.close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CREATE, str(tmp_path), str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )  # fmt: skip
        for _ in range(processes)
    ]
    try:
        for n in range(rounds):
            (tmp_path / f"go{n}").touch()  # all four open database n at once
            for proc in procs:
                line = proc.stdout.readline()
                assert line.split() == [str(SCHEMA_VERSION), "0"], proc.stderr.read()
            assert check_store(tmp_path / f"{n}.db")["integrity"] == "ok"
    finally:
        for proc in procs:
            proc.kill() if proc.poll() is None else None
            proc.wait()
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside them


HOLD_LOCK = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO articles (source, title, body, content_hash, ingested_at)"
                 " VALUES ('holder', 'Holder', 'Held.', 'holder', 'now')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    """
)


def hold_write_lock(db_path: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the write lock and keeps it ``seconds``."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_a_writer_waits_for_another_process_holding_the_lock(tmp_path):
    """The old failure: the first article failed at once with "database is locked"."""
    db_path = tmp_path / "held.db"
    open_db(db_path).close()
    folder = tmp_path / "in"
    write_articles(folder, "Held", 3)
    holder = hold_write_lock(db_path, 2.0)
    done = run_nkwatch("--db", db_path, "ingest", folder)
    holder.wait(timeout=30)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.count("stored: ") == 3
    assert check_store(db_path)["articles"] == 4  # the holder's row and the three


def test_a_lock_held_for_good_stops_the_run_with_one_line(tmp_path, monkeypatch):
    """Past WRITE_WAIT the run stops at the first article: the next would wait as long."""
    import store.dberrors

    monkeypatch.setattr(store.dberrors, "WRITE_WAIT", 0.3)
    db = open_db(tmp_path / "stuck.db")
    folder = tmp_path / "in"
    write_articles(folder, "Stuck", 5)
    # Held far longer than the run could take (it is killed below): on a loaded machine
    # the first write comes seconds after the start (extraction's imports, the model).
    holder = hold_write_lock(tmp_path / "stuck.db", 120.0)
    try:
        with pytest.raises(DatabaseUnwritable, match="locked for over 0.3 s"):
            list(ingest_sources(db, [str(folder)]))
    finally:
        holder.kill()
        holder.wait()
        db.close()


def test_no_command_writes_outside_a_write_transaction(cli, db_path, tmp_path, monkeypatch):
    """`BEGIN IMMEDIATE` everywhere: an SQLite authorizer on every connection nkwatch
    opens records each INSERT, UPDATE or DELETE made outside a transaction (an
    autocommit write takes its lock late, and in WAL mode may fail at once when another
    process wrote meanwhile). Every writing command runs once, the watch included."""
    import store.db
    import store.readpool
    from store import watch
    from tests.livesite import LiveSite, page, rss

    outside: list[str] = []
    writes = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}
    connect = store.readpool._connect

    def watched_connect(target, check_same_thread, *, uri=False):
        conn = connect(target, check_same_thread, uri=uri)

        def authorize(action, table, _column, schema, trigger):
            if action in writes and trigger is None and schema == "main":
                if not conn.in_transaction:
                    outside.append(f"{action} {table}")
            return sqlite3.SQLITE_OK

        conn.set_authorizer(authorize)
        return conn

    monkeypatch.setattr(store.readpool, "_connect", watched_connect)
    monkeypatch.setattr(store.db, "_connect", watched_connect)
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    folder = write_articles(tmp_path / "in", "Tx", 3)[0].parent
    site = LiveSite().start()
    try:
        site.put("/feed.xml", rss("Harbour News", [("Ferry", "/ferry.html", "Teaser.")]),
                 "application/rss+xml")  # fmt: skip
        site.put("/ferry.html", page("Ferry", "About 140 passengers were rescued from the "
                                     "ferry on Monday, the coast guard said."))  # fmt: skip
        commands = [
            ["ingest", str(folder)],
            ["set", "1", "--published", "2024-11-20", "--source-name", "Wire", "--title", "T"],
            ["rules", "--add", "troops"],
            ["rules", "--add-quantity", "1"],
            ["watch", "--add", site.url("/feed.xml")],
            ["watch", "--once"],
            ["alerts", "--mark-seen"],
            ["merge", "3", "2"],
            ["split", "2", "--unit", "bridges"],
            ["reextract", "--all"],
            ["ingest", str(min(folder.glob("*.txt"))), "--replace", "--published", "2024-11-21"],
            ["delete", "2"],
            ["rules", "--remove", "1"],
            ["watch", "--remove", "1"],
            ["backup", str(tmp_path / "copy.db")],
        ]
        for command in commands:
            code, _, err = cli(*command)
            assert code == 0, (command, err)
        db = open_db(db_path)  # the dashboard's writes: seen marks
        watch.mark_seen(db, [1, 3, 4])
        db.close()
    finally:
        site.stop()
    assert outside == [], outside
