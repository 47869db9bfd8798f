"""Open (and create or migrate) the nkwatch SQLite database, and write to it safely.

The schema lives in :mod:`store.schema`; ``PRAGMA user_version`` records how many of its
migrations a file has had.

Several processes may use one file at once (ingests in two terminals, the dashboard,
a watcher). What makes that safe:

* **Every write transaction takes the write lock up front** (:func:`write_transaction`,
  ``BEGIN IMMEDIATE``; ``db.atomic()`` is the same thing). A deferred ``BEGIN`` would
  start as a reader (FTS5 reads its config before an insert) and SQLite refuses to turn
  a stale reader into a writer at once, without waiting: "database is locked". The wait
  for the lock is a loop of short waits, so Ctrl-C is seen within a fraction of a second
  even while another process holds the lock; after ``store.dberrors.WRITE_WAIT`` (30 s) it gives up.
* **Migrations** run in one such transaction that reads ``user_version`` again once it
  holds the lock, so two processes upgrading one file do the work once.
* **A new file** is built (schema and WAL mode) under a temporary name beside it and
  linked into place only when complete: two processes creating it at once both end up
  with the same complete database, and a failure (a full disk) leaves nothing behind.
* **Read-only** files and folders are opened read-only (``mode=ro``); reading works and
  :attr:`Database.read_only` says why writing is impossible.
* **Conditions no later write can survive** (read-only, disk full, I/O error, a lock
  never released) become :class:`DatabaseUnwritable` (:func:`unwritable`), so a run
  stops at the first one instead of failing the same way for every input.

Connections are in autocommit mode (``isolation_level=None``): nothing opens a
transaction behind the caller's back.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


def _import_sqlite_utils():
    """sqlite_utils, without the numpy and pandas it imports when they are installed.

    It imports them only to map their scalar types to column types on insert, which
    nkwatch never does; numpy (installed for the language model) cost every nkwatch
    command 0.15-0.3 s of start-up before its first row. They are hidden while it loads
    (it then leaves them out) and importable again afterwards.
    """
    import sys

    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]
    return sqlite_utils


sqlite_utils = _import_sqlite_utils()

from store import dberrors  # noqa: E402
from store.dberrors import (  # noqa: E402
    _BUSY,
    _LOCKED,
    DatabaseError,
    DatabaseUnwritable,
    _cause,
    error_code,
    unwritable,
    write_block,
)
from store.readpool import READ_WAIT_MS, ReadPool, _connect, connect_read_only  # noqa: E402
from store.schema import MIGRATIONS, SCHEMA_VERSION  # noqa: E402

__all__ = [
    "Database", "DatabaseError", "DatabaseUnwritable", "ReadPool", "begin_immediate",
    "check_readable", "connect_read_only", "error_code", "migrate", "open_db",
    "schema_version", "unwritable", "write_block", "write_transaction",
]  # fmt: skip

_WAIT_STEP_MS = 100  # one wait inside SQLite; between two, Python sees signals


class Database(sqlite_utils.Database):
    """An nkwatch database: a :class:`sqlite_utils.Database` that knows its file.

    ``read_only`` is None for a writable database, else why it cannot be written
    ("the folder /x is not writable"). ``atomic()`` is :func:`write_transaction`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: str | None):
        super().__init__(conn)
        self.path = path
        self.read_only = read_only

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:  # nested: a savepoint inside the caller's transaction
            with super().atomic():
                yield self
            return
        with write_transaction(self):
            yield self


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


# --------------------------------------------------------------------------- writing


def _wait_for_lock(conn: sqlite3.Connection, sql: str, wait: float | None = None) -> None:
    """Run ``sql`` (which needs a lock), waiting up to ``wait`` s (default
    ``dberrors.WRITE_WAIT``) while another connection holds it.

    The wait is a loop of short SQLite busy waits: a signal handler (Ctrl-C) runs
    between two of them, so an interrupt is never held up by another process's lock.
    """
    deadline = time.monotonic() + (dberrors.WRITE_WAIT if wait is None else wait)
    conn.execute(f"PRAGMA busy_timeout = {_WAIT_STEP_MS}")
    try:
        while True:
            try:
                conn.execute(sql).fetchall()
                return
            except sqlite3.OperationalError as e:
                if error_code(e) not in (_BUSY, _LOCKED) or time.monotonic() >= deadline:
                    raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {READ_WAIT_MS}")


def begin_immediate(conn: sqlite3.Connection, wait: float | None = None) -> None:
    """``BEGIN IMMEDIATE``: take the write lock now, waiting for it (see above)."""
    _wait_for_lock(conn, "BEGIN IMMEDIATE", wait)


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction: the write lock first, then everything or nothing.

    Any exception (an interrupt included) rolls the whole transaction back.
    """
    conn = db.conn
    if conn.in_transaction:
        raise sqlite3.ProgrammingError("write_transaction inside another transaction")
    begin_immediate(conn)
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


# --------------------------------------------------------------------------- schema


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script (triggers with their inner ``;`` kept whole)."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                yield buffer.strip()
            buffer = ""
    if buffer.strip(" \n\t;"):
        yield buffer.strip()


def _check_version(db: sqlite_utils.Database, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"database schema version {version} is newer than this nkwatch supports "
            f"({SCHEMA_VERSION}); upgrade nkwatch"
        )
    if version == 0 and db.table_names() and "articles" not in db.table_names():
        raise DatabaseError("not an nkwatch database (it holds other tables)")


def migrate(db: sqlite_utils.Database) -> int:
    """Bring ``db`` up to :data:`SCHEMA_VERSION`; return the version it had before.

    All missing migrations and the version bump are one immediate transaction, and the
    version is read again under the lock: another process may have just done the work.
    """
    before = schema_version(db)
    _check_version(db, before)
    if before == SCHEMA_VERSION:
        return before
    with write_transaction(db):
        before = schema_version(db)
        _check_version(db, before)
        for version in range(before, SCHEMA_VERSION):
            step = MIGRATIONS[version]
            if callable(step):  # a step in Python (a backfill), same transaction
                step(db.conn)
                continue
            for statement in _statements(step):
                db.conn.execute(statement)
        if before < SCHEMA_VERSION:
            db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return before


# --------------------------------------------------------------------------- opening


def _setup(conn: sqlite3.Connection, journal_mode: str = "WAL") -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")  # a commit reported is on disk (power loss too)
    # Where WAL is impossible (some network filesystems) SQLite keeps its old journal
    # mode; the database still works, readers just wait for writers. Changing the mode
    # needs a moment alone with the file: wait for it like for a write lock.
    _wait_for_lock(conn, f"PRAGMA journal_mode = {journal_mode}")


def _describe(e: sqlite3.Error) -> str:
    reason = str(e)
    if "file is not a database" in reason or "malformed" in reason:
        return "not an SQLite database"
    cause = _cause(e, None)
    return f"{cause[0]}; {cause[1]}" if cause else reason


def _create(path: Path) -> None:
    """Create a complete, migrated database at ``path``, unless it appears meanwhile.

    It is built under a temporary name beside ``path`` and hard-linked into place, which
    fails if another process got there first (then theirs is used); on any failure the
    temporary file goes and ``path`` was never touched.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    try:
        conn = _connect(str(tmp), True)
        try:
            # Built with a rollback journal: everything is in the one file on close.
            db = Database(conn, tmp, None)
            _setup(conn, journal_mode="DELETE")
            migrate(db)
            _setup(conn, journal_mode="WAL")
        finally:
            conn.close()
        if Path(f"{tmp}-wal").exists():  # pragma: no cover - a WAL file not folded in
            raise DatabaseError(f"{path}: could not finish creating the database")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # no hard links here (some file systems): take the name if free
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with suppress(OSError):
                leftover.unlink()


def open_db(path: str | os.PathLike[str], check_same_thread: bool = True) -> Database:
    """Open the database at ``path``, creating the file and its folder if needed.

    WAL mode lets the dashboard read while an ingest writes; foreign keys are on so
    deleting an article removes its figures and dates. ``check_same_thread=False`` is
    for callers that hand the connection to worker threads (the dashboard). A file that
    cannot be written is opened read-only (``db.read_only`` says why); one that cannot
    even be created raises :class:`DatabaseError`.
    """
    if str(path) == ":memory:":
        conn = _connect(":memory:", check_same_thread)
        db = Database(conn, None, None)
        _setup(conn, journal_mode="MEMORY")
        migrate(db)
        return db
    p = Path(path)
    if p.is_dir():
        raise DatabaseError(f"{p}: is a directory, not a database file")
    if not p.exists():
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise DatabaseError(f"{p.parent}: cannot create folder ({e.strerror or e})") from e
        block = write_block(p)
        if block:
            raise DatabaseError(f"{p}: cannot create the database: {block}")
        try:
            _create(p)
        except DatabaseError as e:
            raise DatabaseError(f"{p}: {e}") from e
        except sqlite3.Error as e:
            raise DatabaseError(f"{p}: cannot create the database: {_describe(e)}") from e
        except OSError as e:
            raise DatabaseError(f"{p}: cannot create the database ({e.strerror or e})") from e
    block = write_block(p)
    if block:
        return _open_read_only(p, block, check_same_thread)
    try:
        conn = _connect(str(p), check_same_thread)
    except sqlite3.Error as e:
        raise DatabaseError(f"{p}: cannot open database ({e})") from e
    try:
        db = Database(conn, p, None)
        _setup(conn)
        migrate(db)
    except DatabaseError as e:
        conn.close()
        raise DatabaseError(f"{p}: {e}") from e
    except sqlite3.DatabaseError as e:
        conn.close()
        raise DatabaseError(f"{p}: {_describe(e)}") from e
    except BaseException:
        conn.close()
        raise
    return db


def _open_read_only(p: Path, reason: str, check_same_thread: bool) -> Database:
    try:
        conn = connect_read_only(p, check_same_thread)
    except sqlite3.Error as e:
        raise DatabaseError(f"{p}: cannot open database read-only ({_describe(e)})") from e
    db = Database(conn, p, reason)
    try:
        conn.execute("PRAGMA query_only = ON")
        version = schema_version(db)
        _check_version(db, version)
        if version < SCHEMA_VERSION:
            raise DatabaseError(
                f"the database needs an upgrade (schema {version} to {SCHEMA_VERSION}) but "
                f"cannot be written: {reason}"
            )
    except DatabaseError as e:
        conn.close()
        raise DatabaseError(f"{p}: {e}") from e
    except sqlite3.DatabaseError as e:
        conn.close()
        raise DatabaseError(f"{p}: {_describe(e)}") from e
    return db


def check_readable(path: str | os.PathLike[str]) -> None:
    """Check, without writing anything, that ``path`` is an nkwatch database this
    version can read (for read-only use: no file is created, nothing is migrated)."""
    p = Path(path)
    if not p.exists():
        raise DatabaseError(f"{p}: no such database (a read-only database must exist)")
    if p.is_dir():
        raise DatabaseError(f"{p}: is a directory, not a database file")
    try:
        conn = connect_read_only(p)  # works in a read-only folder too
    except sqlite3.Error as e:
        reason = _describe(e)
        if reason != "not an SQLite database":
            reason = f"cannot open database read-only ({reason})"
        raise DatabaseError(f"{p}: {reason}") from e
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
