"""Third development gold (tests/data/gold_dev3/): 20 real published reports on stories and
from outlets not in gold_news, gold_dev or gold_holdout (floods, displacement, cholera, drug
seizures, football crowds, company results, grain and oil output, turnout, inflation, plant
closures), chosen for claimants given in another sentence or by role, the writer's own
background figures, figures dated by their own clause, forecasts, and units with modifiers.
Extraction through the real ingest path must stay at or above the level measured, less a
small margin. Raise a floor when extraction improves; never lower one to make a change pass.

Every miss: ``.venv/bin/python -m tests.goldscore -v --gold tests/data/gold_dev3/gold.json
--articles tests/data/gold_dev3``. Format and conventions: tests/data/gold_news/README.md.
"""

from __future__ import annotations

import json

import pytest

from tests import goldscore
from tests.goldscore import ROOT

DEV3_DIR = ROOT / "tests" / "data" / "gold_dev3"
GOLD = goldscore.load_gold(DEV3_DIR / "gold.json")
MANIFEST = json.loads((DEV3_DIR / "manifest.json").read_text(encoding="utf-8"))

# Measured (comment: main at 6921c11 -> the gold3 branch), less 0.03 or, for a metric over
# fewer than 34 items, less one item; rounded down.
FLOOR = {
    "figure_recall": 0.96,  # 0.879 -> 0.993 over 140 required figures
    "figure_precision": 0.96,  # 0.975 -> 0.994 over 175 records
    "figure_f1": 0.96,  # 0.924 -> 0.994
    "qualifier": 0.94,  # 0.992 -> 0.978 over 139 found figures
    "unit": 0.97,  # 1.000 -> 1.000 over 139
    "claimant": 0.97,  # 0.810 -> 1.000 over 84
    "claimant_none": 0.97,  # 0.963 -> 1.000 over 35
    "date": 0.90,  # 0.846 -> 0.875 over 32 (less one item); 0.938 with the gold_dev4 rules
    "hedged": 0.95,  # 0.952 -> 1.000 over 21 (less one item)
    "date_recall": 0.97,  # 1.000 -> 1.000 over 61
    "date_value": 0.97,  # 0.984 -> 1.000 over 61
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    figs, events = goldscore.records_in_process(
        GOLD, DEV3_DIR, tmp_path_factory.mktemp("gold_dev3") / "gold_dev3.db"
    )
    return goldscore.score(GOLD, figs, events), figs, events


def test_print_score_table(result):
    s, _, _ = result
    print("\n" + goldscore.table(s))  # shown with -s or -rP


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_dev3_gold_stays_at_the_measured_level(result, metric):
    goldscore.check_floor(result[0], metric, FLOOR)


def test_every_article_has_a_manifest_entry_and_a_file():
    goldscore.check_manifest(DEV3_DIR, GOLD, MANIFEST)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_gold_is_well_formed(name):
    goldscore.check_well_formed(DEV3_DIR, GOLD, name)


def test_the_set_is_the_kind_it_is_meant_to_be():
    figures = [f for g in GOLD.values() for f in g["figures"] if f["required"]]
    assert len(GOLD) >= 18 and len(figures) >= 120
    assert len({m["outlet"] for m in MANIFEST.values()}) >= 15
    assert sum(bool(f.get("unattributed")) for f in figures) >= 30
    assert sum(bool(f["date"]) for f in figures) >= 20
    assert sum(bool(f["hedged"]) for f in figures) >= 15
    # claimants by role or given in another sentence than the figure's
    assert sum(bool(f["claimant"]) for f in figures) >= 60
