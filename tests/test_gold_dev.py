"""Development gold (tests/data/gold_dev/): real published news on other stories than
gold_news and gold_holdout, rich in background facts after quotes, counts dated by their own
clause, and plans. Extraction through the real ingest path must stay at or above the level
measured, less a small margin. Raise a floor when extraction improves; never lower one to
make a change pass.

Every miss: ``.venv/bin/python -m tests.goldscore -v --gold tests/data/gold_dev/gold.json
--articles tests/data/gold_dev``. Format and conventions: tests/data/gold_news/README.md.
"""

from __future__ import annotations

import json

import pytest

from tests import goldscore
from tests.goldscore import ROOT

DEV_DIR = ROOT / "tests" / "data" / "gold_dev"
GOLD = goldscore.load_gold(DEV_DIR / "gold.json")
MANIFEST = json.loads((DEV_DIR / "manifest.json").read_text(encoding="utf-8"))

# Measured (comment: main at d9181e5 -> this branch), less 0.03 or, for a metric over
# fewer than 34 items, less one item; rounded down.
FLOOR = {
    "figure_recall": 0.93,  # 0.967 over 90 required figures
    "figure_precision": 0.95,  # 0.984 over 124 records
    "figure_f1": 0.94,  # 0.975
    "qualifier": 0.97,  # 1.000 over 87 found figures
    "unit": 0.97,  # 1.000 over 87
    "claimant": 0.93,  # 0.825 -> 0.965 over 57
    "claimant_none": 0.90,  # 0.773 -> 0.955 over 22 (less one item)
    "date": 0.96,  # 0.840 -> 1.000 over 25 (less one item)
    "hedged": 0.92,  # 1.000 over 14 (less one item)
    "date_recall": 0.97,  # 1.000 over 40
    "date_value": 0.97,  # 1.000 over 40
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    figs, events = goldscore.records_in_process(
        GOLD, DEV_DIR, tmp_path_factory.mktemp("gold_dev") / "gold_dev.db"
    )
    return goldscore.score(GOLD, figs, events), figs, events


def test_print_score_table(result):
    s, _, _ = result
    print("\n" + goldscore.table(s))  # shown with -s or -rP


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_dev_gold_stays_at_the_measured_level(result, metric):
    goldscore.check_floor(result[0], metric, FLOOR)


def test_every_article_has_a_manifest_entry_and_a_file():
    goldscore.check_manifest(DEV_DIR, GOLD, MANIFEST)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_is_well_formed(name):
    goldscore.check_well_formed(DEV_DIR, GOLD, name)


def test_the_set_is_the_kind_it_is_meant_to_be():
    figures = [f for g in GOLD.values() for f in g["figures"] if f["required"]]
    assert len(GOLD) >= 12 and len(figures) >= 60
    assert len({m["outlet"] for m in MANIFEST.values()}) >= 10
    assert sum(bool(f.get("unattributed")) for f in figures) >= 15
    assert sum(bool(f["date"]) for f in figures) >= 20
    assert sum(bool(f["hedged"]) for f in figures) >= 12
