"""Shared test helpers."""

from __future__ import annotations

import os

import pytest


def require(available: bool, what: str) -> None:
    """Skip when a system dependency is missing, except under CI=true, where that is a failure.

    `python3 dev.py test` installs the Debian packages the tests need when it can (root and
    apt-get); CI must never pass by skipping them.
    """
    if available:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} is missing under CI; dev.py test should have installed it")
    pytest.skip(f"{what} is missing (python3 dev.py test installs it as root)")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a SQLite store holding the sample corpus, ingested once per session; read-only."""
    from exodus.cli import ingest_paths, sample_paths
    from exodus.config import load_settings

    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    ingest_paths(sample_paths(), load_settings(db=url))
    return url
