"""A chart of one quantity's claims over time, drawn with Rich text.

Each claim is a mark at its date (x) and value (y); the shape says what kind of claim
it is, so the chart reads without colour:

==========  ======================================  ==========
mark        claim                                   projection
==========  ======================================  ==========
``●``       a reported count                        ``○``
``┃``       a range, low to high (long: ends marked) ``┆``
``▼``       an upper bound ("up to")                ``▽``
``▲``       a lower bound ("at least")              ``△``
==========  ======================================  ==========

When the largest value is more than :data:`LOG_RATIO` times the smallest, the y axis
is logarithmic (ticks at powers of ten) and the legend says so. Claims without a date
are not drawn; the legend counts them. The selected claim (the list's cursor) is
drawn reversed. Thousands of claims cost one pass: a cell keeps the strongest mark.

Why not a plotting library: textual-plotext labels log axes with raw values (49661.0),
draws one marker per series (a range would be one series per claim) and lets its legend
cover points; textual-plot brings numpy and has no log axis. This is ~200 lines we
control, deterministic for snapshots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from store.compare.claims import Claim
from store.compare.periods import period

LOG_RATIO = 50.0
AXIS_WIDTH = 8
# Marks by (bound, hedged); a cell shared by several claims keeps the lowest rank.
MARKS = {
    ("point", False): "●", ("point", True): "○",
    ("max", False): "▼", ("max", True): "▽",
    ("min", False): "▲", ("min", True): "△",
}  # fmt: skip
RANGE = {False: "┃", True: "┆"}
_RANK = {"●": 0, "▼": 1, "▲": 1, "○": 2, "▽": 3, "△": 3, "┃": 4, "┆": 5}


def short(v: float) -> str:
    """Axis labels: 1.5k, 12k, 3M, 2.1bn."""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            x = v / size
            return (f"{x:.1f}".rstrip("0").rstrip(".") if x < 10 else f"{x:.0f}") + suffix
    return f"{v:.1f}".rstrip("0").rstrip(".") if not float(v).is_integer() else f"{int(v)}"


def nice_ceil(v: float) -> float:
    """The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten >= ``v``."""
    m = 10 ** math.floor(math.log10(v))
    for f in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if f * m >= v - 1e-9:
            return f * m
    return 10 * m


class Scale:
    """Value -> row (0 at the top) on a linear or log axis of ``rows`` rows."""

    def __init__(self, lo: float, hi: float, rows: int) -> None:
        self.rows = max(1, rows)
        positive = lo > 0
        self.log = positive and hi / lo > LOG_RATIO
        if self.log:
            self.lo, self.hi = math.floor(math.log10(lo)), math.log10(hi)
        else:
            self.lo, self.hi = (0.0 if lo >= 0 else lo), hi
        if self.hi <= self.lo:
            self.hi = self.lo + 1

    def row(self, v: float) -> int:
        if self.log:
            v = math.log10(max(v, 10**self.lo))
        frac = (v - self.lo) / (self.hi - self.lo)
        return min(self.rows - 1, max(0, round((1 - frac) * (self.rows - 1))))

    def ticks(self) -> dict[int, str]:
        if self.log:
            out = {}
            for p in range(math.ceil(self.lo - 1e-9), math.floor(self.hi + 1e-9) + 1):
                out[self.row(10**p)] = short(10**p)
            return out
        values = [self.hi, (self.lo + self.hi) / 2, self.lo]
        return {self.row(v): short(v) for v in values}


def _claim_day(c: Claim) -> date | None:
    p = period(c.date)
    return p[0] if p else None


def draw(
    claims: Sequence[Claim], width: int, height: int, selected: int | None = None
) -> tuple[list[list[str]], list[list[int]], list[str], list[str]]:
    """The chart as a grid: (chars, claim index per cell or -1, y labels, bottom lines).

    Pure so that tests can read it; the widget styles it."""
    plot_w = max(4, width - AXIS_WIDTH - 1)
    plot_h = max(3, height - 2)
    grid = [[" "] * plot_w for _ in range(plot_h)]
    owner = [[-1] * plot_w for _ in range(plot_h)]
    dated = [(i, c, _claim_day(c)) for i, c in enumerate(claims)]
    drawn = [(i, c, d) for i, c, d in dated if d is not None]
    undated = len(claims) - len(drawn)
    values = [v for _, c, _ in drawn for v in (c.value, c.high) if v is not None]
    labels = [""] * plot_h
    bottom: list[str] = []
    if not drawn:
        msg = "No dated claims to draw." if claims else "No claims."
        grid[plot_h // 2][: len(msg)] = list(msg[:plot_w])
        return grid, owner, labels, [_legend(False, undated, width)]
    lo = min(v for v in values) if values else 0.0
    hi = max(values) if values else 1.0
    scale = Scale(lo if lo > 0 else min((v for v in values if v > 0), default=1.0), hi, plot_h)
    if not scale.log:
        scale = Scale(0.0, nice_ceil(hi) if hi > 0 else 1.0, plot_h)
    first = min(d for _, _, d in drawn)
    last = max(d for _, _, d in drawn)
    span = max(1, (last - first).days)

    def col(d: date) -> int:
        if last == first:
            return plot_w // 2
        inner = max(1, plot_w - 3)  # a column of air on each side
        return 1 + min(inner, round((d - first).days / span * inner))

    def put(r: int, x: int, ch: str, i: int) -> None:
        cur = grid[r][x]
        if i == selected or cur == " " or _RANK.get(ch, 9) < _RANK.get(cur, 9):
            if owner[r][x] == selected and selected is not None and i != selected:
                return
            grid[r][x] = ch
            owner[r][x] = i

    for i, c, d in drawn:
        x = col(d)
        mark = MARKS[(c.bound, c.hedged)]
        if c.high is not None:
            top, bot = scale.row(c.high), scale.row(c.value)
            for r in range(top, bot + 1):
                put(r, x, RANGE[c.hedged], i)
            if bot - top >= 2:  # ends marked; a range within a row or two stays a bar
                put(top, x, mark, i)
                put(bot, x, mark, i)
        else:
            put(scale.row(c.value), x, mark, i)
    for r, text in scale.ticks().items():
        labels[r] = text
    left, right = first.isoformat(), last.isoformat()
    axis = left if last == first else " " + left + right.rjust(max(0, plot_w - len(left) - 2))
    bottom.append(" " * (AXIS_WIDTH + 1) + axis[:plot_w])
    bottom.append(_legend(scale.log, undated, width))
    return grid, owner, labels, bottom


def _legend(log: bool, undated: int, width: int = 200) -> str:
    """The marks, then what the reader must know first: a log axis, claims not drawn."""
    notes = (["log scale"] if log else []) + ([f"{undated} undated not drawn"] if undated else [])
    tail = "".join(f" · {n}" for n in notes)
    marks = ["● count", "○ projected", "┃ range", "▼ up to", "▲ at least"]
    while marks and len(" ".join(marks) + tail) > width:
        marks.pop()
    return (" ".join(marks) + tail).strip(" ·")


class ClaimChart(Widget):
    """The claims of one quantity over time (see the module docstring)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-chart--axis",
        "claim-chart--mark",
        "claim-chart--projected",
        "claim-chart--selected",
        "claim-chart--legend",
    }
    DEFAULT_CSS = """
    ClaimChart {
        height: 12;
        & > .claim-chart--axis { color: $text-muted; }
        & > .claim-chart--mark { color: $success; text-style: bold; }
        & > .claim-chart--projected { color: $warning; }
        & > .claim-chart--selected { text-style: reverse bold; }
        & > .claim-chart--legend { color: $text-muted; text-style: italic; }
    }
    """

    selected: reactive[int | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.claims: list[Claim] = []

    def set_claims(self, claims: list[Claim]) -> None:
        self.claims = claims
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_region.width, self.content_region.height
        grid, owner, labels, bottom = draw(self.claims, width, height, self.selected)
        axis = self.get_component_rich_style("claim-chart--axis")
        styles = {
            "mark": self.get_component_rich_style("claim-chart--mark"),
            "projected": self.get_component_rich_style("claim-chart--projected"),
            "selected": self.get_component_rich_style("claim-chart--selected"),
        }
        out = Text(no_wrap=True, overflow="crop", end="")
        for r, row in enumerate(grid):
            out.append(labels[r].rjust(AXIS_WIDTH)[:AXIS_WIDTH] + "┤", style=axis)
            for x, ch in enumerate(row):
                i = owner[r][x]
                out.append(ch, style=self._style(i, ch, styles))
            out.append("\n")
        for n, line in enumerate(bottom):
            style = (
                axis
                if n == 0 and len(bottom) > 1
                else self.get_component_rich_style("claim-chart--legend")
            )
            out.append(line, style=style)
            if n < len(bottom) - 1:
                out.append("\n")
        return out

    def _style(self, i: int, ch: str, styles: dict[str, Style]) -> Style:
        if i < 0:
            return Style()
        if i == self.selected:
            return styles["selected"]
        return styles["projected"] if ch in "○▽△┆" else styles["mark"]
