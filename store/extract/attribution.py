"""Who says so: attributions inside a sentence ("according to X", "X said", "..., X said",
"X, who estimated that", "was disclosed by X", headline tails such as "– Reuters").

Everything here works on one sentence's text; offsets are relative to it. Choosing
which attribution governs a given figure, and carrying speakers across sentences,
is done by ``store.extract.figures``.

The subject's words (where a speaker's name starts and ends, whether it can speak) are
read by ``store.extract.subjects``; the word lists are ``store.extract.attribution_words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from store.extract.attribution_words import (
    _BASE_FORMS,
    _HEADLINE_VERBS,
    _ORG_WORDS,
    _PASSIVE,
    _PREPOSITIONS,
    _PRONOUNS,
    _SPEECH_VERBS,
    SOURCE_NOUNS,
    TITLE_WORDS,  # noqa: F401 (re-exported)
)
from store.extract.subjects import (
    _plausible_subject,
    _plural_subject,
    _records_keeper,
    _role_or_body,
    _strip_determiner,
    _subject_before_aside,
    _subject_left,
    _subject_right,
    reduce_name,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    pos: int  # where the attribution sits (the verb or "according"); figures after it are governed
    claimant: str
    start: int  # span of the claimant's words in the sentence
    end: int
    kind: str  # according | verb | inverted | relative | passive | headline | source
    pronoun: bool = False  # "he said": to be resolved to an earlier speaker
    scope_end: int | None = None  # a relative clause ("X, which said ..., has") ends here
    full_start: int | None = None  # the whole subject as written, titles included
    full_end: int | None = None

    def written_span(self) -> tuple[int, int]:
        """The claimant's words as written ("NATO Secretary General Mark Rutte")."""
        a = self.start if self.full_start is None else min(self.start, self.full_start)
        b = self.end if self.full_end is None else max(self.end, self.full_end)
        return a, b


# "put" is a claim only as in "Seoul puts the figure at 1,000", "the ministry put
# participation at 31%": an object of up to six words, then "at" and a number.
_AMOUNT_AHEAD = (
    r"(?:(?:about|around|roughly|some|nearly|almost|just|only|more\s+than|over|under|up\s+to|"
    r"at\s+least|an\s+estimated|between)\s+)*(?:[$€£¥]?\d|(?:one|two|three|four|five|six|seven|"
    r"eight|nine|ten|a|half\s+a)\s+(?:hundred|thousand|million|billion)\b)"
)
_PUT_OBJECT = re.compile(
    r"\s+(?:the\s+(?:\w+\s+)?(?:figure|number|toll|tally|estimate|total|count)\s+at\b"
    r"|(?:[\w'’-]+\s+){1,8}?at\s+" + _AMOUNT_AHEAD + r")"
)
# "counted" says who counted only right before the count: "Police counted 12,000"
# (not "with 90% of votes counted").
_COUNT_OBJECT = re.compile(r"\s+" + _AMOUNT_AHEAD)
_SPEECH_SET = frozenset(_SPEECH_VERBS)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")

_TITLE_VERB = re.compile(
    r"\b(?:"
    + "|".join(sorted((w.capitalize() for w in _HEADLINE_VERBS), key=len, reverse=True))
    + r")\b"
)


def is_title_case(s: str) -> bool:
    """A headline written in Title Case: most of its words capitalised."""
    words = re.findall(r"[^\W\d_][\w'’\-]*", s)
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and caps / len(words) > 0.6


def _speech_verbs(s: str) -> list[re.Match[str]]:
    """Speech verbs in ``s``: a word scan and a set look-up (faster than one alternation).
    In a Title Case headline a capitalised verb after its subject counts too."""
    found = [
        m
        for m in _LOWER_WORD.finditer(s)
        if m.group(0) in _SPEECH_SET
        and s[m.start() - 1 : m.start()] != "-"  # "better-than-expected"
    ]
    titled = [m for m in _TITLE_VERB.finditer(s) if m.start() > 0]
    if titled and is_title_case(s):
        found = sorted(found + titled, key=lambda m: m.start())
    return found


_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_ASIDE_PHRASE = re.compile(
    r"(?:(?:in|on|at|during|after|via|through)\s+(?:a|an|the|its|his|her)|citing|quoting)\s",
    re.I,
)
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_ACCORDING_END = re.compile(
    r"\s*(?:[,;:!?\"“”]|\.(?=[\"”’)]*\s*$)|\s(?:that|which|who|whose|on|during|last|earlier|this)\s|$)"
)
_SOURCE_PREFIX = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:new\s+|recent\s+|latest\s+)?"
    r"(?:reports?|assessments?|estimates?|data|figures|analys[ie]s|statements?|study|survey)"
    r"\s+(?:(?:published|released|compiled|issued|gathered|collected)\s+)?(?:by|from|of)\s+",
    re.I,
)
# "Gaza Health Ministry: 22,722 Palestinians killed": a source leading a headline.
_HEADLINE_LEAD = re.compile(r"^([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,5})\s*:\s+\S")
_HEADLINE_TAIL = re.compile(
    r"\s[–—-]\s*([A-Z][\w.&'’ ]{1,40}?)\s*$|:\s*([A-Za-z][\w.&'’ ]{1,30}?)\s*$"
)
_SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Via)\s*:\s*(.{2,80}?)\s*\.?$")


def _make(pos: int, text: str, start: int, kind: str) -> Attribution | None:
    raw = text
    lead = len(raw) - len(raw.lstrip())
    raw = raw.strip()
    start += lead
    raw = raw.rstrip(",;: ")
    if raw.endswith(".") and not re.search(r"(?:\b[A-Za-z]\.)+$", raw):
        raw = raw[:-1]  # a full stop, not the end of "U.S."
    if not raw:
        return None
    m = _SOURCE_PREFIX.match(raw)
    if m and m.end() < len(raw):
        start += m.end()
        raw = raw[m.end() :]
    by = _BY_PUBLISHER.match(raw)
    if by and by.end() < len(raw):
        # "The figures, published by the ONS on Wednesday, showed": the publisher
        start += by.end()
        raw = re.sub(r"\s+(?:on|in|at|last|this|earlier|late)\b.*$", "", raw[by.end() :])
    bare, bare_start = _strip_determiner(raw, start)
    # a determiner, or the inverted order that headlines write without one (", says
    # health secretary"), marks a role or body that speaks
    determined = bare != raw or kind == "inverted"
    raw, start = bare, bare_start
    if kind == "according" and raw.lower() in _OBJECT_PRONOUNS:  # "According to him: ..."
        who = _OBJECT_PRONOUNS[raw.lower()]
        return Attribution(pos, who, start, start + len(raw), kind, pronoun=True)
    if re.search(r"[$€£¥%]|\b(?:1[89]|20)\d\d\b", raw):
        # "Strikes cost NHS £1.7bn, says ...", "Ghana's 2020 polls recorded ...": a
        # clause or an event, not a speaker
        return None
    if not (_plausible_subject(raw) or (determined and _role_or_body(raw))):
        return None
    first = raw.split()[0].lower()
    if first in _PREPOSITIONS and kind in {"verb", "inverted"}:
        # "In Paris the police headquarters announced": the subject after a fronted
        # place or time
        inner = re.search(r"\s(?:the|a|an)\s+(?=\S)", raw)
        if kind != "verb" or inner is None:
            return None
        start += inner.end()
        raw = raw[inner.end() :]
        if not (_plausible_subject(raw) or _role_or_body(raw)):
            return None
    if raw.lower() in _PRONOUNS:
        return Attribution(pos, raw, start, start + len(raw), kind, pronoun=True)
    a, b = reduce_name(raw)
    return Attribution(
        pos, raw[a:b], start + a, start + b, kind, full_start=start, full_end=start + len(raw)
    )


# "Park cited Cho as saying that ...": Cho speaks.
_CITED_AS = re.compile(r"\b(?:cited|quoted|quoting|citing)\s+(.{2,60}?)\s+as\s+say(?:ing|s)?\b")
# "The agency released a statement on Friday saying ...": the subject ends at its verb.
_MAIN_VERB = re.compile(
    r"\s(?:[a-z]{3,}ed|said|told|issued|made|gave|put|sent|wrote|held|has|had)\s"
)


# Verbs that claim only in some uses: "the survey found", "the commission released a
# provisional figure of 61%" (not "12 hostages were released"), "the bank was confident
# that it would reach 5%".
_GUARDED = frozenset(
    "found finds released releases published publishes issued gave gives confident".split()
)
_FINDERS = re.compile(
    r"\b(?:surveys?|stud(?:y|ies)|polls?|reports?|reviews?|audits?|analys[ie]s|census|"
    r"investigations?|inquir(?:y|ies)|research|researchers|scientists|assessments?|data)\b",
    re.I,
)
_FIGURE_OBJECT = re.compile(
    r"\s+(?:(?:a|an|the|its|their|his|her|new|fresh)\s+)*(?:[\w-]+\s+){0,2}?"
    r"(?:figures?|estimates?|tall(?:y|ies)|toll|count|data|numbers?|totals?|statistics)"
    r"\s+(?:of|at|showing|that|for)\b",
    re.I,
)


# "The central bank forecast growth of 0.4%": the past tense, not the noun ("the bank's
# forecast of 0.4% was", "the forecast for growth is").
_FORECAST_PAST = re.compile(
    r"\s+(?!(?:of|for|is|was|has|had|will|would|remains|shows|calls|sees|and|to)\b)"
    r"(?:that\b|[a-z$€£\d])"
)


_BY_PUBLISHER = re.compile(
    r"(?:published|released|compiled|issued|provided|gathered|collected)\s+by\s+", re.I
)
# A capitalised name opening the sentence, then a comma: "Clark County, Washington, ..."
_PLACE_BEFORE = re.compile(r"^\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s+$")


# "the average Wall Street forecast of $9.275 billion", "the IMF's estimate of 3%", "a UN
# tally of 300,000", "economists' forecast of 2.1%": the owner of an estimate speaks for
# the figure it names
_ESTIMATE_NOUN = (
    r"(?:(?:average|consensus|official|latest|new|revised|own|initial|preliminary|"
    r"provisional|median)[^\S\n]+)*(?:forecasts?|estimates?|projections?|tall(?:y|ies)|"
    r"counts?)[^\S\n]+(?:of|at)[^\S\n]+(?=[$€£¥]?\d|(?:about|around|some|nearly|almost|"
    r"more[^\S\n]+than|up[^\S\n]+to|at[^\S\n]+least)\b)"
)
_ESTIMATE_OWNER = re.compile(
    r"(?:(?<=\s)|^)(?:(?:[Tt]he|[Aa]n?)[^\S\n]+)?(?:(?:average|consensus|official|latest|new|"
    r"revised)[^\S\n]+)*(?P<who>(?:[A-Z][\w&.'’-]*(?:[^\S\n]+[A-Z][\w&.'’-]*){0,3})|"
    r"analysts|economists|forecasters|experts|organisers|organizers|police|officials)"
    r"(?P<pos>['’]s?)?[^\S\n]+" + _ESTIMATE_NOUN
)
_NOT_OWNERS = frozenset("the a an its this that their his her our these those".split())


_RELEASED_DOCS = re.compile(
    r"(?:(?:the|new|latest|official|fresh)\s+)*(?:figures|data|statistics|numbers|estimates)\s+"
    r"(?:released|published|compiled|issued|provided)",
    re.I,
)


def _estimate_owners(s: str) -> list[Attribution]:
    out = []
    for m in _ESTIMATE_OWNER.finditer(s):
        who = re.sub(r"['’]s?$", "", m.group("who"))  # "the IMF's forecast"
        if who.split()[0].lower() in _NOT_OWNERS or (m.start("who") == 0 and not m.group("pos")):
            continue  # "The forecast of ...", "Spending estimates of ..."
        stop = re.search(r"[,;:]|\band\b", s[m.end() :])
        a = Attribution(
            m.start("who"),
            who,
            m.start("who"),
            m.start("who") + len(who),
            "owner",
            scope_end=m.end() + (stop.start() if stop else len(s) - m.end()),
        )
        out.append(a)
    return out


def find_attributions(s: str) -> list[Attribution]:
    """Attributions in one sentence, in order of position."""
    out: list[Attribution] = []
    verbs = _speech_verbs(s)
    out.extend(_estimate_owners(s))
    if not verbs and "ccording" not in s and " as say" not in s:
        return out
    for m in _ACCORDING.finditer(s):
        rest_start = m.end()
        e = _ACCORDING_END.search(s, rest_start)
        stop = e.start() if e else len(s)
        # keep a parenthesised acronym: "Royal United Services Institute (RUSI)"
        if len(s[rest_start:stop].split()) == 1 and s[stop : stop + 1] == ",":
            # "according to Ukrainian, South Korean and U.S. officials"
            # (items of a few words: not "Dzulkefly, Selangor recorded ... and ...")
            item = r"[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3}"
            lst = re.match(rf"(?:,\s*{item})*,?\s+and\s+{item}?(?=[,;:.]?\s*$|[,;:])", s[stop:])
            if lst:
                stop += lst.end()
        paren = re.match(r"\s*\([^)]{1,20}\)", s[stop:])
        if paren:
            stop += paren.end()
        by = None
        if _RELEASED_DOCS.fullmatch(s, rest_start, stop):
            # "according to figures released on Tuesday by the statistics office": the
            # body that released them
            by = re.match(r"[^,;:]*?\bby\s+([^,;:]+?)\s*(?=[,;:]|$)", s[stop:])
        if by:
            a = _make(m.start(), by.group(1), stop + by.start(1), "according")
        else:
            a = _make(m.start(), s[rest_start:stop], rest_start, "according")
        if a:
            out.append(a)
    for m in _CITED_AS.finditer(s):
        a = _make(m.start(), m.group(1), m.start(1), "verb")
        if a:
            out.append(a)
    for i, m in enumerate(verbs):
        nxt = verbs[i + 1] if i + 1 < len(verbs) else None
        if nxt is not None and re.fullmatch(r"\s+", s[m.end() : nxt.start()]):
            continue  # "reports suggest", "reports stated": the first is a noun
        # The words just before the verb: a window, not the whole sentence up to it (a
        # slice from 0 for each verb made long run-on sentences quadratic).
        before = s[max(0, m.start() - 80) : m.start()]
        if m.group(0) in {"saying", "say"} and re.search(r"\bas\s+$", before):
            continue  # "cited Cho as saying": handled above
        if (
            m.group(0) in {"put", "puts"}
            and not _PUT_OBJECT.match(s, m.end())
            and not (
                # "The toll, which officials put at 45": the object is the relative pronoun
                re.search(r"\b(?:which|that)\s+(?:[\w'’-]+\s+){1,3}$", before)
                and re.match(r"\s+at\s+" + _AMOUNT_AHEAD, s[m.end() :])
            )
        ):
            continue
        if m.group(0) == "posted" and not re.match(
            r"\s*(?:on\b|online\b|that\b|:|[\"“])", s[m.end() :]
        ):
            continue  # "posted a profit": a result, not a post
        if m.group(0) in {"counted", "counts", "tallied"} and not _COUNT_OBJECT.match(s, m.end()):
            continue
        if m.group(0) == "told" and re.search(r"\b[Aa]ll\s+$", before):
            continue  # "All told, ..." is an idiom, not a speaker
        word = m.group(0)
        if word in _GUARDED:
            prev = re.search(r"(\w+)\s*$", before)
            passive = (bool(prev) and prev.group(1).lower() in _PASSIVE) or bool(
                re.match(r"\s+by\s+", s[m.end() :])
            )
            if word == "confident":
                cop = re.search(r"\b(?:is|was|are|were|remains|remained)\s+(?:\w+\s+)?$", before)
                if not cop or not re.match(r"\s+(?:that|it|they)\b", s[m.end() :]):
                    continue
                left = _subject_left(s, m.start() - len(before) + cop.start())
                a = _make(m.start(), s[left[0] : left[1]], left[0], "verb") if left else None
                if a:
                    out.append(a)
                continue
            if word in {"found", "finds"}:
                left = None if passive else _subject_left(s, m.start())
                if left is None or not _FINDERS.search(s[left[0] : left[1]]):
                    continue
            elif passive or not _FIGURE_OBJECT.match(s, m.end()):
                continue  # "released 12 hostages", "gave birth": not a claim
        if m.group(0) in {"add", "adds", "added"} and re.match(
            r"\s+to\s+(?!reporters|journalists)", s[m.end() :]
        ):
            continue  # "the new displacement adds to the crisis": a sum, not a speaker
        prev = re.search(r"(\w+)\s*$", before)
        prev_word = prev.group(1).lower() if prev else ""
        by = re.match(r"\s+by\s+", s[m.end() :])
        if by is None and prev_word in _PASSIVE:  # "is estimated at up to $160 billion by X"
            by = re.match(r"\s+at\s+[^,;]{1,40}?\s+by\s+(?=[A-Z]|the\s)", s[m.end() :])
        if prev_word in _PASSIVE or (by and m.group(0).endswith("ed")):
            # "was disclosed by X", "as reported by X"
            if by:
                span = _subject_right(s, m.end() + by.end() - 1)
                if span:
                    a = _make(m.start(), s[span[0] : span[1]], span[0], "passive")
                    if a:
                        out.append(a)
            continue
        if re.search(r"[,\"”]\s*$", before) and m.group(0) in {
            "said",
            "says",
            "told",
            "added",
            "wrote",
            "stated",
        }:
            span = _subject_right(s, m.end())
            aside = _subject_before_aside(s, m.start())
            if span and aside and not s[: aside[0]].strip(" \"“'‘"):
                span = None  # "Jo Arroyo, a union official, said Bway Corp. ...": Arroyo speaks
            if span and m.group(0) == "told":
                span = None  # "X, the agency's deputy, told reporters": the hearer follows
            if span and re.search(r"\d", s[span[0] : span[1]]):
                span = None  # "..., said Russia lost 1,500 tanks": a clause, not a speaker
            a = _make(m.start(), s[span[0] : span[1]], span[0], "inverted") if span else None
            if a:
                out.append(a)
                continue
        left = _subject_left(s, m.start())
        if (
            left
            and m.group(0) in {"recorded", "documented"}
            and not _records_keeper(s[left[0] : left[1]])
        ):
            continue  # "Selangor recorded 40,849 cases": where they were, not who counted
        if (
            left
            and m.group(0) in _BASE_FORMS
            and not _plural_subject(s[left[0] : left[1]])
            and not (m.group(0) == "forecast" and _FORECAST_PAST.match(s, m.end()))
        ):
            continue  # "The new U.S. estimate of 10,000": a noun, not "officials estimate"
        if left and m.group(0).endswith("ing"):
            cut = _MAIN_VERB.search(s, left[0], left[1])
            if cut:
                left = (left[0], cut.start(), left[2])
        if left and not left[2]:
            # "Clark County, Washington, has reported": a place and its state or country
            place = _PLACE_BEFORE.search(s, 0, left[0])
            if place and re.fullmatch(
                r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?", s[left[0] : left[1]]
            ):
                left = (place.start(1), left[1], False)
        if left and not _make(m.start(), s[left[0] : left[1]], left[0], "verb"):
            left = _subject_before_aside(s, m.start()) or left
        elif left and _ASIDE_PHRASE.match(s, left[0]) and s[: left[0]].rstrip().endswith(","):
            # "The coastguard, in a statement issued on Sunday, said": the aside's owner
            left = _subject_before_aside(s, m.start()) or left
        elif not left:
            left = _subject_before_aside(s, m.start())
        if left:
            a = _make(m.start(), s[left[0] : left[1]], left[0], "relative" if left[2] else "verb")
            if a and left[2]:
                comma = s.find(",", m.end())
                a = replace(a, scope_end=comma if comma >= 0 else None)
            if a:
                out.append(a)
    out.sort(key=lambda a: a.pos)
    return out


def headline_attribution(s: str) -> Attribution | None:
    """ "North Korea has sent 3,000 troops – Reuters", "...: report" (a line without a full stop)."""
    if s.rstrip().endswith((".", "!", "?", '"', "”")):
        return None
    lead = _HEADLINE_LEAD.match(s)
    if lead and lead.group(1).split()[-1].lower() in SOURCE_NOUNS | _ORG_WORDS:
        return Attribution(0, lead.group(1), 0, lead.end(1), "headline")
    m = _HEADLINE_TAIL.search(s)
    if not m:
        # "... since Oct. 7 - health ministry", but not "... - and more"
        m = re.search(r"\s[–—-]\s*([a-z][\w.&'’ ]{1,40}?)\s*$", s)
        if not m or m.group(1).split()[-1].lower() not in SOURCE_NOUNS:
            return None
    g = 1 if m.group(1) else 2
    text = m.group(g)
    if len(text.split()) > 4:
        return None
    low = text.lower()
    if g == 2 and not (
        text[0].isupper() or low.rstrip("s") in {"report", "source", "official", "media"}
    ):
        return None
    return Attribution(m.start(), text, m.start(g), m.start(g) + len(text), "headline")


def source_line(s: str) -> Attribution | None:
    """ "Source: Reuters": the outlet a whole article relays."""
    m = _SOURCE_LINE.match(s)
    if not m:
        return None
    text = m.group(1)
    if text.lower() in {"link", "links", "here"} or len(text.split()) > 6:
        return None
    return Attribution(m.start(1), text, m.start(1), m.end(1), "source")


_ANAPHOR = re.compile(
    r"^(?:This|These|The|That)\s+(?:(?:new|latest|revised|death)\s+)?(?:information|figures?|data|"
    r"numbers?|estimates?|assessment|report|toll|tally|count|cuts|casualties)\b"
    r"|\b(?:reported|disclosed|confirmed|announced|shared|published|revealed)\s+"
    r"(?:the|this|these)\s+(?:information|figures?|data|numbers?|report|estimates?)\b"
)


def refers_back(s: str) -> bool:
    """ "This information was disclosed by ...", "Bloomberg reported the information." """
    return _ANAPHOR.search(s) is not None
