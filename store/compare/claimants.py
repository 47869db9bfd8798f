"""One identity per claimant: the canonical name stored beside the written one.

General rules, no list of this story's people:

- **Titles and roles are trimmed** ("Commissioner Ana Berg" -> "Ana Berg", "Major
  General Patrick Ryder" -> "Patrick Ryder", "ministry spokesman Jeon Ha-kyou" -> "Jeon
  Ha-kyou", "Secretary of State Antony Blinken" -> "Antony Blinken"); a leading
  determiner goes ("some Group of 20 (G20) nations" -> ...).
- **An acronym in brackets names the body** ("Group of 20 (G20) nations" -> "G20"), and
  a generic plural after a name goes ("G20 countries" -> "G20").
- **Spelling variants are one person**: names match on a key without accents, case,
  hyphens, dots and doubled letters ("Zelenskyy" = "Zelensky").
- **A surname alone is the full name** seen with it: first in the same article (as a
  claimant, or in its text: "Patrick Ryder ... Ryder said"), else in the corpus when
  exactly one full name there ends with that surname.
- **Generic sources are not an origin** ("a new report", "sources", "officials",
  "local media"): :func:`is_generic` tells them, so claims can join them to a named one.
"""

from __future__ import annotations

import re
import unicodedata

from store.extract.actors import actor_of

ROLE_WORDS = frozenset(
    """president vice prime minister ministers secretary general gen gen. lt lt. col col.
    colonel major maj maj. lieutenant admiral adm commander commissioner mayor governor
    senator sen sen. rep rep. representative chancellor chief director spokesman
    spokeswoman spokesperson spokespeople ambassador envoy king queen prince princess
    pope sheikh dr dr. mr mr. mrs mrs. ms ms. prof prof. professor judge justice
    deputy head leader chairman chairwoman chair ceo cfo founder premier councillor
    councilor sergeant sgt sgt. captain capt capt. inspector superintendent officer
    minister's official analyst expert economist researcher correspondent reporter
    editor acting former sir dame lord lady mp executive manager boss coroner lawyer
    attorney prosecutor strategist organiser organizer coordinator""".split()
)
DETERMINERS = frozenset("the a an some several many other its their this that".split())
GENERIC_HEADS = frozenset(
    """report reports source sources media outlet outlets officials analysts experts
    estimates estimate figures data statement statements study survey assessment
    assessments observers reporting document documents reporters journalists
    newspaper paper agency""".split()
)
GROUP_PLURALS = frozenset("countries nations members states governments allies".split())
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z][A-Z0-9&.-]{1,9})\)")
_TOKEN = re.compile(r"[^\s]+")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The matching key of a name: no accents, case, punctuation or doubled letters."""
    s = _strip_accents(name).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^a-z0-9 ]+", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return " ".join(s.split())


def _is_capitalised(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or tok[0].isdigit())


def _trim_role(tokens: list[str]) -> list[str]:
    """Tokens after the last role word, when what is left reads as a person's name."""
    last = -1
    for i, tok in enumerate(tokens):
        if tok.lower().rstrip(",") in ROLE_WORDS:
            last = i
    if last < 0:
        return tokens
    rest = tokens[last + 1 :]
    # "Secretary of State Antony Blinken": "of X" belongs to the role.
    while len(rest) >= 2 and rest[0].lower() in ("of", "for") and len(rest) > 2:
        rest = rest[2:]
    org = {"ministry", "department", "office", "service", "agency", "council", "committee"}
    if (
        1 <= len(rest) <= 4
        and all(_is_capitalised(t) for t in rest)
        and not any(t.lower() in org for t in rest)
    ):
        return rest
    return tokens


def clean_claimant(name: str | None) -> str | None:
    """The written claimant with titles, determiners and generic plurals trimmed."""
    if not name:
        return None
    s = " ".join(name.replace("“", "").replace("”", "").replace('"', "").split()).strip(" ,.;:")
    if not s:
        return None
    acronym = _ACRONYM_IN_BRACKETS.search(s)
    if acronym:
        return acronym.group(1).replace(".", "").replace("-", "")
    tokens = _TOKEN.findall(s)
    while len(tokens) > 1 and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[-1].lower() in GROUP_PLURALS and _is_capitalised(tokens[0]):
        tokens = tokens[:-1]
    tokens = _trim_role(tokens)
    out = _owner_as_party(" ".join(tokens))
    if re.fullmatch(r"[A-Z]-\d+", out):  # "G-20" is "G20"
        out = out.replace("-", "")
    return out or None


_OWNER = re.compile(r"^(.+?)['’]s\s+(.+)$")
_DEMONYM = re.compile(r"^((?:[A-Z][\w.-]*\s+)?[A-Z][\w.-]*(?:an|ese))\s+(.+)$")


def _owner_as_party(name: str) -> str:
    """A body owned by a party named through an alias is named through the party:
    "Seoul's National Intelligence Service" -> "South Korea's National Intelligence
    Service", "South Korean lawmakers" -> "South Korea's lawmakers" (the alias table is
    ``store/extract/data/actors.json``)."""
    for pattern in (_OWNER, _DEMONYM):
        m = pattern.match(name)
        if m and not m.group(2)[:1].isupper() or m and pattern is _OWNER:
            party = actor_of(m.group(1))
            if party and party != m.group(1):
                return f"{party}'s {m.group(2)}"
            if party:
                return name
    return name


def is_generic(name: str | None) -> bool:
    """True for a source that names no one ("report", "a new report", "local media")."""
    if not name:
        return True
    tokens = name.split()
    while tokens and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    if not tokens or tokens[-1].lower() not in GENERIC_HEADS:
        return False
    return all(not _is_capitalised(t) for t in tokens)


ORG_WORDS = frozenset(
    """ministry service office agency council department news hospital university
    institute police army navy force forces post times herald journal group company
    bank fund committee commission centre center court party union""".split()
)


def is_person_name(name: str) -> bool:
    """Two to four capitalised words, none an acronym or an organisation word."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(not _is_capitalised(t) or t.isupper() or "'" in t or "’" in t for t in tokens):
        return False
    return not any(t.lower() in ORG_WORDS or t.lower() in ROLE_WORDS for t in tokens)


def is_surname_only(name: str) -> bool:
    return (
        len(name.split()) == 1
        and _is_capitalised(name)
        and not name.isupper()
        and not any(c.isdigit() for c in name)
    )


def surname_key(name: str) -> str:
    return name_key(name.split()[-1]) if name.split() else ""


_NOT_NAMES = frozenset(
    """Later Earlier But And The When Then Meanwhile However Also In On At As After Before
    While Yesterday Today Tomorrow Still Yet So If Now Mr Mrs Ms Dr Sir""".split()
)


def full_name_in_text(surname: str, text: str) -> str | None:
    """``Patrick Ryder`` for ``Ryder`` when the text writes a first name before it."""
    pattern = re.compile(
        r"\b((?:[A-Z][\w'’-]+\s+){1,2})" + re.escape(surname) + r"\b",
    )
    found = set()
    for m in pattern.finditer(text):
        before = m.group(1).split()
        first = before[-1]
        # "St Anne's Hospital" is not a first name and a surname; "Later Ryder" neither.
        if first.endswith(("'s", "’s")) or first in _NOT_NAMES or first.lower() in ROLE_WORDS:
            continue
        full = f"{first} {surname}"
        if is_person_name(full):
            found.add(full)
    return found.pop() if len(found) == 1 else None


def canonical_in_article(written: list[str | None], body: str = "") -> list[str | None]:
    """Canonical names of one article's claimants, resolved among themselves and its
    text (the corpus step is the database's: see ``store.claimant_index``)."""
    cleaned = [clean_claimant(w) for w in written]
    full: dict[str, set[str]] = {}
    for c in cleaned:
        if c and is_person_name(c):
            full.setdefault(surname_key(c), set()).add(c)
    out: list[str | None] = []
    in_text: dict[str, str | None] = {}  # one scan of the body per surname, not per figure
    for c in cleaned:
        if c and is_surname_only(c):
            names = full.get(name_key(c))
            if names and len({name_key(n) for n in names}) == 1:
                c = sorted(names)[0]
            elif body:
                if c not in in_text:
                    in_text[c] = full_name_in_text(c, body)
                c = in_text[c] or c
        out.append(c)
    return out


_ROLE_RUN_WORD = re.compile(r"([^\W\d_][\w.'’-]*)[ \t\u00a0]+$")
_ROLE_JOINERS = frozenset("of for the and".split())


def role_before(prefix: str | None) -> str | None:
    """The role written just before a claimant's name, kept apart from the name:
    "... said Finance Minister " -> "Finance Minister", "chief executive " -> "chief
    executive", "Secretary of State " -> "Secretary of State". None when the words before
    the name are not a title (no role word among them)."""
    if not prefix or not prefix[-1:].isspace():
        return None
    start = len(prefix.rstrip())
    words: list[str] = []
    while True:
        m = _ROLE_RUN_WORD.search(prefix[:start] + " ")
        if m is None:
            break
        tok = m.group(1)
        low = tok.lower().rstrip(".")
        if not (
            low in ROLE_WORDS
            or low.rstrip(".") + "." in ROLE_WORDS
            or (tok[0].isupper() and not tok.endswith(("'s", "’s")))
            or (low in _ROLE_JOINERS and words)
        ):
            break
        words.insert(0, tok)
        start = m.start(1)
        if len(words) >= 6:
            break
    while words and words[0].lower() in _ROLE_JOINERS:
        words.pop(0)
    if not any(w.lower() in ROLE_WORDS or w.lower().rstrip(".") in ROLE_WORDS for w in words):
        return None
    return " ".join(words)
