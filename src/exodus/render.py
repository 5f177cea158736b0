"""Stored facts for people: Rich tables of FACTS.md records (article text as text, never markup)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text


def place_label(p: dict[str, Any] | None) -> str:
    """The ISO code of a FACTS.md place, else its name, else ``?``."""
    if not p:
        return "?"
    return str(p.get("country") or p.get("name"))


def _number(f: dict[str, Any]) -> str:
    q = f["qualifier"]
    v = f["value"]
    if q == "range" or (q == "vague" and f.get("high")):
        return f"{f['low']:,}-{f['high']:,}"
    if q in ("exact", "vague"):
        return f"{v:,}"
    return f"{q.replace('_', ' ')} {v:,}"


_RATE = {"total": "", "per_day": " a day", "per_week": " a week", "per_month": " a month"}


def facts_table(facts: list[dict[str, Any]], title: str = "Facts") -> Table:
    """A Rich table of FACTS.md records (article text is shown as text, never as markup)."""
    t = Table(title=title, show_lines=False, expand=False, title_justify="left")
    for col, ratio in (
        ("document", 2),
        ("figure", 3),
        ("what", 2),
        ("corridor", 1),
        ("period", 2),
        ("speaker", 3),
    ):
        t.add_column(col, overflow="fold", ratio=ratio)
    for f in facts:
        start, end = f.get("period_start"), f.get("period_end")
        period = (
            ""
            if not (start or end)
            else (end if start == end else f"{start or '…'} → {end or '…'}")
        )
        figure = f"{_number(f)} {f['unit']}{_RATE.get(f['rate'], '')}"
        what = f"{f['measure']}: {f['term']}" + (
            "" if f.get("modality") == "reported" else f" ({f['modality']})"
        )
        place = f" @ {f['place']['name']}" if f.get("place") else ""
        t.add_row(
            Text(Path(f["document"]).name), Text(figure), Text(what),
            Text(f"{place_label(f.get('origin'))} → {place_label(f.get('destination'))}{place}"),
            Text(period or ""), Text(f.get("speaker") or ""),
        )  # fmt: skip
    return t


def group_by_corridor(
    rows: Iterable[dict[str, Any]],
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """FACTS.md records by (origin, destination) label, the corridor with most facts first."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for f in rows:
        key = (place_label(f.get("origin")), place_label(f.get("destination")))
        groups.setdefault(key, []).append(f)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))
