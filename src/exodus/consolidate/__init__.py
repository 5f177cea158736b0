"""consolidate stage: facts across documents -> claims and corridor timelines, conflicts flagged.

A pure core (no I/O, no clock): :mod:`.neardup` finds syndicated copies, :mod:`.claims` merges
facts that report the same figure, :mod:`.conflicts` pairs claims that disagree,
:mod:`.timeline` turns claims into daily corridor series and :mod:`.alerts` lists calendar periods
above thresholds.  :mod:`.run` is the one module that
reads the store (:func:`consolidate_store`); :mod:`.records` holds what it returns.
"""

from exodus.consolidate.alerts import DEFAULT_THRESHOLDS, Alert, alerts
from exodus.consolidate.claims import Claim, Report, build_claims
from exodus.consolidate.conflicts import find_conflicts
from exodus.consolidate.intervals import implied_interval
from exodus.consolidate.neardup import Duplicate, find_duplicates, match_duplicates
from exodus.consolidate.records import Consolidation, Corridor, Country, Latest
from exodus.consolidate.run import consolidate, consolidate_store
from exodus.consolidate.sources import same_source, source_key
from exodus.consolidate.timeline import StockPoint, TimelinePoint, build_timeline, stock_series

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Alert",
    "Claim",
    "Consolidation",
    "Corridor",
    "Country",
    "Duplicate",
    "Latest",
    "Report",
    "StockPoint",
    "TimelinePoint",
    "alerts",
    "build_claims",
    "build_timeline",
    "consolidate",
    "consolidate_store",
    "find_conflicts",
    "find_duplicates",
    "implied_interval",
    "match_duplicates",
    "same_source",
    "source_key",
    "stock_series",
]
