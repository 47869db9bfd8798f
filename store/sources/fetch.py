"""Fetching over HTTP: capped, decompressed, with one-line errors.

:func:`fetch` GETs one URL (redirects to non-web addresses refused, bodies capped,
gzip/deflate inflated within the cap); :func:`fetch_within` bounds it by wall-clock
time; :func:`fetch_all` fetches a feed's linked pages a few at a time.
"""

from __future__ import annotations

import queue
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from http.client import HTTPException, InvalidURL
from typing import Any

from store.sources.documents import USER_AGENT, WebError, is_textual, is_web_source, mime_type

# Linked pages of a network feed are fetched this many at a time.
_FETCH_WORKERS = 4
_CHUNK = 64 * 1024


class _RefusedRedirect(Exception):
    """A redirect to an address that is not http(s) (file://, ftp://, data: ...)."""


class _NoFileRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to web addresses only; anything else is refused by name.

    urllib itself refuses ``file://`` with a bare HTTP error (and follows ``ftp://``);
    checking the target first gives the real reason.
    """

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: D102
        target = headers.get("location") or headers.get("uri")
        if target:
            absolute = urllib.parse.urljoin(req.full_url, target.strip())
            if not is_web_source(absolute):
                fp.close()
                raise _RefusedRedirect(absolute)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        if not is_web_source(newurl):
            raise _RefusedRedirect(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoFileRedirects())


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
    request = urllib.request.Request(
        _quote_url(url),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
            "application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    deadline = time.monotonic() + 2 * timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            final_url = response.geturl() or url
            content_type = response.headers.get("Content-Type")
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
            length = response.headers.get("Content-Length")
            if not is_textual(mime_type(content_type)):  # do not download a video to refuse it
                raise WebError(
                    f"{url}: not an HTML page or feed (content type {mime_type(content_type)})"
                )
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise WebError(f"{fail}: too large ({int(length):,} bytes; limit {max_bytes:,})")
            body = _read_capped(response, fail, max_bytes, deadline, timeout)
    except WebError:
        raise
    except _RefusedRedirect as exc:
        shown = str(exc) if len(str(exc)) <= 80 else str(exc)[:77] + "..."
        raise WebError(f"{fail}: redirect to a non-web address refused ({shown})") from None
    except urllib.error.HTTPError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else ""
        if 300 <= exc.code < 400:
            reason = "too many redirects" if "redirect" in reason else "redirect without a target"
        exc.close()
        raise WebError(f"{fail}: HTTP {exc.code}{' ' + reason if reason else ''}") from None
    except urllib.error.URLError as exc:
        raise WebError(f"{fail}: {_describe_os_error(exc.reason, timeout)}") from None
    except TimeoutError:
        raise WebError(f"{fail}: timed out after {timeout:g} s") from None
    except InvalidURL as exc:
        raise WebError(f"{fail}: invalid address ({exc})") from None
    except HTTPException as exc:
        raise WebError(f"{fail}: bad HTTP response ({type(exc).__name__})") from None
    except (OSError, ValueError) as exc:
        raise WebError(f"{fail}: {_describe_os_error(exc, timeout)}") from None
    if encoding in {"gzip", "x-gzip", "deflate"}:
        body = _decompress(body, encoding, fail, max_bytes)
    elif encoding not in {"", "identity"}:
        raise WebError(f"{fail}: unsupported content encoding {encoding}")
    return body, content_type, final_url


def _quote_url(url: str) -> str:
    """Percent-encode spaces and non-ASCII in a URL; IDNA-encode a non-ASCII host."""
    parts = urllib.parse.urlsplit(url.strip())
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = (parts.hostname or "").encode("idna").decode("ascii")
        except UnicodeError:
            host = parts.hostname or ""
        netloc = netloc.replace(parts.hostname or "", host) if parts.hostname else netloc
    safe = "/%:@!$&'()*+,;=-._~"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe + "?"),
            urllib.parse.quote(parts.fragment, safe=safe + "?"),
        )
    )


def _read_capped(
    response: Any, fail: str, max_bytes: int, deadline: float, timeout: float
) -> bytes:
    chunks: list[bytes] = []
    total = 0
    read = getattr(response, "read1", None) or response.read
    while True:
        if time.monotonic() > deadline:
            raise WebError(f"{fail}: timed out after {timeout:g} s (download too slow)")
        chunk = read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise WebError(f"{fail}: too large (over {max_bytes:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _decompress(body: bytes, encoding: str, fail: str, max_bytes: int) -> bytes:
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        try:
            inflater = zlib.decompressobj(wbits)
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            if "gzip" in encoding:
                raise
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            out = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        raise WebError(f"{fail}: corrupt {encoding} content") from None
    if len(out) > max_bytes:
        raise WebError(f"{fail}: too large (over {max_bytes:,} bytes uncompressed)")
    return out


def _describe_os_error(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
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
    if isinstance(reason, OSError):
        return reason.strerror or str(reason) or type(reason).__name__
    text = str(reason)
    if "timed out" in text:
        return f"timed out after {timeout:g} s"
    return text or "unknown error"


def fetch_all(
    links: list[str],
    get: Callable[[str], tuple[bytes, str | None, str] | WebError],
    budget: float | None,
) -> dict[str, tuple[bytes, str | None, str] | WebError]:
    """Fetch ``links`` a few at a time; whatever is not done within ``budget`` s fails.

    The workers are daemon threads, and nothing waits for them once the answer is
    given (or the caller is interrupted): a request still running ends by its own
    timeout, or with the process. (A ``ThreadPoolExecutor`` would hold the process
    open at exit until every request had timed out.)
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

    for _ in range(min(_FETCH_WORKERS, len(links))):
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
