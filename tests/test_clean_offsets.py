"""Offsets: every character of the cleaned text maps back to the character it came from."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exodus.clean import CleanedText, clean_text
from exodus.clean.normalise import CHAR_MAP, is_hard_wrapped, normalise_fragment
from exodus.clean.offsets import Edit, EditableText

# -- EditableText --------------------------------------------------------------------------------


def test_edits_compose_across_passes():
    t = EditableText("ab  “cd”.Ef")
    t.apply([Edit(2, 3)])  # delete a space
    assert t.text == "ab “cd”.Ef"
    t.apply([Edit(3, 4, '"'), Edit(6, 7, '"'), Edit(8, 8, " ")])
    assert t.text == 'ab "cd". Ef'
    m = t.offset_map()
    assert [t.original[m.to_raw(i)] for i in range(len(t.text))] == list("ab “cd”.EEf")
    # the inserted space maps to the next original character
    assert m.to_raw(8) == t.original.index("E")
    assert m.span_to_raw(3, 7) == (4, 8)
    assert m.to_raw(len(t.text)) == len(t.original)


def test_overlapping_edits_are_refused():
    t = EditableText("abcdef")
    try:
        t.apply([Edit(0, 3), Edit(2, 4)])
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("overlap accepted")


def test_replacement_longer_than_its_source_inserts_the_rest():
    t = EditableText("a…b")
    t.apply([Edit(1, 2, "...")])
    m = t.offset_map()
    assert t.text == "a...b"
    assert m.to_raw(1) == 1  # first "." is the ellipsis
    assert m.to_raw(2) == 2  # the others are inserted: they map to "b"


# -- random articles with random debris ----------------------------------------------------------

WORDS = [
    "people",
    "border",
    "crossed",
    "the",
    "of",
    "thousands",
    "Georgia",
    "said",
    "on",
    "Tuesday",
    "queue",
    "3.5",
    "U.S.",
    "hours",
    "“quoted”",
    "it’s",
    "well-known",
    "10–12",
    "km",
    "a",
    "officials",
    "more",
    "than",
    "Kazakhstan",
    "e.g.",
    "www.example.com",
    "mobilization",
    "—",
    "families",
    "«many»",
    "and",
    "waited",
    "Mr.",
    "Smith",
    "to",
    "in",
]
SPACES = [" ", " ", " ", "  ", "\u00a0", "\u202f", "\u2009"]
DEBRIS_LINES = [
    "Advertisement",
    "Source link",
    "NEWYou can now listen to Fox News articles!",
    "Sign up for our daily newsletter.",
    "© 2022 Example Media. All rights reserved.",
    "Read more: Finland closes its border to Russian tourists",
    "Facebook Twitter Email",
    "Soldiers walk near a damaged bridge in the east.\n(JOHN SMITH/AFP via Getty Images)",
    "People queue at the border crossing on May 2, 2022. (AP Photo/Jane Doe)",
    "Trucks wait at the crossing. Photograph: Anna Ivanova/Reuters",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "By Jane Doe and John Roe",
    "Cookies | Privacy | Terms of use",
    "bur-sf/jh",
    "For more information, please contact: press@example.org",
    "Image caption,\nA family waits at the border crossing",
    "Lorries stand at the crossing on Thursday. \u2014 AFP",
    "Listen to this article\n5 mins",
    "Comments (14)",
    "Video Ad Feedback\nInside the queue\n02:31 - Source: XYZ",
    "skip past newsletter promotion\nSign up to Border Weekly\nafter newsletter promotion",
]
DEBRIS_MARKERS = [
    "Advertisement",
    "Source link",
    "listen to",
    "newsletter",
    "©",
    "Read more",
    "Facebook",
    "Soldiers walk",
    "Getty",
    "People queue",
    "AP Photo",
    "Trucks wait",
    "Photograph",
    "CLICK HERE",
    "BOXED IN",
    "Image caption",
    "Lorries",
    "Comments (14)",
    "Ad Feedback",
    "Border Weekly",
]
PROMO = "RUSSIAN TROOPS BOXED IN BY UKRAINIAN FORCES AND DNIEPER RIVER"


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=14))
    spaces = draw(st.lists(st.sampled_from(SPACES), min_size=len(words), max_size=len(words)))
    first = draw(st.sampled_from(["Thousands", "Officials", "Families", "The queue", "Georgia"]))
    body = first + "".join(s + w for s, w in zip(spaces, words, strict=True))
    return body + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def paragraphs(draw):
    parts = draw(st.lists(sentences(), min_size=1, max_size=4))
    glue = draw(
        st.lists(st.sampled_from([" ", "", "  "]), min_size=len(parts), max_size=len(parts))
    )
    text = parts[0] + "".join(g + p for g, p in zip(glue[1:], parts[1:], strict=True))
    return text, parts


@st.composite
def articles(draw):
    """``(text, sentences)``: paragraphs with debris lines between them, promos glued after
    sentence ends and credits glued before paragraphs."""
    paras = draw(st.lists(paragraphs(), min_size=1, max_size=6))
    lines: list[str] = []
    kept: list[str] = []
    for text, parts in paras:
        kept.extend(parts)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(DEBRIS_LINES)))
        if draw(st.integers(0, 4)) == 0:
            text = "(AP Photo/Jane Doe)" + text
        if draw(st.integers(0, 4)) == 0:
            text = text + draw(st.sampled_from([PROMO, "CLICK HERE TO GET THE FOX NEWS APP"]))
        lines.append(text)
    if draw(st.booleans()):
        lines.append("Source link")
    newline = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return newline.join(lines), kept


def _mapped(offsets, i: int) -> bool:
    return any(c0 <= i < c0 + n for c0, _, n in offsets.segments)


def _comes_from(ch: str, original: str, raw: int) -> bool:
    src = original[raw]
    return (
        ch == src
        or CHAR_MAP.get(src) == ch
        or unicodedata.normalize("NFC", original[raw : raw + 8])[:1] == ch
    )


def _without_removed(original: str, cleaned: CleanedText, a: int, b: int) -> str:
    out, pos = [], a
    for span in cleaned.removed:
        if span.start >= a and span.end <= b:
            out.append(original[pos : span.start])
            pos = span.end
    out.append(original[pos:b])
    return "".join(out)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_offsets(original: str, cleaned: CleanedText) -> None:
    text, offsets = cleaned.text, cleaned.offsets
    assert offsets.clean_length == len(text) and offsets.raw_length == len(original)
    for i, ch in enumerate(text):
        raw = offsets.to_raw(i)
        if ch.isspace():
            # white space is either original white space or inserted (mapped to what follows)
            assert not _mapped(offsets, i) or original[raw].isspace() or original[raw] in "\x85"
        else:
            assert _mapped(offsets, i), (i, ch)
            assert _comes_from(ch, original, raw), (i, ch, original[raw])
    for span in cleaned.removed:
        assert original[span.start : span.end] == span.text
    # removing the spans and normalising gives exactly the cleaned text
    rest = _without_removed(original, cleaned, 0, len(original))
    assert normalise_fragment(rest, soft_wraps=is_hard_wrapped(original)) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.data())
def test_random_articles_with_debris(article, data):
    original, kept = article
    cleaned = clean_text(original)
    check_offsets(original, cleaned)
    for marker in DEBRIS_MARKERS:
        assert marker not in cleaned.text, marker
    for sentence in kept:
        assert normalise_fragment(sentence) in cleaned.text, sentence
    # a clean substring maps to an original substring that normalises to it
    starts = [i for i, ch in enumerate(cleaned.text) if not ch.isspace()]
    i = data.draw(st.sampled_from(starts))
    j = data.draw(st.sampled_from([k + 1 for k in starts if k >= i]))
    a, b = cleaned.offsets.span_to_raw(i, j)
    fragment = _without_removed(original, cleaned, a, b)
    assert _squash(normalise_fragment(fragment)) == _squash(cleaned.text[i:j])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_keeps_its_offsets(original):
    check_offsets(original, clean_text(original))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "B",
                ".",
                "”",
                "“",
                '"',
                "’",
                " ",
                "\n",
                "\r\n",
                "\u00a0",
                "—",
                "e\u0301",
                "U.S.",
                "\u200b",
                "\t",
                "Ab",
                "CLICK HERE TO GO",
                "(AP Photo/X Y)",
                "!",
                "?",
            ]
        ),
        max_size=60,
    )
)
def test_tricky_pieces_keep_their_offsets(pieces):
    original = "".join(pieces)
    check_offsets(original, clean_text(original))
