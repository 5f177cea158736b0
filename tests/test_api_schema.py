"""Property-based run over the OpenAPI schema (schemathesis, against the ASGI app): whatever the
schema allows a client to send, and whatever it does not, the API never answers with a 5xx and its
answers match the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

import servecorpus as corpus
from exodus.config import load_settings
from exodus.serve.app import create_app
from exodus.store import open_store

TOKEN = "schema-token"


@pytest.fixture
def api_schema(store_url: str) -> Iterator[Any]:
    with open_store(store_url) as store:
        corpus.fill(store)
    app = create_app(load_settings(db=store_url, token=TOKEN))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id(request: pytest.FixtureRequest) -> None:
    # schemathesis 4.32's lazy schemas read ``node._nodeid``, which pytest 9 renamed: give it one
    request.node._nodeid = request.node.nodeid


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: Any) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
