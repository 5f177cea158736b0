"""pandas DataFrames of the stored figures and their consolidation, for notebooks.

Every function takes a *source*: a database URL or path (``"sqlite:///exodus.db"``), an open
:class:`~exodus.store.Store`, or a :class:`~exodus.serve.dataset.Dataset` (read once with
:func:`load`, then reused: each call on a URL or store consolidates the store again).  Most take
optional :class:`~exodus.serve.dataset.Filters`.

.. code-block:: python

    from exodus.serve import frames
    from exodus.serve.dataset import Filters

    data = frames.load("sqlite:///exodus.db")
    facts = frames.facts_frame(data, Filters(origin="RU", measure="flow"))
    claims = frames.claims_frame(data)                  # one row per claim
    reports = frames.reports_frame(data)                # one row per report: join on claim_id
    frames.corridors_frame(data)                        # busiest first
    frames.timeline_frame(data, "RU", "KZ")             # one row per day
    frames.alerts_frame(data)

Columns are typed: dates are ``datetime64`` (``NaT`` when unknown), whole-number columns are
nullable ``Int64``, figures ``float64``, flags ``bool`` and lists of ids Python lists.  The
columns of the facts frame are those of ``exodus export --format csv`` (see
:data:`exodus.serve.figures.DESCRIPTIONS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from exodus.errors import ExportError
from exodus.serve import tables
from exodus.serve.dataset import Dataset, Filters, as_dataset, check_filters
from exodus.serve.figures import figure_rows
from exodus.serve.tables import Column

if TYPE_CHECKING:
    from exodus.store import Store

__all__ = [
    "alerts_frame",
    "claims_frame",
    "corridors_frame",
    "facts_frame",
    "load",
    "reports_frame",
    "stocks_frame",
    "timeline_frame",
]


def load(source: Store | Dataset | str) -> Dataset:
    """Read and consolidate a store once (a URL or path, or an open store)."""
    return as_dataset(source)


def frame(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> pd.DataFrame:
    """A DataFrame of ``records`` with the columns' types (see the module docstring)."""
    df = pd.DataFrame(list(records), columns=[c.name for c in columns])
    for c in columns:
        if c.kind == "date":
            df[c.name] = pd.to_datetime(df[c.name])
        elif c.kind == "int":
            df[c.name] = df[c.name].astype("Int64")
        elif c.kind == "float":
            df[c.name] = df[c.name].astype("float64")
        elif c.kind == "bool":
            df[c.name] = df[c.name].astype("bool")
        elif c.kind == "list":
            df[c.name] = df[c.name].astype("object")
    return df


def facts_frame(source: Store | Dataset | str, filters: Filters | None = None) -> pd.DataFrame:
    """One row per stored figure with its claim and provenance (``exodus export`` columns)."""
    data = as_dataset(source)
    rows = [r.to_dict() for r in figure_rows(data, check_filters(filters))]
    return frame(rows, tables.FIGURES)


def claims_frame(source: Store | Dataset | str, filters: Filters | None = None) -> pd.DataFrame:
    """One row per claim: corridor, figure and envelope, period, original source, how many
    reports (``reports``) from which documents and outlets, the ids of its facts, conflicts."""
    data = as_dataset(source)
    return frame(tables.claim_records(data, check_filters(filters)), tables.CLAIMS)


def reports_frame(source: Store | Dataset | str, filters: Filters | None = None) -> pd.DataFrame:
    """One row per report of a claim (who published what, when, and why it was merged);
    ``claim_id`` joins it to :func:`claims_frame`, ``fact_id`` to :func:`facts_frame`."""
    data = as_dataset(source)
    return frame(tables.report_records(data, check_filters(filters)), tables.REPORTS)


def corridors_frame(source: Store | Dataset | str, filters: Filters | None = None) -> pd.DataFrame:
    """One row per corridor, busiest first: latest cumulative estimate and envelope, counts."""
    data = as_dataset(source)
    return frame(tables.corridor_records(data, check_filters(filters)), tables.CORRIDORS)


def _corridor(data: Dataset, origin: str, destination: str) -> Any:
    corridor = data.consolidation.corridor(origin, destination)
    if corridor is None:
        raise ExportError(f"no corridor {origin} → {destination}; see corridors_frame()", "FILTER")
    return corridor


def timeline_frame(
    source: Store | Dataset | str,
    origin: str,
    destination: str,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """One row per day of a corridor's flow timeline: daily and cumulative estimates with their
    envelopes, the basis and the claims behind the day.  Origin and destination as in
    ``exodus timeline`` (alpha-2, alpha-3 or English name, ``?`` for unknown); only the window
    (``since``/``until``) of ``filters`` applies.  Raises ``ExportError`` (``FILTER``) when
    there is no such corridor."""
    data = as_dataset(source)
    corridor = _corridor(data, origin, destination)
    return frame(tables.timeline_records(corridor, filters), tables.TIMELINE)


def stocks_frame(
    source: Store | Dataset | str,
    origin: str,
    destination: str,
    filters: Filters | None = None,
) -> pd.DataFrame:
    """One row per day of a corridor's stock series (people present), as :func:`timeline_frame`."""
    data = as_dataset(source)
    corridor = _corridor(data, origin, destination)
    return frame(tables.stock_records(corridor, filters), tables.STOCKS)


def alerts_frame(source: Store | Dataset | str, filters: Filters | None = None) -> pd.DataFrame:
    """One row per alert (a week, month or quarter above its threshold on a corridor)."""
    data = as_dataset(source)
    return frame(tables.alert_records(data, check_filters(filters)), tables.ALERTS)
