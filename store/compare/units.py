"""What a figure counts, normalised: a unit class and the scope words that narrow it.

A *unit class* is the kind of thing counted, the same whatever word the article used:

=============  ==============================================================
class          words (plural or singular, any case)
=============  ==============================================================
``troops``     troops, soldiers, forces, servicemen, service members,
               infantrymen, personnel, fighters, marines, paratroopers,
               commandos, conscripts, recruits, combatants, mercenaries
``killed``     killed, dead, deaths, died, fatalities, death toll, lives
``wounded``    wounded, injured, injuries
``casualties`` casualties, losses, "killed or wounded", "killed and injured"
``missing``    missing, unaccounted for
``evacuated``  evacuated, evacuees
``displaced``  displaced, homeless, refugees
``people``     people, persons, residents, inhabitants, individuals
``percent``    percent, per cent, %
``USD`` ...    money by currency: dollars -> USD, euros -> EUR, pounds -> GBP ...
=============  ==============================================================

General rules cover the rest: a unit not in the table is its lower-case plural as
written (``homes``, ``generals``); a person noun followed in its sentence by a
casualty word ("20 soldiers were killed", "4,500 people were evacuated"), or after
one ("killed an average of 1,500 troops"), or named as part of a casualty count ("30
were killed, including 4 firefighters"), counts the
casualties, not the people, so it joins that class (the military noun stays visible as
the scope ``troops``).

*Scope* words narrow what is counted without changing its class; they stay visible
and label a change ``scope`` instead of ``rise``/``fall``:

- a subset of the force: ``special forces``, ``active``, ``reserve``, ``elite``; and
  an increment that is not a total: ``additional``, ``more``, ``new``;
- a place right after the figure: "3,000 troops *in Kursk*" -> ``in Kursk``;
- a rate: "1,500 troops *a day*" -> ``per day``.

Everything here is pure: text in, strings out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TROOP_WORDS = frozenset(
    """troop troops soldier soldiers force forces serviceman servicemen servicewoman
    servicewomen infantryman infantrymen personnel fighter fighters marine marines
    paratrooper paratroopers commando commandos conscript conscripts recruit recruits
    combatant combatants mercenary mercenaries sailors airmen service members
    servicemembers""".split()
)
_TABLE: dict[str, str] = {
    **dict.fromkeys(
        "killed dead deaths death died fatalities fatality lives toll".split(), "killed"
    ),
    **dict.fromkeys("wounded injured injuries injury".split(), "wounded"),
    **dict.fromkeys("casualties casualty losses".split(), "casualties"),
    **dict.fromkeys("missing".split(), "missing"),
    **dict.fromkeys("evacuated evacuees evacuee".split(), "evacuated"),
    **dict.fromkeys("displaced homeless refugees refugee".split(), "displaced"),
    **dict.fromkeys(
        "people persons person residents resident inhabitants individuals".split(), "people"
    ),
    **dict.fromkeys(["percent", "per cent", "%", "pct"], "percent"),
    **dict.fromkeys(["percentage points", "percentage point", "points"], "percentage points"),
    **dict.fromkeys(["basis points", "basis point", "bps", "bp"], "basis points"),
    **dict.fromkeys(["dollars", "dollar", "usd", "$"], "USD"),
    **dict.fromkeys(["euros", "euro", "eur", "€"], "EUR"),
    **dict.fromkeys(["pounds", "pound", "gbp", "£", "sterling"], "GBP"),
    **dict.fromkeys(["yen", "jpy", "¥"], "JPY"),
    **dict.fromkeys(["yuan", "renminbi", "cny"], "CNY"),
    **dict.fromkeys(["won", "krw"], "KRW"),
    **dict.fromkeys(["rubles", "roubles", "ruble", "rouble", "rub"], "RUB"),
    **dict.fromkeys(["hryvnias", "hryvnia", "hryvnas", "uah"], "UAH"),
    **dict.fromkeys(["rupees", "rupee", "inr"], "INR"),
    **dict.fromkeys(["shekels", "shekel", "ils"], "ILS"),
    **dict.fromkeys(["swiss francs", "chf"], "CHF"),
}
# Person nouns whose count a casualty word after them turns into casualties.
PERSON_CLASSES = frozenset({"troops", "people", "civilians", "children", "residents"})
SUBSET_WORDS = ("special forces", "special operations", "active", "reserve", "elite")
INCREMENT_WORDS = ("additional", "more", "new", "extra", "further", "fresh")

_CASUALTY_AFTER = re.compile(
    r"^[\s,]*(?:(?:who|that|have|had|has|were|was|are|is|reportedly|also|already|now|been|"
    r"being|be|may|might|could|would|will|have|feared|believed|confirmed|so\s+far)\s+){0,4}"
    r"(killed\s+(?:or|and)\s+(?:wounded|injured)|killed|died|dead|injured|wounded|"
    r"hurt|missing|evacuated|displaced|made\s+homeless|unaccounted\s+for)\b",
    re.I,
)
_CASUALTY_BEFORE = re.compile(
    r"\b(killed|killing|wounded|wounding|injured|injuring|evacuated|evacuating)\s+"
    r"(?:(?:an\s+average\s+of|an\s+estimated|at\s+least|more\s+than|up\s+to|about|some|"
    r"over|nearly|almost|around|roughly|another)\s+)?$",
    re.I,
)
# "20 soldiers were killed, including six North Korean advisers": the part named after
# "including" counts what the whole counted.
_CASUALTY_INCLUDING = re.compile(
    r"\b(killed|killing|dead|died|deaths|wounded|wounding|injured|injuring|hurt|missing|"
    r"evacuated)\b[^.;:]*,?\s+(?:including|among\s+them|of\s+whom)\s+"
    r"(?:(?:at\s+least|about|some|around|nearly|almost|up\s+to)\s+)?$",
    re.I,
)
_CASUALTY_CLASS_EXTRA = {"deaths": "killed"}
# "1,500 troops a day": a rate, not a total.
_RATE = re.compile(r"^[\s,]*(?:a|per|each|every)\s+(day|week|month|year|hour)\b", re.I)
_CASUALTY_CLASS = {
    "killing": "killed",
    "wounding": "wounded",
    "injuring": "wounded",
    "evacuating": "evacuated",
    "killed": "killed",
    "died": "killed",
    "dead": "killed",
    "injured": "wounded",
    "wounded": "wounded",
    "hurt": "wounded",
    "missing": "missing",
    "unaccounted": "missing",
    "evacuated": "evacuated",
    "displaced": "displaced",
    "made": "displaced",
}
_PLACE_AFTER = re.compile(
    r"^[\s,]*(?:(?:have|has|had|been|were|was|are|is|now|already|reportedly|currently|being|"
    r"still|stationed|deployed|sent|based|arrived|located|positioned|massed|gathered|"
    r"fighting|operating|moved|en\s+route|who|that|of\s+them)\s+){0,4}"
    r"(?:in|inside|into|to|near)\s+(?:the\s+)?(?:[A-Z][\w-]*(?:’s|'s)\s+)?"
    r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
    r"(?:\s+(region|oblast|province|area|district|county|state))?(?P<next>\s+[a-z]+)?"
)
_FUNCTION_WORDS = frozenset(
    """to and or where for as in on by since after with while from which that the this
    when but before until amid""".split()
)
_NOT_PLACES = frozenset(
    """January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That
    It He She They We I""".split()
)


def _place(after: str) -> str:
    """``in Kursk`` when the words right after a figure say where it is."""
    m = _PLACE_AFTER.match(after[:100])
    if not m or m.group(1).split()[0] in _NOT_PLACES:
        return ""
    name = m.group(1)
    nxt = (m.group("next") or "").strip()
    # "in Russian territory", "to Ukrainian forces": an adjective, not a place.
    if not m.group(2) and nxt and nxt not in _FUNCTION_WORDS:
        return ""
    if name.endswith(("ian", "ean", "ese", "ish")):
        return ""
    return f"in {name}" + (f" {m.group(2)}" if m.group(2) else "")


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """``unit_class`` is what is counted; ``scope`` the words that narrow it ('' none)."""

    unit_class: str
    scope: str = ""
    place: str = ""


def _singular_key(unit: str) -> str:
    return " ".join(unit.lower().replace("’", "'").split())


def unit_class(unit: str) -> str:
    """The class of a unit noun as extracted (``soldiers`` -> ``troops``)."""
    key = _singular_key(unit)
    if not key:
        return "items"
    if key in _TABLE:
        return _TABLE[key]
    words = key.split()
    if key in TROOP_WORDS or words[-1] in TROOP_WORDS:
        return "troops"
    if words[-1] in _TABLE:
        return _TABLE[words[-1]]
    if key.endswith("ies") and len(key) > 4:
        return key
    return key


def _subset(text: str, unit: str) -> str:
    """A subset word anywhere in the figure; an increment word only after its number
    ("3,000 more troops", not "more than 3,000")."""
    low = f" {text.lower()} {unit.lower()} "
    for word in SUBSET_WORDS:
        if f" {word} " in low:
            return word
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    tail = f" {text[digits[-1] + 1 :].lower()} {unit.lower()} " if digits else f" {unit.lower()} "
    for word in INCREMENT_WORDS:
        if f" {word} " in tail:
            return word
    return ""


def describe(text: str, unit: str, after: str = "", before: str = "") -> UnitInfo:
    """Class and scope of a figure: ``text`` as written (``about 1,500 special forces
    soldiers``), its extracted ``unit``, ``after`` the rest of its sentence and
    ``before`` the sentence up to it."""
    cls = unit_class(unit)
    scope = _subset(text, unit)
    after = after or ""
    if cls in PERSON_CLASSES:
        m = _CASUALTY_AFTER.match(after)
        word = m.group(1).lower() if m else None
        if word is None and (b := _CASUALTY_BEFORE.search(before or "")):
            word = b.group(1).lower()  # "killed an average of 1,500 troops"
        if word is None and (b := _CASUALTY_INCLUDING.search((before or "")[-300:])):
            word = b.group(1).lower()  # "... were killed, including 6 advisers"
        if word:
            first = word.split()[0]
            casualty = (
                "casualties"
                if " or " in word or " and " in word
                else _CASUALTY_CLASS.get(first) or _CASUALTY_CLASS_EXTRA[first]
            )
            if cls == "troops" and not scope:
                scope = "troops"
            cls = casualty
    if _RATE.match(after):
        scope = " ".join(x for x in (scope, "per " + _RATE.match(after).group(1)) if x)
    return UnitInfo(cls, scope, _place(after))


def quantity_key(actor: str | None, cls: str) -> str:
    """The grouping key of a quantity: whose, and what kind of thing."""
    return f"{actor or ''}|{cls}"


def quantity_name(actor: str | None, cls: str) -> str:
    """Readable: ``North Korea · troops``; ``killed`` when no party is named."""
    return f"{actor} · {cls}" if actor else cls
