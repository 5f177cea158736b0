"""Candidates plus context become facts: places, periods, speakers and a confidence.

Places come from the words around the number (``from X`` is an origin, ``to X`` / ``into X`` a
destination, a demonym in the population an origin, a crossing point a place), then from the
speaker (an official speaks for the receiving country; a person's own description says where they
came from and went), then from the figure before it in the same sentence or paragraph.  A list of
several destinations leaves the destination empty rather than guessing one.

Periods come from the time expression in the number's clause (inside the quote when the number is
quoted), resolved against the day the quote was given or the publication date; with no time
expression, a present or present-perfect verb makes the figure true as of that day.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from exodus.extract.figures import Candidate
from exodus.extract.lexicon import Lexicon
from exodus.extract.quotes import Quote
from exodus.models import Evidence, Fact, OffsetMap, Place
from exodus.resolve.confidence import IDENTITY, Calibration, raw_score
from exodus.resolve.dates import (
    DATELINE,
    TimeExpr,
    event_expressions,
    find_time_expressions,
    resolve,
)
from exodus.resolve.gazetteer import Gazetteer

_CAPS = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|al|el|la|of|do|da))*"
)
_ORIGIN_BEFORE = re.compile(
    r"\b(?:from|out of|fled|fleeing|flee|flees|left|leaving|leave|leaves|escaped|escaping|exited|exiting|quit|quitting)\s+(?:the\s+)?$",
    re.I,
)
_DEST_BEFORE = re.compile(
    r"\b(?:to|into|towards?|in|for|entered|entering|enters?|reached|reaching|reach|across|arrived in|bound for|within|inside)\s+(?:the\s+)?$",
    re.I,
)
_EVENT_IN = re.compile(
    r"\b(?:fighting|war|violence|conflict|clashes|crisis|situation|offensive|attacks?|bombing|"
    r"shelling|floods?|flooding|earthquake|elections?|government|authorities|officials|police|"
    r"ministry|embassy|consulate|media|economy|prices|operations?|troops|forces|army)\s+in\s+(?:the\s+)?$",
    re.I,
)
_PLACE_BEFORE = re.compile(r"\b(?:at|via|through|near)\s+(?:the\s+)?$", re.I)
_HOST_AFTER = re.compile(
    r"^\s*(?:(?:is|was|has|had|have|are|were|been|already|now|currently|still)\s+)*(?:host|shelter|house|receiv|accommodat)\w*",
    re.I,
)
_LIST_SEP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|/)\s*$")
_THE_COUNTRY = re.compile(
    r"\b(?:fled|left|leave|leaving|fleeing|flee|escape|escaping|escaped)\s+the\s+country\b", re.I
)


@dataclass(frozen=True)
class PlaceRef:
    place: Place
    start: int
    end: int
    role: str | None  # origin, destination, at, or None


@dataclass
class Context:
    """What a document contributes to every fact in it."""

    source: str
    text: str
    offsets: OffsetMap
    published: date | None
    published_inferred: bool
    default_year: int | None
    quotes: list[Quote]
    gaz: Gazetteer
    lex: Lexicon
    header: str = ""  # the first lines of the original text (bylines, press-release banners)
    reference: date | None = None  # the "as of" day of a situation report's figures
    calibration: Calibration = IDENTITY
    speakers: list[tuple[int, str]] = field(default_factory=list)  # named speakers met so far


def find_places(ctx: Context, start: int, end: int) -> list[PlaceRef]:
    refs: list[PlaceRef] = []
    text = ctx.text
    for m in _CAPS.finditer(text, start, end):
        for ps, pe, place in _resolve_chunk(ctx.gaz, text, m.start(), m.end()):
            before = text[max(start, ps - 30) : ps]
            role: str | None = None
            if refs and _LIST_SEP.match(text[refs[-1].end : ps]):
                role = refs[-1].role
            elif _ORIGIN_BEFORE.search(before):
                role = "origin"
            elif _PLACE_BEFORE.search(before) and place.kind in ("crossing", "city"):
                role = "at"
            elif _EVENT_IN.search(before):
                role = None  # "the fighting in Sudan": where something happened, not where to
            elif _DEST_BEFORE.search(before) or _HOST_AFTER.match(text[pe : pe + 40]):
                role = "destination"
            refs.append(PlaceRef(place, ps, pe, role))
    return refs


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
            i += 1
    return out


def _pick(refs: list[PlaceRef], role: str) -> tuple[Place | None, bool]:
    """The single place with ``role``; ``(None, True)`` when several countries compete."""
    cands = [r.place for r in refs if r.role == role]
    countries = {p.country for p in cands}
    if len(countries) > 1:
        return None, True
    return (cands[0] if cands else None), False


def _demonym_country(ctx: Context, text: str | None) -> str | None:
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


def _speaker_places(ctx: Context, speaker: str | None) -> tuple[str | None, str | None]:
    """``(origin, destination)`` country codes a speaker's own description implies."""
    if not speaker:
        return None, None
    words = {w.lower().strip(",.'’s") for w in speaker.split()}
    institutional = bool(words & ctx.lex.titles)
    countries: list[str] = []
    for m in _CAPS.finditer(speaker):
        for _, _, p in _resolve_chunk(ctx.gaz, speaker, m.start(), m.end()):
            if p.country:
                countries.append(p.country)
    demonym = _demonym_country(ctx, speaker)
    if institutional:
        inst = countries[0] if countries else demonym
        return None, inst  # an official speaks for the country receiving people
    dest = None
    m2 = re.search(r"\b(?:to|into|in)\s+(?P<p>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)", speaker)
    if m2:
        hit = ctx.gaz.lookup(m2.group("p"))
        dest = hit.country if hit else None
    return demonym, dest


def _country_place(ctx: Context, code: str | None) -> Place | None:
    return ctx.gaz.country(code) if code else None


def _quote_for(ctx: Context, offset: int) -> Quote | None:
    for q in ctx.quotes:
        if q.contains(offset):
            return q
    return None


def _anchor(ctx: Context, quote: Quote | None) -> date | None:
    if quote is not None and quote.said_at is not None:
        s, e = quote.said_at
        for expr in find_time_expressions(ctx.text[s:e]):
            _start, end = resolve(expr, ctx.published, ctx.default_year)
            if end is not None:
                return end
    return ctx.reference or ctx.published


def _period(
    ctx: Context, cand: Candidate, lo: int, hi: int, anchor: date | None
) -> tuple[date | None, date | None, TimeExpr | None]:
    m = cand.mention
    exprs = find_time_expressions(ctx.text[lo:hi])
    exprs += [e for e in event_expressions(ctx.text[lo:hi], ctx.lex.events) if e.since]
    exprs = [e for e in exprs if not (e.start + lo < m.end and m.start < e.end + lo)]
    # the dateline's date and the day a statement was made say when it was said, not what it covers
    exprs = [
        e
        for e in exprs
        if not _is_speech_date(ctx, e.start + lo) and e.start + lo >= _dateline_end(ctx)
    ]
    if exprs:
        expr = min(exprs, key=lambda e: abs((e.start + lo) - m.start))
        events = [e for e in exprs if e.kind == "event"]
        if events and expr.kind in ("month", "since_month", "year"):
            expr = events[0]  # "since the war began in April": the event's own day
        if expr.kind == "since_then":
            ref = _date_before(ctx, expr.start + lo)
            return ref, anchor, expr
        if expr.kind == "rel_earlier":
            return (*_earlier(ctx, expr, lo, cand.sentence.start, anchor), expr)
        start, end = resolve(expr, anchor, ctx.default_year)
        if end is not None:
            return start, end, expr
    quoted = _quote_for(ctx, m.start) is not None
    if cand.rate != "total" and cand.modality == "reported":
        return anchor, anchor, None  # "10,000 a day were entering", said on Wednesday
    if cand.measure == "queue_length" and not quoted and cand.tense != "perfect":
        return anchor, anchor, None  # a queue is seen on the day it is reported
    if cand.measure == "stock" or cand.tense in ("perfect", "present"):
        return None, anchor, None
    return None, None, None


_SAME_PERIOD = re.compile(
    r"\b(?:(?:in|over|during|for)\s+(?:the\s+same|that|this)\s+(?:period|time|week|month)|on\s+the\s+same\s+day)\b",
    re.I,
)
_SPEECH_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|added|stated|wrote|posted)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


def _is_speech_date(ctx: Context, offset: int) -> bool:
    return _SPEECH_DATE_BEFORE.search(ctx.text[max(0, offset - 40) : offset]) is not None


def _dateline_end(ctx: Context) -> int:
    m = DATELINE.search(ctx.text[:1500])
    return m.end() if m else 0


def _speech_anchor(ctx: Context, lo: int, hi: int) -> date | None:
    """The day an indirect statement was made ("the ministry said on Tuesday")."""
    for e in find_time_expressions(ctx.text[lo:hi]):
        if _is_speech_date(ctx, e.start + lo):
            _start, end = resolve(e, ctx.published, ctx.default_year)
            return end
    return None


def _earlier(
    ctx: Context, expr: TimeExpr, lo: int, sentence_start: int, anchor: date | None
) -> tuple[date | None, date | None]:
    """ "3,133 a week earlier": the period of the date named before it, moved back."""
    before = [
        e
        for e in find_time_expressions(ctx.text[sentence_start : expr.start + lo])
        if e.kind not in ("rel_earlier", "since_then")
    ]
    if not before:
        return None, None
    start, end = resolve(before[-1], anchor, ctx.default_year)
    if start is None or end is None:
        return None, None
    unit = (expr.group("unit") or expr.group("unit2") or expr.group("unit3") or "day").lower()
    n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get((expr.group("n") or "a").lower())
    n = n if n is not None else int(expr.group("n") or 1)
    days = n * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
    if unit == "weekend":
        days = 7
    return start - timedelta(days=days), end - timedelta(days=days)


def _date_before(ctx: Context, offset: int) -> date | None:
    window = ctx.text[max(0, offset - 400) : offset]
    found = [
        e
        for e in find_time_expressions(window)
        if e.kind in ("md", "dm", "range_dm", "range_md", "weekday")
    ]
    if not found:
        return None
    start, end = resolve(found[-1], ctx.published, ctx.default_year)
    return start or end


def build_fact(
    ctx: Context, cand: Candidate, carry: Fact | None, since: date | None = None
) -> Fact:
    """One fact from a candidate; ``carry`` is the fact before it in the paragraph, ``since`` the
    start of the last "since X" total in the document (later totals without a date share it)."""
    m = cand.mention
    quote = _quote_for(ctx, m.start)
    lo, hi = cand.clause
    if quote is not None:
        lo, hi = max(lo, quote.start), min(hi, quote.end)
    refs = find_places(ctx, lo, hi)
    origin, origin_amb = _pick(refs, "origin")
    dest, dest_amb = _pick(refs, "destination")
    at = next((r.place for r in refs if r.role == "at" or r.place.kind == "crossing"), None)
    # people going home ("2,350 Russians returned", "Pakistan deported 1,000 Afghans"): the
    # demonym names where they go, and an official of the country they leave speaks for the origin
    homeward = cand.term in ("returned", "deported")
    demonym = _demonym_country(ctx, cand.population)
    if homeward:
        if (
            dest is None
            and not dest_amb
            and demonym
            and (origin is None or origin.country != demonym)
        ):
            dest = _country_place(ctx, demonym)
    elif origin is None and not origin_amb:
        origin = _country_place(ctx, demonym)
    speaker = ctx.lex.canonical(
        resolve_speaker(ctx, quote.speaker if quote is not None else cand.speaker, m.start)
    )
    via = quote.via if quote is not None else cand.speaker_via
    spk_origin, spk_dest = _speaker_places(ctx, speaker)
    if homeward:
        spk_origin, spk_dest = spk_dest, None
    if origin is None and not origin_amb and spk_origin:
        origin = _country_place(ctx, spk_origin)
    if (
        dest is None
        and not dest_amb
        and spk_dest
        and (origin is None or origin.country != spk_dest)
    ):
        dest = _country_place(ctx, spk_dest)
    if at is not None and at.kind == "crossing" and dest is None and not dest_amb:
        dest = _across(ctx, at, origin) or dest
    internal = cand.term in ("displaced", "evacuated", "relocated")
    if not internal and origin is not None and dest is not None and origin.country == dest.country:
        dest = None  # "a crossing in Russia's Orenburg region": where, not where to
    idps = re.search(r"\binternally\b|\bIDPs?\b", ctx.text[lo:hi]) is not None
    abroad = (
        re.search(r"\babroad\b|\bto (?:other|neighbou?ring) countries\b", ctx.text[lo:hi])
        is not None
    )
    if (idps or internal) and not abroad and not origin_amb and not dest_amb:
        # internal displacement and evacuations stay in one country unless the text says otherwise
        origin = origin or dest
        dest = dest or origin
    if carry is not None and not refs:
        if origin is None and not origin_amb:
            origin = carry.origin
        if dest is None and not dest_amb:
            dest = carry.destination
    anchor = _anchor(ctx, quote)
    if quote is None:
        anchor = _speech_anchor(ctx, cand.sentence.start, cand.sentence.end) or anchor
    p_start, p_end, expr = _period(ctx, cand, lo, hi, anchor)
    same_period_rate = None
    if expr is None and carry is not None and _SAME_PERIOD.search(ctx.text[lo:hi]):
        # "over the same period, 113,900 left"
        p_start, p_end, same_period_rate = carry.period_start, carry.period_end, carry.rate
    notes: list[str] = []
    if expr is not None and expr.since:
        notes.append("since")
    elif (
        expr is None
        and since is not None
        and cand.tense == "perfect"
        and cand.rate == "total"
        and cand.measure == "flow"
        and quote is None
    ):
        p_start = since
    measure = cand.measure
    rate = cand.rate
    if expr is not None and rate == "total" and cand.measure == "flow" and not expr.since:
        rate = rate_of_period(expr, p_start, p_end, cand.tense)
    elif same_period_rate and rate == "total" and cand.measure == "flow":
        rate = same_period_rate
    period_rate = rate_of_period(expr, p_start, p_end, cand.tense) if expr is not None else "total"
    newly = re.search(r"\bnewly\b", ctx.text[lo:hi]) is not None
    if (
        cand.term == "displaced"
        and measure == "stock"
        and expr is not None
        and not expr.since
        and (period_rate != "total" or newly)
    ):
        measure, rate = "flow", period_rate  # "64,000 displaced in the past 24 hours": a flow
    if measure in ("stock", "wait_time"):
        p_start = None  # a stock is as of a day; a wait is known by the day it ended
    sent = cand.sentence
    raw_s, raw_e = ctx.offsets.span_to_raw(sent.start, sent.end)
    cue_end = m.end
    if cand.noun:
        nm = re.match(
            r"[\w\s\[\]-]{0,40}?\b" + re.escape(cand.noun) + r"\b", ctx.text[m.end : m.end + 60]
        )
        if nm:
            cue_end = m.end + nm.end()
    evidence = Evidence(
        sentence=sent.text, start=sent.start, end=sent.end, cue=ctx.text[m.start : cue_end],
        cue_start=m.start, cue_end=cue_end, raw_start=raw_s, raw_end=raw_e,
    )  # fmt: skip
    factor = cand.factor
    return Fact(
        document=ctx.source,
        measure=measure,  # type: ignore[arg-type]
        term=cand.term,
        value=round(m.value * factor, 1) if factor != 1 else m.value,
        low=_scale(m.low, factor),
        high=_scale(m.high, factor),
        qualifier=m.qualifier,  # type: ignore[arg-type]
        unit=cand.unit,  # type: ignore[arg-type]
        modality=cand.modality,  # type: ignore[arg-type]
        rate=rate,  # type: ignore[arg-type]
        evidence=evidence,
        population=cand.population,
        origin=origin,
        destination=dest,
        place=at if at is not None and at.kind in ("crossing", "city") else None,
        period_start=p_start,
        period_end=p_end,
        speaker=speaker,
        speaker_via=via,
        confidence=_confidence(ctx, cand, origin, dest, speaker),
        published=ctx.published,
        published_inferred=ctx.published_inferred,
        notes=tuple(notes) + (("destination ambiguous",) if dest_amb else ()),
    )


def _scale(x: float | None, factor: float) -> float | None:
    if x is None:
        return None
    return round(x * factor, 1) if factor != 1 else x


def _confidence(
    ctx: Context, cand: Candidate, origin: Place | None, dest: Place | None, speaker: str | None
) -> float:
    score = raw_score(
        term_source=cand.term_source,
        has_noun=cand.noun is not None,
        has_place=origin is not None or dest is not None,
        has_speaker=speaker is not None,
        forecast=cand.modality == "forecast",
        inherited=cand.inherited,
        vague=cand.mention.qualifier == "vague",
    )
    return ctx.calibration(score)


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
            origin = dest = _country_place(ctx, main_country)
        if (
            len(dests) == 1
            and dest is None
            and "destination ambiguous" not in f.notes
            and not internal
        ):
            (code,) = dests
            if origin is None or origin.country != code:
                dest = _country_place(ctx, code)
        if len(origins) == 1 and origin is None and not internal:
            (code,) = origins
            if dest is None or dest.country != code:
                origin = _country_place(ctx, code)
        if place is None and len(crossings) == 1 and f.measure in ("wait_time", "queue_length"):
            (crossing,) = crossings.values()
            if dest is None or dest.country in (crossing.country, ctx.gaz.other_country(crossing)):
                place = crossing
        if place is not None and place.kind == "crossing" and not internal:
            sides = {place.country, ctx.gaz.other_country(place)}
            if origin is None and main_origin in sides:
                origin = _country_place(ctx, main_origin)
            if dest is None or (origin is not None and dest.country == origin.country):
                dest = _across(ctx, place, origin) or dest
            if origin is None and dest is not None and dest.country in sides:
                origin = _across(ctx, place, dest)  # into Eagle Pass (US): from the other side
        if (origin, dest, place) != (f.origin, f.destination, f.place):
            f = replace(f, origin=origin, destination=dest, place=place)
        out.append(f)
    return out


_RELEASE = re.compile(
    r"\b(?:press release|news release|media release|press service|briefing notes?|press briefing|statements?|situation (?:report|update)|flash update|sitrep|press cent(?:re|er)|official information|communiqu[eé]|komunikaty)\b",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(?:ministry|border guard|border service|agency|office|service|government|department|commission|police|coast guard|group|council|committee|authority|directorate|UNHCR|OCHA|IOM|UNICEF|UNRWA|WFP|MSF|NRC|IRC|ISCG|Red Cross|Red Crescent|Médecins Sans Frontières|Doctors Without Borders|Save the Children)\b",
    re.I,
)
_SAID_BY = re.compile(
    r"\b(?:said|stated|delivered)\s+by\s+(?P<who>[A-Z][^,\u2013\u2014()]{3,80}?)\s*(?:[\u2013\u2014,(]|\s+-\s|\s+at\s)"
)
_NAMED = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+$")


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
                _INSTITUTION.search(part)
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
        if f.speaker and _INSTITUTION.search(f.speaker) and _NAMED.search(f.speaker)
    ]
    return named[0] if named else None  # the body's spokesperson, named


def rate_of_period(expr: TimeExpr, start: date | None, end: date | None, tense: str | None) -> str:
    """The rate a figure's own period implies: one named day is a daily count ("on Sunday
    alone", "yesterday", "in the past 24 hours"), "the past week" a weekly one, "last month" a
    monthly one.  Cumulative present-perfect totals stay totals."""
    unit = (expr.group("unit") or "").lower()
    n = expr.group("n")
    if expr.kind == "past_n":
        if unit.startswith("hour") and n in ("24", None):
            return "per_day"
        if unit.startswith("day") and n in ("7", "seven"):
            return "per_week"
        if unit.startswith("week") and n in (None, "a", "one"):
            return "per_week"
        if unit.startswith("month") and n in (None, "a", "one"):
            return "per_month"
        return "total"
    if expr.kind == "last_unit":
        return {"week": "per_week", "month": "per_month"}.get(unit, "total")  # a year: a total
    if expr.kind == "month":
        return "per_month"
    single_day = start is not None and start == end
    if expr.kind == "rel_earlier" and start is not None and end is not None:
        span = (end - start).days + 1
        return "per_day" if span == 1 else "per_week" if span == 7 else "total"
    if single_day and tense != "perfect":
        if expr.kind in ("weekday", "md", "dm", "numeric_dm"):
            return "per_day"
        word = (expr.group("w") or "").lower()
        if expr.kind == "word" and (
            word in ("yesterday", "overnight") or (word == "today" and tense == "past")
        ):
            return "per_day"
    return "total"


def _across(ctx: Context, crossing: Place, origin: Place | None) -> Place | None:
    """The country on the far side of a crossing point from ``origin`` (None when unknown)."""
    if origin is None:
        return None
    other = ctx.gaz.other_country(crossing)
    if origin.country == crossing.country and other:
        return _country_place(ctx, other)
    if origin.country == other:
        return _country_place(ctx, crossing.country)
    return None


def with_speaker(ctx: Context, f: Fact, speaker: str) -> Fact:
    """``f`` spoken by ``speaker`` (a release's issuer): its corridor gains the speaker's country."""
    f = replace(f, speaker=speaker)
    if f.term in ("displaced", "evacuated", "relocated"):
        return f
    _, inst = _speaker_places(ctx, speaker)
    if inst is None:
        return f
    if f.term in ("returned", "deported", "left"):
        if f.origin is None and (f.destination is None or f.destination.country != inst):
            f = replace(f, origin=_country_place(ctx, inst))
    elif f.destination is None and (f.origin is None or f.origin.country != inst):
        f = replace(f, destination=_country_place(ctx, inst))
    return f


_PERSON_PRONOUNS = {"he", "she"}
_BODY_PRONOUNS = {"it", "they", "we", "our teams", "many", "some", "officials"}
_HEADS = ("ministry", "agency", "directorate", "service", "police", "government", "office",
          "guard", "authorities", "council", "committee", "department", "administration")  # fmt: skip


def resolve_speaker(ctx: Context, speaker: str | None, at: int) -> str | None:
    """A pronoun or a short definite speaker ("he", "it", "the ministry", "its interior ministry")
    is the last named speaker of that kind before it; named speakers are remembered."""
    if not speaker:
        return speaker
    low = speaker.lower().strip()
    earlier = [s for pos, s in ctx.speakers if pos < at]
    resolved: str | None = None
    if low in _PERSON_PRONOUNS:
        people = [
            s
            for s in earlier
            if not _INSTITUTION.search(s) and re.search(r"\b[A-Z][a-z]+\b", s.split(",")[0])
        ]
        resolved = people[-1] if people else None
    elif low in _BODY_PRONOUNS:
        bodies = [s for s in earlier if _INSTITUTION.search(s)]
        resolved = bodies[-1] if bodies else None
    elif re.match(r"^(?:its|their)\s+", low):
        # "Its interior ministry said": the country named last before it
        countries = [
            r.place for r in find_places(ctx, max(0, at - 400), at) if r.place.kind == "country"
        ]
        if countries:
            resolved = f"{countries[-1].name}'s {speaker.split(None, 1)[1]}"
    elif re.match(r"^(?:the|our)\s+\w+$", low):
        head = low.split()[-1]
        if head in _HEADS:
            same = [s for s in earlier if head in s.lower() and s.lower() != low]
            resolved = same[-1] if same else None
    if resolved is not None:
        return resolved
    if low not in _PERSON_PRONOUNS | _BODY_PRONOUNS:
        ctx.speakers.append((at, speaker))
    return speaker
