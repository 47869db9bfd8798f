"""The noun a number measures when no noun follows it: one written before it ("forces
stood at an estimated 330,000", "the death toll rose to 1,200", "a force of 10,000",
"the injured are approaching 1,000"), or, for "the figure", "the crowd" and a bare count
("Police counted 12,000"), the count of the sentences before (:func:`context_unit`).

Used by ``store.extract.drafts``, ``elision`` and ``figures``; every function works on one
sentence's text.
"""

from __future__ import annotations

import re

from store.extract.unit_words import (
    CASUALTY_ADJECTIVES,
    CASUALTY_AFTER,
    COLLECTIVES,
    CROWD_WORDS,
    CURRENCY_WORDS,
    DETERMINERS,
    MEASURES,
    SAME_AS_BEFORE,
    SAME_AS_BEFORE_UNIT,
    is_plural,
)

# "Police counted 12,000": a bare number a counting verb governs counts what the story counts.
_COUNTED = re.compile(
    r"(?<!\ban\s)(?<!\bthe\s)(?<!\bis\s)(?<!\bwas\s)(?<!\bare\s)(?<!\bwere\s)"  # "an estimated 330,000"
    r"\b(?:counted|tallied|drew|draws|attracted|attracts|claimed|claims|claim|announced|"
    r"announces|estimated|estimates)\s+(?:(?:about|around|roughly|some|nearly|"
    r"almost|more\s+than|over|at\s+least|up\s+to|an\s+estimated|only|just|well\s+over)\s+)*$",
    re.I,
)
# ... when the count closes its clause: "Organisers claimed more than 500,000."
_CLAUSE_END = re.compile(
    r"\s*(?:[.,;:!?)\"”]|$|\s(?:nationwide|according|while|but|whereas)\b"
    r"|\s(?:in|across|at)\s+(?:the\s+)?[A-Z])"
)


def unit_before(
    s: str, num_start: int, title_case: bool, num_end: int | None = None
) -> tuple[str, int] | None:
    """ "forces stood at an estimated 330,000": the noun a bare number measures."""
    before = s[:num_start]
    counted = _COUNTED.search(before, max(0, num_start - 60))
    if (
        counted
        and (
            counted.group(0).lower().startswith(("counted", "tallied"))
            or (
                num_end is not None
                and _CLAUSE_END.match(s, num_end)
                # a crowd's size, not "claimed 3": hundreds and up
                and re.search(
                    r"\d{3}|\d,\d|hundred|thousand|million|billion", s[num_start:num_end], re.I
                )
            )
        )
    ):
        return SAME_AS_BEFORE_UNIT, counted.start()
    if not re.search(
        r"(?<!\bthe\s)(?<!\ba\s)\bnumbers?\s+(?:(?:about|around|some|nearly|almost|more\s+than|"
        r"over|at\s+least|roughly|an\s+estimated)\s+)*$|"
        r"\b(?:at|to|of|by|numbering|numbered|totall?ing|totall?ed|totals?|reach(?:ed|es)?|"
        r"hits?|tops?|topped|exceed(?:ed|s)?|surpass(?:ed|es)?|pass(?:ed|es)?|nears?|neared|nearing|averag(?:ing|ed|es|e\s+of)|"
        r"approach(?:ing|es|ed)?|towards?)\s+(?:an?\s+|some\s+|about\s+|around\s+|estimated\s+|"
        r"roughly\s+|nearly\s+|almost\s+|approximately\s+|over\s+|more than\s+|just\s+|only\s+|"
        r"barely\s+|at least\s+|up to\s+|as many as\s+|fewer than\s+|less than\s+|close to\s+)*$",
        before,
        re.I,
    ):
        copula = _COPULA.search(before)
        if copula is None:
            return None
        # "the death toll is 87", "confirmed cases are now 1,200": a copula measures a
        # toll, a total or a large count; a small number after one is often an age
        # ("the victims were 17 and 19")
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
        found = noun_before(before[cut + 1 : copula.start()] + " ", title_case)
        big = num_end is not None and re.search(
            r"\d{3}|\d,\d|hundred|thousand|million|billion", s[num_start:num_end], re.I
        )
        if found is None or not (big or found[0] in ("deaths", SAME_AS_BEFORE_UNIT)):
            return None
        return found[0], cut + 1 + found[1]
    if (
        num_end is not None
        and re.search(r"\ba\s+total\s+of\s+$", before, re.I)
        and CASUALTY_AFTER.match(s, num_end)
    ):
        return None  # "A total of 3,400 were evacuated": the verb after says what is counted
    clause_start = max(
        before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind(" that ")
    )
    found = noun_before(before[clause_start + 1 :], title_case)
    headline = not s.rstrip().endswith((".", "!", "?", '"', "”"))
    weak = found is None or found[0] in CASUALTY_ADJECTIVES
    if weak and clause_start >= 0 and headline:  # headlines use commas for "and"
        wider = noun_before(before, title_case)
        if wider is not None and (found is None or wider[0] not in CASUALTY_ADJECTIVES):
            found, clause_start = wider, -1
    if (
        found is None
        and clause_start > 0
        and re.fullmatch(
            r"\s*(?:numbering|totall?ing|some|about|around|estimated\s+at|\s)*",
            before[clause_start + 1 :],
        )
    ):
        # "The North Korean armed forces, numbering 1.2 million": the noun ends the
        # clause before the comma
        prev_clause = before[:clause_start]
        cut = max(prev_clause.rfind(","), prev_clause.rfind(";"), prev_clause.rfind(":"))
        found = noun_before(prev_clause[cut + 1 :], title_case)
        if found is not None:
            return found[0], cut + 1 + found[1]
    if found is None:
        return None
    return found[0], clause_start + 1 + found[1]


_COPULA = re.compile(
    r"\b(?:is|are|was|were|remains?|remained)(?:\s+(?:now|still|already|officially))?\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|approximately|over|more\s+than|at\s+least|"
    r"just|only|close\s+to)\s+)*$",
    re.I,
)
MEASURING_VERBS = frozenset(
    """stood stands stand rose rises risen rise climbed climbs fell falls fallen jumped jumps
    grew grows grown put puts amounts amounted came comes brought brings brings hovers
    hovered sits sat reached totals totalled totaled increased decreased dropped went
    goes""".split()
)


_PASSING_VERB = re.compile(
    r"pass(?:es|ed)?|tops?|topped|exceed(?:s|ed)?|surpass(?:es|ed)?|cross(?:es|ed)?|nears?|hits?|reach(?:es|ed)?"
)


_QUALIFYING_WORDS = frozenset(
    "about around some nearly almost roughly approximately estimated an over more than least "
    "just only".split()
)
_COUNTING_VERB = re.compile(r"total(?:s|l?ed|l?ing)?|number(?:s|ed|ing)?")


def is_measuring_verb(word: str) -> bool:
    return word in MEASURING_VERBS or (word.endswith("ed") and len(word) > 4)


def noun_before(segment: str, title_case: bool) -> tuple[str, int] | None:
    """The noun a few words before the measuring verb ("forces stood at")."""
    all_words = list(re.finditer(r"[^\W\d_][\w'’\-]*", segment))
    words = all_words[-7:]
    while words and words[-1].group(0).lower() in _QUALIFYING_WORDS:
        words = words[:-1]  # "number about", "stood at an estimated"
    # "stands at", "rose to": the word before a measuring preposition is its verb
    if words and words[-1].group(0).lower() in {"at", "to", "toward", "towards", "by"}:
        words = words[:-1]
        if words and is_measuring_verb(words[-1].group(0).lower()):
            words = words[:-1]
    elif words and _PASSING_VERB.fullmatch(words[-1].group(0).lower()):
        words = words[:-1]  # "toll passes 19,000", "cases top 1,000": the verb, not a noun
    elif (
        len(words) > 1
        and _COUNTING_VERB.fullmatch(words[-1].group(0).lower())
        and words[-2].group(0).lower() not in DETERMINERS | {"a", "an"}
    ):
        words = words[:-1]  # "voters total 4.1 million", "refugees now number 950,000"
    fallback = None
    toll = next((w for w in reversed(all_words) if w.group(0).lower() == "toll"), None)
    if toll is not None and not any(
        w.group(0).lower() in CASUALTY_ADJECTIVES for w in all_words if w.start() > toll.start()
    ):
        return "deaths", toll.start()  # "the death toll from the floods has climbed to 23"
    for w in reversed(words):
        tok = w.group(0)
        low = tok.lower()
        if low == "toll":
            return "deaths", w.start()
        if low in SAME_AS_BEFORE:
            return SAME_AS_BEFORE_UNIT, w.start()
        if low in CROWD_WORDS:
            return "people", w.start()
        if re.match(r"\s+(?:the|a|an|its|their|his|her)\b", segment[w.end() :]):
            continue  # "puts the figure": a verb with its object, not a noun
        if low in CASUALTY_ADJECTIVES:
            # "the injured are approaching 1,000": a noun; "troops killed, wounded ...
            # top 1,000": the noun is further back
            if re.search(r"\b(?:the|of)\s+$", segment[: w.start()]):
                return low, w.start()
            fallback = fallback or (low, w.start())
            continue
        if low in COLLECTIVES and re.match(
            r"\s+(?:of|at|numbering|totall?ing)\b", segment[w.end() :]
        ):
            return low, w.start()  # "a force of 10,000", "a contingent numbering 3,000"
        if is_plural(tok, title_case) and (
            tok[0].islower() or title_case or not segment[: w.start()].strip(" \"'“‘")
        ):  # "Deaths from dengue have passed 300": a capital that opens the clause
            return low, w.start()
    if fallback is None and toll is not None:  # "The death toll from the quake ... rose to 144"
        return "deaths", toll.start()
    return fallback


def context_unit(earlier, order: dict[int, int], k: int) -> str:
    """What "the figure", "the crowd" or a bare count ("Police counted 12,000") counts when
    its sentence does not say: the noun of the nearest count in the two sentences before
    (a count, not a percent, a sum of money or a measure), else the people of the story."""
    for d in reversed(earlier):
        if k - order[d.sent.start] > 2:
            break
        u = d.unit
        if (
            u != SAME_AS_BEFORE_UNIT
            and u != "percent"
            and u not in CURRENCY_WORDS
            and u not in MEASURES
            and not d.number.currency
        ):
            return u
    return "people"
