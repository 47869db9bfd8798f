"""Reading one HTML page: its text (trafilatura, else the markup's blocks), title,
outlet and publication date (meta tags, JSON-LD, ``<time>``).

lxml and trafilatura are imported when a page is read, not before.
"""

from __future__ import annotations

import codecs
import email.utils
import json
import re
import time
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from store.sources.documents import WebDocument, WebError

# A page whose extracted text has fewer words than this has no article in it.
_MIN_ARTICLE_WORDS = 8

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


def decode(data: bytes, content_type: str | None) -> str:
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


def page_document(
    data: bytes, source: str, content_type: str | None, base_url: str | None
) -> WebDocument:
    text = decode(data, content_type)
    tree = _parse_html(text)
    meta = _page_metadata(tree) if tree is not None else {}
    extracted = _trafilatura(text, base_url)
    body = extracted.get("text") or ""
    if word_count(body) < _MIN_ARTICLE_WORDS and tree is not None:
        body = tree_text(tree, drop_furniture=True)
    title = clean_inline(meta.get("title") or extracted.get("title") or "")
    for headline in (title, meta.get("h1"), extracted.get("title")):
        body = drop_leading_title(body, headline or "")
    if word_count(body) < _MIN_ARTICLE_WORDS:
        raise WebError(f"{source}: no article text found on the page")
    if not title:
        title = first_line_title(body)
    published = meta.get("published") or parse_date(extracted.get("date"))
    source_name = clean_inline(meta.get("site_name") or extracted.get("sitename") or "") or None
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
        "text": paragraphs(raw.get("text") or ""),
        "title": raw.get("title"),
        "date": raw.get("date"),
        "sitename": raw.get("sitename"),
    }


def paragraphs(text: str) -> str:
    """One paragraph per non-empty line, whitespace collapsed, joined by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def tree_text(root: Any, *, drop_furniture: bool) -> str:
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


def drop_leading_title(body: str, title: str) -> str:
    """Remove a first paragraph that only repeats the headline."""
    if not title:
        return body
    first, sep, rest = body.partition("\n\n")
    if _norm(first) == _norm(title) and rest:
        return rest
    return body


def first_line_title(body: str) -> str:
    first = body.split("\n\n", 1)[0]
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "..."


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def clean_inline(text: str) -> str:
    return " ".join(str(text).split())


def word_count(text: str) -> int:
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
        published = parse_date(metas.get(key))
        if published:
            break
    if published is None:
        published = parse_date(jsonld.get("datePublished")) or parse_date(jsonld.get("dateCreated"))
    if published is None:
        for time_el in tree.iter("time"):
            if time_el.get("pubdate") is not None or "published" in (time_el.get("class") or ""):
                published = parse_date(time_el.get("datetime"))
                if published:
                    break
    result["published"] = published
    title = next((metas[k] for k in _TITLE_META if metas.get(k)), None) or jsonld.get("headline")
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is not None:
        result["h1"] = clean_inline(h1.text_content())
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


def parse_date(value: object) -> date | None:
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
