"""Exports of the sample corpus: CSV, HXL (read back with libhxl), JSONL, Parquet (read back with
pandas), GeoJSON (validated with the geojson package) and FLEE inputs; stable ids and row hashes.

The 16 sample articles are ingested once per session (``sample_db`` in conftest.py) and
consolidated once per module (``data``)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from dataclasses import fields, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from exodus.cli import ingest_paths, sample_paths
from exodus.config import load_settings
from exodus.errors import ExportError
from exodus.resources import load_gazetteer
from exodus.serve.dataset import Dataset, Filters, as_dataset, check_filters
from exodus.serve.exports import (
    HXL_TAGS,
    export_csv,
    export_hxl,
    export_jsonl,
    export_parquet,
    to_text,
)
from exodus.serve.figures import COLUMNS, DESCRIPTIONS, FigureRow, figure_rows
from exodus.serve.flee import export_flee, slug
from exodus.serve.geo import country_point, export_geojson, weighted_centroid
from exodus.store import open_store

CRISIS = Path(__file__).parent / "fixtures" / "crisis"


@pytest.fixture(scope="module")
def data(sample_db: str) -> Dataset:
    return as_dataset(sample_db)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---------------------------------------------------------------- CSV: one figure per row


def test_csv_has_one_row_per_stored_figure_with_its_provenance(
    data: Dataset, sample_db: str
) -> None:
    text = to_text(export_csv, data)
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = read_csv(text)
    assert len(rows) == len(data.facts) > 100
    assert len({r["fact_id"] for r in rows}) == len(rows)
    with open_store(sample_db) as store:
        texts = {r["document"]: store.document(r["document"]) for r in rows}
    for r in rows:
        doc = texts[r["document"]]
        assert doc is not None
        # the excerpt is the evidence sentence, at its offsets in the cleaned text
        start, end = int(r["start"]), int(r["end"])
        assert doc.text[start:end] == r["excerpt"] != ""
        assert doc.text[int(r["cue_start"]) : int(r["cue_end"])] == r["cue"]
        # raw offsets point into the original: the same words, maybe spaced differently
        raw = doc.original[int(r["raw_start"]) : int(r["raw_end"])]
        assert raw.split() == r["excerpt"].split() or r["cue"].split()[0] in raw
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"])
        for day in ("period_start", "period_end"):
            assert r[day] == "" or date.fromisoformat(r[day]).isoformat() == r[day]
        assert 0 <= float(r["confidence"]) <= 1


def test_csv_country_codes_are_iso3_and_alpha2_of_the_same_country(data: Dataset) -> None:
    rows = read_csv(to_text(export_csv, data))
    gazetteer = load_gazetteer()
    seen = set()
    for r in rows:
        for end in ("origin", "destination"):
            a2, a3 = r[f"{end}_iso2"], r[f"{end}_iso3"]
            assert bool(a2) == bool(a3)
            if a2:
                place = gazetteer.country(a2)
                assert place is not None and place.iso3 == a3 and r[f"{end}_country"]
                seen.add(a3)
    assert {"RUS", "KAZ", "GEO", "UKR", "SDN"} <= seen


def test_csv_rows_name_their_claim_and_copies_name_their_original(data: Dataset) -> None:
    rows = read_csv(to_text(export_csv, data))
    claims = {c.id: c for c in data.consolidation.claims}
    copies = {d.key: d.original for d in data.consolidation.duplicates}
    for r in rows:
        if r["copy_of"]:
            assert copies[r["document"]] == r["copy_of"] and r["claim_id"] == ""
            continue
        claim = claims[r["claim_id"]]
        assert r["fact_id"] in {rep.fact_uid for rep in claim.reports}
        assert r["original_source"] == (claim.original_source or "")
        assert r["conflicts_with"].split() == list(data.consolidation.conflicts_of(claim.id))
    counted = [r for r in rows if r["claim_id"]]
    assert len(counted) == sum(len(c.reports) for c in claims.values())
    assert any(r["conflicts_with"] for r in rows)
    # people: the value when it counts people, empty for days, km, vehicles
    for r in rows:
        assert r["people"] == (r["value"] if r["unit"] == "people" else "")
    assert {r["unit"] for r in rows if not r["people"]} - {"people"}


def test_the_column_table_in_the_docs_is_the_code_s() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "consolidation.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column}` | `{HXL_TAGS[column]}` | {DESCRIPTIONS[column]} |" in doc, column


def test_row_hash_covers_every_column_and_the_id_stays(data: Dataset) -> None:
    row = figure_rows(data)[0]
    changed = {
        str: "something else",
        float: 123456.5,
        int: 99999,
        bool: True,
    }
    for f in fields(FigureRow):
        if f.name == "fact_id":
            continue
        old = getattr(row, f.name)
        if isinstance(old, tuple):
            new: Any = (*old, "ffff")
        elif isinstance(old, date):
            new = old + timedelta(days=1)
        elif old is None:
            new = "x" if "date" not in f.type and "period" not in f.name else date(2000, 1, 1)
        elif isinstance(old, bool):
            new = not old
        else:
            new = changed[type(old)]
        other = replace(row, **{f.name: new})
        assert other.row_hash != row.row_hash, f.name
        assert other.fact_id == row.fact_id
    assert replace(row).row_hash == row.row_hash
    assert set(DESCRIPTIONS) == set(COLUMNS)


def test_reingesting_the_corpus_in_another_order_gives_the_same_ids_and_hashes(
    data: Dataset, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    ingest_paths(list(reversed(sample_paths())), load_settings(db=url))
    assert to_text(export_csv, url) == to_text(export_csv, data)
    assert to_text(export_jsonl, url) == to_text(export_jsonl, data)


def test_a_row_changes_hash_only_when_it_changes(tmp_path: Path) -> None:
    """Ingesting an earlier report of the same ministry figure makes it the claim's first report:
    the later document's rows keep their ids but get a new claim id, so a new hash; an unrelated
    document's rows keep both."""
    url = f"sqlite:///{tmp_path / 'grow.db'}"
    settings = load_settings(db=url)
    later, earlier = (
        CRISIS / "05_kz_agency_about98000.txt",
        CRISIS / "01_kz_wire_ministry_98000.txt",
    )
    unrelated = CRISIS / "35_fi_wire_weekend_8572.txt"
    ingest_paths([str(later), str(unrelated)], settings)
    before = {r["fact_id"]: r for r in read_csv(to_text(export_csv, url))}
    ingest_paths([str(earlier)], settings)
    after = {r["fact_id"]: r for r in read_csv(to_text(export_csv, url))}
    assert set(before) < set(after)  # every id survives
    for fid, old in before.items():
        new = after[fid]
        same = {c for c in COLUMNS if c != "row_hash" and old[c] == new[c]}
        assert (old["row_hash"] == new["row_hash"]) == (same == set(COLUMNS) - {"row_hash"})
    moved = [fid for fid, r in before.items() if r["document"] == str(later)]
    kept = [fid for fid, r in before.items() if r["document"] == str(unrelated)]
    assert moved and kept
    ministry = [f for f in moved if before[f]["value"] == "98000"]
    assert ministry and all(before[f]["claim_id"] != after[f]["claim_id"] for f in ministry)
    assert all(before[f]["row_hash"] != after[f]["row_hash"] for f in ministry)
    assert all(before[f]["row_hash"] == after[f]["row_hash"] for f in kept)


# ---------------------------------------------------------------- filters


def test_filters_select_rows_and_normalise_country_names(data: Dataset) -> None:
    checked = check_filters(Filters(origin="Russia", destination="kaz", measure="flow"))
    assert (checked.origin, checked.destination) == ("RU", "KZ")
    rows = figure_rows(data, checked)
    assert rows and all(
        (r.origin_iso2, r.destination_iso2, r.measure) == ("RU", "KZ", "flow") for r in rows
    )
    window = figure_rows(data, Filters(since=date(2022, 9, 25), until=date(2022, 9, 27)))
    assert window and all(r.day and date(2022, 9, 25) <= r.day <= date(2022, 9, 27) for r in window)
    unknown = figure_rows(data, check_filters(Filters(destination="?")))
    assert unknown and all(r.destination_iso2 is None for r in unknown)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Filters(measure="people"),
        lambda: Filters(since=date(2022, 10, 1), until=date(2022, 9, 1)),
        lambda: check_filters(Filters(origin="Narnia")),
    ],
)
def test_bad_filters_are_refused_with_a_reason_code(make: Any) -> None:
    with pytest.raises(ExportError) as caught:
        make()
    assert caught.value.code == "FILTER" and "\n" not in str(caught.value)


# ---------------------------------------------------------------- HXL through libhxl


def test_hxl_loads_with_libhxl_with_its_hashtags_and_values(data: Dataset, tmp_path: Path) -> None:
    import hxl

    path = tmp_path / "figures.csv"
    written = export_hxl(data, Filters(origin="RU"), path)
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = [c.display_tag for c in source.columns]
    assert tags == [HXL_TAGS[c] for c in COLUMNS]
    for tag in (
        "#affected+ind", "#country+code+origin", "#country+code+dest", "#loc+name",
        "#date+start", "#date+end", "#date+reported", "#meta+source", "#meta+url", "#meta+id",
    ):  # fmt: skip
        assert tag in tags
    assert [c.header for c in source.columns] == list(COLUMNS)
    rows = list(source)
    assert len(rows) == written.rows > 20
    expected = {r.fact_id: r for r in figure_rows(data, Filters(origin="RU"))}
    for row in rows:
        want = expected[row.get("#meta+id")]
        assert row.get("#country+code+origin") == "RUS"
        assert (row.get("#country+code+dest") or None) == want.destination_iso3
        people = row.get("#affected+ind")
        assert (float(people) if people else None) == want.people
        assert row.get("#date+reported") == want.published.isoformat()  # type: ignore[union-attr]
        assert (row.get("#meta+source") or None) == want.original_source
        assert row.get("#meta+excerpt") == want.excerpt
    report = hxl.validate(hxl.data(str(path), hxl.InputOptions(allow_local=True)))
    assert report["stats"]["error"] == 0 and report["stats"]["warning"] == 0


# ---------------------------------------------------------------- JSONL


def test_jsonl_holds_each_fact_with_its_claim_and_provenance(data: Dataset) -> None:
    lines = to_text(export_jsonl, data).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(data.facts)
    rows = {r.fact_id: r for r in figure_rows(data)}
    for rec in records:
        row = rows[rec["fact_id"]]
        assert rec["row_hash"] == row.row_hash and rec["claim_id"] == row.claim_id
        assert rec["evidence"]["sentence"] == row.excerpt and rec["document"] == row.document
        for key in ("measure", "value", "qualifier", "unit", "period_start", "speaker"):
            assert key in rec
        if rec["origin"] and rec["origin"].get("country"):
            assert rec["origin"]["iso3"] == row.origin_iso3


# ---------------------------------------------------------------- Parquet through pandas


def test_parquet_tables_read_back_with_pandas_with_sensible_types(
    data: Dataset, tmp_path: Path
) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    written = export_parquet(data, None, tmp_path / "pq", None)
    assert sorted(p.name for p in written.paths) == [
        "claims.parquet", "facts.parquet", "reports.parquet",
    ]  # fmt: skip
    facts = pd.read_parquet(tmp_path / "pq" / "facts.parquet")
    claims = pd.read_parquet(tmp_path / "pq" / "claims.parquet")
    reports = pd.read_parquet(tmp_path / "pq" / "reports.parquet")
    assert list(facts.columns) == list(COLUMNS) and len(facts) == len(data.facts)
    assert len(claims) == len(data.consolidation.claims)
    assert len(reports) == sum(len(c.reports) for c in data.consolidation.claims)
    schema = pq.read_schema(tmp_path / "pq" / "facts.parquet")
    assert str(schema.field("period_end").type) == "date32[day]"
    assert str(schema.field("start").type) == "int64"
    assert str(schema.field("conflicts_with").type) == "list<element: string>"
    dated = facts["published"].dropna()
    assert len(dated) and all(type(d) is date for d in dated)
    assert facts["value"].dtype == "float64" and facts["published_inferred"].dtype == "bool"
    assert set(reports["fact_id"]) <= set(facts["fact_id"])
    assert set(reports["claim_id"]) == set(claims["claim_id"])
    kz = claims[(claims.origin_iso3 == "RUS") & (claims.destination_iso3 == "KAZ")]
    assert len(kz) and all(type(d) is date for d in kz["period_end"].dropna())
    # one table to a stream
    buffer = io.BytesIO()
    one = export_parquet(data, Filters(origin="RU"), buffer, "claims")
    buffer.seek(0)
    back = pd.read_parquet(buffer)
    assert len(back) == one.rows and set(back["origin_iso2"]) == {"RU"}


def test_parquet_refuses_a_file_for_a_folder_and_an_unknown_table(
    data: Dataset, tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    with pytest.raises(ExportError) as caught:
        export_parquet(data, None, taken, None)
    assert caught.value.code == "OUTPUT"
    with pytest.raises(ExportError) as caught:
        export_parquet(data, None, tmp_path / "x.parquet", "everything")
    assert caught.value.code == "FILTER"


# ---------------------------------------------------------------- GeoJSON


def test_geojson_is_valid_with_lines_in_lon_lat_order(data: Dataset) -> None:
    import geojson

    text = to_text(export_geojson, data)
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    corridors = {
        (f.properties["origin_iso2"], f.properties["destination_iso2"]): f
        for f in collection.features
        if f.properties["feature"] == "corridor"
    }
    kz = corridors[("RU", "KZ")]
    assert kz.geometry.type == "LineString"
    (o_lon, o_lat), (d_lon, d_lat) = kz.geometry.coordinates[0], kz.geometry.coordinates[-1]
    assert 30 < o_lon < 90 and 45 < o_lat < 65  # Russia's population centre: lon first
    assert 46 < d_lon < 88 and 40 < d_lat < 56  # inside Kazakhstan
    corridor = data.consolidation.corridor("RU", "KZ")
    assert corridor is not None and corridor.latest is not None
    assert kz.properties["latest_cumulative"] == round(corridor.latest.cumulative)
    assert kz.properties["latest_low"] == round(corridor.latest.low)
    assert kz.properties["latest_high"] == round(corridor.latest.high)
    assert (kz.properties["claims"], kz.properties["reports"]) == (
        corridor.claims,
        corridor.reports,
    )
    # the Georgian corridor bends through the crossing its claims name, a Point of its own
    ge = corridors[("RU", "GE")]
    assert ge.properties["via"] == "Verkhny Lars" and len(ge.geometry.coordinates) == 3
    lars = [
        f for f in collection.features
        if f.properties["feature"] == "place" and f.properties["name"] == "Verkhny Lars"
    ]  # fmt: skip
    assert lars and lars[0].geometry.type == "Point"
    assert lars[0].geometry.coordinates == [44.63, 42.74] == ge.geometry.coordinates[1]
    assert lars[0].properties["kind"] == "crossing" and lars[0].properties["reports"] >= 1
    # one end unknown: a point at the known one
    assert corridors[("RU", None)].geometry.type == "Point"


def test_geojson_estimates_as_of_until(data: Dataset) -> None:
    import geojson

    day = date(2022, 9, 27)
    collection = geojson.loads(to_text(export_geojson, data, Filters(origin="RU", until=day)))
    corridor = data.consolidation.corridor("RU", "KZ")
    assert corridor is not None
    point = corridor.point_on(day)
    assert point is not None
    kz = next(f for f in collection.features if f.properties.get("destination_iso2") == "KZ")
    assert kz.properties["latest_date"] == point.date.isoformat()
    assert kz.properties["latest_cumulative"] == round(point.cumulative)
    origins = {f.properties.get("origin_iso2") for f in collection.features}
    assert origins <= {"RU", None}


def test_centroids_are_on_the_sphere_and_fall_back_on_the_gazetteer() -> None:
    # across the antimeridian the mean is near 180°, not 0°
    lon, lat = weighted_centroid([(0.0, 179.0, 1.0), (0.0, -179.0, 1.0)]) or (0, 0)
    assert abs(abs(lon) - 180) < 1e-6 and abs(lat) < 1e-6
    assert weighted_centroid([(10.0, 20.0, 3.0)]) == (20.0, 10.0)
    assert weighted_centroid([]) is None
    lon, lat = country_point("GE") or (0, 0)
    assert 40 < lon < 47 and 41 < lat < 44
    assert country_point("VA") is not None  # no town of 15,000: the gazetteer's point
    assert country_point(None) is None


# ---------------------------------------------------------------- FLEE


def test_flee_inputs_are_cumulative_daily_counts_up_to_the_last_data_point(
    data: Dataset, tmp_path: Path
) -> None:
    written = export_flee(data, Filters(origin="RU"), tmp_path / "flee")
    folder = tmp_path / "flee" / "RUS"
    assert {p.parent for p in written.paths} == {folder}
    layout = list(csv.reader((folder / "data_layout.csv").open()))
    assert layout[0] == ["total", "refugees.csv"]
    names = {name: file for name, file in layout[1:]}
    assert names["Kazakhstan"] == "kazakhstan.csv" and "Georgia" in names
    provenance = read_csv((folder / "provenance.csv").read_text())
    for name, file in names.items():
        lines = (folder / file).read_text().splitlines()
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2},\d+", line) for line in lines)
        days = [date.fromisoformat(line.split(",")[0]) for line in lines]
        counts = [int(line.split(",")[1]) for line in lines]
        assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))
        assert counts == sorted(counts)
        corridor = data.consolidation.corridor("RU", name)
        assert corridor is not None and corridor.timeline
        assert days[0] == corridor.timeline[0].date and days[-1] == corridor.timeline[-1].date
        assert counts[-1] == round(corridor.timeline[-1].cumulative)
        traced = [p for p in provenance if p["file"] == file]
        assert [int(p["count"]) for p in traced] == counts
        assert all(bool(p["claims"]) == (p["basis"] != "none") for p in traced)
    total = [line.split(",") for line in (folder / "refugees.csv").read_text().splitlines()]
    last = max(
        c.timeline[-1].date
        for c in data.consolidation.corridors
        if c.origin.country == "RU" and c.destination.country not in (None, "RU") and c.timeline
    )
    assert total[-1][0] == last.isoformat()
    final = sum(
        round(c.timeline[-1].cumulative)
        for name in names
        if (c := data.consolidation.corridor("RU", name))
    )
    assert abs(int(total[-1][1]) - final) <= len(names)  # rounding of each term
    assert slug("Côte d'Ivoire") == "cote-d-ivoire"
