"""Time expressions in news English, resolved against an anchor date.

Pure: the anchor comes in as an argument; nothing reads the clock.

``find_time_expressions(text)`` returns the expressions with their character spans, unresolved;
``resolve(expr, anchor, default_year)`` turns one into a ``(start, end)`` pair of dates.
The patterns themselves are a table in :mod:`exodus.resolve.date_patterns`; this module holds
:class:`TimeExpr`, the month, weekday and small-number names, the matcher and the resolution.
Dating a whole document from its clues is in :mod:`exodus.resolve.published`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from exodus.resolve.date_patterns import PATTERNS, SINCE_BEFORE

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "thirty": 30,
    "few": 3, "several": 3, "24": 1, "48": 2, "72": 3,
}  # fmt: skip


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: str
    since: bool  # "since September 21": the period runs from it up to the anchor
    groups: tuple[tuple[str, str], ...]

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Non-overlapping time expressions in ``text``, in order (earlier patterns win)."""
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "md" and m.group("mon").lower() == "may" and not m.group("year"):
                # "may 5" is rarely the modal verb before a digit, but "may" alone is not a date
                pass
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            before = text[max(0, s - 120) : s]
            since = (
                kind in ("since_then", "start_of", "since_month", "year_to_date")
                or bool(SINCE_BEFORE.search(before))
                or m.group(0).lower().startswith("since")
            )
            if kind == "weekday" and (m.group("rel") or "").lower() == "since":
                since = True
            taken.append((s, e))
            out.append(TimeExpr(s, e, m.group(0), kind, since, groups))
    out.sort(key=lambda t: t.start)
    return out


def _num(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.lower()
    if w.isdigit():
        return int(w)
    return SMALL.get(w)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: date | None, default_year: int | None) -> int | None:
    """Year of a year-less date: the latest one not after the anchor (news reports look back)."""
    if anchor is not None:
        d = _safe_date(anchor.year, month, day)
        if d is not None and d > anchor + timedelta(days=7):
            return anchor.year - 1
        return anchor.year
    return default_year


def _latest_year_of(month: int, anchor: date) -> int:
    """The year of the latest such month not after the anchor ("in October", "since October")."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _unit_days(unit: str) -> int:
    u = unit.lower().rstrip("s")
    return {"day": 1, "week": 7, "month": 30, "hour": 0}.get(u, 1)


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _part_of(expr: TimeExpr, anchor: date) -> tuple[date | None, date | None]:
    """ "the first six months of the year", "the first half of September", "the last week of
    September": a stretch at the start or the end of a year or a month."""
    g = expr.group
    which = (g("which") or "").lower()
    part = re.sub(r"\s+", " ", (g("part") or "").lower())
    n = _num(g("n")) or 1
    unit = (g("unit") or "").lower()
    if g("mon"):
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        year = int(g("year") or 0) or _latest_year_of(month, anchor)
        first, last = date(year, month, 1), _month_end(year, month)
    else:
        rel = (g("rel") or "").lower()
        year = int(g("yearonly") or 0) or (anchor.year - 1 if rel == "last" else anchor.year)
        first, last = date(year, 1, 1), date(year, 12, 31)
    yearly = not g("mon")
    if part == "half":
        span = 6 if yearly else 15
    elif part == "quarter":
        span = 3 if yearly else 7
    elif part in ("week", "fortnight", "ten days"):
        yearly, span = False, {"week": 7, "fortnight": 14, "ten days": 10}[part]
    elif unit == "months" and yearly:
        span = n
    else:
        yearly, span = False, n * (7 if unit == "weeks" else 1)
    order = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(which)
    if yearly:  # spans of months
        k = order if order is not None else (12 // span - 1)
        m0 = k * span + 1
        if m0 + span - 1 > 12:
            return None, None
        return date(first.year, m0, 1), _month_end(first.year, m0 + span - 1)
    if order is None:  # the last days of the month or year
        return last - timedelta(days=span - 1), last
    if part == "half" and order == 1:
        return first + timedelta(days=15), last
    start = first + timedelta(days=order * span)
    return (start, min(last, start + timedelta(days=span - 1))) if start <= last else (None, None)


def resolve(
    expr: TimeExpr, anchor: date | None, default_year: int | None = None
) -> tuple[date | None, date | None]:
    """``(start, end)`` of the period ``expr`` names; ``since`` periods end at the anchor."""
    g = expr.group
    kind = expr.kind
    start: date | None = None
    end: date | None = None
    if kind == "range_full":
        m1 = MONTHS[(g("mon1") or g("mon1b") or "").lower().rstrip(".")]
        d1 = int(g("d1") or g("d1b") or 0)
        m2 = MONTHS[(g("mon") or g("monb") or "").lower().rstrip(".")]
        d2 = int(g("day") or g("dayb") or 0)
        y2 = int(g("year") or 0) if g("year") else _year_for(m2, d2, anchor, default_year)
        if y2 is None:
            return None, None
        y1 = int(g("year1") or 0) if g("year1") else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        start, end = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    elif kind in ("md", "dm", "range_dm", "range_md"):
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        day = int(g("day") or 0)
        year = int(g("year") or 0) if g("year") else _year_for(month, day, anchor, default_year)
        if year is None:
            return None, None
        end = _safe_date(year, month, day)
        start = end
        if kind.startswith("range"):
            start = _safe_date(year, month, int(g("d1") or 0))
    elif kind == "year":  # absolute: needs no anchor
        y = int(g("year") or 0)
        start, end = date(y, 1, 1), date(y, 12, 31)
    elif kind == "event":
        start = end = date.fromisoformat(g("date") or "")
    elif kind == "month" and g("year"):
        month, y = MONTHS[(g("mon") or "").lower().rstrip(".")], int(g("year") or 0)
        start = date(y, month, 1)
        end = date(y + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        if anchor is not None and end > anchor >= start:
            end = anchor  # the month is not over yet
    elif anchor is None:
        return None, None
    elif kind == "ago":
        n = _num(g("n")) or 1
        unit = (g("unit") or "day").lower()
        if unit.startswith("hour"):
            start = end = anchor
        else:
            start = end = anchor - timedelta(days=n * _unit_days(unit))
    elif kind == "ago_range":
        n1, n2 = _num(g("n")) or 1, _num(g("n2")) or 1
        u = _unit_days(g("unit") or "day")
        start, end = (
            anchor - timedelta(days=max(n1, n2) * u),
            anchor - timedelta(days=min(n1, n2) * u),
        )
    elif kind == "past_n":
        unit = (g("unit") or "day").lower()
        n = _num(g("n")) or 1
        if unit.startswith("hour"):
            start, end = anchor - timedelta(days=max(0, n // 24 - 1)), anchor
        else:
            start, end = anchor - timedelta(days=n * _unit_days(unit) - 1), anchor
    elif kind == "weekend":
        sunday = weekday_on_or_before(anchor, 6)
        start, end = sunday - timedelta(days=1), sunday
    elif kind == "last_unit":
        rel, unit = (g("rel") or "").lower(), (g("unit") or "").lower()
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday())
            if rel == "last":
                start, end = monday - timedelta(days=7), monday - timedelta(days=1)
            elif rel == "past":
                start, end = anchor - timedelta(days=6), anchor
            else:
                start, end = monday, anchor
        elif unit == "year":
            if rel == "last":
                start, end = date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31)
            elif rel == "past":
                start, end = anchor - timedelta(days=364), anchor
            else:
                start, end = date(anchor.year, 1, 1), anchor
        else:
            first = anchor.replace(day=1)
            if rel == "last":
                end = first - timedelta(days=1)
                start = end.replace(day=1)
            else:
                start, end = first, anchor
    elif kind == "weekday":
        wd = WEEKDAYS[(g("wd") or "").lower()]
        d = weekday_on_or_before(anchor, wd)
        if (g("rel") or "").lower() == "last" and d == anchor:
            d -= timedelta(days=7)
        start = end = d
    elif kind == "word":
        w = (g("w") or "").lower()
        if w in ("yesterday", "overnight", "last night"):
            start = end = anchor - timedelta(days=1)
        elif w == "tomorrow":
            start = end = anchor + timedelta(days=1)
        elif w in ("so far", "to date"):
            start, end = None, anchor
        else:
            start = end = anchor
    elif kind == "next_unit":
        unit = (g("unit") or "").lower()
        if unit == "week":
            start = anchor + timedelta(days=7 - anchor.weekday())
            end = start + timedelta(days=6)
        elif unit == "month":
            start = date(anchor.year + (anchor.month == 12), anchor.month % 12 + 1, 1)
            end = date(start.year + (start.month == 12), start.month % 12 + 1, 1) - timedelta(
                days=1
            )
        else:
            start, end = date(anchor.year + 1, 1, 1), date(anchor.year + 1, 12, 31)
    elif kind == "by_end_month":
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        year = int(g("year") or 0) or _latest_year_of(month, anchor)  # forecasts look ahead
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    elif kind == "coming":
        unit = (g("unit") or g("unit2") or "").lower()
        count = _num(g("n"))
        start = anchor
        if count is not None and unit.startswith("hour"):
            end = anchor + timedelta(days=max(1, count // 24))
        elif count is not None:
            end = anchor + timedelta(days=count * _unit_days(unit))
        # otherwise open-ended: end stays None
    elif kind == "by_end":
        unit, nxt = (g("unit") or "").lower(), (g("rel") or "").lower() == "next"
        if unit == "year":
            end = date(anchor.year + nxt, 12, 31)
        elif unit == "month":
            first = date(anchor.year + (anchor.month == 12), anchor.month % 12 + 1, 1)
            end = (
                first
                if not nxt
                else date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            ) - timedelta(days=1)
        else:
            end = anchor + timedelta(days=6 - anchor.weekday() + 7 * nxt)
        start = anchor
    elif kind == "range_to_day":
        month = MONTHS[(g("mon") or g("monb") or "").lower().rstrip(".")]
        day = int(g("day") or g("dayb") or 0)
        year = int(g("year") or 0) or _year_for(month, day, anchor, default_year) or anchor.year
        start = _safe_date(year, month, day)
        w = (g("wd") or "").lower()
        end = (
            anchor - timedelta(days=1)
            if w == "yesterday"
            else anchor
            if w in ("today", "now")
            else weekday_on_or_before(anchor, WEEKDAYS[w])
        )
    elif kind == "since_month":
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        year = int(g("year") or 0) or _latest_year_of(month, anchor)
        return date(year, month, 1), anchor
    elif kind == "month":
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        year = int(g("year") or 0) or _latest_year_of(month, anchor)
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        if end > anchor and not g("year"):
            end = anchor  # the month is not over yet
    elif kind == "numeric_dm":
        month, day = int(g("mnum") or 0), int(g("day") or 0)
        if not 1 <= month <= 12:
            return None, None
        year = int(g("year") or 0) if g("year") else _year_for(month, day, anchor, default_year)
        start = end = _safe_date(year, month, day) if year else None
    elif kind == "start_of":
        unit = (g("unit") or "").lower()
        if unit == "week":
            start = anchor - timedelta(days=anchor.weekday())
        elif unit == "month":
            start = anchor.replace(day=1)
        else:
            start = anchor.replace(month=1, day=1)
        return start, anchor
    elif kind in ("since_year", "year_to_date"):
        y = int(g("year") or 0)
        start, end = date(y, 1, 1), (anchor if anchor.year == y else date(y, 12, 31))
    elif kind == "hours_to":
        day_name, word = (g("wd") or "").lower(), (g("w") or "").lower()
        end = (
            weekday_on_or_before(anchor, WEEKDAYS[day_name])
            if day_name
            else anchor - timedelta(days=1)
            if word == "yesterday"
            else anchor
        )
        start = end - timedelta(days=max(1, (_num(g("n")) or 24) // 24) - 1)
    elif kind == "span_to":
        if g("wd"):
            end = weekday_on_or_before(anchor, WEEKDAYS[(g("wd") or "").lower()])
        else:
            month = MONTHS[(g("mon") or "").lower().rstrip(".")]
            year = int(g("year") or 0) or _latest_year_of(month, anchor)
            end = (
                _safe_date(year, month, int(g("day") or 0)) if g("day") else _month_end(year, month)
            )
        if end is not None:
            unit = (g("unit2") or "").lower()
            months = (
                (_num(g("n")) or 0)
                if g("n")
                else {"month": 1, "quarter": 3, "year": 12}.get(unit, 0)
            )
            if months and g("day"):  # "in the month to June 15": from the day after a month back
                m0 = end.month - months + 12 * 2
                back = date(end.year - 2 + (m0 - 1) // 12, (m0 - 1) % 12 + 1, min(end.day, 28))
                start = back + timedelta(days=1)
            elif months:
                m0 = end.month - months + 1 + 12 * 2
                start = date(end.year - 2 + (m0 - 1) // 12, (m0 - 1) % 12 + 1, 1)
            else:
                start = end - timedelta(days=13 if unit == "fortnight" else 6)
    elif kind == "month_part":
        month = MONTHS[(g("mon") or "").lower().rstrip(".")]
        year = int(g("year") or 0) or _latest_year_of(month, anchor)
        which = (g("which") or "").lower()
        first, last = date(year, month, 1), _month_end(year, month)
        start, end = {
            "early": (first, first + timedelta(days=9)),
            "mid": (first + timedelta(days=10), first + timedelta(days=19)),
        }.get(which, (first + timedelta(days=20), last))
        if expr.text.lower().startswith("by"):
            start = None  # "by mid-October": up to then
    elif kind == "the_year":  # "the total for the year": this calendar year, whole
        start, end = date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    elif kind == "day_part":
        start = end = anchor
    elif kind == "range_wd":
        end = weekday_on_or_before(anchor, WEEKDAYS[(g("wd") or "").lower()])
        start = weekday_on_or_before(end, WEEKDAYS[(g("wd1") or "").lower()])
    elif kind == "part_of":
        start, end = _part_of(expr, anchor)
    if expr.since and anchor is not None and start is not None:
        return start, anchor
    return start, end
