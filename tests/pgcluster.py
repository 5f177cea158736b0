"""A throwaway PostgreSQL cluster for the tests, and fresh databases on it.

:func:`throwaway_cluster` runs ``initdb`` into a temporary folder and ``pg_ctl start`` on a free
port on 127.0.0.1 (its unix socket in the same folder), creates a role that may create databases,
and stops and deletes the cluster when the ``with`` block ends, even on failure.  PostgreSQL
refuses to run as root, so as root the folder is handed to the ``postgres`` user and the server
binaries run under ``runuser -u postgres --``.  Debian's binaries live in
``/usr/lib/postgresql/<version>/bin`` (not on PATH); :func:`find_bindir` picks the newest.

:class:`PgServer` is what the tests use: a maintenance URL, and :meth:`PgServer.create_database` /
:meth:`PgServer.drop_database` for one database per test.  ``EXODUS_TEST_PG_URL`` (see
``conftest.py``) makes a :class:`PgServer` of an existing server instead; its role needs CREATEDB.

The cluster is for tests only: fsync is off (the tests kill clients, never the server).  SIGTERM
to the test process becomes a KeyboardInterrupt while the cluster runs, so pytest still tears it
down; and a watchdog process stops and deletes it if the test process dies without tearing down
(SIGKILL), then exits.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
import sqlalchemy as sa
from psycopg import sql

DEBIAN_ROOT = "/usr/lib/postgresql"
ROLE = "exodus_test"
# every test database runs in a zone far from UTC, so a timestamp read back in the server's zone
# instead of UTC cannot pass unnoticed
TEST_TIMEZONE = "Asia/Kathmandu"


def find_bindir(root: str = DEBIAN_ROOT) -> Path | None:
    """The newest ``<root>/<version>/bin`` holding initdb and pg_ctl, None when there is none."""
    found: list[tuple[float, Path]] = []
    for pg_ctl in glob.glob(os.path.join(root, "*", "bin", "pg_ctl")):
        bindir = Path(pg_ctl).parent
        if not (bindir / "initdb").exists():
            continue
        try:
            version = float(bindir.parent.name)
        except ValueError:
            continue
        found.append((version, bindir))
    return max(found)[1] if found else None


def missing_prerequisite(bindir: Path | None) -> str | None:
    """What this machine lacks to start a cluster, or None when nothing is missing."""
    if bindir is None:
        return f"PostgreSQL (initdb and pg_ctl under {DEBIAN_ROOT}/<version>/bin)"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "the postgres user (PostgreSQL refuses to run as root)"
        if shutil.which("runuser") is None:
            return "runuser (to run PostgreSQL as the postgres user)"
    return None


@dataclass(frozen=True)
class PgServer:
    """A PostgreSQL server the tests may create databases on.

    ``url`` is a SQLAlchemy URL (``postgresql+psycopg://``) for a role with CREATEDB, pointing at
    a maintenance database (``postgres``).
    """

    url: str

    def url_for(self, database: str) -> str:
        """The URL of ``database`` on this server, with the same role and password."""
        return sa.make_url(self.url).set(database=database).render_as_string(hide_password=False)

    def create_database(self, prefix: str = "exodus_t") -> str:
        """A new empty database (in :data:`TEST_TIMEZONE`); returns its name."""
        name = f"{prefix}_{secrets.token_hex(6)}"
        with self._admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET timezone = {}").format(
                    sql.Identifier(name), sql.Literal(TEST_TIMEZONE)
                )
            )
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing any connection left open on it (a killed client's)."""
        with self._admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    @contextmanager
    def _admin(self) -> Iterator[psycopg.Connection]:
        url = sa.make_url(self.url)
        with psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            dbname=url.database or "postgres",
            autocommit=True,
            connect_timeout=10,
        ) as conn:
            yield conn


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Cluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0
        self.folder = Path(tempfile.mkdtemp(prefix="exodus-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.started = False
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)

    def run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / tool), *args]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{log}"
            )
        return done

    def init(self) -> None:
        self.run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions",
        )  # fmt: skip

    def start(self) -> int:
        """Start on a free port (retrying when another process takes it first); returns it."""
        for attempt in range(5):
            port = free_port()
            options = (
                f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
            )
            try:
                self.run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data),
                         "-l", str(self.log), "-o", options)  # fmt: skip
            except RuntimeError:
                if attempt == 4:
                    raise
                time.sleep(0.2)
                continue
            self.started = True
            return port
        raise AssertionError("unreachable")  # pragma: no cover

    def create_role(self, port: int, password: str) -> None:
        with psycopg.connect(
            host=str(self.folder), port=port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN CREATEDB PASSWORD {}").format(
                    sql.Identifier(ROLE), sql.Literal(password)
                )
            )

    def watch(self) -> subprocess.Popen[bytes]:
        """A process that stops and deletes the cluster if this one dies first (see __main__)."""
        cmd = [sys.executable, __file__, "--watch", str(os.getpid()), str(self.folder),
               str(self.bindir), "1" if self.as_postgres else "0"]  # fmt: skip
        return subprocess.Popen(cmd, start_new_session=True, stdin=subprocess.DEVNULL)

    def stop_and_delete(self) -> None:
        try:
            if self.started or (self.data / "postmaster.pid").exists():
                self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", "60")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[PgServer]:
    """A new cluster on 127.0.0.1 for the duration of the block; stopped and deleted after."""
    cluster = _Cluster(bindir)
    watchdog = None
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        cluster.init()
        watchdog = cluster.watch()
        port = cluster.start()
        password = secrets.token_urlsafe(12)
        cluster.create_role(port, password)
        url = sa.URL.create(
            "postgresql+psycopg",
            username=ROLE,
            password=password,
            host="127.0.0.1",
            port=port,
            database="postgres",
        )
        yield PgServer(url.render_as_string(hide_password=False))
    finally:
        try:
            cluster.stop_and_delete()
        finally:
            if watchdog is not None:  # it sees the folder gone and exits
                with suppress(subprocess.TimeoutExpired):
                    watchdog.wait(timeout=10)
            if previous is signal.SIG_DFL:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _watch(pid: int, folder: Path, bindir: Path, as_postgres: bool) -> None:
    """Wait until ``pid`` dies or ``folder`` is gone; in the first case stop and delete it."""
    while folder.exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        return
    cmd = [str(bindir / "pg_ctl"), "stop", "-D", str(folder / "data"), "-m", "immediate", "-w"]
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    if (folder / "data" / "postmaster.pid").exists():
        subprocess.run(cmd, capture_output=True, timeout=60, cwd="/")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__" and sys.argv[1:2] == ["--watch"]:
    _watch(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5] == "1")
