"""Printing records: an aligned table for people, JSON and CSV for scripts."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Sequence
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


def render_table(columns: list[tuple[str, str, int]], records: list[dict[str, Any]]) -> str:
    """A plain aligned table. ``columns`` are (key, header, max width); numbers, values
    and dates are never cut (:data:`WHOLE`), and the last column takes the rest of the
    terminal (or 100 characters when output is not a terminal)."""
    if not records:
        return ""
    cells = [[display(key, r) for key, _, _ in columns] for r in records]
    right = {  # numbers line up on the right
        key
        for key, _, _ in columns
        if all(isinstance(r.get(key), int | float | None) for r in records)
        and not all(isinstance(r.get(key), bool | None) for r in records)
    }
    widths = []
    for i, (key, header, cap) in enumerate(columns):
        longest = max(len(header), *(len(row[i]) for row in cells))
        widths.append(longest if key in WHOLE else min(cap, longest))
    total = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    used = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, (total or used + 100) - used)
    widths[-1] = min(widths[-1], max(len(columns[-1][1]), *(len(row[-1]) for row in cells)))
    lines = ["  ".join(h.ljust(w) for (_, h, _), w in zip(columns, widths, strict=True)).rstrip()]
    for row in cells:
        parts = []
        for (key, _, _), w, text in zip(columns, widths, row, strict=True):
            if key not in WHOLE:
                text = fit(text, w, keep_end=key == "source")
            parts.append(text.rjust(w) if key in right else text.ljust(w))
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def json_out(records: list[dict[str, Any]]) -> str:
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    return json.dumps(records, ensure_ascii=encoding != "utf8", indent=2)


def csv_out(records: list[dict[str, Any]], keys: list[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    for r in records:
        row = []
        for k in keys:
            v = r.get(k)
            if isinstance(v, dict | list):  # evidence: the same JSON as --format json
                v = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            row.append("" if v is None else ("true" if v is True else "false" if v is False else v))
        writer.writerow(row)


def emit(
    fmt: str,
    records: list[dict[str, Any]],
    columns: list[tuple[str, str, int]],
    keys: Sequence[str] = (),
) -> None:
    """Print ``records`` as JSON, CSV (``keys`` heads an empty result) or a table."""
    if fmt == "json":
        print(json_out(records))
        return
    if fmt == "csv":
        csv_out(records, list(records[0]) if records else list(keys))
    else:
        text = render_table(columns, records)
        if text:
            print(text)
        elif sys.stdout.isatty():
            print("(nothing)")


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
