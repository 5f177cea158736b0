"""Commands over documents: extract, ingest, facts and the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from exodus.cli.common import (
    DbOpt,
    Format,
    FormatOpt,
    PathsArg,
    app,
    consolidated,
    err,
    out,
    parse_date,
    print_facts,
    redacted,
    reject_line,
)
from exodus.config import Settings, load_settings
from exodus.ingest import iter_inputs
from exodus.models import DocumentResult, Rejection
from exodus.render import facts_table, group_by_corridor


def _progress(n: int) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=n < 2,
    )  # fmt: skip


def _process(
    paths: list[str], settings: Settings, published: date | None, label: str
) -> Iterator[DocumentResult]:
    """Read, clean and extract every input, with a progress bar when it takes a while."""
    from dataclasses import replace

    from exodus.pipeline import load_extractor, process_document

    inputs = list(iter_inputs(paths, max_bytes=settings.max_bytes))
    extractor = None
    progress = _progress(len(inputs))
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
    pub = parse_date(published)
    facts: list[dict[str, Any]] = []
    failed = False
    for result in _process(paths, settings, pub, "Extracting"):
        if result.rejection is not None:
            reject_line(result.rejection)
            failed = True
            continue
        rows = [f.to_dict() for f in result.facts]
        if format is Format.jsonl:
            print_facts(rows, format)
        else:
            facts.extend(rows)
    if format is not Format.jsonl:
        print_facts(facts, format)
    raise typer.Exit(1 if failed else 0)


def ingest_paths(paths: list[str], settings: Settings, published: date | None = None) -> Any:
    """Process and store inputs; returns the run summary.  Library entry point of ``ingest``
    (:func:`exodus.runs.store_inputs`, which the API's upload uses too)."""
    from exodus.runs import store_inputs
    from exodus.store import open_store

    inputs = list(iter_inputs(paths, max_bytes=settings.max_bytes))
    progress = _progress(len(inputs))
    with progress, open_store(settings.db_url) as store:
        task = progress.add_task("Ingesting", total=len(inputs))

        def seen(result: DocumentResult) -> None:
            progress.advance(task)
            if result.rejection is not None:
                reject_line(result.rejection)

        run = store_inputs(store, inputs, settings, published=published, on_result=seen)
    return run.summary


def print_summary(summary: Any, settings: Settings) -> None:
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
    err.print(f"database: {redacted(settings.db_url)}", markup=False, highlight=False)


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
    summary = ingest_paths(paths, settings, parse_date(published))
    print_summary(summary, settings)
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
    from exodus.serve import queries
    from exodus.store import FactFilter, open_store

    settings = load_settings(db=db)
    f = FactFilter(origin=origin, destination=destination, measure=measure, since=parse_date(since))
    with open_store(settings.db_url) as store:
        rows = queries.list_facts(store, f, limit=limit).items
    print_facts(rows, format)


def sample_paths() -> list[str]:
    """The articles of the sample corpus that ships with the package."""
    from importlib.resources import files

    folder = Path(str(files("exodus") / "samples"))
    return sorted(str(p) for p in folder.iterdir() if p.suffix in (".txt", ".html"))


@app.command()
def demo(db: DbOpt = None) -> None:
    """Ingest the sample corpus that ships with Exodus, show its facts by corridor, draw a
    timeline chart of the busiest corridor into the data folder ($EXODUS_DATA_DIR, by default
    ~/.local/share/exodus) and end with the corridor summary.

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
    print_summary(summary, settings)
    out.print(
        f"The facts are stored in {redacted(settings.db_url)}; query them with `exodus facts`,"
        " `exodus claims`, `exodus timeline` and `exodus alerts`.",
        markup=False,
        highlight=False,
    )
    from exodus.consolidate.render import corridors_table

    result = consolidated(db)
    chart = write_demo_chart(result, settings.data_dir)
    if chart is not None:
        out.print(f"Timeline chart of the busiest corridor: {chart}", markup=False, highlight=False)
    out.print(corridors_table(result, title="Corridors (claims merged, copies not counted)"))


def write_demo_chart(result: Any, folder: Path) -> Path | None:
    """Draw the busiest corridor with a flow timeline into ``folder`` (the data folder);
    returns the file, or None when there is no corridor.  A file that cannot be written is
    reported on stderr and skipped."""
    from exodus.errors import ExportError
    from exodus.serve.chart import busiest_with_timeline, chart_name, draw_timeline

    corridor = busiest_with_timeline(result)
    if corridor is None:
        return None
    path = folder / chart_name(corridor)
    try:
        draw_timeline(result, corridor, path)
    except ExportError as exc:
        err.print(f"no chart: {exc}", markup=False, highlight=False)
        return None
    return path
