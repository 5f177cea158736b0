"""The clean stage on the seed article, and every reason it rejects input."""

from __future__ import annotations

import codecs
import hashlib
from datetime import date
from pathlib import Path

import pytest

from exodus.clean import clean_document
from exodus.clean.normalise import CHAR_MAP, is_hard_wrapped, normalise_fragment
from exodus.errors import InputRejected
from exodus.models import RawDocument

SEED = Path("/work/shared/seeds/000_834be4023fbc830d.txt")
SEED_BYTES = SEED.read_bytes() if SEED.exists() else b""
needs_seed = pytest.mark.skipif(not SEED_BYTES, reason="seed article not available")

# What the gold file's "boilerplate" list says must go, plus the tell-tale pieces of it.
GONE = [
    "NEWYou can now listen to Fox News articles!",
    "You can now listen",
    "RUSSIAN TROOPS BOXED IN BY UKRAINIAN FORCES AND DNIEPER RIVER",
    "BOXED IN",
    "TOP MILITARY BRASS IN UKRAINE",
    "MILITARY BRASS",
    "TAKE BACK KHERSON",
    "ALEXEI NIKOLSKY/Sputnik/AFP via Getty Images, File",
    "AP Photo/Kostiantyn Liberov",
    "Photo by ED JONES/AFP via Getty Images",
    "ED JONES",
    "Getty Images",
    "AP Photo",
    "CLICK HERE TO GET THE FOX NEWS APP",
    "CLICK HERE",
    "Source link",
    "NEWYou",
    "April 28, 2022",
    "Russian President Vladimir Putin use state-run media",
    "Ukrainian troops retook a wide swath of territory",
    "Ukrainian servicemen ride on an armored personnel carrier",
]

# Every sentence of the article body, as it reads once normalised.
BODY = [
    "Tens of thousands of Russians have fled the country to Mongolia, Georgia and Kazakhstan as "
    "military-age men flea Russian President Vladimir Putin's mobilization order.",
    "Putin ordered a partial mobilization earlier this month, drafting up 300,000 reserve troops.",
    "The move has led to widespread fear of general conscription amid the country's invasion of "
    "Ukraine.",
    "Mongolia, Georgia and Kazakhstan have borne the brunt of the migration wave, with Georgia "
    "stating that daily border crossings have nearly doubled in less than a week.",
    '"About four to five days ago, there were five to six thousand visitors [from Russia] daily, '
    'and now it has increased to about ten thousand," Georgia Interior Minister Vakhtang '
    "Gomelauri told reporters Tuesday.",
    "Meanwhile, Russians fleeing to Mongolia have had to wait in lines more than a dozen hours "
    "long to be processed.",
    "The majority of those leaving were men, with some leaving behind their families.",
    '"My country has started partial mobilization and I think it is negatively affecting '
    'society," one Russian man who fled to Mongolia told Reuters.',
    '"We waited a very long time at the Russian side of the border: about 16 hours."',
    '"There were a lot of young people, a lot of people trying to get away from Putin," another '
    "man, Aleksey, told the outlet.",
    "Aleksey says he left behind his wife and two children and plans to return when the draft "
    "has passed.",
    '"We are not afraid, but why do we have to fight in Ukraine, why?" he told Reuters.',
    '"If other countries would attack Russia, we would fight for our country.',
    'But why are we going to Ukraine? For what?"',
    "Putin ordered the military mobilization on September 21, and since then, nearly 100,000 "
    "Russians have fled to Kazakhstan alone.",
    "The country is among the most convenient for Russians to flee to, as the Russian language "
    "is widely spoken there, and there is no need for a passport to travel across the border.",
    "Kazakh President Kassym-Jomart Tokayev has refused to support Russia's invasion of Ukraine, "
    "and he vowed to care for those fleeing the country.",
    '"A lot of people from Russia have come here over the last few days.',
    'Most of them were forced to leave by the desperate situation," he said in a Tuesday '
    "speech, according to Reuters.",
    '"We must take care of them and ensure their safety.',
    'This is a political and humanitarian matter."',
]

SEED_REMOVED = [
    ("app_banner", "NEWYou can now listen to Fox News articles!"),
    (
        "promo_headline",
        "RUSSIAN TROOPS BOXED IN BY UKRAINIAN FORCES AND DNIEPER RIVER, BARGE CARRYING SUPPLIES "
        "TO RUSSIAN TROOPS SINKS",
    ),
    (
        "photo_caption",
        "Russian President Vladimir Putin use state-run media to spread the Kremlin’s message.",
    ),
    ("photo_credit", "(ALEXEI NIKOLSKY/Sputnik/AFP via Getty Images, File)"),
    (
        "photo_caption",
        "Ukrainian troops retook a wide swath of territory from Russia on Monday, pushing all the "
        "way back to the northeastern border in some places, and claimed to have captured many "
        "Russian soldiers as part of a lightning advance that forced Moscow to make a hasty "
        "retreat. (AP Photo/Kostiantyn Liberov)",
    ),
    ("photo_credit", "(AP Photo/Kostiantyn Liberov)"),
    (
        "promo_headline",
        "TOP MILITARY BRASS IN UKRAINE’S SOUTH CALLS FOR VOLUNTEERS AS FORCES LOOK TO TAKE BACK "
        "KHERSON",
    ),
    (
        "photo_caption",
        "Ukrainian servicemen ride on an armored personnel carrier as they make their way along a "
        "highway on the outskirts of Kryvyi Rih on April 28, 2022, amid Russia’s military "
        "invasion launched on Ukraine. (Photo by ED JONES/AFP via Getty Images)",
    ),
    ("photo_credit", "(ED JONES/AFP via Getty Images)"),
    ("cta", "CLICK HERE TO GET THE FOX NEWS APP"),
    ("source_link", "Source link"),
]


@pytest.fixture(scope="module")
def seed():
    return clean_document(RawDocument(source=str(SEED), content=SEED_BYTES))


@needs_seed
def test_seed_drops_all_boilerplate(seed):
    for piece in GONE:
        assert piece not in seed.text, piece
        assert normalise_fragment(piece) not in seed.text, piece


@needs_seed
@pytest.mark.parametrize("sentence", BODY)
def test_seed_keeps_every_body_sentence(seed, sentence):
    assert sentence in seed.text


@needs_seed
def test_seed_body_is_exactly_the_article(seed):
    # nothing but the body sentences (and the white space between them) is left
    rest = seed.text
    for sentence in BODY:
        rest = rest.replace(sentence, "", 1)
    assert rest.strip() == ""
    assert seed.text.count("\n\n") == 2  # three paragraphs
    assert "  " not in seed.text and "\n\n\n" not in seed.text


@needs_seed
def test_seed_removed_spans_are_exactly_the_debris(seed):
    assert [(s.kind, s.text) for s in seed.removed] == SEED_REMOVED
    for span in seed.removed:
        assert seed.original[span.start : span.end] == span.text
    # cutting the removed spans out of the original and normalising gives the cleaned text
    kept, pos = [], 0
    for span in seed.removed:
        kept.append(seed.original[pos : span.start])
        pos = span.end
    kept.append(seed.original[pos:])
    assert normalise_fragment("".join(kept), soft_wraps=is_hard_wrapped(seed.original)) == seed.text


@needs_seed
def test_seed_offsets_point_back_to_the_original(seed):
    text, original, offsets = seed.text, seed.original, seed.offsets
    for i, ch in enumerate(text):
        raw = original[offsets.to_raw(i)]
        if ch.isspace():
            continue
        assert ch == raw or CHAR_MAP.get(raw) == ch, (i, ch, raw)
    # a quoted figure maps back to the same words in the original
    cue = "five to six thousand visitors"
    start = text.index(cue)
    a, b = offsets.span_to_raw(start, start + len(cue))
    assert original[a:b] == cue
    # the inserted space of "mobilization order.Putin ordered" maps to the P
    glued = text.index("order. Putin") + len("order.")
    assert original[offsets.to_raw(glued)] == "P"
    assert original[offsets.to_raw(glued - 1) : offsets.to_raw(glued) + 1] == ".P"
    # a straight quote comes from a curly one
    quote = text.index('"About four')
    assert original[offsets.to_raw(quote)] == "“"


@needs_seed
def test_seed_document_fields(seed):
    assert seed.media_type == "text/plain"
    assert seed.language == "en"
    assert seed.title is None
    assert seed.published is None and seed.published_source is None
    assert seed.content_hash == hashlib.sha256(SEED_BYTES).hexdigest()
    assert seed.text_hash == hashlib.sha256(seed.text.encode("utf-8")).hexdigest()
    assert seed.original == SEED_BYTES.decode("utf-8")
    assert seed.source == str(SEED)


def test_given_publication_date_is_kept():
    raw = RawDocument("a.txt", ARTICLE.encode(), published=date(2022, 9, 27))
    doc = clean_document(raw)
    assert doc.published == date(2022, 9, 27)
    assert doc.published_source == "given"


ARTICLE = (
    "Thousands of people crossed the border on Tuesday, officials said, and the queue at the "
    "main crossing stretched for several kilometres as families waited in their cars for hours "
    "to reach the checkpoint."
)


def _reject(content: bytes, **kwargs) -> InputRejected:
    with pytest.raises(InputRejected) as info:
        clean_document(RawDocument("doc", content, **kwargs.pop("raw", {})), **kwargs)
    return info.value


# -- decoding and rejections ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "content", [b"", b"   ", b" \n\t\r\n ", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty(content):
    assert _reject(content).code == "EMPTY"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"\x7fELF\x02\x01\x01",
        b"some text with a NUL\x00 byte in it",
        bytes(range(1, 9)) * 10 + b"a little text",
    ],
)
def test_binary(content):
    assert _reject(content).code == "BINARY"


def test_too_large():
    err = _reject(ARTICLE.encode(), max_bytes=10)
    assert err.code == "TOO_LARGE"
    assert clean_document(RawDocument("doc", ARTICLE.encode()), max_bytes=len(ARTICLE)).text


def test_invalid_utf8_names_the_byte_offset():
    err = _reject(b"Thousands crossed the border \xff\xfe today.")
    assert err.code == "ENCODING"
    assert "29" in err.message and "0xff" in err.message


def test_latin1_plain_text_is_an_encoding_error():
    err = _reject("Caf\u00e9 owners said thousands had crossed.".encode("latin-1"))
    assert err.code == "ENCODING"
    assert "offset 3" in err.message


def test_html_declared_charset_is_honoured():
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><article>'
        f"<p>{ARTICLE} The caf\u00e9 owner said \u201cwe have never seen so many.\u201d</p>"
        "</article></body></html>"
    ).encode("cp1252")
    doc = clean_document(RawDocument("page.html", page))
    assert 'The café owner said "we have never seen so many."' in doc.text


def test_utf8_bom_is_stripped_and_utf16_with_bom_is_read():
    doc = clean_document(RawDocument("a.txt", codecs.BOM_UTF8 + ARTICLE.encode()))
    assert doc.text == ARTICLE and doc.original == ARTICLE
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        doc = clean_document(RawDocument("a.txt", bom + ARTICLE.encode(codec)))
        assert doc.text == ARTICLE


def test_nothing_left_after_boilerplate_is_no_text():
    err = _reject(b"Advertisement\nSource link\n\xc2\xa9 2022 Example Media\n")
    assert err.code == "NO_TEXT"


def test_html_without_article_text_is_no_text():
    page = b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"
    assert _reject(page).code == "NO_TEXT"
    assert _reject(b"<html><head><script>var a = 1;</script></head><body></body></html>").code == (
        "NO_TEXT"
    )


SPANISH = (
    "Miles de rusos han huido del país hacia Georgia y Kazajistán después de la orden de "
    "movilización, y las autoridades dijeron que el número de personas que cruzan la frontera "
    "cada día se ha duplicado en menos de una semana."
)
GERMAN = (
    "Tausende Russen sind nach der Mobilmachung über die Grenze nach Georgien und Kasachstan "
    "geflohen, und die Behörden sagen, dass sich die Zahl der Menschen, die jeden Tag die Grenze "
    "überqueren, in weniger als einer Woche verdoppelt hat."
)
RUSSIAN = (
    "Тысячи россиян покинули страну после объявления мобилизации, и власти Грузии сообщили, что "
    "число людей, которые ежедневно пересекают границу, за неделю почти удвоилось, а очереди на "
    "границе растянулись на много километров."
)
UKRAINIAN = (
    "Тисячі росіян виїхали з країни після оголошення мобілізації, і влада Грузії повідомила, що "
    "кількість людей, які щодня перетинають кордон, за тиждень майже подвоїлася, а черги на "
    "кордоні розтягнулися на багато кілометрів."
)
CHINESE = (
    "数以万计的俄罗斯人在动员令发布后逃往格鲁吉亚、哈萨克斯坦和蒙古，边境口岸排起了长队，"
    "格鲁吉亚内政部长表示每天入境的人数在不到一周内几乎翻了一番。"
)


@pytest.mark.parametrize(
    ("text", "language"),
    [(SPANISH, "es"), (GERMAN, "de"), (RUSSIAN, "ru"), (UKRAINIAN, "uk"), (CHINESE, "zh")],
)
def test_non_english_is_rejected_naming_the_language(text, language):
    err = _reject(text.encode())
    assert err.code == "LANGUAGE"
    assert f"likely language: {language}" in err.message


def test_short_texts_are_not_judged_for_language():
    doc = clean_document(RawDocument("a.txt", "Miles de rusos han huido del país.".encode()))
    assert doc.text == "Miles de rusos han huido del país."


def test_reject_codes_are_the_documented_ones():
    from exodus.errors import REASON_CODES

    for code in ("EMPTY", "BINARY", "TOO_LARGE", "ENCODING", "NO_TEXT", "LANGUAGE"):
        assert code in REASON_CODES
