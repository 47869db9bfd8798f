"""Benchmark: how well the language of short news text is told (store.sources.language).

    .venv/bin/python bench/language.py

Three sets, all short (a headline or a single sentence, where telling a language is
hardest; whole articles are told with a probability near 1):

* ``tests/data/languages/short_news.tsv``: headlines and single sentences in 11 languages;
* ``tests/data/languages/short_news_names.tsv``: headlines heavy with foreign names
  (English ones about Kim, Erdogan, Sheinbaum ...; others in 12 languages), written to
  tempt the model into calling English something else;
* every sentence of 20 letters or more of the English gold articles and the seeds.

For each it prints the model's raw best guess (right / all) and what
``detect_language`` decides: English lines kept as English, and other lines told as
their language, as another non-English one, or taken for English (then the English rules
run over them). Numbers only; nothing is asserted (tests/test_language.py asserts).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.extract.sentences import split_sentences  # noqa: E402
from store.sources.language import _classify, _letters, detect_language  # noqa: E402

SETS = ("short_news.tsv", "short_news_names.tsv")


def rows_of(name: str) -> list[tuple[str, str]]:
    path = ROOT / "tests" / "data" / "languages" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line.strip()]


def gold_sentences() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "tests" / "data").glob("gold_*/*.txt"))
    paths += sorted((ROOT / "store" / "seeds").glob("*.txt"))
    out = []
    for p in paths:
        body = p.read_text(encoding="utf-8")
        out += [("en", s.text.strip()) for s in split_sentences(body) if _letters(s.text) >= 20]
    return out


def report(label: str, rows: list[tuple[str, str]]) -> None:
    english = [t for c, t in rows if c == "en"]
    foreign = [(c, t) for c, t in rows if c != "en"]
    raw = sum(_classify(t)[0] == c for c, t in rows)
    kept = sum(detect_language(t).code == "en" for t in english)
    found = [(c, detect_language(t).code) for c, t in foreign]
    right = sum(c == got for c, got in found)
    other = sum(got not in (c, "en") for c, got in found)
    as_en = sum(got == "en" for _c, got in found)
    langs = len({c for c, _ in foreign})
    print(f"{label}: {len(rows)} lines ({len(english)} English, {len(foreign)} in {langs} other)")
    print(f"  model's best guess right     {raw}/{len(rows)}")
    print(f"  English kept as English      {kept}/{len(english)}")
    if foreign:
        print(f"  others told right            {right}/{len(foreign)}")
        print(f"  others told, another code    {other}/{len(foreign)}")
        print(f"  others taken for English     {as_en}/{len(foreign)}")


def main() -> int:
    detect_language("warm up the model")
    start = time.perf_counter()
    for name in SETS:
        report(name, rows_of(name))
    report("English gold and seed sentences", gold_sentences())
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
