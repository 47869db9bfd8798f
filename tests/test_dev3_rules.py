"""Rules found on the third development gold (tests/data/gold_dev3/), each tried on
sentences of our own about other stories: South Asian scale words and currencies written
before the digits, claimants by role or carried by a pronoun, the writer's own comparisons,
and a figure's date taken from its own clause."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extracting import checked_figures

PUB = date(2023, 5, 10)


def _by_text(text: str, published: date = PUB) -> dict[str, object]:
    return {f.text: f for f in checked_figures(text, published)}


# --- numbers: lakh and crore, Rs and RM ----------------------------------------------


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("The state has 2.3 crore voters on its rolls.", 23_000_000, "voters"),
        ("Nearly 4.5 lakh pilgrims visited the shrine.", 450_000, "pilgrims"),
        ("The council approved Rs 75 crore for new roads.", 750_000_000, "rupees"),
        ("The trader was fined Rs. 20,000 by the court.", 20_000, "rupees"),
        ("The contract is worth RM2.5 billion to the builder.", 2_500_000_000, "ringgit"),
        ("Customs seized cigarettes worth RM310,500.75 at the port.", 310_500.75, "ringgit"),
    ],
)
def test_south_asian_scales_and_currencies(sentence, value, unit):
    figures = checked_figures(sentence, PUB)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


def test_rs_with_a_full_stop_does_not_end_the_sentence():
    text = "The fund paid Rs. 40 lakh to the families. Officials said 12 claims are pending."
    figures = checked_figures(text, PUB)
    assert [(f.value, f.unit) for f in figures] == [(4_000_000, "rupees"), (12, "claims")]
    assert figures[1].claimant == "Officials"


def test_words_that_only_look_like_rs_or_rm_are_not_currencies():
    figures = checked_figures("Mrs 5 did not vote; the firm RMX 40 was sold for 3 euros.", PUB)
    assert all(f.unit != "rupees" and f.unit != "ringgit" for f in figures)
