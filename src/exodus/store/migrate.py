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
* Step 1 creates the tables of version 1, frozen in :func:`_v1_tables` (copies of the ``Table``
  definitions as they shipped), so that a fresh database replays the same history as an old one
  whatever ``schema.py`` says today.  Step 2 creates the review tables from ``schema.py``: when a
  later step changes one of them, freeze step 2 the same way first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from exodus.store import schema

Step = str | Callable[[Connection], None]
Migration = tuple[int, str, Step]


def _v1_tables() -> list[sa.Table]:
    """The tables of version 1, frozen as they shipped (``schema.py`` may move on)."""
    md = sa.MetaData()
    json_type, text, date, stamp = schema.JSONType, sa.Text, sa.Date, sa.DateTime(timezone=True)

    def place(prefix: str) -> list[sa.Column[Any]]:
        return [
            sa.Column(prefix, json_type),
            sa.Column(f"{prefix}_name", text),
            sa.Column(f"{prefix}_country", text, index=True),
        ]

    documents = sa.Table(
        "documents", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", schema.HASH, nullable=False, unique=True),
        sa.Column("text_hash", schema.HASH, nullable=False, index=True),
        sa.Column("source", text, nullable=False, index=True),
        sa.Column("url", text),
        sa.Column("title", text),
        sa.Column("media_type", text, nullable=False),
        sa.Column("language", text, nullable=False),
        sa.Column("published", date),
        sa.Column("published_source", text),
        sa.Column("text", text, nullable=False),
        sa.Column("original", text, nullable=False),
        sa.Column("removed", json_type, nullable=False),
        sa.Column("offsets", json_type, nullable=False),
        sa.Column("ingested_at", stamp, nullable=False),
    )  # fmt: skip
    facts = sa.Table(
        "facts", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fact_uid", schema.HASH, nullable=False, unique=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("measure", text, nullable=False, index=True),
        sa.Column("term", text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("qualifier", text, nullable=False),
        sa.Column("unit", text, nullable=False),
        sa.Column("modality", text, nullable=False),
        sa.Column("rate", text, nullable=False),
        sa.Column("population", text),
        *place("origin"), *place("destination"), *place("place"),
        sa.Column("period_start", date),
        sa.Column("period_end", date),
        sa.Column("speaker", text),
        sa.Column("speaker_via", text),
        sa.Column("sentence", text, nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("cue", text, nullable=False),
        sa.Column("cue_start", sa.Integer, nullable=False),
        sa.Column("cue_end", sa.Integer, nullable=False),
        sa.Column("raw_start", sa.Integer, nullable=False),
        sa.Column("raw_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("extractor", text, nullable=False),
        sa.Column("published", date),
        sa.Column("published_inferred", sa.Boolean, nullable=False),
        sa.Column("notes", json_type, nullable=False),
    )  # fmt: skip
    rejections = sa.Table(
        "rejections", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", text, nullable=False),
        sa.Column("code", text, nullable=False, index=True),
        sa.Column("message", text, nullable=False),
        sa.Column("content_hash", schema.HASH, nullable=False),
        sa.Column("created_at", stamp, nullable=False),
        sa.UniqueConstraint("source", "code", "content_hash", name="uq_rejections_source_code_hash"),
    )  # fmt: skip
    runs = sa.Table(
        "runs", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", stamp, nullable=False),
        sa.Column("finished_at", stamp),
        sa.Column("read", sa.Integer, nullable=False, server_default="0"),
        sa.Column("stored", sa.Integer, nullable=False, server_default="0"),
        sa.Column("known", sa.Integer, nullable=False, server_default="0"),
        sa.Column("rejected", json_type, nullable=False),
    )  # fmt: skip
    return [documents, facts, rejections, runs]


def _create_v1(conn: Connection) -> None:
    tables = _v1_tables()
    tables[0].metadata.create_all(conn, tables=tables)


def _create_v2(conn: Connection) -> None:
    """Review: the audit trail, fact reviews, claim pins and the generation counters."""
    schema.metadata.create_all(conn, tables=list(schema.V2_TABLES))
    conn.execute(
        sa.insert(schema.store_state), [{"name": n, "value": 0} for n in schema.GENERATIONS]
    )


MIGRATIONS: tuple[Migration, ...] = (
    (1, "documents, facts, rejections, runs", _create_v1),
    (2, "review: audit, audit_facts, fact_reviews, claim_pins, store_state", _create_v2),
)

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
