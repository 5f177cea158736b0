"""consolidate.run and .records: stored texts and facts -> one typed, serialisable consolidation."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from exodus.consolidate.records import Country
from exodus.consolidate.run import consolidate, consolidate_store
from exodus.models import StoredText
from exodus.store import open_store

BODY = (
    "ASTANA - A total of {n} Russian citizens entered Kazakhstan between Sept. 21 and Tuesday, "
    "the Kazakh interior ministry said on Tuesday, as men kept streaming across the border.\n"
    "Officials said the queues at the Syrym checkpoint were the longest since the border opened.\n"
)

RU = {"name": "Russia", "country": "RU", "kind": "country", "iso3": "RUS"}
KZ = {"name": "Kazakhstan", "country": "KZ", "kind": "country", "iso3": "KAZ"}


def fact(document: str, value: float, end: str = "2022-09-27", **kw: Any) -> dict[str, Any]:
    sentence = f"A total of {value:,.0f} Russian citizens entered Kazakhstan."
    base = {
        "document": document,
        "measure": "flow",
        "term": "entered",
        "value": value,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "unit": "people",
        "modality": "reported",
        "rate": "total",
        "origin": RU,
        "destination": KZ,
        "place": None,
        "period_start": "2022-09-21",
        "period_end": end,
        "speaker": "Kazakh interior ministry",
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence), "cue": "entered"},
        "published": end,
    }
    return {**base, **kw}


def text(source: str, n: str, day: int = 27, url: str | None = None) -> StoredText:
    return StoredText(source, source, BODY.format(n=n), date(2022, 9, day), url)


def test_copies_are_not_counted_and_corridors_summarise_the_claims() -> None:
    texts = [
        text("a.txt", "98,000", url="https://www.wire.example/a"),
        text("copy.txt", "98,000", day=28),
        text("b.txt", "144,000", day=30),
    ]
    facts = [
        fact("a.txt", 98000),
        fact("copy.txt", 98000, published="2022-09-28"),
        fact("b.txt", 144000, end="2022-09-30"),
    ]
    result = consolidate(texts, facts)
    assert [(d.key, d.original) for d in result.duplicates] == [("copy.txt", "a.txt")]
    assert (result.facts, result.counted) == (3, 2)
    first, _second = result.claims
    assert first.copies == ("copy.txt",) and first.reports[0].outlet == "wire.example"
    (corridor,) = result.corridors
    assert corridor.key == ("RU", "KZ") and corridor.origin == Country("RU", "RUS", "Russia")
    assert (corridor.claims, corridor.reports) == (2, 2)
    assert (corridor.first, corridor.last) == (date(2022, 9, 21), date(2022, 9, 30))
    assert corridor.latest is not None
    assert (corridor.latest.date, corridor.latest.cumulative) == (date(2022, 9, 30), 144000)
    assert corridor.point_on(date(2022, 12, 1)) == corridor.timeline[-1]  # held, not extended
    assert corridor.point_on(date(2022, 9, 1)) is None
    assert corridor.reported_on(date(2022, 9, 29)) == corridor.timeline[6]  # the 27th
    # the JSON shapes are plain JSON
    json.dumps([corridor.to_dict(), corridor.timeline_dict()])
    json.dumps([result.claim_dict(c) for c in result.claims])
    json.dumps([result.alert_dict(a) for a in result.alerts])


def test_country_names_come_from_facts_else_from_the_lookup() -> None:
    bare = {"name": "Mongolia", "country": "MN", "kind": "country"}  # no iso3 stored
    city = {"name": "Uralsk", "country": "KZ", "kind": "city", "iso3": "XXX"}
    facts = [fact("a.txt", 3000, destination=bare), fact("b.txt", 500, origin=city)]
    texts = [text("a.txt", "3,000"), text("b.txt", "500")]
    looked_up: list[str] = []

    def lookup(code: str) -> Country | None:
        looked_up.append(code)
        return Country(code, "MNG", "Mongolia") if code == "MN" else None

    result = consolidate(texts, facts, countries=lookup)
    assert result.country("MN") == Country("MN", "MNG", "Mongolia")
    assert result.country("KZ") == Country("KZ", "KAZ", "Kazakhstan")  # never a city's record
    assert result.country("RU") == Country("RU", "RUS", "Russia")
    assert looked_up == ["MN"]
    without = consolidate(texts, facts)
    assert without.country("MN") == Country("MN")


def test_corridors_are_found_by_code_iso3_name_or_question_mark() -> None:
    facts = [fact("a.txt", 64000, origin=KZ, destination=None), fact("b.txt", 98000)]
    result = consolidate([text("a.txt", "64,000"), text("b.txt", "98,000")], facts)
    assert result.corridor("ru", "KAZ") is result.corridor("Russia", "kazakhstan") is not None
    away = result.corridor("KZ", "?")
    assert away is not None and away.destination == Country(None)
    assert away.timeline and away.latest is not None  # an unknown end is its own corridor
    assert result.corridor("RU", "?") is None
    assert [c.value for c in result.claims_for(destination="-")] == [64000]
    assert len(result.claims_for()) == 2


def test_thresholds_override_the_defaults_one_by_one() -> None:
    facts = [fact("a.txt", 98000)]
    default = consolidate([text("a.txt", "98,000")], facts)
    assert {a.period for a in default.alerts} == {"week", "month"}
    quiet = consolidate([text("a.txt", "98,000")], facts, thresholds={"week": 1e9})
    assert dict(quiet.thresholds) == {"week": 1e9, "month": 25000, "quarter": 100000}
    assert {a.period for a in quiet.alerts} == {"month"}


def test_consolidate_store_reads_documents_and_facts_through_the_store() -> None:
    with open_store("sqlite://") as store:
        result = consolidate_store(store)
    assert (result.claims, result.corridors, result.duplicates) == ((), (), ())
