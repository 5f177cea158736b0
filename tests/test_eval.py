"""exodus eval: scores, the per-document diff, and the quality gate failing when a floor is missed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from exodus.cli import app
from exodus.evaluate import same_text
from exodus.evaluate.runner import check_floors

runner = CliRunner()

ARTICLE = (
    "ALMATY, Sept 27 (Wire) - More than 98,000 Russians have entered Kazakhstan since September 21, 2022, "
    "the interior ministry said on Tuesday. Officials said 300,000 reservists were being called up.\n"
)


def _gold(tmp_path: Path, facts: list[dict]) -> Path:
    folder = tmp_path / "dev"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    gold = {
        "document": "a.txt",
        "published": None,
        "inferred_publication_date": "2022-09-27",
        "facts": facts,
        "not_facts": [],
        "boilerplate": [],
    }
    (folder / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


FACT = {
    "measure": "flow", "term": "entered", "value": 98000, "low": 98000, "high": None, "qualifier": "more_than",
    "unit": "people", "modality": "reported", "rate": "total", "population": "Russians", "origin": "RU",
    "destination": "KZ", "place": None, "period_start": "2022-09-21", "period_end": "2022-09-27",
    "speaker": "the interior ministry", "cue": "More than 98,000 Russians",
}  # fmt: skip


def test_a_perfect_document_scores_one(tmp_path: Path) -> None:
    folder = _gold(tmp_path, [FACT])
    result = runner.invoke(app, ["eval", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["lenient"]["f1"] == 1.0 and summary["strict"]["f1"] == 1.0
    assert all(v == 1.0 for v in summary["attribute_accuracy"].values()), summary


def test_wrong_attributes_and_missed_facts_show_in_the_diff(tmp_path: Path) -> None:
    wrong = {**FACT, "destination": "GE"}
    missed = {**FACT, "value": 12345, "low": 12345, "cue": "12,345"}
    folder = _gold(tmp_path, [wrong, missed])
    result = runner.invoke(app, ["eval", str(folder)])
    assert result.exit_code == 0
    assert "missed" in result.stdout and "12,345" in result.stdout
    assert "destination: got 'KZ', gold 'GE'" in result.stdout
    data = json.loads(runner.invoke(app, ["eval", str(folder), "--format", "json"]).stdout)
    assert data["summary"]["lenient"]["recall"] == 0.5
    assert data["summary"]["strict"]["precision"] == 0.0


def test_a_negative_document_counts_false_facts(tmp_path: Path) -> None:
    folder = _gold(tmp_path, [])
    data = json.loads(runner.invoke(app, ["eval", str(folder), "--format", "json"]).stdout)
    assert data["summary"]["negative_documents"] == 1
    assert data["summary"]["false_facts_per_negative_document"] == 1.0


def test_the_gate_fails_when_a_floor_is_missed_and_passes_when_met(tmp_path: Path) -> None:
    folder = _gold(tmp_path, [FACT])
    too_high = tmp_path / "floors.json"
    too_high.write_text(
        json.dumps({"lenient.f1": 1.01, "false_facts_per_negative_document_max": 0.1})
    )
    failed = runner.invoke(app, ["eval", str(folder), "--floors", str(too_high), "--no-diffs"])
    assert failed.exit_code == 1
    assert "QUALITY FLOOR MISSED: lenient.f1 is 1.0, below the floor 1.01" in failed.stderr
    met = tmp_path / "met.json"
    met.write_text(json.dumps({"lenient.f1": 0.99, "strict.f1": 0.99}))
    assert (
        runner.invoke(app, ["eval", str(folder), "--floors", str(met), "--no-diffs"]).exit_code == 0
    )


def test_split_selects_the_folder(tmp_path: Path) -> None:
    folder = _gold(tmp_path, [FACT])
    assert runner.invoke(app, ["eval", str(folder.parent), "--split", "devtest"]).exit_code == 2
    assert (
        runner.invoke(app, ["eval", str(folder.parent), "--split", "dev", "--no-diffs"]).exit_code
        == 0
    )


def test_check_floors_handles_ceilings_and_unknown_keys() -> None:
    summary = {"lenient": {"f1": 0.9}, "false_facts_per_negative_document": 0.3}
    assert check_floors(summary, {"lenient.f1": 0.8}) == []
    assert check_floors(summary, {"false_facts_per_negative_document_max": 0.1}) == [
        "false_facts_per_negative_document is 0.3, above the ceiling 0.1"
    ]
    assert check_floors(summary, {"nope.f1": 0.1}) == ["nope.f1: no such figure in the report"]


def test_speaker_and_population_compare_by_content_words() -> None:
    assert same_text(
        "one Russian man who fled to Mongolia", "a Russian man who fled to Mongolia (told Reuters)"
    )
    assert not same_text("the Kazakh interior ministry", "UNHCR")
    assert same_text(None, None) and not same_text("UNHCR", None)


def test_institutions_match_under_any_of_their_names() -> None:
    from exodus.evaluate.scoring import same_speaker

    assert same_speaker("UNHCR", "the UN refugee agency")
    assert same_speaker("MSF", "Médecins Sans Frontières (MSF)")
    assert same_speaker("IOM", "International Organization for Migration (IOM), cited by UNHCR")
    assert not same_speaker("IOM", "UNHCR")


def test_places_match_by_name_or_as_two_names_of_one_place() -> None:
    from exodus.evaluate.scoring import same_attribute

    assert same_attribute("place", {"name": "Verkhny Lars", "country": "GE"}, "Upper Lars")
    assert same_attribute("place", None, None)
    assert not same_attribute("place", {"name": "Verkhny Lars"}, "Kyakhta")
    assert not same_attribute("place", None, "Upper Lars")


def test_places_and_speakers_match_without_their_accents() -> None:
    from exodus.evaluate.scoring import same_attribute

    assert same_attribute("place", {"name": "Przemyśl"}, "Przemysl")
    assert same_attribute("place", {"name": "Adre"}, "Adré")
