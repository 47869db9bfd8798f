"""The watch loop: poll the watched feeds and pages when they are due, store what is
new (new articles, new revisions of changed pages), mark it unseen, raise alerts.

Like :mod:`store.ingest`, this is where sources meet the database: a :class:`Poller`
(``store.sources.poll``) fetches, :func:`store.ingest.ingest_document` stores each
article in one transaction, inside which the article is marked unseen and the watch
rules are checked (:mod:`store.alerts`), so an interrupt (Ctrl-C, SIGTERM) leaves each
article stored whole with its alerts, or not at all. A source that fails (down, slow,
malformed, redirecting in a loop) gets one status line and is tried again later, later
each time it fails again (:func:`store.watch.backoff`); the loop never stops for one
source. Every wait goes through the poller's clock, so tests drive it without sleeping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from store import watch
from store.alerts import Alert, check_article, list_alerts
from store.db import sqlite_utils  # without numpy: see store.db
from store.extract import supports
from store.ingest import ingest_document, stored_versions
from store.sources.files import Note, Problem, RawDocument, items_from_web_documents
from store.sources.language import language_name
from store.sources.poll import Poller

MAX_NAP = 60.0  # wake at least this often: sources added meanwhile are polled soon


@dataclass(frozen=True, slots=True)
class WatchEvent:
    """Something to tell the user: ``kind`` is ``stored``, ``revised``, ``source`` (a
    poll that worked), ``failed`` (a poll that did not), ``problem`` (one item of a
    source), ``note`` or ``alert`` (with ``alert`` set). ``line`` is one line."""

    kind: str
    line: str
    alert: Alert | None = None
    quiet: bool = False  # a poll that found nothing new (not modified, all unchanged)


def every_text(seconds: float) -> str:
    """``10 min``, ``1 h 30 min``, ``45 s``: a period as people say it."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs and not hours:
        parts.append(f"{secs} s")
    return " ".join(parts)


class Watcher:
    """Polls the sources listed in ``watch_sources`` (:mod:`store.watch`) every
    ``every`` seconds, telling ``on_event`` what happens."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        poller: Poller,
        *,
        every: float,
        on_event: Callable[[WatchEvent], None] | None = None,
    ) -> None:
        self.db = db
        self.poller = poller
        self.clock = poller.clock
        self.every = every
        self.on_event = on_event or (lambda event: None)
        self._pending: list[int] = []

    # ------------------------------------------------------------------ the loop

    def run(self, rounds: int | None = None) -> None:
        """Poll what is due, then wait for the next due source (waking at least every
        minute, to see sources added meanwhile); forever, or until ``rounds`` rounds
        have polled something. Ends by the exception that interrupts it (Ctrl-C)."""
        done = 0
        try:
            while True:
                polled = self.poll_due()
                watch.heartbeat(self.db, self.clock.time(), self.every)
                done += polled > 0
                if rounds is not None and done >= rounds:
                    return
                due = watch.next_due(self.db)
                now = self.clock.time()
                wait = self.every if due is None else due - now
                self.clock.sleep(min(max(wait, 1.0), MAX_NAP))
        finally:
            with suppress(Exception):  # leaving: the dashboard should not wait for us
                watch.stopped(self.db)

    def poll_due(self, everything: bool = False) -> int:
        """Poll every source that is due now (``everything``: every source); how many
        were polled."""
        now = self.clock.time()
        sources = watch.list_sources(self.db) if everything else watch.due_sources(self.db, now)
        for source in sources:
            self.poll(source)
        return len(sources)

    # ------------------------------------------------------------------ one source

    def _known(self, link: str) -> bool:
        return bool(stored_versions(self.db, link))

    def _after_write(self, db: sqlite_utils.Database, article_id: int, status: str) -> None:
        watch.mark_unseen(db, article_id, status)
        self._pending.extend(check_article(db, article_id))

    def poll(self, source: watch.WatchSource) -> None:
        """Poll one source, store what is new, record how it went."""
        started = self.clock.time()
        result = self.poller.poll(source.url, source.etag, source.last_modified, self._known)
        if not result.ok:
            failures = source.failures + 1
            watch.record_poll(
                self.db, source.id, now=started, every=self.every, ok=False, status=result.message
            )
            wait = every_text(watch.backoff(self.every, failures))
            self.on_event(WatchEvent("failed", f"{result.message} (trying again in {wait})"))
            return
        if result.not_modified:
            watch.record_poll(
                self.db, source.id, now=started, every=self.every, ok=True,
                status="not modified", etag=result.etag, last_modified=result.last_modified,
            )  # fmt: skip
            self.on_event(WatchEvent("source", f"{source.url}: not modified", quiet=True))
            return
        counts: Counter[str] = Counter()
        for item in items_from_web_documents(result.documents, source.url):
            if isinstance(item, Problem):
                counts["failed"] += 1
                self.on_event(WatchEvent("problem", _named(item.source, item.message)))
                continue
            if isinstance(item, Note):
                self.on_event(WatchEvent("note", _named(item.source, item.message)))
                continue
            counts[self._store(item)] += 1
        # Validators are kept only when every item was read: a failed one is retried.
        complete = not counts["failed"]
        watch.record_poll(
            self.db, source.id, now=started, every=self.every, ok=True,
            status=_summary(counts), n_new=counts["stored"] + counts["revised"],
            etag=result.etag if complete else None,
            last_modified=result.last_modified if complete else None,
        )  # fmt: skip
        quiet = not (counts["stored"] or counts["revised"] or counts["failed"])
        self.on_event(WatchEvent("source", f"{source.url}: {_summary(counts)}", quiet=quiet))

    def _store(self, item: RawDocument) -> str:
        self._pending = []
        try:
            outcome = ingest_document(self.db, item, after=self._after_write)
        except Exception as exc:  # noqa: BLE001 - one item must not stop the watch
            self.on_event(WatchEvent("problem", f"{item.source}: {type(exc).__name__}: {exc}"))
            return "failed"
        if outcome.status == "error":
            self.on_event(WatchEvent("problem", _named(item.source, outcome.message)))
            return "failed"
        if outcome.status in ("stored", "revised", "replaced"):
            status = "revised" if outcome.status != "stored" else "stored"
            what = f"article {outcome.article_id}"
            if status == "revised":
                what += f", revision {outcome.revision}"
            n = outcome.n_figures
            line = f"{status}: {item.source} ({what}, {n} figure{'s' if n != 1 else ''})"
            self.on_event(WatchEvent(status, line))
            if status == "stored":  # once per article, as ingest says it
                self._say_language(item.source, outcome.article_id)
            for change in outcome.changes:
                self.on_event(WatchEvent("note", f"{item.source}: figure changed: {change}"))
            if self._pending:
                for alert in reversed(list_alerts(self.db, ids=self._pending)):
                    self.on_event(WatchEvent("alert", alert.message, alert))
            self._pending = []
            return status
        return "unchanged"

    def _say_language(self, source: str, article_id: int | None) -> None:
        """One note for an article whose language the extraction rules do not read."""
        row = self.db.execute("SELECT language FROM articles WHERE id = ?", [article_id]).fetchone()
        if row and row[0] and not supports(row[0]):
            name = language_name(row[0])
            self.on_event(WatchEvent("note", f"{source}: stored; figures not extracted: {name}"))


def _named(source: str, message: str) -> str:
    return message if source in message else f"{source}: {message}"


def _summary(counts: Counter[str]) -> str:
    """``2 new, 1 revised, 5 unchanged, 1 failed``; ``nothing new`` for none."""
    parts = [
        f"{counts[key]} {label}"
        for key, label in (
            ("stored", "new"),
            ("revised", "revised"),
            ("unchanged", "unchanged"),
            ("failed", "failed"),
        )  # fmt: skip
        if counts[key]
    ]
    return ", ".join(parts) if parts else "nothing new"
