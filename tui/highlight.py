"""Pure text logic for the dashboard: safe text, marked spans, wrapping, cell formats.

Nothing here touches a widget or the database, so it is tested on plain strings.
Article text is data, never markup: it only ever becomes a ``rich.text.Text`` whose
styles come from offsets, so ``[bold]`` or an escape sequence in an article shows
as the characters it is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate, islice
from operator import le, sub
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

from tui.formats import format_number, format_value

if TYPE_CHECKING:
    from store.browse import FigureContext

__all__ = ["format_number", "format_value"]  # re-exported: the formats the cells use

# Control characters become one visible character each, so body offsets still hold.
_CONTROL_MAP = {c: 0x2400 + c for c in range(0x20)}  # ␀ .. ␟ (control pictures)
_CONTROL_MAP[0x7F] = 0x2421  # ␡
_CONTROL_MAP.update({c: 0xFFFD for c in range(0x80, 0xA0)})  # C1 controls
_CONTROL_MAP[ord("\t")] = ord(" ")
_CONTROL_MAP_NL = {k: v for k, v in _CONTROL_MAP.items() if k != ord("\n")}
# Bidi overrides and isolates can reorder what a terminal shows; show them as �.
_CONTROL_MAP_NL.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_CONTROL_MAP.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


# Every character either map changes (newline aside): a search is 20x cheaper than a
# translate over a megabyte article that has none of them, the usual case.
_NEEDS_MAP = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def sanitize(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control character replaced one-for-one by a visible one."""
    if _NEEDS_MAP.search(text) is None and (keep_newlines or "\n" not in text):
        return text
    return text.translate(_CONTROL_MAP_NL if keep_newlines else _CONTROL_MAP)


def plain(text: str | None) -> str:
    """A one-line, control-free version of ``text`` for a table cell."""
    return sanitize(text or "", keep_newlines=False)


# --------------------------------------------------------------------------- spans

# Later kinds are applied over earlier ones where spans overlap.
SPAN_ORDER = (
    "active", "date", "claimant", "vague", "figure", "hedged", "match", "focus",
    # the reader's "Why" marks (tui.why), over everything
    "why-actor", "why-claimant", "why-date", "why-hedge", "why-unit", "why-qualifier",
)  # fmt: skip


def styled(text: str, spans: Iterable[tuple[int, int, str]], styles: Mapping[str, Style]) -> Text:
    """``text`` (sanitized) as a Text with each ``(start, end, kind)`` styled by kind.

    Kinds without a style are ignored; spans outside the text are clipped.
    """
    out = Text(sanitize(text), no_wrap=True, end="")
    n = len(out.plain)
    rank = {k: i for i, k in enumerate(SPAN_ORDER)}
    for start, end, kind in sorted(spans, key=lambda s: rank.get(s[2], 0)):
        style = styles.get(kind)
        start, end = max(0, start), min(n, end)
        if style is not None and start < end:
            out.stylize(style, start, end)
    return out


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Line ``(start, end)`` offsets of ``text`` word-wrapped to ``width`` cells.

    Newlines end lines; words longer than a line are cut; the spaces where a line
    breaks are left out of both lines. Offsets index ``text`` so a body offset maps
    to a display line with :func:`line_of`.
    """
    wrapped = wrap_lines(text, width)
    assert wrapped is not None
    starts, ends = wrapped
    return list(zip(starts, ends, strict=True))


def wrap_lines(
    text: str, width: int, should_stop: Callable[[], bool] | None = None
) -> tuple[list[int], list[int]] | None:
    """:func:`wrap_offsets` as two columns, line starts and line ends, paragraph by
    paragraph; None when ``should_stop`` says the work is no longer wanted.

    ``text`` is measured as :func:`sanitize` shows it (a tab is a space, a control
    character one cell). A paragraph of single-cell characters (ASCII, most Latin,
    Greek, Cyrillic) wraps with one ``rfind`` per line, so a megabyte wraps in
    tens of milliseconds; other paragraphs through a running sum of cell widths.
    """
    width = max(1, width)
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    n = len(text)
    paragraphs = 0
    while True:
        nl = text.find("\n", pos)
        para_end = n if nl < 0 else nl
        _wrap_paragraph(sanitize(text[pos:para_end]), pos, width, starts, ends)
        paragraphs += 1
        if should_stop is not None and paragraphs % 256 == 0 and should_stop():
            return None
        if nl < 0:
            break
        pos = nl + 1
    return starts, ends


def _wrap_paragraph(p: str, lo: int, width: int, starts: list[int], ends: list[int]) -> None:
    """Append the lines of paragraph ``p`` (which starts at ``lo`` in the text)."""
    n = len(p)
    if n == 0:
        starts.append(lo)
        ends.append(lo)
        return
    # cum[i]: cells of p[:i]; None when every character is one cell (cum[i] == i).
    cum = None if p.isascii() or _single_cells(p) else list(
        accumulate(map(get_character_cell_size, p), initial=0)
    )  # fmt: skip
    start = 0
    while start < n:
        if cum is None:
            if n - start <= width:  # the rest fits
                break
            end = start + width
        else:
            limit = cum[start] + width
            if cum[n] <= limit:
                break
            end = bisect.bisect_right(cum, limit, start) - 1  # longest prefix that fits
        end = max(end, start + 1)
        brk = p.rfind(" ", start, end + 1)
        if brk > start:
            line_end = nxt = brk
        else:
            line_end = nxt = end  # a word longer than the line: cut it
        while line_end > start and p[line_end - 1] == " ":
            line_end -= 1
        starts.append(lo + start)
        ends.append(lo + line_end)
        while nxt < n and p[nxt] == " ":
            nxt += 1
        start = nxt
    if start < n:
        starts.append(lo + start)
        ends.append(lo + n)


_SINGLE = frozenset(
    chr(c)
    for lo, hi in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2400, 0x2426))
    for c in range(lo, hi + 1)
)
_single_cells = _SINGLE.issuperset  # every character one cell wide (a sufficient test)


def line_of(lines: list[tuple[int, int]], offset: int) -> int:
    """Index of the display line holding ``offset`` (0 when there are no lines)."""
    if not lines:
        return 0
    starts = [s for s, _ in lines]
    return max(0, bisect.bisect_right(starts, offset) - 1)


class SpanIndex:
    """Spans ``(start, end, kind)`` found by the range they overlap, by bisect, so a
    line of a megabyte article looks at its own few spans and no other.

    Kept as parallel columns (a 2 MB article has 33,000 spans: no tuple per span
    until a line asks for it). Each span keeps its place in the list it came from
    (``order + i``): where spans of one rank overlap, the later one is applied over
    the earlier, as in :func:`styled`.
    """

    LONG = 4096  # spans longer than this are few (a sentence, a revision note): kept apart

    def __init__(
        self,
        spans: Iterable[tuple[int, int, str]] = (),
        order: int = 0,
        *,
        columns: tuple[list[int], list[int], list[str]] | None = None,
    ) -> None:
        """From ``(start, end, kind)`` tuples, or from ``columns`` (starts, ends, kinds),
        which a megabyte article's 33,000 spans take in a few milliseconds."""
        if columns is None:
            items = list(spans)
            columns = ([t[0] for t in items], [t[1] for t in items], [t[2] for t in items])
        starts, ends, kinds = columns
        self.order = order
        lengths = list(map(sub, ends, starts))
        self._long: list[tuple[int, int, int, int, str]] = [
            (starts[i], ends[i], _RANK.get(kinds[i], 0), order + i, kinds[i])
            for i, n in enumerate(lengths)
            if n > self.LONG
        ]  # fmt: skip
        orders: Sequence[int] = range(len(starts))
        if self._long or (lengths and min(lengths) <= 0):
            orders = [i for i, n in enumerate(lengths) if 0 < n <= self.LONG]
        if not all(map(le, starts, islice(starts, 1, None))):
            orders = sorted(orders, key=starts.__getitem__)
        if not isinstance(orders, range):
            starts = [starts[i] for i in orders]
            ends = [ends[i] for i in orders]
            kinds = [kinds[i] for i in orders]
            lengths = list(map(sub, ends, starts))
        self._starts, self._ends, self._kinds, self._orders = starts, ends, kinds, orders
        self._reach = max(lengths, default=0)

    def __len__(self) -> int:
        return len(self._starts) + len(self._long)

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int, int, int, str]]:
        """``(start, end, rank, order, kind)`` of the spans that overlap ``[lo, hi)``."""
        i = bisect.bisect_left(self._starts, lo - self._reach)
        j = bisect.bisect_left(self._starts, hi)
        ends, starts, kinds, orders = self._ends, self._starts, self._kinds, self._orders
        found = [
            (starts[k], ends[k], _RANK.get(kinds[k], 0), self.order + orders[k], kinds[k])
            for k in range(i, j)
            if ends[k] > lo and starts[k] < ends[k]
        ]  # fmt: skip
        found.extend(s for s in self._long if s[0] < hi and s[1] > lo)
        return found


_RANK = {k: i for i, k in enumerate(SPAN_ORDER)}


def styled_line(
    text: str,
    lo: int,
    hi: int,
    indexes: Iterable[SpanIndex],
    styles: Mapping[str, Style],
) -> Text:
    """``text[lo:hi]`` (sanitized) as a Text, styled by the spans of ``indexes`` that
    overlap it: :func:`styled` for one line, at a cost in the line's own spans."""
    out = Text(sanitize(text[lo:hi]), no_wrap=True, end="")
    found = [s for index in indexes for s in index.overlapping(lo, hi)]
    found.sort(key=lambda s: (s[2], s[3]))
    for start, end, _rank, _order, kind in found:
        style = styles.get(kind)
        start, end = max(lo, start), min(hi, end)
        if style is not None and start < end:
            out.stylize(style, start - lo, end - lo)
    return out


# --------------------------------------------------------------------------- formats


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}


def format_period(value: str | None, granularity: str | None = None) -> str:
    """An ISO value at its own granularity, for people: ``Oct 2024`` not ``2024-10-01``.

    ``2024`` -> ``2024``; ``2024-10`` -> ``Oct 2024``; ``2024-W44`` -> ``2024 wk 44``;
    ``2024-10-27`` -> ``27 Oct 2024``; anything else is shown as written.
    """
    if not value:
        return ""
    v = value.strip()
    try:
        if len(v) == 4 and v.isdigit():
            return v
        if len(v) == 7 and v[4] == "-" and v[5:].isdigit():
            return f"{_MONTHS[int(v[5:]) - 1]} {v[:4]}"
        if len(v) >= 7 and v[4:6] == "-W":
            return f"{v[:4]} wk {int(v[6:8])}"
        if len(v) == 7 and v[5:] in _SEASONS:
            return f"{_SEASONS[v[5:]]} {v[:4]}"
        if len(v) == 10 and v[4] == "-" and v[7] == "-":
            return f"{int(v[8:])} {_MONTHS[int(v[5:7]) - 1]} {v[:4]}"
    except (ValueError, IndexError):
        pass
    return plain(v)


def format_date_range(value: str | None, end_value: str | None, granularity: str | None) -> str:
    first = format_period(value, granularity)
    if not end_value or end_value == value:
        return first
    return f"{first} – {format_period(end_value, granularity)}"


def outlet(source_name: str | None, source: str) -> str:
    """The outlet's name, else the site of a URL, else nothing: a file name is no
    outlet (:func:`source_label` names where an article came from)."""
    if source_name:
        return source_name
    if "://" in source:
        host = urlsplit(source).hostname or ""
        return host.removeprefix("www.")
    return ""


def source_label(source: str) -> str:
    """Where an article came from, short: a URL whole, a file by its name."""
    if "://" in source:
        return source
    return PurePath(source).name or source


# --------------------------------------------------------------------------- table cells


def fit(cells: list[tuple[Text | str, int, str]], gap: int = 1) -> Text:
    """One table line: each ``(content, width, justify)`` cut or padded to its width."""
    out = Text(no_wrap=True, end="")
    for i, (content, width, justify) in enumerate(cells):
        if width <= 0:
            continue
        cell = content.copy() if isinstance(content, Text) else Text(plain(content))
        cell.truncate(width, overflow="ellipsis")
        pad = width - cell.cell_len
        if justify == "right":
            out.append(" " * pad)
            out.append_text(cell)
        else:
            out.append_text(cell)
            out.append(" " * pad)
        if i < len(cells) - 1:
            out.append(" " * gap)
    return out


def layout_columns(width: int, columns: list[tuple[str, int, int]]) -> list[int]:
    """Widths for ``(name, preferred, priority)`` columns in ``width`` cells.

    A positive width is fixed; 0 or a negative width makes the column flexible (it
    takes a share of what is left), with a minimum of 8 or ``-width`` cells. While the
    columns do not fit at their fixed widths and minimums, the column with the highest
    priority number goes first (priority 0 never goes), so the columns that carry the
    meaning keep their room and the others give way.
    """
    n = len(columns)
    flex = [i for i, (_, w, _) in enumerate(columns) if w <= 0]
    need = [(-w if w < 0 else 8) if i in flex else w for i, (_, w, _) in enumerate(columns)]
    present = [True] * n

    def used() -> int:
        return sum(need[i] for i in range(n) if present[i]) + max(0, sum(present) - 1)

    for i in sorted(range(n), key=lambda i: -columns[i][2]):
        if used() <= width:
            break
        if columns[i][2] > 0:
            present[i] = False
    result = [need[i] if present[i] else 0 for i in range(n)]
    spare = width - used()
    live_flex = [i for i in flex if present[i]]
    if spare > 0 and live_flex:
        share, extra = divmod(spare, len(live_flex))
        for k, i in enumerate(live_flex):
            result[i] += share + (1 if k < extra else 0)
    elif spare > 0 and any(present):
        last = max(i for i in range(n) if present[i])
        result[last] += spare
    return result


# --------------------------------------------------------------------------- clipboard


def quote_text(sentence: str | None, title: str, source: str) -> str:
    """A sentence in quotes, then where it comes from."""
    lines = []
    if sentence:
        lines.append(f"“{sentence.strip()}”")
    lines.append(f"— {title} ({source})")
    return "\n".join(lines)


def figure_text(ctx: FigureContext) -> str:
    """What ``y`` copies for a figure: the figure with who and when, its sentence, its
    source. ``up to 100,000 troops (North Korea; according to G20; hedged)``..."""
    f = ctx.figure
    written = getattr(f, "qualifier_text", None)
    head = f"{format_value(f.value, f.high, f.qualifier, f.unit, written)} {f.unit}".strip()
    about = []
    if f.actor:
        about.append(f.actor)
    if f.claimant:
        about.append(f"according to {f.claimant}")
    if f.hedged:
        about.append("hedged")
    if f.date:
        about.append(format_period(f.date))
    if about:
        head += f" ({'; '.join(about)})"
    source = ctx.source
    if ctx.source_name:
        source = f"{ctx.source_name}, {source}"
    if f.published:
        source = f"{source}, {f.published}"
    return plain(head) + "\n" + quote_text(ctx.sentence, f.article_title, source)
