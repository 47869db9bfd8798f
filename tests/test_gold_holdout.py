"""A HELD-OUT set of real published news (tests/data/gold_holdout/): 24 articles that no
extraction rule was tuned on. Extraction through the real ingest path must stay at or above
the level measured when the set was written, less a small margin.

This set is held out: never tune extraction rules to it, never write a rule or a test from
its sentences. Look at its misses only to file general issues, and fix those on other text
(tests/data/gold_news/, your own sentences). Raise a floor when extraction improves on its
own; never lower one to make a change pass.

The full table and every miss::

    .venv/bin/python -m tests.goldscore --gold tests/data/gold_holdout/gold.json \
        --articles tests/data/gold_holdout -v

The format and the annotation conventions are those of tests/data/gold_news/README.md;
tests/data/gold_holdout/README.md says how this set was made.
"""

from __future__ import annotations

import json

import pytest

from tests import goldscore
from tests.goldscore import ROOT

HOLDOUT_DIR = ROOT / "tests" / "data" / "gold_holdout"
GOLD = goldscore.load_gold(HOLDOUT_DIR / "gold.json")
MANIFEST = json.loads((HOLDOUT_DIR / "manifest.json").read_text(encoding="utf-8"))

# Measured on the merged rules of issue 8 (in brackets: when the set was written), less
# 0.03 or, for a metric over fewer than 34 items, less one item; rounded down. (actor: no gold figure states one.)
FLOOR = {
    "figure_recall": 0.88,  # 0.915 over 177 required figures (0.870 when written)
    "figure_precision": 0.96,  # 0.990 over 195 records (0.984)
    "figure_f1": 0.92,  # 0.951 (0.924)
    "high": 0.66,  # 0.833 over 6 found figures (5/6; one item less: 4/6)
    "qualifier": 0.95,  # 0.981 over 154 found figures
    "unit": 0.91,  # 0.944 over 161 (0.922)
    "claimant": 0.90,  # 0.922 over 90 (83/90; one item less: 0.911) (0.900 before gold_dev3, 0.893)
    "claimant_none": 0.78,  # 0.816 over 38 (31/38; one item less: 0.789) (0.789 before gold_dev3)
    "date": 0.83,  # 0.866 over 67 (0.844)
    "hedged": 0.86,  # 0.897 over 29 (26/29; one item less: 25/29) (0.828 before gold_dev4, 0.630)
    "date_recall": 0.95,  # 0.988 over 83 date expressions
    "date_value": 0.95,  # 0.988 over 83 (0.976 before gold_dev4)
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    figs, events = goldscore.records_in_process(
        GOLD, HOLDOUT_DIR, tmp_path_factory.mktemp("gold_holdout") / "gold_holdout.db"
    )
    return goldscore.score(GOLD, figs, events), figs, events


def test_print_score_table(result):
    s, _, _ = result
    print("\n" + goldscore.table(s))  # shown with -s or -rP


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_holdout_gold_stays_at_the_measured_level(result, metric):
    goldscore.check_floor(result[0], metric, FLOOR)


def test_offsets_point_into_the_sentence(result):
    goldscore.check_offsets(result[1], result[2])


# --- the gold itself ---------------------------------------------------------------------


def test_every_article_has_a_manifest_entry_and_a_file():
    goldscore.check_manifest(HOLDOUT_DIR, GOLD, MANIFEST)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_is_well_formed(name):
    goldscore.check_well_formed(HOLDOUT_DIR, GOLD, name)


def test_the_set_is_big_varied_and_apart_from_the_tuning_sets():
    figures = [f for g in GOLD.values() for f in g["figures"] if f["required"]]
    assert 20 <= len(GOLD) <= 25 and len(figures) >= 150
    assert len({m["outlet"] for m in MANIFEST.values()}) >= 15
    assert sum(bool(f["claimant"]) for f in figures) >= len(figures) // 3
    assert sum(bool(f.get("unattributed")) for f in figures) >= 20
    # held out: no source page is shared with the tuned sets
    news = json.loads((ROOT / "tests/data/gold_news/manifest.json").read_text(encoding="utf-8"))
    assert not {m["source"] for m in MANIFEST.values()} & {m["source"] for m in news.values()}
