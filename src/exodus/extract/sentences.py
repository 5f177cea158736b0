"""A fast rule-based sentence splitter over cleaned text, with paragraph numbers.

It runs on every sentence of every article, so it uses regular expressions only; spaCy parses
just the sentences that the screen keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "st", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "gov", "sen", "rep", "u.s", "u.k", "u.n", "e.g", "i.e", "inc", "corp", "ltd", "jr", "sr", "mt",
}  # fmt: skip

# a sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space
# and an upper-case letter, a digit or an opening quote
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|[.!?]+\"(?=\")|[.!?]+(?=\"[A-Z])")
_PARA = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # initials: "J. Smith", "U.S."


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; paragraphs are separated by line breaks."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    for pm in [*_PARA.finditer(text), None]:
        pend = pm.start() if pm else len(text)
        block_start = pos
        cut = block_start
        for m in _END.finditer(text, block_start, pend):
            if text[m.start()] == "." and _is_abbreviation(text, m.start()):
                continue
            _append(out, text, cut, m.end(), para)
            cut = m.end()
        _append(out, text, cut, pend, para)
        para += 1
        pos = pm.end() if pm else len(text)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], para))


_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+while\s+|,\s+compared\s+with\s+")


def clause_bounds(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The clause of ``text[start:end]`` that holds offset ``at`` (split at ", and", ";" ...)."""
    cs, ce = start, end
    for m in _CLAUSE.finditer(text, start, end):
        if m.end() <= at:
            cs = m.end()
        elif m.start() > at:
            ce = m.start()
            break
    return cs, ce
