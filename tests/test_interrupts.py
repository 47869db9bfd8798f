"""Ctrl-C (SIGINT) and SIGTERM end any command at once: exit 130, one line, no
traceback, nothing half-stored.

Each test sends the signal to a real ``nkwatch`` process at a moment where it used
to misbehave: in the middle of a folder, while a feed's linked pages download from a
server that does not answer, while another process holds the write lock, and in the
dashboard. ``LIMIT`` is the promise (1 s); a process that waited for its threads or
its lock took 10 to 20 s.
"""

from __future__ import annotations

import fcntl
import http.server
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time

import pytest

from store.db import open_db
from tests.procs import (
    MESSAGE,
    NKWATCH,
    ROOT,
    SIGNALS,
    check_store,
    env,
    nkwatch,
    run_nkwatch,
    signal_and_time,
    wait_for_line,
    write_articles,
)
from tests.test_concurrency import hold_write_lock

LIMIT = 1.0  # seconds from the signal to the end of the process
TIMINGS: dict[str, float] = {}


def assert_one_line(err: str, signum: int) -> None:
    assert "Traceback" not in err
    assert err == f"nkwatch: error: {MESSAGE[signum]}\n"


@pytest.fixture(scope="module", autouse=True)
def _report_timings():
    yield
    if TIMINGS:  # shown with -s
        print("interrupt timings (s): " + ", ".join(f"{k} {v:.3f}" for k, v in TIMINGS.items()))


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_signal_in_the_middle_of_a_folder(tmp_path, name):
    signum = SIGNALS[name]
    db_path = tmp_path / "int.db"
    folder = tmp_path / "in"
    write_articles(folder, "Int", 400, paragraphs=3)
    proc = nkwatch("--db", db_path, "ingest", folder)
    printed = [wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))]
    for _ in range(4):
        printed.append(proc.stdout.readline())
    elapsed = signal_and_time(proc, signum)
    out, err = proc.communicate(timeout=10)
    TIMINGS[f"folder {name}"] = elapsed
    assert proc.returncode == 130
    assert_one_line(err, signum)
    printed += out.splitlines()
    assert all(line.startswith("stored: ") for line in printed)
    store = check_store(db_path)
    assert store["integrity"] == "ok" and store["fts_ok"]
    assert store["partial"] == 0  # no article without all its figures
    # Every stored article was printed, but for one committed just before the signal.
    assert len(printed) <= store["articles"] <= len(printed) + 1 < 400
    assert elapsed < LIMIT


def test_sigkill_in_the_middle_of_a_folder_loses_only_the_article_in_flight(tmp_path):
    """No handler runs on SIGKILL: SQLite's journal alone keeps the file whole, with
    every committed article and nothing of the one being written."""
    db_path = tmp_path / "kill.db"
    folder = tmp_path / "in"
    write_articles(folder, "Kill", 400, paragraphs=3)
    proc = nkwatch("--db", db_path, "ingest", folder)
    printed = [wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))]
    for _ in range(6):
        printed.append(proc.stdout.readline())
    proc.kill()
    out, _ = proc.communicate(timeout=10)
    printed += out.splitlines()
    store = check_store(db_path)  # opening it recovers from the journal
    assert store["integrity"] == "ok" and store["fts_ok"] and store["partial"] == 0
    assert len(printed) <= store["articles"] <= len(printed) + 1 < 400
    # It goes on from there: what is stored is known, what is not is stored now.
    again = sorted(folder.glob("*.txt"))[: store["articles"] + 5]
    more = run_nkwatch("--db", db_path, "ingest", *again)
    assert more.returncode == 0 and more.stderr == ""
    assert [line.split(":")[0] for line in more.stdout.splitlines()] == (
        ["already stored"] * store["articles"] + ["stored"] * 5
    )
    assert check_store(db_path)["articles"] == store["articles"] + 5


# --------------------------------------------------------------------------- a slow feed


class SlowFeed(http.server.BaseHTTPRequestHandler):
    """A feed whose items only have teasers, so their pages are fetched; the pages
    never come (until the test ends)."""

    protocol_version = "HTTP/1.0"
    release = threading.Event()
    page_requests = threading.Semaphore(0)

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/feed.xml":
            items = "".join(
                f"<item><title>Story {n}</title><link>/page/{n}</link>"
                "<description>Teaser.</description></item>"
                for n in range(8)
            )
            body = f'<rss version="2.0"><channel><title>Slow</title>{items}</channel></rss>'
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())
            return
        type(self).page_requests.release()
        type(self).release.wait(60)  # the page never comes while the test runs
        try:
            self.send_response(503)
            self.end_headers()
        except OSError:
            pass


@pytest.fixture
def slow_feed():
    SlowFeed.release.clear()
    SlowFeed.page_requests = threading.Semaphore(0)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowFeed)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    finally:
        SlowFeed.release.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGINT twice"])
def test_signal_while_a_feeds_pages_download(tmp_path, slow_feed, name):
    """The old failure: "interrupted" at once, the exit 17 s later (the download threads
    were waited for), and a second Ctrl-C printed a concurrent.futures traceback."""
    signum = SIGNALS[name.split()[0]]
    db_path = tmp_path / "feed.db"
    open_db(db_path).close()
    proc = nkwatch("--db", db_path, "ingest", slow_feed)
    for _ in range(4):  # four pages are being downloaded, none will come
        assert SlowFeed.page_requests.acquire(timeout=30)
    sent = time.monotonic()
    proc.send_signal(signum)
    if name.endswith("twice"):
        time.sleep(0.05)
        if proc.poll() is None:
            proc.send_signal(signum)
    proc.wait(timeout=10)
    elapsed = time.monotonic() - sent
    out, err = proc.communicate(timeout=10)
    TIMINGS[f"feed {name}"] = elapsed
    assert proc.returncode == 130 and out == ""
    assert_one_line(err, signum)
    assert check_store(db_path)["articles"] == 0
    assert elapsed < LIMIT


def test_sigint_while_waiting_for_another_process_lock(tmp_path):
    """SQLite waits for a lock inside one C call, deaf to signals; the write lock is
    waited for in short steps, so Ctrl-C still ends the command at once."""
    db_path = tmp_path / "lock.db"
    open_db(db_path).close()
    first = write_articles(tmp_path / "a", "First", 1)[0]
    second = write_articles(tmp_path / "b", "Second", 1)[0]
    proc = subprocess.Popen(
        [*NKWATCH, "--db", str(db_path), "ingest", str(first), "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT, env=env(),
    )  # fmt: skip
    wait_for_line(proc.stdout, lambda line: line.startswith("stored: "))  # then reads stdin
    holder = hold_write_lock(db_path, 30)
    try:
        proc.stdin.write(second.read_text())
        proc.stdin.close()  # the ingest extracts it, then waits for the lock
        time.sleep(0.5)
        assert proc.poll() is None  # waiting, not failing with "database is locked"
        elapsed = signal_and_time(proc, signal.SIGINT)
        out, err = proc.stdout.read(), proc.stderr.read()
    finally:
        holder.kill()
        holder.wait()
    TIMINGS["lock wait SIGINT"] = elapsed
    assert proc.returncode == 130 and out == ""
    assert_one_line(err, signal.SIGINT)
    assert check_store(db_path)["sources"] == [str(first)]
    assert elapsed < LIMIT


# --------------------------------------------------------------------------- dashboard

_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78])")


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_signal_to_the_dashboard(tmp_path, name):
    """In the dashboard Ctrl-C is a key; a signal from outside (kill, a closing session
    manager) leaves it like `q` does, the terminal restored, then the one line."""
    signum = SIGNALS[name]
    db_path = tmp_path / "dash.db"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        [*NKWATCH, "--db", str(db_path)],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
        env=env(TERM="xterm-256color", COLUMNS="80", LINES="24"),
    )  # fmt: skip
    os.close(slave)
    screen: list[bytes] = []

    def drain() -> None:  # the app blocks if nobody reads its terminal
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            screen.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while b"Articles" not in b"".join(screen) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert b"Articles" in b"".join(screen), "the dashboard did not start"
        time.sleep(0.3)
        elapsed = signal_and_time(proc, signum)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(5)
        os.close(master)
    TIMINGS[f"dashboard {name}"] = elapsed
    output = b"".join(screen)
    assert proc.returncode == 130
    assert b"Traceback" not in output
    # What is printed once the dashboard has left the alternate screen (terminal restored)
    after = output.rpartition(b"\x1b[?1049l")[2].decode("utf-8", "replace")
    assert _ANSI.sub("", after).strip() == f"nkwatch: error: {MESSAGE[signum]}"
    assert elapsed < LIMIT
