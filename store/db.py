"""Open (and create or migrate) the nkwatch SQLite database.

The schema lives in :mod:`store.schema`; ``PRAGMA user_version`` records how many of its
migrations a file has had. Opening a database applies the missing ones, each in its own
transaction together with the version bump, so a crash never leaves half a migration.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from store.schema import MIGRATIONS, SCHEMA_VERSION


class DatabaseError(Exception):
    """The file cannot be used as an nkwatch database; the message says why, in one line."""


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Bring ``db`` up to :data:`SCHEMA_VERSION`; return the version it had before."""
    before = schema_version(db)
    if before > SCHEMA_VERSION:
        raise DatabaseError(
            f"database schema version {before} is newer than this nkwatch supports "
            f"({SCHEMA_VERSION}); upgrade nkwatch"
        )
    if before == 0 and db.table_names():
        tables = set(db.table_names())
        if "articles" not in tables:
            raise DatabaseError("not an nkwatch database (it holds other tables)")
    conn = db.conn
    for version in range(before, SCHEMA_VERSION):
        # executescript commits any open transaction first, then runs the script; the
        # explicit BEGIN/COMMIT makes the migration and its version bump one unit.
        try:
            bump = f"PRAGMA user_version = {version + 1};"
            conn.executescript(f"BEGIN;\n{MIGRATIONS[version]}\n{bump}\nCOMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return before


def open_db(path: str | os.PathLike[str], check_same_thread: bool = True) -> sqlite_utils.Database:
    """Open the database at ``path``, creating the file and its folder if needed.

    WAL mode lets the dashboard read while an ingest writes; foreign keys are on so
    deleting an article removes its figures and dates. ``check_same_thread=False`` is
    for callers that hand the connection to worker threads (the dashboard).
    """
    p = Path(path)
    if str(path) != ":memory:":
        if p.is_dir():
            raise DatabaseError(f"{p}: is a directory, not a database file")
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseError(f"{p.parent}: cannot create folder ({e.strerror or e})") from e
    try:
        conn = sqlite3.connect(str(p), check_same_thread=check_same_thread, timeout=10.0)
    except sqlite3.Error as e:
        raise DatabaseError(f"{p}: cannot open database ({e})") from e
    try:
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        if str(path) != ":memory:":
            # Where WAL is impossible (some network filesystems) SQLite keeps its old
            # journal mode; the database still works, readers just wait for writers.
            db.execute("PRAGMA journal_mode = WAL")
        migrate(db)
    except DatabaseError as e:
        conn.close()
        raise DatabaseError(f"{p}: {e}") from e
    except sqlite3.DatabaseError as e:
        conn.close()
        reason = str(e)
        if "file is not a database" in reason or "malformed" in reason:
            reason = "not an SQLite database"
        raise DatabaseError(f"{p}: {reason}") from e
    return db


class ReadPool:
    """Read-only SQLite connections shared by worker threads, one at a time each.

    sqlite3 connections are not to be used by two threads at once; a worker borrows
    one for the length of a query and gives it back. WAL lets them read while the
    ingest writes. ``close`` interrupts queries still running and closes each
    connection when it is given back, never under a thread that is using it.
    """

    def __init__(self, path: str, size: int = 4) -> None:
        self.path = path
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._size = size
        self._opened = 0
        self._busy: set[sqlite3.Connection] = set()
        self._lock = threading.Lock()
        self._closed = False

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
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
            conn = self._open() if grow else self._idle.get()
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


def check_readable(path: str | os.PathLike[str]) -> None:
    """Check, without writing anything, that ``path`` is an nkwatch database this
    version can read (for read-only use: no file is created, nothing is migrated)."""
    p = Path(path)
    if not p.exists():
        raise DatabaseError(f"{p}: no such database (a read-only database must exist)")
    if p.is_dir():
        raise DatabaseError(f"{p}: is a directory, not a database file")
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(f"{p}: cannot open database read-only ({e})") from e
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as e:
        reason = str(e)
        if "file is not a database" in reason or "malformed" in reason:
            reason = "not an SQLite database"
        raise DatabaseError(f"{p}: {reason}") from e
    finally:
        conn.close()
    if "articles" not in tables:
        raise DatabaseError(f"{p}: not an nkwatch database")
    if version != SCHEMA_VERSION:
        raise DatabaseError(
            f"{p}: database schema version {version}, this nkwatch reads {SCHEMA_VERSION}; "
            "open it once without --read-only to migrate it"
            if version < SCHEMA_VERSION
            else f"{p}: database schema version {version} is newer than this nkwatch "
            f"supports ({SCHEMA_VERSION}); upgrade nkwatch"
        )
