#!/usr/bin/env python3
"""Score nkwatch on the real-news gold (tests/data/gold_news/): the full table, and with -v
every miss and every extra record. Same options as ``python -m tests.goldscore``:

    .venv/bin/python bench/gold_news.py          # table
    .venv/bin/python bench/gold_news.py -v       # table + every miss
    .venv/bin/python bench/gold_news.py --seeds  # the seed gold instead
    .venv/bin/python bench/gold_news.py --cli .venv/bin/nkwatch   # through the CLI
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.goldscore import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
