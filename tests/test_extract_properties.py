"""Property tests: extraction never raises and every offset points at its own text."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.extract import extract

# Pieces that drive the date and figure code down its many paths, mixed with noise.
TOKENS = [
    "October 27-28", "27-28 October", "Tuesday, November 19", "on Tuesday", "Friday",
    "last month", "the last week of October", "the same day", "two days later",
    "three weeks ago", "in 2022", "since 2014", "mid-2023", "the start of 2024",
    "between October 1 and 5", "February 29", "Feb. 30", "31/12/2024", "2024-02-30",
    "2024-13-01", "10/4/2024", "May", "may", "March", "We", "20%", "G20", "F-16", "COVID-19",
    "3,000", "1.5 million", "$2bn", "up to 100,000 troops", "about 15,000 soldiers",
    "10,000-11,000-12,000", "between 10,000 and 12,000", "thousands of", "six",
    "a thousand", "99999999999999999999999", "1e308", "0.000", "-5", "No. 5", "U.S.",
    "Gen.", "9 a.m.", "\u2013", "\u2014", "\u201c", "\u201d", "\u2019", "\u00a0", "(", ")", ",",
    ".", "!", "?", ":", ";", "\n", "\n\n", "  ", "\t", "- ", "\u2022 ", "will", "said",
    "by December", "as early as 1 November", "next Friday", "last Tuesday", "yesterday",
    "tomorrow", "the end of the year", "9999", "0001", "1900", "2099", "ünïcödé", "日本語",
    "Москва", "🙂", "\x00", "\r\n", "\ufeff",
]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)),
        max_size=60,
    ).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=80).map("".join),
)
published = st.one_of(st.none(), st.dates(), st.dates(date(2000, 1, 1), date(2030, 12, 31)))

VALUE = re.compile(r"^(?:\d{4}|\d{4}-\d{2}|\d{4}-W\d{2}|\d{4}-\d{2}-\d{2}|\d{4}-(?:SP|SU|FA|WI))$")


def _check(body: str, pub: date | None) -> None:
    result = extract(body, pub)
    for rec in list(result.figures) + list(result.dates):
        assert 0 <= rec.start < rec.end <= len(body), rec
        assert body[rec.start : rec.end] == rec.text, rec
        assert rec.sentence_start <= rec.start and rec.end <= rec.sentence_end, rec
        assert 0 <= rec.sentence_start < rec.sentence_end <= len(body), rec
    for f in result.figures:
        # every evidence cue (qualifier, hedge, claimant, date, unit, actor) holds too
        for key, cue in f.evidence.cues():
            assert 0 <= cue.start < cue.end <= len(body), (key, cue, f)
            assert body[cue.start : cue.end] == cue.text, (key, cue, f)
        if f.qualifier is not None:
            assert f.evidence.qualifier is not None, f
        if f.hedged:
            assert f.evidence.hedge is not None, f
    for d in result.dates:
        assert d.granularity in ("year", "month", "week", "day"), d
        assert VALUE.match(d.value), d
        assert d.end_value is None or VALUE.match(d.end_value), d
    if pub is None:
        # without a publication date only expressions that carry a year survive, and those
        # anchored on an earlier one that does ("the same day", "two days later")
        for i, d in enumerate(result.dates):
            own_year = re.search(r"\d{4}", d.text)
            anchored = any(re.search(r"\d{4}", e.text) for e in result.dates[:i])
            assert own_year or anchored, d
    starts = [d.start for d in result.dates]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published)
def test_extract_never_raises_and_offsets_hold(body, pub):
    _check(body, pub)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from([date.min, date.max, date(1, 1, 31), date(9999, 12, 1)]), texts)
def test_extreme_publication_dates(pub, body):
    _check(body, pub)


def test_huge_and_empty_inputs():
    for body in ("", " ", "\n\n\n", "." * 5000, "9" * 5000, "October " * 2000):
        _check(body, date(2024, 11, 18))
        _check(body, None)
    body = " ".join(TOKENS) * 20
    _check(body, date(2024, 11, 18))
    _check(body, date.max)
