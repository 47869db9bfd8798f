"""Plain records passed between extraction, the database and the interface.

Offsets are character offsets into the article's stored (cleaned) body:
``body[start:end] == text``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression resolved against the publication date, at its own granularity."""

    text: str
    start: int
    end: int
    value: str  # ISO 8601 at its granularity: 2024, 2024-10, 2024-W44, 2024-10-27; a
    # season as TimeML writes it: 2024-SP, 2024-SU, 2024-FA, 2024-WI (Dec 2024 - Feb 2025)
    end_value: str | None  # for ranges: 2024-10-28
    granularity: str  # year | season | month | week | day
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """A number an article states, with what it counts and who says so."""

    text: str
    start: int
    end: int
    value: float
    high: float | None
    qualifier: str | None  # approx | max | min | None
    unit: str
    actor: str | None
    claimant: str | None
    hedged: bool
    date: str | None
    sentence_start: int
    sentence_end: int
    vague: bool = False  # "thousands of", "dozens": an order of magnitude, not a count
    claimant_start: int | None = None  # where the claimant is named in the body, if it is
    claimant_end: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    figures: list[Figure]
    dates: list[DateExpr]
