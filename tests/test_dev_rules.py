"""Rules found on tests/data/gold_dev (figure dates, no claimant on the writer's own
background, hedging). Every sentence here is written for this file, about other stories
than the gold sets; each test names the general rule."""

from __future__ import annotations

from datetime import date

from store.extract import extract
from tests.extracting import checked_figures

PUB = date(2025, 3, 12)  # a Wednesday


def figs(text, published=PUB):
    return checked_figures(text, published)


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


# --- figure dates: the clause's finest date, the noun a clause hangs on, "a month later" ----


def test_a_finer_date_inside_the_clauses_first_date_wins():
    text = "Some 4,120 measles cases were recorded this year as of March 7, the health agency said."
    assert by_value(text)[4120].date == "2025-03-07"


def test_a_which_clause_takes_the_date_of_its_noun_not_the_date_it_was_said():
    text = (
        "Ticket sales beat the summer holidays in 2021, which drew 18,400 visitors, "
        "the museum said on Monday."
    )
    f = by_value(text)
    assert f[18400].date == "2021"


def test_a_month_later_counts_from_the_month_named_before():
    text = (
        "The worst fire came in August 2019, when flames destroyed 140 homes. "
        "A second blaze two months later burned 35 barns."
    )
    f = by_value(text)
    assert f[140].date == "2019-08"
    assert f[35].date == "2019-10"


def test_a_day_count_later_still_counts_from_the_last_day():
    text = "The dam failed on March 3. Two days later, 800 families were moved to camps."
    assert by_value(text)[800].date == "2025-03-05"


# --- claimant: who is speaking -------------------------------------------------------------


def test_plural_head_before_a_place_speaks_with_say():
    text = "Doctors in Lower Saxony say they treated 1,150 heatstroke patients last week."
    assert by_value(text)[1150].claimant == "Doctors in Lower Saxony"


def test_told_reporters_after_a_named_speaker_in_apposition():
    text = (
        "About 2,600 families have been moved, the port's harbour master, Ana Ribeiro, "
        "told reporters on Friday."
    )
    assert by_value(text)[2600].claimant == "Ana Ribeiro"


def test_a_dateline_does_not_hide_the_name_before_an_appositive():
    text = (
        "LYON, May 4 - Vireo Foods SA, the region's biggest dairy group, said on Monday it "
        "would close 3 plants."
    )
    assert by_value(text, date(2025, 5, 5))[3].claimant == "Vireo Foods SA"


def test_a_place_that_recorded_cases_is_not_a_speaker():
    text = (
        "According to the health bureau, Riverside recorded 310 cases, while Oakdale and "
        "Pinehill recorded 95 cases."
    )
    f = by_value(text)
    assert f[310].claimant == "health bureau"
    assert f[95].claimant == "health bureau"


def test_a_short_according_to_list_still_reads_whole():
    text = "At least 70 fishermen were detained, according to Thai, Malaysian and Indonesian officials."
    assert by_value(text)[70].claimant == "Thai, Malaysian and Indonesian officials"


# --- hedging: forecasts in other words -----------------------------------------------------


def test_forecast_verbs_and_nouns_hedge():
    for text in (
        "Meteorologists predict 11 hurricanes for the coming season.",
        "The central bank signalled three more cuts of 25 basis points this year.",
        "Economists now see growth of 1.2 percent in 2026.",
        "Bond yields are seen rising to 4.8 percent by June.",
        "The chipmaker targets sales of $7 billion next year.",
        "About 1,800 jobs are at risk at the plant, the union warned.",
        "The latest projection puts the shortfall at 2.1 billion pounds.",
    ):
        found = figs(text)
        assert found and all(f.hedged for f in found), (text, [(f.text, f.hedged) for f in found])


def test_nouns_that_look_like_forecast_words_do_not_hedge():
    for text in (
        "Warplanes struck 30 targets and killed 12 fighters on Monday.",
        "Residents saw 30 homes burn on Sunday night.",
        "Nearly 40 projects worth $3 billion were approved last year.",
    ):
        found = figs(text)
        assert found and not any(f.hedged for f in found), (
            text,
            [(f.text, f.hedged) for f in found],
        )


# --- figure dates: relative to the year or month named before -----------------------------


def test_the_year_before_and_the_following_month_count_from_the_date_named_last():
    text = "Imports slid 6 percent in 2022 after climbing 11 percent the year before."
    f = by_value(text)
    assert f[6].date == "2022" and f[11].date == "2021"
    text = "Bookings grew 8 percent in June 2023 and 3 percent the following month."
    f = by_value(text)
    assert f[8].date == "2023-06" and f[3].date == "2023-07"


def test_the_previous_year_without_an_earlier_date_is_left_alone():
    ex = extract("Visitors doubled from the previous year to 12,000.", PUB)
    assert not any(d.text.lower() == "the previous year" for d in ex.dates)


# --- claimant: more of the writer's own background -----------------------------------------


def test_an_earlier_years_fact_is_background_even_when_it_is_the_only_year():
    text = (
        "The coastguard said 17 sailors were rescued. "
        "The strait was closed by a similar gale in 2016 that sank 3 trawlers."
    )
    f = by_value(text)
    assert f[17].claimant == "coastguard"
    assert f[3].claimant is None and f[3].date == "2016"


def test_a_population_appositive_has_no_claimant():
    text = (
        "Officials said 90 houses burned. The valley, home to about 12,000 people, remains cut off."
    )
    f = by_value(text)
    assert f[90].claimant == "Officials"
    assert f[12000].claimant is None
    text = "At least 45 shelters are open in Ostrava, a city of 280,000 people, officials said."
    f = by_value(text)
    assert f[45].claimant is not None
    assert f[280000].claimant is None


def test_a_founded_in_aside_does_not_date_the_main_clause():
    text = "The cooperative, founded in 1987, now supplies 340 schools."
    assert by_value(text)[340].date is None


def test_the_utility_speaks():
    text = "Power was back for 7,800 homes by Friday, the utility said."
    assert by_value(text)[7800].claimant == "utility"


# --- figure dates: the date it was said, written before the verb; closed relative clauses --


def test_a_date_before_the_reporting_verb_is_when_it_was_said():
    text = "Firefighters on Monday said 14 barns burned in Saturday's blaze."
    assert by_value(text)[14].date == "2025-03-08"


def test_a_closed_relative_clause_keeps_its_date_to_itself():
    text = (
        "The insurer, which paid out $800 million last year, said on Monday it would "
        "shed 650 staff."
    )
    f = by_value(text)
    assert f[800_000_000].date == "2024"
    assert f[650].date != "2024"


def test_plans_in_other_words_hedge():
    for text in (
        "The tram line is due to carry 25,000 riders a day.",
        "The tunnel is scheduled to open with 4 lanes in 2028.",
        "Each pensioner is to receive 300 pounds.",
        "The region has a target of 50,000 heat pumps.",
        "The bill seeks $2.5 billion for rail repairs.",
        "The levy is designed to raise 900 million euros.",
        "The plan envisages 1,200 new beds.",
    ):
        found = figs(text)
        assert found and all(f.hedged for f in found), (text, [(f.text, f.hedged) for f in found])


def test_look_alikes_of_plan_words_do_not_hedge():
    for text in (
        "About 200 deaths were due to the heat wave.",
        "Police are seeking 4 suspects after the raid.",
        "Some 90,000 people were moved from areas at risk on Friday.",
        "The landlord is to blame for 30 evictions.",
    ):
        found = figs(text)
        assert found and not any(f.hedged for f in found), (
            text,
            [(f.text, f.hedged) for f in found],
        )


def test_a_figure_inside_a_closed_relative_clause_takes_only_its_dates():
    text = "Stocks in the retailer, which has shed 35 percent this year, slid 2 percent on Monday."
    f = by_value(text)
    assert f[35].date == "2025" and f[2].date == "2025-03-10"
    text = (
        "The ferry operator, which carried 9 million people last year, said it would sell 4 ships."
    )
    f = by_value(text)
    assert f[9_000_000].date == "2024" and f[4].date is None


def test_a_bringing_clause_has_its_own_date():
    text = "Health officials said 12 patients died, bringing this year's toll to 205."
    f = by_value(text)
    assert f[12].date is None and f[205].date == "2025"


def test_a_long_titled_speaker_after_the_figure():
    text = (
        "Nine villages are now cut off, Lt. Col. Maria de la Cruz of the Provincial "
        "Disaster Response Office confirmed."
    )
    assert by_value(text)[9].claimant is not None
