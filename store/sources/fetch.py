"""Fetching over HTTP (httpx): capped, decompressed within the cap, one-line errors.

:func:`fetch_response` GETs one URL through a shared connection pool: redirects are
followed by hand (at most :data:`MAX_REDIRECTS`, never to a non-web address), a
conditional GET (``If-None-Match`` / ``If-Modified-Since``) may answer "not modified",
the body is streamed and capped, and gzip/deflate is inflated chunk by chunk within the
same cap (a gzip bomb is refused after ``max_bytes`` of output, never expanded whole).
:func:`fetch` is the plain form (body, content type, final URL); :func:`fetch_within`
bounds it by wall-clock time; :func:`fetch_all` fetches a feed's linked pages a few at a
time. httpx is imported on first use.
"""

from __future__ import annotations

import queue
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from store.sources.documents import USER_AGENT, WebError, is_textual, is_web_source, mime_type

# Linked pages of a network feed are fetched this many at a time.
_FETCH_WORKERS = 4
_CHUNK = 64 * 1024
MAX_REDIRECTS = 10
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,"
    "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
)

_client_lock = threading.Lock()
_client: Any = None


def client() -> Any:
    """The process' shared ``httpx.Client``: one connection pool for every feed and page
    (keep-alive per host), thread-safe. Redirects are ours to follow (:func:`fetch_response`)."""
    global _client
    with _client_lock:
        if _client is None:
            import httpx

            _client = httpx.Client(
                follow_redirects=False,
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": _ACCEPT,
                    # Only what we can inflate within the cap ourselves.
                    "Accept-Encoding": "gzip, deflate",
                },
            )
        return _client


def close_client() -> None:
    """Close the shared pool (its connections); the next fetch opens a new one."""
    global _client
    with _client_lock:
        if _client is not None:
            _client.close()
            _client = None


@dataclass(frozen=True)
class Fetched:
    """One GET's answer. ``not_modified``: a conditional GET the server answered 304
    (``body`` is empty). ``etag`` / ``last_modified`` are the validators to send next time."""

    body: bytes
    content_type: str | None
    final_url: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def fetch_within(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None, str]:
    """:func:`fetch` with a hard wall-clock limit.

    Socket timeouts do not cover a stalled DNS lookup; running the request in a
    daemon thread means the caller gets its answer (or a timeout) in bounded time.
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(fetch(url, timeout=timeout, max_bytes=max_bytes))
        except BaseException as exc:  # noqa: BLE001 - handed over to the calling thread
            outcome.append(exc)

    worker = threading.Thread(target=run, name="nkwatch-fetch", daemon=True)
    worker.start()
    worker.join(2 * timeout + 1)
    if not outcome:
        raise WebError(f"could not fetch {url}: timed out after {timeout:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None, str]:
    """GET ``url``; return (body, content type, final URL). Raise WebError on any failure."""
    got = fetch_response(url, timeout=timeout, max_bytes=max_bytes)
    return got.body, got.content_type, got.final_url


def check_address(url: str) -> None:
    """Raise WebError when ``url`` is not an http(s) address we can send a request to."""
    fail = f"could not fetch {url}"
    if not is_web_source(url):
        raise WebError(f"{fail}: only http:// and https:// addresses are supported")
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise WebError(f"{fail}: invalid address ({exc})") from None
    if not parts.hostname:
        raise WebError(f"{fail}: no host name in the address")
    if any(ch.isspace() or not ch.isprintable() for ch in parts.netloc):
        raise WebError(f"{fail}: invalid address (space or control character in the host)")


def fetch_response(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET ``url`` (conditionally, given a validator). Raise WebError on any failure.

    ``timeout`` bounds the connection and every read; the whole download gets about
    twice that. ``max_bytes`` caps the body as sent and again once inflated.
    """
    import httpx

    fail = f"could not fetch {url}"
    check_address(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + 2 * timeout
    target = url.strip()
    try:
        for hop in range(MAX_REDIRECTS + 1):
            request = client().build_request(
                "GET", target, headers=headers, timeout=httpx.Timeout(timeout)
            )
            response = client().send(request, stream=True)
            try:
                if response.is_redirect or 300 <= response.status_code < 400:
                    if response.status_code == 304:
                        if not headers:
                            raise WebError(f"{fail}: HTTP 304 without a conditional request")
                        return Fetched(
                            b"",
                            response.headers.get("Content-Type"),
                            str(response.url),
                            response.headers.get("ETag") or etag,
                            response.headers.get("Last-Modified") or last_modified,
                            not_modified=True,
                        )
                    location = (response.headers.get("Location") or "").strip()
                    if not location:
                        raise WebError(
                            f"{fail}: HTTP {response.status_code} redirect without a target"
                        )
                    absolute = urllib.parse.urljoin(str(response.url), location)
                    if not is_web_source(absolute):
                        shown = absolute if len(absolute) <= 80 else absolute[:77] + "..."
                        raise WebError(f"{fail}: redirect to a non-web address refused ({shown})")
                    if hop == MAX_REDIRECTS:
                        raise WebError(f"{fail}: HTTP {response.status_code} too many redirects")
                    target = absolute
                    continue
                if response.status_code >= 400:
                    reason = response.reason_phrase or ""
                    raise WebError(
                        f"{fail}: HTTP {response.status_code}{' ' + reason if reason else ''}"
                    )
                return _read_response(response, url, fail, max_bytes, deadline, timeout)
            finally:
                response.close()
        raise WebError(f"{fail}: too many redirects")  # pragma: no cover - the loop returns
    except WebError:
        raise
    except httpx.TimeoutException:
        raise WebError(f"{fail}: timed out after {timeout:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise WebError(f"{fail}: invalid address ({exc})") from None
    except httpx.ProtocolError as exc:
        raise WebError(f"{fail}: bad HTTP response ({_cause_text(exc)})") from None
    except (httpx.TransportError, OSError, ValueError) as exc:
        raise WebError(f"{fail}: {_describe_error(exc, timeout)}") from None


def _read_response(
    response: Any, url: str, fail: str, max_bytes: int, deadline: float, timeout: float
) -> Fetched:
    content_type = response.headers.get("Content-Type")
    if not is_textual(mime_type(content_type)):  # do not download a video to refuse it
        raise WebError(f"{url}: not an HTML page or feed (content type {mime_type(content_type)})")
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise WebError(f"{fail}: too large ({int(length):,} bytes; limit {max_bytes:,})")
    encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    if encoding in {"", "identity"}:
        inflater = None
    elif encoding in {"gzip", "x-gzip", "deflate"}:
        inflater = _Inflater(encoding, fail, max_bytes)
    else:
        raise WebError(f"{fail}: unsupported content encoding {encoding}")
    chunks: list[bytes] = []
    raw = total = 0
    for chunk in response.iter_raw(_CHUNK):
        if time.monotonic() > deadline:
            raise WebError(f"{fail}: timed out after {timeout:g} s (download too slow)")
        raw += len(chunk)
        if raw > max_bytes:
            raise WebError(f"{fail}: too large (over {max_bytes:,} bytes)")
        if inflater is not None:
            chunk = inflater.feed(chunk)
        total += len(chunk)
        if total > max_bytes:  # pragma: no cover - the inflater refuses first
            raise WebError(f"{fail}: too large (over {max_bytes:,} bytes uncompressed)")
        chunks.append(chunk)
    if inflater is not None:
        chunks.append(inflater.finish())
    return Fetched(
        b"".join(chunks),
        content_type,
        str(response.url),
        response.headers.get("ETag"),
        response.headers.get("Last-Modified"),
    )


class _Inflater:
    """gzip / deflate, inflated as the chunks arrive, never past ``max_bytes`` of output."""

    def __init__(self, encoding: str, fail: str, max_bytes: int) -> None:
        self.encoding = encoding
        self.fail = fail
        self.max_bytes = max_bytes
        self.total = 0
        self.inflater: Any = None
        self.head = b""

    def _start(self, data: bytes) -> None:
        if "gzip" in self.encoding:
            wbits = 16 + zlib.MAX_WBITS
        elif len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0:
            wbits = zlib.MAX_WBITS  # zlib-wrapped deflate, as the standard says
        else:
            wbits = -zlib.MAX_WBITS  # raw deflate, as some servers send
        self.inflater = zlib.decompressobj(wbits)

    def feed(self, chunk: bytes) -> bytes:
        if self.inflater is None:
            self.head += chunk
            if len(self.head) < 2:
                return b""
            self._start(self.head)
            chunk, self.head = self.head, b""
        try:
            out = self.inflater.decompress(chunk, self.max_bytes + 1 - self.total)
        except zlib.error:
            raise WebError(f"{self.fail}: corrupt {self.encoding} content") from None
        self.total += len(out)
        if self.total > self.max_bytes or self.inflater.unconsumed_tail:
            raise WebError(f"{self.fail}: too large (over {self.max_bytes:,} bytes uncompressed)")
        return out

    def finish(self) -> bytes:
        if self.inflater is None:
            if not self.head:
                return b""
            self._start(self.head + b"\0")
            rest, self.head = self.head, b""
            return self.feed(rest) if self.inflater else b""
        try:
            out = self.inflater.flush()
        except zlib.error:
            raise WebError(f"{self.fail}: corrupt {self.encoding} content") from None
        if self.total + len(out) > self.max_bytes:
            raise WebError(f"{self.fail}: too large (over {self.max_bytes:,} bytes uncompressed)")
        return out


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it was raised from (httpx wraps httpcore, which wraps OSError)."""
    chain: list[BaseException] = []
    while exc is not None and exc not in chain and len(chain) < 8:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


def _cause_text(exc: BaseException) -> str:
    deepest = _causes(exc)[-1]
    text = " ".join(str(deepest).split())
    return text or type(deepest).__name__


def _describe_error(exc: BaseException, timeout: float) -> str:
    for reason in reversed(_causes(exc)):
        if isinstance(reason, TimeoutError | socket.timeout):
            return f"timed out after {timeout:g} s"
        if isinstance(reason, socket.gaierror):
            return "host not found"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(reason, ssl.SSLCertVerificationError):
            return f"TLS certificate not valid ({reason.verify_message or 'verification failed'})"
        if isinstance(reason, ssl.SSLError):
            return f"TLS error ({reason.reason or reason})"
    text = _cause_text(exc)
    if "timed out" in text:
        return f"timed out after {timeout:g} s"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "host not found"
    if "Connection refused" in text:
        return "connection refused"
    return text or "unknown error"


def fetch_all(
    links: list[str],
    get: Callable[[str], tuple[bytes, str | None, str] | WebError],
    budget: float | None,
    workers: int = _FETCH_WORKERS,
) -> dict[str, tuple[bytes, str | None, str] | WebError]:
    """Fetch ``links`` ``workers`` at a time; whatever is not done within ``budget`` s fails.

    The workers are daemon threads, and nothing waits for them once the answer is
    given (or the caller is interrupted): a request still running ends by its own
    timeout, or with the process.
    """
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for link in links:
        todo.put(link)
    results: dict[str, tuple[bytes, str | None, str] | WebError] = {}
    done = threading.Condition()
    abandoned = threading.Event()

    def work() -> None:
        while not abandoned.is_set():
            try:
                link = todo.get_nowait()
            except queue.Empty:
                return
            try:
                result = get(link)
            except BaseException as exc:  # noqa: BLE001 - one link's failure is its result
                result = WebError(f"could not fetch {link}: {type(exc).__name__}: {exc}")
            with done:
                results[link] = result
                done.notify_all()

    for _ in range(max(1, min(workers, len(links)))):
        threading.Thread(target=work, name="nkwatch-fetch", daemon=True).start()
    deadline = None if budget is None else time.monotonic() + budget
    try:
        with done:
            while len(results) < len(links):
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                done.wait(left)
            finished = dict(results)
    finally:
        abandoned.set()  # the workers take no new link (also when interrupted)
    return {
        link: finished.get(link)
        or WebError(
            f"could not fetch {link}: not fetched within the feed's time budget ({budget:g} s)"
        )
        for link in links
    }
