"""Places in the words around a figure, and the places a speaker implies.

``from X`` is an origin, ``to X`` / ``into X`` a destination, ``at X`` a place; a town and its
country share a role ("from Sfax in Tunisia"); a list of places shares the role of its first; a
speaker's own description says where they came from and went, and an official speaks for the
country receiving people (UN agencies and aid groups speak for none).  Names are looked up in the
gazetteer, longest first, inside capitalised chunks of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from exodus.models import Place
from exodus.resolve.gazetteer import Gazetteer

if TYPE_CHECKING:
    from exodus.resolve.context import Context

_CAPS = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|(?:al|el|ad|ash|as|an|ar|at|az|ul|bin|ibn)-[A-Z][\w'’.-]*|(?:del|de|al|el|la|of|do|da)\b))*"
)
_ORIGIN_BEFORE = re.compile(
    r"\b(?:from|out of|fled|fleeing|flee|flees|left|leaving|leave|leaves|escaped|escaping|exited|exiting|quit|quitting)\s+(?:(?:around|near|the area of|the city of|the town of|the port of)\s+)?(?:the\s+)?$",
    re.I,
)
_DEST_BEFORE = re.compile(
    r"\b(?:to|into|towards?|in|for|entered|entering|enters?|reached|reaching|reach|across|(?:arrived|arriving|arrive|arrives|landed|landing|land|came ashore|come ashore) (?:in|on|at)|bound for|within|inside)\s+(?:the\s+)?$",
    re.I,
)
_EVENT_IN = re.compile(
    r"\b(?:fighting|war|violence|conflict|clashes|crisis|situation|offensive|attacks?|bombing|"
    r"shelling|floods?|flooding|earthquake|elections?|government|authorities|officials|police|"
    r"ministry|embassy|consulate|media|economy|prices|operations?|troops|forces|army|briefings?|"
    r"conferences?|meetings?|summit|talks|interview|speech|session|forum|hearing|headquarters|"
    r"fight|fighting|serve|serving|die|dying|deployed|killed|wounded)\s+in\s+(?:the\s+)?$",
    re.I,
)
# "footage from the Dariali crossing", "data from Finland": where information comes from
_SOURCE_FROM = re.compile(
    r"\b(?:footage|data|figures|numbers|statistics|reports?|images?|video|pictures?|photos?|"
    r"officials?|statements?|analysis|estimates?|accounts?|sources?|journalists?|correspondents?)\s+"
    r"from\s+(?:the\s+)?$",
    re.I,
)
_ARRIVED_AT = re.compile(
    r"\b(?:arrived|arriving|arrives|landed|landing|docked|docking)\s+(?:at|in)\s+(?:the\s+)?$", re.I
)
_PLACE_BEFORE = re.compile(r"\b(?:at|via|through|near)\s+(?:the\s+)?$", re.I)
_HOST_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:which|that|is|was|has|had|have|are|were|been|already|now|currently|still|alone|itself|together)\s+)*(?:host|shelter|house|receiv|accommodat|tak(?:en|ing|es) in|took in|welcom)\w*",
    re.I,
)
_LIST_BEFORE = re.compile(
    r"(?:(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:,|,?\s+and|,?\s+or)\s+)+$"
)
_LIST_SEP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|/|-)\s*$")
# "Hungary has taken in 116,000 and Moldova nearly 80,000": a gapped clause, a name then a figure
_GAP_BEFORE = re.compile(r"(?:,|;|\band|\bwhile|\bwhereas)\s+(?:the\s+)?$", re.I)
_FIGURE_AFTER = re.compile(
    r"^\s+(?:(?:nearly|about|around|some|almost|roughly|approximately|more\s+than|over|"
    r"at\s+least|up\s+to|just\s+(?:over|under)|fewer\s+than|less\s+than|another|a\s+further|"
    r"an\s+estimated|close\s+to)\s+)?\d",
    re.I,
)


@dataclass(frozen=True)
class PlaceRef:
    place: Place
    start: int
    end: int
    role: str | None  # origin, destination, in (where, perhaps where to), towards, at, or None


def find_places(ctx: Context, start: int, end: int) -> list[PlaceRef]:
    refs: list[PlaceRef] = []
    text = ctx.text
    for m in _CAPS.finditer(text, start, end):
        if text.startswith("$", m.end()):
            continue  # "US$77 million": a currency
        for ps, pe, place in _resolve_chunk(ctx.gaz, text, m.start(), m.end()):
            before = text[max(start, ps - 30) : ps]
            if not refs or not _LIST_SEP.match(text[refs[-1].end : ps]):
                # "in the Middle Area, Khan Younis and Rafah": the list's preposition, past the
                # names before it that are not places
                before = _LIST_BEFORE.sub("", text[max(start, ps - 90) : ps])[-30:]
            role: str | None = None
            if refs and _LIST_SEP.match(text[refs[-1].end : ps]):
                role = refs[-1].role
            elif (
                refs
                and refs[-1].place.kind != "country"
                and place.country in {r.place.country for r in _pair(refs, text)}
                and re.fullmatch(
                    r"(?:\s+(?:crossing|checkpoint|border post|port|camp))?,?\s+(?:in|,)\s+(?:the\s+)?",
                    text[refs[-1].end : ps],
                )
            ):
                # "from Sfax in Tunisia", "at the Syrym crossing in the Orenburg region": where
                # the place before is, in the same role
                role = refs[-1].role
            elif (
                refs
                and refs[-1].role in ("origin", "destination")
                and refs[-1].place.kind == place.kind
                and _GAP_BEFORE.search(text[max(start, ps - 12) : ps])
                and _FIGURE_AFTER.match(text[pe : pe + 40])
            ):
                role = refs[-1].role  # the gapped clause's name, in the role of the one before
            elif _ORIGIN_BEFORE.search(before) and not _SOURCE_FROM.search(before):
                role = "origin"
            elif _ARRIVED_AT.search(before):
                role = "destination"  # "arrived at Jeddah Islamic Port"
            elif _PLACE_BEFORE.search(before) and place.kind in ("crossing", "city"):
                role = "at"
            elif _EVENT_IN.search(before):
                role = None  # "the fighting in Sudan": where something happened, not where to
            elif _HOST_AFTER.match(text[pe : pe + 40]):
                role = "destination"
            elif d := _DEST_BEFORE.search(before):
                # a bare "in X" says where, and only failing a "to/into" says where to
                first = d.group().split()[0].lower()
                role = (
                    "in"
                    if first in ("in", "within", "inside")
                    else "towards"  # "buses north towards Costa Rica": a heading, weaker still
                    if first in ("towards", "toward")
                    else "destination"
                )
            refs.append(PlaceRef(place, ps, pe, role))
    return refs


def _pair(refs: list[PlaceRef], text: str) -> list[PlaceRef]:
    """The last place named and any it is paired with by a hyphen or slash (Mashtakovo-Syrym)."""
    group = [refs[-1]]
    for r in reversed(refs[:-1]):
        if text[r.end : group[-1].start] not in ("-", "/"):
            break
        group.append(r)
    return group


def _resolve_chunk(gaz: Gazetteer, text: str, s: int, e: int) -> list[tuple[int, int, Place]]:
    """The longest gazetteer names inside a capitalised chunk, left to right."""
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
    out: list[tuple[int, int, Place]] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(len(words), i, -1):
            ws, we = words[i][0], words[j - 1][1]
            name = re.sub(r"(?:'s|’s)$", "", text[ws:we]).strip(".,")
            place = (
                gaz.lookup(name) if name[:1].isupper() or name.lower().startswith("the ") else None
            )
            if place is not None:
                found = (ws, we, place, j)
                break
        if found:
            out.append(found[:3])
            i = found[3]
        else:
            ws, we = words[i]
            if "-" in text[ws:we] and we - ws > 3:
                # "the Mashtakovo-Syrym crossing": a pair of posts, each a name of its own
                out.extend(_resolve_chunk(gaz, text.replace("-", " "), ws, we))
            i += 1
    return out


def pick_place(refs: list[PlaceRef], role: str) -> tuple[Place | None, bool]:
    """The single place with ``role``; ``(None, True)`` when several countries compete."""
    cands = [r.place for r in refs if r.role == role]
    countries = {p.country for p in cands}
    if len(countries) > 1:
        return None, True
    return (cands[0] if cands else None), False


def demonym_country(ctx: Context, text: str | None) -> str | None:
    if not text:
        return None
    # the people named, not a place further on ("patients carried to hospitals in the Egyptian town")
    head = re.split(
        r"\s(?:to|in|at|into|for|with|along|near|carried|taken|on)\s", text, maxsplit=1
    )[0]
    for w in re.findall(r"[A-Z][\w-]+", head):
        c = ctx.gaz.demonym(w)
        if c:
            return c
    return None


# bodies that speak for no country, though their names may carry one ("Norwegian Refugee Council")
NON_STATE = re.compile(
    r"\b(?:UN|U\.N\.|United Nations|UNHCR|IOM|OCHA|UNICEF|UNRWA|WFP|ICRC|OHCHR|ISCG|R4V|DTM|"
    r"Refugee Council|Rescue Committee|Red Cross|Red Crescent|Save the Children|MSF|NRC|IRC|"
    r"M[ée]decins Sans Fronti[èe]res|Doctors Without Borders|Amnesty|Human Rights|Oxfam|Caritas|"
    r"World Vision|Islamic Relief|CARE|Mercy Corps|charity|NGO|aid group|aid agency|"
    r"International Organi[sz]ation for Migration|Frontex)\b"
)


def speaker_places(ctx: Context, speaker: str | None) -> tuple[str | None, str | None]:
    """``(origin, destination)`` country codes a speaker's own description implies."""
    if not speaker:
        return None, None
    parts = [p for p in re.split(r",?\s+and\s+", speaker) if p.strip()]
    if len(parts) > 1:  # "UNHCR and the Chadian authorities": the part that speaks for a country
        found = [speaker_places(ctx, p) for p in parts]
        return next((f for f in found if f != (None, None)), (None, None))
    if NON_STATE.search(str(ctx.lex.canonical(speaker))) or NON_STATE.search(speaker):
        return None, None
    words = {re.sub(r"['’]s$", "", w.lower().strip(",.()")).strip("'’") for w in speaker.split()}
    institutional = bool(words & ctx.lex.titles)
    countries: list[str] = []
    for m in _CAPS.finditer(speaker):
        for ps, _, p in _resolve_chunk(ctx.gaz, speaker, m.start(), m.end()):
            # a town only after "of", "in"...: "the mayor of Przemysl", not "Serik Nurmaganbetov"
            town_ok = re.search(r"\b(?:of|in|at|from|for)\s+(?:the\s+)?$", speaker[:ps], re.I)
            if p.country and (p.kind != "city" or town_ok):
                countries.append(p.country)
    demonym = demonym_country(ctx, speaker)
    if institutional:
        inst = countries[0] if countries else demonym
        return None, inst  # an official speaks for the country receiving people
    dest = None
    m2 = re.search(r"\b(?:to|into|in)\s+(?P<p>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", speaker)
    if m2:
        hit = ctx.gaz.lookup(m2.group("p"))
        dest = hit.country if hit else None
    return demonym, dest


def country_place(ctx: Context, code: str | None) -> Place | None:
    return ctx.gaz.country(code) if code else None


THE_CROSSING = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:border|land|road|automobile|main|same)\s+)?(?:crossing(?:\s+point)?|checkpoint|check-point|border post|post|bridge)\b",
    re.I,
)


def last_crossing(ctx: Context, at: int, reach: int = 2000, regions: bool = False) -> Place | None:
    """The crossing point named last before ``at`` (within ``reach`` characters); with
    ``regions``, a border region such as the Darién Gap too."""
    refs = find_places(ctx, max(0, at - reach), at)
    return next(
        (
            r.place
            for r in reversed(refs)
            if r.place.kind == "crossing" or (regions and is_border_region(ctx, r.place))
        ),
        None,
    )


def is_border_region(ctx: Context, place: Place) -> bool:
    """A border island or region (Lampedusa, the Darién Gap): curated with a far side."""
    return place.kind == "region" and ctx.gaz.other_country(place) is not None


def is_point(ctx: Context, place: Place) -> bool:
    """A place a figure can be about: a crossing, town or camp, or a border island or region
    (Lampedusa, the Darién Gap), not a whole country or province."""
    return place.kind in ("crossing", "city", "camp") or is_border_region(ctx, place)


def across(ctx: Context, crossing: Place, origin: Place | None) -> Place | None:
    """The country on the far side of a crossing point from ``origin`` (None when unknown)."""
    if origin is None:
        return None
    other = ctx.gaz.other_country(crossing)
    if origin.country == crossing.country and other:
        return country_place(ctx, other)
    if origin.country == other:
        return country_place(ctx, crossing.country)
    return None
