"""Records <-> table rows: plain dicts stay in here and in ``store.py``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, fields
from datetime import UTC, date, datetime
from typing import Any

from exodus.models import CleanDocument, Fact, OffsetMap, Place, RemovedSpan


def fact_uid(content_hash: str, fact: Fact) -> str:
    """Stable id of a fact: its document's content hash, evidence offsets, value, measure, unit.

    It does not depend on what resolution made of the fact (places, dates, speaker, confidence),
    so re-extracting a document with a better resolver gives the same ids.
    """
    ev = fact.evidence
    key = [
        content_hash,
        ev.start,
        ev.end,
        ev.cue_start,
        ev.cue_end,
        repr(float(fact.value)),
        fact.measure,
        fact.unit,
    ]
    return hashlib.sha256(json.dumps(key, separators=(",", ":")).encode()).hexdigest()


def document_row(doc: CleanDocument, now: datetime) -> dict[str, Any]:
    return {
        "content_hash": doc.content_hash,
        "text_hash": doc.text_hash,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "media_type": doc.media_type,
        "language": doc.language,
        "published": doc.published,
        "published_source": doc.published_source,
        "text": doc.text,
        "original": doc.original,
        "removed": [asdict(span) for span in doc.removed],
        "offsets": {
            "segments": [list(seg) for seg in doc.offsets.segments],
            "clean_length": doc.offsets.clean_length,
            "raw_length": doc.offsets.raw_length,
        },
        "ingested_at": now,
    }


def document_from_row(row: Mapping[Any, Any]) -> CleanDocument:
    offsets = row["offsets"]
    return CleanDocument(
        source=row["source"],
        original=row["original"],
        text=row["text"],
        offsets=OffsetMap(
            segments=tuple((int(c), int(r), int(n)) for c, r, n in offsets["segments"]),
            clean_length=int(offsets["clean_length"]),
            raw_length=int(offsets["raw_length"]),
        ),
        content_hash=row["content_hash"],
        text_hash=row["text_hash"],
        media_type=row["media_type"],
        title=row["title"],
        url=row["url"],
        language=row["language"],
        published=row["published"],
        published_source=row["published_source"],
        removed=tuple(RemovedSpan(**span) for span in row["removed"]),
    )


def _place(prefix: str, place: Place | None) -> dict[str, Any]:
    return {
        prefix: place.to_dict() if place else None,
        f"{prefix}_name": place.name if place else None,
        f"{prefix}_country": place.country if place else None,
    }


def fact_row(fact: Fact, document_id: int, content_hash: str) -> dict[str, Any]:
    ev = fact.evidence
    return {
        "fact_uid": fact_uid(content_hash, fact),
        "document_id": document_id,
        "measure": fact.measure,
        "term": fact.term,
        "value": float(fact.value),
        "low": None if fact.low is None else float(fact.low),
        "high": None if fact.high is None else float(fact.high),
        "qualifier": fact.qualifier,
        "unit": fact.unit,
        "modality": fact.modality,
        "rate": fact.rate,
        "population": fact.population,
        **_place("origin", fact.origin),
        **_place("destination", fact.destination),
        **_place("place", fact.place),
        "period_start": fact.period_start,
        "period_end": fact.period_end,
        "speaker": fact.speaker,
        "speaker_via": fact.speaker_via,
        "sentence": ev.sentence,
        "start_offset": ev.start,
        "end_offset": ev.end,
        "cue": ev.cue,
        "cue_start": ev.cue_start,
        "cue_end": ev.cue_end,
        "raw_start": ev.raw_start,
        "raw_end": ev.raw_end,
        "confidence": float(fact.confidence),
        "extractor": fact.extractor,
        "published": fact.published,
        "published_inferred": bool(fact.published_inferred),
        "notes": list(fact.notes),
    }


_PLACE_KEYS = [f.name for f in fields(Place)]


def _place_dict(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A stored place in ``Place.to_dict()`` key order (PostgreSQL's JSONB reorders keys)."""
    if value is None:
        return None
    ordered = {k: value[k] for k in _PLACE_KEYS if k in value}
    return {**ordered, **{k: v for k, v in value.items() if k not in ordered}}


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def fact_dict(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The FACTS.md record (the same shape as ``Fact.to_dict()``) plus ``fact_uid``."""
    return {
        "document": row["source"],
        "measure": row["measure"],
        "term": row["term"],
        "value": _num(row["value"]),
        "low": _num(row["low"]),
        "high": _num(row["high"]),
        "qualifier": row["qualifier"],
        "unit": row["unit"],
        "modality": row["modality"],
        "rate": row["rate"],
        "population": row["population"],
        "origin": _place_dict(row["origin"]),
        "destination": _place_dict(row["destination"]),
        "place": _place_dict(row["place"]),
        "period_start": _iso(row["period_start"]),
        "period_end": _iso(row["period_end"]),
        "speaker": row["speaker"],
        "speaker_via": row["speaker_via"],
        "evidence": {
            "sentence": row["sentence"],
            "start": row["start_offset"],
            "end": row["end_offset"],
            "cue": row["cue"],
            "cue_start": row["cue_start"],
            "cue_end": row["cue_end"],
            "raw_start": row["raw_start"],
            "raw_end": row["raw_end"],
        },
        "confidence": round(row["confidence"], 3),
        "published": _iso(row["published"]),
        "published_inferred": bool(row["published_inferred"]),
        "extractor": row["extractor"],
        "fact_uid": row["fact_uid"],
    }


def timestamp(value: datetime | None) -> str | None:
    """ISO string in UTC (SQLite hands timestamps back without their zone)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()
