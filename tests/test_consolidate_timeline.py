"""consolidate.timeline and consolidate.alerts: cases computed by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from exodus.consolidate import (
    Alert,
    Claim,
    Report,
    TimelinePoint,
    alerts,
    build_timeline,
    stock_series,
)

D = date(2022, 9, 21)  # day 0


def day(n: int) -> date:
    return D + timedelta(days=n)


def claim(
    cid: str,
    value: float,
    *,
    end: int,
    start: int | None = None,
    rate: str = "total",
    measure: str = "flow",
    reports: int = 1,
    low: float | None = None,
    high: float | None = None,
    modality: str = "reported",
    destination: str = "KZ",
) -> Claim:
    """A claim of ``reports`` identical reports; ``start``/``end`` are day numbers from D."""
    p_start = None if start is None else day(start)
    report = Report(
        document=f"{cid}.txt",
        outlet=None,
        published=day(end),
        sentence="",
        cue="",
        speaker=None,
        value=value,
        low=low,
        high=high,
        qualifier="exact",
        period_start=p_start,
        period_end=day(end),
    )
    return Claim(
        id=cid,
        origin="RU",
        destination=destination,
        measure=measure,
        rate=rate,
        unit="people",
        modality=modality,
        value=value,
        low=value if low is None else low,
        high=value if high is None else high,
        implied_low=value,
        implied_high=value,
        period_start=p_start,
        period_end=day(end),
        original_source=None,
        reports=(report,) * reports,
        merge_reasons=("first report",) * reports,
    )


def rows(points: list[TimelinePoint]) -> list[tuple[object, ...]]:
    return [
        (
            (p.date - D).days,
            None if p.daily is None else round(p.daily, 6),
            round(p.cumulative, 6),
            round(p.low, 6),
            round(p.high, 6),
            p.claim_ids,
        )
        for p in points
    ]


# ---------------------------------------------------------------- case 1: contradicting totals


def test_contradicting_totals_widen_the_envelope() -> None:
    # Ministry (2 reports): 98,000 from Sep 21 to Sep 27; another body: 70,000 over the same days.
    # Best supported estimate 98,000; envelope [70,000, 98,000]; spread evenly over the 7 days.
    ministry = claim("k", 98000, start=0, end=6, reports=2)
    other = claim("x", 70000, start=0, end=6)
    points = build_timeline([other, ministry], "RU", "KZ")
    assert rows(points) == [
        (i, 14000, 14000 * (i + 1), 10000 * (i + 1), 14000 * (i + 1), ("k", "x")) for i in range(7)
    ]
    assert [p.basis for p in points] == ["total"] * 6 + ["anchor"]
    assert points[0].daily_low == pytest.approx(10000)


def test_equally_supported_conflicting_totals_take_the_lower_median_not_the_mean() -> None:
    points = build_timeline(
        [claim("k", 98000, start=0, end=6), claim("x", 70000, start=0, end=6)], "RU", "KZ"
    )
    last = points[-1]
    assert (last.cumulative, last.low, last.high) == (70000, 70000, 98000)


# ---------------------------------------------------------------- case 2: a rate between totals


def test_daily_rate_fills_the_gap_between_two_totals() -> None:
    # A: 98,000 over days 0..6.  R: 10,000 on day 8.  B: 30,000 over days 9..11.
    # day 7 has nothing (cumulative carries), day 8 takes the rate, B is anchored at C(8).
    a = claim("a", 98000, start=0, end=6)
    r = claim("r", 10000, end=8, rate="per_day")
    b = claim("b", 30000, start=9, end=11)
    points = build_timeline([a, r, b], "RU", "KZ")
    assert rows(points)[6:] == [
        (6, 14000, 98000, 98000, 98000, ("a",)),
        (7, None, 98000, 98000, 98000, ()),
        (8, 10000, 108000, 108000, 108000, ("r",)),
        (9, 10000, 118000, 118000, 118000, ("b",)),
        (10, 10000, 128000, 128000, 128000, ("b",)),
        (11, 10000, 138000, 138000, 138000, ("b",)),
    ]
    assert [p.basis for p in points[6:]] == ["anchor", "none", "rate", "total", "total", "anchor"]


def test_daily_rate_inside_a_total_is_not_used() -> None:
    # A: 98,000 over days 0..6; A2: 150,000 over days 0..11; the rate on day 8 is covered by A2:
    # days 7..11 share 150,000 - 98,000 = 52,000 evenly.
    a = claim("a", 98000, start=0, end=6)
    a2 = claim("a2", 150000, start=0, end=11)
    r = claim("r", 10000, end=8, rate="per_day")
    points = build_timeline([a, a2, r], "RU", "KZ")
    assert [p.daily for p in points[7:]] == pytest.approx([10400] * 5)
    assert points[-1].cumulative == 150000
    assert all("r" not in p.claim_ids for p in points)


def test_nested_cumulative_totals_share_their_difference() -> None:
    # 98,000 by day 6 and 200,000 by day 13, both since day 0: days 7..13 get 102,000 / 7 each;
    # a total starting on day 7 (105,000) is anchored at C(6) = 98,000 and widens the envelope.
    a = claim("a", 98000, start=0, end=6)
    b = claim("b", 200000, start=0, end=13, reports=2)
    c = claim("c", 105000, start=7, end=13)
    points = build_timeline([a, b, c], "RU", "KZ")
    assert [p.daily for p in points[7:]] == pytest.approx([102000 / 7] * 7)
    last = points[-1]
    assert (last.cumulative, last.low, last.high) == (200000, 200000, 203000)
    assert last.claim_ids == ("b", "c")


def test_weekly_rate_is_spread_over_its_seven_days() -> None:
    points = build_timeline([claim("w", 7000, end=6, rate="per_week")], "RU", "KZ")
    assert rows(points) == [
        (i, 1000, 1000 * (i + 1), 1000 * (i + 1), 1000 * (i + 1), ("w",)) for i in range(7)
    ]


# ---------------------------------------------------------------- case 3: unknown start


def test_total_with_unknown_start_counts_only_on_its_end_day() -> None:
    # A: 98,000 over days 0..6; U: "200,000 have crossed" by day 13, start unknown.
    a = claim("a", 98000, start=0, end=6)
    u = claim("u", 200000, end=13)
    points = build_timeline([a, u], "RU", "KZ")
    assert len(points) == 14
    assert rows(points)[7:] == [
        *[(i, None, 98000, 98000, 98000, ()) for i in range(7, 13)],
        (13, None, 200000, 200000, 200000, ("u",)),
    ]
    alone = build_timeline([u], "RU", "KZ")
    assert rows(alone) == [(13, None, 200000, 200000, 200000, ("u",))]


def test_no_point_past_the_last_data_point_and_only_reported_flows() -> None:
    claims = [
        claim("a", 98000, start=0, end=6),
        claim("f", 50000, start=7, end=20, modality="forecast"),
        claim("s", 40000, end=20, measure="stock"),
        claim("g", 9000, end=20, rate="per_day", destination="GE"),
    ]
    points = build_timeline(claims, "RU", "KZ")
    assert points[-1].date == day(6)
    assert build_timeline(claims, "RU", "AM") == []


def test_stocks_are_a_series_of_their_own() -> None:
    claims = [
        claim("s1", 40000, end=6, measure="stock", reports=2),
        claim("s2", 60000, end=6, measure="stock"),
        claim("s3", 45000, end=12, measure="stock"),
        claim("a", 98000, start=0, end=6),
    ]
    series = stock_series(claims, "RU", "KZ")
    assert [(s.date, s.value, s.low, s.high, s.claim_ids) for s in series] == [
        (day(6), 40000, 40000, 60000, ("s1", "s2")),
        (day(12), 45000, 45000, 45000, ("s3",)),
    ]


# ---------------------------------------------------------------- alerts


def flat(start: date, dailies: list[float | None], cid: str = "c") -> list[TimelinePoint]:
    out, cum = [], 0.0
    for i, x in enumerate(dailies):
        cum += x or 0
        out.append(TimelinePoint(start + timedelta(days=i), x, cum, cum, cum, (cid,) if x else ()))
    return out


MONDAY = date(2022, 9, 26)  # ISO week 2022-W39: Sep 26 .. Oct 2


def test_week_alert_only_above_the_threshold() -> None:
    at = flat(MONDAY, [1000, 1000, 1000, 1000, 1000, 0, 0])
    assert alerts(at) == []
    above = flat(MONDAY, [1000, 1000, 1000, 1000, 1000, 1, None])
    (alert,) = alerts(above)
    assert alert == Alert(
        "week", "2022-W39", MONDAY, date(2022, 10, 2), 5001, 5001, 5001, 5000, ("c",)
    )


def test_month_and_quarter_alerts_and_custom_thresholds() -> None:
    # 30 days of 1,000 in September: month 30,000 > 25,000; weeks at most 7,000 > 5,000.
    september = flat(date(2022, 9, 1), [1000.0] * 30)
    found = alerts(september, corridor=("RU", "KZ"))
    # Sep 1 is a Thursday: W35 has 4 days (4,000), W39 five (5,000, not above 5,000)
    assert [(a.period, a.label, a.flow) for a in found] == [
        ("month", "2022-09", 30000),
        ("week", "2022-W36", 7000),
        ("week", "2022-W37", 7000),
        ("week", "2022-W38", 7000),
    ]
    assert all(a.corridor == ("RU", "KZ") for a in found)
    quarter = alerts(september, {"quarter": 29999})
    assert [(a.label, a.flow, a.start, a.end) for a in quarter] == [
        ("2022-Q3", 30000, date(2022, 7, 1), date(2022, 9, 30))
    ]
    assert alerts(september, {"quarter": 30000}) == []
    with pytest.raises(ValueError, match="fortnight"):
        alerts(september, {"fortnight": 1})


def test_alerts_from_a_built_timeline_list_the_claims_behind_them() -> None:
    points = build_timeline(
        [claim("k", 98000, start=0, end=6, reports=2), claim("x", 70000, start=0, end=6)],
        "RU",
        "KZ",
    )
    found = alerts(points)
    weeks = [(a.label, a.flow, a.low, a.high, a.claim_ids) for a in found if a.period == "week"]
    # Sep 21..25 are in W38 (5 days), Sep 26..27 in W39 (2 days)
    assert weeks == [
        ("2022-W38", pytest.approx(70000), pytest.approx(50000), pytest.approx(70000), ("k", "x")),
        ("2022-W39", pytest.approx(28000), pytest.approx(20000), pytest.approx(28000), ("k", "x")),
    ]
    assert [(a.label, a.flow) for a in found if a.period != "week"] == [("2022-09", 98000)]
