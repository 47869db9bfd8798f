"""Issue 8, "who says so" and "headlines and forms": claimants an analyst can quote, and
numbers in the forms headlines and wire copy write them. Every sentence here is written
for this file (other stories than the seeds); each test names the general rule."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store.extract import extract

PUB = date(2025, 3, 12)  # a Wednesday


def figs(text, published=PUB):
    ex = extract(text, published)
    for f in ex.figures:
        assert text[f.start : f.end] == f.text
        if f.claimant_start is not None:
            assert text[f.claimant_start : f.claimant_end] == f.claimant
    return ex.figures


def one(text, published=PUB):
    found = figs(text, published)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# --- headlines and forms -----------------------------------------------------------


@pytest.mark.parametrize(
    "headline, value, unit",
    [
        ("Government Unveils $200M Flood Fund", 200_000_000, "dollars"),
        ("Deficit Widens To $1.8 tn In Fiscal Year", 1_800_000_000_000, "dollars"),
        ("City Approves $425 mil Stadium Deal", 425_000_000, "dollars"),
        ("Britain Pledges £9 Billion For Rail Upgrades", 9_000_000_000, "pounds"),
        ("Streaming service passes 3bn subscribers", 3_000_000_000, "subscribers"),
        ("Airline Hires 2K Cabin Crew Members", 2_000, "members"),
        ("Regulator fines bank €1.25 bn", 1_250_000_000, "euros"),
    ],
)
def test_scale_abbreviations_in_headlines(headline, value, unit):
    f = one(headline)
    assert (f.value, f.unit) == (value, unit)


def test_a_model_number_in_a_title_case_headline_is_still_not_a_count():
    assert figs("Airline Grounds Boeing 737 Jets After Incident") == []


def test_title_case_headline_speaker_and_plan():
    f = one("Finland Says Russia To Move 15K Reservists Near Border")
    assert (f.value, f.unit, f.claimant, f.hedged) == (15_000, "reservists", "Finland", True)


@pytest.mark.parametrize(
    "headline, hedged",
    [
        ("Carmaker to cut 2,500 jobs in Germany", True),
        ("Hospital Trust To Close 300 Beds", True),
        ("Exports Rise To 4,000 Tonnes", False),
        ("Ferry Carries 900 Passengers To Safety", False),
    ],
)
def test_a_headline_infinitive_is_a_plan(headline, hedged):
    assert one(headline).hedged is hedged


@pytest.mark.parametrize(
    "headline, value, claimant",
    [
        ("Chipmaker To Shed 4,000 Jobs – FT", 4000, "FT"),
        ("Pensioners face £700 energy bill rise: IFS", 700, "IFS"),
        ("Wildfire destroys 1,100 homes — AP", 1100, "AP"),
    ],
)
def test_a_source_after_a_dash_or_colon_is_the_claimant(headline, value, claimant):
    f = one(headline)
    assert (f.value, f.claimant) == (value, claimant)


@pytest.mark.parametrize(
    "text, value",
    [
        ("$17.1bn", 17_100_000_000),
        ("$17.1 billion", 17_100_000_000),
        ("€0.3bn", 300_000_000),
        ("$2.3 million", 2_300_000),
        ("1.15 trillion yen", 1_150_000_000_000),
        ("4.1 to 4.7 million euros", 4_100_000),
    ],
)
def test_scaled_values_are_exact(text, value):
    f = one(f"The insurer said it paid {text} in claims.")
    assert f.value == value
    assert json.dumps(f.value) in (f"{value}.0", str(value))


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("Roughly 1,200 émigrés returned after the ceasefire.", "émigrés"),
        ("Some 40 cafés closed during the strike.", "cafés"),
        ("The prefecture said about 3,000 évacués were in shelters.", "évacués"),
    ],
)
def test_nouns_beyond_ascii_are_units(sentence, unit):
    assert one(sentence).unit == unit
