"""The speaker's words around a speech verb: where a subject starts and ends, and
whether it reads as someone who can speak.

Walking left from a verb to the subject (:func:`_subject_left`: auxiliaries skipped, a
relative clause's antecedent, a name before an aside, a title before a name), right
from an inverted or passive verb (:func:`_subject_right`), and the tests a phrase must
pass to be a claimant: a name, an organisation, a source noun, a determined role or body
("the mayor", "the company"), a plural that speaks. :func:`reduce_name` keeps the
person's name of a titled phrase. Used by ``store.extract.attribution``; every function
works on one sentence's text.
"""

from __future__ import annotations

import re

from store.extract.actors import find_mentions
from store.extract.attribution_words import (
    _ASIDE_ADVERBS,
    _AUX,
    _BARE_SPEAKERS,
    _BOUNDARY_WORDS,
    _NOT_SPEAKERS,
    _ORG_WORDS,
    _PASSIVE,
    _PREPOSITIONS,
    _PRONOUNS,
    _SCALE_WORDS,
    _SPEAKER_HEADS,
    SOURCE_NOUNS,
    TITLE_WORDS,
)

_DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ")
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


_HEAD_PREPOSITIONS = frozenset("for of at in from on with".split())


def _role_or_body(text: str) -> bool:
    """ "the mayor", "the company", "a spokesperson for the hospital", "the nurses' union":
    a short determined noun phrase that speaks (its head is not a quantity word)."""
    words = _WORD.findall(text)
    if not 1 <= len(words) <= 5 or any(not w[0].isalpha() for w in words):
        return False
    # the head noun stands before a prepositional tail: "a spokesperson for the hospital",
    # "the agency's team in the field"
    prep = next((i for i, w in enumerate(words) if i and w.lower() in _HEAD_PREPOSITIONS), None)
    head = words[prep - 1] if prep is not None and len(words) > 2 else words[-1]
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
    if words[i - 1].group(0).lower() in {"and", "of", "for", "the", "to", "on", "in", "de"}:
        return 0, len(text)  # "Centers for Disease Control and Prevention": a name of a body
    # What comes before the name must end in a title ("... communications director John
    # Kirby") or read as one throughout ("NATO Secretary General Mark Rutte").
    if words[i - 1].group(0).lower().rstrip(".") not in TITLE_WORDS:
        for w in words[:i]:
            tok = w.group(0)
            if not (tok[0].isupper() or tok.lower().rstrip(".") in TITLE_WORDS):
                return 0, len(text)
    return words[i].start(), words[-1].end()


# A figure right before a relative "that": "the 9.9 percent that ...", "the $2bn that ...".
_FIGURE_BEFORE = re.compile(r"\d[\d,.]*(?:\s*%|\s*[a-z]{1,3}\b)?(?:\s+[\w'’-]+){0,2}\s+$")


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
            if re.search(r"(?:^|,)\s*(?:which|who)\s[^,]*$", s[: w.start()]):
                return None  # "The union, which represents 45,000 nurses, said": an aside
            break  # "the $9.2 billion analysts had expected": a figure ends the subject
        if tok.lower() == "with" and prev_tok == "familiar":
            continue  # "officials familiar with the matter said"
        if tok.lower() == "that" and _FIGURE_BEFORE.search(s, max(0, w.start() - 40), w.start()):
            break  # "the 9.9 percent that economists had forecast": the figure is the object
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


_ROLE_TAILS = frozenset(
    """chief head spokesman spokeswoman spokesperson minister director secretary governor
    mayor president chairman chairwoman chairperson commander official officer envoy
    ambassador leader boss ceo""".split()
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
    last = seg.split()[-1].lower().rstrip(".,") if seg.split() else ""
    if first not in TITLE_WORDS and not seg[:1].islower() and last not in _ROLE_TAILS:
        return begin, end  # ("Mark Rutte, NATO chief, said": the name, not "NATO chief")
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
    # "Officials in Snohomish County say", "analysts polled by Bloomberg expect": the head
    # noun before its prepositional or participle phrase
    head = re.split(
        r"\s+(?:in|of|at|from|for|on|with|(?:polled|surveyed|questioned|asked)\s+by)\s+",
        text,
        maxsplit=1,
    )[0].split()
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
        # "Reuters, citing three people ..., reported", "Kenya, in a statement, said": one
        # name opening the sentence, an agency, an acronym or a country
        if (
            re.fullmatch(r"[A-Z][\w&'’.-]+", text)
            and re.fullmatch(r"\s*", s[: c.start()])
            and (text.lower() in _ORG_WORDS or text.isupper() or find_mentions(text))
        ):
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


_ANTECEDENT_LEAD = re.compile(
    r"(?:according\s+to|(?:said|says|told|added|reported|stated|wrote)(?:\s+on\s+\w+)?)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)


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
    # "..., according to the Red Cross, which warned", "..., said the agency, which
    # added": the source itself, not the words that introduce it.
    lead = _ANTECEDENT_LEAD.match(head, begin)
    if lead:
        begin = lead.end()
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
