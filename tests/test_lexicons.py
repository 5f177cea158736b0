"""The curated data files cover the places, bodies, outlets and events that real reporting names.

These tests pin entries by class (a crossing and its transliterations, a camp, a region that a
GeoNames town would otherwise shadow, an institution under its news names ...), so that an edit
that drops or breaks a class fails here rather than silently on real articles.
"""

from __future__ import annotations

from typing import Any

import pytest

from exodus import resources
from exodus.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """Real countries, our data files and GeoNames cities of 15,000+ (quick to build)."""
    return Gazetteer(resources.build_gazetteer_tables(min_population=15_000))


# --- crossings.tsv -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("alias", "name", "code", "other"),
    [
        ("Torkham", "Torkham", "AF", "PK"),
        ("Torkham border crossing", "Torkham", "AF", "PK"),
        ("Chaman", "Chaman", "PK", "AF"),
        ("Friendship Gate", "Chaman", "PK", "AF"),
        ("Spin Buldak", "Spin Boldak", "AF", "PK"),
        ("Islam Qala", "Islam Qala", "AF", "IR"),
        ("Imatra", "Imatra", "FI", "RU"),
        ("Niirala", "Niirala", "FI", "RU"),
        ("Raja-Jooseppi", "Raja-Jooseppi", "FI", "RU"),
        ("Svetogorsk", "Svetogorsk", "RU", "FI"),
        ("Luhamaa", "Luhamaa", "EE", "RU"),
        ("Isaccea", "Isaccea", "RO", "UA"),
        ("Sighet", "Sighetu Marmației", "RO", "UA"),
        ("Giurgiulesti", "Giurgiulești", "MD", "UA"),
        ("Otaci", "Otaci", "MD", "UA"),
        ("Rava-Ruska", "Rava-Ruska", "UA", "PL"),
        ("Sarpi", "Sarpi", "GE", "TR"),
        ("Taskala", "Taskala", "KZ", "RU"),
        ("Shah Porir Dwip", "Shah Porir Dwip", "BD", "MM"),
        ("Tarajal", "Tarajal", "ES", "MA"),
        ("Beni Enzar", "Beni Ansar", "MA", "ES"),
        ("Huaquillas", "Huaquillas", "EC", "PE"),
        ("Paso Canoas", "Paso Canoas", "CR", "PA"),
        ("Lukeville", "Lukeville", "US", "MX"),
        ("Pazarkule", "Pazarkule", "TR", "GR"),
        ("Ipsala", "İpsala", "TR", "GR"),
        ("Horgos", "Horgoš", "RS", "HU"),
    ],
)
def test_crossings_and_their_other_names(
    gaz: Gazetteer, alias: str, name: str, code: str, other: str
) -> None:
    place = gaz.lookup(alias)
    assert place is not None and (place.name, place.kind, place.country) == (name, "crossing", code)
    assert gaz.other_country(alias) == other


@pytest.mark.parametrize(
    ("alias", "name", "code", "kind"),
    [
        # English news names of towns GeoNames spells otherwise (Rafaḩ, Khān Yūnis, Darnah ...)
        ("Rafah", "Rafah", "PS", "city"),
        ("Khan Yunis", "Khan Younis", "PS", "city"),
        ("Deir el-Balah", "Deir al-Balah", "PS", "city"),
        ("Jabalia camp", "Jabalia", "PS", "city"),
        ("Geneina", "El Geneina", "SD", "city"),
        ("Al-Junaynah", "El Geneina", "SD", "city"),
        ("Derna", "Derna", "LY", "city"),
        ("Przemyśl", "Przemysl", "PL", "city"),
        ("Zaporozhye", "Zaporizhzhia", "UA", "city"),
        ("Khankendi", "Stepanakert", "AZ", "city"),
        ("Matamoros", "Matamoros", "MX", "city"),  # Tamaulipas, across from Brownsville
        # camps and regions
        ("Kutupalong-Balukhali expansion site", "Kutupalong", "BD", "camp"),
        ("Balukhali", "Balukhali", "BD", "camp"),
        ("Farchana camp", "Farchana", "TD", "camp"),
        ("Bhasan Char", "Bhasan Char", "BD", "region"),
        ("Al-Mawasi", "Al-Mawasi", "PS", "region"),
        ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "PK", "region"),
        ("Gran Canaria", "Gran Canaria", "ES", "region"),
        ("Transcarpathia", "Zakarpattia", "UA", "region"),
        ("North Darfur", "North Darfur", "SD", "region"),
        ("Lee County", "Lee County", "US", "region"),
        ("Northwest Territories", "Northwest Territories", "CA", "region"),
    ],
)
def test_towns_camps_and_regions(
    gaz: Gazetteer, alias: str, name: str, code: str, kind: str
) -> None:
    place = gaz.lookup(alias)
    assert place is not None and (place.name, place.country, place.kind) == (name, code, kind)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rio Grande", "US"),  # the river, not Rio Grande in Brazil
        ("Rio Grande do Sul", "BR"),
        ("Ontario", "CA"),  # the province, not Ontario, California
        ("Darien", "PA"),  # the jungle, not Darien, Connecticut
        ("Alberta", "CA"),
    ],
)
def test_curated_names_beat_towns_of_the_same_name(gaz: Gazetteer, text: str, code: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and place.country == code, place


def test_crossing_rows_borrow_the_geonames_record_of_their_town(gaz: Gazetteer) -> None:
    chaman = gaz.lookup("Chaman border crossing")  # the town of Chaman has 100,000+ people
    assert chaman is not None and chaman.geonames_id is not None and chaman.admin1 is not None
    rafah = gaz.lookup("Rafah")
    assert rafah is not None and rafah.geonames_id is not None
    assert gaz.lookup("Rafah crossing") != rafah  # the town and its crossing are two places


# --- institutions.tsv --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("said", "canonical"),
    [
        ("the U.N. refugee agency", "UNHCR"),
        ("IOM's Displacement Tracking Matrix", "IOM"),  # DTM is IOM's
        ("the UN humanitarian agency OCHA", "OCHA"),
        ("the Kazakh interior ministry", "Kazakhstan's Interior Ministry"),
        (
            "Ministry of Internal Affairs of the Republic of Kazakhstan",
            "Kazakhstan's Interior Ministry",
        ),
        ("Georgia's Ministry of Internal Affairs", "Georgia's Interior Ministry"),
        ("the Border Service of the FSB", "FSB"),
        ("Poland's Border Guard", "Polish Border Guard"),
        ("Ukraine's State Border Guard Service", "State Border Guard Service of Ukraine"),
        ("Romania's border police", "Romanian Border Police"),
        (
            "Mongolia's border protection agency",
            "Mongolia's General Authority for Border Protection",
        ),
        ("Doctors Without Borders", "MSF"),
        ("the Norwegian Refugee Council (NRC)", "NRC"),
        ("Pakistan Ministry of Interior", "Pakistan's Interior Ministry"),
        ("the National Disaster Management Authority (NDMA)", "NDMA"),
        ("Panama's migration service", "Panama's National Migration Service"),
        ("the Mounties", "RCMP"),
        ("Israeli military", "Israel Defense Forces"),
    ],
)
def test_institutions_are_known_under_their_news_names(said: str, canonical: str) -> None:
    from exodus.extract.lexicon import load_lexicon

    assert load_lexicon().canonical(said) == canonical


def test_bare_names_shared_by_several_countries_are_not_aliases() -> None:
    from exodus.extract.lexicon import load_lexicon

    lex = load_lexicon()
    for said in ("the interior ministry", "Border Guard", "the coast guard", "WHO", "who"):
        assert lex.canonical(said) == said


def test_institution_aliases_name_one_body_each() -> None:
    owner: dict[str, str] = {}
    for row in resources.read_tsv("institutions.tsv"):
        for alias in [row[0], *(row[1].split("|") if len(row) > 1 else [])]:
            if alias.strip():
                key = alias.strip().lower()
                assert owner.setdefault(key, row[0]) == row[0], f"{alias!r}: {row[0]}, {owner[key]}"


# --- outlets.txt, reporting_verbs.txt, speaker_titles.txt ----------------------------------------
def test_an_outlet_named_inside_a_longer_one_comes_after_it() -> None:
    import re

    outlets = resources.read_lines("outlets.txt")
    for i, short in enumerate(outlets):
        for longer in outlets[i + 1 :]:
            assert not re.search(r"\b" + re.escape(short) + r"\b", longer), (short, longer)


def test_outlets_of_the_covered_crises_are_known() -> None:
    outlets = set(resources.read_lines("outlets.txt"))
    for name in ("Interfax", "TASS", "RIA Novosti", "Kazinform", "Ukrinform", "Anadolu", "Yle",
                 "Radio Dabanga", "TOLOnews", "Dawn", "El Tiempo", "The Canadian Press"):  # fmt: skip
        assert name in outlets, name


def _facts(text: str) -> list[Any]:
    from datetime import date

    from exodus.models import RawDocument
    from exodus.pipeline import process_document

    return list(
        process_document(RawDocument("t.txt", text.encode(), published=date(2022, 9, 28))).facts
    )


def test_a_body_that_records_a_figure_is_its_speaker_under_its_usual_name() -> None:
    (fact,) = _facts("The Kazakh border service recorded 12,000 arrivals from Russia on Tuesday.")
    assert fact.speaker == "Kazakhstan's Border Service"
    assert fact.destination is not None and fact.destination.country == "KZ"


def test_a_body_that_expects_a_figure_is_its_speaker() -> None:
    (fact,) = _facts(
        "Panama's migration service expects as many as 400,000 migrants to cross the Darien "
        "this year."
    )
    assert fact.speaker == "Panama's National Migration Service"


def test_a_regional_governor_speaks_for_the_receiving_country() -> None:
    (fact,) = _facts(
        "West Kazakhstan region's akim said 8,000 Russians had arrived since Sept. 21."
    )
    assert fact.origin is not None and fact.origin.country == "RU"
    assert fact.destination is not None and fact.destination.country == "KZ"


# --- events.tsv --------------------------------------------------------------------------------
def _event_dates(text: str) -> set[str]:
    from exodus.extract.lexicon import load_lexicon
    from exodus.resolve.published import event_expressions

    return {e.group("date") or "" for e in event_expressions(text, load_lexicon().events)}


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("since Putin's partial mobilization", "2022-09-21"),
        ("since Russia invaded Ukraine", "2022-02-24"),
        ("since the start of the full-scale invasion", "2022-02-24"),
        ("since fighting in Sudan broke out", "2023-04-15"),
        ("since the war began in mid-April", "2023-04-15"),
        (
            "since fighting between the army and the paramilitary Rapid Support Forces erupted",
            "2023-04-15",
        ),
        ("since the war in Gaza began", "2023-10-07"),
        ("since Israel's order for northern Gaza", "2023-10-13"),
        ("since the Taliban takeover", "2021-08-15"),
        ("since Pakistan's deadline", "2023-11-01"),
        ("since the end of Title 42", "2023-05-11"),
        ("since the latest violence erupted in Rakhine", "2017-08-25"),
        ("since Hurricane Helene", "2024-09-26"),
        ("since the Maui wildfires", "2023-08-08"),
        ("since the Kakhovka dam was destroyed", "2023-06-06"),
    ],
)
def test_dated_events(text: str, when: str) -> None:
    assert _event_dates(text) == {when}


@pytest.mark.parametrize(
    "text",
    [
        "since the war began",  # Ukraine, Gaza or Sudan: the story decides, not the lexicon
        "since the fighting erupted",
        "since Israel's ground invasion began",
        "after the invasion of Iraq",
        "since a general mobilisation was declared",  # Ukraine's, not Russia's
        "Israel's mobilisation of reservists",
        "around the camp fire",
    ],
)
def test_phrases_that_do_not_name_one_event(text: str) -> None:
    assert _event_dates(text) == set()


# --- demonyms.tsv, country_aliases.tsv, units.tsv, screen_cues.txt ---------------------------------
@pytest.mark.parametrize(
    ("word", "code"),
    [("Muscovites", "RU"), ("Masalit", "SD"), ("Floridians", "US"), ("Albertans", "CA"),
     ("Ecuadoran", "EC"), ("Rohingya", "MM")],
)  # fmt: skip
def test_demonyms_of_regions_cities_and_peoples(gaz: Gazetteer, word: str, code: str) -> None:
    assert gaz.demonym(word) == code


@pytest.mark.parametrize(
    ("name", "code"), [("Hellenic Republic", "GR"), ("Islamic Emirate of Afghanistan", "AF")]
)
def test_formal_country_names(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.country(name)
    assert place is not None and place.country == code


def test_people_nouns_count_people() -> None:
    (fact,) = _facts("About 1,200 orphans were evacuated from Kherson to Odesa on Monday.")
    assert (fact.unit, fact.term) == ("people", "evacuated")


def test_a_story_about_people_crossing_at_a_post_is_read() -> None:
    (fact,) = _facts("More than 10,000 people crossed at Torkham on Tuesday, an official said.")
    assert fact.place is not None and fact.place.name == "Torkham"


@pytest.mark.parametrize(
    "text",
    [
        "Some 5,000 cars were queuing at the Verkhny Lars crossing on Monday.",
        "Poland's Border Guard said 1.2 million people had crossed from Ukraine since February.",
        "Nearly 9,000 Afghans returned through Chaman on Monday, Pakistani officials said.",
        "Border Patrol agents recorded more than 10,000 apprehensions on Tuesday.",
    ],
)
def test_stories_worded_without_the_first_cues_are_read(text: str) -> None:
    assert len(_facts(text)) == 1


def test_border_agency_counts_are_crossings() -> None:
    (fact,) = _facts("Border Patrol agents recorded more than 10,000 apprehensions on Tuesday.")
    assert (fact.term, fact.unit, fact.speaker) == ("crossed", "people", "U.S. Border Patrol")


def test_the_lachin_corridor_is_found_by_its_bare_name(gaz: Gazetteer) -> None:
    place = gaz.lookup("Lachin")
    assert place is not None and (place.name, place.kind) == ("Lachin corridor", "crossing")


def test_a_usual_name_matches_the_body_named_inside_a_longer_speaker() -> None:
    from exodus.evaluate.scoring import same_speaker

    assert same_speaker("UNHCR", "a spokesperson for the UN refugee agency")
    assert same_speaker(
        "Kazakhstan's Interior Ministry", "a spokesman for the Kazakh interior ministry"
    )
    assert not same_speaker("UNHCR", "a spokesperson for the Kazakh interior ministry")
