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
drawn reversed. Thousands of claims cost one pass: a cell keeps the strongest mark,
and the drawing is kept per size, so moving the selection redraws one claim.

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


def _marks(c: Claim, x: int, scale: Scale) -> list[tuple[int, str]]:
    """The (row, mark) cells of one claim in its column, in drawing order."""
    mark = MARKS[(c.bound, c.hedged)]
    if c.high is None:
        return [(scale.row(c.value), mark)]
    top, bot = scale.row(c.high), scale.row(c.value)
    cells = [(r, RANGE[c.hedged]) for r in range(top, bot + 1)]
    if bot - top >= 2:  # ends marked; a range within a row or two stays a bar
        cells += [(top, mark), (bot, mark)]
    return cells


class Plot:
    """A chart drawn once for a size, without a selection: moving the selection over
    10,000 claims redraws one claim, not all of them (:meth:`with_selected`)."""

    def __init__(self, claims: Sequence[Claim], width: int, height: int) -> None:
        self.claims = claims
        plot_w = max(4, width - AXIS_WIDTH - 1)
        plot_h = max(3, height - 2)
        self.grid = [[" "] * plot_w for _ in range(plot_h)]
        self.owner = [[-1] * plot_w for _ in range(plot_h)]
        self.labels = [""] * plot_h
        self.bottom: list[str] = []
        self.columns: dict[int, int] = {}  # claim index -> its column
        self.scale: Scale | None = None
        drawn = [(i, c, d) for i, c in enumerate(claims) if (d := _claim_day(c)) is not None]
        undated = len(claims) - len(drawn)
        if not drawn:
            msg = "No dated claims to draw." if claims else "No claims."
            self.grid[plot_h // 2][: len(msg)] = list(msg[:plot_w])
            self.bottom = [_legend(False, undated, width)]
            return
        values = [v for _, c, _ in drawn for v in (c.value, c.high) if v is not None]
        lo, hi = min(values), max(values)
        scale = Scale(lo if lo > 0 else min((v for v in values if v > 0), default=1.0), hi, plot_h)
        if not scale.log:
            scale = Scale(0.0, nice_ceil(hi) if hi > 0 else 1.0, plot_h)
        self.scale = scale
        first = min(d for _, _, d in drawn)
        last = max(d for _, _, d in drawn)
        span = max(1, (last - first).days)
        inner = max(1, plot_w - 3)  # a column of air on each side
        for i, c, d in drawn:
            x = (
                plot_w // 2
                if last == first
                else 1 + min(inner, round((d - first).days / span * inner))
            )
            self.columns[i] = x
            for r, ch in _marks(c, x, scale):
                cur = self.grid[r][x]
                if cur == " " or _RANK.get(ch, 9) < _RANK.get(cur, 9):
                    self.grid[r][x] = ch
                    self.owner[r][x] = i
        for r, text in scale.ticks().items():
            self.labels[r] = text
        left, right = first.isoformat(), last.isoformat()
        axis = left if last == first else " " + left + right.rjust(max(0, plot_w - len(left) - 2))
        self.bottom.append(" " * (AXIS_WIDTH + 1) + axis[:plot_w])
        self.bottom.append(_legend(scale.log, undated, width))

    def with_selected(
        self, selected: int | None
    ) -> tuple[list[list[str]], list[list[int]], list[str], list[str]]:
        """(chars, claim index per cell or -1, y labels, bottom lines), the selected
        claim drawn over the others."""
        x = self.columns.get(selected) if selected is not None else None
        if x is None or self.scale is None:
            return self.grid, self.owner, self.labels, self.bottom
        grid = [row[:] for row in self.grid]
        owner = [row[:] for row in self.owner]
        for r, ch in _marks(self.claims[selected], x, self.scale):  # type: ignore[index]
            grid[r][x] = ch
            owner[r][x] = selected  # type: ignore[assignment]
        return grid, owner, self.labels, self.bottom


def draw(
    claims: Sequence[Claim], width: int, height: int, selected: int | None = None
) -> tuple[list[list[str]], list[list[int]], list[str], list[str]]:
    """The chart as a grid: (chars, claim index per cell or -1, y labels, bottom lines).

    Pure so that tests can read it; the widget styles it."""
    return Plot(claims, width, height).with_selected(selected)


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
        self._plot: tuple[int, int, Plot] | None = None  # (width, height, plot)

    def set_claims(self, claims: list[Claim]) -> None:
        self.claims = claims
        self._plot = None
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width, height = self.content_region.width, self.content_region.height
        if self._plot is None or self._plot[:2] != (width, height):
            self._plot = (width, height, Plot(self.claims, width, height))
        grid, owner, labels, bottom = self._plot[2].with_selected(self.selected)
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
