"""A database that cannot be written: read-only files and folders, a full disk.

Reading a read-only database works (and says once why writing is impossible); a run
that writes stops at the first write that cannot succeed, with one line naming the
cause, instead of one identical line per input; a new database is never left behind
as a 0-byte file.

Root ignores file permissions: the read-only tests start their ``nkwatch`` without
that privilege (:func:`tests.procs.unprivileged`). The full disk is real in two ways:
a per-process file size limit (``RLIMIT_FSIZE``: writes past it fail as on a full
disk, with an I/O error), and where the kernel lets an unprivileged user mount one
(``unshare``), a 1 MB tmpfs that really fills up ("database or disk is full").
"""

from __future__ import annotations

import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store.db import DatabaseUnwritable, open_db
from store.ingest import ingest_sources
from tests.procs import (
    NKWATCH,
    ROOT,
    check_store,
    env,
    nkwatch,
    permissions_apply,
    run_nkwatch,
    unprivileged,
    wait_for_line,
    write_articles,
)

# --------------------------------------------------------------------------- read-only


@pytest.fixture
def stored(tmp_path) -> Path:
    """A database with five articles, in a folder of its own."""
    db_path = tmp_path / "data" / "ro.db"
    db = open_db(db_path)
    folder = write_articles(tmp_path / "in", "Ro", 5)[0].parent
    assert [o.status for o in ingest_sources(db, [str(folder)])] == ["stored"] * 5
    db.close()
    return db_path


def make_read_only(db_path: Path, what: str) -> None:
    target = db_path.parent if what == "folder" else db_path
    target.chmod(0o555 if what == "folder" else 0o444)
    if not permissions_apply(target):
        target.chmod(0o755 if what == "folder" else 0o644)
        pytest.skip("file permissions cannot be enforced on a child process here")


@pytest.fixture
def restore_permissions(tmp_path):
    yield
    for path in tmp_path.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_database_is_read_and_not_written(stored, what, restore_permissions, tmp_path):
    make_read_only(stored, what)
    before = sorted(p.name for p in stored.parent.iterdir())

    listing = run_nkwatch("--db", stored, "articles", "--format", "json", **unprivileged())
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 5
    why = "the folder" if what == "folder" else "the file is not writable"
    [note] = listing.stderr.splitlines()  # said once
    assert note.startswith(f"nkwatch: note: {stored}: opened read-only: ") and why in note
    assert "writing is impossible" in note

    more = write_articles(tmp_path / "more", "More", 3)[0].parent
    ingest = run_nkwatch("--db", stored, "ingest", more, **unprivileged())
    assert (ingest.returncode, ingest.stdout) == (1, "")
    [line] = ingest.stderr.splitlines()  # before reading any input
    assert line.startswith(f"nkwatch: error: {stored}: cannot write: ") and why in line
    assert "make it writable or use another --db" in line
    delete = run_nkwatch("--db", stored, "delete", "1", **unprivileged())
    assert (delete.returncode, delete.stdout) == (1, "")
    assert delete.stderr.startswith(f"nkwatch: error: {stored}: cannot write: ")
    assert len(delete.stderr.splitlines()) == 1
    # The comparing commands count the quantities the ingest left to count in a copy in
    # memory (counting is a write): the same as on a writable copy of the file. The
    # watch and what changes rules, alerts or quantities refuse at once, as ingest does.
    quantities = run_nkwatch("--db", stored, "quantities", "--format", "json", **unprivileged())
    assert quantities.returncode == 0 and len(quantities.stderr.splitlines()) == 1
    writable = tmp_path / "writable.db"
    shutil.copy(stored, writable)
    counted = run_nkwatch("--db", writable, "quantities", "--format", "json")
    assert json.loads(quantities.stdout) == json.loads(counted.stdout) != []
    for command in (
        ["watch", "--once", "http://127.0.0.1:9/feed.xml"],
        ["rules", "--add", "troops"],
        ["alerts", "--mark-seen"],
        ["merge", "2", "1"],
    ):
        refused = run_nkwatch("--db", stored, *command, **unprivileged())
        assert (refused.returncode, refused.stdout) == (1, ""), command
        [line] = refused.stderr.splitlines()
        assert line.startswith(f"nkwatch: error: {stored}: cannot write: ") and why in line
    assert check_store(stored)["articles"] == 5
    if what == "folder":
        assert sorted(p.name for p in stored.parent.iterdir()) == before

        new = run_nkwatch("--db", stored.parent / "new.db", "articles", **unprivileged())
        assert new.returncode == 1
        assert new.stderr == (
            f"nkwatch: error: {stored.parent / 'new.db'}: cannot create the database: "
            f"the folder {stored.parent} is not writable\n"
        )
        assert not (stored.parent / "new.db").exists()


DASHBOARD = textwrap.dedent(
    """
    import asyncio, sys
    from tui.app import NkwatchApp

    async def main():
        app = NkwatchApp(sys.argv[1])
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(100):
                await pilot.pause(0.05)
                if app.query_one("#articles").total and app.reader.view is not None:
                    break
            await pilot.press("slash", *"troops", "enter")
            await pilot.pause(0.5)
            notes = [n.message for n in app._notifications]
            print(app.query_one("#articles").total, app.query_one("#figures").total,
                  app.reader.view is not None, "|".join(notes), sep="\\t")

    asyncio.run(main())
    """
)


def test_the_dashboard_reads_a_database_in_a_read_only_folder(stored, restore_permissions):
    """The dashboard's read pool opens read-only too, and the dashboard says why."""
    make_read_only(stored, "folder")
    done = subprocess.run(
        [sys.executable, "-c", DASHBOARD, str(stored)], capture_output=True, text=True,
        cwd=ROOT, env=env(), timeout=120, **unprivileged(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    articles, figures, reading, notes = done.stdout.rstrip("\n").split("\t")
    assert int(articles) == 5 and int(figures) > 0 and reading == "True"
    assert f"Read-only: the folder {stored.parent} is not writable" in notes


# --------------------------------------------------------------------------- full disk


def _limit_file_size(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_new_database_on_a_full_disk_leaves_no_file(tmp_path):
    folder = write_articles(tmp_path / "in", "Full", 3)[0].parent
    db_path = tmp_path / "data" / "new.db"
    done = run_nkwatch(
        "--db", db_path, "ingest", folder, preexec_fn=_limit_file_size(0)
    )  # nothing at all can be written
    assert (done.returncode, done.stdout) == (1, "")
    [line] = done.stderr.splitlines()
    assert line.startswith(f"nkwatch: error: {db_path}: cannot create the database: disk I/O")
    assert "check the disk" in line
    assert list(db_path.parent.iterdir()) == []  # no 0-byte file, no temporary


@pytest.mark.skipif(not hasattr(resource, "prlimit"), reason="needs Linux prlimit")
def test_a_disk_filling_up_mid_run_stops_at_the_first_failed_write(tmp_path):
    """The old failure: one identical OperationalError line for every remaining file.

    The limit is put on the running ingest once it has stored an article (so what it
    loaded at start is loaded): its database files may grow by 64 KB more."""
    folder = write_articles(tmp_path / "in", "Fill", 300, paragraphs=12)[0].parent
    db_path = tmp_path / "fill.db"
    open_db(db_path).close()
    proc = nkwatch("--db", db_path, "ingest", folder)
    printed = [wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))]
    files = [db_path, Path(f"{db_path}-wal")]
    limit = max(f.stat().st_size for f in files if f.exists()) + 64 * 1024
    resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (limit, limit))
    out, err = proc.communicate(timeout=120)
    printed += out.splitlines()
    assert proc.returncode == 1
    stored = len(printed)
    assert 0 < stored < 300 and all(line.startswith("stored: ") for line in printed)
    assert err == (
        f"nkwatch: error: {db_path}: cannot write: disk I/O error (SQLITE_IOERR_WRITE); "
        f"check the disk (full? removed?) and run again (stopped; {stored} stored in "
        f"this run before it)\n"
    )  # one line, not one per file
    store = check_store(db_path)
    assert store["integrity"] == "ok" and store["partial"] == 0 and store["fts_ok"]
    assert store["articles"] == stored  # what was reported stored is stored, nothing else


def test_a_full_disk_stops_the_run_whatever_hits_it_first(tmp_path):
    """With 1 MB as the largest file a process may write, from its start: whether the
    database or a library's temporary file hits the limit first, one line, no article."""
    folder = write_articles(tmp_path / "in", "Limit", 30)[0].parent
    db_path = tmp_path / "limit.db"
    open_db(db_path).close()
    done = run_nkwatch("--db", db_path, "ingest", folder, preexec_fn=_limit_file_size(2**20))
    assert (done.returncode, done.stdout) == (1, "")
    [line] = done.stderr.splitlines()
    assert line.startswith(f"nkwatch: error: {db_path}: cannot ")
    assert line.endswith("(stopped; 0 stored in this run before it)")
    assert check_store(db_path)["articles"] == 0


TMPFS = textwrap.dedent(
    """
    set -e
    mount -t tmpfs -o size=1m tmpfs "$MNT"
    "$@" --db "$MNT/new.db" ingest "$BIG" > "$OUT/second.out" 2> "$OUT/second.err" || true
    python3 - "$MNT/new.db" > "$OUT/check" <<'PY'
    import sqlite3, sys
    c = sqlite3.connect(sys.argv[1])
    print(c.execute("PRAGMA integrity_check").fetchone()[0],
          c.execute("SELECT count(*) FROM articles").fetchone()[0])
    PY
    cat /dev/zero > "$MNT/filler" 2> /dev/null || true
    "$@" --db "$MNT/other.db" articles > "$OUT/third.out" 2> "$OUT/third.err" || true
    ls -A "$MNT" > "$OUT/ls"
    """
)


def test_a_real_full_disk_tmpfs(tmp_path):
    """A tmpfs of 1 MB, mounted in a user namespace where the system allows it."""
    unshare = shutil.which("unshare")
    probe = unshare and subprocess.run([unshare, "-rm", "true"], capture_output=True)
    if not probe or probe.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (no unprivileged user namespaces)")
    big = write_articles(tmp_path / "big", "Big", 80, paragraphs=12)[0].parent
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    done = subprocess.run(
        [unshare, "-rm", "sh", "-c", TMPFS, "sh", *NKWATCH],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
        env=env(MNT=str(mnt), OUT=str(out), BIG=str(big)),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stored = (out / "second.out").read_text().count("stored: ")
    [line] = (out / "second.err").read_text().splitlines()
    db = mnt / "new.db"
    assert line == (
        f"nkwatch: error: {db}: cannot write: the disk is full; free some space and run the "
        f"command again (stopped; {stored} stored in this run before it)"
    )
    assert (out / "check").read_text().split() == ["ok", str(stored)] and stored > 0
    other = mnt / "other.db"
    assert (out / "third.err").read_text() == (
        f"nkwatch: error: {other}: cannot create the database: the disk is full; "
        "free some space and run the command again\n"
    )
    assert "other.db" not in (out / "ls").read_text()  # no 0-byte file left


def test_a_full_database_stops_ingest_at_the_first_article(tmp_path):
    """In-process, with SQLite's own size cap (PRAGMA max_page_count): the generator
    raises at the first article that does not fit; the ones before are whole."""
    db = open_db(tmp_path / "capped.db")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 12}")
    folder = write_articles(tmp_path / "in", "Cap", 40, paragraphs=40)[0].parent
    outcomes = []
    with pytest.raises(DatabaseUnwritable, match="cannot write: the disk is full") as error:
        for outcome in ingest_sources(db, [str(folder)]):
            outcomes.append(outcome)
    assert isinstance(error.value.__cause__, sqlite3.OperationalError)
    assert outcomes and all(o.status == "stored" for o in outcomes)
    db.close()
    store = check_store(tmp_path / "capped.db")
    assert store["articles"] == len(outcomes) < 40 and store["partial"] == 0
