"""The eval report for people (Rich tables, text only) and for programs (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from exodus.evaluate.runner import Evaluated
from exodus.evaluate.scoring import Report


def _fact_line(f: dict[str, Any]) -> str:
    place = f.get("origin"), f.get("destination")
    corridor = " → ".join(
        str((p or {}).get("country", p) if isinstance(p, dict) else p) for p in place
    )
    cue = f.get("cue") or (f.get("evidence") or {}).get("cue", "")
    return f"{f['value']:,} {f['unit']} {f['measure']}/{f['rate']} {corridor} «{cue}»"


def summary_tables(report: Report, reliability: Sequence[dict[str, Any]]) -> Group:
    s = report.summary()
    t = Table(
        title=f"Extraction quality: {s['documents']} documents, {s['gold_facts']} gold facts, {s['predicted_facts']} predicted",
        title_justify="left",
    )
    for col in ("level", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col != "level" else "left")
    for level in ("lenient", "strict"):
        x = s[level]
        t.add_row(level, f"{x['precision']:.3f}", f"{x['recall']:.3f}", f"{x['f1']:.3f}")
    a = Table(title="Attribute accuracy over matched facts", title_justify="left")
    a.add_column("attribute")
    a.add_column("accuracy", justify="right")
    for k, v in s["attribute_accuracy"].items():
        a.add_row(k, f"{v:.3f}")
    n = Table(title="Negative documents", title_justify="left", show_header=False)
    n.add_row("documents with no gold fact", str(s["negative_documents"]))
    n.add_row("false facts per negative document", f"{s['false_facts_per_negative_document']:.3f}")
    r = Table(title="Reliability (is confidence calibrated?)", title_justify="left")
    for col in ("confidence", "facts", "correct", "precision"):
        r.add_column(col, justify="right")
    for row in reliability:
        p = row["precision"]
        r.add_row(
            row["confidence"],
            str(row["facts"]),
            str(row["correct"]),
            "" if p is None else f"{p:.3f}",
        )
    return Group(t, a, n, r)


def document_diffs(report: Report, runs: Sequence[Evaluated]) -> Group:
    """Per document: what was missed, what was spurious, which attributes were wrong."""
    parts: list[Any] = []
    for d, run in zip(report.documents, runs, strict=True):
        if not (d.missed or d.spurious or d.wrong):
            continue
        lines = Text()
        lines.append(
            f"{run.article}  (gold {d.gold}, predicted {d.predicted}, matched {d.lenient_tp})\n",
            style="bold",
        )
        for g in d.missed:
            lines.append("  missed    ", style="red")
            lines.append(_fact_line(g) + "\n")
        for p in d.spurious:
            lines.append("  spurious  ", style="yellow")
            lines.append(_fact_line(p) + "\n")
        for p, diff in d.wrong:
            lines.append("  wrong     ", style="magenta")
            lines.append(_fact_line(p) + "\n")
            for name, (got, want) in diff.items():
                got_s = got.get("country", got) if isinstance(got, dict) else got
                lines.append(f"              {name}: got {got_s!r}, gold {want!r}\n")
        parts.append(lines)
    return Group(*parts)


def print_report(
    console: Console,
    report: Report,
    runs: Sequence[Evaluated],
    reliability: Sequence[dict[str, Any]],
    diffs: bool,
) -> None:
    if diffs:
        console.print(document_diffs(report, runs))
    console.print(summary_tables(report, reliability))


def report_payload(
    report: Report, runs: Sequence[Evaluated], reliability: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The eval report for programs: summary, reliability table and per-document diffs."""
    docs = [
        {
            "document": str(r.article),
            "split": d.split,
            "gold": d.gold,
            "predicted": d.predicted,
            "missed": d.missed,
            "spurious": d.spurious,
            "wrong": [
                {"fact": p, "diff": {k: list(v) for k, v in diff.items()}} for p, diff in d.wrong
            ],
        }
        for d, r in zip(report.documents, runs, strict=True)
    ]
    return {"summary": report.summary(), "reliability": list(reliability), "documents": docs}
