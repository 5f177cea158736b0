"""Boilerplate that is more than one line, or that only a line's neighbours give away.

``find_blocks`` runs the rules of ``exodus/data/debris_blocks.txt``: a heading and the links to
other stories under it ("Most Read", "Keep reading", "Related Topics"), a newsletter box, a video
player's label, title and running time, the end matter after "-30-" or "Notes to editors" or an
outlet's appeal to its readers.

``find_labels`` looks at lines in their place in the page:

``masthead``    the issuer's name, section labels and outlet names around the headline
                ("Ministry of Internal Affairs of the Republic of Kazakhstan", "Press service",
                "Central Asia", "Tbilisi Bureau"): short lines with no figure and no sentence
``heading``     a section heading between paragraphs ("HIGHLIGHTS", "Road evacuation")
``author_bio``  "Jane Doe is a reporter for ...", "Jane reports on ..." at the foot of the page,
                with the name and outlet lines above it
``signature``   short lines with no sentence after the story's last paragraph ("Press service of
                the Ministry ...", "Thomson Reuters")

A line with a digit or a number word is never a label: headlines and key-figure lines carry facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

HEADER_LINES = 8  # labels are looked for among the first lines still standing
AFTER_TITLE_MAX_WORDS = 3  # a label below the headline: "Tbilisi Bureau", "Associated Press"
BEFORE_TITLE_MAX_WORDS = 14  # above it: "Ministry of Internal Affairs of the Republic of ..."
SHORT_LABEL_WORDS = 4  # above the headline, a label this short needs no issuer word
HEADING_MAX_WORDS = 4
CAPS_HEADING_MAX_WORDS = 5
PROSE_MIN_WORDS = 8
HEADLINE_MAX_WORDS = 20
FOOTER_LINES = 4  # an author's bio is looked for among the last lines still standing
SIGNATURE_MAX_WORDS = 14

_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|several|scores)\b",
    re.I,
)
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "for",
        "in",
        "on",
        "at",
        "to",
        "by",
        "with",
        "from",
        "as",
        "into",
        "over",
        "under",
        "after",
        "before",
        "about",
        "is",
        "are",
        "was",
        "were",
        "be",
        "has",
        "have",
        "had",
        "not",
        "no",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
    ]
)
_LABEL_END = re.compile(r"[\w)\]]$")
_SENTENCE_END = re.compile(r"""[.!?]["”’')]?$""")
_LIST_MARK = re.compile(r"^[\s\-•*·]+")
_MARKER = re.compile(
    r"^(?:list \d+ of \d+|list of \d+ items|end of list|\d{1,2}|Published\b.{0,30}|Video|Photos?"
    r"|Watch|Listen|Podcast)$",
    re.I,
)
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+\s+(?:is an?\b[^.\n]{0,80}?\b(?:reporter|"
    r"correspondent|writer|editor|journalist|producer|contributor|columnist|anchor|"
    r"photographer)\b|(?:reports|writes) (?:on|about|for)\b|covers\b|has covered\b)"
)


@dataclass(frozen=True)
class BlockRule:
    kind: str
    start: re.Pattern[str]
    end: re.Pattern[str] | str  # a pattern, or "<end>" / "<headlines>"
    max_lines: int


@cache
def block_rules() -> tuple[BlockRule, ...]:
    """The rules of ``debris_blocks.txt``."""
    data = resources.files("exodus").joinpath("data/debris_blocks.txt").read_text("utf-8")
    rules = []
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, start, end, most = line.split("\t")
        end_rule: re.Pattern[str] | str = end if end.startswith("<") else re.compile(end, re.I)
        rules.append(BlockRule(kind, re.compile(start, re.I), end_rule, int(most)))
    return tuple(rules)


@cache
def masthead_words() -> frozenset[str]:
    """Words that name an issuer or a kind of release ("Ministry", "Agency", "Press")."""
    data = resources.files("exodus").joinpath("data/masthead_words.txt").read_text("utf-8")
    return frozenset(
        w.strip().lower() for w in data.splitlines() if w.strip() and not w.startswith("#")
    )


Lines = list[tuple[int, int]]
AddSpan = Callable[[int, int, str], bool]
Touches = Callable[[int, int], bool]


def find_blocks(text: str, lines: Lines, add: AddSpan) -> None:
    """Add a span for every block that a rule of ``debris_blocks.txt`` finds."""
    nonblank = [(a, b) for a, b in lines if text[a:b].strip()]
    i = 0
    while i < len(nonblank):
        a, _ = nonblank[i]
        line = text[nonblank[i][0] : nonblank[i][1]]
        for rule in block_rules():
            if not rule.start.search(line):
                continue
            last = _block_end(text, nonblank, i, rule)
            if last is not None and add(a, nonblank[last][1], rule.kind):
                i = last
                break
        i += 1


def _block_end(text: str, nonblank: Lines, i: int, rule: BlockRule) -> int | None:
    """Index in ``nonblank`` of the last line of the block that starts at line ``i``."""
    following = nonblank[i + 1 :]
    if rule.end == "<end>":
        return len(nonblank) - 1 if len(following) <= rule.max_lines else None
    if rule.end == "<headlines>":
        last = None
        for k, (a, b) in enumerate(following[: rule.max_lines]):
            line = text[a:b]
            if not is_headline_like(line) or any(r.start.search(line) for r in block_rules()):
                break
            last = i + 1 + k
        return last
    assert isinstance(rule.end, re.Pattern)
    for k, (a, b) in enumerate(following[: rule.max_lines]):
        if rule.end.search(text[a:b]):
            return i + 1 + k
    return None


def is_headline_like(line: str) -> bool:
    """A link's text, a topic label or a list marker: short, and not a sentence of prose."""
    s = _LIST_MARK.sub("", line).strip()
    if not s:
        return False
    if _MARKER.fullmatch(s):
        return True
    if len(s.split()) > HEADLINE_MAX_WORDS:
        return False
    return s[-1] not in ".,;:" or s.endswith("...")


def find_labels(text: str, lines: Lines, add: AddSpan, touches: Touches) -> None:
    """Mastheads, headings, author bios and signatures (run after every other rule, on the
    lines still standing)."""
    standing = [(a, b) for a, b in lines if text[a:b].strip() and not touches(a, b)]
    _find_masthead(text, standing, add)
    standing = [(a, b) for a, b in standing if not touches(a, b)]
    _find_headings(text, standing, add)
    standing = [(a, b) for a, b in standing if not touches(a, b)]
    _find_footer(text, standing, add)


def _find_masthead(text: str, standing: Lines, add: AddSpan) -> None:
    titled = False
    for a, b in standing[:HEADER_LINES]:
        line = text[a:b].strip()
        if not titled and _is_headline(line):
            titled = True
        elif _is_label(line, above_title=not titled):
            add(a, b, "masthead")


def _is_headline(line: str) -> bool:
    """The story's headline: it has a figure, or four words or more with a lower-case content
    word ("On the situation at checkpoints on the Kazakh-Russian border")."""
    if any(c.isdigit() for c in line) or _NUMBER_WORDS.search(line):
        return True
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    content = [w for w in words if len(w) >= 4 and w.lower() not in _FUNCTION]
    return len(line.split()) >= 4 and any(w[0].islower() for w in content)


def _is_label(line: str, *, above_title: bool) -> bool:
    s = _LIST_MARK.sub("", line).strip()
    if not s or any(c.isdigit() for c in s) or _NUMBER_WORDS.search(s):
        return False
    if not _LABEL_END.search(s) or any(q in s for q in '"“”'):
        return False
    words = s.split()
    if not above_title:
        return len(words) <= AFTER_TITLE_MAX_WORDS
    if len(words) > BEFORE_TITLE_MAX_WORDS:
        return False
    named = {w.strip("()[],.|").lower() for w in words} & masthead_words()
    return len(words) <= SHORT_LABEL_WORDS or bool(named) or s.isupper()


def _find_headings(text: str, standing: Lines, add: AddSpan) -> None:
    """A short line between two paragraphs: after a sentence end, before a line of prose."""
    for k, (a, b) in enumerate(standing):
        line = text[a:b].strip()
        if k == 0 or k + 1 >= len(standing):
            continue
        before = text[standing[k - 1][0] : standing[k - 1][1]].strip()
        after = text[standing[k + 1][0] : standing[k + 1][1]].strip()
        if not _SENTENCE_END.search(before) or not _is_prose(after):
            continue
        words = line.split()
        limit = CAPS_HEADING_MAX_WORDS if line.isupper() else HEADING_MAX_WORDS
        plain = not any(c.isdigit() for c in line) and not _NUMBER_WORDS.search(line)
        shaped = _LABEL_END.search(line) and line[0].isupper()
        if plain and shaped and len(words) <= limit and (line.isupper() or len(words) >= 2):
            add(a, b, "heading")


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and bool(_SENTENCE_END.search(line))


def _find_footer(text: str, standing: Lines, add: AddSpan) -> None:
    """An author's bio among the last lines, with the short lines just above it (name, outlet);
    then the short lines with no sentence that are left after the last paragraph."""

    def line(k: int) -> str:
        return text[standing[k][0] : standing[k][1]].strip()

    remaining = list(range(len(standing)))
    for k in range(max(1, len(standing) - FOOTER_LINES), len(standing)):
        if _BIO.match(line(k)) and add(*standing[k], "author_bio"):
            j = k - 1
            while j > 0 and _is_signature(line(j)) and add(*standing[j], "author_bio"):
                j -= 1
            remaining = [*range(j + 1), *range(k + 1, len(standing))]
            break
    for k in reversed(remaining[1:]):
        if not _is_signature(line(k)):
            break
        add(*standing[k], "signature")


def _is_signature(line: str) -> bool:
    s = line.strip()
    if not s or _SENTENCE_END.search(s) or any(c.isdigit() for c in s):
        return False
    return len(s.split()) <= SIGNATURE_MAX_WORDS and _LABEL_END.search(s) is not None
