"""Articles from the web and from HTML / RSS / Atom files.

Four entry points, all returning a :class:`WebDocuments` (a ``list`` of
:class:`WebDocument` that also carries ``failures``):

* :func:`fetch_documents` - an ``http(s)://`` URL: an article page or a feed.
* :func:`documents_from_response` - a page or feed already fetched with
  :func:`fetch_response` (the watch's conditional GET).
* :func:`documents_from_file` - a local ``.html/.htm/.xml/.rss/.atom`` file.
* :func:`documents_from_bytes` - bytes already in hand.

A page gives one document. A feed gives one document per entry (at most
``MAX_FEED_ITEMS``): the entry's own full content when it has it; when it only
has a short summary and a link, and the feed came from the network, the linked
page is fetched and read. A feed entry that cannot be read does not stop the
others: it becomes one line in ``result.failures`` and the rest are returned.

Anything that makes the whole source unusable (DNS failure, refused
connection, timeout, HTTP error, not HTML or a feed, malformed feed, no article
text, too large) raises :class:`WebError`, whose message is one line that
names the source. Nothing here prints, and nothing here raises anything else
for bad input.

The work is done by :mod:`store.sources.fetch` (HTTP), :mod:`store.sources.page` (one HTML
page) and :mod:`store.sources.feeds` (RSS/Atom); trafilatura, feedparser and lxml are
imported lazily (they are slow to import).
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from store.sources.documents import (
    DEFAULT_MAX_BYTES,
    MAX_FEED_ITEMS,
    WebDocument,
    WebDocuments,
    WebError,
    is_web_file,
    is_web_source,
    sniff,
)
from store.sources.feeds import feed_documents
from store.sources.fetch import Fetched, fetch, fetch_response, fetch_within
from store.sources.page import page_document

__all__ = [
    "MAX_FEED_ITEMS",
    "WebDocument",
    "WebDocuments",
    "WebError",
    "Fetched",
    "documents_from_bytes",
    "documents_from_file",
    "documents_from_response",
    "fetch_documents",
    "fetch_response",
    "is_web_file",
    "is_web_source",
]

# All of a feed's linked pages must arrive within this many request timeouts.
_FEED_BUDGET_FACTOR = 6

# --------------------------------------------------------------------------- entry points


def fetch_documents(
    url: str, *, timeout: float = 20.0, max_bytes: int = DEFAULT_MAX_BYTES
) -> WebDocuments:
    """Fetch ``url`` (an article page or an RSS/Atom feed) and read its articles.

    ``timeout`` bounds each request (connect and every read, and the whole
    download at about twice that); ``max_bytes`` caps each body. For a feed,
    entries that only carry a summary are completed by fetching their linked
    pages with the same limits. Raises :class:`WebError`.
    """
    body, content_type, final_url = fetch_within(url, timeout=timeout, max_bytes=max_bytes)

    def fetch_page(link: str) -> tuple[bytes, str | None, str]:
        return fetch(link, timeout=timeout, max_bytes=max_bytes)

    return _documents(
        body,
        url,
        content_type,
        base_url=final_url,
        fetch_page=fetch_page,
        fetch_budget=_FEED_BUDGET_FACTOR * timeout,
    )


def documents_from_response(
    fetched: Fetched,
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_page: Callable[[str], tuple[bytes, str | None, str]] | None = None,
    known: Callable[[str], bool] | None = None,
) -> WebDocuments:
    """The articles of a page or feed already fetched (:func:`fetch_response`): what the
    watch reads after a poll. Feed entries whose linked page ``known`` says is stored
    are left out; the others' pages are fetched with ``fetch_page`` (default: a plain
    fetch with the same limits). Raises :class:`WebError`."""

    def plain(link: str) -> tuple[bytes, str | None, str]:
        return fetch(link, timeout=timeout, max_bytes=max_bytes)

    return _documents(
        fetched.body,
        url,
        fetched.content_type,
        base_url=fetched.final_url,
        fetch_page=fetch_page or plain,
        fetch_budget=_FEED_BUDGET_FACTOR * timeout,
        known=known,
    )


def documents_from_file(path: pathlib.Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> WebDocuments:
    """Read a local HTML page or RSS/Atom feed file. Never touches the network.

    A feed file gives what its entries hold (content, else summary).
    Raises :class:`WebError`.
    """
    path = pathlib.Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise WebError(f"could not read {shown}: it is a directory")
        if size > max_bytes:
            raise WebError(
                f"could not read {shown}: too large ({size:,} bytes; limit {max_bytes:,})"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise WebError(f"could not read {shown}: no such file") from None
    except PermissionError:
        raise WebError(f"could not read {shown}: permission denied") from None
    except OSError as exc:
        raise WebError(f"could not read {shown}: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    content_type = "text/html" if suffix in {".html", ".htm"} else None
    if suffix == ".xhtml":
        content_type = "application/xhtml+xml"
    return _documents(data, shown, content_type, base_url=None, fetch_page=None)


def documents_from_bytes(
    data: bytes,
    source: str,
    content_type: str | None = None,
    *,
    base_url: str | None = None,
) -> WebDocuments:
    """Read an HTML page or RSS/Atom feed held in ``data``. Never touches the network.

    ``source`` names the data in messages and in ``WebDocument.source``;
    ``content_type`` is the HTTP ``Content-Type`` value if known (the body is
    sniffed either way). ``base_url`` resolves relative links (defaults to
    ``source`` when that is a URL). Raises :class:`WebError`.
    """
    if base_url is None and is_web_source(source):
        base_url = source
    return _documents(data, source, content_type, base_url=base_url, fetch_page=None)


def _documents(
    data: bytes,
    source: str,
    content_type: str | None,
    *,
    base_url: str | None,
    fetch_page: Callable[[str], tuple[bytes, str | None, str]] | None,
    fetch_budget: float | None = None,
    known: Callable[[str], bool] | None = None,
) -> WebDocuments:
    try:
        kind = sniff(data, source, content_type)
        if kind == "feed":
            return feed_documents(
                data, source, content_type, base_url, fetch_page, fetch_budget, known
            )
        return WebDocuments([page_document(data, source, content_type, base_url)])
    except WebError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser bug must still be one line, not a traceback
        raise WebError(
            f"{source}: could not read the document ({type(exc).__name__}: {exc})"
        ) from exc
