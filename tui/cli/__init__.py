"""``nkwatch``: the command line (see CONTRACT.md).

One module per group of commands (``ingest``, ``listing``, ``dashboard`` ...), each with
an ``add_parsers(sub, options)`` that adds its subcommands and returns their handlers;
``common`` and ``output`` hold what they share. A new command is a new module in
:data:`COMMAND_MODULES`.

Listing commands import only ``store`` (no Textual, no Rich), so scripts stay fast;
the dashboard and the screenshot command import the TUI when they run. Every failure
ends as one ``nkwatch: error: ...`` line on stderr and an exit status (1 for failed
inputs or errors, 2 for usage, 130 when interrupted), never a traceback; set
``NKWATCH_DEBUG=1`` to see the traceback of an unexpected error.

Ctrl-C (SIGINT) and SIGTERM stop any command the same way: the exception unwinds
(an article being written is rolled back), one line is printed, the status is 130,
and :func:`entry` leaves without waiting for threads still blocked on the network.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from tui.cli.common import PROG, CliError, Terminated, common_options, err

COMMAND_MODULES = (
    "tui.cli.ingest",
    "tui.cli.listing",
    "tui.cli.manage",
    "tui.cli.compare",
    "tui.cli.dashboard",
    "tui.cli.serve",
    "tui.cli.watch",
    "tui.cli.alerts",
    "tui.cli.reextract",
)

__all__ = ["CliError", "Terminated", "build_parser", "entry", "main", "run"]


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _exit_now(signum: int, frame: object) -> None:
    os._exit(130)


def _install_signal_handlers() -> Callable[[], None]:
    """SIGTERM unwinds like Ctrl-C; returns what puts the previous handlers back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    return lambda: signal.signal(signal.SIGTERM, previous)


def version() -> str:
    """The installed package's version (from its metadata)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("nkwatch")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _VersionAction(argparse.Action):
    """``--version``, looked up when asked for: reading the package metadata costs
    tens of milliseconds that every other command (and the dashboard) would pay."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{PROG} {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    opts = common_options()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Follow a developing news story through its numbers. "
        "With no command, opens the dashboard.",
        parents=[opts.db],
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        handlers = importlib.import_module(name).add_parsers(sub, opts)
        for command, handler in handlers.items():
            sub.choices[command].set_defaults(handler=handler)
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    from tui.cli.listing import search_words_last

    parser = build_parser()
    args = parser.parse_args(search_words_last(list(sys.argv[1:] if argv is None else argv)))
    if args.command is None:
        from tui.cli.dashboard import cmd_dashboard

        return cmd_dashboard(args, parser)
    return args.handler(args, parser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run, and turn every failure into one line and a status."""
    restore_signals = _install_signal_handlers()
    try:
        return run(argv)
    except SystemExit as e:  # argparse: 2 on usage errors, 0 for --help
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except KeyboardInterrupt as e:
        terminated = isinstance(e, Terminated)
        if not terminated and sys.stderr.isatty():
            print(file=sys.stderr)  # past the "^C" the terminal echoed
        err("terminated" if terminated else "interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`nkwatch figures | head`): stop quietly.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return 141
    except CliError as e:
        err(str(e))
        return e.code
    except Exception as e:
        if os.environ.get("NKWATCH_DEBUG"):
            raise
        if _database_error(e):
            return 1
        detail = " ".join(str(e).split())
        err(f"unexpected {type(e).__name__}" + (f": {detail}" if detail else ""))
        return 1
    finally:
        restore_signals()


def _database_error(e: Exception) -> bool:
    """Say in one line why the database failed, when ``e`` is such a failure."""
    import sqlite3

    from store.db import DatabaseError, unwritable

    if isinstance(e, sqlite3.Error):
        e = unwritable(e, None) or e
    if not isinstance(e, DatabaseError):
        return False
    err(str(e))
    return True


def entry() -> None:
    """The ``nkwatch`` command: :func:`main`, then exit with its status.

    After an interrupt everything that had to be undone is undone (the exception has
    unwound through every ``finally``), so the process leaves at once: it does not wait
    for download threads blocked on a slow server, and a second Ctrl-C meets no
    half-finished interpreter shutdown (no traceback).
    """
    code = main()
    if code == 130:
        for handled in (signal.SIGINT, signal.SIGTERM):
            signal.signal(handled, _exit_now)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(130)
    sys.exit(code)


if __name__ == "__main__":
    entry()
