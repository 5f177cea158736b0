"""What a whole document settles for the facts in it: the corridor it is about, the crossing it
names, the country of an evacuation, and the voice of a release's issuer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from exodus.models import Fact
from exodus.resolve.facts import (
    INSTITUTION,
    NAMED,
    Context,
    across,
    country_place,
    find_places,
    speaker_places,
)


def fill_from_document(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """Places the whole document settles, for facts whose own sentence leaves them open.

    A document about one corridor (every fact with a destination has the same one) lends that
    destination, and its origin, to facts without; a document naming one crossing point lends
    it to its waits and queues; evacuations and internal displacement with no place at all take
    the country the document is about.
    """
    outward = ("left", "returned", "deported")  # departures run the corridor the other way
    dests = {f.destination.country for f in facts if f.destination and f.term not in outward}
    origin_counts = Counter(f.origin.country for f in facts if f.origin and f.term not in outward)
    origins = set()
    main_origin = origin_counts.most_common(1)[0][0] if origin_counts else None
    if origin_counts:
        top_origin, k = origin_counts.most_common(1)[0]
        if k * 2 > sum(origin_counts.values()):
            origins = {top_origin}
    refs = find_places(ctx, 0, len(ctx.text))
    crossings = {r.place.name: r.place for r in refs if r.place.kind == "crossing"}
    countries = Counter(r.place.country for r in refs if r.place.country)
    main_country = None
    if countries:
        top, n = countries.most_common(1)[0]
        main_country = top if n * 2 >= sum(countries.values()) else None
    out = []
    for f in facts:
        origin, dest, place = f.origin, f.destination, f.place
        internal = f.term in ("displaced", "evacuated", "relocated")
        if f.term in outward:
            out.append(f)
            continue
        if internal and origin is None and dest is None and main_country:
            origin = dest = country_place(ctx, main_country)
        if (
            len(dests) == 1
            and dest is None
            and "destination ambiguous" not in f.notes
            and not internal
        ):
            (code,) = dests
            if origin is None or origin.country != code:
                dest = country_place(ctx, code)
        if len(origins) == 1 and origin is None and not internal:
            (code,) = origins
            if dest is None or dest.country != code:
                origin = country_place(ctx, code)
        if place is None and len(crossings) == 1 and f.measure in ("wait_time", "queue_length"):
            (crossing,) = crossings.values()
            if dest is None or dest.country in (crossing.country, ctx.gaz.other_country(crossing)):
                place = crossing
        if place is not None and place.kind == "crossing" and not internal:
            sides = {place.country, ctx.gaz.other_country(place)}
            if origin is None and main_origin in sides:
                origin = country_place(ctx, main_origin)
            if dest is None or (origin is not None and dest.country == origin.country):
                dest = across(ctx, place, origin) or dest
            if origin is None and dest is not None and dest.country in sides:
                origin = across(ctx, place, dest)  # into Eagle Pass (US): from the other side
        if (origin, dest, place) != (f.origin, f.destination, f.place):
            f = replace(f, origin=origin, destination=dest, place=place)
        out.append(f)
    return out


_RELEASE = re.compile(
    r"\b(?:press release|news release|media release|press service|briefing notes?|press briefing|statements?|situation (?:report|update)|flash update|sitrep|press cent(?:re|er)|official information|communiqu[eé]|komunikaty)\b",
    re.I,
)


_SAID_BY = re.compile(
    r"\b(?:said|stated|delivered)\s+by\s+(?P<who>[A-Z][^,\u2013\u2014()]{3,80}?)\s*(?:[\u2013\u2014,(]|\s+-\s|\s+at\s)"
)


def release_speaker(ctx: Context, facts: list[Fact]) -> str | None:
    """The institution speaking in its own release, when the document is one.

    A press release, briefing note or situation report speaks with the voice of the body that
    issued it: its figures have that body as speaker even where no sentence says "it said".  A
    named spokesperson of that body who speaks in it is preferred to the bare name.
    """
    lines = [ln.strip() for ln in ctx.header.splitlines() if ln.strip()][:6]
    lines = [ln for ln in lines if len(ln.split()) <= 14 and not re.match(r"(?i)by\s", ln)]
    if not any(_RELEASE.search(ln) for ln in lines):
        return None
    issuer = None
    for ln in lines:
        for part in re.split(r"\s+[-|/\u2013\u2014]\s+|\s*\|\s*", ln):
            if (
                INSTITUTION.search(part)
                and len(part.split()) <= 12
                and not _RELEASE.fullmatch(part.strip())
            ):
                issuer = part.strip(" >")
                break
        if issuer:
            break
    if issuer and issuer.isupper():
        small = {"of", "the", "and", "for", "on", "in"}
        issuer = " ".join(
            w.lower() if w.lower() in small else w.capitalize() for w in issuer.split()
        )
    said_by = _SAID_BY.search(ctx.text[:1500]) or _SAID_BY.search(ctx.header)
    if said_by:
        return said_by.group("who").strip()  # "a summary of what was said by UNHCR spokesperson X"
    if issuer:
        return issuer
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
