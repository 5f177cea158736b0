"""Running the pipeline over gold documents, and the quality gate."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exodus.evaluate.scoring import GoldDocument, Report, load_gold, score_document
from exodus.extract.engine import Extractor
from exodus.models import RawDocument
from exodus.pipeline import process_document
from exodus.resolve.confidence import IDENTITY, Calibration, fit

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".text", "")


def find_gold(paths: Iterable[str | Path]) -> list[Path]:
    """Gold files among ``paths``: files ending .gold.json, or found recursively in folders."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.rglob("*.gold.json")))
        elif p.name.endswith(".gold.json") or p.suffix == ".jsonl":
            out.append(p)
    return out


def split_of(gold_path: Path, data: GoldDocument | None = None) -> str:
    """A gold file's split: its own ``split`` key, else the name of its folder."""
    return gold_path.parent.name


def article_for(gold_path: Path, gold: GoldDocument) -> Path:
    """The article a gold file describes: its ``document`` name beside it, or the same stem."""
    named = gold_path.with_name(Path(gold.document).name)
    if named.is_file():
        return named
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in ARTICLE_SUFFIXES:
        cand = gold_path.with_name(stem + suffix)
        if cand.is_file():
            return cand
    raise FileNotFoundError(f"{gold_path}: no article {gold.document!r} beside it")


@dataclass
class Evaluated:
    gold_path: Path
    article: Path
    gold: GoldDocument
    predicted: list[dict[str, Any]]
    published: str | None


def evaluate(
    gold_paths: Sequence[Path], extractor: Extractor, split: str | None = None
) -> tuple[Report, list[Evaluated]]:
    """Extract facts from every gold document (of ``split``, when given) and score them."""
    scores = []
    runs: list[Evaluated] = []
    for gp in gold_paths:
        if split is not None and split_of(gp) != split:
            continue
        gold = load_gold(gp)
        article = article_for(gp, gold)
        media = "text/html" if article.suffix in (".html", ".htm") else "text/plain"
        result = process_document(RawDocument(str(article), article.read_bytes(), media), extractor)
        predicted = [f.to_dict() for f in result.facts]
        published = (
            result.document.published.isoformat()
            if result.document and result.document.published
            else None
        )
        scores.append(score_document(predicted, gold, split_of(gp)))
        runs.append(Evaluated(gp, article, gold, predicted, published))
    return Report(scores), runs


def reliability(runs: Sequence[Evaluated], bins: int = 5) -> list[dict[str, Any]]:
    """Share of predicted facts that match a gold fact, per confidence bin."""
    from exodus.evaluate.scoring import match_facts

    counts = [[0, 0] for _ in range(bins)]
    for r in runs:
        matched = {p for p, _ in match_facts(r.predicted, r.gold.facts)}
        for i, f in enumerate(r.predicted):
            b = min(bins - 1, int(float(f["confidence"]) * bins))
            counts[b][0] += 1
            counts[b][1] += i in matched
    return [
        {
            "confidence": f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
            "facts": n,
            "correct": c,
            "precision": round(c / n, 4) if n else None,
        }
        for b, (n, c) in enumerate(counts)
    ]


def check_floors(summary: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Every floor the summary misses, as a line; floors are ``{"lenient.f1": 0.9, ...}``.

    A key names a figure by its path in the summary (dots between levels); a key ending in
    ``_max`` is a ceiling instead (``false_facts_per_negative_document_max``).
    """
    failures = []
    for key, bound in floors.items():
        if key.startswith("_"):
            continue
        ceiling = key.endswith("_max")
        path = key[: -len("_max")] if ceiling else key
        value: Any = summary
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            failures.append(f"{key}: no such figure in the report")
        elif ceiling and value > bound:
            failures.append(f"{path} is {value}, above the ceiling {bound}")
        elif not ceiling and value < bound:
            failures.append(f"{path} is {value}, below the floor {bound}")
    return failures


def load_floors(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def fit_calibration(
    gold_paths: Sequence[Path], extractor: Extractor, split: str | None = None
) -> Calibration:
    """Fit the confidence calibration: raw scores against lenient correctness on ``split``."""
    from exodus.evaluate.scoring import match_facts

    saved = extractor.calibration
    extractor.calibration = IDENTITY
    try:
        _, runs = evaluate(gold_paths, extractor, split)
    finally:
        extractor.calibration = saved
    pairs = []
    for r in runs:
        matched = {p for p, _ in match_facts(r.predicted, r.gold.facts)}
        pairs += [(float(f["confidence"]), i in matched) for i, f in enumerate(r.predicted)]
    return fit(pairs)
