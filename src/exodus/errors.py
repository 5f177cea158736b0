"""The exceptions Exodus raises, each with a stable reason code users can search for.

Reason codes (also stored with every rejection):

| code | meaning |
|---|---|
| ``EMPTY`` | the input has no bytes, or only white space |
| ``BINARY`` | the input is not text (NUL bytes, a known binary signature, or mostly control bytes) |
| ``TOO_LARGE`` | the input is larger than ``max_bytes`` (default 10 MB) |
| ``ENCODING`` | the bytes are not valid UTF-8 (nor declared in another encoding that decodes them) |
| ``NO_TEXT`` | HTML with no article text, or text left empty once boilerplate is removed |
| ``LANGUAGE`` | the text is not English (the only language the extractor reads today) |
| ``UNREADABLE`` | the file could not be opened or read (permissions, vanished, a broken link) |
| ``NOTHING_READABLE`` | a folder given on the command line holds no file Exodus can read |
| ``NOT_FOUND`` | a path given on the command line does not exist |
| ``MODEL`` | the spaCy pipeline is missing or is not the one pinned |
| ``STORE`` | the database could not be opened or written (any reason not below) |
| ``STORE_URL`` | the database URL does not parse, or names a backend other than SQLite and PostgreSQL |
| ``STORE_AUTH`` | the PostgreSQL server refused the role or its password |
| ``STORE_UNREACHABLE`` | no database server answers at that address (refused, timed out, unknown host) |
| ``STORE_NO_DATABASE`` | the PostgreSQL server has no database of that name |
| ``FILTER`` | an export or view filter that cannot be used (unknown country or measure, dates in the wrong order) |
| ``OUTPUT`` | an export could not be written where asked (a file where a folder is needed, no permission) |
| ``NOT_FOUND`` | (also) no stored document, fact, claim or corridor with the id asked for |
| ``INVALID_CORRECTION`` | a review correction names an unknown field or gives a value it cannot take |
| ``NO_CHANGE`` | a review correction that would change nothing |
| ``MERGE_MISMATCH`` | claims to merge differ in corridor, measure, unit, rate or modality |
| ``NOT_IN_CLAIM`` | a fact to split is in no claim (rejected, or from a near-duplicate copy) |
| ``ASSETS_MISSING`` | the dashboard's map and JavaScript files were not fetched at set-up (``exodus assets``) |
| ``ASSETS_DOWNLOAD`` | ``exodus assets`` could not download a pinned package from the npm registry |
| ``ASSETS_INTEGRITY`` | a downloaded package does not match its pinned hash: refused |
| ``ASSETS_PACKAGE``, ``ASSETS_LOCK``, ``ASSETS_WRITE`` | a package lacks a file it should have; the asset lock is unreadable; the files cannot be written |

Store messages are one line and never show a password (``postgresql+psycopg://user:***@host/db``).
"""

from __future__ import annotations


class ExodusError(Exception):
    """Base class: ``code`` is stable, ``message`` is one line for people."""

    code = "ERROR"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputRejected(ExodusError):
    """A document that cannot be processed; carries one of the input reason codes."""

    code = "REJECTED"


class ModelError(ExodusError):
    code = "MODEL"


class StoreError(ExodusError):
    code = "STORE"


class ExportError(ExodusError):
    """A bad export request: ``FILTER`` (the filters) or ``OUTPUT`` (where to write)."""

    code = "OUTPUT"


class NotFoundError(ExodusError):
    """No stored record with the id asked for."""

    code = "NOT_FOUND"


class ReviewError(ExodusError):
    """A review that cannot be applied; ``code`` says why (INVALID_CORRECTION, NO_CHANGE, ...)."""

    code = "INVALID_CORRECTION"


class AssetError(ExodusError):
    """The dashboard's third-party files: missing, not downloadable, or not what was pinned."""

    code = "ASSETS_MISSING"


REASON_CODES = (
    "EMPTY",
    "BINARY",
    "TOO_LARGE",
    "ENCODING",
    "NO_TEXT",
    "LANGUAGE",
    "UNREADABLE",
    "NOTHING_READABLE",
    "NOT_FOUND",
)
