"""Printing records: an aligned table for people, JSON and CSV for scripts.

Records are written as they come from the database (:func:`emit` takes any iterable):
JSON is one array written element by element, CSV row by row, and a table is sized on
its first :data:`TABLE_SAMPLE` rows and then streamed, so memory stays flat however
long the list and the first row is out as soon as the query yields it.
"""

from __future__ import annotations

import csv
import itertools
import json
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tui.formats import format_number, published_text


def cell(value: Any) -> str:
    """A table cell: numbers as people write them (``2,300``), booleans as yes/blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int | float):
        return format_number(value)
    return " ".join(str(value).split())


def display(key: str, record: dict[str, Any]) -> str:
    """What a table shows for ``record[key]``: a figure's value and high end with its
    unit's sign (``$2 bn``, ``31%``), an inferred publication date marked ``*``."""
    value = record.get(key)
    if key in ("value", "high") and "unit" in record and isinstance(value, int | float):
        return format_number(value, record.get("unit"))
    if key == "published":
        return published_text(value, bool(record.get("published_inferred")))
    return cell(value)


def fit(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` cut to ``width`` with an ellipsis; paths keep their informative end."""
    if len(text) <= width:
        return text
    if keep_end:
        return "…" + text[len(text) - width + 1 :] if width > 1 else "…"
    return text[: max(width - 1, 0)] + "…"


# Columns never cut: numbers, values and dates are wrong when cut, not shorter.
WHOLE = frozenset(
    {"id", "article_id", "value", "high", "n_figures", "n_dates", "published", "date",
     "end_value"}
)  # fmt: skip


TABLE_SAMPLE = 200
"""A streamed table's columns are sized on this many first rows; later rows are cut
to those widths (numbers, values and dates never are, see :data:`WHOLE`)."""


def render_table(columns: list[tuple[str, str, int]], records: list[dict[str, Any]]) -> str:
    """A plain aligned table (see :func:`table_lines`), as one string."""
    return "\n".join(table_lines(columns, records))


def table_lines(
    columns: list[tuple[str, str, int]], records: Iterable[dict[str, Any]]
) -> Iterator[str]:
    """A plain aligned table, line by line. ``columns`` are (key, header, max width);
    numbers, values and dates are never cut (:data:`WHOLE`), and the last column takes
    the rest of the terminal (or 100 characters when output is not a terminal). The
    widths come from the first :data:`TABLE_SAMPLE` records; nothing for no record."""
    records = iter(records)
    sample = list(itertools.islice(records, TABLE_SAMPLE))
    if not sample:
        return
    cells = [[display(key, r) for key, _, _ in columns] for r in sample]
    right = {  # numbers line up on the right
        key
        for key, _, _ in columns
        if all(isinstance(r.get(key), int | float | None) for r in sample)
        and not all(isinstance(r.get(key), bool | None) for r in sample)
    }
    widths = []
    for i, (key, header, cap) in enumerate(columns):
        longest = max(len(header), *(len(row[i]) for row in cells))
        widths.append(longest if key in WHOLE else min(cap, longest))
    total = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    used = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, (total or used + 100) - used)
    widths[-1] = min(widths[-1], max(len(columns[-1][1]), *(len(row[-1]) for row in cells)))
    yield "  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()
    rest = ([display(key, r) for key, _, _ in columns] for r in records)
    for row in itertools.chain(cells, rest):
        parts = []
        for (key, _, _), w, text in zip(columns, widths, row, strict=True):
            if key not in WHOLE:
                text = fit(text, w, keep_end=key == "source")
            parts.append(text.rjust(w) if key in right else text.ljust(w))
        yield "  ".join(parts).rstrip()


def _ascii_only() -> bool:
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    return encoding != "utf8"


def json_out(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=_ascii_only(), indent=2)


def json_stream(records: Iterable[dict[str, Any]]) -> int:
    """Write ``records`` to stdout as one JSON array, element by element, byte for byte
    what :func:`json_out` prints for the same list. Returns how many were written."""
    ascii_only = _ascii_only()
    write = sys.stdout.write
    n = 0
    for r in records:
        text = json.dumps(r, ensure_ascii=ascii_only, indent=2).replace("\n", "\n  ")
        write(("[\n  " if n == 0 else ",\n  ") + text)
        n += 1
        if n == 1:
            sys.stdout.flush()  # the first record is out at once
    write("\n]\n" if n else "[]\n")
    return n


def csv_out(records: Iterable[dict[str, Any]], keys: list[str] | None) -> int:
    """Write ``records`` as CSV under a header of ``keys`` (None: the first record's
    keys, or nothing for none). Returns how many records were written."""
    records = iter(records)
    if keys is None:
        first = next(records, None)
        if first is None:
            return 0
        keys = list(first)
        records = itertools.chain([first], records)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    n = 0
    for r in records:
        row = []
        for k in keys:
            v = r.get(k)
            if isinstance(v, dict | list):  # evidence: the same JSON as --format json
                v = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            row.append("" if v is None else ("true" if v is True else "false" if v is False else v))
        writer.writerow(row)
        n += 1
    return n


def emit(
    fmt: str,
    records: Iterable[dict[str, Any]],
    columns: list[tuple[str, str, int]],
    keys: Sequence[str] = (),
) -> int:
    """Print ``records`` (any iterable, consumed as it is printed) as JSON, CSV
    (``keys`` heads an empty result) or a table; returns how many were printed."""
    if fmt == "json":
        return json_stream(records)
    if fmt == "csv":
        records = iter(records)
        first = next(records, None)
        if first is None:
            return csv_out([], list(keys))
        return csv_out(itertools.chain([first], records), list(first))
    n = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal n
        for r in records:
            n += 1
            yield r

    lines = table_lines(columns, counted())
    for i, line in enumerate(lines):
        print(line, flush=i <= 1)
    if not n and sys.stdout.isatty():
        print("(nothing)")
    return n


ARTICLE_COLUMNS = [
    ("id", "ID", 6),
    ("published", "PUBLISHED", 11),
    ("n_figures", "FIGURES", 7),
    ("n_dates", "DATES", 5),
    ("language", "LANG", 4),
    ("source_name", "OUTLET", 16),
    ("source", "SOURCE", 40),
    ("title", "TITLE", 80),
]
FIGURE_COLUMNS = [
    ("article_id", "ART", 4),
    ("value", "VALUE", 10),
    ("high", "HIGH", 10),
    ("qualifier", "QUAL", 6),
    ("qualifier_text", "WRITTEN", 12),
    ("unit", "UNIT", 14),
    ("actor", "ACTOR", 14),
    ("claimant", "CLAIMANT", 28),
    ("hedged", "HEDGED", 6),
    ("date", "DATE", 10),
    ("text", "TEXT", 80),
]
TIMELINE_COLUMNS = [
    ("value", "DATE", 10),
    ("end_value", "UNTIL", 10),
    ("granularity", "GRAIN", 5),
    ("article_id", "ART", 4),
    ("text", "TEXT", 24),
    ("sentence", "SENTENCE", 200),
]
