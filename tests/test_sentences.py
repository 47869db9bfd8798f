"""Sentence splitting with offsets."""

from __future__ import annotations

from store.extract.sentences import split_sentences


def texts(body):
    out = split_sentences(body)
    for s in out:
        assert body[s.start : s.end] == s.text
    return [s.text for s in out]


def test_abbreviations_and_initials_do_not_end_sentences():
    body = "U.S. President Joe Biden met Gen. Smith at 9 a.m. on Tuesday. No. 5 was there. J. Doe left."
    assert texts(body) == [
        "U.S. President Joe Biden met Gen. Smith at 9 a.m. on Tuesday.",
        "No. 5 was there.",
        "J. Doe left.",
    ]


def test_quotes_close_with_their_sentence():
    body = 'He said: "We sent 3,000 troops." The ministry denied it.'
    assert texts(body) == ['He said: "We sent 3,000 troops."', "The ministry denied it."]


def test_headlines_and_bullets_stand_alone():
    body = "Floods displace 250,000 in Nigeria\nBackground:\n  • On 8 October, X said. Then Y.\n- Second point"
    assert texts(body) == [
        "Floods displace 250,000 in Nigeria",
        "Background:",
        "On 8 October, X said.",
        "Then Y.",
        "Second point",
    ]


def test_a_line_that_continues_in_lower_case_is_the_same_sentence():
    body = "North Korea has sent 3,000\ntroops to Russia, officials said."
    assert texts(body) == ["North Korea has sent 3,000\ntroops to Russia, officials said."]


def test_hard_wrapped_text_is_read_as_paragraphs():
    body = (
        "Officials in the capital said on Monday that more than 4,000 people\n"
        "had been evacuated from villages along the river, where the water\n"
        "level rose by two metres overnight. Rescue teams from three regions\n"
        "were sent to help. The governor said Ivan Petrov and his deputy\n"
        "would visit the area on Tuesday.\n"
    )
    assert len(texts(body)) == 3
    assert texts(body)[0].startswith("Officials") and texts(body)[0].endswith("overnight.")


def test_empty_and_punctuation_only_text():
    assert texts("") == []
    assert texts("...\n---\n") == []
