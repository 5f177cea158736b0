"""``python -m exodus``: the same as the ``exodus`` command."""

from exodus.cli import run

run()
