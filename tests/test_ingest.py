"""ingest: files, folders and stdin -> raw documents or rejections."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from exodus.ingest import iter_inputs
from exodus.models import RawDocument, Rejection

MB = 1024 * 1024


def _write(path: Path, content: bytes = b"text") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def _sources(items: list[RawDocument | Rejection]) -> list[str]:
    return [item.source for item in items]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of readable files among hidden ones, sidecars and binaries; cwd = tmp_path."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "corpus"
    _write(root / "b.txt", b"b")
    _write(root / "a" / "z.md", b"z")
    _write(root / "a" / "b" / "c.html", b"<p>c</p>")
    _write(root / "a" / "b" / "c.gold.json", b"{}")
    _write(root / "README", b"readme")
    _write(root / "c.XHTML", b"<p>x</p>")
    _write(root / "notes.text", b"n")
    _write(root / ".hidden.txt", b"hidden")
    _write(root / ".git" / "HEAD.txt", b"hidden folder")
    _write(root / "a" / ".cache" / "d.txt", b"hidden folder")
    _write(root / "photo.png", b"\x89PNG")
    _write(root / "data.json", b"[]")
    _write(root / "archive.zip", b"PK")
    return root


def test_folder_is_walked_recursively_sorted_and_filtered(corpus: Path) -> None:
    items = list(iter_inputs(["corpus/"], max_bytes=MB))
    assert all(isinstance(i, RawDocument) for i in items)
    assert _sources(items) == [
        "corpus/README",
        "corpus/a/b/c.html",
        "corpus/a/z.md",
        "corpus/b.txt",
        "corpus/c.XHTML",
        "corpus/notes.text",
    ]
    media = {i.source: i.media_type for i in items if isinstance(i, RawDocument)}
    assert media["corpus/README"] is None
    assert media["corpus/a/b/c.html"] == "text/html"
    assert media["corpus/c.XHTML"] == "text/html"
    assert media["corpus/a/z.md"] == "text/plain"
    assert items[1].content == b"<p>c</p>"  # type: ignore[union-attr]


def test_folder_source_is_never_made_absolute(corpus: Path) -> None:
    assert _sources(list(iter_inputs(["corpus"], max_bytes=MB)))[0] == "corpus/README"
    assert _sources(list(iter_inputs(["./corpus/a"], max_bytes=MB))) == [
        "./corpus/a/b/c.html",
        "./corpus/a/z.md",
    ]


def test_inputs_keep_the_order_given(corpus: Path) -> None:
    items = list(iter_inputs(["corpus/b.txt", "corpus/a", "missing.txt"], max_bytes=MB))
    assert _sources(items) == ["corpus/b.txt", "corpus/a/b/c.html", "corpus/a/z.md", "missing.txt"]


def test_explicit_files_binary_by_suffix_json_read(corpus: Path) -> None:
    png, js = iter_inputs(["corpus/photo.png", "corpus/data.json"], max_bytes=MB)
    assert isinstance(png, Rejection)
    assert (png.source, png.code) == ("corpus/photo.png", "BINARY")
    assert isinstance(js, RawDocument)
    assert (js.content, js.media_type) == (b"[]", "text/plain")


def test_explicit_hidden_file_is_read(corpus: Path) -> None:
    (item,) = iter_inputs(["corpus/.hidden.txt"], max_bytes=MB)
    assert isinstance(item, RawDocument)


def test_stdin(tmp_path: Path) -> None:
    (item,) = iter_inputs(["-"], max_bytes=MB, stdin=io.BytesIO(b"from stdin"))
    assert isinstance(item, RawDocument)
    assert (item.source, item.content, item.media_type) == ("-", b"from stdin", None)


def test_stdin_too_large_stops_reading() -> None:
    stream = io.BytesIO(b"x" * (3 * MB))
    (item,) = iter_inputs(["-"], max_bytes=MB, stdin=stream)
    assert isinstance(item, Rejection)
    assert (item.source, item.code) == ("-", "TOO_LARGE")
    assert stream.tell() <= MB + 1


def test_not_found(tmp_path: Path) -> None:
    (item,) = iter_inputs([str(tmp_path / "nope.txt")], max_bytes=MB)
    assert isinstance(item, Rejection)
    assert item.code == "NOT_FOUND"
    assert "\n" not in item.message


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (item,) = iter_inputs([str(link)], max_bytes=MB)
    assert isinstance(item, Rejection)
    assert item.code == "UNREADABLE"


def test_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "secret.txt")
    real_open = builtins.open

    def denied(file: object, *args: object, **kwargs: object) -> object:
        if os.fspath(file) == str(path):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", denied)
    (item,) = iter_inputs([str(path)], max_bytes=MB)
    assert isinstance(item, Rejection)
    assert item.code == "UNREADABLE"
    assert item.message == "cannot read: Permission denied"


def test_nothing_readable(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    _write(folder / "photo.png")
    _write(folder / ".hidden.txt")
    _write(folder / "x.gold.json")
    (item,) = iter_inputs([str(folder)], max_bytes=MB)
    assert isinstance(item, Rejection)
    assert (item.source, item.code) == (str(folder), "NOTHING_READABLE")
    assert "\n" not in item.message


def test_empty_folder_is_nothing_readable(tmp_path: Path) -> None:
    (item,) = iter_inputs([str(tmp_path)], max_bytes=MB)
    assert isinstance(item, Rejection)
    assert item.code == "NOTHING_READABLE"


def test_too_large_is_decided_from_stat_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * MB)  # sparse: 50 MB on paper, nothing on disk
    _write(tmp_path / "small.txt", b"small")
    opened: list[str] = []
    real_open = builtins.open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        opened.append(os.fspath(file))  # type: ignore[arg-type]
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", spy_open)
    explicit, *in_folder = iter_inputs([str(big), str(tmp_path)], max_bytes=10 * MB)

    assert isinstance(explicit, Rejection)
    assert (explicit.source, explicit.code) == (str(big), "TOO_LARGE")
    assert "50.0 MB" in explicit.message
    assert [(i.source, type(i).__name__) for i in in_folder] == [
        (str(big), "Rejection"),
        (str(tmp_path / "small.txt"), "RawDocument"),
    ]
    assert str(big) not in opened
    assert str(tmp_path / "small.txt") in opened


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "exact.txt", b"x" * 100)
    (item,) = iter_inputs([str(path)], max_bytes=100)
    assert isinstance(item, RawDocument)
    (item,) = iter_inputs([str(path)], max_bytes=99)
    assert isinstance(item, Rejection)
    assert item.code == "TOO_LARGE"


def test_unlistable_subfolder_is_a_rejection_not_a_silence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "a.txt")
    _write(tmp_path / "z.txt")
    locked = tmp_path / "locked"
    _write(locked / "b.txt")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_inputs([str(tmp_path)], max_bytes=MB))
    assert [(i.source, getattr(i, "code", None)) for i in items] == [
        (str(tmp_path / "a.txt"), None),
        (str(locked), "UNREADABLE"),
        (str(tmp_path / "z.txt"), None),
    ]
