"""What a whole document settles for the facts in it: the corridor it is about, the crossing it
names, the country of an evacuation, and the voice of a release's issuer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from exodus.extract.speakers import tidy_speaker
from exodus.models import Fact, Place
from exodus.resolve.context import Context
from exodus.resolve.facts import INSTITUTION, NAMED
from exodus.resolve.places import (
    PlaceRef,
    across,
    country_place,
    demonym_country,
    find_places,
    speaker_places,
)

_INTERNAL = ("displaced", "evacuated", "relocated")
_HOMEWARD = ("returned", "deported")  # people going back: the corridor run the other way
_OUTWARD = ("left", *_HOMEWARD)
_ACROSS = ("crossed", "entered", "sought_asylum")  # words of crossing a border
# people who crossed a border whatever the story: refugees, people who left the country
_ABROAD = re.compile(r"\brefugees?\b|\b(?:left|fled|leave|flee)\s+the\s+country\b|\babroad\b", re.I)
_ARRIVING = ("arrived", "hosted", *_ACROSS, *_HOMEWARD)  # arrivals and hosts may come from abroad


def _is_internal(f: Fact) -> bool:
    if "abroad" in f.notes:
        return False  # "evacuated 1,573 people from Sudan", "to neighbouring countries"
    return f.term in _INTERNAL or (
        f.origin is not None
        and f.destination is not None
        and f.origin.country == f.destination.country
    )


def main_corridor(facts: list[Fact], home: str | None = None) -> tuple[str | None, str | None]:
    """``(origin, destination)`` country codes of the movement a document is about.

    Read off the facts that state them, leaving out internal movement and departures (which may
    run the corridor the other way; returns to ``home``, the country of the people the document
    is about, run with it): the origin most of them name (None without a majority) and the
    destination when they all name one.
    """
    forward = [
        f
        for f in facts
        if not _is_internal(f)
        and (f.term not in _OUTWARD or (f.term == "left" and f.destination is not None))
    ]  # "1,400 people left for Mongolia" runs with the corridor
    goes_home = any(
        f.term in _HOMEWARD and f.destination and f.destination.country == home for f in facts
    )
    returning = bool(home) and (goes_home or any(f.destination for f in forward))
    returning = returning and all(
        f.destination.country == home for f in forward if f.destination is not None
    )
    if returning:
        # a story of people going home: its returns run with its corridor
        forward += [
            f
            for f in facts
            if f.term in _HOMEWARD and f.destination and f.destination.country == home
        ]
    # a wait or a queue is somewhere on the way, which says little of where people are going
    moves = [f for f in forward if f.measure == "flow"]
    if not any(f.origin or f.destination for f in moves):
        # no figure of people moving names a place: those of people staying somewhere do
        moves = [f for f in forward if f.measure not in ("wait_time", "queue_length")]
    # in a story of people going home, their home is where they go, not where they come from
    origin_counts = Counter(
        f.origin.country for f in moves if f.origin and not (returning and f.origin.country == home)
    )
    origin = None
    if origin_counts:
        top, k = origin_counts.most_common(1)[0]
        origin = top if k * 2 > sum(origin_counts.values()) else None
    # the origin country's own officials speak of people leaving it: not a destination
    dests = {
        f.destination.country
        for f in moves
        if f.destination
        and f.destination.country
        and not ("destination from speaker" in f.notes and f.destination.country == origin)
    }
    (dest,) = dests if len(dests) == 1 else (None,)
    if any("abroad" in f.notes and f.destination is None and f.term != "evacuated" for f in moves):
        dest = None  # "about 40,000 have gone on to other countries": more than one destination
    if origin == dest:
        origin = None
    return origin, dest


def fill_from_document(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Places the whole document settles, for facts whose own sentence leaves them open.

    A document about one corridor (every fact with a destination has the same one) lends that
    destination, and its origin, to facts without; people going back (returns, deportations) run
    that corridor the other way; a document naming one crossing point lends it to its waits and
    queues, and a crossing point names the country on its far side; evacuations and internal
    displacement with no place at all take the country the document is about.
    """
    if not facts:
        return facts
    homes = Counter(c for f in facts if (c := demonym_country(ctx, f.population)))
    home = homes.most_common(1)[0][0] if homes else None
    main_origin, main_dest = main_corridor(facts, home)
    refs = find_places(ctx, 0, len(ctx.text))
    named = {
        f.destination.country
        for f in facts
        if f.destination
        and f.measure == "flow"
        and f.term not in _OUTWARD
        and "destination from speaker" not in f.notes
        and not _is_internal(f)
    }
    if len(named) <= 1:
        # a story set at a border post goes across it, unless its figures go to several
        # countries ("Poland 505,000, Hungary 116,000", and a wait at Medyka)
        main_origin, main_dest = _across_border(ctx, refs, main_origin, main_dest)
    back = (main_origin, main_dest) if home == main_dest else (main_dest, main_origin)
    crossings = {r.place.name: r.place for r in refs if r.place.kind == "crossing"}
    countries = Counter(r.place.country for r in refs if r.place.country)
    main_country = None
    if countries:
        top, n = countries.most_common(1)[0]
        main_country = top if n * 2 >= sum(countries.values()) else None
    # a story of evacuations or displacement inside one country: no figure crosses a border
    ends = {  # the countries the figures that do not stay put name
        p.country
        for f in facts
        if not _is_internal(f)
        for p in (f.origin, f.destination)
        if p is not None
    }
    internal_story = (
        any(_is_internal(f) for f in facts)
        and len(ends) <= 1  # every figure that names a country names the same one
        and not any(f.term in _ACROSS or "abroad" in f.notes for f in facts)
    )
    out = []
    for f in facts:
        origin, dest, place = f.origin, f.destination, f.place
        internal = f.term in _INTERNAL and "abroad" not in f.notes
        if f.term in _HOMEWARD:
            if home and origin is not None and origin.country == home and dest in (None, origin):
                origin, dest = None, origin  # people going home do not leave it
            start, end = back
            if (
                "origin from speaker" in f.notes
                and origin is not None
                and origin.country == end
                and start is not None
            ):
                # an official of the country people return to speaks for it, not for the one
                # they leave ("Afghanistan's refugees ministry said 2,310 families returned")
                origin, dest = country_place(ctx, start), country_place(ctx, end)
            origin, dest = _homeward(ctx, origin, dest, *back)
            if (
                place is not None
                and place.kind == "crossing"
                and origin is not None
                and dest is None
            ):
                dest = across(ctx, place, origin)  # "repatriated through Torkham" from Pakistan
        elif (
            internal_story
            and (origin is None) != (dest is None)
            and f.term not in _ARRIVING
            and not _ABROAD.search(f"{f.population or ''} {f.evidence.sentence}")
        ):
            # "5,000 vehicles have left Yellowknife" in a story of evacuations: within the country
            origin = dest = origin or dest
        elif f.term not in _OUTWARD:
            if (
                home is not None
                and home == main_dest
                and origin is not None
                and origin.country == home
                and (dest is None or dest.country in (home, main_origin))
                and not internal
            ):
                # a story of people going home: "Afghans who have crossed here" go to Afghanistan
                origin, dest = country_place(ctx, main_origin), country_place(ctx, home)
            if (
                "destination from speaker" in f.notes
                and f.measure != "stock"
                and origin is None
                and dest is not None
                and dest.country == main_origin
            ):
                # the origin country's border service speaks of people leaving it
                origin = dest
                dest = (place and across(ctx, place, origin)) or country_place(ctx, main_dest)
            if internal and origin is None and dest is None and main_country:
                origin = dest = country_place(ctx, main_country)
            if place is None and len(crossings) == 1 and f.measure in ("wait_time", "queue_length"):
                (crossing,) = crossings.values()
                if dest is None or dest.country in (
                    crossing.country,
                    ctx.gaz.other_country(crossing),
                ):
                    place = crossing
            if place is not None and place.kind == "crossing" and not internal:
                # a crossing point says more than the document's corridor
                origin, dest = _across_crossing(ctx, place, origin, dest, main_origin)
            if (
                main_dest is not None
                and dest is None
                and "destination ambiguous" not in f.notes
                and "abroad" not in f.notes  # "to other countries": not the one of the story
                and not internal
                and (origin is None or origin.country != main_dest)
            ):
                dest = country_place(ctx, main_dest)
            if (
                main_origin is not None
                and origin is None
                and not internal
                and (dest is None or dest.country != main_origin)
            ):
                origin = country_place(ctx, main_origin)
        if (origin, dest, place) != (f.origin, f.destination, f.place):
            f = replace(f, origin=origin, destination=dest, place=place)
        out.append(f)
    return out


def _across_border(
    ctx: Context, refs: list[PlaceRef], origin: str | None, dest: str | None
) -> tuple[str | None, str | None]:
    """A document's corridor with one end known, completed by the border places it names: people
    arriving in the US in a story set at Eagle Pass (US, across from Mexico) come from Mexico."""
    if (origin is None) == (dest is None):
        return origin, dest
    known = origin or dest
    sides = set()
    for r in refs:
        if r.place.kind not in ("crossing", "city"):
            continue  # a land border's posts and towns; islands and seas are reached from afar
        other = ctx.gaz.other_country(r.place)
        if other and other != r.place.country and known in (r.place.country, other):
            sides.add(other if r.place.country == known else r.place.country)
    if len(sides) != 1:
        return origin, dest
    (far,) = sides
    return (far, dest) if origin is None else (origin, far)


def _homeward(
    ctx: Context, origin: Place | None, dest: Place | None, start: str | None, end: str | None
) -> tuple[Place | None, Place | None]:
    """People going back, from ``start`` to ``end``: in a story of Russians arriving in Finland,
    "2,350 Russians returned to Russia" runs FI -> RU; in a story of Afghans going home from
    Pakistan, "2,100 were deported" runs PK -> AF like the rest."""
    if start is None or end is None:
        return origin, dest
    if origin is None and (dest is None or dest.country == end):
        origin = country_place(ctx, start)
    if dest is None and origin is not None and origin.country == start:
        dest = country_place(ctx, end)
    return origin, dest


def _across_crossing(
    ctx: Context,
    place: Place,
    origin: Place | None,
    dest: Place | None,
    main_origin: str | None,
) -> tuple[Place | None, Place | None]:
    """A crossing point joins two countries: one end of the movement gives the other."""
    sides = {place.country, ctx.gaz.other_country(place)}
    if origin is None and main_origin in sides:
        origin = country_place(ctx, main_origin)  # the document's corridor runs through it
    elif origin is None and dest is not None and dest.country in sides:
        origin = across(ctx, place, dest)  # into Eagle Pass (US): from the other side
    if dest is None or (origin is not None and dest.country == origin.country):
        dest = across(ctx, place, origin) or dest
    return origin, dest


_RELEASE = re.compile(
    r"\b(?:press releases?|news releases?|media releases?|(?:press|media|joint|official) statements?|"
    r"press service|"
    r"briefing notes?|press briefing|statements?|situation (?:report|update)s?|flash update|"
    r"sitrep|press cent(?:re|er)|official information|communiqu[eé]s?|komunikaty|"
    r"humanitarian update|operational update)\b",
    re.I,
)
_SAID_BY = re.compile(
    r"\b(?:said|stated|delivered)\s+by\s+(?P<who>[A-Z][^,\u2013\u2014()]{3,80}?)\s*(?:[\u2013\u2014,(]|\s+-\s|\s+at\s)"
)
_SMALL = {"of", "the", "and", "for", "on", "in", "to", "at"}
_ORG = re.compile(
    r"\b(?:alliance|network|foundation|federation|society|association|coalition|union|"
    r"programme|program|fund|institute|centre|center|mission|cluster|platform|partnership|"
    r"kingdom|republic)\b",
    re.I,
)


def _name_like(part: str) -> bool:
    """A letterhead name: short, capitalised, no sentence or title punctuation, no date."""
    words = part.split()
    if not words or len(words) > 12 or re.search(r"[:;!?\d]|^By\s", part) or not part[0].isupper():
        return False
    caps = [w for w in words if w.lower() not in _SMALL]
    return sum(w[:1].isupper() or w[:1] in "(«" for w in caps) >= 0.75 * len(caps)


def _body_like(part: str) -> bool:
    return bool(
        INSTITUTION.search(part)
        or _ORG.search(part)
        or re.search(r"\([A-Z]{2,8}\)|^[A-Z]{2,8}$", part.strip())
    )


def _letterhead(part: str) -> str:
    """An ALL-CAPS letterhead in the usual case, acronyms kept ("INTER SECTOR COORDINATION GROUP
    (ISCG)" -> "Inter Sector Coordination Group (ISCG)")."""
    part = part.strip(" >-|")
    if not part.isupper() or len(part.split()) == 1:
        return part

    def word(w: str) -> str:
        if w.startswith("(") or (len(w.strip("().,")) <= 3 and w.lower() not in _SMALL):
            return w
        return w.lower() if w.lower() in _SMALL else w.capitalize()

    return " ".join(word(w) for w in part.split())


def _parts(line: str) -> list[str]:
    return [
        p.strip(" >") for p in re.split(r"\s+[-|/\u2013\u2014>]\s+|\s*\|\s*", line) if p.strip(" >")
    ]


def release_issuer(ctx: Context) -> str | None:
    """The body that issued the document, when its header says it is a release: the name on
    the letterhead closest above the banner ("Press release", "Situation Report", "Briefing
    notes"), or in the banner itself ("UNRWA Situation Report #12"), or right below it; a parent
    line that names a country is kept with it ("Ministry of Interior, Government of Pakistan")."""
    lines = [ln.strip() for ln in ctx.header.splitlines() if ln.strip()][:6]
    lines = [ln for ln in lines if not re.match(r"(?i)by\s", ln)]
    for i, ln in enumerate(lines):
        banner = False
        for part in _parts(ln):
            m = _RELEASE.search(part)
            if not m:
                continue
            prefix = part[: m.start()].strip(" -|:\u2013\u2014")
            if prefix and _name_like(prefix) and _body_like(prefix) and len(prefix.split()) <= 6:
                return _letterhead(prefix)  # "UNRWA Situation Report #12 on ..."
            # a headline that mentions a statement is not a banner
            banner = banner or not prefix or len(ln.split()) <= 8
        if not banner:
            continue
        above = [
            (j, p) for j in range(i) for p in _parts(lines[j]) if _name_like(p) and _body_like(p)
        ]
        if above:
            j, issuer = above[-1]
            issuer = _letterhead(issuer)
            if not _country_of(ctx, issuer):
                parents = [_letterhead(p) for k, p in above if k < j and _country_of(ctx, p)]
                if parents:
                    issuer = f"{issuer}, {parents[-1]}"
            return issuer
        for ln2 in lines[i + 1 : i + 3]:
            below = [p for p in _parts(ln2) if _name_like(p) and _body_like(p)]
            if below:
                return _letterhead(below[0])
        return ""  # a release whose issuer the header does not name
    return None


def _country_of(ctx: Context, name: str) -> bool:
    """Whether ``name`` names a country ("Government of Pakistan", "Kingdom of Saudi Arabia")."""
    refs = find_places(replace(ctx, text=name, speakers=[]), 0, len(name))
    return any(r.place.kind == "country" for r in refs)


def release_speaker(ctx: Context, facts: list[Fact]) -> str | None:
    """The institution speaking in its own release, when the document is one.

    A press release, briefing note or situation report speaks with the voice of the body that
    issued it: its figures have that body as speaker even where no sentence says "it said".  A
    named spokesperson of that body who speaks in it is preferred to the bare name.
    """
    issuer = release_issuer(ctx)
    if issuer is None:
        return None
    said_by = _SAID_BY.search(ctx.text[:1500]) or _SAID_BY.search(ctx.header)
    if said_by:
        return said_by.group("who").strip()  # "a summary of what was said by UNHCR spokesperson X"
    if issuer:
        return tidy_speaker(issuer, ctx.lex.institutions)
    named = [
        f.speaker
        for f in facts
        if f.speaker and INSTITUTION.search(f.speaker) and NAMED.search(f.speaker)
    ]
    return named[0] if named else None  # the body's spokesperson, named


def with_speaker(ctx: Context, f: Fact, speaker: str) -> Fact:
    """``f`` spoken by ``speaker`` (a release's issuer): its corridor gains the speaker's country."""
    f = replace(f, speaker=speaker)
    if f.term in ("displaced", "evacuated", "relocated"):
        return f
    _, inst = speaker_places(ctx, speaker)
    if inst is None:
        return f
    if f.term in ("returned", "deported", "left"):
        if f.origin is None and (f.destination is None or f.destination.country != inst):
            f = replace(f, origin=country_place(ctx, inst))
    elif f.destination is None and (f.origin is None or f.origin.country != inst):
        f = replace(f, destination=country_place(ctx, inst))
    return f
