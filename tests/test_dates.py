"""Date expressions: spans, values and granularity, on the seeds and on other stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract.dates import find_dates
from store.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text())
MANIFEST = json.loads((SEEDS / "manifest.json").read_text())


def dates_of(body: str, published: date | None):
    found = find_dates(body, split_sentences(body), published)
    for d in found:
        assert body[d.start : d.end] == d.text
    return found


def pairs(body: str, published: date | None = date(2024, 11, 18)):
    """(text, value) of every expression, the simplest view to assert on."""
    return [(d.text, d.value) for d in dates_of(body, published)]


def one(body: str, published: date | None = date(2024, 11, 18)):
    found = dates_of(body, published)
    assert len(found) == 1, found
    return found[0]


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").split()).lower()


# ---------------------------------------------------------------- seeds (analyst gold)
def _seed(name: str):
    body = (SEEDS / name).read_text()
    return body, date.fromisoformat(MANIFEST[name]["published"])


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_gold_dates_found_with_their_value(name):
    body, published = _seed(name)
    found = dates_of(body, published)
    for gold in GOLD[name]["dates"]:
        if not gold["required"]:
            continue
        want = _norm(gold["text"])
        hits = [d for d in found if _norm(d.text) in want or want in _norm(d.text)]
        assert hits, f"{gold['text']!r} not found in {name}"
        assert gold["value"] in {d.value for d in hits}, (gold, hits)


def _seed_value(name: str, text: str):
    body, published = _seed(name)
    return [
        (d.value, d.end_value, d.granularity) for d in dates_of(body, published) if d.text == text
    ]


@pytest.mark.parametrize(
    ("name", "text", "value", "end_value", "granularity"),
    [
        ("000_cfacce3046a14ca6.txt", "Tuesday, November 19", "2024-11-19", None, "day"),
        ("000_cfacce3046a14ca6.txt", "Saturday, November 16", "2024-11-16", None, "day"),
        ("000_cfacce3046a14ca6.txt", "October 27-28", "2024-10-27", "2024-10-28", "day"),
        ("000_cfacce3046a14ca6.txt", "the same day", "2024-10-31", None, "day"),
        ("000_cfacce3046a14ca6.txt", "the last week of October", "2024-W44", None, "week"),
        ("002_2e8988af5cd44567.txt", "last month", "2024-10", None, "month"),
        ("002_2e8988af5cd44567.txt", "September", "2024-09", None, "month"),
        ("002_2e8988af5cd44567.txt", "March", "2024-03", None, "month"),
        ("002_2e8988af5cd44567.txt", "February 2022", "2022-02", None, "month"),
        ("002_2e8988af5cd44567.txt", "June", "2024-06", None, "month"),
        ("002_2e8988af5cd44567.txt", "Friday", "2024-11-15", None, "day"),
        ("002_2e8988af5cd44567.txt", "the start of 2024", "2024", None, "year"),
        ("003_18f0df8674141607.txt", "Wednesday", "2024-10-23", None, "day"),
        ("003_18f0df8674141607.txt", "December", "2024-12", None, "month"),
        ("003_18f0df8674141607.txt", "Tuesday", "2024-10-22", None, "day"),
        ("003_18f0df8674141607.txt", "8 October", "2024-10-08", None, "day"),
        ("003_18f0df8674141607.txt", "1 November", "2024-11-01", None, "day"),
        ("004_e5d0ce18f75aa787.txt", "November 5", "2024-11-05", None, "day"),
        ("004_e5d0ce18f75aa787.txt", "2022", "2022", None, "year"),
    ],
)
def test_seed_expressions(name, text, value, end_value, granularity):
    assert (value, end_value, granularity) in _seed_value(name, text)


def test_seed_traps_are_not_dates():
    for name in GOLD:
        body, published = _seed(name)
        texts = [d.text for d in dates_of(body, published)]
        for trap in ("may", "We", "20%", "G20", "G-20", "3,000", "the first days", "near future"):
            assert not any(trap == t for t in texts), (name, trap, texts)
        assert not any("few months" in t for t in texts)


def test_seed_sentence_offsets_contain_each_expression():
    for name in GOLD:
        body, published = _seed(name)
        for d in dates_of(body, published):
            assert d.sentence_start <= d.start < d.end <= d.sentence_end
            assert body[d.sentence_start : d.sentence_end].strip()


# ---------------------------------------------------------------- other stories
MON = date(2024, 11, 18)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # explicit dates, every common spelling
        (
            "The earthquake struck at 3:12 a.m. on Oct. 4 and was followed by aftershocks.",
            [("Oct. 4", "2024-10-04")],
        ),
        ("Parliament passed the budget on 4 October 2023.", [("4 October 2023", "2023-10-04")]),
        (
            "Hurricane Milton made landfall on Oct. 9, 2024, near Siesta Key.",
            [("Oct. 9, 2024", "2024-10-09")],
        ),
        ("The ministry published the figures on 2024-10-04.", [("2024-10-04", "2024-10-04")]),
        (
            "The ceasefire took effect on 10/14/2024 and collapsed on 14/10/2024.",
            [("10/14/2024", "2024-10-14"), ("14/10/2024", "2024-10-14")],
        ),
        ("The ambiguous date 4/10/2024 is skipped.", []),
        ("Lawmakers passed the bill on the 12th of March.", [("the 12th of March", "2024-03-12")]),
        ("Tuesday 19 November 2024 was a holiday.", [("Tuesday 19 November 2024", "2024-11-19")]),
        ("It happened on Nov. 31.", []),
        ("It happened on February 29.", [("February 29", "2024-02-29")]),
        # months and years
        (
            "The storm hit in June and again in September.",
            [("June", "2024-06"), ("September", "2024-09")],
        ),
        ("Budget talks collapsed in February 2022.", [("February 2022", "2022-02")]),
        ("A Dec. 2023 report found corruption.", [("Dec. 2023", "2023-12")]),
        (
            "The report published in December of 2023 found corruption.",
            [("December of 2023", "2023-12")],
        ),
        ("Prices have risen since 2014, and fell in 2022.", [("2014", "2014"), ("2022", "2022")]),
        ("Emissions must fall by 2030.", [("2030", "2030")]),
        ("The budget for 2025 was approved.", [("2025", "2025")]),
        (
            "Growth slowed in early 2024 and in mid-2023, and again in late 2023.",
            [("early 2024", "2024"), ("mid-2023", "2023"), ("late 2023", "2023")],
        ),
        ("The plant will close at the end of 2025.", [("the end of 2025", "2025")]),
        ("Elections are due in spring 2025.", [("spring 2025", "2025-SP")]),  # a season (issue 8)
        ("The works will finish by the end of the year.", [("the end of the year", "2024")]),
        ("The fund runs dry at the end of this month.", [("the end of this month", "2024-11")]),
        ("Rents rose in mid-October.", [("mid-October", "2024-10")]),
        # relative to the publication date
        (
            "Inflation fell last month and this month, and will fall next month.",
            [("last month", "2024-10"), ("this month", "2024-11"), ("next month", "2024-12")],
        ),
        (
            "Sales fell last year and rose this year.",
            [("last year", "2023"), ("this year", "2024")],
        ),
        (
            "The team met last week and will meet this week.",
            [("last week", "2024-W46"), ("this week", "2024-W47")],
        ),
        (
            "Floods hit the city yesterday, and more rain is forecast for today and tomorrow.",
            [("yesterday", "2024-11-17"), ("today", "2024-11-18"), ("tomorrow", "2024-11-19")],
        ),
        (
            "The dam failed three weeks ago, and two days ago a bridge fell.",
            [("three weeks ago", "2024-W44"), ("two days ago", "2024-11-16")],
        ),
        ("Five years ago the mine closed.", [("Five years ago", "2019")]),
        ("Earlier this month, the council voted.", [("Earlier this month", "2024-11")]),
        (
            "The minister resigned last Tuesday and her successor takes office next Friday.",
            [("last Tuesday", "2024-11-12"), ("next Friday", "2024-11-22")],
        ),
        # weekdays
        (
            "Residents were evacuated on Sunday after the river burst its banks.",
            [("Sunday", "2024-11-17")],
        ),
        (
            "Officials said the evacuation order will be lifted on Thursday.",
            [("Thursday", "2024-11-21")],
        ),
        ("Monday's attack killed 12 people.", [("Monday", "2024-11-18")]),
        (
            "They said in a statement on Thursday that 40 homes were destroyed.",
            [("Thursday", "2024-11-14")],
        ),
        (
            "The strike, planned for 1 December, was called off on Friday.",
            [("1 December", "2024-12-01"), ("Friday", "2024-11-15")],
        ),
        ("Black Friday sales rose.", []),
        # tense decides the year of a date or month without one
        (
            "The election will be held on December 8, officials said.",
            [("December 8", "2024-12-08")],
        ),
        ("The bridge will reopen in March.", [("March", "2025-03")]),
        ("The bridge reopened in March.", [("March", "2024-03")]),
        ("Schools reopened on November 12.", [("November 12", "2024-11-12")]),
        ("Schools will reopen on November 25.", [("November 25", "2024-11-25")]),
        ("The troops had arrived by October.", [("October", "2024-10")]),
        ("The agency expects to finish repairs by December.", [("December", "2024-12")]),
        (
            "On October 25, the agency announced that it plans to build 300 homes.",
            [("October 25", "2024-10-25")],
        ),
        ("The summit in Lima runs on November 20.", [("November 20", "2024-11-20")]),
        # ranges
        ("Talks ran October 27 to 28 in Geneva.", [("October 27 to 28", "2024-10-27")]),
        ("The festival ran 27-28 October.", [("27-28 October", "2024-10-27")]),
        ("Voting took place between October 1 and 5.", [("October 1 and 5", "2024-10-01")]),
        ("The flood peaked on Oct 30 – Nov 2.", [("Oct 30 – Nov 2", "2024-10-30")]),
        ("From 2010 to 2020 the population doubled.", [("2010 to 2020", "2010")]),
        # anchored on the previous date in the text
        (
            "The first quake struck on October 3. Two days later a second one hit.",
            [("October 3", "2024-10-03"), ("Two days later", "2024-10-05")],
        ),
        (
            "Polls closed on 5 November. The next day, the count began.",
            [("5 November", "2024-11-05"), ("The next day", "2024-11-06")],
        ),
        (
            "On October 31 the dam broke. On the same day, 40 people were evacuated.",
            [("October 31", "2024-10-31"), ("the same day", "2024-10-31")],
        ),
        ("The next day, rescuers found survivors.", []),
        ("That day, schools closed.", []),
        # weeks
        (
            "The second week of November saw heavy rain.",
            [("The second week of November", "2024-W46")],
        ),
        (
            "In the week of October 28, 300 people were evacuated.",
            [("the week of October 28", "2024-W44")],
        ),
        # not dates
        ("The government may cut spending.", []),
        ("Protesters will march on the capital.", []),
        ("May said she would resign.", []),
        ("In May, the river flooded.", [("May", "2024-05")]),
        ("April Ryan asked a question. June Carter sang. August Wilson wrote plays.", []),
        ("About 20% of voters, or 3,000 people, were in the G20 and Group of 20.", []),
        ("The F-16 jets and COVID-19 vaccines arrived; 2,022 people signed.", []),
        ("A total of 2000 troops arrived.", []),
        ("In 2000 homes the power failed.", []),
        ("He was 45 years old and we met him.", []),
        (
            "Aid was sent in the first days of the offensive and will be again in the near future.",
            [],
        ),
        ("They rotate every few months.", []),
        ("The 2024 election drew record turnout.", [("2024", "2024")]),  # dates it (issue 8)
        ("Prices were high in the 1990s and in 2000s Europe.", []),
    ],
)
def test_other_stories(sentence, expected):
    assert pairs(sentence, MON) == expected


def test_false_or_year_crossing_ranges():
    assert pairs("SEOUL, Oct 26 - 3 people died.", MON) == [("Oct 26", "2024-10-26")]
    d = one("Shelters stayed open December 30 to January 2, 2025.", MON)
    assert (d.value, d.end_value) == ("2024-12-30", "2025-01-02")
    assert one("The fair ran Oct 26—28.", MON).end_value == "2024-10-28"


def test_range_carries_end_value():
    d = one("Aid arrived on 17 and 18 October.", MON)
    assert (d.text, d.value, d.end_value) == ("17 and 18 October", "2024-10-17", "2024-10-18")
    d = one("The festival ran 27-28 October.", MON)
    assert (d.value, d.end_value, d.granularity) == ("2024-10-27", "2024-10-28", "day")
    d = one("The summit runs from 30 October to 2 November 2025.", MON)
    assert (d.value, d.end_value) == ("2025-10-30", "2025-11-02")
    d = one("Voting took place between October 1 and 5.", MON)
    assert d.end_value == "2024-10-05"
    d = one("Shelters stayed open December 30 to January 2.", date(2025, 1, 10))
    assert (d.value, d.end_value) == ("2024-12-30", "2025-01-02")
    d = one("From 2010 to 2020 the population doubled.", MON)
    assert (d.value, d.end_value, d.granularity) == ("2010", "2020", "year")


@pytest.mark.parametrize(
    ("sentence", "granularity"),
    [
        ("It rained last month.", "month"),
        ("It rained in 2022.", "year"),
        ("It rained the last week of October.", "week"),
        ("It rained on October 4.", "day"),
        ("It rained in early 2024.", "year"),
        ("It rained by December.", "month"),
    ],
)
def test_granularity(sentence, granularity):
    assert one(sentence, MON).granularity == granularity


def test_last_week_of_month_rule():
    # October 2024 ends on a Thursday: its last week is the one of Mon 28 October (W44).
    assert one("in the last week of October", MON).value == "2024-W44"
    # September 2024 ends on a Monday: that week belongs to October, so W39 (23-29 Sep).
    assert one("in the last week of September", MON).value == "2024-W39"
    # November 2024 starts on a Friday: its first week is the one of Monday 4 November.
    assert one("the first week of November", MON).value == "2024-W45"
    assert one("the first week of March 2023", MON).value == "2023-W09"


def test_weekday_beside_date_fixes_the_year():
    # 19 November is a Tuesday in 2024, not in 2023: the weekday wins over "past".
    assert one("They met on Tuesday, November 19.", MON).value == "2024-11-19"
    # 14 November 2023 was a Tuesday; published in 2024 the pair points back a year.
    assert one("They met on Tuesday, November 14.", MON).value == "2023-11-14"


def test_weekday_future_and_past_around_publication():
    wed = date(2024, 10, 23)
    assert one("Lawmakers said on Wednesday.", wed).value == "2024-10-23"
    assert one("On Tuesday, the office called for withdrawal.", wed).value == "2024-10-22"
    assert one("The ministers will meet on Tuesday.", wed).value == "2024-10-29"
    assert one("The vote is expected to take place on Friday.", wed).value == "2024-10-25"


def test_future_month_rolls_into_next_year():
    assert (
        one("The deployment is expected to be completed by December.", date(2024, 10, 23)).value
        == "2024-12"
    )
    assert (
        one("Troops will be ready as early as 1 November.", date(2024, 10, 23)).value
        == "2024-11-01"
    )
    assert one("The upcoming vote in February will decide.", date(2024, 10, 23)).value == "2025-02"
    assert one("Snow fell in February.", date(2024, 10, 23)).value == "2024-02"
    assert one("The upcoming vote on January 12.", date(2024, 12, 20)).value == "2025-01-12"


def test_without_publication_date_only_dated_expressions():
    body = (
        "On October 4 the ministry said that in 2022 it spent more than last year. "
        "Parliament met on 8 March 2023, on Tuesday and in June."
    )
    assert pairs(body, None) == [("2022", "2022"), ("8 March 2023", "2023-03-08")]
    body = "The dam broke on 4 March 2023. The same day, and two days later, it rained."
    assert pairs(body, None) == [
        ("4 March 2023", "2023-03-04"),
        ("The same day", "2023-03-04"),
        ("two days later", "2023-03-06"),
    ]


def test_year_contexts():
    assert pairs("He was born in 1950 and moved in 1999.", MON) == [
        ("1950", "1950"),
        ("1999", "1999"),
    ]
    assert pairs("Since the start of 2024, prices rose.", MON) == [("the start of 2024", "2024")]
    assert pairs("Scores went from 2000 to 3500.", MON) == []
    assert pairs("They found 2024 ballots.", MON) == []


def test_sentence_offsets_point_at_the_sentence_holding_the_date():
    body = "Rain fell.\nOn 8 October, the dam broke. Two days later, it was repaired."
    found = dates_of(body, MON)
    assert [d.text for d in found] == ["8 October", "Two days later"]
    for d in found:
        sentence = body[d.sentence_start : d.sentence_end]
        assert d.text in sentence and "Rain" not in sentence
    assert body[found[0].sentence_start : found[0].sentence_end] == "On 8 October, the dam broke."


def test_empty_and_no_sentences():
    assert find_dates("", [], MON) == []
    assert find_dates("October 4", [], MON) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Four houses were brought down in last year's mudslide.", [("last year", "2023")]),
        (
            "Rain fell this morning and last night, and will return this evening.",
            [
                ("this morning", "2024-11-18"),
                ("last night", "2024-11-17"),
                ("this evening", "2024-11-18"),
            ],
        ),
        ("Troops must leave by Friday, the ministry said.", [("Friday", "2024-11-22")]),
        (
            "The talks ran from January to March, and again in April and May.",
            [
                ("January", "2024-01"),
                ("March", "2024-03"),
                ("April", "2024-04"),
                ("May", "2024-05"),
            ],
        ),
        ("Around 2000 participants joined, and for 2000 residents it was new.", []),
        ("Prices fell in 2022 and 2023.", [("2022", "2022"), ("2023", "2023")]),
        ("KYIV, Nov 18 (Reuters) - Russia launched a massive attack.", [("Nov 18", "2024-11-18")]),
        ("Updated 2:05 PM EST, Mon November 18, 2024", [("Mon November 18, 2024", "2024-11-18")]),
        ("The file was stamped 2024-11-18T14:05:00Z.", [("2024-11-18", "2024-11-18")]),
        ("Fighting broke out on 5th November.", [("5th November", "2024-11-05")]),
        (
            "Sales will pick up early next year and by the end of next month.",
            [("next year", "2025"), ("the end of next month", "2024-12")],
        ),
        (
            "At least 480 people died in Saturday's earthquake, officials said Tuesday.",
            [("Saturday", "2024-11-16"), ("Tuesday", "2024-11-12")],
        ),
        ("The quake was the strongest to strike the region since 1985.", [("1985", "1985")]),
        ("The vote, to be held on December 8, is close.", [("December 8", "2024-12-08")]),
    ],
)
def test_more_stories(sentence, expected):
    assert pairs(sentence, MON) == expected


def test_weekends_are_weeks():
    thu = date(2024, 11, 21)
    assert pairs("Strikes hit the city over the weekend, officials said.", MON) == [
        ("the weekend", "2024-W46")
    ]
    assert pairs("Talks will resume this weekend.", thu) == [("this weekend", "2024-W47")]
    assert pairs("Protests took place last weekend.", thu) == [("last weekend", "2024-W46")]
    assert pairs("Weekend traffic was light.", thu) == []
    assert one("Talks will resume this weekend.", thu).granularity == "week"


def test_relative_to_the_previous_date():
    body = (
        "The dam broke on 4 March. A month later the town was rebuilt. "
        "The ceasefire began on 1 June. The day before, shelling intensified."
    )
    assert pairs(body, MON) == [
        ("4 March", "2024-03-04"),
        ("A month later", "2024-04"),
        ("1 June", "2024-06-01"),
        ("The day before", "2024-05-31"),
    ]


def test_head_window_search_matches_a_full_scan():
    """The fast path (search only near head words) finds exactly what a full scan finds."""
    from store.extract.date_patterns import MASTER as _MASTER
    from store.extract.dates import _candidates

    bodies = [(SEEDS / name).read_text() for name in sorted(GOLD)]
    sentences = [
        "Officials said on Tuesday, November 19, 2024, that between 10 and 12 October the "
        "river rose, in early 2024 and mid-2023, three weeks ago, and the last week of "
        "October; the same day and two days later, by December, since 2014, 2024-10-04, "
        "10/14/2024, from 2010 to 2020, 27-28 October, Oct. 30 - Nov. 2, last month.",
        "On the same day the storm, which hit in June, was over. A month later it was back.",
    ]
    bodies.append("\n".join(sentences * 3))
    bodies.append(" ".join(["May we", "in 2000 homes", "the 1990s", "G20", "F-16"] * 40))
    total = 0
    for body in bodies:
        sents = split_sentences(body)
        full = [
            (m.span(), m.lastgroup) for s in sents for m in _MASTER.finditer(body, s.start, s.end)
        ]
        fast = [(m.span(), m.lastgroup) for m, _s in _candidates(body, sents)]
        assert fast == full
        total += len(full)
    assert total > 60


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Published 18.11.2024 14:35", [("18.11.2024", "2024-11-18")]),
        ("Version 1.2.2024 is out, and so is v3.4.2024.", []),
        ("Troops arrived at the end of last week.", [("the end of last week", "2024-W46")]),
        (
            "The talks start at the beginning of next week.",
            [("the beginning of next week", "2024-W48")],
        ),
    ],
)
def test_dotted_dates_and_parts_of_weeks(sentence, expected):
    assert pairs(sentence, MON) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # modals look either way: the nearer date wins
        ("The troops could be deployed in December.", [("December", "2024-12")]),
        (
            "His office said Zelensky would visit Washington in December.",
            [("December", "2024-12")],
        ),
        (
            "He said the first troops would be used in combat on October 27-28.",
            [("October 27-28", "2024-10-27")],
        ),
        ("North Korea may have sent troops in October.", [("October", "2024-10")]),
        ("Russia could attack on Friday.", [("Friday", "2024-11-22")]),
        # the verb before the date governs it
        ("Russia said on Monday it would respond.", [("Monday", "2024-11-18")]),
        (
            "Voting will take place on Sunday, officials said Monday.",
            [("Sunday", "2024-11-24"), ("Monday", "2024-11-18")],
        ),
        # no tense at all: the nearer date
        ("The deadline is December 31.", [("December 31", "2024-12-31")]),
        ("Zelensky in Washington on September 26", [("September 26", "2024-09-26")]),
        ("Elections are due in March.", [("March", "2025-03")]),
        ("In March, the army stood at 330,000.", [("March", "2024-03")]),
    ],
)
def test_tense_decides_the_year(sentence, expected):
    assert pairs(sentence, MON) == expected


def test_fiscal_years_are_year_ranges():
    found = dates_of("The deficit will fall to 3% by 2016-17 from 5.3% in 2012-13.", MON)
    assert [(d.text, d.value, d.end_value, d.granularity) for d in found] == [
        ("2016-17", "2016", "2017", "year"),
        ("2012-13", "2012", "2013", "year"),
    ]
    assert pairs("Scores went from 2000-3000.", MON) == []
    assert pairs("In 2000-10 nothing happened.", MON) == []


def test_capitals_in_datelines():
    assert pairs("EVACUATIONS ORDERED ON OCTOBER 4", MON) == [("OCTOBER 4", "2024-10-04")]
    assert pairs("KYIV, NOV. 18 (AP) - Strikes hit.", MON) == [("NOV. 18", "2024-11-18")]
    assert pairs("MAY 2024 REPORT", MON) == [("MAY 2024", "2024-05")]
    assert pairs("MAY I ASK? WE MAY.", MON) == []


def test_untensed_month_takes_the_nearer_year():
    fri = date(2024, 10, 18)
    body = "Nearly 11,000 troops are training in eastern Russia to start fighting in November."
    assert pairs(body, fri) == [("November", "2024-11")]
    body = "On October 4, the outlet reported that six officers were killed a day earlier."
    assert pairs(body, fri) == [("October 4", "2024-10-04"), ("a day earlier", "2024-10-03")]


def test_named_days_and_newspapers_are_not_weekdays():
    assert pairs("Bloody Sunday and Super Tuesday were remembered.", MON) == []
    assert pairs("The Sunday Times reported it on Sunday.", MON) == [("Sunday", "2024-11-17")]
    assert pairs("The Mail on Sunday said so, and Friday prayers were held.", MON) == []
    assert pairs("On Monday Russia launched drones.", MON) == [("Monday", "2024-11-18")]


def test_importing_dates_loads_no_heavy_module():
    """dateparser costs ~0.5 s to import and textual is the UI: neither on this path."""
    import subprocess
    import sys

    code = (
        "import sys, store.extract; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dateparser', 'textual', 'rich'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_datetime_publication_is_taken_as_its_date():
    from datetime import datetime

    body = "On Tuesday, the council met. It met again on November 12."
    assert pairs(body, datetime(2024, 11, 18, 23, 59)) == pairs(body, MON)
    assert pairs(body, MON) == [("Tuesday", "2024-11-12"), ("November 12", "2024-11-12")]


_SOUP = (
    "the last week of|between|and|to|in|the start of|early|mid-|two|days|later|ago|the same|"
    "day|weekend|over the|last|this|next|October|4|27-28|2024|Tuesday,|as early as|by|since|"
    "the|of|1|November|a|year|week|month|fiscal|2024-25|18.11.2024|10/14/2024|May|may|said|"
    "will|.|,|\n|Oct.|the beginning of the|Sunday|3,000|20%|G20|spring|2022|from|until"
).split("|")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=40).map(" ".join))
def test_head_window_equals_full_scan_on_word_soup(body):
    from store.extract.date_patterns import MASTER as _MASTER
    from store.extract.dates import _candidates

    sents = split_sentences(body)
    full = [(m.span(), m.lastgroup) for s in sents for m in _MASTER.finditer(body, s.start, s.end)]
    fast = [(m.span(), m.lastgroup) for m, _s in _candidates(body, sents)]
    assert fast == full


def test_an_editorial_bracket_does_not_cut_the_clause_from_its_verb():
    body = "“They will be ready [to fight in Ukraine] on Nov. 1,” said Budanov."
    (d,) = find_dates(body, split_sentences(body), date(2024, 10, 18))
    assert d.value == "2024-11-01"
