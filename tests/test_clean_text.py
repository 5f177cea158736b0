"""Debris, normalisation and language checks on small texts written for the purpose."""

from __future__ import annotations

from datetime import date

import pytest

from exodus.clean import clean_document, clean_text
from exodus.clean.captions import is_credit
from exodus.clean.language import guess_language
from exodus.clean.normalise import normalise_fragment
from exodus.models import RawDocument

PROSE = (
    "Thousands of people crossed the border on Tuesday, officials said, and the queue at the "
    "main crossing stretched for several kilometres."
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in clean_text(text).removed]


# -- normalisation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("“a” „b‟ «c» ‘d’", '"a" "b" "c" \'d\''),
        ("pages 10–12 and 3—4", "pages 10-12 and 3-4"),
        ("a – b — c", "a - b - c"),
        ("a\u00a0b\u2009c\u202fd", "a b c d"),
        ("a   b \t c", "a b c"),
        ("  a\n\n\n\nb  \n", "a\n\nb"),
        ("a\r\nb\rc", "a\n\nb\n\nc"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("cafe\u0301", "café"),
    ],
)
def test_normalise(raw, clean):
    assert normalise_fragment(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("invasion of Ukraine.Putin ordered", "invasion of Ukraine. Putin ordered"),
        (
            "this month, drafting up 300,000 reserve troops.The move",
            "this month, drafting up 300,000 reserve troops. The move",
        ),
        ("he asked why?Nobody knew", "he asked why? Nobody knew"),
        ("told Reuters.”We waited", 'told Reuters. "We waited'),
        ("“It was hard.””There were many”", '"It was hard." "There were many"'),
        ("“We left,” he said.”The rest stayed.", '"We left," he said. "The rest stayed.'),
        ("“We left.”The rest stayed.", '"We left." The rest stayed.'),
        ("crossed in the U.S. and the U.K.", "crossed in the U.S. and the U.K."),
        ("e.g.The list", "e.g.The list"),
        ("grew 3.5 times", "grew 3.5 times"),
        ("see www.fox.com or fox.com/News", "see www.fox.com or fox.com/News"),
        ("Mr.Smith and J.Smith", "Mr.Smith and J.Smith"),
        (
            "write to jane.Doe@example.com or www.Example.com",
            "write to jane.Doe@example.com or www.Example.com",
        ),
        ("crossed in Ukraine.Putin's order.", "crossed in Ukraine. Putin's order."),
        ("said NATO.The alliance", "said NATO. The alliance"),
    ],
)
def test_glued_sentences_are_unglued(raw, clean):
    assert normalise_fragment(raw) == clean


def test_one_line_paragraphs_stay_apart_after_debris_is_cut():
    # blank lines left where debris was do not make the text look hard-wrapped
    text = "\n".join(["Short line one.", "Advertisement", "Short line two.", "Source link"] * 3)
    assert clean_text(text).text == "\n\n".join(["Short line one.", "Short line two."] * 3)


def test_hard_wrapped_text_is_joined_into_paragraphs():
    raw = (
        "Thousands of people crossed the border on Tuesday, officials said,\n"
        "and the queue stretched for kilometres.\n\n"
        "Officials said they were adding staff to speed up processing at the\n"
        "main crossing, where some drivers said they had waited two days to\n"
        "reach the border post.\n"
    )
    assert normalise_fragment(raw) == (
        "Thousands of people crossed the border on Tuesday, officials said, and the queue "
        "stretched for kilometres.\n\nOfficials said they were adding staff to speed up "
        "processing at the main crossing, where some drivers said they had waited two days to "
        "reach the border post."
    )


# -- captions and credits ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "credit",
    [
        "AP Photo/Kostiantyn Liberov",
        "AP Photo",
        "Photo by ED JONES/AFP via Getty Images",
        "ALEXEI NIKOLSKY/Sputnik/AFP via Getty Images, File",
        "REUTERS/Gleb Garanich",
        "Reuters/Maxim Shemetov",
        "Gleb Garanich/Reuters",
        "EPA-EFE/Sergey Dolzhenko",
        "Sputnik via AP",
        "Photo: Reuters",
        "Photograph: Anna Ivanova/AP",
        "Image credit: Shutterstock",
        "Getty Images",
        "Mikhail Metzel/TASS via Getty Images",
        "File photo",
        "Anadolu Agency via Getty Images",
    ],
)
def test_credits_are_recognised(credit):
    assert is_credit(credit)


@pytest.mark.parametrize(
    "inner", ["Reuters", "AP", "AFP", "UNHCR", "see photo", "about 16 hours", "from Russia", "2022"]
)
def test_other_parentheses_are_not_credits(inner):
    assert not is_credit(inner)


@pytest.mark.parametrize(
    "line",
    [
        "Men queue at the Verkhny Lars crossing on Sept. 26, 2022. (AP Photo/Jane Doe)",
        "Men queue at the Verkhny Lars crossing on Sept. 26, 2022. (Photo by John Roe/Getty Images)",
        "Men queue at the Verkhny Lars crossing. Photograph: Anna Ivanova/Reuters",
        "Men queue at the Verkhny Lars crossing. Reuters/Anna Ivanova",
        "Men queue at the Verkhny Lars crossing (Anna Ivanova/AFP via Getty Images, File)",
        "Image: Men queue at the Verkhny Lars crossing on Monday",
    ],
)
def test_caption_lines_go(line):
    cleaned = clean_text(f"{PROSE}\n{line}\n{PROSE}")
    assert cleaned.text == f"{PROSE}\n\n{PROSE}"
    assert [s.kind for s in cleaned.removed] == ["photo_caption"]


def test_short_line_before_a_credit_line_is_a_caption():
    text = f"{PROSE}\nA man waits with his suitcase.\n(John Roe/AFP via Getty Images)\n{PROSE}"
    assert kinds(text) == [
        ("photo_caption", "A man waits with his suitcase."),
        ("photo_credit", "(John Roe/AFP via Getty Images)"),
    ]
    assert clean_text(text).text == f"{PROSE}\n\n{PROSE}"


def test_long_paragraph_before_a_credit_line_is_kept():
    text = f"{PROSE} {PROSE}\n(John Roe/AFP via Getty Images)"
    assert clean_text(text).text == f"{PROSE} {PROSE}"


def test_credit_glued_to_a_sentence_keeps_the_sentence():
    cleaned = clean_text("(AP Photo/Jane Doe)Meanwhile, Russians fleeing to Mongolia waited.")
    assert cleaned.text == "Meanwhile, Russians fleeing to Mongolia waited."
    assert [s.kind for s in cleaned.removed] == ["photo_credit"]


def test_caption_glued_onto_a_paragraph_keeps_the_paragraph():
    text = "Officials said 5,000 people crossed.Soldiers stand near a tank. (AP Photo/Jane Doe)"
    cleaned = clean_text(text)
    assert cleaned.text == "Officials said 5,000 people crossed."
    assert [s.text for s in cleaned.removed] == ["Soldiers stand near a tank. (AP Photo/Jane Doe)"]


def test_datelines_and_ordinary_parentheses_are_kept():
    text = (
        "KYIV (Reuters) - About 5,000 people (mostly women) crossed, the agency (UNHCR) said. "
        "A spokesperson told AP that queues were long."
    )
    assert clean_text(text).text == text
    assert clean_text(text).removed == ()


# -- other debris --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("NEWYou can now listen to Fox News articles!", "app_banner"),
        ("Listen to this article", "app_banner"),
        ("Listen to this article 5 min", "app_banner"),
        ("Download our app for the latest news.", "app_banner"),
        ("CLICK HERE TO GET THE FOX NEWS APP", "cta"),
        ("Click here to read the full report.", "cta"),
        ("Sign up for our newsletter to get the top stories.", "cta"),
        ("Follow us on Twitter and Facebook", "cta"),
        ("Read more: Finland closes its border to Russian tourists", "related"),
        ("Related: Kazakhstan says 100,000 have arrived", "related"),
        ("Related Articles", "related"),
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Source link", "source_link"),
        ("Facebook Twitter Email", "share_row"),
        ("Share on Facebook | Share on Twitter | Copy link", "share_row"),
        ("Share this article", "share_row"),
        ("© 2022 Example Media Ltd.", "copyright"),
        ("Copyright 2022 Example Media. All rights reserved.", "copyright"),
        ("RUSSIAN TROOPS BOXED IN BY UKRAINIAN FORCES AND DNIEPER RIVER", "promo_headline"),
        ("Register now for FREE unlimited access to Reuters.com", "cta"),
        ("Reporting by Jane Doe in Tbilisi; Editing by John Roe", "byline"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "publisher_note"),
    ],
)
def test_debris_lines_go(line, kind):
    cleaned = clean_text(f"{PROSE}\n{line}\n{PROSE}")
    assert cleaned.text == f"{PROSE}\n\n{PROSE}"
    assert [(s.kind, s.text) for s in cleaned.removed] == [(kind, line)]


def test_promo_glued_between_sentences():
    text = (
        "Officials spoke to reporters Tuesday.BARGE CARRYING SUPPLIES TO RUSSIAN TROOPS SINKS\n"
        "Many left their families.TOP BRASS CALLS FOR VOLUNTEERS TO TAKE BACK KHERSON”My "
        "country is at war,” one man said.\n"
        "They came here.CLICK HERE TO GET THE APPThe rest stayed home."
    )
    cleaned = clean_text(text)
    assert cleaned.text == (
        "Officials spoke to reporters Tuesday.\n\n"
        'Many left their families. "My country is at war," one man said.\n\n'
        "They came here. The rest stayed home."
    )
    assert [s.kind for s in cleaned.removed] == ["promo_headline", "promo_headline", "cta"]


def test_capitals_in_ordinary_sentences_are_kept():
    text = (
        "Officials said.NATO and EU leaders met.\n"
        "THE UN SAID on Monday that 5,000 people had crossed.\n"
        "He works for the U.S.ARMY in Poland."
    )
    assert clean_text(text).removed == ()


def test_shouted_text_is_left_alone():
    text = "THOUSANDS OF PEOPLE CROSSED THE BORDER ON TUESDAY.OFFICIALS SAID THE QUEUE WAS LONG.\n"
    assert clean_text(text).removed == ()


# -- page furniture ------------------------------------------------------------------------------
HEADER = [
    ("By Reuters Staff", "byline"),
    ("By THE ASSOCIATED PRESS", "byline"),
    ("By Jane Doe and John Roe · News · 4 min read", "byline"),
    ("September 26, 2022 2:18 PM GMT", "dateline"),
    ("Updated 4 hours ago", "dateline"),
    ("Published 4:51 PM GMT, October 4, 2022", "dateline"),
    ("Published on: 29/09/2022 - 17:42 Modified: 29/09/2022 - 19:05", "dateline"),
    ("Tue 27 Sep 2022 16.05 BST", "dateline"),
    ("Press release 26.9.2022 11.05", "dateline"),
    ("Home > Topical > Press releases", "navigation"),
    ("Home / News / Briefing notes", "navigation"),
]
FOOTER = [
    ("(Reporting by Jane Doe in Tbilisi; Editing by John Roe)", "byline"),
    ("For more information on this topic, please contact:", "contact"),
    ("In Geneva, Jane Doe, doe@example.org, +41 79 000 00 00", "contact"),
    ("Media desk, tel. +358 295 000 001", "contact"),
    ("Cookies | Privacy | Terms of use", "navigation"),
    ("Subscribe | Download PDF (1.2 MB)", "navigation"),
    ("Print version", "navigation"),
    ("bur-sf/jh", "desk_code"),
    ("Updated 26.9.2022", "dateline"),
]


@pytest.mark.parametrize(("line", "kind"), HEADER)
def test_header_furniture_goes(line, kind):
    cleaned = clean_text(f"{line}\n{PROSE}\n{PROSE}\n{PROSE}")
    assert cleaned.text == f"{PROSE}\n\n{PROSE}\n\n{PROSE}"
    assert [(s.kind, s.text) for s in cleaned.removed] == [(kind, line)]


@pytest.mark.parametrize(("line", "kind"), FOOTER)
def test_footer_furniture_goes(line, kind):
    cleaned = clean_text(f"{PROSE}\n{PROSE}\n{PROSE}\n{line}")
    assert cleaned.text == f"{PROSE}\n\n{PROSE}\n\n{PROSE}"
    assert [(s.kind, s.text) for s in cleaned.removed] == [(kind, line)]


def test_dates_and_names_in_the_body_are_kept():
    # (datelines are only looked for in the first 8 and the last 6 lines)
    body = [PROSE] * 16
    lines = [
        *body[:8],
        "24 February 2022",
        "By Sunday, 10,980 people had crossed the border into Georgia.",
        *body[8:],
    ]
    assert clean_text("\n".join(lines)).removed == ()


def test_live_blog_time_stamps_go_anywhere():
    # an entry's time stamp is page furniture (the gold files list them as boilerplate); the
    # resolver dates figures from the publication date and the words of the entry
    body = [PROSE] * 16
    lines = [*body[:8], "16.05 BST", "Updated at 16.40 BST", "2h ago", *body[8:]]
    assert kinds("\n".join(lines)) == [
        ("liveblog", "16.05 BST"),
        ("liveblog", "Updated at 16.40 BST"),
        ("liveblog", "2h ago"),
    ]


def test_key_events_list_goes():
    text = (
        "Key events\n  15.48 BST Mongolia: more than 3,000 via Altanbulag\n"
        "  14.35 BST Kazakhstan gives weekly figure\n\n15.48 BST\n" + PROSE
    )
    cleaned = clean_text(text)
    assert cleaned.text == PROSE
    assert [s.kind for s in cleaned.removed] == ["key_events"] * 3 + ["liveblog"]


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("Published 4:51 PM GMT, October 4, 2022", date(2022, 10, 4)),
        ("As of 3:00 p.m. (EET) on 17 March 2022\nPublished 18 March 2022", date(2022, 3, 18)),
        ("Sept. 28, 2022, 11:32 AM EDT / Updated Sept. 28, 2022, 1:05 PM EDT", date(2022, 9, 28)),
        ("Published on: 29/09/2022 - 17:42", date(2022, 9, 29)),
        ("Press release 26.9.2022 11.05", date(2022, 9, 26)),
        ("Briefing notes | 2 June 2023", date(2023, 6, 2)),
        ("Updated 4 hours ago", None),
        ("Published 03/04/2022", None),  # day or month first? not guessed
    ],
)
def test_plain_text_dateline_gives_the_publication_date(header, published):
    doc = clean_document(RawDocument("a.txt", f"Headline\n{header}\n{PROSE}\n{PROSE}".encode()))
    assert doc.published == published
    assert doc.published_source == ("metadata" if published else None)


# -- language ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Des milliers de Russes ont fui le pays vers la Géorgie et le Kazakhstan après "
            "l'annonce de la mobilisation, et les autorités disent que le nombre de personnes qui "
            "passent la frontière chaque jour a presque doublé.",
            "fr",
        ),
        (
            "Milhares de russos fugiram do país para a Geórgia e o Cazaquistão depois da ordem de "
            "mobilização, e as autoridades dizem que o número de pessoas que atravessam a "
            "fronteira por dia quase dobrou em menos de uma semana.",
            "pt",
        ),
        (
            "Migliaia di russi sono fuggiti dal paese verso la Georgia e il Kazakistan dopo "
            "l'ordine di mobilitazione, e le autorità dicono che il numero di persone che "
            "attraversano il confine ogni giorno è quasi raddoppiato.",
            "it",
        ),
        (
            "Seferberlik emrinin ardından binlerce Rus ülkeden Gürcistan ve Kazakistan'a kaçtı ve "
            "yetkililer sınırı her gün geçen insan sayısının bir haftadan kısa bir sürede "
            "neredeyse iki katına çıktığını söyledi, ancak bu sayı daha da artabilir.",
            "tr",
        ),
        (
            "فر آلاف الروس من البلاد إلى جورجيا وكازاخستان بعد أمر التعبئة، وقالت السلطات إن عدد "
            "الأشخاص الذين يعبرون الحدود كل يوم قد تضاعف تقريبا في أقل من أسبوع، وإن الطوابير "
            "على الحدود امتدت لعدة كيلومترات.",
            "ar",
        ),
    ],
)
def test_language_guesses(text, language):
    guess = guess_language(text)
    assert not guess.english
    assert guess.language == language


def test_english_news_passes_and_gibberish_is_unknown():
    english = guess_language(PROSE + " " + PROSE)
    assert english.english and english.language == "en" and english.english_share > 0.3
    gibberish = guess_language(" ".join(["Xyzzy plugh frobozz quux"] * 8))
    assert not gibberish.english and gibberish.language == "unknown"
    assert guess_language("Xyzzy plugh frobozz.").english  # too short to judge
