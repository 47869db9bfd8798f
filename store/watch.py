"""The watch's side of the database: watched feeds and pages with their HTTP validators
and poll status, articles the watch brought in that nobody has seen yet, and a summary
for the dashboard's status line.

Writes run in their own short transactions; :func:`mark_unseen` runs inside the
transaction that stores an article (see :data:`store.ingest.AfterWrite`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from store.db import sqlite_utils  # without numpy: see store.db
from store.extract import EXTRACTOR_VERSION
from store.reextract import extraction_status

MAX_BACKOFF = 6 * 3600.0  # a failing source is tried at least this often
HEARTBEAT_STALE = 3.0  # a watch that has not written its heartbeat for 3 periods is gone


def iso(ts: float) -> str:
    """Unix time as an ISO string (UTC, seconds)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def _ts(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class WatchSource:
    id: int
    url: str
    added_at: str
    etag: str | None
    last_modified: str | None
    last_poll: str | None
    last_ok: str | None
    last_status: str | None
    failures: int
    next_poll: float | None
    n_new: int

    @property
    def failing(self) -> bool:
        return self.failures > 0

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "added_at": self.added_at,
            "last_poll": self.last_poll,
            "last_ok": self.last_ok,
            "status": self.last_status,
            "failures": self.failures,
            "next_poll": iso(self.next_poll) if self.next_poll else None,
            "n_new": self.n_new,
        }


_COLUMNS = (
    "id, url, added_at, etag, last_modified, last_poll, last_ok, last_status, failures,"
    " next_poll, n_new"
)


def list_sources(db: Any) -> list[WatchSource]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM watch_sources ORDER BY id").fetchall()
    return [WatchSource(*r) for r in rows]


def get_source(db: Any, source_id: int) -> WatchSource | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM watch_sources WHERE id = ?", [source_id]).fetchone()
    return WatchSource(*row) if row else None


def add_source(db: sqlite_utils.Database, url: str, now: float) -> tuple[WatchSource, bool]:
    """Watch ``url``; (its row, True if it was not watched before)."""
    url = url.strip()
    with db.atomic():
        cur = db.execute(
            "INSERT INTO watch_sources (url, added_at) VALUES (?, ?) ON CONFLICT(url) DO NOTHING",
            [url, iso(now)],
        )
        added = cur.rowcount == 1
        row = db.execute(f"SELECT {_COLUMNS} FROM watch_sources WHERE url = ?", [url]).fetchone()
    return WatchSource(*row), added


def remove_source(db: sqlite_utils.Database, which: str) -> WatchSource | None:
    """Stop watching the source with this URL or id; the removed row, or None."""
    which = which.strip()
    with db.atomic():
        row = db.execute(f"SELECT {_COLUMNS} FROM watch_sources WHERE url = ?", [which]).fetchone()
        if row is None and which.isdigit():
            row = db.execute(
                f"SELECT {_COLUMNS} FROM watch_sources WHERE id = ?", [int(which)]
            ).fetchone()
        if row is None:
            return None
        db.execute("DELETE FROM watch_sources WHERE id = ?", [row[0]])
    return WatchSource(*row)


def due_sources(db: Any, now: float) -> list[WatchSource]:
    """Sources whose next poll time has come (never polled ones first)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM watch_sources WHERE next_poll IS NULL OR next_poll <= ?"
        " ORDER BY next_poll IS NOT NULL, next_poll, id",
        [now],
    ).fetchall()
    return [WatchSource(*r) for r in rows]


def next_due(db: Any) -> float | None:
    row = db.execute("SELECT min(coalesce(next_poll, 0)) FROM watch_sources").fetchone()
    return None if row is None or row[0] is None else float(row[0])


def backoff(every: float, failures: int) -> float:
    """Seconds until a source that failed ``failures`` times in a row is tried again:
    the usual period, doubled with each failure after the first, at most 6 hours (or the
    period, when that is longer)."""
    if failures <= 0:
        return every
    return min(every * 2 ** (failures - 1), max(every, MAX_BACKOFF))


def reschedule(db: sqlite_utils.Database, every: float) -> int:
    """Bring each source's next poll forward to what ``every`` asks for: a watch started
    with ``--every 20s`` after a run with the 10-minute default (or ``--once``) polls a
    source 20 s after its last poll, not when the earlier run planned. Never later than
    planned; a failing source keeps its backoff (counted from ``every``). How many moved."""
    moved = 0
    with db.atomic():
        rows = db.execute(
            "SELECT id, last_poll, failures, next_poll FROM watch_sources"
            " WHERE next_poll IS NOT NULL"
        ).fetchall()
        for source_id, last_poll, failures, next_poll in rows:
            last = _ts(last_poll)
            if last is None:
                continue
            wanted = last + backoff(every, int(failures))
            if wanted < next_poll:
                db.execute(
                    "UPDATE watch_sources SET next_poll = ? WHERE id = ?", [wanted, source_id]
                )
                moved += 1
    return moved


def record_poll(
    db: sqlite_utils.Database,
    source_id: int,
    *,
    now: float,
    every: float,
    ok: bool,
    status: str,
    etag: str | None = None,
    last_modified: str | None = None,
    n_new: int = 0,
) -> None:
    """What one poll of a source did: its status line, validators, and when to poll next
    (after ``every`` seconds, or later and later while it keeps failing)."""
    with db.atomic():
        row = db.execute("SELECT failures FROM watch_sources WHERE id = ?", [source_id]).fetchone()
        if row is None:  # removed while it was being polled
            return
        failures = 0 if ok else int(row[0]) + 1
        if ok:
            db.execute(
                "UPDATE watch_sources SET last_poll = ?, last_ok = ?, last_status = ?,"
                " failures = 0, next_poll = ?, n_new = n_new + ?, etag = ?, last_modified = ?"
                " WHERE id = ?",
                [iso(now), iso(now), status, now + every, n_new, etag, last_modified, source_id],
            )
        else:
            db.execute(
                "UPDATE watch_sources SET last_poll = ?, last_status = ?, failures = ?,"
                " next_poll = ? WHERE id = ?",
                [iso(now), status, failures, now + backoff(every, failures), source_id],
            )


# --------------------------------------------------------------------------- state


def set_state(db: sqlite_utils.Database, **values: Any) -> None:
    with db.atomic():
        for key, value in values.items():
            db.execute(
                "INSERT INTO watch_state (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, None if value is None else str(value)],
            )


def get_state(db: Any) -> dict[str, str]:
    return {k: v for k, v in db.execute("SELECT key, value FROM watch_state").fetchall()}


def heartbeat(db: sqlite_utils.Database, now: float, every: float) -> None:
    """Say a watch is running (read by the dashboard's status line)."""
    set_state(db, heartbeat=iso(now), every=every, pid=os.getpid())


def running_watch(db: Any, now: float) -> int | None:
    """The process id of another watch running on this database, or None (its heartbeat
    is recent and its process is alive)."""
    state = get_state(db)
    beat = _ts(state.get("heartbeat"))
    try:
        pid = int(state.get("pid") or 0)
        every = float(state.get("every") or 0)
    except ValueError:
        return None
    if not pid or pid == os.getpid() or beat is None:
        return None
    if now - beat > HEARTBEAT_STALE * max(every, 60.0):
        return None
    return pid if _alive(pid) else None


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is not ours to signal
        return True
    return True


def stopped(db: sqlite_utils.Database) -> None:
    set_state(db, heartbeat=None, pid=None)


# --------------------------------------------------------------------------- new articles


def mark_unseen(db: sqlite_utils.Database, article_id: int, status: str = "stored") -> None:
    """Mark an article new for the dashboard (inside the transaction that stores it)."""
    db.execute("UPDATE articles SET unseen = 1 WHERE id = ?", [article_id])


def mark_seen(db: sqlite_utils.Database, article_ids: list[int]) -> int:
    """The dashboard showed these articles: they are no longer new. How many were."""
    if not article_ids:
        return 0
    marks = ", ".join("?" * len(article_ids))
    with db.atomic():
        cur = db.execute(
            f"UPDATE articles SET unseen = 0 WHERE unseen = 1 AND id IN ({marks})", article_ids
        )
    return cur.rowcount


# --------------------------------------------------------------------------- status


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """What the dashboard's watch line shows."""

    n_sources: int
    n_failing: int
    last_poll: str | None  # ISO time of the latest poll of any source
    running: bool  # a watch wrote its heartbeat recently
    problems: tuple[str, ...]  # one line per failing source
    n_unseen: int  # articles brought in by the watch, not yet seen
    n_alerts: int  # alerts not yet seen
    n_stale: int = 0  # articles extracted by older rules (nkwatch reextract)

    @property
    def empty(self) -> bool:
        return (
            self.n_sources == 0 and self.n_alerts == 0 and self.n_unseen == 0 and not self.n_stale
        )


def watch_status(conn: Any, now: float) -> WatchStatus:
    """The watch's state as the dashboard shows it: read-only, any DB-API connection."""
    n, failing, last = conn.execute(
        "SELECT count(*), coalesce(sum(failures > 0), 0), max(last_poll) FROM watch_sources"
    ).fetchone()
    problems = tuple(
        status if url in (status or "") else f"{url}: {status}"  # named once
        for url, status in conn.execute(
            "SELECT url, last_status FROM watch_sources WHERE failures > 0 ORDER BY id"
        ).fetchall()
    )
    state = dict(conn.execute("SELECT key, value FROM watch_state").fetchall())
    beat = _ts(state.get("heartbeat"))
    try:
        every = float(state.get("every") or 0)
    except ValueError:
        every = 0.0
    running = beat is not None and now - beat <= HEARTBEAT_STALE * max(every, 60.0)
    try:
        pid = int(state.get("pid") or 0)
    except ValueError:
        pid = 0
    if running and pid and not _alive(pid):  # killed (SIGKILL, a crash): no goodbye written
        running = False
    unseen = conn.execute("SELECT count(*) FROM articles WHERE unseen = 1").fetchone()[0]
    alerts = conn.execute("SELECT count(*) FROM alerts WHERE seen = 0").fetchone()[0]
    stale = extraction_status(conn).n_stale
    return WatchStatus(
        int(n), int(failing), last, running, problems, int(unseen), int(alerts), stale
    )


def store_stamp(conn: Any) -> tuple:
    """Changes whenever an article is added, removed, revised or re-extracted, or an
    alert is raised or seen: the dashboard reloads its lists when this changes."""
    return tuple(
        conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT max(id) FROM articles),"
            " (SELECT coalesce(sum(revision), 0) FROM articles),"
            " (SELECT count(*) FROM articles WHERE unseen = 1),"
            " (SELECT count(*) FROM alerts WHERE seen = 0), (SELECT max(id) FROM alerts),"
            " (SELECT count(*) FROM articles WHERE extractor_version < ?),"
            " (SELECT max(id) FROM figures)",  # grows when articles are re-extracted
            [EXTRACTOR_VERSION],
        ).fetchone()
    )
