"""The one entry point of extraction: article text + publication date -> records.

Pure: no database, no I/O. Everything the store keeps about an article's numbers
and dates comes from ``extract``.
"""

from __future__ import annotations

from datetime import date

from store.dates import find_dates
from store.figures import find_figures
from store.models import Extraction
from store.sentences import split_sentences


def extract(body: str, published: date | None) -> Extraction:
    """Figures and date expressions of ``body``, with offsets into ``body``.

    ``published`` is the date relative expressions ("last month", "on Tuesday")
    resolve against; with ``None`` only expressions that carry their own year
    are resolved.
    """
    sentences = split_sentences(body)
    dates = find_dates(body, sentences, published)
    figures = find_figures(body, sentences, dates)
    return Extraction(figures=figures, dates=dates)
