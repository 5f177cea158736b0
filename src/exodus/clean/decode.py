"""Bytes -> text: size, emptiness and binary checks, encoding, and an HTML sniff."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from exodus.errors import InputRejected

# Leading bytes of file formats that are certainly not text.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP (or docx/xlsx/odt)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"BZh", "bzip2"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (doc/xls)"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"wOFF", "WOFF"),
    (b"wOF2", "WOFF2"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control bytes that do not occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127])
_NON_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
CONTROL_SHARE = 0.10

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG_EARLY = re.compile(r"<(?:body|p|head|article)[\s>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: these labels mean windows-1252 in browsers.
_CHARSET_ALIASES = dict.fromkeys(
    ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"), "cp1252"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    is_html: bool


def decode_content(content: bytes, media_type: str | None, max_bytes: int) -> Decoded:
    """Check and decode raw bytes; raise :class:`InputRejected` with a reason code."""
    if len(content) > max_bytes:
        raise InputRejected(f"{len(content)} bytes is over the limit of {max_bytes}", "TOO_LARGE")
    if not content.strip():
        what = "only white space" if content else "empty"
        raise InputRejected(f"the input is {what}", "EMPTY")
    text, encoding = _decode_with_bom(content)
    if text is None:
        _reject_binary(content)
        text, encoding = _decode_plain(content, media_type)
    if not text.strip():
        raise InputRejected("the input is only white space", "EMPTY")
    return Decoded(text, encoding, is_html_text(text, media_type))


def is_html_text(text: str, media_type: str | None) -> bool:
    """HTML by the caller's media type, or (when there is none) by a look at the start."""
    if media_type:
        return "html" in media_type.lower()
    head = text[:4096]
    return bool(_HTML_START.match(head) or _HTML_TAG_EARLY.search(head))


def _decode_with_bom(content: bytes) -> tuple[str | None, str]:
    for bom, codec in _BOMS:
        if content.startswith(bom):
            try:
                return content[len(bom) :].decode(codec), codec
            except UnicodeDecodeError as err:
                offset = err.start + len(bom)
                raise InputRejected(
                    f"not valid {codec} after its byte order mark: bad byte at offset {offset}",
                    "ENCODING",
                ) from None
    return None, ""


def _reject_binary(content: bytes) -> None:
    for signature, name in SIGNATURES:
        if content.startswith(signature):
            raise InputRejected(f"binary content ({name} signature)", "BINARY")
    nul = content.find(b"\x00")
    if nul >= 0:
        raise InputRejected(f"binary content (NUL byte at offset {nul})", "BINARY")
    controls = len(content.translate(None, _NON_CONTROL))
    if controls > CONTROL_SHARE * len(content):
        raise InputRejected(
            f"binary content ({controls} of {len(content)} bytes are control bytes)", "BINARY"
        )


def _decode_plain(content: bytes, media_type: str | None) -> tuple[str, str]:
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    declared = _declared_charset(content, media_type)
    if declared:
        try:
            return content.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputRejected(
        f"not valid UTF-8: bad byte 0x{content[first_bad]:02x} at byte offset {first_bad}",
        "ENCODING",
    )


def _declared_charset(content: bytes, media_type: str | None) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` tag, as a Python codec name."""
    head = content[:8192]
    if not is_html_text(head.decode("ascii", "replace"), media_type):
        return None
    match = _META_CHARSET.search(head)
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name
