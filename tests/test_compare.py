"""store.compare, pure: units, canonical claimants, claims and labels, summaries,
near-duplicate sketches. No database."""

from __future__ import annotations

from store.compare import minhash
from store.compare.claimants import canonical_in_article, clean_claimant, is_generic, name_key
from store.compare.claims import Fact, build_claims, label
from store.compare.periods import period
from store.compare.summary import amount, summarize
from store.compare.units import describe, quantity_name, unit_class


def test_unit_classes_from_the_table_and_general_rules():
    for word in ("troops", "Soldiers", "servicemen", "infantrymen", "personnel", "forces"):
        assert unit_class(word) == "troops", word
    assert unit_class("deaths") == unit_class("dead") == unit_class("fatalities") == "killed"
    assert unit_class("injured") == unit_class("wounded") == "wounded"
    assert unit_class("dollars") == "USD" and unit_class("euros") == "EUR"
    assert unit_class("percent") == "percent"
    assert unit_class("homes") == "homes"  # not in the table: as written
    assert quantity_name("North Korea", "troops") == "North Korea · troops"
    assert quantity_name(None, "killed") == "killed"


def test_a_casualty_word_after_people_makes_them_casualties():
    assert describe("30 people", "people", " were killed in the floods").unit_class == "killed"
    info = describe("20 soldiers", "soldiers", " were killed in a missile strike")
    assert (info.unit_class, info.scope) == ("killed", "troops")
    assert describe("4,500 people", "people", " were evacuated.").unit_class == "evacuated"
    assert describe("12 people", "people", " are missing").unit_class == "missing"
    info = describe("700,000 troops", "troops", " have been killed or wounded since")
    assert info.unit_class == "casualties"
    assert describe("3,000 troops", "troops", " to support Russia").unit_class == "troops"


def test_scope_words_stay_visible():
    assert describe("about 1,500 special forces soldiers", "soldiers").scope == "special forces"
    assert describe("3,000 more troops", "troops").scope == "more"
    assert describe("More than 10,000 troops", "troops").scope == ""  # a bound, not "more"
    assert describe("11,000 troops", "troops", " in Kursk, officials said").place == "in Kursk"
    stationed = describe("10,000 servicemen", "servicemen", " have been stationed in Russia")
    assert stationed.place == "in Russia"
    assert describe("3,000 troops", "troops", " in Russian territory").place == ""
    assert describe("5,000 troops", "troops", " to support Russia in its war").place == ""


def test_canonical_claimants():
    assert clean_claimant("Commissioner Ana Berg") == "Ana Berg"
    assert clean_claimant("President Zelensky") == "Zelensky"
    assert clean_claimant("Major General Patrick Ryder") == "Patrick Ryder"
    assert clean_claimant("U.S. Secretary of State Antony Blinken") == "Antony Blinken"
    assert clean_claimant("some Group of 20 (G20) nations") == "G20"
    assert clean_claimant("G20 countries") == "G20"
    assert clean_claimant("the State Department") == "State Department"
    assert clean_claimant("Seoul's National Intelligence Service") == (
        "South Korea's National Intelligence Service"
    )
    assert clean_claimant("Kyiv Post") == "Kyiv Post"
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("ZELENSKY")
    names = ["Volodymyr Zelenskyy", "Zelensky", "President Zelenskyy", "Rui Duarte", "Duarte"]
    assert canonical_in_article(names) == [
        "Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Rui Duarte",
        "Rui Duarte",
    ]  # fmt: skip
    body = "Major General Patrick Ryder spoke. Later Ryder said 10,000 troops were there."
    assert canonical_in_article(["Ryder"], body) == ["Patrick Ryder"]
    assert is_generic("a new report") and is_generic("sources") and is_generic(None)
    assert not is_generic("Reuters") and not is_generic("Ukraine's intelligence")


def fact(i, value, *, art=None, day=None, pub="2024-05-01", who=None, q=None, high=None,
         hedged=False, scope="", src=None) -> Fact:  # fmt: skip
    art = art if art is not None else i
    return Fact(
        figure_id=i, article_id=art, source_key=src or f"article:{art}", published=pub,
        value=value, high=high, qualifier=q, hedged=hedged, claimant=who, date=day,
        scope=scope, position=i,
    )  # fmt: skip


def labels(claims):
    return [c.label for c in claims]


def test_the_same_claim_in_three_articles_is_one_claim_with_three_sources():
    claims = build_claims(
        [
            fact(1, 100_000, art=1, q="max", who="G20", hedged=True),
            fact(2, 100_000, art=2, q="max", who="G20", hedged=True),
            fact(3, 100_000, art=3, who="report", hedged=True),  # a bare headline number
            fact(4, 100_000, art=3, q="max", who="new report", hedged=True),
        ]
    )
    assert len(claims) == 1
    c = claims[0]
    assert (c.claimant, c.n_sources, c.articles, c.qualifier) == ("G20", 3, (1, 2, 3), "max")
    # The same outlet twice (or an article and its near-duplicate) is one source.
    twice = build_claims([fact(1, 5, art=1, who="A", src="X"), fact(2, 5, art=2, who="A", src="X")])
    assert twice[0].n_sources == 1


def test_labels_rise_fall_bound_projection_scope_conflict_unexplained():
    claims = build_claims(
        [
            fact(1, 1_500, day="2024-10-15", who="NIS", scope="special forces"),
            fact(2, 3_000, day="2024-10-23", who="NIS"),
            fact(3, 11_000, day="2024-11-04", who="Budanov"),
            fact(4, 10_000, high=12_000, day="2024-11-05", who="Pentagon"),
            fact(5, 100_000, q="max", day="2024-11-05", who="G20"),
            fact(6, 15_000, day="2024-11-06", who="Kyiv", hedged=True),
            fact(7, 12_000, day="2024-11-07", who="Seoul", hedged=True),
            fact(8, 9_000, day="2024-11-20", who="Seoul", hedged=True),
            fact(9, 4_000, pub=None, who="Someone", hedged=True),
        ]
    )
    assert [c.value for c in claims] == [1500, 3000, 11000, 10000, 100000, 15000, 12000, 9000, 4000]
    assert labels(claims) == [
        "first", "scope", "rise", "same", "bound", "projection", "conflict", "fall",
        "unexplained",
    ]  # fmt: skip
    assert claims[-1].date is None


def test_one_claim_undated_claims_and_wildly_different_sizes():
    one = build_claims([fact(1, 7, pub=None)])
    assert labels(one) == ["first"] and one[0].date is None
    assert summarize(one).startswith("One claim, reported: 7 (unattributed)")
    undated = build_claims([fact(1, 7, pub=None, who="A"), fact(2, 9, pub=None, who="B")])
    assert labels(undated) == ["first", "unexplained"]
    wide = build_claims([fact(1, 3, day="2024-01-01"), fact(2, 3e9, day="2024-02-01")])
    assert labels(wide) == ["first", "rise"]
    assert amount(3e9, None, None, "USD") == "USD 3 billion"


def test_a_count_above_an_earlier_floor_is_a_rise_an_upper_bound_never_is():
    claims = build_claims(
        [
            fact(1, 25, q="min", day="2023-07-01", who="Governor"),  # at least 25
            fact(2, 70, day="2023-07-03", who="Governor"),  # two days on: 70
            fact(3, 60, q="min", day="2023-07-05", who="Police"),  # at least 60: no news
            fact(4, 400, q="max", day="2023-07-08", who="Insurers"),  # up to 400
            fact(5, 90, day="2023-07-10", who="Governor"),  # below that bound
        ]
    )
    assert labels(claims) == ["first", "rise", "bound", "bound", "bound"]
    assert claims[1].note == "above the floor reported before"
    # On the same day a count and a floor below it agree: a bound, not a rise.
    same_day = build_claims(
        [fact(1, 25, q="min", day="2023-07-01", who="A"), fact(2, 70, day="2023-07-01", who="B")]
    )
    assert labels(same_day) == ["first", "bound"]


def test_label_of_a_bound_that_contradicts_is_not_bound():
    a, b = build_claims(
        [
            fact(1, 10_000, day="2024-10-01", who="A"),
            fact(2, 8_000, q="max", day="2024-10-02", who="B"),
        ]
    )
    assert label(a, b)[0] == "conflict"


def test_summary_names_latest_range_projections_and_disagreement():
    claims = build_claims(
        [
            fact(1, 30, q="min", day="2024-05-01", who="Mayor"),
            fact(2, 45, day="2024-05-03", who="Mayor"),
            fact(3, 61, day="2024-05-03", who="City Hospital"),
            fact(4, 100, q="max", day="2024-05-04", who="Red Cross", hedged=True),
        ]
    )
    text = summarize(claims, "killed")
    # Two counts of the latest day: both named, the summary takes no side.
    assert "Latest, 2024-05-03: 45 (Mayor), 61 (City Hospital)" in text
    assert "current estimates 45–61" in text
    assert "projections up to 100 (Red Cross)" in text
    assert "disagree: City Hospital (61) vs Mayor (45)" in text


def test_latest_is_a_reported_value_never_a_projection():
    claims = build_claims(
        [
            fact(1, 200, day="2023-02-06", who="Ministry"),
            fact(2, 350, day="2023-02-08", who="Ministry"),
            fact(3, 900, day="2023-02-09", who="Aid group", hedged=True),  # "could reach"
            fact(4, 1_500, q="max", day="2023-02-10", who="Analysts", hedged=True),
        ]
    )
    text = summarize(claims, "killed")
    assert text.startswith("Latest: 350 (Ministry, 2023-02-08)")
    assert "projections up to 1,500 (Analysts)" in text
    assert "current estimates 200–350 (since 2023-02-06)" in text
    only = build_claims(
        [
            fact(1, 5_000, day="2023-03-01", who="Union", hedged=True),
            fact(2, 8_000, q="max", day="2023-03-04", who="Mayor", hedged=True),
        ]
    )
    text = summarize(only, "people")
    assert text.startswith("No reported value; projections up to 8,000 (Mayor)")
    assert "Latest" not in text
    # A later count of a part ("special forces") is not the latest total.
    part = build_claims(
        [
            fact(1, 4_000, day="2023-04-01", who="A"),
            fact(2, 600, day="2023-04-05", who="B", scope="special forces"),
        ]
    )
    assert summarize(part).startswith("Latest: 4,000 (A, 2023-04-01)")


def test_periods():
    assert str(period("2024-W44")[0]) == "2024-10-28"
    assert str(period("2024-10")[1]) == "2024-10-31"
    assert period("garbage") is None and period(None) is None


def test_minhash_finds_a_repost_and_not_a_different_story():
    story = " ".join(f"word{i} said the officials on day {i % 7}." for i in range(120))
    repost = "Breaking: " + story.replace("word5 ", "") + " Read more at our site."
    other = " ".join(f"other{i} counted the votes in town {i % 5}." for i in range(120))
    a, b, c = (minhash.shingles(t) for t in (story, repost, other))
    assert minhash.is_near_duplicate(a, b) and not minhash.is_near_duplicate(a, c)
    sa, sb, sc = (minhash.signature(s) for s in (a, b, c))
    assert set(minhash.bands(sa)) & set(minhash.bands(sb))
    assert not set(minhash.bands(sa)) & set(minhash.bands(sc))
    assert minhash.estimated_similarity(sa, sb) > 0.8
    assert minhash.shingles("") == set() and minhash.signature(set()) == [0] * minhash.K


def test_a_casualty_verb_before_and_a_rate_after():
    info = describe(
        "1,500 Moscow troops", "troops", " a day last month", "Ukraine killed an average of "
    )
    assert (info.unit_class, info.scope) == ("killed", "troops per day")
    assert (
        describe("300 people", "people", "", "Floods forced officials to evacuate ").unit_class
        == "people"
    )


def test_a_part_of_a_casualty_count_and_a_hedged_toll_count_the_casualties():
    before = "Eleven people died when the ferry capsized off the coast, including "
    assert describe("three children", "children", " from one school", before).unit_class == (
        "killed"
    )
    info = describe("four soldiers", "soldiers", " on leave", "Nine were hurt, among them ")
    assert (info.unit_class, info.scope) == ("wounded", "troops")
    info = describe(
        "two border guards' soldiers", "soldiers", ".", "Fifteen men were wounded, including "
    )
    assert (info.unit_class, info.scope) == ("wounded", "troops")
    # A hedged toll: "as many as 500 people could be dead".
    assert describe("500 people", "people", " could be dead by morning").unit_class == "killed"
    # "including" after a count that is not of casualties changes nothing.
    before = "Police detained 40 protesters on Friday, including "
    assert describe("12 residents", "residents", " of the square", before).unit_class == "people"
