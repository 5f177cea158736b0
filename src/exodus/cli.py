"""The ``exodus`` command: thin commands over the library.

Each command parses its options, calls one library function, and prints.  A bad input becomes one
line on stderr (``PATH: CODE: message``); the exit status is 1 when any input was rejected or a
command failed, 0 otherwise.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from exodus import __version__
from exodus.config import Settings, load_settings
from exodus.errors import ExodusError
from exodus.ingest import iter_inputs
from exodus.models import DocumentResult, Rejection
from exodus.render import facts_table, group_by_corridor

app = typer.Typer(
    help="Exodus: sourced, dated, mapped figures on people on the move, from news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


PathsArg = Annotated[
    list[str], typer.Argument(help="Files, folders (read recursively) or - for stdin.")
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: sqlite:///file.db, postgresql+psycopg://... or a file path. Default: $EXODUS_DB or the per-user data folder.",
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ViewFormatOpt = Annotated[
    ViewFormat, typer.Option("--format", "-f", help="Output format: table or json.")
]


def _version(value: bool) -> None:
    if value:
        out.print(f"exodus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Exodus turns news reports about people fleeing, crossing borders, being displaced or
    evacuated into sourced, dated, mapped figures."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _reject_line(r: Rejection) -> None:
    err.print(r.line(), markup=False, highlight=False)


def _process(
    paths: list[str], settings: Settings, published: date | None, label: str
) -> Iterator[DocumentResult]:
    """Read, clean and extract every input, with a progress bar when it takes a while."""
    from dataclasses import replace

    from exodus.pipeline import load_extractor, process_document

    inputs = list(iter_inputs(paths, max_bytes=settings.max_bytes))
    extractor = None
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=len(inputs) < 2,
    )  # fmt: skip
    with progress:
        task = progress.add_task(label, total=len(inputs))
        for item in inputs:
            if isinstance(item, Rejection):
                result = DocumentResult(item.source, rejection=item)
            else:
                if extractor is None:
                    extractor = load_extractor(settings)
                raw = replace(item, published=published) if published else item
                result = process_document(raw, extractor, max_bytes=settings.max_bytes)
            progress.advance(task)
            yield result


def _print_facts(facts: list[dict[str, Any]], fmt: Format, title: str = "Facts") -> None:
    if fmt is Format.jsonl:
        for f in facts:
            sys.stdout.write(json.dumps(f, ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(facts_table(facts, title))


@app.command()
def extract(
    paths: PathsArg,
    format: FormatOpt = Format.table,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) for inputs that do not state one."
        ),
    ] = None,
) -> None:
    """Clean and extract facts from articles and print them; nothing is stored.

    Example: exodus extract article.txt --format jsonl
    """
    settings = load_settings()
    pub = _parse_date(published)
    facts: list[dict[str, Any]] = []
    failed = False
    for result in _process(paths, settings, pub, "Extracting"):
        if result.rejection is not None:
            _reject_line(result.rejection)
            failed = True
            continue
        rows = [f.to_dict() for f in result.facts]
        if format is Format.jsonl:
            _print_facts(rows, format)
        else:
            facts.extend(rows)
    if format is not Format.jsonl:
        _print_facts(facts, format)
    raise typer.Exit(1 if failed else 0)


def ingest_paths(paths: list[str], settings: Settings, published: date | None = None) -> Any:
    """Process and store inputs; returns the run summary.  Library entry point of ``ingest``."""
    from exodus.store import RunSummary, open_store

    summary = RunSummary()
    with open_store(settings.db_url) as store:
        run_id = store.start_run()
        for result in _process(paths, settings, published, "Ingesting"):
            outcome = store.save_result(result)
            if result.rejection is not None:
                _reject_line(result.rejection)
            summary.count(outcome, result.rejection.code if result.rejection else None)
        store.finish_run(run_id, summary)
    return summary


def _print_summary(summary: Any, settings: Settings) -> None:
    t = Table(title="Ingest summary", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_row("read", str(summary.read))
    t.add_row("stored", str(summary.stored))
    t.add_row("already known", str(summary.known))
    t.add_row("rejected", str(sum(summary.rejected.values())))
    for code, n in sorted(summary.rejected.items()):
        t.add_row(f"  {code}", str(n))
    err.print(t)
    err.print(f"database: {_redacted(settings.db_url)}", markup=False, highlight=False)


def _redacted(url: str) -> str:
    import re

    return re.sub(r"://([^:/@]+):[^@]+@", r"://\1:***@", url)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) for inputs that do not state one."
        ),
    ] = None,
) -> None:
    """Clean, extract and store articles; re-ingesting the same content stores nothing twice.

    Example: exodus ingest corpus/ --db sqlite:///exodus.db
    """
    settings = load_settings(db=db)
    summary = ingest_paths(paths, settings, _parse_date(published))
    _print_summary(summary, settings)
    raise typer.Exit(1 if summary.rejected else 0)


@app.command()
def facts(
    db: DbOpt = None,
    origin: Annotated[
        str | None, typer.Option(help="Origin country, ISO alpha-2 (e.g. RU).")
    ] = None,
    destination: Annotated[
        str | None, typer.Option(help="Destination country, ISO alpha-2 (e.g. KZ).")
    ] = None,
    measure: Annotated[
        str | None, typer.Option(help="flow, stock, wait_time or queue_length.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only facts about periods ending on or after this date (YYYY-MM-DD)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many facts.")] = None,
    format: FormatOpt = Format.table,
) -> None:
    """List stored facts, filtered.

    Example: exodus facts --origin RU --destination KZ --measure flow --since 2022-09-21
    """
    from exodus.store import open_store

    settings = load_settings(db=db)
    with open_store(settings.db_url) as store:
        rows = store.facts(
            origin=origin.upper() if origin else None,
            destination=destination.upper() if destination else None,
            measure=measure, since=_parse_date(since), limit=limit,
        )  # fmt: skip
    _print_facts(rows, format)


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[str],
        typer.Argument(
            help="Gold files (*.gold.json) or folders holding them, with each article beside its gold file."
        ),
    ],
    split: Annotated[
        str | None,
        typer.Option(
            "--split",
            help="Only gold files of this split (the folder they sit in, e.g. dev or devtest).",
        ),
    ] = None,
    format: FormatOpt = Format.table,
    floors: Annotated[
        Path | None,
        typer.Option("--floors", help="A JSON file of quality floors; exit 1 when any is missed."),
    ] = None,
    diffs: Annotated[
        bool,
        typer.Option(
            "--diffs/--no-diffs",
            help="Show the per-document diff (missed, spurious, wrong attributes).",
        ),
    ] = True,
    calibrate: Annotated[
        Path | None,
        typer.Option(
            "--calibrate",
            help="Fit the confidence calibration on these gold files and write it to this JSON file.",
        ),
    ] = None,
) -> None:
    """Score extraction against gold files: precision, recall and F1 (lenient and strict),
    attribute accuracy, false facts per negative document, reliability of the confidence.

    Example: exodus eval eval/ --split devtest --floors eval/floors-devtest.json
    """
    from exodus.evaluate.render import print_report, report_payload
    from exodus.evaluate.runner import check_floors, evaluate, find_gold, load_floors, reliability
    from exodus.pipeline import load_extractor

    paths = find_gold(gold)
    if not paths:
        err.print("no gold files found (expected *.gold.json files or folders holding them)")
        raise typer.Exit(2)
    extractor = load_extractor(load_settings())
    if calibrate is not None:
        from exodus.evaluate.runner import fit_calibration

        table = fit_calibration(paths, extractor, split)
        calibrate.write_text(table.to_json(), encoding="utf-8")
        err.print(f"calibration fitted on split {split or 'all'} written to {calibrate}")
        extractor.calibration = table
    report, runs = evaluate(paths, extractor, split)
    if not runs:
        err.print(f"no gold files in split {split!r}")
        raise typer.Exit(2)
    summary = report.summary()
    rel = reliability(runs)
    if format is Format.table:
        print_report(out, report, runs, rel, diffs)
    else:
        payload = report_payload(report, runs, rel)
        sys.stdout.write(
            json.dumps(payload, ensure_ascii=False, indent=2 if format is Format.json else None)
            + "\n"
        )
    if floors is not None:
        failures = check_floors(summary, load_floors(floors))
        for line in failures:
            err.print(f"QUALITY FLOOR MISSED: {line}", markup=False, highlight=False)
        if failures:
            raise typer.Exit(1)
        err.print(f"all quality floors in {floors} met")


def sample_paths() -> list[str]:
    """The articles of the sample corpus that ships with the package."""
    from importlib.resources import files

    folder = Path(str(files("exodus") / "samples"))
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _consolidated(db: str | None, thresholds: dict[str, float] | None = None) -> Any:
    """Consolidate the store at ``db`` (``--db``, else the settings)."""
    from exodus.consolidate.run import consolidate_store
    from exodus.store import open_store

    with open_store(load_settings(db=db).db_url) as store:
        return consolidate_store(store, thresholds=thresholds)


def _print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


_COUNTRY = (
    "country: ISO alpha-2 or alpha-3 code or English name (KZ, KAZ, Kazakhstan); ? for unknown"
)
CountryArg = Annotated[str, typer.Argument(help=f"The {_COUNTRY}.")]


def _threshold(period: str, default: str) -> Any:
    return typer.Option(help=f"Alert threshold for a calendar {period} (default {default}).")


@app.command()
def corridors(db: DbOpt = None, format: ViewFormatOpt = ViewFormat.table) -> None:
    """Corridors of the stored facts, busiest first: latest cumulative estimate with its low-high
    envelope, number of claims and reports, first and last day, alerts.

    Example: exodus corridors --db sqlite:///exodus.db --format json
    """
    from exodus.consolidate.render import corridors_table

    result = _consolidated(db)
    if format is ViewFormat.json:
        _print_json([c.to_dict() for c in result.corridors])
    else:
        out.print(corridors_table(result))


@app.command()
def timeline(
    origin: CountryArg,
    destination: CountryArg,
    db: DbOpt = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """The daily flow series of one corridor (daily and cumulative estimates with their envelope
    and the claims behind each day), and its stock series (people present) apart.

    Example: exodus timeline RU KZ --format json
    """
    from exodus.consolidate.render import stocks_table, timeline_table

    result = _consolidated(db)
    corridor = result.corridor(origin, destination)
    if corridor is None:
        err.print(f"no corridor {origin} → {destination}; see `exodus corridors`", markup=False)
        raise typer.Exit(1)
    if format is ViewFormat.json:
        _print_json(corridor.timeline_dict())
        return
    out.print(timeline_table(corridor))
    if corridor.stocks:
        out.print(stocks_table(corridor))


@app.command()
def claims(
    db: DbOpt = None,
    origin: Annotated[str | None, typer.Option(help=f"Origin {_COUNTRY} (e.g. RU).")] = None,
    destination: Annotated[str | None, typer.Option(help=f"Destination {_COUNTRY}.")] = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Claims: each figure with every report of it (outlet or document, publication date,
    sentence, speaker) and why each report was merged; conflicting claims are marked.

    Example: exodus claims --origin RU --destination GE --format json
    """
    from exodus.consolidate.render import claims_table

    result = _consolidated(db)
    chosen = result.claims_for(origin, destination)
    if format is ViewFormat.json:
        _print_json([result.claim_dict(c) for c in chosen])
    else:
        out.print(claims_table(result, chosen))


@app.command()
def alerts(
    db: DbOpt = None,
    week: Annotated[float | None, _threshold("week", "5,000")] = None,
    month: Annotated[float | None, _threshold("month", "25,000")] = None,
    quarter: Annotated[float | None, _threshold("quarter", "100,000")] = None,
    format: ViewFormatOpt = ViewFormat.table,
) -> None:
    """Weeks, months and quarters whose flow on a corridor exceeds a threshold, with the claims
    that raise them (in the manner of OCHA's HDX Signals).

    Example: exodus alerts --week 10000 --format json
    """
    from exodus.consolidate.render import alerts_table

    given = {"week": week, "month": month, "quarter": quarter}
    result = _consolidated(db, {k: v for k, v in given.items() if v is not None})
    if format is ViewFormat.json:
        _print_json([result.alert_dict(a) for a in result.alerts])
    else:
        out.print(alerts_table(result, result.alerts))


@app.command()
def demo(db: DbOpt = None) -> None:
    """Ingest the sample corpus that ships with Exodus, show its facts by corridor and end with
    the corridor summary.

    Example: exodus demo
    """
    settings = load_settings(db=db)
    paths = sample_paths()
    err.print(f"Ingesting {len(paths)} sample articles…")
    summary = ingest_paths(paths, settings)
    from exodus.store import open_store

    with open_store(settings.db_url) as store:
        rows = store.facts()
    for (o, d), group in group_by_corridor(rows).items():
        out.print(facts_table(group, title=f"{o} → {d}  ({len(group)} facts)"))
    _print_summary(summary, settings)
    out.print(
        f"The facts are stored in {_redacted(settings.db_url)}; query them with `exodus facts`,"
        " `exodus claims`, `exodus timeline` and `exodus alerts`.",
        markup=False,
        highlight=False,
    )
    from exodus.consolidate.render import corridors_table

    out.print(
        corridors_table(_consolidated(db), title="Corridors (claims merged, copies not counted)")
    )


def run() -> None:  # pragma: no cover - console entry point
    try:
        app()
    except ExodusError as exc:
        err.print(str(exc), markup=False, highlight=False)
        sys.exit(1)
