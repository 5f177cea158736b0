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
from exodus.resolve.dates import (
    WEEKDAYS,
    TimeExpr,
    find_time_expressions,
    resolve,
    weekday_on_or_after,
)
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
    ahead = cand.modality in ("forecast", "order")
    if exprs:
        expr = min(exprs, key=lambda e: abs((e.start + lo) - m.start))
        events = [e for e in exprs if e.kind == "event"]
        if events and expr.kind in ("month", "since_month", "year"):
            expr = events[0]  # "since the war began in April": the event's own day
        if ahead and not expr.since:
            deadlines = [e for e in exprs if _is_deadline(ctx, e, lo)]
            return _ahead(ctx, cand, deadlines[0] if deadlines else expr, lo, anchor)
        if expr.kind == "since_then":
            ref = _date_before(ctx, expr.start + lo)
            return ref, anchor, expr
        if expr.kind == "rel_earlier":
            return (*_earlier(ctx, expr, lo, cand.sentence.start, anchor), expr)
        start, end = resolve(expr, anchor, ctx.default_year)
        if end is not None:
            return start, end, expr
    quoted = quote_for(ctx, m.start) is not None
    if ahead:
        issued = _issued(ctx, cand, None, anchor)
        if cand.modality == "order":
            return issued, anchor, None  # an order in force on the day it is reported
        return issued or anchor, None, None  # a forecast looks ahead from the day it was made
    if cand.measure == "wait_time" and not quoted:
        return None, anchor, None  # "drivers said they had waited 30 hours": as of that day
    if cand.rate != "total" and cand.modality == "reported":
        return anchor, anchor, None  # "10,000 a day were entering", said on Wednesday
    if cand.measure == "queue_length" and not quoted and cand.tense != "perfect":
        return anchor, anchor, None  # a queue is seen on the day it is reported
    if cand.measure == "stock" or cand.tense in ("perfect", "present"):
        return None, anchor, None
    return None, None, None


_DEADLINE_BEFORE = re.compile(
    r"(?<!shortly )(?<!just )(?<!soon )(?<!long )\b(?:by|before|until|till|no\s+later\s+than)\s+(?:(?:\d{1,2}(?:[.:]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)"
    r"|noon|midnight|the\s+(?:morning|evening|end)|nightfall|dawn)\s+(?:on\s+|of\s+)?)?$",
    re.I,
)
_ISSUED_BEFORE = re.compile(
    r"\b(?:issued|announced|ordered|declared|imposed|given|extended|expanded|told|informed|"
    r"said|says|warned|estimated|predicted|forecast)\s+(?:\w+\s+){0,3}?(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


def _ahead(
    ctx: Context, cand: Candidate, expr: TimeExpr, lo: int, anchor: date | None
) -> tuple[date | None, date | None, TimeExpr | None]:
    """The period of a forecast or an order.  "by Sunday", "by Nov. 1", "by the end of the year"
    and "within the next 24 hours" are deadlines: the period runs from the day the forecast or
    order was made to then, as one total.  "tomorrow", "on Sunday", "next week" name the period
    itself.  An order with only the day it was issued runs from that day to the anchor."""
    if anchor is None:
        return None, None, None
    before = ctx.text[max(0, expr.start + lo - 40) : expr.start + lo]
    rel = (expr.group("rel") or "").lower()
    deadline = _is_deadline(ctx, expr, lo)
    made = bool(_ISSUED_BEFORE.search(before))  # "the order issued on Sunday"
    issued = _issued(ctx, cand, expr.start + lo, anchor)
    start: date | None
    end: date | None
    if (
        expr.kind == "weekday"
        and rel != "last"
        and not made
        and (deadline or cand.modality == "forecast")
    ):
        start = end = weekday_on_or_after(
            issued or anchor, WEEKDAYS[(expr.group("wd") or "").lower()]
        )
    elif expr.kind == "coming":
        start, end = resolve(expr, issued or anchor, ctx.default_year)
    else:
        start, end = resolve(expr, anchor, ctx.default_year)
        yearless = expr.kind in ("by_end_month", "md", "dm", "numeric_dm") and not expr.group(
            "year"
        )
        if yearless and end is not None and end < anchor:  # "must leave by Nov. 1": ahead
            start, end = start and _next_year(start), _next_year(end)
    if end is None:
        return issued or anchor, None, None
    if deadline:
        return issued or anchor, end, None
    if cand.modality == "order":
        if made:
            return start, anchor, None  # "the order issued on Sunday ... remains in effect"
        return start, end, None  # an order is a total, whatever day it names
    return start, end, expr


def _next_year(d: date) -> date:
    return (
        d.replace(year=d.year + 1)
        if (d.month, d.day) != (2, 29)
        else d.replace(year=d.year + 1, day=28)
    )


def _is_deadline(ctx: Context, expr: TimeExpr, lo: int) -> bool:
    before = ctx.text[max(0, expr.start + lo - 40) : expr.start + lo]
    return (
        bool(_DEADLINE_BEFORE.search(before))
        or expr.kind in ("by_end", "by_end_month", "coming")
        or (expr.kind == "weekday" and (expr.group("rel") or "").lower() == "by")
    )


def _issued(
    ctx: Context, cand: Candidate, chosen_at: int | None, anchor: date | None
) -> date | None:
    """The day a forecast or an order was made: a day in its sentence that is not its deadline
    ("the order issued on Wednesday", "Shortly before midnight on 12 October, ... informed")."""
    s0 = cand.sentence.start
    text = ctx.text[s0 : cand.sentence.end]
    for e in find_time_expressions(text):
        if e.start + s0 == chosen_at or e.kind not in ("md", "dm", "weekday", "word", "numeric_dm"):
            continue
        if _DEADLINE_BEFORE.search(text[max(0, e.start - 40) : e.start]):
            continue
        start, end = resolve(e, anchor, ctx.default_year)
        if end is not None and start == end and (anchor is None or end <= anchor):
            return end
    return None


SAME_PERIOD = re.compile(
    r"\b(?:(?:in|over|during|for)\s+(?:the\s+same|that|this)\s+(?:period|time|week|month)|on\s+the\s+same\s+day)\b",
    re.I,
)


_SPEECH_DATE_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|added|stated|wrote|posted|announced|warned|reported|"
    r"confirmed|estimated|tweeted|noted|explained)\s+(?:on\s+|late\s+|early\s+)?$",
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
            word in ("yesterday", "overnight", "tomorrow") or (word == "today" and tense == "past")
        ):
            return "per_day"
    return "total"
