"""Write endpoints (the token is checked by the router): upload, and review of facts and claims.

Each is one call to a library function: :func:`exodus.runs.store_inputs` for uploads (the path
``exodus ingest`` takes), :mod:`exodus.review` for reviews.  Every review answers with the audit
entry it wrote.
"""

from __future__ import annotations

import re
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile

from exodus import review
from exodus.ingest import read_bytes
from exodus.models import RawDocument, Rejection
from exodus.runs import store_inputs
from exodus.serve import queries, schemas
from exodus.serve.app import ApiError, get_cache, get_store
from exodus.serve.cache import ConsolidationCache
from exodus.serve.routes import PLAIN
from exodus.store import Store

router = APIRouter()
MAX_FILES = 100
# one upload at a time: the extractor (spaCy) is not meant to be shared between threads, and the
# work is CPU-bound anyway
_INGESTING = threading.Lock()
StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[ConsolidationCache, Depends(get_cache)]
FactUid = Annotated[str, Path(max_length=200, pattern=PLAIN)]
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def upload_name(filename: str | None) -> str:
    """The source an uploaded file is stored under: its base name, without control characters
    (``upload`` when it has none)."""
    base = re.split(r"[/\\]", filename or "")[-1]
    name = _UNSAFE.sub("", base).strip()[:200]
    return name or "upload"


@router.post("/documents", response_model=schemas.UploadResult, tags=["documents"])
def upload_documents(
    request: Request,
    store: StoreDep,
    files: Annotated[list[UploadFile], File(description="Articles: text or HTML files.")],
    published: Annotated[
        date | None, Form(description="Publication date for files that do not state one.")
    ] = None,
) -> dict[str, Any]:
    """Ingest uploaded files: each goes through the pipeline into the store, like
    ``exodus ingest``.  A file already stored (same bytes) is ``known`` and nothing is stored
    twice; a file that cannot be used is ``rejected`` with its reason code (EMPTY, BINARY,
    TOO_LARGE, ENCODING, NO_TEXT, LANGUAGE)."""
    if len(files) > MAX_FILES:
        raise ApiError(413, "TOO_MANY_FILES", f"at most {MAX_FILES} files per upload")
    settings = request.app.state.serve.settings
    inputs: list[RawDocument | Rejection] = []
    for upload in files:
        content = upload.file.read(settings.max_bytes + 1)
        inputs.append(
            read_bytes(upload_name(upload.filename), content, max_bytes=settings.max_bytes)
        )
    with _INGESTING:
        run = store_inputs(store, inputs, settings, published=published)
    s = run.summary
    return {
        "run": run.run_id,
        "read": s.read,
        "stored": s.stored,
        "known": s.known,
        "rejected": dict(sorted(s.rejected.items())),
        "files": [o.to_dict() for o in run.outcomes],
    }


@router.post(
    "/facts/{fact_uid}/accept", response_model=schemas.AuditEntry, status_code=201, tags=["review"]
)
def accept_fact(fact_uid: FactUid, body: schemas.ReviewBody, store: StoreDep) -> dict[str, Any]:
    """Mark a fact as checked and right (a rejected fact comes back)."""
    return review.accept_fact(store, fact_uid, reviewer=body.reviewer, why=body.why).to_dict()


@router.post(
    "/facts/{fact_uid}/reject", response_model=schemas.AuditEntry, status_code=201, tags=["review"]
)
def reject_fact(fact_uid: FactUid, body: schemas.ReviewBody, store: StoreDep) -> dict[str, Any]:
    """Mark a fact as wrong: it leaves facts, claims, timelines, alerts and exports."""
    return review.reject_fact(store, fact_uid, reviewer=body.reviewer, why=body.why).to_dict()


@router.patch(
    "/facts/{fact_uid}", response_model=schemas.AuditEntry, status_code=201, tags=["review"]
)
def correct_fact(fact_uid: FactUid, body: schemas.CorrectBody, store: StoreDep) -> dict[str, Any]:
    """Correct any of a fact's fields; a field given as null is set to null.  Places may be
    given as an alpha-2 code or as ``{name, country, ...}``."""
    changes = body.changes.model_dump(mode="json", exclude_unset=True, exclude_none=False)
    entry = review.correct_fact(store, fact_uid, changes, reviewer=body.reviewer, why=body.why)
    return entry.to_dict()


@router.post(
    "/facts/{fact_uid}/split", response_model=schemas.AuditEntry, status_code=201, tags=["review"]
)
def split_fact(
    fact_uid: FactUid, body: schemas.ReviewBody, store: StoreDep, cache: CacheDep
) -> dict[str, Any]:
    """Take a fact out of its claim: it becomes a claim of its own that nothing else joins."""
    snap = queries.consolidation(store, cache)
    entry = review.split_fact(
        store, fact_uid, reviewer=body.reviewer, why=body.why, consolidation=snap.result
    )
    return entry.to_dict()


@router.post("/claims/merge", response_model=schemas.AuditEntry, status_code=201, tags=["review"])
def merge_claims(body: schemas.MergeBody, store: StoreDep, cache: CacheDep) -> dict[str, Any]:
    """Merge claims (same corridor, measure, unit, rate and modality) into one."""
    snap = queries.consolidation(store, cache)
    entry = review.merge_claims(
        store, body.claims, reviewer=body.reviewer, why=body.why, consolidation=snap.result
    )
    return entry.to_dict()
