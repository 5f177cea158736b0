"""``exodus export``: the stored figures and their consolidation as files for other tools."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from exodus.cli.common import COUNTRY, DbOpt, app, err, parse_date, redacted
from exodus.config import load_settings
from exodus.errors import ExportError


class ExportFormat(StrEnum):
    csv = "csv"
    hxl = "hxl"
    jsonl = "jsonl"
    parquet = "parquet"
    geojson = "geojson"
    flee = "flee"


FOLDERS = {ExportFormat.parquet: "exodus-parquet", ExportFormat.flee: "exodus-flee"}


def _exporter(fmt: ExportFormat) -> Any:
    """The library function behind each format."""
    from exodus.serve import exports, flee, geo

    return {
        ExportFormat.csv: exports.export_csv,
        ExportFormat.hxl: exports.export_hxl,
        ExportFormat.jsonl: exports.export_jsonl,
        ExportFormat.parquet: exports.export_parquet,
        ExportFormat.geojson: geo.export_geojson,
        ExportFormat.flee: flee.export_flee,
    }[fmt]


@app.command("export")
def export_command(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="csv (one figure per row), hxl (CSV with HXL hashtags), jsonl (facts with claim"
            " and provenance), parquet (facts, claims and reports tables), geojson (corridors"
            " and crossing points), flee (FLEE model validation inputs).",
        ),
    ] = ExportFormat.csv,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="File to write (csv, hxl, jsonl, geojson; default: standard output) or folder"
            " (parquet: default ./exodus-parquet; flee: default ./exodus-flee).",
        ),
    ] = None,
    db: DbOpt = None,
    origin: Annotated[str | None, typer.Option(help=f"Origin {COUNTRY}.")] = None,
    destination: Annotated[str | None, typer.Option(help=f"Destination {COUNTRY}.")] = None,
    measure: Annotated[
        str | None, typer.Option(help="flow, stock, wait_time or queue_length.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help="Only figures dated on or after this day (YYYY-MM-DD): period end, else start, else publication."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            help="Only figures dated on or before this day (YYYY-MM-DD); GeoJSON estimates as of this day."
        ),
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            help="Parquet only: write this one table (facts, claims or reports) to --out FILE"
            " (default ./TABLE.parquet; - for standard output)."
        ),
    ] = None,
) -> None:
    """Export the stored figures with their claims and provenance (every row names its document,
    URL, outlet, date, sentence and offsets), filtered like `exodus facts`.

    Example: exodus export --format hxl --origin RU --out russia.csv
    """
    from exodus.serve.dataset import Filters, check_filters

    settings = load_settings(db=db)
    try:
        filters = check_filters(
            Filters(origin, destination, measure, parse_date(since), parse_date(until))
        )
        if table is not None and format is not ExportFormat.parquet:
            raise ExportError("--table goes with --format parquet", "FILTER")
        written = _run(format, out, table, settings.db_url, filters)
    except ExportError as exc:
        err.print(str(exc), markup=False, highlight=False)
        raise typer.Exit(1) from None
    what = "features" if format is ExportFormat.geojson else "rows"
    where = ", ".join(str(p) for p in written.paths) or "standard output"
    if len(written.paths) > 3:
        where = f"{len(written.paths)} files in {Path(out or FOLDERS[format])}"
    err.print(
        f"{written.rows} {what} ({format.value}) from {redacted(settings.db_url)} → {where}",
        markup=False,
        highlight=False,
    )


def _run(fmt: ExportFormat, out: str | None, table: str | None, db_url: str, filters: Any) -> Any:
    from exodus.store import open_store

    export = _exporter(fmt)
    with open_store(db_url) as store:
        if fmt is ExportFormat.parquet and table is not None:
            if out == "-":
                written = export(store, filters, sys.stdout.buffer, table=table)
                sys.stdout.flush()
                return written
            return export(store, filters, Path(out or f"{table}.parquet"), table=table)
        if fmt in FOLDERS:
            return export(store, filters, Path(out or FOLDERS[fmt]))
        if out is None or out == "-":
            return export(store, filters, sys.stdout)
        return export(store, filters, Path(out))
