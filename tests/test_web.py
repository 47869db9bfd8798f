"""store.sources.web: articles from URLs and from HTML / RSS / Atom files.

Every URL here points at a throw-away http.server on 127.0.0.1; nothing leaves loopback.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import subprocess
import sys
import threading
import time
import zlib
from datetime import date
from pathlib import Path

import pytest

from store.sources import fetch as fetching
from store.sources import page, web
from store.sources.web import WebDocument, WebDocuments, WebError

DATA = Path(__file__).parent / "data" / "web"


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


# --------------------------------------------------------------------------- local server

LINKED_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Local Wire</title>
    <link>/</link>
    <item>
      <title>Teaser only: fetch the page</title>
      <link>/articles/one.html</link>
      <pubDate>Tue, 19 Nov 2024 08:00:00 +0000</pubDate>
      <description>Read more about the deployment.</description>
    </item>
    <item>
      <title>The linked page is gone</title>
      <link>/articles/missing.html</link>
      <description>Short teaser.</description>
    </item>
    <item>
      <title>Full content in the feed</title>
      <link>/articles/three.html</link>
      <content:encoded><![CDATA[<p>The full story is in the feed: 2,000 soldiers moved to the
      border on Monday, officials said.</p>]]></content:encoded>
    </item>
    <item>
      <title>Teaser without a date</title>
      <link>/article.html</link>
      <description>Seoul has new numbers.</description>
    </item>
  </channel>
</rss>
"""

LINKED_PAGE_ONE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>One</title>
<meta property="og:site_name" content="Local Wire Online">
<meta property="article:published_time" content="2024-11-18T23:00:00-05:00">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Teaser only: fetch the page</h1>
<p>Russia has received about 1,500 more North Korean troops this month, according to a
Ukrainian intelligence official who spoke on condition of anonymity.</p>
<p>The official said the soldiers were being trained in artillery and drone operations before
any move to the front.</p></article>
<footer>Copyright Local Wire</footer></body></html>
"""


_LOL = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol0 "lol">{_LOL}]>
<rss version="2.0"><channel><title>Lol</title>
<item><title>Lol</title><description>&lol9;</description></item>
<item><title>Plain</title><description>An ordinary item: 3,000 troops crossed.</description></item>
</channel></rss>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>X</title>
<item><title>Secret</title><description>&xxe;</description></item></channel></rss>
"""
BOMB = gzip.compress(b"\0" * 20_000_000, compresslevel=9)
STAMP = "Tue, 19 Nov 2024 08:00:00 GMT"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    requests: list[str] = []

    def log_message(self, *args):  # keep the test output quiet
        pass

    def send_body(self, body: bytes, content_type: str | None, status: int = 200, **headers):
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
            pass

    def localised(self, name: str) -> bytes:
        base = f"http://127.0.0.1:{self.server.server_address[1]}".encode()
        data = read(name)
        return data.replace(b"https://harbour.example", base).replace(b"https://news.example", base)

    def do_GET(self):  # noqa: C901 - a routing table
        type(self).requests.append(self.path)
        path = self.path
        html = "text/html; charset=utf-8"
        if path == "/article.html":
            self.send_body(read("article.html"), html)
        elif path == "/cp1252.html":
            self.send_body(read("article_jsonld.html"), "text/html; charset=windows-1252")
        elif path == "/no-type.html":
            self.send_body(read("article.html"), None)
        elif path == "/redirect":
            self.send_body(b"", html, status=302, Location="/article.html")
        elif path == "/lol.xml":
            self.send_body(BILLION_LAUGHS.encode(), "application/rss+xml")
        elif path == "/xxe.xml":
            self.send_body(XXE.encode(), "application/rss+xml")
        elif path == "/loop":
            self.send_body(b"", html, status=302, Location="/loop")
        elif path == "/gzip":
            self.send_body(gzip.compress(read("article.html")), html, Content_Encoding="gzip")
        elif path == "/gzip-bomb":  # 20 MB of zeros in about 20 kB
            self.send_body(BOMB, html, Content_Encoding="gzip")
        elif path == "/corrupt-gzip":
            self.send_body(
                b"\x1f\x8b\x08\x00garbage that is not deflate", html, Content_Encoding="gzip"
            )
        elif path == "/deflate":
            self.send_body(zlib.compress(read("article.html")), html, Content_Encoding="deflate")
        elif path == "/raw-deflate":
            packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            body = packer.compress(read("article.html")) + packer.flush()
            self.send_body(body, html, Content_Encoding="deflate")
        elif path == "/brotli":
            self.send_body(b"\x0b\x02\x80hello\x03", html, Content_Encoding="br")
        elif path == "/to-file":
            self.send_body(b"", html, status=302, Location="file:///etc/passwd")
        elif path == "/to-ftp":
            self.send_body(b"", html, status=301, Location="ftp://127.0.0.1/x")
        elif path == "/no-target":
            self.send_body(b"", html, status=302)
        elif path == "/validated.html":
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_body(b"", None, status=304, ETag=etag)
            else:
                self.send_body(read("article.html"), html, ETag=etag, Last_Modified=STAMP)
        elif path == "/feed.xml":
            self.send_body(LINKED_FEED.encode(), "application/rss+xml")
        elif path == "/atom":  # its links, made local: never contact another host
            self.send_body(self.localised("feed_atom.xml"), "application/atom+xml")
        elif path == "/world/seoul-arms":
            self.send_body(read("article.html"), html)
        elif path == "/feed-as-html":
            self.send_body(self.localised("feed_rss.xml"), "text/html")
        elif path == "/malformed.xml":
            self.send_body(read("feed_malformed.xml"), "application/rss+xml")
        elif path == "/articles/one.html":
            self.send_body(LINKED_PAGE_ONE.encode(), html)
        elif path == "/articles/three.html":
            self.send_body(b"<html><body><p>never needed</p></body></html>", html)
        elif path == "/empty.html":
            self.send_body(read("empty.html"), html)
        elif path == "/zero":
            self.send_body(b"", html)
        elif path == "/image.png":
            self.send_body(read("binary.html"), "image/png")
        elif path == "/blob":
            self.send_body(read("binary.html"), "application/octet-stream")
        elif path == "/json":
            self.send_body(b'{"articles": []}', "application/json")
        elif path == "/plain":
            self.send_body(b"Just some words, not a page.", "text/plain")
        elif path == "/big":
            self.send_body(b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>", html)
        elif path == "/big-no-length":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            self.wfile.write(b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>")
        elif path == "/slow-feed.xml":
            items = "".join(
                f"<item><title>T{n}</title><link>{link}</link><description>Teaser.</description>"
                "</item>"
                for n, link in enumerate(["/article.html", "/pause?1", "/pause?2"])
            )
            feed = f'<rss version="2.0"><channel><title>S</title>{items}</channel></rss>'
            self.send_body(feed.encode(), "application/rss+xml")
        elif path.startswith("/pause?"):
            time.sleep(1.5)
            self.send_body(read("article.html"), html)
        elif path == "/slow":
            time.sleep(2.0)
            self.send_body(read("article.html"), html)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", html)
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>drip</p>")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif path == "/server-error":
            self.send_body(b"oops", "text/plain", status=500)
        else:
            self.send_body(b"<html><body>Not here</body></html>", html, status=404)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Loopback must not go through any proxy configured in the environment."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    Handler.requests.clear()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Fail, without any DNS query, if anything tries to reach a host other than loopback."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1"):
            raise AssertionError(f"test tried to contact {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_one_line(error: pytest.ExceptionInfo[WebError], *fragments: str) -> str:
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# --------------------------------------------------------------------------- HTML pages


def test_html_page_main_text_without_furniture():
    docs = web.documents_from_file(DATA / "article.html")
    assert isinstance(docs, WebDocuments) and isinstance(docs, list)
    assert docs.failures == [] and docs.notes == []
    [doc] = docs
    assert isinstance(doc, WebDocument)
    assert doc.source == str(DATA / "article.html")
    assert doc.title == "Seoul says 3,000 more North Korean troops sent to Russia"
    assert doc.source_name == "Harbour Post"
    # article:published_time is 2024-11-20T01:30+09:00: the publisher's date, not UTC's 19th
    assert doc.published == date(2024, 11, 20)
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("South Korea's National Intelligence Service said on Wednesday")
    assert "more than 13,000 troops." in paragraphs[0]
    assert "\n" not in paragraphs[0]  # source line breaks inside a paragraph are folded
    assert paragraphs[-1].endswith('had seen "no sign" of the deployment slowing.')
    for furniture in (
        "Subscribe",
        "Politics",
        "Home",
        "Share on",
        "Related Posts",
        "Load More",
        "Privacy policy",
        "All rights reserved",
        "dataLayer",
        "font-family",
    ):
        assert furniture not in doc.text, furniture
    # the headline is the title, not a paragraph of the body
    assert not doc.text.startswith(doc.title)


def test_json_ld_date_declared_charset_and_publisher():
    data = read("article_jsonld.html")
    assert b"\x92" in data  # a windows-1252 right single quote, invalid as UTF-8
    [doc] = web.documents_from_bytes(data, "page.html", "text/html")
    assert doc.published == date(2024, 10, 31)  # 22:15 at -05:00, still the 31st there
    assert doc.source_name == "Eastern Wire"
    assert doc.title == "Kyiv expects up to 15,000 troops in Kursk"
    assert "Ukraine\u2019s ambassador in Seoul" in doc.text
    assert "Russia\u2019s Kursk region" in doc.text
    assert "\ufffd" not in doc.text
    assert "Front page" not in doc.text
    assert "envoy" not in doc.text  # the <h1> headline is not body text


def test_page_metadata_on_pages_with_gold():
    """trafilatura's metadata (htmldate for dates) on 20 pages of many CMS shapes: every
    publication date right, none invented; 57 of the 60 fields (bench/metadata.py)."""
    import json

    folder = DATA / "metadata"
    gold = json.loads((folder / "gold.json").read_text())
    right, dates = 0, 0
    for name, want in gold.items():
        got = page.page_metadata(page.decode(read(f"metadata/{name}"), None), want["url"])
        published = got.get("published")
        dates += (published.isoformat() if published else None) == want["published"]
        right += sum(got.get(k) == want[k] for k in ("title", "site_name"))
    assert (dates, right + dates) == (len(gold), 57)


def test_page_without_metadata_falls_back_and_has_no_date():
    html = (
        b"<html><body><div><p>Some 600 soldiers crossed the river at night, a local official "
        b"said, adding that more were expected.</p></div></body></html>"
    )
    [doc] = web.documents_from_bytes(html, "plain-page")
    assert doc.published is None  # never invented, never "today"
    assert doc.source_name is None
    assert doc.text.startswith("Some 600 soldiers crossed the river")
    assert doc.title.startswith("Some 600 soldiers")


def test_fallback_extraction_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(page, "_trafilatura", lambda text, base_url: {})
    [doc] = web.documents_from_file(DATA / "article.html")
    assert "about 3,000 more soldiers to Russia" in doc.text
    assert "Privacy policy" not in doc.text and "Subscribe" not in doc.text
    assert "dataLayer" not in doc.text
    assert doc.published == date(2024, 11, 20)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.html", "no article text found"),
        ("binary.html", "binary content"),
        ("feed_malformed.xml", "malformed feed (line "),
    ],
)
def test_bad_files_are_one_line_errors(name, fragment):
    with pytest.raises(WebError) as error:
        web.documents_from_file(DATA / name)
    assert_one_line(error, str(DATA / name), fragment)


def test_missing_directory_and_oversized_files(tmp_path):
    with pytest.raises(WebError) as error:
        web.documents_from_file(tmp_path / "nope.html")
    assert_one_line(error, "nope.html", "no such file")
    with pytest.raises(WebError) as error:
        web.documents_from_file(tmp_path)
    assert_one_line(error, "directory")
    big = tmp_path / "big.html"
    big.write_bytes(read("article.html"))
    with pytest.raises(WebError) as error:
        web.documents_from_file(big, max_bytes=1000)
    assert_one_line(error, "too large")
    zero = tmp_path / "zero.html"
    zero.write_bytes(b"")
    with pytest.raises(WebError) as error:
        web.documents_from_file(zero)
    assert_one_line(error, "empty document")


def test_utf16_page_with_bom_is_decoded():
    html = "<html><body><p>Le ministère a recensé près de 11 000 soldats déployés à l'est.</p>"
    html += "<p>Selon Séoul, d'autres pourraient suivre en décembre.</p></body></html>"
    [doc] = web.documents_from_bytes(html.encode("utf-16"), "fr.html", "text/html")
    assert "ministère a recensé près de 11 000 soldats" in doc.text


def test_undeclared_latin1_bytes_fall_back_without_failing():
    html = "<html><body><p>Caf\xe9 owners in Seoul said about 40 soldiers passed by, "
    html += "the report said on Thursday, quoting na\xefve witnesses.</p></body></html>"
    [doc] = web.documents_from_bytes(html.encode("latin-1"), "x.html")
    assert "Café owners" in doc.text and "naïve" in doc.text


def test_declared_latin1_means_windows_1252():
    html = b"<html><head><meta charset='iso-8859-1'></head><body><p>Kyiv\x92s envoy said "
    html += b"about 15,000 soldiers \x96 most of them infantry \x96 would rotate.</p></body></html>"
    [doc] = web.documents_from_bytes(html, "x.html", "text/html")
    assert "Kyiv\u2019s envoy" in doc.text and "soldiers \u2013 most" in doc.text


def test_feed_links_resolve_against_base_url_and_stay_unique():
    feed = (
        b'<rss version="2.0"><channel><title>R</title>'
        b"<item><title>A</title><link>/a.html</link><description>About 10 troops.</description>"
        b"</item><item><title>A again</title><link>/a.html</link><description>Same link."
        b"</description></item><item><title>B</title><description>No link, 20 troops."
        b"</description></item></channel></rss>"
    )
    docs = web.documents_from_bytes(feed, "https://wire.example/rss", "application/rss+xml")
    assert [d.source for d in docs] == [
        "https://wire.example/a.html",
        "https://wire.example/rss#item-3",
    ]
    docs = web.documents_from_bytes(feed, "local.rss")  # no base: relative links are not sources
    assert [d.source for d in docs] == ["local.rss#item-1", "local.rss#item-2", "local.rss#item-3"]


def test_xhtml_with_xml_declaration():
    page = read("article.html").replace(
        b"<!DOCTYPE html>", b'<?xml version="1.0" encoding="utf-8"?>'
    )
    [doc] = web.documents_from_bytes(page, "x.xhtml", "application/xhtml+xml")
    assert "about 3,000 more soldiers" in doc.text


@pytest.mark.parametrize(
    ("data", "content_type", "fragment"),
    [
        (b'{"a": 1}', "application/json", "content type application/json"),
        (b"just text without markup", None, "not an HTML page or feed"),
        (b"<?xml version='1.0'?><catalog><book/></catalog>", "application/xml", "not an RSS"),
        (b"   \n\t ", "text/html", "empty document"),
    ],
)
def test_documents_from_bytes_rejects_what_is_not_a_page(data, content_type, fragment):
    with pytest.raises(WebError) as error:
        web.documents_from_bytes(data, "thing", content_type)
    assert_one_line(error, "thing", fragment)


# --------------------------------------------------------------------------- feed files


def test_rss_file_uses_content_then_summary_and_never_fetches(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a local feed file must not touch the network")

    monkeypatch.setattr(web, "fetch", no_network)
    docs = web.documents_from_file(DATA / "feed_rss.xml")
    assert [d.source for d in docs] == [
        "https://news.example/asia/pyongyang-10000",
        "https://news.example/asia/allies-weigh",
    ]
    first, second = docs
    assert first.title == "Pyongyang sends 10,000 soldiers east, agency says"
    # content:encoded wins over the one-line description
    assert first.text.split("\n\n") == [
        "North Korea has sent about 10,000 soldiers to Russia, South Korea's spy agency said on "
        "Monday.",
        "Most of them are now deployed near the Kursk region, the agency added, and more could "
        "follow in December.",
    ]
    # pubDate "Mon, 18 Nov 2024 01:00:00 +0900" is the 18th where it was published
    assert first.published == date(2024, 11, 18)
    assert first.source_name == "Eastern Wire: Asia"
    # an HTML summary becomes plain text
    assert second.text == "Officials from seven countries met on Sunday to discuss the deployment."
    assert second.published == date(2024, 11, 17)
    # the item with no text is reported, not dropped silently and not fatal
    assert len(docs.failures) == 1
    assert "No text at all" in docs.failures[0] and "no text" in docs.failures[0]
    assert "\n" not in docs.failures[0]


def test_atom_file():
    docs = web.documents_from_file(DATA / "feed_atom.xml")
    assert [d.title for d in docs] == [
        "Budanov: up to 12,000 North Korean soldiers in Russia",
        "Seoul weighs arms for Kyiv",
    ]
    budanov, seoul = docs
    assert budanov.source == "https://harbour.example/world/budanov-12000"
    assert budanov.published == date(2024, 11, 1)  # <published>, not <updated>
    assert budanov.text.split("\n\n")[1] == "He said about 500 officers were among them."
    assert seoul.published == date(2024, 11, 5)  # only <updated>
    assert seoul.text.startswith("South Korea said it could consider sending weapons")
    assert budanov.source_name == "Harbour Post \u2013 World"
    assert docs.failures == []


def test_feed_title_with_markup_becomes_plain_text():
    feed = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><entry>'
        b'<title type="html">&lt;b&gt;Seoul&lt;/b&gt;: 5 &amp;amp; 6 &lt;i&gt;divisions&lt;/i&gt;'
        b'</title><id>https://a.example/1</id><content type="html">&lt;p&gt;Ten soldiers were '
        b"seen near the border on Monday.&lt;/p&gt;</content></entry></feed>"
    )
    [doc] = web.documents_from_bytes(feed, "x.atom")
    assert doc.title == "Seoul: 5 & 6 divisions"
    assert doc.text == "Ten soldiers were seen near the border on Monday."
    assert doc.published is None


def test_feed_is_cut_at_max_items():
    items = "".join(
        f"<item><title>Item {n}</title><link>https://news.example/{n}</link>"
        f"<description>Report number {n} says {n * 100} troops moved.</description></item>"
        for n in range(web.MAX_FEED_ITEMS + 10)
    )
    feed = f'<rss version="2.0"><channel><title>Long</title>{items}</channel></rss>'
    docs = web.documents_from_bytes(feed.encode(), "long.rss")
    assert len(docs) == web.MAX_FEED_ITEMS
    assert docs[-1].title == f"Item {web.MAX_FEED_ITEMS - 1}"
    assert docs.failures == []
    assert docs.notes == [
        f"long.rss: the feed has {web.MAX_FEED_ITEMS + 10} items; "
        f"read the first {web.MAX_FEED_ITEMS}"
    ]


def test_feed_without_items_or_readable_items():
    with pytest.raises(WebError) as error:
        web.documents_from_bytes(
            b'<rss version="2.0"><channel><title>T</title></channel></rss>', "e"
        )
    assert_one_line(error, "e: the feed has no items")
    blank = b'<rss version="2.0"><channel><item><title>Only a title</title></item></channel></rss>'
    with pytest.raises(WebError) as error:
        web.documents_from_bytes(blank, "b")
    assert_one_line(error, "none of the feed's 1 items could be read", "Only a title")


def test_truncated_feed_keeps_the_items_before_the_break():
    good = "".join(
        f"<item><title>T{n}</title><link>https://news.example/{n}</link>"
        f"<description>About {n} soldiers.</description></item>"
        for n in range(3)
    )
    feed = f'<rss version="2.0"><channel><title>X</title>{good}<item><title>Broken'
    docs = web.documents_from_bytes(feed.encode(), "cut.rss")
    assert [d.title for d in docs] == ["T0", "T1", "T2"]
    assert len(docs.failures) == 1 and "malformed feed" in docs.failures[0]


# --------------------------------------------------------------------------- URLs


def test_fetch_article_page(server):
    url = f"{server}/article.html"
    [doc] = web.fetch_documents(url, timeout=5)
    assert doc.source == url
    assert doc.title == "Seoul says 3,000 more North Korean troops sent to Russia"
    assert doc.published == date(2024, 11, 20)
    assert "about 3,000 more soldiers to Russia" in doc.text
    assert "Related Posts" not in doc.text


@pytest.mark.parametrize("path", ["/redirect", "/gzip", "/no-type.html"])
def test_fetch_follows_redirects_gzip_and_sniffs(server, path):
    url = server + path
    [doc] = web.fetch_documents(url, timeout=5)
    assert doc.source == url  # as given, not the redirect target
    assert doc.published == date(2024, 11, 20)
    assert "about 3,000 more soldiers" in doc.text


def test_fetch_uses_declared_charset(server):
    [doc] = web.fetch_documents(f"{server}/cp1252.html", timeout=5)
    assert "Ukraine\u2019s ambassador" in doc.text


def test_fetch_atom_and_feed_served_as_html(server):
    docs = web.fetch_documents(f"{server}/atom", timeout=5)
    assert [d.source for d in docs] == [
        f"{server}/world/budanov-12000",
        f"{server}/world/seoul-arms",
    ]
    assert docs[0].published == date(2024, 11, 1)
    assert "about 500 officers" in docs[0].text  # from <content>, not fetched
    assert "about 3,000 more soldiers" in docs[1].text  # <summary> only: the page was fetched
    assert docs[1].published == date(2024, 11, 5)  # the entry's date wins
    assert "/world/budanov-12000" not in Handler.requests
    assert docs.failures == []
    # sniffing wins over a wrong text/html label
    docs = web.fetch_documents(f"{server}/feed-as-html", timeout=5)
    assert docs[0].source == f"{server}/asia/pyongyang-10000"
    assert len(docs) == 1 and len(docs.failures) == 2
    assert all("HTTP 404" in failure for failure in docs.failures)


def test_feed_with_linked_pages(server):
    feed_url = f"{server}/feed.xml"
    docs = web.fetch_documents(feed_url, timeout=5)
    by_source = {d.source: d for d in docs}
    assert list(by_source) == [
        f"{server}/articles/one.html",
        f"{server}/articles/three.html",
        f"{server}/article.html",
    ]
    one = by_source[f"{server}/articles/one.html"]
    # the teaser was replaced by the linked page's main text
    assert one.text.startswith("Russia has received about 1,500 more North Korean troops")
    assert "Read more" not in one.text and "Copyright" not in one.text
    assert one.title == "Teaser only: fetch the page"
    assert one.published == date(2024, 11, 19)  # the feed's pubDate wins over the page's
    assert one.source_name == "Local Wire Online"  # the page's site name
    three = by_source[f"{server}/articles/three.html"]
    assert three.text.startswith("The full story is in the feed: 2,000 soldiers")
    assert three.source_name == "Local Wire"
    page = by_source[f"{server}/article.html"]
    assert page.published == date(2024, 11, 20)  # no pubDate: the page's own date
    assert "about 3,000 more soldiers" in page.text
    # the 404 is one failure line; the rest still came through
    assert len(docs.failures) == 1
    failure = docs.failures[0]
    assert "The linked page is gone" in failure and "HTTP 404" in failure
    assert "\n" not in failure
    # full content is not fetched again
    assert "/articles/three.html" not in Handler.requests
    assert "/articles/one.html" in Handler.requests


@pytest.mark.parametrize(
    ("path", "fragments"),
    [
        ("/nothing-here", ["could not fetch", "/nothing-here", "HTTP 404"]),
        ("/server-error", ["HTTP 500"]),
        ("/image.png", ["not an HTML page or feed", "image/png"]),
        ("/blob", ["binary content"]),
        ("/json", ["application/json"]),
        ("/plain", ["not an HTML page or feed", "text/plain"]),
        ("/empty.html", ["no article text found"]),
        ("/zero", ["empty document"]),
        ("/malformed.xml", ["malformed feed"]),
        ("/loop", ["could not fetch", "HTTP 302 too many redirects"]),
    ],
)
def test_fetch_failures_are_one_line(server, path, fragments):
    with pytest.raises(WebError) as error:
        web.fetch_documents(server + path, timeout=5)
    assert_one_line(error, server + path, *fragments)


@pytest.mark.parametrize("path", ["/big", "/big-no-length"])
def test_fetch_size_cap(server, path):
    with pytest.raises(WebError) as error:
        web.fetch_documents(server + path, timeout=5, max_bytes=5_000)
    assert_one_line(error, "too large")
    [doc] = web.fetch_documents(server + path, timeout=5, max_bytes=50_000)
    assert doc.text.startswith("word word")


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_fetch_inflates_gzip_and_both_deflates(server, path):
    body, content_type, final_url = fetching.fetch(server + path, timeout=5, max_bytes=200_000)
    assert body == read("article.html")
    assert content_type.startswith("text/html") and final_url == server + path


def test_a_gzip_bomb_is_refused_within_the_cap(server):
    """20 MB of zeros sent as 20 kB of gzip: refused once the output passes the cap."""
    assert len(BOMB) < 100_000
    with pytest.raises(WebError) as error:
        fetching.fetch(server + "/gzip-bomb", timeout=5, max_bytes=1_000_000)
    assert_one_line(error, "/gzip-bomb", "too large (over 1,000,000 bytes uncompressed)")


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/corrupt-gzip", "corrupt gzip content"),
        ("/brotli", "unsupported content encoding br"),
        ("/no-target", "HTTP 302 redirect without a target"),
        ("/to-file", "redirect to a non-web address refused (file:///etc/passwd)"),
        ("/to-ftp", "redirect to a non-web address refused (ftp://127.0.0.1/x)"),
    ],
)
def test_fetch_refusals_are_one_line(server, path, fragment):
    with pytest.raises(WebError) as error:
        web.fetch_documents(server + path, timeout=5)
    assert_one_line(error, f"could not fetch {server + path}: {fragment}")


def test_conditional_get(server):
    url = server + "/validated.html"
    first = fetching.fetch_response(url, timeout=5, max_bytes=200_000)
    assert (first.etag, first.last_modified, first.not_modified) == ('"v1"', STAMP, False)
    assert first.body == read("article.html")
    again = fetching.fetch_response(url, timeout=5, max_bytes=200_000, etag=first.etag)
    assert again.not_modified and again.body == b"" and again.etag == '"v1"'
    other = fetching.fetch_response(url, timeout=5, max_bytes=200_000, etag='"v0"')
    assert not other.not_modified and other.body == first.body


def test_fetch_connection_refused():
    url = f"http://127.0.0.1:{closed_port()}/article.html"
    with pytest.raises(WebError) as error:
        web.fetch_documents(url, timeout=2)
    assert_one_line(error, f"could not fetch {url}: connection refused")


def test_fetch_timeout(server):
    started = time.monotonic()
    with pytest.raises(WebError) as error:
        web.fetch_documents(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert_one_line(error, "/slow", "timed out after 0.3 s")


def test_feed_linked_pages_share_a_time_budget(server, monkeypatch):
    monkeypatch.setattr(web, "_FEED_BUDGET_FACTOR", 0.25)  # 0.5 s for all pages at timeout=2
    started = time.monotonic()
    docs = web.fetch_documents(f"{server}/slow-feed.xml", timeout=2.0)
    assert time.monotonic() - started < 1.2  # did not wait for the 1.5 s pages
    assert [d.source for d in docs] == [f"{server}/article.html"]
    assert len(docs.failures) == 2
    assert all("time budget" in failure for failure in docs.failures)
    # Nothing will wait for the downloads still running: they are daemon threads.
    fetching_threads = [t for t in threading.enumerate() if t.name == "nkwatch-fetch"]
    assert fetching_threads and all(t.daemon for t in fetching_threads)


def test_fetch_has_a_hard_wall_clock_limit(monkeypatch):
    """A stall that no socket timeout covers (a hung DNS lookup) still ends in time."""
    release = threading.Event()

    def stalled(url, *, timeout, max_bytes):
        release.wait(10)
        raise AssertionError("unreachable in this test")

    monkeypatch.setattr(fetching, "fetch", stalled)
    started = time.monotonic()
    try:
        with pytest.raises(WebError) as error:
            web.fetch_documents("http://127.0.0.1:9/stalled", timeout=0.1)
    finally:
        release.set()
    assert time.monotonic() - started < 2.0
    assert_one_line(error, "could not fetch http://127.0.0.1:9/stalled: timed out after 0.1 s")


def test_fetch_slow_drip_is_bounded(server):
    started = time.monotonic()
    with pytest.raises(WebError) as error:
        web.fetch_documents(f"{server}/drip", timeout=0.2)
    assert time.monotonic() - started < 1.5
    assert_one_line(error, "timed out")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://127.0.0.1/x", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("http:///no-host", "no host name"),
        ("http://bad host/", "invalid address"),
        ("https://[::1/", "invalid address"),
        ("http://127.0.0.1:99999/", "invalid address"),
    ],
)
def test_fetch_rejects_other_addresses(url, fragment):
    with pytest.raises(WebError) as error:
        web.fetch_documents(url, timeout=1)
    assert_one_line(error, fragment)


@pytest.mark.parametrize("path", ["/lol.xml", "/xxe.xml"])
def test_a_feed_declaring_entities_is_refused_whole(server, path):
    """Billion laughs and external entities: refused, not parsed around (feedparser's
    lenient parser used to return the item with the entity left in, `Lol &lol9;`)."""
    with pytest.raises(WebError) as error:
        web.fetch_documents(server + path, timeout=5)
    assert_one_line(error, server + path, "feed refused", "declares its own XML entities")


def test_an_entity_expansion_feed_stores_nothing(server, db, tmp_path):
    from store.ingest import ingest_sources

    local = tmp_path / "lol.xml"
    local.write_text(BILLION_LAUGHS)
    utf16 = tmp_path / "lol16.rss"
    utf16.write_bytes(BILLION_LAUGHS.encode("utf-16"))
    outcomes = list(ingest_sources(db, [f"{server}/lol.xml", str(local), str(utf16)]))
    assert [o.status for o in outcomes] == ["error"] * 3
    assert all("feed refused" in o.message for o in outcomes)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_entities_only_count_in_the_prolog():
    from store.sources.feeds import declares_entities

    assert declares_entities(BILLION_LAUGHS.encode())
    assert declares_entities(XXE.encode("utf-16"))
    text = "<rss><channel><item><description>&lt;!ENTITY is HTML-escaped here"
    assert not declares_entities(text.encode())
    assert not declares_entities(b"<rss><channel><title>About <!ENTITY> declarations</title>")
    assert not declares_entities(read("feed_rss.xml"))


# --------------------------------------------------------------------------- helpers & layering


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-18T01:00:00+09:00", date(2024, 11, 18)),
        ("2024-11-18", date(2024, 11, 18)),
        ("20241118", date(2024, 11, 18)),
        ("Mon, 18 Nov 2024 01:00:00 +0900", date(2024, 11, 18)),
        ("18 Nov 2024 23:59 GMT", date(2024, 11, 18)),
        ("2024-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (time.struct_time((2024, 11, 17, 16, 0, 0, 6, 322, 0)), date(2024, 11, 17)),
    ],
)
def test_parse_date(value, expected):
    assert page.parse_date(value) == expected


def test_source_predicates():
    assert web.is_web_source("https://x.example/a") and web.is_web_source("HTTP://x")
    assert not web.is_web_source("notes/a.html") and not web.is_web_source("-")
    assert web.is_web_file("a/B.HTML") and web.is_web_file("feed.atom")
    assert not web.is_web_file("a.txt") and not web.is_web_file("a.md")


def test_import_is_light():
    """Importing store.sources.web must not pull in trafilatura, feedparser, lxml or a UI library."""
    code = (
        "import sys, store.sources.web;"
        "heavy = {'trafilatura', 'feedparser', 'lxml', 'textual', 'rich'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
