"""The clean stage: raw bytes -> clean text with an offset map back to the original.

``clean_document`` is pure: no I/O (beyond reading the package's own data files), no network, no
clock.  Steps:

1. ``decode``: size, emptiness and binary checks; UTF-8 (BOMs honoured, an HTML ``<meta charset>``
   used when UTF-8 fails and it decodes cleanly); an HTML sniff.
2. ``html`` (HTML only): trafilatura's main text, with a lead paragraph that the page keeps in a
   block of its own put back, becomes the *original* text that offsets point into; title;
   publication date from metadata or the URL.  (The headline trafilatura keeps as
   the first line stays in the text: headlines state figures too.)
3. ``debris``: boilerplate of scraped pages (app banners, promo headlines, captions, credits,
   calls to action, bylines, datelines, menus, lists of related links, newsletter boxes, end
   matter, mastheads, author bios, ...) removed, each piece recorded as a ``RemovedSpan`` in
   original offsets.  For plain text, a "Published ..." dateline at the top
   gives the publication date (``published_source="metadata"``).
4. ``normalise``: quotes, dashes and spaces mapped, glued sentences unglued, white space tidied
   (one blank line between paragraphs).
5. ``language``: non-English text is rejected.

Every rejection is an ``InputRejected`` with one of the codes EMPTY, BINARY, TOO_LARGE, ENCODING,
NO_TEXT, LANGUAGE.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from exodus.clean.debris import find_debris, published_from_datelines
from exodus.clean.decode import decode_content
from exodus.clean.html import extract_html
from exodus.clean.language import guess_language
from exodus.clean.normalise import is_hard_wrapped, normalise, normalise_fragment
from exodus.clean.offsets import Edit, EditableText
from exodus.errors import InputRejected
from exodus.models import CleanDocument, OffsetMap, PublishedSource, RawDocument, RemovedSpan

__all__ = ["DEFAULT_MAX_BYTES", "CleanedText", "clean_document", "clean_text"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_CJK = re.compile(r"[㐀-䶿一-鿿぀-ヿ가-힯]")


def clean_document(raw: RawDocument, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CleanDocument:
    """Decode, extract, strip boilerplate from and normalise one document.

    Raises :class:`InputRejected` (code EMPTY, BINARY, TOO_LARGE, ENCODING, NO_TEXT or LANGUAGE)
    for input that cannot be read as an English article.
    """
    decoded = decode_content(raw.content, raw.media_type, max_bytes)
    published = raw.published
    published_source: PublishedSource | None = "given" if published else None
    title: str | None = None
    if decoded.is_html:
        extract = extract_html(decoded.text, raw.url)
        original = extract.text
        title = normalise_fragment(extract.title) if extract.title else None
        if published is None and extract.published is not None:
            published, published_source = extract.published, extract.published_source
        if not _has_article_text(original):
            raise InputRejected("the HTML page has no article text", "NO_TEXT")
    else:
        original = decoded.text

    cleaned = clean_text(original)
    text = cleaned.text
    if published is None and not decoded.is_html:
        published = published_from_datelines(original, cleaned.removed)
        published_source = "metadata" if published else None
    if not text.strip():
        raise InputRejected("no text is left once boilerplate is removed", "NO_TEXT")

    guess = guess_language(text)
    if guess.judged and not guess.english:
        raise InputRejected(
            f"the text is not English (likely language: {guess.language}; "
            f"English function words {guess.english_share:.0%} of {guess.words} words)",
            "LANGUAGE",
        )
    return CleanDocument(
        source=raw.source,
        original=original,
        text=text,
        offsets=cleaned.offsets,
        content_hash=hashlib.sha256(raw.content).hexdigest(),
        text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        media_type="text/html" if decoded.is_html else "text/plain",
        title=title or None,
        url=raw.url,
        language=guess.language,
        published=published,
        published_source=published_source,
        removed=cleaned.removed,
    )


@dataclass(frozen=True)
class CleanedText:
    text: str
    offsets: OffsetMap  # text -> the original string given to clean_text
    removed: tuple[RemovedSpan, ...]


def clean_text(original: str) -> CleanedText:
    """Steps 3 and 4 on an already decoded text: drop debris, then normalise."""
    removed = find_debris(original)
    editable = EditableText(original)
    editable.apply(Edit(span.start, span.end) for span in removed)
    normalise(editable, soft_wraps=is_hard_wrapped(original))
    return CleanedText(editable.text, editable.offset_map(), tuple(removed))


def _has_article_text(text: str) -> bool:
    """Some line reads like prose: a sentence of five words or more, or a long line."""
    if len(_CJK.findall(text[:10_000])) >= 20:
        return True
    for line in text.splitlines():
        words = len(line.split())
        stripped = line.rstrip()
        if words >= 12 or (words >= 5 and stripped[-1:] in ".!?\"'”’)"):
            return True
    return False
