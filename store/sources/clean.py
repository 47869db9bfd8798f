"""Turn the text of a saved news page into the body an analyst wants to read.

Copy-pasted or scraped articles carry page furniture around the story. The rules
below are general, never a list of one site's strings; each drops a whole line:

1. **Breadcrumbs** (``Main / News / Headline``): three or more segments split by
   ``/ › » > |`` whose leading segments are a few words each, without digits. The last segment is
   kept as a line when it reads like a headline (four words or more), so a title
   that only appears in the breadcrumb survives; the repeat rule then drops copies.
2. **Link farms**: four or more short segments split by ``|``, ``•`` or ``·``.
3. **Repeats**: a line equal to an earlier kept line (ignoring case, punctuation and
   spacing), or nearly equal (``could send``/``can send``: 85% of the words in order)
   to the title or one of the three lines before it, when both state the same
   numbers. Pages repeat their headline and standfirst two or three times.
4. **Furniture**: a line of at most 20 words that holds a page control (load more,
   source link, view all, click here, all rights reserved, ``©``), or that has no
   digit and a call-to-action or navigation phrase (share, comment, log in,
   subscribe, related posts, read more, popular/latest news, advertisement,
   patron/donate, cookies) and is either not a sentence or speaks to the reader
   (you, your, please, our). "The Kremlin declined to comment." is a sentence about
   someone else and stays.
5. **Labels**: a line of one or two words with no digit, no colon and no sentence
   punctuation (``Featured``, ``- News``, ``Source link``); and bylines
   (``By Jane Doe``). Lines with a colon (``Background:``, ``Source: Reuters``,
   ``Quote: ...``) are kept: they carry attribution.
6. **End matter**: a short line (six words at most) that is only a section marker
   for other stories (``Related Posts``, ``Popular news``, ``Read more``, ``You may
   also like``) in the second half of the text ends the article: it and everything
   after it go.
7. **Photo captions**: a line whose last part, after its final sentence, is a
   credit (``... Ukraine. AP``, ``... region. @wartranslated / X``,
   ``... KCNA VIA KNS/AFP via Getty Images``). The credit is cut off. The caption is
   kept when it states a number (a digit or hundred/thousand/million/dozen), because a
   figure in a caption is still a claim, or when it is long (over 40 words: a
   paragraph, not a caption); otherwise it only describes a photo and goes. A full
   stop after an abbreviation (``the U.S. CIA``) does not end a sentence here.

Whitespace is normalised (no-break and zero-width spaces, control characters, tabs,
Windows newlines) and each kept line is stripped. Before the rules run, lines that
only continue a wrapped sentence are joined (see :func:`unwrap`), so a fragment of
a hard-wrapped paragraph is never mistaken for a label or a repeat. Lines stay lines: the sentence
splitter treats a line break as a boundary, so headlines and captions never merge
with the next sentence. A blank line in the input between two kept lines becomes
``"\\n\\n"``, otherwise they are joined with ``"\\n"``.

The title is the first kept line (cut to its first sentence when that line is a long
paragraph); it also stays as the first line of the body, because headlines state
figures too. A short first line that rule 5 would drop as a label ("Floods return") is
kept as the headline when a paragraph follows it; before another headline-like line it
is a section label ("Featured") and goes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from store.extract.sentences import is_abbreviation

MAX_TITLE_CHARS = 200
MAX_CAPTION_WORDS = 40  # a longer "caption" is a paragraph: only its credit goes

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_MULTISPACE = re.compile(r" {2,}")

_CRUMB_SPLIT = re.compile(r"\s+[/›»>|]\s+")
_FARM_SPLIT = re.compile(r"\s*[|•·]\s*")
_DIGIT = re.compile(r"\d")
_NUMBERISH = re.compile(r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LEADING_BULLET = re.compile(r"^[-–—•·▪*]+\s*")

_FURNITURE = re.compile(
    r"""\b(?:
        share\s+(?:this|on|via)|share\b.*\b(?:facebook|twitter|whatsapp|telegram|email)
        |leave\s+a\s+(?:comment|reply)|comments?\b|log\s?in\b|sign\s+(?:in|up)\b
        |subscribe|newsletter|follow\s+us|related\s+(?:posts?|articles?|stories|news|topics)
        |read\s+(?:more|also|next)|see\s+all|view\s+all|more\s+from|you\s+may\s+also\s+like
        |(?:popular|latest|last|top|breaking|trending)\s+(?:news|posts|stories|articles)
        |most\s+(?:read|popular|viewed)|advertisement|sponsored
        |patron|donate|support\s+us|copyright|cookies?|print\s+this
        )""",
    re.I | re.X,
)
# Phrases that only ever appear as page controls, whatever the line looks like.
_CONTROLS = re.compile(
    r"""\b(?:load(?:ing)?\s+more|loading\.\.\.|no\s+more\s+(?:posts|articles|stories)
        |source\s+link|click\s+here|skip\s+to\s+(?:main\s+)?content
        |back\s+to\s+top|all\s+rights\s+reserved)\b
        |^\d+\s+(?:comments?|shares?|views?)$""",
    re.I | re.X,
)
# A line that speaks to the reader ("please log in", "your help", "our patron").
_ADDRESSES_READER = re.compile(r"\b(?:you|your|please|us|our)\b", re.I)
_FURNITURE_SIGN = re.compile(r"©")
_END_MARKER = re.compile(
    r"""^(?:
        related(?:\s+(?:posts?|articles?|stories|news|content|reading))?
        |(?:popular|latest|last|top|more|trending|recommended)\s+(?:news|posts|stories|articles)
        |most\s+(?:read|popular|viewed)|read\s+(?:more|next|also)|more\s+from\b.*
        |you\s+(?:may|might)\s+also\s+like|recommended(?:\s+for\s+you)?
        |comments?|leave\s+a\s+(?:comment|reply)
        )[\s:.!]*$""",
    re.I | re.X,
)
_BYLINE = re.compile(
    r"^(?i:by|written\s+by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&|;)\s*[\w.'’-]+(?:\s+[\w.'’-]+){0,4})?$"  # "By Jane Doe, Seoul correspondent"
)
# Page metadata lines: reading time, update stamps, share and comment counters, gallery
# counters ("Updated 2 hours ago | 5 min read", "Share 45 | Comments (12)", "Image 2 of 5").
_PAGE_META = re.compile(
    r"""^(?:
        (?:updated|published|posted|last\s+modified)\b[^.!?]{0,60}
        |\d+\s+min(?:ute)?s?\s+read\b.*
        |(?:share|comments?|likes?|views?)\b[\s\d|()·•,]*
        |(?:image|photo|picture|slide|video)\s+\d+\s+(?:of|/)\s+\d+
        )$""",
    re.I | re.X,
)

# A caption credit after the caption's last sentence: "AP", "@handle / X",
# "KCNA VIA KNS/AFP via Getty Images", "Photo: Jane Doe/Reuters".
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_CREDIT_GLUE = {"via", "by", "and", "&", "/", "for", "of", "photo", "photos", "image", "images"}
_CREDIT_HINT = re.compile(
    r"@\w|/|\b[A-Z]{2,}\b|(?i:getty|shutterstock|photo|images?\b|reuters|afp)"
)


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    title: str
    body: str


def normalize_text(raw: str) -> str:
    """Unicode NFC, ``\\n`` newlines, plain spaces, no invisible or control characters."""
    text = unicodedata.normalize("NFC", raw)
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    return text


@lru_cache(maxsize=4096)
def _key(line: str) -> str:
    """A line's identity for repeat detection: its words, lower case."""
    return " ".join(w.casefold() for w in _WORD.findall(line))


def _numbers(line: str) -> list[str]:
    return re.findall(r"\d+", line)


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _breadcrumb(line: str) -> str | None:
    """For a breadcrumb line, what to keep of it ('' = nothing); None if it is not one."""
    parts = _CRUMB_SPLIT.split(line)
    if len(parts) < 3:
        return None
    leading = parts[:-1]
    if not all(0 < len(_words(p)) <= 4 and len(p) <= 40 and not _DIGIT.search(p) for p in leading):
        return None
    last = parts[-1].strip()
    return last if len(_words(last)) >= 4 else ""


def _is_link_farm(line: str) -> bool:
    parts = [p for p in _FARM_SPLIT.split(line) if p.strip()]
    return len(parts) >= 4 and all(len(_words(p)) <= 4 for p in parts)


def _is_furniture(line: str) -> bool:
    """Navigation and calls to action; a reported sentence ("declined to comment.") stays."""
    if len(_words(line)) > 20:
        return False
    if _FURNITURE_SIGN.search(line) or _CONTROLS.search(line):
        return True
    if _DIGIT.search(line) or not _FURNITURE.search(line):
        return False
    is_sentence = re.search(r"[.!?][\"'”’)]*$", line) is not None
    return not is_sentence or _ADDRESSES_READER.search(line) is not None


def _is_page_meta(line: str) -> bool:
    """Every "|"-separated part of the line is page metadata ("Updated 2 hours ago | 5 min
    read", "Share 45 | Comments (12)")."""
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+", line) if p.strip()]
    return bool(parts) and all(_PAGE_META.match(p) for p in parts)


def _is_label(line: str) -> bool:
    if _BYLINE.match(line) or _is_page_meta(line):
        return True
    if ":" in line or _DIGIT.search(line):
        return False
    bare = _LEADING_BULLET.sub("", line)
    if re.search(r"[.!?]\W*$", bare):
        return False
    return len(_words(bare)) <= 2


def _short_headline(line: str, following: list[tuple[str, bool]]) -> bool:
    """A short first line ("Floods return") is the headline when body text follows it:
    the next line is a paragraph (it ends a sentence, or runs over 20 words). Before
    another headline-like line it is a section label ("Featured"), and goes."""
    if _BYLINE.match(line) or _is_page_meta(line) or not following:
        return False
    nxt = following[0][0]
    return len(_words(nxt)) > 20 or re.search(r"[.!?][\"'”’)\]]*$", nxt) is not None


def _credit_tail(line: str) -> int | None:
    """Where a trailing photo credit starts in ``line``, or None when there is none."""
    ends = [m for m in _SENTENCE_END.finditer(line) if not is_abbreviation(line, m.start())]
    if not ends:
        return None
    cut = ends[-1].end()
    tail = line[cut:].strip()
    if not tail or re.search(r"[.!?,;:\"“”]$", tail):
        return None
    tokens = tail.split()
    if not 1 <= len(tokens) <= 7:
        return None
    for tok in tokens:
        if tok.lower() in _CREDIT_GLUE or tok.startswith("@") or "/" in tok:
            continue
        if not tok[0].isupper():
            return None
    if not _CREDIT_HINT.search(tail):
        return None
    return cut


def _near_repeat(a: str, b: str) -> bool:
    """Same numbers and at least 85% of the words in the same order (word-level diff)."""
    wa, wb = _key(a).split(), _key(b).split()
    if len(wa) < 5 or len(wa) > 80 or len(wb) > 80 or _numbers(a) != _numbers(b):
        return False
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    return matcher.real_quick_ratio() >= 0.85 and matcher.ratio() >= 0.85


def make_title(first_line: str) -> str:
    """The headline from the body's first line: its first sentence when it is a paragraph."""
    title = first_line.strip()
    if len(title) > 120:
        m = _SENTENCE_END.search(title, 20)
        if m:
            title = title[: m.start() + 1].strip()
    if len(title) > MAX_TITLE_CHARS:
        cut = title.rfind(" ", 0, MAX_TITLE_CHARS)
        title = title[: cut if cut > 40 else MAX_TITLE_CHARS].rstrip() + "…"
    return title


_BULLET_START = re.compile(r"^(?:[-–—•·▪*]|\d{1,2}[.)])\s")
_OPEN_END = re.compile(r"[^.!?:;\"'”’)\]…]$")


def _wrap_width(lines: list[tuple[str, bool]]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None if it was not.

    Hard-wrapped text (mail, some exports) has many long lines ending near the same
    column and none much longer.
    """
    lengths = [len(line) for line, _ in lines]
    long = [n for n in lengths if n >= 40]
    if len(long) < 5 or max(lengths) > 100:
        return None
    width = max(long)
    near = sum(1 for n in long if n >= 0.75 * width)
    return width if near >= 0.7 * len(long) else None


def unwrap(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Join lines that only continue a wrapped sentence, so line rules see whole lines.

    A line continues the one before it (no blank line between) when it starts in
    lower case after a line without closing punctuation; in hard-wrapped text, also
    when the line before reached the wrap column. Bullets always start a line.
    """
    width = _wrap_width(lines)
    out: list[tuple[str, bool]] = []
    for line, blank in lines:
        if out and not blank and not _BULLET_START.match(line):
            prev = out[-1][0]
            lower_start = line[0].islower() and _OPEN_END.search(prev) is not None
            wrapped = width is not None and len(prev) >= 0.75 * width
            if lower_start or wrapped:
                out[-1] = (f"{prev} {line}", out[-1][1])
                continue
        out.append((line, blank))
    return out


def clean_lines(raw: str, title: str | None = None) -> list[tuple[str, bool]]:
    """The kept lines of ``raw``, each with whether a blank line preceded it.

    A known ``title`` (a page's own headline) becomes the first line whatever its
    length, and its repeats in ``raw`` are dropped like any other repeat.
    """
    text = normalize_text(raw)
    lines: list[tuple[str, bool]] = []
    blank_before = False
    for line in text.split("\n"):
        line = _MULTISPACE.sub(" ", line.strip())
        if not line:
            blank_before = True
            continue
        lines.append((line, blank_before))
        blank_before = False
    lines = unwrap(lines)

    kept: list[tuple[str, bool]] = []
    seen: set[str] = set()
    if title and _key(title):
        head = _MULTISPACE.sub(" ", " ".join(normalize_text(title).split()))
        kept.append((head, False))
        seen.add(_key(head))
    n = len(lines)
    pending_blank = bool(kept)  # a separate headline stands in its own paragraph
    for i, (line, blank) in enumerate(lines):
        pending_blank = pending_blank or blank
        crumb = _breadcrumb(line)
        if crumb is not None:
            line = crumb
        if not line:
            continue
        if i >= n / 2 and len(_words(line)) <= 6 and _END_MARKER.match(line):
            break
        if _is_link_farm(line) or _is_furniture(line):
            continue
        if _is_label(line) and not (not kept and _short_headline(line, lines[i + 1 : i + 2])):
            continue
        cut = _credit_tail(line)
        if cut is not None:
            caption = line[:cut].strip()
            if not _NUMBERISH.search(caption) and len(_words(caption)) <= MAX_CAPTION_WORDS:
                continue
            line = caption
        key = _key(line)
        if not key or key in seen:
            continue
        recent = [k[0] for k in kept[-3:]]
        if kept:
            recent.append(kept[0][0])
        if any(_near_repeat(line, other) for other in recent):
            continue
        seen.add(key)
        kept.append((line, pending_blank and bool(kept)))
        pending_blank = False
    return kept


def clean_article(raw: str, title: str | None = None) -> CleanedArticle:
    """Title and cleaned body of a raw article text; both empty when nothing is left.

    ``title`` is the headline when the source states it apart from the text (a web
    page's title); otherwise the first kept line is the headline.
    """
    kept = clean_lines(raw, title)
    if not kept or (title and len(kept) == 1):
        return CleanedArticle(title="", body="")
    parts = [kept[0][0]]
    for line, blank in kept[1:]:
        parts.append("\n\n" if blank else "\n")
        parts.append(line)
    body = "".join(parts)
    return CleanedArticle(title=make_title(kept[0][0]), body=body)
