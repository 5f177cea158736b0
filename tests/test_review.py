"""Human review in the library: corrections, rejections, splits and merges, the audit trail, and
how each change reaches facts, claims, timelines and alerts; migration and generations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

import servecorpus as corpus
from exodus import review
from exodus.consolidate.claims import Claim, _slack, build_claims
from exodus.consolidate.conflicts import _disagree, find_conflicts
from exodus.errors import NotFoundError, ReviewError
from exodus.models import ClaimPin
from exodus.serve.cache import ConsolidationCache
from exodus.store import Generation, Store, open_store
from exodus.store.migrate import MIGRATIONS, _v1_tables, current_version, migrate
from exodus.store.rows import document_row, fact_row

WHO = {"reviewer": "ana", "why": "checked against the ministry release"}


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        corpus.fill(s)
        yield s


def _claims(s: Store) -> tuple[Claim, ...]:
    return ConsolidationCache().get(s).result.claims


def _kz_claim(s: Store, value: float) -> Claim:
    return next(c for c in _claims(s) if c.corridor == ("RU", "KZ") and c.value == value)


# -- validation ---------------------------------------------------------------------------------


def test_corrections_are_normalised_to_facts_md_shapes() -> None:
    got = review.validate_changes(
        {"value": 98000.0, "destination": "kz", "period_end": "2022-09-28", "speaker": "  MP  "}
    )
    assert got["value"] == 98000 and isinstance(got["value"], int)
    assert got["destination"] == {
        "name": "Kazakhstan", "country": "KZ", "kind": "country", "iso3": "KAZ"
    }  # fmt: skip
    assert got["period_end"] == "2022-09-28"
    assert got["speaker"] == "MP"
    place = review.validate_changes({"place": {"name": "Upper Lars", "country": "GE",
                                               "kind": "crossing", "lat": 42.7}})  # fmt: skip
    assert place["place"] == {
        "name": "Upper Lars",
        "country": "GE",
        "kind": "crossing",
        "lat": 42.7,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": -1}, "value"),
        ({"value": float("nan")}, "value"),
        ({"value": "many"}, "value"),
        ({"value": None}, "value"),
        ({"value": True}, "value"),
        ({"confidence": 1.5}, "confidence"),
        ({"measure": "people"}, "measure"),
        ({"rate": "hourly"}, "rate"),
        ({"origin": "XX"}, "origin"),
        ({"origin": 7}, "origin"),
        ({"place": {"country": "GE"}}, "place"),
        ({"place": {"name": "Lars", "colour": "red"}}, "place"),
        ({"period_end": "27/09/2022"}, "period_end"),
        ({"evidence": {}}, "evidence"),
        ({"fact_uid": "x"}, "fact_uid"),
        ({"speaker": "x" * 501}, "speaker"),
    ],
)
def test_bad_corrections_name_the_field_with_a_code(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ReviewError) as info:
        review.validate_changes(changes)
    assert info.value.code == "INVALID_CORRECTION"
    assert info.value.message.startswith(f"{field}:")
    assert "\n" not in str(info.value)


def test_an_empty_correction_is_no_change() -> None:
    with pytest.raises(ReviewError) as info:
        review.validate_changes({})
    assert info.value.code == "NO_CHANGE"


# -- fact reviews -------------------------------------------------------------------------------


def test_a_correction_is_applied_where_facts_are_read_and_filters_see_it(store: Store) -> None:
    uid = corpus.fact_uid_of(store, "About 98,000", "wire/a.txt")
    entry = review.correct_fact(
        store, uid, {"value": 99000, "destination": "GE"}, reviewer="ana", why="misread"
    )
    assert (entry.action, entry.target, entry.facts, entry.reviewer, entry.why) == (
        "correct", uid, (uid,), "ana", "misread"
    )  # fmt: skip
    assert entry.before == {"status": None, "value": 98000, "destination": corpus.KZ.to_dict()}
    assert entry.after["status"] == "corrected" and entry.after["value"] == 99000
    (fact,) = store.facts(fact_uids=[uid])
    assert fact["value"] == 99000 and fact["destination"]["country"] == "GE"
    assert fact["review"]["status"] == "corrected"
    assert fact["review"]["extracted"] == {"destination": corpus.KZ.to_dict(), "value": 98000}
    assert fact["evidence"]["sentence"] == corpus.KZ_98  # the evidence is the document's, as is
    assert uid in {f["fact_uid"] for f in store.facts(destination="GE")}
    assert uid not in {f["fact_uid"] for f in store.facts(destination="KZ")}
    assert store.count_facts(destination="GE") == len(store.facts(destination="GE"))
    # a second correction adds up; correcting back to the extracted value drops that change
    review.correct_fact(store, uid, {"destination": "KZ"}, **WHO)
    (fact,) = store.facts(fact_uids=[uid])
    assert fact["value"] == 99000 and fact["destination"]["country"] == "KZ"
    assert fact["review"]["extracted"] == {"value": 98000}


def test_a_correction_that_breaks_the_fact_or_changes_nothing_is_refused(store: Store) -> None:
    uid = corpus.fact_uid_of(store, "More than 53,000")  # low 53,000
    with pytest.raises(ReviewError, match="below the low bound"):
        review.correct_fact(store, uid, {"value": 100}, **WHO)
    with pytest.raises(ReviewError, match="after period_end"):
        review.correct_fact(store, uid, {"period_start": "2022-10-30"}, **WHO)
    with pytest.raises(ReviewError) as info:
        review.correct_fact(store, uid, {"value": 53000}, **WHO)
    assert info.value.code == "NO_CHANGE"
    assert store.audit()[1] == 0  # nothing refused was recorded
    assert store.facts(fact_uids=[uid])[0]["review"] is None


def test_reviews_need_a_reviewer_a_reason_and_a_known_fact(store: Store) -> None:
    uid = corpus.fact_uid_of(store, "About 98,000")
    with pytest.raises(ReviewError, match="reviewer"):
        review.accept_fact(store, uid, reviewer=" ", why="ok")
    with pytest.raises(ReviewError, match="reason"):
        review.reject_fact(store, uid, reviewer="ana", why="")
    with pytest.raises(NotFoundError):
        review.accept_fact(store, "0" * 64, **WHO)
    with pytest.raises(NotFoundError):
        review.split_fact(store, "0" * 64, **WHO)


def test_a_rejected_fact_leaves_facts_claims_timelines_and_alerts_until_accepted(
    store: Store,
) -> None:
    uid = corpus.fact_uid_of(store, "More than 53,000")
    ge = ConsolidationCache().get(store).result.corridor("RU", "GE")
    assert ge is not None and ge.latest is not None and ge.latest.cumulative == 53000
    assert any(a.flow >= 53000 for a in ge.alerts)
    review.reject_fact(store, uid, reviewer="ana", why="the figure is the draft quota")
    assert uid not in {f["fact_uid"] for f in store.facts()}
    assert [f["fact_uid"] for f in store.facts(status="rejected")] == [uid]
    result = ConsolidationCache().get(store).result
    assert all(r.fact_uid != uid for c in result.claims for r in c.reports)
    ge = result.corridor("RU", "GE")
    assert ge is not None and (ge.latest is None or ge.latest.cumulative < 53000)
    assert all(a.flow < 53000 for a in ge.alerts)
    entry = review.accept_fact(
        store, uid, reviewer="bo", why="it is the ministry's count after all"
    )
    assert (entry.before, entry.after) == ({"status": "rejected"}, {"status": "accepted"})
    assert store.facts(fact_uids=[uid])[0]["review"]["status"] == "accepted"
    ge = ConsolidationCache().get(store).result.corridor("RU", "GE")
    assert ge is not None and ge.latest is not None and ge.latest.cumulative == 53000


def test_the_audit_trail_records_every_accepted_change_newest_first(store: Store) -> None:
    a = corpus.fact_uid_of(store, "About 98,000", "wire/a.txt")
    b = corpus.fact_uid_of(store, "More than 53,000")
    kz98 = _kz_claim(store, 98000)
    entries = [
        review.accept_fact(store, a, **WHO),
        review.correct_fact(store, b, {"speaker": "Georgian interior ministry"}, **WHO),
        review.reject_fact(store, b, **WHO),
        review.split_fact(store, kz98.reports[1].fact_uid or "", **WHO),
    ]
    kz_claims = [c for c in _claims(store) if c.corridor == ("RU", "KZ")]
    entries.append(review.merge_claims(store, [c.id for c in kz_claims[:2]], **WHO))
    found, total = store.audit()
    assert total == len(entries) == 5
    assert [e.id for e in found] == [e.id for e in reversed(entries)]
    assert found == list(reversed(entries))
    assert [e.action for e in found] == ["merge", "split", "reject", "correct", "accept"]
    assert all(e.reviewer == "ana" and e.why == WHO["why"] and e.at for e in found)
    by_fact, n = store.audit(fact_uid=b)
    assert n == 2 and [e.action for e in by_fact] == ["reject", "correct"]
    assert store.audit(action="merge")[1] == 1 and store.audit(reviewer="bo")[1] == 0
    assert store.review_counts() == {
        "facts": {"unreviewed": 6, "accepted": 1, "rejected": 1, "corrected": 0},
        "pins": {"split": 0, "merge": 2},
        "audit": 5,
    }


# -- splits and merges --------------------------------------------------------------------------


def test_split_takes_a_report_out_of_its_claim_and_merge_puts_claims_together(
    store: Store,
) -> None:
    kz98 = _kz_claim(store, 98000)
    assert len(kz98.reports) == 2
    moved = kz98.reports[1].fact_uid
    assert moved is not None
    entry = review.split_fact(store, moved, reviewer="ana", why="the second outlet's own count")
    assert entry.before == {"claim": kz98.id, "reports": 2}
    claims = _claims(store)
    alone = next(c for c in claims if c.reports[0].fact_uid == moved)
    assert len(alone.reports) == 1 and alone.id != kz98.id
    assert alone.merge_reasons[0].startswith("first report; reviewed split by ana")
    assert len(next(c for c in claims if c.id == kz98.id).reports) == 1
    # an MP's 200,000 and the ministry's 98,000 never merge by the rule; a reviewer may merge them
    mp = _kz_claim(store, 200000)
    entry = review.merge_claims(store, [kz98.id, mp.id], reviewer="bo", why="same statement")
    assert entry.target == f"{kz98.id}+{mp.id}" and len(entry.facts) == 2
    merged = next(c for c in _claims(store) if c.id == kz98.id)
    assert {r.fact_uid for r in merged.reports} == {
        kz98.reports[0].fact_uid,
        mp.reports[0].fact_uid,
    }
    assert merged.merge_reasons[1].startswith("reviewed merge by bo on ")
    assert merged.merge_reasons[1].endswith(f"(audit #{entry.id}): same statement")
    assert merged.implied_high >= 200000 * 1.1 - 1


def test_merge_refuses_claims_of_different_kinds_and_unknown_claims(store: Store) -> None:
    kz = _kz_claim(store, 98000)
    ge = next(c for c in _claims(store) if c.corridor == ("RU", "GE") and c.rate == "total")
    with pytest.raises(ReviewError) as info:
        review.merge_claims(store, [kz.id, ge.id], **WHO)
    assert info.value.code == "MERGE_MISMATCH"
    with pytest.raises(NotFoundError):
        review.merge_claims(store, [kz.id, "nope"], **WHO)
    with pytest.raises(ReviewError):
        review.merge_claims(store, [kz.id, kz.id], **WHO)
    assert store.audit()[1] == 0


def test_a_copy_s_fact_is_in_no_claim(store: Store) -> None:
    copy = corpus.fact_uid_of(store, "About 98,000", "mirror/a.txt")
    with pytest.raises(ReviewError) as info:
        review.split_fact(store, copy, **WHO)
    assert info.value.code == "NOT_IN_CLAIM"


def _fact(
    doc: str, value: float, speaker: str, uid: str, end: str = "2022-09-27"
) -> dict[str, Any]:
    return {
        "document": doc, "measure": "flow", "value": value, "qualifier": "exact", "unit": "people",
        "rate": "total", "modality": "reported", "origin": "RU", "destination": "KZ",
        "period_start": "2022-09-21", "period_end": end, "speaker": speaker, "published": end,
        "fact_uid": uid, "evidence": {"sentence": f"{value} left.", "start": 0, "end": 9},
    }  # fmt: skip


def _pin(uid: str, group: str, kind: str) -> ClaimPin:
    return ClaimPin(uid, group, kind, "ana", "2026-01-01T00:00:00+00:00", "why", 1)


def test_pins_override_the_merge_rule_and_splits_stay_closed() -> None:
    facts = [
        _fact("a", 98000, "ministry", "u1"),
        _fact("b", 98000, "ministry", "u2"),
        _fact("c", 98000, "ministry", "u3"),
        _fact("d", 150000, "ministry", "u4"),
    ]
    assert [len(c.reports) for c in build_claims(facts, {})] == [3, 1]
    pins = {"u2": _pin("u2", "split:1", "split"), "u4": _pin("u4", "merge:2", "merge"),
            "u1": _pin("u1", "merge:2", "merge")}  # fmt: skip
    claims = build_claims(facts, {}, pins)
    groups = sorted(sorted(r.fact_uid or "" for r in c.reports) for c in claims)
    # u1+u4 merged by review (and u3 still joins them by the rule); u2 alone
    assert groups == [["u1", "u3", "u4"], ["u2"]]
    merged = next(c for c in claims if len(c.reports) == 3)
    assert [r.split(" by")[0] for r in merged.merge_reasons] == [
        "first report; reviewed merge", "same corridor+measure+rate (RU->KZ flow total people); 98000 [97020-98980] within rounding of '98000' (common [97020-98980]); same source 'ministry'; period_end 2022-09-27 vs 2022-09-27 (same day)", "reviewed merge"
    ]  # fmt: skip
    # a pinned fact whose key differs from its group's (corrected since) is merged by the rule
    moved = {**facts[3], "destination": "GE"}
    claims = build_claims([*facts[:3], moved], {}, pins)
    assert sorted(len(c.reports) for c in claims) == [1, 1, 2]


# -- the optimised rules give the plain rules' answers ---------------------------------------


def _claim(i: int, value: float, qualifier: str, end: date | None, rate: str) -> Claim:
    from exodus.consolidate.intervals import implied_interval

    lo, hi = implied_interval(qualifier, value)
    return Claim(
        f"c{i:03d}", "RU", "KZ", "flow", rate, "people", "reported", value, value, value, lo, hi,
        date(2022, 9, 21) if end else None, end, None, (), (),
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([90000.0, 98000.0, 100000.0, 120000.0, 200000.0]),
            st.sampled_from(["exact", "about", "nearly", "more_than"]),
            st.one_of(st.none(), st.integers(0, 8)),
            st.sampled_from(["total", "per_day"]),
        ),
        max_size=25,
    )
)
def test_conflicts_found_by_neighbouring_period_ends_are_every_pairwise_conflict(
    rows: list[tuple[float, str, int | None, str]],
) -> None:
    claims = [
        _claim(i, v, q, None if d is None else date(2022, 9, 20 + d), r)
        for i, (v, q, d, r) in enumerate(rows)
    ]
    brute = set()
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a.rate == b.rate and _disagree(a, b, _slack(a.rate)):
                brute.add((min(a.id, b.id), max(a.id, b.id)))
    assert find_conflicts(claims) == sorted(brute)


# -- store plumbing -----------------------------------------------------------------------------


def test_generations_move_with_stored_documents_and_reviews_only(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.generation() == Generation(0, 0)
        first, *_rest = corpus.results()
        s.save_result(first)
        assert s.generation() == Generation(1, 0)
        assert s.save_result(first) == "known"
        assert s.generation() == Generation(1, 0)
        uid = s.facts()[0]["fact_uid"]
        review.accept_fact(s, uid, **WHO)
        assert s.generation() == Generation(1, 1)


def test_the_cache_rebuilds_only_when_the_store_changed_even_from_another_process(
    store: Store, store_url: str
) -> None:
    cache = ConsolidationCache()
    first = cache.get(store)
    assert cache.get(store) is first and cache.builds == 1
    with open_store(store_url) as other:  # its own engine and connections, as another process
        review.reject_fact(other, corpus.fact_uid_of(other, "Around 200,000"), **WHO)
    second = cache.get(store)
    assert second is not first and cache.builds == 2
    assert len(second.result.claims) == len(first.result.claims) - 1
    assert second.result.duplicates == first.result.duplicates


def test_a_v1_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'v1.db'}"
    first, *_rest = corpus.results()
    assert first.document is not None
    engine = sa.create_engine(url)
    documents, facts, *_others = _v1_tables()  # the tables as version 1 shipped them
    with engine.begin() as conn:
        migrate(conn, MIGRATIONS[:1])
        assert current_version(conn) == 1
        now = datetime(2022, 9, 27, tzinfo=UTC)
        stmt = sa.insert(documents).values(document_row(first.document, now))
        doc_id = conn.execute(stmt.returning(documents.c.id)).scalar_one()
        conn.execute(
            sa.insert(facts), fact_row(first.facts[0], doc_id, first.document.content_hash)
        )
        assert "audit" not in set(sa.inspect(conn).get_table_names())
    engine.dispose()
    with open_store(url) as s:
        assert [f["value"] for f in s.facts()] == [98000]
        assert s.generation() == Generation(0, 0)
        review.correct_fact(s, s.facts()[0]["fact_uid"], {"value": 97000}, **WHO)
        assert s.facts()[0]["value"] == 97000
        with s.engine.connect() as conn:
            assert current_version(conn) == MIGRATIONS[-1][0]
