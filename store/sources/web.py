"""Articles from the web and from HTML / RSS / Atom files.

Three entry points, all returning a :class:`WebDocuments` (a ``list`` of
:class:`WebDocument` that also carries ``failures``):

* :func:`fetch_documents` - an ``http(s)://`` URL: an article page or a feed.
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

trafilatura, feedparser and lxml are imported lazily (they are slow to import).
"""

from __future__ import annotations

import codecs
import email.utils
import json
import pathlib
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import date, datetime
from http.client import HTTPException, InvalidURL
from typing import Any

__all__ = [
    "MAX_FEED_ITEMS",
    "WebDocument",
    "WebDocuments",
    "WebError",
    "documents_from_bytes",
    "documents_from_file",
    "fetch_documents",
    "is_web_file",
    "is_web_source",
]

MAX_FEED_ITEMS = 50
"""At most this many entries are read from one feed (the first ones, in feed order)."""

DEFAULT_MAX_BYTES = 20_000_000
USER_AGENT = "nkwatch/0.1 (news figures reader; +https://github.com/nkwatch)"
WEB_FILE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xml", ".rss", ".atom"})

# A summary with at least this many words is taken as the entry's full text
# (many feeds put the whole article in <description>).
_FULL_TEXT_WORDS = 150
# A page whose extracted text has fewer words than this has no article in it.
_MIN_ARTICLE_WORDS = 8
# Linked pages of a network feed are fetched this many at a time.
_FETCH_WORKERS = 4
# All of a feed's linked pages must arrive within this many request timeouts.
_FEED_BUDGET_FACTOR = 6
_CHUNK = 64 * 1024


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
        super().__init__(_one_line(message))


def is_web_source(source: str) -> bool:
    """True for the sources :func:`fetch_documents` handles (``http://`` / ``https://``)."""
    return source[:8].lower().startswith(("http://", "https://"))


def is_web_file(path: pathlib.Path | str) -> bool:
    """True for the local files :func:`documents_from_file` handles, by suffix."""
    return pathlib.Path(path).suffix.lower() in WEB_FILE_SUFFIXES


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
    body, content_type, final_url = _fetch_within(url, timeout=timeout, max_bytes=max_bytes)

    def fetch_page(link: str) -> tuple[bytes, str | None, str]:
        return _fetch(link, timeout=timeout, max_bytes=max_bytes)

    return _documents(
        body,
        url,
        content_type,
        base_url=final_url,
        fetch_page=fetch_page,
        fetch_budget=_FEED_BUDGET_FACTOR * timeout,
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


def _documents(
    data: bytes,
    source: str,
    content_type: str | None,
    *,
    base_url: str | None,
    fetch_page: Callable[[str], tuple[bytes, str | None, str]] | None,
    fetch_budget: float | None = None,
) -> WebDocuments:
    try:
        kind = _sniff(data, source, content_type)
        if kind == "feed":
            return _feed_documents(data, source, content_type, base_url, fetch_page, fetch_budget)
        return WebDocuments([_page_document(data, source, content_type, base_url)])
    except WebError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser bug must still be one line, not a traceback
        raise WebError(
            f"{source}: could not read the document ({type(exc).__name__}: {exc})"
        ) from exc


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _textual(mime: str) -> bool:
    """Whether a body of this MIME type may be an HTML page or a feed (worth sniffing)."""
    return (
        mime in _HTML_TYPES
        or mime in _XML_TYPES
        or mime in _SNIFF_TYPES
        or mime.endswith("+xml")
        or mime.startswith("text/")
    )


def _sniff(data: bytes, source: str, content_type: str | None) -> str:
    """'feed' or 'html', or raise WebError for anything else."""
    if not data or not data.strip():
        raise WebError(f"{source}: empty document")
    mime = _mime(content_type)
    if not _textual(mime):  # image/png, application/pdf, application/json, ...
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


# --------------------------------------------------------------------------- fetching


class _NoFileRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        if not is_web_source(newurl):
            raise urllib.error.URLError(f"redirect to a non-HTTP address {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoFileRedirects())


def _fetch_within(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None, str]:
    """:func:`_fetch` with a hard wall-clock limit.

    Socket timeouts do not cover a stalled DNS lookup; running the request in a
    daemon thread means the caller gets its answer (or a timeout) in bounded time.
    """
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(_fetch(url, timeout=timeout, max_bytes=max_bytes))
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


def _fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str | None, str]:
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
            if not _textual(_mime(content_type)):  # do not download a video to refuse it
                raise WebError(
                    f"{url}: not an HTML page or feed (content type {_mime(content_type)})"
                )
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise WebError(f"{fail}: too large ({int(length):,} bytes; limit {max_bytes:,})")
            body = _read_capped(response, fail, max_bytes, deadline, timeout)
    except WebError:
        raise
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


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --------------------------------------------------------------------------- decoding

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.I)
_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    # As browsers do: Latin-1 and ASCII labels mean windows-1252.
    if codec in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return codec


def _decode(data: bytes, content_type: str | None) -> str:
    """Bytes to text: BOM, then the declared charset (header, meta, XML), then UTF-8, cp1252."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared: list[str] = []
    match = _CHARSET_PARAM_RE.search(content_type or "")
    if match:
        declared.append(match.group(1))
    head = data[:4096]
    for pattern in (_META_CHARSET_RE, _XML_ENCODING_RE):
        found = pattern.search(head)
        if found:
            declared.append(found.group(1).decode("ascii", "replace"))
    for name in declared:
        codec = _codec(name)
        if codec and codec not in {"utf-16", "utf-16-le", "utf-16-be", "utf-32"}:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --------------------------------------------------------------------------- HTML pages

_DROP_ALWAYS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed")
_FURNITURE = ("nav", "header", "footer", "aside", "form", "button", "select", "menu", "dialog")
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article main table tr "
    "figure figcaption header footer aside nav address br hr center details summary".split()
)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parse_html(text: str) -> Any:
    """lxml tree of an HTML document (or None if lxml cannot make one)."""
    import lxml.html

    text = _XML_DECL_RE.sub("", text, count=1)
    try:
        return lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError / ValueError on empty or odd documents
        return None


def _page_document(
    data: bytes, source: str, content_type: str | None, base_url: str | None
) -> WebDocument:
    text = _decode(data, content_type)
    tree = _parse_html(text)
    meta = _page_metadata(tree) if tree is not None else {}
    extracted = _trafilatura(text, base_url)
    body = extracted.get("text") or ""
    if _word_count(body) < _MIN_ARTICLE_WORDS and tree is not None:
        body = _tree_text(tree, drop_furniture=True)
    title = _clean_inline(meta.get("title") or extracted.get("title") or "")
    for headline in (title, meta.get("h1"), extracted.get("title")):
        body = _drop_leading_title(body, headline or "")
    if _word_count(body) < _MIN_ARTICLE_WORDS:
        raise WebError(f"{source}: no article text found on the page")
    if not title:
        title = _first_line_title(body)
    published = meta.get("published") or _parse_date(extracted.get("date"))
    source_name = _clean_inline(meta.get("site_name") or extracted.get("sitename") or "") or None
    return WebDocument(
        source=source, title=title, text=body, published=published, source_name=source_name
    )


def _trafilatura(text: str, base_url: str | None) -> dict[str, Any]:
    """trafilatura's main text and metadata, or {} when it finds nothing."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            _XML_DECL_RE.sub("", text, count=1),
            url=base_url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a library failure means "nothing found"; we fall back
        return {}
    if doc is None:
        return {}
    if isinstance(doc, dict):
        raw = doc
    else:
        raw = {k: getattr(doc, k, None) for k in ("text", "title", "date", "sitename")}
    return {
        "text": _paragraphs(raw.get("text") or ""),
        "title": raw.get("title"),
        "date": raw.get("date"),
        "sitename": raw.get("sitename"),
    }


def _paragraphs(text: str) -> str:
    """One paragraph per non-empty line, whitespace collapsed, joined by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _tree_text(root: Any, *, drop_furniture: bool) -> str:
    """Plain readable text of an lxml tree (changed in place): blocks become paragraphs."""
    drop = _DROP_ALWAYS + (_FURNITURE if drop_furniture else ())
    for element in list(root.iter(*drop)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        if element.tag.lower() in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    body = root.find(".//body") if root.tag == "html" else None
    content = (body if body is not None else root).text_content()
    parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", content))
    return "\n\n".join(part for part in parts if part)


def _drop_leading_title(body: str, title: str) -> str:
    """Remove a first paragraph that only repeats the headline."""
    if not title:
        return body
    first, sep, rest = body.partition("\n\n")
    if _norm(first) == _norm(title) and rest:
        return rest
    return body


def _first_line_title(body: str) -> str:
    first = body.split("\n\n", 1)[0]
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _clean_inline(text: str) -> str:
    return " ".join(str(text).split())


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --------------------------------------------------------------------------- page metadata

_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
)
_TITLE_META = ("og:title", "twitter:title")
_SITE_META = ("og:site_name", "application-name")


def _page_metadata(tree: Any) -> dict[str, Any]:
    """Publication date, title and site name from <meta>, JSON-LD and <title>."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and value.strip():
            metas.setdefault(key.strip().lower(), value.strip())
    jsonld = _json_ld(tree)
    result: dict[str, Any] = {}
    published = None
    for key in _DATE_META:
        published = _parse_date(metas.get(key))
        if published:
            break
    if published is None:
        published = _parse_date(jsonld.get("datePublished")) or _parse_date(
            jsonld.get("dateCreated")
        )
    if published is None:
        for time_el in tree.iter("time"):
            if time_el.get("pubdate") is not None or "published" in (time_el.get("class") or ""):
                published = _parse_date(time_el.get("datetime"))
                if published:
                    break
    result["published"] = published
    title = next((metas[k] for k in _TITLE_META if metas.get(k)), None) or jsonld.get("headline")
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is not None:
        result["h1"] = _clean_inline(h1.text_content())
        title = title or result["h1"]
    if title and isinstance(title, str):
        result["title"] = title
    site = next((metas[k] for k in _SITE_META if metas.get(k)), None)
    if not site and jsonld.get("publisher_name"):
        site = jsonld["publisher_name"]
    if site:
        result["site_name"] = site
    return result


_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "webpage",
    "liveblogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
}


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first article-like JSON-LD object's date, headline and publisher name."""
    found: dict[str, Any] = {}
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue
        for obj in _walk_json_ld(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if not any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                continue
            for key in ("datePublished", "dateCreated", "headline"):
                if isinstance(obj.get(key), str) and key not in found:
                    found[key] = obj[key]
            publisher = obj.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher_name", publisher["name"])
            if "datePublished" in found:
                return found
    return found


def _walk_json_ld(data: Any, depth: int = 0) -> Iterable[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_json_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_json_ld(graph, depth + 1)


_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)")


def _parse_date(value: object) -> date | None:
    """A publication date from ISO 8601 or RFC 822 text, as the publisher's local date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _valid_date(value.tm_year, value.tm_mon, value.tm_mday)
    text = str(value).strip()
    if not text:
        return None
    # ISO 8601 (the date part is the publisher's local date: keep it, do not shift to UTC).
    match = _ISO_DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match:
        return _valid_date(*(int(g) for g in match.groups()))
    # RFC 822 / 2822 (RSS pubDate).
    try:
        parsed = email.utils.parsedate_tz(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed:
        return _valid_date(parsed[0], parsed[1], parsed[2])
    return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- feeds

_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")


def _feed_documents(
    data: bytes,
    source: str,
    content_type: str | None,
    base_url: str | None,
    fetch_page: Callable[[str], tuple[bytes, str | None, str]] | None,
    fetch_budget: float | None = None,
) -> WebDocuments:
    import io

    import feedparser

    headers = {"content-type": content_type or "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    try:
        # A stream, never a string: feedparser treats a str as a URL or a file name.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient; anything here is malformed
        raise WebError(f"{source}: malformed feed ({type(exc).__name__})") from None

    failures: list[str] = []
    notes: list[str] = []
    entries = [e for e in parsed.entries if e.get("title") or e.get("link") or _entry_html(e)[0]]
    bozo = parsed.get("bozo") and type(parsed.get("bozo_exception")).__name__ not in _HARMLESS_BOZO
    if bozo:
        problem = _bozo_problem(parsed.get("bozo_exception"))
        if not entries:
            raise WebError(f"{source}: malformed feed ({problem})")
        failures.append(
            f"{source}: malformed feed ({problem}); read the {len(entries)} items before the error"
        )
    if not entries:
        raise WebError(f"{source}: the feed has no items")
    feed_title = _clean_inline(parsed.feed.get("title") or "") or None

    total = len(entries)
    entries = entries[:MAX_FEED_ITEMS]
    if total > MAX_FEED_ITEMS:
        notes.append(f"{source}: the feed has {total} items; read the first {MAX_FEED_ITEMS}")

    plans = [
        _plan_entry(entry, index, source, fetch_page is not None)
        for index, entry in enumerate(entries)
    ]
    # Fetch the linked pages that are needed, a few at a time; parse them here, in order.
    links = [plan["fetch"] for plan in plans if plan.get("fetch")]
    fetched: dict[str, tuple[bytes, str | None, str] | WebError] = {}
    if links and fetch_page is not None:
        unique = list(dict.fromkeys(links))

        def get(link: str) -> tuple[bytes, str | None, str] | WebError:
            try:
                return fetch_page(link)
            except WebError as exc:
                return exc
            except Exception as exc:  # noqa: BLE001 - one item's failure must not stop the feed
                return WebError(f"could not fetch {link}: {type(exc).__name__}: {exc}")

        fetched = _fetch_all(unique, get, fetch_budget)

    documents: list[WebDocument] = []
    seen: set[str] = set()
    for plan in plans:
        try:
            doc = _entry_document(plan, fetched, feed_title)
        except WebError as exc:
            failures.append(str(exc))
            continue
        key = doc.source
        if key in seen:
            continue
        seen.add(key)
        documents.append(doc)
    if not documents:
        first = failures[-1] if failures else "no readable items"
        raise WebError(
            f"{source}: none of the feed's {len(plans)} items could be read (e.g. {first})"
        )
    return WebDocuments(documents, failures, notes)


def _fetch_all(
    links: list[str],
    get: Callable[[str], tuple[bytes, str | None, str] | WebError],
    budget: float | None,
) -> dict[str, tuple[bytes, str | None, str] | WebError]:
    """Fetch ``links`` a few at a time; whatever is not done within ``budget`` s fails."""
    pool = ThreadPoolExecutor(max_workers=min(_FETCH_WORKERS, len(links)))
    try:
        futures = {link: pool.submit(get, link) for link in links}
        wait(futures.values(), timeout=budget)
        results: dict[str, tuple[bytes, str | None, str] | WebError] = {}
        for link, future in futures.items():
            if future.done():
                results[link] = future.result()
            else:
                results[link] = WebError(
                    f"could not fetch {link}: not fetched within the feed's time budget "
                    f"({budget:g} s)"
                )
        return results
    finally:
        # Drop the queue; a request already running ends by its own timeout.
        pool.shutdown(wait=False, cancel_futures=True)


def _bozo_problem(exc: object) -> str:
    """feedparser's parse error as a short phrase: "line 6, column 31: mismatched tag"."""
    get_line = getattr(exc, "getLineNumber", None)
    get_message = getattr(exc, "getMessage", None)
    if callable(get_line) and callable(get_message):
        try:
            return f"line {get_line()}, column {exc.getColumnNumber()}: {get_message()}"
        except Exception:  # noqa: BLE001 - fall back to the plain message
            pass
    return _one_line(str(exc or "")) or "not well-formed"


def _entry_html(entry: Any) -> tuple[str, bool]:
    """(text of the entry's fullest body, True if it came from <content>)."""
    best, best_is_content = "", False
    for detail in entry.get("content") or []:
        text = _fragment_text(detail.get("value") or "", detail.get("type"))
        if len(text) > len(best):
            best, best_is_content = text, True
    if not best:
        detail = entry.get("summary_detail") or {}
        best = _fragment_text(entry.get("summary") or "", detail.get("type"))
    return best, best_is_content


def _fragment_text(value: str, mime: str | None) -> str:
    """Plain paragraphs from an entry's content or summary (HTML unless typed as plain)."""
    if not value or not value.strip():
        return ""
    if (mime or "").lower() == "text/plain" or "<" not in value:
        import html

        parts = re.split(r"\n\s*\n", html.unescape(value))
        return "\n\n".join(" ".join(p.split()) for p in parts if p.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # noqa: BLE001 - unparseable markup: keep its visible text
        return _paragraphs(re.sub(r"<[^>]+>", " ", value))
    return _tree_text(root, drop_furniture=False)


def _plan_entry(entry: Any, index: int, feed_source: str, can_fetch: bool) -> dict[str, Any]:
    link = (entry.get("link") or "").strip()
    if not link:
        entry_id = (entry.get("id") or "").strip()
        link = entry_id if is_web_source(entry_id) else ""
    text, from_content = _entry_html(entry)
    title = _clean_inline(entry.get("title") or "")
    if re.search(r"<[a-zA-Z/][^>]*>", title):  # a title with markup in it
        title = _clean_inline(_fragment_text(title, "text/html"))
    name = f"'{title[:60]}'" if title else f"#{index + 1}"
    full = from_content or _word_count(text) >= _FULL_TEXT_WORDS
    fetch = link if (can_fetch and not full and is_web_source(link)) else None
    published = None
    for key in ("published", "updated", "created"):
        published = _parse_date(entry.get(key))
        if published:
            break
    if published is None:
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            published = _parse_date(entry.get(key))
            if published:
                break
    return {
        "source": link if is_web_source(link) else f"{feed_source}#item-{index + 1}",
        "name": f"feed item {name} of {feed_source}",
        "title": title,
        "text": text,
        "published": published,
        "fetch": fetch,
    }


def _entry_document(
    plan: dict[str, Any],
    fetched: dict[str, tuple[bytes, str | None, str] | WebError],
    feed_title: str | None,
) -> WebDocument:
    link = plan.get("fetch")
    if link:
        result = fetched.get(link)
        if isinstance(result, WebError):
            raise WebError(f"{plan['name']}: {result}")
        if result is None:  # pragma: no cover - every planned link is fetched
            raise WebError(f"{plan['name']}: linked page was not fetched")
        body, content_type, final_url = result
        try:
            kind = _sniff(body, link, content_type)
            if kind != "html":
                raise WebError(f"{link}: the linked page is a feed, not an article")
            page = _page_document(body, link, content_type, final_url)
        except WebError as exc:
            raise WebError(f"{plan['name']}: {exc}") from None
        return WebDocument(
            source=plan["source"],
            title=plan["title"] or page.title,
            text=page.text,
            published=plan["published"] or page.published,
            source_name=page.source_name or feed_title,
        )
    text = _drop_leading_title(plan["text"], plan["title"])
    if not text.strip():
        raise WebError(f"{plan['name']}: the item has no text")
    return WebDocument(
        source=plan["source"],
        title=plan["title"] or _first_line_title(text),
        text=text,
        published=plan["published"],
        source_name=feed_title,
    )
