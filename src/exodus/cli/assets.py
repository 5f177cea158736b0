"""``exodus assets``: fetch the dashboard's pinned third-party files (a set-up step)."""

from __future__ import annotations

from typing import Annotated

import typer

from exodus.cli.common import app, err, out


@app.command()
def assets(
    check: Annotated[
        bool,
        typer.Option("--check", help="Only say what is missing (exit status 1 when anything is)."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Fetch every package again.")] = False,
) -> None:
    """Fetch the dashboard's map and JavaScript libraries from the npm registry, once, at set-up.

    Each package pinned in exodus/serve/static/vendor.lock.json (world-atlas's Natural Earth
    boundaries, topojson-client) is downloaded, checked against its pinned sha512 integrity and
    only its listed files are kept, in the package's static/vendor folder ($EXODUS_ASSETS_DIR
    when set).  `python3 dev.py setup` does this for you; the server itself never downloads.
    """
    from exodus.serve.assets import fetch_assets, missing_assets, vendor_dir

    if check:
        missing = missing_assets()
        for label in missing:
            err.print(f"missing: {label} (run: exodus assets)", markup=False)
        if missing:
            raise typer.Exit(1)
        out.print(f"dashboard assets in place in {vendor_dir()}", markup=False, highlight=False)
        return
    report = fetch_assets(force=force)
    for label in report.fetched:
        out.print(f"fetched and verified {label}", markup=False, highlight=False)
    for label in report.present:
        out.print(f"already in place: {label}", markup=False, highlight=False)
    out.print(f"dashboard assets in {report.dest}", markup=False, highlight=False)
