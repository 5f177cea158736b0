"""Ingest runs: inputs through :func:`~exodus.pipeline.process_document` into the store.

:func:`store_inputs` is the one path the CLI's ``exodus ingest`` and the API's upload share, so
both store the same documents and facts, keyed on the same content hashes (a document already
stored is ``known`` and nothing is written twice), record the same rejections with the same
reason codes, and count the run the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from exodus.config import Settings
from exodus.models import DocumentResult, RawDocument, Rejection

if TYPE_CHECKING:
    from exodus.store import Outcome, RunSummary, Store


@dataclass(frozen=True)
class InputOutcome:
    """What became of one input: ``stored``, ``known`` (stored before) or ``rejected``.

    ``content_hash`` is the stored document's id (None when rejected before reading);
    ``facts`` how many facts were extracted; ``rejection`` the reason when rejected.
    """

    source: str
    outcome: Outcome
    content_hash: str | None = None
    facts: int = 0
    rejection: Rejection | None = None

    def to_dict(self) -> dict[str, Any]:
        r = self.rejection
        return {
            "source": self.source,
            "outcome": self.outcome,
            "content_hash": self.content_hash,
            "facts": self.facts,
            "rejection": {"code": r.code, "message": r.message} if r else None,
        }


@dataclass
class IngestRun:
    """A finished run: its id in the store's ``runs`` table, the counts and every outcome."""

    run_id: int
    summary: RunSummary
    outcomes: list[InputOutcome] = field(default_factory=list)


def store_inputs(
    store: Store,
    inputs: Iterable[RawDocument | Rejection],
    settings: Settings,
    *,
    published: date | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> IngestRun:
    """Process every input and store it (or its rejection), as one recorded run.

    ``published`` is the publication date of inputs that do not state one; ``on_result`` is
    called with each processed document (for progress and messages).  The extractor is loaded
    only when a first input needs it.
    """
    from exodus.pipeline import load_extractor, process_document
    from exodus.store import RunSummary

    run = IngestRun(store.start_run(), RunSummary())
    extractor = None
    for item in inputs:
        if isinstance(item, Rejection):
            result = DocumentResult(item.source, rejection=item)
        else:
            if extractor is None:
                extractor = load_extractor(settings)
            raw = replace(item, published=published) if published else item
            result = process_document(raw, extractor, max_bytes=settings.max_bytes)
        outcome = store.save_result(result)
        rejection = result.rejection
        run.summary.count(outcome, rejection.code if rejection else None)
        doc = result.document
        run.outcomes.append(
            InputOutcome(
                result.source,
                outcome,
                doc.content_hash if doc else (rejection.content_hash if rejection else None),
                len(result.facts),
                rejection,
            )
        )
        if on_result is not None:
            on_result(result)
    store.finish_run(run.run_id, run.summary)
    return run
