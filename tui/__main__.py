"""``python -m tui``: the same as the ``nkwatch`` command."""

from tui.cli import entry

entry()
