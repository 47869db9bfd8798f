"""``nkwatch serve`` without a browser: the start line, the page, who is refused, and
one clear line for each thing that stops it from starting (real processes, real
sockets on 127.0.0.1)."""

from __future__ import annotations

import re
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.serving import ROOT, nkwatch, served
from tests.tui.fixtures import seeded_db
from tui.serve import refusal, session_command, start_line

pytest.importorskip("textual_serve", reason="textual-serve is not installed (nkwatch[serve])")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return seeded_db(tmp_path_factory.mktemp("serve") / "seeded.db")


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def websocket_status(url: str, origin: str) -> tuple[int, str]:
    """Status and body of a websocket handshake on ``url``'s server with ``origin``."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as s:
        s.sendall(
            (
                f"GET /ws?width=80&height=24 HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                f"Origin: {origin}\r\n\r\n"
            ).encode()
        )
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        if status != 101:  # a refusal: read its body, as long as it says
            length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            while length and len(body) < int(length.group(1)):
                chunk = s.recv(4096)
                if not chunk:
                    break
                body += chunk
    return status, body.decode("utf-8", "replace")


def test_serves_the_page_on_loopback_and_says_who_can_reach_the_data(db):
    with served(db) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.line.startswith("nkwatch: serving the dashboard at http://127.0.0.1:")
        assert server.line.endswith("(--read-only prevents changes)")
        assert "anyone who can reach this address can read and change the database" in (server.line)
        assert str(db) in server.line
        assert len(server.output) == 1  # one line, no banner
        status, page = get(server.url)
        assert status == 200
        assert 'class="textual-terminal"' in page
        # Nothing from the internet: every address in the page is on this server.
        assert "http://" not in page and "https://" not in page
        status, script = get(server.url + "static/js/textual.js")
        assert status == 200 and "WebSocket" in script


def test_read_only_says_so(db):
    with served(db, "--read-only") as server:
        assert "can read the database" in server.line and "(read-only)" in server.line
        assert "change" not in server.line


def test_refuses_other_sites_and_other_host_names(db):
    with served(db) as server:
        netloc = urlsplit(server.url).netloc
        # DNS rebinding: a name that points here, asked for by some web page.
        status, body = get(server.url, {"Host": "attacker.example"})
        assert status == 403 and "this machine only" in body
        # Cross-site websocket: a page elsewhere opening this dashboard.
        status, body = websocket_status(server.url, "http://attacker.example")
        assert status == 403 and "may not open this dashboard" in body
        # The page's own origin is welcome (the same handshake, the right origin).
        status, _ = websocket_status(server.url, f"http://{netloc}")
        assert status == 101


def test_port_in_use_is_one_line(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = nkwatch("--db", str(db), "serve", "--port", str(port))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"nkwatch: error: port {port} on 127.0.0.1 is in use (another server?); "
        "choose another with --port\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--port", "70000"], "not a port number: '70000' (0 to 65535)"),
        (
            ["--host", "no-such-host.invalid"],
            "cannot listen on 'no-such-host.invalid': unknown host",
        ),
        (["--host", "192.0.2.1"], "cannot listen on 192.0.2.1: not an address of this machine"),
    ],
)
def test_bad_address_is_one_line(db, args, message):
    done = nkwatch("--db", str(db), "serve", *args)
    last = done.stderr.splitlines()[-1]
    if "port number" in message:  # a usage error: argparse's usage, then the reason
        assert done.returncode == 2 and last.startswith("nkwatch serve: error: ")
    else:
        assert done.returncode == 1 and done.stderr.count("\n") == 1
        assert last.startswith("nkwatch: error: ")
    assert message in last, done.stderr


def test_database_that_cannot_be_opened_is_one_line(tmp_path):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    text = tmp_path / "notes.db"
    text.write_text("these are notes, not a database\n" * 100)
    missing = tmp_path / "missing.db"
    cases = [
        ([str(folder)], "is a directory"),
        ([str(text)], "not an SQLite database"),
        ([str(text), "--read-only"], "not an SQLite database"),
        ([str(missing), "--read-only"], "no such database"),
    ]
    for (path, *more), message in cases:
        done = nkwatch("--db", path, "serve", "--port", "0", *more)
        assert done.returncode == 1, (path, more, done.stderr)
        assert done.stderr.startswith("nkwatch: error: ") and message in done.stderr
        assert done.stderr.count("\n") == 1 and done.stdout == ""
    assert not missing.exists()  # read-only creates nothing


def test_read_only_needs_a_current_nkwatch_database(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    done = nkwatch("--db", str(other), "serve", "--read-only", "--port", "0")
    assert done.returncode == 1 and "not an nkwatch database" in done.stderr
    with sqlite3.connect(other) as conn:  # untouched
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def test_missing_textual_serve_says_how_to_install_it(db):
    code = (
        "import sys\n"
        "sys.modules['textual_serve'] = None  # as if it were not installed\n"
        "from tui.cli import main\n"
        f"sys.exit(main(['--db', {str(db)!r}, 'serve', '--port', '0']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr == (
        "nkwatch: error: serve needs textual-serve, which is not installed: "
        "pip install 'nkwatch[serve]' (or: pip install textual-serve)\n"
    )


def test_start_line_for_every_interface_names_this_machine():
    line = start_line("0.0.0.0", 8080, "/data/news.db", read_only=False)
    assert line == (
        f"nkwatch: serving the dashboard at http://{socket.gethostname()}:8080/ "
        "(every network interface) - anyone who can reach this address can read and change "
        "the database /data/news.db (--read-only prevents changes)"
    )
    assert "http://[::1]:8000/" in start_line("::1", 8000, "x.db", read_only=True)


@pytest.mark.parametrize(
    "host, origin, loopback_only, refused",
    [
        ("127.0.0.1:8000", None, True, None),
        ("localhost:8000", "http://localhost:8000", True, None),
        ("[::1]:8000", "http://[::1]:8000", True, None),
        ("news.example:8000", None, True, "served to this machine only"),  # DNS rebinding
        ("127.0.0.1:8000", "http://localhost:8000", True, "may not open"),
        ("127.0.0.1:8000", "http://127.0.0.1:9999", True, "may not open"),
        ("newsroom:8000", "http://newsroom:8000", False, None),  # --host 0.0.0.0
        ("10.1.2.3:8000", "http://10.1.2.3:8000", False, None),
        ("newsroom:8000", "http://attacker.example", False, "may not open"),
        ("newsroom:8000", "null", False, "may not open"),  # a sandboxed or file:// page
    ],
)
def test_who_is_refused(host, origin, loopback_only, refused):
    why = refusal(host, origin, loopback_only)
    assert (why is None) if refused is None else (refused in why)


def test_session_command_quotes_the_path_and_ignores_ctrl_c(tmp_path):
    db = tmp_path / "it's a db; rm -rf x.db"
    command = session_command(db, read_only=True)
    assert command.startswith("trap '' INT; exec ")
    done = subprocess.run(
        ["sh", "-c", command.replace(" -m tui.serve", " -c 'import sys; print(sys.argv[1:])'")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.strip() == repr(["--session", str(db), "--read-only"])
