"""The dashboard's third-party files: fetched from the npm registry at set-up, never at run time.

The dashboard draws its world map from Natural Earth boundaries (the ``world-atlas`` package's
TopoJSON) decoded by ``topojson-client``.  Neither is copied into the repository: the lock file
``exodus/serve/static/vendor.lock.json`` pins each package (name, version, the tarball's URL on
registry.npmjs.org and the registry's ``integrity``, a Subresource-Integrity sha512) and the few
files to take from it.  :func:`fetch_assets` downloads each tarball with urllib, refuses it unless
its hash matches, and extracts only the listed files into :func:`vendor_dir` (git-ignored), with a
``manifest.json`` holding each file's sha256.  ``python3 dev.py setup`` runs it (so does
``exodus assets``); the server only reads the files, and :func:`missing_assets` tells it what is
missing, so that it can say how to get it instead of reaching for the network.

This module uses the standard library only: ``python -m exodus.serve.assets`` runs it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from exodus.errors import AssetError

MANIFEST = "manifest.json"
TIMEOUT = 60  # seconds for one download
MAX_TARBALL = 50 * 1024 * 1024
Opener = Callable[[str], IO[bytes]]


@dataclass(frozen=True)
class VendorPackage:
    """One pinned npm package and the files the dashboard takes from its tarball
    (``files``: path in the tarball -> file name in the vendor folder)."""

    name: str
    version: str
    tarball: str
    integrity: str
    files: dict[str, str]
    license: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass
class AssetReport:
    """What :func:`fetch_assets` did: packages fetched, packages already in place, and where."""

    dest: Path
    fetched: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)


def static_dir() -> Path:
    """The dashboard's own files (HTML, CSS, JavaScript), shipped with the package."""
    return Path(str(resources.files("exodus").joinpath("serve", "static")))


def vendor_dir() -> Path:
    """Where the fetched files live: ``EXODUS_ASSETS_DIR`` when set, else ``static/vendor``
    inside the package (git-ignored)."""
    given = os.environ.get("EXODUS_ASSETS_DIR")
    return Path(given) if given else static_dir() / "vendor"


def read_lock(path: Path | None = None) -> list[VendorPackage]:
    """The pinned packages of the lock file (default: the packaged ``vendor.lock.json``)."""
    lock = path or static_dir() / "vendor.lock.json"
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        packages = [VendorPackage(**p) for p in data["packages"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssetError(f"cannot read the asset lock {lock}: {exc}", "ASSETS_LOCK") from exc
    for p in packages:
        for name in p.files.values():
            if not name or "/" in name or "\\" in name or name.startswith(".") or name == MANIFEST:
                raise AssetError(f"{p.label}: bad file name {name!r} in {lock}", "ASSETS_LOCK")
    return packages


def check_integrity(data: bytes, integrity: str) -> bool:
    """Whether ``data`` matches a Subresource-Integrity string (``sha512-<base64>``; sha384 and
    sha256 too; any one of several space-separated hashes)."""
    for item in integrity.split():
        algorithm, _sep, expected = item.partition("-")
        if algorithm not in ("sha256", "sha384", "sha512"):
            continue
        digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")
        if digest == expected:
            return True
    return False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(dest: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((dest / MANIFEST).read_text(encoding="utf-8"))
        return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def _in_place(package: VendorPackage, dest: Path, manifest: dict[str, Any]) -> bool:
    """Whether every file of ``package`` is in ``dest`` as fetched from this very tarball."""
    entry = manifest.get(package.name)
    if not isinstance(entry, dict) or entry.get("integrity") != package.integrity:
        return False
    hashes = entry.get("files", {})
    for name in package.files.values():
        try:
            if _sha256((dest / name).read_bytes()) != hashes.get(name):
                return False
        except OSError:
            return False
    return True


def missing_assets(dest: Path | None = None, lock: Path | None = None) -> list[str]:
    """The pinned packages whose files are not in ``dest`` (default :func:`vendor_dir`) as
    fetched (missing, changed, or from another version): empty when all is in place."""
    dest = dest or vendor_dir()
    manifest = _read_manifest(dest)
    return [p.label for p in read_lock(lock) if not _in_place(p, dest, manifest)]


def _download(package: VendorPackage, opener: Opener) -> bytes:
    try:
        with opener(package.tarball) as response:
            data = response.read(MAX_TARBALL + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise AssetError(
            f"cannot download {package.label} from {package.tarball}: {reason}"
            " (the dashboard's files come from the npm registry at set-up; run this once online)",
            "ASSETS_DOWNLOAD",
        ) from exc
    if len(data) > MAX_TARBALL:
        raise AssetError(f"{package.label}: the tarball is too large", "ASSETS_DOWNLOAD")
    if not check_integrity(data, package.integrity):
        raise AssetError(
            f"{package.label}: the tarball from {package.tarball} does not match its pinned"
            f" integrity {package.integrity[:19]}...: refused",
            "ASSETS_INTEGRITY",
        )
    return data


def _extract(package: VendorPackage, tarball: bytes) -> dict[str, bytes]:
    """The listed files of a verified tarball, by their name in the vendor folder."""
    out: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
            for member_name, name in package.files.items():
                member = tar.getmember(member_name)
                handle = tar.extractfile(member) if member.isfile() else None
                if handle is None:
                    raise KeyError(member_name)
                out[name] = handle.read()
    except KeyError as exc:
        raise AssetError(
            f"{package.label}: no file {exc} in its tarball", "ASSETS_PACKAGE"
        ) from exc
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise AssetError(f"{package.label}: unreadable tarball: {exc}", "ASSETS_PACKAGE") from exc
    return out


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; these are public files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _open_url(url: str) -> IO[bytes]:
    if not url.startswith("https://"):
        raise ValueError(f"only https:// URLs are fetched, not {url!r}")
    response: IO[bytes] = urllib.request.urlopen(url, timeout=TIMEOUT)
    return response


def fetch_assets(
    dest: Path | None = None,
    *,
    lock: Path | None = None,
    force: bool = False,
    opener: Opener = _open_url,
) -> AssetReport:
    """Download, verify and extract every pinned package not already in ``dest`` (default
    :func:`vendor_dir`); ``force`` fetches them all again.  A tarball whose hash does not match
    its pin is refused (``ASSETS_INTEGRITY``) and nothing of it is written.  Raises
    :class:`~exodus.errors.AssetError` (``ASSETS_DOWNLOAD``, ``ASSETS_INTEGRITY``,
    ``ASSETS_PACKAGE``, ``ASSETS_LOCK``, ``ASSETS_WRITE``)."""
    dest = dest or vendor_dir()
    report = AssetReport(dest)
    manifest = _read_manifest(dest)
    for package in read_lock(lock):
        if not force and _in_place(package, dest, manifest):
            report.present.append(package.label)
            continue
        files = _extract(package, _download(package, opener))
        try:
            dest.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                _write_atomic(dest / name, data)
            manifest[package.name] = {
                "version": package.version,
                "integrity": package.integrity,
                "tarball": package.tarball,
                "files": {name: _sha256(data) for name, data in files.items()},
            }
            text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
            _write_atomic(dest / MANIFEST, text.encode("utf-8"))
        except OSError as exc:
            raise AssetError(f"cannot write into {dest}: {exc}", "ASSETS_WRITE") from exc
        report.fetched.append(package.label)
    return report


def main(argv: list[str]) -> int:
    """``python -m exodus.serve.assets [--check] [--force] [--quiet]``."""
    quiet = "--quiet" in argv
    try:
        if "--check" in argv:
            missing = missing_assets()
            for label in missing:
                print(f"missing: {label} (run: exodus assets)", file=sys.stderr)
            return 1 if missing else 0
        report = fetch_assets(force="--force" in argv)
    except AssetError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if report.fetched or not quiet:
        done = ", ".join(report.fetched) or "nothing (all in place)"
        print(f"dashboard assets in {report.dest}: fetched {done}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
