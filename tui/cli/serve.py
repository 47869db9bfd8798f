"""``nkwatch serve``: the dashboard in a browser (textual-serve, an optional extra).

Checks everything that can fail before it says where to go: textual-serve is
installed, the database opens (read-write: created, migrated and seeded as for the
dashboard; ``--read-only``: it must exist and is only read), the address can be
listened on. Then one line gives the URL and who can reach the data.
"""

from __future__ import annotations

import argparse

from tui.cli.common import PROG, CliError, Options, err, open_database

INSTALL_HINT = f"pip install '{PROG}[serve]' (or: pip install textual-serve)"


def port_number(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r} (0 to 65535)")
    return n


def add_parsers(sub, opts: Options) -> dict:
    p = sub.add_parser(
        "serve",
        parents=[opts.db],
        help="serve the dashboard to web browsers",
        description="Serve the dashboard to web browsers (each tab is its own dashboard). "
        "Anyone who can reach the address can read, and unless --read-only change, "
        "the database.",
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only; "
        "0.0.0.0 for every network interface)",
    )
    p.add_argument(
        "--port", type=port_number, default=8000, help="port (default: 8000; 0 takes a free one)"
    )
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open the database read-only: browsers can look but not change anything",
    )
    return {"serve": cmd_serve}


def _check_textual_serve() -> None:
    try:
        import textual_serve.server  # noqa: F401
    except ModuleNotFoundError as e:
        if e.name and e.name.split(".")[0] in ("textual_serve", "aiohttp", "aiohttp_jinja2"):
            raise CliError(
                f"serve needs textual-serve, which is not installed: {INSTALL_HINT}"
            ) from None
        raise


def _prepare_database(args: argparse.Namespace) -> str:
    from store.paths import resolve_db_path

    # Absolute: each browser tab's dashboard runs as a process of its own.
    path = resolve_db_path(getattr(args, "db", None)).absolute()
    if args.read_only:
        from store.db import DatabaseError, check_readable

        try:
            check_readable(path)
        except DatabaseError as e:
            raise CliError(str(e)) from None
        return str(path)
    from store.ingest import ensure_seeded

    db = open_database(args)
    try:
        for o in ensure_seeded(db):
            if o.status == "error":
                err(f"{o.source}: {o.message}")
    finally:
        db.close()
    return str(path)


def cmd_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    _check_textual_serve()
    path = _prepare_database(args)
    from tui import serve

    try:
        sock = serve.listen(args.host, args.port)
    except serve.ServeError as e:
        raise CliError(str(e)) from None
    return serve.serve(sock, path, read_only=args.read_only)
