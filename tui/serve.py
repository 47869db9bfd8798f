"""``nkwatch serve``: the dashboard in a browser, through textual-serve.

textual-serve (the Textual project's own server) answers a page that runs xterm.js and,
for each browser tab that connects to its websocket, starts one process of the command
it was given: here ``python -m tui.serve --session DB [--read-only]``, which runs
:class:`tui.app.NkwatchApp` with Textual's web driver. Every tab is its own dashboard.

On top of textual-serve's ``Server`` (subclassed in :mod:`tui.web_server`, loaded only
to serve) come what a newsroom server needs:

- the page is our own template (``templates/serve.html``): its fonts come from the
  server (no font service on the internet), and the websocket address is taken from
  the address the browser used, so ``--host 0.0.0.0`` works from other machines and
  behind a proxy;
- the listening socket is opened here before anything is printed, so a port in use or a
  wrong host is one clear error, and ``--port 0`` takes a free port;
- a websocket opened by a page from another site (its ``Origin`` is not this server)
  is refused, and when serving on a loopback address only loopback host names are
  answered, so a web page in the same browser cannot drive the dashboard (cross-site
  websocket hijacking, DNS rebinding).
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class ServeError(Exception):
    """Serving cannot start; the message says why, in one line."""


def session_command(db_path: str | Path, read_only: bool) -> str:
    """The shell command textual-serve runs for each browser tab.

    The session ignores SIGINT: Ctrl+C in the server's terminal reaches every process
    of its group, and the server, not the signal, ends each session (it tells them to
    quit on its way out), so no session dies halfway with a traceback."""
    argv = [sys.executable, "-m", "tui.serve", "--session", str(db_path)]
    if read_only:
        argv.append("--read-only")
    return "trap '' INT; exec " + shlex.join(argv)


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as it goes in a URL (IPv6 addresses in brackets)."""
    return f"[{host}]" if ":" in host else host


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``, or ServeError saying why not."""
    where = f"{url_host(host)}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ServeError(f"cannot listen on {host!r}: unknown host ({e.strerror})") from None
    family, type_, proto, _, address = infos[0]
    sock = socket.socket(family, type_, proto)
    try:
        # Lets a restarted server take its port back at once (not a port in use).
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is in use (another server?); choose another with --port"
            ) from None
        if e.errno == errno.EACCES:
            raise ServeError(
                f"cannot listen on {where}: permission denied (ports below 1024 need "
                "privileges); choose another with --port"
            ) from None
        if e.errno == errno.EADDRNOTAVAIL:
            raise ServeError(f"cannot listen on {host}: not an address of this machine") from None
        raise ServeError(f"cannot listen on {where}: {e.strerror or e}") from None
    sock.setblocking(False)
    return sock


def start_line(host: str, port: int, db_path: str | Path, read_only: bool) -> str:
    """The one line printed at start: where to go, and who can reach the data."""
    if host in ("0.0.0.0", "::"):
        where = f"http://{socket.gethostname()}:{port}/ (every network interface)"
    else:
        where = f"http://{url_host(host)}:{port}/"
    if read_only:
        who = f"can read the database {db_path} (read-only)"
    else:
        who = f"can read and change the database {db_path} (--read-only prevents changes)"
    return f"nkwatch: serving the dashboard at {where} - anyone who can reach this address {who}"


def refusal(host_header: str, origin: str | None, loopback_only: bool) -> str | None:
    """Why a request with this ``Host`` and ``Origin`` is refused, or None.

    Served on loopback, only loopback names are answered: a web page cannot point a
    name of its own at 127.0.0.1 (DNS rebinding). A browser's websocket from another
    site carries that site's ``Origin``: refused (cross-site websocket hijacking)."""
    hostname = urlsplit(f"//{host_header}").hostname or ""
    if loopback_only and not is_loopback(hostname):
        return f"this dashboard is served to this machine only, not as {host_header!r}"
    if origin is not None and urlsplit(origin).netloc.lower() != host_header.lower():
        return f"a page from {origin} may not open this dashboard"
    return None


def serve(sock: socket.socket, db_path: str | Path, read_only: bool) -> int:
    """Serve the dashboard on ``sock`` (from :func:`listen`) until interrupted."""
    from tui.web_server import DashboardServer

    host, port = sock.getsockname()[:2]
    server = DashboardServer(
        session_command(db_path, read_only), sock, start_line(host, port, db_path, read_only)
    )
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    return 0


def run_session(argv: list[str] | None = None) -> int:
    """One browser tab's dashboard (run by textual-serve with Textual's web driver)."""
    from tui.app import run_dashboard

    parser = argparse.ArgumentParser(prog="python -m tui.serve")
    parser.add_argument("--session", metavar="DB", required=True)
    parser.add_argument("--read-only", action="store_true")
    args = parser.parse_args(argv)
    run_dashboard(args.session, read_only=args.read_only)
    return 0


if __name__ == "__main__":
    sys.exit(run_session())
