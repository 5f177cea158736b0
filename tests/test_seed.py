"""The first case: the real scraped seed article gives exactly its six gold facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exodus.cli import app
from exodus.evaluate import ATTRIBUTES, diff_attributes, load_gold, match_facts

SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED = SHARED / "000_834be4023fbc830d.txt"
GOLD = SHARED / "000_834be4023fbc830d.gold.json"
PACKAGED = (
    Path(__file__).resolve().parents[1] / "src" / "exodus" / "samples" / "000_834be4023fbc830d.txt"
)

pytestmark = pytest.mark.skipif(
    not SEED.exists() and not PACKAGED.exists(), reason="seed not found"
)


@pytest.fixture(scope="module")
def seed_path() -> Path:
    return SEED if SEED.exists() else PACKAGED


@pytest.fixture(scope="module")
def extracted(seed_path: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["extract", str(seed_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def gold(seed_path: Path):
    gold_path = GOLD if GOLD.exists() else seed_path.with_suffix(".gold.json")
    return load_gold(gold_path)


def test_exactly_six_facts(extracted: list[dict], gold) -> None:
    assert len(gold.facts) == 6
    assert len(extracted) == 6, [f["evidence"]["cue"] for f in extracted]
    assert len(match_facts(extracted, gold.facts)) == 6


@pytest.mark.parametrize("index", range(6))
def test_every_field_of_every_fact(extracted: list[dict], gold, index: int) -> None:
    pairs = dict((g, p) for p, g in match_facts(extracted, gold.facts))
    assert index in pairs, f"gold fact {gold.facts[index]['cue']!r} not extracted"
    pred = extracted[pairs[index]]
    wrong = diff_attributes(pred, gold.facts[index])
    assert not wrong, f"{gold.facts[index]['cue']!r}: {wrong}"
    for name in ATTRIBUTES:
        assert name in pred


def test_facts_md_fields_and_provenance(extracted: list[dict], seed_path: Path) -> None:
    for f in extracted:
        assert f["document"] == str(seed_path)
        ev = f["evidence"]
        assert ev["cue"] and ev["sentence"]
        assert 0 < f["confidence"] <= 1


def test_no_not_fact_is_extracted(extracted: list[dict], gold) -> None:
    values = {f["value"] for f in extracted}
    assert 300000 not in values
    cues = " ".join(f["evidence"]["cue"] for f in extracted)
    for nf in gold.not_facts:
        assert nf["cue"] not in cues


def test_publication_date_inferred(extracted: list[dict], gold) -> None:
    assert gold.inferred_publication_date == "2022-09-27"
    for f in extracted:
        assert f["published"] == "2022-09-27"
        assert f["published_inferred"] is True


def test_evidence_offsets_point_into_clean_and_original_text(seed_path: Path, extracted) -> None:
    from exodus.clean import clean_document
    from exodus.models import RawDocument

    raw = seed_path.read_bytes()
    doc = clean_document(RawDocument(str(seed_path), raw, "text/plain"))
    for f in extracted:
        ev = f["evidence"]
        assert doc.text[ev["start"] : ev["end"]] == ev["sentence"]
        assert doc.text[ev["cue_start"] : ev["cue_end"]] == ev["cue"]
        original = doc.original[ev["raw_start"] : ev["raw_end"]]
        # the original differs only by normalised quotes, spaces and inserted sentence gaps
        squash = lambda s: "".join(ch for ch in s if ch.isalnum())  # noqa: E731
        assert squash(original) == squash(ev["sentence"])
