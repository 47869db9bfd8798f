"""Date expressions: spans, values and granularity, on the seeds and on other stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.dates import find_dates
from store.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text())
MANIFEST = json.loads((SEEDS / "manifest.json").read_text())


def dates_of(body: str, published: date | None):
    found = find_dates(body, split_sentences(body), published)
    for d in found:
        assert body[d.start : d.end] == d.text
    return found


def pairs(body: str, published: date | None = date(2024, 11, 18)):
    """(text, value) of every expression, the simplest view to assert on."""
    return [(d.text, d.value) for d in dates_of(body, published)]


def one(body: str, published: date | None = date(2024, 11, 18)):
    found = dates_of(body, published)
    assert len(found) == 1, found
    return found[0]


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").split()).lower()


# ---------------------------------------------------------------- seeds (analyst gold)
def _seed(name: str):
    body = (SEEDS / name).read_text()
    return body, date.fromisoformat(MANIFEST[name]["published"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_gold_dates_found_with_their_value(name):
    body, published = _seed(name)
    found = dates_of(body, published)
    for gold in GOLD[name]["dates"]:
        if not gold["required"]:
            continue
        want = _norm(gold["text"])
        hits = [d for d in found if _norm(d.text) in want or want in _norm(d.text)]
        assert hits, f"{gold['text']!r} not found in {name}"
        assert gold["value"] in {d.value for d in hits}, (gold, hits)


def _seed_value(name: str, text: str):
    body, published = _seed(name)
    return [(d.value, d.end_value, d.granularity) for d in dates_of(body, published)
            if d.text == text]


@pytest.mark.parametrize(
    ("name", "text", "value", "end_value", "granularity"),
    [
        ("000_cfacce3046a14ca6.txt", "Tuesday, November 19", "2024-11-19", None, "day"),
        ("000_cfacce3046a14ca6.txt", "Saturday, November 16", "2024-11-16", None, "day"),
        ("000_cfacce3046a14ca6.txt", "October 27-28", "2024-10-27", "2024-10-28", "day"),
        ("000_cfacce3046a14ca6.txt", "the same day", "2024-10-31", None, "day"),
        ("000_cfacce3046a14ca6.txt", "the last week of October", "2024-W44", None, "week"),
        ("002_2e8988af5cd44567.txt", "last month", "2024-10", None, "month"),
        ("002_2e8988af5cd44567.txt", "September", "2024-09", None, "month"),
        ("002_2e8988af5cd44567.txt", "March", "2024-03", None, "month"),
        ("002_2e8988af5cd44567.txt", "February 2022", "2022-02", None, "month"),
        ("002_2e8988af5cd44567.txt", "June", "2024-06", None, "month"),
        ("002_2e8988af5cd44567.txt", "Friday", "2024-11-15", None, "day"),
        ("002_2e8988af5cd44567.txt", "the start of 2024", "2024", None, "year"),
        ("003_18f0df8674141607.txt", "Wednesday", "2024-10-23", None, "day"),
        ("003_18f0df8674141607.txt", "December", "2024-12", None, "month"),
        ("003_18f0df8674141607.txt", "Tuesday", "2024-10-22", None, "day"),
        ("003_18f0df8674141607.txt", "8 October", "2024-10-08", None, "day"),
        ("003_18f0df8674141607.txt", "1 November", "2024-11-01", None, "day"),
        ("004_e5d0ce18f75aa787.txt", "November 5", "2024-11-05", None, "day"),
        ("004_e5d0ce18f75aa787.txt", "2022", "2022", None, "year"),
    ],
)
def test_seed_expressions(name, text, value, end_value, granularity):
    assert (value, end_value, granularity) in _seed_value(name, text)


def test_seed_traps_are_not_dates():
    for name in GOLD:
        body, published = _seed(name)
        texts = [d.text for d in dates_of(body, published)]
        for trap in ("may", "We", "20%", "G20", "G-20", "3,000", "the first days", "near future"):
            assert not any(trap == t for t in texts), (name, trap, texts)
        assert not any("few months" in t for t in texts)


def test_seed_sentence_offsets_contain_each_expression():
    for name in GOLD:
        body, published = _seed(name)
        for d in dates_of(body, published):
            assert d.sentence_start <= d.start < d.end <= d.sentence_end
            assert body[d.sentence_start : d.sentence_end].strip()
