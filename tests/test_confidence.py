"""Confidence: raw scores, isotonic calibration, and its use by the extractor."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from exodus.resolve.confidence import IDENTITY, Calibration, fit, raw_score


def test_more_evidence_gives_a_higher_raw_score() -> None:
    weak = raw_score(
        term_source="context",
        has_noun=False,
        has_place=False,
        has_speaker=False,
        forecast=True,
        inherited=True,
        vague=True,
    )
    strong = raw_score(
        term_source="verb",
        has_noun=True,
        has_place=True,
        has_speaker=True,
        forecast=False,
        inherited=False,
        vague=False,
    )
    assert 0 < weak < strong <= 0.95


def test_fit_pools_violators_and_is_monotone() -> None:
    pairs = (
        [(0.5, False)] * 8
        + [(0.5, True)] * 2
        + [(0.6, True)] * 3
        + [(0.6, False)] * 7
        + [(0.9, True)] * 9
        + [(0.9, False)]
    )
    cal = fit(pairs, prior=0.0)
    # 0.5 (20 %) and 0.6 (30 %) are in order; 0.9 is 90 %
    assert cal(0.5) == 0.2 and cal(0.6) == 0.3 and cal(0.9) == 0.9
    inverted = fit(
        [(0.5, True)] * 9 + [(0.5, False)] + [(0.6, False)] * 9 + [(0.6, True)], prior=0.0
    )
    assert inverted(0.5) == inverted(0.6) == 0.5  # pooled


@given(
    st.lists(
        st.tuples(st.sampled_from([0.3, 0.45, 0.6, 0.75, 0.9]), st.booleans()),
        min_size=1,
        max_size=200,
    )
)
def test_calibration_never_ranks_a_higher_score_lower(pairs: list[tuple[float, bool]]) -> None:
    cal = fit(pairs)
    values = [cal(s) for s in (0.3, 0.45, 0.6, 0.75, 0.9)]
    assert values == sorted(values)
    assert all(0 < v < 1 for v in values)


def test_calibration_round_trips_through_json() -> None:
    cal = Calibration((0.5, 0.8), (0.4, 0.9))
    assert Calibration.from_json(cal.to_json()) == cal
    assert IDENTITY(0.42) == 0.42


def test_the_packaged_calibration_is_used_by_the_pipeline() -> None:
    from exodus.pipeline import load_extractor
    from exodus.resources import load_calibration

    cal = load_calibration()
    assert cal.bounds, "src/exodus/data/calibration.json is packaged"
    assert load_extractor().calibration == cal
