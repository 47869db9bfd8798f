"""Issue 8, "who says so" and "headlines and forms": claimants an analyst can quote, and
numbers in the forms headlines and wire copy write them. Every sentence here is written
for this file (other stories than the seeds); each test names the general rule."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.extracting import checked_figures, only_figure

PUB = date(2025, 3, 12)  # a Wednesday


def figs(text, published=PUB):
    return checked_figures(text, published)


def one(text, published=PUB):
    return only_figure(text, published)


# --- headlines and forms -----------------------------------------------------------


@pytest.mark.parametrize(
    "headline, value, unit",
    [
        ("Government Unveils $200M Flood Fund", 200_000_000, "dollars"),
        ("Deficit Widens To $1.8 tn In Fiscal Year", 1_800_000_000_000, "dollars"),
        ("City Approves $425 mil Stadium Deal", 425_000_000, "dollars"),
        ("Britain Pledges £9 Billion For Rail Upgrades", 9_000_000_000, "pounds"),
        ("Streaming service passes 3bn subscribers", 3_000_000_000, "subscribers"),
        ("Airline Hires 2K Cabin Crew Members", 2_000, "members"),
        ("Regulator fines bank €1.25 bn", 1_250_000_000, "euros"),
    ],
)
def test_scale_abbreviations_in_headlines(headline, value, unit):
    f = one(headline)
    assert (f.value, f.unit) == (value, unit)


def test_a_model_number_in_a_title_case_headline_is_still_not_a_count():
    assert figs("Airline Grounds Boeing 737 Jets After Incident") == []


def test_title_case_headline_speaker_and_plan():
    f = one("Finland Says Russia To Move 15K Reservists Near Border")
    assert (f.value, f.unit, f.claimant, f.hedged) == (15_000, "reservists", "Finland", True)


@pytest.mark.parametrize(
    "headline, hedged",
    [
        ("Carmaker to cut 2,500 jobs in Germany", True),
        ("Hospital Trust To Close 300 Beds", True),
        ("Exports Rise To 4,000 Tonnes", False),
        ("Ferry Carries 900 Passengers To Safety", False),
    ],
)
def test_a_headline_infinitive_is_a_plan(headline, hedged):
    assert one(headline).hedged is hedged


@pytest.mark.parametrize(
    "headline, value, claimant",
    [
        ("Chipmaker To Shed 4,000 Jobs – FT", 4000, "FT"),
        ("Pensioners face £700 energy bill rise: IFS", 700, "IFS"),
        ("Wildfire destroys 1,100 homes — AP", 1100, "AP"),
    ],
)
def test_a_source_after_a_dash_or_colon_is_the_claimant(headline, value, claimant):
    f = one(headline)
    assert (f.value, f.claimant) == (value, claimant)


@pytest.mark.parametrize(
    "text, value",
    [
        ("$17.1bn", 17_100_000_000),
        ("$17.1 billion", 17_100_000_000),
        ("€0.3bn", 300_000_000),
        ("$2.3 million", 2_300_000),
        ("1.15 trillion yen", 1_150_000_000_000),
        ("4.1 to 4.7 million euros", 4_100_000),
    ],
)
def test_scaled_values_are_exact(text, value):
    f = one(f"The insurer said it paid {text} in claims.")
    assert f.value == value
    assert json.dumps(f.value) in (f"{value}.0", str(value))


@pytest.mark.parametrize(
    "sentence, unit",
    [
        ("Roughly 1,200 émigrés returned after the ceasefire.", "émigrés"),
        ("Some 40 cafés closed during the strike.", "cafés"),
        ("The prefecture said about 3,000 évacués were in shelters.", "évacués"),
    ],
)
def test_nouns_beyond_ascii_are_units(sentence, unit):
    assert one(sentence).unit == unit


# --- who says so -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Roughly 60% of nurses stayed off the wards, the nurses' union said, while the "
            "health department put attendance at 85%.",
            [(60, "nurses' union"), (85, "health department")],
        ),
        (
            "Some 45,000 farmers blocked the roads, organisers said, whereas the interior "
            "ministry put the number of protesters at 18,000.",
            [(45_000, "organisers"), (18_000, "interior ministry")],
        ),
        (
            "Turnout reached 58% according to the electoral commission, while an opposition "
            "monitor put it at 41%.",
            [(58, "electoral commission"), (41, "opposition monitor")],
        ),
    ],
)
def test_rival_estimates_in_one_sentence_keep_their_own_claimants(sentence, expected):
    assert [(f.value, f.claimant) for f in figs(sentence)] == expected


def test_put_the_figure_at_counts_the_people_of_the_story():
    text = "Thousands of dockers marched on the port on Friday. Police put the figure at 7,200."
    f = figs(text)[-1]
    assert (f.value, f.unit, f.claimant) == (7200, "dockers", "Police")
    f = one("Stewards put the crowd at 4,100.")
    assert (f.value, f.unit, f.claimant) == (4100, "people", "Stewards")


@pytest.mark.parametrize(
    "sentence, value, claimant",
    [
        ("Police counted 9,400.", 9400, "Police"),
        ("Organisers counted more than 20,000 in the square.", 20_000, "Organisers"),
        (
            "Police put the crowd at 3,000, while organisers said 11,000 took part.",
            11_000,
            "organisers",
        ),
    ],
)
def test_a_bare_count_of_a_crowd_is_a_figure(sentence, value, claimant):
    f = figs(sentence)[-1]
    assert (f.value, f.unit, f.claimant) == (value, "people", claimant)


def test_votes_counted_is_not_a_speaker():
    found = figs("With 95% of ballots counted, the Green Party had 23% of the vote.")
    assert [f.claimant for f in found] == [None, None]


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("About 260 homes were without power, the mayor said.", "mayor"),
        ("Some 1,800 jobs will go, the company said on Thursday.", "company"),
        (
            "At least 35 patients were treated, a spokesperson for the clinic said.",
            "spokesperson for the clinic",
        ),
        ("Nearly 90 flights were cancelled, the airline said in a statement.", "airline"),
        ("According to the regulator, 14 lenders failed the test.", "regulator"),
    ],
)
def test_a_trailing_speaker_with_a_plain_role(sentence, claimant):
    assert one(sentence).claimant == claimant


def test_an_aside_is_not_a_speaker():
    f = one("Marta Lind, speaking after a board meeting, said 120 stores would close.")
    assert f.claimant == "Marta Lind"


@pytest.mark.parametrize(
    "text",
    [
        '"We will add 800 engineers this year," chief executive Omar Haddad said. '
        "Shares in the shipbuilder fell 4.2%.",
        "Omar Haddad said the group would add 800 engineers. Its shares rose 3% in early trading.",
        '"Orders reached 1,200 vessels," the chairman said. The yard employs 5,400 welders.',
        "Omar Haddad said the group would add 800 engineers. Sales grew 12% last year.",
    ],
)
def test_a_writers_fact_does_not_inherit_the_speaker_before(text):
    found = figs(text)
    assert found[0].claimant is not None
    assert found[-1].claimant is None


def test_a_follow_up_of_the_same_kind_keeps_the_speaker():
    text = "The governor said 300 homes were flooded. Another 40 homes lost power."
    assert [f.claimant for f in figs(text)] == ["governor", "governor"]
    text = "Ilse Brandt said 2,000 workers were furloughed. About 15% of them were rehired."
    assert [f.claimant for f in figs(text)] == ["Ilse Brandt", "Ilse Brandt"]


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Commissioner Ana Reyes said 1,300 claims were filed.", "Ana Reyes"),
        ("Chief executive Laura Penn said 500 roles would go.", "Laura Penn"),
        ("The bank's chief economist Tom Aldous said 40,000 homes were repossessed.", "Tom Aldous"),
    ],
)
def test_titles_and_roles_are_trimmed_from_the_claimant(sentence, claimant):
    assert one(sentence).claimant == claimant


# --- the qualifier as written ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, qualifier, written",
    [
        ("At least 1,900 households lost power.", "min", "At least"),
        ("More than 1,900 households lost power.", "min", "More than"),
        ("Crews restored power to over 1,900 households.", "min", "over"),
        ("As many as 1,900 households lost power.", "max", "As many as"),
        ("Some 1,900 households lost power.", "approx", "Some"),
        ("Crews reached 1,900 or more households.", "min", "or more"),
        ("Crews reached 1,900 households.", None, None),
        ("Thousands of households lost power.", "min", None),
    ],
)
def test_the_qualifier_keeps_its_words(sentence, qualifier, written):
    f = one(sentence)
    assert (f.qualifier, f.qualifier_text) == (qualifier, written)


def test_the_qualifier_as_written_is_what_the_cli_shows(tmp_path, capsys):
    from tui.cli import main

    article = tmp_path / "storm.txt"
    article.write_text(
        "Storm cuts power\n\nAt least 2,150 homes were without power on Sunday, the utility said.\n"
        "The repair bill could reach $17.1bn, the insurer said.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "t.db")

    def cli(*args):
        capsys.readouterr()
        assert main(["--db", db, *args]) == 0
        return capsys.readouterr().out

    cli("ingest", str(article), "--published", "2025-03-10")
    records = json.loads(cli("figures", "--format", "json"))
    homes = next(r for r in records if r["unit"] == "homes")
    assert (homes["qualifier"], homes["qualifier_text"]) == ("min", "At least")
    bill = next(r for r in records if r["unit"] == "dollars")
    assert bill["value"] == 17_100_000_000 and isinstance(bill["value"], int)
    table = cli("figures", "--format", "table")
    header, homes_line = table.splitlines()[:2]
    assert "WRITTEN" in header.split() and "At least" in homes_line.split("At least 2,150")[0]
    csv_text = cli("figures", "--format", "csv")
    assert "17100000000" in csv_text and "17100000000.0" not in csv_text


def test_format_value_shows_the_words_as_written():
    from tui.formats import format_value

    assert format_value(2300, None, "min", "people", "At least") == "at least 2,300"
    assert format_value(2300, None, "min", "people", "or more") == "2,300 or more"
    assert format_value(2300, None, "min", "people") == "over 2,300"


# --- one identity per claimant -----------------------------------------------------


def test_one_identity_per_claimant_with_the_role_kept_apart(tmp_path):
    from store.db import open_db
    from store.ingest import ingest_sources
    from store.queries import list_figures

    stories = {
        "a.txt": "Harbour budget\n\nPorts Minister Rui Duarte said 2,400 dockers would retire early. "
        "Duarte said 310 cranes would be replaced.\n",
        "b.txt": "Harbour talks\n\nDuarte told parliament that 75 berths would close.\n",
        "c.txt": "Air defence\n\nPresident Zelensky said 640 drones were downed overnight.\n",
        "d.txt": "Air defence 2\n\nZelenskyy said 720 drones were downed overnight.\n",
        "e.txt": "Air defence 3\n\nVolodymyr Zelenskyy said 810 drones were downed. "
        "Regional Commissioner Ana Berg said 45 villages lost power.\n",
    }
    db = open_db(tmp_path / "t.db")
    for name, text in stories.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        list(ingest_sources(db, [str(tmp_path / name)], published=PUB))
    rows = {f.value: f for f in list_figures(db)}
    assert {rows[v].claimant_canonical for v in (2400, 310, 75)} == {"Rui Duarte"}
    assert {rows[v].claimant_canonical for v in (640, 720, 810)} == {"Volodymyr Zelenskyy"}
    assert (rows[45].claimant, rows[45].claimant_canonical) == ("Ana Berg", "Ana Berg")
    assert rows[45].claimant_role == "Regional Commissioner"
    assert rows[2400].claimant_role == "Ports Minister"
    assert rows[640].as_contract()["claimant_role"] == "President"
    assert rows[720].claimant_role is None


def test_a_determined_subject_before_a_relative_aside_speaks():
    found = figs(
        "The insurer, which covers 2,900 farms in the valley, said it would pay 310 claims."
    )
    assert found[-1].claimant == "insurer"


def test_rain_in_millimetres_is_a_measure():
    f = one("The storm dropped 180 mm of rain overnight, the weather service said.")
    assert (f.value, f.unit, f.claimant) == (180, "mm", "weather service")


@pytest.mark.parametrize(
    "headline, value, claimant",
    [
        (
            "Delays cost rail firms £2.3bn, says transport secretary",
            2_300_000_000,
            "transport secretary",
        ),
        ("Borno Says 40K Displaced By Floods", 40_000, "Borno"),
    ],
)
def test_headline_speakers_after_and_before_the_figure(headline, value, claimant):
    f = one(headline)
    assert (f.value, f.claimant) == (value, claimant)


def test_a_bare_body_noun_speaks_in_a_second_clause():
    found = figs(
        "The union claimed 80% of members backed the stoppage; management said the real figure was 55%."
    )
    assert [(f.value, f.claimant) for f in found] == [(80, "union"), (55, "management")]


def test_a_crowd_put_at_a_number_counts_people_whatever_came_before():
    text = (
        "The minister said 2,100 nurses would be hired. "
        "Police put the crowd outside the health ministry at 6,500."
    )
    f = figs(text)[-1]
    assert (f.value, f.unit, f.claimant) == (6500, "people", "Police")


def test_a_share_and_a_sum_joined_by_to_are_two_figures():
    found = figs("Quarterly profit at the brewer fell 21% to $2.6bn, the company said.")
    assert [(f.value, f.high, f.unit) for f in found] == [
        (21, None, "percent"),
        (2_600_000_000, None, "dollars"),
    ]
    assert {f.claimant for f in found} == {"company"}


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("In Leeds, stewards counted 9,100 marchers.", "stewards"),
        ("In Porto the city council announced 6,300 participants.", "city council"),
        (
            "In Lyon, the prefecture's office estimated the crowd at 14,000 people.",
            "prefecture's office",
        ),
    ],
)
def test_a_fronted_place_is_not_the_speaker(sentence, claimant):
    assert one(sentence).claimant == claimant


def test_the_name_before_an_appositive_after_a_conjunction():
    f = figs(
        "About 9% of nurses struck, according to the health board, while the RCN, the "
        "biggest nursing union, announced 64% of members."
    )[-1]
    assert (f.value, f.claimant) == (64, "RCN")


def test_each_figure_keeps_the_source_written_right_after_it():
    found = figs(
        "12% of drivers on strike according to the operator, 58% according to the drivers' union"
    )
    assert [(f.value, f.claimant) for f in found] == [(12, "operator"), (58, "drivers' union")]


def test_posting_a_result_is_not_a_post():
    f = one("The brewer posted a record profit, sending its shares up 6%.")
    assert f.claimant is None


@pytest.mark.parametrize(
    "sentence, value, claimant",
    [
        (
            "Sales were $4.1 billion, short of the $4.3 billion analysts had expected.",
            4_300_000_000,
            "analysts",
        ),
        ("Economists had expected inflation to ease to 2.4%.", 2.4, "Economists"),
        ("The retailer expects to open 40 stores next year.", 40, "retailer"),
    ],
)
def test_an_expectation_names_who_expects(sentence, value, claimant):
    f = figs(sentence)[-1]
    assert (f.value, f.claimant) == (value, claimant)


def test_an_expectation_tied_to_one_figure_does_not_cover_the_one_before():
    found = figs("Sales were $4.1 billion, short of the $4.3 billion analysts had expected.")
    assert found[0].claimant is None


@pytest.mark.parametrize(
    "sentence, value, claimant",
    [
        (
            "A later regulatory filing shows the fund has grown to $910m.",
            910_000_000,
            "regulatory filing",
        ),
        ("The think tank said £6bn of savings had not been found.", 6_000_000_000, "think tank"),
        (
            "Data from the statistics office show 4.8% of adults are out of work.",
            4.8,
            "statistics office",
        ),
    ],
)
def test_documents_and_bodies_speak(sentence, value, claimant):
    f = one(sentence)
    assert f.value == value and claimant in f.claimant


def test_a_headline_closing_source_speaks_for_the_line():
    f = one("Kenya's 2022 vote drew 65 percent turnout, IEBC figures show")
    assert (f.value, f.claimant) == (65, "IEBC figures")


@pytest.mark.parametrize(
    "sentence",
    ["Turnout in the 2019 elections was 67 percent.", "Chile's 2021 referendum drew 51 percent."],
)
def test_a_year_naming_an_event_is_not_a_count(sentence):
    assert [f.unit for f in figs(sentence)] == ["percent"]


# --- what a bare number counts -----------------------------------------------------


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("The storm killed 64 people in Luzon and 12 in neighbouring Samar.", 12, "people"),
        ("Officials said 41,000 people marched, including 9,300 in Lyon.", 9300, "people"),
        ("Rebels said 19 people died, 11 of them police officers.", 11, "officers"),
        ("The blaze destroyed 212 buildings, 150 of them homes.", 150, "homes"),
        ("The app has 3 million users, about 400,000 of whom pay.", 400_000, "users"),
        ("Unions claimed 90,000 marchers, more than last week (70,000).", 70_000, "marchers"),
        ("Floods wrecked 640 homes and damaged another 310.", 310, "homes"),
        (
            "Some 3.1 million workers joined, 2.4 million according to the ministry.",
            2_400_000,
            "workers",
        ),
    ],
)
def test_a_bare_number_takes_the_noun_of_the_figure_before(sentence, value, unit):
    f = figs(sentence)[-1]
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "The score was 4 and 1 at half time.",
        "Spending will rise by six per cent between now and 2027-28.",
    ],
)
def test_a_bare_number_with_no_figure_to_lean_on_is_not_a_figure(sentence):
    assert [f.unit for f in figs(sentence)] in ([], ["percent"])


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("At least 90 of the town's 2,400 homes flooded.", 90, "homes"),
        (
            "Turnout was high: 8,214,330 of the 11,020,114 registered voters took part.",
            8_214_330,
            "voters",
        ),
    ],
)
def test_a_part_of_a_whole_counts_the_whole_s_noun(sentence, value, unit):
    f = figs(sentence)[0]
    assert (f.value, f.unit) == (value, unit)


@pytest.mark.parametrize(
    "text, value, claimant",
    [
        (
            "Steel unions held rallies. Their leader, Ines Moro, claims 300,000.",
            300_000,
            "Ines Moro",
        ),
        (
            "In Milan the prefecture announced 22,000 marchers, while unions claimed more than 90,000.",
            90_000,
            "unions",
        ),
        ("A rally in 2019 drew 250,000.", 250_000, None),
        ("Stewards put the turnout nationwide at one million.", 1_000_000, "Stewards"),
        ("Police put the number of marchers at just 8,000.", 8000, "Police"),
    ],
)
def test_a_bare_count_after_a_claim_closes_its_clause(text, value, claimant):
    f = figs(text)[-1]
    assert (f.value, f.claimant) == (value, claimant)
    assert f.unit in {"people", "marchers"}


def test_a_small_bare_number_after_a_claim_is_not_a_crowd():
    assert figs("The company reported 3 in the first quarter.") == []


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("Cholera cases pass 120,000", "min"),
        ("Flood toll tops 300", "min"),
        ("The jobless rate edged up to 5.1% in May.", None),
        ("Higher rates could push borrowing up to £40 billion.", None),
        ("The army could send up to 9,000 troops.", "max"),
        ("The start-up was valued at near $3 billion.", "approx"),
    ],
)
def test_qualifiers_from_verbs_of_passing_and_moving(sentence, qualifier):
    assert one(sentence).qualifier == qualifier


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Earthquake toll passes 2,000", 2000, "deaths"),
        ("The death toll from the landslides has climbed to 41, officials said.", 41, "deaths"),
        ("The shares closed at 312.5 pence.", 312.5, "pence"),
        ("Of the 9,000,000 voters on the roll, 6,100,000 cast their ballots.", 6_100_000, "voters"),
        ("Health officials warned that 20,000 could fall ill.", 20_000, "people"),
    ],
)
def test_more_units_of_news(sentence, value, unit):
    f = figs(sentence)[-1]
    assert (f.value, f.unit) == (value, unit)


def test_a_sentence_adverb_between_speaker_and_verb():
    f = one("Police, however, put the number of marchers at only 12,000.")
    assert (f.value, f.claimant) == (12_000, "Police")


def test_a_hyphenated_speech_verb_is_an_adjective():
    f = one("The brewer posted better-than-expected results, sending its shares up 4%.")
    assert f.claimant is None


def test_she_said_refers_to_the_person_named_beside_an_earlier_she():
    text = (
        "The commission's chair, Ama Owusu, released the results as she announced the final count. "
        "Ballots were cast at 9,412 polling stations, she said."
    )
    f = one(text)
    assert (f.claimant, text[f.claimant_start : f.claimant_end]) == ("Ama Owusu", "Ama Owusu")


@pytest.mark.parametrize(
    "text, claimants",
    [
        (
            "About 900 families sheltered in schools, according to the Red Crescent, which"
            " warned that up to 3,000 homes may be lost.",
            ["Red Crescent", "Red Crescent"],
        ),
        (
            "Nearly 70 boats were damaged, said the harbour authority, which added that 12"
            " boats had sunk.",
            ["harbour authority", "harbour authority"],
        ),
        (
            "At least 40 people were detained, according to police, who said 15 officers were"
            " hurt.",
            ["police", "police"],
        ),
    ],
)
def test_a_relative_clause_speaker_is_the_source_not_the_words_that_introduce_it(text, claimants):
    """ "..., according to X, which warned that N": N is X's, and the claimant is X, never
    "according to X"."""
    found = checked_figures(text, date(2025, 5, 17))
    assert [f.claimant for f in found] == claimants
