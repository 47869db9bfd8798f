"""Date expressions in news text, resolved against the publication date.

One precompiled pattern (``_MASTER``, an alternation of every form below) finds the
spans; it is only searched a few words around *head* words (a month or weekday name, a
year, ``day/week/month/year``, ``today``...) that a second, cheap pattern finds, which
gives the same matches as a full scan at a tenth of the cost.  Small handlers turn each
match into a :class:`DateExpr` with plain ``datetime`` arithmetic; dateparser is not used.

Forms: ``October 4``, ``Oct. 4th``, ``4 October``, ``the 4th of October``, each with an
optional year; ``2024-10-04``; ``14/10/2024`` and ``10/14/2024`` when unambiguous;
``Tuesday, November 19``; ranges ``October 27-28``, ``27-28 October``, ``17 and 18
October``, ``October 30 to November 2``, ``between October 1 and 5``, ``from 2010 to
2020``; months ``in June``, ``September``, ``February 2022``, ``mid-October``, ``the end
of October``; years ``in 2022``, ``since 2014``, ``early 2024``, ``mid-2023``, ``the start
of 2024``, ``spring 2025``; weeks ``the last week of October``, ``the week of October
28``, ``last week``, ``the weekend``; relative ``yesterday``, ``today``, ``last night``,
``last month``, ``earlier this month``, ``next year``, ``three weeks ago``, ``last
Tuesday``, ``next Friday``, ``on Tuesday``; anchored ``the same day``, ``that day``,
``the next day``, ``the day before``, ``two days later``, ``a month later``.

Values follow the TimeML convention, ISO 8601 at the expression's own granularity:
``2024`` (year), ``2024-10`` (month), ``2024-W44`` (ISO week), ``2024-10-27`` (day).

Resolution rules, for expressions that do not carry their own year:

* A date or month resolves to the most recent one on or before the publication date,
  or to the next one on or after it when the clause speaks of the future (``will``,
  ``is expected to``, ``plans to``, ``scheduled``, ``upcoming``, ``as early as``, and
  ``by``/``until`` when no past-tense verb is nearer).  A modal (``would``, ``could``,
  ``may``) or no tense cue at all in the sentence: the nearer of the two.
* A weekday alone resolves to the nearest such day on or before the publication date
  (strictly after it when the clause speaks of the future; ``last``/``next`` force
  strictly before/after).  A weekday beside a date picks the year in which they agree.
* ``the last week of October`` is the ISO week that holds the month's last day when at
  least four of its days fall in that month (the ISO "majority" rule), else the week
  before; ``the first week of X`` likewise from the first day.  ``last week`` is the
  ISO week seven days before publication.
* ``the same day``, ``that day``, ``two days later``, ``the next day`` take the most
  recent day-granular expression before them in the text; they are skipped without one.
* Without a publication date only expressions that carry a year are kept.

A bare four-digit number is a year only in date context: after in/since/by/until/
from/during/before/after/as of/between, after a month or a day, or inside
``early 2024``, ``mid-2023``, ``the start of 2024``, ``the summer of 2022``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta

from store.extract.models import DateExpr, Sentence

__all__ = ["find_dates"]

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MONTH_NUM = {name.lower(): i for i, name in enumerate(_MONTHS, 1)}
_MONTH_NUM.update({name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)} | {"sept": 9})
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_WEEKDAY_NUM.update({name[:3].lower(): i for i, name in enumerate(_WEEKDAYS)})
_WEEKDAY_NUM.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})
# Months that are also common words or names: alone they need a preposition before them.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1}

# ---------------------------------------------------------------- pattern pieces
_SP = r"[^\S\n]+"  # spaces that do not cross a line
_SP0 = r"[^\S\n]*"
_MONTH_FULL = "(?:" + "|".join(_MONTHS) + r")(?![A-Za-z])"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![A-Za-z]))"
_MONTH_CAPS = (  # datelines and headers: NOVEMBER 18, NOV. 18
    "(?:" + "|".join(m.upper() for m in _MONTHS) + r"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT"
    r"|NOV|DEC)\.?)(?![A-Za-z])"
)
_MON = f"(?:{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_CAPS})"
_WD_FULL = "(?:" + "|".join(_WEEKDAYS) + r")(?![A-Za-z])"
_WD_ABBR = r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:\.|(?![A-Za-z]))"
_DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:]\d)"
_YEAR = r"(?<![\d$€£#.,])(?:1[89]\d\d|20\d\d)(?![\d%]|[.,]\d|s\b)"  # not the 1990s
_DASH = rf"(?:{_SP0}[-–]{_SP0}|—)"  # an em dash with spaces around it is punctuation
_TO = rf"(?:{_DASH}|{_SP}(?:to|through|until|till){_SP})"
_NUM = r"(?:\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(?:day|week|month|year)s?"
_I = "(?i:{})".format  # case-insensitive piece


def _by_first_letter(words: list[str]) -> str:
    """``w(?:as|ere)|s(?:aid)``: one branch per first letter, much faster than a flat list."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{k}(?:{'|'.join(v)})" for k, v in sorted(groups.items()))


def _md(p: str) -> str:
    """``October 4``, ``Oct. 4th`` with named groups prefixed ``p``."""
    return rf"(?P<{p}mon>{_MON}){_SP0}(?P<{p}day>{_DAY})"


def _dm(p: str) -> str:
    """``4 October``, ``the 4th of October``."""
    return rf"(?:{_I('the')}{_SP})?(?P<{p}day>{_DAY}){_SP}(?:of{_SP})?(?P<{p}mon>{_MON})"


def _year(p: str) -> str:
    return rf"(?:,?{_SP}(?P<{p}year>{_YEAR}))"


_ALTERNATIVES: list[tuple[str, str]] = [
    # Ranges of days: October 27-28, October 30 to November 2, 2024, 27-28 October.
    ("rmd", rf"(?P<rmdmon>{_MON}){_SP0}(?P<rmdday>{_DAY}){_TO}"
            rf"(?:(?P<rmdmon2>{_MON}){_SP0})?(?P<rmdday2>{_DAY}){_year('rmd')}?"),
    ("rdm", rf"(?P<rdmday>{_DAY})(?:{_SP}(?P<rdmmon>{_MON}))?(?:{_TO}|{_SP}and{_SP})"
            rf"(?P<rdmday2>{_DAY}){_SP}(?P<rdmmon2>{_MON}){_year('rdm')}?"),
    ("bmd", rf"{_I('between')}{_SP}(?P<bmds>(?P<bmdmon>{_MON}){_SP0}(?P<bmdday>{_DAY}){_SP}"
            rf"and{_SP}(?:(?P<bmdmon2>{_MON}){_SP0})?(?P<bmdday2>{_DAY}){_year('bmd')}?)"),
    ("bdm", rf"{_I('between')}{_SP}(?P<bdms>(?P<bdmday>{_DAY})(?:{_SP}(?P<bdmmon>{_MON}))?"
            rf"{_SP}and{_SP}(?P<bdmday2>{_DAY}){_SP}(?P<bdmmon2>{_MON}){_year('bdm')}?)"),
    # A weekday beside a date: Tuesday, November 19 / Tue 19 Nov 2024.
    ("wdd", rf"(?P<wddwd>{_WD_FULL}|{_WD_ABBR}),?{_SP}(?:{_md('wdd1')}|{_dm('wdd2')})"
            rf"{_year('wdd')}?"),
    ("md", rf"{_md('md')}{_year('md')}?"),
    ("dm", rf"{_dm('dm')}{_year('dm')}?"),
    ("iso", r"(?<![\d.-])(?P<isoy>1[89]\d\d|20\d\d)(?P<isosep>[-/])(?P<isom>0?[1-9]|1[0-2])"
            r"(?P=isosep)(?P<isod>3[01]|[12]\d|0?[1-9])(?!\d|[.-]\d)"),
    ("num", r"(?<![\d./-])(?P<numa>3[01]|[12]\d|0?[1-9])/(?P<numb>3[01]|[12]\d|0?[1-9])/"
            r"(?P<numy>1[89]\d\d|20\d\d)(?![\d/])"),
    # 18.11.2024: day.month.year, the only order written with dots
    ("dot", r"(?<![\d.])(?<![vV])(?<!ersion )(?P<dotd>3[01]|[12]\d|0?[1-9])\.(?P<dotm>0?[1-9]|1[0-2])\."
            r"(?P<doty>1[89]\d\d|20\d\d)(?!\d|\.\d)"),
    # the last week of October (2024), the week of October 28.
    ("wk", _I(rf"(?:the{_SP})?(?P<wkord>first|second|third|fourth|fifth|last|final)"
              rf"{_SP}week{_SP}of")
           + rf"{_SP}(?P<wkmon>{_MONTH_FULL}){_year('wk')}?"),
    ("wkof", _I(rf"the{_SP}week{_SP}of")
             + rf"{_SP}(?:{_md('wkof1')}|{_dm('wkof2')}){_year('wkof')}?"),
    # the start of 2024, the end of October, the end of the year, early 2024, mid-October.
    ("part", _I(rf"(?:the{_SP})?(?:start|beginning|end|middle|turn|first{_SP}half|second{_SP}half)"
                rf"{_SP}of") + _SP
             + rf"(?:(?P<partyy>{_YEAR})|(?P<partmon>{_MONTH_FULL}){_year('part')}?|"
             + _I(rf"(?:the|this){_SP}(?P<partunit>year|month|week)|"
                  rf"(?P<partrel>next|last){_SP}(?P<partunit2>year|month|week)") + ")"),
    ("edge", _I(r"(?:early|mid|late|end)(?:-|[^\S\n]+)")
             + rf"(?:(?P<edgeyy>{_YEAR})|(?P<edgemon>{_MONTH_FULL}){_year('edge')}?)"),
    ("season", _I(rf"(?:the{_SP})?(?:spring|summer|autumn|fall|winter)(?:{_SP}of)?")
               + rf"{_SP}(?P<seasonyear>{_YEAR})"),
    ("my", rf"(?P<mymon>{_MON}){_SP}(?:of{_SP})?(?P<myyear>{_YEAR})"),
    ("yr", _I(rf"(?:from|between){_SP}") + rf"(?P<yra>{_YEAR})"
           + rf"(?:{_DASH}|{_SP}" + _I("to|and|until|till|through") + rf"{_SP})(?P<yrb>{_YEAR})"),
    ("cy", _I(rf"(?:in|since|by|until|till|through|throughout|from|during|before|after|"
              rf"circa|as{_SP}of|the{_SP}year|early{_SP}as|late{_SP}as|year|for|fiscal|"
              rf"(?<=\d\d\d\d )(?:and|or)|(?<=\d\d\d\d, )(?:and|or)){_SP}")
           + rf"(?P<cyy>{_YEAR})(?:[-–/](?P<cyfy>\d\d)(?![\d%]|[.,]\d))?"  # fiscal 2024-25
           # "from 2000 to 3000", "2000-3000": numbers, unless the next one is a year too
           + r"(?![^\S\n]*(?:[-–]|(?:to|and)\s+)(?!(?:1[89]|20)\d\d\b)\d)"
           + r"(?![^\S\n]+(?:people|persons|troops|soldiers|men|women|children|residents|homes"
             r"|houses|votes|km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes"
             r"|units|cases|deaths|dollars|euros|years|days|hours|votes)\b)"
           # "for 2000 participants": a lower-case plural after it makes it a count
           + r"(?![^\S\n]+[a-z]+s\b(?<!\bwas)(?<!\bis)(?<!\bhas)(?<!\bas)(?<!\bthis)"
             r"(?<!\bits)(?<!\bus)(?<!\bwhereas))"),
    ("ago", _I(rf"(?P<agon>{_NUM}){_SP}(?P<agou>{_UNIT}){_SP}ago") + r"(?![A-Za-z])"),
    ("later", _I(rf"(?P<latern>{_NUM}){_SP}(?P<lateru>{_UNIT}){_SP}(?P<laterd>later|earlier)")
              + r"(?![A-Za-z])"),
    ("anchor", _I(rf"the{_SP}(?P<anchk>same|next|following|previous|preceding){_SP}day"
                  rf"|that{_SP}(?:same{_SP})?day|the{_SP}day{_SP}(?P<anchb>before)")
               + r"(?![A-Za-z])"),
    # the weekend: the ISO week that holds it (see _weekend)
    ("wkend", _I(rf"(?:(?P<wkendk>last|this|next|coming)|(?<=over )the|(?<=at )the|"
                 rf"(?<=during )the){_SP}weekend") + r"(?![A-Za-z])"),
    ("rel", _I(rf"(?:(?:earlier|later){_SP})?(?P<relk>last|this|next){_SP}"
               rf"(?P<relu>week|month|year)")
            + r"(?![A-Za-z-])"),
    ("deix", _I(rf"(?P<deixw>yesterday|today|tonight|tomorrow|(?:this|last){_SP}"
                rf"(?:morning|afternoon|evening|night))") + r"(?![A-Za-z])"),
    ("rwd", _I(rf"(?P<rwdk>last|next|this|coming){_SP}") + rf"(?P<rwdwd>{_WD_FULL})"),
    # not named days ("Black Friday", "Bloody Sunday") or papers ("Sunday Times")
    ("wd", r"(?<!Black )(?<!Good )(?<!Cyber )(?<!Bloody )(?<!Super )(?<!Easter )(?<!Palm )"
           r"(?<!Ash )(?<!Holy )(?<!Maundy )(?<!Mail on )(?<!Man )"
           rf"(?P<wdwd>{_WD_FULL})(?!s\b)(?!{_SP}(?:Times|Telegraph|Express|Mirror|Post|Herald"
           r"|Independent|Mail|Star|Sport|Night\s+Live|prayers?)\b)"),
    ("mb", r"(?:(?P<mbprep>"
           + _I(rf"in|since|by|until|till|through|throughout|from|to|during|before|after|"
                rf"as{_SP}of|as{_SP}early{_SP}as|between|and|or|last|next|this|around|"
                rf"starting|beginning|ending|mid|late|early")
           + rf"){_SP})?(?P<mbmon>{_MONTH_FULL})(?!{_SP0}\d|-|{_SP}of{_SP}\d)"),
]  # fmt: skip

# Characters each alternative can start with: a failed one-character lookahead is far
# cheaper than a failed alternative.
_FIRST = {
    "rmd": "JFMASOND", "md": "JFMASOND", "my": "JFMASOND", "wdd": "MTWFS", "wd": "MTWFS",
    "rdm": "0-9", "dm": "0-9Tt", "iso": "0-9", "num": "0-9", "dot": "0-9", "bmd": "Bb", "bdm": "Bb",
    "wk": "TtFfSsLl", "wkof": "Tt", "part": "TtSsBbEeMmFf", "edge": "EeMmLl",
    "season": "TtSsAaFfWw", "yr": "FfBb", "cy": "IiSsBbUuTtFfDdAaCcEeLlYyOo",
    "ago": "0-9AaOoTtFfSsEeNn", "later": "0-9AaOoTtFfSsEeNn", "anchor": "Tt", "rel": "EeLlTtNn",
    "wkend": "LlTtNnCc",
    "deix": "YyTtLl", "rwd": "LlNnTtCc", "mb": "IiSsBbUuTtFfDdAaOoLlNnEeMmJ",
}  # fmt: skip
_MASTER = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<{name}>(?=[{_FIRST[name]}]){pattern})" for name, pattern in _ALTERNATIVES)
    + ")"
)
_KINDS = {name for name, _ in _ALTERNATIVES}
# Every expression holds one of these words; the master pattern is only tried near them.
_HEAD = re.compile(
    r"(?=[0-9JFMASONDTWYEdwmytaen])(?:"  # first-letter gate: skips most positions quickly
    r"(?<![\w$€£#.,])(?:1[89]\d\d|20\d\d|\d{1,2}/\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
    r"|(?i:day|week|month|year|yesterday|today|tonight|tomorrow|morning|afternoon|evening"
    r"|night|weekend)))"
)
# Where an expression can start: a digit, a capital (month, weekday) or one of the
# words that open the other forms ("the last week of", "in", "two days ago"...).
_STARTERS = (
    "the between from in since by until till through throughout during before after circa "
    "as year for fiscal and or to early late mid end start beginning middle turn first "
    "second third fourth fifth final last next this coming earlier later spring summer "
    "autumn fall winter that around starting ending yesterday today tonight tomorrow "
    "weekend day week month"
).split() + list(_NUMBER_WORDS)
_STARTER = re.compile(r"(?<!\w)(?:[0-9A-Z]|(?i:" + _by_first_letter(_STARTERS) + r")(?![a-z]))")
# Every form starts fewer than this many characters before its head word.
_BACK = 32

# ---------------------------------------------------------------- tense cues
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
    r"\b(?=[a-zA-Z])(?:(?i:" + _by_first_letter(_IRREGULAR_PAST) + r")\b|[a-z]+(?<=ed)\b)"
)
_NOT_PAST_ED = frozenset({"expected", "scheduled", "planned", "proposed", "anticipated"})
_BE_BEFORE = re.compile(r"\b(?:be|been|being)\s+$")
_WEAK_FUTURE_BEFORE = re.compile(r"\b(?:by|until|till|before)[^\S\n]+$", re.I)
_FUTURE, _PAST, _NEAR = "future", "past", "near"
_MONTH_BEFORE = re.compile(_MONTH_FULL)


class _Cues:
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
        future = [(m.start(), m.end(), _FUTURE) for m in _FUTURE_CUE.finditer(text)]
        future += [(m.start(), m.end(), _NEAR) for m in _NEAR_CUE.finditer(text)]
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
            cues.append((a, m.end(), _PAST))
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

    def nearest(self, lo: int, hi: int, a: int, b: int) -> str | None:
        """Kind of the cue in [lo, hi) nearest to [a, b), looking a few cues each way."""
        cues, best, kind = self.cues, self.n + 1, None
        i = bisect.bisect_left(self.cstarts, a)
        for s, e, k in cues[max(0, i - 4) : i + 4]:
            if s < lo or s >= hi or a <= s < b:
                continue
            # a verb before the date governs it more often than one after ("said on
            # Monday it would"): cues after it count a few characters farther
            dist = a - e if e <= a else s - b + 3
            if dist < best:
                best, kind = dist, k
        return kind

    def tense(self, a: int, b: int) -> str | None:
        """Tense of the clause around [a, b): the nearest cue in it, else further out."""
        for lo, hi in self.clauses(a, b):
            cue = self.nearest(lo, hi, a, b)
            if cue:
                return cue
        return self.nearest(0, self.n, a, b)


# ---------------------------------------------------------------- resolution
def _mnum(word: str) -> int:
    w = word.rstrip(".").lower()
    return _MONTH_NUM.get(w) or _MONTH_NUM[w[:3]]


def _wnum(word: str) -> int:
    w = word.rstrip(".").lower()
    return _WEEKDAY_NUM.get(w, _WEEKDAY_NUM.get(w[:3], 0))


def _day_int(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _iso_day(d: date) -> str:
    return d.isoformat()


def _iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _pick_day(
    pub: date,
    month: int,
    day: int,
    tense: str | None,
    weekday: int | None = None,
) -> date | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            pass
    if not cands:
        return None
    if weekday is not None:
        agree = [c for c in cands if c.weekday() == weekday]
        if agree:
            return min(agree, key=lambda c: abs((c - pub).days))
    past = [c for c in cands if c <= pub]
    future = [c for c in cands if c >= pub]
    if not future:
        return past[-1]
    if not past:
        return future[0]
    if tense == _FUTURE:
        return future[0]
    ahead, back = (future[0] - pub).days, (pub - past[-1]).days
    if tense in (_NEAR, None) and ahead < back:
        return future[0]
    return past[-1]


def _pick_month(pub: date, month: int, tense: str | None) -> tuple[int, int]:
    here = (pub.year, pub.month)
    if tense in (_NEAR, None):
        tense = _FUTURE if (month - pub.month) % 12 < (pub.month - month) % 12 else _PAST
    if tense == _FUTURE:
        return (pub.year, month) if (pub.year, month) >= here else (pub.year + 1, month)
    return (pub.year, month) if (pub.year, month) <= here else (pub.year - 1, month)


def _week_of_month(year: int, month: int, ordinal: int) -> date:
    """A day inside the ordinal-th week of the month (ISO majority rule, see module doc)."""
    if ordinal < 0:
        y, m = _shift_month(year, month, 1)
        last = date(y, m, 1) - timedelta(days=1)
        # the week holding the last day counts when Thu..Sun of it (>= 4 days) fall inside
        return last if last.weekday() >= 3 else last - timedelta(days=7)
    first = date(year, month, 1)
    base = first if first.weekday() <= 3 else first + timedelta(days=7)
    return base + timedelta(days=7 * (ordinal - 1))


# ---------------------------------------------------------------- main entry
class _Ctx:
    __slots__ = ("body", "pub", "sent", "last_day", "cues")

    def __init__(self, body: str, pub: date | None) -> None:
        self.body = body
        self.pub = pub
        self.sent: Sentence | None = None
        self.last_day: date | None = None
        self.cues: _Cues | None = None

    def set_sentence(self, sent: Sentence) -> None:
        if sent is not self.sent:
            self.sent, self.cues = sent, None

    def tense(self, a: int, b: int) -> tuple[str | None, bool]:
        """(tense of the clause around body[a:b] or None, whether by/until/before precedes)."""
        s = self.sent
        if self.cues is None:
            self.cues = _Cues(s.text)
        a, b = a - s.start, b - s.start
        weak = bool(_WEAK_FUTURE_BEFORE.search(s.text, max(0, a - 8), a))
        return self.cues.tense(a, b), weak


def _year_or_none(m: re.Match, p: str) -> int | None:
    y = m.group(p + "year")
    return int(y) if y else None


def _resolve_day(
    ctx: _Ctx,
    m: re.Match,
    month: int,
    day: int,
    year: int | None,
    a: int,
    b: int,
    weekday: int | None = None,
) -> date | None:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if ctx.pub is None:
        return None
    tense, weak = ctx.tense(a, b)
    if weak and tense != _PAST:
        tense = _FUTURE
    return _pick_day(ctx.pub, month, day, tense, weekday)


Result = tuple[int, int, str, str | None, str]  # start, end, value, end_value, granularity


def _h_range(ctx: _Ctx, m: re.Match, k: str, a: int, b: int) -> Result | None:
    p = k
    m1 = _mnum(m.group(p + "mon") or m.group(p + "mon2"))
    m2 = _mnum(m.group(p + "mon2")) if m.group(p + "mon2") else m1
    d1, d2 = _day_int(m.group(p + "day")), _day_int(m.group(p + "day2"))
    year = _year_or_none(m, p)
    try:
        if year is not None:  # the year is written after the end: 30 December to 2 January 2025
            last = date(year, m2, d2)
            first = date(year - (1 if m2 < m1 else 0), m1, d1)
        else:
            first = _resolve_day(ctx, m, m1, d1, None, a, b)
            if first is None:
                return None
            last = date(first.year + (1 if m2 < m1 else 0), m2, d2)
    except ValueError:
        first = last = None
    if first is not None and last is not None and first < last:
        return a, b, _iso_day(first), _iso_day(last), "day"
    if p == "rmd":  # "Oct 26 - 3 people died": keep the date, drop the false range
        b = m.end(p + "day")
        d = _resolve_day(ctx, m, m1, d1, None, a, b)
        return (a, b, _iso_day(d), None, "day") if d else None
    return None


def _handle(ctx: _Ctx, m: re.Match, k: str) -> Result | None:  # noqa: C901 - a dispatch table
    a, b = m.span(k)
    pub = ctx.pub
    g = m.group
    if k in ("rmd", "rdm"):
        return _h_range(ctx, m, k, a, b)
    if k in ("bmd", "bdm"):
        a = m.start(k + "s")
        return _h_range(ctx, m, k, a, b)
    if k == "wdd":
        p = "wdd1" if g("wdd1mon") else "wdd2"
        d = _resolve_day(
            ctx,
            m,
            _mnum(g(p + "mon")),
            _day_int(g(p + "day")),
            _year_or_none(m, "wdd"),
            a,
            b,
            _wnum(g("wddwd")),
        )
        return (a, b, _iso_day(d), None, "day") if d else None
    if k in ("md", "dm"):
        d = _resolve_day(
            ctx, m, _mnum(g(k + "mon")), _day_int(g(k + "day")), _year_or_none(m, k), a, b
        )
        return (a, b, _iso_day(d), None, "day") if d else None
    if k == "iso":
        try:
            d = date(int(g("isoy")), int(g("isom")), int(g("isod")))
        except ValueError:
            return None
        return a, b, _iso_day(d), None, "day"
    if k == "num":
        x, y, year = int(g("numa")), int(g("numb")), int(g("numy"))
        if x > 12 >= y:
            x, y = y, x  # day/month/year
        elif not (y > 12 >= x):
            return None  # 4/10/2024: April or October? not guessed
        try:
            return a, b, _iso_day(date(year, x, y)), None, "day"
        except ValueError:
            return None
    if k == "dot":
        try:
            d = date(int(g("doty")), int(g("dotm")), int(g("dotd")))
        except ValueError:
            return None
        return a, b, _iso_day(d), None, "day"
    if k == "wk":
        year = _year_or_none(m, "wk")
        month = _mnum(g("wkmon"))
        if year is None:
            if pub is None:
                return None
            tense, weak = ctx.tense(a, b)
            year, month = _pick_month(pub, month, _FUTURE if weak and tense != _PAST else tense)
        d = _week_of_month(year, month, _ORDINALS[g("wkord").lower()])
        return a, b, _iso_week(d), None, "week"
    if k == "wkof":
        p = "wkof1" if g("wkof1mon") else "wkof2"
        d = _resolve_day(
            ctx, m, _mnum(g(p + "mon")), _day_int(g(p + "day")), _year_or_none(m, "wkof"), a, b
        )
        return (a, b, _iso_week(d), None, "week") if d else None
    if k in ("part", "edge"):
        if g(k + "yy"):
            return a, b, g(k + "yy"), None, "year"
        if g(k + "mon"):
            return _month_result(ctx, m, k, _mnum(g(k + "mon")), _year_or_none(m, k), a, b)
        if pub is None:
            return None
        unit = (g("partunit") or g("partunit2")).lower()
        shift = {"next": 1, "last": -1}.get((g("partrel") or "").lower(), 0)
        if unit == "year":
            return a, b, f"{pub.year + shift:04d}", None, "year"
        if unit == "week":
            return a, b, _iso_week(pub + timedelta(days=7 * shift)), None, "week"
        return a, b, _iso_month(*_shift_month(pub.year, pub.month, shift)), None, "month"
    if k == "season":
        return a, b, g("seasonyear"), None, "year"
    if k == "my":
        return a, b, _iso_month(int(g("myyear")), _mnum(g("mymon"))), None, "month"
    if k == "yr":
        y1, y2 = g("yra"), g("yrb")
        if int(y2) <= int(y1):
            return None
        return m.start("yra"), b, y1, y2, "year"
    if k == "cy":
        year, fy = int(g("cyy")), g("cyfy")
        if fy is None:
            return m.start("cyy"), b, g("cyy"), None, "year"
        if int(fy) != (year + 1) % 100:
            return None  # not a fiscal year: "2000-10"
        return m.start("cyy"), b, g("cyy"), f"{year + 1:04d}", "year"
    if k == "mb":
        word = g("mbmon")
        prep = g("mbprep")
        a = m.start("mbmon")
        low = word.lower()
        if prep is None:
            if low in _AMBIGUOUS_MONTHS:
                return None
            if re.match(r"[^\S\n]+[A-Z][a-z]", ctx.body[b : b + 4]):
                return None  # October Revolution, January Smith
        elif (
            low in _AMBIGUOUS_MONTHS
            and prep.lower() in ("and", "or", "to")
            and not _MONTH_BEFORE.search(ctx.body, max(0, a - 28), a)
        ):
            return None  # "Trump and May", but "April and May", "from January to March"
        res = _month_result(ctx, m, k, _mnum(word), None, a, b, prep)
        return res
    if k == "later":
        if ctx.last_day is None:
            return None
        n = _count(g("latern")) * (1 if g("laterd").lower() == "later" else -1)
        unit, base = g("lateru").lower().rstrip("s"), ctx.last_day
        if unit in ("day", "week"):
            days = n * (7 if unit == "week" else 1)
            return a, b, _iso_day(base + timedelta(days=days)), None, "day"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(base.year, base.month, n)), None, "month"
        return a, b, f"{base.year + n:04d}", None, "year"
    if k == "anchor":
        if ctx.last_day is None:
            return None
        which = (g("anchk") or g("anchb") or "same").lower()
        shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "before": -1}.get(
            which, 0
        )
        return a, b, _iso_day(ctx.last_day + timedelta(days=shift)), None, "day"
    if pub is None:
        return None  # everything below is relative to the publication date
    if k == "ago":
        n = _count(g("agon"))
        unit = g("agou").lower().rstrip("s")
        if unit == "day":
            return a, b, _iso_day(pub - timedelta(days=n)), None, "day"
        if unit == "week":
            return a, b, _iso_week(pub - timedelta(days=7 * n)), None, "week"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(pub.year, pub.month, -n)), None, "month"
        return a, b, f"{pub.year - n:04d}", None, "year"
    if k == "wkend":
        return a, b, _iso_week(_weekend(ctx, pub, (g("wkendk") or "").lower(), a, b)), None, "week"
    if k == "rel":
        unit, kind = g("relu").lower(), g("relk").lower()
        shift = {"last": -1, "this": 0, "next": 1}[kind]
        if unit == "week":
            return a, b, _iso_week(pub + timedelta(days=7 * shift)), None, "week"
        if unit == "month":
            return a, b, _iso_month(*_shift_month(pub.year, pub.month, shift)), None, "month"
        return a, b, f"{pub.year + shift:04d}", None, "year"
    if k == "deix":
        word = g("deixw").lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        if word.startswith("last"):
            shift = -1  # last night
        return a, b, _iso_day(pub + timedelta(days=shift)), None, "day"
    if k in ("rwd", "wd"):
        wd = _wnum(g(k + "wd"))
        rel = (g("rwdk") or "").lower() if k == "rwd" else ""
        if rel == "last":
            d = pub - timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
        elif rel in ("next", "coming"):
            d = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
        else:
            tense, weak = ctx.tense(a, b)
            if tense in (_FUTURE, _NEAR) or ((weak or rel == "this") and tense != _PAST):
                d = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
            else:
                d = pub - timedelta(days=(pub.weekday() - wd) % 7)
        return a, b, _iso_day(d), None, "day"
    return None


def _weekend(ctx: _Ctx, pub: date, kind: str, a: int, b: int) -> date:
    """A day of the weekend meant: the coming one for this/next or future talk, else the
    last one (the current one when published on a Saturday or Sunday)."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # on or before pub
    if pub.weekday() >= 5:
        current = saturday
    else:
        current = saturday + timedelta(days=7) if kind in ("this", "coming") else saturday
    if kind == "last":
        return saturday - timedelta(days=7) if pub.weekday() >= 5 else saturday
    if kind == "next":
        return saturday + timedelta(days=7)
    if kind == "" and pub.weekday() < 5 and ctx.tense(a, b)[0] in (_FUTURE, _NEAR):
        return saturday + timedelta(days=7)
    return current


def _count(word: str) -> int:
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBER_WORDS[w]


def _month_result(
    ctx: _Ctx,
    m: re.Match,
    k: str,
    month: int,
    year: int | None,
    a: int,
    b: int,
    prep: str | None = None,
) -> Result | None:
    if year is None:
        if ctx.pub is None:
            return None
        tense, weak = ctx.tense(a, b)
        p = (prep or "").lower()
        if p in ("since", "last", "as of"):
            tense = _PAST
        elif p in ("next", "as early as") or p.startswith("as") and "early" in p:
            tense = _FUTURE
        elif (weak or p in ("by", "until", "till", "before")) and tense != _PAST:
            tense = _FUTURE
        year, month = _pick_month(ctx.pub, month, tense)
    return a, b, _iso_month(year, month), None, "month"


def _match_from(body: str, pos: int, head: int, end: int) -> re.Match | None:
    """The leftmost master match starting in [pos, head], tried only where one can start."""
    for q in _STARTER.finditer(body, pos, end):
        if q.start() > head:
            return None
        m = _MASTER.match(body, q.start(), end)
        if m is not None:
            return m
    return None


def _candidates(body: str, sentences: list[Sentence]):
    """Leftmost non-overlapping master matches inside sentences, in body order.

    Same result as ``_MASTER.finditer`` per sentence (a test checks it), but the pattern
    is only tried at the few word starts just before each head word that can open an
    expression, which skips most of the text.
    """
    starts = [s.start for s in sentences]
    consumed = 0
    for h in _HEAD.finditer(body):
        p = h.start()
        if p < consumed:
            continue
        i = bisect.bisect_right(starts, p) - 1
        if i < 0:
            continue
        sent = sentences[i]
        if p >= sent.end:
            continue
        pos = max(consumed, sent.start, p - _BACK)
        while (m := _match_from(body, pos, p, sent.end)) is not None:
            consumed = pos = m.end()
            yield m, sent
            if pos > p:
                break


_VALID = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2])|-W\d\d|-\d\d-\d\d)?\Z")


def find_dates(body: str, sentences: list[Sentence], published: date | None) -> list[DateExpr]:
    """Date expressions of ``body`` in body order, resolved against ``published``.

    Each record satisfies ``body[start:end] == text`` and lies inside the sentence
    whose offsets it carries; expressions that cannot be resolved are left out.
    """
    if not sentences or not body:
        return []
    if isinstance(published, datetime):  # a datetime does not compare with a date
        published = published.date()
    ctx = _Ctx(body, published)
    out: list[DateExpr] = []
    for m, sent in _candidates(body, sentences):
        k = m.lastgroup
        if k not in _KINDS:
            continue
        ctx.set_sentence(sent)
        try:
            res = _handle(ctx, m, k)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999
            continue
        if res is None:
            continue
        a, b, value, end_value, gran = res
        if not (_VALID.match(value) and (end_value is None or _VALID.match(end_value))):
            continue
        out.append(DateExpr(body[a:b], a, b, value, end_value, gran, sent.start, sent.end))
        if gran == "day":
            ctx.last_day = date.fromisoformat(value)
    return out
