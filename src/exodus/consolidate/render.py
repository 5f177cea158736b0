"""Consolidation for people: Rich tables of corridors, timelines, claims and alerts.

Every cell that comes from an article or a stored fact (sentences, speakers, places, sources) is a
:class:`rich.text.Text`, never markup, so a ``[bold]`` in a news story prints as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.table import Table
from rich.text import Text

from exodus.consolidate.alerts import Alert
from exodus.consolidate.claims import Claim, Report
from exodus.consolidate.records import Consolidation, Corridor, Country

_RATE = {"total": "", "per_day": " a day", "per_week": " a week", "per_month": " a month"}


def _n(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:,.0f}" if abs(x) >= 10 or float(x).is_integer() else f"{x:,.1f}"


def _span(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return ""
    return _n(low) if round(low) == round(high) else f"{_n(low)}–{_n(high)}"


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def _period(start: date | None, end: date | None) -> str:
    if not (start or end):
        return ""
    return _d(end) if start in (None, end) else f"{_d(start)} → {_d(end)}"


def _end(c: Country) -> str:
    return f"{c.name} ({c.country})" if c.name else c.label()


def corridors_table(result: Consolidation, title: str = "Corridors") -> Table:
    """One row per corridor: latest cumulative estimate and envelope, counts, dates, alerts."""
    t = Table(title=title, title_justify="left")
    for col in ("corridor", "latest", "as of", "low–high", "claims", "reports", "first", "last"):
        t.add_column(col, justify="right" if col in ("latest", "claims", "reports") else "left")
    t.add_column("alerts", justify="right")
    for c in result.corridors:
        latest = c.latest
        t.add_row(
            Text(f"{_end(c.origin)} → {_end(c.destination)}"),
            _n(latest.cumulative) if latest else "",
            _d(latest.date) if latest else "",
            _span(latest.low, latest.high) if latest else "",
            str(c.claims),
            str(c.reports),
            _d(c.first),
            _d(c.last),
            str(len(c.alerts)),
        )
    return t


def timeline_table(corridor: Corridor) -> Table:
    """One row per day of the corridor's flow series, with the claims behind it."""
    t = Table(title=f"Daily flow, {corridor.label()} (people)", title_justify="left")
    for col in ("date", "daily", "daily low–high", "cumulative", "low–high", "basis", "claims"):
        t.add_column(col, justify="right" if col in ("daily", "cumulative") else "left")
    for p in corridor.timeline:
        t.add_row(
            _d(p.date),
            _n(p.daily),
            _span(p.daily_low, p.daily_high),
            _n(p.cumulative),
            _span(p.low, p.high),
            p.basis,
            Text(" ".join(p.claim_ids)),
        )
    return t


def stocks_table(corridor: Corridor) -> Table:
    """People present, one row per "as of" day (kept apart from the flows)."""
    t = Table(title=f"People present (stock), {corridor.label()}", title_justify="left")
    for col in ("as of", "estimate", "low–high", "claims"):
        t.add_column(col, justify="right" if col == "estimate" else "left")
    for s in corridor.stocks:
        t.add_row(_d(s.date), _n(s.value), _span(s.low, s.high), Text(" ".join(s.claim_ids)))
    return t


def _figure(c: Claim) -> str:
    span = _span(min(c.low, c.value), max(c.high, c.value))
    return f"{_n(c.value)} {c.unit}{_RATE.get(c.rate, '')}" + (
        f" ({span})" if span and span != _n(c.value) else ""
    )


def _report_cell(r: Report) -> Text:
    where = r.outlet or Path(r.document).name
    return Text(f"{where}\n{_d(r.published)}")


def claims_table(result: Consolidation, claims: Sequence[Claim]) -> Table:
    """One row per report, grouped by claim: the claim's figure, period and original source on
    its first row, then each report's outlet or document, sentence, speaker and merge reason."""
    t = Table(title=f"Claims ({len(claims)})", title_justify="left", show_lines=False)
    t.add_column("claim", overflow="fold", ratio=3)
    t.add_column("report", overflow="fold", ratio=2)
    t.add_column("sentence", overflow="fold", ratio=5)
    t.add_column("speaker", overflow="fold", ratio=2)
    t.add_column("why merged", overflow="fold", ratio=4)
    for claim in claims:
        rivals = result.conflicts_of(claim.id)
        head = Text(f"{claim.id}\n{claim.origin or '?'} → {claim.destination or '?'} ")
        head.append(
            f"{claim.measure}: {_figure(claim)}\n{_period(claim.period_start, claim.period_end)}"
        )
        if claim.original_source:
            head.append(f"\nsource: {claim.original_source}")
        if claim.place:
            head.append(f"\nat {claim.place}")
        if rivals:
            head.append(f"\nCONFLICTS with {', '.join(rivals)}", style="bold red")
        if claim.copies:
            head.append(
                f"\n+{len(claim.copies)} syndicated cop{'y' if len(claim.copies) == 1 else 'ies'} not counted"
            )
        last = len(claim.reports) - 1
        for i, (r, why) in enumerate(zip(claim.reports, claim.merge_reasons, strict=True)):
            t.add_row(
                head if i == 0 else Text(""),
                _report_cell(r),
                Text(r.sentence),
                Text(r.speaker or ""),
                Text(why),
                end_section=i == last,
            )
    return t


def alerts_table(result: Consolidation, alerts: Sequence[Alert]) -> Table:
    """One row per period above its threshold, with the claims that raise it."""
    limits = ", ".join(f"{k} {_n(v)}" for k, v in result.thresholds.items())
    t = Table(title=f"Alerts (thresholds: {limits})", title_justify="left")
    for col in ("corridor", "period", "from", "to", "flow", "low–high", "threshold", "claims"):
        t.add_column(col, justify="right" if col in ("flow", "threshold") else "left")
    for a in alerts:
        origin, destination = a.corridor or (None, None)
        t.add_row(
            Text(f"{origin or '?'} → {destination or '?'}"),
            a.label,
            _d(a.start),
            _d(a.end),
            _n(a.flow),
            _span(a.low, a.high),
            _n(a.threshold),
            Text(" ".join(a.claim_ids)),
        )
    return t
