"""Rules found on the fifth development gold (tests/data/gold_dev5/), each tried on
sentences of our own about other stories: who speaks for a figure when the speaker is named
by an object pronoun, in another sentence of a publication's statistics, or around a list."""

from __future__ import annotations

from datetime import date

from tests.extracting import checked_figures

PUB = date(2024, 6, 12)


def _claims(text: str, published: date = PUB) -> dict[str, str | None]:
    return {f.text: f.claimant for f in checked_figures(text, published)}


# --- "According to him:" -------------------------------------------------------------


def test_according_to_an_object_pronoun_is_the_person_named_before():
    text = (
        "The harbour master, Ines Albrecht, said the storm had sunk several boats.\n"
        "According to her, 14 fishing boats were lost overnight."
    )
    assert _claims(text)["14 fishing boats"] == "Ines Albrecht"


def test_a_quote_opened_after_according_to_him_goes_on_in_its_next_sentence():
    text = (
        "The district officer, Tomas Reyes, confirmed the raid on the warehouse.\n"
        'According to him: "Officers seized 40 crates of cigarettes at dawn. '
        'They also found 3 unlicensed pistols in the office."'
    )
    claims = _claims(text)
    assert claims["40 crates"] == "Tomas Reyes"
    assert claims["3 unlicensed pistols"] == "Tomas Reyes"


def test_according_to_them_is_the_body_named_before():
    text = (
        "Farmers' groups in the valley said on Monday that the drought was the worst in decades.\n"
        "According to them, 260 wells ran dry in July."
    )
    assert "Farmers" in _claims(text)["260 wells"]
