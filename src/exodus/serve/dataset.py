"""What exports, frames and charts read: the consolidation of a store with its stored facts.

:func:`read_dataset` is the one place this package meets the store.  It reads only through the
functions the store and consolidation already offer (:meth:`Store.facts`,
:meth:`Store.documents_for_consolidation`, :func:`consolidate_store`), so whatever those apply
(human review, later) applies to every export too.

:class:`Filters` selects what an export holds: origin and destination (ISO 3166-1 alpha-2 or
alpha-3 code or English name; ``?`` for an unknown end), measure, and a window of days.  A fact
is dated by its ``period_end``, else ``period_start``, else its publication date (as
``exodus facts --since``); a claim the same way with its first report's publication date; an
undated fact or claim is left out as soon as ``since`` or ``until`` is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from exodus.consolidate.claims import Claim, Report
from exodus.consolidate.records import Consolidation, Country
from exodus.errors import ExportError

if TYPE_CHECKING:
    from exodus.store import Store

MEASURES = ("flow", "stock", "wait_time", "queue_length")
UNKNOWN_END = ("?", "-", "none", "unknown")


@dataclass(frozen=True)
class Filters:
    """What to export.  Every field is optional; None keeps everything.

    Raises :class:`~exodus.errors.ExportError` (code ``FILTER``) for an unknown measure or a
    window that ends before it starts.  :func:`check_filters` also checks the countries.
    """

    origin: str | None = None
    destination: str | None = None
    measure: str | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.measure is not None and self.measure not in MEASURES:
            raise ExportError(
                f"unknown measure {self.measure!r}; use one of {', '.join(MEASURES)}", "FILTER"
            )
        if self.since and self.until and self.since > self.until:
            raise ExportError(f"--since {self.since} is after --until {self.until}", "FILTER")

    def keeps_ends(self, origin: Country, destination: Country) -> bool:
        """Whether a corridor with these ends passes the origin and destination filters."""
        return (self.origin is None or origin.matches(self.origin)) and (
            self.destination is None or destination.matches(self.destination)
        )

    def keeps_day(self, day: date | None) -> bool:
        """Whether a figure dated ``day`` is in the window (undated: only without a window)."""
        if self.since is None and self.until is None:
            return True
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def keeps_measure(self, measure: str) -> bool:
        return self.measure is None or measure == self.measure


NO_FILTERS = Filters()


def check_filters(filters: Filters | None) -> Filters:
    """``filters`` (or no filters) with its countries checked against the gazetteer and given
    as alpha-2 codes ("Kazakhstan", "KAZ" and "kz" all become "KZ"; ``?`` stays).

    Raises :class:`~exodus.errors.ExportError` (code ``FILTER``) naming a country it does not know.
    """
    if filters is None:
        return NO_FILTERS
    from dataclasses import replace

    from exodus.resources import load_gazetteer

    def code(what: str, text: str | None) -> str | None:
        if text is None or text.strip().casefold() in UNKNOWN_END:
            return text
        place = load_gazetteer().country(text.strip())
        if place is None or place.country is None:
            raise ExportError(
                f"unknown {what} country {text!r}; give an ISO code (KZ, KAZ), an English"
                " name, or ? for an unknown end",
                "FILTER",
            )
        return place.country

    return replace(
        filters,
        origin=code("origin", filters.origin),
        destination=code("destination", filters.destination),
    )


@dataclass(frozen=True)
class Dataset:
    """A consolidation and the stored facts it was built from, read at one time.

    ``facts`` are FACTS.md records with their ``fact_uid``; ``urls`` maps a document's source to
    its URL when it has one.
    """

    consolidation: Consolidation
    facts: tuple[Mapping[str, Any], ...]
    urls: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def reports(self) -> dict[str, tuple[Claim, Report]]:
        """``fact_uid`` -> the claim holding that fact and the fact's report in it."""
        found: dict[str, tuple[Claim, Report]] = {}
        for claim in self.consolidation.claims:
            for report in claim.reports:
                if report.fact_uid:
                    found[report.fact_uid] = (claim, report)
        return found

    @cached_property
    def facts_by_id(self) -> dict[str, Mapping[str, Any]]:
        """``fact_uid`` -> the stored fact."""
        return {str(f.get("fact_uid")): f for f in self.facts if f.get("fact_uid")}

    @cached_property
    def copies(self) -> dict[str, str]:
        """Near-duplicate document -> the original it copies (its facts are not counted)."""
        return {d.key: d.original for d in self.consolidation.duplicates}

    @cached_property
    def _countries(self) -> dict[str, Country]:
        return {}

    def country(self, code: str | None) -> Country:
        """The :class:`Country` of an alpha-2 code: as the corridors name it, else the gazetteer's."""
        if code is None:
            return Country(None)
        code = code.upper()
        if code not in self._countries:
            known = self.consolidation.country(code)
            if known.iso3 is None:
                from exodus.consolidate.run import gazetteer_country

                known = gazetteer_country(code) or known
            self._countries[code] = known
        return self._countries[code]

    def claim_day(self, claim: Claim) -> date | None:
        """The day a claim is dated by: period end, else start, else its first publication."""
        published = next((r.published for r in claim.reports if r.published), None)
        return claim.period_end or claim.period_start or published

    def keeps_claim(self, claim: Claim, filters: Filters) -> bool:
        """Whether a claim passes the filters (its corridor's ends, measure and day)."""
        return (
            filters.keeps_measure(claim.measure)
            and filters.keeps_ends(self.country(claim.origin), self.country(claim.destination))
            and filters.keeps_day(self.claim_day(claim))
        )


def read_dataset(store: Store, *, thresholds: Mapping[str, float] | None = None) -> Dataset:
    """Consolidate ``store`` and read its facts and document URLs (see the module docstring).

    ``thresholds`` overrides the alert thresholds as in :func:`consolidate_store`.
    """
    from exodus.consolidate.run import consolidate_store

    consolidation = consolidate_store(store, thresholds=thresholds)
    facts = tuple(store.facts())
    urls = {t.source: t.url for t in store.documents_for_consolidation() if t.url}
    return Dataset(consolidation, facts, urls)


def as_dataset(source: Store | Dataset | str) -> Dataset:
    """A :class:`Dataset` from a dataset (as is), an open store, or a database URL or path."""
    if isinstance(source, Dataset):
        return source
    if isinstance(source, str):
        from exodus.store import open_store

        with open_store(source) as store:
            return read_dataset(store)
    return read_dataset(source)
