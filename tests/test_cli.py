"""The exodus command end to end: bad inputs, idempotent ingest, a killed ingest, the demo."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from conftest import table_counts
from exodus.cli import app, sample_paths
from exodus.store import open_store
from test_store import assert_intact

runner = CliRunner()

WIRE = (
    "TBILISI, Sept 27 (Wire) - About 10,000 Russians a day are now crossing into Georgia at the "
    "Upper Lars checkpoint, Georgia's interior ministry said on Tuesday. More than 53,000 Russians "
    "have entered Georgia since September 21, the ministry said.\n"
)
FRENCH = (
    "Des dizaines de milliers de Russes ont fui vers la Géorgie et le Kazakhstan depuis l'annonce "
    "de la mobilisation. Selon le ministère de l'Intérieur, environ dix mille personnes traversent "
    "chaque jour la frontière au poste de Verkhny Lars, et les files d'attente dépassent vingt "
    "kilomètres. Les autorités locales ont ouvert des centres d'accueil pour les nouveaux arrivants."
)


def _bad_corpus(root: Path) -> dict[str, str]:
    """A folder of inputs, each bad in one way, plus one good article; name -> expected code."""
    root.mkdir()
    (root / "good.txt").write_text(WIRE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    )
    (root / "latin1.txt").write_bytes(("Caf\xe9 " + WIRE).encode("latin-1"))
    (root / "nothing.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    (root / "french.txt").write_text(FRENCH, encoding="utf-8")
    with open(root / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (root / "unreadable_dir").mkdir()
    (root / "unreadable_dir" / "image.png").write_bytes(b"\x89PNG\r\n")
    return {
        "empty.txt": "EMPTY",
        "binary.txt": "BINARY",
        "latin1.txt": "ENCODING",
        "nothing.html": "NO_TEXT",
        "french.txt": "LANGUAGE",
        "huge.txt": "TOO_LARGE",
    }


def test_every_bad_input_gives_one_line_with_a_reason_and_the_batch_goes_on(
    tmp_path: Path, store_url: str
) -> None:
    corpus = tmp_path / "corpus"
    expected = _bad_corpus(corpus)
    empty_dir = tmp_path / "empty_dir"
    empty_dir.mkdir()
    (empty_dir / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = runner.invoke(app, ["ingest", str(corpus), str(empty_dir), "--db", store_url])
    assert result.exit_code == 1
    lines = [
        ln
        for ln in result.stderr.splitlines()
        if ": " in ln and ln.split(": ")[0].startswith(str(tmp_path))
    ]
    for name, code in expected.items():
        mine = [ln for ln in lines if ln.startswith(str(corpus / name) + ":")]
        assert len(mine) == 1, (name, lines)
        assert f": {code}: " in mine[0]
    assert any(ln.startswith(f"{empty_dir}: NOTHING_READABLE:") for ln in lines)
    # the good article went through, and every rejection is stored with its reason
    rows = table_counts(store_url)
    assert rows["documents"] == 1 and rows["facts"] >= 2
    with open_store(store_url) as store:
        stored = {r["source"]: r["code"] for r in store.rejections()}
    for name, code in expected.items():
        assert stored[str(corpus / name)] == code
    assert "rejected" in result.stderr and "TOO_LARGE" in result.stderr


def test_extract_exit_status_is_zero_when_nothing_failed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), "--format", "json"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    values = sorted(f["value"] for f in facts)
    assert values == [10000, 53000]
    daily = next(f for f in facts if f["value"] == 10000)
    assert daily["rate"] == "per_day" and daily["destination"]["country"] == "GE"
    assert daily["place"]["name"] in ("Upper Lars", "Verkhny Lars")


def test_extract_reads_stdin_and_takes_a_publication_date() -> None:
    text = "Some 3,000 people fled across the border into Chad on Monday, UNHCR said.\n"
    result = runner.invoke(
        app, ["extract", "-", "--format", "jsonl", "--published", "2023-05-03"], input=text
    )
    assert result.exit_code == 0, result.output
    (fact,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert fact["document"] == "-"
    assert fact["destination"]["country"] == "TD"
    assert fact["period_end"] == "2023-05-01" and fact["published_inferred"] is False
    assert fact["speaker"] == "UNHCR"


def test_bad_published_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "27/09/2022"], input="x")
    assert result.exit_code == 2


def test_ingesting_twice_changes_no_row_count(store_url: str) -> None:
    paths = sample_paths()[:6]
    first = runner.invoke(app, ["ingest", *paths, "--db", store_url])
    assert first.exit_code == 0, first.output
    before = table_counts(store_url)
    assert before["documents"] == 6 and before["facts"] > 6
    second = runner.invoke(app, ["ingest", *paths, "--db", store_url])
    assert second.exit_code == 0
    assert table_counts(store_url) == before
    assert "already known" in second.stderr


def test_facts_filters(store_url: str) -> None:
    db = store_url
    runner.invoke(app, ["ingest", *sample_paths(), "--db", db])
    result = runner.invoke(
        app,
        [
            "facts",
            "--db",
            db,
            "--origin",
            "ru",
            "--destination",
            "KZ",
            "--measure",
            "flow",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    assert facts, "the samples have Russia -> Kazakhstan flows"
    assert all(
        f["origin"]["country"] == "RU"
        and f["destination"]["country"] == "KZ"
        and f["measure"] == "flow"
        for f in facts
    )
    since = runner.invoke(app, ["facts", "--db", db, "--since", "2030-01-01", "--format", "json"])
    assert json.loads(since.stdout) == []


def test_every_command_has_help_text() -> None:
    import typer.main

    click_app = typer.main.get_command(app)
    for name, cmd in click_app.commands.items():  # type: ignore[attr-defined]
        assert cmd.help and len(cmd.help) > 20, f"{name} has no help text"
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0


@pytest.mark.slow
def test_a_killed_ingest_leaves_every_document_once_and_the_database_intact(
    tmp_path: Path, store_url: str
) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:02d}.txt").write_text(
            WIRE.replace("10,000", f"{10_000 + i * 7:,}") + f"\nReport {i}.\n", encoding="utf-8"
        )
    env = {**os.environ, "EXODUS_DB": store_url}
    cmd = [sys.executable, "-m", "exodus", "ingest", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = table_counts(store_url, ("documents",))["documents"]
        except sa.exc.SQLAlchemyError:  # no file or no tables yet
            continue
        if stored >= 3:
            break
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = table_counts(store_url)["documents"]
    assert 3 <= partial < 40
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with open_store(store_url) as store:
        assert_intact(store)
        with store.engine.connect() as conn:
            per_doc = conn.exec_driver_sql(
                "select d.source, count(f.id) from documents d"
                " left join facts f on f.document_id = d.id group by d.id, d.source"
            ).all()
    sources = [s for s, _ in per_doc]
    assert len(sources) == 40 == len(set(sources))
    assert all(n == 2 for _, n in per_doc), per_doc
    assert f"{partial}" in again.stderr or "already known" in again.stderr


@pytest.mark.slow
def test_demo_ends_with_the_corridor_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXODUS_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.rindex("Corridors (claims merged") :]
    assert "Russia (RU) → Kazakhstan (KZ)" in tail and "reports" in tail
    assert tail.rstrip().endswith("┘")  # nothing after the table
    # and a timeline chart of the busiest corridor with a series, in the data folder
    charts = list((tmp_path / "data").glob("timeline-*.png"))
    assert len(charts) == 1
    chart = charts[0]
    assert f"Timeline chart of the busiest corridor: {chart}" in result.stdout
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
