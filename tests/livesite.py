"""A news site on 127.0.0.1 whose feed and pages change while a test runs.

``LiveSite`` is a real ``http.server`` in a thread. A test sets what each path serves
(``site.put(path, body, content_type)``) and changes it between polls; the server
answers conditional GETs like a real one (``ETag`` from the body, ``Last-Modified`` from
when it was put; ``304 Not Modified`` when they match) and records every request. A few
paths misbehave on purpose: ``/loop`` redirects to itself, ``/error`` answers 500,
``/slow`` answers after ``slow_seconds``.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.server
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Resource:
    body: bytes
    content_type: str
    modified: float = field(default_factory=time.time)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


class LiveSite:
    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.slow_seconds = 2.0
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                with site.lock:
                    site.requests.append((self.path, dict(self.headers)))
                    resource = site.resources.get(self.path)
                if self.path == "/loop":
                    return self.reply(302, b"", "text/html", Location="/loop")
                if self.path == "/error":
                    return self.reply(500, b"oops", "text/plain")
                if self.path == "/slow":
                    time.sleep(site.slow_seconds)
                    return self.reply(200, b"<p>late</p>", "text/html")
                if resource is None:
                    return self.reply(404, b"<html><body>Not here</body></html>", "text/html")
                stamp = email.utils.formatdate(resource.modified, usegmt=True)
                headers = {"ETag": resource.etag, "Last-Modified": stamp}
                if self.headers.get("If-None-Match") == resource.etag:
                    return self.reply(304, b"", None, **headers)
                return self.reply(200, resource.body, resource.content_type, **headers)

            def reply(self, status, body, content_type, **headers):
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key.replace("_", "-"), value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that gave up
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> LiveSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.resources[path] = Resource(data, content_type)

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for ``path`` so far."""
        with self.lock:
            return [headers for p, headers in self.requests if p == path]


def rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """An RSS feed; ``items`` are (title, link, description or full HTML content)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        + (
            f"<content:encoded><![CDATA[{text}]]></content:encoded>"
            if text.startswith("<")
            else f"<description>{text}</description>"
        )
        + "</item>"
        for t, link, text in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>/</link>{body}</channel></rss>"
    )


def page(title: str, *paragraphs: str, published: str = "2024-11-20") -> str:
    """An article page with its metadata."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:title' content='{title}'>"
        "<meta property='og:site_name' content='Border Wire'>"
        f"<meta property='article:published_time' content='{published}T09:00:00+00:00'>"
        f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{text}"
        "</article><footer>Copyright Border Wire</footer></body></html>"
    )
