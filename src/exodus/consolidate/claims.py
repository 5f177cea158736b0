"""Claims: one figure, many times reported, becomes one claim holding all its reports.

Input is FACTS.md dicts (as :meth:`exodus.models.Fact.to_dict` writes them).  Facts from
near-duplicate documents (keys of ``duplicates``) are dropped: a syndicated copy is not a second
report.  The copies are listed on the claims of their originals.

**Merge rule.**  A fact joins a claim when, against *every* report already in the claim:

1. *key*: same origin country, destination country, measure, unit, rate and modality;
2. *place*: same crossing or town when both state one (GeoNames id, else folded name);
3. *number*: its implied interval (:func:`implied_interval`) overlaps the intersection of the
   claim's intervals (for intervals, overlapping every one is the same as overlapping their
   intersection);
4. *period*: ``period_end`` within :data:`ADJACENT_DAYS` (2) days, or ``None`` on both; for a
   daily rate (``per_day``) the same day, since another day's rate is another figure;
5. *source*: the same original source (the speaker, not the outlet) when both state one, by
   :func:`exodus.consolidate.sources.same_source`.

Implied intervals: ``exact`` N is ``[N(1-r), N(1+r)]`` where ``r`` follows how round N is: 5% for
one significant digit (100,000), 1% for two (98,000), 0.5% for three, 0.1% for more; ``about``
``[0.9N, 1.1N]``; ``nearly`` ``[0.9N, N]``; ``more_than``/``at_least`` ``[N, 1.2N]``;
``less_than``/``up_to`` ``[0.8N, N]``; ``range`` and ``vague`` ``[low, high]``.

Facts are taken in a canonical order (published date, unknown last; document; evidence offset;
then the whole record), so the result does not depend on input order.  When a fact fits several
claims it joins the one whose common interval's midpoint is nearest its value (ties: the older
claim).  Each report carries a merge reason saying which rule let it in.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from exodus.consolidate.intervals import implied_interval, overlaps
from exodus.consolidate.sources import source_tokens
from exodus.models import ClaimPin

ADJACENT_DAYS = 2


@dataclass(frozen=True)
class Report:
    """One fact as one document states it: where, when, who said it and the figure."""

    document: str
    outlet: str | None
    published: date | None
    sentence: str
    cue: str
    speaker: str | None
    value: float
    low: float | None
    high: float | None
    qualifier: str
    period_start: date | None
    period_end: date | None
    speaker_via: str | None = None
    start: int | None = None  # evidence offsets into the cleaned text
    end: int | None = None
    fact_uid: str | None = None  # the stored fact's id (``fact_uid``), when it came from a store

    @cached_property
    def interval(self) -> tuple[float, float]:
        """The values this report is compatible with (:func:`implied_interval`)."""
        return implied_interval(self.qualifier, self.value, self.low, self.high)


@dataclass(frozen=True)
class Claim:
    """A figure reported by one or more documents, with the reasons its reports were merged.

    ``value`` is the lower median of the reports' values; ``low``/``high`` span the reports' stated
    bounds (a report without bounds contributes its value); ``implied_low``/``implied_high`` span
    their implied intervals and are what conflicts are judged on.  ``period_start``,
    ``period_end`` and ``original_source`` come from the first report that states them.
    """

    id: str
    origin: str | None
    destination: str | None
    measure: str
    rate: str
    unit: str
    modality: str
    value: float
    low: float
    high: float
    implied_low: float
    implied_high: float
    period_start: date | None
    period_end: date | None
    original_source: str | None
    reports: tuple[Report, ...]
    merge_reasons: tuple[str, ...]
    place: str | None = None
    copies: tuple[str, ...] = ()  # near-duplicate documents of the reports' documents, not counted

    @property
    def corridor(self) -> tuple[str | None, str | None]:
        """``(origin, destination)`` ISO 3166-1 alpha-2 codes."""
        return (self.origin, self.destination)

    @property
    def documents(self) -> tuple[str, ...]:
        """The distinct documents behind the claim, in report order."""
        return tuple(dict.fromkeys(r.document for r in self.reports))


# ---------------------------------------------------------------- reading fact dicts


def _date(x: Any) -> date | None:
    if x is None or x == "":
        return None
    if isinstance(x, date):
        return x
    return date.fromisoformat(str(x)[:10])


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def _country(place: Any) -> str | None:
    if place is None:
        return None
    if isinstance(place, Mapping):
        code = place.get("country")
        return str(code).upper() if code else None
    text = str(place)
    return text.upper() if len(text) == 2 and text.isalpha() else None


def _place_id(place: Any) -> str | None:
    if place is None:
        return None
    if isinstance(place, Mapping):
        if place.get("geonames_id") is not None:
            return f"geonames:{place['geonames_id']}"
        place = place.get("name")
    tokens = source_tokens(str(place)) if place else frozenset()
    return "name:" + " ".join(sorted(tokens)) if tokens else None


def _place_name(place: Any) -> str | None:
    if isinstance(place, Mapping):
        return str(place["name"]) if place.get("name") else None
    return None if place is None else str(place)


def _outlet(fact: Mapping[str, Any]) -> str | None:
    if fact.get("outlet"):
        return str(fact["outlet"])
    for name in ("url", "document"):
        url = str(fact.get(name) or "")
        if url.startswith(("http://", "https://")):
            host = urlsplit(url).hostname or ""
            return host.removeprefix("www.") or None
    return None


def report_of(fact: Mapping[str, Any]) -> Report:
    """The :class:`Report` of one FACTS.md dict."""
    ev = fact.get("evidence") or {}
    return Report(
        document=str(fact["document"]),
        outlet=_outlet(fact),
        published=_date(fact.get("published")),
        sentence=str(ev.get("sentence") or ""),
        cue=str(ev.get("cue") or ""),
        speaker=fact.get("speaker") or None,
        value=float(fact["value"]),
        low=_num(fact.get("low")),
        high=_num(fact.get("high")),
        qualifier=str(fact.get("qualifier") or "exact"),
        period_start=_date(fact.get("period_start")),
        period_end=_date(fact.get("period_end")),
        speaker_via=fact.get("speaker_via") or None,
        start=ev.get("start"),
        end=ev.get("end"),
        fact_uid=fact.get("fact_uid") or None,
    )


def _key(fact: Mapping[str, Any]) -> tuple[str | None, ...]:
    return (
        _country(fact.get("origin")),
        _country(fact.get("destination")),
        str(fact["measure"]),
        str(fact.get("unit") or "people"),
        str(fact.get("rate") or "total"),
        str(fact.get("modality") or "reported"),
    )


def _canonical_order(fact: Mapping[str, Any]) -> tuple[Any, ...]:
    return (*_order_prefix(fact), json.dumps(fact, sort_keys=True, default=str))


def _order_prefix(fact: Mapping[str, Any]) -> tuple[Any, ...]:
    published = _date(fact.get("published"))
    ev = fact.get("evidence") or {}
    start = ev.get("start")
    return (
        published is None,
        published or date.max,
        str(fact["document"]),
        start if isinstance(start, int) else -1,
    )


def canonical(facts: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Facts sorted by :func:`_canonical_order`; the whole record (as JSON) is only written out
    to break the ties of the cheap part of the key (facts of one sentence)."""
    keyed = sorted(((_order_prefix(f), i, f) for i, f in enumerate(facts)), key=lambda t: t[:2])
    out: list[Mapping[str, Any]] = []
    i = 0
    while i < len(keyed):
        j = i + 1
        while j < len(keyed) and keyed[j][0] == keyed[i][0]:
            j += 1
        run = [f for _k, _i, f in keyed[i:j]]
        if len(run) > 1:
            run.sort(key=lambda f: json.dumps(f, sort_keys=True, default=str))
        out.extend(run)
        i = j
    return out


# ---------------------------------------------------------------- merging


@dataclass
class _Draft:
    key: tuple[str | None, ...]
    place: str | None
    place_name: str | None
    reports: list[Report]
    reasons: list[str]
    common: tuple[float, float]
    order: int
    open: bool = True  # whether unpinned facts may join by the rule (not a split, not emptied)
    # summaries of the reports, so that a candidate is checked against them at once
    undated: int = 0  # reports without a period end
    ends: tuple[date, date] | None = None  # earliest and latest period end
    sources: set[frozenset[str]] = field(default_factory=set)  # distinct stated sources

    def __post_init__(self) -> None:
        for report in self.reports:
            self._summarise(report)

    def _summarise(self, report: Report) -> None:
        end = report.period_end
        if end is None:
            self.undated += 1
        elif self.ends is None:
            self.ends = (end, end)
        else:
            self.ends = (min(self.ends[0], end), max(self.ends[1], end))
        tokens = source_tokens(report.speaker)
        if tokens:
            self.sources.add(tokens)

    def take(self, report: Report, reason: str, place: str | None, name: str | None) -> None:
        self.reasons.append(reason)
        self.reports.append(report)
        self._summarise(report)
        lo, hi = report.interval
        self.common = (max(self.common[0], lo), min(self.common[1], hi))
        if self.common[0] > self.common[1]:  # a reviewed merge of disagreeing figures
            self.open = False
        if self.place is None and place is not None:
            self.place, self.place_name = place, name


class _Drafts:
    """The claims being built, indexed by key and by their first report's period end: a report
    fits a claim only if its period end is within a few days of every report's, the first one's
    included, so only the claims whose first report ends near it need a look."""

    def __init__(self) -> None:
        self.all: list[_Draft] = []
        self._index: dict[tuple[Any, ...], dict[date | None, list[_Draft]]] = {}

    def add(self, draft: _Draft, searchable: bool = True) -> _Draft:
        self.all.append(draft)
        if searchable:
            end = draft.reports[0].period_end
            self._index.setdefault(draft.key, {}).setdefault(end, []).append(draft)
        return draft

    def near(self, key: tuple[Any, ...], end: date | None) -> list[_Draft]:
        by_end = self._index.get(key)
        if not by_end:
            return []
        if end is None:
            return list(by_end.get(None, ()))
        slack = _slack(key[4])
        days = (end + timedelta(days=k) for k in range(-slack, slack + 1))
        return [dr for d in days for dr in by_end.get(d, ())]


def _fmt(x: float) -> str:
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _said(r: Report) -> str:
    qualifier = "" if r.qualifier == "exact" else r.qualifier.replace("_", " ") + " "
    return f"{qualifier}{_fmt(r.value)}"


def _slack(rate: str | None) -> int:
    """Days two period ends may differ by and still be one period: none for a daily rate."""
    return 0 if rate == "per_day" else ADJACENT_DAYS


def _period_ok(a: date | None, b: date | None, slack: int = ADJACENT_DAYS) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= slack


def _fits(draft: _Draft, report: Report, place: str | None) -> bool:
    if place is not None and draft.place is not None and place != draft.place:
        return False
    if not overlaps(report.interval, draft.common):
        return False
    # every report's period end within the slack of this one's (or none on both sides) ...
    end = report.period_end
    if end is None:
        if draft.ends is not None:
            return False
    else:
        slack = _slack(draft.key[4])
        if draft.undated or draft.ends is None:
            return False
        if not (_period_ok(draft.ends[0], end, slack) and _period_ok(draft.ends[1], end, slack)):
            return False
    # ... and the same source as every report that states one
    tokens = source_tokens(report.speaker)
    return not tokens or all(t <= tokens or tokens <= t for t in draft.sources)


def _reason(draft: _Draft, report: Report) -> str:
    first = draft.reports[0]
    o, d, measure, unit, rate, _modality = draft.key
    lo, hi = report.interval
    parts = [
        f"same corridor+measure+rate ({o or '?'}->{d or '?'} {measure} {rate} {unit})",
        f"{_said(report)} [{_fmt(lo)}-{_fmt(hi)}] within rounding of '{_said(first)}'"
        f" (common [{_fmt(draft.common[0])}-{_fmt(draft.common[1])}])",
    ]
    stated = next((r.speaker for r in draft.reports if source_tokens(r.speaker)), None)
    if source_tokens(report.speaker) and stated:
        said = "" if report.speaker == stated else f" (as '{report.speaker}')"
        parts.append(f"same source '{stated}'{said}")
    elif source_tokens(report.speaker):
        parts.append(f"source '{report.speaker}' (none stated before)")
    else:
        parts.append("source not stated")
    if report.period_end is None or first.period_end is None:
        parts.append("no period_end on either")
    else:
        gap = abs((report.period_end - first.period_end).days)
        how = "same day" if gap == 0 else f"adjacent, {gap} day{'s' * (gap > 1)}"
        parts.append(f"period_end {report.period_end} vs {first.period_end} ({how})")
    return "; ".join(parts)


def _claim_id(key: tuple[str | None, ...], first: Report) -> str:
    text = json.dumps(
        [list(key), first.document, first.start, first.end, first.sentence, first.value],
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _finish(draft: _Draft, copies: Mapping[str, list[str]], taken: set[str]) -> Claim:
    reports = tuple(draft.reports)
    first = reports[0]
    cid = _claim_id(draft.key, first)
    n = 2
    base = cid
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    taken.add(cid)
    values = sorted(r.value for r in reports)
    intervals = [r.interval for r in reports]
    o, d, measure, unit, rate, modality = draft.key
    docs = dict.fromkeys(r.document for r in reports)
    return Claim(
        id=cid,
        origin=o,
        destination=d,
        measure=str(measure),
        rate=str(rate),
        unit=str(unit),
        modality=str(modality),
        value=values[(len(values) - 1) // 2],
        low=min(r.low if r.low is not None else r.value for r in reports),
        high=max(r.high if r.high is not None else r.value for r in reports),
        implied_low=min(i[0] for i in intervals),
        implied_high=max(i[1] for i in intervals),
        period_start=next((r.period_start for r in reports if r.period_start), None),
        period_end=next((r.period_end for r in reports if r.period_end), None),
        original_source=next((r.speaker for r in reports if source_tokens(r.speaker)), None),
        reports=reports,
        merge_reasons=tuple(draft.reasons),
        place=draft.place_name,
        copies=tuple(sorted(c for doc in docs for c in copies.get(doc, ()))),
    )


def build_claims(
    facts: Sequence[Mapping[str, Any]],
    duplicates: Mapping[str, str],
    pins: Mapping[str, ClaimPin] | None = None,
) -> list[Claim]:
    """Merge facts that report the same figure into claims (see the module docstring for the rule).

    ``duplicates`` maps near-duplicate document keys to their originals
    (:func:`exodus.consolidate.neardup.find_duplicates`); their facts are dropped and the copies
    listed on the claims of their originals.  Claims come in the canonical order of their first
    reports.

    ``pins`` holds reviewers' decisions by ``fact_uid`` (:class:`~exodus.models.ClaimPin`): facts
    pinned to one group make one claim whatever the rule says, their reports carrying a
    ``reviewed merge`` reason; a fact pinned ``split`` makes a claim of its own that nothing else
    joins.  Other facts may still join a merged claim by the rule.  A pinned fact whose key
    (corridor, measure, unit, rate, modality) differs from its group's first fact is merged by
    the rule instead.
    """
    pins = pins or {}
    copies: dict[str, list[str]] = {}
    for copy, original in duplicates.items():
        copies.setdefault(original, []).append(copy)
    kept = canonical(f for f in facts if str(f["document"]) not in duplicates)
    drafts = _Drafts()
    pinned: dict[str, _Draft] = {}
    for fact in kept:
        report, key, place = report_of(fact), _key(fact), _place_id(fact.get("place"))
        name = _place_name(fact.get("place"))
        pin = pins.get(report.fact_uid) if report.fact_uid else None
        group = pinned.get(pin.group) if pin is not None else None
        if pin is not None and group is None:
            pinned[pin.group] = drafts.add(
                _Draft(key, place, name, [report], [f"first report; {pin.reason()}"],
                       report.interval, len(drafts.all), open=pin.kind != "split"),
                searchable=pin.kind != "split",
            )  # fmt: skip
            continue
        if pin is not None and group is not None and group.key == key:
            group.take(report, pin.reason(), place, name)
            continue
        fits = [
            dr for dr in drafts.near(key, report.period_end) if dr.open and _fits(dr, report, place)
        ]
        if not fits:
            drafts.add(
                _Draft(key, place, name, [report], ["first report"], report.interval,
                       len(drafts.all))
            )  # fmt: skip
            continue

        def distance(dr: _Draft, value: float = report.value) -> tuple[float, int]:
            mid = (dr.common[0] + dr.common[1]) / 2
            return (abs(math.log((abs(value) + 1) / (abs(mid) + 1))), dr.order)

        best = min(fits, key=distance)
        best.take(report, _reason(best, report), place, name)
    taken: set[str] = set()
    return [_finish(dr, copies, taken) for dr in drafts.all]
