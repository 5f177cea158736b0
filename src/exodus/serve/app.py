"""The REST API: a FastAPI application made by :func:`create_app`, everything under ``/api/v1``.

* **One error handler.**  Every error, whatever raised it (an unknown route, a bad parameter, a
  missing token, an unknown id, a database failure, a bug), comes back as
  ``{"error": {"code": ..., "message": ...}}`` with a stable code and a one-line message.
* **Writes need the token** (``Authorization: Bearer ...``, compared in constant time): 401
  without it or with a wrong one.  A server started without a token refuses every write (403
  ``WRITES_DISABLED``): never silently open.  Reads are open unless ``protect_reads`` is set.
* **Article text is data.**  Responses are JSON with ``<``, ``>`` and ``&`` escaped as
  ``\\u003c``..., ``X-Content-Type-Options: nosniff`` and a ``Content-Security-Policy`` that
  allows nothing, so a ``<script>`` in an article cannot run even if a browser opens the JSON.
* **Offline.**  The OpenAPI schema is at ``/openapi.json``; the interactive docs pages, which
  load scripts from a CDN, are switched off.  ``/`` is the dashboard (:mod:`exodus.serve.dashboard`).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from exodus import __version__
from exodus.config import Settings, load_settings
from exodus.errors import ExodusError, ExportError, NotFoundError, ReviewError, StoreError
from exodus.serve.cache import ConsolidationCache
from exodus.serve.encode import encode_json
from exodus.store import Store, open_store

PREFIX = "/api/v1"
UPLOAD_PATH = f"{PREFIX}/documents"
log = logging.getLogger("exodus.serve")

STATUS_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    411: "LENGTH_REQUIRED",
    413: "TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


class ApiError(Exception):
    """An error with its HTTP status, reason code and one-line message."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` escaped: the same data, never readable as markup."""

    def render(self, content: Any) -> bytes:
        return encode_json(content)


class EncodedJSON(Response):
    """A body already encoded by :mod:`exodus.serve.encode` (cached pages of a snapshot)."""

    media_type = "application/json"


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> SafeJSONResponse:
    """The one error shape: ``{"error": {"code": code, "message": message}}``."""
    line = " ".join(str(message).split()) or code
    return SafeJSONResponse({"error": {"code": code, "message": line}}, status, headers)


def _validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "invalid request"
    first = errors[0]
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "request"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}{more}"


async def handle_error(request: Request, exc: Exception) -> SafeJSONResponse:
    """The one error handler: every exception becomes the error shape with a stable code."""
    if isinstance(exc, ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)
    if isinstance(exc, RequestValidationError):
        return error_response(422, "VALIDATION", _validation_message(exc))
    if isinstance(exc, StarletteHTTPException):
        code = STATUS_CODES.get(exc.status_code, "HTTP_ERROR")
        return error_response(exc.status_code, code, str(exc.detail), exc.headers)
    if isinstance(exc, NotFoundError):
        return error_response(404, exc.code, exc.message)
    if isinstance(exc, ReviewError) or (isinstance(exc, ExportError) and exc.code == "FILTER"):
        return error_response(422, exc.code, exc.message)
    if isinstance(exc, ExportError):  # OUTPUT: the server could not write its own temporary files
        log.error("export error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(500, exc.code, "the export could not be written")
    if isinstance(exc, StoreError):
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(503, exc.code, "the database is not available")
    if isinstance(exc, ExodusError):
        return error_response(400, exc.code, exc.message)
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "INTERNAL", "internal error; the server log has the details")


# -- settings and access -----------------------------------------------------------------------


@dataclass(frozen=True)
class ServeSettings:
    """What the API needs: the general settings (database, limits, extractor) plus access."""

    settings: Settings

    @property
    def token(self) -> str | None:
        return self.settings.token or None

    @property
    def protect_reads(self) -> bool:
        return self.settings.protect_reads

    @staticmethod
    def load(**overrides: Any) -> ServeSettings:
        """Settings from defaults, config file, environment and ``overrides`` (None = unset):
        ``db``, ``token``, ``protect_reads``, ``max_bytes``, ``max_upload_bytes``..."""
        return ServeSettings(load_settings(**overrides))


_bearer = HTTPBearer(auto_error=False, description="The token set with --token or EXODUS_TOKEN.")


def access_error(token: str | None, credentials: str | None) -> ApiError | None:
    """Why a request with these bearer ``credentials`` may not write (None: it may).

    ``token`` is the server's; without one every write is refused (403 ``WRITES_DISABLED``);
    missing or wrong credentials are 401 ``UNAUTHORIZED``.  The comparison takes constant time.
    """
    if token is None:
        return ApiError(
            403,
            "WRITES_DISABLED",
            "this server has no token configured (set EXODUS_TOKEN or --token), so it refuses"
            " every write",
        )
    if credentials is not None and hmac.compare_digest(
        credentials.encode("utf-8"), token.encode("utf-8")
    ):
        return None
    why = "no bearer token" if credentials is None else "wrong token"
    return ApiError(
        401,
        "UNAUTHORIZED",
        f"{why}: send Authorization: Bearer <token>",
        {"WWW-Authenticate": "Bearer"},
    )


def _bearer_of(header: str | None) -> str | None:
    scheme, _sep, value = (header or "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _check_token(request: Request, given: HTTPAuthorizationCredentials | None) -> None:
    problem = access_error(request.app.state.serve.token, given.credentials if given else None)
    if problem is not None:
        raise problem


Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def write_access(request: Request, given: Bearer) -> None:
    """Dependency of every write: the bearer token must match."""
    _check_token(request, given)


def read_access(request: Request, given: Bearer) -> None:
    """Dependency of every read: open, unless the server protects reads too."""
    if request.app.state.serve.protect_reads:
        _check_token(request, given)


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_cache(request: Request) -> ConsolidationCache:
    cache: ConsolidationCache = request.app.state.cache
    return cache


# -- middleware ---------------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_API_HEADERS = [(b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")]
# the dashboard (everything outside the API): this origin only, no inline script, and no HTML
# from strings at all (Trusted Types with no policy: innerHTML and the like throw)
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
    " require-trusted-types-for 'script'; trusted-types 'none'"
)
_DASHBOARD_HEADERS = [(b"content-security-policy", DASHBOARD_CSP.encode("ascii"))]


class Guard:
    """ASGI middleware: security headers on every response.  An upload is refused before its body
    is read when the token is missing or wrong (401, as every write), when it does not say its
    length (411) or when it is larger than ``max_upload_bytes`` (413)."""

    def __init__(self, app: ASGIApp, serve: ServeSettings) -> None:
        self.app = app
        self.token = serve.token
        self.max_upload_bytes = serve.settings.max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if scope.get("method") == "POST" and path.rstrip("/") == UPLOAD_PATH:
            refused = self._refuse(dict(scope.get("headers") or []))
            if refused is not None:
                await self._send_headers(refused)(scope, receive, send)
                return
        api = path.startswith(PREFIX) or path == "/openapi.json"
        extra = _HEADERS + (_API_HEADERS if api else _DASHBOARD_HEADERS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _refuse(self, headers: dict[bytes, bytes]) -> SafeJSONResponse | None:
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        problem = access_error(self.token, _bearer_of(authorization))
        if problem is not None:
            return error_response(problem.status, problem.code, problem.message, problem.headers)
        length = headers.get(b"content-length")
        if length is None:
            return error_response(
                411, "LENGTH_REQUIRED", "an upload must say its length (Content-Length)"
            )
        try:
            n = int(length)
        except ValueError:
            return error_response(400, "BAD_REQUEST", "Content-Length is not a number")
        if n > self.max_upload_bytes:
            return error_response(
                413,
                "TOO_LARGE",
                f"the upload is {n:,} bytes, more than the {self.max_upload_bytes:,}-byte limit"
                " (max_upload_bytes)",
            )
        return None

    @staticmethod
    def _send_headers(response: SafeJSONResponse) -> SafeJSONResponse:
        response.headers["x-content-type-options"] = "nosniff"
        response.headers["connection"] = "close"  # the body we did not read is not drained
        return response


# -- the factory --------------------------------------------------------------------------------


def create_app(settings: ServeSettings | Settings | None = None) -> FastAPI:
    """The API over the store of ``settings`` (default: :meth:`ServeSettings.load`).

    Opens (and migrates) the store now, so a bad database URL fails here, not on the first
    request; the store is closed when the application shuts down.
    """
    if settings is None:
        serve = ServeSettings.load()
    elif isinstance(settings, Settings):
        serve = ServeSettings(settings)
    else:
        serve = settings
    if serve.protect_reads and serve.token is None:
        raise ExodusError("protect_reads needs a token (EXODUS_TOKEN or --token)", "CONFIG")
    store = open_store(serve.settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="Exodus API",
        version=__version__,
        description=(
            "Sourced, dated, mapped figures on people on the move, from news reports: documents,"
            " facts, claims, corridors, timelines, alerts, review and upload.  Writes need"
            ' `Authorization: Bearer <token>`.  Errors are `{"error": {"code", "message"}}`.'
        ),
        docs_url=None,
        redoc_url=None,
        default_response_class=SafeJSONResponse,
        lifespan=lifespan,
        responses={
            401: {"model": _error_model(), "description": "Missing or wrong token"},
            422: {"model": _error_model(), "description": "Invalid request"},
        },
    )
    app.state.serve = serve
    app.state.store = store
    app.state.cache = ConsolidationCache()
    for exc_type in (ApiError, RequestValidationError, StarletteHTTPException, ExodusError):
        app.add_exception_handler(exc_type, handle_error)
    app.add_exception_handler(Exception, handle_error)
    from exodus.serve import dashboard, routes, writes

    reads = [Depends(read_access)] if serve.protect_reads else []
    app.include_router(routes.router, prefix=PREFIX, dependencies=reads)
    app.include_router(writes.router, prefix=PREFIX, dependencies=[Depends(write_access)])
    app.include_router(dashboard.router)  # `/`: static files; their data comes from the API
    app.add_middleware(Guard, serve=serve)
    return app


def _error_model() -> Any:
    from exodus.serve.schemas import ErrorBody

    return ErrorBody
