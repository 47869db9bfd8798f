"""Deterministic large article texts for the reader benchmarks and tests.

``big_article(n_chars, one_line=False)`` returns news-like text of about ``n_chars``
characters: varied sentences with figures, names and dates, in paragraphs (or all on
one line, as pasted text often is). The same seed gives the same text.
"""

from __future__ import annotations

import random

_PLACES = [
    "Kharkiv",
    "Busan",
    "Lagos",
    "Quito",
    "Tromsø",
    "Hanoi",
    "Mombasa",
    "Leeds",
    "Daegu",
    "Cusco",
    "Odesa",
    "Tampere",
    "Rosario",
    "Izmir",
    "Kraków",
]
_WHO = [
    "the regional governor",
    "a ministry spokesperson",
    "local police",
    "the harbour authority",
    "the statistics office",
    "aid workers",
    "the transport union",
    "a hospital director",
    "the fire service",
]
_UNITS = [
    "people",
    "homes",
    "vehicles",
    "tonnes of grain",
    "workers",
    "patients",
    "containers",
    "flights",
    "schools",
    "volunteers",
]
_VERBS = [
    "were evacuated",
    "were counted",
    "were damaged",
    "arrived",
    "were reported",
    "were registered",
    "left the area",
    "were inspected",
    "were delayed",
]
_MONTHS = ["January", "March", "May", "July", "September", "November"]
_FILLER = [
    "Officials said the situation remained difficult but stable.",
    "Residents described long queues outside the town hall.",
    "The report did not say how the numbers had been gathered.",
    "Independent observers could not confirm the account.",
    "Roads into the valley stayed closed for most of the week.",
    "Weather forecasts promised little relief before the weekend.",
]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        n = rng.choice([rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10_000, 250_000)])
        return (
            f"In {rng.choice(_PLACES)}, about {n:,} {rng.choice(_UNITS)} "
            f"{rng.choice(_VERBS)}, {rng.choice(_WHO)} said on {rng.randint(1, 28)} "
            f"{rng.choice(_MONTHS)}."
        )
    if kind < 0.6:
        return (
            f"{rng.choice(_WHO).capitalize()} put the total at "
            f"{rng.randint(3, 900)} {rng.choice(_UNITS)}."
        )
    return rng.choice(_FILLER)


def big_article(n_chars: int, one_line: bool = False, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    para: list[str] = []
    while size < n_chars:
        s = _sentence(rng)
        para.append(s)
        size += len(s) + 1
        if len(para) >= rng.randint(3, 7):
            parts.append(" ".join(para))
            para = []
    if para:
        parts.append(" ".join(para))
    return (" " if one_line else "\n\n").join(parts)


def write_article(path, title: str, n_chars: int, one_line: bool = False, seed: int = 7) -> None:
    """A plain-text article file nkwatch ingests: a title line, a blank line, the body."""
    from pathlib import Path

    Path(path).write_text(f"{title}\n\n{big_article(n_chars, one_line, seed)}\n", encoding="utf-8")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--chars", type=int, default=2_000_000)
    ap.add_argument("--one-line", action="store_true")
    ap.add_argument("--title", default="A very long generated report")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    write_article(a.path, a.title, a.chars, a.one_line, a.seed)
