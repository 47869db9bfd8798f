"""The word lists that decide what a number counts, and the plural test that reads them.

Function words (``STOP``, ``DETERMINERS``), time units, irregular and -s singular
nouns, the heads a single thing can take, plural modifiers, collectives, measures and
currency words, the casualty words and verbs that name what a bare number counts
(``CASUALTY_VERB``, ``CASUALTY_AFTER``, ``CASUALTY_UNIT``), and the two placeholder units
(``SAME_AS_BEFORE_UNIT``, ``ELIDED_UNIT``) resolved later by ``store.extract.figures``.
Data, plus :func:`is_plural`; read by ``units``, ``measured_nouns``, ``cues``,
``elision`` and ``claimants``.
"""

from __future__ import annotations

import re

DETERMINERS = frozenset("the their its these those both our his her my your each".split())

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
    downstairs nowadays sideways statistics mathematics ethics athletics logistics genetics
    gymnastics electronics linguistics aerobics aeronautics acoustics optics semantics
    dynamics forensics""".split()
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
CROWD_WORDS = frozenset("crowd crowds turnout attendance participation gate gates".split())
SAME_AS_BEFORE_UNIT = "\0same"
ELIDED_UNIT = "\0elided"  # a bare number sharing the noun of the figure before it
# Measurement units written as abbreviations: "120 mph", "30 km".
MEASURES = frozenset(
    """mph kph km/h km kilometres kilometers miles mi kg kilograms tons tonnes lbs ft feet
    metres meters mw gw kw kwh mwh gwh mm cm millimetres millimeters centimetres
    centimeters inches bpd""".split()
)
# Abbreviations named by what they count: "down 710,000 bpd" are barrels (a day), as
# "29 million barrels per day" are.
MEASURE_NOUNS = {"bpd": "barrels"}
CURRENCY_WORDS = {
    w: w
    for w in """dollars euros pounds rubles roubles hryvnias hryvnia yuan yen won
    rupees francs shekels dinars riyals lira liras pesos pence cents ringgit""".split()
}
# "killed at least 30", "injuring 45": the verb says what a bare number counts.
CASUALTY_VERB = re.compile(
    r"\b(kill(?:ed|ing|s)?|injur(?:ed|ing|es)|wound(?:ed|ing|s)?|arrest(?:ed|ing|s)?|"
    r"evacuat(?:ed|ing|es)|rescu(?:ed|ing|es)|displac(?:ed|ing|es)|detain(?:ed|ing|s)?|"
    r"kidnap(?:ped|ping|s)?|abduct(?:ed|ing|s)?)"
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
    r"demonstrated|walked\s+out|fall\s+ill|fell\s+ill|cast\s+(?:their\s+)?(?:ballots?|votes?)|voted|"
    # a crowd: "when 83,260 turned up", "84,569 squeezed in", "1.2 million watched"
    r"turned\s+up|watched|squeezed\s+in(?:to)?|packed\s+in(?:to)?|flocked|kidnapped|abducted|"
    # "more than 3 million have fled", "3 million had crossed into Poland"
    r"fled|crossed)\b",
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
    "kidn": "kidnapped",
    "abdu": "abducted",
    **dict.fromkeys(
        "took turn marc rall prot gath atte join demo walk fall fell watc sque pack floc fled cros".split(),
        "people",
    ),
    **dict.fromkeys("cast vote".split(), "voters"),
}


def is_plural(tok: str, title_case: bool) -> bool:
    low = tok.lower()
    if low in NOT_PLURAL or low in STOP or low in TIME_UNITS or low in S_SINGULARS:
        return False
    if low in IRREGULAR_PLURALS:
        return True
    if len(low) < 3 or not re.fullmatch(r"[^\W\d_][^\W\d_\-]*|[^\W\d_]+(?:-[^\W\d_]+)+", low):
        return False
    if low.endswith(("ss", "us", "is", "ous")):  # not "ics": "12 clinics", "40 medics"
        return False
    return low.endswith("s") or low.endswith("men")
