"""What a figure measures, read off the words around it: earlier values of a series, people
waiting at a border, people left homeless."""

from __future__ import annotations

from datetime import date

from exodus.models import RawDocument
from exodus.pipeline import process_document


def facts(text: str, published: date = date(2023, 11, 9)) -> dict[float, dict]:
    result = process_document(RawDocument("t.txt", text.encode(), published=published))
    assert result.rejection is None, result.rejection
    return {f.value: f.to_dict() for f in result.facts}


def test_earlier_values_of_a_series_are_the_same_kind_of_figure() -> None:
    got = facts(
        "About 40,000 Palestinians fled south on Wednesday, the United Nations said. The UN "
        "humanitarian office said the figure was up from about 12,000 on Tuesday and about "
        "4,000 on Monday."
    )
    for value, day in ((40000, "2023-11-08"), (12000, "2023-11-07"), (4000, "2023-11-06")):
        assert got[value]["measure"] == "flow", value
        assert got[value]["term"] == "fled", value
        assert got[value]["rate"] == "per_day", value
        assert got[value]["period_end"] == day, value
    assert got[12000]["speaker"] is not None


def test_a_queue_compared_with_the_day_before_stays_a_queue() -> None:
    got = facts(
        "The border service said 3,200 vehicles were waiting to cross at Upper Lars on "
        "Wednesday morning, down from about 5,100 a day earlier.",
        date(2022, 9, 28),
    )
    assert got[3200]["measure"] == got[5100]["measure"] == "queue_length"
    assert got[5100]["unit"] == "vehicles"


def test_people_waiting_or_gathered_at_the_border_are_a_queue_not_a_stock() -> None:
    got = facts(
        "The IOM said on Saturday that at least 11,000 people were waiting along the land "
        "border with Greece. A crowd of about 400 people had gathered at the gate of the "
        "crossing. In the town itself, some 2,000 migrants were waiting in hotels. On Monday, "
        "hundreds of residents gathered outside the mosque to demand answers.",
        date(2020, 3, 1),
    )
    assert got[11000]["measure"] == "queue_length"
    assert got[400]["measure"] == "queue_length"
    assert got[2000]["measure"] == "stock"
    assert 100 not in got  # a protest is not people on the move


def test_casualties_and_their_parts_are_not_people_on_the_move() -> None:
    got = facts(
        "Thousands have fled the city since the dams burst. The Red Crescent said on Thursday "
        "the death toll had risen to 9,800, with another 8,200 people reported missing. At "
        "least six civilians, including two children, were killed on the road out of town. "
        "Dozens of badly wounded residents left for Egypt on Wednesday.",
        date(2023, 9, 15),
    )
    assert 9800 not in got and 8200 not in got and 2 not in got
    assert got[24]["measure"] == "flow"  # "dozens of badly wounded residents left"


def test_a_plural_noun_is_what_a_number_counts_even_when_parsed_as_a_compound() -> None:
    got = facts(
        "Migrants wait on the beach. Every day, between 1,500 and 2,000 people board boats to "
        "cross to Panama.",
        date(2021, 9, 20),
    )
    assert got[1750]["unit"] == "people"
    assert got[1750]["rate"] == "per_day"


def test_protesters_at_the_border_and_a_familys_size_are_not_figures() -> None:
    got = facts(
        "Thousands of Russians have fled since the mobilisation. On Sunday about 300 "
        "protesters gathered at the border crossing to demand it be closed. One man who fled "
        "said his wife and two children had stayed behind in Moscow.",
        date(2022, 9, 27),
    )
    assert 300 not in got and 2 not in got
    assert got[1000]["measure"] == "flow"


def test_a_running_total_after_a_daily_figure_is_a_total() -> None:
    got = facts(
        "Refugees kept arriving. About 12,000 people a day were crossing, the ministry said, "
        "bringing the total to 480,000.",
        date(2022, 3, 8),
    )
    assert got[12000]["rate"] == "per_day"
    assert got[480000]["rate"] == "total"


def test_title_case_headlines_are_parsed_as_sentences() -> None:
    from exodus.extract.engine import sentence_case
    from exodus.pipeline import load_extractor

    gaz = load_extractor().gaz
    got = sentence_case("Thousands Of Russians Flee To Georgia As Queue At Upper Lars Grows", gaz)
    assert got == "Thousands of Russians flee to Georgia as queue at Upper Lars grows"
    assert sentence_case("Russians flee to Georgia", gaz) == "Russians flee to Georgia"
    assert sentence_case("More Than 200,000 Afghans Return Home", gaz).startswith("More than")
    found = facts(
        "Kazakhstan Deports Dozens Of Russians Who Fled Mobilization\n\n"
        "ASTANA -- Kazakhstan has deported 38 Russian citizens for breaking migration rules.",
        date(2023, 1, 18),
    )
    assert found[24]["term"] == "deported"


def test_queues_of_people_sitting_in_line_planning_figures_and_misparsed_subjects() -> None:
    got = facts(
        "TBILISI, Sept 26 (Reuters) - Thousands of Russian men sat on Monday in a line of cars "
        "stretching to the crossing into Georgia. At the Syrym checkpoint, where since 21 "
        "September over 9,000 persons have crossed, queues are long. The response plan "
        "planned for up to 3 million refugees leaving Ukraine in the coming months.",
        date(2022, 9, 26),
    )
    assert (got[1000]["measure"], got[1000]["term"]) == ("queue_length", "queued")
    assert got[9000]["measure"] == "flow"
    assert got[3000000]["modality"] == "forecast"


def test_residents_homeless_people_and_populations_counted_where_they_are() -> None:
    got = facts(
        "Refugees fled. The Rohingya population in Cox's Bazar before the influx was estimated "
        "at 290,000, including 31,000 registered refugees in the camps. Inside Gaza, about 1.2 "
        "million of the territory's 2.2 million people have fled their homes. Thousands of "
        "people in the city have been left homeless after the floods.",
        date(2023, 10, 20),
    )
    assert got[290000]["measure"] == got[31000]["measure"] == "stock"
    assert 2200000 not in got
    assert got[1200000]["measure"] == "flow"
    assert (got[1000]["measure"], got[1000]["term"]) == ("stock", "displaced")


def test_a_figure_restated_as_the_figure_is_one_fact() -> None:
    got = process_document(
        RawDocument(
            "t.txt",
            b"Some 240,000 men left Russia in the first week of the mobilization, a newspaper "
            b"reported. The figure cited by the newspaper is 240,000.",
            published=date(2022, 9, 28),
        )
    ).facts
    assert [f.value for f in got] == [240000]


def test_a_total_said_again_as_the_number_had_passed_is_one_fact() -> None:
    got = process_document(
        RawDocument(
            "t.txt",
            b"More than 1 million people have fled Ukraine in a week, the UN refugee agency "
            b"said. Its chief told reporters on Thursday that the number had passed 1 million.",
            published=date(2022, 3, 3),
        )
    ).facts
    assert [f.value for f in got] == [1000000]


def test_a_country_that_has_taken_in_people_is_their_destination() -> None:
    got = facts(
        "About 660,000 refugees have fled Ukraine since the invasion began, the UN said. "
        "Poland has received most of them, and Romania has taken in about 85,000, its "
        "interior ministry said.",
        date(2022, 3, 2),
    )
    assert got[85000]["destination"]["country"] == "RO"
    assert got[85000]["origin"]["country"] == "UA"


def test_the_month_of_may_is_not_a_forecast() -> None:
    got = facts(
        "More than 60,000 refugees have arrived in Chad since the fighting began in May, and "
        "up to 20,000 more may arrive by July, UNHCR said.",
        date(2023, 6, 2),
    )
    assert got[60000]["modality"] == "reported"
    assert got[20000]["modality"] == "forecast"


def test_waits_in_the_line_or_at_the_border_and_a_days_share_of_a_total() -> None:
    got = facts(
        'Refugees are fleeing across the border. "We got here this morning: almost 30 hours '
        'in the line," one man said. Police say 181,000 people have entered the country since '
        "24 February, including 9,870 yesterday.",
        date(2022, 3, 8),
    )
    assert got[30]["measure"] == "wait_time"
    assert got[9870]["rate"] == "per_day"
    assert got[181000]["rate"] == "total"


def test_estimates_beside_official_figures_and_running_totals_by_a_day() -> None:
    got = facts(
        "TBILISI - Our analysis of camera footage from the Dariali crossing, with the interior "
        "ministry's daily releases, suggests that between 50,000 and 60,000 Russians entered "
        "Georgia from Sept. 21 to Sept. 27. That is higher than the figure of more than 45,000 "
        "the interior ministry gave for the same period. More than 130,000 Russians had entered "
        "Kazakhstan by Friday, according to interior ministry data.",
        date(2022, 10, 1),
    )
    assert got[55000]["rate"] == "total"
    assert (got[55000]["origin"]["country"], got[55000]["destination"]["country"]) == ("RU", "GE")
    assert got[45000]["measure"] == "flow"
    assert (got[130000]["rate"], got[130000]["period_end"]) == ("total", "2022-09-30")


def test_a_figure_cited_by_someone_on_a_day_is_theirs_and_not_that_days() -> None:
    got = facts(
        "Refugees. Police tallies add up to about 230,000 entries by Russians since Sept. 21, "
        "well above the roughly 190,000 cited by Interior Minister Marat Akhmetzhanov on Tuesday. "
        "The ministry also reported 61,000 departures by Russian citizens.",
        date(2022, 10, 5),
    )
    assert got[190000]["rate"] == "total"
    assert got[190000]["speaker"] == "Interior Minister Marat Akhmetzhanov"
    assert got[61000]["term"] == "left"


def test_a_briefing_in_geneva_is_not_a_destination() -> None:
    got = facts(
        "A UNHCR spokesperson told the briefing in Geneva that some 95,000 Russians had entered "
        "Kazakhstan since Sept. 21.",
        date(2022, 9, 27),
    )
    assert got[95000]["destination"]["country"] == "KZ"


def test_children_of_a_family_and_inhabitants_of_an_island_are_not_figures() -> None:
    got = facts(
        'Migrants keep arriving. "They took my cousin, who is 40 and has four children," she '
        "said. It was the largest boat ever to reach the island, which has about 11,000 "
        "inhabitants. Over the past 24 hours, 1,050 people were taken out of the flood zone.",
        date(2023, 6, 8),
    )
    assert 4 not in got and 11000 not in got
    assert got[1050]["term"] == "evacuated"


def test_figures_called_propaganda_and_a_figure_restated_without_its_hedge() -> None:
    got = facts(
        "Some 70,000 migrants have left Turkey since Thursday, the minister said. A Greek "
        "spokesman said reports of 'more than 90,000' people heading for the border were "
        "propaganda.",
        date(2020, 3, 2),
    )
    assert 90000 not in got
    result = process_document(
        RawDocument(
            "t.txt",
            b"Twenty thousand people are waiting to cross into Georgia, officials say. About "
            b"20,000 people are currently in North Ossetia waiting to cross into Georgia.",
            published=date(2022, 9, 28),
        )
    )
    assert [f.value for f in result.facts] == [20000]


def test_a_verb_mistagged_as_a_noun_still_says_what_people_do() -> None:
    got = facts(
        "Migrants crossed. The city's main shelters were housing about 1,050 migrants on Monday, "
        "volunteers said.",
        date(2023, 5, 9),
    )
    assert (got[1050]["measure"], got[1050]["term"]) == ("stock", "hosted")


def test_a_revised_figure_replaces_the_one_it_corrects() -> None:
    got = facts(
        "Georgia's interior ministry said on Wednesday that 76,000 Russians had entered the "
        "country since September 21. The ministry later revised the figure to 52,000.",
        date(2022, 9, 29),
    )
    assert 76000 not in got
    assert (got[52000]["measure"], got[52000]["term"]) == ("flow", "entered")
    assert got[52000]["destination"]["country"] == "GE"


def test_abbreviated_numbers_denials_in_the_next_sentence_and_conditions() -> None:
    got = facts(
        "Russians fled. Kazakhstan says 140k of its 190k have already left again. Poland alone "
        "had received over 1.1m by March 10. I have seen claims that 650,000 have left. That is "
        "not true. The law would shut the border if 8,000 migrants are encountered in a day.",
        date(2022, 10, 10),
    )
    assert got[140000]["term"] == "left"
    assert 190000 not in got and 650000 not in got and 8000 not in got
    assert got[1100000]["destination"]["country"] == "PL"


def test_a_warning_after_a_count_forecasts_only_its_own_figure() -> None:
    got = facts(
        "Another 150,000 have fled Sudan, according to the UN refugee agency, which warned that "
        "as many as 860,000 could eventually leave if the fighting does not stop.",
        date(2023, 5, 5),
    )
    assert got[150000]["modality"] == "reported"
    assert got[860000]["modality"] == "forecast"
