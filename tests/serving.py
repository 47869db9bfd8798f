"""Run ``nkwatch serve`` as a real process on a free port, for the serve tests."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 60  # generous: the machine may be busy with other test runs


@dataclass
class Served:
    url: str
    line: str
    proc: subprocess.Popen
    output: list[str] = field(default_factory=list)


def nkwatch(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


@contextmanager
def served(db: Path, *options: str) -> Iterator[Served]:
    """``nkwatch --db DB serve --port 0 OPTIONS``; yields once its start line is out, and
    stops it (SIGTERM) afterwards, checking that it ended cleanly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db), "serve", "--port", "0", *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    output: list[str] = []
    first = threading.Event()

    def drain() -> None:  # keep reading, so the server never blocks on a full pipe
        assert proc.stdout is not None
        for line in proc.stdout:
            output.append(line)
            first.set()
        first.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        first.wait(START_SECONDS)
        line = output[0] if output else ""
        match = re.search(r"(http://\S+/)", line)
        assert match, f"no start line from serve: {''.join(output)!r}"
        yield Served(match.group(1), line.strip(), proc, output)
    finally:
        proc.terminate()
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        reader.join(10)
    assert code == 0, "".join(output)
