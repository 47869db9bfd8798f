"""Plans and purposes the modal list of ``store.extract.cues`` misses, and qualifiers that
read differently next to a verb of change.

Hedges (the figure is planned, sought, projected, not reported fact):

- a headline's infinitive after its subject: "Airline to cut 4,000 jobs", "Budget Gap To
  Reach $2 Trillion" (a plan or a forecast, as headlines write them);
- purpose and pursuit: "in a bid to save $2bn", "in an effort to raise", "in order to",
  "aiming to add $50m", "seeking to", "in talks ... to raise", "agreed to provide", a bid "of as much as
  $8bn" (not "the $30m it raised last year" after one of these);
- forecasts on a path or revised: "on track to pass $1 trillion", "raised its estimate by
  $50bn, to $1.2tn", "the bank projects two more hikes in 2025, three in 2026".

These look only to the left of the figure, in its clause: "cut 900 jobs in a bid to save
$1bn" plans the saving, not the cut already made.

Qualifiers:

- "up to" after a verb of change is "rose to", not a maximum: "edged up to 4.3%", "push
  the deficit up to £20bn";
- "passes 10,000", "topped 500" (with no noun of its own after) is a floor: ``min``;
- "near $4 billion" is ``approx``.
"""

from __future__ import annotations

import bisect
import re

from store.extract.cues import RIGHT_STOP

_PURPOSE = re.compile(
    r"\b(?:in\s+an?\s+(?:bid|effort|attempt|drive|push|move)\s+to|in\s+order\s+to|so\s+as\s+to|"
    r"aim(?:ing|ed)\s+(?:to|at)|seeking\s+to|in\s+talks\b|agree(?:s|d|ing)?\s+to\b|"
    r"on\s+(?:track|course|pace)\s+to|bids?\s+(?:for|of)\b|"
    # a verb of forecasting with its number: "the Fed projects only two more hikes"
    r"(?:project|forecast|predict|expect)(?:s|ing)\s+(?:(?:only|just|about|around|roughly|"
    r"that)\s+)?(?=[\d$£€]|(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an)\b)|"
    r"(?:raised|lowered|revised|increased|reduced|trimmed|cut|upgraded|downgraded|lifted)\s+"
    r"(?:its|their|that|the|this|his|her|our)\s+(?:[a-z\-]+\s+)?"
    r"(?:estimates?|forecasts?|projections?|outlook|guidance))",
    re.I,
)
# Words before "to" that make it a preposition or a change, not a headline's infinitive.
_NOT_SUBJECT = frozenset(
    """according due up down close next compared related prior thanks owing back set going
    ready able likely how what whether or and from to into in on at by for of as than
    rise rises rose risen rising climb climbs climbed jump jumps jumped fall falls fell
    fallen drop drops dropped slide slides slid surge surges surged soar soars soared
    plunge plunges plunged sink sinks sank grow grows grew widen widens widened narrow
    narrows narrowed increase increases increased decrease decreases decreased cut cuts
    slash slashes slashed boost boosts boosted raise raises raised lift lifts lifted lower
    lowers lowered hike hikes hiked edge edges edged swell swells swelled shrink shrinks
    shrank double doubles doubled triple triples tripled return returns returned move moves
    moved head heads headed vote votes voted agree agrees agreed""".split()
)
_NOT_VERB = frozenset(
    """the a an its their his her our this that these those record new fresh highest lowest
    high low levels level power office court date end be""".split()
)
_HEADLINE_TO = re.compile(r"\b([^\W\d_][\w'’\-]*)\s+(?:to|To|TO)\s+([A-Za-z][a-z]+)\b")

_CHANGE_UP_TO = re.compile(
    r"\b(?:(?:edg|inch|tick|creep|mov|go|shoot|jump|bump|ratchet|climb|ris|spik|pick|ramp|"
    r"notch|step|push|driv)(?:e|es|ed|ing|s)?|went|gone|crept|shot|rose|risen|drove|driven|"
    r"(?:push|driv|bump|ratchet|ramp|step)(?:e|es|ed|ing|s)?\s+(?:[\w'’\-]+\s+){1,4}?)"
    r"\s*up\s+to\s+$",
    re.I,
)
_PASSING = re.compile(
    r"\b(?:pass(?:es|ed|ing)?|tops?|topped|topping|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|"
    r"cross(?:es|ed|ing)?|breaks?|broke)\s+$",
    re.I,
)
# "estimated the crowd at 40,000": an estimate, as "an estimated 40,000" is
_ESTIMATED_AT = re.compile(
    r"\bestimat(?:e|es|ed|ing)\s+(?:(?:the|a|an|its|their|his|her|that)\s+)?"
    r"(?:[\w\-]+\s+){1,2}at\s+$",  # an object: "was estimated at" stays plain
    re.I,
)
_NEAR = re.compile(r"(?:^|(?<=\s))near\s+$", re.I)
_FUNCTION_AFTER = re.compile(
    r"\s*(?:$|[,.;:!?)\]\"”’]|(?:on|in|at|by|for|as|after|before|since|this|last|the|and|"
    r"but|while|with|from|according|mark|level|threshold|barrier)\b)",
    re.I,
)


def headline(s: str) -> bool:
    """A line written as a headline: no closing punctuation."""
    return not s.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")"))


# "... to the $300m it raised last year": a relative clause in the past states a fact
_DONE_AFTER = re.compile(
    r"\s+(?:that\s+|which\s+)?(?:it|they|he|she|we|I)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:[a-z]+ed|raised|made|paid|won|lost|got|spent|sold|built|took|gave|brought|cut)\b"
)


class Plans:
    """The plan and purpose cues of one sentence, found once; a figure is hedged by one
    before it in its own clause."""

    __slots__ = ("s", "starts", "ends")

    def __init__(self, s: str) -> None:
        self.s = s
        spans = [(m.start(), m.end()) for m in _PURPOSE.finditer(s)]
        if headline(s):
            for m in _HEADLINE_TO.finditer(s):
                subj, verb = m.group(1).lower(), m.group(2).lower()
                if subj not in _NOT_SUBJECT and verb not in _NOT_VERB:
                    spans.append((m.end(1) + 1, m.end(2)))  # "to cut"
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def cue(self, start: int, end: int, clause_start: int) -> tuple[int, int] | None:
        """The span of the plan cue that hedges ``s[start:end]``, if one does."""
        i = bisect.bisect_left(self.starts, clause_start)
        if not (i < len(self.starts) and self.starts[i] < start):
            return None
        if _DONE_AFTER.match(self.s, end) is not None:
            return None
        a, b = self.starts[i], self.ends[i]
        while a < b and self.s[a].isspace():
            a += 1
        return (a, b) if a < b else None

    def hedged(self, start: int, end: int, clause_start: int) -> bool:
        return self.cue(start, end, clause_start) is not None


def adjust_qualifier(
    s: str, qual: str | None, qstart: int, num_start: int, num_end: int
) -> tuple[str | None, int, tuple[int, int] | None]:
    """(qualifier, start of its words, span of the word that changed it) once verbs of
    change are read: "edged up to 4.3%" has none, "toll passes 10,000" is ``min``, "near
    $4 billion" ``approx``. The span is None when nothing changed or the qualifier went."""
    if qual == "max" and qstart < num_start:
        if re.match(r"up\s+to\b", s[qstart:num_start], re.I) and _CHANGE_UP_TO.search(
            s, max(0, qstart - 60), num_start
        ):
            return None, num_start, None
    if (
        qual == "min"
        and qstart == num_start
        and _PASSING.search(s, max(0, num_start - 12), num_start)
    ):
        # a floor read from "passed": "The Senate passed 12 bills" counts bills passed
        stop = RIGHT_STOP.search(s, num_end)
        tail = s[num_end : stop.start() if stop else len(s)]
        if not _FUNCTION_AFTER.match(tail) and not re.match(r"\s*(?:\+|-plus|or\s)", tail):
            return None, num_start, None
    if qual is None:
        near = _NEAR.search(s, max(0, num_start - 8), num_start)
        if near:
            return "approx", near.start(), (near.start(), near.start() + 4)
        est = _ESTIMATED_AT.search(s, max(0, num_start - 60), num_start)
        if est and not re.match(r"(?:between|from)\b", s[num_start:], re.I):
            # a range estimated is written as a range
            word = re.match(r"\w+", s[est.start() :])
            return "approx", num_start, (est.start(), est.start() + word.end())
        passing = _PASSING.search(s, max(0, num_start - 12), num_start)
        if passing:
            stop = RIGHT_STOP.search(s, num_end)
            tail_end = stop.start() if stop else len(s)
            if _FUNCTION_AFTER.match(s[num_end:tail_end] or ""):
                word = re.match(r"\w+", s[passing.start() :])
                return "min", num_start, (passing.start(), passing.start() + word.end())
    return qual, qstart, None
