"""What differs between SQLite and PostgreSQL, kept in one place.

* **URLs**: ``sqlite:///file.db``, ``sqlite://`` (in memory), ``postgresql+psycopg://...``;
  ``postgresql://`` and ``postgres://`` mean psycopg 3, the one PostgreSQL driver shipped.  Any
  other backend or driver is refused with ``STORE_URL``.  :func:`redact_url` hides the password
  wherever a URL is shown.
* **Engines**: SQLite gets WAL, ``synchronous=NORMAL``, foreign keys, a busy timeout and explicit
  ``BEGIN`` (``BEGIN IMMEDIATE`` for writes, so writers queue instead of failing).  PostgreSQL
  gets a connect timeout, an application name and pre-ping; transactions are READ COMMITTED, where
  an ``INSERT ... ON CONFLICT DO NOTHING`` on a key another transaction is inserting waits for that
  transaction and then skips: two writers of the same document store it once.
* **Insert-or-ignore**: ``ON CONFLICT DO NOTHING`` through each dialect's own ``insert``.
* **Text**: PostgreSQL cannot store NUL characters in text or JSONB; :func:`portable_row` writes
  U+FFFD in their place there (one character for one, so offsets stay right).
* **Errors**: :func:`describe_error` turns a driver error into a reason code and one line:
  ``STORE_AUTH`` (wrong password, unknown role), ``STORE_UNREACHABLE`` (no server at that address),
  ``STORE_NO_DATABASE`` (the server has no such database), else ``STORE``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from exodus.errors import StoreError

BUSY_TIMEOUT_S = 30  # SQLite: how long a writer waits for another
CONNECT_TIMEOUT_S = 10  # PostgreSQL: how long to wait for a server that does not answer
WRITE_OPTION = "exodus_write"  # execution option: this connection's transactions write

PG_DRIVER = "postgresql+psycopg"
_PG_SCHEMES = {"postgresql", "postgres", "postgresql+psycopg"}


def parse_url(url: str) -> sa.URL:
    """The SQLAlchemy URL to open for ``url``; ``postgresql://`` becomes psycopg 3.

    Raises ``StoreError`` (``STORE_URL``) for a malformed URL or a backend Exodus does not run on.
    """
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in _PG_SCHEMES:
        url = PG_DRIVER + url[len(scheme) :]
    if url.partition("://")[2].partition("?")[0].count("@") > 1:
        raise StoreError(
            f"not a database URL: {redact_url(url)} (more than one '@': write an '@' in the"
            " password as %40)",
            "STORE_URL",
        )
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise StoreError(
            f"not a database URL: {redact_url(url)} ({_first_line(exc)})", "STORE_URL"
        ) from None
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", PG_DRIVER):
        raise StoreError(
            f"unsupported database {parsed.drivername!r} in {redact_url(url)}: use"
            " sqlite:///file.db or postgresql+psycopg://user:password@host:port/database",
            "STORE_URL",
        )
    return parsed


def is_sqlite(url: sa.URL) -> bool:
    return url.get_backend_name() == "sqlite"


def create_engine(url: sa.URL) -> Engine:
    """An engine configured for its backend (see the module docstring)."""
    if is_sqlite(url):
        _make_parent(url.database)
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        _configure_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in url.query:
        connect_args["application_name"] = "exodus"
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def redact_url(url: str | sa.URL) -> str:
    """``url`` with its password shown as ``***``, even when it does not parse.

    Everything between the user name and the last ``@`` is the password, so a password with an
    unescaped ``@`` or ``/`` is hidden whole.
    """
    if isinstance(url, sa.URL):
        return url.render_as_string(hide_password=True)
    scheme, sep, rest = url.partition("://")
    at = rest.rfind("@")
    if not sep or at < 0 or ":" not in rest[:at]:
        return url
    user = rest[:at].split(":", 1)[0]
    return f"{scheme}://{user}:***{rest[at:]}"


def scrub_password(text: str, url: sa.URL) -> str:
    """``text`` with any occurrence of ``url``'s password replaced by ``***``."""
    return text.replace(url.password, "***") if url.password else text


# -- writing ----------------------------------------------------------------------------------


def insert_ignoring(conn: Connection, table: sa.Table, *keys: str) -> Any:
    """INSERT that silently skips rows colliding on the unique ``keys``."""
    name = conn.dialect.name
    if name == "sqlite":
        stmt: Any = sqlite.insert(table)
    elif name == "postgresql":
        stmt = postgresql.insert(table)
    else:  # pragma: no cover - parse_url lets no other backend through
        raise StoreError(f"unsupported database: {name}")
    return stmt.on_conflict_do_nothing(index_elements=list(keys))


def portable_row(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` as this backend can store it: on PostgreSQL, NUL characters become U+FFFD."""
    if conn.dialect.name != "postgresql":
        return row
    return {k: _without_nul(v) for k, v in row.items()}


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, list | tuple):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


# -- errors -----------------------------------------------------------------------------------

_AUTH = re.compile(
    r"password authentication failed|authentication failed|no password supplied"
    r"|role \S+ does not exist|no pg_hba\.conf entry",
    re.I,
)
_NO_DATABASE = re.compile(r"database \S+ does not exist", re.I)
_UNREACHABLE = re.compile(
    r"connection refused|could not connect|could not translate host name|failed to resolve host"
    r"|timeout expired|network is unreachable|no route to host|name or service not known"
    r"|socket .* no such file or directory|server closed the connection unexpectedly",
    re.I,
)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """A reason code and one line of text for a database error (the driver's first line)."""
    text = _first_line(exc)
    text = re.sub(r"^connection failed:\s*", "", text)
    if _AUTH.search(text):
        return "STORE_AUTH", text
    if _NO_DATABASE.search(text):
        return "STORE_NO_DATABASE", text
    if _UNREACHABLE.search(text):
        return "STORE_UNREACHABLE", text
    return "STORE", text


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return re.sub(r"\s+", " ", text.splitlines()[0]) if text else type(exc).__name__


# -- SQLite -----------------------------------------------------------------------------------


def _make_parent(database: str | None) -> None:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, synchronous=NORMAL, foreign keys, busy timeout; SQLAlchemy emits BEGIN itself.

    The sqlite3 driver's own transaction handling does not BEGIN before DDL or SELECT, so it is
    turned off and every transaction starts with an explicit BEGIN (the documented recipe).
    """

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            # switching a new file to WAL needs a lock the busy handler does not always wait
            # for: two writers opening the same new database at once retry instead of failing
            for attempt in range(50):
                try:
                    cur.execute("PRAGMA journal_mode=WAL")
                    break
                except sqlite3.OperationalError:
                    if attempt == 49:
                        raise
                    time.sleep(0.05 * (attempt + 1))
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
        finally:
            cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
