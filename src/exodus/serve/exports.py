"""Exports of the stored figures and their consolidation: CSV, HXL, JSONL and Parquet.

GeoJSON is in :mod:`.geo` and FLEE inputs in :mod:`.flee`; all six share one signature,

    ``export_<format>(source, filters, out) -> Written``

where *source* is an open :class:`~exodus.store.Store`, a database URL or a
:class:`~exodus.serve.dataset.Dataset` (consolidated once, reusable across exports),
*filters* a :class:`~exodus.serve.dataset.Filters` or None, and *out* a text stream or a file
path (a folder for Parquet's tables and for FLEE).  Each raises
:class:`~exodus.errors.ExportError` with code ``FILTER`` (a filter it cannot use) or ``OUTPUT``
(nowhere to write).

Every row carries its provenance: the document, URL, outlet, publication date, the evidence
sentence and its offsets in the cleaned and the original text, the speaker and the claim's
original source, and the claim it belongs to (:mod:`.figures`).  Article text is written as
data, never as markup.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from exodus.errors import ExportError
from exodus.serve import tables
from exodus.serve.dataset import Dataset, Filters, as_dataset, check_filters
from exodus.serve.figures import COLUMNS, cell, figure_pairs, figure_rows, record_of
from exodus.serve.tables import Column

if TYPE_CHECKING:
    import pyarrow as pa

Source = Any  # a Store, a Dataset or a database URL (typed loosely: Store is imported lazily)

FORMATS = ("csv", "hxl", "jsonl", "parquet", "geojson", "flee")
PARQUET_TABLES = ("facts", "claims", "reports")

# HXL hashtags (HXL standard 1.1 core hashtags and attributes; +v_iso2 marks alpha-2 codes, whose
# absence means ISO 3166-1 alpha-3 for #country+code).  Custom attributes name what the standard
# has no word for (+qualifier, +speaker, ...).
HXL_TAGS: Mapping[str, str] = {
    "fact_id": "#meta+id",
    "row_hash": "#meta+hash",
    "claim_id": "#meta+claim",
    "copy_of": "#meta+copy_of",
    "conflicts_with": "#meta+conflicts",
    "origin_iso3": "#country+code+origin",
    "origin_iso2": "#country+code+origin+v_iso2",
    "origin_country": "#country+name+origin",
    "origin_name": "#loc+name+origin",
    "destination_iso3": "#country+code+dest",
    "destination_iso2": "#country+code+dest+v_iso2",
    "destination_country": "#country+name+dest",
    "destination_name": "#loc+name+dest",
    "place_name": "#loc+name",
    "place_kind": "#loc+type",
    "place_lat": "#geo+lat",
    "place_lon": "#geo+lon",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "measure": "#indicator+type",
    "term": "#event+type",
    "value": "#indicator+value+num",
    "people": "#affected+ind",
    "low": "#indicator+value+num+min",
    "high": "#indicator+value+num+max",
    "unit": "#indicator+unit",
    "qualifier": "#meta+qualifier",
    "modality": "#meta+modality",
    "rate": "#meta+rate",
    "population": "#meta+population",
    "speaker": "#meta+speaker",
    "speaker_via": "#meta+speaker+via",
    "original_source": "#meta+source",
    "outlet": "#org+reporting+name",
    "document": "#meta+document",
    "url": "#meta+url",
    "published": "#date+reported",
    "published_inferred": "#meta+reported+inferred",
    "excerpt": "#meta+excerpt",
    "start": "#meta+offset+start",
    "end": "#meta+offset+end",
    "raw_start": "#meta+offset+raw+start",
    "raw_end": "#meta+offset+raw+end",
    "cue": "#meta+cue",
    "cue_start": "#meta+cue+start",
    "cue_end": "#meta+cue+end",
    "confidence": "#meta+confidence",
    "extractor": "#meta+extractor",
}
assert tuple(HXL_TAGS) == COLUMNS, "every figure column needs its HXL hashtag, in order"


@dataclass(frozen=True)
class Written:
    """What an export wrote: its format, how many rows (or features, or days), the files."""

    format: str
    rows: int
    paths: tuple[Path, ...] = ()


def _output_error(out: Path, exc: OSError) -> ExportError:
    reason = exc.strerror or type(exc).__name__
    return ExportError(f"cannot write {out}: {reason}", "OUTPUT")


@contextmanager
def text_output(out: IO[str] | Path) -> Iterator[IO[str]]:
    """``out`` itself when it is a stream, else the file at that path opened for writing in
    UTF-8 (its folder created); OS errors become ``ExportError`` (``OUTPUT``)."""
    if not isinstance(out, Path):
        yield out
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = out.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise _output_error(out, exc) from exc
    with fh:
        yield fh


def output_folder(out: Path) -> Path:
    """``out`` created as a folder; ``ExportError`` (``OUTPUT``) when it is a file or cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise ExportError(f"cannot write into {out}: it is a file, not a folder", "OUTPUT") from exc
    except OSError as exc:
        raise _output_error(out, exc) from exc
    return out


def prepared(source: Source, filters: Filters | None) -> tuple[Dataset, Filters]:
    """The dataset of ``source`` and the checked filters (see :func:`check_filters`)."""
    checked = check_filters(filters)  # before the (slower) read, so a typo fails at once
    return as_dataset(source), checked


def paths_of(out: IO[Any] | Path) -> tuple[Path, ...]:
    """The file written, when ``out`` is a path."""
    return (out,) if isinstance(out, Path) else ()


def write_table(rows: Sequence[Mapping[str, Any]], out: IO[str], hxl: bool = False) -> None:
    """Figure rows as CSV (header row; with ``hxl`` a hashtag row under it)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    if hxl:
        writer.writerow([HXL_TAGS[c] for c in COLUMNS])
    for row in rows:
        writer.writerow([cell(row[c]) for c in COLUMNS])


def export_csv(source: Source, filters: Filters | None, out: IO[str] | Path) -> Written:
    """Write the figures as CSV, one figure per row, columns :data:`~.figures.COLUMNS`.

    ``source``: a Store, a database URL or a Dataset.  Dates are ISO 8601, lists
    space-separated, booleans ``true``/``false``, unknowns empty.
    """
    data, checked = prepared(source, filters)
    rows = [r.to_dict() for r in figure_rows(data, checked)]
    with text_output(out) as fh:
        write_table(rows, fh)
    return Written("csv", len(rows), paths_of(out))


def export_hxl(source: Source, filters: Filters | None, out: IO[str] | Path) -> Written:
    """Write the figures as HXL: the CSV of :func:`export_csv` with a hashtag row
    (:data:`HXL_TAGS`) under its header, readable by libhxl and HDX tools."""
    data, checked = prepared(source, filters)
    rows = [r.to_dict() for r in figure_rows(data, checked)]
    with text_output(out) as fh:
        write_table(rows, fh, hxl=True)
    return Written("hxl", len(rows), paths_of(out))


def export_jsonl(source: Source, filters: Filters | None, out: IO[str] | Path) -> Written:
    """Write the figures as JSON Lines: each stored FACTS.md fact (nested origin, destination,
    place and evidence) with ``fact_id``, ``row_hash``, its ``claim_id``, ``copy_of``,
    ``conflicts_with``, ``original_source``, ``outlet`` and ``url``; ISO 3166-1 alpha-3 codes
    added to origin and destination."""
    data, checked = prepared(source, filters)
    pairs = figure_pairs(data, checked)
    with text_output(out) as fh:
        for fact, row in pairs:
            fh.write(json.dumps(record_of(fact, row), ensure_ascii=False) + "\n")
    return Written("jsonl", len(pairs), paths_of(out))


# ---------------------------------------------------------------------------------- Parquet


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    """The Arrow schema of typed columns: dates as ``date32``, lists as ``list<string>``."""
    import pyarrow as pa

    kinds = {
        "str": pa.string(),
        "date": pa.date32(),
        "float": pa.float64(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(c.name, kinds[c.kind]) for c in columns])


def arrow_table(records: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> pa.Table:
    """Records (dates as ``datetime.date``) as an Arrow table with :func:`arrow_schema`."""
    import pyarrow as pa

    lists = [c.name for c in columns if c.kind == "list"]
    rows = [{**r, **{k: list(r[k] or ()) for k in lists}} for r in records]
    return pa.Table.from_pylist(rows, schema=arrow_schema(columns))


def parquet_tables(data: Dataset, filters: Filters) -> dict[str, pa.Table]:
    """The Parquet tables: ``facts`` (figure rows), ``claims`` and ``reports`` (one row per
    report of a claim: ``claim_id`` joins it to claims, ``fact_id`` to facts)."""
    return {
        "facts": arrow_table([r.to_dict() for r in figure_rows(data, filters)], tables.FIGURES),
        "claims": arrow_table(tables.claim_records(data, filters), tables.CLAIMS),
        "reports": arrow_table(tables.report_records(data, filters), tables.REPORTS),
    }


def export_parquet(
    source: Source,
    filters: Filters | None,
    out: Path | IO[bytes],
    table: str | None = None,
) -> Written:
    """Write Parquet: with no ``table``, ``out`` is a folder that gets ``facts.parquet``,
    ``claims.parquet`` and ``reports.parquet``; with ``table`` (one of those names) ``out`` is
    that one table's file or a binary stream.  ``rows`` counts the facts (or the one table).

    Columns are typed (dates ``date32``, offsets ``int64``, figures ``double``, ids of other
    rows ``list<string>``): ``pandas.read_parquet`` gives dates back as ``datetime.date``.
    """
    import pyarrow.parquet as pq

    if table is not None and table not in PARQUET_TABLES:
        raise ExportError(
            f"unknown table {table!r}; use one of {', '.join(PARQUET_TABLES)}", "FILTER"
        )
    if table is None and not isinstance(out, Path):
        raise ExportError("Parquet to a stream needs a table (facts, claims or reports)", "OUTPUT")
    data, checked = prepared(source, filters)
    built = parquet_tables(data, checked)
    if table is not None:
        if isinstance(out, Path):
            output_folder(out.parent)
        try:
            pq.write_table(built[table], out if not isinstance(out, Path) else str(out))
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc}", "OUTPUT") from exc
        return Written("parquet", built[table].num_rows, paths_of(out))
    assert isinstance(out, Path)
    folder = output_folder(out)
    paths = []
    for name, t in built.items():
        path = folder / f"{name}.parquet"
        try:
            pq.write_table(t, str(path))
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc}", "OUTPUT") from exc
        paths.append(path)
    return Written("parquet", built["facts"].num_rows, tuple(paths))


def to_text(export: Any, source: Source, filters: Filters | None = None) -> str:
    """What a stream export (``export_csv``, ``export_hxl``, ``export_jsonl``,
    ``export_geojson``) writes, as a string."""
    buffer = io.StringIO()
    export(source, filters, buffer)
    return buffer.getvalue()
