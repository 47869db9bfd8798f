"""The seed gold (tests/data/gold_seeds.json): extraction through the real ingest path
(cleaning, extraction, SQLite, contract records) must meet the quality bar of issue 3.

The metrics are tests/goldscore.py's, which mirror ../shared/eval/score.py: a gold figure
is found when a record has its value and its sentence contains the gold context.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from store.db import open_db
from store.ingest import ingest_sources
from store.queries import list_figures, list_timeline
from tests import goldscore
from tests.goldscore import norm

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text())


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("gold") / "gold.db")
    for name, g in GOLD.items():
        outcomes = list(
            ingest_sources(
                db, [str(ROOT / "seeds" / name)], published=date.fromisoformat(g["published"])
            )
        )
        assert [o.status for o in outcomes] == ["stored"], outcomes
    figs = [f.as_contract() for f in list_figures(db)]
    events = [e.as_contract() for e in list_timeline(db)]
    return figs, events


def _score(figs, events):
    s = goldscore.score(GOLD, figs, events)
    return s.metrics, s.misses


BAR = {
    "figure_recall": 0.95,
    "figure_precision": 0.95,
    "qualifier": 0.95,
    "actor": 0.90,
    "claimant": 0.85,
    "hedged": 0.85,
    "date_recall": 0.95,
    "date_value": 0.95,
}


@pytest.mark.parametrize("metric", sorted(BAR))
def test_seed_gold_meets_the_bar(records, metric):
    res, misses = _score(*records)
    assert res[metric] >= BAR[metric], (res[metric], misses)


def test_traps_are_not_figures(records):
    figs, _ = records
    for name, g in GOLD.items():
        for trap in g["not_figures"]:
            texts = [p["text"] for p in figs if Path(p["source"]).name == name]
            assert not [t for t in texts if norm(trap) in norm(t) or norm(t) in norm(trap)], trap


def test_offsets_point_into_the_sentence(records):
    figs, events = records
    for r in figs + events:
        assert r["text"] in r["sentence"]
        assert r["end"] - r["start"] == len(r["text"])
