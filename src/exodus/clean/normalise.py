"""Unicode and white-space normalisation, and ungluing of sentences, all with offset tracking.

Each ``*_edits`` function looks at a text and returns the :class:`Edit` s that normalise it; the
caller applies them to an :class:`EditableText`.  ``normalise_fragment`` runs the same passes on a
plain string (handy in tests and for titles).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from exodus.clean.offsets import Edit, EditableText

# One character in, one character out: the map keeps offsets one-to-one.
CHAR_MAP: dict[str, str] = {
    **dict.fromkeys("“”„‟«»〝〞＂", '"'),
    **dict.fromkeys("‘’‚‛‹›′", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008", " "),
    **dict.fromkeys("\u2009\u200a\u202f\u205f\u3000\t\v\f", " "),
    **dict.fromkeys("\u2028\u2029\x85", "\n"),
}
# Characters dropped outright: zero-width marks, soft hyphen, stray BOMs, C0/C1 controls.
DROP_CHARS = frozenset(
    "\u200b\u200e\u200f\u2060\ufeff\u00ad"
    + "".join(chr(c) for c in range(0, 32) if chr(c) not in "\t\n\v\f\r")
    + "".join(chr(c) for c in range(0x7F, 0xA0) if c != 0x85)
)
_SPECIAL = re.compile("[" + re.escape("".join(CHAR_MAP) + "".join(sorted(DROP_CHARS))) + r"]|\r\n?")
_COMBINING_RUN = re.compile(
    r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S
)

# Words that end in a period without ending a sentence ("Mr.Smith" is not two sentences).
_ABBREVIATIONS = """
    mr mrs ms dr st jr sr gen lt col sgt capt maj cmdr adm gov sen rep prof rev hon pres
    no nos vol fig approx dept est inc ltd co corp vs jan feb mar apr jun jul aug sep sept
    oct nov dec mt ft ph
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
# A sentence end glued to what follows: ``invasion of Ukraine.Putin``, ``families."My``.
_GLUE = re.compile(r"""(?<=\S)[.!?…]+(?P<quotes>"{0,2})(?=[A-Z](?:[a-z'\s]|[A-Z]+\b))""")

_ADDRESS_TAIL = re.compile(r"[@/]|\.[a-z]")


def char_edits(text: str) -> list[Edit]:
    """Map curly quotes, dashes and odd spaces; drop zero-width and control characters; CRLF -> LF;
    compose combining marks (NFC)."""
    edits: list[Edit] = []
    for m in _SPECIAL.finditer(text):
        s = m.group()
        if s == "\r\n":
            edits.append(Edit(m.start(), m.start() + 1, ""))
        elif s == "\r":
            edits.append(Edit(m.start(), m.end(), "\n"))
        elif s in DROP_CHARS:
            edits.append(Edit(m.start(), m.end(), ""))
        else:
            edits.append(Edit(m.start(), m.end(), CHAR_MAP[s]))
    if not unicodedata.is_normalized("NFC", text):
        taken = {e.start for e in edits}
        for m in _COMBINING_RUN.finditer(text):
            composed = unicodedata.normalize("NFC", m.group())
            if composed != m.group() and taken.isdisjoint(range(m.start(), m.end())):
                edits.append(Edit(m.start(), m.end(), composed))
    return edits


def glue_edits(text: str) -> list[Edit]:
    """Insert a space where a sentence end is glued to the next sentence.

    ``Ukraine.Putin`` -> ``Ukraine. Putin``.  Quote marks between the two sentences are told apart
    by alternation within the line (after normalisation every double quote is ``"``):
    ``hours.""There`` -> ``hours." "There``, ``families."My`` (an opening quote) ->
    ``families. "My``, ``said."The`` (a closing one) -> ``said." The``.  Abbreviations (``U.S.``,
    ``e.g.``, ``Mr.``), initials, decimals and web addresses are left alone.
    """
    edits: list[Edit] = []
    for m in _GLUE.finditer(text):
        punct_at = m.start()
        if _is_not_sentence_end(text, punct_at) or _is_address(text, m.end()):
            continue
        after_punct = m.start("quotes")
        quotes = m.group("quotes")
        closing = 0
        if quotes:
            line_start = text.rfind("\n", 0, punct_at) + 1
            before = text.count('"', line_start, after_punct)
            while closing < len(quotes) and (before + closing) % 2 == 1:
                closing += 1
        edits.append(Edit(after_punct + closing, after_punct + closing, " "))
    return edits


def _is_not_sentence_end(text: str, punct_at: int) -> bool:
    """True when the period at ``punct_at`` ends an abbreviation, an initial or an address."""
    window = text[max(0, punct_at - 60) : punct_at]
    token = window[max(window.rfind(" "), window.rfind("\n")) + 1 :].lstrip("(\"'[")
    low = token.lower()
    if not low or "." in low or "@" in low or "/" in low:  # U.S., e.g., www.fox.com, 3.5
        return True
    if low in ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isupper()  # an initial: "J.Smith"


def _is_address(text: str, at: int) -> bool:
    """The word at ``at`` belongs to an e-mail or web address (``john.Smith@x.com``)."""
    window = text[at : at + 60]
    word = window.split(None, 1)[0] if window.strip() else ""
    return bool(_ADDRESS_TAIL.search(word))


def whitespace_edits(text: str, *, soft_wraps: bool | None = None) -> list[Edit]:
    """Strip lines, collapse runs of spaces, and separate paragraphs with one blank line.

    A text whose paragraphs are already separated by blank lines and whose lines are wrapped at a
    fixed width has its single line breaks joined with a space; otherwise every line is a
    paragraph.  ``soft_wraps`` overrides that test (it is best made on the text before debris
    was cut out of it, see :func:`is_hard_wrapped`).
    """
    edits: list[Edit] = []
    if soft_wraps is None:
        soft_wraps = is_hard_wrapped(text)
    for m in re.finditer(r"\s+", text):
        a, b = m.start(), m.end()
        run = m.group()
        newlines = run.count("\n")
        if a == 0 or b == len(text):
            target = ""
        elif newlines == 0 or (newlines == 1 and soft_wraps):
            target = " "
        else:
            target = "\n\n"
        if run != target:
            edits.extend(_collapse(a, run, target))
    return edits


def _collapse(start: int, run: str, target: str) -> list[Edit]:
    """Edits turning the white-space ``run`` at ``start`` into ``target``, keeping the original
    characters that match ``target`` (in order) so that they map to themselves."""
    edits: list[Edit] = []
    pos = 0
    matched = 0
    for ch in target:
        hit = run.find(ch, pos)
        if hit < 0:
            break
        if hit > pos:
            edits.append(Edit(start + pos, start + hit, ""))
        pos = hit + 1
        matched += 1
    rest = target[matched:]  # inserted: maps to the next original character
    if pos < len(run) or rest:
        edits.append(Edit(start + pos, start + len(run), rest))
    return edits


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs separated by blank lines, with the lines inside them wrapped at a fixed width
    (plain-text mail, wire copy): most lines followed by another line are 40-100 characters."""
    lines = [ln.strip() for ln in text.replace("\r", "").split("\n")]
    if not any(not a and b for a, b in itertools.pairwise(lines)):
        return False  # no blank line between two blocks
    inner = [len(a) for a, b in itertools.pairwise(lines) if a and b]
    if len(inner) < 3:
        return False
    wrapped = sum(1 for n in inner if 40 <= n <= 100)
    return wrapped >= 0.75 * len(inner) and max(inner) <= 120


def normalise_fragment(text: str, *, soft_wraps: bool | None = None) -> str:
    """The character, glue and white-space passes on a plain string."""
    editable = EditableText(text)
    normalise(editable, soft_wraps=soft_wraps)
    return editable.text


def normalise(editable: EditableText, *, soft_wraps: bool | None = None) -> None:
    """Run the character, glue and white-space passes on ``editable`` in place."""
    editable.apply(char_edits(editable.text))
    editable.apply(glue_edits(editable.text))
    editable.apply(whitespace_edits(editable.text, soft_wraps=soft_wraps))
