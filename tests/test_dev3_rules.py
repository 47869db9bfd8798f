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


# --- claimants: roles, bodies and sentence-opening names -----------------------------


def test_a_role_with_a_prepositional_tail_speaks():
    text = (
        "According to the charity's team in the region, gunmen burned 40 huts and wounded 9 others."
    )
    figures = checked_figures(text, PUB)
    assert [f.claimant for f in figures] == ["charity's team in the region"] * 2


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Close to 600 homes were flooded, the website said.", "website"),
        ("The poll body said 71 per cent of voters took part.", "poll body"),
        ("The panel said 14 stations had closed early.", "panel"),
    ],
)
def test_bodies_and_websites_speak(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant


def test_adds_to_is_not_speech():
    text = "The new wave adds to a region that hosts some 300,000 refugees."
    (f,) = checked_figures(text, PUB)
    assert f.claimant is None


def test_put_with_a_long_object_before_at():
    text = (
        "The mayor's office said on Twitter that 2,000 shops were shut.\n"
        "It put the early cost of the week-long strike at 4.2 million euros."
    )
    figures = checked_figures(text, PUB)
    assert figures[-1].value == 4_200_000
    assert figures[-1].claimant == "mayor's office"


def test_a_name_opening_the_sentence_speaks_not_the_company_after_said():
    text = (
        "Maria Lopez, a spokeswoman for the drivers' union, said Ridgeway Ltd., which took "
        "over the depot in June, kept none of the old contracts. She said the move will "
        "cost 85 drivers their jobs."
    )
    figures = checked_figures(text, PUB)
    assert figures[-1].value == 85
    assert figures[-1].claimant == "Maria Lopez"


def test_the_forecasters_of_a_figure_in_a_that_clause():
    text = "Exports grew 4.1 percent, short of the 5 percent that analysts polled by Bloomberg had forecast."
    figures = checked_figures(text, PUB)
    assert [(f.value, f.claimant) for f in figures] == [
        (4.1, None),
        (5, "analysts polled by Bloomberg"),
    ]


def test_a_subject_clause_with_that_still_reads_its_speaker():
    text = "A monitoring group that tracks the fighting said 31 fighters were killed."
    (f,) = checked_figures(text, PUB)
    assert f.claimant == "monitoring group"


# --- claimants carried to the next sentence ------------------------------------------


def test_it_opening_the_next_paragraph_continues_the_speaker():
    text = (
        "The Fisheries Ministry has cut its forecast for the salmon catch to 40,000 tonnes, "
        "according to a ministry bulletin.\n"
        "It has also lowered its export estimate from 12,000 tonnes to 9,000.\n"
        "It was the smallest catch since 1998, when 35,000 tonnes were landed."
    )
    figures = checked_figures(text, PUB)
    by_value = {f.value: f for f in figures}
    assert by_value[12_000].claimant == by_value[9_000].claimant == "ministry bulletin"
    assert by_value[35_000].claimant is None  # "It was ...": the writer's, not carried


def test_he_refers_to_a_titled_name():
    text = (
        "State customs department director Datin Sri Noor Aini Hamzah said 9 lorries were "
        "stopped at the border.\n"
        "Early checks found that all 14 drivers held valid permits, she told a press "
        "conference."
    )
    figures = checked_figures(text, PUB)
    assert figures[-1].value == 14
    assert "Noor Aini Hamzah" in figures[-1].claimant


# --- which of two attributions in a sentence speaks -----------------------------------


def test_the_closing_speaker_reports_what_the_evidence_shows():
    text = (
        "Initial surveys show that about 3,400 farms lost their crops, the governor's office said."
    )
    (f,) = checked_figures(text, PUB)
    assert f.claimant == "governor's office"


def test_evidence_alone_still_speaks():
    (f,) = checked_figures("Census data show that 41 percent of homes rent.", PUB)
    assert f.claimant == "Census data"


def test_a_source_inside_a_quotation_is_the_speakers():
    text = (
        '"The catch will not pass 12,000 tonnes this season, according to our inspectors," '
        "fisheries minister Lena Ortiz added."
    )
    (f,) = checked_figures(text, PUB)
    assert f.claimant == "Lena Ortiz"


def test_a_source_outside_the_quotation_stays():
    text = (
        'According to the port authority, exports fell to 3,000 tonnes, "a bad year," '
        "one trader said."
    )
    (f,) = checked_figures(text, PUB)
    assert f.claimant == "port authority"


# --- names of bodies; nouns in -ics --------------------------------------------------


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        (
            "Flu cases rose to 8,400, the Centers for Disease Control and Prevention said.",
            "Centers for Disease Control and Prevention",
        ),
        (
            "The Department of Health and Social Care said 310 wards were closed.",
            "Department of Health and Social Care",
        ),
    ],
)
def test_a_body_named_with_and_is_not_a_person_called_by_its_last_word(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Officials said 12 clinics were shut by the strike.", 12, "clinics"),
        ("About 40 critics signed the open letter.", 40, "critics"),
        ("The army sent 300 medics to the border.", 300, "medics"),
    ],
)
def test_plural_nouns_ending_in_ics_are_counted(sentence, value, unit):
    figures = checked_figures(sentence, PUB)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


def test_singular_nouns_ending_in_ics_are_not_counted():
    figures = checked_figures("The 2 topics were politics and statistics.", PUB)
    assert [f.unit for f in figures] == ["topics"]


# --- money and rate changes written as modifiers ----------------------------------------


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("The regulator upheld a 45 million euro penalty on the bank.", 45_000_000, "euros"),
        ("The city signed a 3 billion dollar bond deal.", 3_000_000_000, "dollars"),
        ("They agreed a 12 million pound transfer fee.", 12_000_000, "pounds"),
        ("The lender won a 7 billion yuan contract.", 7_000_000_000, "yuan"),
        ("The central bank made a 50-basis-point cut.", 50, "basis points"),
        ("It announced a 0.25-percentage-point rise.", 0.25, "percentage points"),
    ],
)
def test_currencies_and_rate_changes_as_modifiers(sentence, value, unit):
    figures = checked_figures(sentence, PUB)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


def test_compound_modifiers_that_are_not_counts_stay_out():
    assert checked_figures("The party unveiled a 10-point plan and a two-year budget.", PUB) == []


# --- verbs that claim only in some uses ------------------------------------------------


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("The central bank forecast inflation of 6.2% for next year.", "central bank"),
        ("Exports fell to 2.1 million barrels a day in June, the survey found.", "survey"),
        ("A new study found that 38 percent of teachers plan to leave.", "new study"),
        ("The board had released a provisional figure of 48.2% on Sunday.", "board"),
        ("The ministry gave a death toll of 61 on Monday.", "ministry"),
        ("The league was confident that crowds would top 30,000.", "league"),
    ],
)
def test_verbs_that_claim_in_this_use(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "The bank's forecast of 6.2% growth was cut.",
        "Divers found 14 bodies near the pier.",
        "Fourteen bodies were found by divers.",
        "The rebels released 9 hostages on Friday.",
        "Nine hostages were released by the rebels.",
        "The mayor gave 3 medals to firefighters.",
    ],
)
def test_the_same_verbs_in_other_uses_do_not(sentence):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant is None


# --- dates -------------------------------------------------------------------------------


def test_the_earlier_value_after_compared_with_the_takes_its_own_year():
    text = (
        "Turnout reached 61.2 percent on Sunday, compared with the 58 per cent who voted in 2019."
    )
    figures = checked_figures(text, date(2023, 5, 8))
    assert [(f.value, f.date) for f in figures] == [(61.2, "2023-05-07"), (58, "2019")]


@pytest.mark.parametrize(
    "sentence, first_month",
    [
        ("Sales rose 4 percent between January and March 2021.", "2021-01"),
        ("The floods killed 90 people from June to August 2020.", "2020-06"),
        ("Heating bills rose 12 percent between November and February 2022.", "2021-11"),
    ],
)
def test_a_year_written_once_for_a_month_range(sentence, first_month):
    from store.extract import extract

    values = [d.value for d in extract(sentence, PUB).dates]
    assert values[0] == first_month


def test_until_a_day_just_after_publication_is_ahead_even_in_a_past_clause():
    from store.extract import extract

    text = "The suspects were remanded for a week until May 16."
    assert [d.value for d in extract(text, date(2023, 5, 10)).dates] == ["2023-05-16"]
    text = "The road was closed until March 2."  # two months before: the past one
    assert [d.value for d in extract(text, date(2023, 5, 10)).dates] == ["2023-03-02"]


# --- the same value stated again; organisations named with a possessive ----------------


def test_another_amount_is_not_the_earlier_one_restated():
    text = (
        "Some 25,000 nurses walked out on Monday, the union said.\n"
        "Another 25,000 nurses are due to strike next week."
    )
    figures = checked_figures(text, PUB)
    assert figures[0].claimant == "union"
    assert figures[1].claimant is None


def test_a_study_finding_reported_by_a_closing_speaker():
    text = (
        "Health minister Ana Ruiz said 14 clinics had closed.\n"
        "An internal review found that 9 hospitals were short of staff, she told parliament."
    )
    figures = checked_figures(text, PUB)
    assert figures[-1].value == 9
    assert figures[-1].claimant == "Ana Ruiz"


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Moody's Analytics put the losses at $4 billion.", "Moody's Analytics"),
        ("Fitch Ratings said 12 lenders were at risk.", "Fitch Ratings"),
    ],
)
def test_firms_named_with_an_organisation_word(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant


def test_a_clause_after_but_in_the_present_is_not_framed_by_the_date_before():
    text = "The agency sought $2 billion last month but has received only 15% of it."
    figures = checked_figures(text, PUB)
    assert [(f.value, f.date) for f in figures] == [(2_000_000_000, "2023-04"), (15, None)]
    (f,) = checked_figures("The quake struck on Monday but killed only 3 people.", PUB)
    assert f.date == "2023-05-08"  # a past clause after "but" is still framed


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("In 2020, some 80,000 Burmese crossed into Thailand.", 80_000, "burmese"),
        ("About 150 Congolese were flown home.", 150, "congolese"),
        ("The 40 Japanese tourists left on Friday.", 40, "tourists"),
    ],
)
def test_demonyms_in_ese_count_people(sentence, value, unit):
    figures = checked_figures(sentence, PUB)
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


@pytest.mark.parametrize(
    "sentence, hedged",
    [
        ("Inflation climbed to 9.1% in May.", False),
        ("Rents rose 6% in the year to May.", False),
        ("The toll rose to 40 by mid-May.", False),
        ("Exports may rise 5% this year.", True),
        ("May Day rallies drew 20,000 people.", False),
    ],
)
def test_the_month_may_is_no_hedge(sentence, hedged):
    (f,) = checked_figures(sentence, PUB)
    assert f.hedged is hedged


# --- counts whose noun is left out ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Rebels abducted 11 and wounded 3 others in the raid.", 11, "abducted"),
        ("The final drew a gate of 61,300 at the national stadium.", 61_300, "people"),
        ("The derby was moved in 1962, when 71,000 turned up at the old ground.", 71_000, "people"),
        ("About 9,400 squeezed into the hall for the concert.", 9_400, "people"),
        ("More than 3.5 million watched the broadcast on Sunday.", 3_500_000, "people"),
    ],
)
def test_what_a_bare_count_counts_from_its_verb_or_noun(sentence, value, unit):
    figures = checked_figures(sentence, PUB)
    assert (figures[0].value, figures[0].unit) == (value, unit)


def test_others_after_a_count_of_what_was_done_are_people():
    figures = checked_figures("Gunmen kidnapped six and injured 14 others.", PUB)
    assert [(f.value, f.unit) for f in figures] == [(6, "kidnapped"), (14, "people")]


def test_the_number_of_with_and_inside_the_subject():
    text = (
        "The number of homes damaged by high winds and heavy rain across the region since "
        "Friday reached 4,700 on Tuesday, officials said."
    )
    (f,) = checked_figures(text, PUB)
    assert (f.value, f.unit) == (4_700, "homes")


def test_bpd_are_barrels():
    text = "Output fell by 350,000 bpd in March to 28.6 million bpd, the survey found."
    figures = checked_figures(text, PUB)
    assert [(f.value, f.unit) for f in figures] == [(350_000, "barrels"), (28_600_000, "barrels")]
    assert {f.claimant for f in figures} == {"survey"}


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Travis County, Texas, has reported 64 new cases since Monday.", "Travis County, Texas"),
        ("Ana Costa, the port's chief, said 14 ships were held.", "Ana Costa"),
        ("Ana Costa, EU trade chief, said 14 ships were held.", "Ana Costa"),
    ],
)
def test_a_subject_with_its_place_or_its_role_in_apposition(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant


# --- hedging: plans and possibilities in other words -----------------------------------


@pytest.mark.parametrize(
    "sentence, hedged",
    [
        ("The central bank pencilled in two more rate rises this year.", True),
        ("Economists and officials see inflation peaking at 7.4%.", True),
        ("The walkout is due to involve 12,000 drivers.", True),
        ("The cabinet is weighing a cap of 5% on rent rises.", True),
        ("The start-up is looking to raise $80 million.", True),
        ("The board proposes to close 14 branches.", True),
        ("As many as 900 jobs are under threat at the plant.", True),
        ("About 450 jobs face the axe.", True),
        ("The new span weighs 800 tonnes.", False),
        ("The fund looked after 300 families last year.", False),
    ],
)
def test_plans_and_possibilities(sentence, hedged):
    (f,) = checked_figures(sentence, PUB)
    assert f.hedged is hedged


@pytest.mark.parametrize(
    "sentence, hedged",
    [
        ("The airline is cutting 700 jobs starting in September.", True),  # published May
        ("From 2026 the plant will make 90,000 cars a year.", True),
        ("The airline cut 700 jobs in March.", False),
        ("Some 70 flights were cancelled on Monday.", False),
    ],
)
def test_a_figure_dated_after_publication_is_planned(sentence, hedged):
    (f,) = checked_figures(sentence, PUB)
    assert f.hedged is hedged


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("Layoffs of 85 staff start in June.", [(85, "staff")]),
        ("Sales of 40,000 cars were lost to the strike.", [(40_000, "cars")]),
        ("The Group of 20 met in Rome.", []),
        ("Article 5 was invoked by the allies.", []),
    ],
)
def test_a_plural_noun_opening_the_sentence_does_not_name_the_number(sentence, found):
    assert [(f.value, f.unit) for f in checked_figures(sentence, PUB)] == found


# --- when a speaker's sentence states no figure -----------------------------------------


def test_the_writers_fact_after_a_speaker_without_figures_is_the_writers():
    text = (
        "The central bank raised its rate again on Thursday. Governor Ana Lima said the "
        "banks were sound. The rate now stands at 7.25%, the highest since 2008."
    )
    figures = checked_figures(text, PUB)
    assert [(f.value, f.claimant) for f in figures] == [(7.25, None)]


def test_a_quotation_or_a_pronoun_goes_on_with_the_speaker():
    text = (
        '"We tried everything," union organiser Tom Reid said. "This is a blow to 640 '
        'families." It also put the cost to the town at 3 million pounds.'
    )
    figures = checked_figures(text, PUB)
    assert [(f.value, f.claimant) for f in figures] == [
        (640, "Tom Reid"),
        (3_000_000, "Tom Reid"),
    ]


def test_a_figure_after_a_speaker_with_figures_goes_on_with_the_speaker():
    text = "Officials said 40 homes were destroyed. Another 25 were badly damaged in the storm."
    figures = checked_figures(text, PUB)
    assert [f.claimant for f in figures] == ["Officials", "Officials"]


def test_a_store_speaks():
    (f,) = checked_figures("Sales rose 2.1% over Christmas, the department store said.", PUB)
    assert f.claimant == "department store"


def test_a_standing_fact_after_a_speaker_is_the_writers():
    text = (
        "The carrier will cut 900 jobs, a filing showed. The company employs about 21,000 "
        "people. The club said 48,200 fans attended. The ground holds 52,000 people."
    )
    figures = checked_figures(text, PUB)
    assert [(f.value, f.claimant) for f in figures] == [
        (900, "filing"),
        (21_000, None),
        (48_200, "club"),
        (52_000, None),
    ]


def test_those_who_fled_are_counted():
    figures = checked_figures("More than 1.2 million have fled the region since May.", PUB)
    assert [(f.value, f.unit) for f in figures] == [(1_200_000, "people")]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The bank raised its rate by a quarter of a percentage point on Thursday.", 0.25),
        ("The Fed cut rates by half a percentage point.", 0.5),
        ("Rates rose three-quarters of a percentage point to 3.25%.", 0.75),
    ],
)
def test_fractions_of_a_percentage_point(sentence, value):
    figures = checked_figures(sentence, PUB)
    assert (figures[0].value, figures[0].unit) == (value, "percentage points")


def test_half_of_a_count_is_not_a_fraction_of_a_point():
    figures = checked_figures("Half of the 300 staff left in June.", PUB)
    assert [(f.value, f.unit) for f in figures] == [(300, "staff")]


@pytest.mark.parametrize(
    "history",
    [
        "It was the worst storm since Hurricane Ida, which killed about 90 people.",
        "The previous worst flood, in the 1990s, destroyed 600 homes.",
        "Dockers last struck nationally four decades ago, when 30,000 took part.",
        "Before the war, the country hosted 900,000 refugees.",
        "A similar march last spring drew 8,000 people.",
    ],
)
def test_the_writers_history_after_a_speaker_has_no_claimant(history):
    text = "Officials said 45 homes were destroyed. " + history
    figures = checked_figures(text, PUB)
    assert figures[0].claimant == "Officials"
    assert [f.claimant for f in figures[1:]] == [None]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The catch will not exceed 40,000 tonnes this year.", 40_000),
        ("Rent rises are capped at 5% a year.", 5),
        ("Losses were no higher than $3 million.", 3_000_000),
    ],
)
def test_ceilings_are_max(sentence, value):
    (f,) = checked_figures(sentence, PUB)
    assert (f.value, f.qualifier) == (value, "max")


# --- the owner of an estimate -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Sales rose 9% to $4.1 billion, beating the average Wall Street forecast of $3.9 billion.",
            [(9, None), (4_100_000_000, None), (3_900_000_000, "Wall Street")],
        ),
        ("Growth slowed to 1.2%, below the OECD's estimate of 1.6%.", [(1.2, None), (1.6, "OECD")]),
        ("A UN tally of 41,000 was disputed.", [(41_000, "UN")]),
        (
            "Officials said 25 died, short of the police estimate of about 40.",
            [(25, "Officials"), (40, "police")],
        ),
        ("The forecast of 3% growth was cut.", [(3, None)]),
    ],
)
def test_the_owner_of_an_estimate_speaks_for_it(sentence, expected):
    figures = checked_figures(sentence, PUB)
    assert [(f.value, f.claimant) for f in figures] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "According to figures released on Friday by the labour ministry, jobless claims rose 6%.",
            (6, "percent", "labour ministry"),
        ),
        (
            "The death toll, which officials put at 52 on Sunday, is expected to rise.",
            (52, "deaths", "officials"),
        ),
        (
            "The crowd, which police put at 18,000, marched to the square.",
            (18_000, "people", "police"),
        ),
        (
            "The border guard said 2 million had crossed since March.",
            (2_000_000, "people", "border guard"),
        ),
    ],
)
def test_released_figures_relative_put_and_crossings(sentence, expected):
    (f,) = checked_figures(sentence, PUB)
    assert (f.value, f.unit, f.claimant) == expected


def test_a_bare_number_before_who_counts_people():
    (f,) = checked_figures("They include some 90,000 who fled the fighting in May.", PUB)
    assert (f.value, f.unit) == (90_000, "people")
    figures = checked_figures(
        "Some 13,000 voters registered and 4,100 who stayed home were polled.", PUB
    )
    assert [(g.value, g.unit) for g in figures] == [(13_000, "voters"), (4_100, "voters")]


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("The figures, published by Eurostat on Friday, showed inflation at 8.5%.", "Eurostat"),
        ("Data compiled by the agency put the losses at $2 billion.", "agency"),
        ("Figures released by the ministry show 45,000 arrivals.", "ministry"),
    ],
)
def test_the_publisher_of_figures_speaks(sentence, claimant):
    (f,) = checked_figures(sentence, PUB)
    assert f.claimant == claimant
