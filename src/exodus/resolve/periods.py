"""The period a figure covers: its own time expression, resolved against the right anchor.

The anchor is the day a quoted person spoke when the figure is in a quote and the text says when,
else the day an indirect statement was made ("the ministry said on Tuesday"), else the "as of"
day of a situation report, else the publication date.  With no time expression, a present or
present-perfect verb makes the figure true as of the anchor; a queue is seen on the day it is
reported.  Dateline dates and statement days are not a figure's period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
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
    from exodus.models import Fact
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
    wars = _war_start(ctx, lo, hi) + _since_mentioned(ctx, lo, hi)
    exprs += [
        e
        for e in _events(ctx, lo, hi)
        if (e.since or _before_event(ctx, e.start + lo))
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
        if expr.kind == "event" and _IN_DAYS_AFTER.search(
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
    if cand.measure == "queue_length":
        return anchor, anchor, None  # a queue is seen on the day it is reported or spoken of
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
    if deadline and expr.kind == "by_end" and (expr.group("unit") or "").lower() == "year":
        more = _MORE.search(
            ctx.text[max(cand.sentence.start, cand.mention.start - 40) : cand.mention.end + 40]
        )
        if more is None and end.year == anchor.year:  # "could reach 400,000 by the end of the year"
            return date(end.year, 1, 1), end, None
    if deadline:
        return issued or anchor, end, None
    if cand.modality == "order":
        if made:
            return start, anchor, None  # "the order issued on Sunday ... remains in effect"
        if expr.kind == "word" and (expr.group("w") or "").lower() in ("now", "currently", "today"):
            return issued, anchor, None  # "orders now cover 1.2 million people": in force
        if not deadline and _FUTURE_BEFORE.search(before):
            return issued, anchor, None  # "ahead of the storm, expected on Wednesday"
        return start, end, None  # an order is a total, whatever day it names
    return start, end, expr


def _next_year(d: date) -> date:
    return (
        d.replace(year=d.year + 1)
        if (d.month, d.day) != (2, 29)
        else d.replace(year=d.year + 1, day=28)
    )


_MORE = re.compile(r"\b(?:more|further|additional|another|new|extra|fresh)\b", re.I)


_FUTURE_BEFORE = re.compile(
    r"\b(?:will|expected|due|set\s+to|scheduled|forecast|predicted|likely)\b[^.;,]{0,40}$", re.I
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
        if _DEADLINE_BEFORE.search(text[max(0, e.start - 40) : e.start]) or _FUTURE_BEFORE.search(
            text[max(0, e.start - 60) : e.start]
        ):
            continue  # "ahead of the storm, expected to make landfall on Wednesday"
        start, end = resolve(e, anchor, ctx.default_year)
        if end is not None and start == end and (anchor is None or end <= anchor):
            return end
    return None


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
        return _date_before(ctx, e.start + lo)
    if e.kind == "event":
        return date.fromisoformat(e.group("date") or "")
    return resolve(e, anchor, ctx.default_year)[0]


def _events(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
    """Dated events named in ``text[lo:hi]``; none later than the story itself."""
    return [
        e
        for e in event_expressions(ctx.text[lo:hi], ctx.lex.events)
        if ctx.published is None or (e.group("date") or "") <= ctx.published.isoformat()
    ]


_WAR_START = re.compile(
    r"\bsince\s+(?:the\s+(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+)?(?:war|conflict|fighting|"
    r"hostilities|invasion|(?:military\s+)?offensive|crisis)|the\s+war\s+(?:began|started|broke\s+out))\b",
    re.I,
)


def _war_start(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
    """ "since the start of the war": the latest dated event the document names elsewhere
    ("Russia's invasion", "the fighting broke out on April 15"), none if it names none."""
    out = []
    for m in _WAR_START.finditer(ctx.text, lo, hi):
        named = [
            e
            for e in _events(ctx, 0, len(ctx.text))
            if not (e.start < m.end() and m.start() < e.end)
        ]
        if named:
            when = max(e.group("date") or "" for e in named)
            out.append(
                TimeExpr(m.start() - lo, m.end() - lo, m.group(0), "event", True, (("date", when),))
            )
    return out


_SINCE_REF = re.compile(
    r"\bsince\s+the\s+(?:\w+\s+)?(?P<noun>order|decree|announcement|decision|ban|deadline|closure|ruling|agreement|deal|call-up)"
    r"(?:\s+(?:was|were)\s+(?:issued|announced|made|imposed|given|signed|lifted|introduced|declared|passed|expired|took\s+effect))?\b",
    re.I,
)


def _since_mentioned(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
    """ "since the order was issued": the day the story gave that order before ("The
    evacuation order issued on Wednesday evening", "Putin's September 21 mobilization order")."""
    out = []
    for m in _SINCE_REF.finditer(ctx.text, lo, hi):
        noun = re.compile(r"\b" + re.escape(m.group("noun")) + r"s?\b", re.I)
        when = _day_of_mention(ctx, noun, m.start())
        if when is not None:
            out.append(
                TimeExpr(
                    m.start() - lo,
                    m.end() - lo,
                    m.group(0),
                    "event",
                    True,
                    (("date", when.isoformat()),),
                )
            )
    return out


def _day_of_mention(ctx: Context, noun: re.Pattern[str], before: int) -> date | None:
    """The day given with the latest earlier mention of ``noun`` in the same sentence."""
    for sent_end in (
        mm.end() for mm in reversed(list(noun.finditer(ctx.text, max(0, before - 3000), before)))
    ):
        s0 = max(ctx.text.rfind(". ", 0, sent_end), ctx.text.rfind("\n", 0, sent_end)) + 1
        s1 = min(
            x
            for x in (ctx.text.find(". ", sent_end), ctx.text.find("\n", sent_end), before)
            if x >= 0
        )
        at = sent_end - s0
        found = [
            e
            for e in find_time_expressions(ctx.text[s0:s1])
            if e.kind in ("md", "dm", "weekday", "numeric_dm")
        ]
        if found:
            e = min(found, key=lambda e: abs(e.start - at))
            start, end = resolve(e, ctx.published, ctx.default_year)
            return start or end
    return None


_IN_DAYS_AFTER = re.compile(
    r"\b(?:in|during|over)\s+the\s+(?:first\s+)?(?:few\s+|several\s+)?(?:days|weeks|months)\s+"
    r"(?:after|following|since)\s+(?:[\w'’]+\s+){0,4}$",
    re.I,
)


def _before_event(ctx: Context, offset: int) -> bool:
    """ "5,000 a day before the mobilisation", but not a comparison ("twice as many as before
    the mobilisation")."""
    window = ctx.text[max(0, offset - 70) : offset]
    m = re.search(r"\bbefore\s+(?:[\w'’]+\s+){0,6}$", window, re.I)
    if m is None:
        return False
    compared = re.search(
        r"\b(?:as|than|compared\s+(?:with|to)|against)\s+$", window[: m.start()], re.I
    )
    return compared is None


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
    r"confirmed|estimated|tweeted|noted|explained)\s+(?:on\s+|late\s+|early\s+)?$"
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


def _date_before(ctx: Context, offset: int) -> date | None:
    window = ctx.text[max(0, offset - 400) : offset]
    found = [
        e
        for e in find_time_expressions(window) + _events(ctx, max(0, offset - 400), offset)
        if e.kind in ("md", "dm", "range_dm", "range_md", "weekday", "ago", "event")
    ]
    if not found:
        return None
    last = max(found, key=lambda e: e.start)  # "Two weeks ago today, troops crossed ... Since then"
    start, end = resolve(last, ctx.published, ctx.default_year)
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
