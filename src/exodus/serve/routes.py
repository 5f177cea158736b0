"""Read endpoints: each is one call to a query function of :mod:`exodus.serve.queries`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from exodus import __version__
from exodus.serve import queries, schemas
from exodus.serve.app import EncodedJSON, get_cache, get_store
from exodus.serve.cache import ConsolidationCache, Snapshot
from exodus.serve.dataset import Filters
from exodus.serve.encode import encode_json, encode_page
from exodus.store import FactFilter, Store

router = APIRouter()

# text parameters: no control characters (PostgreSQL refuses NUL in text)
PLAIN = r"^[^\x00-\x1f\x7f]*$"
Text = Annotated[str | None, Query(max_length=200, pattern=PLAIN)]
Source = Annotated[
    str | None,
    Query(max_length=4000, pattern=PLAIN, description="A document's source (path or URL)."),
]
Since = Annotated[date | None, Query(description="Keep what ends on or after this day.")]
Until = Annotated[date | None, Query(description="Keep what starts on or before this day.")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
End = Annotated[
    str | None,
    Query(
        max_length=100,
        pattern=PLAIN,
        description="Country: ISO alpha-2 or alpha-3 code or English name; ? for unknown.",
    ),
]
Measure = Literal["flow", "stock", "wait_time", "queue_length"]
StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[ConsolidationCache, Depends(get_cache)]
Id = Annotated[str, Path(max_length=200, pattern=PLAIN)]


def _page(page: queries.Page[Any]) -> EncodedJSON:
    """A page as JSON.  Read endpoints answer with the library's records encoded as they are (the
    response models describe them for the schema; they do not reshape them)."""
    body = {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
    return EncodedJSON(encode_json(body))


def _json(content: Any) -> EncodedJSON:
    return EncodedJSON(encode_json(content))


def _snapshot(store: Store, cache: ConsolidationCache) -> Snapshot:
    return queries.consolidation(store, cache)


@router.get("/status", response_model=schemas.Status, tags=["status"])
def status(request: Request, store: StoreDep) -> Any:
    """What the store holds and how the server is set up."""
    serve = request.app.state.serve
    return _json(
        {
            "version": __version__,
            **store.counts(),
            "generation": store.generation()._asdict(),
            "writes": serve.token is not None,
            "protect_reads": serve.protect_reads,
        }
    )


@router.get("/documents", response_model=schemas.Page[schemas.DocumentSummary], tags=["documents"])
def list_documents(
    store: StoreDep,
    q: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Stored documents, oldest first (without their text): ``q`` searches source, title and
    text; ``since``/``until`` bound the publication date."""
    page = queries.list_documents(
        store, text=q, since=since, until=until, limit=limit, offset=offset
    )
    return _page(page.map(lambda d: d.to_dict()))


@router.get("/documents/{content_hash}", response_model=schemas.DocumentView, tags=["documents"])
def get_document(content_hash: Id, store: StoreDep, cache: CacheDep) -> Any:
    """One document by content hash: cleaned text, original text with the removed boilerplate
    spans, and every fact with its offsets (``evidence.start/end`` into ``text``,
    ``evidence.raw_start/raw_end`` into ``original``)."""
    return _json(queries.get_document(store, content_hash, _snapshot(store, cache)).to_dict())


@router.get("/facts", response_model=schemas.Page[schemas.Fact], tags=["facts"])
def list_facts(
    store: StoreDep,
    origin: End = None,
    destination: End = None,
    measure: Measure | None = None,
    since: Since = None,
    until: Until = None,
    document: Source = None,
    q: Text = None,
    status: Literal["unreviewed", "reviewed", "accepted", "corrected", "rejected", "any"]
    | None = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Stored facts with their reviews applied, in the order stored.  Rejected facts are left
    out unless ``status`` asks for them."""
    f = FactFilter(
        origin=origin, destination=destination, measure=measure, since=since, until=until,
        document=document, text=q, status=status,
    )  # fmt: skip
    return _page(queries.list_facts(store, f, limit=limit, offset=offset))


@router.get("/facts/{fact_uid}", response_model=schemas.Fact, tags=["facts"])
def get_fact(fact_uid: Id, store: StoreDep) -> Any:
    """One fact by fact_uid (rejected ones too)."""
    return _json(queries.get_fact(store, fact_uid))


@router.get("/claims", response_model=schemas.Page[schemas.Claim], tags=["claims"])
def list_claims(
    store: StoreDep,
    cache: CacheDep,
    origin: End = None,
    destination: End = None,
    measure: Measure | None = None,
    since: Since = None,
    until: Until = None,
    q: Text = None,
    conflicting: bool | None = None,
    fact_uid: Text = None,
    document: Source = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Claims: each figure once, with every report of it and why it was merged (reviewed
    merges say so), copies not counted, conflicts marked."""
    snap = _snapshot(store, cache)
    f = queries.ClaimFilter(origin, destination, measure, since, until, q, conflicting, fact_uid,
                            document)  # fmt: skip
    page = queries.list_claims(snap, f, limit=limit, offset=offset)
    items = [snap.claim_json(c) for c in page.items]
    return EncodedJSON(encode_page(items, page.total, page.limit, page.offset))


@router.get("/claims/{claim_id}", response_model=schemas.Claim, tags=["claims"])
def get_claim(claim_id: Id, store: StoreDep, cache: CacheDep) -> Any:
    """One claim by id."""
    snap = _snapshot(store, cache)
    return EncodedJSON(snap.claim_json(queries.get_claim(snap, claim_id)))


@router.get("/conflicts", response_model=schemas.Page[schemas.Conflict], tags=["claims"])
def list_conflicts(
    store: StoreDep,
    cache: CacheDep,
    origin: End = None,
    destination: End = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Pairs of claims about the same corridor and period that disagree."""
    snap = _snapshot(store, cache)
    page = queries.list_conflicts(
        snap, origin=origin, destination=destination, limit=limit, offset=offset
    )
    as_dict = snap.result.claim_dict
    return _page(page.map(lambda ab: {"a": as_dict(ab[0]), "b": as_dict(ab[1])}))


@router.get("/corridors", response_model=schemas.Page[schemas.Corridor], tags=["corridors"])
def list_corridors(
    store: StoreDep,
    cache: CacheDep,
    origin: End = None,
    destination: End = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Corridors, busiest first: latest cumulative estimate with its envelope, claims, reports,
    first and last day, alerts."""
    snap = _snapshot(store, cache)
    page = queries.list_corridors(
        snap, origin=origin, destination=destination, limit=limit, offset=offset
    )
    return _page(page.map(lambda c: c.to_dict()))


@router.get(
    "/corridors/{origin}/{destination}/timeline",
    response_model=schemas.Timeline,
    tags=["corridors"],
)
def get_timeline(
    origin: Annotated[str, Path(max_length=100, pattern=PLAIN)],
    destination: Annotated[str, Path(max_length=100, pattern=PLAIN)],
    store: StoreDep,
    cache: CacheDep,
    since: Since = None,
    until: Until = None,
) -> Any:
    """A corridor's daily flow series (each day traced to its claims) and its stock series.
    Ends are alpha-2 or alpha-3 codes or names; ``-`` stands for an unknown end."""
    snap = _snapshot(store, cache)
    corridor = queries.get_timeline(snap, origin, destination, since=since, until=until)
    if since is None and until is None:
        return EncodedJSON(snap.timeline_json(corridor))
    return _json(corridor.timeline_dict())


Threshold = Annotated[float | None, Query(gt=0, le=1e12, allow_inf_nan=False)]


@router.get("/alerts", response_model=schemas.Page[schemas.Alert], tags=["alerts"])
def list_alerts(
    store: StoreDep,
    cache: CacheDep,
    origin: End = None,
    destination: End = None,
    period: Literal["week", "month", "quarter"] | None = None,
    since: Since = None,
    until: Until = None,
    week: Threshold = None,
    month: Threshold = None,
    quarter: Threshold = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Weeks, months and quarters whose flow on a corridor exceeds a threshold (defaults 5,000,
    25,000, 100,000; ``week``/``month``/``quarter`` override them)."""
    snap = _snapshot(store, cache)
    given = {"week": week, "month": month, "quarter": quarter}
    page = queries.list_alerts(
        snap, thresholds={k: v for k, v in given.items() if v is not None}, origin=origin,
        destination=destination, period=period, since=since, until=until, limit=limit,
        offset=offset,
    )  # fmt: skip
    return _page(page.map(snap.result.alert_dict))


@router.get("/audit", response_model=schemas.Page[schemas.AuditEntry], tags=["review"])
def list_audit(
    store: StoreDep,
    fact_uid: Text = None,
    reviewer: Text = None,
    action: Literal["accept", "reject", "correct", "split", "merge"] | None = None,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """The audit trail, newest first: who changed what, when, the values before and after, why."""
    page = queries.list_audit(
        store, fact_uid=fact_uid, reviewer=reviewer, action=action, limit=limit, offset=offset
    )
    return _page(page.map(lambda e: e.to_dict()))


@router.get("/review", response_model=schemas.ReviewSummary, tags=["review"])
def review_summary(store: StoreDep) -> Any:
    """Facts by review status, splits and merges in force, audit entries."""
    return _json(queries.review_summary(store))


@router.get(
    "/exports/{format}",
    tags=["exports"],
    response_class=Response,
    responses={200: {"description": "The export file.", "content": {
        "text/csv": {}, "application/x-ndjson": {}, "application/geo+json": {},
        "application/zip": {}}}},
)  # fmt: skip
def get_export(
    format: Annotated[
        Literal["csv", "hxl", "jsonl", "geojson", "parquet", "flee"],
        Path(description="csv, hxl, jsonl, geojson; parquet and flee come as a zip."),
    ],
    store: StoreDep,
    cache: CacheDep,
    origin: End = None,
    destination: End = None,
    measure: Measure | None = None,
    since: Since = None,
    until: Until = None,
) -> Response:
    """The figures as a file, as ``exodus export`` writes them (reviews applied): one figure per
    row with its claim and provenance (csv, hxl, jsonl, parquet), the corridors (geojson) or FLEE
    validation inputs (flee)."""
    filters = Filters(origin, destination, measure, since, until)
    found = queries.export(store, _snapshot(store, cache), format, filters)
    disposition = f'attachment; filename="{found.filename}"'
    headers = {"Content-Disposition": disposition, "X-Exodus-Rows": str(found.rows)}
    return Response(found.body, media_type=found.media_type, headers=headers)
