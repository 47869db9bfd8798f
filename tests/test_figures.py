"""Figure extraction on sentences of other stories: casualties, evacuations, money,
percentages, elections. The seeds are covered by tests/test_gold.py; these keep the
rules general."""

from __future__ import annotations

from datetime import date

import pytest

from store.extract.figures import find_figures
from store.extract.numbers import find_numbers
from store.extract.sentences import split_sentences
from tests.extracting import checked_figures, only_figure

PUB = date(2024, 10, 30)  # a Wednesday


def figs(text, published=PUB):
    return checked_figures(text, published)


def one(text, published=PUB):
    return only_figure(text, published)


# --- numbers as written ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, high",
    [
        ("3,000", 3000, None),
        ("1.5 million", 1_500_000, None),
        ("$2bn", 2e9, None),
        ("€5 million", 5e6, None),
        ("20%", 20, None),
        ("six", 6, None),
        ("twenty-five", 25, None),
        ("a thousand", 1000, None),
        ("the first thousand", 1000, None),
        ("10,000 to 12,000", 10000, 12000),
        ("10,000-12,000", 10000, 12000),
        ("between 10,000 and 12,000", 10000, 12000),
        ("10,000-11,000-12,000", 10000, 12000),
        ("1.5 to 2 million", 1.5e6, 2e6),
    ],
)
def test_numbers_as_written(text, value, high):
    (n,) = find_numbers(text)
    assert (n.value, n.high) == (value, high)
    assert text[n.start : n.end].strip()


@pytest.mark.parametrize(
    "text, value",
    [
        ("thousands of troops", 1000),
        ("hundreds of thousands of rounds", 100_000),
        ("tens of thousands of people", 10_000),
        ("dozens of homes", 12),
        ("several hundred civilians", 100),
    ],
)
def test_vague_amounts_are_marked_and_read_as_a_floor(text, value):
    f = one(f"Officials said {text} were affected.")
    assert f.vague and f.value == value and f.qualifier == "min"


def test_two_numbers_joined_by_and_are_not_a_range():
    found = figs("Russia launched 96 drones and 4 missiles overnight.")
    assert [(f.value, f.high, f.unit) for f in found] == [
        (96, None, "drones"),
        (4, None, "missiles"),
    ]


# --- qualifiers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, qualifier",
    [
        ("about", "approx"),
        ("approximately", "approx"),
        ("some", "approx"),
        ("an estimated", "approx"),
        ("nearly", "approx"),
        ("roughly", "approx"),
        ("up to", "max"),
        ("as many as", "max"),
        ("fewer than", "max"),
        ("more than", "min"),
        ("over", "min"),
        ("at least", "min"),
        (None, None),
    ],
)
def test_qualifier(phrase, qualifier):
    words = f"{phrase} 4,000" if phrase else "4,000"
    f = one(f"The storm forced {words} residents to leave their homes.")
    assert f.qualifier == qualifier
    assert f.text.startswith(phrase or "4,000") and f.text.endswith("residents")


def test_qualifier_after_the_number():
    assert one("Police said 2,000 or more people marched.").qualifier == "min"


def test_estimated_at_is_a_plain_figure():
    f = one("The army was estimated at 470,000 active troops.")
    assert f.qualifier is None and f.unit == "troops"


# --- units -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("The flood displaced 250,000 people in the delta.", "people"),
        ("About 1,500 special forces soldiers arrived by ship.", "soldiers"),
        ("The ministry reported 12 injured in the blast.", "injured"),
        ("Unemployment rose to 5.4 percent in the quarter.", "percent"),
        ("Turnout was up 3 percentage points on the last vote.", "percentage points"),
        ("The government approved a $425 million package.", "dollars"),
        ("The budget sets aside 1.2 trillion yen for defence.", "yen"),
        ("Kyiv said it had recaptured three of its villages.", "villages"),
        ("The strike killed at least 30, the governor said.", "killed"),
        ("The death toll rose to 1,200 on Sunday.", "deaths"),
    ],
)
def test_unit(sentence, unit):
    assert one(sentence).unit == unit


def test_unit_from_the_noun_before_the_number():
    f = one("In March, the country's forces stood at an estimated 330,000.")
    assert (f.unit, f.qualifier, f.text) == ("forces", "approx", "an estimated 330,000")


def test_others_take_the_noun_of_the_figure_before():
    found = figs("The quake killed 12 people and injured 45 others.")
    assert [f.unit for f in found] == ["people", "people"]


# --- not figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022 and talks resumed in 2024.",
        "Leaders met at the G20 summit and discussed F-16 deliveries.",
        "The Group of 20 (G20) nations met in Rio.",
        "COVID-19 cases fell sharply.",
        "Article 5 of the treaty was invoked once.",
        "The blast happened at 3:45 a.m. local time.",
        "The 25-year-old suspect was arrested.",
        "The suspect, aged 25, was arrested.",
        "The second batch left on October 25.",
        "Fighting lasted for three days.",
        "It was one of the bloodiest years of the war.",
        "Military ties between the two countries deepened.",
        "Nine in ten residents approved.",
        "Thousands more were expected to follow.",
        "The Boeing 737 jets were grounded.",
    ],
)
def test_not_figures(sentence):
    assert figs(sentence) == []


def test_a_year_with_a_noun_after_it_is_a_count():
    assert one("The regiment lost 1500 soldiers in the spring.").value == 1500


# --- actor -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("Pyongyang has sent 3,000 troops to Russia.", "North Korea"),
        (
            "The Kremlin's forces, which were estimated at 470,000 active troops, advanced.",
            "Russia",
        ),
        ("Russia intends to involve about 10,000 soldiers from North Korea.", "North Korea"),
        ("Moscow killed 1,500 Ukrainian troops a day.", "Ukraine"),
        ("Moscow has amassed some 50,000 Russian and North Korean soldiers.", None),
        ("Israel's military said it had killed 17,000 Hamas fighters.", "Hamas"),
        ("NATO allies agreed to deploy an additional 4,000 troops to the eastern flank.", "NATO"),
        (
            "North Korea plans to send its personnel to Russia, totaling up to 10,000 people.",
            "North Korea",
        ),
    ],
)
def test_actor(sentence, actor):
    assert one(sentence).actor == actor


def test_actor_is_not_a_newspaper_named_after_a_city():
    f = one("The Kyiv Post reported that 20 soldiers were killed in the strike.")
    assert f.actor is None and f.claimant == "Kyiv Post"


def test_force_figure_follows_the_force_just_discussed():
    text = (
        "Kyrylo Budanov reported that 11,000 North Korean infantrymen are training. "
        "He added that the first unit of 2,600 soldiers is en route."
    )
    found = figs(text)
    assert [(f.actor, f.claimant) for f in found] == [("North Korea", "Kyrylo Budanov")] * 2


# --- claimant ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("According to the health ministry, 42 people were killed.", "health ministry"),
        ("At least 42 people were killed, the health ministry said on Sunday.", "health ministry"),
        (
            "Some 1,200 people were rescued, according to the National Emergency Management Agency (NEMA).",
            "National Emergency Management Agency (NEMA)",
        ),
        (
            '"We have lost 1,200 soldiers," Defence Minister Rustem Umerov told parliament.',
            "Rustem Umerov",
        ),
        ("The strike killed 15 people, said Ivan Fedorov, the regional governor.", "Ivan Fedorov"),
        ("NATO Secretary General Mark Rutte said 50 people were hurt.", "Mark Rutte"),
        ("Ivan Petrov, head of the regional council, said 300 homes were damaged.", "Ivan Petrov"),
        ("The report cited Anna Kim, who estimated that 15,000 people had fled.", "Anna Kim"),
        ("Aid workers warned that up to 500,000 people could face famine.", "Aid workers"),
        (
            "With western officials estimating that 700,000 troops have been killed, talks stalled.",
            "western officials",
        ),
        ("This week 300 people were evacuated, the sources told Bloomberg.", "sources"),
        (
            "The latest figures came after Seoul's intelligence service said 1,500 soldiers had arrived.",
            "Seoul's intelligence service",
        ),
    ],
)
def test_claimant(sentence, claimant):
    assert one(sentence).claimant == claimant


def test_outer_speaker_wins_over_a_nested_source():
    f = one("Blinken said that, according to recent reports, up to 8,000 troops had been deployed.")
    assert f.claimant == "Blinken"


def test_a_trailing_claim_with_its_own_figure_does_not_cover_the_one_before():
    found = figs("Police arrested 120 protesters, while organisers said 30,000 people joined.")
    assert [(f.value, f.claimant) for f in found] == [(120, None), (30000, "organisers")]


def test_pronoun_speaker_is_the_previous_named_person():
    text = "Governor Ivan Fedorov said 12 people died. He added that 40 homes burned."
    assert [f.claimant for f in figs(text)] == ["Ivan Fedorov", "Ivan Fedorov"]


def test_claim_in_the_next_sentence_refers_back():
    text = "Approximately 10,000 troops have been stationed there.\nThis information was disclosed by the defence ministry on Tuesday."
    f = one(text)
    assert f.claimant == "defence ministry"
    assert text[f.claimant_start : f.claimant_end] == "defence ministry"


def test_headline_attribution():
    f = one("North Korea has sent 3,000 troops to Russia – Reuters")
    assert f.claimant == "Reuters"
    assert one("Rebels seize 12 towns: report").claimant == "report"


def test_unattributed_headline_borrows_the_attribution_of_the_same_number():
    text = "Floods displace 250,000 people\nThe floods displaced 250,000 people, officials said."
    assert [f.claimant for f in figs(text)] == ["officials", "officials"]


def test_source_line_covers_unattributed_figures():
    text = "Source: Reuters\nThe storm destroyed 300 homes."
    assert one(text).claimant == "Reuters"


# --- hedging -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, hedged",
    [
        ("North Korea could send up to 100,000 troops.", True),
        ("North Korea may deploy as many as 100,000 troops.", True),
        ("Kyiv expects about 15,000 troops to take part.", True),
        ("Up to 12,000 troops could be deployed to the border.", True),
        ("The government will spend 2 billion euros on reconstruction.", True),
        ("The potential involvement of 10,000 troops worries Kyiv.", True),
        ("North Korea has sent 3,000 troops to Russia.", False),
        (
            "North Korea has sent 3,000 troops to Russia and thousands more were expected to follow.",
            False,
        ),
        (
            "The deployments would bolster the forces, which were estimated at 470,000 troops.",
            False,
        ),
        ("Police arrested 120 protesters on Tuesday.", False),
    ],
)
def test_hedged(sentence, hedged):
    assert one(sentence).hedged is hedged


# --- event date --------------------------------------------------------------------


def test_event_date_from_the_sentence():
    assert (
        one("On October 4, the Kyiv Post reported that 20 soldiers were killed.").date
        == "2024-10-04"
    )
    assert (
        one("At an October 17 press conference, he revealed a plan to train 10,000 soldiers.").date
        == "2024-10-17"
    )


def test_event_date_prefers_the_figures_own_clause():
    f = figs(
        "Ukraine, which killed 1,500 troops a day last month, has suffered, with 80,000 troops killed as of September."
    )[1]
    assert f.date == "2024-09"


def test_deadlines_do_not_date_an_event():
    f = one("Pyongyang promised about 10,000 troops, whose deployment is expected by December.")
    assert f.date is None


def test_the_same_day_takes_the_date_before():
    text = "On October 31, reports said 3 generals arrived. On the same day, Blinken said that 8,000 troops were deployed."
    assert [f.date for f in figs(text, date(2024, 11, 5))] == ["2024-10-31", "2024-10-31"]


# --- robustness --------------------------------------------------------------------


def test_find_figures_works_on_sentences_without_dates():
    body = "Officials said 40 people were hurt."
    found = find_figures(body, split_sentences(body), [])
    assert [(f.value, f.unit, f.claimant) for f in found] == [(40, "people", "Officials")]


def test_title_case_headline_units():
    f = one("North Korea Sends 3,000 Troops To Russia")
    assert (f.value, f.unit, f.actor) == (3000, "troops", "North Korea")


def test_sources_familiar_with_the_matter():
    f = one("Officials familiar with the matter said 400 troops had crossed.")
    assert f.claimant == "Officials familiar with the matter"


def test_as_reported_by():
    assert one("About 90 people died, as reported by Yonhap.").claimant == "Yonhap"


def test_half_a_million():
    f = one("Half a million refugees crossed the border.")
    assert f.value == 500_000 and f.text.lower().startswith("half")


def test_strong_contingent():
    f = one("Moscow sent a 5,000-strong contingent to the front.")
    assert (f.value, f.unit, f.actor) == (5000, "contingent", "Russia")


def test_more_between_number_and_noun():
    f = one("He said Russia could send up to 3,000 more troops.")
    assert (f.value, f.qualifier, f.unit, f.hedged) == (3000, "max", "troops", True)


def test_a_rival_estimate_in_its_own_clause_has_its_own_claimant_and_noun():
    found = figs(
        "According to Ukrainian estimates, some 3,800 North Korean troops have been killed, "
        "while Seoul puts the figure at about 1,000."
    )
    assert [(f.value, f.unit, f.actor, f.claimant) for f in found] == [
        (3800, "troops", "North Korea", "Ukrainian estimates"),
        (1000, "troops", "North Korea", "Seoul"),
    ]


def test_according_to_a_list_of_sources():
    f = one(
        "North Korea has deployed 11,000 troops, according to Ukrainian, South Korean and U.S. officials."
    )
    assert f.claimant == "Ukrainian, South Korean and U.S. officials"


def test_organisation_named_before_its_description():
    f = one(
        "The Institute for the Study of War, a Washington-based think tank, said Russia lost 1,500 tanks."
    )
    assert f.claimant == "Institute for the Study of War"


def test_measurements_keep_their_unit():
    assert one("The storm hit with winds of 120 mph.").unit == "mph"


def test_headline_figure_measured_against_a_noun_before_commas():
    f = one("N. Korean troops killed, wounded in Kursk top 1,000: NIS")
    assert (f.value, f.unit, f.actor, f.claimant) == (1000, "troops", "North Korea", "NIS")


def test_collective_noun_before_the_number():
    f = one("Pyongyang assembled a force of 10,000 for the operation.")
    assert (f.unit, f.actor) == ("force", "North Korea")


def test_no_noun_is_borrowed_from_another_clause():
    found = figs(
        "About 11.2 billion shares changed hands, compared with a 20-day average of 13.5 billion."
    )
    assert [f.value for f in found] == [11.2e9]


def test_market_report_without_counts_of_names():
    found = figs("The S&P 500 lost 0.8%, while the 10-year Treasury yield rose 5 basis points.")
    assert [(f.value, f.unit) for f in found] == [(0.8, "percent"), (5, "basis points")]


def test_a_quotation_over_several_sentences_has_the_speaker_named_where_it_closes():
    text = '"North Korea has sent 10,000 troops. They are now in Kursk," Defence Minister Jane Doe said.'
    assert one(text).claimant == "Jane Doe"


def test_claimant_offsets_point_at_the_claimant_in_the_body():
    from pathlib import Path

    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        for f in figs(body, date(2024, 11, 18)):
            if f.claimant_start is not None:
                assert body[f.claimant_start : f.claimant_end] == f.claimant


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Lee said another 1,000 had been injured.", 1000, "injured"),
        ("At least 100 soldiers were killed and another 1,000 have been wounded.", 1000, "wounded"),
        ('"The injured are approaching 1,000," he said.', 1000, "injured"),
    ],
)
def test_casualty_word_after_a_bare_number(sentence, value, unit):
    f = figs(sentence)[-1]
    assert (f.value, f.unit) == (value, unit)


def test_scraped_text_without_space_after_full_stops():
    found = figs(
        "Governor Ivan Fedorov said 40 people were hurt.He added that 12 homes burned.The army left."
    )
    assert [(f.value, f.claimant) for f in found] == [(40, "Ivan Fedorov"), (12, "Ivan Fedorov")]


def test_he_is_a_person_not_officials():
    text = "Governor Ivan Fedorov said 12 people died. Officials said the toll will rise. Some 215 soldiers were among the dead, he said."
    assert [f.claimant for f in figs(text)] == ["Ivan Fedorov", "Ivan Fedorov"]


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Of the deaths, 17,388 were reported in Kashmir, he said.", 17388, "deaths"),
        (
            "The death toll from an earthquake in the central Philippines rose to 144 on Wednesday.",
            144,
            "deaths",
        ),
        ("The number of injured rose toward 300.", 300, "injured"),
        ("It says the number of injured stands at 365.", 365, "injured"),
    ],
)
def test_the_noun_a_bare_number_measures(sentence, value, unit):
    f = one(sentence)
    assert (f.value, f.unit) == (value, unit)


def test_organisation_names_with_and():
    f = one(
        "The National Disaster Risk Reduction and Management Council said at least 134 of the deaths were on Bohol."
    )
    assert f.claimant == "National Disaster Risk Reduction and Management Council"


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        (
            "Lee Sung-kwon, speaking to reporters after a briefing, said 1,000 had been injured.",
            "Lee Sung-kwon",
        ),
        (
            "Ukrainian sources, including the outlet Global Defense, reported that 500 soldiers were killed.",
            "Ukrainian sources",
        ),
        (
            "A Telegram channel that provides intelligence claimed that three soldiers were injured.",
            "Telegram channel",
        ),
    ],
)
def test_claimant_behind_asides_and_relative_clauses(sentence, claimant):
    assert figs(sentence)[0].claimant == claimant


def test_an_unrelated_source_is_not_an_actor():
    text = "The British Guardian reported a launch, but the Russian military claimed to have shot down 2 missiles."
    f = one(text)
    assert (f.actor, f.claimant) == (None, "Russian military")


def test_a_coordinated_figure_keeps_the_actor_of_the_first():
    text = "South Korean MP Lee Seong-kweun has said that 100 North Korean soldiers have been killed, and about 1,000 other soldiers wounded."
    assert [f.actor for f in figs(text)] == ["North Korea", "North Korea"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("some 15-hundred special forces", 1500),
        ("ten-thousand troops", 10_000),
        ("12-thousand troops", 12_000),
    ],
)
def test_hyphenated_scales(text, value):
    assert one(f"The agency said {text} had arrived.").value == value


def test_cited_as_saying():
    f = one("Park cited Cho as saying that North Korea plans to send a total of 10,000 troops.")
    assert (f.claimant, f.hedged) == ("Cho", True)


def test_statement_saying():
    f = one("The agency released a statement on Friday saying that 4 brigades had moved.")
    assert f.claimant == "agency"


def test_passive_agent_with_an_acronym_refers_back():
    text = "About 3,000 troops have been dispatched.\nThis information was disclosed by the National Intelligence Service (NIS) during a briefing."
    assert one(text).claimant == "National Intelligence Service (NIS)"


def test_preparing_to_send_is_hedged():
    assert one("Pyongyang is preparing to send ten-thousand troops.").hedged is True


def test_actor_from_a_place_of_origin():
    f = one("Ships carried some 1,500 special forces from areas near North Korea's cities.")
    assert f.actor == "North Korea"


def test_a_date_before_a_range_word_does_not_swallow_the_number():
    f = one("This brings the total since October 7 to 22,722 Palestinians.", date(2024, 1, 6))
    assert (f.value, f.high, f.unit) == (22722, None, "palestinians")


def test_others_followed_by_a_casualty_word():
    found = figs("The toll rose to 22,722 Palestinians, with 58,166 others injured.")
    assert [f.unit for f in found][-1] == "injured"


@pytest.mark.parametrize(
    "headline, claimant",
    [
        ("More than 22,000 Palestinians killed in strikes - health ministry", "health ministry"),
        ("Gaza Health Ministry: 22,722 Palestinians killed in strikes", "Gaza Health Ministry"),
    ],
)
def test_headline_sources_lowercase_tail_and_leading_label(headline, claimant):
    assert one(headline).claimant == claimant


def test_a_headline_label_that_is_not_a_source():
    assert one("Ukraine conflict escalates: 10,000 troops mobilized").claimant is None


def test_statement_speaks():
    f = one("The statement added that 58,000 people were injured.")
    assert f.claimant == "statement"


def test_totals_measured_by_their_own_nouns():
    found = figs("This brings the total number of deaths to 23,084 and injuries to 58,926.")
    assert [(f.value, f.unit) for f in found] == [(23084, "deaths"), (58926, "injuries")]


def test_a_sentence_without_attribution_continues_its_paragraphs_speaker():
    text = (
        "Kirill Budanov said that 11,000 North Korean infantrymen are being trained. "
        "The first detachment of 2,600 soldiers will deploy on November 1.\n"
        "The next paragraph has 40 unattributed tanks."
    )
    assert [f.claimant for f in figs(text)] == ["Kirill Budanov", "Kirill Budanov", None]


def test_noun_reading_of_a_speech_verb_before_another():
    f = one("Intelligence reports suggest that 2,600 soldiers will be deployed.")
    assert f.claimant == "Intelligence reports"


def test_affirmed_is_a_claim():
    assert one("He affirmed the deployment of at least 500 officers.", PUB).qualifier == "min"
    assert one("Budanov affirmed the deployment of at least 500 officers.").claimant == "Budanov"


def test_a_possessive_country_is_not_a_unit():
    found = figs(
        "Deliveries reached 2.8 million shells a year, just 100,000 shy of Russia's own production."
    )
    assert [f.unit for f in found] == ["shells"]


def test_we_in_a_quotation_is_the_speaker_named_after_it():
    text = '"We believe that the DPRK has sent approximately 10,000 soldiers," Pentagon press secretary Maj. Gen. Pat Ryder told reporters.'
    assert one(text).claimant == "Pat Ryder"


def test_a_noun_that_looks_like_a_verb_does_not_extend_the_unit():
    found = figs(
        "The new U.S. estimate of 10,000 troops comes after Washington confirmed at least 3,000 soldiers."
    )
    assert [(f.value, f.unit, f.claimant) for f in found] == [
        (10000, "troops", "U.S."),  # the owner of the estimate (gold_dev3 rules), not a verb
        (3000, "soldiers", "Washington"),
    ]


def test_averaging_measures_the_noun_before():
    f = one("Russian casualties are now averaging about 1,200 per day, she noted.")
    assert (f.unit, f.qualifier, f.actor) == ("casualties", "approx", "Russia")


def test_title_with_lowercase_words_before_a_name():
    f = one(
        "White House communications director John Kirby confirmed that North Korea moved at least 3,000 troops."
    )
    assert f.claimant == "John Kirby"


def test_a_pronoun_speaker_hides_no_party_named_before_it():
    assert one("North Korea sent 3,000 troops, he said.").actor == "North Korea"


def test_a_count_after_a_month_name_is_not_a_day():
    f = one("By late May 3,000 troops had crossed, officials said.")
    assert (f.value, f.unit) == (3000, "troops")


def test_a_trailing_speaker_followed_by_another_covers_what_came_before():
    text = (
        "North Korea has sent 10,000 troops to Russia for training, the White House said Monday, "
        "as Ukraine's President Volodymyr Zelensky warned Pyongyang may soon have as many as 12,000 soldiers there."
    )
    assert [f.claimant for f in figs(text)] == ["White House", "Volodymyr Zelensky"]


def test_an_abbreviated_claimant_keeps_its_last_full_stop():
    assert one("The U.S. said Wednesday that 3,000 troops have been deployed.").claimant == "U.S."


def test_a_vague_amount_does_not_borrow_the_source_of_a_count():
    text = "Zelenskyy said 10,000 troops are being readied.\nThe war has cost tens of thousands of lives."
    assert [f.claimant for f in figs(text)] == ["Zelenskyy", None]


def test_of_them_refers_to_the_force_before():
    text = "More than 11,000 North Korean troops are fighting. More than 100 of them were killed, the agency said."
    assert [f.actor for f in figs(text)] == ["North Korea", "North Korea"]


def test_participial_numbering_measures_the_noun_before_its_comma():
    f = one("The North Korean armed forces, numbering 1.2 million, are among the largest.")
    assert (f.value, f.unit, f.actor) == (1.2e6, "forces", "North Korea")


def test_a_party_inside_an_aside_is_not_the_actor():
    f = figs("It sent shells to Moscow—now half of what Russia fires daily—and over 100 missiles.")[
        -1
    ]
    assert (f.value, f.actor) == (100, None)


def test_a_quoted_amount_still_counts_its_noun():
    f = one('An unnamed US official said there had been "several hundred" killed or wounded.')
    assert (f.value, f.unit, f.qualifier, f.vague) == (100, "killed", "min", True)


@pytest.mark.parametrize(
    "sentence, actor",
    [
        (
            "It emerged in October that the North had sent 10,000 troops to help Russia.",
            "North Korea",
        ),
        ("Officials said the North Korean army sent 500 troops.", "North Korea"),
        ("The North Atlantic alliance sent 300 troops.", None),
    ],
)
def test_the_north(sentence, actor):
    assert one(sentence).actor == actor


def test_a_number_in_a_compound_modifier_is_not_a_count():
    found = figs(
        "It pushed the number of people displaced to a two-decade high of 45.2 million, with a 10-point plan to follow."
    )
    assert [f.value for f in found] == [45.2e6]


def test_all_told_is_not_a_speaker():
    f = one("All told, the agency's annual figures showed 1.1 million people fled last year.")
    assert f.claimant == "agency's annual figures"
