"""``exodus serve``: the REST API and the dashboard over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from exodus.cli.common import DbOpt, app, err, redacted


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (loopback by default; 0.0.0.0 for all).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="EXODUS_TOKEN",
            show_envvar=True,
            help="Bearer token that writes (upload, review) need. Prefer the EXODUS_TOKEN"
            " environment variable: a flag shows in the process list. Without a token every"
            " write is refused.",
        ),
    ] = None,
    protect_reads: Annotated[
        bool | None,
        typer.Option(
            "--protect-reads/--open-reads",
            help="Whether reads need the token too (default: $EXODUS_PROTECT_READS, else open).",
        ),
    ] = None,
) -> None:
    """Serve the dashboard at / and the REST API under /api/v1 (OpenAPI schema at /openapi.json)
    until interrupted.

    Example: EXODUS_TOKEN=s3cret exodus serve --db sqlite:///exodus.db --port 8000
    """
    import uvicorn

    from exodus.serve.app import ServeSettings, create_app
    from exodus.serve.assets import missing_assets

    settings = ServeSettings.load(db=db, token=token, protect_reads=protect_reads)
    application = create_app(settings)
    where = f"http://{host}:{port}"
    err.print(f"Exodus dashboard on {where}/", markup=False)
    err.print(f"API on {where}/api/v1 (schema: {where}/openapi.json)", markup=False)
    missing = missing_assets()
    if missing:
        err.print(
            f"ASSETS_MISSING: the dashboard's map files were not fetched ({', '.join(missing)});"
            " run `exodus assets` once online. The map is drawn without country boundaries.",
            markup=False,
        )
    err.print(f"database: {redacted(settings.settings.db_url)}", markup=False, highlight=False)
    if settings.token is None:
        err.print(
            "no token (EXODUS_TOKEN or --token): reads only, every write is refused", markup=False
        )
    else:
        reads = "reads need it too" if settings.protect_reads else "reads are open"
        err.print(f"writes need the bearer token; {reads}", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
