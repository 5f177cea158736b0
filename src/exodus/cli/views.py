"""Commands over the consolidated store: corridors, timeline, claims, alerts."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from exodus.cli.common import (
    COUNTRY,
    CountryArg,
    DbOpt,
    ViewFormat,
    ViewFormatOpt,
    app,
    err,
    out,
    print_json,
    snapshot,
    threshold_option,
)
from exodus.errors import NotFoundError
from exodus.serve import queries


@app.command()
def corridors(db: DbOpt = None, format: ViewFormatOpt = ViewFormat.table) -> None:
    """Corridors of the stored facts, busiest first: latest cumulative estimate with its low-high
    envelope, number of claims and reports, first and last day, alerts.

    Example: exodus corridors --db sqlite:///exodus.db --format json
    """
    from exodus.consolidate.render import corridors_table

    snap = snapshot(db)
    page = queries.list_corridors(snap, limit=None)
    if format is ViewFormat.json:
        print_json([c.to_dict() for c in page.items])
    else:
        out.print(corridors_table(snap.result))


class TimelineFormat(StrEnum):
    table = "table"
    json = "json"
    png = "png"


@app.command()
def timeline(
    origin: CountryArg,
    destination: CountryArg,
    db: DbOpt = None,
    format: Annotated[
        TimelineFormat,
        typer.Option("--format", "-f", help="Output format: table, json or png (a chart)."),
    ] = TimelineFormat.table,
    chart_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="png: the file to write (default: timeline-ORIGIN-DESTINATION.png in the current folder).",
        ),
    ] = None,
) -> None:
    """The daily flow series of one corridor (daily and cumulative estimates with their envelope
    and the claims behind each day), and its stock series (people present) apart; with --format
    png, a chart of the daily and cumulative series, the envelope and the claims.

    Example: exodus timeline RU KZ --format png --out ru-kz.png
    """
    from exodus.consolidate.render import stocks_table, timeline_table

    snap = snapshot(db)
    try:
        corridor = queries.get_timeline(snap, origin, destination)
    except NotFoundError:
        err.print(f"no corridor {origin} → {destination}; see `exodus corridors`", markup=False)
        raise typer.Exit(1) from None
    if format is TimelineFormat.png:
        from exodus.errors import ExportError
        from exodus.serve.chart import chart_name, draw_timeline

        path = chart_file or Path(chart_name(corridor))
        try:
            draw_timeline(snap.result, corridor, path)
        except ExportError as exc:
            err.print(str(exc), markup=False, highlight=False)
            raise typer.Exit(1) from None
        out.print(f"Timeline chart of {corridor.label()}: {path}", markup=False, highlight=False)
        return
    if format is TimelineFormat.json:
        print_json(corridor.timeline_dict())
        return
    out.print(timeline_table(corridor))
    if corridor.stocks:
        out.print(stocks_table(corridor))


@app.command()
def claims(
    db: DbOpt = None,
    origin: Annotated[str | None, typer.Option(help=f"Origin {COUNTRY} (e.g. RU).")] = None,
    destination: Annotated[str | None, typer.Option(help=f"Destination {COUNTRY}.")] = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Claims: each figure with every report of it (outlet or document, publication date,
    sentence, speaker) and why each report was merged; conflicting claims are marked.

    Example: exodus claims --origin RU --destination GE --format json
    """
    from exodus.consolidate.render import claims_table

    snap = snapshot(db)
    f = queries.ClaimFilter(origin=origin, destination=destination)
    chosen = queries.list_claims(snap, f, limit=None).items
    if format is ViewFormat.json:
        print_json([snap.result.claim_dict(c) for c in chosen])
    else:
        out.print(claims_table(snap.result, chosen))


@app.command()
def alerts(
    db: DbOpt = None,
    week: Annotated[float | None, threshold_option("week", "5,000")] = None,
    month: Annotated[float | None, threshold_option("month", "25,000")] = None,
    quarter: Annotated[float | None, threshold_option("quarter", "100,000")] = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Weeks, months and quarters whose flow on a corridor exceeds a threshold, with the claims
    that raise them (in the manner of OCHA's HDX Signals).

    Example: exodus alerts --week 10000 --format json
    """
    from exodus.consolidate.render import alerts_table

    given = {"week": week, "month": month, "quarter": quarter}
    snap = snapshot(db)
    thresholds = {k: v for k, v in given.items() if v is not None}
    found = queries.list_alerts(snap, thresholds=thresholds, limit=None).items
    result = replace(snap.result, thresholds={**snap.result.thresholds, **thresholds})
    if format is ViewFormat.json:
        print_json([result.alert_dict(a) for a in found])
    else:
        out.print(alerts_table(result, found))
