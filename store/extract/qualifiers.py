"""The qualifier words of a figure ("up to", "more than", "about") and how to read them
back off a figure's text. Light on purpose: listings import it to show the qualifier as
written, without loading the extraction rules."""

from __future__ import annotations

import re

QUALIFIERS: list[tuple[str, str]] = [
    (
        r"up to|as many as|as much as|at most|a maximum of|no more than|not more than|"
        r"fewer than|less than|just under|under|below|not exceed|not to exceed|no higher than|"
        r"capped at",
        "max",
    ),
    (
        r"more than|well over|just over|over|at least|in excess of|upwards of|a minimum of|"
        r"no fewer than|no less than|above|the more than",
        "min",
    ),
    (
        r"about|around|approximately|roughly|some|nearly|almost|close to|an estimated|approaching|nearing|near|"
        r"estimated|circa|ca\.|approx\.|~|an approximate|more or less",
        "approx",
    ),
]

_LEADING_QUAL = re.compile(
    r"(?P<q>"
    + "|".join(f"(?:{p})" for p, _ in QUALIFIERS)
    + r")(?=\s*[$€£¥₴₽₩₹\d]|\s+(?:a|an|one|half|[a-z]+(?:-[a-z]+)?)\b)",
    re.I,
)
_TRAILING_QUAL = re.compile(r"\d\s*(?P<q>or\s+(?:more|so)\b|\+|-plus\b)", re.I)


def qualifier_words(text: str, qualifier: str | None) -> str | None:
    """The qualifier of a figure as written, read off the figure's own text: "At least"
    in "At least 2,300 people", "or more" in "2,000 or more people" (the contract's
    ``qualifier`` maps several phrasings to one value: "at least" and "over" are both
    ``min``). None when no words say it ("thousands of" is ``min`` by its form)."""
    if not text or qualifier is None:
        return None
    m = _LEADING_QUAL.match(text)
    if m:
        return m.group("q")
    t = _TRAILING_QUAL.search(text)
    return t.group("q") if t else None
