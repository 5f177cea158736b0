"""Paths from the command line (files, folders, ``-`` for stdin) -> raw documents or rejections.

Input only: nothing here looks inside the bytes.  Cleaning decides what the bytes are.

* A file given explicitly is read unless its suffix is clearly not text (an image, an archive,
  an office document, an executable...), which is rejected as ``BINARY``.
* A folder is walked recursively in sorted order, skipping hidden files and folders (names that
  start with a dot).  Inside a folder only text and HTML files are read (see ``FOLDER_SUFFIXES``,
  plus files without a suffix); everything else, including ``*.gold.json`` and other JSON
  sidecars, is skipped silently.  A folder with no such file is rejected as ``NOTHING_READABLE``.
* Size is checked with ``stat()`` before opening, so a huge file is rejected as ``TOO_LARGE``
  without being read; the read itself is capped too, in case the file grows in between.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import BinaryIO

from exodus.models import RawDocument, Rejection

STDIN = "-"

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FOLDER_SUFFIXES = frozenset({".txt", ".text", ".md"}) | HTML_SUFFIXES

BINARY_SUFFIXES = frozenset(
    {
        # images
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".ico", ".heic",
        ".avif", ".psd",
        # audio and video
        ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".flac", ".avi", ".mov", ".mkv", ".webm",
        # archives and compressed files
        ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".lz4",
        # office documents and ebooks
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
        ".epub",
        # executables, libraries, bytecode, disk images
        ".exe", ".dll", ".so", ".dylib", ".bin", ".o", ".a", ".class", ".jar", ".pyc",
        ".wasm", ".msi", ".deb", ".rpm", ".apk", ".dmg", ".iso",
        # databases, serialised data, fonts
        ".db", ".sqlite", ".sqlite3", ".parquet", ".pkl", ".pickle", ".npy", ".npz",
        ".woff", ".woff2", ".ttf", ".otf",
    }
)  # fmt: skip

_CHUNK = 1024 * 1024


def iter_inputs(
    paths: Sequence[str], *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Rejection]:
    """Yield one raw document or rejection per input, in the order given (folders sorted).

    ``paths`` are files, folders or ``-`` (read ``stdin``, by default ``sys.stdin.buffer``).
    A document's ``source`` is the path as given, joined with its path inside a folder
    (``corpus/`` -> ``corpus/a/b.txt``); it is never made absolute.
    """
    for path in paths:
        if path == STDIN:
            yield read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        elif os.path.isdir(path):
            yield from iter_folder(path, max_bytes=max_bytes)
        elif not os.path.lexists(path):
            yield Rejection(path, "NOT_FOUND", "no such file or folder")
        else:
            yield read_file(path, max_bytes=max_bytes)


def iter_folder(folder: str, *, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """Every readable file under ``folder``, sorted by path; NOTHING_READABLE when none is."""
    entries = _walk(folder)
    for rel, error in entries:
        path = os.path.join(folder, *rel)
        if error is None:
            yield read_file(path, max_bytes=max_bytes)
        else:
            yield Rejection(path, "UNREADABLE", f"cannot list the folder: {error}")
    if not entries:
        kinds = ", ".join(sorted(FOLDER_SUFFIXES))
        yield Rejection(
            folder, "NOTHING_READABLE", f"the folder holds no readable file ({kinds} or no suffix)"
        )


def read_file(path: str, *, max_bytes: int) -> RawDocument | Rejection:
    """One file: BINARY by suffix, TOO_LARGE by ``stat()`` (not read), UNREADABLE on OSError."""
    suffix = PurePath(path).suffix.lower()
    if suffix in BINARY_SUFFIXES:
        return Rejection(path, "BINARY", f"a {suffix} file is not text")
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return _too_large(path, size, max_bytes)
        with open(path, "rb") as fh:
            content = fh.read(max_bytes + 1)
    except OSError as exc:
        return Rejection(path, "UNREADABLE", f"cannot read: {exc.strerror or exc}")
    if len(content) > max_bytes:  # grew after stat(), or a device/FIFO reporting size 0
        return _too_large(path, None, max_bytes)
    return RawDocument(source=path, content=content, media_type=media_type_for(path))


def read_bytes(source: str, content: bytes, *, max_bytes: int) -> RawDocument | Rejection:
    """Bytes received whole (an upload) under the name ``source``, with the rules of
    :func:`read_file`: BINARY by suffix, TOO_LARGE above ``max_bytes``."""
    suffix = PurePath(source).suffix.lower()
    if suffix in BINARY_SUFFIXES:
        return Rejection(source, "BINARY", f"a {suffix} file is not text")
    if len(content) > max_bytes:
        return _too_large(source, len(content), max_bytes)
    return RawDocument(source=source, content=content, media_type=media_type_for(source))


def read_stream(stream: BinaryIO, max_bytes: int, source: str = STDIN) -> RawDocument | Rejection:
    """Read a stream (stdin) in chunks, stopping as soon as it exceeds ``max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                return _too_large(source, None, max_bytes)
    except OSError as exc:
        return Rejection(source, "UNREADABLE", f"cannot read: {exc.strerror or exc}")
    return RawDocument(source=source, content=b"".join(chunks), media_type=None)


def media_type_for(path: str) -> str | None:
    """``text/html`` for HTML suffixes, None without a suffix (cleaning sniffs), else text/plain."""
    suffix = PurePath(path).suffix.lower()
    if not suffix:
        return None
    return "text/html" if suffix in HTML_SUFFIXES else "text/plain"


def _walk(folder: str) -> list[tuple[tuple[str, ...], str | None]]:
    """Sorted ``(relative path parts, error)``: the files to read, and folders that failed to list.

    Symlinked folders are not followed (no cycles); symlinked files are read.
    """
    found: list[tuple[tuple[str, ...], str | None]] = []

    def _parts(path: str) -> tuple[str, ...]:
        rel = os.path.relpath(path, folder)
        return () if rel == os.curdir else tuple(PurePath(rel).parts)

    def _failed(exc: OSError) -> None:
        found.append((_parts(str(exc.filename or folder)), exc.strerror or str(exc)))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=_failed):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        parts = _parts(dirpath)
        found.extend(((*parts, name), None) for name in filenames if _is_readable_name(name))
    return sorted(found, key=lambda entry: entry[0])


def _is_readable_name(name: str) -> bool:
    if name.startswith("."):
        return False
    suffix = PurePath(name).suffix.lower()
    return not suffix or suffix in FOLDER_SUFFIXES


def _too_large(source: str, size: int | None, max_bytes: int) -> Rejection:
    got = f"{_mb(size)}, " if size is not None else ""
    return Rejection(source, "TOO_LARGE", f"{got}more than the {_mb(max_bytes)} limit (max_bytes)")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"
