"""The period a figure covers: its own time expression, resolved against the right anchor.

The anchor is the day a quoted person spoke when the figure is in a quote and the text says when,
else the day an indirect statement was made ("the ministry said on Tuesday"), else the "as of"
day of a situation report, else the publication date.  With no time expression, a present or
present-perfect verb makes the figure true as of the anchor; a queue is seen on the day it is
reported.  Dateline dates and statement days are not a figure's period.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from exodus.extract.figures import Candidate
from exodus.extract.quotes import Quote
from exodus.resolve.dates import TimeExpr, find_time_expressions, resolve
from exodus.resolve.published import DATELINE, event_expressions

if TYPE_CHECKING:
    from exodus.resolve.facts import Context


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


def period_of(
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
    quoted = quote_for(ctx, m.start) is not None
    if cand.rate != "total" and cand.modality == "reported":
        return anchor, anchor, None  # "10,000 a day were entering", said on Wednesday
    if cand.measure == "queue_length" and not quoted and cand.tense != "perfect":
        return anchor, anchor, None  # a queue is seen on the day it is reported
    if cand.measure == "stock" or cand.tense in ("perfect", "present"):
        return None, anchor, None
    return None, None, None


SAME_PERIOD = re.compile(
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


def speech_anchor(ctx: Context, lo: int, hi: int) -> date | None:
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
