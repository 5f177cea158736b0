"""One settings object.

Precedence, lowest to highest: package defaults < config file < environment < command-line flags.

* Config file: ``$EXODUS_CONFIG`` if set, else ``<config dir>/config.toml`` where the config dir is
  ``$XDG_CONFIG_HOME/exodus`` (default ``~/.config/exodus``).  Keys are the field names below.
* Environment: ``EXODUS_DB``, ``EXODUS_DATA_DIR``, ``EXODUS_CACHE_DIR``, ``EXODUS_MAX_BYTES``,
  ``EXODUS_SPACY_MODEL``; for ``exodus serve`` also ``EXODUS_TOKEN`` (the bearer token writes
  need; without one the API refuses every write), ``EXODUS_PROTECT_READS`` (``1``/``true``: reads
  need the token too) and ``EXODUS_MAX_UPLOAD_BYTES`` (the largest upload request).
* Flags: whatever the CLI passes to :func:`load_settings` as overrides.

The default database is ``<data dir>/exodus.db`` with the data dir ``$XDG_DATA_HOME/exodus``
(default ``~/.local/share/exodus``).  The gazetteer index is built once into the cache dir,
``$XDG_CACHE_HOME/exodus`` (default ``~/.cache/exodus``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "EXODUS_"


def _xdg(var: str, fallback: str) -> Path:
    base = os.environ.get(var)
    return Path(base) if base else Path.home() / fallback


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    cache_dir: Path
    db: str  # SQLAlchemy URL or a plain file path
    max_bytes: int = 10 * 1024 * 1024
    # "auto": the official en_core_web_sm when installed, else the pinned re-upload
    spacy_model: str = "auto"
    token: str | None = field(default=None, repr=False)  # the API's bearer token for writes
    protect_reads: bool = False  # the API's reads need the token too
    max_upload_bytes: int = 100 * 1024 * 1024

    @property
    def db_url(self) -> str:
        return normalise_db_url(self.db)


def normalise_db_url(db: str) -> str:
    """``sqlite:///x.db`` and ``postgresql://...`` pass through; a plain path becomes SQLite."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def default_settings() -> Settings:
    data_dir = _xdg("XDG_DATA_HOME", ".local/share") / "exodus"
    cache_dir = _xdg("XDG_CACHE_HOME", ".cache") / "exodus"
    return Settings(data_dir=data_dir, cache_dir=cache_dir, db=str(data_dir / "exodus.db"))


def config_file_path() -> Path:
    explicit = os.environ.get("EXODUS_CONFIG")
    if explicit:
        return Path(explicit)
    return _xdg("XDG_CONFIG_HOME", ".config") / "exodus" / "config.toml"


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _coerce(name: str, value: Any) -> Any:
    if name in ("data_dir", "cache_dir"):
        return Path(str(value)).expanduser()
    if name in ("max_bytes", "max_upload_bytes"):
        return int(value)
    if name == "protect_reads":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text not in _TRUE + _FALSE:
            raise ValueError(f"{name}: expected true or false, got {value!r}")
        return text in _TRUE
    return str(value)


def load_settings(**overrides: Any) -> Settings:
    """Settings from defaults, the config file, the environment and ``overrides`` (None = unset)."""
    settings = default_settings()
    names = [f.name for f in fields(Settings)]
    layered: dict[str, Any] = {}
    path = config_file_path()
    if path.is_file():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        layered.update({k: v for k, v in data.items() if k in names})
    for name in names:
        env = os.environ.get(ENV_PREFIX + name.upper())
        if env:
            layered[name] = env
    layered.update({k: v for k, v in overrides.items() if v is not None and k in names})
    changes = {k: _coerce(k, v) for k, v in layered.items()}
    if "data_dir" in changes and "db" not in changes:
        changes["db"] = str(Path(changes["data_dir"]) / "exodus.db")
    return replace(settings, **changes)
