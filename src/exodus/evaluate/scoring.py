"""Scoring extracted facts against gold files (the layout of ``shared/seeds/*.gold.json``).

Facts are matched to gold facts one-to-one: same value, measure and unit (lenient), preferring the
candidate whose cue overlaps the gold cue.  Attributes are then compared field by field with the
normalisations a person would accept: places by ISO code (a gold file may give a code or a name),
speakers and populations by their content words ("a Russian man who fled to Mongolia (told
Reuters)" matches "one Russian man who fled to Mongolia").
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ATTRIBUTES = (
    "measure", "term", "value", "low", "high", "qualifier", "unit", "modality", "rate",
    "population", "origin", "destination", "place", "period_start", "period_end", "speaker",
)  # fmt: skip
STRICT = ("origin", "destination", "rate")
_STOP = {"a", "an", "the", "one", "of", "to", "who", "that", "told", "said", "from"}


@dataclass
class GoldDocument:
    path: Path
    document: str
    published: str | None
    inferred_publication_date: str | None
    facts: list[dict[str, Any]]
    not_facts: list[dict[str, Any]] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def load_gold(path: Path) -> GoldDocument:
    data = json.loads(path.read_text(encoding="utf-8"))
    return GoldDocument(
        path=path,
        document=data["document"],
        published=data.get("published"),
        inferred_publication_date=data.get("inferred_publication_date"),
        facts=list(data.get("facts", [])),
        not_facts=list(data.get("not_facts", [])),
        boilerplate=list(data.get("boilerplate", [])),
    )


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    text = unicodedata.normalize("NFKD", text)  # "Przemyśl" is "Przemysl", "Adré" "Adre"
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return {w for w in re.findall(r"[a-z0-9]+", text) if w not in _STOP}


def same_text(pred: str | None, gold: str | None) -> bool:
    """Loose equality for speakers and populations: most content words shared."""
    if not pred and not gold:
        return True
    a, b = _words(pred), _words(gold)
    if not a or not b:
        return False
    overlap = len(a & b)
    return overlap / len(a | b) >= 0.6 or (overlap == min(len(a), len(b)) and overlap >= 1)


def same_speaker(pred: str | None, gold: str | None) -> bool:
    """Speakers match by content words, or as two names of one institution ("the UN refugee
    agency" and "UNHCR"; "Médecins Sans Frontières (MSF)" and "MSF")."""
    if same_text(pred, gold):
        return True
    if not pred or not gold:
        return False
    from exodus.extract.lexicon import load_lexicon

    lex = load_lexicon()

    def names(s: str) -> set[str]:
        out = {str(lex.canonical(s))}
        out.update(str(lex.canonical(p)) for p in re.findall(r"\(([^)]+)\)", s))
        out.add(str(lex.canonical(re.sub(r"\s*\([^)]*\)", "", s))))
        return out

    if names(pred) & names(gold):
        return True
    # an institution named inside a longer speaker ("a spokesperson for the UN refugee agency")
    # is the same body as its usual name ("UNHCR"), which is how extraction reports it
    return same_text(_with_usual_names(pred), _with_usual_names(gold))


@functools.lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    from exodus.extract.lexicon import load_lexicon

    table = load_lexicon().institutions or {}
    aliases = sorted((a for a in table if a), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)", re.I)
    return pattern, table


def _with_usual_names(text: str) -> str:
    """``text`` with every institution alias in it replaced by that institution's usual name."""
    pattern, table = _alias_pattern()
    return pattern.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)


def country_of(value: Any) -> str | None:
    """ISO code of a place given as an object, a code, or None."""
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("country") or value.get("name")
    return str(value)


def place_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("name")
    return str(value)


def same_place(pred: str | None, gold: str | None) -> bool:
    """Places match by name, or as two names of one gazetteer place ("Upper Lars" and
    "Verkhny Lars")."""
    if not pred or not gold:
        return not pred and not gold
    if same_text(pred, gold):
        return True
    from exodus.resources import load_gazetteer

    gaz = load_gazetteer()
    a, b = gaz.lookup(pred), gaz.lookup(gold)
    return a is not None and b is not None and (a.name, a.country) == (b.name, b.country)


def same_attribute(name: str, pred: Any, gold: Any) -> bool:
    if name in ("origin", "destination"):
        g = country_of(gold)
        p = country_of(pred)
        if g is not None and len(g) != 2 and isinstance(pred, dict):
            return same_text(pred.get("name"), g)
        return (p or None) == (g or None)
    if name == "place":
        return same_place(place_name(pred), place_name(gold))
    if name == "speaker":
        return same_speaker(pred, gold)
    if name == "population":
        return same_text(pred, gold)
    if name in ("value", "low", "high"):
        if pred is None or gold is None:
            return pred is None and gold is None
        return abs(float(pred) - float(gold)) <= max(0.5, abs(float(gold)) * 0.001)
    return pred == gold


def _lenient_key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (round(float(f["value"]), 1), f["measure"], f["unit"])


def match_facts(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(pred_index, gold_index)`` with equal value, measure and unit."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        options = [
            pi for pi, p in enumerate(pred) if pi not in used and _lenient_key(p) == _lenient_key(g)
        ]
        if not options:
            continue
        cue = (g.get("cue") or "").lower()
        options.sort(key=lambda pi: -_cue_overlap(pred[pi], cue))
        used.add(options[0])
        pairs.append((options[0], gi))
    return pairs


def _cue_overlap(p: dict[str, Any], cue: str) -> int:
    ev = p.get("evidence") or {}
    text = (ev.get("sentence") or "").lower()
    return len(_words(cue) & _words(text))


def diff_attributes(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Attributes where ``pred`` differs from ``gold``: name -> (predicted, gold)."""
    return {
        name: (pred.get(name), gold.get(name))
        for name in ATTRIBUTES
        if name in gold and not same_attribute(name, pred.get(name), gold.get(name))
    }


@dataclass
class DocumentScore:
    document: str
    split: str | None
    gold: int
    predicted: int
    lenient_tp: int
    strict_tp: int
    missed: list[dict[str, Any]]
    spurious: list[dict[str, Any]]
    wrong: list[tuple[dict[str, Any], dict[str, tuple[Any, Any]]]]
    attribute_hits: dict[str, int]
    attribute_total: dict[str, int]
    negative: bool  # a document whose gold has no facts


@dataclass
class Report:
    documents: list[DocumentScore]

    def _sum(self, name: str) -> int:
        return sum(int(getattr(d, name)) for d in self.documents)

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
        p = tp / pred if pred else (1.0 if not gold else 0.0)
        r = tp / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    def summary(self) -> dict[str, Any]:
        gold, pred = self._sum("gold"), self._sum("predicted")
        hits: dict[str, int] = {}
        totals: dict[str, int] = {}
        for d in self.documents:
            for k, v in d.attribute_total.items():
                totals[k] = totals.get(k, 0) + v
                hits[k] = hits.get(k, 0) + d.attribute_hits.get(k, 0)
        negatives = [d for d in self.documents if d.negative]
        return {
            "documents": len(self.documents),
            "gold_facts": gold,
            "predicted_facts": pred,
            "lenient": self._prf(self._sum("lenient_tp"), pred, gold),
            "strict": self._prf(self._sum("strict_tp"), pred, gold),
            "attribute_accuracy": {
                k: round(hits[k] / totals[k], 4) for k in sorted(totals) if totals[k]
            },
            "negative_documents": len(negatives),
            "false_facts_per_negative_document": round(
                sum(d.predicted for d in negatives) / len(negatives), 4
            )
            if negatives
            else 0.0,
        }


def score_document(
    pred: list[dict[str, Any]], gold: GoldDocument, split: str | None = None
) -> DocumentScore:
    pairs = match_facts(pred, gold.facts)
    matched_pred = {p for p, _ in pairs}
    matched_gold = {g for _, g in pairs}
    hits: dict[str, int] = {}
    totals: dict[str, int] = {}
    wrong = []
    strict_tp = 0
    for pi, gi in pairs:
        diff = diff_attributes(pred[pi], gold.facts[gi])
        for name in ATTRIBUTES:
            if name in gold.facts[gi]:
                totals[name] = totals.get(name, 0) + 1
                hits[name] = hits.get(name, 0) + (name not in diff)
        if not any(k in diff for k in STRICT):
            strict_tp += 1
        if diff:
            wrong.append((pred[pi], diff))
    return DocumentScore(
        document=gold.document,
        split=split,
        gold=len(gold.facts),
        predicted=len(pred),
        lenient_tp=len(pairs),
        strict_tp=strict_tp,
        missed=[g for i, g in enumerate(gold.facts) if i not in matched_gold],
        spurious=[p for i, p in enumerate(pred) if i not in matched_pred],
        wrong=wrong,
        attribute_hits=hits,
        attribute_total=totals,
        negative=not gold.facts,
    )
