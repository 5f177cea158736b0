"""Periods and rates of figures, read the way wires, ministries and UN agencies write them:
waits, forecasts with their deadlines, orders with the day they were issued."""

from __future__ import annotations

from datetime import date

from exodus.models import RawDocument
from exodus.pipeline import process_document

THU = date(2022, 11, 10)


def facts(text: str, published: date | None = THU) -> dict[float, dict]:
    result = process_document(RawDocument("t.txt", text.encode(), published=published))
    assert result.rejection is None, result.rejection
    return {f.value: f.to_dict() for f in result.facts}


def period(f: dict) -> tuple[str | None, str | None]:
    return f["period_start"], f["period_end"]


def test_a_wait_told_in_indirect_speech_ends_on_the_day_it_was_reported() -> None:
    got = facts(
        "Thousands have fled. Drivers at the Kapitan Andreevo crossing said they had waited 14 hours."
    )
    assert got[14]["measure"] == "wait_time"
    assert period(got[14]) == (None, "2022-11-10")


def test_a_wait_inside_a_quote_with_no_day_has_no_period() -> None:
    got = facts('"We waited 14 hours at the crossing," said a driver who fled Kherson.')
    assert period(got[14]) == (None, None)


def test_an_open_forecast_runs_from_the_day_it_was_made() -> None:
    got = facts(
        "The agency said on Tuesday it was planning for up to 40,000 more refugees to flee "
        "into Moldova in the coming weeks."
    )
    f = got[40000]
    assert f["modality"] == "forecast" and f["rate"] == "total"
    assert period(f) == ("2022-11-08", None)


def test_a_deadline_ends_a_forecast_and_keeps_it_a_total() -> None:
    got = facts("Regional officials are preparing for another 15,000 arrivals by Sunday.")
    f = got[15000]
    assert (f["modality"], f["rate"]) == ("forecast", "total")
    assert period(f) == ("2022-11-10", "2022-11-13")
    got = facts("Aid groups expect up to 90,000 people to flee to Chad by the end of January.")
    assert period(got[90000]) == ("2022-11-10", "2023-01-31")


def test_a_forecast_for_one_day_ahead_is_a_daily_figure() -> None:
    got = facts('"We hope to evacuate up to 2,500 people by bus tomorrow," the governor said.')
    f = got[2500]
    assert (f["modality"], f["rate"]) == ("forecast", "per_day")
    assert period(f) == ("2022-11-11", "2022-11-11")
    got = facts(
        "Many fled. The border guard expects that about 800 Russians a day will cross into Finland next week."
    )
    f = got[800]
    assert f["rate"] == "per_day" and period(f) == ("2022-11-14", "2022-11-20")


def test_an_order_runs_from_the_day_it_was_issued_to_its_deadline() -> None:
    got = facts(
        "Thousands have fled. The government announced on Oct. 25 that some 40,000 migrants "
        "living in the camps must leave by Nov. 15."
    )
    f = got[40000]
    assert (f["modality"], f["rate"]) == ("order", "total")
    assert period(f) == ("2022-10-25", "2022-11-15")


def test_an_order_issued_on_a_day_is_in_force_until_the_report() -> None:
    got = facts(
        "Residents fled the fire. The evacuation order issued on Sunday for the lakeside "
        "villages, covering about 2,600 residents, remains in effect."
    )
    f = got[2600]
    assert (f["modality"], f["rate"]) == ("order", "total")
    assert period(f) == ("2022-11-06", "2022-11-10")


def test_an_order_within_hours_counts_from_the_day_it_was_given() -> None:
    got = facts(
        "Late on 3 November, the army told the UN that about 300,000 people living east of "
        "the river should relocate to the coast within the next 24 hours."
    )
    f = got[300000]
    assert (f["modality"], f["rate"]) == ("order", "total")
    assert period(f) == ("2022-11-03", "2022-11-04")


def test_an_order_named_as_an_earlier_event_does_not_make_a_count_an_order() -> None:
    got = facts(
        "About 30,000 people fled south on Wednesday, the largest single-day movement since "
        "the army told civilians to leave the city three weeks ago, the UN said."
    )
    f = got[30000]
    assert f["modality"] == "reported" and f["rate"] == "per_day"
    assert period(f) == ("2022-11-09", "2022-11-09")
