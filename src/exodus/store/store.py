"""The store: documents, facts, rejections, runs and reviews in SQLite (default) or PostgreSQL (by URL).

One transaction per document: a document is either stored with all its facts or absent, even when
the process is killed mid-write.  Saving is idempotent, keyed on the raw bytes' content hash: the
same document saved twice is ``"known"`` the second time and nothing is written, also when two
processes save it at the same moment.

SQLite connections use WAL (readers never block the writer), ``synchronous=NORMAL`` (a committed
transaction survives a crash of the process; a power cut may lose the last few, never half of one),
foreign keys and a busy timeout.  Write transactions start with ``BEGIN IMMEDIATE`` so that several
processes writing the same file wait for each other instead of failing.

PostgreSQL (``postgresql+psycopg://user:password@host:port/database``; plain ``postgresql://``
means the same) runs the same statements: inserts are ``ON CONFLICT DO NOTHING`` on the content
hash, so a second writer of a document waits for the first one's transaction and then skips it.
Everything that differs by backend is in ``backends.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from exodus.config import normalise_db_url
from exodus.errors import StoreError
from exodus.models import AuditEntry, ClaimPin, CleanDocument, DocumentResult, Rejection, StoredText
from exodus.store import reads, reviews, rows
from exodus.store.backends import (
    WRITE_OPTION,
    create_engine,
    describe_error,
    insert_ignoring,
    parse_url,
    portable_row,
    redact_url,
    scrub_password,
)
from exodus.store.migrate import migrate
from exodus.store.reviews import Generation
from exodus.store.schema import documents, facts, rejections, runs

Outcome = Literal["stored", "known", "rejected"]


@dataclass
class RunSummary:
    """What a run did: inputs read, documents stored or already known, rejections by code."""

    read: int = 0
    stored: int = 0
    known: int = 0
    rejected: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: Outcome, code: str | None = None) -> None:
        """Count one input with the outcome ``save_result`` returned (and its rejection code)."""
        self.read += 1
        if outcome == "stored":
            self.stored += 1
        elif outcome == "known":
            self.known += 1
        else:
            key = code or "UNKNOWN"
            self.rejected[key] = self.rejected.get(key, 0) + 1


def open_store(url: str) -> Store:
    """Open (creating and migrating if needed) the store at a SQLAlchemy URL or a plain path.

    ``sqlite:///path/to/exodus.db`` (parent folder created), ``sqlite://`` (in memory), a file
    path, or ``postgresql+psycopg://user:password@host:port/database`` (``postgresql://`` is the
    same; the database must exist, its tables are created).  Raises :class:`StoreError` with a
    reason code when it cannot: ``STORE_URL``, ``STORE_AUTH``, ``STORE_UNREACHABLE``,
    ``STORE_NO_DATABASE`` or ``STORE``; the message is one line and never shows the password.
    """
    url = normalise_db_url(url)
    shown = redact_url(url)
    engine = None
    parsed = parse_url(url)
    try:
        engine = create_engine(parsed)
        store = Store(engine)
        with store._write() as conn:
            migrate(conn)
    except (StoreError, sa.exc.SQLAlchemyError, OSError) as exc:
        if engine is not None:
            engine.dispose()
        cause = exc.__cause__ if isinstance(exc, StoreError) and exc.__cause__ else exc
        code, text = describe_error(cause)
        message = scrub_password(f"cannot open the store {shown}: {text}", parsed)
        raise StoreError(message, code) from exc
    return store


class Store:
    """Persistence for Exodus.  Make one with :func:`open_store`; use as a context manager."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- writing ------------------------------------------------------------------------------

    def save_result(self, result: DocumentResult) -> Outcome:
        """Store a processed document with all its facts, atomically, or its rejection.

        ``"stored"``: new document and facts written.  ``"known"``: a document with the same
        content hash is already stored; nothing written.  ``"rejected"``: the rejection was
        recorded (once: saving the same rejection again changes nothing).
        """
        if result.rejection is not None:
            self.save_rejection(result.rejection)
            return "rejected"
        doc = result.document
        if doc is None:
            raise ValueError(f"{result.source}: a DocumentResult needs a document or a rejection")
        with self._write() as conn:
            doc_id = _insert_new(
                conn, documents, rows.document_row(doc, _now()), "content_hash", documents.c.id
            )
            if doc_id is None:
                return "known"
            if result.facts:
                fact_rows = [
                    portable_row(conn, rows.fact_row(f, doc_id, doc.content_hash))
                    for f in result.facts
                ]
                conn.execute(insert_ignoring(conn, facts, "fact_uid"), fact_rows)
            reviews.bump(conn, "documents")
        return "stored"

    def save_rejection(self, rejection: Rejection) -> None:
        """Record a rejection, once per (source, code, content hash)."""
        row = {
            "source": rejection.source,
            "code": rejection.code,
            "message": rejection.message,
            "content_hash": rejection.content_hash or "",
            "created_at": _now(),
        }
        with self._write() as conn:
            stmt = insert_ignoring(conn, rejections, "source", "code", "content_hash")
            conn.execute(stmt, portable_row(conn, row))

    def start_run(self) -> int:
        """Record the start of a run; returns its id for :meth:`finish_run`."""
        with self._write() as conn:
            stmt = sa.insert(runs).values(started_at=_now(), rejected={}).returning(runs.c.id)
            return int(conn.execute(stmt).scalar_one())

    def finish_run(self, run_id: int, summary: RunSummary | Mapping[str, Any]) -> None:
        """Record the end of a run: counts ``read``, ``stored``, ``known``, ``rejected`` by code."""
        s = summary if isinstance(summary, RunSummary) else RunSummary(**dict(summary))
        values = {
            "finished_at": _now(),
            "read": s.read,
            "stored": s.stored,
            "known": s.known,
            "rejected": dict(sorted(s.rejected.items())),
        }
        with self._write() as conn:
            res = conn.execute(sa.update(runs).where(runs.c.id == run_id).values(**values))
            if res.rowcount != 1:
                raise StoreError(f"no run with id {run_id}")

    # -- reading ------------------------------------------------------------------------------

    def facts(
        self,
        *,
        origin: str | None = None,
        destination: str | None = None,
        measure: str | None = None,
        since: date | None = None,
        until: date | None = None,
        document: str | None = None,
        content_hash: str | None = None,
        text: str | None = None,
        status: str | None = None,
        fact_uids: Sequence[str] | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored facts as FACTS.md records (plus ``fact_uid``), in the order they were stored,
        with their reviews applied: corrected fields replaced, a ``review`` key on reviewed
        facts, rejected facts left out unless ``status`` asks for them.

        ``origin``/``destination`` match the place's ISO country code or its name (any case);
        ``since`` keeps facts whose ``period_end`` (else ``period_start``, else the published
        date) is on or after it, ``until`` those that start on or before it; ``document`` is the
        source a document was stored under.  See :class:`~exodus.store.reads.FactFilter` for
        ``content_hash``, ``text`` and ``status``; ``limit`` and ``offset`` page the result.
        """
        f = reads.FactFilter(
            origin, destination, measure, since, until, document, content_hash, text, status,
            None if fact_uids is None else tuple(fact_uids),
        )  # fmt: skip
        with self._read() as conn:
            return reads.read_facts(conn, f, limit, offset)

    def count_facts(self, **filters: Any) -> int:
        """How many facts :meth:`facts` would return with these filters and no limit."""
        if "fact_uids" in filters and filters["fact_uids"] is not None:
            filters["fact_uids"] = tuple(filters["fact_uids"])
        with self._read() as conn:
            return reads.count_facts(conn, reads.FactFilter(**filters))

    def stored_documents(
        self,
        *,
        text: str | None = None,
        since: date | None = None,
        until: date | None = None,
        content_hash: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[reads.DocumentSummary], int]:
        """Stored documents (without their text) in the order they were stored, and how many
        match in all: ``text`` in the source, title or cleaned text; published within
        ``since``..``until``; ``content_hash`` one document."""
        where: dict[str, Any] = {
            "text": text,
            "since": since,
            "until": until,
            "content_hash": content_hash,
        }
        with self._read() as conn:
            found = reads.read_documents(conn, **where, limit=limit, offset=offset)
            return found, reads.count_documents(conn, **where)

    def document(self, key: str) -> CleanDocument | None:
        """The stored document with this content hash, else the latest stored under this source."""
        query = (
            sa.select(documents)
            .where(sa.or_(documents.c.content_hash == key, documents.c.source == key))
            .order_by((documents.c.content_hash == key).desc(), documents.c.id.desc())
            .limit(1)
        )
        with self._read() as conn:
            row = conn.execute(query).mappings().first()
        return rows.document_from_row(row) if row is not None else None

    def documents_for_consolidation(self) -> list[StoredText]:
        """Every stored document's cleaned text, source, publication date and URL, oldest first.

        A source stored more than once (its content changed between ingests) comes once per
        stored version, in the order they were stored.
        """
        query = sa.select(
            documents.c.content_hash,
            documents.c.source,
            documents.c.text,
            documents.c.published,
            documents.c.url,
        ).order_by(documents.c.id)
        with self._read() as conn:
            return [
                StoredText(r.content_hash, r.source, r.text, r.published, r.url)
                for r in conn.execute(query)
            ]

    def counts(self) -> dict[str, int]:
        """``{"documents": n, "facts": n, "rejections": n}``."""
        with self._read() as conn:
            return {
                t.name: int(conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0)
                for t in (documents, facts, rejections)
            }

    def rejections(self, *, code: str | None = None) -> list[dict[str, Any]]:
        """Recorded rejections, oldest first: source, code, message, content_hash, created_at."""
        query = sa.select(rejections).order_by(rejections.c.id)
        if code is not None:
            query = query.where(rejections.c.code == code)
        with self._read() as conn:
            return [
                {
                    "source": r["source"],
                    "code": r["code"],
                    "message": r["message"],
                    "content_hash": r["content_hash"] or None,
                    "created_at": rows.timestamp(r["created_at"]),
                }
                for r in conn.execute(query).mappings()
            ]

    def runs(self) -> list[dict[str, Any]]:
        """Recorded runs, oldest first."""
        with self._read() as conn:
            return [
                {
                    "id": r["id"],
                    "started_at": rows.timestamp(r["started_at"]),
                    "finished_at": rows.timestamp(r["finished_at"]),
                    "read": r["read"],
                    "stored": r["stored"],
                    "known": r["known"],
                    "rejected": dict(sorted(r["rejected"].items())),
                }
                for r in conn.execute(sa.select(runs).order_by(runs.c.id)).mappings()
            ]

    # -- review -------------------------------------------------------------------------------

    def generation(self) -> Generation:
        """The generation counters: they change whenever documents are stored or reviews made,
        by this process or any other, so a cached consolidation can tell it is stale."""
        with self._read() as conn:
            return reviews.read_generation(conn)

    def review_fact(
        self,
        fact_uid: str,
        action: str,
        *,
        reviewer: str,
        why: str,
        changes: Mapping[str, Any] | None = None,
        check: Callable[[Mapping[str, Any]], None] | None = None,
    ) -> AuditEntry:
        """Accept, reject or correct a fact (``action``: accept, reject, correct), audited, in one
        transaction.  Use :mod:`exodus.review`, which validates corrections first."""
        with self._write() as conn:
            return reviews.record_review(
                conn, fact_uid, action=action, changes=changes or {}, reviewer=reviewer,
                why=why, now=_now(), check=check,
            )  # fmt: skip

    def pin_facts(
        self,
        fact_uids: Sequence[str],
        kind: str,
        *,
        target: str,
        before: Mapping[str, Any],
        reviewer: str,
        why: str,
    ) -> AuditEntry:
        """Pin facts to one claim (``kind`` merge) or keep a fact apart (split), audited."""
        with self._write() as conn:
            return reviews.record_pins(
                conn, fact_uids, kind=kind, target=target, before=before, reviewer=reviewer,
                why=why, now=_now(),
            )  # fmt: skip

    def review_counts(self) -> dict[str, Any]:
        """Facts by review status (``unreviewed`` included), claim pins by kind, audit entries."""
        with self._read() as conn:
            return reviews.read_counts(conn)

    def claim_pins(self) -> dict[str, ClaimPin]:
        """Every reviewed claim membership, by fact_uid (what consolidation honours)."""
        with self._read() as conn:
            return reviews.read_pins(conn)

    def audit(
        self,
        *,
        fact_uid: str | None = None,
        reviewer: str | None = None,
        action: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[AuditEntry], int]:
        """The audit trail, newest first, and how many entries match in all."""
        with self._read() as conn:
            return reviews.read_audit(
                conn, fact_uid=fact_uid, reviewer=reviewer, action=action, limit=limit,
                offset=offset,
            )  # fmt: skip

    # -- plumbing -----------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction (``BEGIN IMMEDIATE`` on SQLite); database errors -> StoreError."""
        with _store_errors(), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with _store_errors(), self._engine.connect() as conn:
            yield conn


# -- helpers ----------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _store_errors() -> Iterator[None]:
    try:
        yield
    except sa.exc.SQLAlchemyError as exc:
        code, text = describe_error(exc)
        raise StoreError(f"database error: {text}", code) from exc


def _insert_new(
    conn: Connection, table: sa.Table, row: dict[str, Any], key: str, id_col: sa.Column[int]
) -> int | None:
    """Insert ``row`` and return its id, or None (nothing written) when ``key`` already exists."""
    stmt = insert_ignoring(conn, table, key).values(portable_row(conn, row)).returning(id_col)
    found = conn.execute(stmt).scalar_one_or_none()
    return None if found is None else int(found)
