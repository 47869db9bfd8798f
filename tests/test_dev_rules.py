"""Rules found on tests/data/gold_dev (figure dates, no claimant on the writer's own
background, hedging). Every sentence here is written for this file, about other stories
than the gold sets; each test names the general rule."""

from __future__ import annotations

from datetime import date

from store.extract import extract

PUB = date(2025, 3, 12)  # a Wednesday


def figs(text, published=PUB):
    ex = extract(text, published)
    for f in ex.figures:
        assert text[f.start : f.end] == f.text
    return ex.figures


def by_value(text, published=PUB):
    return {f.value: f for f in figs(text, published)}


# --- claimant: a headline's source speaks for the lead, not the whole article --------------


def test_headline_source_does_not_cover_later_paragraphs():
    text = (
        "Storm leaves 12 dead across the valley: police\n"
        "Twelve people died when the storm struck the valley towns on Monday night, police said.\n"
        "Rail services were cut for more than 40,000 commuters on Tuesday morning.\n"
    )
    f = by_value(text)
    assert f[12].claimant == "police"
    assert f[40000].claimant is None


def test_headline_source_still_covers_the_lead():
    text = (
        "Hospital admits 31 after chemical leak - officials\n"
        "Thirty-one workers were taken to hospital after 300 litres of acid leaked.\n"
    )
    assert by_value(text)[31].claimant == "officials"


# --- claimant: background dated to an earlier year is the writer's --------------------------


def test_paragraph_speaker_does_not_carry_to_an_earlier_years_fact():
    text = (
        "The river authority said 2,300 homes were flooded on Monday. "
        "The last flood of that size, in 2011, forced 9,000 people from their homes."
    )
    f = by_value(text)
    assert f[2300].claimant == "river authority"
    assert f[9000].claimant is None
    assert f[9000].date == "2011"


def test_paragraph_speaker_still_carries_to_this_years_figures():
    text = (
        "The river authority said 2,300 homes were flooded on Monday. "
        "About 600 of them remain without power on Tuesday."
    )
    assert by_value(text)[600].claimant == "river authority"
