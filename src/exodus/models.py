"""Typed records that cross module borders.

Data flows one way: ingest -> clean -> extract -> resolve -> store.  Every record here is
immutable; modules build new ones rather than mutating what they were given.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

Measure = Literal["flow", "stock", "wait_time", "queue_length"]
Qualifier = Literal[
    "exact", "about", "nearly", "more_than", "at_least", "less_than", "up_to", "range", "vague"
]
Unit = Literal["people", "households", "families", "vehicles", "hours", "days", "km"]
Modality = Literal["reported", "forecast", "order"]
Rate = Literal["total", "per_day", "per_week", "per_month"]
PublishedSource = Literal["given", "metadata", "url", "inferred"]


@dataclass(frozen=True)
class RawDocument:
    """Bytes as they arrived, with where they came from.

    ``source`` is the path as given on the command line (or ``-`` for stdin) or the URL.
    ``media_type`` is a hint (``text/html`` or ``text/plain``); cleaning sniffs when it is None.
    """

    source: str
    content: bytes
    media_type: str | None = None
    url: str | None = None
    published: date | None = None  # given by the caller (--published), wins over anything found


@dataclass(frozen=True)
class OffsetMap:
    """Maps character offsets in cleaned text back to offsets in the original text.

    The original text is the decoded input (for HTML: the text trafilatura extracted, before our
    own normalisation).  ``segments`` holds ``(clean_start, raw_start, length)`` runs copied
    one-to-one; a clean offset that falls in no run maps to the raw start of the run after it.
    """

    segments: tuple[tuple[int, int, int], ...]
    clean_length: int
    raw_length: int

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of the character at ``clean_offset`` (end offsets map to run ends)."""
        if clean_offset >= self.clean_length:
            return self.raw_length if not self.segments else self._end_of_last()
        i = bisect.bisect_right(self._starts, clean_offset) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else 0
        c0, r0, n = self.segments[i]
        if clean_offset < c0 + n:
            return r0 + (clean_offset - c0)
        # inserted character (e.g. a space put between glued sentences): map to the next run
        if i + 1 < len(self.segments):
            return self.segments[i + 1][1]
        return r0 + n

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` for the clean half-open span ``[start, end)``."""
        if end <= start:
            r = self.to_raw(start)
            return r, r
        return self.to_raw(start), self._raw_end(end)

    def _raw_end(self, clean_end: int) -> int:
        """Raw offset just after the character at ``clean_end - 1``, ignoring inserted ones."""
        i = bisect.bisect_right(self._starts, clean_end - 1) - 1
        if i < 0:
            return self.segments[0][1] if self.segments else 0
        c0, r0, n = self.segments[i]
        return r0 + min(n, clean_end - c0)

    @cached_property
    def _starts(self) -> list[int]:
        return [s[0] for s in self.segments]

    def _end_of_last(self) -> int:
        _c0, r0, n = self.segments[-1]
        return r0 + n

    @staticmethod
    def identity(length: int) -> OffsetMap:
        return OffsetMap(((0, 0, length),) if length else (), length, length)


@dataclass(frozen=True)
class RemovedSpan:
    """A stretch of the original text that cleaning dropped on purpose, and why."""

    start: int
    end: int
    kind: str  # e.g. "app_banner", "promo_headline", "photo_caption", "photo_credit", "cta", "source_link"
    text: str


@dataclass(frozen=True)
class CleanDocument:
    source: str
    original: str  # the decoded text that offsets map back to
    text: str  # the cleaned text facts point into
    offsets: OffsetMap
    content_hash: str  # sha256 of the raw bytes
    text_hash: str  # sha256 of the cleaned text
    media_type: str
    title: str | None = None
    url: str | None = None
    language: str = "en"
    published: date | None = None
    published_source: PublishedSource | None = None
    removed: tuple[RemovedSpan, ...] = ()


@dataclass(frozen=True)
class StoredText:
    """A stored document as consolidation reads it: the cleaned text and when it was published.

    ``key`` is the content hash of the raw bytes; ``source`` is what facts name as their
    ``document`` (the path or URL it was stored under).
    """

    key: str
    source: str
    text: str
    published: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-2
    kind: str = "country"  # country, admin1, city, crossing, region
    iso3: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact came from, with offsets into the cleaned and the original text."""

    sentence: str
    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class Fact:
    document: str
    measure: Measure
    term: str
    value: float
    qualifier: Qualifier
    unit: Unit
    modality: Modality
    rate: Rate
    evidence: Evidence
    low: float | None = None
    high: float | None = None
    population: str | None = None
    origin: Place | None = None
    destination: Place | None = None
    place: Place | None = None
    period_start: date | None = None
    period_end: date | None = None
    speaker: str | None = None
    speaker_via: str | None = None  # the outlet the speaker told ("told Reuters")
    confidence: float = 0.5
    published: date | None = None
    published_inferred: bool = False
    extractor: str = "exodus.rules.v1"
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The FACTS.md record: plain JSON types, dates as ISO strings."""

        def num(x: float | None) -> float | int | None:
            if x is None:
                return None
            return int(x) if float(x).is_integer() else x

        return {
            "document": self.document,
            "measure": self.measure,
            "term": self.term,
            "value": num(self.value),
            "low": num(self.low),
            "high": num(self.high),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "modality": self.modality,
            "rate": self.rate,
            "population": self.population,
            "origin": self.origin.to_dict() if self.origin else None,
            "destination": self.destination.to_dict() if self.destination else None,
            "place": self.place.to_dict() if self.place else None,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "speaker": self.speaker,
            "speaker_via": self.speaker_via,
            "evidence": asdict(self.evidence),
            "confidence": round(self.confidence, 3),
            "published": self.published.isoformat() if self.published else None,
            "published_inferred": self.published_inferred,
            "extractor": self.extractor,
        }


@dataclass(frozen=True)
class Rejection:
    """A document (or candidate) dropped on purpose.  ``code`` is a stable reason code (errors.py)."""

    source: str
    code: str
    message: str
    content_hash: str | None = None

    def line(self) -> str:
        return f"{self.source}: {self.code}: {self.message}"


@dataclass(frozen=True)
class DocumentResult:
    """What ``process_document`` returns: the cleaned document and its facts, or a rejection."""

    source: str
    document: CleanDocument | None = None
    facts: tuple[Fact, ...] = ()
    rejection: Rejection | None = None

    @property
    def ok(self) -> bool:
        return self.rejection is None


@dataclass(frozen=True)
class AuditEntry:
    """One accepted review change: who, when, what, the values before and after, and why.

    ``action`` is ``accept``, ``reject``, ``correct``, ``split`` or ``merge``; ``target`` the
    fact_uid reviewed, or the claims merged (``a+b``); ``facts`` every fact_uid the change
    touched; ``before``/``after`` hold only what changed (``status`` for a fact's review status).
    ``at`` is an ISO timestamp in UTC.
    """

    id: int
    at: str
    reviewer: str
    action: str
    target: str
    facts: tuple[str, ...]
    before: dict[str, Any]
    after: dict[str, Any]
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "facts": list(self.facts)}


@dataclass(frozen=True)
class ClaimPin:
    """A reviewer's decision about which claim a fact belongs to.

    Facts with the same ``group`` form one claim.  ``kind`` is ``split`` (the fact stays apart:
    nothing else joins it) or ``merge`` (the group's facts are one claim, which further facts may
    still join by the usual rule).
    """

    fact_uid: str
    group: str
    kind: str
    reviewer: str
    at: str
    why: str
    audit_id: int

    def reason(self) -> str:
        """The merge reason a report carries when this pin put it in its claim."""
        return (
            f"reviewed {self.kind} by {self.reviewer} on {self.at[:10]}"
            f" (audit #{self.audit_id}): {self.why}"
        )
