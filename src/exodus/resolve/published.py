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
    r"^[A-Z][A-Za-z.'-]+(?:[ /-][A-Z][A-Za-z.'-]+)*(?:,\s*[A-Z][A-Za-z.' -]+)?(?:,?\s+|\s*\(\s*)(?P<date>"
    + _MON_ANY
    + r"\s+[0-3]?\d|[0-3]?\d\s+"
    + _MON_ANY
    + r")(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    + r"\s*(?:\)\s*[-\u2013\u2014]|\([^)]{1,40}\)\s*[-\u2013\u2014]|[-\u2013\u2014]|\.\s*/[A-Za-z-]+/|,?\s*/[A-Za-z-]+/)",
    re.M | re.I,
)  # "TBILISI, Sept 26 (Reuters) -", "YELLOWKNIFE (August 17, 2023) -", "KYIV, March 3, 2022 /PRNewswire/"


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
    """The date of a wire dateline ("TBILISI, Sept 26 (Reuters) -") in the first lines; a
    year-less one needs ``default_year``."""
    m = DATELINE.search(text[:1500])
    if not m:
        return None
    year = int(m.group("year")) if m.group("year") else default_year
    if year is None:
        return None
    exprs = find_time_expressions(m.group("date"))
    return resolve(exprs[0], None, year)[0] if exprs else None


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


_N = r"(?P<n>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)"
_DAYS_AFTER = re.compile(r"\b" + _N + r"\s+(?P<unit>days?|weeks?)\s+after\b", re.I)
# "Aug. 9, two weeks ago today", "Friday, November 20, ten days from today"
_FROM_TODAY_AFTER = re.compile(
    r"^,?\s+(?:exactly\s+|just\s+)?" + _N + r"\s+(?P<unit>days?|weeks?)\s+"
    r"(?P<dir>ago|from\s+(?:today|now)|hence)\b",
    re.I,
)
# "Two weeks ago today, Russian troops crossed into Ukraine"
_AGO_TODAY = re.compile(r"\b" + _N + r"\s+(?P<unit>days?|weeks?)\s+ago\s+today\b", re.I)
# a date that names a deadline or a plan says nothing of when the story was written
_AHEAD_BEFORE = re.compile(
    r"\b(?:by|until|till|before|next|no\s+later\s+than)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:will|shall|due\s+to|scheduled|set\s+to|plans?\s+to|expected\s+to|is\s+to|are\s+to)\b[^.;!?]{0,60}$",
    re.I,
)
_WEEKDAY_DATE = re.compile(
    r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?="
    + _MON_ANY
    + r"\s+[0-3]?\d|[0-3]?\d\s+"
    + _MON_ANY
    + ")",
    re.I,
)
_CAPTION = re.compile(r"\b(?:photo|AP|AFP|Reuters|Getty|EPA|Images|Anadolu|pictured|file)\b")
# "so far this year ... against 248,284 in all of 2022": this year is a later one
_WHOLE_YEAR = re.compile(
    r"\b(?:(?:in\s+)?all\s+of|the\s+whole\s+of|the\s+(?:whole|entire|full)\s+year\s+(?:of\s+)?|throughout)\s+(?P<y>(?:19|20)\d\d)\b"
    r"|\b(?P<y2>(?:19|20)\d\d)\s+as\s+a\s+whole\b",
    re.I,
)
_THIS_YEAR = re.compile(r"\b(?:this\s+year|so\s+far\s+in\s+the\s+year|year\s+to\s+date)\b", re.I)


_YESTERDAY = re.compile(r"\byesterday\b", re.I)


def _outside_quotes(text: str) -> str:
    return re.sub(r"\"[^\"]*\"|“[^”]*”", " ", text)


def _days(n: str | None, unit: str) -> int:
    return (_num(n) or 1) * (7 if unit.lower().startswith("week") else 1)


def _year_of(
    text: str, exprs: list[TimeExpr], year_text: str | None, mentioned: list[date]
) -> int | None:
    """The year a text is about: its full dates, else the events it names, else the commonest
    year anywhere in it, moved past a year it sets "this year" against ("in all of 2022");
    a weekday named with a date ("Friday, November 20") settles a doubt of one year."""
    years = [
        int(y)
        for e in exprs
        if (y := e.group("year")) and e.kind in ("md", "dm", "range_dm", "range_md", "range_full")
    ]
    if years:
        return max(years)
    if mentioned:
        return max(mentioned).year  # "since the mobilization": the story is that year's
    counts = Counter(int(y) for y in _YEAR_ANY.findall(year_text or text))
    if not counts:
        return None
    year = counts.most_common(1)[0][0]
    if _THIS_YEAR.search(text):
        whole = [int(m.group("y") or m.group("y2")) for m in _WHOLE_YEAR.finditer(text)]
        if whole and max(whole) >= year:
            year = max(whole) + 1
    pairs = []
    for m in _WEEKDAY_DATE.finditer(text):
        following = find_time_expressions(text[m.end() : m.end() + 20])
        if following and following[0].start == 0 and not following[0].group("year"):
            pairs.append((WEEKDAYS[m.group("wd").lower()], following[0]))

    def fits(y: int) -> bool:
        days = [(wd, resolve(e, None, y)[0]) for wd, e in pairs]
        return all(d is not None and d.weekday() == wd for wd, d in days)

    if pairs and not fits(year):
        year = next((y for y in (year + 1, year - 1) if fits(y)), year)
    return year


def _today_clue(
    text: str, exprs: list[TimeExpr], year: int, events: Sequence[Event]
) -> date | None:
    """The day a text calls today, when it ties a date to it: "since Aug. 9, two weeks ago
    today", "on Friday, November 20, ten days from today", "Two weeks ago today, Russian troops
    crossed into Ukraine" (a dated event)."""
    for e in exprs:
        if e.kind not in ("md", "dm"):
            continue
        m = _FROM_TODAY_AFTER.match(text[e.end : e.end + 60])
        if m:
            when = resolve(e, None, year)[0]
            if when is not None:
                days = _days(m.group("n"), m.group("unit"))
                return when + timedelta(days=days if m.group("dir").lower() == "ago" else -days)
    for m in _AGO_TODAY.finditer(text):
        rest = re.split(r"(?<=[.!?])\s", text[m.end() : m.end() + 200], maxsplit=1)[0]
        found = event_expressions(rest, events)
        dated = [x for x in find_time_expressions(rest) if x.kind in ("md", "dm")]
        when = (
            date.fromisoformat(found[0].group("date") or "")
            if found
            else resolve(dated[0], None, year)[0]
            if dated
            else None
        )
        if when is not None:
            return when + timedelta(days=_days(m.group("n"), m.group("unit")))
    return None


def _is_ahead(text: str, e: TimeExpr) -> bool:
    sentence_start = max(text.rfind(". ", 0, e.start), text.rfind("\n", 0, e.start)) + 1
    return _AHEAD_BEFORE.search(text[max(sentence_start, e.start - 80) : e.start]) is not None


def infer_published(
    text: str, year_text: str | None = None, events: Sequence[Event] = ()
) -> date | None:
    """The publication date a text implies, or None when its clues do not settle one.

    A byline or time-stamp line near the top, or a wire dateline, gives it outright (a
    year-less dateline takes the text's year).  The year comes from full dates in ``text``, the
    dated events it names, or the commonest year anywhere in ``year_text`` (the original,
    boilerplate included: caption dates tell the year too).  A date tied to today ("two weeks
    ago today") gives the day; otherwise the day is the latest date the text reports on (not a
    deadline or a plan; photo captions count), pushed forward to the nearest later weekday for
    each weekday the text names ("told reporters Tuesday" after "on September 21"), and never
    before "nine days after Sept. 21".  With no year to go on, it does not guess.
    """
    exprs = find_time_expressions(text)
    mentioned = [date.fromisoformat(e.group("date") or "") for e in event_expressions(text, events)]
    header = header_date(year_text or "") or header_date(text)
    if header is not None:
        return header
    default_year = _year_of(text, exprs, year_text, mentioned)
    dateline = dateline_date(text, default_year)
    if dateline is not None:
        return dateline
    if default_year is None:
        return None
    today = _today_clue(text, exprs, default_year, events)
    if today is not None:
        return today
    latest: date | None = None
    named_day = False  # the latest date is named with its weekday ("Tuesday, September 12")
    paired = {m.end() for m in _WEEKDAY_DATE.finditer(text)}
    for e in exprs:
        if e.kind in ("md", "dm", "range_dm", "range_md", "range_full") and not _is_ahead(text, e):
            _, end = resolve(e, None, default_year)
            if end is not None and (latest is None or end > latest):
                latest, named_day = end, e.start in paired
    for line in (year_text or "").splitlines():
        if len(line) < 300 and _CAPTION.search(line):
            for e in find_time_expressions(line):
                if e.kind in ("md", "dm") and e.group("year"):
                    when = resolve(e, None, None)[0]
                    if when is not None and (latest is None or when > latest):
                        latest = when  # "Cars queue at Vaalimaa, Sept. 29, 2022. (AP Photo)"
    derived: date | None = None
    for m in _DAYS_AFTER.finditer(text):
        days = _days(m.group("n"), m.group("unit"))
        following = [
            e
            for e in exprs
            if e.start >= m.end() and e.start - m.end() < 120 and e.kind in ("md", "dm")
        ]
        after_event = event_expressions(text[m.end() : m.end() + 80], events)
        when = (
            resolve(following[0], None, default_year)[1]
            if following
            else date.fromisoformat(after_event[0].group("date") or "")
            if after_event
            else None
        )
        if when is not None:
            after = when + timedelta(days=days)
            derived = after if derived is None else max(derived, after)
    if latest is None and derived is None and mentioned:
        latest = max(mentioned)
    if latest is None:
        return derived
    inferred = latest
    if named_day and _YESTERDAY.search(_outside_quotes(text[:700])):
        # "5,000 arrived yesterday ... Tuesday, September 12, had been the busiest day"
        inferred = latest + timedelta(days=1)
    paired = {m.end("wd") for m in _WEEKDAY_DATE.finditer(text)}
    for e in exprs:
        if (
            e.kind == "weekday"
            and (e.group("rel") or "").lower() not in ("last", "next", "by")
            and e.end not in paired
            and not _is_ahead(text, e)
        ):
            inferred = max(
                inferred, weekday_on_or_after(latest, WEEKDAYS[(e.group("wd") or "").lower()])
            )
    return max(inferred, derived) if derived is not None else inferred


_AS_OF = re.compile(r"\b(?:as\s+of|as\s+at)\b[^\n]{0,40}?$", re.I)


def as_of_date(text: str, default_year: int | None) -> date | None:
    """The "as of" date of a situation report's figures ("Figures as of 25 September 2017"),
    when its header gives one."""
    for line in [ln for ln in text[:1200].splitlines() if ln.strip()][:10]:
        for e in find_time_expressions(line):
            if e.kind in ("md", "dm") and _AS_OF.search(line[: e.start]):
                return resolve(e, None, default_year)[0]
    return None
