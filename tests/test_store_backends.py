"""store on both backends: concurrent writers, URLs, errors, and what PostgreSQL does differently."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from exodus.errors import StoreError
from exodus.models import DocumentResult
from exodus.store import open_store
from exodus.store.backends import describe_error, parse_url, redact_url
from exodus.store.migrate import MIGRATIONS
from pgcluster import find_bindir, free_port
from test_store import ENV, assert_intact, make_doc, make_fact

# -- two processes storing the same documents at the same moment ------------------------------

WRITER_SCRIPT = textwrap.dedent(
    """
    import hashlib, os, sys, time
    from exodus.models import CleanDocument, DocumentResult, Evidence, Fact, OffsetMap
    from exodus.store import open_store

    url, go, n, per = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    results = []
    for i in range(n):  # the same documents, in the same order, in every writer
        text = f"shared document {i} " + "y" * 2000
        h = hashlib.sha256(text.encode()).hexdigest()
        doc = CleanDocument(
            source=f"shared{i}.txt", original=text, text=text,
            offsets=OffsetMap.identity(len(text)), content_hash=h, text_hash=h,
            media_type="text/plain",
        )
        facts = tuple(
            Fact(document=doc.source, measure="flow", term="fled", value=float(k),
                 qualifier="exact", unit="people", modality="reported", rate="total",
                 evidence=Evidence(text[:100], k, k + 100, "y", k, k + 1, k, k + 100))
            for k in range(per)
        )
        results.append(DocumentResult(doc.source, doc, facts))
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.002)
    with open_store(url) as store:  # a new database: the writers also race to create it
        for result in results:
            print(result.source, store.save_result(result), flush=True)
    """
)


def test_writers_in_separate_processes_store_each_document_once(
    store_url: str, tmp_path: Path
) -> None:
    n, per, writers = 40, 25, 3
    go = tmp_path / "go"
    cmd = [sys.executable, "-c", WRITER_SCRIPT, store_url, str(go), str(n), str(per)]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        for _ in range(writers)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        go.touch()  # all of them start storing at once
        outputs = [proc.communicate(timeout=120) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for proc, (_, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stderr
    outcomes: dict[str, list[str]] = {}
    for stdout, _ in outputs:
        lines = stdout.splitlines()
        assert len(lines) == n
        for line in lines:
            source, outcome = line.split()
            outcomes.setdefault(source, []).append(outcome)
    assert len(outcomes) == n
    for source, seen in outcomes.items():  # exactly one writer stored each document
        assert sorted(seen) == ["known"] * (writers - 1) + ["stored"], source
    with open_store(store_url) as store:
        assert store.counts() == {"documents": n, "facts": n * per, "rejections": 0}
        assert_intact(store)


# -- text the backends store differently ------------------------------------------------------


def test_nul_characters_do_not_stop_a_document(store_url: str) -> None:
    text = "Some 5,500 people\x00crossed into Georgia on Tuesday."
    doc = make_doc(7, text=text, original=text, removed=())
    fact = make_fact(doc, 0, speaker="the\x00ministry")
    with open_store(store_url) as store:
        assert store.save_result(DocumentResult(doc.source, doc, (fact,))) == "stored"
        back = store.document(doc.content_hash)
        (stored_fact,) = store.facts()
        dialect = store.engine.dialect.name
    assert back is not None
    if dialect == "postgresql":  # cannot hold NUL: U+FFFD, one character for one
        assert back.text == text.replace("\x00", "\ufffd")
        assert stored_fact["speaker"] == "the\ufffdministry"
    else:
        assert back.text == text
        assert stored_fact["speaker"] == "the\x00ministry"
    assert len(back.text) == len(text)  # offsets into the text stay right


# -- URLs -------------------------------------------------------------------------------------


def test_plain_postgresql_urls_mean_psycopg_3() -> None:
    for given in ("postgresql://u:pw@db.example:5433/x", "postgres://u:pw@db.example:5433/x"):
        url = parse_url(given)
        assert url.drivername == "postgresql+psycopg"
        assert (url.host, url.port, url.database, url.password) == ("db.example", 5433, "x", "pw")
    assert parse_url("sqlite:///a.db").drivername == "sqlite"


@pytest.mark.parametrize(
    "url",
    [
        "mysql://u:hunter22@h/db",
        "postgresql+psycopg2://u:hunter22@h/db",
        "nonsense://:hunter22@",
        "postgresql://u:hun@ter22@127.0.0.1/db",  # an '@' in a password must be written %40
    ],
)
def test_other_backends_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert info.value.code == "STORE_URL"
    assert "hunter22" not in str(info.value) and "ter22" not in str(info.value)
    assert "\n" not in str(info.value)


def test_redact_url_hides_the_password_even_in_a_url_that_does_not_parse() -> None:
    assert redact_url("postgresql+psycopg://u:s3cret@h:5432/db") == (
        "postgresql+psycopg://u:***@h:5432/db"
    )
    assert "s3cret" not in redact_url("postgresql://u:s3cret@h:notaport/db")
    assert redact_url("postgresql://u:p@ss/w@h/db") == "postgresql://u:***@h/db"
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert redact_url("sqlite:///x.db") == "sqlite:///x.db"


def test_an_unreachable_server_is_one_line_with_its_reason() -> None:
    url = f"postgresql+psycopg://exodus:hunter22@127.0.0.1:{free_port()}/exodus"
    started = time.monotonic()
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert time.monotonic() - started < 30
    message = str(info.value)
    assert info.value.code == "STORE_UNREACHABLE"
    assert message.startswith("STORE_UNREACHABLE: cannot open the store postgresql+psycopg://")
    assert "exodus:***@127.0.0.1" in message and "hunter22" not in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("driver_message", "code"),
    [
        ('connection to server on socket "/run/pg/.s.PGSQL.5432" failed: No such file or directory\n\tIs the server running locally?', "STORE_UNREACHABLE"),
        ('connection failed: connection to server at "10.0.0.9", port 5432 failed: timeout expired', "STORE_UNREACHABLE"),
        ('connection to server at "db", port 5432 failed: fe_sendauth: no password supplied', "STORE_AUTH"),
        ('connection to server at "db", port 5432 failed: FATAL:  role "ghost" does not exist', "STORE_AUTH"),
        ('connection to server at "db", port 5432 failed: FATAL:  database "x" does not exist', "STORE_NO_DATABASE"),
        ("[Errno 2] No such file or directory: '/data/exodus.db'", "STORE"),  # a file, not a server
        ("UNIQUE constraint failed: documents.content_hash", "STORE"),
    ],
)  # fmt: skip
def test_driver_errors_get_a_reason_code_and_one_line(driver_message: str, code: str) -> None:
    got_code, text = describe_error(RuntimeError(driver_message))
    assert got_code == code
    assert "\n" not in text and not text.startswith("connection failed:")


# -- PostgreSQL -------------------------------------------------------------------------------


def _with(url: str, **parts: object) -> str:
    return sa.make_url(url).set(**parts).render_as_string(hide_password=False)


def test_postgresql_login_errors_are_one_line_with_a_reason_and_no_password(pg_url: str) -> None:
    password = sa.make_url(pg_url).password
    assert password
    cases = {
        "STORE_AUTH": _with(pg_url, password="not-the-password"),
        "STORE_NO_DATABASE": _with(pg_url, database="exodus_no_such_database"),
    }
    for code, url in cases.items():
        with pytest.raises(StoreError) as info:
            open_store(url)
        message = str(info.value)
        assert info.value.code == code, message
        assert message.startswith(f"{code}: cannot open the store postgresql+psycopg://")
        assert "***@127.0.0.1" in message
        assert password not in message and "not-the-password" not in message
        assert "\n" not in message


def test_postgresql_columns_are_native_types(pg_url: str) -> None:
    with open_store(pg_url) as store, store.engine.connect() as conn:
        types = dict(
            conn.exec_driver_sql(
                "SELECT table_name || '.' || column_name, data_type "
                "FROM information_schema.columns WHERE table_schema = current_schema()"
            ).all()
        )
    assert types["documents.removed"] == types["facts.origin"] == "jsonb"
    assert types["runs.rejected"] == "jsonb"
    assert types["documents.ingested_at"] == "timestamp with time zone"
    assert types["schema_version.applied_at"] == "timestamp with time zone"
    assert types["facts.period_start"] == types["documents.published"] == "date"
    assert types["facts.value"] == "double precision"
    assert types["facts.published_inferred"] == "boolean"


def test_postgresql_url_without_driver_opens_and_reopens(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    doc = make_doc(3)
    with open_store(plain) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.save_result(DocumentResult(doc.source, doc, (make_fact(doc),))) == "stored"
    with open_store(pg_url) as store:  # reopened: nothing migrated twice, the data is there
        assert store.save_result(DocumentResult(doc.source, doc, ())) == "known"
        with store.engine.connect() as conn:
            versions = conn.exec_driver_sql("SELECT version FROM schema_version ORDER BY 1").all()
            assert versions == [(v,) for v, _, _ in MIGRATIONS]
        assert store.document(doc.source) == replace(doc)


def test_the_cluster_helper_finds_the_newest_complete_postgresql(tmp_path: Path) -> None:
    for version, tools in {
        "13": ("initdb", "pg_ctl"),
        "16": ("pg_ctl",),
        "15": ("initdb", "pg_ctl"),
    }.items():
        (tmp_path / version / "bin").mkdir(parents=True)
        for tool in tools:
            (tmp_path / version / "bin" / tool).touch()
    assert find_bindir(str(tmp_path)) == tmp_path / "15" / "bin"  # 16 has no initdb
    assert find_bindir(str(tmp_path / "none")) is None
