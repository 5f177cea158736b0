#!/usr/bin/env python3
"""Extraction speed: the screened pipeline against a full-parse reference, on a 5 %-relevant stream.

    .venv/bin/python bench/extract.py [--articles 400] [--relevant 0.05] [--gold src/exodus/samples eval/dev]

The stream mixes the team's fixtures (the relevant 5 %) with generated news-like articles on
other subjects (markets, sport, weather, local politics, technology), dense with numbers.  Both
pipelines run in this process on the same stream; the figures are printed and written to
bench/results/extract.json, with the F1 of both on the gold documents.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from exodus.evaluate.runner import evaluate, find_gold
from exodus.extract.engine import Extractor
from exodus.models import RawDocument
from exodus.pipeline import load_extractor, process_document

ROOT = Path(__file__).resolve().parents[1]

SUBJECTS = {
    "markets": [
        "Shares in {company} rose {pct} per cent to {price} pence in early trading on {day}.",
        "The index closed {pct} points higher at {big}, its best level since {year}.",
        "Analysts at {company} expect revenue of {money} billion dollars for the quarter, up from {money2} billion a year earlier.",
        "The central bank left its main rate unchanged at {pct} per cent, as {num} of {num2} economists polled had predicted.",
        "Oil prices fell {pct} per cent to {price} dollars a barrel after inventories rose by {big} barrels.",
        "The company said it would cut {big} jobs over the next {small} years and close {small} plants.",
    ],
    "sport": [
        "{team} beat {team2} {small}-{small2} in front of {big} fans on {day}.",
        "The striker has scored {num} goals in {num2} appearances since joining for a fee of {money} million pounds.",
        "The marathon drew {big} runners, and the winner finished in {small} hours {num} minutes.",
        "{team} are {small} points clear at the top of the table with {small2} games left.",
        "The stadium, which holds {big} people, was sold out for the final in {year}.",
    ],
    "weather": [
        "Temperatures reached {num} degrees on {day}, the highest since records began in {year}.",
        "Forecasters expect up to {num} millimetres of rain over the next {small} days.",
        "Winds of {num} km per hour brought down trees and left {big} homes without power.",
        "The drought has cut the harvest by {pct} per cent, farmers said.",
    ],
    "politics": [
        "The council approved a budget of {money} million for the next {small} years by {num} votes to {num2}.",
        "Turnout was {pct} per cent, with {big} people casting ballots across {num} districts.",
        "The minister told parliament on {day} that {big} new homes would be built by {year}.",
        "The mayor said the city would hire {num} more teachers and open {small} new schools.",
        "Polls suggest the party has {pct} per cent support, down {small} points since {month}.",
    ],
    "technology": [
        "The phone goes on sale on {day} for {price} dollars, with {num} gigabytes of storage.",
        "The start-up raised {money} million dollars from {small} investors and now employs {num} people.",
        "The update was downloaded {big} times in its first {small} days.",
        "Researchers trained the model on {big} images using {num} processors for {small} weeks.",
    ],
}
FILL = {
    "company": [
        "Acme Corp",
        "Northwind",
        "Globex",
        "Initech",
        "Umbrella Holdings",
        "Stark Industries",
    ],
    "team": ["Rovers", "United", "City", "Athletic", "Wanderers", "Albion"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "March", "June", "September", "November"],
}


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "company": rng.choice(FILL["company"]),
        "team": rng.choice(FILL["team"]),
        "team2": rng.choice(FILL["team"]),
        "day": rng.choice(FILL["day"]),
        "month": rng.choice(FILL["month"]),
        "pct": f"{rng.uniform(0.1, 60):.1f}",
        "price": f"{rng.randint(10, 900)}",
        "big": f"{rng.randint(1_000, 900_000):,}",
        "num": str(rng.randint(10, 400)),
        "num2": str(rng.randint(10, 400)),
        "small": str(rng.randint(2, 9)),
        "small2": str(rng.randint(0, 9)),
        "money": f"{rng.uniform(1, 90):.1f}",
        "money2": f"{rng.uniform(1, 90):.1f}",
        "year": str(rng.randint(1990, 2021)),
    }
    return template.format(**values)


def irrelevant_article(rng: random.Random) -> str:
    subject = rng.choice(sorted(SUBJECTS))
    paragraphs = []
    for _ in range(rng.randint(5, 9)):
        sentences = [_fill(rng.choice(SUBJECTS[subject]), rng) for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    return f"{subject.upper()} NEWS\n\n" + "\n\n".join(paragraphs) + "\n"


def build_stream(n: int, share: float, fixtures: list[Path], seed: int = 7) -> list[RawDocument]:
    rng = random.Random(seed)
    relevant = max(1, round(n * share))
    docs = []
    for i in range(n):
        if i % round(1 / share) == 0 and relevant > 0:
            path = fixtures[(i // round(1 / share)) % len(fixtures)]
            media = "text/html" if path.suffix == ".html" else "text/plain"
            docs.append(RawDocument(str(path), path.read_bytes(), media))
            relevant -= 1
        else:
            docs.append(
                RawDocument(f"generated/{i}.txt", irrelevant_article(rng).encode(), "text/plain")
            )
    return docs


def run(docs: list[RawDocument], extractor: Extractor) -> tuple[float, int, int]:
    words = sum(len(d.content.split()) for d in docs)
    start = time.perf_counter()
    facts = 0
    for d in docs:
        facts += len(process_document(d, extractor).facts)
    return time.perf_counter() - start, words, facts


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--relevant", type=float, default=0.05)
    ap.add_argument(
        "--gold", nargs="+", default=[str(ROOT / "src/exodus/samples"), str(ROOT / "eval/dev")]
    )
    ap.add_argument("--out", default=str(ROOT / "bench/results/extract.json"))
    args = ap.parse_args(argv)

    screened = load_extractor()
    reference = Extractor(screened.nlp, screened.gaz, screened.lex, full_parse=True)
    gold = find_gold([g for g in args.gold if Path(g).exists()])
    fixtures = []
    for g in gold:
        stem = g.name[: -len(".gold.json")]
        fixtures += [p for p in g.parent.glob(stem + ".*") if not p.name.endswith(".json")]
    stream = build_stream(args.articles, args.relevant, sorted(fixtures))
    run(stream[:5], screened)  # warm up: caches, lazy imports

    results = {}
    for name, ex in (("screened", screened), ("reference", reference)):
        secs, words, facts = run(stream, ex)
        report, _ = evaluate(gold, ex)
        summary = report.summary()
        results[name] = {
            "seconds": round(secs, 3),
            "articles_per_s": round(len(stream) / secs, 2),
            "words_per_s": round(words / secs, 1),
            "facts": facts,
            "lenient_f1": summary["lenient"]["f1"],
            "strict_f1": summary["strict"]["f1"],
        }
    ratio = results["screened"]["articles_per_s"] / results["reference"]["articles_per_s"]
    out = {
        "articles": len(stream),
        "relevant_share": args.relevant,
        "gold_documents": len(gold),
        "results": results,
        "speedup": round(ratio, 2),
        "f1_difference": round(
            results["screened"]["lenient_f1"] - results["reference"]["lenient_f1"], 4
        ),
    }
    for name, r in results.items():
        print(
            f"{name:10} {r['articles_per_s']:8.2f} articles/s {r['words_per_s']:10.1f} words/s  lenient F1 {r['lenient_f1']:.4f}  strict F1 {r['strict_f1']:.4f}"
        )
    print(
        f"speed-up {ratio:.2f}x  (F1 difference {out['f1_difference']:+.4f}) on {len(stream)} articles, {args.relevant:.0%} relevant"
    )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
