"""The ``exodus`` command: thin commands over the library.

Each command parses its options, calls one library function, and prints.  A bad input becomes one
line on stderr (``PATH: CODE: message``); the exit status is 1 when any input was rejected or a
command failed, 0 otherwise.
"""

from __future__ import annotations

import sys

from exodus.cli import assets, documents, evaluate, export, review, serve, views  # noqa: F401 - each module registers its commands
from exodus.cli.common import app, err
from exodus.cli.documents import ingest_paths, sample_paths
from exodus.errors import ExodusError
from exodus.render import facts_table, group_by_corridor

__all__ = ["app", "facts_table", "group_by_corridor", "ingest_paths", "run", "sample_paths"]


def run() -> None:  # pragma: no cover - console entry point
    try:
        app()
    except ExodusError as exc:
        err.print(str(exc), markup=False, highlight=False)
        sys.exit(1)
