"""The language an article is written in, told from its text at ingest.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams for 139
languages, shipped inside the wheel, nothing downloaded) scores the text. We act on its
answer only when it is sure: extraction's rules are English, and an English article
wrongly skipped would lose every figure, while a foreign one wrongly read as English is
what this check is for. So:

- a text is *not English* when the model's best language is another one and either
  the model is sure of it (a probability of at least :data:`SURE`) or it all but rules
  English out (at most :data:`RULED_OUT`): a foreign headline spreads its probability
  over neighbouring languages (Spanish, Galician, Catalan) but gives English none;
- only on at least :data:`MIN_LETTERS` letters, or on fewer when most of them are not
  Latin letters (a Korean or Russian headline is short but cannot be English);
- and only when English paragraphs hold less than :data:`MIXED_SHARE` of its letters (an
  English article quoting a paragraph in French stays English);
- when the model is not sure, the language recorded is the likeliest of those in
  :data:`NAMES` (Spanish rather than Extremaduran), with its probability;
- a language made of English words (:data:`ENGLISH_LIKE`: Nigerian Pidgin, which the
  model names for some English headlines) is never a reason to skip a text;
- otherwise it is English; ``certain`` is False when that is a fallback (a headline-only
  text, a list of names) rather than what the model said with confidence, and
  ``confidence`` is then English's probability, low.

Measured by ``bench/language.py`` on two sets of short news lines (headlines and single
sentences, ``tests/data/languages/``): no English line is taken for another language,
and most foreign lines are told; on whole articles the probability is near 1.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

SURE = 0.90
RULED_OUT = 0.01
ENGLISH_LIKE = frozenset({"pcm"})
MIN_LETTERS = 20
MIXED_SHARE = 0.30
SAMPLE_CHARS = 20_000  # a long article is told from its first pages

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_lock = threading.Lock()

NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
    "ko": "Korean", "ja": "Japanese", "zh": "Chinese", "ar": "Arabic", "tr": "Turkish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech",
    "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "el": "Greek", "he": "Hebrew",
    "fa": "Persian", "hi": "Hindi", "id": "Indonesian", "vi": "Vietnamese", "th": "Thai",
    "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian", "lt": "Lithuanian",
    "lv": "Latvian", "et": "Estonian", "ca": "Catalan", "gl": "Galician", "eu": "Basque",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639-1, e.g. "en", "de"
    confidence: float  # the model's probability for it; for a mixed text, English's share
    certain: bool  # False: too little text to tell, taken as English

    @property
    def name(self) -> str:
        return language_name(self.code)


def language_name(code: str | None) -> str:
    """ "German" for "de"; the code itself for a language without a name here."""
    if not code:
        return "unknown"
    return NAMES.get(code, code)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _ranked(text: str) -> list[tuple[str, float]]:
    """Every language of the model with its probability, likeliest first."""
    with _lock:  # one model shared by threads; numpy work, quick
        ranked = _identifier().rank(text)
    return [(str(c), float(p)) for c, p in ranked]


def _classify(text: str) -> tuple[str, float, float]:
    """(best language, its probability, the probability of English)."""
    ranked = _ranked(text)
    code, prob = ranked[0]
    english = next((p for c, p in ranked if c == "en"), 0.0)
    return code, prob, english


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _latin_letters(text: str) -> int:
    """Letters of the Latin script (ASCII and its accented extensions)."""
    return len(_LATIN.findall(text))


def detect_language(text: str) -> Language:
    """The language of ``text`` (see the module docstring for when it counts as sure)."""
    sample = text[:SAMPLE_CHARS]
    letters = _letters(sample)
    if letters == 0:
        return Language("en", 0.0, False)
    ranked = _ranked(sample)
    code, prob = ranked[0]
    english = next((p for c, p in ranked if c == "en"), 0.0)
    if code == "en":
        return Language("en", prob, prob >= SURE and letters >= MIN_LETTERS)
    told = prob >= SURE or english <= RULED_OUT
    enough = letters >= MIN_LETTERS or 2 * _latin_letters(sample) < letters
    if not told or not enough or code in ENGLISH_LIKE:
        return Language("en", english, False)
    share = _english_share(sample)
    if share >= MIXED_SHARE:
        return Language("en", share, True)
    if prob < SURE:  # a guess: the likeliest of the languages we name, not a dialect of it
        code, prob = next(((c, p) for c, p in ranked if c in NAMES and c != "en"), (code, prob))
    return Language(code, prob, True)


def _english_share(text: str) -> float:
    """Share of the letters that sit in paragraphs the model reads as English."""
    total = english = 0
    for paragraph in _PARAGRAPH.split(text):
        n = _letters(paragraph)
        if n < MIN_LETTERS:
            continue
        total += n
        code, prob, _ = _classify(paragraph)
        if code == "en" and prob >= 0.5:
            english += n
    return english / total if total else 0.0
