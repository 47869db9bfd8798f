"""Plain records passed between extraction, the database and the interface.

Offsets are character offsets into the article's stored (cleaned) body:
``body[start:end] == text``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


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
class Cue:
    """Words in the body that decided one of a figure's fields: ``body[start:end] == text``."""

    start: int
    end: int
    text: str

    def as_record(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


EVIDENCE_KEYS = ("qualifier", "hedge", "claimant", "date", "unit", "actor")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a figure reads as it does: the cue behind its qualifier ("up to"), its hedge
    ("could"), its claimant, date, unit and actor, each None when nothing decided it."""

    qualifier: Cue | None = None
    hedge: Cue | None = None
    claimant: Cue | None = None
    date: Cue | None = None
    unit: Cue | None = None
    actor: Cue | None = None

    def cues(self) -> list[tuple[str, Cue]]:
        """``(key, cue)`` for each field that has one, in :data:`EVIDENCE_KEYS` order."""
        return [(k, c) for k in EVIDENCE_KEYS if (c := getattr(self, k)) is not None]

    def as_record(self) -> dict:
        """The evidence as stored: only the keys that have a cue."""
        return {k: c.as_record() for k, c in self.cues()}

    def as_contract(self) -> dict:
        """The JSON ``evidence`` object: every key, null where nothing decided it."""
        return {k: (c.as_record() if (c := getattr(self, k)) else None) for k in EVIDENCE_KEYS}

    @classmethod
    def from_record(cls, record: dict | None) -> Evidence:
        """The inverse of :meth:`as_record`; keys it does not know are ignored."""
        if not isinstance(record, dict):
            return cls()
        cues = {}
        for k in EVIDENCE_KEYS:
            c = record.get(k)
            if isinstance(c, dict):
                try:
                    cues[k] = Cue(int(c["start"]), int(c["end"]), str(c["text"]))
                except (KeyError, TypeError, ValueError):
                    continue
        return cls(**cues)


NO_EVIDENCE = Evidence()


def evidence_from_json(text: str | None) -> Evidence | None:
    """A stored ``evidence`` column: None when the figure was stored before evidence
    was kept (NULL) or the text is not JSON."""
    if text is None:
        return None
    try:
        return Evidence.from_record(json.loads(text))
    except ValueError:
        return None


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
    evidence: Evidence = field(default=NO_EVIDENCE)  # the words that decided the fields

    @property
    def qualifier_text(self) -> str | None:
        """The qualifier as written ("At least"), where ``qualifier`` is its class (min)."""
        from store.extract.qualifiers import qualifier_words

        return qualifier_words(self.text, self.qualifier)


@dataclass(frozen=True, slots=True)
class Extraction:
    figures: list[Figure]
    dates: list[DateExpr]
    # (start, end) of every sentence, as the extraction split them (stored at ingest so
    # that search never splits a body again); None when no split was made.
    sentences: tuple[tuple[int, int], ...] | None = None
