"""Dated events and earlier days a figure's period runs from: "since the mobilisation",
"since the start of the war", "since the order was issued", "before the invasion", "since then".

An event is dated by the lexicon (``events.tsv``, through
:func:`exodus.resolve.published.event_expressions`) or by the day the story gave it before; none
counts that is later than the story itself.  :func:`exodus.resolve.periods.period_of` weighs these
against the figure's own time expressions.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from exodus.resolve.dates import TimeExpr, find_time_expressions, resolve
from exodus.resolve.published import event_expressions

if TYPE_CHECKING:
    from exodus.resolve.context import Context


def events_in(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
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


def war_start(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
    """ "since the start of the war": the latest dated event the document names elsewhere
    ("Russia's invasion", "the fighting broke out on April 15"), none if it names none."""
    out = []
    for m in _WAR_START.finditer(ctx.text, lo, hi):
        named = [
            e
            for e in events_in(ctx, 0, len(ctx.text))
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


def since_mentioned(ctx: Context, lo: int, hi: int) -> list[TimeExpr]:
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


IN_DAYS_AFTER = re.compile(
    r"\b(?:in|during|over)\s+the\s+(?:first\s+)?(?:few\s+|several\s+)?(?:days|weeks|months)\s+"
    r"(?:after|following|since)\s+(?:[\w'’]+\s+){0,4}$",
    re.I,
)


def before_event(ctx: Context, offset: int) -> bool:
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


def date_before(ctx: Context, offset: int) -> date | None:
    window = ctx.text[max(0, offset - 400) : offset]
    found = [
        e
        for e in find_time_expressions(window) + events_in(ctx, max(0, offset - 400), offset)
        if e.kind in ("md", "dm", "range_dm", "range_md", "weekday", "ago", "event")
    ]
    if not found:
        return None
    last = max(found, key=lambda e: e.start)  # "Two weeks ago today, troops crossed ... Since then"
    start, end = resolve(last, ctx.published, ctx.default_year)
    return start or end
