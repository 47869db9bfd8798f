"""Numbers and marks as people write and read them, shared by the CLI tables and the
dashboard. Plain strings only (no Rich, no Textual), so listing commands stay light.

Marks: one sign per meaning everywhere, listed in :data:`MARKS` (the help screen and
the README show the same legend).
"""

from __future__ import annotations

import math

HEDGED_MARK = "?"  # a figure presented as possible or planned, not as reported fact
VAGUE_MARK = "~"  # an order of magnitude ("thousands of"), read as a floor
INFERRED_MARK = "*"  # a date not given but inferred (from the text, or the publication)

MARKS: list[tuple[str, str]] = [
    (f"{HEDGED_MARK} 100,000", "hedged: possible or planned, not reported as fact"),
    (f"{VAGUE_MARK} 1,000", 'vague: an order of magnitude ("thousands of"), read as a floor'),
    (
        f"2024-11-05{INFERRED_MARK}",
        "a date not given but inferred: an article's publication date read from its text; "
        "in a quantity's claims, a claim dated by its article's publication",
    ),
]

CURRENCY_SIGNS = {
    "dollars": "$",
    "euros": "€",
    "pounds": "£",
    "yen": "¥",
    "rubles": "₽",
    "roubles": "₽",
    "hryvnias": "₴",
    "hryvnia": "₴",
    "won": "₩",
    "rupees": "₹",
}
_SCALES = ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "mn"))


def _plain_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_number(value: float | None, unit: str | None = None) -> str:
    """``value`` as people write it: ``2,300``, ``10,000``, ``1.5 million``, ``12.5``;
    with a currency unit ``$2 bn``, ``€450 mn``; with ``percent`` ``31%``. A whole
    number of millions or billions (to two decimals) takes the word, any other value
    is written out in full, so nothing is rounded away."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "?"
    unit = (unit or "").lower()
    sign = CURRENCY_SIGNS.get(unit)
    text = _plain_number(value)
    for scale, word, short in _SCALES:
        scaled = abs(value) / scale
        if scaled >= 1 and abs(round(scaled, 2) * scale - abs(value)) < 0.5:
            text = f"{'-' if value < 0 else ''}{_plain_number(round(scaled, 2))} "
            text += short if sign else word
            break
    if unit == "percent":
        return f"{text}%"
    if sign:
        return f"-{sign}{text[1:]}" if text.startswith("-") else f"{sign}{text}"
    return text


_QUALIFIER_WORDS = {"approx": "about ", "max": "up to ", "min": "over "}


def format_value(
    value: float,
    high: float | None,
    qualifier: str | None,
    unit: str | None = None,
    qualifier_text: str | None = None,
) -> str:
    """A figure as people say it: ``up to 100,000``, ``about $2 bn``, ``10,000–12,000``.
    ``qualifier_text``, the words the article used ("at least"), wins over the word of
    the qualifier's class; one written after the number ("or more") stays after it."""
    text = format_number(value, unit)
    if high is not None and high != value:
        text = f"{text}–{format_number(high, unit)}"
    if qualifier_text:
        words = " ".join(qualifier_text.split())
        words = words.lower() if words[:1].isupper() and words[1:2].islower() else words
        if words.startswith("or "):
            return f"{text} {words}"  # "2,000 or more"
        if words in {"+", "-plus"} or words == "~":
            return f"~{text}" if words == "~" else f"{text}{words}"  # "2,000+", "~300"
        return f"{words} {text}"
    return _QUALIFIER_WORDS.get(qualifier or "", "") + text


def figure_mark(hedged: bool, vague: bool) -> str:
    """The list mark of a figure (``?`` hedged wins over ``~`` vague), or ""."""
    return HEDGED_MARK if hedged else VAGUE_MARK if vague else ""


def published_text(published: str | None, inferred: bool) -> str:
    """A publication date with its mark: ``2024-11-19*`` when it was inferred."""
    if not published:
        return ""
    return f"{published}{INFERRED_MARK}" if inferred else published
