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
from typing import IO

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
    top.fill_between(days, [p.low for p in points], [p.high for p in points],
                     color=COLOURS["band"], alpha=0.5, linewidth=0, label="low–high envelope")  # fmt: skip
    top.plot(days, [p.cumulative for p in points], color=COLOURS["line"], linewidth=2,
             marker="o" if len(points) == 1 else None, label="cumulative estimate")  # fmt: skip
    totals = [c for c in claims if c.rate == "total"]
    if totals:
        xs, ys, lo, hi = [], [], [], []
        for c in totals:
            assert c.period_end is not None
            base = _cumulative_at(corridor, c.period_start - ONE_DAY) if c.period_start else 0.0
            value = base + c.value
            xs.append(c.period_end)
            ys.append(value)
            lo.append(value - (base + min(c.low, c.value)))
            hi.append(base + max(c.high, c.value) - value)
        top.errorbar(xs, ys, yerr=[lo, hi], fmt="D", color=COLOURS["claim"], markersize=6,
                     capsize=3, linewidth=1, label=f"reported totals ({_count(len(totals), 'claim')})")  # fmt: skip
    daily = [(p.date, p.daily, p.daily_low, p.daily_high) for p in points if p.daily is not None]
    if daily:
        bottom.bar([d[0] for d in daily], [d[1] for d in daily], width=0.8,
                   color=COLOURS["band"], edgecolor=COLOURS["line"], linewidth=0.5,
                   label="daily estimate")  # fmt: skip
        err = [
            [max(v - (lo if lo is not None else v), 0.0) for _d, v, lo, _hi in daily],
            [max((hi if hi is not None else v) - v, 0.0) for _d, v, _lo, hi in daily],
        ]
        if any(err[0]) or any(err[1]):
            bottom.errorbar([d[0] for d in daily], [d[1] for d in daily], yerr=err, fmt="none",
                            ecolor=COLOURS["line"], capsize=2, linewidth=0.8,
                            label="daily low–high")  # fmt: skip
    rates = [c for c in claims if c.rate in RATE_DAYS]
    for i, c in enumerate(rates):
        assert c.period_end is not None
        k = RATE_DAYS[c.rate]
        first = c.period_start or c.period_end - (k - 1) * ONE_DAY
        span = [mdates.date2num(first) - 0.4, mdates.date2num(c.period_end) + 0.4]
        bottom.plot(span, [c.value / k] * 2,
                    color=COLOURS["rate"], linewidth=3, solid_capstyle="butt",
                    label=f"reported rates ({_count(len(rates), 'claim')})" if i == 0 else None)  # fmt: skip
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
