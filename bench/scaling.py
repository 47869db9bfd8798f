"""Benchmark: does the work grow linearly with the text? Prints ratios, asserts nothing.

    .venv/bin/python bench/scaling.py

For each step that once went quadratic on long single-line text, times it on a body
and on the same body 8x as long (best of five each) and prints the ratio: about 8
when linear, about 64 when quadratic. These used to be timed assertions in the test
suite; timings belong here, where a busy machine cannot fail a build.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.extract import extract  # noqa: E402
from store.extract.dates import find_dates  # noqa: E402
from store.extract.sentences import split_sentences  # noqa: E402

PUBLISHED = date(2024, 11, 18)


def best_of(fn, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


CASES = {
    # A body with no line breaks: the splitter once searched each stop's word from the
    # line start (2.9 s for 90 kB).
    "split_sentences, one long line": (
        "Gen. Smith of the U.S. said 40 homes were destroyed. ",
        200,
        lambda body: split_sentences(body),
    ),
    # Thousands of dates in one unpunctuated sentence: tense lookups bisect.
    "find_dates, run-on sentence": (
        "they will meet on Monday and said on 4 October, ",
        600,
        lambda body: find_dates(body, split_sentences(body), PUBLISHED),
    ),
    "extract, run-on sentence with figures": (
        "officials said 3,000 troops arrived on Monday and 40 homes burned, ",
        50,
        lambda body: extract(body, PUBLISHED),
    ),
}


def main() -> None:
    print(f"{'step':42} {'small s':>9} {'8x s':>9} {'ratio':>7}  (linear ~8, quadratic ~64)")
    for name, (unit, repeats, run) in CASES.items():
        small_body, large_body = unit * repeats, unit * repeats * 8
        small = best_of(lambda b=small_body, run=run: run(b))
        large = best_of(lambda b=large_body, run=run: run(b))
        print(f"{name:42} {small:9.4f} {large:9.4f} {large / small:7.1f}")


if __name__ == "__main__":
    main()
