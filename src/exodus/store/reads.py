"""Reading facts and documents: filters, counts and pages in SQL, reviews applied.

Facts come back as FACTS.md dicts with their review applied (:func:`.reviews.overlay`): the
filters below see the corrected values, and rejected facts are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from exodus.store import rows
from exodus.store.reviews import effective, overlay, review_columns
from exodus.store.schema import documents, fact_reviews, facts

# ``status`` filter: None keeps every fact but the rejected ones
FACT_STATUSES = ("unreviewed", "reviewed", "accepted", "corrected", "rejected", "any")


@dataclass(frozen=True)
class FactFilter:
    """Which facts to read.  Every field is optional; given fields must all match.

    ``origin``/``destination`` match the place's ISO country code or its name (any case).
    ``since`` keeps facts whose ``period_end`` (else ``period_start``, else the published date) is
    on or after it; ``until`` those whose ``period_start`` (else ``period_end``, else the published
    date) is on or before it, so that together they keep the facts overlapping a date range.
    ``document`` is the source a document was stored under, ``content_hash`` its id.  ``text``
    searches (any case) the sentence, the speaker, the population and the document's source and
    title.  ``status`` is one of :data:`FACT_STATUSES`: by default rejected facts are left out.
    """

    origin: str | None = None
    destination: str | None = None
    measure: str | None = None
    since: date | None = None
    until: date | None = None
    document: str | None = None
    content_hash: str | None = None
    text: str | None = None
    status: str | None = None
    fact_uids: tuple[str, ...] | None = None


def _place_matches(prefix: str, value: str) -> Any:
    return sa.or_(
        sa.func.upper(effective(f"{prefix}_country")) == value.upper(),
        sa.func.lower(effective(f"{prefix}_name")) == value.lower(),
    )


def _contains(column: Any, text: str) -> Any:
    return sa.func.lower(column).contains(text.lower(), autoescape=True)


def _status(status: str | None) -> Any:
    col = fact_reviews.c.status
    if status is None:
        return sa.or_(col.is_(None), col != "rejected")
    if status == "any":
        return sa.true()
    if status == "unreviewed":
        return col.is_(None)
    if status == "reviewed":
        return col.is_not(None)
    if status in ("accepted", "corrected", "rejected"):
        return col == status
    raise ValueError(f"unknown status {status!r}: expected one of {', '.join(FACT_STATUSES)}")


def fact_conditions(f: FactFilter) -> list[Any]:
    """The WHERE conditions of a filter, over facts joined to documents and fact_reviews."""
    where = [_status(f.status)]
    if f.origin is not None:
        where.append(_place_matches("origin", f.origin))
    if f.destination is not None:
        where.append(_place_matches("destination", f.destination))
    if f.measure is not None:
        where.append(effective("measure") == f.measure)
    if f.document is not None:
        where.append(documents.c.source == f.document)
    if f.content_hash is not None:
        where.append(documents.c.content_hash == f.content_hash)
    if f.fact_uids is not None:
        where.append(facts.c.fact_uid.in_(f.fact_uids))
    published = (effective("published"), documents.c.published)
    if f.since is not None:
        end = sa.func.coalesce(effective("period_end"), effective("period_start"), *published)
        where.append(end >= f.since)
    if f.until is not None:
        start = sa.func.coalesce(effective("period_start"), effective("period_end"), *published)
        where.append(start <= f.until)
    if f.text:
        columns = (
            facts.c.sentence,
            effective("speaker"),
            effective("population"),
            documents.c.source,
            documents.c.title,
        )
        where.append(sa.or_(*(_contains(c, f.text) for c in columns)))
    return where


def _joined(*columns: Any) -> Any:
    return (
        sa.select(*columns)
        .select_from(facts)
        .join(documents, facts.c.document_id == documents.c.id)
        .outerjoin(fact_reviews, fact_reviews.c.fact_uid == facts.c.fact_uid)
    )


def read_facts(
    conn: Connection, f: FactFilter, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Facts matching ``f`` in the order they were stored, reviews applied."""
    query = _joined(facts, documents.c.source, *review_columns()).where(*fact_conditions(f))
    query = query.order_by(facts.c.id).offset(offset or None)
    if limit is not None:
        query = query.limit(limit)
    return [overlay(rows.fact_dict(r), r) for r in conn.execute(query).mappings()]


def count_facts(conn: Connection, f: FactFilter) -> int:
    query = _joined(sa.func.count()).where(*fact_conditions(f))
    return int(conn.scalar(query) or 0)


# -- documents ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSummary:
    """A stored document without its text: its id (``content_hash``), where it came from, when it
    was published and ingested, and how many facts were extracted from it."""

    content_hash: str
    source: str
    title: str | None
    url: str | None
    published: date | None
    published_source: str | None
    media_type: str
    language: str
    ingested_at: str
    facts: int

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


def _document_conditions(
    text: str | None, since: date | None, until: date | None, content_hash: str | None = None
) -> list[Any]:
    where = []
    if content_hash is not None:
        where.append(documents.c.content_hash == content_hash)
    if text:
        columns = (documents.c.source, documents.c.title, documents.c.text)
        where.append(sa.or_(*(_contains(c, text) for c in columns)))
    if since is not None:
        where.append(documents.c.published >= since)
    if until is not None:
        where.append(documents.c.published <= until)
    return where


def read_documents(
    conn: Connection,
    *,
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
    content_hash: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[DocumentSummary]:
    """Stored documents in the order they were stored, optionally filtered: ``text`` in the
    source, title or cleaned text (any case); publication date within ``since``..``until``."""
    counts = (
        sa.select(facts.c.document_id, sa.func.count().label("n"))
        .group_by(facts.c.document_id)
        .subquery()
    )
    query = (
        sa.select(
            *(documents.c[name] for name in _SUMMARY_COLUMNS),
            sa.func.coalesce(counts.c.n, 0).label("n"),
        )
        .select_from(documents)
        .outerjoin(counts, counts.c.document_id == documents.c.id)
        .where(*_document_conditions(text, since, until, content_hash))
        .order_by(documents.c.id)
        .offset(offset or None)
    )
    if limit is not None:
        query = query.limit(limit)
    return [_summary(r) for r in conn.execute(query).mappings()]


def count_documents(
    conn: Connection,
    *,
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
    content_hash: str | None = None,
) -> int:
    query = sa.select(sa.func.count()).select_from(documents)
    where = _document_conditions(text, since, until, content_hash)
    return int(conn.scalar(query.where(*where)) or 0)


_SUMMARY_COLUMNS = (
    "content_hash",
    "source",
    "title",
    "url",
    "published",
    "published_source",
    "media_type",
    "language",
    "ingested_at",
)


def _summary(r: Any) -> DocumentSummary:
    return DocumentSummary(
        r["content_hash"],
        r["source"],
        r["title"],
        r["url"],
        r["published"],
        r["published_source"],
        r["media_type"],
        r["language"],
        rows.timestamp(r["ingested_at"]) or "",
        int(r["n"]),
    )
