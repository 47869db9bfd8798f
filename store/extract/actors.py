"""Whose people or forces: find the parties named in a sentence and normalise them.

The alias table is data (``store/extract/data/actors.json``); this module only knows how to
match it: whole words, case-sensitive, longest alias first, and not when the alias is
part of a proper name such as "Kyiv Post" or "Washington Post".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "actors.json"

# A capitalised word after an alias that makes the alias part of another name.
_NAME_TAILS = frozenset(
    """Post Times Herald Journal Independent Pravda Today Daily News Tribune Telegraph
    Institute University Centre Center Agency Gazette Review Insider Monitor Chronicle
    Observer Standard Mail Express Press Broadcasting Radio Television TV Airlines Air
    Stock Exchange Bank Football Club Declaration Accord Accords Agreement Summit Treaty
    Convention Statement Format Protocol Initiative Street Avenue Square""".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # offsets into the text searched
    end: int
    actor: str


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    table = json.loads(_DATA.read_text(encoding="utf-8"))
    canon: dict[str, str] = {}
    for name, aliases in table.items():
        if name.startswith("_"):
            continue
        for alias in [name, *aliases]:
            canon.setdefault(alias, name)
    # Longest first so "North Korean" wins over "Korean"-like shorter aliases.
    alts = sorted(canon, key=len, reverse=True)
    # An alias written with "the" ("the North") yields to a longer name ("the North
    # Korean troops", "the North Atlantic"): it must not be followed by a capitalised word.
    body = "|".join(re.escape(a) + (r"(?!\s+[A-Z])" if a.startswith("the ") else "") for a in alts)
    pattern = re.compile(rf"(?<![\w.])(?:{body})(?:['’]s)?(?![\w-])")
    return pattern, canon


def _canonical(alias: str, canon: dict[str, str]) -> str | None:
    if alias in canon:
        return canon[alias]
    for suffix in ("'s", "’s"):
        if alias.endswith(suffix):
            bare = alias[: -len(suffix)]
            if bare in canon:
                return canon[bare]
            if bare + "'s" in canon:
                return canon[bare + "'s"]
    return canon.get(alias.replace("’", "'"))


def find_mentions(text: str) -> list[Mention]:
    """Every party named in ``text``, in order."""
    pattern, canon = _matcher()
    out: list[Mention] = []
    for m in pattern.finditer(text):
        alias = m.group(0)
        actor = _canonical(alias, canon)
        if actor is None:
            continue
        after = text[m.end() : m.end() + 40]
        tail = re.match(r"\s+([A-Z][a-z]+)", after)
        if tail and tail.group(1) in _NAME_TAILS and not alias.endswith(("'s", "’s")):
            continue
        out.append(Mention(m.start(), m.end(), actor))
    return out


@lru_cache(maxsize=4096)
def names_a_party(word: str) -> bool:
    """True when ``word`` alone is one of the aliases ("Russians", "DPRK")."""
    return bool(find_mentions(word))


def actor_of(text: str) -> str | None:
    """The one party ``text`` names, or ``None`` when it names none or several."""
    actors = {m.actor for m in find_mentions(text)}
    return actors.pop() if len(actors) == 1 else None
