"""store: idempotent, atomic persistence of documents, facts, rejections and runs."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from exodus.errors import StoreError
from exodus.models import (
    CleanDocument,
    DocumentResult,
    Evidence,
    Fact,
    OffsetMap,
    Place,
    Rejection,
    RemovedSpan,
    StoredText,
)
from exodus.store import RunSummary, Store, current_version, fact_uid, migrate, open_store
from exodus.store.migrate import MIGRATIONS

SRC = Path(__file__).resolve().parents[1] / "src"

RU = Place("Russia", "RU")
GE = Place("Georgia", "GE")
KZ = Place("Kazakhstan", "KZ", iso3="KAZ", geonames_id=1522867, lat=48.0, lon=68.0)
LARS = Place("Verkhny Lars", "RU", kind="crossing")
SENTENCE = "Some 5,500 people crossed into Georgia on Tuesday."


def make_doc(n: int = 0, source: str | None = None, **kw: object) -> CleanDocument:
    text = f"Document {n}. Some 5,500 people crossed into Georgia on Tuesday."
    original = "Download our app!\n" + text
    defaults: dict[str, object] = {
        "source": source or f"docs/{n:03d}.txt",
        "original": original,
        "text": text,
        "offsets": OffsetMap(((0, 18, len(text)),), len(text), len(original)),
        "content_hash": hashlib.sha256(original.encode()).hexdigest(),
        "text_hash": hashlib.sha256(text.encode()).hexdigest(),
        "media_type": "text/plain",
        "title": f"Title {n}",
        "published": date(2022, 9, 27),
        "published_source": "given",
        "removed": (RemovedSpan(0, 18, "app_banner", "Download our app!\n"),),
    }
    defaults.update(kw)
    return CleanDocument(**defaults)  # type: ignore[arg-type]


def make_fact(doc: CleanDocument, k: int = 0, **kw: object) -> Fact:
    start = 13 + k
    cue, raw = (start + 18, start + 25), (start + 18, start + 68)
    defaults: dict[str, object] = {
        "document": doc.source,
        "measure": "flow",
        "term": "crossed",
        "value": 5500.0 + k,
        "qualifier": "about",
        "unit": "people",
        "modality": "reported",
        "rate": "per_day",
        "evidence": Evidence(SENTENCE, start, start + 50, "crossed", *cue, *raw),
        "low": 5000.0,
        "high": 6000.5,
        "population": "Russians",
        "origin": RU,
        "destination": GE,
        "place": LARS,
        "period_start": date(2022, 9, 27),
        "period_end": date(2022, 9, 27),
        "speaker": "Georgia Interior Minister Vakhtang Gomelauri",
        "speaker_via": "Reuters",
        "confidence": 0.87654,
        "published": date(2022, 9, 28),
        "published_inferred": True,
        "notes": ("hand-made",),
    }
    defaults.update(kw)
    return Fact(**defaults)  # type: ignore[arg-type]


def make_result(n: int = 0, n_facts: int = 3, **kw: object) -> DocumentResult:
    doc = make_doc(n, **kw)
    facts = [make_fact(doc, k) for k in range(n_facts)]
    if n_facts > 1:  # a place with every field, whose JSON keys a backend could reorder
        facts[1] = replace(facts[1], destination=KZ)
    return DocumentResult(doc.source, doc, tuple(facts))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An empty store, once on SQLite and once on PostgreSQL."""
    with open_store(store_url) as s:
        yield s


def _dialect(store: Store) -> str:
    return store.engine.dialect.name


# -- round trip and idempotency ---------------------------------------------------------------


def test_saved_facts_come_back_in_facts_md_shape(store: Store) -> None:
    result = make_result(1, n_facts=2)
    assert store.save_result(result) == "stored"
    assert result.document is not None
    expected = [
        {**f.to_dict(), "fact_uid": fact_uid(result.document.content_hash, f), "review": None}
        for f in result.facts
    ]
    assert store.facts() == expected
    # the same JSON, keys in the same order, whatever the backend does to JSON objects
    assert json.dumps(store.facts()) == json.dumps(expected)
    assert expected[0]["origin"] == {"name": "Russia", "country": "RU", "kind": "country"}
    assert expected[0]["evidence"]["cue"] == "crossed"


def test_document_round_trip(store: Store) -> None:
    result = make_result(1)
    store.save_result(result)
    assert result.document is not None
    assert store.document(result.document.content_hash) == result.document
    assert store.document(result.document.source) == result.document
    assert store.document("nope") is None


def test_saving_twice_is_known_and_writes_nothing(store: Store) -> None:
    result = make_result(1)
    assert store.save_result(result) == "stored"
    before = store.counts()
    assert before == {"documents": 1, "facts": 3, "rejections": 0}
    assert store.save_result(result) == "known"
    # the same bytes under another name are the same document
    assert store.save_result(replace(result, source="elsewhere.txt")) == "known"
    assert store.counts() == before


def test_rejections_are_recorded_once(store: Store) -> None:
    for _ in range(2):
        for rej in (
            Rejection("a.png", "BINARY", "a .png file is not text"),
            Rejection("b.txt", "EMPTY", "no text", content_hash="ab" * 32),
        ):
            assert store.save_result(DocumentResult(rej.source, rejection=rej)) == "rejected"
    assert store.counts()["rejections"] == 2
    first, second = store.rejections()
    assert first["content_hash"] is None  # stored as '' so UNIQUE collides, read back as None
    assert second["content_hash"] == "ab" * 32
    assert first["created_at"].endswith("+00:00")
    assert [r["source"] for r in store.rejections(code="EMPTY")] == ["b.txt"]


def test_result_without_document_or_rejection_is_a_bug(store: Store) -> None:
    with pytest.raises(ValueError):
        store.save_result(DocumentResult("x.txt"))


def test_duplicate_fact_in_one_document_is_stored_once(store: Store) -> None:
    doc = make_doc(1)
    fact = make_fact(doc)
    assert store.save_result(DocumentResult(doc.source, doc, (fact, fact))) == "stored"
    assert store.counts()["facts"] == 1


def test_fact_uid_is_stable_across_resolution_but_not_across_figures() -> None:
    doc = make_doc(1)
    fact = make_fact(doc)
    resolved_again = replace(fact, origin=KZ, speaker=None, confidence=0.1, term="fled")
    assert fact_uid(doc.content_hash, fact) == fact_uid(doc.content_hash, resolved_again)
    assert fact_uid(doc.content_hash, fact) != fact_uid(doc.content_hash, replace(fact, value=1))
    assert fact_uid(doc.content_hash, fact) != fact_uid("0" * 64, fact)


# -- atomicity --------------------------------------------------------------------------------


BOOM_TRIGGER = {  # a real database error on the third fact, after the document row was inserted
    "sqlite": [
        "CREATE TRIGGER boom BEFORE INSERT ON facts WHEN NEW.value = 5502 "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF NEW.value = 5502 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER boom BEFORE INSERT ON facts FOR EACH ROW EXECUTE FUNCTION boom()",
    ],
}
DROP_BOOM = {"sqlite": "DROP TRIGGER boom", "postgresql": "DROP TRIGGER boom ON facts"}


def test_failure_mid_insert_leaves_no_partial_document(store: Store) -> None:
    with store.engine.begin() as conn:
        for statement in BOOM_TRIGGER[_dialect(store)]:
            conn.exec_driver_sql(statement)
    result = make_result(1, n_facts=5)
    with pytest.raises(StoreError, match="boom") as info:
        store.save_result(result)
    assert "\n" not in str(info.value)
    assert store.counts() == {"documents": 0, "facts": 0, "rejections": 0}

    with store.engine.begin() as conn:
        conn.exec_driver_sql(DROP_BOOM[_dialect(store)])
    assert store.save_result(result) == "stored"  # not "known": nothing was left behind
    assert store.counts() == {"documents": 1, "facts": 5, "rejections": 0}


KILL_SCRIPT = textwrap.dedent(
    """
    import hashlib, sys, time
    from exodus.models import CleanDocument, DocumentResult, Evidence, Fact, OffsetMap
    from exodus.store import open_store, rows

    url, n, per, hang_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    build_row = rows.fact_row

    def stalling_fact_row(fact, document_id, content_hash):
        # halfway through the facts of document `hang_at`: its row is inserted, not committed
        if fact.document == f"doc{hang_at}.txt" and fact.value == per // 2:
            print("hanging", flush=True)
            time.sleep(120)
        return build_row(fact, document_id, content_hash)

    rows.fact_row = stalling_fact_row
    with open_store(url) as store:
        for i in range(n):
            text = f"synthetic document {i} " + "x" * 4000
            h = hashlib.sha256(text.encode()).hexdigest()
            doc = CleanDocument(
                source=f"doc{i}.txt", original=text, text=text,
                offsets=OffsetMap.identity(len(text)), content_hash=h, text_hash=h,
                media_type="text/plain",
            )
            facts = tuple(
                Fact(document=doc.source, measure="flow", term="crossed", value=float(k),
                     qualifier="exact", unit="people", modality="reported", rate="total",
                     evidence=Evidence(text[:200], k, k + 200, "x", k, k + 1, k, k + 200))
                for k in range(per)
            )
            print(i, store.save_result(DocumentResult(doc.source, doc, facts)), flush=True)
    """
)


ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
}


def assert_intact(store: Store) -> None:
    """The database's own consistency checks pass, and no fact lacks its document."""
    with store.engine.connect() as conn:
        if _dialect(store) == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        orphans = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM facts f LEFT JOIN documents d ON d.id = f.document_id "
            "WHERE d.id IS NULL"
        ).scalar()
        assert orphans == 0


@pytest.mark.slow
def test_sigkill_leaves_every_document_whole_or_absent(store_url: str) -> None:
    url = store_url
    n, per = 240, 150

    def run_and_kill(stop_after_lines: int, hang_at: int = -1) -> None:
        cmd = [sys.executable, "-c", KILL_SCRIPT, url, str(n), str(per), str(hang_at)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=ENV)
        assert proc.stdout is not None
        for seen, line in enumerate(proc.stdout, 1):
            if seen >= stop_after_lines or line.strip() == "hanging":
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL, "the writer finished before it was killed"

    run_and_kill(15)  # wherever it happens to be
    run_and_kill(n, hang_at=60)  # certainly inside the transaction of doc60
    with open_store(url) as store:
        assert store.document("doc59.txt") is not None
        assert store.document("doc60.txt") is None
        assert store.counts() == {"documents": 60, "facts": 60 * per, "rejections": 0}
    run_and_kill(90)

    cmd = [sys.executable, "-c", KILL_SCRIPT, url, str(n), str(per), "-1"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=300, check=True)
    outcomes = [line.split()[1] for line in done.stdout.splitlines()]
    assert len(outcomes) == n
    assert outcomes.count("known") >= 90  # what the killed runs committed was kept

    with open_store(url) as store:
        assert store.counts() == {"documents": n, "facts": n * per, "rejections": 0}
        with store.engine.connect() as conn:
            per_doc = conn.exec_driver_sql(
                "SELECT d.source, COUNT(f.id) FROM documents d "
                "LEFT JOIN facts f ON f.document_id = d.id GROUP BY d.id, d.source"
            ).all()
        assert_intact(store)
    assert sorted(source for source, _ in per_doc) == sorted(f"doc{i}.txt" for i in range(n))
    assert {count for _, count in per_doc} == {per}


def test_two_writers_on_one_database_wait_for_each_other(store_url: str) -> None:
    url = store_url
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            with open_store(url) as s:
                for i in range(offset, offset + 30):
                    s.save_result(make_result(i % 45))  # overlapping documents
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(o,)) for o in (0, 15)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(url) as s:
        assert s.counts() == {"documents": 45, "facts": 135, "rejections": 0}


# -- queries ----------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    d1, d2, d3 = make_doc(1), make_doc(2, source="https://example.org/x"), make_doc(3)
    facts = {
        d1: (
            make_fact(d1, 0),  # RU -> GE, period 2022-09-27
            make_fact(d1, 1, origin=RU, destination=KZ, measure="stock"),
        ),
        d2: (
            make_fact(  # only period_start
                d2, 0, origin=None, period_start=date(2022, 10, 5), period_end=None
            ),
            make_fact(  # no period: falls back to the fact's published date
                d2, 1, destination=KZ, period_start=None, period_end=None,
                published=date(2022, 10, 9),
            ),
        ),
        d3: (
            make_fact(  # no dates at all on the fact: the document's published date
                d3, 0, period_start=None, period_end=None, published=None,
                measure="wait_time", unit="hours",
            ),
        ),
    }  # fmt: skip
    for doc, fs in facts.items():
        store.save_result(DocumentResult(doc.source, doc, fs))
    return store


def _keys(facts: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["document"], f["value"]) for f in facts]


def test_filter_origin_by_code_or_name(filled: Store) -> None:
    by_code = filled.facts(origin="ru")
    assert len(by_code) == 4
    assert _keys(filled.facts(origin="Russia")) == _keys(by_code)
    assert filled.facts(origin="GE") == []
    with filled.engine.connect() as conn:  # an absent place is SQL NULL, not JSON null
        absent = "SELECT COUNT(*) FROM facts WHERE origin IS NULL AND origin_name IS NULL"
        assert conn.exec_driver_sql(absent).scalar() == 1


def test_filter_destination(filled: Store) -> None:
    assert _keys(filled.facts(destination="KZ")) == [
        ("docs/001.txt", 5501),
        ("https://example.org/x", 5501),
    ]
    assert len(filled.facts(destination="georgia")) == 3


def test_filter_measure_document_limit(filled: Store) -> None:
    assert _keys(filled.facts(measure="stock")) == [("docs/001.txt", 5501)]
    assert _keys(filled.facts(document="https://example.org/x")) == [
        ("https://example.org/x", 5500),
        ("https://example.org/x", 5501),
    ]
    assert len(filled.facts(limit=2)) == 2
    assert _keys(filled.facts(origin="RU", measure="wait_time")) == [("docs/003.txt", 5500)]


def test_filter_since(filled: Store) -> None:
    assert len(filled.facts()) == 5
    # period_end 2022-09-27 (x2), period_start 2022-10-05, published 2022-10-09,
    # document published 2022-09-27
    assert len(filled.facts(since=date(2022, 9, 27))) == 5
    assert _keys(filled.facts(since=date(2022, 9, 28))) == [
        ("https://example.org/x", 5500),
        ("https://example.org/x", 5501),
    ]
    assert _keys(filled.facts(since=date(2022, 10, 6))) == [("https://example.org/x", 5501)]
    assert filled.facts(since=date(2023, 1, 1)) == []


def test_documents_for_consolidation(store: Store) -> None:
    first = make_result(1, url="https://example.org/a")
    second = make_result(2, published=None)
    changed = make_result(1, text="Document 1, corrected. Some 5,600 people crossed.")
    changed = replace(changed, document=replace(changed.document, content_hash="c" * 64))
    for result in (first, second, changed, first):
        store.save_result(result)
    texts = store.documents_for_consolidation()
    assert [t.source for t in texts] == ["docs/001.txt", "docs/002.txt", "docs/001.txt"]
    a, b, c = texts
    assert first.document is not None
    assert (a.key, a.text, a.published, a.url) == (
        first.document.content_hash,
        first.document.text,
        date(2022, 9, 27),
        "https://example.org/a",
    )
    assert b.published is None and b.url is None
    assert c.key == "c" * 64 and c.text.startswith("Document 1, corrected.")
    assert all(isinstance(t, StoredText) for t in texts)


# -- runs -------------------------------------------------------------------------------------


def test_runs(store: Store) -> None:
    run_id = store.start_run()
    summary = RunSummary()
    for result in (make_result(1), make_result(1)):
        summary.count(store.save_result(result))
    rej = Rejection("x.png", "BINARY", "not text")
    summary.count(store.save_result(DocumentResult("x.png", rejection=rej)), rej.code)
    store.finish_run(run_id, summary)
    (run,) = store.runs()
    assert run["id"] == run_id
    assert (run["read"], run["stored"], run["known"], run["rejected"]) == (3, 1, 1, {"BINARY": 1})
    assert run["finished_at"] >= run["started_at"]
    # written and read back in UTC (the PostgreSQL test databases run in Asia/Kathmandu)
    assert run["started_at"].endswith("+00:00")
    started = datetime.fromisoformat(run["started_at"])
    assert abs(datetime.now(UTC) - started) < timedelta(minutes=5)

    other = store.start_run()
    store.finish_run(other, {"read": 2, "stored": 0, "known": 0, "rejected": {"EMPTY": 2}})
    assert store.runs()[1]["rejected"] == {"EMPTY": 2}
    with pytest.raises(StoreError):
        store.finish_run(999, summary)


# -- opening and migrations -------------------------------------------------------------------


def test_open_creates_parent_folder_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "exodus.db"
    with open_store(str(path)) as store, store.engine.connect() as conn:
        assert path.exists()

        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("foreign_keys") == 1
        assert int(str(pragma("busy_timeout"))) > 0


def test_open_failure_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as info:
        open_store(f"sqlite:///{blocker / 'sub' / 'exodus.db'}")
    assert info.value.code == "STORE"
    assert "\n" not in str(info.value)


def _versions(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return [v for (v,) in conn.exec_driver_sql("SELECT version FROM schema_version")]


def _columns(conn: sa.Connection, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def test_migrations_apply_once(store_url: str) -> None:
    url = store_url
    with open_store(url) as store:
        assert _versions(store) == [v for v, _, _ in MIGRATIONS]
        store.save_result(make_result(1))
    with open_store(url) as store:  # reopening: nothing applied again, data kept
        assert _versions(store) == [v for v, _, _ in MIGRATIONS]
        with store.engine.begin() as conn:
            assert migrate(conn) == []
        assert store.counts()["documents"] == 1


def test_migration_runner_applies_pending_steps_in_order_once(store: Store) -> None:
    calls: list[str] = []
    last = MIGRATIONS[-1][0]
    steps = [
        *MIGRATIONS,
        (last + 1, "add a column", "ALTER TABLE documents ADD COLUMN fingerprint TEXT"),
        (last + 2, "a callable", lambda conn: calls.append("called")),
    ]
    with store.engine.begin() as conn:
        assert migrate(conn, steps) == [last + 1, last + 2]
    with store.engine.begin() as conn:
        assert migrate(conn, steps) == []
        assert current_version(conn) == last + 2
        cols = _columns(conn, "documents")
    assert "fingerprint" in cols
    assert calls == ["called"]


def test_failed_migration_rolls_back_the_whole_upgrade(store_url: str) -> None:
    def fail(conn: sa.Connection) -> None:
        raise RuntimeError("the last step broke")

    last = MIGRATIONS[-1][0]
    steps = [
        *MIGRATIONS,
        (last + 1, "add a column", "ALTER TABLE documents ADD COLUMN fingerprint TEXT"),
        (last + 2, "broken", fail),
    ]
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError), store._write() as conn:
            migrate(conn, steps)
        with store.engine.connect() as conn:
            assert current_version(conn) == last
            cols = _columns(conn, "documents")
        assert "fingerprint" not in cols  # the DDL of the step before was rolled back too


def test_schema_compiles_for_postgresql() -> None:
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    from exodus.store import schema

    ddl = "\n".join(
        str(CreateTable(t).compile(dialect=postgresql.dialect()))
        for t in schema.metadata.sorted_tables
    )
    assert "JSONB" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl


def test_migration_versions_must_increase(store: Store) -> None:
    with store.engine.begin() as conn, pytest.raises(ValueError):
        migrate(conn, [(2, "b", "SELECT 1"), (1, "a", "SELECT 1")])
