"""Helpers for the dashboard's browser tests: a server on loopback and Debian's chromium.

* :func:`serving` runs ``exodus.serve.app.create_app`` under uvicorn in a thread, on a free port
  of 127.0.0.1, and stops it (and closes the store) on exit.
* :func:`launch_chromium` starts ``/usr/bin/chromium`` headless through Playwright (Playwright's
  own browser download is not used), with the flags a container needs and no background
  networking, so a test can tell that the page itself asks for nothing outside the server.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copy_sqlite(source_url: str, target: Path) -> str:
    """A writable copy of a SQLite store (the backup API: consistent even in WAL mode)."""
    source = sqlite3.connect(source_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return f"sqlite:///{target}"


@contextmanager
def serving(
    db_url: str, token: str | None = None, *, protect_reads: bool = False, timeout: float = 60.0
) -> Iterator[str]:
    """The dashboard and API over ``db_url`` on loopback; yields the base URL."""
    import uvicorn

    from exodus.serve.app import ServeSettings, create_app

    settings = ServeSettings.load(db=db_url, token=token, protect_reads=protect_reads)
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="exodus-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
