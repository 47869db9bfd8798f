"""Real published news text that is not in seeds/ (tests/data/gold_news/): extraction through
the real ingest path must stay at or above the level measured when the gold was written,
less a small margin. Raise a floor when extraction improves; never lower one to make a
change pass.

The full table and every miss: ``.venv/bin/python -m tests.goldscore -v`` (or
``bench/gold_news.py -v``). The gold format and annotation conventions are in
tests/data/gold_news/README.md.
"""

from __future__ import annotations

import json

import pytest

from tests import goldscore
from tests.goldscore import NEWS_DIR

GOLD = goldscore.load_gold(NEWS_DIR / "gold.json")
MANIFEST = json.loads((NEWS_DIR / "manifest.json").read_text(encoding="utf-8"))

# Measured on the merged rules of issue 8, less 0.03 or, for a metric over fewer than 34
# items, less one item; rounded down. The rules were tuned on this set: the held-out set
# (tests/test_gold_holdout.py) is the one that says how they do on unseen text.
FLOOR = {
    "figure_recall": 0.96,  # 0.994 over 318 required figures
    "figure_precision": 0.97,  # 1.000 over 349 records, no trap
    "figure_f1": 0.96,  # 0.997
    "qualifier": 0.97,  # 1.000 over 316 found figures
    "unit": 0.97,  # 1.000 over 316
    "claimant": 0.95,  # 0.976 -> 0.982 over 169 (gold3 branch)
    "claimant_none": 0.95,  # 0.986 over 70
    "date": 0.97,  # 1.000 over 61
    "hedged": 0.97,  # 1.000 over 37
    "date_recall": 0.97,  # 1.000 over 102 date expressions
    "date_value": 0.97,  # 1.000 over 102
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    figs, events = goldscore.records_in_process(
        GOLD, NEWS_DIR, tmp_path_factory.mktemp("gold_news") / "gold_news.db"
    )
    return goldscore.score(GOLD, figs, events), figs, events


def test_print_score_table(result):
    s, _, _ = result
    print("\n" + goldscore.table(s))  # shown with -s or -rP


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_news_gold_stays_at_the_measured_level(result, metric):
    goldscore.check_floor(result[0], metric, FLOOR)


def test_offsets_point_into_the_sentence(result):
    goldscore.check_offsets(result[1], result[2])


# --- the gold itself ---------------------------------------------------------------------


def test_every_article_has_a_manifest_entry_and_a_file():
    goldscore.check_manifest(NEWS_DIR, GOLD, MANIFEST)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_is_well_formed(name):
    goldscore.check_well_formed(NEWS_DIR, GOLD, name)


def test_the_set_is_big_and_varied_enough():
    figures = [f for g in GOLD.values() for f in g["figures"] if f["required"]]
    assert len(GOLD) >= 20 and len(figures) >= 150
    assert len({m["outlet"] for m in MANIFEST.values()}) >= 15
    assert sum(bool(f.get("unattributed")) for f in figures) >= 20  # scored as claimant_none
