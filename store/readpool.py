"""Read connections for the dashboard, without sqlite-utils.

The dashboard reads only; kept apart from :mod:`store.db` (which builds on
sqlite-utils, and sqlite-utils imports numpy when it is installed) so that opening
the dashboard does not pay a quarter of a second for imports it never uses.
``store.db`` re-exports these names.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.dberrors import _CANTOPEN, _READONLY, error_code, write_block

READ_WAIT_MS = 5000  # readers rarely wait (WAL), only while a crashed writer is recovered


def _connect(target: str, check_same_thread: bool, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, check_same_thread=check_same_thread, isolation_level=None, uri=uri,
        timeout=READ_WAIT_MS / 1000,
    )  # fmt: skip
    conn.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")
    return conn


def connect_read_only(path: Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection to ``path`` that works where nothing can be written.

    ``mode=ro`` first. A WAL database whose folder is read-only and that nobody has
    open (no ``-shm`` file) cannot be opened that way: SQLite needs to create the
    ``-shm``. Then it is opened ``immutable``: with no writer there (a writer always
    has the ``-wal`` and ``-shm`` files), the file does not change while it is read.
    """
    uri = Path(os.path.abspath(path)).as_uri()
    conn = _connect(f"{uri}?mode=ro", check_same_thread, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        conn.close()
        if error_code(e) not in (_READONLY, _CANTOPEN) or Path(f"{path}-wal").exists():
            raise
    return _connect(f"{uri}?mode=ro&immutable=1", check_same_thread, uri=True)


class ReadPool:
    """Read-only SQLite connections shared by worker threads, one at a time each.

    sqlite3 connections are not to be used by two threads at once; a worker borrows
    one for the length of a query and gives it back. WAL lets them read while the
    ingest writes. ``close`` interrupts queries still running and closes each
    connection when it is given back, never under a thread that is using it.
    ``read_only`` is why the file cannot be written (None if it can): the connections
    are then opened read-only, which also works in a read-only folder.
    """

    def __init__(self, path: str, size: int = 4) -> None:
        self.path = path
        self.read_only = write_block(Path(path))
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._size = size
        self._opened = 0
        self._busy: set[sqlite3.Connection] = set()
        self._lock = threading.Lock()
        self._closed = False

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            conn = connect_read_only(Path(self.path), check_same_thread=False)
        else:
            conn = _connect(self.path, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise sqlite3.ProgrammingError("the connection pool is closed")
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                grow = self._opened < self._size
                if grow:
                    self._opened += 1
            if not grow:
                conn = self._idle.get()
            else:
                try:
                    conn = self._open()
                except BaseException:
                    with self._lock:
                        self._opened -= 1
                    raise
        with self._lock:
            self._busy.add(conn)
        try:
            yield conn
        finally:
            with self._lock:
                self._busy.discard(conn)
                closed = self._closed
            if closed:
                conn.close()
            else:
                self._idle.put(conn)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._busy:
                conn.interrupt()
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                break
