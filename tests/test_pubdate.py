"""Publication dates: given wins; else inferred from the text and marked; never today."""

from __future__ import annotations

from datetime import date

import pytest

from store.sources.pubdate import (
    explicit_dates,
    infer_published,
    parse_iso_date,
    resolve_published,
    year_for_weekday,
)

TODAY = date(2026, 11, 22)


def test_given_date_wins_and_is_not_inferred():
    text = "Troops moved on Tuesday, November 19."
    assert resolve_published(date(2024, 11, 18), text, TODAY) == (date(2024, 11, 18), False)


def test_weekday_beside_a_month_day_fixes_the_year():
    # November 19 was a Tuesday in 2024 (and in 2019, 2013): the latest past one wins.
    assert infer_published("Scholz meets Xi on Tuesday, November 19.", TODAY) == date(2024, 11, 19)
    assert infer_published("on Saturday 16 November", TODAY) == date(2024, 11, 16)


def test_weekday_year_is_never_in_the_future():
    # November 19, 2030 is a Tuesday too, but it has not happened yet.
    assert year_for_weekday(11, 19, 1, date(2031, 1, 1)) == date(2030, 11, 19)
    assert year_for_weekday(11, 19, 1, TODAY) == date(2024, 11, 19)


def test_latest_explicit_past_date_is_taken_and_marked_inferred():
    text = "On October 4, 2024 a strike hit. By 5 Nov 2024 more came. Talks began 2024-10-30."
    assert resolve_published(None, text, TODAY) == (date(2024, 11, 5), True)


def test_future_dates_are_ignored():
    text = "The treaty was signed on June 19, 2024 and runs until December 31, 2030."
    assert infer_published(text, TODAY) == date(2024, 6, 19)


def test_dates_without_a_year_or_weekday_say_nothing():
    text = "On October 8 the ministry spoke; on 13 October Zelenskyy did; in 2022 and May 2023."
    assert explicit_dates(text, TODAY) == []
    assert resolve_published(None, text, TODAY) == (None, False)


def test_no_date_means_unknown_not_today():
    assert resolve_published(None, "North Korea sent troops.") == (None, False)


def test_impossible_dates_are_skipped():
    assert infer_published("February 30, 2024 and 2024-02-31", TODAY) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nov. 5, 2024", date(2024, 11, 5)),
        ("5th of November, 2024", date(2024, 11, 5)),
        ("Tuesday, 5 November 2024", date(2024, 11, 5)),
        ("September 30 2024", date(2024, 9, 30)),
    ],
)
def test_date_forms(text, expected):
    assert infer_published(text, TODAY) == expected


def test_parse_iso_date():
    assert parse_iso_date(" 2024-11-18 ") == date(2024, 11, 18)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date("18/11/2024")


def test_published_may_be_written_with_a_month_name():
    assert parse_iso_date("18 Nov 2024") == date(2024, 11, 18)
    assert parse_iso_date("November 18, 2024") == date(2024, 11, 18)
    for bad in ("Nov 2024", "yesterday", "05/11/2024", "31 February 2024"):
        with pytest.raises(ValueError):
            parse_iso_date(bad)


def test_the_pages_own_stamp_beats_dates_in_the_text():
    from store.sources.pubdate import resolve_published

    raw = "Title\nUpdated 20 November 2024\nPublished 18 November 2024, 10:45 GMT\nOn 4 October 2024 it began."
    assert resolve_published(
        None, "On 4 October 2024 it began.", today=date(2025, 1, 1), raw=raw
    ) == (
        date(2024, 11, 18),
        False,
    )
    assert resolve_published(None, "On 4 October 2024 it began.", today=date(2025, 1, 1)) == (
        date(2024, 10, 4),
        True,
    )
