"""``python -m tui``: the same as the ``nkwatch`` command."""

import sys

from tui.cli import main

sys.exit(main())
