"""What every command shares: the Typer app, consoles, option types and small helpers."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console

from exodus import __version__
from exodus.config import load_settings
from exodus.models import Rejection
from exodus.render import facts_table

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
        help="Database: sqlite:///file.db, a file path, or postgresql://user:password@host:port/database (psycopg 3). Default: $EXODUS_DB or the per-user data folder.",
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


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def reject_line(r: Rejection) -> None:
    err.print(r.line(), markup=False, highlight=False)


def print_facts(facts: list[dict[str, Any]], fmt: Format, title: str = "Facts") -> None:
    if fmt is Format.jsonl:
        for f in facts:
            sys.stdout.write(json.dumps(f, ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(facts_table(facts, title))


def redacted(url: str) -> str:
    """A database URL with its password shown as ``***``."""
    from exodus.store.backends import redact_url

    return redact_url(url)


def snapshot(db: str | None) -> Any:
    """The consolidation of the store at ``db`` (``--db``, else the settings), as the API's
    query functions take it (:func:`exodus.serve.queries.consolidation`)."""
    from exodus.serve import queries
    from exodus.store import open_store

    with open_store(load_settings(db=db).db_url) as store:
        return queries.consolidation(store)


def consolidated(db: str | None) -> Any:
    """The :class:`~exodus.consolidate.Consolidation` of the store at ``db``."""
    return snapshot(db).result


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


COUNTRY = (
    "country: ISO alpha-2 or alpha-3 code or English name (KZ, KAZ, Kazakhstan); ? for unknown"
)
CountryArg = Annotated[str, typer.Argument(help=f"The {COUNTRY}.")]


def threshold_option(period: str, default: str) -> Any:
    return typer.Option(help=f"Alert threshold for a calendar {period} (default {default}).")
