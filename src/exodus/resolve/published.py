"""Dating a document from its own words: bylines, datelines, "as of" headers, dated events and
the text's clues (the latest explicit date, pushed forward to the weekdays it names).

Pure: the text comes in, a date (or None) goes out; nothing reads the clock.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from exodus.resolve.dates import (
    WEEKDAYS,
    TimeExpr,
    _num,
    _safe_date,
    find_time_expressions,
    resolve,
    weekday_on_or_after,
)

_YEAR_ANY = re.compile(r"(?<!\d)(?<!\d[,.])(?:19[5-9]\d|20\d\d)(?!\d|[,.]\d)")


_NUMERIC = re.compile(
    r"\b(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)[./](?P<y>(?:19|20)\d\d)\b|\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
)


_MON_ANY = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'-]+(?:[ /-][A-Z][A-Za-z.'-]+)*(?:,\s*[A-Z][A-Za-z.' -]+)?,?\s+(?P<date>"
    + _MON_ANY
    + r"\s+[0-3]?\d|[0-3]?\d\s+"
    + _MON_ANY
    + r")\s*(?:\([^)]{1,40}\)\s*[-\u2013\u2014]|[-\u2013\u2014]|\.\s*/[A-Za-z-]+/)",
    re.M | re.I,
)


def header_date(text: str) -> date | None:
    """The date in a scraped page's header: a byline or time-stamp line near the top, with a year.

    Only short lines among the first six lines count ("September 26, 2022 2:18 PM GMT",
    "Published on: 29/09/2022 - 17:42", "Press release 26.9.2022 11.05").
    """
    lines = [ln for ln in text[:800].splitlines() if ln.strip()][:6]
    for line in lines:
        line = re.sub(r"\b([0-3]?\d)\.\s+(?=[A-Za-z])", r"\1 ", line)  # "16. Nov 2023"
        if len(line.split()) > 14:
            continue
        for e in find_time_expressions(line):
            if e.kind in ("md", "dm") and e.group("year"):
                start, _ = resolve(e, None, None)
                if start is not None:
                    return start
        m = _NUMERIC.search(line)
        if m:
            if m.group("iy"):
                d = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            else:
                a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
                d = _safe_date(y, b, a) if b <= 12 else _safe_date(y, a, b)
            if d is not None:
                return d
    return None


def dateline_date(text: str, default_year: int | None) -> date | None:
    """The date of a wire dateline ("TBILISI, Sept 26 (Reuters) -") in the first lines."""
    m = DATELINE.search(text[:1500])
    if not m or default_year is None:
        return None
    exprs = find_time_expressions(m.group("date"))
    return resolve(exprs[0], None, default_year)[0] if exprs else None


Event = tuple[re.Pattern[str], date]


def event_expressions(text: str, events: Sequence[Event]) -> list[TimeExpr]:
    """Mentions of dated events ("since the mobilization", "since the invasion began")."""
    out = []
    for pattern, when in events:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            since = (
                re.search(
                    r"\b(?:since|after)\s+(?:the\s+|Russia's\s+|Moscow's\s+)?(?:[\w'’]+\s+){0,5}$",
                    before,
                    re.I,
                )
                is not None
            )
            out.append(
                TimeExpr(
                    m.start(), m.end(), m.group(0), "event", since, (("date", when.isoformat()),)
                )
            )
    return out


_DAYS_AFTER = re.compile(
    r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s+(?P<unit>days?|weeks?)\s+after\b",
    re.I,
)


def infer_published(
    text: str, year_text: str | None = None, events: Sequence[Event] = ()
) -> date | None:
    """The publication date a text implies, or None when its clues do not settle one.

    The year comes from full dates in ``text`` or, failing that, the commonest year anywhere in
    ``year_text`` (the original, boilerplate included: caption dates tell the year too).  The day
    is the latest explicit date in ``text``, pushed forward to the nearest later weekday for each
    weekday the text names ("told reporters Tuesday" after "on September 21").
    """
    exprs = find_time_expressions(text)
    years = [
        int(y)
        for e in exprs
        if (y := e.group("year")) and e.kind in ("md", "dm", "range_dm", "range_md", "range_full")
    ]
    mentioned = [date.fromisoformat(e.group("date") or "") for e in event_expressions(text, events)]
    if years:
        default_year: int | None = max(years)
    elif mentioned:
        default_year = max(mentioned).year  # "since the mobilization": the story is that year's
    else:
        counts = Counter(int(y) for y in _YEAR_ANY.findall(year_text or text))
        default_year = counts.most_common(1)[0][0] if counts else None
    header = header_date(year_text or "") or header_date(text)
    if header is not None:
        return header
    if default_year is None:
        return None
    dateline = dateline_date(text, default_year)
    if dateline is not None:
        return dateline
    latest: date | None = None
    for e in exprs:
        if e.kind in ("md", "dm", "range_dm", "range_md", "range_full"):
            _, end = resolve(e, None, default_year)
            if end is not None and (latest is None or end > latest):
                latest = end
    for m in _DAYS_AFTER.finditer(text):
        n = _num(m.group("n")) or 0
        days = n * (7 if m.group("unit").lower().startswith("week") else 1)
        following = [
            e
            for e in exprs
            if e.start >= m.end() and e.start - m.end() < 120 and e.kind in ("md", "dm")
        ]
        if following:
            _, when = resolve(following[0], None, default_year)
            if when is not None:
                after = when + timedelta(days=days)
                latest = after if latest is None else max(latest, after)
    if latest is None and mentioned:
        latest = max(mentioned)
    if latest is None:
        return None
    inferred = latest
    for e in exprs:
        if e.kind == "weekday" and (e.group("rel") or "").lower() not in ("last", "next"):
            inferred = max(
                inferred, weekday_on_or_after(latest, WEEKDAYS[(e.group("wd") or "").lower()])
            )
    return inferred


_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\b[^\n]{0,40}?$", re.I)


def as_of_date(text: str, default_year: int | None) -> date | None:
    """The "as of" date of a situation report's figures ("Figures as of 25 September 2017"),
    when its header gives one."""
    for line in [ln for ln in text[:1200].splitlines() if ln.strip()][:10]:
        for e in find_time_expressions(line):
            if e.kind in ("md", "dm") and _AS_OF.search(line[: e.start]):
                return resolve(e, None, default_year)[0]
    return None
