"""The query functions behind the CLI and the REST API: one function per question.

Each takes a :class:`~exodus.store.Store` (and, for what consolidation answers, a
:class:`~exodus.serve.cache.Snapshot` from :func:`consolidation`) and returns typed records or a
:class:`Page` of them.  ``exodus facts``, ``exodus claims``, ``exodus timeline`` ... and the
``/api/v1/...`` endpoints call these and only format the answer, so the two cannot disagree.

Stable ids: a fact is its ``fact_uid`` (a hash of its document's content hash, its evidence
offsets and its figure), a document its ``content_hash`` (sha256 of the bytes), a claim its
``id`` (a hash of its key and its first report), a corridor its two ISO alpha-2 codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from exodus.consolidate.alerts import PERIODS, Alert, alerts
from exodus.consolidate.claims import Claim
from exodus.consolidate.records import Corridor
from exodus.errors import NotFoundError
from exodus.models import AuditEntry
from exodus.serve.cache import ConsolidationCache, Snapshot, claim_span
from exodus.serve.dataset import Dataset, Filters
from exodus.store import DocumentSummary, FactFilter, Store

T = TypeVar("T")
DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: ``total`` items match, ``items`` start at ``offset``."""

    items: list[T]
    total: int
    limit: int | None
    offset: int

    def map(self, f: Callable[[T], Any]) -> Page[Any]:
        return Page([f(x) for x in self.items], self.total, self.limit, self.offset)


def paginate(items: Sequence[T], limit: int | None, offset: int = 0) -> Page[T]:
    """The page of ``items`` from ``offset``, at most ``limit`` long (all when None)."""
    end = None if limit is None else offset + limit
    return Page(list(items[offset:end]), len(items), limit, offset)


def consolidation(store: Store, cache: ConsolidationCache | None = None) -> Snapshot:
    """The store's consolidation: from ``cache`` while the store has not changed."""
    return (cache or ConsolidationCache()).get(store)


# -- documents and facts ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentView:
    """One document for a reader: its summary, the cleaned text, the original text with the
    spans cleaning removed (``removed``: offsets into ``original``), every fact extracted from
    it (rejected ones too, with their review) and its near-duplicate relations."""

    summary: DocumentSummary
    text: str
    original: str
    removed: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    copy_of: str | None  # the source of the original, when this is a near-duplicate copy
    copies: list[str]  # sources of the near-duplicate copies of this document

    def to_dict(self) -> dict[str, Any]:
        summary = self.summary.to_dict()
        del summary["facts"]  # the count; the facts themselves follow
        return {
            **summary,
            "text": self.text,
            "original": self.original,
            "removed": self.removed,
            "facts": self.facts,
            "copy_of": self.copy_of,
            "copies": self.copies,
        }


def list_documents(
    store: Store,
    *,
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[DocumentSummary]:
    """Stored documents, oldest first: ``text`` in the source, title or text; published within
    ``since``..``until``."""
    found, total = store.stored_documents(
        text=text, since=since, until=until, limit=limit, offset=offset
    )
    return Page(found, total, limit, offset)


def get_document(store: Store, content_hash: str, snapshot: Snapshot | None = None) -> DocumentView:
    """One stored document by its content hash; NotFoundError when there is none."""
    doc = store.document(content_hash)
    if doc is None or doc.content_hash != content_hash:
        raise NotFoundError(f"no document with content hash {content_hash!r}")
    found, _total = store.stored_documents(content_hash=content_hash, limit=1)
    facts = store.facts(content_hash=content_hash, status="any")
    copy_of, copies = None, []
    if snapshot is not None:
        for d in snapshot.result.duplicates:
            if d.key == doc.source:
                copy_of = d.original
            elif d.original == doc.source:
                copies.append(d.key)
    return DocumentView(
        found[0], doc.text, doc.original, [asdict(s) for s in doc.removed], facts, copy_of, copies
    )


def list_facts(
    store: Store, f: FactFilter | None = None, *, limit: int | None = DEFAULT_LIMIT, offset: int = 0
) -> Page[dict[str, Any]]:
    """Stored facts (FACTS.md records, reviews applied) matching ``f``, in the order stored."""
    f = f or FactFilter()
    filters = asdict(f)
    items = store.facts(**filters, limit=limit, offset=offset)
    return Page(items, store.count_facts(**filters), limit, offset)


def get_fact(store: Store, fact_uid: str) -> dict[str, Any]:
    """One fact by its fact_uid, reviewed or not (a rejected one too)."""
    found = store.facts(fact_uids=[fact_uid], status="any")
    if not found:
        raise NotFoundError(f"no fact with fact_uid {fact_uid!r}")
    return found[0]


# -- claims, corridors, timelines, alerts ------------------------------------------------------


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims: corridor ends (:meth:`Country.matches <exodus.consolidate.Country.matches>`:
    alpha-2, alpha-3 or name; ``?`` for unknown), ``measure``, a date range the claim's period
    overlaps, ``text`` in its reports (sentence, speaker, outlet, document), ``conflicting``,
    the claim holding a ``fact_uid``, or claims with a report from ``document`` (a source)."""

    origin: str | None = None
    destination: str | None = None
    measure: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    conflicting: bool | None = None
    fact_uid: str | None = None
    document: str | None = None


def _overlaps(
    first: date | None, last: date | None, since: date | None, until: date | None
) -> bool:
    if since is not None and (last is None or last < since):
        return False
    return not (until is not None and (first is None or first > until))


def list_claims(
    snapshot: Snapshot,
    f: ClaimFilter | None = None,
    *,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Claim]:
    """Claims matching ``f``, in the canonical order of their first reports."""
    f = f or ClaimFilter()
    result = snapshot.result
    if f.fact_uid is not None:
        cid = snapshot.by_fact.get(f.fact_uid)
        chosen: Iterable[Claim] = [snapshot.by_id[cid]] if cid else []
    elif f.origin is not None or f.destination is not None:
        chosen = snapshot.claims_of(_corridors(snapshot, f.origin, f.destination))
    else:
        chosen = result.claims
    needle = f.text.casefold() if f.text else None
    out = []
    for c in chosen:
        if f.measure is not None and c.measure != f.measure:
            continue
        if (f.since or f.until) and not _overlaps(*claim_span(c), f.since, f.until):
            continue
        if f.conflicting is not None and bool(result.conflicts_of(c.id)) != f.conflicting:
            continue
        if f.document is not None and f.document not in c.documents:
            continue
        if needle is not None and needle not in snapshot.claim_text(c):
            continue
        out.append(c)
    return paginate(out, limit, offset)


def get_claim(snapshot: Snapshot, claim_id: str) -> Claim:
    """One claim by id; NotFoundError when the current consolidation has none."""
    claim = snapshot.by_id.get(claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return claim


def list_conflicts(
    snapshot: Snapshot,
    *,
    origin: str | None = None,
    destination: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[tuple[Claim, Claim]]:
    """Pairs of claims that disagree, on the corridors matching the given ends."""
    keys = {c.key for c in _corridors(snapshot, origin, destination)}
    pairs = [
        (snapshot.by_id[a], snapshot.by_id[b])
        for a, b in snapshot.result.conflicts
        if snapshot.by_id[a].corridor in keys
    ]
    return paginate(pairs, limit, offset)


def _corridors(snapshot: Snapshot, origin: str | None, destination: str | None) -> list[Corridor]:
    return [
        c
        for c in snapshot.result.corridors
        if (origin is None or c.origin.matches(origin))
        and (destination is None or c.destination.matches(destination))
    ]


def list_corridors(
    snapshot: Snapshot,
    *,
    origin: str | None = None,
    destination: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Corridor]:
    """Corridors, busiest first (most reports), optionally by their ends."""
    return paginate(_corridors(snapshot, origin, destination), limit, offset)


def get_timeline(
    snapshot: Snapshot,
    origin: str,
    destination: str,
    *,
    since: date | None = None,
    until: date | None = None,
) -> Corridor:
    """One corridor with its daily flow timeline and stock series, the points clipped to
    ``since``..``until`` when given; NotFoundError when no claim names that corridor."""
    corridor = snapshot.result.corridor(origin, destination)
    if corridor is None:
        raise NotFoundError(f"no corridor {origin} -> {destination}")
    if since is None and until is None:
        return corridor

    def inside(d: date) -> bool:
        return (since is None or d >= since) and (until is None or d <= until)

    return replace(
        corridor,
        timeline=tuple(p for p in corridor.timeline if inside(p.date)),
        stocks=tuple(s for s in corridor.stocks if inside(s.date)),
    )


def list_alerts(
    snapshot: Snapshot,
    *,
    thresholds: Mapping[str, float] | None = None,
    origin: str | None = None,
    destination: str | None = None,
    period: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[Alert]:
    """Calendar periods whose flow on a corridor exceeds a threshold, by start day.

    ``thresholds`` overrides the defaults period by period (the timelines are not rebuilt, only
    the sums compared again); ``period`` keeps one of week, month, quarter; ``since``/``until``
    keep the periods overlapping that range.
    """
    if period is not None and period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: expected one of {', '.join(PERIODS)}")
    result = snapshot.result
    corridors = _corridors(snapshot, origin, destination)
    limits = {**result.thresholds, **(thresholds or {})}
    if limits == dict(result.thresholds):
        found = [a for c in corridors for a in c.alerts]
    else:
        found = [a for c in corridors for a in alerts(c.timeline, limits, corridor=c.key)]
    order = {c.key: i for i, c in enumerate(result.corridors)}
    found.sort(
        key=lambda a: (a.start, PERIODS.index(a.period), order.get(a.corridor or (None, None), 0))
    )
    kept = [
        a
        for a in found
        if (period is None or a.period == period) and _overlaps(a.start, a.end, since, until)
    ]
    return paginate(kept, limit, offset)


# -- review -------------------------------------------------------------------------------------


def list_audit(
    store: Store,
    *,
    fact_uid: str | None = None,
    reviewer: str | None = None,
    action: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page[AuditEntry]:
    """The audit trail, newest first: every accepted review change."""
    entries, total = store.audit(
        fact_uid=fact_uid, reviewer=reviewer, action=action, limit=limit, offset=offset
    )
    return Page(entries, total, limit, offset)


def review_summary(store: Store) -> dict[str, Any]:
    """How many facts are unreviewed, accepted, corrected, rejected; splits and merges; audit
    entries."""
    return store.review_counts()


# -- exports ------------------------------------------------------------------------------------

EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "exodus-figures.csv"),
    "hxl": ("text/csv; charset=utf-8", "exodus-figures-hxl.csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "exodus-figures.jsonl"),
    "geojson": ("application/geo+json", "exodus-corridors.geojson"),
    "parquet": ("application/zip", "exodus-parquet.zip"),
    "flee": ("application/zip", "exodus-flee.zip"),
}


@dataclass(frozen=True)
class Export:
    """One export as bytes: its media type, a file name and the body (a zip of the files for
    the formats that write a folder: Parquet's three tables, FLEE's inputs)."""

    format: str
    media_type: str
    filename: str
    rows: int
    body: bytes


def export_dataset(store: Store, snapshot: Snapshot) -> Dataset:
    """What :mod:`exodus.serve.exports` reads, built on the snapshot's consolidation (so an
    export does not consolidate again) and the store's facts as reviewed now."""
    return Dataset(snapshot.result, tuple(store.facts()), dict(snapshot.urls))


def export(store: Store, snapshot: Snapshot, fmt: str, filters: Filters | None = None) -> Export:
    """The figures in one of :data:`EXPORT_TYPES`' formats, through the export functions of
    ``exodus export`` (:mod:`exodus.serve.exports`, :mod:`~exodus.serve.geo`,
    :mod:`~exodus.serve.flee`); ExportError (``FILTER``) for a filter it cannot use."""
    import io
    import tempfile
    import zipfile
    from pathlib import Path

    from exodus.serve import exports, flee, geo

    if fmt not in EXPORT_TYPES:
        raise ValueError(f"unknown export format {fmt!r}")
    media_type, filename = EXPORT_TYPES[fmt]
    data = export_dataset(store, snapshot)
    streams = {"csv": exports.export_csv, "hxl": exports.export_hxl,
               "jsonl": exports.export_jsonl, "geojson": geo.export_geojson}  # fmt: skip
    if fmt in streams:
        buffer = io.StringIO()
        written = streams[fmt](data, filters, buffer)
        return Export(fmt, media_type, filename, written.rows, buffer.getvalue().encode("utf-8"))
    with tempfile.TemporaryDirectory(prefix="exodus-export-") as tmp:
        folder = Path(tmp) / fmt
        write = exports.export_parquet if fmt == "parquet" else flee.export_flee
        written = write(data, filters, folder)
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(folder).as_posix())
    return Export(fmt, media_type, filename, written.rows, packed.getvalue())
