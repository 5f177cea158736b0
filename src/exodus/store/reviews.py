"""Reviews in the store: the audit trail, fact reviews, claim pins and the generation counters.

The facts table keeps what the extractor said.  A review of a fact is one row of
``fact_reviews`` (its status, the fields a reviewer corrected and the effective values of the
columns queries filter on); :func:`overlay` applies it where facts are read.  A split or merge is
a set of ``claim_pins`` that consolidation honours.  Every accepted change appends one ``audit``
row (who, when, what before, what after, why) in the same transaction as the change itself, and
bumps the ``reviews`` generation so that cached consolidations know they are stale.

Plain dicts stay in here and in ``reads.py``; callers get :class:`~exodus.models.AuditEntry`,
:class:`~exodus.models.ClaimPin` and :class:`Generation` records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from exodus.errors import NotFoundError, ReviewError
from exodus.models import AuditEntry, ClaimPin
from exodus.store import rows
from exodus.store.backends import portable_row
from exodus.store.schema import (
    GENERATIONS,
    REVIEWED_COLUMNS,
    audit,
    audit_facts,
    claim_pins,
    documents,
    fact_reviews,
    facts,
    store_state,
)

STATUSES = ("accepted", "rejected", "corrected")
# the review columns read with every fact, labelled apart from the facts' own columns
REVIEW_FIELDS = ("status", "changes", "reviewer", "reviewed_at", "why", "audit_id")


class Generation(NamedTuple):
    """Counters that change whenever what consolidation reads changes.

    ``documents`` moves when a document is stored, ``reviews`` when a review is recorded.  Compare
    two generations with ``==``: equal generations mean the same stored data.
    """

    documents: int
    reviews: int


def bump(conn: Connection, name: str) -> None:
    """Add one to the generation counter ``name`` (inside the caller's write transaction)."""
    conn.execute(
        sa.update(store_state)
        .where(store_state.c.name == name)
        .values(value=store_state.c.value + 1)
    )


def read_generation(conn: Connection) -> Generation:
    found = dict(conn.execute(sa.select(store_state.c.name, store_state.c.value)).all())
    return Generation(*(int(found.get(name, 0)) for name in GENERATIONS))


# -- applying reviews where facts are read ------------------------------------------------------


def review_columns() -> list[sa.ColumnElement[Any]]:
    """The review columns to select beside a fact, labelled ``review_<name>``."""
    return [fact_reviews.c[name].label(f"review_{name}") for name in REVIEW_FIELDS]


def effective(name: str) -> sa.ColumnElement[Any]:
    """A fact column as reviewed: the review's value when the fact has a review, else the fact's."""
    if name not in REVIEWED_COLUMNS:
        return facts.c[name]
    return sa.case((fact_reviews.c.fact_uid.is_(None), facts.c[name]), else_=fact_reviews.c[name])


def overlay(fact: dict[str, Any], row: Mapping[Any, Any]) -> dict[str, Any]:
    """A FACTS.md dict with its review applied: corrected fields replaced and a ``review`` key
    (status, reviewer, when, why, audit id, and what the extractor said for each corrected field).
    Facts never reviewed come back unchanged, with ``review`` None."""
    status = row.get("review_status")
    if status is None:
        return {**fact, "review": None}
    changes = dict(row.get("review_changes") or {})
    out = {**fact, **changes}
    out["review"] = {
        "status": status,
        "reviewer": row["review_reviewer"],
        "reviewed_at": rows.timestamp(row["review_reviewed_at"]),
        "why": row["review_why"],
        "audit_id": row["review_audit_id"],
        "extracted": {name: fact.get(name) for name in sorted(changes)},
    }
    return out


def _fact_row(conn: Connection, fact_uid: str) -> Mapping[Any, Any]:
    query = (
        sa.select(facts, documents.c.source, *review_columns())
        .join(documents, facts.c.document_id == documents.c.id)
        .outerjoin(fact_reviews, fact_reviews.c.fact_uid == facts.c.fact_uid)
        .where(facts.c.fact_uid == fact_uid)
    )
    row = conn.execute(query).mappings().first()
    if row is None:
        raise NotFoundError(f"no fact with fact_uid {fact_uid!r}")
    return row


def _place_parts(place: Any) -> tuple[str | None, str | None]:
    if not isinstance(place, Mapping):
        return None, None
    return place.get("name"), place.get("country")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _effective_values(fact: Mapping[str, Any]) -> dict[str, Any]:
    """The ``REVIEWED_COLUMNS`` values of an effective FACTS.md dict."""
    o_name, o_country = _place_parts(fact.get("origin"))
    d_name, d_country = _place_parts(fact.get("destination"))
    return {
        "measure": fact["measure"],
        "origin_name": o_name,
        "origin_country": o_country,
        "destination_name": d_name,
        "destination_country": d_country,
        "period_start": _date(fact.get("period_start")),
        "period_end": _date(fact.get("period_end")),
        "published": _date(fact.get("published")),
        "speaker": fact.get("speaker"),
        "population": fact.get("population"),
    }


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def _insert_audit(
    conn: Connection,
    *,
    now: datetime,
    reviewer: str,
    action: str,
    target: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    why: str,
    fact_uids: Sequence[str],
) -> AuditEntry:
    row = {
        "at": now,
        "reviewer": reviewer,
        "action": action,
        "target": target,
        "before": dict(before),
        "after": dict(after),
        "why": why,
    }
    stmt = sa.insert(audit).values(portable_row(conn, row)).returning(audit.c.id)
    audit_id = int(conn.execute(stmt).scalar_one())
    uids = list(dict.fromkeys(fact_uids))
    if uids:
        conn.execute(sa.insert(audit_facts), [{"audit_id": audit_id, "fact_uid": u} for u in uids])
    bump(conn, "reviews")
    return AuditEntry(
        audit_id,
        rows.timestamp(now) or "",
        reviewer,
        action,
        target,
        tuple(sorted(uids)),
        dict(before),
        dict(after),
        why,
    )


def record_review(
    conn: Connection,
    fact_uid: str,
    *,
    action: str,
    changes: Mapping[str, Any],
    reviewer: str,
    why: str,
    now: datetime,
    check: Callable[[Mapping[str, Any]], None] | None = None,
) -> AuditEntry:
    """Accept, reject or correct one fact, and append the change to the audit trail.

    ``action`` is ``accept``, ``reject`` or ``correct``; ``changes`` (for ``correct``) maps
    FACTS.md field names to their corrected values, already validated.  Corrections add up: an
    earlier correction of another field stays.  ``check`` is called on the corrected fact before
    anything is written and may raise :class:`ReviewError`.  A correction that changes nothing
    raises ``NO_CHANGE``.
    """
    row = _fact_row(conn, fact_uid)
    extracted = rows.fact_dict(row)
    before = overlay(extracted, row)
    old_changes = dict(row["review_changes"] or {})
    if action == "correct":
        merged = {**old_changes, **changes}
        new_changes = {k: v for k, v in merged.items() if extracted.get(k) != v}
        status = "corrected"
    else:
        new_changes = old_changes
        status = {"accept": "accepted", "reject": "rejected"}[action]
    after = {**extracted, **new_changes}
    if check is not None:
        check(after)
    fields = [k for k in extracted if k not in ("review", "fact_uid")]
    diff_before, diff_after = _diff(
        {"status": row["review_status"], **{k: before.get(k) for k in fields}},
        {"status": status, **{k: after.get(k) for k in fields}},
    )
    if action == "correct" and set(diff_after) <= {"status"}:
        raise ReviewError("the correction changes nothing", "NO_CHANGE")
    entry = _insert_audit(
        conn,
        now=now,
        reviewer=reviewer,
        action=action,
        target=fact_uid,
        before=diff_before,
        after=diff_after,
        why=why,
        fact_uids=[fact_uid],
    )
    conn.execute(sa.delete(fact_reviews).where(fact_reviews.c.fact_uid == fact_uid))
    row = {
        "fact_uid": fact_uid,
        "status": status,
        "changes": new_changes,
        "reviewer": reviewer,
        "reviewed_at": now,
        "why": why,
        "audit_id": entry.id,
        **_effective_values(after),
    }
    conn.execute(sa.insert(fact_reviews).values(portable_row(conn, row)))
    return entry


def record_pins(
    conn: Connection,
    fact_uids: Sequence[str],
    *,
    kind: str,
    target: str,
    before: Mapping[str, Any],
    reviewer: str,
    why: str,
    now: datetime,
) -> AuditEntry:
    """Pin facts to one claim (``merge``) or keep one fact apart (``split``), audited.

    The pin of every fact is replaced: the latest decision about a fact wins.
    """
    if kind not in ("split", "merge"):
        raise ValueError(f"unknown pin kind {kind!r}")
    known = set(conn.scalars(sa.select(facts.c.fact_uid).where(facts.c.fact_uid.in_(fact_uids))))
    missing = [u for u in fact_uids if u not in known]
    if missing:
        raise NotFoundError(f"no fact with fact_uid {missing[0]!r}")
    entry = _insert_audit(
        conn,
        now=now,
        reviewer=reviewer,
        action=kind,
        target=target,
        before=before,
        after={},
        why=why,
        fact_uids=fact_uids,
    )
    pin = f"{kind}:{entry.id}"
    conn.execute(sa.update(audit).where(audit.c.id == entry.id).values(after={"pin": pin}))
    conn.execute(sa.delete(claim_pins).where(claim_pins.c.fact_uid.in_(fact_uids)))
    conn.execute(
        sa.insert(claim_pins),
        [
            portable_row(
                conn,
                {
                    "fact_uid": uid,
                    "pin": pin,
                    "kind": kind,
                    "reviewer": reviewer,
                    "reviewed_at": now,
                    "why": why,
                    "audit_id": entry.id,
                },
            )
            for uid in dict.fromkeys(fact_uids)
        ],
    )
    return replace(entry, after={"pin": pin})


def read_counts(conn: Connection) -> dict[str, Any]:
    """``{"facts": {status: n, "unreviewed": n}, "pins": {kind: n}, "audit": n}``."""
    by_status = dict.fromkeys(STATUSES, 0)
    query = sa.select(fact_reviews.c.status, sa.func.count()).group_by(fact_reviews.c.status)
    by_status.update({s: int(n) for s, n in conn.execute(query).all()})
    total = int(conn.scalar(sa.select(sa.func.count()).select_from(facts)) or 0)
    pins = dict.fromkeys(("split", "merge"), 0)
    query = sa.select(claim_pins.c.kind, sa.func.count()).group_by(claim_pins.c.kind)
    pins.update({k: int(n) for k, n in conn.execute(query).all()})
    return {
        "facts": {"unreviewed": total - sum(by_status.values()), **by_status},
        "pins": pins,
        "audit": int(conn.scalar(sa.select(sa.func.count()).select_from(audit)) or 0),
    }


def read_pins(conn: Connection) -> dict[str, ClaimPin]:
    """Every fact's claim pin, by fact_uid."""
    return {
        r["fact_uid"]: ClaimPin(
            r["fact_uid"],
            r["pin"],
            r["kind"],
            r["reviewer"],
            rows.timestamp(r["reviewed_at"]) or "",
            r["why"],
            r["audit_id"],
        )
        for r in conn.execute(sa.select(claim_pins)).mappings()
    }


def read_audit(
    conn: Connection,
    *,
    fact_uid: str | None = None,
    reviewer: str | None = None,
    action: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[AuditEntry], int]:
    """Audit entries, newest first, and how many match in all."""
    where: list[sa.ColumnElement[bool]] = []
    if fact_uid is not None:
        touched = sa.select(audit_facts.c.audit_id).where(audit_facts.c.fact_uid == fact_uid)
        where.append(audit.c.id.in_(touched))
    if reviewer is not None:
        where.append(audit.c.reviewer == reviewer)
    if action is not None:
        where.append(audit.c.action == action)
    total = int(conn.scalar(sa.select(sa.func.count()).select_from(audit).where(*where)) or 0)
    query = sa.select(audit).where(*where).order_by(audit.c.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    found = list(conn.execute(query).mappings())
    touched_by: dict[int, list[str]] = {}
    if found:
        ids = [r["id"] for r in found]
        links = sa.select(audit_facts).where(audit_facts.c.audit_id.in_(ids))
        for link in conn.execute(links.order_by(audit_facts.c.fact_uid)).mappings():
            touched_by.setdefault(link["audit_id"], []).append(link["fact_uid"])
    entries = [
        AuditEntry(
            r["id"],
            rows.timestamp(r["at"]) or "",
            r["reviewer"],
            r["action"],
            r["target"],
            tuple(touched_by.get(r["id"], ())),
            dict(r["before"]),
            dict(r["after"]),
            r["why"],
        )
        for r in found
    ]
    return entries, total
