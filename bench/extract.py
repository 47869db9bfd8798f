"""Benchmark: articles per second for figures + dates, against dateparser's search_dates.

    .venv/bin/python bench/extract.py [--articles 3000] [--baseline-sample 40] [--seed 7]

Builds a deterministic corpus of realistic news articles (the seed sentences
recombined, plus templated sentences from other stories: evacuations, elections,
earthquakes, budgets), then times on one core

* ``store.extract.extract`` (sentences + dates + figures) over every article,
* ``store.extract.dates.find_dates`` alone (sentences given),
* ``dateparser.search.search_dates`` over a sample of the same articles (it is slow;
  its rate is per article, so a sample measures it fairly),

and prints articles/s for each and the speed-up over the dateparser baseline.
Numbers only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.extract import extract  # noqa: E402
from store.extract.dates import find_dates  # noqa: E402
from store.extract.figures import find_figures  # noqa: E402
from store.extract.sentences import split_sentences  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import seed_sentences  # noqa: E402  (the seeds' sentences, as corpus.py mixes them in)

PLACES = [
    "Valencia",
    "Izmir",
    "Kherson",
    "Manila",
    "Lagos",
    "Porto Alegre",
    "Kathmandu",
    "Sylhet",
    "Oaxaca",
    "Bologna",
    "Tacloban",
    "Derna",
    "Herat",
    "Hokkaido",
]
OFFICIALS = [
    "the interior ministry",
    "the regional governor",
    "Reuters",
    "the UN refugee agency",
    "the electoral commission",
    "the finance minister",
    "local police",
    "the Red Cross",
    "state media",
    "the national weather service",
]
UNITS = [
    "people",
    "residents",
    "homes",
    "voters",
    "troops",
    "families",
    "buildings",
    "children",
    "ballots",
    "rescuers",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

TEMPLATES = [
    "About {n:,} {unit} were evacuated from {place} on {weekday}, {official} said.",
    "{Official} said on {month} {day} that up to {n:,} {unit} could be moved to shelters.",
    "The earthquake, which struck {place} at 4:17 a.m. on {day} {month}, killed at least {k}.",
    "More than {n:,} {unit} remain without power, according to {official}.",
    "The election will be held on {weekday}, {month} {day}, and {n:,} {unit} have registered.",
    "Turnout reached {pct}% in {year}, up from {pct2}% in the previous vote.",
    "Parliament approved a budget of ${bn} billion for {year} last month.",
    "Spending will rise by {pct}% next year, the finance minister said on {weekday}.",
    "{Official} may announce new measures in {month}, officials said.",
    "Since {year}, the city has spent {bn} billion dollars on flood defences.",
    "Two days later, {official} reported that {k} {unit} were still missing.",
    "The storm made landfall on {month} {day}-{day2}, bringing winds of {k} km/h.",
    "In the first days of the emergency, between {k} and {n:,} {unit} sought help.",
    "Aid deliveries are expected to resume by {month}, the agency said yesterday.",
    "At an {month} {day} news conference in {place}, {official} gave a figure of {n:,}.",
    "The G20 and Group of 7 nations pledged {bn} billion dollars in early {year}.",
    "Rescue teams found {k} survivors on the same day, and another {k2} three weeks ago.",
    "Officials will review the plan in the last week of {month}.",
    '"We need {n:,} more tents," {official} told reporters in {place}.',
    "Roughly {pct}% of the {n:,} {unit} surveyed in {month} {year} said they would leave.",
]


def _fill(rng: random.Random, template: str) -> str:
    official = rng.choice(OFFICIALS)
    day = rng.randint(1, 27)
    return template.format(
        n=rng.choice([120, 1_500, 3_000, 12_000, 40_000, 250_000, 1_200_000]) + rng.randint(0, 99),
        k=rng.randint(2, 90),
        k2=rng.randint(2, 90),
        unit=rng.choice(UNITS),
        place=rng.choice(PLACES),
        official=official,
        Official=official[0].upper() + official[1:],
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        day=day,
        day2=day + 1,
        year=rng.randint(2014, 2025),
        pct=rng.randint(2, 80),
        pct2=rng.randint(2, 80),
        bn=rng.randint(1, 90),
    )


def build_corpus(n: int, seed: int) -> list[tuple[str, date]]:
    """``n`` articles of 12-40 sentences in 3-8 paragraphs, with a publication date each."""
    rng = random.Random(seed)
    seeds = seed_sentences()
    corpus = []
    base = date(2024, 1, 1)
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(12, 40)):
            if rng.random() < 0.5:
                sentences.append(rng.choice(seeds))
            else:
                sentences.append(_fill(rng, rng.choice(TEMPLATES)))
        paragraphs, i = [], 0
        while i < len(sentences):
            k = rng.randint(2, 6)
            paragraphs.append(" ".join(sentences[i : i + k]))
            i += k
        headline = sentences[0].rstrip(".")
        body = headline + "\n\n" + "\n\n".join(paragraphs)
        corpus.append((body, base + timedelta(days=rng.randint(0, 700))))
    return corpus


def _time(fn, items) -> float:
    gc.collect()
    t0 = time.perf_counter()
    for item in items:
        fn(*item)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument(
        "--baseline-sample",
        type=int,
        default=40,
        help="articles given to dateparser.search.search_dates",
    )
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    a = ap.parse_args()

    corpus = build_corpus(a.articles, a.seed)
    chars = sum(len(body) for body, _ in corpus)

    extract(*corpus[0])  # warm-up: compiles patterns, fills caches
    t_extract = _time(extract, corpus)
    n_figures = n_dates = 0
    for body, pub in corpus:
        got = extract(body, pub)
        n_figures += len(got.figures)
        n_dates += len(got.dates)

    t_split = _time(split_sentences, [(body,) for body, _ in corpus])
    split = [(body, split_sentences(body), pub) for body, pub in corpus]
    t_dates = _time(find_dates, split)
    with_dates = [(body, sents, find_dates(body, sents, pub)) for body, sents, pub in split]
    t_figures = _time(find_figures, with_dates)

    t0 = time.perf_counter()
    from dateparser.search import search_dates  # lazily: importing it costs ~0.5 s

    t_import = time.perf_counter() - t0
    sample = corpus[: max(1, min(a.baseline_sample, len(corpus)))]

    def baseline(body: str, pub: date) -> None:
        base = datetime(pub.year, pub.month, pub.day)
        search_dates(body, languages=["en"], settings={"RELATIVE_BASE": base})

    warm = corpus[-1]  # an article outside the timed samples: dateparser caches per text
    baseline(*warm)  # warm-up: dateparser loads its language data on first use
    t_base = _time(baseline, sample)

    # dateparser as most code calls it: no language hint, so it detects one per text.
    sample_default = sample[: max(4, len(sample) // 4)]

    def baseline_default(body: str, pub: date) -> None:
        search_dates(body, settings={"RELATIVE_BASE": datetime(pub.year, pub.month, pub.day)})

    baseline_default(*warm)
    t_base_default = _time(baseline_default, sample_default)

    rate_extract = len(corpus) / t_extract
    rate_dates = len(corpus) / t_dates
    rate_base = len(sample) / t_base
    rate_default = len(sample_default) / t_base_default
    per_ms = 1000 / len(corpus)
    res = {
        "python": platform.python_version(),
        "articles": len(corpus),
        "mean_chars": round(chars / len(corpus)),
        "figures_found": n_figures,
        "dates_found": n_dates,
        "extract_s": round(t_extract, 3),
        "extract_articles_per_s": round(rate_extract, 1),
        "find_dates_articles_per_s": round(rate_dates, 1),
        "dateparser_sample": len(sample),
        "dateparser_import_s": round(t_import, 3),
        "dateparser_articles_per_s": round(rate_base, 2),
        "dateparser_projected_s_for_all": round(len(corpus) / rate_base, 1),
        "speedup_extract_vs_dateparser": round(rate_extract / rate_base, 1),
        "speedup_find_dates_vs_dateparser": round(rate_dates / rate_base, 1),
        "dateparser_default_sample": len(sample_default),
        "dateparser_default_articles_per_s": round(rate_default, 2),
        "speedup_extract_vs_dateparser_default": round(rate_extract / rate_default, 1),
        "ms_per_article": {
            "split_sentences": round(t_split * per_ms, 3),
            "find_dates": round(t_dates * per_ms, 3),
            "find_figures": round(t_figures * per_ms, 3),
            "extract": round(t_extract * per_ms, 3),
        },
    }
    if a.json:
        print(json.dumps(res, indent=1))
        return
    print(
        f"corpus: {res['articles']} articles, {res['mean_chars']} chars each on average "
        f"(seed {a.seed}); Python {res['python']}, one core"
    )
    print(
        f"extract (sentences+dates+figures): {t_extract:7.2f} s  "
        f"{rate_extract:9.1f} articles/s  ({n_dates} dates, {n_figures} figures)"
    )
    ms = res["ms_per_article"]
    print(
        f"  per article: split {ms['split_sentences']:.3f} ms, dates {ms['find_dates']:.3f} ms, "
        f"figures {ms['find_figures']:.3f} ms"
    )
    print(f"find_dates alone:                  {t_dates:7.2f} s  {rate_dates:9.1f} articles/s")
    print(
        f"dateparser search_dates baseline:  {t_base:7.2f} s  {rate_base:9.2f} articles/s  "
        f"(sample of {len(sample)}; ~{res['dateparser_projected_s_for_all']} s for all; "
        f"import {t_import:.2f} s not counted)"
    )
    print(
        f"speed-up: extract {res['speedup_extract_vs_dateparser']}x, "
        f"find_dates {res['speedup_find_dates_vs_dateparser']}x the dateparser baseline "
        f"(targets: >= 20x and >= 150 articles/s)"
    )
    print(
        f"dateparser with its default language detection: {rate_default:.2f} articles/s "
        f"(sample of {len(sample_default)}); extract is "
        f"{res['speedup_extract_vs_dateparser_default']}x that"
    )


if __name__ == "__main__":
    main()
