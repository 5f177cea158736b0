"""docs/cli.md is generated from the commands' help, and stays in step with it."""

from __future__ import annotations

from pathlib import Path

from exodus.clidoc import render

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "regenerate: python -m exodus.clidoc > docs/cli.md"
    )


def test_every_option_has_help() -> None:
    for line in render().splitlines():
        if line.startswith("- `--"):
            assert ": " in line and len(line.split(": ", 1)[1]) > 5, line
