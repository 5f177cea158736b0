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


def test_a_since_total_runs_from_its_date_even_with_now_beside_it() -> None:
    got = facts("More than 40,000 people have now fled into Armenia since 19 September.")
    f = got[40000]
    assert (f["rate"], *period(f)) == ("total", "2022-09-19", "2022-11-10")


def test_a_year_followed_by_when_is_that_year_not_since_it() -> None:
    got = facts(
        "Arrivals are the highest since 2015, when 850,000 people crossed to the Greek islands."
    )
    assert period(got[850000]) == ("2015-01-01", "2015-12-31")


def test_an_as_of_day_ends_a_cumulative_count_and_keeps_it_a_total() -> None:
    got = facts("The UN said 2,150,000 refugees had fled Sudan as of today.")
    f = got[2150000]
    assert (f["rate"], *period(f)) == ("total", None, "2022-11-10")
    got = facts(
        "More than 21,000 migrants have landed on the islands this year, according to figures up "
        "to Sunday, against 2,300 in the whole of 2021."
    )
    assert period(got[21000]) == ("2022-01-01", "2022-11-06")
    assert period(got[2300]) == ("2021-01-01", "2021-12-31")


def test_from_a_date_until_an_event_on_a_date() -> None:
    got = facts(
        "Norway counted 12,000 Russian arrivals from October 1 until it shut the crossing at "
        "midnight on October 12."
    )
    assert period(got[12000]) == ("2022-10-01", "2022-10-12")


def test_by_nightfall_is_the_day_of_the_report() -> None:
    got = facts("By nightfall, 420 foreign nationals had crossed into Egypt, an official said.")
    f = got[420]
    assert (f["rate"], *period(f)) == ("per_day", "2022-11-10", "2022-11-10")


def test_a_single_day_record_is_a_comparison_not_a_rate() -> None:
    got = facts(
        "Police said 61,000 refugees had crossed on Monday, the highest figure for a single day "
        "since the war began, bringing the total since then to about 190,000."
    )
    assert got[61000]["rate"] == "per_day"
    assert got[190000]["rate"] == "total"


def test_a_daily_dashboard_is_not_a_daily_figure() -> None:
    got = facts(
        "According to the ministry's daily statistical dashboard, updated to December 31, about "
        "64,000 of last year's arrivals had set out from Libya.",
        published=date(2023, 1, 3),
    )
    f = got[64000]
    assert (f["rate"], *period(f)) == ("total", "2022-01-01", "2022-12-31")


def test_a_year_earlier_moves_the_date_before_it_back_a_year() -> None:
    got = facts(
        "At the end of December, about 90,000 refugees were housed in reception centres, compared "
        "with roughly 70,000 a year earlier.",
        published=date(2023, 1, 3),
    )
    assert period(got[90000]) == (None, "2022-12-31")
    assert period(got[70000]) == (None, "2021-12-31")


def test_a_figure_before_a_dated_event_ends_the_day_before_it() -> None:
    got = facts(
        "About 5,000 Russians a day were arriving in Georgia before the mobilisation was announced.",
        published=date(2022, 9, 30),
    )
    assert period(got[5000]) == (None, "2022-09-20")
    got = facts(
        "About 11,000 Russians a day were arriving in Georgia, twice as many as before the "
        "mobilisation, the ministry said.",
        published=date(2022, 9, 30),
    )
    assert period(got[11000]) == ("2022-09-30", "2022-09-30")


def test_a_month_named_as_the_subject_is_that_month() -> None:
    got = facts(
        "July was the busiest month, with 31,200 arrivals, the coast guard said.",
        published=date(2023, 1, 3),
    )
    f = got[31200]
    assert (f["rate"], *period(f)) == ("per_month", "2022-07-01", "2022-07-31")


def test_a_stretch_of_a_year_or_a_month() -> None:
    got = facts(
        "More than 12,000 children crossed the jungle in the first six months of the year. "
        "Some 5,000 a day fled in the last week of September."
    )
    assert period(got[12000]) == ("2022-01-01", "2022-06-30")
    assert period(got[5000]) == ("2022-09-24", "2022-09-30")


def test_since_then_takes_a_dated_event_or_days_ago_before_it() -> None:
    got = facts(
        "Three weeks ago, Russian troops crossed into Ukraine. Since then, more than 300,000 "
        "people have come through the station.",
        published=date(2022, 3, 17),
    )
    assert period(got[300000]) == ("2022-02-24", "2022-03-17")


def test_a_range_of_weekdays_is_a_total_over_those_days() -> None:
    got = facts(
        "About 1,400 migrants reached Lesbos by boat between Sunday and Monday morning, the coast "
        "guard said."
    )
    f = got[1400]
    assert (f["rate"], *period(f)) == ("total", "2022-11-06", "2022-11-07")


def test_a_stock_of_people_who_arrived_after_a_date_is_as_of_the_report() -> None:
    got = facts(
        "About 45,000 Russians who arrived after September 21 are still in Kazakhstan, the "
        "ministry said."
    )
    f = got[45000]
    assert (f["measure"], *period(f)) == ("stock", None, "2022-11-10")


def test_a_date_behind_a_comma_belongs_to_the_figure_on_its_own_side() -> None:
    got = facts(
        "The guard said 6,200 Russians entered Finland on Wednesday alone, against around 2,900 "
        "on the same day a week earlier."
    )
    assert period(got[6200]) == ("2022-11-09", "2022-11-09")
    assert period(got[2900]) == ("2022-11-02", "2022-11-02")


def test_a_queue_is_dated_to_the_day_it_is_reported_whatever_the_tense() -> None:
    got = facts(
        "The queue at the Verkhny Lars checkpoint has shrunk to about 2,300 cars, the border "
        'service said. "At present there are about 450 vehicles in the queue," it said.'
    )
    assert period(got[2300]) == ("2022-11-10", "2022-11-10")
    assert period(got[450]) == ("2022-11-10", "2022-11-10")


def test_a_part_of_a_figure_takes_its_period() -> None:
    got = facts(
        "More than 250,000 Afghans have returned from Pakistan since 15 September, the IOM said. "
        "Of these, 14,300 were deported. The ministry said 3,120 people had been evacuated in "
        "the past 24 hours, including 640 children."
    )
    assert period(got[14300]) == ("2022-09-15", "2022-11-10")
    assert (got[640]["rate"], *period(got[640])) == ("per_day", "2022-11-10", "2022-11-10")


def test_so_far_takes_the_start_of_the_documents_running_total() -> None:
    got = facts(
        "More than 60,000 refugees have crossed into Chad since 15 April. The agency has so far "
        "relocated more than 7,000 refugees to camps inland.",
        published=date(2023, 6, 2),
    )
    assert period(got[7000]) == ("2023-04-15", "2023-06-02")


def test_a_forecast_for_the_years_total_covers_the_whole_year() -> None:
    got = facts(
        "Officials warned that as many as 420,000 migrants could cross the jungle by the end of "
        "the year. The agency is planning for 50,000 more arrivals by the end of the year. The "
        "government expects that 450,000 migrants could cross the jungle over the whole year.",
        published=date(2023, 8, 23),
    )
    assert period(got[420000]) == ("2023-01-01", "2023-12-31")
    assert period(got[50000]) == ("2023-08-23", "2023-12-31")
    assert period(got[450000]) == ("2023-01-01", "2023-12-31")


def test_since_last_night_and_the_same_period_last_year() -> None:
    got = facts(
        "Since last night, about 1,900 migrants have been moved to Sicily. More than 90,000 "
        "migrants have arrived by sea so far in 2023, compared with about 50,000 in the same "
        "period last year.",
        published=date(2023, 9, 13),
    )
    assert period(got[1900]) == ("2023-09-12", "2023-09-13")
    assert period(got[90000]) == ("2023-01-01", "2023-09-13")
    assert period(got[50000]) == ("2022-01-01", "2022-09-13")


def test_an_earlier_count_two_days_before_is_people_dated_back() -> None:
    got = facts(
        "The agency said 2,000 refugees arrived on Monday, up from 1,200 two days earlier.",
        published=date(2022, 3, 8),
    )
    assert got[1200]["unit"] == "people"
    assert (got[1200]["rate"], *period(got[1200])) == ("per_day", "2022-03-05", "2022-03-05")


def test_two_named_days_are_a_total_over_both() -> None:
    got = facts("On Saturday and Sunday, 12,000 refugees fled.", published=date(2022, 3, 8))
    assert (got[12000]["rate"], *period(got[12000])) == ("total", "2022-03-05", "2022-03-06")


def test_since_the_start_of_the_war_is_the_event_the_story_names() -> None:
    text = (
        "Russia's invasion has driven millions from their homes. Since the start of the war, "
        "2 million refugees have fled Ukraine."
    )
    assert period(facts(text, date(2022, 3, 8))[2000000]) == ("2022-02-24", "2022-03-08")
    # with no event named, and none known before the story, no start is guessed
    got = facts("Since the war began, 1.2 million refugees have entered Poland.", date(2022, 3, 8))
    assert period(got[1200000]) == (None, "2022-03-08")


def test_the_24_hours_to_a_time_are_the_day_they_end_on() -> None:
    got = facts("In the 24 hours to 7 a.m., 8,500 refugees crossed into Poland, the guard said.")
    assert (got[8500]["rate"], *period(got[8500])) == ("per_day", "2022-11-10", "2022-11-10")
    got = facts("About 3,100 migrants arrived in the 24 hours to Sunday morning.")
    assert (got[3100]["rate"], *period(got[3100])) == ("per_day", "2022-11-06", "2022-11-06")


def test_a_span_ending_on_a_day_or_month() -> None:
    got = facts("In the week to Sunday, 4,500 migrants crossed the Channel in small boats.")
    assert (got[4500]["rate"], *period(got[4500])) == ("per_week", "2022-10-31", "2022-11-06")
    got = facts("In the year to June, 45,000 migrants crossed the Channel.")
    assert (got[45000]["rate"], *period(got[45000])) == ("total", "2021-07-01", "2022-06-30")


def test_a_date_after_a_compared_figure_is_that_figures() -> None:
    got = facts(
        "Thousands have fled. Daily arrivals have fallen to about 500 from a peak of 7,000 in "
        "early March."
    )
    assert period(got[500]) == ("2022-11-10", "2022-11-10")
    assert period(got[7000]) == ("2022-03-01", "2022-03-10")


def test_now_beside_a_days_ago_figure_is_the_day_of_speaking() -> None:
    got = facts(
        'Thousands have fled. "Four to five days ago there were 2,000 cars a day, now there are 6,000," a '
        "border guard told Reuters on Monday."
    )
    assert period(got[2000]) == ("2022-11-02", "2022-11-03")
    assert period(got[6000]) == ("2022-11-07", "2022-11-07")


def test_an_order_is_not_dated_by_the_storm_it_runs_ahead_of() -> None:
    got = facts(
        "Authorities ordered 250,000 residents of coastal counties to evacuate ahead of the "
        "storm, which is expected to make landfall on Wednesday."
    )
    assert period(got[250000]) == (None, "2022-11-10")
    got = facts("Mandatory evacuation orders now cover more than 1.2 million people.")
    assert period(got[1200000]) == (None, "2022-11-10")


def test_a_running_total_rising_to_a_figure_on_a_day_is_a_total_to_that_day() -> None:
    got = facts(
        "The number of Rohingya refugees who have arrived since Aug. 25 rose to 507,000 on "
        "Wednesday, the IOM said."
    )
    f = got[507000]
    assert (f["rate"], *period(f)) == ("total", "2022-08-25", "2022-11-09")


def test_since_the_order_takes_the_day_the_story_gave_the_order() -> None:
    got = facts(
        "The evacuation order issued on Tuesday evening remains in effect. Police estimate that "
        "more than 4,000 vehicles have left the town since the order was issued."
    )
    assert period(got[4000]) == ("2022-11-08", "2022-11-10")


def test_in_the_weeks_after_an_event_starts_then_and_ends_unsaid() -> None:
    got = facts(
        "Hundreds of thousands of Russians crossed into Kazakhstan in the weeks after the "
        "mobilization was announced.",
        published=date(2023, 1, 18),
    )
    assert period(got[100000]) == ("2022-09-21", None)


def test_an_earlier_value_of_a_running_total_keeps_its_start() -> None:
    got = facts(
        "More than 300,000 Rohingya refugees have arrived since Aug. 25, up from 270,000 two "
        "days earlier, the agency said.",
        published=date(2017, 9, 7),
    )
    assert (got[300000]["rate"], *period(got[300000])) == ("total", "2017-08-25", "2017-09-07")
    assert (got[270000]["rate"], *period(got[270000])) == ("total", "2017-08-25", "2017-09-05")


def test_a_rate_a_day_before_an_event_is_daily_and_ends_before_it() -> None:
    got = facts(
        "Thousands have fled. The ministry said 10,200 Russians had crossed on Sunday alone, "
        "against roughly 5,000 "
        "to 6,000 a day before President Vladimir Putin announced the mobilisation.",
        published=date(2022, 9, 26),
    )
    assert (got[5500]["rate"], *period(got[5500])) == ("per_day", None, "2022-09-20")


def test_the_day_an_earlier_figure_was_reported_does_not_date_the_statement() -> None:
    got = facts(
        "Thousands have fled. As of Thursday morning, 3,800 people from Russia were staying in "
        "the town's shelters, the administration said, up from the 3,000 it reported on Tuesday."
    )
    assert period(got[3800]) == (None, "2022-11-10")
    assert period(got[3000]) == (None, "2022-11-08")


def test_claims_accusations_and_statements_are_dated_not_counted() -> None:
    from exodus.models import RawDocument
    from exodus.pipeline import process_document

    text = (
        "Officials said many people fled. A Moscow-installed official claimed on June 7 that "
        "about 1,200 residents had been evacuated from Nova Kakhovka. In a statement on Telegram "
        "on Saturday, the council said 'several thousand' residents had been deported to Russia "
        "over the past week."
    )
    result = process_document(RawDocument("t.txt", text.encode(), published=None))
    rates = {f.value: f.rate for f in result.facts}
    assert rates[1200] == "total"
    assert rates[3000] == "per_week"


def test_a_month_with_its_year_is_that_month() -> None:
    got = facts(
        "In August 2023, 82,000 migrants came through the Darien jungle, Panama's migration "
        "service said, and in December 2023 some 24,600.",
        date(2024, 1, 8),
    )
    assert period(got[82000]) == ("2023-08-01", "2023-08-31")
    assert got[82000]["rate"] == "per_month"


def test_a_year_or_month_named_in_full_needs_no_publication_date() -> None:
    got = facts(
        "Panama's National Migration Service said 520,085 people crossed the Darien in 2023, "
        "compared with about 248,000 in 2022, and 82,000 in August 2023.",
        None,
    )
    assert period(got[520085]) == ("2023-01-01", "2023-12-31")
    assert period(got[248000]) == ("2022-01-01", "2022-12-31")
    assert period(got[82000]) == ("2023-08-01", "2023-08-31")
