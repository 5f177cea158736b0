"""A small store written by us for the API and review tests: five documents, their facts.

* ``wire/a.txt`` (Sept 27): the Kazakh ministry's "about 98,000" RU->KZ total, and a daily rate
  of "some 10,000 a day" RU->GE at Upper Lars.
* ``post/b.txt`` (Sept 28): "nearly 98,000" RU->KZ from the same ministry (merges with a's), and
  "more than 53,000" RU->GE.
* ``blog/c.txt`` (Sept 30): an MP's "around 200,000" RU->KZ over the same period: a conflict.  Its
  text and title hold ``<script>`` and HTML, which must come back as data.
* ``mirror/a.txt`` (Sept 28): a syndicated copy of a (near-duplicate, never counted).
* ``ngo/e.txt`` (Oct 1): a stock, "about 30,000" Russians staying in Georgia.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from exodus.models import (
    CleanDocument,
    DocumentResult,
    Evidence,
    Fact,
    OffsetMap,
    Place,
    RemovedSpan,
)
from exodus.store import Store

RU = Place("Russia", "RU", "country", "RUS")
KZ = Place("Kazakhstan", "KZ", "country", "KAZ")
GE = Place("Georgia", "GE", "country", "GEO")
LARS = Place("Upper Lars", "GE", "crossing")
BANNER = "Download our app for the latest news!\n"
SCRIPT = "<script>alert('pwned')</script>"

KZ_98 = "About 98,000 Russians have entered Kazakhstan since September 21, the Kazakh interior ministry said on Tuesday."
GE_DAY = (
    "Some 10,000 Russians a day are crossing into Georgia at Upper Lars, Georgian officials said."
)
KZ_98B = "Nearly 98,000 Russians entered Kazakhstan in the week since September 21, according to Kazakhstan's interior ministry."
GE_53 = "More than 53,000 Russians have entered Georgia since September 21, Georgia's interior ministry said."
KZ_200 = f"{SCRIPT} Around 200,000 Russians have fled to Kazakhstan since September 21, a local MP claimed."
GE_STOCK = "About 30,000 Russians are now staying in Georgia, the aid group said on Saturday."
FILLER = [
    "Queues of cars stretched for kilometres at the border crossings as men tried to leave.",
    "Hotels in the border towns were full and volunteers handed out food and blankets.",
    "Many of those leaving said they feared being sent to fight in Ukraine this winter.",
]


@dataclass(frozen=True)
class Spec:
    sentence: str
    number: str  # the figure as written, to find the cue
    fields: dict[str, Any]


def _doc(
    source: str, published: date, title: str, lines: list[str], specs: list[Spec]
) -> DocumentResult:
    text = "\n".join([title, *lines]) + "\n"
    original = BANNER + text
    doc = CleanDocument(
        source=source,
        original=original,
        text=text,
        offsets=OffsetMap(((0, len(BANNER), len(text)),), len(text), len(original)),
        content_hash=hashlib.sha256(original.encode()).hexdigest(),
        text_hash=hashlib.sha256(text.encode()).hexdigest(),
        media_type="text/plain",
        title=title,
        published=published,
        published_source="given",
        removed=(RemovedSpan(0, len(BANNER), "app_banner", BANNER),),
    )
    facts = []
    for spec in specs:
        start = text.index(spec.sentence)
        cue = text.index(spec.number, start)
        fields: dict[str, Any] = {
            "measure": "flow", "term": "entered", "qualifier": "about", "unit": "people",
            "modality": "reported", "rate": "total", "population": "Russians", "origin": RU,
            "period_start": date(2022, 9, 21), "period_end": date(2022, 9, 27),
            "confidence": 0.9, "published": published, **spec.fields,
        }  # fmt: skip
        evidence = Evidence(
            spec.sentence, start, start + len(spec.sentence), spec.number, cue,
            cue + len(spec.number), start + len(BANNER), start + len(BANNER) + len(spec.sentence),
        )  # fmt: skip
        facts.append(Fact(document=source, evidence=evidence, **fields))
    return DocumentResult(source, doc, tuple(facts))


def results() -> list[DocumentResult]:
    """The five documents, in the order they are stored."""
    a_lines = [KZ_98, FILLER[0], GE_DAY, FILLER[1], FILLER[2]]
    kz98 = Spec(KZ_98, "98,000", {"value": 98000.0, "destination": KZ,
                                  "speaker": "Kazakh interior ministry"})  # fmt: skip
    ge_day = Spec(GE_DAY, "10,000", {
        "value": 10000.0, "destination": GE, "rate": "per_day", "term": "crossed",
        "period_start": date(2022, 9, 27), "place": LARS, "speaker": "Georgian officials",
    })  # fmt: skip
    a = _doc("wire/a.txt", date(2022, 9, 27),
             "Kazakhstan says 98,000 Russians have arrived", a_lines, [kz98, ge_day])  # fmt: skip
    b = _doc("post/b.txt", date(2022, 9, 28), "Russians keep leaving",
             [FILLER[1], KZ_98B, GE_53],
             [Spec(KZ_98B, "98,000", {"value": 98000.0, "high": 98000.0, "qualifier": "nearly",
                                      "destination": KZ, "speaker": "Kazakhstan's interior ministry"}),
              Spec(GE_53, "53,000", {"value": 53000.0, "low": 53000.0, "qualifier": "more_than",
                                     "destination": GE, "speaker": "Georgia's interior ministry"})])  # fmt: skip
    c = _doc("blog/c.txt", date(2022, 9, 30), "<b>Exodus</b> & the <i>border</i>",
             [KZ_200, FILLER[2]],
             [Spec(KZ_200, "200,000", {"value": 200000.0, "destination": KZ, "term": "fled",
                                       "speaker": "a local MP"})])  # fmt: skip
    copy = _doc("mirror/a.txt", date(2022, 9, 28), "Mirror: exodus to Kazakhstan", a_lines,
                [kz98, ge_day])  # fmt: skip
    e = _doc("ngo/e.txt", date(2022, 10, 1), "Shelters fill up in Tbilisi",
             [GE_STOCK, FILLER[0]],
             [Spec(GE_STOCK, "30,000", {"value": 30000.0, "destination": GE, "measure": "stock",
                                        "term": "hosted", "period_start": None,
                                        "period_end": date(2022, 10, 1)})])  # fmt: skip
    return [a, b, c, copy, e]


def fill(store: Store) -> list[DocumentResult]:
    """Store the corpus; returns what was stored."""
    found = results()
    for r in found:
        assert store.save_result(r) == "stored"
    return found


def fact_uid_of(store: Store, part: str, document: str | None = None) -> str:
    """The fact_uid of the stored fact whose sentence holds ``part``."""
    for f in store.facts(status="any", document=document):
        if part in f["evidence"]["sentence"]:
            return str(f["fact_uid"])
    raise LookupError(part)
