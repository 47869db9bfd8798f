"""What a new user trips on in the first hour, through the real ``nkwatch`` command in a
subprocess: fixing what is stored, messages that say what happened, no terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
STORY = (
    "Floods return\n\n"
    "The river burst its banks on Monday, officials said, and 2,300 people left their "
    "homes. Repairs will cost $2bn and 31% of the harvest is lost. About 10,000 "
    "volunteers came.\n"
)


def nkwatch(*args: str, db: Path, stdin=subprocess.DEVNULL, env: dict | None = None):
    """Run the installed command (as a user would) and return the finished process."""
    exe = Path(sys.executable).with_name("nkwatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tui"]
    full_env = {**os.environ, "NKWATCH_DB": str(db), "COLUMNS": "200", **(env or {})}
    full_env.pop("NO_COLOR", None)
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, stdin=stdin, env=full_env, timeout=120
    )


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "n.db"


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "floods.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_set_delete_and_backup(db, story, tmp_path):
    done = nkwatch("ingest", str(story), "--published", "2025-03-12", db=db)
    assert done.returncode == 0, done.stderr
    timeline = json.loads(nkwatch("timeline", "--format", "json", db=db).stdout)
    assert [e["value"] for e in timeline if e["text"] == "Monday"] == ["2025-03-10"]

    done = nkwatch("set", "1", "--published", "19 March 2025", "--source-name", "AP", db=db)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("article 1: published 2025-03-12 -> 2025-03-19; outlet")
    assert "dates re-resolved" in done.stdout
    timeline = json.loads(nkwatch("timeline", "--format", "json", db=db).stdout)
    assert [e["value"] for e in timeline if e["text"] == "Monday"] == ["2025-03-17"]
    articles = json.loads(nkwatch("articles", "--format", "json", db=db).stdout)
    assert (articles[0]["source_name"], articles[0]["published"]) == ("AP", "2025-03-19")

    done = nkwatch("set", "1", db=db)
    assert done.returncode == 2 and "say what to set" in done.stderr
    done = nkwatch("set", "999", "--title", "x", db=db)
    assert (done.returncode, done.stderr) == (1, "nkwatch: error: no article 999\n")

    copy = tmp_path / "copy.db"
    done = nkwatch("backup", str(copy), db=db)
    assert (done.returncode, done.stdout) == (0, f"backed up 1 article to {copy}\n")
    done = nkwatch("backup", str(copy), db=db)
    assert done.returncode == 1 and "already exists (--force replaces it)" in done.stderr

    done = nkwatch("delete", "1", "7", db=db)
    assert done.returncode == 1
    assert done.stdout.startswith("deleted: article 1 (")
    assert done.stderr == "nkwatch: error: no article 7\n"
    conn = sqlite3.connect(db)
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in
            ("articles", "figures", "dates")] == [0, 0, 0]  # fmt: skip
    conn.close()
    done = nkwatch("search", "river", db=db)
    assert done.stdout == "" and "no matches" in done.stderr
    restored = json.loads(nkwatch("--db", str(copy), "articles", "--format", "json", db=db).stdout)
    assert len(restored) == 1  # the backup still has it


def test_ingest_again_with_a_date_is_never_silently_ignored(db, story):
    nkwatch("ingest", str(story), "--published", "2025-03-12", db=db)
    done = nkwatch("ingest", str(story), "--published", "2025-03-19", db=db)
    assert done.returncode == 0
    assert done.stdout == f"already stored: {story} (article 1)\n"
    assert "nkwatch set 1 --published 2025-03-19" in done.stderr
    done = nkwatch("ingest", str(story), "--published", "2025-03-19", "--replace", db=db)
    assert done.stdout.startswith(f"updated: {story} (article 1: published 2025-03-12 -> ")
    story.write_text(STORY.replace("2,300", "2,900"), encoding="utf-8")
    done = nkwatch("ingest", str(story), "--replace", db=db)
    assert done.returncode == 0 and done.stdout.startswith(f"replaced: {story} (article 1, ")
    values = [f["value"] for f in json.loads(nkwatch("figures", "--format", "json", db=db).stdout)]
    assert 2900 in values and 2300 not in values


def test_table_values_are_written_as_people_write_them_and_never_cut(db, story):
    nkwatch("ingest", str(story), "--published", "2025-03-12", db=db)
    done = nkwatch("figures", db=db)
    lines = done.stdout.splitlines()
    header = lines[0]
    start = header.index("VALUE")
    end = header.index("HIGH")
    # VALUE is right-aligned: it ends where the header's cell ends.
    values = [line[:end].rstrip().split("  ")[-1].strip() for line in lines[1:]]
    assert {"2,300", "$2 bn", "31%", "10,000"} <= set(values), values
    assert all(v and not v.endswith("…") for v in values)
    assert start < end
    done = nkwatch("figures", "--format", "csv", db=db)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["value"] for r in rows} >= {"2300", "2000000000", "31"}  # scripts get numbers


def test_one_mark_per_meaning_in_cli_tables(db, tmp_path):
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Storm hits coast\n\nOn Tuesday, November 19, 2024, a storm hit the coast and "
        "1,200 homes lost power.\n",
        encoding="utf-8",
    )
    nkwatch("ingest", str(undated), db=db)
    done = nkwatch("articles", db=db)
    assert "2024-11-19*" in done.stdout and "2024-11-19?" not in done.stdout


def test_no_article_and_no_matches_say_so(db, story):
    nkwatch("ingest", str(story), "--published", "2025-03-12", db=db)
    for command in ("figures", "timeline"):
        done = nkwatch(command, "--article", "999", db=db)
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr == "nkwatch: error: no article 999\n"
    done = nkwatch("search", "zebra", "--format", "json", db=db)
    assert (done.returncode, json.loads(done.stdout)) == (0, [])
    assert done.stderr == "nkwatch: note: no matches for 'zebra'\n"
    done = nkwatch("figures", "--search", "zebra", "--format", "csv", db=db)
    assert done.returncode == 0 and done.stdout.startswith("article_id,source,text")
    assert "no matches" in done.stderr
    for command in ("articles", "timeline", "quantities"):
        done = nkwatch(command, "--search", "zebra", "--format", "json", db=db)
        assert (done.returncode, json.loads(done.stdout)) == (0, []), command
        assert done.stderr == "nkwatch: note: no matches for 'zebra'\n", command
    done = nkwatch("export", "--format", "json", "--search", "zebra", db=db)
    assert done.returncode == 0 and not any(json.loads(done.stdout).values())
    assert done.stderr == "nkwatch: note: no matches for 'zebra'\n"
    done = nkwatch("export", "--format", "json", "--search", "river", db=db)
    assert done.returncode == 0 and json.loads(done.stdout)["figures"]
    assert done.stderr == ""


def test_a_search_word_may_start_with_a_dash(db, story):
    nkwatch("ingest", str(story), "--published", "2025-03-12", db=db)
    for args in (["search", "-river"], ["search", "-river", "--format", "json"],
                 ["search", "--format", "json", "--", "-river"]):  # fmt: skip
        done = nkwatch(*args, db=db)
        assert done.returncode == 0, (args, done.stderr)
        assert "river" in done.stdout.lower()


def test_skipped_file_types_in_a_folder_are_notes(db, tmp_path, story):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "floods.txt").write_text(STORY, encoding="utf-8")
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = nkwatch("ingest", str(folder), db=db)
    assert done.returncode == 0
    assert done.stderr == (
        f"nkwatch: note: {folder / 'chart.png'}: skipped: not a text, Markdown, HTML or feed file\n"
    )
    named = nkwatch("ingest", str(folder / "chart.png"), db=db)
    assert named.returncode == 1  # named explicitly, it is an error


def test_text_with_terminal_escapes_is_stored_clean(db, tmp_path):
    log = tmp_path / "copied.txt"
    log.write_bytes(
        b"\x1b]0;term title\x07\x1b[1mPort closed\x1b[0m\n\n"
        b"Officials said \x1b[31m1,500\x1b[0m workers were sent home on Monday.\n"
    )
    done = nkwatch("ingest", str(log), "--published", "2025-03-12", db=db)
    assert done.returncode == 0, done.stderr
    assert "terminal escape sequences" in done.stderr and "removed" in done.stderr
    conn = sqlite3.connect(db)
    title, body = conn.execute("SELECT title, body FROM articles").fetchone()
    conn.close()
    assert title == "Port closed" and "\x1b" not in body and "[31m" not in body
    assert "1,500 workers" in body
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(1, 32)) * 50)
    done = nkwatch("ingest", str(binary), db=db)
    assert done.returncode == 1 and "binary" in done.stderr


def test_short_first_line_and_markdown_heading_are_titles(db, tmp_path, story):
    md = tmp_path / "quake.md"
    md.write_text("# Quake hits Chile\n\nA **6.1** quake struck on Monday.\n", encoding="utf-8")
    nkwatch("ingest", str(story), str(md), "--published", "2025-03-12", db=db)
    titles = [a["title"] for a in json.loads(nkwatch("articles", "--format", "json", db=db).stdout)]
    assert sorted(titles) == ["Floods return", "Quake hits Chile"]


def test_without_a_terminal_the_dashboard_says_so_and_exits(db):
    for stdin in (subprocess.DEVNULL, subprocess.PIPE):
        done = nkwatch(db=db, stdin=stdin)
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr
        assert "\x1b" not in done.stderr
    assert not db.exists()  # nothing was created or seeded on the way out


def _through_a_terminal(db: Path, *, stdin_tty: bool, stdout_tty: bool):
    """Run bare ``nkwatch`` with a pseudo-terminal on one side and a pipe or /dev/null on
    the other, as a shell does for ``nkwatch | cat`` and ``nkwatch < /dev/null``; return
    (exit status, what reached the terminal, what reached the pipe)."""
    import pty

    leader, follower = pty.openpty()
    exe = Path(sys.executable).with_name("nkwatch")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tui"]
    env = {**os.environ, "NKWATCH_DB": str(db), "TERM": "xterm-256color"}
    try:
        done = subprocess.run(
            cmd,
            stdin=follower if stdin_tty else subprocess.DEVNULL,
            stdout=follower if stdout_tty else subprocess.PIPE,
            stderr=follower,
            env=env,
            timeout=60,  # a dashboard waiting for keys would hang here: a failure
        )
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    return done.returncode, seen.decode("utf-8", "replace"), done.stdout or b""


@pytest.mark.parametrize(
    "stdin_tty, stdout_tty",
    [(True, False), (False, True)],
    ids=["nkwatch | cat", "nkwatch < /dev/null"],
)
def test_half_a_terminal_is_no_terminal(db, stdin_tty, stdout_tty):
    status, terminal, piped = _through_a_terminal(db, stdin_tty=stdin_tty, stdout_tty=stdout_tty)
    assert status == 2
    assert piped == b""  # no frames drawn into the pipe
    lines = terminal.strip().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0], terminal
    assert "\x1b" not in terminal  # no escape codes: no dashboard started
    assert not db.exists()


def test_version(db):
    from importlib.metadata import version

    done = nkwatch("--version", db=db)
    assert (done.returncode, done.stdout) == (0, f"nkwatch {version('nkwatch')}\n")
