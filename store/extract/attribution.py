"""Who says so: attributions inside a sentence ("according to X", "X said", "..., X said",
"X, who estimated that", "was disclosed by X", headline tails such as "– Reuters").

Everything here works on one sentence's text; offsets are relative to it. Choosing
which attribution governs a given figure, and carrying speakers across sentences,
is done by ``store.extract.figures``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from store.extract.actors import find_mentions


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


_SPEECH_VERBS = (
    "said says say saying told tells telling reported reports reporting stated states "
    "estimated estimates estimating claimed claims claiming warned warns warning confirmed suggest "
    "confirms announced announces added adds noted notes revealed reveals stressed stresses "
    "indicated indicates believes believed boasted boasts disclosed discloses acknowledged "
    "acknowledges admitted admits insisted insists wrote writes tweeted posted testified alleged "
    "alleges suggested suggests explained explains argued argues assessed assesses concluded "
    "predicted predicts projected projects calculated recorded documented asserted asserts "
    "declared declares elaborated remarked emphasized emphasised emphasizes emphasises "
    "estimate claim believe report announce confirm puts put affirmed affirms reiterated "
    "reiterates assured assures maintained maintains specified clarified detailed outlined recalled observed "
    "mentioned commented cautioned warned showed shows show counted counts tallied "
    "expected expect expects forecast forecasts forecasted"
).split()
# "put" is a claim only as in "Seoul puts the figure at 1,000", "the ministry put
# participation at 31%": an object of up to six words, then "at" and a number.
_AMOUNT_AHEAD = (
    r"(?:(?:about|around|roughly|some|nearly|almost|just|only|more\s+than|over|under|up\s+to|"
    r"at\s+least|an\s+estimated|between)\s+)*(?:[$€£¥]?\d|(?:one|two|three|four|five|six|seven|"
    r"eight|nine|ten|a|half\s+a)\s+(?:hundred|thousand|million|billion)\b)"
)
_PUT_OBJECT = re.compile(
    r"\s+(?:the\s+(?:\w+\s+)?(?:figure|number|toll|tally|estimate|total|count)\s+at\b"
    r"|(?:[\w'’-]+\s+){1,6}?at\s+" + _AMOUNT_AHEAD + r")"
)
# "counted" says who counted only right before the count: "Police counted 12,000"
# (not "with 90% of votes counted").
_COUNT_OBJECT = re.compile(r"\s+" + _AMOUNT_AHEAD)
_SPEECH_SET = frozenset(_SPEECH_VERBS)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


# Speech verbs a Title Case headline capitalises ("Ukraine Says Russia To Deploy ..."):
# only those that are not also nouns heading a headline ("Reports", "Estimates").
_HEADLINE_VERBS = frozenset(
    """says said warns warned claims claimed tells told confirms confirmed admits admitted
    insists insisted reveals revealed announces announced""".split()
)
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


# Words that end a subject when walking left from a verb.
_BOUNDARY_WORDS = frozenset(
    """that and but after before when while as because since although though if following
    amid despite with whereas where so than then or nor yet once until unless whether
    while""".split()
)
# Words between a subject and its verb: auxiliaries and adverbs.
_AUX = frozenset(
    """has have had also previously later earlier further recently reportedly publicly
    officially already separately then again now first has had would will could may might
    can just repeatedly on had initially subsequently today yesterday last week""".split()
)
_ASIDE_ADVERBS = ("however", "meanwhile", "though", "too", "instead", "nonetheless", "meanwhile")
_SCALE_WORDS = frozenset("hundred thousand million billion trillion bn mn tn".split())
_PASSIVE = frozenset("was were is are been being be".split())
_PRONOUNS = frozenset("he she they it we i".split())
SOURCE_NOUNS = frozenset(
    """officials official sources source report reports media lawmakers intelligence ministry
    military police authorities analysts analyst experts expert government agency spokesperson
    spokesman spokeswoman diplomats diplomat residents witnesses data statistics figures survey
    study estimates assessment assessments observers monitors command commanders commander
    army navy office outlet outlets newspaper agencies services service investigators doctors
    hospital hospitals group groups organization organisation administration statement
    release announcement bulletin update""".split()
)
# Words that make a capitalised phrase an organisation rather than a person.
_ORG_WORDS = frozenset(
    """service ministry agency institute office council committee department forces army
    command intelligence post times news group party government administration commission
    bureau staff guard navy corps police university centre center court parliament
    assembly union organisation organization fund bank network media reuters""".split()
)
_PREPOSITIONS = frozenset("on in at during by after since from before of for to".split())
TITLE_WORDS = frozenset(
    """president prime minister secretary general chancellor chief head director spokesperson
    spokesman spokeswoman ambassador major lieutenant colonel captain sergeant admiral
    commander deputy foreign defense defence state senator governor mayor representative rep
    sen gov gen lt col maj capt adm dr mr mrs ms prof professor king queen prince pope leader
    speaker envoy adviser advisor officer official analyst researcher expert ministry army
    military intelligence vice former acting interim top senior press secretary-general
    chairman chairwoman chair ceo founder executive manager boss commissioner councillor
    councilor inspector superintendent coroner economist strategist lawyer attorney
    prosecutor organiser organizer coordinator premier of the and for to""".split()
)
_DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_ACCORDING_END = re.compile(
    r"\s*(?:[,;:!?\"“”]|\.(?=[\"”’)]*\s*$)|\s(?:that|which|who|whose|on|during|last|earlier|this)\s|$)"
)
_SOURCE_PREFIX = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:new\s+|recent\s+|latest\s+)?"
    r"(?:reports?|assessments?|estimates?|data|figures|analys[ie]s|statements?|study|survey)"
    r"\s+(?:by|from|of)\s+",
    re.I,
)
# "Gaza Health Ministry: 22,722 Palestinians killed": a source leading a headline.
_HEADLINE_LEAD = re.compile(r"^([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,5})\s*:\s+\S")
_HEADLINE_TAIL = re.compile(
    r"\s[–—-]\s*([A-Z][\w.&'’ ]{1,40}?)\s*$|:\s*([A-Za-z][\w.&'’ ]{1,30}?)\s*$"
)
_SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Via)\s*:\s*(.{2,80}?)\s*\.?$")
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+(?:[.,]\d+)*")


def _strip_determiner(text: str, start: int) -> tuple[str, int]:
    for d in _DETERMINERS:
        if text.startswith(d) and len(text) > len(d):
            return text[len(d) :], start + len(d)
    return text, start


def _plausible_subject(text: str) -> bool:
    """A claimant looks like a name, an organisation or a source noun."""
    words = _WORD.findall(text)
    if not words or len(words) > 12:  # "S/Sgt. Ana de Leon of the Regional Incident Command"
        return False
    if any(
        w.lower() in _PASSIVE or w.lower() in {"has", "have", "had", "will", "would"} for w in words
    ):
        return False
    if words[-1].lower() in {"of", "the", "a", "an", "to", "by", "for", "in", "on"}:
        return False
    if any(w[0].isupper() for w in words):
        return True
    lower = {w.lower().strip(".") for w in words}
    if lower & (SOURCE_NOUNS | _PRONOUNS):
        return True
    if len(words) <= 3 and words[-1].lower() in _BARE_SPEAKERS:
        return True  # "management said", "hospital management said"
    # "organisers said", "local residents told": a plural noun speaking
    last = words[-1].lower()
    return len(words) <= 4 and last.endswith("s") and not last.endswith(("ss", "us", "is"))


_NOT_SPEAKERS = frozenset(
    """number figure figures total share rate percentage amount value price cost level
    toll count majority rest remainder average increase rise fall drop decline growth
    year month week day time""".split()
)


_SPEAKER_HEADS = frozenset(
    """company companies firm firms union unions council board authority authorities
    regulator hospital school university airline carrier operator club league court
    ministry department government police army navy coalition party campaign charity
    group bank insurer retailer broker watchdog prosecutor prosecutors family families
    team spokesperson spokesman spokeswoman mayor governor minister president chairman
    chairwoman boss chief executive ceo coroner judge sheriff pentagon tank think-tank
    thinktank institute filing filings document documents records poll polls census
    prefecture headquarters utility utilities airport railway port museum zoo agency
    broadcaster network provider coastguard""".split()
)


# Nouns that speak without a determiner: "management said", "prosecutors said".
_BARE_SPEAKERS = frozenset("management staff organisers organizers prosecutors".split())


def _role_or_body(text: str) -> bool:
    """ "the mayor", "the company", "a spokesperson for the hospital", "the nurses' union":
    a short determined noun phrase that speaks (its head is not a quantity word)."""
    words = _WORD.findall(text)
    if not 1 <= len(words) <= 5 or any(not w[0].isalpha() for w in words):
        return False
    head = words[0] if len(words) > 2 and words[1].lower() in {"for", "of", "at"} else words[-1]
    low = head.lower().strip("'’.")
    speaks = (
        low in _SPEAKER_HEADS
        or low in TITLE_WORDS
        or low in _ORG_WORDS
        or low in SOURCE_NOUNS
        or low.rstrip("s").endswith(("er", "or", "ist", "ant", "ent", "ian", "ive"))
    )
    return (
        speaks
        and len(low) > 2
        and low not in _NOT_SPEAKERS
        and low not in _PREPOSITIONS
        and low not in _BOUNDARY_WORDS
        and low not in _PRONOUNS
        and not any(
            w.lower() in _PASSIVE or w.lower() in {"has", "have", "had", "will", "would"}
            for w in words
        )
    )


def reduce_name(text: str) -> tuple[int, int]:
    """Span of the person's name inside a titled phrase.

    "NATO Secretary General Mark Rutte" -> "Mark Rutte"; "ministry spokesman Jeon Ha-kyou"
    -> "Jeon Ha-kyou". Phrases that are not "titles + name" are kept whole.
    """
    words = list(_WORD.finditer(text))
    if len(words) < 2:
        return 0, len(text)
    mentions = find_mentions(text)
    in_mention = lambda w: any(m.start <= w.start() < m.end for m in mentions)  # noqa: E731
    i = len(words)
    while i > 0:
        w = words[i - 1]
        tok = w.group(0)
        if not tok[0].isupper() or tok.lower().rstrip(".") in TITLE_WORDS or in_mention(w):
            break
        if tok.isupper() and len(tok) > 1:  # NATO, NIS: an organisation, not a name
            break
        if tok.endswith(("'s", "’s")):
            break
        i -= 1
    if i == len(words) or i == 0 or len(words) - i > 4:
        return 0, len(text)
    if any(w.group(0).lower() in _ORG_WORDS for w in words[i:]):
        return 0, len(text)
    if len(words) - i == 1 and any(w.group(0).lower() in _ORG_WORDS for w in words[:i]):
        return 0, len(text)  # "Institute for the Study of War" is not a man called War
    # What comes before the name must end in a title ("... communications director John
    # Kirby") or read as one throughout ("NATO Secretary General Mark Rutte").
    if words[i - 1].group(0).lower().rstrip(".") not in TITLE_WORDS:
        for w in words[:i]:
            tok = w.group(0)
            if not (tok[0].isupper() or tok.lower().rstrip(".") in TITLE_WORDS):
                return 0, len(text)
    return words[i].start(), words[-1].end()


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
    bare, bare_start = _strip_determiner(raw, start)
    # a determiner, or the inverted order that headlines write without one (", says
    # health secretary"), marks a role or body that speaks
    determined = bare != raw or kind == "inverted"
    raw, start = bare, bare_start
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


def _subject_left(s: str, verb_start: int) -> tuple[int, int, bool] | None:
    """Span of the subject written just before a verb, walking left to a boundary."""
    words = [m for m in _WORD.finditer(s, 0, verb_start)]
    # Drop auxiliaries and adverbs next to the verb ("Police, however, put ...").
    while words and (
        words[-1].group(0).lower() in _AUX
        or (
            words[-1].group(0).lower() in _ASIDE_ADVERBS
            and re.search(r",\s*$", s[max(0, words[-1].start() - 4) : words[-1].start()])
        )
    ):
        words.pop()
    if not words:
        return None
    end = words[-1].end()
    gap = s[end:verb_start]
    if re.search(r"[,;:\"“”]", gap) and not re.fullmatch(
        r"\s*,\s*(?:\w+\s+)*|\s*,\s*(?:" + "|".join(_ASIDE_ADVERBS) + r")\s*,\s*", gap, re.I
    ):
        return None
    begin = None
    for w in reversed(words):
        between = s[w.end() : begin if begin is not None else end]
        if begin is not None and re.search(r"[,;:()\"“”\[\]—–]|\s-\s", between):
            break
        tok = w.group(0)
        prev_tok = s[: w.start()].rstrip().rsplit(" ", 1)[-1].lower()
        if tok[0].isdigit() or tok.lower() in _SCALE_WORDS:
            break  # "the $9.2 billion analysts had expected": a figure ends the subject
        if tok.lower() == "with" and prev_tok == "familiar":
            continue  # "officials familiar with the matter said"
        if tok.lower() == "that" and begin is not None and _RELATIVE_VERB.match(s, w.end()):
            # "a Telegram channel that provides intelligence claimed": the clause
            # describes the subject; the subject is what comes before it
            end = w.start()
            while end > 0 and s[end - 1].isspace():
                end -= 1
            begin = None
            continue
        if tok.lower() == "and" and begin is not None and s[begin : begin + 1].isupper():
            before_and = re.search(r"(\S+)\s+$", s[max(0, w.start() - 80) : w.start()])
            if before_and and before_and.group(1)[:1].isupper():
                continue  # "the Reduction and Management Council", "Kyiv and South Korean intelligence"
        if tok.lower() in _BOUNDARY_WORDS or tok.lower() in {"who", "which"}:
            if tok.lower() in {"who", "which"} and begin is None:
                span = _relative_antecedent(s, w.start())
                return (span[0], span[1], True) if span else None
            break
        begin = w.start()
    if begin is None:
        return None
    return (*_prefer_named(s, begin, end), False)


def _looks_like_person(phrase: str) -> bool:
    words = _WORD.findall(phrase)
    return (
        2 <= len(words) <= 4
        and all(w[0].isupper() and not w.endswith(("'s", "’s")) for w in words)
        and not any(w.lower() in _ORG_WORDS or w.lower() in TITLE_WORDS for w in words)
        and not find_mentions(phrase)
    )


def _prefer_named(s: str, begin: int, end: int) -> tuple[int, int]:
    """ "Kyrylo Budanov, head of Ukraine's intelligence, said": the name, not the title."""
    seg = s[begin:end]
    first = seg.split()[0].lower().rstrip(".") if seg.split() else ""
    if first in {"including", "among", "such"}:
        # "Ukrainian sources, including the outlet X, reported": the sources speak
        head = s[:begin].rstrip().rstrip(",")
        cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("("))
        p = cut + 1
        while p < len(head) and head[p].isspace():
            p += 1
        return (p, len(head)) if p < len(head) else (begin, end)
    if first not in TITLE_WORDS and not seg[:1].islower():
        return begin, end
    head = s[:begin].rstrip()
    if not head.endswith(","):
        return begin, end
    head = head[:-1]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("("))
    # "NEW YORK, Oct 23 - Dow Chemical Co, the largest ...": a dateline ends at its dash
    dash = max(head.rfind(" - "), head.rfind(" – "), head.rfind(" — "))
    if dash > cut:
        cut = dash + 2
    p = cut + 1
    while p < len(head) and head[p].isspace():
        p += 1
    lead = re.match(r"(\w+)\s", head[p:])
    if lead and lead.group(1).lower() in _PREPOSITIONS:
        return begin, end  # "In Boston, the mayor's office said": a place, not a name
    if _looks_like_person(head[p:]) or _looks_like_org(head[p:]):
        return p, len(head)
    # "..., while the SNUipp, the largest primary union, announced": the name after a
    # conjunction and its article
    joined = re.match(
        r"(?:(?:" + "|".join(sorted(_BOUNDARY_WORDS)) + r")\s+)?(?:the\s+)?([A-Z][\w&'’.-]+)$",
        head[p:],
    )
    if joined and joined.start(1) > 0 and not find_mentions(joined.group(1)):
        return p + joined.start(1), len(head)
    return begin, end


def _looks_like_org(phrase: str) -> bool:
    """ "The Institute for the Study of War": a capitalised name with its small words."""
    words = phrase.split()
    small = {"of", "the", "for", "and", "on", "de", "in"}
    return (
        1 <= len(words) <= 8
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.lower() in small for w in words)
        and sum(w[:1].isupper() for w in words) >= 2
    )


# "Park cited Cho as saying that ...": Cho speaks.
_CITED_AS = re.compile(r"\b(?:cited|quoted|quoting|citing)\s+(.{2,60}?)\s+as\s+say(?:ing|s)?\b")
# "The agency released a statement on Friday saying ...": the subject ends at its verb.
_MAIN_VERB = re.compile(
    r"\s(?:[a-z]{3,}ed|said|told|issued|made|gave|put|sent|wrote|held|has|had)\s"
)
# Speech verbs whose bare form is also a noun: a verb only after a plural subject.
_BASE_FORMS = frozenset(
    "say estimate claim believe report announce confirm suggest show expect forecast".split()
)


def _records_keeper(text: str) -> bool:
    """A subject that keeps records (a body, a source, a title, an acronym), not a place."""
    words = _WORD.findall(text)
    return any(
        w.lower() in SOURCE_NOUNS
        or w.lower() in _ORG_WORDS
        or w.lower() in _SPEAKER_HEADS
        or w.lower() in TITLE_WORDS - {"of", "the", "and", "for", "to", "state"}
        or (w.isupper() and len(w) > 1)
        or w.lower() in _PRONOUNS
        for w in words
    )


def _plural_subject(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    last = words[-1].lower()
    # "Officials in Snohomish County say": the head noun before its prepositional phrase
    head = re.split(r"\s+(?:in|of|at|from|for|on|with)\s+", text, maxsplit=1)[0].split()
    if len(head) < len(words) and head:
        h = head[-1].lower()
        if h.endswith("s") and not h.endswith(("ss", "us", "is", "'s", "’s")):
            return True
    return (
        last in {"we", "they", "i", "you"}
        or " and " in f" {text.lower()} "
        or (last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")))
        or last in {"people", "police", "media", "staff", "personnel", "intelligence", "data"}
        # "Figures from the Electoral Commission (EC) show"
        or re.match(
            r"(?:figures|data|reports|estimates|statistics|results|numbers|records)\b", text, re.I
        )
        is not None
    )


_RELATIVE_VERB = re.compile(
    r"\s+(?:is|was|are|were|has|had|have|will|would|can|could|[a-z]+s|[a-z]+ed)\b"
)


def _subject_before_aside(s: str, verb_start: int) -> tuple[int, int, bool] | None:
    """ "Lee Sung-kwon, speaking to reporters after a briefing, said": the name before an
    aside set off by commas."""
    head = s[:verb_start].rstrip()
    if not head.endswith(","):
        return None
    chunks = list(re.finditer(r"[^,;:]+", head[:-1]))
    for c in reversed(chunks[:-1][-2:]):
        text = c.group(0).strip()
        a = c.start() + (len(c.group(0)) - len(c.group(0).lstrip()))
        if _looks_like_person(text) or _looks_like_org(text):
            return a, a + len(text), False
        # "The company, which employs 3,400 people, said": a determined role or body
        # opening its clause
        bare, _ = _strip_determiner(text, a)
        if (
            bare != text
            and (c.start() == 0 or re.search(r"[;:]\s*$|^\s*$", s[: c.start()]))
            and _role_or_body(bare)
        ):
            return a, a + len(text), False
    return None


def _relative_antecedent(s: str, who_start: int) -> tuple[int, int] | None:
    """ "Dmytro Ponomarenko, who estimated": the comma-bounded phrase before "who"."""
    head = s[:who_start].rstrip()
    if not head.endswith(","):
        return None
    head = head[:-1]
    cut = max(head.rfind(","), head.rfind("("), head.rfind(";"), head.rfind(":"))
    begin = cut + 1
    while begin < len(head) and head[begin].isspace():
        begin += 1
    # "... voiced earlier by Ukraine's ambassador": keep what follows the last "by".
    by = re.search(r".*\bby\s+", head[begin:])
    if by:
        begin += by.end()
    # "The report cited Anna Kim, who": the name that ends the phrase
    name = re.search(r"(?:[A-Z][\w'’\-]*\s+){0,3}[A-Z][\w'’\-]*$", head[begin:])
    if name and name.start() > 0 and re.search(r"\b[a-z]+\s+$", head[begin : begin + name.start()]):
        lead = head[begin : begin + name.start()].split()[-1]
        if lead.lower() not in TITLE_WORDS:
            begin += name.start()
    return (begin, len(head)) if begin < len(head) else None


def _subject_right(s: str, verb_end: int) -> tuple[int, int] | None:
    """ "..., said ministry spokesman Jeon Ha-kyou during a news conference"."""
    m = re.match(
        r"\s+((?:[\w'’.\-]+\s+){0,6}?[\w'’.\-]+?(?:\s*\([^()]{1,20}\))?)(?=\s+(?:during|on|in|at|to|from|"
        r"after|before|while|when|as|last|this|earlier|according|,)\b|\s*[,.;:!?\"”]|\s*$)",
        s[verb_end:],
    )
    if not m:
        return None
    return verb_end + m.start(1), verb_end + m.end(1)


def find_attributions(s: str) -> list[Attribution]:
    """Attributions in one sentence, in order of position."""
    out: list[Attribution] = []
    verbs = _speech_verbs(s)
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
        if m.group(0) in {"put", "puts"} and not _PUT_OBJECT.match(s, m.end()):
            continue
        if m.group(0) == "posted" and not re.match(
            r"\s*(?:on\b|online\b|that\b|:|[\"“])", s[m.end() :]
        ):
            continue  # "posted a profit": a result, not a post
        if m.group(0) in {"counted", "counts", "tallied"} and not _COUNT_OBJECT.match(s, m.end()):
            continue
        if m.group(0) == "told" and re.search(r"\b[Aa]ll\s+$", before):
            continue  # "All told, ..." is an idiom, not a speaker
        prev = re.search(r"(\w+)\s*$", before)
        prev_word = prev.group(1).lower() if prev else ""
        by = re.match(r"\s+by\s+", s[m.end() :])
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
        if left and m.group(0) in _BASE_FORMS and not _plural_subject(s[left[0] : left[1]]):
            continue  # "The new U.S. estimate of 10,000": a noun, not "officials estimate"
        if left and m.group(0).endswith("ing"):
            cut = _MAIN_VERB.search(s, left[0], left[1])
            if cut:
                left = (left[0], cut.start(), left[2])
        if left and not _make(m.start(), s[left[0] : left[1]], left[0], "verb"):
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
    r"^(?:This|These|The|That)\s+(?:information|figures?|data|numbers?|estimates?|assessment|report)\b"
    r"|\b(?:reported|disclosed|confirmed|announced|shared|published|revealed)\s+"
    r"(?:the|this|these)\s+(?:information|figures?|data|numbers?|report|estimates?)\b"
)


def refers_back(s: str) -> bool:
    """ "This information was disclosed by ...", "Bloomberg reported the information." """
    return _ANAPHOR.search(s) is not None
