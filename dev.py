#!/usr/bin/env python3
"""Set up Exodus in ./.venv and run something, on a machine with only Python 3.11+ and pip.

    python3 dev.py demo      # set up, then run the main job on the embedded sample corpus
    python3 dev.py test      # set up (with the dev tools), then lint, type-check and run every test
    python3 dev.py test --fast   # the same without the suites marked slow
    python3 dev.py setup     # set up only (add --dev for the test tools)

Set-up installs the locked, hash-checked requirements (requirements/*.txt) into .venv and Exodus
itself in editable mode.  It is skipped when the lock files have not changed since the last run.
It then fetches the dashboard's pinned npm files (the world map, topojson-client) when missing,
checking each tarball against its sha512 integrity (`exodus assets`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*cmd: str | Path, **kw: object) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"+ {printable}", flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)  # type: ignore[call-overload]


def setup(dev: bool) -> None:
    install(dev)
    fetch_assets()


def fetch_assets() -> None:
    """The dashboard's map and JavaScript files, pinned in src/exodus/serve/static/vendor.lock.json:
    downloaded from the npm registry and checked against their sha512 once (`exodus assets`);
    a quick check of the files in place afterwards."""
    done = subprocess.run([str(PY), "-m", "exodus.serve.assets", "--quiet"], cwd=ROOT)
    if done.returncode:
        sys.exit(
            "could not fetch the dashboard's files (see above); run `python3 dev.py setup` again"
        )


def install(dev: bool) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit(f"Exodus needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    locks = [ROOT / "requirements" / "main.txt"] + (
        [ROOT / "requirements" / "dev.txt"] if dev else []
    )
    digest = hashlib.sha256(
        b"".join(p.read_bytes() for p in locks) + (ROOT / "pyproject.toml").read_bytes()
    ).hexdigest()[:16]
    stamp = VENV / f".exodus-installed-{'dev-' if dev else ''}{digest}"
    if stamp.exists():
        return
    pip = [PY, "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
    run(*pip, "--require-hashes", "--no-deps", *[arg for p in locks for arg in ("-r", str(p))])
    run(*pip, "--no-deps", "--no-build-isolation", "-e", ".") if _has_setuptools() else run(
        *pip, "--no-deps", "-e", "."
    )
    for old in VENV.glob(".exodus-installed-*"):
        old.unlink()
    stamp.touch()


# Debian packages the tests need: a path that shows it is installed (globs allowed) -> package.
DEBIAN_PACKAGES = {
    "/usr/bin/chromium": "chromium",  # browser tests (Playwright drives Debian's chromium)
    "/usr/lib/postgresql/*/bin/pg_ctl": "postgresql",  # store and API tests on PostgreSQL
}


def ensure_debian_packages() -> None:
    """Install the Debian packages the tests need, when missing, with apt-get (as root).

    Without root or apt-get nothing is installed: the tests that need a package then skip with a
    reason locally and fail under CI=true, so CI cannot pass without them.
    """
    import glob
    import shutil

    missing = sorted({pkg for path, pkg in DEBIAN_PACKAGES.items() if not glob.glob(path)})
    if not missing:
        return
    if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(
            f"note: Debian packages {', '.join(missing)} are missing and cannot be installed"
            " here (needs root and apt-get); the tests that need them will skip",
            flush=True,
        )
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def _has_setuptools() -> bool:
    return subprocess.run([str(PY), "-c", "import setuptools"], capture_output=True).returncode == 0


def test(args: list[str]) -> int:
    setup(dev=True)
    ensure_debian_packages()
    fast = "--fast" in args
    rest = [a for a in args if a != "--fast"]
    run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "bench", "dev.py")
    run(BIN / "mypy")
    marker = ["-m", "not slow"] if fast else []
    code = subprocess.run([str(PY), "-m", "pytest", *marker, *rest], cwd=ROOT).returncode
    return code or quality_gate()


GATES = [  # (gold, split, floors): exodus eval fails when a figure drops below its floor
    ("src/exodus/samples", None, "eval/floors-samples.json"),
    ("eval", "devtest", "eval/floors-devtest.json"),
]


def quality_gate() -> int:
    """Run `exodus eval` with every floors file; non-zero when any floor is missed."""
    worst = 0
    for gold, split, floors in GATES:
        if not (ROOT / floors).exists():
            continue
        cmd = [str(BIN / "exodus"), "eval", gold, "--no-diffs", "--floors", floors]
        cmd += ["--split", split] if split else []
        print(f"+ {' '.join(cmd[1:])}", flush=True)
        worst = max(worst, subprocess.run(cmd, cwd=ROOT).returncode)
    return worst


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd, rest = argv[0], argv[1:]
    if cmd == "setup":
        setup(dev="--dev" in rest)
        return 0
    if cmd == "demo":
        setup(dev=False)
        return subprocess.run([str(BIN / "exodus"), "demo", *rest], cwd=ROOT).returncode
    if cmd == "test":
        return test(rest)
    if cmd == "exodus":
        setup(dev=False)
        return subprocess.run([str(BIN / "exodus"), *rest], cwd=ROOT).returncode
    print(f"unknown command {cmd!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
