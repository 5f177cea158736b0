"""Shared test helpers and fixtures.

Store backends: ``store_url`` runs a test once on SQLite (a file in ``tmp_path``) and once on
PostgreSQL (a fresh database, dropped after the test).  The PostgreSQL server is a throwaway cluster
started once per session (``tests/pgcluster.py``) or, when ``EXODUS_TEST_PG_URL`` is set, that
server (its role needs CREATEDB).  Tests that need PostgreSQL are marked ``postgresql``:
``pytest -m postgresql`` runs only them, ``-m "not postgresql"`` leaves them out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from pgcluster import PgServer, find_bindir, missing_prerequisite, throwaway_cluster

PG_FIXTURES = {"pg_server", "pg_url"}


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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a PostgreSQL fixture directly are marked ``postgresql`` too."""
    for item in items:
        if PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the session: ``EXODUS_TEST_PG_URL``, else a throwaway cluster."""
    given = os.environ.get("EXODUS_TEST_PG_URL")
    if given:
        yield PgServer(given.replace("postgresql://", "postgresql+psycopg://", 1))
        return
    bindir = find_bindir()
    missing = missing_prerequisite(bindir)
    require(missing is None, str(missing))
    assert bindir is not None
    with throwaway_cluster(bindir) as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name = pg_server.create_database()
    try:
        yield pg_server.url_for(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty store's URL, once per backend: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('store') / 'exodus.db'}"
    return str(request.getfixturevalue("pg_url"))


def table_counts(
    url: str, tables: tuple[str, ...] = ("documents", "facts", "rejections")
) -> dict[str, int]:
    """Row counts read with a plain connection (no migration, no write lock), for any backend."""
    engine = sa.create_engine(
        url.replace("postgresql://", "postgresql+psycopg://", 1), poolclass=sa.pool.NullPool
    )
    try:
        with engine.connect() as conn:
            return {
                t: int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar_one())
                for t in tables
            }
    finally:
        engine.dispose()
