"""Polling feeds and pages for the watch: conditional GET, polite spacing per host, and a
clock that tests can drive.

:class:`Poller` asks a source again with the validators it gave last time (``ETag`` ->
``If-None-Match``, ``Last-Modified`` -> ``If-Modified-Since``), so an unchanged feed
costs one short "304 Not Modified"; it keeps at least ``spacing`` seconds between two
requests to the same host (a feed's linked pages included); and it reads what came back
into articles (:func:`store.sources.web.documents_from_response`). Nothing here writes
the database, and nothing raises for a bad source: a :class:`PollResult` says what
happened, in one line when it failed.

All waiting goes through a :class:`Clock`; :class:`SystemClock` is the real one, and a
test passes its own, whose ``sleep`` moves time on at once.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from store.sources.documents import DEFAULT_MAX_BYTES, WebDocuments, WebError


class Clock(Protocol):
    def time(self) -> float:
        """Now, as Unix time."""

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` (an interrupt may end it early by raising)."""


class SystemClock:
    """The real clock: ``time.time`` and ``time.sleep`` (Ctrl-C ends a sleep at once)."""

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


@dataclass
class PollResult:
    """One poll of one source. ``ok`` False: ``message`` says why, in one line."""

    url: str
    ok: bool
    not_modified: bool = False
    documents: WebDocuments = field(default_factory=WebDocuments)
    etag: str | None = None
    last_modified: str | None = None
    message: str = ""


class Poller:
    """Fetches for the watch: one instance for the whole run, so the spacing per host and
    the connection pool (shared by every source) carry over from one poll to the next."""

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        timeout: float = 20.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        spacing: float = 1.0,
    ) -> None:
        self.clock = clock or SystemClock()
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.spacing = spacing
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def _wait_turn(self, url: str) -> None:
        """Hold back until ``spacing`` seconds have passed since this host's last request."""
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self._lock:
            gate = self._hosts.setdefault(host, threading.Lock())
        with gate:
            last = self._last.get(host)
            if last is not None:
                wait = self.spacing - (self.clock.time() - last)
                if wait > 0:
                    self.clock.sleep(wait)
            self._last[host] = self.clock.time()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Any:
        """One GET (conditional when given a validator), in its turn for the host, within
        a hard wall-clock limit. Raises WebError."""
        from store.sources.fetch import fetch_response

        self._wait_turn(url)
        outcome: list[Any] = []

        def run() -> None:
            try:
                outcome.append(
                    fetch_response(
                        url,
                        timeout=self.timeout,
                        max_bytes=self.max_bytes,
                        etag=etag,
                        last_modified=last_modified,
                    )
                )
            except BaseException as exc:  # noqa: BLE001 - handed over to the calling thread
                outcome.append(exc)

        worker = threading.Thread(target=run, name="nkwatch-fetch", daemon=True)
        worker.start()
        worker.join(2 * self.timeout + 1)
        if not outcome:
            raise WebError(f"could not fetch {url}: timed out after {self.timeout:g} s")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    def poll(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        known: Callable[[str], bool] | None = None,
    ) -> PollResult:
        """Ask ``url`` again and read what is there. ``known(link)``: a feed entry's
        linked page is stored already (it is not fetched again)."""
        from store.sources.web import documents_from_response

        try:
            fetched = self.get(url, etag, last_modified)
        except WebError as exc:
            return PollResult(url, ok=False, message=str(exc))
        if fetched.not_modified:
            return PollResult(
                url, ok=True, not_modified=True, etag=fetched.etag,
                last_modified=fetched.last_modified,
            )  # fmt: skip

        def fetch_page(link: str) -> tuple[bytes, str | None, str]:
            page = self.get(link)
            return page.body, page.content_type, page.final_url

        try:
            docs = documents_from_response(
                fetched, url, timeout=self.timeout, max_bytes=self.max_bytes,
                fetch_page=fetch_page, known=known,
            )  # fmt: skip
        except WebError as exc:
            return PollResult(url, ok=False, message=str(exc))
        return PollResult(
            url, ok=True, documents=docs, etag=fetched.etag, last_modified=fetched.last_modified
        )
