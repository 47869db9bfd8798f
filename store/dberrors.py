"""What a database failure means: the errors nkwatch raises, why a file cannot be
written, and which SQLite errors no later write can survive (:func:`unwritable`).

Kept apart from :mod:`store.db` (which imports all of it) so that opening and writing
stay readable; ``store.db.DatabaseError`` and friends are these same names.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

WRITE_WAIT = 30.0
"""Seconds a writer waits for another process's write lock before giving up."""

# SQLite primary result codes (the low byte of sqlite_errorcode).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN = 5, 6, 8, 10, 11, 13, 14
_PERM, _NOLFS, _NOTADB = 3, 22, 26
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # EFBIG: a file size limit


class DatabaseError(Exception):
    """The file cannot be used as an nkwatch database; the message says why, in one line."""


class DatabaseUnwritable(DatabaseError):
    """Nothing more can be written to this database: a run that writes stops here.

    The message is one line naming the file, the cause and what to do.
    """


def error_code(exc: BaseException) -> int:
    """SQLite's primary result code for ``exc`` (0 when unknown)."""
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def write_block(path: Path) -> str | None:
    """Why the database file at ``path`` cannot be written, in a few words; None if it can.

    SQLite writes beside the file too (the ``-wal`` and ``-shm`` files of WAL mode),
    so a read-only folder is as much a block as a read-only file.
    """
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the file system holding {folder} is mounted read-only"
    except (OSError, AttributeError):  # no statvfs (Windows) or no folder: check below
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        sidecars = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        if not all(s.exists() and os.access(s, os.W_OK) for s in sidecars):
            return f"the folder {folder} is not writable"
    return None


def _cause(exc: sqlite3.Error, path: Path | str | None) -> tuple[str, str] | None:
    """(what is wrong, what to do) for an error no later write can survive, else None."""
    code = error_code(exc)
    if code in (_READONLY, _PERM):
        reason = (write_block(Path(path)) if path else None) or "the database is read-only"
        return reason, "make it writable or use another --db"
    if code == _FULL:
        return "the disk is full", "free some space and run the command again"
    if code in (_IOERR, _NOLFS):
        name = getattr(exc, "sqlite_errorname", None) or "SQLITE_IOERR"
        return f"disk I/O error ({name})", "check the disk (full? removed?) and run again"
    if code in (_CORRUPT, _NOTADB):
        return f"the database file is damaged ({exc})", "restore it from a backup"
    if code == _CANTOPEN:
        return "the database file cannot be opened any more", "was it moved or deleted?"
    if code in (_BUSY, _LOCKED):
        return (
            f"another program kept the database locked for over {WRITE_WAIT:g} s",
            "run the command again when it is done",
        )
    return None


def unwritable(exc: BaseException, path: Path | str | None) -> DatabaseUnwritable | None:
    """The :class:`DatabaseUnwritable` that ``exc`` means, or None for an error that
    concerns one input only (a constraint, a bug). A full disk counts whatever hit it
    first: the database, or a temporary file of a library."""
    where = f"{path}: " if path else ""
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        # Not the database but the disk under something else (a temporary file): every
        # later input would fail the same way too.
        reason = (exc.strerror or "disk full").lower()
        what = exc.filename or "a temporary file"
        return DatabaseUnwritable(
            f"{where}cannot go on: {reason} (writing {what}); free some space and run the "
            "command again"
        )
    if not isinstance(exc, sqlite3.Error):
        return None
    cause = _cause(exc, path)
    if cause is None:
        return None
    return DatabaseUnwritable(f"{where}cannot write: {cause[0]}; {cause[1]}")
