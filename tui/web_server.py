"""The web server behind ``nkwatch serve``: textual-serve's ``Server`` with our page, our
socket and same-origin checks (see :mod:`tui.serve`). Imported only when serving, so a
browser session's process does not load aiohttp."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from tui.serve import is_loopback, refusal

TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE = "serve.html"


class DashboardServer(Server):
    """textual-serve's server with our page, our socket and same-origin checks."""

    def __init__(
        self, command: str, sock: socket.socket, banner: str, title: str = "nkwatch"
    ) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.sock = sock
        self.banner = banner
        self.loopback_only = is_loopback(host)

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, or None (see :func:`tui.serve.refusal`)."""
        return refusal(request.host, request.headers.get("Origin"), self.loopback_only)

    async def handle_index(self, request: web.Request) -> web.Response:
        if why := self.refusal(request):
            raise web.HTTPForbidden(text=f"nkwatch: {why}\n")
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), 6), 48)
        except ValueError:
            font_size = 16
        context: dict[str, Any] = {"title": self.title, "font_size": font_size}
        return aiohttp_jinja2.render_template(PAGE, request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if why := self.refusal(request):
            raise web.HTTPForbidden(text=f"nkwatch: {why}\n")
        return await super().handle_websocket(request)

    async def on_startup(self, app: web.Application) -> None:
        """Our one line instead of textual-serve's banner: the socket is listening and
        Ctrl+C / SIGTERM are handled from here on."""
        print(self.banner, flush=True)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM; browser sessions are told to quit on the way out."""
        self.debug = debug
        self.initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_exit)
            except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
                pass
        web.run_app(
            self._make_app(),
            sock=self.sock,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,
        )
