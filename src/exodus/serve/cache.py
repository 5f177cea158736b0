"""A consolidation kept in memory while the store does not change.

Consolidating 100,000 facts takes seconds; a request must take milliseconds.  The store keeps
generation counters (:meth:`Store.generation <exodus.store.Store.generation>`) that every write
bumps in its own transaction, whichever process makes it: ``documents`` when a document is
stored, ``reviews`` when a review is recorded.  :class:`ConsolidationCache` reads them (one small
query) on every :meth:`~ConsolidationCache.get` and consolidates again only when they moved.  The
near-duplicate search depends on the texts alone, so a review (which changes facts and pins but
no text) reuses it and only claims, conflicts and corridors are rebuilt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from exodus.consolidate.claims import Claim
from exodus.consolidate.neardup import Duplicate
from exodus.consolidate.records import Consolidation, Corridor
from exodus.consolidate.run import CountryLookup, consolidate, find_copies, gazetteer_country
from exodus.models import StoredText
from exodus.serve.encode import encode_json

if TYPE_CHECKING:
    from exodus.store import Generation, Store


def claim_span(claim: Claim) -> tuple[date | None, date | None]:
    """The first and last day a claim speaks of (its period, else its first report's date)."""
    published = next((r.published for r in claim.reports if r.published), None)
    first = claim.period_start or claim.period_end or published
    last = claim.period_end or claim.period_start or published
    return first, last


@dataclass
class Snapshot:
    """One consolidation of the store at one generation, with lookups the queries need."""

    generation: Generation
    result: Consolidation
    seconds: float = 0.0  # how long consolidating took
    urls: dict[str, str] = field(default_factory=dict)  # document source -> its URL
    by_id: dict[str, Claim] = field(default_factory=dict)
    by_fact: dict[str, str] = field(default_factory=dict)  # fact_uid -> claim id
    by_corridor: dict[tuple[str | None, str | None], list[Claim]] = field(default_factory=dict)
    _texts: dict[str, str] | None = None
    # encoded JSON, filled as requests ask: a snapshot never changes, so neither do they
    _encoded: dict[Any, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {c.id: c for c in self.result.claims}
        self.by_fact = {
            r.fact_uid: c.id for c in self.result.claims for r in c.reports if r.fact_uid
        }
        for c in self.result.claims:  # in the canonical order, per corridor
            self.by_corridor.setdefault(c.corridor, []).append(c)

    def claims_of(self, corridors: Iterable[Corridor]) -> list[Claim]:
        """The claims of these corridors, in the canonical order."""
        keys = [c.key for c in corridors]
        if len(keys) == 1:
            return self.by_corridor.get(keys[0], [])
        wanted = set(keys)
        return [c for c in self.result.claims if c.corridor in wanted]

    def claim_json(self, claim: Claim) -> bytes:
        """The API's JSON of a claim (:meth:`Consolidation.claim_dict`), encoded once."""
        found = self._encoded.get(claim.id)
        if found is None:
            found = self._encoded[claim.id] = encode_json(self.result.claim_dict(claim))
        return found

    def timeline_json(self, corridor: Corridor) -> bytes:
        """The API's JSON of a corridor's timeline (:meth:`Corridor.timeline_dict`), encoded
        once."""
        key = ("timeline", *corridor.key)
        found = self._encoded.get(key)
        if found is None:
            found = self._encoded[key] = encode_json(corridor.timeline_dict())
        return found

    def claim_text(self, claim: Claim) -> str:
        """What a text search looks at in a claim, folded: its reports' sentences, speakers,
        outlets and documents."""
        if self._texts is None:
            self._texts = {
                c.id: " \x00 ".join(
                    str(x)
                    for r in c.reports
                    for x in (r.sentence, r.speaker, r.speaker_via, r.outlet, r.document)
                    if x
                ).casefold()
                for c in self.result.claims
            }
        return self._texts[claim.id]


class ConsolidationCache:
    """The latest :class:`Snapshot` of one store, rebuilt when its generation moves.

    Thread-safe: concurrent callers wait for one rebuild instead of each doing it.
    ``thresholds`` and ``countries`` are passed to the consolidation.
    """

    def __init__(
        self,
        *,
        thresholds: Mapping[str, float] | None = None,
        countries: CountryLookup | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._texts: tuple[int, list[StoredText], list[Duplicate]] | None = None
        self._thresholds = thresholds
        self._countries = countries or gazetteer_country
        self.builds = 0  # how many consolidations this cache has run

    def get(self, store: Store) -> Snapshot:
        """The store's consolidation, from memory when nothing changed since the last call."""
        generation = store.generation()
        snap = self._snapshot
        if snap is not None and snap.generation == generation:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is not None and snap.generation == generation:
                return snap
            snap = self._build(store, generation)
            self._snapshot = snap
            return snap

    def _build(self, store: Store, generation: Generation) -> Snapshot:
        started = time.perf_counter()
        # read the data after the generation: the snapshot is never older than its label
        if self._texts is None or self._texts[0] != generation.documents:
            texts = store.documents_for_consolidation()
            duplicates = find_copies(texts)
            # only sources, dates and URLs are read again once the copies are known
            self._texts = (generation.documents, [replace(t, text="") for t in texts], duplicates)
        _gen, texts, duplicates = self._texts
        result = consolidate(
            texts,
            store.facts(),
            thresholds=self._thresholds,
            countries=self._countries,
            pins=store.claim_pins(),
            duplicates=duplicates,
        )
        self.builds += 1
        urls = {t.source: t.url for t in texts if t.url}
        return Snapshot(generation, result, time.perf_counter() - started, urls)
