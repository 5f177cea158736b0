"""The dashboard's server side: the page and its files, their Content-Security-Policy, the
pinned third-party files (fetched at set-up, checked against their hash, never at run time) and
what the page is told besides the API.  The page in a browser: test_dashboard_browser.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import urllib.error
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

import pytest

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from exodus import review
from exodus.config import load_settings
from exodus.errors import AssetError
from exodus.serve import assets
from exodus.serve.app import DASHBOARD_CSP, create_app
from exodus.serve.dashboard import dashboard_meta

STATIC = assets.static_dir()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = load_settings(db=f"sqlite:///{tmp_path / 'dash.db'}", token="t")
    with TestClient(create_app(settings)) as c:
        yield c


# -- the page and its files ---------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_script = False
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_script = True


def test_the_page_is_served_with_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert csp == DASHBOARD_CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval, no other origin
    assert directives["connect-src"] == "'self'"
    assert directives["require-trusted-types-for"] == "'script'"
    assert directives["trusted-types"] == "'none'"  # no policy: innerHTML & co. always throw
    assert page.headers["x-content-type-options"] == "nosniff"
    # the API keeps its own, stricter policy
    assert (
        client.get("/api/v1/status")
        .headers["content-security-policy"]
        .startswith("default-src 'none'")
    )
    # what the page holds obeys it: scripts only from files, no inline handlers or styles
    parser = _Tags()
    parser.feed(page.text)
    assert not parser.inline_script
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        if tag == "script":
            assert str(attrs["src"]).startswith("/assets/")
        for a in ("src", "href"):
            if attrs.get(a):
                assert str(attrs[a]).startswith("/"), f"{tag} loads {attrs[a]} from elsewhere"


def test_every_file_the_page_names_is_served(client: TestClient) -> None:
    html = client.get("/").text
    named = set(re.findall(r'(?:src|href)="(/assets/app/[^"]+)"', html))
    modules = {f"/assets/app/js/{p.name}" for p in (STATIC / "js").glob("*.js")}
    for path in named | modules:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == DASHBOARD_CSP
    assert (
        client.get("/assets/app/js/main.js").headers["content-type"].startswith("text/javascript")
    )
    # every module another one imports exists
    for module in (STATIC / "js").glob("*.js"):
        for imported in re.findall(r'from "\./([\w.]+)"', module.read_text(encoding="utf-8")):
            assert (STATIC / "js" / imported).is_file(), f"{module.name} imports {imported}"


def test_scripts_put_text_into_the_page_never_markup() -> None:
    # the page's rule, kept by a check on the source: no HTML from strings anywhere
    sinks = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
    )
    for module in (STATIC / "js").glob("*.js"):
        source = module.read_text(encoding="utf-8")
        code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
        assert not sinks.search(code), f"{module.name} builds HTML from strings"


@pytest.mark.parametrize(
    "path",
    [
        "/assets/app/../dashboard.py",
        "/assets/app/js/../../dashboard.py",
        "/assets/app/%2e%2e/dashboard.py",
        "/assets/app/index.html",  # only js/, css/ and img/ are served there
        "/assets/app/vendor.lock.json",
        "/assets/app/js/missing.js",
        "/assets/vendor/..%2fvendor.lock.json",
    ],
)
def test_nothing_outside_the_dashboard_files_is_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] in ("NOT_FOUND", "ASSETS_MISSING")


def test_a_missing_vendor_file_is_a_clear_404(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXODUS_ASSETS_DIR", str(tmp_path / "none"))
    response = client.get("/assets/vendor/countries-110m.json")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "ASSETS_MISSING"
    assert "exodus assets" in error["message"]
    assert "countries-110m.json" in error["message"]


def test_the_dashboard_is_not_part_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert paths and all(p.startswith("/api/v1/") for p in paths)


def test_meta_names_countries_by_their_map_codes_and_the_review_fields(
    client: TestClient,
) -> None:
    meta = client.get("/assets/meta.json").json()
    assert meta == dashboard_meta()
    countries = meta["countries"]
    assert countries["643"] == {"iso2": "RU", "iso3": "RUS", "name": "Russia"}
    assert countries["268"]["iso2"] == "GE"
    assert countries["051"]["iso2"] == "AM"  # world-atlas keeps the leading zeros
    assert meta["choices"] == {k: list(v) for k, v in review.CHOICES.items()}
    fields = [*meta["choices"], *meta["numbers"], *meta["texts"], *meta["places"], *meta["dates"]]
    assert sorted(fields) == sorted(review.CORRECTABLE)


def test_exodus_serve_says_where_the_dashboard_is_and_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from exodus.cli import app

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.append(kw))
    monkeypatch.setenv("EXODUS_ASSETS_DIR", str(tmp_path / "empty"))
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    result = CliRunner().invoke(app, ["serve", "--db", db, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert served == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}]
    assert "Exodus dashboard on http://127.0.0.1:8123/" in result.output
    assert "ASSETS_MISSING" in result.output and "exodus assets" in result.output


@pytest.mark.parametrize(
    "relative", ["js/../../dashboard.py", "../vendor.lock.json", "js/../index.html", "/etc/passwd"]
)
def test_paths_out_of_the_served_folders_are_refused(relative: str) -> None:
    from exodus.serve.app import ApiError
    from exodus.serve.dashboard import app_file, vendor_file

    with pytest.raises(ApiError) as caught:
        app_file(relative)
    assert caught.value.status == 404
    with pytest.raises(ApiError):
        vendor_file(relative)
    assert Path(app_file("js/main.js").path).name == "main.js"


# -- the pinned third-party files ---------------------------------------------------------------


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _sri(data: bytes, algorithm: str = "sha512") -> str:
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


MAP = b'{"type": "Topology", "objects": {}}'
LIB = b"var topojson = {};"
TARBALLS = {
    "https://registry.example/maps/-/maps-1.0.0.tgz": _tarball(
        {"package/countries.json": MAP, "package/LICENSE": b"ISC", "package/big.json": b"x" * 999}
    ),
    "https://registry.example/lib/-/lib-2.0.0.tgz": _tarball({"package/dist/lib.min.js": LIB}),
}


class Registry:
    """Canned tarballs by URL; counts downloads."""

    def __init__(self, tarballs: dict[str, bytes]) -> None:
        self.tarballs = dict(tarballs)
        self.downloads: list[str] = []

    def __call__(self, url: str) -> IO[bytes]:
        self.downloads.append(url)
        if url not in self.tarballs:
            raise urllib.error.URLError("no route to host")
        return io.BytesIO(self.tarballs[url])


def _lock(tmp_path: Path, **changes: Any) -> Path:
    packages = [
        {
            "name": "maps",
            "version": "1.0.0",
            "tarball": "https://registry.example/maps/-/maps-1.0.0.tgz",
            "integrity": _sri(TARBALLS["https://registry.example/maps/-/maps-1.0.0.tgz"]),
            "files": {"package/countries.json": "countries.json", "package/LICENSE": "LICENSE"},
        },
        {
            "name": "lib",
            "version": "2.0.0",
            "tarball": "https://registry.example/lib/-/lib-2.0.0.tgz",
            "integrity": _sri(TARBALLS["https://registry.example/lib/-/lib-2.0.0.tgz"], "sha256"),
            "files": {"package/dist/lib.min.js": "lib.min.js"},
        },
    ]
    packages[0].update(changes)
    path = tmp_path / "vendor.lock.json"
    path.write_text(json.dumps({"packages": packages}), encoding="utf-8")
    return path


def test_fetch_verifies_and_extracts_only_the_listed_files(tmp_path: Path) -> None:
    lock, dest, registry = _lock(tmp_path), tmp_path / "vendor", Registry(TARBALLS)
    assert assets.missing_assets(dest, lock) == ["maps@1.0.0", "lib@2.0.0"]
    report = assets.fetch_assets(dest, lock=lock, opener=registry)
    assert report.fetched == ["maps@1.0.0", "lib@2.0.0"]
    assert sorted(p.name for p in dest.iterdir()) == [
        "LICENSE", "countries.json", "lib.min.js", "manifest.json",
    ]  # fmt: skip
    assert (dest / "countries.json").read_bytes() == MAP
    assert (dest / "lib.min.js").read_bytes() == LIB
    manifest = json.loads((dest / "manifest.json").read_text())
    assert manifest["maps"]["files"]["countries.json"] == hashlib.sha256(MAP).hexdigest()
    assert assets.missing_assets(dest, lock) == []
    # in place: nothing is downloaded again
    again = assets.fetch_assets(dest, lock=lock, opener=registry)
    assert (again.fetched, again.present) == ([], ["maps@1.0.0", "lib@2.0.0"])
    assert len(registry.downloads) == 2


def test_a_changed_file_or_a_new_pin_is_fetched_again(tmp_path: Path) -> None:
    lock, dest, registry = _lock(tmp_path), tmp_path / "vendor", Registry(TARBALLS)
    assets.fetch_assets(dest, lock=lock, opener=registry)
    (dest / "lib.min.js").write_bytes(b"alert('changed')")
    assert assets.missing_assets(dest, lock) == ["lib@2.0.0"]
    assets.fetch_assets(dest, lock=lock, opener=registry)
    assert (dest / "lib.min.js").read_bytes() == LIB
    newer = _tarball({"package/countries.json": b"{}", "package/LICENSE": b"ISC"})
    registry.tarballs["https://registry.example/maps/-/maps-1.1.0.tgz"] = newer
    lock = _lock(
        tmp_path,
        version="1.1.0",
        tarball="https://registry.example/maps/-/maps-1.1.0.tgz",
        integrity=_sri(newer),
    )
    assert assets.missing_assets(dest, lock) == ["maps@1.1.0"]
    assert assets.fetch_assets(dest, lock=lock, opener=registry).fetched == ["maps@1.1.0"]
    assert (dest / "countries.json").read_bytes() == b"{}"


def test_a_tarball_that_does_not_match_its_pin_is_refused(tmp_path: Path) -> None:
    dest = tmp_path / "vendor"
    tampered = dict(TARBALLS)
    tampered["https://registry.example/maps/-/maps-1.0.0.tgz"] = _tarball(
        {"package/countries.json": b'{"evil": true}', "package/LICENSE": b"ISC"}
    )
    with pytest.raises(AssetError) as caught:
        assets.fetch_assets(dest, lock=_lock(tmp_path), opener=Registry(tampered))
    assert caught.value.code == "ASSETS_INTEGRITY"
    assert "maps@1.0.0" in caught.value.message
    assert not (dest / "countries.json").exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"files": {"package/nothere.json": "x.json"}}, "ASSETS_PACKAGE"),
        ({"tarball": "https://registry.example/gone.tgz"}, "ASSETS_DOWNLOAD"),
        ({"files": {"package/LICENSE": "../LICENSE"}}, "ASSETS_LOCK"),
        ({"files": {"package/LICENSE": "manifest.json"}}, "ASSETS_LOCK"),
    ],
)
def test_fetch_errors_have_codes(tmp_path: Path, changes: dict[str, Any], code: str) -> None:
    with pytest.raises(AssetError) as caught:
        assets.fetch_assets(
            tmp_path / "vendor", lock=_lock(tmp_path, **changes), opener=Registry(TARBALLS)
        )
    assert caught.value.code == code


def test_only_https_is_fetched(tmp_path: Path) -> None:
    lock = _lock(tmp_path, tarball="file:///etc/passwd")
    with pytest.raises(AssetError) as caught:
        assets.fetch_assets(tmp_path / "vendor", lock=lock)
    assert caught.value.code == "ASSETS_DOWNLOAD"


def test_check_integrity() -> None:
    data = b"tarball bytes"
    assert assets.check_integrity(data, _sri(data))
    assert assets.check_integrity(data, _sri(data, "sha384"))
    assert assets.check_integrity(data, f"sha512-AAAA {_sri(data, 'sha256')}")
    assert not assets.check_integrity(data, _sri(b"other bytes"))
    assert not assets.check_integrity(data, f"md5-{base64.b64encode(b'x').decode()}")
    assert not assets.check_integrity(data, "")


def test_the_real_lock_pins_npm_tarballs_and_names_what_the_page_loads() -> None:
    packages = assets.read_lock()
    assert {p.name for p in packages} == {"topojson-client", "world-atlas"}
    for p in packages:
        assert p.tarball.startswith(f"https://registry.npmjs.org/{p.name}/-/")
        assert p.tarball.endswith(f"-{p.version}.tgz")
        assert p.integrity.startswith("sha512-")
    provided = {name for p in packages for name in p.files.values()}
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    scripts = "".join(p.read_text(encoding="utf-8") for p in (STATIC / "js").glob("*.js"))
    wanted = set(re.findall(r"/assets/vendor/([\w.-]+)", html + scripts))
    assert wanted and wanted <= provided


def test_exodus_assets_check_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from exodus.cli import app

    monkeypatch.setenv("EXODUS_ASSETS_DIR", str(tmp_path / "empty"))
    result = CliRunner().invoke(app, ["assets", "--check"])
    assert result.exit_code == 1
    assert "missing: world-atlas@" in result.output
    assert "exodus assets" in result.output
