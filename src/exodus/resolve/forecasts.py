"""The period of a forecast or an order: its deadline, the day it was made, the day it names.

"by Sunday", "by Nov. 1", "by the end of the year" and "within the next 24 hours" are deadlines:
the period runs from the day the forecast or order was made to then.  "tomorrow", "on Sunday" and
"next week" name the period itself.  The day an order was issued is a day in its sentence that is
not its deadline.  :func:`exodus.resolve.periods.period_of` calls these for figures whose modality
is ``forecast`` or ``order``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from exodus.extract.figures import Candidate
from exodus.resolve.dates import (
    WEEKDAYS,
    TimeExpr,
    find_time_expressions,
    resolve,
    weekday_on_or_after,
)

if TYPE_CHECKING:
    from exodus.resolve.context import Context


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


def period_ahead(
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
    deadline = is_deadline(ctx, expr, lo)
    made = bool(_ISSUED_BEFORE.search(before))  # "the order issued on Sunday"
    issued = issued_on(ctx, cand, expr.start + lo, anchor)
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


def is_deadline(ctx: Context, expr: TimeExpr, lo: int) -> bool:
    before = ctx.text[max(0, expr.start + lo - 40) : expr.start + lo]
    return (
        bool(_DEADLINE_BEFORE.search(before))
        or expr.kind in ("by_end", "by_end_month", "coming")
        or (expr.kind == "weekday" and (expr.group("rel") or "").lower() == "by")
    )


def issued_on(
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
