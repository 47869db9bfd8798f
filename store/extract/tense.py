"""Tense cues of a sentence: does the clause around a date speak of the past, the
future, or neither (a modal looks both ways)? Year-less dates resolve by it.
"""

from __future__ import annotations

import bisect
import re

from store.extract.date_patterns import MONTH_FULL, by_first_letter

# Each pattern opens with a cheap first-letter gate: they run over every dated sentence.
_CLAUSE_BREAK = re.compile(
    r"[;:\"“”—]|,(?!\d)|\s[-–]\s|\b(?=[tTwWbBaAiIfFsS])(?i:that|which|who|whose|whom|"
    r"while|but|although|though|because|whereas|if|after|following|since)\b"
)
# A future cue takes its verb group along ("will be held"), so that the participle in it
# is not read as a past-tense cue.
_FUTURE_CUE = re.compile(
    r"(?:\b(?=[wWsSiIaApPmMtT])(?:will|won't|shall|must|is\s+to|are\s+to|to\s+be|"
    r"(?:is|are|be)\s+(?:set|expected|scheduled|due|slated|poised|going|planned|likely)"
    r"\s+to|plans?\s+to|planning\s+to|intends?\s+to|aims?\s+to)|(?<=\w)['’](?:s\s+(?:set|"
    r"expected|scheduled|due|slated|poised|going|planned|likely)\s+to|ll))\b"
    r"(?:\s+(?:not|also|likely|probably|still|soon|then|now|only|finally|be|have|been))*"
    r"(?:\s+[a-z]+)?"
    r"|\b(?=[sSpPuUfFnNaA])(?:scheduled|planned|upcoming|forthcoming|next|as\s+early\s+as|"
    r"as\s+soon\s+as|no\s+later\s+than|ahead\s+of)\b"
    r"|\b(?=[iIaA])(?:is|are)\s+due\b",
    re.I,
)
# Modal verbs look either way ("would be used on October 27-28" in a November article,
# "could be deployed in December" in a November one): the nearer date wins.  "may have"
# and "could have" look back and are left to the past-tense cues.
_NEAR_CUE = re.compile(
    r"\b(?=[wcmsC])(?:would|could|may|might|should|can|Could|Would)\b"
    r"(?!\s+(?:not\s+)?(?:have|'ve)\b)"
    r"(?:\s+(?:not|also|likely|probably|still|soon|then|now|only|finally|be))*(?:\s+[a-z]+)?"
)
# Past-tense verbs: a short list of irregular ones, and any lower-case word in -ed
# (filtered in Python: not "expected"/"planned"/"scheduled", not after be/been/being).
_IRREGULAR_PAST = (
    "was were had did said told ago since earlier last began came went took gave met held "
    "left fell stood saw made sent won lost ran spoke wrote rose grew struck found got led "
    "fled fought brought bought caught thought knew became broke chose drove flew froze hid "
    "kept paid sank shot shook sold spent stole threw understood woke wore built sought "
    "taught meant felt heard sat swept withdrew overtook undertook arose forgot lay"
).split()


_PAST_CUE = re.compile(
    r"\b(?=[a-zA-Z])(?:(?i:" + by_first_letter(_IRREGULAR_PAST) + r")\b|[a-z]+(?<=ed)\b)"
)
_NOT_PAST_ED = frozenset({"expected", "scheduled", "planned", "proposed", "anticipated"})
# a participle after be, or after a present is/are ("when it is played on Sunday"), is
# no past tense
_BE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am)\s+$")
WEAK_FUTURE_BEFORE = re.compile(r"\b(?:by|until|till|before)[^\S\n]+$", re.I)
FUTURE, PAST, NEAR = "future", "past", "near"
_ATTRIBUTIVE = "attributive"  # "a planned 5,000", "the scheduled vote": future, for its noun
_DETERMINER = re.compile(r"\b(?i:an?|the|its|their|this|that)[^\S\n]+$")
MONTH_BEFORE = re.compile(MONTH_FULL)


class Cues:
    """Clause breaks and tense cues of one sentence, found once for all its dates.

    Lookups bisect sorted positions, so a huge run-on "sentence" with thousands of
    dates stays linear-logarithmic instead of quadratic.
    """

    __slots__ = ("n", "bstarts", "bends", "cues", "cstarts")

    def __init__(self, text: str) -> None:
        self.n = len(text)
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text)]
        self.bstarts = [s for s, _e in breaks]
        self.bends = [e for _s, e in breaks]
        future = [
            (
                m.start(),
                m.end(),
                _ATTRIBUTIVE
                if _DETERMINER.search(text, max(0, m.start() - 6), m.start())
                else FUTURE,
            )
            for m in _FUTURE_CUE.finditer(text)
        ]
        future += [(m.start(), m.end(), NEAR) for m in _NEAR_CUE.finditer(text)]
        future.sort()
        fstarts = [f[0] for f in future]
        reach, top = [], -1  # reach[i]: the farthest end among future[: i + 1]
        for f in future:
            top = max(top, f[1])
            reach.append(top)
        cues = list(future)
        for m in _PAST_CUE.finditer(text):
            a, word = m.start(), m.group()
            i = bisect.bisect_right(fstarts, a) - 1
            if i >= 0 and reach[i] > a:
                continue  # inside a future cue's verb group: "will be held"
            if word.endswith("ed") and (
                word in _NOT_PAST_ED or _BE_BEFORE.search(text, max(0, a - 7), a)
            ):
                continue
            cues.append((a, m.end(), PAST))
        cues.sort()
        self.cues = cues
        self.cstarts = [c[0] for c in cues]

    def clauses(self, a: int, b: int) -> list[tuple[int, int]]:
        """The clause holding [a, b), then the clause after it (for a fronted "On X,")."""
        starts, ends, n = self.bstarts, self.bends, self.n
        i = bisect.bisect_left(starts, a) - 1  # breaks starting before the date
        while i >= 0 and ends[i] > a:
            i -= 1
        lo = ends[i] if i >= 0 else 0
        j = bisect.bisect_left(starts, b)  # the first break at or after its end
        hi = starts[j] if j < len(starts) else n
        out = [(lo, hi)]
        if hi < n:
            k = bisect.bisect_right(starts, hi)
            out.append((hi, starts[k] if k < len(starts) else n))
        return out

    def nearest(self, lo: int, hi: int, a: int, b: int, attributive: bool = True) -> str | None:
        """Kind of the cue in [lo, hi) nearest to [a, b), looking a few cues each way;
        without ``attributive``, "a planned 5,000" is no cue."""
        cues, best, kind = self.cues, self.n + 1, None
        i = bisect.bisect_left(self.cstarts, a)
        for s, e, k in cues[max(0, i - 4) : i + 4]:
            if s < lo or s >= hi or a <= s < b or (k == _ATTRIBUTIVE and not attributive):
                continue
            # a verb before the date governs it more often than one after ("said on
            # Monday it would"): cues after it count a few characters farther
            dist = a - e if e <= a else s - b + 3
            if dist < best:
                best, kind = dist, k
        return FUTURE if kind == _ATTRIBUTIVE else kind

    def tense(self, a: int, b: int) -> str | None:
        """Tense of the clause around [a, b): the nearest cue in it, else further out."""
        for k, (lo, hi) in enumerate(self.clauses(a, b)):
            cue = self.nearest(lo, hi, a, b, attributive=k == 0)
            if cue:
                return cue
        # outside the date's own clause "a planned 5.6 million" modifies a noun of another
        # clause: "In May it was fulfilled ..., and in April by 19%, against a planned 2.6
        # million" is the past
        return self.nearest(0, self.n, a, b, attributive=False)


def has_past(text: str) -> bool:
    """Whether ``text`` holds a past-tense verb ("built", "was", "killed"), not counting
    participles after be/been ("is expected") or in a future verb group."""
    future_ends = [m.end() for m in _FUTURE_CUE.finditer(text)]
    for m in _PAST_CUE.finditer(text):
        a, word = m.start(), m.group()
        if any(m.start() < e and a < e for e in future_ends if e > a and e - a < 60):
            continue
        if word.endswith("ed") and (
            word in _NOT_PAST_ED or _BE_BEFORE.search(text, max(0, a - 7), a)
        ):
            continue
        return True
    return False
