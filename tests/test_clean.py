"""Body cleaning: general furniture rules, checked on the seeds and on other stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.extract.sentences import split_sentences
from store.sources.clean import clean_article, normalize_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}*.txt")
    return path.read_text(encoding="utf-8")


def lines(body: str) -> list[str]:
    return [line for line in body.split("\n") if line]


# --- the seeds ---------------------------------------------------------------------


def test_breadcrumb_becomes_the_title_and_its_repeats_go():
    c = clean_article(seed("003"))
    title = "North Korea has sent 3,000 troops to support Russia in war against Ukraine – Reuters"
    assert c.title == title
    assert lines(c.body)[0] == title
    assert c.body.count(title) == 1
    assert "Main / News" not in c.body


def test_attribution_lines_and_bullets_stay():
    body = clean_article(seed("003")).body
    assert "\nSource: Reuters\n" in body
    assert '\nQuote: "North Korea has sent 3,000 troops' in body
    assert "\nBackground:\n" in body
    assert "• On 18 October, Kyrylo Budanov" in body


def test_page_furniture_at_the_end_goes():
    body = clean_article(seed("003")).body
    for furniture in ("patron", "leave a comment", "Popular news", "Last news", "View all"):
        assert furniture not in body
    assert body.endswith("They have already arrived in Russia.")
    body = clean_article(seed("002")).body
    for furniture in ("Source link", "Related Posts", "Load More", "Featured"):
        assert furniture not in body
    assert clean_article(seed("000")).body.endswith("areas close to Ukraine.")  # no "- News"


def test_repeated_and_near_repeated_headlines_go():
    c = clean_article(seed("000"))
    assert c.title == "North Korea could send up to 100,000 troops to support Russia in Ukraine"
    assert "North Korea can send up to 100,000" not in c.body  # a variant of the title
    assert c.body.count("According to the G20 countries") == 1


def test_photo_captions_keep_figures_and_lose_credits():
    body = clean_article(seed("002")).body
    # A caption that states a figure is a claim: kept, without its credit.
    assert "\nNorth Korea is allegedly ready to deploy as many as 100,000 troops to help" in body
    assert "Ukraine. AP" not in body
    # Captions that only describe a photo go, with their credits.
    assert "@wartranslated" not in body
    assert "Getty Images" not in body
    assert "Vladimir Putin, right," not in body


def test_byline_goes():
    assert "By Tamilla Hasanova" not in clean_article(seed("004")).body


def test_long_first_paragraph_gives_a_one_sentence_title():
    c = clean_article(seed("001"))
    assert c.title.startswith("North Korea may deploy as many as 100,000 troops")
    assert c.title.endswith("nations.")
    assert c.body.startswith(c.title + " The potential move")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_figure_sentence_survives(prefix):
    """Cleaning never drops a line that states a troop figure."""
    raw = normalize_text(seed(prefix))
    body = clean_article(seed(prefix)).body
    for line in raw.split("\n"):
        line = " ".join(line.split())
        if "troops" in line and any(ch.isdigit() for ch in line) and len(line) > 120:
            assert line in body, line


# --- other stories ------------------------------------------------------------------

FLOOD = """\
Home › World › Europe › Floods
Floods force 12,000 from their homes in northern Italy
Floods force 12,000 from their homes in northern Italy
Share on Facebook
Share on Twitter
Advertisement
By Maria Rossi
Heavy rain has forced about 12,000 people from their homes in Emilia-Romagna, \
the civil protection agency said on Thursday.
Rescuers evacuated a hospital in Faenza. The regional president declined to comment.
Residents wade through a flooded street in Faenza, Italy. Alessandro Serrano/AFP via Getty Images
Some 400 soldiers were deployed to help, officials said. REUTERS/Jane Doe
Subscribe to our newsletter for daily updates
Home | World | Business | Sport | Culture
© 2024 Example Media. All rights reserved.
"""


def test_other_story_furniture_goes_and_facts_stay():
    c = clean_article(FLOOD)
    assert c.title == "Floods force 12,000 from their homes in northern Italy"
    assert lines(c.body) == [
        "Floods force 12,000 from their homes in northern Italy",
        "Heavy rain has forced about 12,000 people from their homes in Emilia-Romagna, "
        "the civil protection agency said on Thursday.",
        "Rescuers evacuated a hospital in Faenza. The regional president declined to comment.",
        "Some 400 soldiers were deployed to help, officials said.",
    ]


def test_related_stories_at_the_end_are_cut():
    text = "\n".join(
        [
            "Earthquake hits Chile",
            "A magnitude 6.1 earthquake struck central Chile on Monday, the USGS said.",
            "No casualties were reported by the authorities in Santiago.",
            "Officials said 30 buildings were damaged in the port of Valparaiso.",
            "Related articles",
            "Volcano erupts in Iceland, 3,000 evacuated",
            "Storm hits Japan coast",
        ]
    )
    body = clean_article(text).body
    assert body.endswith("port of Valparaiso.")
    assert "Volcano" not in body


def test_section_marker_early_in_the_text_does_not_cut_the_story():
    text = "Title of a story about ships\nComments\nThe ministry said 40 ships left port.\n" * 1
    body = clean_article(text + "A second paragraph with 5 more ships.").body
    assert "40 ships" in body and "5 more ships" in body


def test_lines_that_differ_in_their_numbers_are_not_repeats():
    text = (
        "Casualty report for the week\n"
        "• 1,200 troops were wounded in the north of the country\n"
        "• 1,300 troops were wounded in the north of the country\n"
    )
    assert len(lines(clean_article(text).body)) == 3


def test_blank_lines_become_paragraph_breaks_and_lines_stay_sentences():
    text = "Headline about 5 ships\r\n\r\n\r\nFirst paragraph\u00a0here.\u200b\r\nSecond line here."
    c = clean_article(text)
    assert c.body == "Headline about 5 ships\n\nFirst paragraph here.\nSecond line here."
    assert [s.text for s in split_sentences(c.body)] == [
        "Headline about 5 ships",
        "First paragraph here.",
        "Second line here.",
    ]


def test_a_separate_title_heads_the_body_even_when_short():
    c = clean_article("Troops arrive\n\nNorth Korea sent 3,000 troops.", title="Troops arrive")
    assert c.title == "Troops arrive"
    assert c.body == "Troops arrive\n\nNorth Korea sent 3,000 troops."


def test_nothing_left_gives_empty_body():
    assert clean_article("Share this\nSubscribe\n\n   \n").body == ""
    assert clean_article("").title == ""


@pytest.mark.parametrize(
    "line",
    [
        "Officials view all options as open.",
        "The ratio was 1 / 2 / 3 across the three brigades.",
        "Analysts said the intelligence was first shared with the U.S. CIA",
        "By the end of October most units had reached Kursk.",
        "More from the ministry statement followed on Tuesday, officials said.",
        "The Kremlin declined to comment.",
        "Putin and Kim met in Pyongyang. It was their second summit in a year, and both "
        "leaders praised what they called an unbreakable friendship between the two "
        "countries, pledging to deepen cooperation in trade, energy, science and "
        "defence for many years to come, officials from both governments said. AP",
    ],
)
def test_ordinary_sentences_are_not_furniture(line):
    text = "A headline for the story\n" + "Filler sentence number one.\n" * 3 + line
    body = clean_article(text).body
    kept = body.split("\n")[-1]
    assert kept == line or line.startswith(kept), body


WRAPPED = """\
Seoul says 3,000 more troops were sent

South Korea's spy agency told lawmakers on Wednesday that North
Korea had sent about 3,000 more soldiers to Russia since late
October, bringing the total it estimates to more than 13,000
troops. The agency said the new contingent arrived by ship and
was moved west by rail toward the Kursk region, where Ukrainian
North Korean
units were seen.

Officials in Kyiv did not comment on the report, which they said
they had not seen, and Moscow denied that any troops had arrived.
"""


def test_hard_wrapped_paragraphs_are_joined_before_the_line_rules():
    body = clean_article(WRAPPED).body
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "Seoul says 3,000 more troops were sent"
    assert paragraphs[1].startswith(
        "South Korea's spy agency told lawmakers on Wednesday that North Korea had"
    )
    assert "where Ukrainian North Korean units were seen." in paragraphs[1]  # no fragment lost
    assert paragraphs[2].endswith("Moscow denied that any troops had arrived.")
    assert len(paragraphs) == 3 and "\n" not in paragraphs[1]


def test_a_lower_case_line_continues_the_sentence_before_it():
    text = "Headline about troops\nThe ministry said 500 troops\nhad crossed the border."
    assert clean_article(text).body == (
        "Headline about troops\nThe ministry said 500 troops had crossed the border."
    )


def test_page_metadata_lines_go_and_the_story_stays():
    raw = (
        "World | Asia\n"
        "Troops in Kursk: what we know\n"
        "By Jane Doe, Seoul correspondent\n"
        "Updated 2 hours ago | 5 min read\n"
        "Published 18 November 2024, 10:45 GMT\n"
        "Share 45 | Comments (12)\n"
        "Image 2 of 5\n"
        "About 11,000 troops are in Russia, according to US officials.\n"
        "Comments were closed after 300 posts, the editor said.\n"
    )
    body = clean_article(raw).body
    assert body.splitlines() == [
        "Troops in Kursk: what we know",
        "About 11,000 troops are in Russia, according to US officials.",
        "Comments were closed after 300 posts, the editor said.",
    ]


def test_a_short_first_line_before_a_paragraph_is_the_title():
    body = "Floods return\n\nRiver levels rose three metres overnight, officials said."
    assert clean_article(body).title == "Floods return"
    one_word = "Earthquake\nA quake of magnitude 6.1 struck the coast on Monday, officials said."
    assert clean_article(one_word).title == "Earthquake"


def test_a_short_label_before_a_headline_is_not_the_title():
    text = (
        "Featured\n\nNorth Korea may supply Putin with 100,000 soldiers: report\n\n"
        "North Korea could deploy up to 100,000 soldiers, a report said."
    )
    cleaned = clean_article(text)
    assert cleaned.title == "North Korea may supply Putin with 100,000 soldiers: report"
    assert "Featured" not in cleaned.body
    byline = "By Jane Doe\n\nThe river rose three metres overnight, officials said."
    assert clean_article(byline).title.startswith("The river rose")
