"""HTML pages: article text through trafilatura, title, and a publication date from metadata only."""

from __future__ import annotations

import logging
import socket
from datetime import date

import pytest

from exodus.clean import clean_document
from exodus.clean.html import find_published
from exodus.models import RawDocument

PARAGRAPHS = [
    "About 10,000 people a day are now crossing from Russia into Georgia, the interior ministry "
    "said on Tuesday, twice the number seen last week.",
    "Queues at the Verkhny Lars crossing stretched for more than 20 kilometres, with some "
    "drivers saying they had waited for two days to reach the border post.",
    "Officials in Tbilisi said they were adding staff to speed up processing, but warned that "
    "the numbers could rise further in the coming days as more men try to avoid being drafted.",
]
TITLE = "Thousands cross into Georgia as queues grow"
# trafilatura keeps the <h1> as the first line, and so do we: headlines state figures too
ARTICLE = "\n\n".join([TITLE, *PARAGRAPHS])


def page(head: str = "", body_extra: str = "") -> str:
    """A news page with the clutter of a real one around three article paragraphs."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE} | The Daily Example</title>
<meta property="og:title" content="{TITLE}">
<meta name="description" content="Border officials said on 1 October 2021 that queues grew.">
{head}
<script>var tracking = "SCRIPT_TEXT_MUST_NOT_APPEAR"; window.dataLayer = [];</script>
<style>.promo {{ color: red }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on
our site. By continuing to browse you accept our cookie policy.</p><button>Accept all
cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>{TITLE}</h1>
<p class="byline">By Jane Reporter</p>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("SCRIPT_TEXT_MUST_NOT_APPEAR_EITHER");</script>
<p>{PARAGRAPHS[2]}</p>
{body_extra}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Kazakhstan says 100,000 have arrived since the mobilization</a></li>
<li><a href="/b">Finland tightens its border rules for Russian tourists</a></li></ul></aside>
</main>
<footer><p>© 2022 The Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a>
<div class="newsletter">Sign up for our newsletter to get the day's top stories.</div></footer>
</body>
</html>"""


META_DATE = '<meta property="article:published_time" content="2022-09-27T10:15:00+00:00">'
JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "x", "datePublished": "2022-09-26T08:00:00Z"}</script>'
)
BODY_DATE = "<p>Published on September 25, 2022. Updated 2022-09-25 10:00.</p>"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the clean stage tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def clean_html(html: str, **kwargs):
    return clean_document(RawDocument("page.html", html.encode("utf-8"), **kwargs))


def test_cluttered_page_gives_just_the_article(no_network, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    doc = clean_html(page(head=META_DATE), media_type="text/html")
    assert doc.text == ARTICLE
    assert doc.title == TITLE
    assert doc.published == date(2022, 9, 27)
    assert doc.published_source == "metadata"
    assert doc.media_type == "text/html"
    assert doc.language == "en"
    # offsets point into trafilatura's text
    assert doc.original.startswith(TITLE)
    assert doc.removed == ()
    i = doc.text.index("Verkhny Lars")
    a, b = doc.offsets.span_to_raw(i, i + len("Verkhny Lars"))
    assert doc.original[a:b] == "Verkhny Lars"
    # trafilatura and htmldate print and log nothing
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    assert not [r for r in caplog.records if r.name.startswith(("trafilatura", "htmldate"))]


def test_html_is_sniffed_without_a_media_type(no_network):
    doc = clean_html(page(head=META_DATE))
    assert doc.media_type == "text/html"
    assert doc.text == ARTICLE


def test_script_content_never_appears(no_network):
    doc = clean_html(page(head=META_DATE))
    assert "SCRIPT_TEXT" not in doc.text and "SCRIPT_TEXT" not in doc.original
    assert "dataLayer" not in doc.original and "color: red" not in doc.original


def test_clutter_never_appears(no_network):
    doc = clean_html(page(head=META_DATE))
    for clutter in (
        "cookie",
        "Home",
        "Politics",
        "Related stories",
        "Kazakhstan says",
        "©",
        "Privacy policy",
        "newsletter",
        "Jane Reporter",
    ):
        assert clutter not in doc.text, clutter


def test_date_only_in_the_body_gives_no_date(no_network):
    doc = clean_html(page(body_extra=BODY_DATE))
    # (a dateline in the body is page furniture: dropped, and never used for an HTML page)
    assert doc.published is None
    assert doc.published_source is None


def test_json_ld_date_published(no_network):
    doc = clean_html(page(head=JSON_LD, body_extra=BODY_DATE))
    assert doc.published == date(2022, 9, 26)
    assert doc.published_source == "metadata"


def test_date_from_the_url(no_network):
    doc = clean_html(page(), url="https://news.example.com/2022/09/24/georgia-border.html")
    assert doc.published == date(2022, 9, 24)
    assert doc.published_source == "url"
    assert doc.url == "https://news.example.com/2022/09/24/georgia-border.html"


def test_metadata_date_beats_the_url(no_network):
    doc = clean_html(page(head=META_DATE), url="https://news.example.com/2022/09/24/a.html")
    assert doc.published == date(2022, 9, 27)
    assert doc.published_source == "metadata"


def test_given_date_wins(no_network):
    doc = clean_html(page(head=META_DATE), published=date(2022, 9, 28))
    assert doc.published == date(2022, 9, 28)
    assert doc.published_source == "given"


def test_find_published_ignores_description_dates(no_network):
    html = page(head='<meta name="dc.description" content="Filed on 2021-10-01 10:00">')
    assert find_published(html) == (None, None)


def test_captions_in_extracted_text_are_dropped(no_network):
    caption = (
        "<p>Russian men queue at the Verkhny Lars crossing on September 26, 2022. "
        "(AP Photo/Jane Doe)</p>"
    )
    doc = clean_html(page(head=META_DATE, body_extra=caption))
    assert "AP Photo" not in doc.text
    assert "September 26" not in doc.text
    assert doc.text == ARTICLE
    assert [s.kind for s in doc.removed] == ["photo_caption"]
