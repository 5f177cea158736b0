"""JSON for the API: compact, UTF-8, with ``<``, ``>`` and ``&`` escaped as ``\\u003c``...

The escaped JSON is the same data (any JSON parser reads ``\\u003c`` as ``<``) but can never be
read as markup, so article text holding ``<script>`` stays text even if a browser sniffs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def encode_json(content: Any) -> bytes:
    """``content`` as escaped JSON bytes (NaN and infinities refused)."""
    text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def encode_page(items: Iterable[bytes], total: int, limit: int | None, offset: int) -> bytes:
    """A page ``{"items": [...], "total", "limit", "offset"}`` from items already encoded."""
    tail = encode_json({"total": total, "limit": limit, "offset": offset})
    return b'{"items":[' + b",".join(items) + b"]," + tail[1:]
