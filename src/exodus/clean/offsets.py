"""An editable text that remembers where every character came from.

Cleaning runs as a few passes (drop debris, normalise characters, unglue sentences, tidy white
space).  Each pass looks at the current text and returns a list of :class:`Edit` s; applying them
builds the next text and composes the position map, so the final text can be traced back to the
original with :class:`exodus.models.OffsetMap` (clean offset -> original offset).

Mapping rule for one edit ``text[start:end] -> replacement``: character ``i`` of the replacement
comes from ``text[start + i]`` while ``i < end - start`` (so one-for-one replacements such as ``”``
-> ``"`` map to the character they replace, and a run collapsed to one character maps to the run's
first character); replacement characters beyond that are *inserted* and belong to no run, which
``OffsetMap.to_raw`` maps to the next original character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from exodus.models import OffsetMap

Segment = tuple[int, int, int]  # (current_start, original_start, length)


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement`` (empty: delete; ``start == end``: insert)."""

    start: int
    end: int
    replacement: str = ""


class EditableText:
    """The current text of a cleaning run plus its map back to ``original``."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._segments: list[Segment] = [(0, 0, len(original))] if original else []

    # -- editing -------------------------------------------------------------------------------
    def apply(self, edits: Iterable[Edit]) -> None:
        """Apply non-overlapping edits given in current-text offsets (order does not matter)."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return
        text = self.text
        parts: list[str] = []
        runs: list[Segment] = []  # (new_start, current_start, length)
        pos = 0
        out = 0
        for e in ordered:
            if e.start < pos or e.end < e.start or e.end > len(text):
                raise ValueError(f"overlapping or out-of-range edit {e!r}")
            if e.start > pos:
                runs.append((out, pos, e.start - pos))
                parts.append(text[pos : e.start])
                out += e.start - pos
            kept = min(len(e.replacement), e.end - e.start)
            if kept:
                runs.append((out, e.start, kept))
            parts.append(e.replacement)
            out += len(e.replacement)
            pos = e.end
        if pos < len(text):
            runs.append((out, pos, len(text) - pos))
            parts.append(text[pos:])
        self.text = "".join(parts)
        self._segments = _compose(runs, self._segments)

    # -- mapping -------------------------------------------------------------------------------
    def offset_map(self) -> OffsetMap:
        """The :class:`OffsetMap` from the current text to ``original``."""
        return OffsetMap(tuple(self._segments), len(self.text), len(self.original))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` covering the current half-open span ``[start, end)``."""
        return self.offset_map().span_to_raw(start, end)


def _compose(runs: list[Segment], segments: list[Segment]) -> list[Segment]:
    """Compose new->current ``runs`` with current->original ``segments`` (both sorted)."""
    out: list[Segment] = []
    j = 0
    for new0, cur0, length in runs:
        cur1 = cur0 + length
        while j < len(segments) and segments[j][0] + segments[j][2] <= cur0:
            j += 1
        k = j
        while k < len(segments) and segments[k][0] < cur1:
            s0, r0, m = segments[k]
            a, b = max(cur0, s0), min(cur1, s0 + m)
            if a < b:
                _append(out, (new0 + a - cur0, r0 + a - s0, b - a))
            k += 1
    return out


def _append(out: list[Segment], seg: Segment) -> None:
    """Append ``seg``, merging it into the last run when both sides are contiguous."""
    if out:
        c0, r0, n = out[-1]
        if c0 + n == seg[0] and r0 + n == seg[1]:
            out[-1] = (c0, r0, n + seg[2])
            return
    out.append(seg)
