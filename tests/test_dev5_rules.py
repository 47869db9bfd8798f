"""Rules found on the fifth development gold (tests/data/gold_dev5/), each tried on
sentences of our own about other stories: who speaks for a figure when the speaker is named
by an object pronoun, in another sentence of a publication's statistics, or around a list."""

from __future__ import annotations

from datetime import date

import pytest

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


# --- a publication's figures over several paragraphs -------------------------------------


def test_percentages_after_a_publications_figures_are_still_its_figures():
    text = (
        "Figures from the national statistics agency show that house sales fell by 8% in "
        "the spring.\n"
        "The sharpest drop was in the north, where sales are down 14.5%.\n"
        "Sales of new flats slipped by 3.2% over the same months."
    )
    claims = _claims(text)
    assert all("statistics agency" in (claims[k] or "") for k in ("8%", "14.5%", "3.2%"))


def test_the_run_of_a_publications_figures_ends_at_a_count_or_a_speaker():
    text = (
        "Data from the port authority showed that cargo volumes rose 6% last quarter.\n"
        "The port employs 4,200 dockers.\n"
        "Container traffic grew by 9%.\n"
    )
    claims = _claims(text)
    assert "port authority" in claims["6%"]
    assert claims["4,200 dockers"] is None
    assert claims["9%"] is None
    text = (
        "Data from the port authority showed that cargo volumes rose 6% last quarter.\n"
        'A union leader, Pia Moreno, said: "Our members see none of it."\n'
        "Wages rose by 1.5% in the same period."
    )
    assert _claims(text)["1.5%"] is None


# --- a document's findings go on in its paragraph ------------------------------------------


def test_the_sentence_after_a_surveys_finding_is_the_surveys():
    text = (
        "The survey found that most renters in the capital spend over a third of their pay "
        "on housing. Young tenants paid 47 percent of their income in rent."
    )
    assert _claims(text)["47 percent"] == "survey"


def test_the_sentence_after_a_persons_figureless_remark_is_still_the_writers():
    text = (
        "The mayor said the new tram line would change the city. "
        "The line carries 18,000 passengers a day."
    )
    assert _claims(text)["18,000 passengers"] is None


# --- bare figures between two of one speaker's ---------------------------------------------


def test_a_list_between_a_speaker_and_his_closing_it_said_is_his():
    text = (
        "The refugee agency says Chad hosts 1.2 million refugees, while around 900,000 are "
        "in Uganda.\n"
        "Kenya has about 700,000 refugees on its soil.\n"
        "Around 500,000 refugees live in Ethiopia, it said."
    )
    assert _claims(text)["about 700,000 refugees"] == "refugee agency"


def test_the_writers_event_before_a_new_speakers_he_said_stays_the_writers():
    text = (
        "Colonel Amadou Sy, the army spokesman, said troops killed 12 gunmen on Monday.\n"
        "A separate raid on Sunday killed 3 herders.\n"
        "Ibrahim Kone, a local chief, disputed the army's account. "
        '"We buried 20 people," he said.'
    )
    assert _claims(text)["3 herders"] is None


def test_he_said_is_the_person_who_opens_the_sentence_before_with_a_name():
    text = (
        "Colonel Amadou Sy, the army spokesman, said troops killed 12 gunmen on Monday.\n"
        "Ibrahim Kone, a local chief, disputed the army's account. "
        '"We buried 20 people," he said.'
    )
    claims = _claims(text)
    assert claims["12 gunmen"] == "Amadou Sy"
    assert claims["20 people"] == "Ibrahim Kone"


def test_a_closing_speaker_followed_by_a_participle_with_that_still_closes():
    text = (
        '"The flood destroyed 240 homes and 3 bridges," the governor said, stressing that '
        "help was on its way."
    )
    claims = _claims(text)
    assert claims["240 homes"] == "governor"
    assert claims["3 bridges"] == "governor"
    # "said that" still opens the claim that follows it, not the one before
    text = "Before the storm 500 homes stood there, and the mayor said that 40 remain."
    claims = _claims(text)
    assert claims["500 homes"] is None


# --- the writer's background after a speaker -----------------------------------------------


@pytest.mark.parametrize(
    "text, background",
    [
        (
            "Organisers said 9,000 runners took part. The town has 14,000 residents.",
            "14,000 residents",
        ),
        (
            "The bank said it would close 60 branches. The lender, founded in 1881, has "
            "4,300 employees.",
            "4,300 employees",
        ),
        (
            "Mr Duarte said 800 nurses would be recruited. The health service has about "
            "52,000 staff.",
            "about 52,000 staff",
        ),
        (
            "The toll reached 31, officials said. The epidemic began in January, when 4 "
            "cases were found in the port.",
            "4 cases",
        ),
        (
            "The navy said it had seized 12 boats. The smugglers have made more than 300 "
            "crossings since 2016.",
            "more than 300 crossings",
        ),
    ],
)
def test_the_writers_background_after_a_speaker_has_no_claimant(text, background):
    assert _claims(text)[background] is None


def test_a_speaker_before_a_relative_clause_with_a_figure_is_the_speaker():
    text = (
        "The union, which represents 12,000 bus drivers, said 3,000 of its members had walked out."
    )
    claims = _claims(text)
    assert claims["3,000 of its members"] == "union"
    assert claims["12,000 bus drivers"] is None


@pytest.mark.parametrize(
    "body", ["federation", "association", "chamber of commerce", "coalition", "board"]
)
def test_a_determined_body_that_puts_the_figure_at_is_a_rival_source(body):
    text = (
        "The stoppage closed 900 shops, union leader Nadia Berg said, while the "
        f"{body} put the figure at 350."
    )
    claims = _claims(text)
    assert claims["900 shops"] == "Nadia Berg"
    assert claims["350"] is not None and body.split()[0] in claims["350"]


# --- speakers named by role, and quotations over paragraphs ---------------------------------


def test_she_said_is_the_role_named_before_when_no_one_is_named():
    text = (
        "The education minister said 1,340 schools had reopened.\n"
        "Of those, 212 still had no running water, she said."
    )
    assert _claims(text)["212"] == "education minister"


def test_a_paragraph_of_quotation_goes_on_quoting_the_speaker_before():
    text = (
        '"The fire destroyed 75 homes," the district fire chief told reporters.\n'
        '"Another 30 were damaged, and we are still counting."'
    )
    claims = _claims(text)
    assert claims["75 homes"] == "district fire chief"
    assert claims["30"] == "district fire chief"


def test_a_paragraph_of_the_writers_after_a_quotation_is_not_the_speakers():
    text = (
        '"The fire destroyed 75 homes," the district fire chief told reporters.\n'
        "The valley has 4,000 residents."
    )
    assert _claims(text)["4,000 residents"] is None


def test_the_markets_answer_in_a_speakers_sentence_is_the_writers():
    text = "Revenue fell 12%, the retailer said on Tuesday, sending its shares down 7%."
    claims = _claims(text)
    assert claims["12%"] == "retailer"
    assert claims["7%"] is None


def test_a_standing_target_after_a_speaker_is_the_writers():
    text = (
        "Unemployment fell to 5.8% in April, the labour ministry said. "
        "The government's target is 4.5%."
    )
    claims = _claims(text)
    assert claims["5.8%"] == "labour ministry"
    assert claims["4.5%"] is None


# --- passive sources after the figure, asides before the verb ------------------------------


@pytest.mark.parametrize(
    "second, source",
    [
        ("The new toll was confirmed by the regional governor on Sunday.", "regional governor"),
        ("The cuts were announced by the steelmaker on Thursday.", "steelmaker"),
        ("The tally was confirmed by the electoral board.", "electoral board"),
    ],
)
def test_a_passive_source_of_the_toll_or_cuts_speaks_for_the_sentence_before(second, source):
    text = "Some 1,150 people have now been counted. " + second
    assert _claims(text)["Some 1,150 people"] == source


def test_a_speaker_before_an_aside_on_where_he_spoke_is_the_speaker():
    text = (
        "The port authority, in a notice posted late on Friday, said 14 ships were waiting to dock."
    )
    assert _claims(text)["14 ships"] == "port authority"


@pytest.mark.parametrize(
    "text, figure, source",
    [
        ("A poll of 1,500 voters found 44% would back the mayor.", "44%", "poll"),
        ("The study, led by a team in Leeds, found 31% of commuters cycle.", "31%", "study"),
        (
            "Its latest audit showed 212 contracts were signed without a tender.",
            "212 contracts",
            "audit",
        ),
    ],
)
def test_a_document_opening_its_sentence_speaks_for_what_it_found(text, figure, source):
    assert source in (_claims(text)[figure] or "")


@pytest.mark.parametrize(
    "text, figure, source",
    [
        ("Forecasters project the river will crest at 9 metres.", "9 metres", "Forecasters"),
        ("Analysts predict sales of 2.4 million cars this year.", "2.4 million cars", "Analysts"),
        ("The bridge project will cost $80 million, the ministry said.", "$80 million", "ministry"),
        ("The council's project to build 300 homes was approved.", "300 homes", None),
    ],
)
def test_project_and_predict_speak_after_a_plural_subject_only(text, figure, source):
    assert _claims(text)[figure] == source


def test_a_passive_estimate_names_its_source_after_the_figure():
    text = "Insured losses were estimated at about $3.5 billion by the broker Aon."
    assert _claims(text)["about $3.5 billion"] == "broker Aon"


@pytest.mark.parametrize(
    "text, figure, source",
    [
        (
            "The paper, citing court filings, said the charity owed $4 million.",
            "$4 million",
            "paper",
        ),
        (
            "AFP, quoting a hospital director, reported that 26 people were injured.",
            "26 people",
            "AFP",
        ),
        (
            "UNESCO, in a report published on Monday, said 250 million children are out of school.",
            "250 million children",
            "UNESCO",
        ),
    ],
)
def test_a_speaker_before_a_citing_or_in_a_statement_aside_is_the_speaker(text, figure, source):
    assert _claims(text)[figure] == source
