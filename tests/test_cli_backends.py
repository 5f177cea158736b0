"""The product on PostgreSQL end to end: the demo corpus gives the same rows, views and exports as on
SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from exodus.cli import app
from exodus.store import open_store
from exodus.store.schema import documents, facts, runs

runner = CliRunner()

# differ by backend or by run: surrogate keys and the moments rows were written
DROPPED = {"id", "document_id", "ingested_at", "started_at", "finished_at"}


def _table_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """documents, facts and runs as Python values, ids and timestamps left out, in a fixed order."""
    with open_store(url) as store, store.engine.connect() as conn:
        hashes = dict(conn.execute(sa.select(documents.c.id, documents.c.content_hash)).all())

        def read(table: sa.Table, key: str) -> list[dict[str, Any]]:
            got = []
            for row in conn.execute(sa.select(table)).mappings():
                item = {k: v for k, v in row.items() if k not in DROPPED}
                if "document_id" in row:
                    item["document"] = hashes[row["document_id"]]
                got.append(item)
            return sorted(got, key=lambda r: str(r[key]))

        return {
            "documents": read(documents, "content_hash"),
            "facts": read(facts, "fact_uid"),
            "runs": read(runs, "read"),
        }


def _cli_json(url: str, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_the_demo_on_postgresql_stores_what_it_stores_on_sqlite(
    pg_url: str, tmp_path: Path
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'demo.db'}"
    for url in (sqlite_url, pg_url):
        demo = runner.invoke(app, ["demo", "--db", url])
        assert demo.exit_code == 0, demo.output
        assert "Russia (RU) → Kazakhstan (KZ)" in demo.stdout
        assert "***@127.0.0.1" in demo.stdout or url == sqlite_url  # password never printed
        assert (sa.make_url(url).password or "\0") not in demo.stdout + demo.stderr

    on_sqlite, on_pg = _table_rows(sqlite_url), _table_rows(pg_url)
    assert len(on_sqlite["documents"]) == 16 and len(on_sqlite["facts"]) > 50
    for table in ("documents", "facts", "runs"):
        assert on_pg[table] == on_sqlite[table], table

    # the views over the store: the same JSON, key order included
    for command in (["facts"], ["corridors"], ["claims"], ["timeline", "RU", "KZ"]):
        assert json.dumps(_cli_json(pg_url, *command)) == json.dumps(
            _cli_json(sqlite_url, *command)
        ), command
    assert _cli_json(pg_url, "facts", "--origin", "RU", "--destination", "KZ")
    for fmt in ("jsonl", "csv", "geojson"):  # exports: the same bytes
        exported = [
            runner.invoke(app, ["export", "--format", fmt, "--db", url])
            for url in (sqlite_url, pg_url)
        ]
        assert all(e.exit_code == 0 for e in exported), [e.output for e in exported]
        assert len(exported[0].stdout) > 1000
        assert exported[1].stdout == exported[0].stdout, fmt


def test_a_wrong_password_through_the_cli_is_one_line_with_a_reason(pg_url: str) -> None:
    password = sa.make_url(pg_url).password
    assert password
    wrong = sa.make_url(pg_url).set(password="Wr0ng-pass")
    url = wrong.render_as_string(hide_password=False)
    env = {**os.environ, "EXODUS_DB": url}
    done = subprocess.run(
        [sys.executable, "-m", "exodus", "facts"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("STORE_AUTH: cannot open the store postgresql+psycopg://")
    assert "password authentication failed" in line
    assert "Wr0ng-pass" not in line and password not in line
    assert "Traceback" not in done.stderr
