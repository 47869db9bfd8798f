"""Split an article body into sentences, keeping character offsets.

Lines are hard boundaries (headlines, bullets and captions stand alone); inside a
line a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by space and something that can open a sentence, unless the word before
the stop is an abbreviation (``U.S.``, ``Gen.``, ``No.``) or an initial.
"""

from __future__ import annotations

import re

from store.extract.models import Sentence

# Words that end in a full stop without ending the sentence (compared lower case, no dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig rev hon
    sen rep gov pres amb sec dept gen. st ste mt ft no nos vol vols fig figs art
    jr sr inc corp ltd co bros vs etc approx est al op ed eds cf ie eg viz rs
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m am pm u.s u.k u.n e.u
    """.split()
)

_BULLET = re.compile(r"[ \t]*(?:[•·▪◦‣∙*–—-]|\d{1,2}[.)])[ \t]+")
# A candidate end: terminal punctuation, closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_OPENER = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9\u00C0-\u024F\u0400-\u04FF]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_WORD_CHAR = re.compile(r"[\w.]")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
# Abbreviations and initials are short: the word before a stop is looked for in this
# many characters only (searching from the line start made long lines quadratic).
_WORD_WINDOW = 40


def is_abbreviation(line: str, stop: int) -> bool:
    """True when the full stop at ``stop`` closes an abbreviation or an initial."""
    if line[stop] != ".":
        return False
    lo = max(0, stop - _WORD_WINDOW)
    m = _WORD_BEFORE.search(line, lo, stop)
    if not m:
        return False
    if m.start() == lo > 0 and _WORD_CHAR.match(line, lo - 1):
        return False  # the word runs on past the window: no abbreviation is that long
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials and dotted acronyms: "J. Smith", "U.S.", "D.C."
    if _INITIALS.fullmatch(word):
        return True
    return False


# Scraped text loses the space after a full stop: "had been injured.He said". A stop
# glued to a capitalised word ends a sentence when a real word precedes it and a
# sentence-opening word follows ("Caliber.Az", "U.S.Army" stay whole).
_GLUED = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=\d))[.!?][\"'”’]?(?=(?:[A-Z][a-z]{2,}|He|It|In|On|As|At|If|We|By|An|A)\b)"
)


def _split_line(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    line = body[lo:hi]
    spans: list[tuple[int, int]] = []
    start = 0
    ends = [
        m.end()
        for m in _END.finditer(line)
        if _OPENER.match(line, m.end()) and not is_abbreviation(line, m.start())
    ]
    ends += [m.end() for m in _GLUED.finditer(line) if not is_abbreviation(line, m.start())]
    for end in sorted(set(ends)):
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    return [(lo + a, lo + b) for a, b in spans]


def _trim(body: str, a: int, b: int) -> tuple[int, int]:
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    return a, b


_TERMINAL = tuple(".!?:;\"'”’)]…")


def _blocks(body: str) -> list[tuple[int, int]]:
    """Line spans merged where a line break only wraps a sentence.

    A break is a boundary (headlines, bullets and captions stand alone) unless the line
    before it lacks terminal punctuation and the next line continues it: it starts in
    lower case, or the whole text is hard-wrapped (most long lines end mid-sentence).
    """
    lines: list[tuple[int, int]] = []
    pos = 0
    while True:
        nl = body.find("\n", pos)
        lines.append((pos, len(body) if nl < 0 else nl))
        if nl < 0:
            break
        pos = nl + 1
    long_lines = [(a, b) for a, b in lines if b - a >= 40]
    open_ended = sum(1 for a, b in long_lines if not body[a:b].rstrip().endswith(_TERMINAL))
    hard_wrapped = (
        len(long_lines) >= 4
        and open_ended >= 0.6 * len(long_lines)
        and max(b - a for a, b in long_lines) <= 100
    )
    blocks: list[tuple[int, int]] = []
    for a, b in lines:
        if blocks:
            pa, pb = blocks[-1]
            prev = body[pa:pb].rstrip()
            nxt = body[a:b].lstrip()
            joins = (
                prev
                and nxt
                and not prev.endswith(_TERMINAL)
                and not _BULLET.match(body, a, b)
                and (nxt[0].islower() or (hard_wrapped and pb - pa >= 40))
            )
            if joins:
                blocks[-1] = (pa, b)
                continue
        blocks.append((a, b))
    return blocks


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` in order, each with ``body[start:end] == text``."""
    out: list[Sentence] = []
    for lo, hi in _blocks(body):
        bullet = _BULLET.match(body, lo, hi)
        if bullet:
            lo = bullet.end()
        for a, b in _split_line(body, lo, hi):
            a, b = _trim(body, a, b)
            if b > a and any(ch.isalnum() for ch in body[a:b]):
                out.append(Sentence(a, b, body[a:b]))
    return out
