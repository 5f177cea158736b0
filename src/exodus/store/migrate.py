"""A tiny migration runner.

How it works:

* ``schema_version`` holds one row per applied migration: ``version``, ``description``,
  ``applied_at``.  The database is at the highest version recorded (0 when the table is empty).
* :func:`migrate` applies, in order, every step of ``MIGRATIONS`` whose version is above that,
  **all inside the caller's single transaction**, recording each one as it goes.  If any step fails
  the whole upgrade rolls back and the database stays at its old version (SQLite and PostgreSQL both
  roll back DDL; on SQLite the store emits ``BEGIN`` itself so DDL is inside the transaction).
* Running it again applies nothing: it is safe to call on every :func:`~exodus.store.open_store`.
* Two processes opening a new database at once do not both create it: on SQLite the caller's
  ``BEGIN IMMEDIATE`` serialises them; on PostgreSQL :func:`migrate` first takes a transaction-level
  advisory lock, so the second one waits, then finds the tables there and applies nothing.

Adding a migration:

* Append ``(version, description, step)`` with the next version number.  Never edit, renumber or
  remove a step that has shipped: databases in the wild have recorded it as applied.
* A step is a SQL string (a single statement, run as is) or a callable taking the
  :class:`sqlalchemy.engine.Connection`; prefer Core constructs in callables so a step stays
  portable between SQLite and PostgreSQL.
* Step 1 creates the tables as defined in ``schema.py``.  When a later step changes a table, update
  ``schema.py`` too and freeze step 1 at the v1 shape first (copy the old ``Table`` definitions into
  it), so that a fresh database replays the same history as an old one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from exodus.store import schema

Step = str | Callable[[Connection], None]
Migration = tuple[int, str, Step]


def _create_v1(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))


MIGRATIONS: tuple[Migration, ...] = ((1, "documents, facts, rejections, runs", _create_v1),)

# PostgreSQL advisory lock key held while migrating (any constant int64 of our own: "exodusmg")
ADVISORY_LOCK_KEY = int.from_bytes(b"exodusmg", "big") & 0x7FFF_FFFF_FFFF_FFFF


def current_version(conn: Connection) -> int:
    """The highest applied version, 0 for an empty database."""
    schema.schema_version.create(conn, checkfirst=True)
    found = conn.scalar(sa.select(sa.func.max(schema.schema_version.c.version)))
    return int(found or 0)


def migrate(conn: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the pending ``migrations`` in version order on ``conn`` (already in a transaction).

    Returns the versions applied, ``[]`` when the database was up to date.
    """
    versions = [m[0] for m in migrations]
    if versions != sorted(set(versions)):
        raise ValueError("migration versions must be unique and increasing")
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(ADVISORY_LOCK_KEY)))
    at = current_version(conn)
    applied: list[int] = []
    for version, description, step in migrations:
        if version <= at:
            continue
        if isinstance(step, str):
            conn.exec_driver_sql(step)
        else:
            step(conn)
        conn.execute(
            sa.insert(schema.schema_version).values(
                version=version, description=description, applied_at=datetime.now(UTC)
            )
        )
        applied.append(version)
    return applied
