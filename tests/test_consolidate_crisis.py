"""The fixture crisis (tests/fixtures/crisis, 39 articles) consolidated and checked against
expected.json, which the team worked out by hand.

Two inputs, so that consolidation's errors can be told from extraction's:

* **gold facts**: one fact per expected report, built from expected.json alone (corridor, measure,
  rate, unit, period and source of its claim; number and qualifier read from its cue by the words
  of eval/CONVENTIONS.md).  This is what consolidation makes of a perfect extraction.
* **the pipeline**: the 39 articles go through ``ingest_paths`` into a temporary SQLite store and
  ``consolidate_store`` runs on it.  This is the product, extraction errors included.

A stored fact is matched to an expected report ``(document, cue)`` when its evidence sentence
holds the cue or its number is the cue's number (one fact per report, best match first).  Merge
precision and recall are counted over pairs of matched reports: a pair is a "same-claim pair" in
expected.json when both reports are listed under one claim, and in the result when both facts
are reports of one claim.  They are computed over every extracted report, and again over the
*faithfully* extracted ones (the fact agrees with its expected claim on corridor, measure, rate,
unit, modality and period, and its speaker names part of the same body), which isolates the
merge rule from extraction errors.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exodus.cli import app, ingest_paths
from exodus.config import load_settings
from exodus.consolidate.records import Consolidation
from exodus.consolidate.run import consolidate, consolidate_store
from exodus.consolidate.sources import source_tokens
from exodus.models import StoredText
from exodus.store import open_store

CRISIS = Path(__file__).parent / "fixtures" / "crisis"
EXPECTED: dict[str, Any] = json.loads((CRISIS / "expected.json").read_text(encoding="utf-8"))
CLAIMS: dict[str, dict[str, Any]] = {c["id"]: c for c in EXPECTED["claims"]}
# every expected report: (claim id, document, cue)
REPORTS = [(c["id"], r["document"], r["cue"]) for c in EXPECTED["claims"] for r in c["reports"]]
COPIES = {copy: group[0] for group in EXPECTED["duplicates"] for copy in group[1:]}

runner = CliRunner()
# the pipeline ingests 39 articles with spaCy (and each CLI test consolidates again): over 10 s
# in all; the gold-fact tests need neither and stay in the fast suite
slow = pytest.mark.slow

# ---------------------------------------------------------------- matching and scoring

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d{3,}")
_QUALIFIER = re.compile(
    r"\b(between|some|about|around|roughly|approximately|an estimated|nearly|almost|close to|"
    r"just under|more than|over|topping|at least|up to|as many as|fewer than|below|under)\s+"
    r"(?=\d)",
    re.IGNORECASE,
)
_QUALIFIERS = {
    "between": "range",
    **dict.fromkeys(
        ("some", "about", "around", "roughly", "approximately", "an estimated"), "about"
    ),
    **dict.fromkeys(("nearly", "almost", "close to", "just under"), "nearly"),
    **dict.fromkeys(("more than", "over", "topping"), "more_than"),
    "at least": "at_least",
    **dict.fromkeys(("up to", "as many as"), "up_to"),
    **dict.fromkeys(("fewer than", "below", "under"), "less_than"),
}


def numbers(cue: str) -> list[float]:
    """The figures of a cue (grouped thousands or three digits and more; not "Sept. 21")."""
    return [float(n.replace(",", "")) for n in _NUMBER.findall(cue)]


def name(document: str) -> str:
    return Path(document).name


def _score(fact: Mapping[str, Any], document: str, cue: str) -> int:
    """0 when the fact cannot be this report; higher for a better match."""
    if name(fact["document"]) != document:
        return 0
    ev = fact["evidence"]
    holds = cue.casefold() in ev["sentence"].casefold()
    values = {fact["value"], fact.get("low"), fact.get("high")} - {None}
    same_number = bool(values & set(numbers(cue)))
    if not (holds or same_number):
        return 0
    own_cue = bool(ev["cue"]) and ev["cue"].casefold() in cue.casefold()
    return 4 * own_cue + 2 * same_number + holds


def match_reports(facts: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Expected report index -> fact index, one to one, best score first."""
    scored = sorted(
        (
            (_score(f, doc, cue), i, j)
            for i, (_cid, doc, cue) in enumerate(REPORTS)
            for j, f in enumerate(facts)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scored:
        if score == 0:
            break
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def claim_of_fact(result: Consolidation) -> dict[tuple[Any, ...], str]:
    """(document, start, end, value, cue) of every report -> the id of its claim."""
    return {
        (r.document, r.start, r.end, r.value, r.cue): c.id for c in result.claims for r in c.reports
    }


def _fact_key(f: Mapping[str, Any]) -> tuple[Any, ...]:
    ev = f["evidence"]
    return (f["document"], ev["start"], ev["end"], float(f["value"]), ev["cue"])


def faithful(fact: Mapping[str, Any], claim: Mapping[str, Any]) -> bool:
    """Whether extraction got the attributes that decide a merge right for this report."""
    ends = [(fact.get(k) or {}).get("country") for k in ("origin", "destination")]
    speaker = fact.get("speaker")
    return (
        ends == claim["corridor"]
        and (fact["measure"], fact["rate"], fact["unit"])
        == (claim["measure"], claim["rate"], claim["unit"])
        and fact["modality"] == "reported"
        and fact["period_end"] == claim["period_end"]
        and (claim["period_start"] is None or fact["period_start"] == claim["period_start"])
        and (
            not source_tokens(speaker)
            or bool(source_tokens(speaker) & source_tokens(claim["source"]))
        )
    )


@dataclass(frozen=True)
class PairScore:
    reports: int  # reports scored
    true: int  # same claim in expected and in the result
    false: int  # same claim in the result only
    missed: int  # same claim in expected only

    @property
    def precision(self) -> float:
        return self.true / (self.true + self.false) if self.true + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.true / (self.true + self.missed) if self.true + self.missed else 1.0

    def __str__(self) -> str:
        return (
            f"{self.reports} reports: precision {self.precision:.3f} "
            f"({self.true}/{self.true + self.false} pairs), recall {self.recall:.3f} "
            f"({self.true}/{self.true + self.missed} pairs)"
        )


def pair_score(predicted: Mapping[int, str | None]) -> PairScore:
    """Merge precision and recall over pairs of the expected reports in ``predicted``
    (report index -> id of the claim its fact landed in, None when in none)."""
    true = false = missed = 0
    for a, b in itertools.combinations(sorted(predicted), 2):
        same_expected = REPORTS[a][0] == REPORTS[b][0]
        same_result = predicted[a] is not None and predicted[a] == predicted[b]
        true += same_expected and same_result
        false += same_result and not same_expected
        missed += same_expected and not same_result
    return PairScore(len(predicted), true, false, missed)


def resolve(claim_id: str, predicted: Mapping[int, str | None]) -> str | None:
    """The result's claim holding most of an expected claim's reports (ties: the first listed)."""
    ids = [predicted[i] for i, r in enumerate(REPORTS) if r[0] == claim_id and i in predicted]
    ids = [x for x in ids if x is not None]
    if not ids:
        return None
    counts = Counter(ids)
    return max(ids, key=lambda x: (counts[x], -ids.index(x)))


# ---------------------------------------------------------------- gold facts


def _published(path: Path) -> date:
    found = re.search(r"^Published: (\d{4}-\d{2}-\d{2})", path.read_text("utf-8"), re.M)
    assert found, path
    return date.fromisoformat(found.group(1))


def texts() -> list[StoredText]:
    return [
        StoredText(p.name, p.name, p.read_text("utf-8"), _published(p))
        for p in sorted(CRISIS.glob("*.txt"))
    ]


def gold_fact(claim: Mapping[str, Any], document: str, cue: str, k: int) -> dict[str, Any]:
    """A FACTS.md dict for one expected report."""
    figures = numbers(cue)
    q = _QUALIFIER.search(cue)
    qualifier = _QUALIFIERS[q.group(1).lower()] if q else "exact"
    value, low, high = figures[0], None, None
    if qualifier == "range":
        low, high = figures[0], figures[1]
        value = (low + high) / 2
    elif qualifier in ("nearly", "less_than", "up_to"):
        high = value
    elif qualifier in ("more_than", "at_least"):
        low = value
    origin, destination = claim["corridor"]
    return {
        "document": document,
        "measure": claim["measure"],
        "term": claim["term"],
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "unit": claim["unit"],
        "modality": "reported",
        "rate": claim["rate"],
        "origin": {"country": origin, "kind": "country"} if origin else None,
        "destination": {"country": destination, "kind": "country"} if destination else None,
        "place": {"name": claim["place"]} if claim.get("place") else None,
        "period_start": claim["period_start"],
        "period_end": claim["period_end"],
        "speaker": claim["source"],
        "evidence": {"sentence": cue, "start": k, "end": k + len(cue), "cue": cue},
        "published": _published(CRISIS / document).isoformat(),
    }


@pytest.fixture(scope="module")
def gold() -> tuple[list[dict[str, Any]], Consolidation]:
    facts = [gold_fact(CLAIMS[cid], doc, cue, k) for k, (cid, doc, cue) in enumerate(REPORTS)]
    return facts, consolidate(texts(), facts, countries=lambda code: None)


def test_gold_facts_consolidate_into_exactly_the_expected_claims(
    gold: tuple[list[dict[str, Any]], Consolidation],
) -> None:
    facts, result = gold
    where = claim_of_fact(result)
    predicted = {i: where.get(_fact_key(f)) for i, f in enumerate(facts)}
    score = pair_score(predicted)
    print(f"\ngold facts, merge: {score}")
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert len(result.claims) == len(CLAIMS)
    for cid, claim in CLAIMS.items():
        found = next(c for c in result.claims if c.id == resolve(cid, predicted))
        assert [min(found.low, found.value), max(found.high, found.value)] == pytest.approx(
            claim["value_range"]
        ), cid


def test_gold_facts_flag_every_expected_conflict(
    gold: tuple[list[dict[str, Any]], Consolidation],
) -> None:
    facts, result = gold
    where = claim_of_fact(result)
    predicted = {i: where.get(_fact_key(f)) for i, f in enumerate(facts)}
    for a, b in EXPECTED["conflicts"]:
        ra, rb = resolve(a, predicted), resolve(b, predicted)
        assert ra and rb
        assert tuple(sorted((ra, rb))) in result.conflicts, (a, b)


@pytest.mark.parametrize(
    "expected", EXPECTED["timelines"], ids=lambda t: f"{'-'.join(t['corridor'])}-{t['date']}"
)
def test_gold_facts_give_the_expected_timelines(
    gold: tuple[list[dict[str, Any]], Consolidation], expected: dict[str, Any]
) -> None:
    _facts, result = gold
    corridor = result.corridor(*expected["corridor"])
    assert corridor is not None
    point = corridor.reported_on(date.fromisoformat(expected["date"]))
    assert point is not None
    assert (point.low, point.high) == (expected["cumulative_low"], expected["cumulative_high"])
    # the series stops at its last data point; asked later, it holds that point
    assert corridor.timeline[-1].date <= max(
        c.period_end for c in result.claims if c.corridor == corridor.key and c.period_end
    )


# ---------------------------------------------------------------- the pipeline


@dataclass(frozen=True)
class Run:
    url: str
    facts: list[dict[str, Any]]
    result: Consolidation
    matched: dict[int, int]  # expected report -> fact
    predicted: dict[int, str | None]  # expected report -> claim id


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    url = f"sqlite:///{tmp_path_factory.mktemp('crisis') / 'crisis.db'}"
    summary = ingest_paths(sorted(str(p) for p in CRISIS.glob("*.txt")), load_settings(db=url))
    assert (summary.read, summary.stored, summary.rejected) == (39, 39, {})
    with open_store(url) as store:
        facts = store.facts()
        result = consolidate_store(store)
    matched = match_reports(facts)
    where = claim_of_fact(result)
    predicted = {i: where.get(_fact_key(facts[j])) for i, j in matched.items()}
    yield Run(url, facts, result, matched, predicted)


@slow
def test_every_syndicated_copy_is_found_and_adds_to_no_total(run: Run) -> None:
    found = {name(d.key): name(d.original) for d in run.result.duplicates}
    assert found == COPIES
    copy_facts = [f for f in run.facts if name(f["document"]) in COPIES]
    assert copy_facts, "the copies have facts of their own; they must not be counted"
    for claim in run.result.claims:
        assert not {name(r.document) for r in claim.reports} & set(COPIES), claim.id
        assert all(name(c) in COPIES for c in claim.copies)
    counted = {c.id for c in run.result.claims}
    for corridor in run.result.corridors:
        for point in corridor.timeline:
            assert set(point.claim_ids) <= counted
    assert run.result.counted == len(run.facts) - len(copy_facts)


@slow
def test_most_expected_reports_are_extracted(run: Run) -> None:
    missed = [REPORTS[i] for i in range(len(REPORTS)) if i not in run.matched]
    share = len(run.matched) / len(REPORTS)
    print(f"\nextracted {len(run.matched)} of {len(REPORTS)} expected reports ({share:.0%});")
    for cid, doc, cue in missed:
        print(f"  missed: {cid} {doc}: {cue!r}")
    assert share >= 0.80


@slow
def test_merge_precision_on_extracted_reports(run: Run) -> None:
    score = pair_score(run.predicted)
    print(f"\npipeline, every extracted report: {score}")
    assert score.precision >= 0.95


@slow
@pytest.mark.xfail(
    strict=True,
    reason="extraction, not the merge rule: of 55 extracted reports, 11 disagree with expected.json"
    " on period, rate or speaker (06, 12, 31: a present-perfect total whose 'since Sept. 21' is"
    " in an earlier paragraph has no start; 24, 28: a daily rate beside a 'since' total takes the"
    " total's period; 30's 'at least 80,000 had already arrived' and 05's departures 'over the"
    " same period' read as daily after a daily figure; 34's comparison is dated Sunday only; 07"
    " and 10 name the outlet or a local body rather than the source they cite), and facts with"
    " different keys never merge.  Recall over faithfully extracted reports is asserted below.",
)
def test_merge_recall_on_extracted_reports(run: Run) -> None:
    score = pair_score(run.predicted)
    assert score.recall >= 0.90, str(score)


@slow
def test_merge_precision_and_recall_on_faithfully_extracted_reports(run: Run) -> None:
    chosen = {
        i: claim
        for i, claim in run.predicted.items()
        if faithful(run.facts[run.matched[i]], CLAIMS[REPORTS[i][0]])
    }
    score = pair_score(chosen)
    print(f"\npipeline, faithfully extracted reports: {score}")
    assert score.reports >= 25  # enough pairs to mean something
    assert score.precision >= 0.95
    assert score.recall >= 0.90


PIPELINE_CONFLICT_XFAIL: dict[tuple[str, ...], str] = {}


def _params(items: list[Any], xfail: Mapping[Any, str], key: Any, ids: Any) -> list[Any]:
    return [
        pytest.param(
            x,
            id=ids(x),
            marks=[pytest.mark.xfail(strict=True, reason=xfail[key(x)])] if key(x) in xfail else [],
        )
        for x in items
    ]


@slow
@pytest.mark.parametrize(
    "pair",
    _params(EXPECTED["conflicts"], PIPELINE_CONFLICT_XFAIL, tuple, lambda p: " vs ".join(p)),
)
def test_pipeline_flags_the_expected_conflict(run: Run, pair: list[str]) -> None:
    a, b = (resolve(x, run.predicted) for x in pair)
    assert a is not None and b is not None, "a side of the conflict was not extracted"
    assert tuple(sorted((a, b))) in run.result.conflicts


PIPELINE_TIMELINE_XFAIL: dict[tuple[str, ...], str] = {}


@slow
@pytest.mark.parametrize(
    "expected",
    _params(
        EXPECTED["timelines"],
        PIPELINE_TIMELINE_XFAIL,
        lambda t: (*t["corridor"], t["date"]),
        lambda t: f"{'-'.join(t['corridor'])}-{t['date']}",
    ),
)
def test_pipeline_timeline_matches_the_expected_envelope(
    run: Run, expected: dict[str, Any]
) -> None:
    corridor = run.result.corridor(*expected["corridor"])
    assert corridor is not None
    point = corridor.reported_on(date.fromisoformat(expected["date"]))
    assert point is not None
    assert (point.low, point.high) == (expected["cumulative_low"], expected["cumulative_high"])


@slow
def test_timelines_hold_their_invariants(run: Run) -> None:
    by_id = {c.id: c for c in run.result.claims}
    for corridor in run.result.corridors:
        previous = 0.0
        for p in corridor.timeline:
            assert p.low <= p.cumulative <= p.high, (corridor.label(), p)
            assert p.cumulative >= previous
            previous = p.cumulative
            if p.daily is not None:
                assert p.daily_low is not None and p.daily_high is not None
                assert p.daily_low <= p.daily <= p.daily_high, (corridor.label(), p)
            # flows only, in people: no stock, no queue of vehicles
            assert all(
                by_id[c].measure == "flow" and by_id[c].unit == "people" for c in p.claim_ids
            )
        for a in corridor.alerts:
            assert a.low <= a.flow <= a.high and a.flow > a.threshold
        ends = [c.period_end for c in run.result.claims if c.corridor == corridor.key]
        if corridor.timeline:
            assert corridor.timeline[-1].date <= max(e for e in ends if e)


@slow
def test_corridors_carry_iso_codes(run: Run) -> None:
    kz = run.result.corridor("RU", "KZ")
    assert kz is not None and run.result.corridors[0] is kz  # the busiest first
    assert (kz.origin.iso3, kz.destination.iso3) == ("RUS", "KAZ")
    assert run.result.corridor("rus", "georgia") is run.result.corridor("RU", "GE")
    assert kz.stocks and kz.stocks[0].date == date(2022, 9, 27)


# ---------------------------------------------------------------- the CLI on that store


def _json(args: list[str]) -> Any:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@slow
def test_cli_corridors(run: Run) -> None:
    corridors = _json(["corridors", "--db", run.url])
    assert len(corridors) == len(run.result.corridors)
    for c in corridors:
        assert set(c) >= {"origin", "destination", "latest", "claims", "reports", "first", "last"}
        for end in (c["origin"], c["destination"]):
            assert set(end) >= {"country", "iso3"}
        assert c["claims"] >= 1 and c["reports"] >= c["claims"]
        if c["latest"] is not None:
            assert c["latest"]["low"] <= c["latest"]["cumulative"] <= c["latest"]["high"]
    first = corridors[0]
    assert (first["origin"], first["destination"]) == (
        {"country": "RU", "iso3": "RUS", "name": "Russia"},
        {"country": "KZ", "iso3": "KAZ", "name": "Kazakhstan"},
    )
    assert first["first"] == "2022-09-21"
    table = runner.invoke(app, ["corridors", "--db", run.url])
    assert table.exit_code == 0 and "Russia (RU) → Kazakhstan (KZ)" in table.stdout


@slow
def test_cli_timeline(run: Run) -> None:
    series = _json(["timeline", "RU", "kaz", "--db", run.url])
    assert series["destination"]["iso3"] == "KAZ"
    days = [p["date"] for p in series["points"]]
    assert days == sorted(days) and days[0] == "2022-09-21"
    assert {"daily", "cumulative", "low", "high", "basis", "claims"} <= set(series["points"][0])
    assert [s["date"] for s in series["stocks"]][:1] == ["2022-09-27"]
    table = runner.invoke(app, ["timeline", "RU", "GE", "--db", run.url])
    assert table.exit_code == 0 and "anchor" in table.stdout
    missing = runner.invoke(app, ["timeline", "RU", "XX", "--db", run.url])
    assert missing.exit_code == 1 and "no corridor" in missing.stderr


@slow
def test_cli_claims(run: Run) -> None:
    claims = _json(["claims", "--db", run.url, "--origin", "RU", "--destination", "GE"])
    assert claims and all(c["destination"]["country"] == "GE" for c in claims)
    for c in claims:
        assert c["conflicting"] == bool(c["conflicts_with"])
        for r in c["reports"]:
            assert set(r) >= {"document", "outlet", "published", "sentence", "speaker"}
            assert r["merge_reason"]
        assert c["reports"][0]["merge_reason"] == "first report"
    assert any(c["conflicting"] for c in claims)
    assert any(c["copies"] for c in claims)
    everything = _json(["claims", "--db", run.url])
    assert len(everything) == len(run.result.claims)
    table = runner.invoke(app, ["claims", "--db", run.url, "--destination", "KZ"])
    assert table.exit_code == 0 and "first report" in table.stdout


@slow
def test_cli_alerts(run: Run) -> None:
    alerts = _json(["alerts", "--db", run.url])
    assert alerts
    for a in alerts:
        assert a["flow"] > a["threshold"] and a["period"] in ("week", "month", "quarter")
        assert a["claims"] and set(a["origin"]) >= {"country", "iso3"}
    weeks = [a for a in alerts if a["period"] == "week"]
    assert all(a["threshold"] == 5000 for a in weeks)
    none = _json(["alerts", "--db", run.url, "--week", "1e9", "--month", "1e9", "--quarter", "1e9"])
    assert none == []
    fewer = _json(["alerts", "--db", run.url, "--week", "60000"])
    assert 0 < len([a for a in fewer if a["period"] == "week"]) < len(weeks)
    table = runner.invoke(app, ["alerts", "--db", run.url])
    assert table.exit_code == 0 and "W39" in table.stdout
