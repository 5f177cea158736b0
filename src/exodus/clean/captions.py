"""Photo captions and credits in scraped article text.

A *credit* names who took or supplied a picture: ``(AP Photo/Kostiantyn Liberov)``,
``(Photo by ED JONES/AFP via Getty Images)``, ``(ALEXEI NIKOLSKY/Sputnik/AFP via Getty Images,
File)``, ``Reuters/Name``, ``Photograph: Name/Agency``.  It is recognised by its shape (photo words,
``via <agency>``, slash-separated parts one of which is a known agency, picture libraries), not by
exact strings; the agency names live in ``exodus/data/debris_agencies.txt``.  A name alone in
parentheses (``KYIV (Reuters) -``) is a dateline and is kept.

A *caption* is a line that describes a picture: one that ends in a credit, one that starts with
``Image:``/``Photograph:``, or a short line immediately followed by a line that is only a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

CAPTION_MAX_WORDS = 90  # a whole line ending in a credit is a caption up to this length
CAPTION_MAX_SENTENCES = 3
# a line followed by a credit-only line: one sentence up to 45 words, or two up to 30 words
LONE_CAPTION_MAX_WORDS = {1: 45, 2: 30}
CREDIT_MAX_CHARS = 160
TAIL_WINDOW = 300  # a bare credit ending a line is looked for in its last characters only


@cache
def agencies() -> tuple[str, ...]:
    """Agency names from the data file, longest first."""
    text = resources.files("exodus").joinpath("data/debris_agencies.txt").read_text("utf-8")
    names = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(names, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class _Patterns:
    agency_only: re.Pattern[str]
    photo_words: re.Pattern[str]
    agency_photo: re.Pattern[str]
    via: re.Pattern[str]
    library: re.Pattern[str]
    paren: re.Pattern[str]
    bare_tail: re.Pattern[str]
    bare_line: re.Pattern[str]
    image_lead: re.Pattern[str]
    dash_tail: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    agency = "(?:" + "|".join(re.escape(a) for a in agencies()) + ")"
    name = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al|el|bin))*"
    photo_by = (
        r"(?:Photo(?:graph)?s?|Images?|Pictures?|Pics?|Credits?|Illustrations?|Video|Footage)"
    )
    return _Patterns(
        agency_only=re.compile(rf"{agency}(?:\s*(?:,|/|and)\s*{agency})*"),
        photo_words=re.compile(
            rf"^(?:{photo_by}|Photo credit|Image credit)\s*(?:by\b|:|/|credit\b)"
            r"|\b(?:file|handout|pool|archive)\s+(?:photo|image|picture)\b"
            r"|\bPhoto(?:graph)?s?\s*/",
            re.I,
        ),
        agency_photo=re.compile(rf"\b(?:{agency}|[A-Z]{{2,6}})\s+(?:Photo|Images?|Pictures?)\b"),
        via=re.compile(rf"\bvia\s+{agency}\b"),
        library=re.compile(
            r"\b(?:Getty\s+Images|Shutterstock|Alamy|iStock(?:photo)?|NurPhoto|SOPA Images)\b", re.I
        ),
        paren=re.compile(
            rf"\(([^()\n]{{2,{CREDIT_MAX_CHARS}}})\)|\[([^\[\]\n]{{2,{CREDIT_MAX_CHARS}}})\]"
        ),
        bare_tail=re.compile(
            rf"(?:\b{photo_by}\s*(?:credit)?\s*:\s*[^\n:]{{1,100}}"
            rf"|\b{agency}\s+Photos?(?:\s*/\s*{name})?"
            rf"|\b{agency}\s*/\s*{name}"
            rf"|\b{name}\s*/\s*{agency}(?:\s*/\s*{agency})*(?:\s+via\s+{agency})?"
            rf"|\bvia\s+Getty\s+Images"
            rf"|\bGetty\s+Images)\s*[.]?\s*$"
        ),
        bare_line=re.compile(
            rf"^\s*(?:{photo_by}\s*(?:credit)?\s*:\s*)?(?:{name}\s*/\s*)?{agency}(?:\s*/\s*{name})?\s*$"
        ),
        image_lead=re.compile(
            r"^\s*(?:(?:Image|Photograph|Photo|Picture|Pic)s?\s*:\s*\S"
            r"|(?:Image|Media|Video) (?:source|caption)\s*,)",
            re.I,
        ),
        dash_tail=re.compile(
            rf"\s[-\u2013\u2014]{{1,2}}\s*(?:{agency})(?:\s*/\s*(?:File|{name}))?\s*$"
        ),
    )


_FILE_PREFIX = re.compile(r"^(?:File|Archive)(?: (?:photo|image))?\s*:\s*", re.I)
_FILE_SUFFIX = re.compile(r"\s*[,;-]?\s*(?:file|archive)(?:\s+(?:photo|image))?\s*$", re.I)
_CREDIT_ALONE = re.compile(r"(?:Getty Images|AP Photo|AFP Photo|Reuters Photo|File photo)\.?", re.I)


def is_credit(inner: str) -> bool:
    """Whether the text inside a pair of parentheses is a photo credit."""
    p = _patterns()
    whole = _FILE_PREFIX.sub("", inner.strip())
    if len(whole) > CREDIT_MAX_CHARS:
        return False
    if any(pat.search(whole) for pat in (p.photo_words, p.agency_photo, p.via, p.library)):
        return True
    s = _FILE_SUFFIX.sub("", whole)
    if not s:
        return False
    if p.agency_only.fullmatch(s):
        return s != whole  # "(Reuters, File)" is a credit, "(Reuters)" a dateline
    if "/" in s:
        parts = [part.strip() for part in s.split("/")]
        return any(p.agency_only.fullmatch(part) for part in parts) and len(parts) <= 4
    return False


def paren_credits(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every credit in parentheses or square brackets in ``line``
    (``(AP Photo/Jane Doe)``, ``[Karen Minasyan/AFP]``, ``[File: Yuri Kochetkov/EPA]``)."""
    return [
        m.span() for m in _patterns().paren.finditer(line) if is_credit(m.group(1) or m.group(2))
    ]


def tail_credit_start(line: str) -> int | None:
    """Where a credit that ends ``line`` starts (parenthesised or bare), or None."""
    stripped = line.rstrip()
    stripped_dot = stripped.rstrip(".")
    for start, end in paren_credits(stripped):
        if end >= len(stripped_dot):
            return start
    window = max(0, len(stripped) - TAIL_WINDOW)  # the pattern is anchored at the end
    m = _patterns().bare_tail.search(stripped, window)
    if m:
        return m.start()
    return None


def is_credit_line(line: str) -> bool:
    """A line that is nothing but a credit."""
    s = line.strip()
    if not s:
        return False
    spans = paren_credits(s)
    if spans and spans[0][0] == 0 and spans[0][1] >= len(s.rstrip(".")):
        return True
    if _patterns().bare_line.match(s) and ("/" in s or ":" in s or "Getty" in s):
        return True
    return bool(_CREDIT_ALONE.fullmatch(s))


def is_image_lead(line: str) -> bool:
    """A line that opens with ``Image:``, ``Photograph:`` and the like, or with a picture label
    such as ``Image source, Getty Images`` and ``Image caption, Refugees wait ...``."""
    return bool(_patterns().image_lead.match(line))


_LABEL_ALONE = re.compile(r"^\s*(?:Image|Media|Video) caption\s*,?\s*$", re.I)


def is_caption_label(line: str) -> bool:
    """``Image caption,`` (or ``Media caption,``) alone on its line: the next line is the
    caption."""
    return bool(_LABEL_ALONE.match(line))


DASH_CAPTION_MAX_WORDS = 45


def dash_credit_start(line: str) -> int | None:
    """Where an agency credit after a dash that ends a caption line starts (``... on Thursday.
    \u2014 AFP``, ``... October 1, 2022. - AFP``, ``\u2014 Reuters/File``), or None.  Only a short line
    of one or two sentences with no quotation in it counts: a paragraph of the story that ends
    with its wire's name is not a caption."""
    m = _patterns().dash_tail.search(line)
    if m is None:
        return None
    body = line[: m.start()].strip()
    if not body or any(q in body for q in '"\u201c\u201d'):
        return None
    if len(body.split()) > DASH_CAPTION_MAX_WORDS or count_sentences(body) > 2:
        return None
    return m.start()


_SENTENCE_END = re.compile(r"""[.!?]["”’']?\s+(?=["“”]?[A-Z0-9])""")
_GLUED_END = re.compile(r"""[a-z0-9)%][.!?]["”’]?(?=["“”]?[A-Z][a-z])""")


def count_sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip())) + 1 if text.strip() else 0


def caption_start(line: str, credit_at: int) -> int:
    """Where the caption that ends in the credit at ``credit_at`` starts within ``line``.

    The whole line when it is short; after the last glued sentence end (``said.Ukrainian troops``)
    when there is one, since captions are often glued onto the paragraph before them; otherwise the
    start of the last sentence before the credit.
    """
    body = line[:credit_at]
    glued = list(_GLUED_END.finditer(body))
    if glued:
        return glued[-1].end()
    words = len(body.split())
    if count_sentences(body) <= CAPTION_MAX_SENTENCES and words <= CAPTION_MAX_WORDS:
        return len(line) - len(line.lstrip())
    ends = list(_SENTENCE_END.finditer(body.rstrip()))
    return ends[-1].end() if ends else 0


def is_lone_caption(line: str) -> bool:
    """A short line that can be the caption of the credit-only line after it."""
    s = line.strip()
    if not s or s.endswith(":") or is_credit_line(s):
        return False
    return len(s.split()) <= LONE_CAPTION_MAX_WORDS.get(count_sentences(s), 0)
