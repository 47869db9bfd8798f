"""Cues read around one number: whether it counts anything at all (not a year, a date,
a time, an age, a name with digits, a ratio), its qualifier ("up to", "about", "more
than") and whether its clause hedges it ("could", "plans to").
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from store.extract.actors import names_a_party
from store.extract.numbers import Number
from store.extract.qualifiers import QUALIFIERS as _QUALIFIERS
from store.extract.tense import has_past
from store.extract.unit_words import DETERMINERS, STOP, is_plural

MONTH_WORDS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_NAMEY_BEFORE = re.compile(r"(?:^|\s)(?:No\.?|Nos\.?|#|number|Number|aged?|ages)\s*$")
# An age: "under the age of 10", "aged between 20 and 45", "over the age of 65".
_AGE_BEFORE = re.compile(
    r"\b(?:ages?|aged)\s+(?:of\s+)?(?:(?:under|over|between|above|below|about|around|from|"
    r"at\s+least|more\s+than|less\s+than|up\s+to|roughly|nearly)\s+)*"
    r"(?:\d{1,3}\s*(?:to|and|-|–)\s*)?$",
    re.I,
)

QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<q>" + "|".join(f"(?:{p})" for p, _ in _QUALIFIERS) + r")\s*$",
    re.I,
)
POST_QUAL = re.compile(r"^(?:\s+or\s+(?P<more>more|so)\b|(?P<plus>\+|-plus\b)|-odd\b)", re.I)

HEDGE_RE = re.compile(
    r"\b(?:may|might|could|would|can|should|will|shall|won't|expects?|expected|expecting|"
    r"plans?|planned|planning|intends?|intended|promised?|promises|pledged?|pledges|"
    r"potential(?:ly)?|possib(?:le|ly)|likely|unlikely|probabl[ey]|ready to|prepared to|"
    r"set to|poised to|prepar(?:es|ing|e) to|considering|aims? to|threaten(?:s|ed)?|proposed|if|hopes? to|"
    r"seeks? to|wants? to|projected|forecasts?|predicted|anticipated?|"
    # more of the same: "anticipates", "hoping to", "the target for 2025 is", "estimated
    # to reach", "in the coming months"
    r"anticipat(?:es|ing)|hoping[^\S\n]+to|intending[^\S\n]+to|wanting[^\S\n]+to|"
    r"(?:targets?|goals?)[^\S\n]+(?:for|in)[^\S\n]+(?:[\w'’\-]+[^\S\n]+){1,5}?"
    r"(?:is|are|was|were)|targets?[^\S\n]+(?:is|are|was|were)|"
    r"estimated[^\S\n]+to[^\S\n]+(?:reach|hit|top|exceed|surpass|rise|climb|grow|double|"
    r"cost|fall|drop)|(?:in|over|within|during)[^\S\n]+the[^\S\n]+coming[^\S\n]+(?:days|"
    r"weeks|months|years|decades?)|"
    # forecasts in other words: "Forecasters predict 15 storms", "the Fed signalled two
    # more increases", "the firm targets $2 billion", "5,000 jobs are at risk", "rates
    # are seen rising to 5.5%", "economists now see three cuts", "projections show"
    r"predicts?|predicting|forecasting|projecting|projections?|signall?(?:ed|ing)|"
    r"targets[^\S\n]+(?:revenue|sales|growth|profits?|earnings|output|savings|an?)|"
    r"(?:are|is|were|was|be|remain|remains|now|put|puts|putting)[^\S\n]+at[^\S\n]+risk|seen[^\S\n]+(?:rising|falling|climbing|dropping|"
    r"reaching|hitting|growing|shrinking|peaking|at)|(?:analysts|economists|policymakers|"
    r"forecasters|traders|investors|markets|officials|members|participants)[^\S\n]+"
    r"(?:(?:now|still|also)[^\S\n]+)?see|"
    # forecasts as nouns and demands: "the median estimate calls for three more hikes",
    # "an outlook of 2% growth", "guidance for $5 billion"
    r"(?:median|mean|central|consensus)[^\S\n]+estimates?|calls?[^\S\n]+for|calling[^\S\n]+for|"
    r"(?:outlook|guidance)[^\S\n]+(?:for|of)|dot[^\S\n]+plot|"
    # what may yet happen: "did not rule out cutting", "unless a deal is reached", "risk
    # losing their homes", "face cancellation"
    r"(?:not|n['’]t|refused[^\S\n]+to|declined[^\S\n]+to|won['’]t)[^\S\n]+rule[^\S\n]+out|unless|risk(?:s|ing)?[^\S\n]+(?:losing|being)|"
    r"faces?[^\S\n]+(?:cancellation|closure|eviction|deportation|redundancy|the[^\S\n]+prospect)|"
    # promises and requests: "vowed to", "committed to", "earmarked", "asked for"
    r"vow(?:s|ed|ing)?[^\S\n]+to|commit(?:s|ted|ting)?[^\S\n]+to(?![^\S\n]+(?:prison|jail|trial|"
    r"memory)\b)|earmark(?:s|ed|ing)?|(?:asked|asks|asking)[^\S\n]+for|"
    r"in[^\S\n]+the[^\S\n]+pipeline|on[^\S\n]+the[^\S\n]+cards|"
    # guidance and what is yet to be done: "now sees full-year EBITDA of", "$1.25 billion
    # in weapons to be drawn from US stocks"
    r"sees?[^\S\n]+(?:its[^\S\n]+)?(?:full-year|annual|fiscal|20\d\d|this[^\S\n]+year['’]s|"
    r"next[^\S\n]+year['’]s|adjusted|core|second-half|first-half|quarterly)\b|"
    r"to[^\S\n]+be[^\S\n]+(?:delivered|drawn|built|paid|spent|cut|created|added|hired|invested|"
    r"released|disbursed|provided|allocated|completed|sold|raised|shipped|produced|installed|"
    r"opened|launched|eliminated|laid[^\S\n]+off)|"
    # plans in other words: "is due to carry", "scheduled to", "is to receive", "a target
    # of", "the goal is", "the bill seeks", "the city wants", "designed to", "envisages"
    r"(?:is|are|was|were)[^\S\n]+due[^\S\n]+to(?=[^\S\n]+(?:be|start|begin|resume|open|close|"
    r"arrive|take|hold|meet|vote|announce|receive|report|publish|end|finish|launch|carry|"
    r"come|rise|fall|expire|sign|return|leave|run|visit|deliver|complete|pay|decide|rule|"
    r"cost|hire|cut|add|reach|handle|serve|house|employ|create|involve|affect|see|bring|last|"
    r"total|get|lose|shed|make|strike|walk|stage|shut|stop|expand|double|triple|grow|increase|"
    r"decrease|drop|climb|jump|appear|travel|retire|pass|exceed|top|go|move|sell|buy|build|"
    r"spend|invest|raise|lift|lower|reduce|trim|host|welcome|receive|admit)\b)|"
    r"scheduled[^\S\n]+to|slated[^\S\n]+to|"
    # more plans and possibilities: "pencilled in three more hikes", "officials see the rate
    # peaking at", "is weighing a cap of 3%", "is looking to raise", "proposes to cut", "up
    # to 3,000 jobs are under threat", "600 jobs face the axe"
    r"pencill?ed[^\S\n]+in|sees?[^\S\n]+(?:the[^\S\n]+)?[a-z]+[^\S\n]+(?:peaking|rising|falling|"
    r"reaching|hitting|climbing|topping)|(?:weigh|mull)(?:s|ing)[^\S\n]+(?:plans?|options?|whether|proposals?|an?[^\S\n]+"
    r"(?:plan|cap|cut|ban|proposal|bid|move|deal|tax|levy|rise|hike|offer))|look(?:s|ing)[^\S\n]+to|"
    r"propos(?:es|ing|e)[^\S\n]+to|under[^\S\n]+threat|at[^\S\n]+stake|in[^\S\n]+jeopardy|"
    r"faces?[^\S\n]+(?:the[^\S\n]+)?(?:axe|ax|chop)|"
    r"(?:is|are)[^\S\n]+to[^\S\n]+(?!blame\b)(?=[a-z])|targets?[^\S\n]+of|"
    r"goals?[^\S\n]+(?:is|of)|aims?[^\S\n]+(?:is|of)|wants|designed[^\S\n]+to|"
    r"seek(?:s|ing)(?=[^\S\n]+(?:an?[^\S\n]+)?(?:[$€£]|\d[\d.,]*[^\S\n]*(?:%|percent|per[^\S\n]?cent)))|"
    r"envisag(?:es|ed|ing)|envisions|foresees?)\b",
    re.I,
)
CLAUSE_BREAK = re.compile(
    r"[;:]|\bbut\b|,\s*(?:with|which|who|while|as|after|although|though|and|whereas|where|"
    r"when|since|because)\b"
)
_NEXT_PERIOD = re.compile(
    r"\b(?:over|in|within|during)[^\S\n]+the[^\S\n]+next[^\S\n]+(?:(?:few|several|two|three|"
    r"four|five|six|seven|eight|nine|ten|twelve|\d+(?:[-–]\d+)?)[^\S\n]+)?"
    r"(?:days|weeks|months|years|quarters|decades?|year|month|week|decade)\b",
    re.I,
)
# the rest of a subject's noun phrase, an aside between commas, then the verb group
_ASIDE_THEN = re.compile(r"[^,;:.!?\n]{0,40},[^,;:!?\n]{1,80},[^\S\n]*")
_SUBJECT_REACH = 120  # a subject's figure stands this near its clause's start
_VERB_GROUP = 28  # how far the verb group after an aside is read for a hedge
# the figure is the subject of a verb of the past: "9,000 drivers walked out ..."
_PAST_VERB_AFTER = re.compile(
    r"[^\S\n]+(?:[a-z]+ly[^\S\n]+)?(?!(?:was|were|had|did|said|told|announced|reported|"
    r"added|noted|warned|estimated|stated|claimed|expected|projected|forecast|planned)\b)"
    r"([a-z]+)\b"
)
# what carries a hedge over a clause break (see Hedges._carried)
_JOINT = re.compile(r",[^\S\n]*(and|with)[^\S\n]*$", re.I)
_BASE_VERB = re.compile(
    r"[^\S\n]*(?!(?:the|a|an|its|their|his|her|our|this|that|these|those|then|also|so|"
    r"was|were|is|are|has|have|had|did|said|says|it|they|he|she|we|i)\b)"
    r"[a-z]+(?<!ed)(?<!s)(?<!ing)(?<!ly)[^\S\n]+(?:[$€£\d]|about\b|around\b|some\b|up[^\S\n]+to\b|"
    r"more[^\S\n]+than\b|another\b|a[^\S\n]+further\b|an?\b|its\b|their\b|two\b|three\b|four\b|"
    r"five\b|six\b|seven\b|eight\b|nine\b|ten\b|dozens\b|hundreds\b|thousands\b)"
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|said|says|[a-z]{3,}ed)\b", re.I
)
RIGHT_STOP = re.compile(r"[,;:]|\s(?:and|but|which|who|whose|while|after|when)\s")


_QUAL_REACH = 48  # longer than any qualifier phrase with its spacing
_REACH = 120  # how far around a number its cues are looked for


# "toll passes 19,000", "cases top 1,000": a verb of passing a mark is a floor (the verb
# stays out of the figure's text).
_PASSING = re.compile(
    r"\b(?:pass(?:es|ed|ing)?|tops?|topped|topping|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|"
    r"cross(?:es|ed|ing)?|past)\s+$",
    re.I,
)
# "edged up to 7.2%", "push the deficit up to £36 billion": "up" belongs to the verb.
_MOVED_UP = re.compile(
    r"\b(?:(?:edged|edges|edge|ticked|ticks|tick|inched|inches|crept|creeps|moved|moves|"
    r"went|goes|go|gone|climbed|climbs|jumped|jumps|shot|shoots|rose|rises|rise|risen|"
    r"stepped|notched|soared|surged|spiked|shifted)\s+"
    r"|(?:push|pushed|pushes|pushing|drive|drove|driven|drives|bump|bumped|bumps|revise|"
    r"revised|revises|ratchet|ratcheted|ratchets)\s+(?:[\w'’]+\s+){0,3}?)$",
    re.I,
)


def qualifier_of(s: str, num: Number) -> tuple[str | None, int]:
    """(qualifier, start of its words) for the number at ``num``."""
    # The qualifier ends where the number starts: look only at the words just before it
    # (a search from 0 would rescan the whole sentence for every number in it).
    m = QUAL_RE.search(s, max(0, num.start - _QUAL_REACH), num.start)
    if not m:
        if _PASSING.search(s, max(0, num.start - 24), num.start):
            return "min", num.start
        return None, num.start
    q = m.group("q").lower()
    if q == "up to" and _MOVED_UP.search(s, max(0, m.start("q") - 48), m.start("q")):
        return None, num.start
    for pattern, kind in _QUALIFIERS:
        if re.fullmatch(pattern, q, re.I):
            return kind, m.start("q")
    return None, num.start


def not_a_count(
    s: str, num: Number, date_spans: list[tuple[int, int]], sent_first_word: int
) -> bool:
    a, b = num.start, num.end
    if any(x <= a and b <= y for x, y in date_spans):
        return True  # inside a date ("October 4"); "October 7 to 22,722" cuts no number
    # Every cue below sits within a few words of the number: look at a window around it
    # (slicing the whole sentence for each number made run-on sentences quadratic).
    lo = max(0, a - _REACH)
    before = s[lo:a]
    after = s[b : b + _REACH]
    if is_year(s, num) and re.search(
        r"(?:['’]s|\b(?:the|its|their|his|her|this|that|last|next|our|whose))\s+$",
        s[max(0, a - 12) : a],
        re.I,
    ):
        return True  # "Ghana's 2020 polls", "the 2016 elections": a year naming an event
    if a >= 2 and s[a - 1] in "-‐" and s[a - 2].isalnum() and not s[a - 2].isdigit():
        return True  # F-16, COVID-19, G-20
    if a >= 1 and (s[a - 1].isalpha() or s[a - 1] in "/"):
        return True
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hrs\b|o'clock|:\d)", after, re.I):
        return True
    if re.match(r"\s*-?\s*(?:year|month|week|day)s?[- ]old\b", after, re.I):
        return True
    if re.match(r"[-‐](?!strong\b|plus\b|odd\b|(?:basis|percentage)[-‐ ]points?\b)[A-Za-z]", after):
        return True  # "a two-decade high", "a 10-point plan": a compound modifier, not a count
        # ("a 25-basis-point rise" is a change of 25 basis points)
    if _NAMEY_BEFORE.search(before) or _AGE_BEFORE.search(before):
        return True
    if re.search(
        # a ratio's first term is small: "92,231 out of 126,875 voters" are two counts
        r"(?<![\d,.])\b(?:1?\d|20|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
        r"(?:in|out of)\s+$",
        before,
        re.I,
    ):
        return True  # "nine in ten", "one out of five": a ratio, not a count
    prev = re.search(r"([^\W\d_][\w'’\-]*)\W*$", before)
    nxt = re.match(r"\W*([^\W\d_]+)", after)
    day_or_year = num.value <= 31 or is_year(s, num)  # "3,000" is never a day of May
    if prev and prev.group(1).lower().rstrip(".") in MONTH_WORDS and not num.words and day_or_year:
        return True
    if (
        nxt
        and nxt.group(1).lower() in MONTH_WORDS
        and not num.words
        and after[:1] in " "
        and day_or_year
    ):
        return True
    # "Group of 20", "Article 5": a capitalised name owns the number
    named = re.search(r"\b([A-Z][a-z]+)\s+of\s+$", before)
    if named and not num.words:
        # ... but not a plural noun opening the sentence: "Layoffs of 120 staff begin"
        opening = lo + named.start(1) <= sent_first_word and named.group(1).endswith("s")
        if not (opening and not named.group(1).endswith(("ss", "us", "is"))):
            return True
    if (
        prev
        and not num.words
        and "," not in s[a:b]
        and not num.currency
        and not num.percent
        and not re.search(r"[^\W\d_]", s[a:b])  # "10K", "5 million": a count, not a model name
        and prev.group(1)[0].isupper()
        and not prev.group(1).endswith(("'s", "’s"))  # "West Virginia's 55 counties"
        # a month is no name: "on 20 October 1 500 troops" (a day or a year was cut above)
        and prev.group(1).lower().rstrip(".") not in MONTH_WORDS
        and prev.end(1) == len(before.rstrip())
        and prev.start(1) + lo > sent_first_word
        and not names_a_party(prev.group(1))
        and not QUAL_RE.search(before)
        and not _title_case_verb(s, before, prev.group(1))
    ):
        return True
    if num.words:
        if re.match(r"one\b", s[a:b], re.I) and re.match(r"\s+of\b", after):
            return True
        pw = re.search(r"(\w+)\s+$", before)
        if num.value < 20 and pw and pw.group(1).lower() in DETERMINERS:
            return True  # "the two countries": a reference, not a count
    return False


@lru_cache(maxsize=32)
def _is_title_case(s: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and caps / len(words) > 0.6


# Verbs a headline puts before a count after a plural subject ("Rebels Kill 30").
_HEADLINE_VERBS = frozenset(
    """top hit reach pass exceed surpass near cross kill injure wound arrest detain
    displace evacuate rescue strand free release capture seize deport leave claim cut
    shed add lose hire sack save affect join flee receive get win""".split()
)


def _title_case_verb(s: str, before: str, word: str) -> bool:
    """In a Title Case headline every word is capitalised: the word before a number is
    its verb, not a name owning it, when it is a small word ("For 300"), a verb in
    "-s"/"-ed" ("Sends 300", "Killed 30") or follows "To" ("To Close 300 Beds")."""
    if not _is_title_case(s):
        return False
    low = word.lower()
    if low in STOP or (low.endswith(("s", "ed")) and not low.endswith(("ss", "us"))):
        return True
    subject = re.search(r"([^\W\d_][\w'’-]*)\s+" + re.escape(word) + r"\W*$", before)
    if subject and low in _HEADLINE_VERBS and is_plural(subject.group(1), True):
        return True  # "Measles Cases Top 300", "Police Arrest 45": a plural subject's verb
    return re.search(r"\b[Tt]o\s+" + re.escape(word) + r"\W*$", before) is not None


def is_year(s: str, num: Number) -> bool:
    text = s[num.start : num.end]
    return (
        re.fullmatch(r"\d{4}", text) is not None
        and 1800 <= num.value <= 2100
        and num.high is None
        and not num.percent
        and not num.currency
    )


# A headline's "Russia To Deploy 10K Troops", "Council to cut 300 jobs": "to" and a verb
# after a subject is the headline form of "will" / "plans to".
_HEADLINE_TO = re.compile(
    r"(?<![\w-])[Tt]o\s+(?!(?:the|a|an|be|its|their|his|her)\b)([^\W\d_][\w'’-]*)"
)
_NOT_A_VERB = frozenset(
    """up as about around nearly almost some over under more less just record new
    highest lowest""".split()
)


def headline_plans(s: str) -> list[int]:
    """Positions of "to" + a verb in a headline (a line without a closing full stop)."""
    if s.rstrip().endswith((".", "!", "?", '"', "”")) or "o" not in s:
        return []
    title = sum(w[0].isupper() for w in re.findall(r"[^\W\d_]+", s)) * 10 > 6 * max(
        1, len(re.findall(r"[^\W\d_]+", s))
    )
    out = []
    for m in _HEADLINE_TO.finditer(s):
        word = m.group(1)
        if word.lower() in _NOT_A_VERB or word.lower() in MONTH_WORDS or names_a_party(word):
            continue
        if word[0].isupper() and not title:
            continue  # "sent to Kursk": a place, not a verb
        before = s[: m.start()].rstrip()
        prev = re.search(r"([^\W\d_][\w'’-]*)$", before)
        if (
            prev is None
            or prev.group(1).lower().endswith("ed")
            or prev.group(1).lower()
            in {
                "up",
                "close",
                "set",
                "due",
                "back",
                "down",
                "going",
            }
        ):
            continue
        out.append(m.start())
    return out


_MONTH_MAY_BEFORE = re.compile(
    r"\b(?i:in|of|to|since|until|till|by|from|last|next|this|early|late|mid|between|and|"
    r"through|during|before|after|on|end|start|beginning)[^\S\n-]*-?[^\S\n]*$"
)


def month_may(s: str, m: re.Match[str]) -> bool:
    """A hedge match that is the month: "climbed to 12.6% in May", "May 5", "since May"
    (the modal is "may", or "May" opening a sentence or a Title Case headline)."""
    if m.group(0) != "May":
        return False
    return bool(
        re.match(r"[^\S\n]*(?:\d|,[^\S\n]*\d|Day\b)", s[m.end() : m.end() + 5])
        or _MONTH_MAY_BEFORE.search(s, max(0, m.start() - 16), m.start())
    )


class Hedges:
    """The hedge words of one sentence, found once, so that each figure's clause is
    checked with a bisect instead of a scan (:func:`is_hedged` for one figure)."""

    __slots__ = ("s", "starts", "ends", "planned")

    def __init__(self, s: str) -> None:
        spans = [(m.start(), m.end()) for m in HEDGE_RE.finditer(s) if not month_may(s, m)]
        # "cutting 1,500 positions over the next 18 months": a period to come, unless its
        # clause tells the past ("Over the next three days, rescuers pulled 40 out")
        for m in _NEXT_PERIOD.finditer(s):
            lo = max(0, m.start() - _REACH)
            lo = max([b.end() for b in CLAUSE_BREAK.finditer(s, lo, m.start())], default=lo)
            stop = RIGHT_STOP.search(s, m.end())
            if stop is not None and not s[lo : m.start()].strip():
                stop = RIGHT_STOP.search(s, stop.end())  # fronted: the clause it opens
            if not has_past(s[lo : stop.start() if stop else len(s)]):
                spans.append((m.start(), m.end()))
        spans.sort()
        self.s = s
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.planned = headline_plans(s)

    def _first_within(self, lo: int, hi: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.starts, lo)
        if i < len(self.starts) and self.ends[i] <= hi:
            return self.starts[i], self.ends[i]
        return None

    def cue(self, start: int, end: int, clause_start: int) -> tuple[int, int] | None:
        """The span of the hedge word that hedges ``s[start:end]`` (:meth:`hedged`)."""
        found = self._first_within(clause_start, start)
        if found is not None:
            return found
        for p in self.planned:  # a headline's "To Deploy": the "To"
            if clause_start <= p < start:
                return p, p + 2
        stop = RIGHT_STOP.search(self.s, end)
        found = self._first_within(end, stop.start() if stop else len(self.s))
        verb = _PAST_VERB_AFTER.match(self.s, end) if found is not None else None
        if verb is not None and verb.start(1) != found[0] and has_past(verb.group(1)):
            # "9,000 drivers walked out in the first of three strikes planned": the
            # figure's own verb is past; the plan word is another noun's
            found = None
        if found is None and clause_start > 0:
            found = self._carried(start, end, clause_start)
        if found is None:
            found = self._after_aside(start, end, clause_start)
        return found

    def _after_aside(self, start: int, end: int, clause_start: int) -> tuple[int, int] | None:
        """A subject's figure hedged by its verb past an aside: "About 4,500 trains, a
        fifth of the timetable, will run"; "4 million people, the UN estimates, may leave"."""
        s = self.s
        if start - clause_start > _SUBJECT_REACH or _FINITE.search(s, clause_start, start):
            return None  # the figure is not in the subject
        m = _ASIDE_THEN.match(s, end)
        if m is None:
            return None
        stop = RIGHT_STOP.search(s, m.end())
        hi = min(m.end() + _VERB_GROUP, stop.start() if stop else len(s))
        return self._first_within(m.end(), hi)

    def _carried(self, start: int, end: int, clause_start: int) -> tuple[int, int] | None:
        """The hedge of the clause before, carried over ", and close two plants" (a verb
        of the same verb group: "would cut 500 jobs ... and close two plants") or over ",
        with another 6,000 going" (a clause with no verb of its own)."""
        s = self.s
        joint = _JOINT.search(s, max(0, clause_start - 8), clause_start)
        if joint is None:
            return None
        if joint.group(1).lower() == "and":
            if not _BASE_VERB.match(s, clause_start):
                return None
        else:
            stop = RIGHT_STOP.search(s, end)
            if _FINITE.search(s, clause_start, stop.start() if stop else len(s)):
                return None
        prev = max(0, joint.start() - _REACH)
        for m in CLAUSE_BREAK.finditer(s, prev, joint.start()):
            prev = m.end()
        return self._first_within(prev, joint.start())

    def hedged(self, start: int, end: int, clause_start: int) -> bool:
        """A hedge word between the clause start and ``start``, or after ``end`` before
        the next stop."""
        return self.cue(start, end, clause_start) is not None


def is_hedged(s: str, start: int, end: int, clause_start: int | None = None) -> bool:
    """A modal or plan word in the clause of ``s[start:end]``. ``clause_start``, when the
    caller knows it, saves rescanning the sentence for clause breaks."""
    left = s[:start]
    if clause_start is None:
        clause_start = 0
        for m in CLAUSE_BREAK.finditer(left):
            clause_start = m.end()
    if any(not month_may(left, m) for m in HEDGE_RE.finditer(left, clause_start)):
        return True
    stop = RIGHT_STOP.search(s, end)
    hi = stop.start() if stop else len(s)
    return any(not month_may(s, m) for m in HEDGE_RE.finditer(s, end, hi))


class _Clauses:
    """The clause breaks of one sentence, found once: the clause around a position is a
    bisect away, so a run-on sentence with thousands of figures stays fast."""

    __slots__ = ("n", "starts", "ends")

    def __init__(self, s: str) -> None:
        breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(s)]
        self.n = len(s)
        self.starts = [a for a, _ in breaks]
        self.ends = [b for _, b in breaks]

    def start_before(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: the end of the last break before it."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else 0

    def end_after(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends: the start of the first break from it."""
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else self.n
