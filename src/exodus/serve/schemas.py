"""The API's request and response bodies, as pydantic models: they make the OpenAPI schema.

The shapes are those of the library's ``to_dict`` methods (FACTS.md for facts, the consolidation
records of ``docs/consolidation.md``); these models only describe them.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
Number = int | float  # an int stays an int in JSON


class Open(BaseModel):
    """A model that passes through fields it does not name (the records may grow)."""

    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable reason code (NOT_FOUND, UNAUTHORIZED, VALIDATION...).")
    message: str = Field(description="One line for people.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="How many items match in all.")
    limit: int | None
    offset: int


# -- facts and documents ------------------------------------------------------------------------


class Place(Open):
    name: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    kind: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


class Evidence(Open):
    sentence: str
    start: int = Field(description="Offset of the sentence in the cleaned text.")
    end: int
    cue: str
    cue_start: int
    cue_end: int
    raw_start: int = Field(description="Offset of the sentence in the original text.")
    raw_end: int


class Review(BaseModel):
    status: Literal["accepted", "rejected", "corrected"]
    reviewer: str
    reviewed_at: str | None
    why: str
    audit_id: int
    extracted: dict[str, Any] = Field(description="What the extractor said, per corrected field.")


class Fact(Open):
    fact_uid: str
    document: str
    measure: str
    term: str
    value: Number
    low: Number | None = None
    high: Number | None = None
    qualifier: str
    unit: str
    modality: str
    rate: str
    population: str | None = None
    origin: Place | None = None
    destination: Place | None = None
    place: Place | None = None
    period_start: str | None = None
    period_end: str | None = None
    speaker: str | None = None
    speaker_via: str | None = None
    evidence: Evidence
    confidence: float
    published: str | None = None
    published_inferred: bool = False
    extractor: str
    review: Review | None = Field(None, description="Present when the fact has been reviewed.")


class DocumentSummary(BaseModel):
    content_hash: str = Field(description="sha256 of the bytes: the document's stable id.")
    source: str
    title: str | None
    url: str | None
    published: str | None
    published_source: str | None
    media_type: str
    language: str
    ingested_at: str
    facts: int


class RemovedSpan(BaseModel):
    start: int = Field(description="Offset in the original text.")
    end: int
    kind: str
    text: str


class DocumentView(BaseModel):
    content_hash: str
    source: str
    title: str | None
    url: str | None
    published: str | None
    published_source: str | None
    media_type: str
    language: str
    ingested_at: str
    text: str = Field(description="The cleaned text that evidence start/end point into.")
    original: str = Field(description="The decoded original that raw_start/raw_end point into.")
    removed: list[RemovedSpan] = Field(description="Boilerplate removed from the original.")
    facts: list[Fact] = Field(description="Every fact extracted from it, rejected ones too.")
    copy_of: str | None
    copies: list[str]


# -- consolidation ------------------------------------------------------------------------------


class Country(BaseModel):
    country: str | None
    iso3: str | None
    name: str | None


class Report(Open):
    document: str
    outlet: str | None
    published: str | None
    sentence: str
    cue: str
    speaker: str | None
    speaker_via: str | None
    value: Number
    low: Number | None
    high: Number | None
    qualifier: str
    period_start: str | None
    period_end: str | None
    start: int | None
    end: int | None
    fact_uid: str | None
    merge_reason: str


class Claim(Open):
    id: str
    origin: Country
    destination: Country
    measure: str
    rate: str
    unit: str
    modality: str
    value: Number
    low: Number
    high: Number
    implied_low: Number
    implied_high: Number
    period_start: str | None
    period_end: str | None
    original_source: str | None
    place: str | None
    conflicting: bool
    conflicts_with: list[str]
    copies: list[str]
    reports: list[Report]


class Conflict(BaseModel):
    a: Claim
    b: Claim


class Latest(BaseModel):
    date: str | None
    cumulative: Number
    low: Number
    high: Number
    claims: list[str]


class Corridor(Open):
    origin: Country
    destination: Country
    latest: Latest | None
    claims: int
    reports: int
    first: str | None
    last: str | None
    alerts: int


class TimelinePoint(BaseModel):
    date: str
    daily: Number | None
    daily_low: Number | None
    daily_high: Number | None
    cumulative: Number
    low: Number
    high: Number
    basis: str
    claims: list[str]


class StockPoint(BaseModel):
    date: str
    value: Number
    low: Number
    high: Number
    claims: list[str]


class Timeline(Corridor):
    points: list[TimelinePoint]
    stocks: list[StockPoint]


class Alert(BaseModel):
    origin: Country
    destination: Country
    period: str
    label: str
    start: str
    end: str
    flow: Number
    low: Number
    high: Number
    threshold: Number
    claims: list[str]


# -- review, upload, status ---------------------------------------------------------------------


class AuditEntry(BaseModel):
    id: int
    at: str
    reviewer: str
    action: str
    target: str
    facts: list[str]
    before: dict[str, Any]
    after: dict[str, Any]
    why: str


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reviewer: str = Field(min_length=1, max_length=500, description="Who makes the change.")
    why: str = Field(min_length=1, max_length=4000, description="Why: kept in the audit trail.")


class PlaceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    country: str | None = None
    kind: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


class FactChanges(BaseModel):
    """Fields to correct; a field given as null is set to null, a field left out is kept."""

    model_config = ConfigDict(extra="forbid")
    measure: str | None = None
    term: str | None = None
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    qualifier: str | None = None
    unit: str | None = None
    modality: str | None = None
    rate: str | None = None
    population: str | None = None
    origin: str | PlaceIn | None = Field(None, description="An alpha-2 code or a place object.")
    destination: str | PlaceIn | None = None
    place: str | PlaceIn | None = None
    period_start: str | None = None
    period_end: str | None = None
    published: str | None = None
    speaker: str | None = None
    speaker_via: str | None = None
    confidence: float | None = None


class CorrectBody(ReviewBody):
    changes: FactChanges


class MergeBody(ReviewBody):
    claims: list[str] = Field(min_length=2, max_length=50, description="Ids of the claims.")


class ReviewSummary(BaseModel):
    facts: dict[str, int]
    pins: dict[str, int]
    audit: int


class Rejection(BaseModel):
    code: str
    message: str


class UploadOutcome(BaseModel):
    source: str
    outcome: Literal["stored", "known", "rejected"]
    content_hash: str | None
    facts: int
    rejection: Rejection | None


class UploadResult(BaseModel):
    run: int
    read: int
    stored: int
    known: int
    rejected: dict[str, int]
    files: list[UploadOutcome]


class Status(BaseModel):
    version: str
    documents: int
    facts: int
    rejections: int
    generation: dict[str, int]
    writes: bool = Field(description="Whether a token is configured (writes possible).")
    protect_reads: bool
