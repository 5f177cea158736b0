"""Measuring extraction quality against gold files: ``exodus eval``.

``scoring`` matches facts and scores documents; ``runner`` finds gold files, runs the pipeline on
their articles and checks quality floors; ``render`` prints the report.
"""

from exodus.evaluate.scoring import (
    ATTRIBUTES,
    STRICT,
    DocumentScore,
    GoldDocument,
    Report,
    diff_attributes,
    load_gold,
    match_facts,
    same_attribute,
    same_text,
    score_document,
)

__all__ = [
    "ATTRIBUTES",
    "STRICT",
    "DocumentScore",
    "GoldDocument",
    "Report",
    "diff_attributes",
    "load_gold",
    "match_facts",
    "same_attribute",
    "same_text",
    "score_document",
]
