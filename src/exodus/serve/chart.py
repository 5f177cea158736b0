"""A corridor's timeline as a PNG chart, drawn with matplotlib (Agg, no display needed).

Two panels over the same dates:

* **cumulative** (top): the cumulative estimate of the flow timeline, its low–high envelope
  shaded, and every total behind it as a claim point with its reported bounds.  A total over a
  known period is drawn where it puts the count on its last day (the count the day before its
  start plus its value), so it can be read against the line; a total whose start is unknown is
  drawn at its value.  Conflicting claims show as points apart.
* **daily** (bottom): the daily estimate as bars with its envelope, and each daily (weekly,
  monthly) rate claim as a segment over the days it covers, at its value per day.

The chart stops at the last data point, like the series.  A corridor with no dated flow claim
gives a chart that says so.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from exodus.consolidate.claims import Claim
from exodus.consolidate.records import Consolidation, Corridor
from exodus.consolidate.timeline import RATE_DAYS
from exodus.errors import ExportError

SIZE = (11.0, 6.5)  # inches
DPI = 110
ONE_DAY = timedelta(days=1)
COLOURS = {"line": "#1f4e79", "band": "#9dc3e6", "claim": "#c55a11", "rate": "#548235"}


def _name(c: Corridor) -> str:
    o, d = c.origin, c.destination
    return f"{o.name or o.label()} → {d.name or d.label()}"


def flow_claims(consolidation: Consolidation, corridor: Corridor) -> list[Claim]:
    """The claims a corridor's flow timeline is built from (people, reported, dated)."""
    return [
        c
        for c in consolidation.claims
        if c.corridor == corridor.key
        and c.measure == "flow"
        and c.unit == "people"
        and c.modality == "reported"
        and c.period_end is not None
    ]


def _cumulative_at(corridor: Corridor, day: date) -> float:
    point = corridor.point_on(day)
    return point.cumulative if point else 0.0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _fmt(x: float, _pos: object = None) -> str:
    return f"{x:,.0f}"


def draw_timeline(
    consolidation: Consolidation,
    corridor: Corridor,
    out: Path | IO[bytes],
    *,
    size: tuple[float, float] = SIZE,
    dpi: int = DPI,
) -> None:
    """Draw ``corridor``'s timeline (see the module docstring) as a PNG into ``out`` (a path or
    a binary stream).  Raises ``ExportError`` (``OUTPUT``) when the file cannot be written."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    points = corridor.timeline
    claims = flow_claims(consolidation, corridor)
    fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    latest = corridor.latest
    subtitle = f"{_count(corridor.claims, 'claim')}, {_count(corridor.reports, 'report')}"
    if latest is None:
        subtitle = f"no dated flow figures; {subtitle}"
    else:
        spread = (
            f" (range {_fmt(latest.low)}–{_fmt(latest.high)})"
            if round(latest.low) != round(latest.high)
            else ""
        )
        subtitle = (
            f"latest cumulative estimate {_fmt(latest.cumulative)}{spread}"
            f" on {latest.date.isoformat()}; {subtitle}"
        )
    fig.suptitle(f"{_name(corridor)}: people on the move", fontsize=14, fontweight="bold")
    top.set_title(subtitle, fontsize=10)
    top.set_ylabel("people, cumulative")
    bottom.set_ylabel("people per day")
    bottom.set_xlabel("date")
    for ax in (top, bottom):
        ax.yaxis.set_major_formatter(FuncFormatter(_fmt))
        ax.grid(True, color="#dddddd", linewidth=0.6)
    if not points:
        for ax in (top, bottom):
            ax.text(0.5, 0.5, "no dated flow figures on this corridor", ha="center",
                    va="center", transform=ax.transAxes, color="#666666")  # fmt: skip
            ax.set_xticks([])
            ax.set_yticks([])
        _save(fig, out, dpi)
        return
    days = [p.date for p in points]
    _cumulative_panel(top, corridor, [c for c in claims if c.rate == "total"])
    _daily_panel(bottom, corridor, [c for c in claims if c.rate in RATE_DAYS])
    short = (days[-1] - days[0]).days < 4
    if short:  # whole days on the axis, never hours
        top.set_xlim(days[0] - 2 * ONE_DAY, days[-1] + 2 * ONE_DAY)
    locator = mdates.DayLocator() if short else mdates.AutoDateLocator(minticks=3, maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    top.set_ylim(bottom=0)
    bottom.set_ylim(bottom=0)
    for ax in (top, bottom):  # beside the plot, never over the data
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    _save(fig, out, dpi)


def _cumulative_panel(ax: Any, corridor: Corridor, totals: list[Claim]) -> None:
    """The cumulative estimate, its envelope, and each total where it puts the count."""
    points = corridor.timeline
    days = [p.date for p in points]
    ax.fill_between(days, [p.low for p in points], [p.high for p in points],
                    color=COLOURS["band"], alpha=0.5, linewidth=0, label="low–high envelope")  # fmt: skip
    ax.plot(days, [p.cumulative for p in points], color=COLOURS["line"], linewidth=2,
            marker="o" if len(points) == 1 else None, label="cumulative estimate")  # fmt: skip
    if not totals:
        return
    xs, ys, below, above = [], [], [], []
    for c in totals:
        assert c.period_end is not None
        start = c.period_start  # a start after the end is a misread: the timeline drops it too
        known = start is not None and start <= c.period_end
        base = _cumulative_at(corridor, start - ONE_DAY) if start and known else 0.0
        xs.append(c.period_end)
        ys.append(base + c.value)
        below.append(c.value - min(c.low, c.value))
        above.append(max(c.high, c.value) - c.value)
    ax.errorbar(xs, ys, yerr=[below, above], fmt="D", color=COLOURS["claim"], markersize=6,
                capsize=3, linewidth=1, label=f"reported totals ({_count(len(totals), 'claim')})")  # fmt: skip


def _daily_panel(ax: Any, corridor: Corridor, rates: list[Claim]) -> None:
    """The daily estimate as bars with its envelope, and each rate claim over its days."""
    import matplotlib.dates as mdates

    daily = [p for p in corridor.timeline if p.daily is not None]
    if daily:
        values = [p.daily or 0.0 for p in daily]
        ax.bar([p.date for p in daily], values, width=0.8, color=COLOURS["band"],
               edgecolor=COLOURS["line"], linewidth=0.5, label="daily estimate")  # fmt: skip
        below = [
            max(v - (p.daily_low if p.daily_low is not None else v), 0.0)
            for p, v in zip(daily, values, strict=True)
        ]
        above = [
            max((p.daily_high if p.daily_high is not None else v) - v, 0.0)
            for p, v in zip(daily, values, strict=True)
        ]
        if any(below) or any(above):
            ax.errorbar([p.date for p in daily], values, yerr=[below, above], fmt="none",
                        ecolor=COLOURS["line"], capsize=2, linewidth=0.8, label="daily low–high")  # fmt: skip
    for i, c in enumerate(rates):
        assert c.period_end is not None
        k = RATE_DAYS[c.rate]
        first = c.period_start or c.period_end - (k - 1) * ONE_DAY
        span = [mdates.date2num(first) - 0.4, mdates.date2num(c.period_end) + 0.4]
        ax.plot(span, [c.value / k] * 2, color=COLOURS["rate"], linewidth=3, solid_capstyle="butt",
                label=f"reported rates ({_count(len(rates), 'claim')})" if i == 0 else None)  # fmt: skip


def _save(fig: object, out: Path | IO[bytes], dpi: int) -> None:
    from matplotlib.figure import Figure

    assert isinstance(fig, Figure)
    try:
        if isinstance(out, Path):
            out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, format="png", dpi=dpi)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}", "OUTPUT") from exc


def timeline_chart(
    consolidation: Consolidation, origin: str, destination: str, out: Path | IO[bytes]
) -> Corridor:
    """Draw the timeline of the corridor ``origin`` → ``destination`` (alpha-2, alpha-3 or
    name; ``?`` for unknown) into ``out``; returns the corridor.  Raises ``ExportError``
    (``FILTER``) when there is no such corridor."""
    corridor = consolidation.corridor(origin, destination)
    if corridor is None:
        raise ExportError(f"no corridor {origin} → {destination}; see `exodus corridors`", "FILTER")
    draw_timeline(consolidation, corridor, out)
    return corridor


def chart_name(corridor: Corridor) -> str:
    """``timeline-RU-KZ.png`` (``XX`` for an unknown end)."""
    o, d = corridor.key
    return f"timeline-{o or 'XX'}-{d or 'XX'}.png"


def busiest_with_timeline(consolidation: Consolidation) -> Corridor | None:
    """The busiest corridor (most reports) that has a flow timeline, else the busiest one."""
    for corridor in consolidation.corridors:
        if corridor.timeline and corridor.origin.country and corridor.destination.country:
            return corridor
    return consolidation.corridors[0] if consolidation.corridors else None
