"""The reader's "Why": which words decided a figure's qualifier, hedge, claimant, date,
unit and actor, as marks in the text and one line that explains them.

Pure functions over :class:`store.browse.FigureWhy`, tested on plain data: the marks
are ``(start, end, kind)`` spans in body offsets for :func:`tui.highlight.styled`, the
line a ``rich.text.Text`` whose quoted cues carry the same styles as their marks, so the
line is also the legend (and reads without colour: each kind has its own text style).
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from store.browse import FigureWhy
from store.extract.models import EVIDENCE_KEYS
from tui.highlight import format_period, plain

WHY_KINDS = tuple(f"why-{key}" for key in EVIDENCE_KEYS)
_QUALIFIER_WORDS = {"max": "upper bound", "min": "lower bound", "approx": "approximate"}
_MAX_QUOTE = 40  # a long claimant is cut in the line; its mark in the text is whole


def why_spans(why: FigureWhy | None) -> list[tuple[int, int, str]]:
    """The cues of a figure as reader spans (body offsets), kinds ``why-<key>``."""
    if why is None or why.evidence is None:
        return []
    return [(cue.start, cue.end, f"why-{key}") for key, cue in why.evidence.cues()]


def _label(why: FigureWhy, key: str) -> str:
    """What the cue decided, in the words the dashboard shows."""
    if key == "qualifier":
        return _QUALIFIER_WORDS.get(why.qualifier or "", why.qualifier or "qualifier")
    if key == "hedge":
        return "hedged"
    if key == "claimant":
        return "claimant"
    if key == "date":
        return f"dated {format_period(why.date)}" if why.date else "dated"
    if key == "unit":
        return "unit"
    return f"actor {why.actor}" if why.actor else "actor"


def why_line(why: FigureWhy | None, styles: Mapping[str, Style]) -> Text:
    """One line: ``Why: at most ← "up to" · hedged ← "could" · claimant ← "the union"``."""
    text = Text("Why: ", style="bold", no_wrap=False, end="")
    if why is None:
        text.append("pick a figure first (] steps to the next one)")
        return text
    if why.evidence is None:
        text.append("no evidence stored for this figure: `nkwatch reextract` records it")
        return text
    parts = why.evidence.cues()
    if not parts:
        text.append(f"{plain(why.text)}: a plain count, nothing qualifies, hedges or dates it")
        return text
    for i, (key, cue) in enumerate(parts):
        if i:
            text.append(" · ", style="dim")
        text.append(f"{_label(why, key)} ← ")
        quote = plain(cue.text)
        if len(quote) > _MAX_QUOTE:
            quote = quote[: _MAX_QUOTE - 1] + "…"
        text.append(f"“{quote}”", style=styles.get(f"why-{key}"))
    missing = []
    if why.hedged and why.evidence.hedge is None:
        missing.append("hedged")
    if why.claimant and why.evidence.claimant is None:
        missing.append(f"claimant {why.claimant}")
    if why.date and why.evidence.date is None:
        missing.append(f"dated {format_period(why.date)}")
    if missing:
        text.append(" · ", style="dim")
        text.append(f"{', '.join(missing)} (no cue in the text)", style="dim")
    return text
