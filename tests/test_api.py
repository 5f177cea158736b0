"""The REST API through FastAPI's TestClient: every endpoint, filters, pages, the error shape,
the token, review through the API reaching claims and timelines, uploads, article text as data."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import servecorpus as corpus
from exodus.config import load_settings
from exodus.serve.app import PREFIX, create_app
from exodus.store import open_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WHO = {"reviewer": "ana", "why": "checked against the ministry release"}
WIRE = (
    "TBILISI, Sept 27 (Wire) - About 10,000 Russians a day are now crossing into Georgia at the "
    "Upper Lars checkpoint, Georgia's interior ministry said on Tuesday. More than 53,000 Russians "
    "have entered Georgia since September 21, the ministry said.\n"
)

Client = Callable[..., TestClient]


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as store:
        corpus.fill(store)
    return store_url


@pytest.fixture
def make_client(filled: str) -> Iterator[Client]:
    """TestClients over the filled store, with settings as given (token by default)."""
    opened: list[TestClient] = []

    def make(raise_server_exceptions: bool = True, **overrides: Any) -> TestClient:
        settings = load_settings(**{"db": filled, "token": TOKEN, **overrides})
        client = TestClient(create_app(settings), raise_server_exceptions=raise_server_exceptions)
        opened.append(client.__enter__())
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def api(make_client: Client) -> TestClient:
    return make_client()


def get(api: TestClient, path: str, **params: Any) -> Any:
    response = api.get(PREFIX + path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def error_of(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert message and "\n" not in message
    return str(message)


def uid_of(api: TestClient, part: str, document: str | None = None) -> str:
    params = {"q": part, "status": "any", **({"document": document} if document else {})}
    (found,) = get(api, "/facts", **params)["items"]
    return str(found["fact_uid"])


def kz_claims(api: TestClient) -> list[dict[str, Any]]:
    return list(get(api, "/claims", origin="RU", destination="KZ")["items"])


# -- schema, status, errors ---------------------------------------------------------------------


def test_openapi_lists_the_endpoints_and_the_docs_pages_are_off(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in ("/documents", "/documents/{content_hash}", "/facts", "/facts/{fact_uid}",
                 "/facts/{fact_uid}/accept", "/facts/{fact_uid}/reject", "/facts/{fact_uid}/split",
                 "/claims", "/claims/{claim_id}", "/claims/merge", "/conflicts", "/corridors",
                 "/corridors/{origin}/{destination}/timeline", "/alerts", "/audit", "/review",
                 "/status"):  # fmt: skip
        assert PREFIX + path in paths
    assert all(p.startswith(PREFIX) for p in paths)  # / stays free for the dashboard
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    error_of(api.get("/docs"), 404, "NOT_FOUND")  # they would load scripts from a CDN


def test_status_counts_and_generation(api: TestClient) -> None:
    body = get(api, "/status")
    assert (body["documents"], body["facts"], body["writes"], body["protect_reads"]) == (
        5, 8, True, False
    )  # fmt: skip
    assert body["generation"] == {"documents": 5, "reviews": 0}


def test_errors_have_one_shape(make_client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    api = make_client()
    error_of(api.get(f"{PREFIX}/nowhere"), 404, "NOT_FOUND")
    error_of(api.delete(f"{PREFIX}/facts"), 405, "METHOD_NOT_ALLOWED")
    message = error_of(api.get(f"{PREFIX}/facts", params={"limit": 0}), 422, "VALIDATION")
    assert message.startswith("query.limit:")
    error_of(api.get(f"{PREFIX}/facts", params={"since": "yesterday"}), 422, "VALIDATION")
    error_of(api.get(f"{PREFIX}/facts", params={"measure": "money"}), 422, "VALIDATION")
    error_of(api.get(f"{PREFIX}/facts", params={"q": "a\x00b"}), 422, "VALIDATION")
    error_of(api.get(f"{PREFIX}/alerts", params={"week": -5}), 422, "VALIDATION")
    error_of(api.get(f"{PREFIX}/facts/{'0' * 64}"), 404, "NOT_FOUND")
    # a bug becomes a 500 in the same shape, without its details
    from exodus.serve import queries

    def broken(store: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "review_summary", broken)
    crashing = make_client(raise_server_exceptions=False)
    message = error_of(crashing.get(f"{PREFIX}/review"), 500, "INTERNAL")
    assert "secret" not in message


# -- documents ----------------------------------------------------------------------------------


def test_documents_are_listed_in_pages_and_filtered(api: TestClient) -> None:
    page = get(api, "/documents", limit=2)
    assert (page["total"], page["limit"], page["offset"], len(page["items"])) == (5, 2, 0, 2)
    assert [d["source"] for d in page["items"]] == ["wire/a.txt", "post/b.txt"]
    rest = get(api, "/documents", limit=2, offset=4)
    assert [d["source"] for d in rest["items"]] == ["ngo/e.txt"] and rest["total"] == 5
    first = page["items"][0]
    assert first["facts"] == 2 and len(first["content_hash"]) == 64
    assert first["published"] == "2022-09-27" and first["ingested_at"]
    assert [d["source"] for d in get(api, "/documents", q="SHELTERS")["items"]] == ["ngo/e.txt"]
    since = get(api, "/documents", since="2022-09-30")["items"]
    assert [d["source"] for d in since] == ["blog/c.txt", "ngo/e.txt"]
    until = get(api, "/documents", until="2022-09-27")["items"]
    assert [d["source"] for d in until] == ["wire/a.txt"]


def test_a_document_comes_with_text_removed_spans_and_facts_at_their_offsets(
    api: TestClient,
) -> None:
    summary = get(api, "/documents", q="wire/a")["items"][0]
    doc = get(api, f"/documents/{summary['content_hash']}")
    assert doc["source"] == "wire/a.txt" and doc["copies"] == ["mirror/a.txt"]
    assert doc["copy_of"] is None
    assert doc["removed"] == [
        {"start": 0, "end": len(corpus.BANNER), "kind": "app_banner", "text": corpus.BANNER}
    ]
    assert doc["original"][: len(corpus.BANNER)] == corpus.BANNER
    assert len(doc["facts"]) == 2
    for fact in doc["facts"]:
        ev = fact["evidence"]
        assert doc["text"][ev["start"] : ev["end"]] == ev["sentence"]
        assert doc["original"][ev["raw_start"] : ev["raw_end"]] == ev["sentence"]
        assert doc["text"][ev["cue_start"] : ev["cue_end"]] == ev["cue"]
    mirror = get(api, "/documents", q="mirror/")["items"][0]
    assert get(api, f"/documents/{mirror['content_hash']}")["copy_of"] == "wire/a.txt"
    error_of(api.get(f"{PREFIX}/documents/{'f' * 64}"), 404, "NOT_FOUND")


def test_article_html_and_script_come_back_as_data_never_markup(api: TestClient) -> None:
    summary = get(api, "/documents", q="blog/")["items"][0]
    response = api.get(f"{PREFIX}/documents/{summary['content_hash']}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert b"<script" not in response.content and b"<b>" not in response.content
    assert b"\\u003cscript\\u003e" in response.content
    doc = response.json()
    assert corpus.SCRIPT in doc["text"] and doc["title"] == "<b>Exodus</b> & the <i>border</i>"
    title = "<b>Exodus</b> & the <i>border</i>"
    for path, text in (
        ("/claims", corpus.SCRIPT),
        ("/facts", corpus.SCRIPT),
        ("/documents", title),
    ):
        raw = api.get(PREFIX + path, params={"q": "local MP"}).content
        assert b"<" not in raw and text in json.dumps(json.loads(raw))


# -- facts --------------------------------------------------------------------------------------


def test_facts_filters_and_pages(api: TestClient) -> None:
    page = get(api, "/facts", limit=3)
    assert (page["total"], len(page["items"])) == (8, 3)
    assert [f["fact_uid"] for f in get(api, "/facts", offset=3, limit=100)["items"]] == [
        f["fact_uid"] for f in get(api, "/facts", limit=100)["items"][3:]
    ]
    assert get(api, "/facts", destination="KZ")["total"] == 4  # two from the copy
    assert get(api, "/facts", destination="kazakhstan")["total"] == 4
    assert get(api, "/facts", origin="RU", destination="GE", measure="stock")["total"] == 1
    assert get(api, "/facts", measure="flow", document="post/b.txt")["total"] == 2
    assert get(api, "/facts", since="2022-09-30")["total"] == 1  # the stock of Oct 1
    assert get(api, "/facts", until="2022-09-20")["total"] == 0
    assert get(api, "/facts", q="upper lars")["total"] == 2
    one = get(api, "/facts", q="Nearly 98,000")["items"][0]
    assert one["qualifier"] == "nearly" and one["high"] == 98000 and one["review"] is None
    assert get(api, f"/facts/{one['fact_uid']}") == one
    assert get(api, "/facts", status="unreviewed")["total"] == 8
    assert get(api, "/facts", status="rejected")["total"] == 0


# -- claims, conflicts, corridors, timelines, alerts ----------------------------------------


def test_claims_hold_their_reports_merge_reasons_and_conflicts(api: TestClient) -> None:
    page = get(api, "/claims")
    assert page["total"] == 5  # the copy's two facts are not counted
    ministry, mp = kz_claims(api)
    assert [r["document"] for r in ministry["reports"]] == ["wire/a.txt", "post/b.txt"]
    assert ministry["copies"] == ["mirror/a.txt"]
    assert ministry["reports"][0]["merge_reason"] == "first report"
    assert "same source 'Kazakh interior ministry'" in ministry["reports"][1]["merge_reason"]
    assert all(len(r["fact_uid"]) == 64 for r in ministry["reports"])
    assert ministry["conflicting"] and ministry["conflicts_with"] == [mp["id"]]
    assert get(api, f"/claims/{mp['id']}") == mp
    error_of(api.get(f"{PREFIX}/claims/nope"), 404, "NOT_FOUND")
    (conflict,) = get(api, "/conflicts")["items"]
    assert {conflict["a"]["id"], conflict["b"]["id"]} == {ministry["id"], mp["id"]}
    assert get(api, "/conflicts", origin="RU", destination="GE")["total"] == 0


def test_claims_filters_and_pages(api: TestClient) -> None:
    def ids(**params: Any) -> list[str]:
        return [c["id"] for c in get(api, "/claims", **params)["items"]]

    every = ids()
    assert ids(limit=2, offset=1) == every[1:3]
    assert get(api, "/claims", limit=2)["total"] == 5
    assert len(ids(destination="GE")) == 3 and len(ids(origin="RUS")) == 5
    assert ids(destination="GE", measure="stock") == [
        c["id"] for c in get(api, "/claims", measure="stock")["items"]
    ]
    assert len(ids(conflicting=True)) == 2 and len(ids(conflicting=False)) == 3
    assert len(ids(q="local mp")) == 1 and len(ids(q="wire.example")) == 0
    assert len(ids(document="post/b.txt")) == 2
    uid = uid_of(api, "Around 200,000")
    assert ids(fact_uid=uid) == [c["id"] for c in kz_claims(api)[1:]]
    assert len(ids(since="2022-09-30")) == 1  # the stock
    assert len(ids(until="2022-09-26")) == 3  # the three totals starting on Sept 21


def test_corridors_timelines_and_alerts(api: TestClient) -> None:
    corridors = get(api, "/corridors")["items"]
    assert [(c["origin"]["country"], c["destination"]["country"]) for c in corridors] == [
        ("RU", "KZ"), ("RU", "GE")
    ] or len(corridors) == 2  # fmt: skip
    assert get(api, "/corridors", destination="Georgia")["total"] == 1
    kz = get(api, "/corridors/RU/KZ/timeline")
    assert kz["latest"]["cumulative"] == 98000 and kz["latest"]["high"] == 200000
    assert kz["points"][0]["date"] == "2022-09-21" and kz["points"][-1]["date"] == "2022-09-27"
    assert kz == get(api, "/corridors/RUS/Kazakhstan/timeline")
    clipped = get(api, "/corridors/RU/KZ/timeline", since="2022-09-25", until="2022-09-26")
    assert [p["date"] for p in clipped["points"]] == ["2022-09-25", "2022-09-26"]
    ge = get(api, "/corridors/RU/GE/timeline")
    assert [s["value"] for s in ge["stocks"]] == [30000]
    error_of(api.get(f"{PREFIX}/corridors/RU/FI/timeline"), 404, "NOT_FOUND")
    alerts = get(api, "/alerts")
    assert alerts["total"] == 6 and {a["period"] for a in alerts["items"]} == {"week", "month"}
    assert get(api, "/alerts", period="month")["total"] == 2
    assert get(api, "/alerts", destination="KZ", period="month")["items"][0]["flow"] == 98000
    assert get(api, "/alerts", quarter=50000, period="quarter")["total"] == 2
    assert get(api, "/alerts", week=1e9, month=1e9)["total"] == 0
    assert get(api, "/alerts", since="2022-09-26", period="week")["total"] == 2


# -- the token ----------------------------------------------------------------------------------


def _writes(api: TestClient) -> list[tuple[str, str]]:
    """Every write the schema declares, as (method, path) with a made-up fact_uid."""
    paths = api.get("/openapi.json").json()["paths"]
    return [
        (method.upper(), path.replace("{fact_uid}", "f" * 64))
        for path, operations in paths.items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    ]


def test_every_write_without_the_right_token_is_401_and_nothing_changes(api: TestClient) -> None:
    writes = _writes(api)
    assert len(writes) == 6
    for method, path in writes:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
            response = api.request(method, path, headers=headers, json=WHO)
            error_of(response, 401, "UNAUTHORIZED")
            assert response.headers["www-authenticate"] == "Bearer"
    assert get(api, "/status")["generation"] == {"documents": 5, "reviews": 0}
    assert get(api, "/audit")["total"] == 0


def test_without_a_token_every_write_is_refused_and_reads_stay_open(make_client: Client) -> None:
    api = make_client(token=None)
    assert get(api, "/status")["writes"] is False
    for method, path in _writes(api):
        message = error_of(
            api.request(method, path, headers=AUTH, json=WHO), 403, "WRITES_DISABLED"
        )
        assert "EXODUS_TOKEN" in message


def test_protected_reads_need_the_token(make_client: Client) -> None:
    api = make_client(protect_reads=True)
    error_of(api.get(f"{PREFIX}/claims"), 401, "UNAUTHORIZED")
    error_of(
        api.get(f"{PREFIX}/facts", headers={"Authorization": "Bearer nope"}), 401, "UNAUTHORIZED"
    )
    assert api.get(f"{PREFIX}/claims", headers=AUTH).status_code == 200
    from exodus.errors import ExodusError

    with pytest.raises(ExodusError, match="needs a token"):
        make_client(protect_reads=True, token=None)


# -- review through the API ---------------------------------------------------------------------


def test_a_correction_changes_claims_and_the_timeline(api: TestClient) -> None:
    before = get(api, "/corridors/RU/GE/timeline")
    assert before["latest"]["cumulative"] == 53000
    uid = uid_of(api, "More than 53,000")
    response = api.patch(
        f"{PREFIX}/facts/{uid}", headers=AUTH,
        json={**WHO, "changes": {"value": 63000, "low": 63000, "period_end": "2022-09-28"}},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    entry = response.json()
    assert entry["before"] == {"status": None, "value": 53000, "low": 53000,
                               "period_end": "2022-09-27"}  # fmt: skip
    assert entry["after"] == {"status": "corrected", "value": 63000, "low": 63000,
                              "period_end": "2022-09-28"}  # fmt: skip
    after = get(api, "/corridors/RU/GE/timeline")
    assert after["latest"]["cumulative"] == 63000 and after["latest"]["date"] == "2022-09-28"
    (claim,) = get(api, "/claims", fact_uid=uid)["items"]
    assert claim["value"] == 63000 and claim["period_end"] == "2022-09-28"
    fact = get(api, f"/facts/{uid}")
    assert fact["review"]["status"] == "corrected" and fact["review"]["reviewer"] == "ana"
    assert fact["review"]["extracted"]["value"] == 53000
    assert get(api, "/audit", fact_uid=uid)["items"] == [entry]
    # bad corrections: the field, a code, nothing recorded
    message = error_of(
        api.patch(f"{PREFIX}/facts/{uid}", headers=AUTH, json={**WHO, "changes": {"rate": "hourly"}}),
        422, "INVALID_CORRECTION",
    )  # fmt: skip
    assert message.startswith("rate:")
    error_of(api.patch(f"{PREFIX}/facts/{uid}", headers=AUTH,
                       json={**WHO, "changes": {"colour": "red"}}), 422, "VALIDATION")  # fmt: skip
    error_of(api.patch(f"{PREFIX}/facts/{uid}", headers=AUTH, json={"changes": {"value": 1}}),
             422, "VALIDATION")  # fmt: skip
    assert get(api, "/audit")["total"] == 1


def test_reject_accept_split_and_merge_through_the_api(api: TestClient) -> None:
    ministry, mp = kz_claims(api)
    rejected = uid_of(api, "Around 200,000")
    r = api.post(f"{PREFIX}/facts/{rejected}/reject", headers=AUTH, json=WHO)
    assert r.status_code == 201 and r.json()["after"] == {"status": "rejected"}
    assert [c["id"] for c in kz_claims(api)] == [ministry["id"]]
    assert not kz_claims(api)[0]["conflicting"]
    assert get(api, "/corridors/RU/KZ/timeline")["latest"]["high"] < 200000
    assert get(api, "/facts", destination="KZ")["total"] == 3
    assert get(api, f"/facts/{rejected}")["review"]["status"] == "rejected"
    r = api.post(f"{PREFIX}/facts/{rejected}/accept", headers=AUTH, json=WHO)
    assert r.status_code == 201 and len(kz_claims(api)) == 2
    second = ministry["reports"][1]["fact_uid"]
    r = api.post(f"{PREFIX}/facts/{second}/split", headers=AUTH, json=WHO)
    assert r.status_code == 201 and r.json()["before"]["claim"] == ministry["id"]
    claims = kz_claims(api)
    assert len(claims) == 3 and all(len(c["reports"]) == 1 for c in claims)
    split = next(c for c in claims if c["reports"][0]["fact_uid"] == second)
    assert split["reports"][0]["merge_reason"].startswith("first report; reviewed split by ana")
    r = api.post(f"{PREFIX}/claims/merge", headers=AUTH,
                 json={**WHO, "claims": [ministry["id"], mp["id"]]})  # fmt: skip
    assert r.status_code == 201, r.text
    merged = get(api, f"/claims/{ministry['id']}")
    assert len(merged["reports"]) == 2 and "reviewed merge" in merged["reports"][1]["merge_reason"]
    ge = get(api, "/claims", destination="GE", measure="flow", limit=1)["items"][0]
    error_of(api.post(f"{PREFIX}/claims/merge", headers=AUTH,
                      json={**WHO, "claims": [ministry["id"], ge["id"]]}), 422, "MERGE_MISMATCH")  # fmt: skip
    error_of(api.post(f"{PREFIX}/claims/merge", headers=AUTH,
                      json={**WHO, "claims": [ministry["id"], "nope"]}), 404, "NOT_FOUND")  # fmt: skip
    copy = uid_of(api, "About 98,000", "mirror/a.txt")
    error_of(api.post(f"{PREFIX}/facts/{copy}/split", headers=AUTH, json=WHO), 422, "NOT_IN_CLAIM")
    audit = get(api, "/audit")
    assert [e["action"] for e in audit["items"]] == ["merge", "split", "accept", "reject"]
    assert get(api, "/review") == {
        "facts": {"unreviewed": 7, "accepted": 1, "rejected": 0, "corrected": 0},
        "pins": {"split": 1, "merge": 2},
        "audit": 4,
    }


def test_a_review_from_another_process_reaches_the_running_api(
    api: TestClient, filled: str
) -> None:
    uid = uid_of(api, "Around 200,000")
    assert len(kz_claims(api)) == 2
    cmd = [sys.executable, "-m", "exodus", "review", "reject", uid, "--db", filled,
           "--reviewer", "cli", "--why", "an MP's guess"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["after"] == {"status": "rejected"}
    assert len(kz_claims(api)) == 1
    assert get(api, "/audit")["items"][0]["reviewer"] == "cli"


# -- uploads ------------------------------------------------------------------------------------


def test_upload_ingests_like_the_cli_with_rejections_and_idempotency(api: TestClient) -> None:
    files = [
        ("files", ("wire.txt", WIRE.encode(), "text/plain")),
        ("files", ("../../etc/photo.png", b"\x89PNG\r\n", "image/png")),
        ("files", ("empty.txt", b"   ", "text/plain")),
    ]
    r = api.post(f"{PREFIX}/documents", headers=AUTH, files=files,
                 data={"published": "2022-09-27"})  # fmt: skip
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["read"], body["stored"], body["known"]) == (3, 1, 0)
    assert body["rejected"] == {"BINARY": 1, "EMPTY": 1}
    wire, photo, empty = body["files"]
    assert wire["outcome"] == "stored" and wire["facts"] >= 2 and wire["source"] == "wire.txt"
    assert photo["source"] == "photo.png" and photo["rejection"]["code"] == "BINARY"
    assert empty["rejection"]["code"] == "EMPTY"
    doc = get(api, f"/documents/{wire['content_hash']}")
    assert doc["published"] == "2022-09-27" and len(doc["facts"]) == wire["facts"]
    assert get(api, "/claims", document="wire.txt")["total"] >= 1  # the cache saw the upload
    again = api.post(f"{PREFIX}/documents", headers=AUTH, files=files[:1]).json()
    assert (again["stored"], again["known"], again["files"][0]["outcome"]) == (0, 1, "known")
    assert get(api, "/documents")["total"] == 6


def test_uploads_too_large_are_refused(make_client: Client) -> None:
    api = make_client(max_upload_bytes=1000, max_bytes=100)
    big = [("files", ("big.txt", b"x" * 2000, "text/plain"))]
    message = error_of(api.post(f"{PREFIX}/documents", headers=AUTH, files=big), 413, "TOO_LARGE")
    assert "max_upload_bytes" in message
    # a file above max_bytes inside an upload is rejected like on the command line
    r = api.post(f"{PREFIX}/documents", headers=AUTH,
                 files=[("files", ("long.txt", WIRE.encode(), "text/plain"))])  # fmt: skip
    assert r.status_code == 200 and r.json()["rejected"] == {"TOO_LARGE": 1}
    error_of(api.post(f"{PREFIX}/documents", headers=AUTH, data={"published": "2022-09-27"}),
             422, "VALIDATION")  # fmt: skip


# -- exports ------------------------------------------------------------------------------------


def test_exports_come_in_every_format_with_reviews_applied(api: TestClient) -> None:
    import csv
    import io
    import zipfile

    r = api.get(f"{PREFIX}/exports/csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="exodus-figures.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == int(r.headers["x-exodus-rows"]) == 8
    assert {row["fact_id"] for row in rows} == {
        f["fact_uid"] for f in get(api, "/facts", limit=100)["items"]
    }
    assert sum(corpus.SCRIPT in row["excerpt"] for row in rows) == 1  # article text, as text
    hxl = api.get(f"{PREFIX}/exports/hxl").text.splitlines()
    assert hxl[1].startswith("#meta+id")
    jsonl = [
        json.loads(line)
        for line in api.get(
            f"{PREFIX}/exports/jsonl", params={"destination": "KZ"}
        ).text.splitlines()
    ]
    assert len(jsonl) == 4 and all(line["destination"]["country"] == "KZ" for line in jsonl)
    geo = api.get(f"{PREFIX}/exports/geojson").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    parquet = zipfile.ZipFile(io.BytesIO(api.get(f"{PREFIX}/exports/parquet").content))
    assert sorted(parquet.namelist()) == ["claims.parquet", "facts.parquet", "reports.parquet"]
    flee = zipfile.ZipFile(io.BytesIO(api.get(f"{PREFIX}/exports/flee").content))
    assert any(name.endswith("data_layout.csv") for name in flee.namelist())
    # a rejected fact leaves the next export
    uid = uid_of(api, "Around 200,000")
    assert api.post(f"{PREFIX}/facts/{uid}/reject", headers=AUTH, json=WHO).status_code == 201
    after = list(csv.DictReader(io.StringIO(api.get(f"{PREFIX}/exports/csv").text)))
    assert len(after) == 7 and uid not in {row["fact_id"] for row in after}
    error_of(api.get(f"{PREFIX}/exports/xlsx"), 422, "VALIDATION")
    error_of(api.get(f"{PREFIX}/exports/csv", params={"since": "2022-10-01", "until": "2022-09-01"}),
             422, "FILTER")  # fmt: skip
    error_of(api.get(f"{PREFIX}/exports/csv", params={"origin": "Atlantis"}), 422, "FILTER")


# -- the CLI and the API answer alike -------------------------------------------------------------


def test_the_cli_and_the_api_give_the_same_answers(api: TestClient, filled: str) -> None:
    from typer.testing import CliRunner

    from exodus.cli import app

    runner = CliRunner()

    def cli(*args: str) -> Any:
        result = runner.invoke(app, [*args, "--db", filled, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert cli("claims", "--origin", "RU") == get(api, "/claims", origin="RU", limit=500)["items"]
    assert cli("corridors") == get(api, "/corridors")["items"]
    assert cli("timeline", "RU", "KZ") == get(api, "/corridors/RU/KZ/timeline")
    assert cli("alerts", "--week", "20000") == get(api, "/alerts", week=20000)["items"]
    assert cli("facts", "--destination", "GE") == get(api, "/facts", destination="GE")["items"]


# -- exodus serve ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_exodus_serve_answers_on_loopback_and_stops(filled: str) -> None:
    import http.client
    import os
    import signal
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "EXODUS_TOKEN": TOKEN}
    cmd = [sys.executable, "-m", "exodus", "serve", "--db", filled, "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", f"{PREFIX}/corridors/RU/KZ/timeline")
                response = conn.getresponse()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert response.status == 200
        assert json.loads(response.read())["latest"]["cumulative"] == 98000
        conn.request("POST", f"{PREFIX}/facts/{'f' * 64}/reject", json.dumps(WHO),
                     {"Content-Type": "application/json"})  # fmt: skip
        refused = conn.getresponse()
        assert (
            refused.status == 401 and json.loads(refused.read())["error"]["code"] == "UNAUTHORIZED"
        )
        conn.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode is not None
    assert "writes need the bearer token" in (server.stderr.read() if server.stderr else "")
