"""Candidates plus context become facts: places, periods, speakers and a confidence.

Places come from the words around the number (``exodus.resolve.places``: ``from X`` is an origin,
``to X`` / ``into X`` a destination, a demonym in the population an origin, a crossing point a
place), then from the country that moved or took the people in, then from the speaker (an
official speaks for the receiving country; a person's own description says where they came from
and went), then from the figure before it in the same sentence or paragraph.  A list of several
destinations leaves the destination empty rather than guessing one.

Periods come from the time expression in the number's clause (inside the quote when the number is
quoted), resolved against the day the quote was given or the publication date; with no time
expression, a present or present-perfect verb makes the figure true as of that day.
"""

from __future__ import annotations

import re
from datetime import date

from exodus.extract.figures import Candidate
from exodus.extract.speakers import is_first_person, scene_of, tidy_speaker
from exodus.models import Evidence, Fact, Place
from exodus.resolve.confidence import raw_score
from exodus.resolve.context import Context
from exodus.resolve.dates import TimeExpr, find_time_expressions
from exodus.resolve.numbers import find_numbers
from exodus.resolve.periods import (
    anchor_for,
    earlier_value_period,
    period_of,
    quote_for,
    rate_of_period,
    shares_period,
    speech_anchor,
    to_date,
)
from exodus.resolve.places import (
    THE_CROSSING,
    PlaceRef,
    across,
    country_place,
    demonym_country,
    find_places,
    is_border_region,
    is_point,
    last_crossing,
    pick_place,
    speaker_places,
)
from exodus.resolve.speakers import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    own_outlet,
    resolve_reference,
)


def build_fact(
    ctx: Context, cand: Candidate, carry: Fact | None, since: date | None = None
) -> Fact:
    """One fact from a candidate; ``carry`` is the fact before it in the paragraph, ``since`` the
    start of the last "since X" total in the document (later totals without a date share it)."""
    m = cand.mention
    quote = quote_for(ctx, m.start)
    lo, hi = cand.clause
    if quote is not None:
        lo, hi = max(lo, quote.start), min(hi, quote.end)
    refs = find_places(ctx, lo, hi)
    if (
        cand.speaker
        and cand.speaker_start is not None
        and {w.lower().strip(",.") for w in cand.speaker.split()} & ctx.lex.titles
    ):
        # "the FSB border directorate in Buryatia said": the speaker's place is not the figure's
        s0, s1 = cand.speaker_start, cand.speaker_start + len(cand.speaker)
        refs = [r for r in refs if not (s0 <= r.start < s1)]
    origin, origin_amb = pick_place(refs, "origin")
    dest, dest_amb = pick_place(refs, "destination")
    for weaker in ("in", "towards"):  # "7,000 are staying in Wadi Halfa", "heading towards"
        if dest is None and not dest_amb:
            dest, dest_amb = pick_place(refs, weaker)
    if (origin_amb or dest_amb) and _several_figures(ctx.text[lo:hi]):
        # "97,000 had set out from Tunisia and some 52,000 from Libya": each its own part's
        # place, else its nearest
        a, b = _own_part(ctx.text, lo, hi, m.start, m.end)
        own = [r for r in refs if a <= r.start < b]
        if origin_amb:
            origin = _nearest(own, "origin", m.start, m.end) or _nearest(
                refs, "origin", m.start, m.end
            )
            origin_amb = False
        if dest_amb:
            dest = _nearest(own, "destination", m.start, m.end) or _nearest(
                refs, "destination", m.start, m.end
            )
            dest_amb = False
    # the crossing nearest the number, rather one after it ("7,312 were repatriated through
    # Torkham and 2,004 through Chaman")
    at = _nearest(refs, "at", m.start, m.end)
    crossed = cand.term == "crossed"
    if at is None and crossed:
        # "crossed the Darien jungle between Colombia and Panama": a border region crossed
        at = next(
            (r.place for r in refs if r.role in (None, "at") and is_border_region(ctx, r.place)),
            None,
        )
    if at is None and THE_CROSSING.search(ctx.text[lo:hi]):
        # "through the checkpoint": the one named before ("made the crossing": the region too)
        at = last_crossing(ctx, lo, regions=crossed)
    if cand.agent is not None:
        # the country that moved or took in the people: "Pakistan deported 1,000 Afghans" is
        # where they left, "Poland has taken in 1.2 million" where they went
        agent = next(
            (r.place for r in find_places(ctx, *cand.agent) if r.place.kind == "country"), None
        )
        if agent is not None and cand.term in (
            "deported",
            "returned",
            "evacuated",
            "relocated",
            "left",
        ):
            if origin is None:
                origin, origin_amb = agent, False
        elif agent is not None and cand.term in ("arrived", "hosted", "entered") and dest is None:
            dest, dest_amb = agent, False
    # people going home ("2,350 Russians returned", "Pakistan deported 1,000 Afghans"): the
    # demonym names where they go, and an official of the country they leave speaks for the origin
    homeward = cand.term in ("returned", "deported")
    demonym = demonym_country(ctx, cand.population)
    if homeward:
        if (
            dest is None
            and not dest_amb
            and demonym
            and (origin is None or origin.country != demonym)
        ):
            dest = country_place(ctx, demonym)
    elif origin is None and not origin_amb:
        origin = country_place(ctx, demonym)
    said_at = (quote.speaker_start if quote is not None else cand.speaker_start) or m.start
    speaker = ctx.lex.canonical(
        resolve_speaker(ctx, quote.speaker if quote is not None else cand.speaker, said_at)
    )
    via = quote.via if quote is not None else cand.speaker_via
    spk_origin, spk_dest = speaker_places(ctx, speaker)
    if homeward:
        spk_origin, spk_dest = spk_dest, None
    origin_from_speaker = False
    if origin is None and not origin_amb and spk_origin:
        origin, origin_from_speaker = country_place(ctx, spk_origin), homeward
    dest_from_speaker = False
    if (
        dest is None
        and not dest_amb
        and spk_dest
        and (origin is None or origin.country != spk_dest)
    ):
        dest, dest_from_speaker = country_place(ctx, spk_dest), True
    if at is not None and at.kind == "crossing" and dest is None and not dest_amb:
        dest = across(ctx, at, origin) or dest
    if at is not None and crossed and is_border_region(ctx, at):
        if dest is None and not dest_amb:
            dest = across(ctx, at, origin)
        if origin is None and not origin_amb:
            origin = across(ctx, at, dest)  # crossing the Darién into Panama: from Colombia
    internal = cand.term in ("displaced", "evacuated", "relocated")
    if not internal and origin is not None and dest is not None and origin.country == dest.country:
        dest = None  # "a crossing in Russia's Orenburg region": where, not where to
    idps = re.search(r"\binternally\b|\bIDPs?\b", ctx.text[lo:hi]) is not None
    abroad = (
        _ABROAD.search(ctx.text[lo:hi]) is not None
        # "the UK has evacuated 1,573 people from Sudan": out of a whole country is abroad
        or (
            cand.term == "evacuated"
            and any(r.role == "origin" and r.place.kind == "country" for r in refs)
        )
    )
    if (idps or internal) and not abroad and not origin_amb and not dest_amb:
        # internal displacement and evacuations stay in one country unless the text says otherwise
        origin = origin or dest
        dest = dest or origin
    if dest is None and not dest_amb and not homeward and _THE_COUNTRY_IN.search(ctx.text[lo:hi]):
        # "Kazakhstan has also seen a surge. Officials there said 98,000 Russians have crossed
        # into the country": the country the text has just turned to
        named = country_before(ctx, cand.sentence.start)
        if named is not None and (origin is None or origin.country != named.country):
            dest = named
    if carry is not None and not refs and dest is None:
        carry_origin, carry_dest = carry.origin, carry.destination
        if homeward and carry.term not in ("returned", "deported"):
            # going back after a figure of people coming: which way depends on the story
            # (fill_from_document settles it)
            carry_origin = carry_dest = None
        # a corridor carried over never starts and ends in one country unless it did before
        # ("2,000 returned to Russia. ... 8,500 Russians arrived": not Russia to Russia)
        stays = carry_origin is not None and carry_origin == carry_dest
        if internal and not stays and carry_dest is not None:
            carry_origin = carry_dest  # refugees moved on inside the country they reached
            stays = True
        elif stays and not internal and not idps and cand.measure != "stock":
            carry_dest = None  # "6.5 million displaced ... 3.1 million refugees who had left the
            stays = False  # country": leaving is not staying; only where they came from carries
        if origin is None and not origin_amb and (stays or dest is None or carry_origin != dest):
            origin = carry_origin
        if (
            dest is None
            and not dest_amb
            and not abroad  # "40,000 have gone on to other countries": not the one before
            and (stays or origin is None or carry_dest != origin)
        ):
            dest = carry_dest
    if carry is not None and (departure_from := _exits_after_entries(cand, carry, refs)):
        origin, dest = departure_from, None
    if (
        dest is None
        and origin is not None
        and cand.term in ("fled", "arrived", "left", "relocated", "displaced", "evacuated")
        and _HEADING.search(ctx.text[lo:hi])
    ):
        dest = origin  # "50,000 Palestinians streamed south": within the country
    anchor = anchor_for(ctx, quote)
    if quote is None:
        anchor = speech_anchor(ctx, cand.sentence.start, cand.sentence.end) or anchor
    p_start, p_end, expr = period_of(ctx, cand, lo, hi, anchor)
    if expr is not None and cand.measure == "flow" and by_the_day(ctx.text, lo, expr):
        p_start = since  # a running total up to that day, from the story's start if it names one
    moved = None
    same_period_rate = None
    if expr is not None and carry is not None and "earlier value" in cand.notes:
        moved = earlier_value_period(carry, expr)  # "164,000, up from 123,000 two days earlier"
        if moved is not None:
            (p_start, p_end), expr, same_period_rate = moved, None, carry.rate
    if (
        expr is None
        and moved is None
        and carry is not None
        and shares_period(ctx, cand, lo, hi, carry)
    ):
        # "over the same period, 113,900 left", "Of these, 12,528 were deported"
        p_start, p_end, same_period_rate = carry.period_start, carry.period_end, carry.rate
    notes: list[str] = []
    if expr is not None and expr.since:
        notes.append("since")
    elif (
        (expr is None or to_date(expr))
        and since is not None
        and cand.tense == "perfect"
        and cand.rate == "total"
        and cand.measure == "flow"
        and quote is None
    ):
        p_start = since
    measure = cand.measure
    rate = cand.rate
    if (
        expr is not None
        and rate == "total"
        and cand.measure == "flow"
        and not expr.since
        and not by_the_day(ctx.text, lo, expr)
    ):
        rate = rate_of_period(expr, p_start, p_end, cand.tense)
    elif same_period_rate and rate == "total" and cand.measure == "flow":
        rate = same_period_rate
    elif expr is None and rate == "total" and cand.measure == "flow" and anchor is None:
        rate = undated_rate(ctx.text[lo:hi], m.start - lo, cand.tense)  # no date to anchor on
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
        place=at if at is not None and is_point(ctx, at) else None,
        period_start=p_start,
        period_end=p_end,
        speaker=speaker,
        speaker_via=via,
        confidence=_confidence(ctx, cand, origin, dest, speaker),
        published=ctx.published,
        published_inferred=ctx.published_inferred,
        notes=tuple(notes)
        + (("destination ambiguous",) if dest_amb else ())
        + (("destination from speaker",) if dest_from_speaker and dest is not None else ())
        + (("origin from speaker",) if origin_from_speaker and origin is not None else ())
        + (("abroad",) if abroad else ()),
    )


# a compass heading with no country named: people moving within the country they are in
_HEADING = re.compile(
    r"\b(?:moved|moving|fled|fleeing|streamed|streaming|headed|heading|went|going|travell?ed|walked|walking|pushed)\s+(?:further\s+)?(?:south|north|east|west)(?:wards?)?\b",
    re.I,
)


_THE_COUNTRY_IN = re.compile(
    r"\b(?:into|entered|entering|reached|to)\s+the\s+country\b|\b(?:officials|authorities|police)\s+there\b",
    re.I,
)


def country_before(ctx: Context, at: int, reach: int = 200) -> Place | None:
    """The country a sentence just before ``at`` is about: one that starts with a country
    ("Kazakhstan has also seen a surge.")."""
    refs = [r for r in find_places(ctx, max(0, at - reach), at) if r.place.kind == "country"]
    subjects = [
        r
        for r in refs
        if re.search(r"(?:^|[.!?]\s+|\n)(?:The\s+)?$", ctx.text[max(0, r.start - 6) : r.start])
    ]
    return subjects[-1].place if subjects else None


# "fled into neighbouring countries", "went abroad": across a border, to no country in particular
_ABROAD = re.compile(
    r"\babroad\b|\b(?:to|into|in|across|for)\s+(?:(?:other|several|various|neighbou?ring|nearby|"
    r"surrounding|adjacent|third|different|European|African|Asian)\s+)+countries\b",
    re.I,
)


def _nearest(refs: list[PlaceRef], role: str, start: int, end: int) -> Place | None:
    """The place in ``role`` nearest a number, rather one after it; for "at", any crossing."""
    cands = [r for r in refs if r.role == role or (role == "at" and r.place.kind == "crossing")]
    if not cands:
        return None
    return min(cands, key=lambda r: r.start - end if r.start >= end else 2 * (start - r.end)).place


def _figures(clause: str) -> list[tuple[int, int]]:
    """The numbers of a clause that are not part of a date ("Sept 27" in a dateline is not)."""
    dates = [(e.start, e.end) for e in find_time_expressions(clause)]
    return [
        (n.start, n.end)
        for n in find_numbers(clause)
        if n.kind == "cardinal" and not any(s < n.end and n.start < e for s, e in dates)
    ]


def _several_figures(clause: str) -> bool:
    return len(_figures(clause)) > 1


_PART_SEP = re.compile(r",|;|\b(?:and|while|whereas|but)\b", re.I)


def _own_part(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The stretch of a clause that belongs to the figure at ``start``: from the last "and",
    comma or "while" between the figure before and it to the last one between it and the next
    ("Hungary has taken in 116,000 | and Moldova nearly 80,000")."""
    spans = [(lo + s, lo + e) for s, e in _figures(text[lo:hi])]
    before = [e for s, e in spans if e <= start]
    after = [s for s, e in spans if s >= end]
    a, b = lo, hi
    if before:
        seps = list(_PART_SEP.finditer(text, max(before), start))
        a = seps[-1].start() if seps else max(before)
    if after:
        seps = list(_PART_SEP.finditer(text, end, min(after)))
        b = seps[-1].start() if seps else min(after)
    return a, b


def _exits_after_entries(cand: Candidate, carry: Fact, refs: list[PlaceRef]) -> Place | None:
    """ "98,000 Russians entered Kazakhstan ..., and 64,000 left over the same period": exits
    from the country the figure before counted entries into (an interior ministry's tally)."""
    if cand.term != "left" or carry.term not in ("entered", "arrived", "crossed"):
        return None
    own = (carry.evidence.cue_end + cand.mention.start) // 2  # past the entries' own words
    if carry.destination is None or any(
        r.role in ("origin", "destination", "in", "towards") and r.start >= own for r in refs
    ):
        return None  # places named in this figure's own words
    return carry.destination


# the day something was said or a period began, not the day a figure counts
_NOT_THE_FIGURES_DAY = re.compile(
    r"\b(?:since|said|says|told|announced|added|stated|reported|claimed|accused|statement|"
    r"briefing)\s+(?:\w+\s+){0,3}?(?:on\s+)?$",
    re.I,
)


# "had entered the country by Friday": a running total up to that day, not the day's count
_BY_THE_DAY = re.compile(r"\b(?:by|until|till|up to)\s+(?:the\s+end\s+of\s+)?$", re.I)


def by_the_day(text: str, lo: int, expr: TimeExpr) -> bool:
    """Whether a named day is the end of a running total ("by Friday", "until Sept. 29"), not
    the one day a figure counts ("by nightfall" is still that day)."""
    if expr.kind not in ("weekday", "md", "dm", "numeric_dm"):
        return False
    start = lo + expr.start
    return bool(
        re.match(r"(?:by|until|till|up to)\b", expr.text, re.I)
        or _BY_THE_DAY.search(text[max(0, start - 14) : start])
    )


def undated_rate(clause: str, at: int, tense: str | None) -> str:
    """The rate a clause's time words give a figure even when no date anchors them ("in the
    past 24 hours", "on Saturday alone" in a story whose date is unknown)."""
    exprs = [
        e
        for e in find_time_expressions(clause)
        if e.kind in ("past_n", "last_unit", "weekday", "word")
        and not e.since
        and not _NOT_THE_FIGURES_DAY.search(clause[: e.start])
    ]
    if not exprs:
        return "total"
    spans = [x for x in exprs if x.kind in ("past_n", "last_unit")]  # a stated stretch wins
    e = min(spans or exprs, key=lambda x: abs(x.start - at))
    day = date.min if e.kind in ("weekday", "word") else None  # one day, whichever it is
    return rate_of_period(e, day, day, tense)


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


INSTITUTION = re.compile(
    r"\b(?:ministry|border guard|border service|agency|office|service|government|department|commission|police|coast guard|group|council|committee|authority|directorate|UNHCR|OCHA|IOM|UNICEF|UNRWA|WFP|MSF|NRC|IRC|ISCG|Red Cross|Red Crescent|Médecins Sans Frontières|Doctors Without Borders|Save the Children)\b",
    re.I,
)
NAMED = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+$")


def resolve_speaker(ctx: Context, speaker: str | None, at: int) -> str | None:
    """A speaker as the document names its source: tidied to name and role, a pronoun or a
    short definite speaker ("he", "it", "the ministry", "its interior ministry") resolved to the
    source it stands for, first person ("we", "our teams") the document's own voice (None; a
    release's issuer fills it in).  Named speakers are remembered."""
    scene = scene_of(speaker) if speaker else ""
    if not scene:
        line = max(ctx.text.rfind("\n", 0, at), ctx.text.rfind(". ", 0, at))
        scene = scene_of(ctx.text[line + 1 : at])
    speaker = tidy_speaker(speaker, ctx.lex.institutions)
    if not speaker or is_first_person(speaker):
        return None
    own = own_outlet(ctx.header, ctx.lex.outlets)
    if own and re.sub(r"^the\s+", "", speaker, flags=re.I).lower() == own.lower():
        return None  # "according to a Reuters tally" in Reuters copy: the outlet's own voice
    if scene and speaker.lower().startswith("the "):
        # "On the Georgian side, the interior ministry": the Georgian interior ministry
        demonyms = [w for w in re.findall(r"[A-Z][\w-]+", scene) if ctx.gaz.demonym(w)]
        if demonyms:
            speaker = f"the {demonyms[0]} {speaker[4:]}"
    low = speaker.lower()
    resolved = resolve_reference(
        speaker, at, ctx.text, ctx.speakers, ctx.quotes, ctx.lex.institutions
    )
    if resolved is None and re.match(r"^(?:its|their)\s+", low):
        # "Its interior ministry said": the country named last before it
        refs = [r for r in find_places(ctx, max(0, at - 400), at) if r.place.kind == "country"]
        # the country a sentence before is about (its subject) beats one named in passing:
        # "Kazakhstan, which shares a border with Russia, ... Its interior ministry said"
        subjects = [
            r
            for r in refs
            if re.search(r"(?:^|[.!?]\s+|\n)(?:The\s+)?$", ctx.text[max(0, r.start - 6) : r.start])
        ]
        chosen = subjects or refs
        if chosen:
            resolved = f"{chosen[-1].place.name}'s {speaker.split(None, 1)[1]}"
    if resolved is not None:
        return tidy_speaker(resolved, ctx.lex.institutions)
    if low in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None  # a pronoun with nobody to stand for says nothing about the source
    ctx.speakers.append((at, speaker))
    return speaker
