"""Real ``nkwatch`` processes for the concurrency, interrupt and limits tests.

Articles are generated (each distinct, with figures and dates), the command runs as a
subprocess exactly as a user starts it (``python -m tui`` is the ``nkwatch`` entry
point), and :func:`check_store` says whether a database file is whole.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

NKWATCH = [sys.executable, "-m", "tui"]
ROOT = Path(__file__).resolve().parent.parent


def env(**extra: str) -> dict[str, str]:
    """The environment for a child: no proxy for loopback, no colour, no debug."""
    out = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    out.pop("NKWATCH_DEBUG", None)
    out.update({"no_proxy": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}, **extra)
    return out


def nkwatch(*args: str, **kw) -> subprocess.Popen:
    """Start ``nkwatch ARGS`` with pipes for stdout and stderr (text)."""
    return subprocess.Popen(
        [*NKWATCH, *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=kw.pop("env", None) or env(),
        **kw,
    )


def run_nkwatch(*args: str, timeout: float = 60, **kw) -> subprocess.CompletedProcess:
    proc = nkwatch(*args, **kw)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def write_articles(folder: Path, prefix: str, n: int, paragraphs: int = 1) -> list[Path]:
    """``n`` distinct short articles, each with a few figures and dates."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        troops = 1000 + 37 * i + 7919 * len(prefix)
        paras = [
            f"Officials in {prefix} said on Tuesday that about {troops + 11 * k:,} troops had "
            f"crossed river {k} by 12 November, according to the ministry. Up to {i + k + 3:,} "
            f"villages may be evacuated next week, and {k + 2} bridges were closed."
            for k in range(paragraphs)
        ]
        path = folder / f"{prefix}_{i:04d}.txt"
        title = f"{prefix} report {i}: {troops:,} troops cross the river"
        path.write_text(title + "\n\n" + "\n\n".join(paras) + "\n")
        paths.append(path)
    return paths


def check_store(path: Path) -> dict:
    """What a database file holds and whether it is whole.

    ``partial`` counts articles whose figures are not all there (``n_figures`` is
    written with the article row, the figures after it: a half-stored article shows).
    """
    conn = sqlite3.connect(path, timeout=30)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        sources = [r[0] for r in conn.execute("SELECT source FROM articles")]
        partial = conn.execute(
            "SELECT count(*) FROM articles a WHERE n_figures !="
            " (SELECT count(*) FROM figures f WHERE f.article_id = a.id)"
        ).fetchone()[0]
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        try:  # FTS5's own check of the index against the articles table
            conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            fts_ok = True
        except sqlite3.DatabaseError:
            fts_ok = False
    finally:
        conn.close()
    return {
        "integrity": integrity,
        "articles": articles,
        "sources": sources,
        "partial": partial,
        "fts_ok": fts_ok and fts == articles,
    }


def wait_for_line(stream, predicate, timeout: float = 30) -> str:
    """Read ``stream`` line by line until ``predicate(line)``; the line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise AssertionError("the process ended before the expected line")
        if predicate(line):
            return line
    raise AssertionError("the expected line did not come")


def signal_and_time(proc: subprocess.Popen, signum: int, limit: float = 10) -> float:
    """Send ``signum`` and return the seconds until the process has exited."""
    sent = time.monotonic()
    proc.send_signal(signum)
    proc.wait(timeout=limit)
    return time.monotonic() - sent


SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM}
MESSAGE = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


# --------------------------------------------------------------------------- privileges

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _drop_file_override() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def unprivileged() -> dict:
    """Popen arguments under which file permissions apply to the child.

    A normal user needs nothing. Root ignores permissions (CAP_DAC_OVERRIDE): the child
    drops that capability from its bounding set, so after exec it is a root process
    that a read-only folder really stops.
    """
    if sys.platform != "linux" or os.geteuid() != 0:
        return {}
    return {"preexec_fn": _drop_file_override}


def permissions_apply(target: Path) -> bool:
    """Whether a child started with :func:`unprivileged` is refused writing ``target``
    (a file in it, if it is a folder). False where the capability cannot be dropped or
    permissions are not enforced (then skip)."""
    probe = target / ".probe" if target.is_dir() else target
    code = f"open({str(probe)!r}, {'w' if target.is_dir() else 'r+b'!r})"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, timeout=30, **unprivileged()
        )
    except (OSError, subprocess.SubprocessError):
        return False
    if target.is_dir() and probe.exists():
        probe.unlink()
        return False
    return done.returncode != 0 and b"PermissionError" in done.stderr
