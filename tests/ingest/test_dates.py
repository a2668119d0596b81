from datetime import date

import pytest

from ingest.dates import last_weekday, parse_published, resolve_date

WED = date(2023, 10, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Wednesday", "2023-10-18"),  # same weekday as publication: that day
        ("Tuesday", "2023-10-17"),
        ("Thursday", "2023-10-12"),  # otherwise the most recent past such day
        ("in September", "2023-09"),
        ("in October", "2023-10"),
        ("in November", "2022-11"),  # most recent past November
        ("earlier in the week", "2023-10"),
        ("today", "2023-10-18"),
        ("yesterday", "2023-10-17"),
        ("tomorrow", "2023-10-19"),
        ("last month", "2023-09"),
        ("in 2012", "2012"),
        ("January 27, 2016", "2016-01-27"),
        ("27 January 2016", "2016-01-27"),
        ("March 2014", "2014-03"),
        ("October 18", "2023-10-18"),
        ("on Oct. 2", "2023-10-02"),
        ("December 25", "2022-12-25"),
        ("two-day", None),
        ("next week", None),
    ],
)
def test_news_convention(text, expected):
    assert resolve_date(text, WED) == expected


def test_relative_dates_need_publication_date():
    assert resolve_date("on Wednesday", None) is None
    assert resolve_date("in September", None) is None
    assert resolve_date("January 27, 2016", None) == "2016-01-27"


def test_last_weekday_sunday_to_monday():
    assert last_weekday("monday", date(2023, 3, 20)) == date(2023, 3, 20)
    assert last_weekday("sunday", date(2023, 3, 20)) == date(2023, 3, 19)


def test_parse_published_tolerates_garbage():
    assert parse_published("2023-10-18") == WED
    assert parse_published("yesterday") is None
    assert parse_published(None) is None
