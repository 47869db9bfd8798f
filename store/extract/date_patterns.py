"""The vocabulary and patterns of date expressions: month and weekday names, the pieces
they are built of, one master alternation of every form (``MASTER``, one named group per
kind), and the cheap ``HEAD`` / ``STARTER`` patterns that say where it is worth trying.

:mod:`store.extract.dates` documents the forms and resolves each match.
"""

from __future__ import annotations

import re

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
MONTH_NUM = {name.lower(): i for i, name in enumerate(_MONTHS, 1)}
MONTH_NUM.update({name[:3].lower(): i for i, name in enumerate(_MONTHS, 1)} | {"sept": 9})
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
WEEKDAY_NUM.update({name[:3].lower(): i for i, name in enumerate(_WEEKDAYS)})
WEEKDAY_NUM.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})
# Months that are also common words or names: alone they need a preposition before them.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1}

# ---------------------------------------------------------------- pattern pieces
_SP = r"[^\S\n]+"  # spaces that do not cross a line
_SP0 = r"[^\S\n]*"
MONTH_FULL = "(?:" + "|".join(_MONTHS) + r")(?![A-Za-z])"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?![A-Za-z]))"
_MONTH_CAPS = (  # datelines and headers: NOVEMBER 18, NOV. 18
    "(?:" + "|".join(m.upper() for m in _MONTHS) + r"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT"
    r"|NOV|DEC)\.?)(?![A-Za-z])"
)
_MON = f"(?:{MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_CAPS})"
_WD_FULL = "(?:" + "|".join(_WEEKDAYS) + r")(?![A-Za-z])"
_WD_ABBR = r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:\.|(?![A-Za-z]))"
_DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:]\d)"
_YEAR = r"(?<![\d$€£#.,])(?:1[89]\d\d|20\d\d)(?![\d%]|[.,]\d|s\b)"  # not the 1990s
_DASH = rf"(?:{_SP0}[-–]{_SP0}|—)"  # an em dash with spaces around it is punctuation
_TO = rf"(?:{_DASH}|{_SP}(?:to|through|until|till){_SP})"
_NUM = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?:day|week|month|year)s?"
_I = "(?i:{})".format  # case-insensitive piece


def by_first_letter(words: list[str]) -> str:
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


# Holidays with a fixed or computable day (dates.HOLIDAYS); the name alone is often
# part of another name ("Christmas Island", "Easter Rising"), so it counts only after a
# preposition, after this/last/next, or with a year.
_HOLIDAY = (
    r"Christmas(?:[^\S\n]+(?:Day|Eve))?|Xmas|Easter(?:[^\S\n]+(?:Sunday|Monday))?|"
    r"Good[^\S\n]+Friday|Thanksgiving(?:[^\S\n]+Day)?|Halloween|"
    r"New[^\S\n]+Year['’]s(?:[^\S\n]+(?:Day|Eve))?|New[^\S\n]+Year(?!['’\w])|"
    r"Valentine['’]s[^\S\n]+Day|Boxing[^\S\n]+Day|May[^\S\n]+Day|"
    r"the[^\S\n]+Fourth[^\S\n]+of[^\S\n]+July"
)
_HOL_PREP = "|".join(
    f"(?<=(?i:{w}) )"
    for w in "on at by over before after since until till for around during ahead of from "
    "through".split()
    if w != "ahead"
).replace("(?<=(?i:of) )", "(?<=(?i:ahead of) )")
# "Christmas Island", "Easter Road", "the Halloween Parade": a name goes on
_HOL_NOT = r"(?![^\S\n]+[A-Z][a-z])"
_ORD_PREP = "|".join(
    f"(?<=(?i:{w}) )" for w in "on by until till since from before after through".split()
)

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
           + rf"{_SP}(?P<wkmon>{MONTH_FULL}){_year('wk')}?"),
    ("wkof", _I(rf"the{_SP}week{_SP}of")
             + rf"{_SP}(?:{_md('wkof1')}|{_dm('wkof2')}){_year('wkof')}?"),
    # the start of 2024, the end of October, the end of the year, early 2024, mid-October.
    ("part", _I(rf"(?:the{_SP})?(?:start|beginning|end|middle|turn|first{_SP}half|second{_SP}half)"
                rf"{_SP}of") + _SP
             + rf"(?:(?P<partyy>{_YEAR})|(?P<partmon>{MONTH_FULL}){_year('part')}?|"
             + _I(rf"(?:the|this){_SP}(?P<partunit>year|month|week)|"
                  rf"(?P<partrel>next|last){_SP}(?P<partunit2>year|month|week)") + ")"),
    ("edge", _I(r"(?:early|mid|late|end)(?:-|[^\S\n]+)")
             + rf"(?:(?P<edgeyy>{_YEAR})|(?P<edgemon>{MONTH_FULL}){_year('edge')}?)"),
    ("season", _I(rf"(?:the{_SP})?(?:spring|summer|autumn|fall|winter)(?:{_SP}of)?")
               + rf"{_SP}(?P<seasonyear>{_YEAR})"),
    # this summer, last winter, in the autumn, over the summer (see dates._season)
    ("srel", _I(rf"(?:(?P<srelk>this(?:{_SP}past)?|last|next|coming|past|that)|(?<=in )the|"
                rf"(?<=during )the|(?<=over )the|(?<=through )the|(?<=throughout )the|"
                rf"(?<=by )the|(?<=until )the|(?<=since )the){_SP}"
                rf"(?:(?:early|late|mid)(?:-|{_SP}))?(?P<srels>spring|summer|autumn|fall|winter)")
             + rf"(?![A-Za-z-])(?!{_SP}of\b)"),
    # holidays: on Christmas Day, at Easter, by Thanksgiving, last Christmas, Easter 2023
    ("hol", rf"(?:(?:{_HOL_PREP})|(?P<holk>{_I('this|last|next|coming')}){_SP})"
            rf"(?P<holn>{_HOLIDAY}){_year('hol')}?{_HOL_NOT}"
            rf"|(?P<holn2>{_HOLIDAY}),?{_SP}(?P<holyear2>{_YEAR}){_HOL_NOT}"),
    # on the 8th, by the 21st of this month (see dates._ordinal_day)
    ("ord", rf"(?:{_ORD_PREP})the{_SP}(?P<ordd>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
            + _I(rf"(?:{_SP}of{_SP}(?P<ordm>this|last|next|the){_SP}month)?")
            + rf"(?![\w-])(?!{_SP}(?!" + _I("and|or|when|at|in|as|after|before|but|with|while|"
            "to|until|through|the|this|last|that") + r"\b)[a-z])"),
    ("my", rf"(?P<mymon>{_MON}){_SP}(?:of{_SP})?(?P<myyear>{_YEAR})"),
    ("yr", _I(rf"(?:from|between){_SP}") + rf"(?P<yra>{_YEAR})"
           + rf"(?:{_DASH}|{_SP}" + _I("to|and|until|till|through") + rf"{_SP})(?P<yrb>{_YEAR})"),
    ("cy", _I(rf"(?:(?P<cyfrom>from)|in|since|by|until|till|through|throughout|during|before|after|"
              rf"circa|as{_SP}of|the{_SP}year|early{_SP}as|late{_SP}as|year|for|fiscal|of|"
              rf"(?<=\d\d\d\d )(?:and|or)|(?<=\d\d\d\d, )(?:and|or)){_SP}")
           + rf"(?P<cyy>{_YEAR})(?:[-–/](?P<cyfy>\d\d)(?![\d%]|[.,]\d))?"  # fiscal 2024-25
           # "from 2000 to 3000", "2000-3000": numbers, unless the next one is a year too
           + r"(?(cyfrom)(?![^\S\n]*(?:[-–]|(?:to|and)\s+)(?!(?:1[89]|20)\d\d\b)\d)"
           + r"|(?![^\S\n]*[-–][^\S\n]*\d)"  # "in 2019 to 35%" is a year, "in 2000 to 3,000" not
           + r"(?![^\S\n]*(?:to|and)\s+(?!(?:1[89]|20)\d\d\b)\d(?:,?\d){3}))"
           + r"(?![^\S\n]+(?:people|persons|troops|soldiers|men|women|children|residents|homes"
             r"|houses|votes|km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes"
             r"|units|cases|deaths|dollars|euros|years|days|hours|votes)\b)"
           # "for 2000 participants": a lower-case plural after it makes it a count
           + r"(?![^\S\n]+[a-z]+s\b(?<!\bwas)(?<!\bis)(?<!\bhas)(?<!\bas)(?<!\bthis)"
             r"(?<!\bits)(?<!\bus)(?<!\bwhereas))"),
    # a year before the noun it dates: "a 2003 earthquake", "the 2016 elections" (the
    # handler reads the words after it: "the 2000 new homes" is a count)
    ("attr", r"(?:(?<=(?i:the) )|(?<=\ba )|(?<=\bA )|(?<=\ban )|(?<=\bAn )|(?<=(?i:its) )"
             rf"|(?<=(?i:their) ))(?P<attry>{_YEAR})(?=[^\S\n]+[A-Za-z])"),
    ("ago", _I(rf"(?P<agon>{_NUM}){_SP}(?P<agou>{_UNIT}){_SP}ago") + r"(?![A-Za-z])"),
    ("later", _I(rf"(?P<latern>{_NUM}){_SP}(?P<lateru>{_UNIT}){_SP}(?P<laterd>later|earlier)")
              + r"(?![A-Za-z])"),
    ("anchor", _I(rf"the{_SP}(?P<anchk>same|next|following|previous|preceding){_SP}day"
                  rf"|that{_SP}(?:same{_SP})?day|the{_SP}day{_SP}(?P<anchb>before)"
                  # "in 2023 ... the year before", "the following month": from the
                  # month or year named last
                  rf"|the{_SP}(?P<ancpk>same|following|previous|preceding|prior){_SP}"
                  rf"(?P<ancpu>month|year)|the{_SP}(?P<ancbu>month|year){_SP}(?P<ancbk>before|after)")
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
    # "in January-June", "the October-March period": a span of months
    ("mm", rf"(?P<mmmon>{MONTH_FULL})[-–](?P<mmmon2>{MONTH_FULL})"),
    ("mb", r"(?:(?P<mbprep>"
           + _I(rf"in|since|by|until|till|through|throughout|from|to|during|before|after|"
                rf"as{_SP}of|as{_SP}early{_SP}as|between|and|or|last|next|this|around|"
                rf"starting|beginning|ending|mid|late|early")
           + rf"){_SP})?(?P<mbmon>{MONTH_FULL})(?!{_SP0}\d|-|{_SP}of{_SP}\d)"),
]  # fmt: skip

# Characters each alternative can start with: a failed one-character lookahead is far
# cheaper than a failed alternative.
_FIRST = {
    "rmd": "JFMASOND", "md": "JFMASOND", "my": "JFMASOND", "wdd": "MTWFS", "wd": "MTWFS",
    "rdm": "0-9", "dm": "0-9Tt", "iso": "0-9", "num": "0-9", "dot": "0-9", "bmd": "Bb", "bdm": "Bb",
    "wk": "TtFfSsLl", "wkof": "Tt", "part": "TtSsBbEeMmFf", "edge": "EeMmLl",
    "season": "TtSsAaFfWw", "srel": "TtLlNnCcPp", "hol": "CXEGTHNVBMtTlLnNcC", "ord": "t",
    "yr": "FfBb", "attr": "12", "cy": "IiSsBbUuTtFfDdAaCcEeLlYyOo",
    "ago": "0-9AaOoTtFfSsEeNn", "later": "0-9AaOoTtFfSsEeNn", "anchor": "Tt", "rel": "EeLlTtNn",
    "wkend": "LlTtNnCc",
    "deix": "YyTtLl", "mm": "JFMASOND", "rwd": "LlNnTtCc", "mb": "IiSsBbUuTtFfDdAaOoLlNnEeMmJ",
}  # fmt: skip
MASTER = re.compile(
    r"(?<!\w)(?:"
    + "|".join(f"(?P<{name}>(?=[{_FIRST[name]}]){pattern})" for name, pattern in _ALTERNATIVES)
    + ")"
)
KINDS = {name for name, _ in _ALTERNATIVES}
# Every expression holds one of these words; the master pattern is only tried near them.
HEAD = re.compile(
    r"(?=[0-9JFMASONDTWYEdwmytaenCXGHVBsfw])(?:"  # first-letter gate: skips most positions
    r"(?<![\w$€£#.,])(?:1[89]\d\d|20\d\d|\d{1,2}/\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)\b)"
    r"|\b(?:Christmas|Xmas|Easter|Good|Thanksgiving|Halloween|New|Valentine|Boxing|Fourth"
    r"|(?i:spring|summer|autumn|fall|winter))\b"
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
    "weekend day week month past of"
).split() + list(NUMBER_WORDS)
STARTER = re.compile(r"(?<!\w)(?:[0-9A-Z]|(?i:" + by_first_letter(_STARTERS) + r")(?![a-z]))")
# Every form starts fewer than this many characters before its head word.
BACK = 32
