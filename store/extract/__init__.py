"""The extraction pipeline: article text + publication date -> figures and dates.

Pure functions only: nothing here reads files, fetches URLs or touches the database,
and nothing here imports ``store.sources``, the database modules or ``tui``
(tests/test_layering.py checks it). The one entry point is :func:`extract`; the
steps, in the order they run:

``sentences`` (split with offsets) -> ``dates`` (date expressions, resolved against the
publication date) -> ``numbers`` (numbers as written) -> ``units`` / ``actors`` /
``attribution`` (what is counted, whose, who says so) -> ``figures`` (assembles them).
``models`` holds the records they return; ``data/actors.json`` the alias table.

Importing this package is cheap: the steps load when :func:`extract` first runs, so
code that only needs ``store.extract.sentences`` does not pay for the rest.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.extract.models import Extraction


def extract(body: str, published: date | None) -> Extraction:
    """Figures and date expressions of ``body``, with offsets into ``body``.

    ``published`` is the date relative expressions ("last month", "on Tuesday")
    resolve against; with ``None`` only expressions that carry their own year
    are resolved.
    """
    from store.extract.pipeline import extract as run

    return run(body, published)
