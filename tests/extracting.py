"""What the extraction tests share: extract a text and check that every offset a figure
carries (its text, its claimant, each evidence cue) points at the words it names."""

from __future__ import annotations

from datetime import date

from store.extract import extract
from store.extract.models import Figure


def checked_figures(text: str, published: date | None) -> list[Figure]:
    """The figures of ``text``, after checking every offset they carry."""
    figures = extract(text, published).figures
    for f in figures:
        assert text[f.start : f.end] == f.text
        if f.claimant_start is not None:
            assert text[f.claimant_start : f.claimant_end] == f.claimant
        for key, cue in f.evidence.cues():
            assert text[cue.start : cue.end] == cue.text, (f.text, key, cue)
    return figures


def only_figure(text: str, published: date | None) -> Figure:
    """The one figure of ``text`` (a test fails on none or several)."""
    found = checked_figures(text, published)
    assert len(found) == 1, [f.text for f in found]
    return found[0]
