"""Numbers as news writes them, found in a sentence with their spans.

``3,000``, ``10 000``, ``1.5 million``, ``$2bn``, ``20%``, ``six``, ``a thousand``, ``the first
thousand``, ranges (``10,000 to 12,000``, ``10,000-12,000``, ``between 10,000 and
12,000``, ``10,000-11,000-12,000``) and vague amounts (``thousands of``, ``hundreds of
thousands``, ``dozens``). This module says only *what number* is written where; whether
it is a figure worth keeping (has a unit, is not a year or a name) is decided in
``store.extract.figures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from store.extract.change import change_before

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    # South Asian English: "78.93 lakh men", "Rs 12.13 crore"
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
_SHORT_SCALE = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "mil": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
_CURRENCY_SYMBOLS = {
    "$": "dollars",
    "US$": "dollars",
    "€": "euros",
    "£": "pounds",
    "¥": "yen",
    "₴": "hryvnias",
    "₽": "rubles",
    "₩": "won",
    "₹": "rupees",
    # written before the digits in South and Southeast Asian news: "Rs 12.13 crore",
    # "Rs. 600", "RM4.6 million" (Malaysian ringgit)
    "Rs": "rupees",
    "Rs.": "rupees",
    "RM": "ringgit",
}

_WORD_NUM = "|".join(sorted(list(_SMALL) + ["dozen"], key=len, reverse=True))
_SCALES = "hundred|thousand|million|billion|trillion|lakhs?|crores?"
# Thousands grouped by commas (3,000) or, as international outlets write them, by a
# space, a no-break space, a thin space or a narrow no-break space (10 000, 1 788). A
# four-digit year never starts a spaced group, so "in 2024 1 500 troops" keeps the year
# apart from the count.
_GROUP_SPACES = " \u00a0\u2009\u202f"
# ... nor does a day after its month: "October 20 150 troops" is a date and a count.
# A month written after its day has had its day, so the number after it is a count:
# "on 20 October 1 500 troops", "by 5 May 12 000 people".
_MONTH_WORDS = (
    "January February March April May June July August September October November "
    "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_NOT_A_DAY = "".join(  # lookbehinds must each be of fixed width; [ ] survives re.X
    rf"(?:(?<!{m}{dot}[{_GROUP_SPACES}])|(?<=\d[{_GROUP_SPACES}]{m}{dot}[{_GROUP_SPACES}]))"
    for m in _MONTH_WORDS
    for dot in ("", r"\.")
)
# The same test for a sentence with no day before a month ("20 October "), where the
# second branch above can never hold: the plain lookbehinds, half the regex work
# (find_numbers picks this one unless _DAY_MONTH finds such a day).
_NOT_A_DAY_PLAIN = "".join(
    f"(?<!{m}{dot}[{_GROUP_SPACES}])" for m in _MONTH_WORDS for dot in ("", r"\.")
)
_DAY_MONTH = re.compile(
    rf"\d[{_GROUP_SPACES}](?:{'|'.join(_MONTH_WORDS)})\.?[{_GROUP_SPACES}]", re.I
)


def _digits(not_a_day: str) -> str:
    return (
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
        rf"|{not_a_day}\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+(?:\.\d+)?"
        r"|\d+(?:\.\d+)?"
    )


_DIGITS = _digits(_NOT_A_DAY)
_GROUPING = re.compile(rf"[,{_GROUP_SPACES}]")

# One number: currency?, digits or words, scale?, percent?
_ONE = rf"""
(?P<cur{{i}}>US\$|(?-i:Rs\.?|RM)(?=\s?\d)|[$€£¥₴₽₩₹])?\s?
(?:
   (?P<dig{{i}}>{_DIGITS})(?:\s?(?P<sshort{{i}}>bn|mn|mln|mil|trn|tn|(?<=\d)[kmb])\b|\s*-?\s*(?P<sc{{i}}>(?:{_SCALES})(?:\s+(?:{_SCALES}))?)\b)?
 | (?P<wd{{i}}>(?:(?:{_WORD_NUM})(?:[-\s](?:{_WORD_NUM}))?))(?:[\s-]+(?P<wsc{{i}}>(?:{_SCALES})(?:\s+(?:{_SCALES}))?))?\b
 | (?P<art{{i}}>\b(?:an?|one|the\s+first|first)\s+)(?P<asc{{i}}>{_SCALES}|dozen)\b
)
(?P<pct{{i}}>\s?%|\s+per\s?cent\b|\s+percent\b)?
"""


def _number_re(digits: str) -> re.Pattern[str]:
    one = _ONE.replace(_DIGITS, digits)
    return re.compile(
        r"(?<![\w.,$€£¥])(?:(?P<between>between|from)\s+)?"
        + one.replace("{i}", "1")
        + r"(?:(?P<sep>\s*(?:-|–|—|to|(?(between)and|(?!)))\s*)"
        + one.replace("{i}", "2")
        + r")?(?:\s*(?:-|–|—)\s*(?P<dig3>"
        + digits
        + r"))?(?![\w$€£]|,\d|\.\d)",
        re.X | re.I,
    )


_NUMBER_RE = _number_re(_DIGITS)
_NUMBER_RE_PLAIN = _number_re(_digits(_NOT_A_DAY_PLAIN))  # no "20 October " in the text

_VAGUE_RE = re.compile(
    r"\b(?:(?P<vq>(?:several|a\s+few|many|some)\s+(?P<vs>hundred|thousand|million|billion))"
    r"|(?P<outer>tens|hundreds)\s+of\s+(?P<inner>thousands|millions|billions)"
    r"|(?P<plain>dozens|scores|hundreds|thousands|millions|billions))\b",
    re.I,
)


# "a quarter of a percentage point", "half a percentage point", "three-quarters of a
# percentage point": a fraction of a point, as central banks move rates
_FRACTION_RE = re.compile(
    r"\b(?P<frac>(?:a|one)\s+quarter|half|three[\s-]quarters)(?:\s+of)?(?:\s+a)?"
    r"(?=\s+(?:percentage|basis)[\s-]points?\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: float
    high: float | None
    percent: bool
    currency: str | None  # unit implied by a currency symbol
    vague: bool
    words: bool  # written in words ("six"), not digits
    high_start: int | None = None  # where a range's high end is written

    def high_alone(self) -> Number | None:
        """The high end of a range as a number of its own ("October 7 to 22,722")."""
        if self.high is None or self.high_start is None:
            return None
        return Number(
            self.high_start,
            self.end,
            self.high,
            None,
            self.percent,
            self.currency,
            False,
            self.words,
        )


def _words_value(text: str) -> float | None:
    total = 0.0
    for part in re.split(r"[-\s]+", text.lower()):
        if part in _SMALL:
            total += _SMALL[part]
        elif part == "dozen":
            total = (total or 1) * 12
        else:
            return None
    return total


def _scale(text: str | None) -> int:
    if not text:
        return 1
    f = 1
    for part in text.lower().split():
        f *= _SCALE[part]
    return f


def _exact(digits: str, factor: int = 1) -> float:
    """``digits`` times ``factor`` without binary noise: "17.1" x 10^9 is 17100000000,
    not 17100000000.000002 (decimal arithmetic, rounded once to the nearest float)."""
    return float(Decimal(_GROUPING.sub("", digits)) * factor)


def _one_value(m: re.Match[str], i: int) -> tuple[float | None, bool]:
    """(value, written in words) of the i-th number of a match."""
    g = m.group
    if g(f"dig{i}"):
        digits = g(f"dig{i}")
        if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
            return None, False  # "000" is the tail of a number split apart, "007" a code
        factor = _scale(g(f"sc{i}"))
        if g(f"sshort{i}"):
            factor *= _SHORT_SCALE[g(f"sshort{i}").lower()]
        return _exact(digits, factor), False
    if g(f"wd{i}"):
        w = _words_value(g(f"wd{i}"))
        if w is None:
            return None, True
        return w * _scale(g(f"wsc{i}")), True
    if g(f"asc{i}"):
        s = g(f"asc{i}").lower()
        return (12.0 if s == "dozen" else float(_SCALE[s])), True
    return None, False


_HALF_BEFORE = re.compile(r"\bhalf\s+$", re.I)
_DASHES = ("-", "–", "—")


def _change_pair(s: str, m: re.Match[str], sep: str, v1: float, v2: float) -> bool:
    """Whether "X to Y" / "from X to Y" states two values of a change, not a range:
    different kinds ("5% to $3.2 billion"), a fall ("from $1.2bn to $900m"), or a change
    word before "from" ("rose from 15% to 35%"). See :mod:`store.extract.change`."""
    g = m.group
    if g("dig3") or (sep == "and" and not g("between")):
        return False
    pct1, pct2, cur1, cur2 = g("pct1"), g("pct2"), g("cur1"), g("cur2")
    if (pct1 and (cur2 or not pct2)) or (cur1 and pct2) or (cur1 and cur2 and cur1 != cur2):
        return True
    frm = (g("between") or "").lower() == "from"
    if sep in _DASHES and not frm:
        return False  # "won 3-1", "10,000-12,000"
    if v2 * _shared_scale(m, 2) <= v1 * _shared_scale(m, 1):
        return True  # a fall, not a range
    return frm and change_before(s, m.start())


def _shared_scale(m: re.Match[str], i: int) -> float:
    """The scale written only on the second value applies to the first: "1.5 to 2 million"."""
    g = m.group
    if i == 2 or g("sc1") or g("sshort1") or g("wsc1"):
        return 1.0
    if g("sshort2"):
        return _SHORT_SCALE[g("sshort2").lower()]
    return _scale(g("sc2") or g("wsc2"))


def _pair(s: str, m: re.Match[str], v1: float, w1: bool, v2: float) -> list[Number]:
    """The two values of a change as two numbers, each with its own span."""
    g = m.group
    a = m.end("between") if g("between") else m.start()
    while a < len(s) and s[a].isspace():
        a += 1
    b = m.start("sep")
    second = next(m.start(k) for k in ("cur2", "dig2", "wd2", "art2") if g(k))
    end = m.end()
    while end > second and s[end - 1].isspace():
        end -= 1
    pct1, pct2 = bool(g("pct1")), bool(g("pct2"))
    cur1, cur2 = g("cur1"), g("cur2")
    kinds_differ = (
        (pct1 and (cur2 or not pct2)) or (cur1 and pct2) or (cur1 and cur2 and cur2 != cur1)
    )
    scale1 = 1.0 if kinds_differ else _shared_scale(m, 1)  # "5% to $3.2 billion"
    if pct2 and not pct1 and not cur1:
        pct1 = True  # "from 15 to 35%": the sign written once
    if cur1 and not cur2 and not pct2:
        cur2 = cur1  # "from $1.2bn to 900m"
    if cur2 and not cur1 and not pct1:
        cur1 = cur2
    first = Number(
        a, b, v1 * scale1, None, pct1,
        _CURRENCY_SYMBOLS.get(cur1) if cur1 else None, False, w1,
    )  # fmt: skip
    last = Number(
        second, end, v2, None, pct2,
        _CURRENCY_SYMBOLS.get(cur2) if cur2 else None, False, bool(g("wd2") or g("art2")),
    )  # fmt: skip
    return [first, last]


def find_numbers(s: str) -> list[Number]:
    """Numbers in a sentence, left to right, not overlapping."""
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    pos = 0
    number_re = _NUMBER_RE if _DAY_MONTH.search(s) else _NUMBER_RE_PLAIN
    while (m := number_re.search(s, pos)) is not None:
        pos = m.end()
        v1, w1 = _one_value(m, 1)
        if v1 is None:
            continue
        start, end = m.start(), m.end()
        high = None
        single = False  # the match ran on into a second number of another kind
        v2, _ = _one_value(m, 2)
        sep = (m.group("sep") or "").strip().lower()
        if v2 is not None and _change_pair(s, m, sep, v1, v2):
            for n in _pair(s, m, v1, w1, v2):
                out.append(n)
                taken.append((n.start, n.end))
            continue
        if v2 is not None:
            cur1, cur2 = m.group("cur1"), m.group("cur2")
            pct1, pct2 = m.group("pct1"), m.group("pct2")
            kinds_differ = (pct1 and cur2) or (cur1 and pct2) or (cur1 and cur2 and cur1 != cur2)
            if (sep == "and" and not m.group("between")) or kinds_differ:
                # "3,000 troops and 500 tanks" is two numbers, not a range; nor is "fell
                # 38% to €1.9bn" (a share and a sum): the second is read on its own
                end = m.start("sep")
                v2 = None
                if kinds_differ:
                    pos = end
                    single = True
            else:
                # "1.5 to 2 million": the scale written once applies to both ends
                if not (m.group("sc1") or m.group("sshort1") or m.group("wsc1")) and (
                    m.group("sc2") or m.group("wsc2") or m.group("sshort2")
                ):
                    factor = (
                        _scale(m.group("sc2") or m.group("wsc2"))
                        if not m.group("sshort2")
                        else (_SHORT_SCALE[m.group("sshort2").lower()])
                    )
                    v1 = (
                        _exact(m.group("dig1"), factor)
                        if m.group("dig1")
                        else float(Decimal(repr(v1)) * factor)
                    )
                high = v2
        if m.group("dig3") and high is not None:
            high = _exact(m.group("dig3"))
        if m.group("between") and high is None:
            start = m.end("between")  # "from 3,000": "from" is not part of the number
        if high is not None and high <= v1:
            high = None  # a score ("won 3-1") or "5 to 5": not a range
        while start < end and s[start].isspace():
            start += 1
        # trim a trailing separator-less match
        text = s[start:end]
        stripped = text.rstrip()
        end = start + len(stripped)
        half = _HALF_BEFORE.search(s, max(0, start - 24), start)
        if half and m.group("asc1"):  # "half a million"
            v1 /= 2
            start = half.start()
        cur = m.group("cur1") if single else m.group("cur1") or m.group("cur2")
        pct = bool(m.group("pct1") or (m.group("pct2") and not single))
        high_start = None
        if high is not None:
            second = (
                m.start("dig3")
                if m.group("dig3")
                else (m.start("cur2") if m.group("cur2") else None)
            )
            for g in ("dig2", "wd2", "art2"):
                if second is None and m.group(g):
                    second = m.start(g)
            high_start = second
        out.append(
            Number(
                start,
                end,
                v1,
                high,
                pct,
                _CURRENCY_SYMBOLS.get(cur) if cur else None,
                False,
                w1,
                high_start,
            )
        )
        taken.append((start, end))
    for m in _VAGUE_RE.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if m.group("vq"):
            value = float(_SCALE[m.group("vs").lower()])
        elif m.group("outer"):
            value = (10.0 if m.group("outer").lower() == "tens" else 100.0) * _VAGUE[
                m.group("inner").lower()
            ]
        else:
            value = float(_VAGUE[m.group("plain").lower()])
        out.append(Number(m.start(), m.end(), value, None, False, None, True, True))
    for m in _FRACTION_RE.finditer(s):
        # "three-quarters of a percentage point": the fraction, not a count of three
        out = [n for n in out if not (m.start() <= n.start < m.end() and n.end <= m.end())]
        word = m.group("frac").lower()
        value = 0.5 if word.startswith("half") else 0.75 if word.startswith("three") else 0.25
        out.append(Number(m.start(), m.end(), value, None, False, None, False, True))
    out.sort(key=lambda n: n.start)
    return out
