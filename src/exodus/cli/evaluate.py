"""``exodus eval``: extraction scored against gold files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from exodus.cli.common import Format, FormatOpt, app, err, out
from exodus.config import load_settings


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
