"""The period a figure covers: its own time expression, resolved against the right anchor.

The anchor is the day a quoted person spoke when the figure is in a quote and the text says when,
else the day an indirect statement was made ("the ministry said on Tuesday"), else the "as of"
day of a situation report, else the publication date.  With no time expression, a present or
present-perfect verb makes the figure true as of the anchor; a queue is seen on the day it is
reported.  Dateline dates and statement days are not a figure's period.

This module holds the anchors (:func:`anchor_for`, :func:`speech_anchor`), :func:`period_of` with
its "as of" days, the periods a figure shares with the one before it, earlier values ("a week
earlier") and the rate a period implies.  Forecasts and orders are dated in
:mod:`exodus.resolve.forecasts`; dated events and "since then" in :mod:`exodus.resolve.events`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from exodus.extract.figures import Candidate
from exodus.extract.quotes import Quote
from exodus.resolve.dates import TimeExpr, find_time_expressions, resolve
from exodus.resolve.events import (
    IN_DAYS_AFTER,
    before_event,
    date_before,
    events_in,
    since_mentioned,
    war_start,
)
from exodus.resolve.forecasts import is_deadline, issued_on, period_ahead
from exodus.resolve.published import DATELINE

if TYPE_CHECKING:
    from exodus.models import Fact
    from exodus.resolve.context import Context


def quote_for(ctx: Context, offset: int) -> Quote | None:
    for q in ctx.quotes:
        if q.contains(offset):
            return q
    return None


def anchor_for(ctx: Context, quote: Quote | None) -> date | None:
    if quote is not None and quote.said_at is not None:
        s, e = quote.said_at
        for expr in find_time_expressions(ctx.text[s:e]):
            _start, end = resolve(expr, ctx.published, ctx.default_year)
            if end is not None:
                return end
    return ctx.reference or ctx.published


_COMPARED = re.compile(
    r"\b(?:from|than|against|compared\s+(?:with|to)|versus|vs\.?|peak\s+of|high\s+of|low\s+of|record\s+of)\s+"
    r"(?:(?:a|an|the)\s+(?:\w+\s+){0,2}of\s+)?(?:(?:about|some|around|nearly|almost|roughly|more\s+than|over|just)\s+)?\d",
    re.I,
)


def _figure_between(ctx: Context, e: TimeExpr, lo: int, start: int, end: int) -> bool:
    """ "fallen to about 500 from a peak of 7,000 in early March": a date after a figure it is
    compared with belongs to that figure."""
    es = e.start + lo
    return es >= end and _COMPARED.search(ctx.text[end:es]) is not None


_BREAK = re.compile(r"(?<!\d)[,;]|[,;](?!\d)|\s[-\u2013\u2014]\s")


def _closeness(
    ctx: Context, lo: int, start: int, end: int
) -> Callable[[TimeExpr], tuple[int, int]]:
    """How close a time expression is to a number: first whether a comma or a dash stands
    between them ("7,030 on Wednesday alone, against 3,000 on the same day a week earlier":
    the week earlier is the 3,000's), then the distance."""

    def key(e: TimeExpr) -> tuple[int, int]:
        es, ee = e.start + lo, e.end + lo
        gap = ctx.text[ee:start] if ee <= start else ctx.text[end:es] if es >= end else ""
        return (len(_BREAK.findall(gap)), abs(es - start))

    return key


def period_of(
    ctx: Context, cand: Candidate, lo: int, hi: int, anchor: date | None
) -> tuple[date | None, date | None, TimeExpr | None]:
    m = cand.mention
    exprs = find_time_expressions(ctx.text[lo:hi])
    wars = war_start(ctx, lo, hi) + since_mentioned(ctx, lo, hi)
    exprs += [
        e
        for e in events_in(ctx, lo, hi)
        if (e.since or before_event(ctx, e.start + lo))
        and not any(w.start < e.end and e.start < w.end for w in wars)
    ] + wars
    exprs = [e for e in exprs if not (e.start + lo < m.end and m.start < e.end + lo)]
    # "fallen to about 500 from a peak of 7,000 in early March": early March is the 7,000's
    exprs = [e for e in exprs if not _figure_between(ctx, e, lo, m.start, m.end)]
    # the dateline's date and the day a statement was made say when it was said, not what it covers
    exprs = [
        e
        for e in exprs
        if not _is_speech_date(ctx, e.start + lo) and e.start + lo >= _dateline_end(ctx)
    ]
    ahead = cand.modality in ("forecast", "order")
    if any(_runs_to_date(e) for e in exprs):  # "have now crossed ... since 24 February"
        exprs = [e for e in exprs if (e.group("w") or "").lower() not in ("now", "currently")]
    # "the number who have arrived since Aug. 25 rose to 507,000 on Wednesday": a running
    # total's as-of day, not a day's count
    running = _RUNNING_TOTAL.search(ctx.text[cand.sentence.start : m.start]) is not None
    as_of = [e for e in exprs if _is_as_of(ctx, e, lo, running)] if not ahead else []
    nearest = min(exprs, key=_closeness(ctx, lo, m.start, m.end)) if exprs else None
    if (
        as_of
        and nearest is not None
        and nearest not in as_of
        and not _runs_to_date(nearest)
        and not _covers(ctx, nearest, _resolve_end(ctx, as_of, lo, m.start, anchor), anchor)
    ):
        as_of = []  # "against 2,300 in the whole of 2021": the figure's own period
    if as_of:
        # "as of today", "figures up to Sunday", "from September 21 until ... September 29": the
        # day a cumulative count runs to; a "since" or "this year" beside it says where it starts
        end_expr = min(as_of, key=_closeness(ctx, lo, m.start, m.end))
        _s, end = resolve(end_expr, anchor, ctx.default_year)
        if end is not None:
            starts = [
                e
                for e in exprs
                if e not in as_of and (_runs_to_date(e) or _covers(ctx, e, end, anchor))
            ]
            if running and not starts:  # "the number who have arrived since Aug. 25 rose to"
                s0 = cand.sentence.start
                since = [
                    e for e in find_time_expressions(ctx.text[s0 : m.start]) if _runs_to_date(e)
                ]
                if since:
                    return _start_of(ctx, since[-1], s0, anchor), end, since[-1]
            if starts:
                first = min(starts, key=_closeness(ctx, lo, m.start, m.end))
                return _start_of(ctx, first, lo, anchor), end, first
            return None, end, None
    if exprs:
        expr = min(exprs, key=_closeness(ctx, lo, m.start, m.end))
        events = [e for e in exprs if e.kind == "event"]
        if events and expr.kind in ("month", "since_month", "year", "ago"):
            expr = events[0]  # "since the war began in April": the event's own day
        if expr.kind == "event" and IN_DAYS_AFTER.search(
            ctx.text[max(0, expr.start + lo - 60) : expr.start + lo]
        ):
            # "crossed in the weeks after the mobilization": from then, to an end not given
            return date.fromisoformat(expr.group("date") or ""), None, expr
        if expr.kind == "event" and not expr.since:
            when = date.fromisoformat(expr.group("date") or "")
            return None, when - timedelta(days=1), expr  # "before the mobilisation"
        if expr.since and re.match(r"[^.;]{0,3}?,?\s+when\b", ctx.text[expr.end + lo : m.start]):
            expr = replace(expr, since=False)  # "since 2016, when 181,436 people landed": 2016
        if ahead and not expr.since:
            deadlines = [e for e in exprs if is_deadline(ctx, e, lo)]
            return period_ahead(ctx, cand, deadlines[0] if deadlines else expr, lo, anchor)
        if expr.kind == "since_then":
            ref = date_before(ctx, expr.start + lo)
            return ref, anchor, expr
        if expr.kind == "rel_earlier":
            return (*_earlier(ctx, expr, lo, cand.sentence.start, anchor), expr)
        start, end = resolve(expr, anchor, ctx.default_year)
        if end is not None:
            return start, end, expr
    quoted = quote_for(ctx, m.start) is not None
    if ahead:
        issued = issued_on(ctx, cand, None, anchor)
        if cand.modality == "order":
            return issued, anchor, None  # an order in force on the day it is reported
        return issued or anchor, None, None  # a forecast looks ahead from the day it was made
    if cand.measure == "wait_time" and not quoted:
        return None, anchor, None  # "drivers said they had waited 30 hours": as of that day
    if cand.rate != "total" and cand.modality == "reported":
        return anchor, anchor, None  # "10,000 a day were entering", said on Wednesday
    if cand.measure == "queue_length":
        return anchor, anchor, None  # a queue is seen on the day it is reported or spoken of
    if cand.measure == "stock" or cand.tense in ("perfect", "present"):
        return None, anchor, None
    return None, None, None


_AS_OF_BEFORE = re.compile(
    r"\b(?:as\s+of|as\s+at|up\s+to(?:\s+and\s+including)?|updated\s+to|through|until|till)\s+(?:the\s+end\s+of\s+)?$"
    r"|\b(?:until|till)\s+[^,.;]{0,60}?\b(?:on|at)\s+$",
    re.I,
)
_AS_OF_KINDS = ("md", "dm", "numeric_dm", "weekday", "word", "by_end_month", "day_part")


_RUNNING_TOTAL = re.compile(
    r"\b(?:total|number|tally|count|figure)\b(?:[^.;]|\.(?=\s\d)){0,120}\b(?:rose|risen|climbed|reached|increased|grew|"
    r"jumped|stood|stands|hit|swelled|topped)\s+(?:to\s+|at\s+)?(?:(?:about|some|around|nearly|almost|roughly|"
    r"more\s+than|over|an\s+estimated)\s+)?$",
    re.I,
)


def _is_as_of(ctx: Context, e: TimeExpr, lo: int, running: bool = False) -> bool:
    if e.kind not in _AS_OF_KINDS or (e.group("w") or "").lower() in ("overnight", "yesterday"):
        return False
    if running and e.kind in ("md", "dm", "numeric_dm", "weekday", "word"):
        return True
    if e.kind == "by_end_month" and re.match(r"(?:through|to|as\s+of|until)\b", e.text, re.I):
        return True
    return _AS_OF_BEFORE.search(ctx.text[max(0, e.start + lo - 80) : e.start + lo]) is not None


def _runs_to_date(e: TimeExpr) -> bool:
    """A period that runs up to now: "since X", "so far this year", "this year"."""
    return (
        e.since
        or e.kind in ("start_of", "year_to_date", "since_year")
        or (e.kind == "last_unit" and (e.group("rel") or "").lower() == "this")
    )


def _covers(ctx: Context, e: TimeExpr, day: date | None, anchor: date | None) -> bool:
    """ "last year's arrivals, updated to December 31": a period the as-of day falls in."""
    start, end = resolve(e, anchor, ctx.default_year)
    return None not in (start, end, day) and start < day <= end  # type: ignore[operator]


def _resolve_end(
    ctx: Context, exprs: list[TimeExpr], lo: int, at: int, anchor: date | None
) -> date | None:
    nearest = min(exprs, key=lambda e: abs((e.start + lo) - at))
    return resolve(nearest, anchor, ctx.default_year)[1]


def _start_of(ctx: Context, e: TimeExpr, lo: int, anchor: date | None) -> date | None:
    if e.kind == "since_then":
        return date_before(ctx, e.start + lo)
    if e.kind == "event":
        return date.fromisoformat(e.group("date") or "")
    return resolve(e, anchor, ctx.default_year)[0]


SAME_PERIOD = re.compile(
    r"\b(?:(?:in|over|during|for)\s+(?:the\s+same|that|this)\s+(?:period|time|week|month)|on\s+the\s+same\s+day)\b",
    re.I,
)


def to_date(expr: TimeExpr) -> bool:
    """ "so far", "to date": a total up to now whose start the document said before."""
    return expr.kind == "word" and (expr.group("w") or "").lower() in ("so far", "to date")


_PART_OF = re.compile(
    r"\bof\s+(?:them|these|those|whom|the\s+total)\b[^.;]{0,60}?"
    r"\s+(?:(?:about|some|around|nearly|almost|roughly|more\s+than|over|at\s+least|an\s+estimated)\s+)?$",
    re.I,
)
_INCLUDING = re.compile(
    r"\b(?:including|among\s+(?:them|these|those)\b,?)"
    r"\s+(?:(?:about|some|around|nearly|almost|roughly|more\s+than|over|at\s+least|an\s+estimated)\s+)?$",
    re.I,
)
_PART_AFTER = re.compile(r"^\s+(?:\w+\s+)?of\s+(?:them|these|those|whom)\b", re.I)


def shares_period(ctx: Context, cand: Candidate, lo: int, hi: int, carry: Fact) -> bool:
    """A figure that takes the period of the one before it: "over the same period", a part of
    it ("Of these, 12,528 were deported", "about 93,000 of them" after the sentence with the
    whole, "including 541 children" in the same sentence)."""
    m = cand.mention
    before = ctx.text[max(cand.sentence.start, m.start - 80) : m.start]
    if SAME_PERIOD.search(ctx.text[lo:hi]):
        return True
    if _INCLUDING.search(before):
        return carry.evidence.start == cand.sentence.start
    if _PART_OF.search(before) or _PART_AFTER.match(ctx.text[m.end : m.end + 30]):
        return carry.evidence.end >= cand.sentence.start - 400
    return False


_SPEECH_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|added|stated|wrote|posted|announced|warned|"
    r"confirmed|estimated|tweeted|noted|explained|claimed|accused(?:\s+\w+){0,3}|alleged|insisted|"
    r"statement|briefing)\s+(?:on\s+|late\s+|early\s+)?$"
    # "the roughly 200,000 cited by Interior Minister Marat Akhmetzhanov on Tuesday"
    r"|\b(?:cited|given|announced|released|published|reported|quoted|put\s+forward)\s+by\s+"
    r"[^,.;]{1,70}?\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


def _is_speech_date(ctx: Context, offset: int) -> bool:
    return _SPEECH_DATE_BEFORE.search(ctx.text[max(0, offset - 100) : offset]) is not None


def _dateline_end(ctx: Context) -> int:
    m = DATELINE.search(ctx.text[:1500])
    return m.end() if m else 0


def speech_anchor(ctx: Context, lo: int, hi: int) -> date | None:
    """The day an indirect statement was made ("the ministry said on Tuesday")."""
    for e in find_time_expressions(ctx.text[lo:hi]):
        if _is_speech_date(ctx, e.start + lo) and not _COMPARISON.search(
            ctx.text[lo : e.start + lo]
        ):
            _start, end = resolve(e, ctx.published, ctx.default_year)
            return end
    return None


# "up from the 3,000 it said it had on Tuesday": that day is the earlier figure's, not the statement's
_COMPARISON = re.compile(r"\b(?:up|down)\s+from\b|\bcompared\s+(?:with|to)\b|\bagainst\b", re.I)


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
    if end is None:
        return None, None
    start = start or end  # "at the end of December ..., a year earlier"
    return _back(start, expr), _back(end, expr)


def _back(d: date, expr: TimeExpr) -> date:
    """``d`` moved back by what "a week earlier", "two days before" or "the same period last
    year" says."""
    unit = (
        expr.group("unit")
        or expr.group("unit2")
        or expr.group("unit3")
        or expr.group("unit4")
        or "day"
    ).lower()
    n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get((expr.group("n") or "a").lower())
    n = n if n is not None else int(expr.group("n") or 1)
    if unit.startswith("year"):
        return _years_back(d, n)
    days = n * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
    if unit == "weekend":
        days = 7
    return d - timedelta(days=days)


def earlier_value_period(carry: Fact, expr: TimeExpr) -> tuple[date | None, date | None] | None:
    """The period of an earlier value of the figure before it ("put the number at 164,000 on
    Thursday, up from 123,000 two days earlier"): a running total keeps its start and ends
    earlier; a day's or a week's count moves back whole."""
    if expr.kind != "rel_earlier" or carry.period_end is None:
        return None
    start, end = carry.period_start, carry.period_end
    yearly = (expr.group("unit4") or expr.group("unit") or "").lower().startswith("year")
    if start is None or (carry.rate == "total" and start < _back(end, expr) and not yearly):
        return start, _back(end, expr)
    return _back(start, expr), _back(end, expr)  # "in the same period last year": all of it


def _years_back(d: date, n: int) -> date:
    return d.replace(year=d.year - n, day=28 if (d.month, d.day) == (2, 29) else d.day)


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
    if expr.kind == "hours_to":
        return "per_day" if n in ("24", None) else "total"
    if expr.kind == "span_to" and start is not None and end is not None:
        days = (end - start).days + 1
        return "per_week" if days == 7 else "per_month" if 28 <= days <= 31 else "total"
    if expr.kind == "last_unit":
        return {"week": "per_week", "month": "per_month"}.get(unit, "total")  # a year: a total
    if expr.kind == "month":
        return "per_month"
    if expr.kind == "part_of" and start is not None and end is not None:
        return "per_week" if (end - start).days == 6 else "total"  # "the last week of September"
    single_day = start is not None and start == end
    if expr.kind == "rel_earlier" and start is not None and end is not None:
        span = (end - start).days + 1
        return "per_day" if span == 1 else "per_week" if span == 7 else "total"
    word = (expr.group("w") or "").lower() if expr.kind == "word" else ""
    if single_day and word in ("yesterday", "overnight", "last night"):
        return "per_day"  # never a running total, whatever the tense ("including 10,418 yesterday")
    if single_day and tense != "perfect":
        if expr.kind in ("weekday", "md", "dm", "numeric_dm", "day_part"):
            return "per_day"
        word = (expr.group("w") or "").lower()
        if expr.kind == "word" and (
            word in ("yesterday", "overnight", "last night", "tomorrow")
            or (word == "today" and tense == "past")
        ):
            return "per_day"
    return "total"
