"""The steps of extraction in order: sentences, dates, figures (with their claimants).

Called through :func:`store.extract.extract`, which loads this module on first use.
Pure: no database, no I/O.
"""

from __future__ import annotations

from datetime import date

from store.extract.dates import find_dates
from store.extract.figures import find_figures
from store.extract.models import Extraction
from store.extract.sentences import split_sentences


def extract(body: str, published: date | None) -> Extraction:
    """Figures and date expressions of ``body``, with offsets into ``body``.

    ``published`` is the date relative expressions ("last month", "on Tuesday")
    resolve against; with ``None`` only expressions that carry their own year
    are resolved.
    """
    sentences = split_sentences(body)
    dates = find_dates(body, sentences, published)
    figures = find_figures(body, sentences, dates, published)
    bounds = tuple((s.start, s.end) for s in sentences)
    return Extraction(figures=figures, dates=dates, sentences=bounds)
