"""``process_document``: the one path from raw bytes to facts, used by every caller.

The CLI, the API, the tests and any distributed engine call this and nothing else, so a document
gives the same facts wherever it is processed.  Loading the heavy resources (spaCy, the gazetteer)
happens once, in :func:`load_extractor`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache

from exodus.clean import clean_document
from exodus.config import Settings, load_settings
from exodus.errors import ExodusError, InputRejected
from exodus.extract.engine import Extractor
from exodus.extract.nlp import load_nlp
from exodus.models import DocumentResult, RawDocument, Rejection
from exodus.resources import load_calibration, load_gazetteer


@lru_cache(maxsize=2)
def _extractor(spacy_model: str, cache_dir: str) -> Extractor:
    from pathlib import Path

    return Extractor(
        load_nlp(spacy_model), load_gazetteer(Path(cache_dir)), calibration=load_calibration()
    )


def load_extractor(settings: Settings | None = None) -> Extractor:
    """The extractor with its resources loaded (memoised per process)."""
    settings = settings or load_settings()
    return _extractor(settings.spacy_model, str(settings.cache_dir))


def process_document(
    raw: RawDocument, extractor: Extractor | None = None, *, max_bytes: int | None = None
) -> DocumentResult:
    """Clean and extract one document; a bad input becomes a rejection, never an exception."""
    settings = load_settings() if extractor is None or max_bytes is None else None
    if extractor is None:
        extractor = load_extractor(settings)
    limit = (
        max_bytes
        if max_bytes is not None
        else (settings.max_bytes if settings else 10 * 1024 * 1024)
    )
    content_hash = hashlib.sha256(raw.content).hexdigest()
    try:
        doc = clean_document(raw, max_bytes=limit)
    except InputRejected as exc:
        return DocumentResult(
            raw.source, rejection=Rejection(raw.source, exc.code, exc.message, content_hash)
        )
    except ExodusError as exc:  # pragma: no cover - any other stage error is still one line
        return DocumentResult(
            raw.source, rejection=Rejection(raw.source, exc.code, exc.message, content_hash)
        )
    result = extractor.extract(doc)
    if doc.published is None and result.published is not None:
        doc = replace(doc, published=result.published, published_source="inferred")
    return DocumentResult(raw.source, document=doc, facts=tuple(result.facts))
