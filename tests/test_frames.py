"""The notebook API: pandas DataFrames of facts, claims, reports, corridors, timelines, alerts."""

from __future__ import annotations

import pandas as pd
import pytest

from exodus.errors import ExportError
from exodus.serve import frames
from exodus.serve.dataset import Dataset, Filters
from exodus.serve.figures import COLUMNS
from exodus.store import open_store


@pytest.fixture(scope="module")
def data(sample_db: str) -> Dataset:
    return frames.load(sample_db)


def test_facts_frame_is_typed_and_matches_the_export_columns(data: Dataset) -> None:
    df = frames.facts_frame(data)
    assert list(df.columns) == list(COLUMNS) and len(df) == len(data.facts)
    assert pd.api.types.is_datetime64_any_dtype(df["period_end"])
    assert pd.api.types.is_datetime64_any_dtype(df["published"])
    assert str(df["start"].dtype) == "Int64" and df["value"].dtype == "float64"
    assert df["published_inferred"].dtype == "bool"
    assert df["fact_id"].is_unique
    ru = frames.facts_frame(data, Filters(origin="Russia", measure="flow"))
    assert len(ru) and set(ru["origin_iso2"]) == {"RU"} and set(ru["measure"]) == {"flow"}


def test_claims_and_reports_frames_join(data: Dataset) -> None:
    claims = frames.claims_frame(data)
    reports = frames.reports_frame(data)
    facts = frames.facts_frame(data)
    assert len(claims) == len(data.consolidation.claims)
    assert claims["claim_id"].is_unique
    per_claim = reports.groupby("claim_id").size()
    assert (claims.set_index("claim_id")["reports"] == per_claim.reindex(claims["claim_id"])).all()
    joined = reports.merge(facts, on="fact_id", how="left", suffixes=("", "_fact"))
    assert joined["claim_id_fact"].eq(joined["claim_id"]).all()  # every report is a stored fact
    assert (reports["merge_reason"] != "").all()
    assert claims["conflicting"].dtype == "bool" and claims["conflicting"].any()
    assert pd.api.types.is_datetime64_any_dtype(claims["period_end"])


def test_corridors_timeline_and_alerts_frames_follow_the_consolidation(data: Dataset) -> None:
    corridors = frames.corridors_frame(data)
    expected = [(c.origin.country, c.destination.country) for c in data.consolidation.corridors]
    got = [
        (o if isinstance(o, str) else None, d if isinstance(d, str) else None)
        for o, d in zip(corridors["origin_iso2"], corridors["destination_iso2"], strict=True)
    ]
    assert got == expected  # busiest first
    kz = data.consolidation.corridor("RU", "KZ")
    assert kz is not None
    timeline = frames.timeline_frame(data, "RU", "Kazakhstan")
    assert len(timeline) == len(kz.timeline)
    assert timeline["cumulative"].iloc[-1] == kz.timeline[-1].cumulative
    assert (
        timeline["date"].is_monotonic_increasing and timeline["cumulative"].is_monotonic_increasing
    )
    alerts = frames.alerts_frame(data)
    assert len(alerts) == len(data.consolidation.alerts)
    assert set(alerts["period"]) <= {"week", "month", "quarter"}
    with pytest.raises(ExportError) as caught:
        frames.timeline_frame(data, "RU", "Narnia")
    assert caught.value.code == "FILTER"


def test_frames_read_from_a_url_or_an_open_store(sample_db: str, data: Dataset) -> None:
    by_url = frames.corridors_frame(sample_db)
    with open_store(sample_db) as store:
        by_store = frames.claims_frame(store)
    assert len(by_url) == len(data.consolidation.corridors)
    assert len(by_store) == len(data.consolidation.claims)
