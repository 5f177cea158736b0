"""HTML -> article text, title and publication date (trafilatura and htmldate, offline).

The publication date comes from metadata only: date ``<meta>`` tags and JSON-LD
(``datePublished``), then the URL.  htmldate is handed a stripped-down page holding just those
elements, so it cannot fall back on dates written in the body text; and it gets a fixed
``max_date`` so that the result does not depend on the clock.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from exodus.models import PublishedSource

# trafilatura, htmldate and friends log at WARNING and ERROR for ordinary pages; they must not
# write to the user's terminal, so their loggers are switched off (they never print to stdout).
QUIET_LOGGERS = (
    "trafilatura",
    "htmldate",
    "courlan",
    "justext",
    "readability",
    "charset_normalizer",
)
for _name in QUIET_LOGGERS:
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)

MAX_DATE = "2099-12-31"  # fixed, so that no clock is read; htmldate's floor (1995) stays
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": MAX_DATE}
_DATE_META = re.compile(r"date|time|publi|creat|issue|modif|updat", re.I)
_META_KEYS = ("name", "property", "itemprop", "http-equiv")
_HAS_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@dataclass(frozen=True)
class HtmlExtract:
    text: str  # article text, paragraphs on their own lines ("" when there is none)
    title: str | None
    published: date | None
    published_source: PublishedSource | None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text, title and publication date of an HTML page.  Reads no network and no clock."""
    if not _HAS_DOCUMENT.search(html[:65536]):
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    text = ""
    title = None
    if document is not None:
        text = getattr(document, "text", None) or ""
        title = getattr(document, "title", None) or None
    if text:
        text = add_missing_lead(html, text, title)
    published, source = find_published(html, url)
    return HtmlExtract(text, title, published, source)


LEAD_MIN_WORDS = 12
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:intro|lead|lede|standfirst|summary|dek|deck|subhead(?:line)?|excerpt)"
    r"(?:$|[\s_-])",
    re.I,
)
_OUTSIDE = {"header", "nav", "footer", "aside", "figure", "figcaption", "form", "button"}
_PICTURE = {"img", "figure", "figcaption", "picture", "video", "iframe"}
_LEAD_END = re.compile(r"""[.!?]["\u201d\u2019']?$""")


def add_missing_lead(html: str, text: str, title: str | None = None) -> str:
    """``text`` with the lead paragraph put back when the page keeps it in a block of its own
    (``<div class="intro">``, ``standfirst``, ``article-lead``) outside the container the content
    extractor chose, as some news sites do with their first paragraph.

    Only prose is put back (a sentence of twelve words or more), never a caption or a block with
    a picture, and only what is not in ``text`` already.  It goes before the text, after the
    headline when the text starts with it.
    """
    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return text
    have = _squash(text)
    leads: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if not _LEAD_CLASS.search(marks) or _is_outside(el):
            continue
        if any(d.tag in _PICTURE for d in el.iter() if isinstance(d.tag, str)):
            continue
        lead = " ".join(el.text_content().split())
        if len(lead.split()) < LEAD_MIN_WORDS or not _LEAD_END.search(lead):
            continue
        if _squash(lead) in have or any(_squash(lead) in _squash(x) for x in leads):
            continue
        leads.append(lead)
    if not leads:
        return text
    first, _, rest = text.partition("\n")
    if title and _squash(first) == _squash(title):
        return "\n".join([first, *leads, rest]) if rest else "\n".join([first, *leads])
    return "\n".join([*leads, text])


def _is_outside(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in _OUTSIDE for a in el.iterancestors() if isinstance(a.tag, str))


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def find_published(html: str, url: str | None = None) -> tuple[date | None, PublishedSource | None]:
    """Publication date from date meta tags and JSON-LD, else from the URL; never the body."""
    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        tree = None
    canonical = None
    if tree is not None:
        found = _iso_date(_find_date(_metadata_page(tree), None))
        if found:
            return found, "metadata"
        links = tree.xpath('//link[@rel="canonical"]/@href')
        canonical = str(links[0]) if links else None
    page_url = url or canonical
    if page_url:
        found = _iso_date(_find_date(_EMPTY_PAGE, page_url))
        if found:
            return found, "url"
    return None, None


_EMPTY_PAGE = "<html><head></head><body><p></p></body></html>"


def _find_date(page: str, url: str | None) -> str | None:
    return htmldate.find_date(
        page, extensive_search=False, original_date=True, url=url, max_date=MAX_DATE
    )


def _metadata_page(tree: lxml.html.HtmlElement) -> str:
    """A page holding only the date ``<meta>`` tags and the JSON-LD blocks of ``tree``."""
    parts: list[str] = []
    for meta in tree.iter("meta"):
        keys = " ".join(str(meta.get(a, "")) for a in _META_KEYS)
        if _DATE_META.search(keys):
            parts.append(etree.tostring(meta, encoding="unicode", with_tail=False))
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        parts.append(etree.tostring(script, encoding="unicode", with_tail=False))
    return "<html><head>" + "".join(parts) + "</head><body><p></p></body></html>"


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
