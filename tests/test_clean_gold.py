"""Cleaning against the gold files: every boilerplate string a gold file lists is gone from the
cleaned text, and every gold cue (the words a fact or a not-fact is read from) is still there.

``exodus eval`` scores facts, not boilerplate, so this is where the ``boilerplate`` lists of the
development set (``eval/dev``) and the sample corpus are checked.  Held-out documents
(``eval/devtest``) are left out on purpose.

How a boilerplate string is looked for: in the *original* text of the document (the decoded file,
or for HTML the text trafilatura extracted), white space taken loosely.  Where the string fills a
line of its own (list markers aside), those lines must be dropped; a string that never stands on
its own line (a promo headline glued onto a sentence, a credit glued to the next paragraph) must
be dropped wherever it occurs, unless it is a word or two ("Share", "AP"), which may also be an
ordinary word of the story.  Entries that are descriptions rather than text ("inline <script> ...")
are not found and so not checked.  "Dropped" is read off the offset map: no visible character of
the cleaned text may come from the string's stretch of the original.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from exodus.clean import clean_document
from exodus.clean.normalise import normalise_fragment
from exodus.models import CleanDocument, RawDocument

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = (ROOT / "eval" / "dev", ROOT / "src" / "exodus" / "samples")
SHORT = 20  # a string shorter than this, of one or two words, is checked on its own lines only
_LIST_MARK = re.compile(r"^[\s\-•*·–—]*|\s*$")


def _gold_files() -> list[Path]:
    return sorted(p for d in GOLD_DIRS for p in d.glob("*.gold.json"))


@cache
def _cleaned(gold_path: Path) -> tuple[dict, CleanDocument]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = gold_path.with_name(gold["document"])
    media = "text/html" if article.suffix in (".html", ".htm") else "text/plain"
    return gold, clean_document(RawDocument(str(article), article.read_bytes(), media))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", normalise_fragment(text)).strip()


def _kept(doc: CleanDocument) -> list[bool]:
    """For each character of the original: does a visible character of the cleaned text come
    from it?"""
    kept = [False] * len(doc.original)
    for clean_start, raw_start, length in doc.offsets.segments:
        for i in range(length):
            if not doc.text[clean_start + i].isspace():
                kept[raw_start + i] = True
    return kept


def _occurrences(original: str, needle: str) -> list[tuple[int, int, bool]]:
    """``(start, end, whole_line)`` of each occurrence of ``needle`` in ``original``: within a
    line if it is there (a key-events item "15.48 BST Mongolia: ..." is not the entry's time
    stamp and headline on two lines), else across line breaks."""
    words = needle.split()
    if not words:
        return []
    within = re.compile(r"[^\S\n]+".join(re.escape(w) for w in words))
    across = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = list(within.finditer(original)) or list(across.finditer(original))
    out = []
    for m in found:
        line_start = original.rfind("\n", 0, m.start()) + 1
        line_end = original.find("\n", m.end())
        line_end = len(original) if line_end < 0 else line_end
        before = original[line_start : m.start()]
        after = original[m.end() : line_end]
        whole = not _LIST_MARK.sub("", before) and not after.strip()
        out.append((m.start(), m.end(), whole))
    return out


def boilerplate_left(gold: dict, doc: CleanDocument) -> list[str]:
    """The gold boilerplate strings that survive cleaning, with their context."""
    kept = _kept(doc)
    left = []
    for entry in gold.get("boilerplate", []):
        found = _occurrences(doc.original, entry)
        whole = [(s, e) for s, e, w in found if w]
        short = len(entry) < SHORT and len(entry.split()) <= 2
        spans = whole or ([] if short else [(s, e) for s, e, _ in found])
        for s, e in spans:
            if any(kept[s:e]):
                survivor = "".join(
                    c for c, k in zip(doc.original[s:e], kept[s:e], strict=True) if k
                )
                left.append(f"{entry!r} (kept: {survivor[:60]!r})")
                break
    return left


def cues_lost(gold: dict, doc: CleanDocument, *, not_facts: bool) -> list[str]:
    """Gold cues no longer in the cleaned text.  With ``not_facts``, the cues of not-facts too,
    except those that are part of a boilerplate string (a caption's date, a related link's
    figure) or of a photo caption that cleaning removed as such."""
    text = _squash(doc.text)
    debris = " ".join(_squash(b) for b in gold.get("boilerplate", []))
    debris += " " + " ".join(
        _squash(s.text) for s in doc.removed if s.kind in ("photo_caption", "photo_credit")
    )
    lost = [f["cue"] for f in gold["facts"] if _squash(f["cue"]) not in text]
    if not_facts:
        for f in gold.get("not_facts", []):
            cue = _squash(f["cue"])
            if cue not in text and cue not in debris:
                lost.append(f["cue"])
    return lost


@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.name.split(".")[0])
def test_gold_boilerplate_is_removed(gold_path: Path) -> None:
    gold, doc = _cleaned(gold_path)
    assert boilerplate_left(gold, doc) == []


@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.name.split(".")[0])
def test_gold_cues_survive_cleaning(gold_path: Path) -> None:
    gold, doc = _cleaned(gold_path)
    # trafilatura decides what of an HTML page is article text; not-fact cues of a page may be in
    # parts it leaves out (a standfirst, a related list), so only fact cues are checked there
    assert cues_lost(gold, doc, not_facts=doc.media_type == "text/plain") == []


def test_the_checks_can_fail() -> None:
    """The helpers above report a surviving string and a lost cue (so a pass means something)."""
    raw = (
        "Officials in the capital said the border stayed calm on Tuesday.\n"
        "Sign up for our daily newsletter\n5,000 people crossed on Monday.\n"
    )
    doc = clean_document(RawDocument("x.txt", raw.encode(), "text/plain"))
    gold = {
        "boilerplate": ["the border stayed calm", "5,000 people crossed"],
        "facts": [{"cue": "5,000 people crossed"}, {"cue": "not in the text"}],
        "not_facts": [],
    }
    left = boilerplate_left(gold, doc)
    assert len(left) == 2 and "border stayed calm" in left[0]
    assert cues_lost(gold, doc, not_facts=True) == ["not in the text"]
