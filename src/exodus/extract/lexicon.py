"""The extraction lexicons, read once from the data files under ``exodus/data``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from exodus.resources import read_lines, read_tsv


@dataclass(frozen=True)
class Movement:
    term: str
    kind: str  # verb | noun
    role: str  # subject | object


@dataclass(frozen=True)
class Lexicon:
    movement: dict[str, Movement]
    units: dict[str, tuple[str, float]]
    excluded: frozenset[str]
    reporting: frozenset[str]
    titles: frozenset[str]
    outlets: tuple[str, ...]
    not_movement: frozenset[str]
    events: tuple[tuple[re.Pattern[str], date], ...] = ()
    institutions: dict[str, str] | None = None  # alias (lower case) -> canonical name

    def canonical(self, name: str | None) -> str | None:
        """A known institution's usual name ("the UN refugee agency" -> "UNHCR")."""
        if not name or not self.institutions:
            return name
        key = re.sub(r"^(?:the|a)\s+", "", name.strip(), flags=re.I).lower()
        return self.institutions.get(key, name)

    def unit_of(self, lemma: str, text: str) -> tuple[str, float] | None:
        for key in (text.lower(), lemma.lower()):
            if key in self.units:
                return self.units[key]
        return None

    def is_excluded(self, lemma: str, text: str) -> bool:
        return lemma.lower() in self.excluded or text.lower() in self.excluded


def _institutions() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_tsv("institutions.tsv"):
        canonical = row[0]
        for alias in [canonical, *(row[1].split("|") if len(row) > 1 else [])]:
            out[alias.strip().lower()] = canonical
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    movement: dict[str, Movement] = {}
    for row in read_tsv("movement_terms.tsv"):
        lemma, term, kind, role = row[:4]
        movement.setdefault(lemma, Movement(term, kind, role))
    units = {row[0]: (row[1], float(row[2])) for row in read_tsv("units.tsv")}
    return Lexicon(
        movement=movement,
        units=units,
        excluded=frozenset(read_lines("excluded_nouns.txt")),
        reporting=frozenset(read_lines("reporting_verbs.txt")),
        titles=frozenset(w.lower() for w in read_lines("speaker_titles.txt")),
        outlets=tuple(read_lines("outlets.txt")),
        not_movement=frozenset(read_lines("not_movement_verbs.txt")),
        institutions=_institutions(),
        events=tuple(
            (re.compile(r"\b" + row[0] + r"\b", re.I), date.fromisoformat(row[1]))
            for row in read_tsv("events.tsv")
        ),
    )


_IRREGULAR = {
    "flee": ["fled", "flees", "fleeing"],
    "leave": ["left", "leaves", "leaving"],
    "come": ["came", "comes", "coming"],
    "seek": ["sought", "seeks", "seeking"],
    "stream": ["streamed", "streams", "streaming"],
}


def _surface_forms(lemma: str, kind: str) -> list[str]:
    if kind == "noun":
        plural = (
            lemma[:-1] + "ies"
            if lemma.endswith("y") and lemma[-2:-1] not in "aeiou"
            else lemma + "s"
        )
        return [lemma, plural]
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma]]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = [lemma, lemma + "s", stem + "ed", stem + "ing"]
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma) and len(lemma) <= 4:
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return forms


@lru_cache(maxsize=1)
def _surface_map() -> tuple[re.Pattern[str], dict[str, str]]:
    lex = load_lexicon()
    mapping: dict[str, str] = {}
    for lemma, mv in lex.movement.items():
        if mv.term in ("waited", "queued", "hosted") or lemma in (
            "come",
            "head",
            "move",
            "line",
            "apply",
            "land",
            "house",
            "register",
            "receive",
            "welcome",
            "reach",
            "stretch",
            "jam",
        ):
            continue  # too common to carry a movement into the next sentence
        for form in _surface_forms(lemma, mv.kind):
            mapping.setdefault(form, mv.term)
    pattern = re.compile(r"\b(" + "|".join(sorted(mapping, key=len, reverse=True)) + r")\b", re.I)
    return pattern, mapping


def movement_terms_in_text(text: str) -> list[str]:
    """Movement terms a sentence names, found by surface forms (no parse needed)."""
    pattern, mapping = _surface_map()
    return [mapping[m.group(1).lower()] for m in pattern.finditer(text)]


_GENERIC = {
    "come",
    "head",
    "move",
    "pass",
    "reach",
    "register",
    "receive",
    "house",
    "line",
    "land",
    "apply",
    "welcome",
    "stream",
    "pour",
    "return",
    "stretch",
    "jam",
    "seek",
    "travel",
    "enter",
    "exit",
}


@lru_cache(maxsize=1)
def document_cue_pattern() -> re.Pattern[str]:
    """Words without which a document is not about people on the move (data/screen_cues.txt)."""
    return re.compile(r"\b(?:" + "|".join(read_lines("screen_cues.txt")) + r")\b", re.I)


@lru_cache(maxsize=1)
def cue_pattern() -> re.Pattern[str]:
    """Words that make a sentence worth parsing: movement terms, people and queue nouns, demonyms."""
    lex = load_lexicon()
    forms: set[str] = set()
    for lemma, mv in lex.movement.items():
        if lemma not in _GENERIC:
            forms.update(_surface_forms(lemma, mv.kind))
    for noun in lex.units:
        forms.update(_surface_forms(noun, "noun"))
    forms.update(
        [
            "people",
            "men",
            "women",
            "children",
            "border",
            "borders",
            "checkpoint",
            "checkpoints",
            "idps",
            "exodus",
        ]
    )
    forms.update(row[0] for row in read_tsv("demonyms.tsv") if row)
    words = sorted((re.escape(f) for f in forms if len(f) > 2), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)


def has_cue(text: str) -> bool:
    return cue_pattern().search(text) is not None


def is_relevant(text: str) -> bool:
    return document_cue_pattern().search(text) is not None
