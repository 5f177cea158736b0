"""consolidate.claims: one figure, many times reported, becomes one explainable claim."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exodus.consolidate import build_claims, find_conflicts, implied_interval, same_source
from exodus.consolidate.intervals import rounding_tolerance, significant_digits
from exodus.models import Evidence, Fact, Place

KZ_MINISTRY = "Kazakh interior ministry"


def fact(
    document: str,
    value: float,
    *,
    qualifier: str = "exact",
    low: float | None = None,
    high: float | None = None,
    speaker: str | None = KZ_MINISTRY,
    end: str | None = "2022-09-27",
    start: str | None = "2022-09-21",
    published: str | None = "2022-09-27",
    measure: str = "flow",
    rate: str = "total",
    unit: str = "people",
    origin: str | None = "RU",
    destination: str | None = "KZ",
    place: dict[str, Any] | None = None,
    modality: str = "reported",
    offset: int = 0,
) -> dict[str, Any]:
    """A FACTS.md dict as Fact.to_dict writes it (only the fields consolidation reads matter)."""
    sentence = f"{value:,.0f} Russians entered Kazakhstan, the ministry said."
    return {
        "document": document,
        "measure": measure,
        "term": "entered",
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "unit": unit,
        "modality": modality,
        "rate": rate,
        "population": "Russians",
        "origin": {"name": origin, "country": origin} if origin else None,
        "destination": {"name": destination, "country": destination} if destination else None,
        "place": place,
        "period_start": start,
        "period_end": end,
        "speaker": speaker,
        "speaker_via": None,
        "evidence": {
            "sentence": sentence,
            "start": offset,
            "end": offset + len(sentence),
            "cue": "entered",
            "cue_start": offset,
            "cue_end": offset + 7,
            "raw_start": offset,
            "raw_end": offset + len(sentence),
        },
        "confidence": 0.8,
        "published": published,
        "published_inferred": False,
        "extractor": "exodus.rules.v1",
    }


ROUNDINGS = [
    fact("a.txt", 98000, published="2022-09-27"),
    fact(
        "b.txt",
        100000,
        qualifier="nearly",
        high=100000,
        speaker="Kazakhstan's Interior Ministry",
        end="2022-09-28",
        published="2022-09-28",
    ),
    fact("c.txt", 98000, qualifier="about", speaker=None, published="2022-09-29"),
]


# ---------------------------------------------------------------- intervals


def test_rounding_tolerance_follows_how_round_a_figure_is() -> None:
    assert significant_digits(100000) == 1
    assert significant_digits(98000) == 2
    assert significant_digits(98100) == 3
    assert significant_digits(1.5) == 2
    assert rounding_tolerance(100000) == 0.05
    assert rounding_tolerance(98000) == 0.01
    assert rounding_tolerance(98123) == 0.001


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "expected"),
    [
        ("exact", 100000, None, None, (95000, 105000)),
        ("exact", 98000, None, None, (97020, 98980)),
        ("about", 98000, None, None, (88200, 107800)),
        ("nearly", 100000, None, 100000, (90000, 100000)),
        ("more_than", 30000, 30000, None, (30000, 36000)),
        ("up_to", 10000, None, 10000, (8000, 10000)),
        ("range", 5500, 5000, 6000, (5000, 6000)),
        ("vague", 10000, 10000, 99999, (10000, 99999)),
    ],
)
def test_implied_intervals(
    qualifier: str,
    value: float,
    low: float | None,
    high: float | None,
    expected: tuple[float, float],
) -> None:
    assert implied_interval(qualifier, value, low, high) == pytest.approx(expected)


def test_source_variants() -> None:
    assert same_source("Kazakh interior ministry", "Kazakhstan's Interior Ministry")
    assert same_source("the Interior Ministry of Kazakhstan", "Kazakh interior ministry")
    assert same_source("UN refugee agency", "UNHCR spokesperson Shabia Mantoo")
    assert same_source(None, "UNHCR")
    assert same_source("ministry data released on Monday", "Georgia's interior ministry")
    assert not same_source("Russian interior ministry", "Kazakh interior ministry")
    assert not same_source("UNHCR", "Kazakh interior ministry")


# ---------------------------------------------------------------- merging


def test_roundings_of_one_figure_merge_into_one_claim_with_reasons() -> None:
    (claim,) = build_claims(ROUNDINGS, {})
    assert [r.document for r in claim.reports] == ["a.txt", "b.txt", "c.txt"]
    assert claim.corridor == ("RU", "KZ")
    assert (claim.measure, claim.rate, claim.unit) == ("flow", "total", "people")
    assert (claim.value, claim.low, claim.high) == (98000, 98000, 100000)
    assert claim.original_source == KZ_MINISTRY
    assert claim.period_start == date(2022, 9, 21)
    assert claim.period_end == date(2022, 9, 27)
    assert len(claim.merge_reasons) == len(claim.reports)
    assert claim.merge_reasons[0] == "first report"
    second = claim.merge_reasons[1]
    assert "same corridor+measure+rate (RU->KZ flow total people)" in second
    assert "nearly 100000 [90000-100000] within rounding of '98000'" in second
    assert f"same source '{KZ_MINISTRY}' (as 'Kazakhstan's Interior Ministry')" in second
    assert "period_end 2022-09-28 vs 2022-09-27 (adjacent, 1 day)" in second
    assert "source not stated" in claim.merge_reasons[2]
    assert "(same day)" in claim.merge_reasons[2]


def test_claim_id_is_a_stable_hash_of_the_first_report() -> None:
    (a,) = build_claims(ROUNDINGS, {})
    (b,) = build_claims(ROUNDINGS[:1], {})
    assert a.id == b.id
    assert len(a.id) == 16


def test_facts_from_fact_to_dict_are_read() -> None:
    ev = Evidence("Nearly 100,000 Russians entered.", 0, 32, "entered", 23, 30, 0, 32)
    f = Fact(
        document="x.txt",
        measure="flow",
        term="entered",
        value=100000,
        qualifier="nearly",
        unit="people",
        modality="reported",
        rate="total",
        evidence=ev,
        high=100000,
        origin=Place("Russia", "RU"),
        destination=Place("Kazakhstan", "KZ", geonames_id=1522867),
        period_end=date(2022, 9, 27),
        speaker=KZ_MINISTRY,
        published=date(2022, 9, 27),
    )
    (claim,) = build_claims([f.to_dict(), ROUNDINGS[0]], {})
    assert len(claim.reports) == 2
    assert claim.reports[1].sentence == ev.sentence
    assert claim.reports[1].start == 0


def test_different_sources_do_not_merge() -> None:
    claims = build_claims([fact("a.txt", 98000), fact("b.txt", 98000, speaker="UNHCR")], {})
    assert len(claims) == 2


def test_distant_or_missing_periods_do_not_merge() -> None:
    far = fact("b.txt", 98000, end="2022-10-05", published="2022-10-05")
    assert len(build_claims([fact("a.txt", 98000), far], {})) == 2
    within = fact("b.txt", 98000, end="2022-09-29")
    assert len(build_claims([fact("a.txt", 98000), within], {})) == 1
    unknown = fact("b.txt", 98000, end=None)
    assert len(build_claims([fact("a.txt", 98000), unknown], {})) == 2
    both_unknown = [fact("a.txt", 98000, end=None), fact("b.txt", 98000, end=None)]
    assert len(build_claims(both_unknown, {})) == 1


def test_incompatible_numbers_or_keys_do_not_merge() -> None:
    base = fact("a.txt", 98000)
    others = [
        fact("b.txt", 100000, qualifier="more_than", low=100000),
        fact("b.txt", 70000),
        fact("b.txt", 98000, rate="per_day"),
        fact("b.txt", 98000, measure="stock"),
        fact("b.txt", 98000, destination="GE"),
        fact("b.txt", 98000, unit="vehicles"),
        fact("b.txt", 98000, modality="forecast"),
    ]
    for other in others:
        assert len(build_claims([base, other], {})) == 2, other


def test_places_must_agree_when_both_are_stated() -> None:
    lars = {"name": "Verkhny Lars", "country": "RU", "kind": "crossing"}
    kazbegi = {"name": "Kazbegi", "country": "GE", "kind": "crossing"}
    a = fact("a.txt", 5500, rate="per_day", destination="GE", place=lars)
    b = fact("b.txt", 5500, rate="per_day", destination="GE", place=kazbegi)
    c = fact("c.txt", 5500, rate="per_day", destination="GE")
    assert len(build_claims([a, b], {})) == 2
    (claim,) = build_claims([a, c], {})
    assert claim.place == "Verkhny Lars"


def test_every_report_must_fit_not_just_one() -> None:
    # 98,000 fits 'nearly 100,000' and 100,000 (+-5%) fits it too, but 'more than 99,000' [99000,
    # 118800] only overlaps the last: once 98,000 is in, the common range is [97020, 98980].
    facts = [
        fact("a.txt", 100000, qualifier="nearly", high=100000),
        fact("b.txt", 98000, published="2022-09-28"),
        fact("c.txt", 99000, qualifier="more_than", low=99000, published="2022-09-29"),
    ]
    claims = build_claims(facts, {})
    assert [len(c.reports) for c in claims] == [2, 1]


def test_duplicates_are_not_counted_but_listed() -> None:
    copy = fact("copy.txt", 98000, published="2022-09-28")
    claims = build_claims([*ROUNDINGS, copy], {"copy.txt": "a.txt"})
    (claim,) = claims
    assert len(claim.reports) == 3
    assert "copy.txt" not in claim.documents
    assert claim.copies == ("copy.txt",)


def test_conflicts_are_flagged() -> None:
    claims = build_claims(
        [
            *ROUNDINGS,
            fact("u.txt", 70000, speaker="UNHCR"),
            fact("v.txt", 99000, speaker="UNHCR", offset=100),
            fact("w.txt", 50000, speaker="UNHCR", end="2022-10-10", published="2022-10-10"),
        ],
        {},
    )
    ids = {c.reports[0].document: c.id for c in claims}
    assert set(ids) == {"a.txt", "u.txt", "v.txt", "w.txt"}
    pair = tuple(sorted((ids["a.txt"], ids["u.txt"])))
    assert find_conflicts(claims) == sorted([pair, tuple(sorted((ids["u.txt"], ids["v.txt"])))])


def test_totals_over_different_windows_do_not_conflict() -> None:
    claims = build_claims(
        [fact("a.txt", 98000), fact("b.txt", 30000, start="2022-09-25", speaker="UNHCR")], {}
    )
    assert len(claims) == 2
    assert find_conflicts(claims) == []


# ---------------------------------------------------------------- order invariance

DOCS = ["a.txt", "b.txt", "c.txt", "d.txt"]
SPEAKERS = [None, KZ_MINISTRY, "Kazakhstan's interior ministry", "UNHCR", "Kazakh officials"]
VARIANTS = [
    (98000, "exact", None, None),
    (100000, "nearly", None, 100000),
    (98000, "about", None, None),
    (100000, "exact", None, None),
    (100000, "more_than", 100000, None),
    (70000, "exact", None, None),
    (95000, "at_least", 95000, None),
]

facts_strategy = st.builds(
    lambda doc, variant, speaker, end, pub, rate, offset: fact(
        doc,
        variant[0],
        qualifier=variant[1],
        low=variant[2],
        high=variant[3],
        speaker=speaker,
        end=f"2022-09-{end}",
        published=None if pub is None else f"2022-09-{pub}",
        rate=rate,
        offset=offset,
    ),
    st.sampled_from(DOCS),
    st.sampled_from(VARIANTS),
    st.sampled_from(SPEAKERS),
    st.integers(24, 30),
    st.one_of(st.none(), st.integers(25, 30)),
    st.sampled_from(["total", "per_day"]),
    st.integers(0, 3),
)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_claim_building_is_invariant_to_input_order(data: st.DataObject) -> None:
    facts = data.draw(st.lists(facts_strategy, min_size=1, max_size=9))
    shuffled = data.draw(st.permutations(facts))
    dups = data.draw(st.sampled_from([{}, {"d.txt": "a.txt"}]))
    first = build_claims(facts, dups)
    assert first == build_claims(shuffled, dups)
    assert find_conflicts(first) == find_conflicts(build_claims(shuffled, dups))
    kept = [f for f in facts if f["document"] not in dups]
    assert sum(len(c.reports) for c in first) == len(kept)
    assert all(len(c.merge_reasons) == len(c.reports) for c in first)


def test_daily_rates_of_different_days_do_not_merge() -> None:
    monday = fact("a.txt", 10980, rate="per_day", start="2022-09-25", end="2022-09-25")
    tuesday = fact("b.txt", 10000, qualifier="about", rate="per_day", start=None)
    assert len(build_claims([monday, tuesday], {})) == 2
    total = fact("c.txt", 99000, end="2022-09-28", offset=5)
    assert len(build_claims([ROUNDINGS[0], total], {})) == 1  # totals: adjacent days still merge


def test_figures_that_each_exclude_the_other_conflict_even_when_margins_overlap() -> None:
    minister = fact("a.txt", 200000, qualifier="about", end="2022-10-04")
    tally = fact(
        "b.txt", 240000, qualifier="about", end="2022-10-04", speaker="Zhaiyq Bulletin tally"
    )
    claims = build_claims([minister, tally], {})
    assert len(claims) == 2
    assert find_conflicts(claims) == [tuple(sorted(c.id for c in claims))]
    # a day apart they are not about the same period: only disjoint envelopes conflict then
    later = fact(
        "b.txt", 240000, qualifier="about", end="2022-10-05", speaker="Zhaiyq Bulletin tally"
    )
    assert find_conflicts(build_claims([minister, later], {})) == []


def test_stocks_on_different_days_are_a_series_not_a_conflict() -> None:
    tuesday = fact("a.txt", 3000, measure="stock", start=None, end="2022-09-27")
    thursday = fact("b.txt", 4000, measure="stock", start=None, end="2022-09-29")
    claims = build_claims([tuesday, thursday], {})
    assert len(claims) == 2 and find_conflicts(claims) == []
    same_day = fact("c.txt", 5000, measure="stock", start=None, end="2022-09-27", speaker="UNHCR")
    assert len(find_conflicts(build_claims([tuesday, same_day], {}))) == 1
