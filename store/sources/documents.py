"""What the web reader returns, and telling a page from a feed.

:class:`WebDocument` (one article), :class:`WebDocuments` (a source's articles plus
its per-item failures and notes), :class:`WebError` (a source that cannot be read,
as one line), and :func:`sniff`, which decides from the bytes and the content type
whether a body is an HTML page, a feed, or neither.
"""

from __future__ import annotations

import codecs
import pathlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MAX_FEED_ITEMS = 50
"""At most this many entries are read from one feed (the first ones, in feed order)."""

DEFAULT_MAX_BYTES = 20_000_000
USER_AGENT = "nkwatch/0.1 (news figures reader; +https://github.com/nkwatch)"
WEB_FILE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"})


@dataclass(frozen=True)
class WebDocument:
    source: str  # the URL or path as given (for feed items: the item's link)
    title: str
    text: str  # the article's main text, plain, paragraphs separated by "\n\n"
    published: date | None  # from the page/feed metadata when present
    source_name: str | None  # the outlet (site name / feed title) when known


class WebDocuments(list):  # list[WebDocument]
    """The documents read from one source, plus one line per item that failed.

    It is a plain ``list`` of :class:`WebDocument`; ``failures`` holds one
    message per feed entry that could not be read (each a single line naming
    the entry), for the caller to print. It is empty for a single page.
    ``notes`` holds informational lines that are not failures (e.g. a feed
    longer than ``MAX_FEED_ITEMS`` was cut).
    """

    failures: list[str]
    notes: list[str]

    def __init__(
        self,
        documents: Iterable[WebDocument] = (),
        failures: Iterable[str] = (),
        notes: Iterable[str] = (),
    ):
        super().__init__(documents)
        self.failures = list(failures)
        self.notes = list(notes)

    def __repr__(self) -> str:
        return (
            f"WebDocuments({list.__repr__(self)}, failures={self.failures!r}, notes={self.notes!r})"
        )


class WebError(Exception):
    """A source could not be read. ``str(error)`` is one line naming the source."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


def is_web_source(source: str) -> bool:
    """True for the sources :func:`fetch_documents` handles (``http://`` / ``https://``)."""
    return source[:8].lower().startswith(("http://", "https://"))


def is_web_file(path: pathlib.Path | str) -> bool:
    """True for the local files :func:`documents_from_file` handles, by suffix."""
    return pathlib.Path(path).suffix.lower() in WEB_FILE_SUFFIXES


# --------------------------------------------------------------------------- dispatch

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_XML_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+xml",
}
_SNIFF_TYPES = {"", "text/plain", "application/octet-stream", "binary/octet-stream"}

_FEED_RE = re.compile(rb"<(?:[a-z0-9_-]+:)?(rss|feed|RDF)[\s>/]", re.I)
_HTML_RE = re.compile(rb"<(!doctype\s+html|html|head|body|p|div|article|title|h1)[\s>/]", re.I)


def mime_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_textual(mime: str) -> bool:
    """Whether a body of this MIME type may be an HTML page or a feed (worth sniffing)."""
    return (
        mime in _HTML_TYPES
        or mime in _XML_TYPES
        or mime in _SNIFF_TYPES
        or mime.endswith("+xml")
        or mime.startswith("text/")
    )


def sniff(data: bytes, source: str, content_type: str | None) -> str:
    """'feed' or 'html', or raise WebError for anything else."""
    if not data or not data.strip():
        raise WebError(f"{source}: empty document")
    mime = mime_type(content_type)
    if not is_textual(mime):  # image/png, application/pdf, application/json, ...
        raise WebError(f"{source}: not an HTML page or feed (content type {mime})")
    head = data[:4096]
    has_bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head[:1024] and not has_bom:
        raise WebError(f"{source}: binary content, not an HTML page or feed")
    if has_bom:  # sniff the UTF-16 text as ASCII-ish bytes
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            raise WebError(f"{source}: binary content, not an HTML page or feed") from None
    feed = _FEED_RE.search(head)
    html = _HTML_RE.search(head)
    looks_feed = feed is not None and (html is None or feed.start() < html.start())
    # "<feed" inside an HTML page's text is not a feed; a real feed's root comes first.
    if looks_feed:
        return "feed"
    if mime in _HTML_TYPES:
        return "html"
    if mime in _XML_TYPES or mime.endswith("+xml"):
        if html is not None:
            return "html"
        raise WebError(f"{source}: XML document that is not an RSS or Atom feed")
    if html is not None and mime in _SNIFF_TYPES:
        return "html"
    shown = f" (content type {mime})" if mime else ""
    raise WebError(f"{source}: not an HTML page or feed{shown}")


def one_line(text: str) -> str:
    return " ".join(str(text).split())
