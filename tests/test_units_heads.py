"""The unit of a figure is the head of the noun phrase after the number: modifiers
(adjectives, nationalities, diseases, nouns used as modifiers, plural-form modifiers such
as "police" or "sales") are skipped up to the head; units of more than one word ("basis
points", "square miles") are kept whole. Sentences of various stories, none from the seeds
or the gold sets."""

from __future__ import annotations

from datetime import date

import pytest

from store.extract import extract

PUB = date(2025, 3, 12)


def units(text):
    ex = extract(text, PUB)
    for f in ex.figures:
        assert text[f.start : f.end] == f.text
    return [(f.value, f.unit) for f in ex.figures]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # a disease or other noun before the head
        ("The district has logged 41 measles cases since January.", 41, "cases"),
        ("Clinics reported 9 new mumps cases at the university.", 9, "cases"),
        ("Doctors have treated 14 rabies patients this winter.", 14, "patients"),
        ("The province confirmed 210 dengue fever cases in a week.", 210, "cases"),
        ("Labs detected 75 new bird flu infections on the farms.", 75, "infections"),
        ("Officials confirmed 6 cholera deaths in the camp.", 6, "deaths"),
        # nouns used as modifiers
        ("Insurgents overran 9 police stations near the frontier.", 9, "stations"),
        ("Turnout was low at 130 polling stations in the capital.", 130, "stations"),
        ("The convoy included 60 military vehicles and fuel tankers.", 60, "vehicles"),
        ("More than 90 human rights groups signed the petition.", 90, "groups"),
        ("The retailer processed 8 million sales transactions online.", 8e6, "transactions"),
        ("The league counts 25,000 sports clubs across the country.", 25000, "clubs"),
        ("The lender froze 4,000 savings accounts after the fraud.", 4000, "accounts"),
        ("Rail operators ordered 300 goods wagons from the plant.", 300, "wagons"),
        ("About 70 youth groups joined the clean-up.", 70, "groups"),
        ("The shelter hosted 45 asylum seekers overnight.", 45, "seekers"),
        ("The council set up 18 evacuation centres along the coast.", 18, "centres"),
        ("The airport cancelled 350 domestic flights on Friday.", 350, "flights"),
        # adjectives, nationalities and hyphenated chains
        ("The camp received 2,600 Sudanese refugees in a month.", 2600, "refugees"),
        ("The bakery chain will cut 800 full-time jobs.", 800, "jobs"),
        ("Aid workers counted 5,300 newly displaced people near the dam.", 5300, "people"),
        ("The hurricane flattened 900 wood-frame houses.", 900, "houses"),
        ("Police held 31 anti-mining protesters overnight.", 31, "protesters"),
        ("The virus has infected 480 health care workers.", 480, "workers"),
        ("The mine employs 1,100 Chilean contract workers.", 1100, "workers"),
        # capitalised plurals: the people counted, unless a noun follows
        ("The charter flight brought home 180 Britons on Sunday.", 180, "britons"),
        ("The bill passed after 14 Democrats joined the vote.", 14, "democrats"),
        ("More than 200 NGOs backed the call for a ceasefire.", 200, "ngos"),
        ("The blaze forced out 600 Los Angeles residents.", 600, "residents"),
        ("Floodwaters covered roads in 12 Kansas counties.", 12, "counties"),
        # acronyms that spell a stop word are modifiers
        ("The bank will hire 700 IT specialists next year.", 700, "specialists"),
        ("Washington moved 2,500 US marines to the island.", 2500, "marines"),
        # units before a preposition: the measure, not the stuff measured
        ("Exporters shipped 700 tonnes of rice to the port.", 700, "tonnes"),
        ("The country pumps 3.4 million barrels per day.", 3.4e6, "barrels"),
        ("The wildfire scorched 8,000 acres of pine forest.", 8000, "acres"),
        ("The donor conference raised $4bn in aid.", 4e9, "dollars"),
    ],
)
def test_head_of_the_noun_phrase(text, value, unit):
    assert (value, unit) in units(text), units(text)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The central bank lifted its key rate by 75 basis points.", 75, "basis points"),
        ("The yield rose by 1 basis point on the news.", 1, "basis points"),
        ("Support for the mayor fell 4 percentage points in a month.", 4, "percentage points"),
        ("The fire has spread over 2,300 square kilometres of bush.", 2300, "square kilometres"),
        ("The national park covers 760 square miles.", 760, "square miles"),
        ("The reservoir released 40 million cubic metres of water.", 40e6, "cubic metres"),
        ("The estate spans 120 sq km of hills.", 120, "sq km"),
        ("The turbines produced 900 megawatt hours in January.", 900, "megawatt hours"),
    ],
)
def test_units_of_several_words_stay_whole(text, value, unit):
    assert (value, unit) in units(text), units(text)


def test_a_list_of_counts_keeps_each_head():
    found = units("The storm wrecked 1,400 fishing boats, 260 school buildings and 75 bridges.")
    assert found == [(1400, "boats"), (260, "buildings"), (75, "bridges")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # the head is not carried past a verb, an adverb or a preposition
        ("The ministry says 3,000 troops remain overseas.", 3000, "troops"),
        ("Organisers said 400 volunteers always help at the race.", 400, "volunteers"),
        ("Some 45 women were hurt in the crush.", 45, "women"),
        ("About 300 police guarded the summit.", 300, "police"),
        ("The rescue teams reached 120 families by boat.", 120, "families"),
    ],
)
def test_the_head_stops_where_the_noun_phrase_ends(text, value, unit):
    assert (value, unit) in units(text), units(text)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # plurals without a final -s, and words with a final -s that are not plurals
        ("Vets culled 2,500 geese on the estate.", 2500, "geese"),
        ("The trial used 150 mice bred for the study.", 150, "mice"),
        ("Bandits kidnapped 120 schoolchildren from the dormitory.", 120, "schoolchildren"),
        ("The university raised money from 9,000 alumni.", 9000, "alumni"),
        ("The water rose 14 feet above the flood stage.", 14, "feet"),
        ("The insurer will open 25 overseas offices.", 25, "offices"),
        # one of something: the singular head
        ("Officials confirmed 1 mumps case at the school.", 1, "case"),
        ("Only one polling station reported a fault.", 1, "station"),
    ],
)
def test_irregular_and_singular_heads(text, value, unit):
    assert (value, unit) in units(text), units(text)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # a date after the number is not what it counts
        ("Exports climbed to 3.1 million tonnes last year.", 3.1e6, "tonnes"),
        ("Ticket sales rose to 800,000 last month.", 800000, "sales"),
        # the noun before a counting verb
        ("Eligible voters in the province total 2.6 million.", 2.6e6, "voters"),
        ("Syrian refugees in Jordan now number about 650,000.", 650000, "refugees"),
        ("Cholera deaths in the region have passed 400.", 400, "deaths"),
        ("Confirmed infections at the plant reached 90 on Sunday.", 90, "infections"),
        ("Sales of heat pumps rose to 1.1 million.", 1.1e6, "pumps"),
    ],
)
def test_the_noun_before_the_number(text, value, unit):
    assert (value, unit) in units(text), units(text)


def test_the_total_as_a_noun_still_refers_back():
    found = units("Rescuers freed 40 miners on Monday. The total rose to 55 on Tuesday.")
    assert found == [(40, "miners"), (55, "miners")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The fund gave 3 million U.S. dollars to the clinics.", 3e6, "dollars"),
        ("Gunmen wounded 6 U.N. observers near the checkpoint.", 6, "observers"),
        ("Some 40-odd fishermen were stranded by the storm.", 40, "fishermen"),
    ],
)
def test_dotted_acronyms_and_odd(text, value, unit):
    assert (value, unit) in units(text), units(text)


def test_odd_is_approximate():
    ex = extract("Some 60-odd dockers walked out at dawn.", PUB)
    assert [(f.value, f.qualifier, f.unit) for f in ex.figures] == [(60, "approx", "dockers")]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # Title Case headlines: a plural subject's verb before the number is no name
        ("Mumps Cases Top 120 At State College", 120, "cases"),
        ("Police Detain 60 Students After Campus Sit-In", 60, "students"),
        ("Floods Displace 8,000 Families In Assam", 8000, "families"),
        ("Central Bank Trims Rates By 25 Basis Points", 25, "basis points"),
        # newswire percent
        ("Copper slipped 1.3 pct in London trading.", 1.3, "percent"),
    ],
)
def test_headlines_and_newswire(text, value, unit):
    assert (value, unit) in units(text), units(text)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # a copula measures a toll, a total or a large count ...
        ("The death toll from the landslide is 64, the governor said.", 64, "deaths"),
        ("Suspected dengue cases in the city are now 3,800.", 3800, "cases"),
        ("Registered refugees in the camp were about 21,000 in May.", 21000, "refugees"),
        # ... and "a total of" lets the verb after it say what is counted
        ("A total of 2,700 were rescued from rooftops.", 2700, "rescued"),
    ],
)
def test_a_count_after_a_copula(text, value, unit):
    assert (value, unit) in units(text), units(text)


@pytest.mark.parametrize(
    "text",
    [
        "The two climbers were 19 and 22, their families said.",
        "Both suspects are 31.",
        "Members of the choir are 16 or older.",
    ],
)
def test_a_small_number_after_a_copula_is_no_count(text):
    assert units(text) == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        # long modifier chains still reach the head
        ("The regime moved 2,000 well equipped elite Republican Guard tank crews.", 2000, "crews"),
        ("The shelter took in 650 recently displaced ethnic Rohingya families.", 650, "families"),
        ("Medics treated 30 seriously injured Syrian rescue workers.", 30, "workers"),
        # a casualty word with no noun after it is the head
        ("The blast left 70 injured in the market.", 70, "injured"),
    ],
)
def test_long_modifier_chains(text, value, unit):
    assert (value, unit) in units(text), units(text)


def test_basis_points_are_their_own_unit_class():
    from store.compare.units import unit_class

    assert unit_class("basis points") == unit_class("bps") == "basis points"
    assert unit_class("percentage points") == "percentage points"


@pytest.mark.parametrize(
    "text, kept",
    [
        ("The school bus carried 22 pupils under the age of 12.", [(22, "pupils")]),
        ("The trial enrolled 480 volunteers aged between 18 and 60.", [(480, "volunteers")]),
        ("Boosters are offered to residents over the age of 75.", []),
    ],
)
def test_an_age_takes_no_unit_from_the_noun_before(text, kept):
    assert units(text) == kept


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The cyclone killed 14 and left 9 unaccounted for.", 9, "missing"),
        ("After the mudslide some 60 remain unaccounted for.", 60, "missing"),
        ("The drought has 40 dead and more than three million affected.", 3e6, "affected"),
        ("In the delta over 800,000 are affected by the flooding.", 800000, "affected"),
    ],
)
def test_affected_and_unaccounted_for(text, value, unit):
    assert (value, unit) in units(text), units(text)
