"""The tables, as SQLAlchemy Core objects, portable between SQLite and PostgreSQL.

* Text is ``TEXT`` without a length (SQLite ignores lengths, PostgreSQL enforces them, and both
  must accept the same rows); only sha256 hex digests are ``VARCHAR(64)``.
* Dates are ``DATE`` (ISO strings in SQLite, native in PostgreSQL); timestamps are ``TIMESTAMP
  WITH TIME ZONE``, always written in UTC; JSON is ``JSON`` (``JSONB`` on PostgreSQL).
* Nullable text that takes part in a UNIQUE constraint is stored as ``''`` instead of NULL,
  because NULLs never collide in UNIQUE.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

# none_as_null: Python None is SQL NULL (not the JSON literal null), so IS NULL means "absent"
JSONType = sa.JSON(none_as_null=True).with_variant(
    postgresql.JSONB(none_as_null=True), "postgresql"
)
HASH = sa.String(64)

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", HASH, nullable=False, unique=True),
    sa.Column("text_hash", HASH, nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("media_type", sa.Text, nullable=False),
    sa.Column("language", sa.Text, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("published_source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("original", sa.Text, nullable=False),
    sa.Column("removed", JSONType, nullable=False),  # [{start, end, kind, text}]
    sa.Column("offsets", JSONType, nullable=False),  # {segments, clean_length, raw_length}
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)


def _place_columns(prefix: str) -> list[sa.Column[Any]]:
    return [
        sa.Column(prefix, JSONType),  # the full place object, or NULL
        sa.Column(f"{prefix}_name", sa.Text),
        sa.Column(f"{prefix}_country", sa.Text, index=True),
    ]


facts = sa.Table(
    "facts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("fact_uid", HASH, nullable=False, unique=True),
    sa.Column(
        "document_id",
        sa.Integer,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("measure", sa.Text, nullable=False, index=True),
    sa.Column("term", sa.Text, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("low", sa.Float),
    sa.Column("high", sa.Float),
    sa.Column("qualifier", sa.Text, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("modality", sa.Text, nullable=False),
    sa.Column("rate", sa.Text, nullable=False),
    sa.Column("population", sa.Text),
    *_place_columns("origin"),
    *_place_columns("destination"),
    *_place_columns("place"),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_via", sa.Text),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text, nullable=False),
    sa.Column("cue_start", sa.Integer, nullable=False),
    sa.Column("cue_end", sa.Integer, nullable=False),
    sa.Column("raw_start", sa.Integer, nullable=False),
    sa.Column("raw_end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("extractor", sa.Text, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("published_inferred", sa.Boolean, nullable=False),
    sa.Column("notes", JSONType, nullable=False),  # list of strings
)

rejections = sa.Table(
    "rejections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("code", sa.Text, nullable=False, index=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("content_hash", HASH, nullable=False),  # '' when unknown, never NULL (see above)
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("source", "code", "content_hash", name="uq_rejections_source_code_hash"),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("read", sa.Integer, nullable=False, server_default="0"),
    sa.Column("stored", sa.Integer, nullable=False, server_default="0"),
    sa.Column("known", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rejected", JSONType, nullable=False),  # {code: count}
)

V1_TABLES = (documents, facts, rejections, runs)

# -- v2: human review ----------------------------------------------------------------------------
# The facts table keeps what the extractor said; a review is kept beside it and applied where facts
# are read (see ``store/reviews.py``).  Every accepted change is one ``audit`` row.

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False, index=True),
    sa.Column("action", sa.Text, nullable=False, index=True),  # accept reject correct split merge
    sa.Column("target", sa.Text, nullable=False),  # a fact_uid, or the claim ids merged
    sa.Column("before", JSONType, nullable=False),
    sa.Column("after", JSONType, nullable=False),
    sa.Column("why", sa.Text, nullable=False),
)

# which facts an audit entry touched (a merge touches every report of both claims)
audit_facts = sa.Table(
    "audit_facts",
    metadata,
    sa.Column(
        "audit_id", sa.Integer, sa.ForeignKey("audit.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("fact_uid", HASH, primary_key=True, index=True),
)

# the current review of a fact: its status, its corrected fields, and the effective values of the
# columns that queries filter on (so filters, counts and pages stay in SQL)
REVIEWED_COLUMNS = (
    "measure",
    "origin_name",
    "origin_country",
    "destination_name",
    "destination_country",
    "period_start",
    "period_end",
    "published",
    "speaker",
    "population",
)

fact_reviews = sa.Table(
    "fact_reviews",
    metadata,
    sa.Column(
        "fact_uid",
        HASH,
        sa.ForeignKey("facts.fact_uid", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("status", sa.Text, nullable=False, index=True),  # accepted, rejected, corrected
    sa.Column("changes", JSONType, nullable=False),  # {field: corrected value}, FACTS.md shapes
    sa.Column("measure", sa.Text, nullable=False),
    sa.Column("origin_name", sa.Text),
    sa.Column("origin_country", sa.Text),
    sa.Column("destination_name", sa.Text),
    sa.Column("destination_country", sa.Text),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("published", sa.Date),
    sa.Column("speaker", sa.Text),
    sa.Column("population", sa.Text),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("audit_id", sa.Integer, sa.ForeignKey("audit.id"), nullable=False),
)

# reviewed claim membership: facts pinned to one group form one claim ("merge"), or a fact is
# kept apart from every other ("split"); the latest decision about a fact wins
claim_pins = sa.Table(
    "claim_pins",
    metadata,
    sa.Column(
        "fact_uid",
        HASH,
        sa.ForeignKey("facts.fact_uid", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("pin", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),  # split or merge
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("audit_id", sa.Integer, sa.ForeignKey("audit.id"), nullable=False),
)

# generation counters, bumped in the transaction that changes what consolidation reads:
# ``documents`` when a document is stored, ``reviews`` when a review is recorded.  A process
# caching a consolidation compares them to know whether its copy is still current.
store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)
GENERATIONS = ("documents", "reviews")

V2_TABLES = (audit, audit_facts, fact_reviews, claim_pins, store_state)
