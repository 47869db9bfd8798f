"""The "When" of a figure (issue 8): each figure dated by its own clause, change
statements as two dated values, and dates the story names (years carried forward,
seasons, holidays, "on the 8th"), not names that only look like dates.

Sentences are written for these tests; none is copied from an article."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract import extract
from store.extract.dates import find_dates
from store.extract.sentences import split_sentences
from tests.extracting import checked_figures

WED = date(2024, 11, 20)  # a Wednesday


def figs(text, published=WED):
    return {f.text: f for f in checked_figures(text, published)}


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


# --- 3. dates the story names ------------------------------------------------------


def test_a_year_named_earlier_carries_to_the_dates_after_it():
    text = (
        "In 2021, the river burst its banks twice. On July 14, 2,600 homes were flooded. "
        "By September, repairs had begun."
    )
    assert pairs(text) == [("2021", "2021"), ("July 14", "2021-07-14"), ("September", "2021-09")]
    assert dated(text)["2,600 homes"][2] == "2021-07-14"


def test_a_full_date_with_its_year_carries_too():
    text = "The mine opened on 3 May 2019. On 20 June, 40 miners were trapped."
    assert pairs(text)[1] == ("20 June", "2019-06-20")


def test_a_relative_date_brings_the_story_back_to_the_present():
    text = "In 2020 the firm nearly collapsed. On Monday it reported results. In March, it hired 90 engineers."
    assert pairs(text) == [("2020", "2020"), ("Monday", "2024-11-18"), ("March", "2024-03")]


def test_a_starting_point_or_a_deadline_is_no_year_of_the_story():
    assert pairs("Prices have doubled since 2019. On October 2, bakers protested.")[1] == (
        "October 2",
        "2024-10-02",
    )
    assert pairs("The target is net zero by 2050. Ministers met on November 4.")[1] == (
        "November 4",
        "2024-11-04",
    )


def test_a_carried_year_gives_way_to_a_tense_that_contradicts_it():
    text = "Inflation peaked in 2022. The central bank will meet again on December 12."
    assert pairs(text)[1] == ("December 12", "2024-12-12")


def test_a_carried_year_fades_after_a_few_sentences():
    text = (
        "The charity was founded in 2008. It grew quickly. It now has offices in ten "
        "countries. Its staff are mostly volunteers. On November 2, it opened a clinic."
    )
    assert pairs(text)[-1] == ("November 2", "2024-11-02")


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Ticket sales slumped this summer.", "this summer", "2024-SU"),
        ("Gas demand will peak this winter.", "this winter", "2024-WI"),
        ("The reservoir ran dry last winter.", "last winter", "2023-WI"),
        ("Exams move online next spring.", "next spring", "2025-SP"),
        ("The stadium will be finished in the spring.", "the spring", "2025-SP"),
        ("Talks stalled over the summer.", "the summer", "2024-SU"),
        ("The harvest failed in the summer of 2018.", "the summer of 2018", "2018-SU"),
        ("Construction starts in autumn 2026.", "autumn 2026", "2026-FA"),
    ],
)
def test_seasons_are_dates_of_season_granularity(sentence, text, value):
    (d,) = find_dates(sentence, split_sentences(sentence), WED)
    assert (d.text, d.value, d.granularity) == (text, value, "season")


def test_a_season_carries_the_year_named_before_it():
    text = "In 2019, the region saw its worst drought. That summer, 30 wells failed."
    assert pairs(text) == [("2019", "2019"), ("That summer", "2019-SU")]
    assert dated(text)["30 wells"][2] == "2019-SU"
    assert pairs("That summer, 30 wells failed.") == []  # no year to take it from
    text = "In 2019 the region saw its worst drought, and in the summer 30 wells failed."
    assert pairs(text) == [("2019", "2019"), ("the summer", "2019-SU")]


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Shops closed early at Christmas.", "Christmas", "2023-12-25"),
        ("The line should reopen by Christmas.", "Christmas", "2024-12-25"),
        ("Fireworks were banned on New Year's Eve.", "New Year's Eve", "2023-12-31"),
        ("The pilgrims will arrive by Easter.", "Easter", "2025-04-20"),
        ("The ceasefire collapsed on Good Friday 2023.", "Good Friday 2023", "2023-04-07"),
        ("Flights were cancelled last Thanksgiving.", "last Thanksgiving", "2023-11-23"),
        ("Crowds gathered on May Day.", "May Day", "2024-05-01"),
        ("Rail workers strike on Boxing Day.", "Boxing Day", "2024-12-26"),
    ],
)
def test_holidays_are_days(sentence, text, value):
    (d,) = find_dates(sentence, split_sentences(sentence), WED)
    assert (d.text, d.value, d.granularity) == (text, value, "day")


def test_holiday_words_inside_other_names_are_not_dates():
    assert pairs("Flights to Christmas Island resumed.") == []
    assert pairs("The Easter Rising is taught in schools.") == []
    assert pairs("The May Day parade drew crowds.") == []
    assert pairs("Christmas shopping began.") == []
    assert pairs("Fans gathered at Easter Road.") == []


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The ferry sank on the 8th, officials said.", "2024-11-08"),
        ("The ferry sank on the 28th.", "2024-10-28"),
        ("The inquiry will report on the 28th.", "2024-11-28"),
        ("The inquiry will report on the 3rd.", "2024-12-03"),
        ("Wages are paid by the 15th of next month.", "2024-12-15"),
    ],
)
def test_a_day_of_the_month_alone(sentence, value):
    (d,) = find_dates(sentence, split_sentences(sentence), WED)
    assert (d.value, d.granularity) == (value, "day")


def test_a_day_of_the_month_takes_the_month_just_named():
    text = "Strikes spread through June. They peaked on the 19th, with 12,000 workers out."
    assert pairs(text) == [("June", "2024-06"), ("the 19th", "2024-06-19")]


def test_ordinals_that_are_not_days():
    assert pairs("The 8th Army held the line.") == []
    assert pairs("Fire broke out on the 8th floor.") == []
    assert pairs("She finished on the 3rd attempt.") == []


def test_a_date_used_as_the_name_of_an_old_event_is_not_a_date_of_this_story():
    assert pairs("Security tightened after the September 11 attacks.") == []
    assert pairs("Memorials marked the 7 October massacre.") == []
    got = dated("The July 7 bombings killed 52 people.")
    assert got["52 people"][2] is None


def test_a_recent_or_coming_event_named_by_its_date_is_kept():
    assert pairs("Turnout in the November 5 election reached 61%.") == [
        ("November 5", "2024-11-05")
    ]
    assert pairs("Parties are preparing for the December 15 runoff.") == [
        ("December 15", "2024-12-15")
    ]
    assert pairs("The quake struck on September 11.") == [("September 11", "2024-09-11")]


def test_month_names_that_are_names():
    assert pairs("Historians still debate the October Revolution.") == []
    assert pairs("The February Revolution toppled the tsar.") == []


# --- the new forms keep the fast path exact and extraction total ----------------------

_SOUP = (
    "this|last|next|that|past|summer|winter|spring|autumn|fall|in|the|of|2019|2024|at|on|by|"
    "Christmas|Eve|Day|Easter|Monday|Good|Friday|Island|New|Year's|May|Thanksgiving|8th|21st|"
    "month|floor|September|11|attacks|7|October|rose|from|to|15%|35%|$1.2bn|$950m|up|2,300|"
    "since|began|and|built|employs|6,200|workers|now|,|.|\n"
).split("|")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=40).map(" ".join), st.dates())
def test_new_forms_fast_path_equals_full_scan_and_offsets_hold(body, published):
    from store.extract.date_patterns import MASTER
    from store.extract.dates import _candidates

    sents = split_sentences(body)
    full = [(m.span(), m.lastgroup) for s in sents for m in MASTER.finditer(body, s.start, s.end)]
    fast = [(m.span(), m.lastgroup) for m, _s in _candidates(body, sents)]
    assert fast == full
    ex = extract(body, published)
    for d in ex.dates:
        assert body[d.start : d.end] == d.text
    for f in ex.figures:
        assert body[f.start : f.end] == f.text


# --- found on real news text (tests/data/gold_news of branch goldnews) --------------


def test_the_event_date_wins_over_the_date_it_was_reported():
    got = dated("The army said on Tuesday that 25 insurgents died in an ambush on Sunday.")
    assert got["25 insurgents"][2] == "2024-11-17"
    got = dated(
        "Organisers said on Monday they were pleased with the 58 per cent turnout in Saturday's ballot."
    )
    assert got["58 per cent"][2] == "2024-11-16"


def test_a_dateline_is_when_it_was_filed_not_when_it_happened():
    got = dated("LAGOS, Nov 20 (Reuters) - Police said 14 people drowned on Monday.")
    assert got["14 people"][2] == "2024-11-18"
    got = dated("LAGOS, Nov 20 (Reuters) - Fourteen boats were lost.")
    assert got["Fourteen boats"][2] == "2024-11-20"


def test_a_when_clause_takes_the_date_it_hangs_on():
    got = dated("It was the worst flood since 2011, when about 900 people died.")
    assert got["about 900 people"][2] == "2011"


def test_a_year_before_the_noun_it_dates():
    assert pairs("Many still remember the 2010 floods.") == [("2010", "2010")]
    assert pairs("The town was rebuilt after a 1999 cyclone.") == [("1999", "1999")]
    got = dated("A 2004 tsunami killed 5,400 people in the province.")
    assert got["5,400 people"][2] == "2004"
    assert pairs("The 2000 extra troops arrived.") == []  # a count, not a year


def test_a_year_after_of_is_a_date():
    got = dated("Margins reached 12%, against 9% in the first half of 2023.")
    assert got["12%"][2] is None
    assert got["9%"][2] == "2023"
    assert pairs("Enrolment reached a total of 2000 students.") == []


def test_the_earlier_value_shares_the_claimant_of_its_change():
    text = "About 48,000 people marched, up from 31,000 last week."
    got = figs(text)
    assert got["About 48,000 people"].date is None
    assert got["31,000"].date == "2024-W46"
    text = "About 48,000 people marched, the Interior Ministry said, up from 31,000 last week."
    got = figs(text)
    assert got["About 48,000 people"].claimant == got["31,000"].claimant == "Interior Ministry"


def test_a_year_modifying_a_noun_dates_what_follows_not_what_came_before():
    got = dated(
        "Volunteers delivered 40 tents to Lorca, a town hit by a 2011 quake that left 9 dead."
    )
    assert got["40 tents"][2] is None
    assert got["9 dead"][2] == "2011"
    got = dated("About 1,200 homes were damaged in the 2013 storms.")
    assert got["About 1,200 homes"][2] == "2013"


def test_the_period_of_a_change_dates_the_value_it_reached():
    got = dated("Inflation slowed to 2.4% from 2.9% in the year to October.")
    assert got["2.4%"][2] == "2024-10"
    assert got["2.9%"][2] is None
    got = dated("Tourist arrivals rose to 5,100 visitors from 4,300 last month.")
    assert got["5,100 visitors"][2] is None
    assert got["4,300"][2] == "2024-10"


def test_verbs_whose_past_looks_present_do_not_split_a_clause():
    got = dated("The storm hit the coast on Sunday and killed 14 fishermen.")
    assert got["14 fishermen"][2] == "2024-11-17"


def test_a_when_clause_dates_only_its_own_words():
    got = dated("Since March 2020, when the plant shut, output has fallen by 40%.")
    assert got["40%"][2] is None


def test_a_deadline_in_the_figures_own_clause_dates_the_value_to_reach():
    got = dated("The city's debt is on course to top $9 billion by 2028.")
    assert got["$9 billion"][2] == "2028"
    got = dated("By the end of 2030 the fleet is planned to reach 400 buses.")
    assert got["400 buses"][2] == "2030"
    got = dated("The agency pledged about 600 nurses, whose arrival is expected by March.")
    assert got["about 600 nurses"][2] is None  # the deadline of another clause


def test_a_year_in_a_relative_clause_is_background_not_the_story_year():
    text = (
        "Spending is 8% higher in the current budget year, which started in July 2023. "
        "In March, auditors flagged 40 contracts."
    )
    assert pairs(text, date(2024, 6, 3))[-1] == ("March", "2024-03")
