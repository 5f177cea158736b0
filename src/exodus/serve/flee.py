"""Validation inputs for the FLEE agent-based model (Suleimenova & Groen), from corridor timelines.

FLEE compares a simulation with observed refugee counts read from a ``source_data`` folder:
``data_layout.csv`` lists one ``name,file.csv`` row per destination (the first row,
``total,refugees.csv``, is the total), and each file holds cumulative counts as
``YYYY-MM-DD,count`` rows (FLEE reads the first two columns and skips lines starting with
``#``).  :func:`export_flee` writes one such folder per origin country, named by its ISO 3166-1
alpha-3 code (``RUS/``):

* one file per destination country the origin's corridors reach (``kazakhstan.csv``), listed in
  ``data_layout.csv`` under the country's English name: the cumulative estimate of the corridor's
  flow timeline for every day from its first to its last data point, rounded to whole people.
  The series stops at the last data point: nothing is interpolated or carried past it;
* ``refugees.csv``, the total: on each day from the first to the last day of any destination, the
  sum of the destinations' counts (a destination counts 0 before its first day and keeps its
  last count after its last day: people who arrived stay counted);
* ``provenance.csv``: for every row of every file, the estimate with its low and high bounds, how
  the day was worked out (``basis``) and the claims behind it, so each count traces back to its
  reports (``exodus claims``, ``exodus export --format csv``).

Only flows between two different known countries are written (FLEE's locations are places);
departures with no destination and internal displacement are left out.  Location names must
match the ``name`` column of the model's ``locations.csv``: rename rows there or here as needed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from exodus.consolidate.records import Corridor
from exodus.consolidate.timeline import TimelinePoint
from exodus.errors import ExportError
from exodus.serve.dataset import Filters
from exodus.serve.exports import Source, Written, output_folder, prepared
from exodus.serve.tables import corridors_of

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Destination:
    """One destination of an origin's FLEE folder: its name, file and daily points."""

    name: str
    file: str
    corridor: Corridor
    points: tuple[TimelinePoint, ...]


def slug(name: str) -> str:
    """A file-name-safe lower-case form of a name: ``Côte d'Ivoire`` -> ``cote-d-ivoire``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


def destinations(corridors: list[Corridor], filters: Filters) -> list[Destination]:
    """The destinations of one origin's corridors with the points inside the filters' window."""
    out: list[Destination] = []
    used: set[str] = set()
    for c in sorted(corridors, key=lambda c: c.destination.name or c.destination.country or ""):
        if c.destination.country is None or c.destination.country == c.origin.country:
            continue
        points = tuple(
            p
            for p in c.timeline
            if (filters.since is None or p.date >= filters.since)
            and (filters.until is None or p.date <= filters.until)
        )
        if not points:
            continue
        name = c.destination.name or c.destination.country
        file = f"{slug(name)}.csv"
        if file in used:  # two names that slug alike
            file = f"{slug(name)}-{c.destination.country.lower()}.csv"
        used.add(file)
        out.append(Destination(name, file, c, points))
    return out


def totals(dests: list[Destination]) -> list[tuple[date, float]]:
    """``(day, total)`` from the first to the last day of any destination (module docstring)."""
    if not dests:
        return []
    first = min(d.points[0].date for d in dests)
    last = max(d.points[-1].date for d in dests)
    by_day = [{p.date: p.cumulative for p in d.points} for d in dests]
    held = [0.0] * len(dests)
    out = []
    day = first
    while day <= last:
        for i, series in enumerate(by_day):
            if day in series:
                held[i] = series[day]
        out.append((day, sum(held)))
        day += ONE_DAY
    return out


def _write_rows(path: Path, rows: list[list[Any]]) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}", "OUTPUT") from exc


def write_origin(folder: Path, dests: list[Destination]) -> list[Path]:
    """Write one origin's FLEE folder; returns the files written."""
    output_folder(folder)
    written = []
    layout: list[list[Any]] = [["total", "refugees.csv"], *([d.name, d.file] for d in dests)]
    provenance: list[list[Any]] = [
        ["file", "date", "count", "estimate", "low", "high", "basis", "claims"]
    ]
    for d in dests:
        rows = []
        for p in d.points:
            count = round(p.cumulative)
            rows.append([p.date.isoformat(), count])
            provenance.append(
                [d.file, p.date.isoformat(), count, round(p.cumulative, 2), round(p.low, 2),
                 round(p.high, 2), p.basis, " ".join(p.claim_ids)]
            )  # fmt: skip
        _write_rows(folder / d.file, rows)
        written.append(folder / d.file)
    total_rows = [[day.isoformat(), round(n)] for day, n in totals(dests)]
    for day, n in totals(dests):
        provenance.append(
            ["refugees.csv", day.isoformat(), round(n), round(n, 2), "", "", "sum", ""]
        )
    for name, rows in (
        ("refugees.csv", total_rows),
        ("data_layout.csv", layout),
        ("provenance.csv", provenance),
    ):
        _write_rows(folder / name, rows)
        written.append(folder / name)
    return written


def export_flee(source: Source, filters: Filters | None, out: Path) -> Written:
    """Write FLEE validation inputs into the folder ``out``: one sub-folder per origin country
    (alpha-3 code) with ``data_layout.csv``, ``refugees.csv``, one cumulative ``YYYY-MM-DD,count``
    file per destination and ``provenance.csv`` (see the module docstring).

    ``source``: a Store, a database URL or a Dataset.  The origin and destination filters choose
    corridors, ``since``/``until`` cut the series; the measure filter does not apply (the series
    are flows).  ``rows`` counts the destination files' rows.
    """
    data, checked = prepared(source, filters)
    by_origin: dict[str, list[Corridor]] = {}
    for c in corridors_of(data, checked):
        if c.origin.country is not None:
            by_origin.setdefault(c.origin.country, []).append(c)
    folder = output_folder(out)
    paths: list[Path] = []
    rows = 0
    for code, corridors in sorted(by_origin.items()):
        dests = destinations(corridors, checked)
        if not dests:
            continue
        origin = data.country(code)
        paths += write_origin(folder / (origin.iso3 or code), dests)
        rows += sum(len(d.points) for d in dests)
    return Written("flee", rows, tuple(paths))
