"""The pooled ingest (``store.ingest_pool``): extraction in worker processes, one
writer. It must store exactly what the serial path stores, report the same one-line
errors for the same inputs, and stop at once on Ctrl-C with nothing half-stored and no
worker left behind."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

import store.extract
import store.ingest_pool as pool_module
from store.db import open_db
from store.ingest import ingest_sources
from store.ingest_pool import count_documents, ingest_many
from tests.procs import check_store, nkwatch, wait_for_line

PLACES = ["Tromso", "Arequipa", "Mombasa", "Da Nang", "Tbilisi", "Hobart", "Fez"]
WHO = ["the port authority", "the coast guard", "Mayor Ines Valdivia", "the union", "NOAA"]
LINES = [
    "{who} said on {day} that {n:,} containers were stuck at {place}.",
    "Roughly {k} ferries were cancelled, according to {who}.",
    "Up to {n:,} passengers may be stranded until {month} {d}, {who} warned.",
    "Between {k} and {k2} cranes stood idle last week in {place}.",
    "The strike began in {month} {year} and has cost about ${k} million a day.",
    "Dock workers in {place} voted {k} to {k2} to continue the walkout.",
    "Nobody at the terminal would say when the gates might reopen.",
]


def write_corpus(folder: Path, n: int, seed: int = 3) -> list[Path]:
    """``n`` distinct small port-strike stories (and a manifest with dates, outlets)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    manifest, paths = {}, []
    for i in range(n):
        place = rng.choice(PLACES)
        lines = [
            rng.choice(LINES).format(
                who=rng.choice(WHO),
                place=place,
                n=rng.randint(100, 90000),
                k=rng.randint(2, 60),
                k2=rng.randint(61, 99),
                d=rng.randint(1, 28),
                day=rng.choice(["Monday", "Friday", "Sunday"]),
                month=rng.choice(["March", "June", "October"]),
                year=rng.choice([2022, 2024]),
            )  # fmt: skip
            for _ in range(rng.randint(4, 9))
        ]
        text = f"Port strike in {place}, day {i}\n\n" + " ".join(lines) + "\n"
        path = folder / f"story_{i:03d}.txt"
        path.write_text(text)
        paths.append(path)
        if i % 3 == 0:
            manifest[path.name] = {
                "published": f"2024-0{1 + i % 9}-1{i % 10}",
                "source_name": "Wire",
            }
    (folder / "manifest.json").write_text(__import__("json").dumps(manifest))
    return paths


def add_bad_files(folder: Path) -> None:
    """Inputs that fail or get notes, spread among the good ones by their names."""
    (folder / "story_005b.txt").write_text("")  # empty
    (folder / "story_010b.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "story_020b.txt").write_text("   \n\n  ")
    (folder / "story_030b.txt").write_bytes(
        "Caf\xe9 owners near the docks counted 40 ships idle on Monday.".encode("cp1252")
    )
    (folder / "story_040b.txt").write_text((folder / "story_007.txt").read_text())  # a copy
    (folder / "story_050b.csv").write_text("a,b\n1,2\n")  # skipped with a note


def rows(path: Path) -> dict[str, list]:
    """Every table's rows (but ingest times), in key order. Full-text indexes count by
    what they hold (their virtual table), not by their shadow tables' segments, whose
    layout depends on how many articles a transaction wrote."""
    conn = sqlite3.connect(path)
    out = {}
    virtual = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        if not any(r[0].startswith(f"{v}_") for v in virtual)
    ]
    for table in tables:
        cols = [
            r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] != "ingested_at"
        ]
        select = ", ".join(f"[{c}]" for c in cols) if cols else "*"
        try:
            out[table] = conn.execute(
                f"SELECT rowid, {select} FROM [{table}] ORDER BY rowid"
            ).fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID: by every column
            order = ", ".join(str(i + 1) for i in range(len(cols)))
            out[table] = conn.execute(f"SELECT {select} FROM [{table}] ORDER BY {order}").fetchall()
    conn.close()
    return out


def _ingest(db_path: Path, sources, pooled: bool, **kw):
    db = open_db(db_path)
    try:
        if pooled:
            return list(ingest_many(db, sources, workers=2, **kw))
        return list(ingest_sources(db, sources))
    finally:
        db.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_corpus(folder, 60)
    add_bad_files(folder)
    return folder


@pytest.mark.parametrize("warm_up", [pool_module.WARM_UP, 0])
def test_the_pool_stores_the_same_rows_and_reports_the_same_lines(
    tmp_path, corpus, monkeypatch, warm_up
):
    monkeypatch.setattr(pool_module, "WARM_UP", warm_up)
    started = []
    real_pool = pool_module.ProcessPoolExecutor
    monkeypatch.setattr(
        pool_module, "ProcessPoolExecutor", lambda *a, **k: started.append(1) or real_pool(*a, **k)
    )
    serial = _ingest(tmp_path / "serial.db", [str(corpus)], pooled=False)
    pooled = _ingest(tmp_path / "pooled.db", [str(corpus)], pooled=True)
    assert started == [1]  # the pool was used
    assert pooled == serial  # every outcome: status, one-line message, ids, counts
    assert rows(tmp_path / "pooled.db") == rows(tmp_path / "serial.db")
    by_name = {Path(o.source).name: o for o in pooled}
    assert by_name["story_005b.txt"].message == "empty file"
    assert by_name["story_010b.txt"].status == "error"
    assert by_name["story_030b.txt"].message == "not UTF-8; decoded as Windows-1252"
    assert by_name["story_040b.txt"].status == "already stored"
    assert by_name["story_050b.csv"].status == "note"
    assert sum(o.status == "stored" for o in pooled) == 61
    # Ingesting the folder again: everything is already stored, on both paths.
    again = _ingest(tmp_path / "pooled.db", [str(corpus)], pooled=True)
    assert [o.status for o in again if o.status not in ("error", "note")] == ["already stored"] * 62


def test_an_extraction_that_breaks_is_one_line_for_its_file(tmp_path, corpus, monkeypatch):
    real = store.extract.extract

    def broken(body, *args, **kw):  # the workers are forked: they see this too
        if "day 33\n" in body or "day 47\n" in body:
            raise ValueError("no sense in it")
        return real(body, *args, **kw)

    monkeypatch.setattr(store.extract, "extract", broken)
    monkeypatch.setattr(pool_module, "WARM_UP", 0)
    pooled = _ingest(tmp_path / "pooled.db", [str(corpus)], pooled=True)
    failed = {Path(o.source).name: o.message for o in pooled if o.status == "error"}
    assert failed["story_033.txt"] == "extraction failed (ValueError: no sense in it)"
    assert failed["story_047.txt"] == "extraction failed (ValueError: no sense in it)"
    assert sum(o.status == "stored" for o in pooled) == 59  # the others are stored
    assert check_store(tmp_path / "pooled.db")["partial"] == 0


def test_few_inputs_never_start_workers(tmp_path, monkeypatch):
    folder = tmp_path / "few"
    write_corpus(folder, 12)

    def no_pool(*a, **k):
        raise AssertionError("a pool for 12 files")

    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", no_pool)
    assert count_documents([str(folder), "-", "https://example.org/x"]) == 14
    outcomes = _ingest(tmp_path / "few.db", [str(folder)], pooled=True)
    assert [o.status for o in outcomes] == ["stored"] * 12


def _workers_left(marker: str) -> list[int]:
    """Processes whose command line holds ``marker`` (the test's database path)."""
    left = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            left.append(int(pid))
    return left


def _gone(marker: str, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while _workers_left(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_in_the_pooled_part_stops_at_once_with_nothing_half_stored(tmp_path, signum):
    folder = tmp_path / "in"
    write_corpus(folder, 400)
    db_path = tmp_path / f"pool-{signum}.db"
    proc = nkwatch("--db", db_path, "ingest", folder)
    printed = [wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))]
    while len(printed) < pool_module.WARM_UP + 40:  # well into the pooled part
        printed.append(proc.stdout.readline())
    sent = time.monotonic()
    proc.send_signal(signum)
    printed += proc.stdout.read().splitlines()  # to the end, through the same buffer
    proc.wait(timeout=10)
    elapsed = time.monotonic() - sent
    err = proc.stderr.read()
    assert proc.returncode == 130
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("nkwatch: error: ")
    assert elapsed < 1.0
    store = check_store(db_path)
    assert store["integrity"] == "ok" and store["fts_ok"] and store["partial"] == 0
    # A batch is committed, then printed with signals held: every stored article has
    # its line (and the SIGKILL case below may lose lines, never articles).
    assert all(line.startswith("stored: ") for line in printed)
    assert len(printed) <= store["articles"] <= len(printed) + 1 < 400
    assert _gone(str(db_path))  # no worker left running


def test_sigkill_of_the_writer_ends_its_workers_and_keeps_the_file_whole(tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, 400)
    db_path = tmp_path / "kill.db"
    proc = nkwatch("--db", db_path, "ingest", folder)
    wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))
    for _ in range(pool_module.WARM_UP + 40):
        proc.stdout.readline()
    proc.kill()
    proc.wait(timeout=10)
    assert _gone(str(db_path))  # PR_SET_PDEATHSIG: the workers die with it
    store = check_store(db_path)
    assert store["integrity"] == "ok" and store["fts_ok"] and store["partial"] == 0
    assert pool_module.WARM_UP + 40 <= store["articles"] < 400
