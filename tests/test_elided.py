"""Counts whose noun is left out or given earlier, partitives, hedges the modal list
misses, and qualifiers that read differently after a verb of change
(store/extract/elision.py, store/extract/intent.py). Sentences of other stories, written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extracting import checked_figures

PUB = date(2024, 5, 10)  # a Friday


def figs(text, published=PUB):
    return checked_figures(text, published)


def units(text):
    return [(f.value, f.unit) for f in figs(text)]


# --- the noun phrase the number measures ----------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [
        (
            "The number of people missing after the landslide climbed to 63 on Tuesday.",
            63,
            "people",
        ),
        ("Officials put the number of evacuees at just 4,200.", 4200, "evacuees"),
        ("The number killed in the blast rose to 19, the ministry said.", 19, "killed"),
        ("The death toll from the mudslides has risen to 41, officials said.", 41, "deaths"),
        ("Typhoon toll passes 600", 600, "deaths"),
        ("Organisers estimated the crowd at 90,000.", 90000, "people"),
        ("The union claimed a turnout of 120,000.", 120000, "people"),
        ("The airline will cut its headcount by 2,500 by next year.", 2500, "employees"),
    ],
)
def test_a_bare_number_counts_the_noun_phrase_it_measures(text, value, unit):
    assert (value, unit) in units(text)


# --- partitives -----------------------------------------------------------------------


def test_partitive_of_the_gives_both_numbers_the_noun():
    assert units("Officials said 1.2 million of the 3.4 million registered voters took part.") == [
        (1_200_000, "voters"),
        (3_400_000, "voters"),
    ]


def test_partitive_with_a_possessive_keeps_both_counts():
    assert units("Flood warnings cover 17 of Oregon's 36 counties.") == [
        (17, "counties"),
        (36, "counties"),
    ]
    found = figs("At least 60 of the town's 900 homes were flattened.")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (60, "homes", "min"),
        (900, "homes", None),
    ]


def test_of_them_takes_the_count_before_or_the_noun_after():
    assert units("The storm damaged 240 houses, 35 of them beyond repair.") == [
        (240, "houses"),
        (35, "houses"),
    ]
    assert units("Some 70 people were detained, 12 of them minors.") == [
        (70, "people"),
        (12, "minors"),
    ]
    assert units("The app has 5 million subscribers, about 1.5 million of whom pay.") == [
        (5_000_000, "subscribers"),
        (1_500_000, "subscribers"),
    ]


def test_out_of_with_a_large_first_term_is_two_counts_not_a_ratio():
    assert units("Some 61,400 out of 98,000 registered voters took part.") == [
        (61400, "voters"),
        (98000, "voters"),
    ]
    assert units("Nine out of ten farmers backed the plan.") == []


def test_fronted_of_the_gives_the_subject_its_noun():
    assert units("Of the 900 workers at the mill, 300 were laid off.") == [
        (900, "workers"),
        (300, "workers"),
    ]


# --- contrasts and lists in the same sentence ---------------------------------------------


@pytest.mark.parametrize(
    "text, second",
    [
        ("Police detained 40 people in Lyon and 12 in Nice on Sunday.", 12),
        ("Rescuers found 18 survivors on Monday, compared with 30 on Sunday.", 30),
        ("The museum drew 8,000 visitors, up from 5,000 a year earlier.", 5000),
        ("Some 9,000 nurses walked out, including 1,100 in the capital.", 1100),
        ("The storm destroyed 300 huts and damaged another 95, the agency said.", 95),
        ("The ministry counted 65,000 marchers, while organisers claimed 200,000.", 200000),
        ("Rally in Madrid: 45,000 marchers, 150,000 according to the organisers", 150000),
        ("The union said 52,000 teachers marched, fewer than in March (61,000).", 61000),
    ],
)
def test_a_bare_number_takes_the_noun_of_the_count_it_is_contrasted_with(text, second):
    found = units(text)
    assert len(found) == 2, found
    assert found[1] == (second, found[0][1])


def test_a_chain_of_bracketed_counts_shares_the_noun():
    found = units(
        "The union counted 30,000 strikers, more than on Monday (22,000) but fewer than on "
        "the first day of May 2 (41,000)."
    )
    assert found == [(30000, "strikers"), (22000, "strikers"), (41000, "strikers")]


def test_counting_verb_after_a_sentence_that_named_the_people():
    text = "Some 300,000 people marched in Rome on Saturday, the organisers said. Police counted 90,000."
    assert units(text) == [(300_000, "people"), (90_000, "people")]


def test_rival_counts_and_changes_share_the_noun():
    assert units("Police said 1,500 people attended; the organisers said 6,000.") == [
        (1500, "people"),
        (6000, "people"),
    ]
    assert units("Grain exports rose to 3.2 million tonnes from 2.9 million.") == [
        (3.2e6, "tonnes"),
        (2.9e6, "tonnes"),
    ]
    assert units("Volunteers saved 40 barns but lost 12.") == [(40, "barns"), (12, "barns")]


def test_a_count_carried_to_the_next_sentence():
    assert units("Police held 120 fans on Saturday. Of those, 40 were charged.") == [
        (120, "fans"),
        (40, "fans"),
    ]
    assert units("The strike shut 400 offices on Monday. Another 250 closed on Tuesday.") == [
        (400, "offices"),
        (250, "offices"),
    ]


def test_put_it_at_and_a_dating_time_word_after_a_bare_number():
    assert units("Police put the crowd at 15,000; organisers put it at 40,000.") == [
        (15000, "people"),
        (40000, "people"),
    ]
    assert units("The number of asylum seekers rose to 30,000 last year.") == [(30000, "seekers")]
    assert units("The firm hired 300 welders last year and 450 this year.") == [
        (300, "welders"),
        (450, "welders"),
    ]
    assert units("He served 30 years in prison.") == []


def test_with_injuries_counts_the_injured():
    assert (3, "injured") in units(
        '"Nobody died, but we have three with serious injuries," she said.'
    )


def test_a_crowd_verb_counts_people():
    assert units("A 2011 rally that drew 80,000 was larger.") == [(80000, "people")]


# --- what must stay out ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        ("About 200 pupils aged 5 and 6 were vaccinated.", [(200, "pupils")]),
        ("The budget will grow by eight per cent between now and 2027-28.", [(8, "percent")]),
        ("He was elected in 1998 and again in 2002.", []),
        ("The meeting began at 9 and ended at 11.", []),
        ("The firm sold 3,000 vans in 2022 and 4,500 in 2023.", [(3000, "vans"), (4500, "vans")]),
        ("The plane carried 180 passengers and 6 crew.", [(180, "passengers"), (6, "crew")]),
        ("She was 12 when she left and 15 when she came back.", []),
        ("Voters in the 2019 elections were fewer.", []),
        ("Kenya's 2022 polls drew 14 million voters.", [(14e6, "voters")]),
        ("He was fined £300, and 2 others were cleared.", [(300, "pounds"), (2, "people")]),
    ],
)
def test_bare_numbers_that_are_not_counts_stay_out(text, want):
    assert units(text) == want


# --- hedges: plans, purposes, projections ------------------------------------------------


def hedged(text):
    return [(f.value, f.hedged) for f in figs(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Airline to cut 4,000 jobs in cost drive",
        "Ukraine says Russia to deploy 10,000 troops",
        "Shipbuilder to shed 1,200 jobs",
    ],
)
def test_a_headline_infinitive_is_a_plan(text):
    assert [h for _, h in hedged(text)] == [True]


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment falls to 4.1% in March",
        "Shares rise to record as profit jumps 20%",
        "Toll climbs to 500 after quake",
    ],
)
def test_a_headline_change_to_a_level_is_not_a_plan(text):
    assert [h for _, h in hedged(text)] == [False]


def test_purpose_hedges_what_follows_it_only():
    assert hedged("The brewer closed 900 bars in a bid to save $1bn.") == [
        (900, False),
        (1e9, True),
    ]
    assert hedged("The council is aiming to build 3,000 homes by 2030.") == [(3000, True)]
    assert hedged("The start-up is aiming to add $50m to the $30m it raised last year.") == [
        (50e6, True),
        (30e6, False),
    ]
    assert hedged("The start-up is in talks with investors to raise as much as $80m.") == [
        (80e6, True)
    ]
    assert hedged("The rival weighed a bid of as much as $5 billion for the chain.") == [
        (5e9, True)
    ]
    assert hedged("The donors have agreed to provide about $40 million in aid.") == [(40e6, True)]


def test_a_verb_of_forecasting_hedges_its_list_of_numbers():
    assert hedged("The bank projects two more cuts in 2025, three in 2026 and two in 2027.") == [
        (2, True),
        (3, True),
        (2, True),
    ]
    assert hedged("The city funds 40 projects worth $2 billion.") == [(40, False), (2e9, False)]


def test_revised_projections_and_paths_are_hedged():
    assert hedged("The agency raised its estimate by $50 billion, to $1.2 trillion.") == [
        (50e9, True),
        (1.2e12, True),
    ]
    assert hedged("Spending cuts put the shortfall on track to reach $900 billion.") == [
        (900e9, True)
    ]


# --- qualifiers next to verbs of change ----------------------------------------------------


def quals(text):
    return [(f.value, f.qualifier) for f in figs(text)]


def test_up_to_after_a_verb_of_change_is_no_maximum():
    assert quals("Inflation edged up to 4.3% in April.") == [(4.3, None)]
    assert quals("Higher rates could push the repair bill up to $3 billion.") == [(3e9, None)]
    assert quals("The price ticked up to $71 a barrel.") == [(71, None)]
    # a real maximum stays one
    assert quals("The ministry will send up to 2,000 troops.") == [(2000, "max")]
    assert quals("The start-up hopes to raise up to $40m.") == [(40e6, "max")]


def test_passing_a_mark_is_a_floor():
    assert quals("Flood toll passes 1,300") == [(1300, "min")]
    assert quals("Measles cases topped 4,000 on Monday.") == [(4000, "min")]
    assert quals("The Senate passed 12 bills on Monday.") == [(12, None)]


def test_near_and_estimated_at_are_approximate():
    assert quals("The firm is valued near $4 billion.") == [(4e9, "approx")]
    assert quals("Police estimated the crowd at 40,000.") == [(40000, "approx")]
    assert quals("The club estimated the crowd at between 20,000 and 25,000.") == [(20000, None)]


def test_the_cues_that_changed_a_field_are_spans_of_their_words():
    from store.extract.intent import Plans, adjust_qualifier

    s = "Flood toll passes 1,300"
    q, _, span = adjust_qualifier(s, None, 18, 18, 23)
    assert q == "min" and s[span[0] : span[1]] == "passes"
    s = "The firm is valued near $4 billion."
    q, start, span = adjust_qualifier(s, None, 24, 24, 34)
    assert q == "approx" and s[span[0] : span[1]] == "near" and start == span[0]
    s = "GM to cut 25,000 jobs"
    a, b = Plans(s).cue(10, 21, 0)
    assert s[a:b] == "to cut"
    s = "The brewer closed bars in a bid to save $1bn."
    a, b = Plans(s).cue(s.index("$"), len(s) - 1, 0)
    assert s[a:b] == "in a bid to"


def test_measured_noun_span_and_numbers_between():
    from store.extract.elision import free_between, measured
    from store.extract.numbers import find_numbers

    s = "The toll from the landslide climbed to 63."
    unit, (a, b) = measured(s, s.index("63"))
    assert unit == "deaths" and s[a:b] == "toll"
    s = "About 200 pupils aged 5 and 6 were vaccinated."
    nums = find_numbers(s)
    assert not free_between(s, nums, [], nums[0].end, nums[2].start)
    assert free_between(s, nums, [], nums[1].end, nums[2].start)
