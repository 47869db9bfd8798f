"""What a number counts: the noun after it ("3,000 North Korean troops", "three of its
generals"), the noun it measures before it ("forces stood at an estimated 330,000", "the
death toll rose to 1,200"), or the casualty word around a bare number ("killing at least
30", "another 1,000 had been injured").

Used by ``store.figures``; every function works on one sentence's text.
"""

from __future__ import annotations

import re

from store.extract.actors import names_a_party

DETERMINERS = frozenset("the their its these those both our his her my your each".split())

TOKEN = re.compile(
    r"\((?:[^()]{1,40})\)|[^\W\d_][\w'’\-]*(?:\.(?=\w))?[\w]*|\d[\d,.]*\d|\d|[^\w\s]"
)

TIME_UNITS = frozenset(
    """second seconds minute minutes hour hours day days night nights week weeks weekend
    weekends month months year years decade decades century centuries time times
    year-old years-old o'clock""".split()
)
IRREGULAR_PLURALS = frozenset(
    """people personnel staff police children men women infantry militia cavalry youth
    cattle livestock aircraft crew fish sheep deer clergy military injured wounded dead
    killed missing displaced homeless detained arrested evacuated hospitalized hospitalised
    unemployed elderly schoolchildren grandchildren alumni criteria phenomena mice geese
    teeth swine""".split()
)
CASUALTY_ADJECTIVES = frozenset(
    """injured wounded dead killed missing displaced homeless detained arrested evacuated
    hospitalized hospitalised unemployed""".split()
)
SINGULAR_HEADS = frozenset(
    """soldier troop person civilian child man woman officer fighter journalist worker
    resident patient death casualty refugee prisoner hostage drone missile tank aircraft
    ship vessel plane jet helicopter percent dollar euro pound general case infection
    station home house job vote voter student member employee village household family
    suspect victim""".split()
)
NOT_PLURAL = frozenset(
    """this was has is as its his hers ours yours theirs always perhaps thus plus whereas
    besides towards afterwards sometimes less unless across news series politics economics
    physics yes bus gas alias basis crisis analysis thesis chaos status campus census
    virus bonus focus means whereabouts headquarters overseas indoors outdoors upstairs
    downstairs nowadays sideways""".split()
)
# Singular nouns written with a final -s, mostly diseases: "23 measles cases" counts cases.
S_SINGULARS = frozenset("""measles mumps rabies diabetes herpes scabies rickets shingles""".split())
# Plural-form nouns that often modify the noun after them: "12 police stations", "300
# military vehicles", "200 human rights groups", "40 million sales transactions". The
# counted thing is the head, the last noun: a plural after one of these continues the run.
PLURAL_MODIFIERS = frozenset(
    """police military youth staff crew aircraft cattle livestock fish sheep women arms
    goods sales savings sports rights customs earnings""".split()
)
# Units of more than one word: "50 basis points", "12,000 square kilometres", "500
# megawatt hours". Written as one unit, lower case plural.
_COMPOUND_UNIT = re.compile(
    r"(?P<a>basis|percentage)[\s-]+(?P<b>points?)\b"
    r"|(?P<c>square|sq\.?|cubic)[\s-]+(?P<d>kilometres?|kilometers?|km|miles?|metres?|"
    r"meters?|m|feet|foot|ft|yards?|inch(?:es)?)(?!\w)"
    r"|(?P<e>kilowatt|megawatt|gigawatt|terawatt|watt)[\s-]+(?P<f>hours?)\b",
    re.I,
)
_PLURAL_OF = {
    "point": "points",
    "kilometre": "kilometres",
    "kilometer": "kilometers",
    "mile": "miles",
    "metre": "metres",
    "meter": "meters",
    "foot": "feet",
    "yard": "yards",
    "inch": "inches",
    "hour": "hours",
}


def compound_unit(s: str, pos: int) -> tuple[str, int] | None:
    """A unit of more than one word starting at ``pos``: ("basis points", end)."""
    m = _COMPOUND_UNIT.match(s, pos)
    if m is None:
        return None
    first, second = [g.lower() for g in m.groups() if g is not None]
    first = first.rstrip(".")
    return f"{first} {_PLURAL_OF.get(second, second)}", m.end()


STOP = frozenset(
    """a an the to of in on at for from with by as than that which who whom whose this
    these those is are was were be been being has have had will would could may might
    can should must do does did not no or but if so per into onto over under about
    against between through during before after since until while when where how what
    why all each every both either neither its their his her our your my it they we
    he she i you them us also already now then there here more most less least only
    just even still yet again out up down off away back""".split()
)
# Words that open a date after a number: "1.4 million last year", "300 next month".
DATE_WORDS = frozenset("last next past previous coming".split())
MODIFIERS = frozenset("more additional other new extra further fresh".split())
# Singular nouns that stand for a number of people: "a force of 10,000".
COLLECTIVES = frozenset(
    """force army contingent deployment battalion brigade division regiment unit group
    crowd delegation workforce garrison militia corps""".split()
)
# "puts the figure at 1,000": the number counts what the figure before it counted; a
# crowd's size, turnout and attendance count people ("put the crowd at 18,000").
SAME_AS_BEFORE = frozenset("figure number numbers total tally count estimate".split())
CROWD_WORDS = frozenset("crowd crowds turnout attendance participation".split())
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
SAME_AS_BEFORE_UNIT = "\0same"
ELIDED_UNIT = "\0elided"  # a bare number sharing the noun of the figure before it
# Measurement units written as abbreviations: "120 mph", "30 km".
MEASURES = frozenset(
    """mph kph km/h km kilometres kilometers miles mi kg kilograms tons tonnes lbs ft feet
    metres meters mw gw kw kwh mwh gwh mm cm millimetres millimeters centimetres
    centimeters inches""".split()
)
CURRENCY_WORDS = {
    w: w
    for w in """dollars euros pounds rubles roubles hryvnias hryvnia yuan yen won
    rupees francs shekels dinars riyals lira liras pesos pence cents""".split()
}

# "killed at least 30", "injuring 45": the verb says what a bare number counts.
CASUALTY_VERB = re.compile(
    r"\b(kill(?:ed|ing|s)?|injur(?:ed|ing|es)|wound(?:ed|ing|s)?|arrest(?:ed|ing|s)?|"
    r"evacuat(?:ed|ing|es)|rescu(?:ed|ing|es)|displac(?:ed|ing|es)|detain(?:ed|ing|s)?)"
    r"\s+(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|another|"
    r"an estimated|roughly|approximately)\s+)?$",
    re.I,
)
CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:more|others?|people|of\s+them)\s+)?(?:(?:have|had|has|were|was|are|is|reportedly|also|"
    r"already|now|been|being|could|would|may|might|will|eventually|later|soon|remain|remained|remains|still)\s+){0,3}(kill(?:ed)?|injur(?:ed)|wound(?:ed)|die(?:d)|dead|"
    r"evacuat(?:ed)|rescu(?:ed)|displac(?:ed)|detain(?:ed)|arrest(?:ed)|captur(?:ed)|missing|"
    r"affected|unaccounted\s+for|"
    # "60,000 took part", "some 5,000 marched": people doing what crowds do
    r"took\s+part|turned\s+out|march(?:ed)|rallied|protest(?:ed)|gathered|attended|joined|"
    r"demonstrated|walked\s+out|fall\s+ill|fell\s+ill|cast\s+(?:their\s+)?(?:ballots?|votes?)|voted)\b",
    re.I,
)
CASUALTY_UNIT = {
    "died": "dead",
    "dead": "dead",
    "capt": "captured",
    "miss": "missing",
    "unac": "missing",
    "affe": "affected",
    "kill": "killed",
    "inju": "injured",
    "woun": "wounded",
    "arre": "arrested",
    "evac": "evacuated",
    "resc": "rescued",
    "disp": "displaced",
    "deta": "detained",
    **dict.fromkeys(
        "took turn marc rall prot gath atte join demo walk fall fell".split(), "people"
    ),
    **dict.fromkeys("cast vote".split(), "voters"),
}


def _noun_like_plural(low: str) -> bool:
    """A plural that reads as a noun after another noun ("forces soldiers"), not a verb
    ("troops comes")."""
    return low in IRREGULAR_PLURALS or low.endswith(
        ("ers", "ors", "ists", "ians", "ants", "ents", "men", "ops", "ies", "ees", "ards")
    )


def is_plural(tok: str, title_case: bool) -> bool:
    low = tok.lower()
    if low in NOT_PLURAL or low in STOP or low in TIME_UNITS or low in S_SINGULARS:
        return False
    if low in IRREGULAR_PLURALS:
        return True
    if len(low) < 3 or not re.fullmatch(r"[^\W\d_][^\W\d_\-]*|[^\W\d_]+(?:-[^\W\d_]+)+", low):
        return False
    if low.endswith(("ss", "us", "is", "ous", "ics")):
        return False
    return low.endswith("s") or low.endswith("men")


_DOTTED = re.compile(r"[^\W\d_](?:\.[^\W\d_])+")


def _noun_follows(toks: list[re.Match[str]], j: int, title_case: bool) -> bool:
    """Whether a plural noun follows within the noun phrase, past a few modifiers."""
    for m in toks[j : j + 4]:
        tok = m.group(0)
        if not tok[0].isalpha() or tok.lower() in STOP:
            return False
        if is_plural(tok, title_case) and (tok[0].islower() or title_case or names_a_party(tok)):
            return True
    return False


def _acronym(tok: str, title_case: bool) -> bool:
    return not title_case and 2 <= len(tok) <= 4 and tok.isupper()


def _capitalised_head(tok: str, nxt: str) -> bool:
    """ "300 Britons", "12 Democrats and", "40 NGOs": a capitalised plural (people of a
    nation, party or group) with no noun after it is what is counted; "Hamas fighters",
    "Texas counties", "Wells Fargo jobs" are modifiers, and so are names ending like
    plurals ("Hamas", "Paris", "Texas")."""
    if len(tok) < 3 or tok.lower().endswith(("ss", "us", "is", "as")):
        return False
    return not (nxt[:1].isalpha() and (nxt[0].isupper() or is_plural(nxt, False)))


def tokens(s: str, pos: int, limit: int = 9) -> list[re.Match[str]]:
    out = []
    for m in TOKEN.finditer(s, pos):
        out.append(m)
        if len(out) >= limit:
            break
    return out


def head_ok(tok: str, title_case: bool, value: float, plural_demonym: bool) -> bool:
    if tok[0].isupper() and not title_case:
        return plural_demonym
    if is_plural(tok, title_case):
        return True
    return value == 1 and tok.lower() in SINGULAR_HEADS


def unit_after(s: str, pos: int, value: float, title_case: bool) -> tuple[str, int] | str | None:
    """(unit, end) of the noun a number counts, "time" for durations, or None."""
    toks = tokens(s, pos, 12)
    mods = 0
    i = 0
    after_of = False
    while i < len(toks) and mods <= 6:
        m = toks[i]
        tok = m.group(0)
        low = tok.lower()
        if tok.startswith("("):
            mods += 1
            i += 1
            continue
        if tok in {'"', "”", "’"} and i == 0:
            i += 1  # a quoted amount: the Pentagon said "several hundred" killed
            continue
        if tok[0].isdigit() and after_of and i + 1 < len(toks):
            # "150 of the village's 1,800 residents", "44 of West Virginia's 55
            # counties": the whole the part is taken from names the noun
            after_of = False
            mods += 1
            i += 1
            continue
        if (
            tok == "."
            and i > 0
            and _DOTTED.fullmatch(toks[i - 1].group(0))
            and (toks[i - 1].end() == m.start())
        ):
            i += 1  # "U.S. dollars", "14 U.N. peacekeepers": the acronym's last dot
            continue
        if not (tok[0].isalpha()):
            return None
        compound = compound_unit(s, m.start())
        if compound is not None:
            return compound
        if low in DATE_WORDS:
            return None  # "rose to 1.4 million last year": a date, not what is counted
        if low in TIME_UNITS or low.startswith("year-"):
            return "time"
        if tok in ("pct", "pc") and mods == 0:
            return "percent", m.end()  # "slipped 0.5 pct", "up 3pc": newswire percent
        if low in CURRENCY_WORDS or (low in MEASURES and mods == 0):
            return low, m.end()
        nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
        plural_demonym = (
            tok[0].isupper()
            and tok.endswith("s")
            and not tok.endswith(("'s", "’s"))
            and (names_a_party(tok) or (not title_case and _capitalised_head(tok, nxt)))
        )
        if head_ok(tok, title_case, value, plural_demonym):
            if low in CASUALTY_ADJECTIVES and _noun_follows(toks, i + 1, title_case):
                # "4,000 displaced people", "900 newly displaced ethnic Karen villagers"
                i += 1
                mods += 1
                continue
            unit, end = low, m.end()
            # "special forces soldiers": a noun run ends at its last noun
            j = i + 1
            while (
                j < len(toks)
                and is_plural(toks[j].group(0), title_case)
                and (toks[j].group(0).lower() not in CASUALTY_ADJECTIVES)
                and (toks[j].group(0)[0].islower() or title_case)
                and (
                    _noun_like_plural(toks[j].group(0).lower())
                    or toks[j - 1].group(0).lower() in PLURAL_MODIFIERS
                )
            ):
                unit, end = toks[j].group(0).lower(), toks[j].end()
                j += 1
            return unit, end
        if low == "of":
            # partitive: "three of its generals", "thousands of North Korean troops"
            j = i + 1
            if j < len(toks) and toks[j].group(0).lower() in DETERMINERS:
                j += 1
            if j < len(toks) and toks[j].group(0).lower() in {"them", "whom", "which", "those"}:
                return None
            i = j
            mods += 1
            after_of = True
            continue
        if low == "and":
            if nxt and nxt[0].isupper():
                i += 1
                continue
            return None
        if low in MODIFIERS:  # "3,000 more troops", "4,000 additional soldiers"
            mods += 1
            i += 1
            continue
        if low in STOP and not _acronym(tok, title_case):  # "5,000 US troops", "IT staff"
            return None
        # an adjective, a demonym or a noun used as a modifier
        mods += 1
        i += 1
    return None


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


# A bare number whose noun is the one of the figure before it: "117 people in Gansu and
# 31 in Qinghai", "77,500 people, including 8,200 in Paris", "32 killed, 28 of them
# soldiers", "more than on Saturday (300,000)", "818 homes and another 167".
_ELIDED_BEFORE = re.compile(
    r"(?:\b(?:including|and|or|against|versus|vs\.?|compared\s+(?:with|to)|another|while|but)\s+"
    r"|\(\s*)(?:(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|"
    r"just|only|roughly|an\s+estimated|another)\s+)*$",
    re.I,
)
_ELIDED_AFTER = re.compile(
    r"\s*\)|\s+of\s+(?:them|whom|those|these)\b|\s+(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z]"
    r"|\s*,?\s+according\s+to\b"
)
_OF_THEM_NOUN = re.compile(r"\s+of\s+(?:them|whom|those|these)\s+([^\W\d_][\w'’-]*)")


def of_them_noun(s: str, end: int) -> tuple[str, int] | None:
    """ "28 of them soldiers": the noun after "of them" names what the number counts."""
    m = _OF_THEM_NOUN.match(s, end)
    if m and is_plural(m.group(1), False):
        found = unit_after(s, m.start(1) - 1, 2, False)  # "police officers": the noun run
        return found if isinstance(found, tuple) else (m.group(1).lower(), m.end(1))
    return None


def elided(s: str, start: int, end: int) -> bool:
    """Whether the bare number at ``s[start:end]`` (written in digits) elides the noun of
    the figure before it."""
    text = s[start:end]
    if not re.search(r"\d", text) or re.match(r"(?:1[89]|20)\d\d(?:\b|[-–/]\d\d\b)", text):
        return False  # "between now and 2023-24": a (fiscal) year
    if _ELIDED_AFTER.match(s, end):
        return True
    return _ELIDED_BEFORE.search(s, max(0, start - 40), start) is not None
