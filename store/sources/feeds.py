"""Reading an RSS or Atom feed: one document per entry, the entry's own text or, for a
network feed whose entries only carry a summary, its linked page.

feedparser is imported when a feed is read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import Any

from store.sources.documents import (
    MAX_FEED_ITEMS,
    WebDocument,
    WebDocuments,
    WebError,
    is_web_source,
    one_line,
    sniff,
)
from store.sources.fetch import fetch_all
from store.sources.page import (
    clean_inline,
    drop_leading_title,
    first_line_title,
    page_document,
    paragraphs,
    parse_date,
    tree_text,
    word_count,
)

# A summary with at least this many words is taken as the entry's full text
# (many feeds put the whole article in <description>).
_FULL_TEXT_WORDS = 150

_HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType", "CharacterEncodingUnknown")


def feed_documents(
    data: bytes,
    source: str,
    content_type: str | None,
    base_url: str | None,
    fetch_page: Callable[[str], tuple[bytes, str | None, str]] | None,
    fetch_budget: float | None = None,
    known: Callable[[str], bool] | None = None,
) -> WebDocuments:
    """The feed's entries as documents. ``known(link)`` says a linked page is stored
    already: such an entry is left out rather than fetched again (the watch follows a
    page's revisions by watching the page itself); a feed with only such entries gives
    no documents, and no error."""
    import io

    import feedparser

    if declares_entities(data):
        raise WebError(
            f"{source}: feed refused: it declares its own XML entities (<!ENTITY ...>), "
            "as entity-expansion (billion laughs) and external-entity attacks do"
        )
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
    feed_title = clean_inline(parsed.feed.get("title") or "") or None

    total = len(entries)
    entries = entries[:MAX_FEED_ITEMS]
    if total > MAX_FEED_ITEMS:
        notes.append(f"{source}: the feed has {total} items; read the first {MAX_FEED_ITEMS}")

    plans = [
        _plan_entry(entry, index, source, fetch_page is not None)
        for index, entry in enumerate(entries)
    ]
    if known is not None:
        plans = [plan for plan in plans if not (plan.get("fetch") and known(plan["fetch"]))]
        if not plans:
            return WebDocuments([], failures, notes)
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

        fetched = fetch_all(unique, get, fetch_budget)

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


_START_TAG = re.compile(r"<[A-Za-z_]")


def declares_entities(data: bytes) -> bool:
    """Whether the document declares entities in its DTD (before its root element).

    Feeds have no use for them; what declares them is an attack: entities that expand
    to gigabytes (billion laughs) or that read local files (XXE). The whole feed is
    refused, not parsed around, so no half-expanded junk is stored.
    """
    head = data[:1_000_000]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", "replace")
    else:  # the markup is ASCII in every encoding a feed may use but UTF-16/32
        text = head.replace(b"\x00", b"").decode("latin-1")
    root = _START_TAG.search(text)
    prolog = text[: root.start()] if root else text
    return "<!entity" in prolog.lower()


def _bozo_problem(exc: object) -> str:
    """feedparser's parse error as a short phrase: "line 6, column 31: mismatched tag"."""
    get_line = getattr(exc, "getLineNumber", None)
    get_message = getattr(exc, "getMessage", None)
    if callable(get_line) and callable(get_message):
        try:
            return f"line {get_line()}, column {exc.getColumnNumber()}: {get_message()}"
        except Exception:  # noqa: BLE001 - fall back to the plain message
            pass
    return one_line(str(exc or "")) or "not well-formed"


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
        return paragraphs(re.sub(r"<[^>]+>", " ", value))
    return tree_text(root, drop_furniture=False)


def _plan_entry(entry: Any, index: int, feed_source: str, can_fetch: bool) -> dict[str, Any]:
    link = (entry.get("link") or "").strip()
    if not link:
        entry_id = (entry.get("id") or "").strip()
        link = entry_id if is_web_source(entry_id) else ""
    text, from_content = _entry_html(entry)
    title = clean_inline(entry.get("title") or "")
    if re.search(r"<[a-zA-Z/][^>]*>", title):  # a title with markup in it
        title = clean_inline(_fragment_text(title, "text/html"))
    name = f"'{title[:60]}'" if title else f"#{index + 1}"
    full = from_content or word_count(text) >= _FULL_TEXT_WORDS
    fetch = link if (can_fetch and not full and is_web_source(link)) else None
    published = None
    for key in ("published", "updated", "created"):
        published = parse_date(entry.get(key))
        if published:
            break
    if published is None:
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            published = parse_date(entry.get(key))
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
            kind = sniff(body, link, content_type)
            if kind != "html":
                raise WebError(f"{link}: the linked page is a feed, not an article")
            page = page_document(body, link, content_type, final_url)
        except WebError as exc:
            raise WebError(f"{plan['name']}: {exc}") from None
        return WebDocument(
            source=plan["source"],
            title=plan["title"] or page.title,
            text=page.text,
            published=plan["published"] or page.published,
            source_name=page.source_name or feed_title,
        )
    text = drop_leading_title(plan["text"], plan["title"])
    if not text.strip():
        raise WebError(f"{plan['name']}: the item has no text")
    return WebDocument(
        source=plan["source"],
        title=plan["title"] or first_line_title(text),
        text=text,
        published=plan["published"],
        source_name=feed_title,
    )
