"""Timeline charts: valid PNGs of a sensible size, for full, one-point and empty series; the CLI's
``timeline --format png`` and ``export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from typer.testing import CliRunner

from exodus.cli import app
from exodus.consolidate.records import Consolidation
from exodus.consolidate.run import consolidate
from exodus.errors import ExportError
from exodus.models import StoredText
from exodus.serve.chart import busiest_with_timeline, chart_name, draw_timeline, timeline_chart
from exodus.serve.figures import COLUMNS

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n"
RU = {"name": "Russia", "country": "RU", "kind": "country", "iso3": "RUS"}
KZ = {"name": "Kazakhstan", "country": "KZ", "kind": "country", "iso3": "KAZ"}


def fact(doc: str, value: float, start: str | None, end: str, **kw: Any) -> dict[str, Any]:
    sentence = f"{value:,.0f} Russians entered Kazakhstan."
    return {
        "document": doc, "measure": "flow", "term": "entered", "value": value, "low": None,
        "high": None, "qualifier": "exact", "unit": "people", "modality": "reported",
        "rate": "total", "origin": RU, "destination": KZ, "place": None,
        "period_start": start, "period_end": end, "speaker": "Kazakh interior ministry",
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence), "cue": "entered"},
        "published": end, **kw,
    }  # fmt: skip


def consolidation(facts: list[dict[str, Any]]) -> Consolidation:
    texts = [
        StoredText(f["document"], f["document"], f"Text of {f['document']} " * 20, None)
        for f in facts
    ]
    return consolidate(texts, facts, countries=lambda code: None)


def image(data: bytes) -> Image.Image:
    assert data.startswith(PNG)
    return Image.open(io.BytesIO(data))


def draw(result: Consolidation, origin: str = "RU", destination: str = "KZ") -> Image.Image:
    corridor = result.corridor(origin, destination)
    assert corridor is not None
    buffer = io.BytesIO()
    draw_timeline(result, corridor, buffer)
    return image(buffer.getvalue())


def test_a_timeline_chart_is_a_png_of_sensible_size_with_drawing_on_it() -> None:
    result = consolidation(
        [
            fact("a.txt", 98000, "2022-09-21", "2022-09-27"),
            fact("b.txt", 144000, "2022-09-21", "2022-09-30"),
            fact("c.txt", 200000, "2022-09-21", "2022-10-04"),
            fact("d.txt", 240000, "2022-09-21", "2022-10-04", qualifier="about"),
            fact("e.txt", 14000, "2022-09-28", "2022-09-28", rate="per_day"),
        ]
    )
    img = draw(result)
    width, height = img.size
    assert 900 <= width <= 2000 and 500 <= height <= 1200
    colours = img.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # lines, bands, markers and text, not a blank canvas


@pytest.mark.parametrize(
    "facts",
    [
        [fact("a.txt", 5000, None, "2022-09-27")],  # one point
        [fact("a.txt", 3000, None, "2022-09-27", measure="stock")],  # stocks only: no series
    ],
)
def test_one_point_and_empty_series_still_draw(facts: list[dict[str, Any]]) -> None:
    result = consolidation(facts)
    corridor = result.corridor("RU", "KZ")
    assert corridor is not None and len(corridor.timeline) <= 1
    img = draw(result)
    assert img.size[0] >= 900 and img.size[1] >= 500


def test_the_chart_file_and_its_errors(tmp_path: Path) -> None:
    result = consolidation([fact("a.txt", 98000, "2022-09-21", "2022-09-27")])
    path = tmp_path / "deeper" / "chart.png"
    corridor = timeline_chart(result, "RUS", "Kazakhstan", path)
    assert image(path.read_bytes()).size[0] > 0
    assert chart_name(corridor) == "timeline-RU-KZ.png"
    assert busiest_with_timeline(result) == corridor
    with pytest.raises(ExportError) as caught:
        timeline_chart(result, "RU", "GE", tmp_path / "x.png")
    assert caught.value.code == "FILTER"
    (tmp_path / "dir.png").mkdir()
    with pytest.raises(ExportError) as caught:
        timeline_chart(result, "RU", "KZ", tmp_path / "dir.png")
    assert caught.value.code == "OUTPUT"


# ---------------------------------------------------------------- through the CLI


def test_timeline_png_from_the_cli(sample_db: str, tmp_path: Path) -> None:
    out = tmp_path / "ru-kz.png"
    result = runner.invoke(
        app, ["timeline", "RU", "KZ", "--db", sample_db, "--format", "png", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    img = image(out.read_bytes())
    assert img.size[0] >= 900


def test_export_from_the_cli(sample_db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", sample_db, "--origin", "RU"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and list(rows[0]) == list(COLUMNS) and {r["origin_iso2"] for r in rows} == {"RU"}
    assert f"{len(rows)} rows (csv)" in result.stderr
    geo = tmp_path / "c.geojson"
    result = runner.invoke(app, ["export", "-f", "geojson", "--db", sample_db, "-o", str(geo)])
    assert result.exit_code == 0, result.output
    assert json.loads(geo.read_text())["type"] == "FeatureCollection"
    result = runner.invoke(
        app, ["export", "-f", "parquet", "--db", sample_db, "-o", str(tmp_path / "pq")]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "claims.parquet", "facts.parquet", "reports.parquet",
    ]  # fmt: skip
    result = runner.invoke(
        app, ["export", "-f", "flee", "--db", sample_db, "-o", str(tmp_path / "f")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "f" / "RUS" / "data_layout.csv").is_file()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--measure", "people"], "FILTER"),
        (["--origin", "Narnia"], "FILTER"),
        (["--since", "2022-10-01", "--until", "2022-09-01"], "FILTER"),
        (["--table", "claims"], "FILTER"),
        (["-f", "parquet", "--table", "everything"], "FILTER"),
    ],
)
def test_export_refuses_bad_requests_in_one_line(
    sample_db: str, args: list[str], code: str
) -> None:
    result = runner.invoke(app, ["export", "--db", sample_db, *args])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{code}: ")
    assert result.stdout == ""


def test_export_refuses_to_write_a_folder_over_a_file(sample_db: str, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("")
    result = runner.invoke(app, ["export", "-f", "flee", "--db", sample_db, "-o", str(taken)])
    assert result.exit_code == 1 and result.stderr.startswith("OUTPUT: ")
