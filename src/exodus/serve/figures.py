"""One row per figure: a stored fact with its claim and its provenance, as every table export
(CSV, HXL, JSONL, Parquet) and :func:`exodus.serve.frames.facts_frame` write it.

Two identifiers:

* ``fact_id`` is the store's ``fact_uid``: a hash of the document's raw bytes, the evidence
  offsets, the value, the measure and the unit.  Re-ingesting the same corpus into a fresh
  database, in any order, gives the same ids; so does re-extracting with a better resolver.
* ``row_hash`` is a hash of every other column of the row: it changes when anything in the row
  changes (a date resolved differently, a new claim id because an earlier report of the same
  figure was ingested, a new conflict), and only then.

Rows come in a canonical order (publication date, document, position in the text, id), so
the same store gives the same file whatever order its documents were ingested in.  Facts from
near-duplicate documents are exported too, with ``copy_of`` naming the original and no claim:
consolidation does not count them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, fields
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from exodus.serve.dataset import NO_FILTERS, Dataset, Filters


@dataclass(frozen=True)
class FigureRow:
    """One figure as one document states it, with its claim and provenance (see COLUMNS)."""

    fact_id: str
    claim_id: str | None
    copy_of: str | None
    conflicts_with: tuple[str, ...]
    origin_iso3: str | None
    origin_iso2: str | None
    origin_country: str | None
    origin_name: str | None
    destination_iso3: str | None
    destination_iso2: str | None
    destination_country: str | None
    destination_name: str | None
    place_name: str | None
    place_kind: str | None
    place_lat: float | None
    place_lon: float | None
    period_start: date | None
    period_end: date | None
    measure: str
    term: str
    value: float
    people: float | None
    low: float | None
    high: float | None
    unit: str
    qualifier: str
    modality: str
    rate: str
    population: str | None
    speaker: str | None
    speaker_via: str | None
    original_source: str | None
    outlet: str | None
    document: str
    url: str | None
    published: date | None
    published_inferred: bool
    excerpt: str
    start: int | None
    end: int | None
    raw_start: int | None
    raw_end: int | None
    cue: str
    cue_start: int | None
    cue_end: int | None
    confidence: float
    extractor: str

    @property
    def row_hash(self) -> str:
        """16 hex digits of SHA-256 over every column but this one, in column order."""
        payload = json.dumps(astuple(self), default=str, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    @property
    def day(self) -> date | None:
        """The day filters date this figure by: period end, else start, else publication."""
        return self.period_end or self.period_start or self.published

    def to_dict(self) -> dict[str, Any]:
        """The row in :data:`COLUMNS` order: ``fact_id``, ``row_hash``, then the rest."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: (self.row_hash if name == "row_hash" else values[name]) for name in COLUMNS}


COLUMNS: tuple[str, ...] = (
    "fact_id",
    "row_hash",
    *(f.name for f in fields(FigureRow) if f.name != "fact_id"),
)
"""Column order of every table export of figures."""

DESCRIPTIONS: dict[str, str] = {
    "fact_id": "stable id of the figure (the store's fact_uid): the same after re-ingesting the same texts",
    "row_hash": "hash of every other column: changes when anything in the row changes",
    "claim_id": "the claim this report belongs to (empty for a syndicated copy)",
    "copy_of": "the original document when this one is a near-duplicate copy (not counted)",
    "conflicts_with": "ids of claims that disagree with this row's claim, space-separated",
    "origin_iso3": "origin country, ISO 3166-1 alpha-3",
    "origin_iso2": "origin country, ISO 3166-1 alpha-2",
    "origin_country": "origin country, English name",
    "origin_name": "origin as resolved (a country, region or town)",
    "destination_iso3": "destination country, ISO 3166-1 alpha-3",
    "destination_iso2": "destination country, ISO 3166-1 alpha-2",
    "destination_country": "destination country, English name",
    "destination_name": "destination as resolved (a country, region or town)",
    "place_name": "the crossing point or town the figure is about",
    "place_kind": "crossing, city, region, camp, admin1 or country",
    "place_lat": "latitude of the place (WGS 84)",
    "place_lon": "longitude of the place (WGS 84)",
    "period_start": "first day the figure covers (ISO 8601)",
    "period_end": "last day the figure covers, or the 'as of' day of a stock (ISO 8601)",
    "measure": "flow, stock, wait_time or queue_length",
    "term": "the movement as stated, normalised (fled, crossed, entered, ...)",
    "value": "the headline number (a range's midpoint, a vague magnitude's lower bound)",
    "people": "the value when it counts people (empty for households, vehicles, hours, km)",
    "low": "lower bound when the text gives or implies one",
    "high": "upper bound when the text gives or implies one",
    "unit": "people, households, families, vehicles, hours, days or km",
    "qualifier": "exact, about, nearly, more_than, at_least, less_than, up_to, range, vague",
    "modality": "reported, forecast or order",
    "rate": "total, per_day, per_week or per_month",
    "population": "who, as the text names them",
    "speaker": "who the document says gave the figure",
    "speaker_via": "the outlet the speaker talked to ('told Reuters')",
    "original_source": "the body the claim's reports credit (the first stated speaker)",
    "outlet": "the outlet that published the document (host of its URL)",
    "document": "the file path or URL the document was ingested from",
    "url": "the document's URL",
    "published": "publication date of the document (ISO 8601)",
    "published_inferred": "true when the publication date was inferred from the text",
    "excerpt": "the sentence the figure came from (the evidence)",
    "start": "evidence start offset in the cleaned text",
    "end": "evidence end offset in the cleaned text",
    "raw_start": "evidence start offset in the original text",
    "raw_end": "evidence end offset in the original text",
    "cue": "the words that state the figure",
    "cue_start": "cue start offset in the cleaned text",
    "cue_end": "cue end offset in the cleaned text",
    "confidence": "0 to 1",
    "extractor": "the extraction rules' versioned name",
}


def _date(x: Any) -> date | None:
    if x is None or x == "":
        return None
    return x if isinstance(x, date) else date.fromisoformat(str(x)[:10])


def _float(x: Any) -> float | None:
    return None if x is None else float(x)


def _int(x: Any) -> int | None:
    return None if x is None else int(x)


def _str(x: Any) -> str | None:
    return None if x is None or x == "" else str(x)


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL without ``www.``, else None."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    return (urlsplit(url).hostname or "").removeprefix("www.") or None


def figure_pairs(
    data: Dataset, filters: Filters | None = None
) -> list[tuple[Mapping[str, Any], FigureRow]]:
    """Each kept stored fact with its row, in the canonical order (see the module docstring)."""
    filters = filters or NO_FILTERS
    pairs = [(fact, row_of(data, fact)) for fact in data.facts]
    kept = [
        (fact, row)
        for fact, row in pairs
        if filters.keeps_measure(row.measure)
        and filters.keeps_ends(data.country(row.origin_iso2), data.country(row.destination_iso2))
        and filters.keeps_day(row.day)
    ]
    kept.sort(key=lambda fr: _order(fr[1]))
    return kept


def figure_rows(data: Dataset, filters: Filters | None = None) -> list[FigureRow]:
    """The rows of the figures that pass ``filters``, in the canonical order."""
    return [row for _fact, row in figure_pairs(data, filters)]


def _order(row: FigureRow) -> tuple[Any, ...]:
    return (
        row.published is None,
        row.published or date.max,
        row.document,
        row.start if row.start is not None else -1,
        row.cue_start if row.cue_start is not None else -1,
        row.fact_id,
    )


def _place(place: Any) -> Mapping[str, Any]:
    return place if isinstance(place, Mapping) else {}


def row_of(data: Dataset, fact: Mapping[str, Any]) -> FigureRow:
    """The row of one stored fact (FACTS.md record with ``fact_uid``)."""
    uid = str(fact.get("fact_uid") or "")
    claim, report = data.reports.get(uid, (None, None))
    origin, destination, place = (_place(fact.get(k)) for k in ("origin", "destination", "place"))
    o = data.country(_str(origin.get("country")))
    d = data.country(_str(destination.get("country")))
    ev = fact.get("evidence") or {}
    document = str(fact["document"])
    url = data.urls.get(document) or (document if host_of(document) else None)
    value = float(fact["value"])
    conflicts = data.consolidation.conflicts_of(claim.id) if claim else ()
    return FigureRow(
        fact_id=uid,
        claim_id=claim.id if claim else None,
        copy_of=data.copies.get(document),
        conflicts_with=tuple(conflicts),
        origin_iso3=o.iso3,
        origin_iso2=o.country,
        origin_country=o.name,
        origin_name=_str(origin.get("name")),
        destination_iso3=d.iso3,
        destination_iso2=d.country,
        destination_country=d.name,
        destination_name=_str(destination.get("name")),
        place_name=_str(place.get("name")),
        place_kind=_str(place.get("kind")),
        place_lat=_float(place.get("lat")),
        place_lon=_float(place.get("lon")),
        period_start=_date(fact.get("period_start")),
        period_end=_date(fact.get("period_end")),
        measure=str(fact["measure"]),
        term=str(fact.get("term") or ""),
        value=value,
        people=value if fact.get("unit") == "people" else None,
        low=_float(fact.get("low")),
        high=_float(fact.get("high")),
        unit=str(fact.get("unit") or "people"),
        qualifier=str(fact.get("qualifier") or "exact"),
        modality=str(fact.get("modality") or "reported"),
        rate=str(fact.get("rate") or "total"),
        population=_str(fact.get("population")),
        speaker=_str(fact.get("speaker")),
        speaker_via=_str(fact.get("speaker_via")),
        original_source=claim.original_source if claim else _str(fact.get("speaker")),
        outlet=(report.outlet if report else None) or host_of(url),
        document=document,
        url=url,
        published=_date(fact.get("published")),
        published_inferred=bool(fact.get("published_inferred")),
        excerpt=str(ev.get("sentence") or ""),
        start=_int(ev.get("start")),
        end=_int(ev.get("end")),
        raw_start=_int(ev.get("raw_start")),
        raw_end=_int(ev.get("raw_end")),
        cue=str(ev.get("cue") or ""),
        cue_start=_int(ev.get("cue_start")),
        cue_end=_int(ev.get("cue_end")),
        confidence=float(fact.get("confidence") or 0.0),
        extractor=str(fact.get("extractor") or ""),
    )


def cell(value: Any) -> str:
    """A value as a CSV cell: ISO dates, whole numbers without ``.0``, lists space-separated,
    ``true``/``false``, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return " ".join(str(v) for v in value)
    return str(value)


def jsonable(value: Any) -> Any:
    """A value as plain JSON: ISO dates, whole floats as ints, tuples as lists."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    return value


def record_of(fact: Mapping[str, Any], row: FigureRow) -> dict[str, Any]:
    """A JSONL record: the stored FACTS.md fact (``fact_uid`` as ``fact_id``), ISO 3166-1
    alpha-3 codes on its origin and destination, and its claim and provenance."""
    out = {k: v for k, v in fact.items() if k != "fact_uid"}
    for key, iso3 in (("origin", row.origin_iso3), ("destination", row.destination_iso3)):
        if isinstance(out.get(key), Mapping) and iso3:
            out[key] = {**out[key], "iso3": iso3}
    extra = ("claim_id", "copy_of", "conflicts_with", "original_source", "outlet", "url")
    return {
        "fact_id": row.fact_id,
        "row_hash": row.row_hash,
        **{k: jsonable(getattr(row, k)) for k in extra},
        **out,
    }


def descriptions(columns: Iterable[str] = COLUMNS) -> dict[str, str]:
    """What each column means (for docs and data dictionaries)."""
    return {c: DESCRIPTIONS[c] for c in columns}
