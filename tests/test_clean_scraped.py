"""Debris of scraped news pages as real outlets lay them out: blocks of links, newsletter boxes,
end matter, mastheads, headings, author bios, picture labels, time stamps and leads that a
content extractor leaves out.  Every text here is written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from exodus.clean import clean_document, clean_text
from exodus.clean.blocks import is_headline_like
from exodus.clean.captions import dash_credit_start, is_credit
from exodus.clean.html import add_missing_lead
from exodus.models import RawDocument
from test_clean_gold import _cleaned, _gold_files
from test_clean_offsets import check_offsets

P1 = "More than 3,000 people crossed into Mongolia on Monday, the border agency said on Tuesday."
P2 = "Drivers said they had waited up to ten hours on the Russian side of the Kyakhta crossing."
P3 = "The agency said it had sent more officers to the crossing to speed up the checks there."


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in clean_text(text).removed]


def kept(text: str) -> str:
    return clean_text(text).text


# -- blocks --------------------------------------------------------------------------------------
def test_links_under_a_heading_go_and_the_story_goes_on():
    text = "\n".join(
        [P1, "Most Read", "Heatwave breaks records in 12 countries", "Strikes hit ports", P2, P3]
    )
    assert kept(text) == f"{P1}\n\n{P2}\n\n{P3}"
    assert kinds(text)[0][0] == "related"


def test_topic_lists_and_list_markers_go():
    text = "\n".join(
        [
            P1,
            "Keep reading",
            "list of 2 items",
            "list 1 of 2",
            "Who is being called up?",
            "list 2 of 2",
            "Kazakhstan says 200,000 Russians have crossed",
            "end of list",
            P2,
            "Related Topics",
            "- Mongolia",
            "- Russia",
        ]
    )
    assert kept(text) == f"{P1}\n\n{P2}"


def test_a_heading_with_no_links_under_it_is_only_itself():
    # the line after "Read more" is prose: it stays
    text = f"{P1}\nRead more\n{P2}\n{P3}"
    assert kept(text) == f"{P1}\n\n{P2}\n\n{P3}"


@pytest.mark.parametrize(
    ("line", "headline_like"),
    [
        ("Heatwave breaks records in 12 countries", True),
        ("Putin's call-up: Who is being drafted?", True),
        ("- Sudan", True),
        ("list 3 of 3", True),
        ("Published 2 days ago", True),
        (P1, False),
        ("Officials said:", False),
    ],
)
def test_headline_like_lines(line, headline_like):
    assert is_headline_like(line) is headline_like


def test_newsletter_box_in_the_body_goes():
    box = [
        "skip past newsletter promotion",
        "Sign up to Border Weekly",
        "The week's stories from the frontiers of Europe",
        "Privacy Notice: Newsletters may contain info about charities and online ads.",
        "after newsletter promotion",
    ]
    text = "\n".join([P1, *box, P2])
    assert kept(text) == f"{P1}\n\n{P2}"
    sabah = ["Steppe Times Newsletter", "Keep up to date with the region.", "SUBSCRIBE"]
    text = "\n".join([P1, *sabah, "You can unsubscribe at any time. This site uses reCAPTCHA.", P2])
    assert kept(text) == f"{P1}\n\n{P2}"


def test_video_player_goes():
    text = "\n".join(
        [P1, "Video Ad Feedback", "Inside the queue at Kyakhta", "02:31 - Source: XYZ", P2]
    )
    assert kept(text) == f"{P1}\n\n{P2}"


@pytest.mark.parametrize(
    "marker", ["-30-", "###", "-- Ends --", "Notes to editors", "A Message from The Steppe Times:"]
)
def test_end_matter_goes_to_the_end(marker):
    tail = ["Media contact:", "Jane Doe", "Press officer", "jane@example.org"]
    text = "\n".join([P1, P2, P3, marker, *tail])
    assert kept(text) == f"{P1}\n\n{P2}\n\n{P3}"


def test_end_marker_with_a_long_story_after_it_is_left_alone():
    text = "\n".join([P1, "Notes to editors", *([P2, P3] * 8)])
    assert kept(text).count(P2) == 8 and kept(text).count(P3) == 8


# -- labels --------------------------------------------------------------------------------------
def test_masthead_above_and_below_the_headline_goes():
    text = "\n".join(
        [
            "Ministry of Internal Affairs of the Republic of Examplestan",
            "Press service",
            "On the situation at the checkpoints on the northern border",
            "Tbilisi Bureau",
            P1,
            P2,
        ]
    )
    assert kept(text) == (
        f"On the situation at the checkpoints on the northern border\n\n{P1}\n\n{P2}"
    )
    assert [k for k, _ in kinds(text)] == ["masthead", "masthead", "masthead"]


def test_title_case_headline_and_headline_with_a_figure_stay():
    for title in (
        "Georgia Says Russian Arrivals Have Fallen Sharply Since Late September",
        "Thousands Cross At Altanbulag",
        "Kazakhstan Deports Dozens Of Russians",
    ):
        assert kept(f"{title}\n{P1}\n{P2}") == f"{title}\n\n{P1}\n\n{P2}"


def test_headings_between_paragraphs_go():
    story = [P1, P2, P3] * 3  # past the header, where short lines are mastheads
    text = "\n".join([*story, "Road evacuation", P2, "KEY FIGURES", P3, "GAZA STRIP", P1])
    assert kept(text) == "\n\n".join([*story, P2, P3, P1])
    assert {k for k, _ in kinds(text)} == {"heading"}


def test_short_lines_with_figures_or_sentences_stay():
    for line in ("5,000 people a day", "Where are they going?", "Twenty thousand wait"):
        text = "\n".join([P1, line, P2])
        assert kept(text) == f"{P1}\n\n{line}\n\n{P2}"


def test_author_bio_and_signature_lines_at_the_foot_go():
    text = "\n".join(
        [
            P1,
            P2,
            P3,
            "Jane Doe",
            "Example News",
            "Jane reports on migration and borders from Tbilisi. She has covered the Caucasus.",
        ]
    )
    assert kept(text) == f"{P1}\n\n{P2}\n\n{P3}"
    text = "\n".join([P1, P2, P3, "Press service of the Ministry of Internal Affairs"])
    assert kinds(text) == [("signature", "Press service of the Ministry of Internal Affairs")]
    bio = "John Roe is a reporter for Example News covering immigration. Write to john@x.org."
    assert kept("\n".join([P1, P2, P3, bio])) == f"{P1}\n\n{P2}\n\n{P3}"


def test_a_bio_shaped_sentence_in_the_story_stays():
    line = "Yerlan Abdrakhmanov is a migration researcher who has counted arrivals since 2022."
    assert kept("\n".join([P1, line, P2, P3, P1])) == "\n\n".join([P1, line, P2, P3, P1])


# -- captions and credits ------------------------------------------------------------------------
def test_picture_labels_and_their_captions_go():
    text = "\n".join(
        [P1, "Image source, Getty Images", "Image caption,", "A family waits at the crossing", P2]
    )
    assert kept(text) == f"{P1}\n\n{P2}"
    text = "\n".join([P1, "Media caption,", "Watch: Cars line up at the border", P2])
    assert kept(text) == f"{P1}\n\n{P2}"


@pytest.mark.parametrize(
    "caption",
    [
        "Families wait to cross the border at Torkham on Thursday. — AFP",
        "Trucks carrying belongings wait to cross at Torkham. — Reuters/File",
        "A car waits at the Altanbulag border post, October 1, 2022. - AFP",
        "Russians queue outside a bank in Yerevan [Jane Doe/AFP]",
        "The Duma passed the bill on Tuesday [File: John Roe/EPA]",
        "[1/4] People rest at a reception point in Metema. REUTERS/Jane Doe",
        "Cars queue at the checkpoint. Kirill Roe / Moskva News Agency",
    ],
)
def test_captions_in_outlets_styles_go(caption):
    assert kept(f"{P1}\n{caption}\n{P2}") == f"{P1}\n\n{P2}"


def test_a_quote_or_a_long_paragraph_ending_in_an_agency_name_is_not_a_caption():
    quote = '"We waited two days," one driver told reporters on Monday. — AFP'
    assert dash_credit_start(quote) is None
    assert dash_credit_start(" ".join([P1, P2, P3]) + " — Reuters") is None
    assert is_credit("Karen Doe/AFP") and is_credit("File: Yuri Roe/EPA")


# -- one-line furniture --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Link Copied!", "share_row"),
        ("close panel", "share_row"),
        ("Copy/paste the article video embed link below:", "share_row"),
        ("Comments (14)", "comments"),
        ("Comments are closed on this story.", "comments"),
        ("Ad Feedback", "advertisement"),
        ("This video can not be played", "widget"),
        ("Watch the full report in the video player above.", "widget"),
        ("4 min read", "app_banner"),
        ("WATCH LIVE: Team coverage as the storm approaches", "cta"),
        ("Support Example News. Become a member.", "cta"),
        ("Remind me later.", "cta"),
        ("The Border Daily newsletter brings you the news. Sign up here.", "cta"),
        ("Related article Why the queues are growing", "related"),
        ("Also Read | Thousands wait at the border", "related"),
        ("Read more about: Mobilization , Kazakhstan", "related"),
        ("Tags: Border, Immigration", "navigation"),
        ("News and stories / Briefing notes", "navigation"),
        ("___", "navigation"),
        ("By: Jane Doe, John Roe", "byline"),
        ("Author: Jane Doe", "byline"),
        ("Abridged translation by Jane Doe", "byline"),
        ("Our Correspondent, Cox's Bazar", "byline"),
        ("Jane Doe (now) and John Roe (earlier)", "byline"),
        ("Source: Example News and news agencies", "byline"),
        ("Example News' Jane Doe and the Associated Press contributed to this report.", "byline"),
        ("-- Spokesperson, Ministry of Interior", "byline"),
        ("Published 9 hours ago", "dateline"),
        ("@BorderGuard · 07.03, 08:15", "post_stamp"),
        ("Hotline of the Migration Service: 102", "contact"),
        ("Are you affected? You can get in touch by emailing news@example.org.", "contact"),
        ("Residents can find updates at www.example.org/fire or by calling 555-0147.", "contact"),
        (
            "An earlier version of this article misstated the name of the province.",
            "publisher_note",
        ),
        ("All information is valid as of 19 October 2023 at 22:00 (local time).", "as_of"),
        ("ALL RIGHTS RESERVED © Copyright EXAMPLE", "copyright"),
    ],
)
def test_page_furniture_lines_go(line, kind):
    cleaned = clean_text(f"{P1}\n{P2}\n{line}\n{P3}\n{P1}\n{P2}")
    assert cleaned.text == f"{P1}\n\n{P2}\n\n{P3}\n\n{P1}\n\n{P2}"
    assert [(s.kind, s.text) for s in cleaned.removed] == [(kind, line)]


@pytest.mark.parametrize(
    "line",
    [
        "The hotline received 3,000 calls from people trying to leave the city on Monday.",
        "Support for the evacuation plan is growing.",
        "Officials who contributed to the report said 5,000 people had crossed by Sunday.",
        "The next flash update on arrivals will be useful, officials said.",
    ],
)
def test_story_sentences_that_look_like_furniture_stay(line):
    assert kept(f"{P1}\n{line}\n{P2}") == f"{P1}\n\n{line}\n\n{P2}"


def test_next_update_sentence_goes_from_its_paragraph():
    line = "The update covers 12 to 13 October. The next flash update will be issued on 15 October."
    assert kept(f"{line}\n{P1}") == f"The update covers 12 to 13 October.\n\n{P1}"


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("Posted 4:58 PM, Oct 08, 2024 and last updated 6:21 PM, Oct 08, 2024", "2024-10-08"),
        ("Updated - October 22, 2023 11:58 pm IST - NEW DELHI", None),
        ("Published November 3, 2023 Updated about 5 hours ago", "2023-11-03"),
        ("Updated a year ago", None),
    ],
)
def test_more_dateline_shapes(header, published):
    doc = clean_document(
        RawDocument("a.txt", f"Headline of the story\n{header}\n{P1}\n{P2}".encode())
    )
    assert [s.kind for s in doc.removed] == ["dateline"]
    assert (doc.published.isoformat() if doc.published else None) == published


def test_key_events_with_times_ago():
    text = "\n".join(
        ["Key events", "2h ago", "Georgia says 11,200 entered", "4h ago", "Queue shrinks", P1, P2]
    )
    assert kept(text) == f"{P1}\n\n{P2}"


# -- HTML: a lead kept outside the article body ----------------------------------------------------
PAGE = """<html><head><title>Arrivals fall at the border</title></head><body>
<h1>Arrivals fall at the border</h1>
<div class="intro"><p>TBILISI -- The number of people crossing into Georgia has fallen to between
4,000 and 5,000 a day, the Interior Ministry says.</p></div>
<div class="article-lead"><figure><img src="x.jpg"><figcaption>Cars wait at the crossing on
Tuesday, September 27, in a long and slow line that reached the border.</figcaption></figure></div>
<div id="article-content"><p>{body}</p><p>{body2}</p></div>
</body></html>"""


def test_lead_outside_the_extracted_container_is_put_back():
    page = PAGE.format(body=P2, body2=P3)
    text = f"{P2}\n{P3}"
    assert add_missing_lead(page, text) == (
        "TBILISI -- The number of people crossing into Georgia has fallen to between 4,000 and "
        f"5,000 a day, the Interior Ministry says.\n{text}"
    )
    # after the headline when the text starts with it; never twice; never a caption
    titled = f"Arrivals fall at the border\n{text}"
    assert (
        add_missing_lead(page, titled, "Arrivals fall at the border")
        .split("\n")[1]
        .startswith("TBILISI")
    )
    done = add_missing_lead(page, text)
    assert add_missing_lead(page, done) == done
    assert "Cars wait" not in done


def test_page_with_its_lead_in_the_body_is_unchanged():
    page = PAGE.replace('class="intro"', 'class="note"').format(body=P2, body2=P3)
    assert add_missing_lead(page, f"{P2}\n{P3}") == f"{P2}\n{P3}"


# -- offsets on every development document -------------------------------------------------------
@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: p.name.split(".")[0])
def test_gold_documents_keep_their_offsets(gold_path: Path) -> None:
    _, doc = _cleaned(gold_path)
    check_offsets(doc.original, clean_text(doc.original))
