"""Evidence: each figure keeps the words that decided its qualifier, hedge, claimant,
date, unit and actor, as offsets into the body."""

from __future__ import annotations

from datetime import date

from store.extract import extract
from store.extract.models import Cue, Evidence

PUB = date(2025, 3, 14)


def _figure(body: str, text: str):
    figures = extract(body, PUB).figures
    found = [f for f in figures if f.text == text]
    assert found, [f.text for f in figures]
    return found[0]


def _held(body: str, cue: Cue | None) -> str | None:
    if cue is None:
        return None
    assert body[cue.start : cue.end] == cue.text
    return cue.text


def test_qualifier_hedge_claimant_unit_and_date_cues():
    body = (
        "Port officials said on Wednesday that as many as 4,000 dockworkers could walk off the job."
    )
    f = _figure(body, "as many as 4,000 dockworkers")
    ev = f.evidence
    assert f.qualifier == "max" and _held(body, ev.qualifier) == "as many as"
    assert f.hedged and _held(body, ev.hedge) == "could"
    assert _held(body, ev.claimant) == "Port officials"
    assert _held(body, ev.unit) == "dockworkers"
    assert f.date == "2025-03-12" and _held(body, ev.date) == "Wednesday"


def test_plain_figure_has_only_its_unit():
    body = "Farmers planted 900 hectares of barley."
    f = _figure(body, "900 hectares")
    assert f.evidence.qualifier is None and f.evidence.hedge is None
    assert f.evidence.claimant is None and f.evidence.date is None
    assert _held(body, f.evidence.unit) == "hectares"


def test_trailing_qualifier_percent_and_currency_signs():
    body = "Turnout reached 58% in the capital. The charity will send 5,000 or more tents."
    pct = _figure(body, "58%")
    assert _held(body, pct.evidence.unit) == "%"
    cost = _figure(body, "5,000 or more tents")
    assert cost.qualifier == "min" and _held(body, cost.evidence.qualifier) == "or more"
    assert _held(body, cost.evidence.unit) == "tents"
    assert cost.hedged and _held(body, cost.evidence.hedge) == "will"


def test_vague_amount_is_its_own_qualifier_cue():
    body = "Hundreds of volunteers cleared the beach."
    f = _figure(body, "Hundreds of volunteers")
    assert f.qualifier == "min" and _held(body, f.evidence.qualifier) == "Hundreds"


def test_claimant_in_an_earlier_sentence_points_there():
    body = (
        "Health officials in the province gave an update on Friday. "
        "They said 37 patients were still in intensive care."
    )
    f = _figure(body, "37 patients")
    if f.claimant is not None:
        cue = f.evidence.claimant
        assert cue is not None and body[cue.start : cue.end] == cue.text


def test_unit_read_before_the_number_and_from_a_verb():
    body = "The toll from the landslide climbed to 63. Rescuers said 11 were injured."
    toll = _figure(body, "63")
    assert _held(body, toll.evidence.unit) == "toll"
    hurt = _figure(body, "11")
    assert _held(body, hurt.evidence.unit) == "injured"


def test_actor_cue_names_the_party():
    body = "Russia has moved about 2,500 soldiers to the border, officials said."
    f = _figure(body, "about 2,500 soldiers")
    assert f.actor == "Russia" and _held(body, f.evidence.actor) == "Russia"


def test_record_round_trip_and_unknown_keys():
    ev = Evidence(qualifier=Cue(0, 5, "up to"), unit=Cue(9, 15, "troops"))
    rec = ev.as_record()
    assert rec == {
        "qualifier": {"start": 0, "end": 5, "text": "up to"},
        "unit": {"start": 9, "end": 15, "text": "troops"},
    }
    assert Evidence.from_record(rec) == ev
    assert Evidence.from_record({"qualifier": {"start": "x"}, "other": 1}) == Evidence()
    assert Evidence.from_record(None) == Evidence()
