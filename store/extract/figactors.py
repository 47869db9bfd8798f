"""Whose count a figure is: the actor named in its noun phrase, before it or after it.

:func:`_actor` reads one drafted figure's sentence: a party named inside the noun phrase
("10,000 North Korean troops"; two parties there: ``_SEVERAL``, no single actor), a
possessive just before it ("North Korea's 3,000 troops"), "from"/"of" after it
("soldiers from North Korea"), the noun the number measures ("Ukraine's forces stood at
330,000"), else the nearest party named before it that is not a place something goes to
nor inside an aside. ``store.extract.figures`` carries an actor on to a follow-up force
figure (``_FORCE_UNITS``) and to "of them" (``_OF_THEM``).

Pure: one sentence's text at a time.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from store.extract.cues import RIGHT_STOP

if TYPE_CHECKING:
    from store.extract.drafts import _Draft

# Units of armed forces: a follow-up figure of these belongs to the force just discussed.
_FORCE_UNITS = frozenset(
    """troops soldiers personnel forces fighters infantrymen servicemen servicemembers marines
    sailors airmen troopers conscripts recruits mercenaries militants combatants reservists
    officers generals commanders units battalions brigades regiments divisions""".split()
)
_PREPOSITIONS = frozenset(
    """to in into against on at near toward towards with for across inside over by between
    of from within throughout about around amid via onto upon""".split()
)


_ASIDE = re.compile(r"[—–]\s[^—–]{1,200}?\s[—–]|—[^—]{1,200}?—|\([^()]{1,200}\)")
# "More than 100 of them were killed": "them" is the force of the figure before.
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)\b", re.I)
_SEVERAL = "\0several"  # the noun phrase names more than one party: no single actor


def _actor(s: str, d: _Draft, mentions, excluded: list[tuple[int, int]]) -> str | None:
    def free(m) -> bool:
        return not any(a <= m.start < b for a, b in excluded)

    # 1. in the noun phrase: "10,000 North Korean troops", "(North Korean) forces"
    inside = {m.actor for m in mentions if d.np_start <= m.start < d.np_end}
    if len(inside) > 1:
        return _SEVERAL
    if inside:
        return inside.pop()
    # 2. a possessive just before: "North Korea's 3,000 troops"
    for m in mentions:
        if (
            m.end <= d.np_start
            and re.fullmatch(r"['’]s\s*|\s*", s[m.end : d.np_start])
            and (s[m.start : m.end].endswith(("'s", "’s")))
        ):
            return m.actor
    # 3. after the noun: "soldiers from North Korea", "troops ... from the DPRK"
    tail_stop = RIGHT_STOP.search(s, d.np_end)
    tail_end = tail_stop.start() if tail_stop else len(s)
    for m in mentions:
        gap = s[d.np_end : m.start]
        if d.np_end <= m.start < tail_end and (
            re.fullmatch(r"\s+(?:from|of)\s+(?:the\s+)?", gap)
            or re.search(r"\bfrom\s+(?:[\w-]+\s+){0,3}$", gap)
        ):
            return m.actor
    # 4. the noun measured before the number: "Ukraine's forces stood at 330,000"
    if d.backward_unit_pos is not None:
        for m in mentions:
            if m.end <= d.backward_unit_pos and d.backward_unit_pos - m.end <= 3:
                return m.actor
    # 5. the nearest party named before it that is not a place something goes to, nor
    # inside an aside ("It sent shells to Moscow—which Russia fires daily—and 100 ...")
    asides = [(a.start(), a.end()) for a in _ASIDE.finditer(s, 0, d.np_start)]
    for m in reversed(mentions):
        if m.start >= d.np_start or not free(m) or any(x <= m.start < y for x, y in asides):
            continue
        prev = re.search(r"(\w+)\s+(?:the\s+)?$", s[: m.start])
        if prev and prev.group(1).lower() in _PREPOSITIONS:
            continue
        return m.actor
    return None
