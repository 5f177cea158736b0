"""Time expressions resolved against the right anchor, and publication-date inference."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exodus.resolve.dates import MONTHS, WEEKDAYS, find_time_expressions, resolve
from exodus.resolve.published import infer_published

TUE = date(2022, 9, 27)


def _one(text: str, anchor: date = TUE) -> tuple[date | None, date | None]:
    exprs = find_time_expressions(text)
    assert len(exprs) == 1, exprs
    return resolve(exprs[0], anchor)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About four to five days ago, there were", (date(2022, 9, 22), date(2022, 9, 23))),
        ("and now it has increased", (TUE, TUE)),
        ("since Sept. 21", (date(2022, 9, 21), TUE)),
        ("from 21 to 27 September", (date(2022, 9, 21), date(2022, 9, 27))),
        ("between September 21 and 27", (date(2022, 9, 21), date(2022, 9, 27))),
        ("Sept. 21-27, 2022", (date(2022, 9, 21), date(2022, 9, 27))),
        ("over the weekend", (date(2022, 9, 24), date(2022, 9, 25))),
        ("last week", (date(2022, 9, 19), date(2022, 9, 25))),
        ("in the past week", (date(2022, 9, 21), TUE)),
        ("in the past 24 hours", (TUE, TUE)),
        ("yesterday", (date(2022, 9, 26), date(2022, 9, 26))),
        ("on Wednesday alone", (date(2022, 9, 21), date(2022, 9, 21))),
        ("told reporters Tuesday", (TUE, TUE)),
        ("last Tuesday", (date(2022, 9, 20), date(2022, 9, 20))),
        ("three days ago", (date(2022, 9, 24), date(2022, 9, 24))),
        ("so far", (None, TUE)),
        ("on 21 September 2021", (date(2021, 9, 21), date(2021, 9, 21))),
        ("tomorrow", (date(2022, 9, 28), date(2022, 9, 28))),
        ("next week", (date(2022, 10, 3), date(2022, 10, 9))),
        ("next month", (date(2022, 10, 1), date(2022, 10, 31))),
        ("in the coming weeks", (TUE, None)),
        ("within days", (TUE, None)),
        ("within the next 48 hours", (TUE, date(2022, 9, 29))),
        ("over the next seven days", (TUE, date(2022, 10, 4))),
        ("by the end of August", (None, date(2022, 8, 31))),
    ],
)
def test_resolved_against_the_anchor(text: str, expected: tuple[date | None, date | None]) -> None:
    assert _one(text) == expected


def test_a_yearless_date_after_the_anchor_belongs_to_the_year_before() -> None:
    assert _one("on December 30", date(2023, 1, 5)) == (date(2022, 12, 30), date(2022, 12, 30))


def test_since_then_is_a_since_expression() -> None:
    exprs = find_time_expressions("on September 21, and since then, nearly 100,000")
    assert [e.kind for e in exprs] == ["md", "since_then"]
    assert exprs[1].since


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.sampled_from(["long", "short", "dm"]),
)
def test_explicit_dates_round_trip(d: date, style: str) -> None:
    names = [n for n, m in MONTHS.items() if m == d.month]
    long_name = max(names, key=len).capitalize()
    short = min(names, key=len).capitalize() + "."
    text = {
        "long": f"on {long_name} {d.day}, {d.year} the",
        "short": f"on {short} {d.day}, {d.year} the",
        "dm": f"on {d.day} {long_name} {d.year} the",
    }[style]
    assert _one(text, anchor=d + timedelta(days=3)) == (d, d)


@given(
    st.dates(min_value=date(2000, 1, 8), max_value=date(2090, 1, 1)),
    st.sampled_from(sorted(WEEKDAYS)),
)
def test_a_weekday_is_the_latest_such_day_on_or_before_the_anchor(anchor: date, name: str) -> None:
    start, end = _one(f"said on {name.capitalize()} that", anchor)
    assert start == end and end is not None
    assert end.weekday() == WEEKDAYS[name]
    assert timedelta(0) <= anchor - end < timedelta(days=7)


@given(st.integers(1, 30), st.integers(0, 10))
def test_n_days_ago(n: int, extra: int) -> None:
    anchor = date(2022, 9, 27)
    assert _one(f"{n} days ago", anchor) == (anchor - timedelta(days=n),) * 2
    lo, hi = n, n + extra + 1
    assert _one(f"{lo} to {hi} days ago", anchor) == (
        anchor - timedelta(days=hi),
        anchor - timedelta(days=lo),
    )


def test_publication_date_from_the_latest_date_and_a_later_weekday() -> None:
    text = "Putin ordered the mobilization on September 21. The minister told reporters Tuesday."
    original = (
        "Lead paragraph of the story goes here.\n" * 7 + "Photo taken on April 28, 2022\n" + text
    )
    assert infer_published(text, original) == date(2022, 9, 27)


def test_publication_date_from_a_byline_or_a_dateline() -> None:
    assert infer_published(
        "x", "Headline here\n\nBy Staff\nSeptember 26, 2022 2:18 PM GMT\n"
    ) == date(2022, 9, 26)
    assert infer_published("x", "Press release 26.9.2022 11.05\nBody") == date(2022, 9, 26)
    text = "TBILISI, Sept 26 (Reuters) - Thousands waited on Sunday. It was 2022's largest exodus."
    assert infer_published(text, text) == date(2022, 9, 26)


def test_publication_date_needs_a_year_and_a_date() -> None:
    assert infer_published("He spoke on Tuesday.", "") is None
    assert infer_published("On September 21 they left.", "no year here") is None
    assert infer_published("On September 21, 2022 they left.", "") == date(2022, 9, 21)


def test_publication_date_from_a_dateline_with_its_date_in_brackets() -> None:
    text = "HALIFAX (June 3, 2021) - Crews moved 4,000 residents out of the fire zone on Wednesday."
    assert infer_published(text, text) == date(2021, 6, 3)
    text = "GENEVA, 14 April 2023 /UNHCR/ - Arrivals rose again on Friday."
    assert infer_published(text, text) == date(2023, 4, 14)


def test_a_deadline_or_a_plan_does_not_date_the_story() -> None:
    text = (
        "The order was issued on 8 August 2023. Residents must leave by August 25. The minister "
        "will visit the camps on August 30. Buses ran again on Thursday."
    )
    assert infer_published(text, text) == date(2023, 8, 10)  # the Thursday after 8 August


def test_a_day_counted_from_a_date_is_not_pushed_past_a_weekday_of_that_date() -> None:
    text = (
        "The border closed at midnight on Thursday, eight days after the decree of July 6, 2023. "
        "On Thursday 5,000 people crossed."
    )
    assert infer_published(text, text) == date(2023, 7, 14)


def test_a_caption_date_is_a_day_the_story_cannot_precede() -> None:
    text = "The violence began on Aug. 3. On Wednesday alone 900 people crossed the river."
    original = "Families rest near the river, Aug. 14, 2019. (AP Photo/Staff)\n" + text
    assert infer_published(text, original) == date(2019, 8, 14)  # a Wednesday


def test_a_date_tied_to_today_gives_the_day() -> None:
    text = (
        "Boats have run since June 4, two weeks ago today. So far this year 20,000 have left, "
        "against 9,000 in all of 2018."
    )
    assert infer_published(text, text) == date(2019, 6, 18)
    text = "The minister will fly to Rabat on Monday, March 15, five days from today, 2021 figures show."
    assert infer_published(text, text) == date(2021, 3, 10)


def test_a_weekday_with_a_date_settles_a_doubtful_year() -> None:
    # the only year named is 2014, but 'Friday, November 20' is a Friday in 2015, not in 2014
    text = (
        "Arrivals are far above the 40,000 of 2014. The minister will travel on Friday, "
        "November 20. Officials spoke on Sunday, November 8."
    )
    assert infer_published(text, text) == date(2015, 11, 8)


def test_a_yearless_dateline_with_no_year_anywhere_is_not_guessed() -> None:
    text = "ODESA, Ukraine, March 6 (Reuters) - Thousands left the city by train on Sunday."
    assert infer_published(text, text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the first six months of the year", (date(2022, 1, 1), date(2022, 6, 30))),
        ("in the first half of September", (date(2022, 9, 1), date(2022, 9, 15))),
        ("in the second half of August", (date(2022, 8, 16), date(2022, 8, 31))),
        ("in the last week of August", (date(2022, 8, 25), date(2022, 8, 31))),
        ("in the first quarter of 2021", (date(2021, 1, 1), date(2021, 3, 31))),
        ("so far this year", (date(2022, 1, 1), TUE)),
        ("so far this month", (date(2022, 9, 1), TUE)),
        ("so far in 2022", (date(2022, 1, 1), TUE)),
        ("since 2014", (date(2014, 1, 1), TUE)),
        ("in all of 2021", (date(2021, 1, 1), date(2021, 12, 31))),
        ("the whole of 2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("the floods of 2010", (date(2010, 1, 1), date(2010, 12, 31))),
        ("between Sunday and Monday morning", (date(2022, 9, 25), date(2022, 9, 26))),
        ("from Friday to Sunday", (date(2022, 9, 23), date(2022, 9, 25))),
        ("by nightfall", (TUE, TUE)),
        ("August was the busiest month", (date(2022, 8, 1), date(2022, 8, 31))),
        ("at the end of August", (None, date(2022, 8, 31))),
        ("in the 48 hours to midnight on Monday", (date(2022, 9, 25), date(2022, 9, 26))),
        ("in the 12 months to March", (date(2021, 4, 1), date(2022, 3, 31))),
        ("in the month to September 15", (date(2022, 8, 16), date(2022, 9, 15))),
        ("in early September", (date(2022, 9, 1), date(2022, 9, 10))),
        ("in mid-August", (date(2022, 8, 11), date(2022, 8, 20))),
        ("in late August", (date(2022, 8, 21), date(2022, 8, 31))),
        ("by mid-September", (None, date(2022, 9, 20))),
    ],
)
def test_stretches_and_named_periods(text: str, expected: tuple[date | None, date | None]) -> None:
    assert _one(text) == expected


def test_numbers_that_look_like_years_are_not_dates() -> None:
    assert find_time_expressions("a total of 2006 people crossed") == []
    assert find_time_expressions("Officials may set up camps") == []


def test_yesterday_in_the_lead_with_a_named_day_dates_the_story_the_day_after() -> None:
    text = (
        "More than 3,000 migrants landed on the island yesterday. Volunteers said Monday, "
        "June 5, had been the busiest day of 2023."
    )
    assert infer_published(text, text) == date(2023, 6, 6)
    # without 'yesterday', the named day is the latest the story knows
    assert infer_published(text.replace("yesterday", "on Monday"), text) == date(2023, 6, 5)


def test_a_stretch_given_without_past_or_last() -> None:
    from exodus.resolve.dates import find_time_expressions

    kinds = {
        e.text: (e.kind, e.group("unit"))
        for e in find_time_expressions(
            "Up to a million were displaced in one week; 1,200 crossed in just 24 hours; "
            "they will return in two weeks time."
        )
    }
    assert kinds["in one week"] == ("past_n", "week")
    assert kinds["in just 24 hours"] == ("past_n", "hours")
    assert not any("two weeks" in t for t in kinds)
