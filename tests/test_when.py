"""The "When" of a figure (issue 8): each figure dated by its own clause, change
statements as two dated values, and dates the story names (years carried forward,
seasons, holidays, "on the 8th"), not names that only look like dates.

Sentences are written for these tests; none is copied from an article."""

from __future__ import annotations

from datetime import date

import pytest

from store.extract import extract
from store.extract.dates import find_dates
from store.extract.sentences import split_sentences

WED = date(2024, 11, 20)  # a Wednesday


def figs(text, published=WED):
    ex = extract(text, published)
    for f in ex.figures:
        assert text[f.start : f.end] == f.text
    return {f.text: f for f in ex.figures}


def dated(text, published=WED):
    """figure text -> (value, high, date)."""
    return {t: (f.value, f.high, f.date) for t, f in figs(text, published).items()}


def pairs(text, published=WED):
    found = find_dates(text, split_sentences(text), published)
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value) for d in found]


# --- 1. a figure's date is the date of its own clause ------------------------------


def test_the_earlier_value_takes_the_date_written_beside_it():
    got = dated("About 900 patients are now in field hospitals, up from 350 on Sunday.")
    assert got["About 900 patients"] == (900, None, None)
    assert got["350"] == (350, None, "2024-11-17")


def test_a_date_in_one_verb_phrase_does_not_date_another_of_other_tense():
    got = dated("The cooperative has 1,400 members and exported 9,000 tonnes of coffee last year.")
    assert got["1,400 members"][2] is None
    assert got["9,000 tonnes"][2] == "2023"
    got = dated("The mill processed 80,000 logs in 2021 and now has 300 staff.")
    assert got["80,000 logs"][2] == "2021"
    assert got["300 staff"][2] is None


def test_verb_phrases_of_the_same_tense_share_their_date():
    got = dated("Rebels burned 30 houses and abducted 12 villagers on Saturday.")
    assert got["30 houses"][2] == got["12 villagers"][2] == "2024-11-16"


def test_a_background_clause_dates_no_current_count():
    got = dated("The league has fined 14 clubs since the new rules took effect in March 2021.")
    assert got["14 clubs"][2] is None
    got = dated("Since the blockade started in June 2023, 2,000 boats have been turned back.")
    assert got["2,000 boats"][2] is None


def test_a_fronted_date_still_frames_the_whole_sentence():
    got = dated("On Tuesday, the ministry said 75 schools had reopened.")
    assert got["75 schools"][2] == "2024-11-19"


def test_a_count_of_now_is_not_dated_by_an_earlier_clause():
    got = dated("On Friday, 600 families fled, and 1,100 families are now sheltering in tents.")
    assert got["600 families"][2] == "2024-11-15"
    assert got["1,100 families"][2] is None


# --- 2. change statements: two figures, each with its own date ----------------------


def test_rose_from_to_is_two_values_not_a_range():
    got = dated("Support for the measure rose from 22% to 41%.")
    assert got == {"22%": (22, None, None), "41%": (41, None, None)}


def test_each_value_of_a_change_takes_its_own_date():
    got = dated("Vacancies fell from 8% in 2020 to 3% last year.")
    assert got == {"8%": (8, None, "2020"), "3%": (3, None, "2023")}
    got = dated("The shortfall widened to $4.6 billion in 2024 from $2.9 billion in 2022.")
    assert got["$4.6 billion"] == (4.6e9, None, "2024")
    assert got["$2.9 billion"] == (2.9e9, None, "2022")


def test_a_change_over_a_range_of_years_dates_its_ends():
    got = dated("Enrolment grew from 12,000 to 19,500 pupils between 2015 and 2023.")
    assert got["12,000"] == (12000, None, "2015")
    assert got["19,500 pupils"] == (19500, None, "2023")


def test_the_earlier_value_counts_what_the_later_one_counts():
    got = figs("The number of registered refugees climbed from 3,100 to 5,800 people.")
    assert [(f.value, f.unit) for f in got.values()] == [(3100, "people"), (5800, "people")]
    got = dated("The number of cases doubled to 640 on Thursday from 320 a week earlier.")
    assert got["640"][2] == "2024-11-14"
    assert got["320"][2] == "2024-11-07"


def test_widens_to_and_doubled_to_give_the_current_value():
    got = figs("Japan's trade gap widens to $7.2 billion.")
    (f,) = got.values()
    assert (f.value, f.high, f.unit) == (7.2e9, None, "dollars")
    got = figs("Reported infections doubled to 2,400.")
    (f,) = got.values()
    assert (f.value, f.high) == (2400, None)


def test_a_fall_keeps_both_values():
    got = figs("Profit fell from $1.4bn to $950m.")
    assert [(f.text, f.value) for f in got.values()] == [("$1.4bn", 1.4e9), ("$950m", 9.5e8)]


def test_a_change_and_a_level_of_different_kinds_are_two_figures():
    got = figs("Exports rose 6% to $48 billion.")
    assert [(f.text, f.value, f.unit) for f in got.values()] == [
        ("6%", 6, "percent"),
        ("$48 billion", 48e9, "dollars"),
    ]


@pytest.mark.parametrize(
    "text, value, high",
    [
        ("Between 4,000 and 4,500 marchers took part.", 4000, 4500),
        ("Organisers expect 20,000 to 25,000 visitors.", 20000, 25000),
        ("Estimates of the crowd range from 6,000 to 9,000 people.", 6000, 9000),
    ],
)
def test_genuine_ranges_stay_ranges(text, value, high):
    (f,) = figs(text).values()
    assert (f.value, f.high) == (value, high)


def test_a_source_after_from_is_not_an_earlier_value():
    got = dated("Crews evacuated 700 residents from 250 homes on Sunday.")
    assert got["700 residents"][2] == got["250 homes"][2] == "2024-11-17"
