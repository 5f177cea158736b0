"""Scraped-text debris: the bits of a web page that are not the article.

``find_debris`` returns one :class:`RemovedSpan` per piece, in the offsets of the text it was given
(the original text), trimmed of surrounding white space.  Kinds:

``app_banner``       "NEWYou can now listen to Fox News articles!", "Listen to this article"
``promo_headline``   an ALL-CAPS headline of another story glued after a sentence end, or a line
                     of its own
``cta``              "CLICK HERE TO GET THE FOX NEWS APP", "Sign up for our newsletter", "Follow us"
``photo_caption``    a line describing a picture, with its credit
``photo_credit``     a credit alone on its line or glued to the next sentence
``related``          "Read more: ...", "Related: ..." lines, and lists of links under a heading
                     ("Most Read", "Keep reading" with its "list 1 of 3" markers)
``advertisement``    "Advertisement", "Ad Feedback" and similar placeholders
``source_link``      "Source link" left by scrapers
``share_row``        rows of social-network share buttons, "Link Copied!", "close panel"
``comments``         "Comments (14)", "Comments are closed on this story."
``copyright``        "© 2022 ..." and "All rights reserved" lines
``byline``           "By Jane Doe", "(Reporting by ...; Editing by ...)", "Author: ...",
                     "Source: Meduza", "... contributed to this report."
``dateline``         "Published 4:51 PM GMT, October 4, 2022", "Updated 4 hours ago" (first and
                     last lines only; "Published" alone anywhere)
``as_of``            "All information is valid as of ...", "... Last updated: 7 March 2022"
``post_stamp``       a social-media post's handle and time ("@BorderGuard · 07.03, 08:15")
``navigation``       menus, footers and breadcrumbs ("Cookies | Privacy | Terms", "Home > News"),
                     page tools ("Print version"), a section label on the first line ("WORLD")
``contact``          "For more information, please contact:" and e-mail/phone/web-address lines
``desk_code``        wire desk initials ("bur-sf/jh")
``key_events``       a live blog's "Key events" list of time-stamped links
``liveblog``         a live blogger's sign-off ("That's all from me for today."), an entry's
                     time stamp ("16.05 BST", "Updated at 16.40 BST", "2h ago")
``widget``           "Please turn on JavaScript to use this feature", video players
``end_matter``       what follows "-30-", "Notes to editors", an outlet's appeal to its readers
``masthead``, ``heading``, ``author_bio``, ``signature``: see :mod:`exodus.clean.blocks`
``publisher_note``   "Our Standards: The Thomson Reuters Trust Principles.", "Republished with
                     permission of ..."

Phrase patterns live in ``exodus/data/debris_phrases.txt`` and rules for several lines in
``exodus/data/debris_blocks.txt`` (:mod:`exodus.clean.blocks`); captions and credits are found by
:mod:`exodus.clean.captions`.  Blocks are found first, one-line debris next, and the labels that
only a line's neighbours give away (mastheads, headings, bios, signatures) last, on the lines
still standing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources

from exodus.clean import blocks, captions, furniture
from exodus.models import RemovedSpan

IMAGE_LEAD_MAX_WORDS = 60
CAPS_MIN_WORDS = 3  # a glued ALL-CAPS run needs this many words of two letters or more
CAPS_LINE_MIN_WORDS = 4  # an ALL-CAPS line of its own needs this many
CAPS_MIN_LETTERS = 12
CAPS_MIN_LOWER_SHARE = 0.2  # below this share of small letters the text is shouted: keep caps
# lines (a glued run is only removed when the sentence before it is in mixed case)
UPPER_SAMPLE = 200_000

_CAPS_CHARS = r"A-Z0-9À-ÖØ-Þ'’‘,:;&$%/.?!()\-–— "
_CAPS_START = re.compile(r"""(?:(?<=[.!?])["”’]?(?=[A-ZÀ-ÖØ-Þ])|^(?=[A-Z0-9À-ÖØ-Þ]))""", re.M)
_CAPS_BODY = re.compile(rf"(?:[A-Z0-9À-ÖØ-Þ]{{2}}|[AI] )[{_CAPS_CHARS}]*")
_CAPS_WORD = re.compile(r"[A-Z0-9À-ÖØ-Þ'’]*[A-ZÀ-ÖØ-Þ][A-Z0-9À-ÖØ-Þ'’]*")
_CTA_LEAD = re.compile(
    r"(?:CLICK|TAP) HERE|SIGN UP|SUBSCRIBE|DOWNLOAD|GET (?:THE|OUR)|WATCH|LISTEN|FOLLOW|READ MORE"
)
_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")


@cache
def phrase_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(kind, pattern)`` pairs from ``debris_phrases.txt``."""
    data = resources.files("exodus").joinpath("data/debris_phrases.txt").read_text("utf-8")
    out: list[tuple[str, re.Pattern[str]]] = []
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        out.append((kind.strip(), re.compile(pattern, re.I)))
    return tuple(out)


class _Spans:
    """Non-overlapping spans; the first one found wins."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, kind: str) -> bool:
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end or self.touches(start, end):
            return False
        bisect.insort(self.items, (start, end, kind))
        return True

    def touches(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.items, (start,))
        if i > 0 and self.items[i - 1][1] > start:
            return True
        return i < len(self.items) and self.items[i][0] < end


def find_debris(text: str) -> list[RemovedSpan]:
    """Every piece of boilerplate in ``text``, as removed spans in ``text`` offsets."""
    lines = _lines(text)
    spans = _Spans(text)
    blocks.find_blocks(text, lines, spans.add)
    _find_captions(text, lines, spans)
    _find_caps_runs(
        text, spans, caps_lines=_lower_share(text[:UPPER_SAMPLE]) >= CAPS_MIN_LOWER_SHARE
    )
    _find_phrases(text, lines, spans)
    _find_furniture(text, lines, spans)
    blocks.find_labels(text, lines, spans.add, spans.touches)
    return [RemovedSpan(s, e, kind, text[s:e]) for s, e, kind in spans.items]


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _find_captions(text: str, lines: list[tuple[int, int]], spans: _Spans) -> None:
    previous: tuple[int, int] | None = None  # the last non-blank line
    labelled = False  # the line before was "Image caption," alone
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            continue
        dash_at = captions.dash_credit_start(line)
        if labelled:
            spans.add(a, b, "photo_caption")
            labelled = False
        elif captions.is_caption_label(line):
            spans.add(a, b, "photo_caption")
            labelled = True
        elif dash_at is not None:
            spans.add(a, b, "photo_caption")
        elif captions.is_credit_line(line):
            spans.add(a, b, "photo_credit")
            if previous is not None and not spans.touches(*previous):
                prev_line = text[previous[0] : previous[1]]
                if captions.is_lone_caption(prev_line):
                    spans.add(previous[0], previous[1], "photo_caption")
        elif captions.is_image_lead(line) and len(line.split()) <= IMAGE_LEAD_MAX_WORDS:
            spans.add(a, b, "photo_caption")
        else:
            at = captions.tail_credit_start(line)
            if at is not None and line[:at].strip():
                spans.add(a + captions.caption_start(line, at), b, "photo_caption")
            for s, e in captions.paren_credits(line):
                spans.add(a + s, a + e, "photo_credit")
        previous = (a, b)


def _find_caps_runs(text: str, spans: _Spans, *, caps_lines: bool) -> None:
    """ALL-CAPS runs glued after the end of a mixed-case sentence, and (when ``caps_lines``: the
    text is not shouted throughout) ALL-CAPS lines of their own."""
    done = 0
    for start in _CAPS_START.finditer(text):
        s = start.end()
        body = _CAPS_BODY.match(text, s) if s >= done else None
        if body is None:
            continue
        e = _caps_run_end(text, s, body.end())
        if e is None:
            continue
        run = text[s:e]
        words = [w for w in _CAPS_WORD.findall(run) if sum(c.isalpha() for c in w) >= 2]
        letters = sum(c.isalpha() for c in run)
        if len(words) < CAPS_MIN_WORDS or letters < CAPS_MIN_LETTERS:
            continue
        at_line_start = start.start() == s and (s == 0 or text[s - 1] == "\n")
        if at_line_start:
            if not caps_lines or len(words) < CAPS_LINE_MIN_WORDS:
                continue
        elif not any(c.islower() for c in text[max(0, s - 60) : s]):
            continue  # the sentence before is shouted too
        if spans.add(s, e, "cta" if _CTA_LEAD.match(run) else "promo_headline"):
            done = e


def _caps_run_end(text: str, s: int, e: int) -> int | None:
    """Where the caps run ``text[s:e]`` really ends: not in the capital that starts a glued
    mixed-case sentence, not in trailing spaces.  None when a run at a line start goes on into
    mixed-case text (it is the start of an ordinary sentence, "NATO AND EU leaders met")."""
    at_line_start = s == 0 or text[s - 1] == "\n"
    following = text[e] if e < len(text) else "\n"
    glued = following in '"“”„'
    if following.islower():
        glued = text[e - 1].isalpha()
        if glued:
            e -= 1  # the capital that starts the glued mixed-case sentence
    while e > s and text[e - 1] in " (":
        e -= 1
    if following.islower() and re.search(r"\s[AI]$", text[s:e]):
        e -= 2  # "... SINKS I think": the pronoun starts the next sentence
    if at_line_start and not (glued or following in "\r\n\u2028\u2029\x85"):
        return None
    return e


def _find_phrases(text: str, lines: list[tuple[int, int]], spans: _Spans) -> None:
    patterns = phrase_patterns()
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            continue
        for kind, pattern in patterns:
            for m in pattern.finditer(line):
                spans.add(a + m.start(), a + m.end(), kind)


def _find_furniture(text: str, lines: list[tuple[int, int]], spans: _Spans) -> None:
    nonblank = sum(1 for a, b in lines if text[a:b].strip())
    seen = 0  # non-blank lines so far
    skip_until = -1
    for index, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            continue
        seen += 1
        if index <= skip_until:
            spans.add(a, b, "key_events")
            continue
        block = furniture.key_events_block([text[x:y] for x, y in lines[index : index + 40]])
        if block:
            skip_until = index + block - 1
            spans.add(a, b, "key_events")
            continue
        in_zone = seen <= furniture.HEADER_LINES or seen > nonblank - furniture.FOOTER_LINES
        kind = None
        if in_zone and furniture.is_dateline(line):
            kind = "dateline"
        elif furniture.is_byline(line) or furniture.is_credit_paren(line):
            kind = "byline"
        elif furniture.is_desk_code(line):
            kind = "desk_code"
        elif furniture.is_navigation(line) or (seen == 1 and furniture.is_section_label(line)):
            kind = "navigation"
        elif furniture.is_contact(line):
            kind = "contact"
        if kind:
            spans.add(a, b, kind)


def published_from_datelines(text: str, removed: Sequence[RemovedSpan]) -> date | None:
    """The publication date of a scraped text, from a dateline near its top: one that says
    "Published" if there is one, else the first that is not an "Updated" or "As of" line."""
    header_end = _header_end(text)
    candidates = [s for s in removed if s.kind == "dateline" and s.start < header_end]
    ordered = [s for s in candidates if furniture.says_published(s.text)] + candidates
    for span in ordered:
        found = furniture.dateline_date(span.text)
        if found:
            return found
    return None


def _header_end(text: str) -> int:
    seen = 0
    for a, b in _lines(text):
        if text[a:b].strip():
            seen += 1
            if seen == furniture.HEADER_LINES:
                return b
    return len(text)


def _lower_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return 0.0
    return sum(1 for c in text if c.islower()) / letters
