"""The regular expressions that find time expressions in news English, as a table.

:data:`PATTERNS` lists ``(kind, pattern)`` pairs in priority order: where two matches overlap,
the earlier pattern wins ("from 21 September to 2 October 2022" is one ``range_full``, not two
dates).  Named groups carry the parts :func:`exodus.resolve.dates.resolve` reads (``mon``,
``day``, ``year``, ``wd``, ``n``, ``unit`` ...).  :data:`SINCE_BEFORE` marks an expression whose
period runs from it up to the anchor ("since", "starting", "arrived after").  Patterns only; the
matching and the dates they name are in :mod:`exodus.resolve.dates`.
"""

from __future__ import annotations

import re

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_NUMW = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty|few|several)"
_NUMW2 = r"(?P<n2>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)"
_UNIT = r"(?P<unit>days?|weeks?|months?|hours?)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_MON1 = _MON.replace("?P<mon>", "?P<mon1>")
_ONE = (
    r"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MON1
    + r"|"
    + _MON1.replace("?P<mon1>", "?P<mon1b>")
    + r"\s+(?P<d1b>[0-3]?\d)(?:st|nd|rd|th)?)(?:,?\s+(?P<year1>(?:19|20)\d\d))?"
)
_TWO = (
    r"(?:"
    + _DAY
    + r"\s+(?:of\s+)?"
    + _MON
    + r"|"
    + _MON.replace("?P<mon>", "?P<monb>")
    + r"\s+(?P<dayb>[0-3]?\d)(?:st|nd|rd|th)?)"
    + _YEAR
)

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range_full",  # from 21 September to 2 October 2022 / between September 21 and October 4
        re.compile(r"\b(?:from\s+|between\s+)?" + _ONE + r"\s*(?:-|–|to|and|until|through)\s*" + _TWO, re.I),
    ),
    (
        "range_dm",  # from 21 to 27 September / between 21 and 27 September / 21-27 September
        re.compile(
            r"\b(?:from\s+|between\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|to|and|until|through)\s*"
            + _DAY + r"\s+(?:of\s+)?" + _MON + _YEAR, re.I),
    ),
    (
        "range_md",  # from September 21 to 27 / Sept. 21-27
        re.compile(
            r"\b(?:from\s+|between\s+)?" + _MON + r"\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*"
            r"(?:-|to|and|until|through)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b" + _YEAR, re.I),
    ),
    (
        "range_to_day",  # "between Sept. 21 and Tuesday", "from 21 September through yesterday"
        re.compile(
            r"\b(?:between|from)\s+(?:" + _MON1.replace("?P<mon1>", "?P<mon>") + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?|(?P<dayb>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MON1.replace("?P<mon1>", "?P<monb>") + r")(?:,?\s+(?P<year>(?:19|20)\d\d))?\s+(?:and|to|until|through|till)\s+(?:(?:last|this)\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|now)\b",
            re.I,
        ),
    ),
    (
        "hours_to",  # "in the 24 hours to 7 a.m.", "in the 24 hours to Sunday morning"
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:previous\s+|last\s+|past\s+)?(?P<n>24|48|72)\s+hours\s+"
            r"(?:to|until|till|up\s+to|ending(?:\s+at)?)\s+(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|hrs|h)?|midnight|noon|dawn)\s*)?"
            r"(?:(?:on\s+)?(?:" + _WD + r"|(?P<w>today|yesterday))(?:\s+(?:morning|evening|night))?|this\s+morning|local\s+time)?",
            re.I,
        ),
    ),
    (
        "span_to",  # "in the week to Sunday", "in the year to June", "in the 12 months to March"
        re.compile(
            r"\b(?:in|over|during)\s+the\s+(?:(?P<n>12|twelve|three|six)\s+(?P<unit>months)|(?P<unit2>week|month|year|fortnight|quarter))\s+"
            r"(?:to|ending|ended|up\s+to|through|until)\s+(?:(?:the\s+end\s+of\s+)?" + _MON + r"(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d\d))?|(?:last\s+)?" + _WD + r")\b",
            re.I,
        ),
    ),
    ("md", re.compile(r"\b" + _MON + r"\s+" + _DAY + r"\b" + _YEAR, re.I)),
    ("dm", re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MON + r"\b" + _YEAR, re.I)),
    ("ago_range", re.compile(
        r"\b(?:about\s+|around\s+|some\s+)?" + _NUMW + r"\s+(?:to|or|-)\s+" + _NUMW2 + r"\s+"
        + _UNIT + r"\s+ago\b", re.I)),
    ("ago", re.compile(r"\b(?:about\s+|around\s+|some\s+)?" + _NUMW + r"\s+" + _UNIT + r"\s+ago\b", re.I)),
    (
        "part_of",  # "in the first six months of the year", "the first half of September", "the last week of September"
        re.compile(
            r"\b(?:the\s+)?(?P<which>first|second|third|fourth|last|final)\s+(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|\d+)\s+(?P<unit>months|weeks|days)|(?P<part>half|quarter|week|fortnight|ten\s+days))"
            r"\s+of\s+(?:(?P<rel>the|this|last)\s+year|(?P<yearonly>(?:19|20)\d\d)|" + _MON + r"(?:\s+(?P<year>(?:19|20)\d\d))?)\b",
            re.I,
        ),
    ),
    (
        "month_part",  # "in early March", "by mid-October", "in late September"
        re.compile(r"\b(?:in\s+|by\s+|since\s+|until\s+)?(?P<which>early|mid|late)[- ]" + _MON + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I),
    ),
    ("past_n", re.compile(
        r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:" + _NUMW + r"\s+)?"
        + _UNIT, re.I)),
    ("past_n", re.compile(  # "in one week", "in just 24 hours", "in a single day": a stretch
        r"\b(?:in|within)\s+(?:just\s+|only\s+|the\s+space\s+of\s+)?(?:a\s+single\s+|"
        + _NUMW.replace("a|an|", "") + r"\s+)" + _UNIT + r"\b(?!\s+(?:time|from|ago|later))", re.I)),
    ("weekend", re.compile(r"\b(?:(?:over|during|at)\s+the\s+(?:past\s+)?|last\s+|this\s+past\s+)weekend\b", re.I)),
    (
        "start_of",  # "so far this year", "to date this month", "so far in 2023"
        re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|until\s+now)\s+(?:this|in\s+the)\s+(?P<unit>year|month|week)\b", re.I),
    ),
    ("year_to_date", re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far)\s+in\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    (
        "range_wd",  # "between Sunday and Monday morning", "from Monday to Wednesday"
        re.compile(
            r"\b(?:between|from|on)\s+(?:the\s+early\s+hours\s+of\s+|early\s+|late\s+|last\s+)?"
            r"(?P<wd1>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
            r"\s+(?:and|to|until|through|till)\s+(?:the\s+early\s+hours\s+of\s+|early\s+|late\s+)?" + _WD
            + r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    (
        "rel_earlier",  # "in the same period last year": the period before it, a year back
        re.compile(
            r"\b(?:in\s+|over\s+|during\s+)?the\s+same\s+(?:period|time|months?|weeks?|stretch)\s+(?:of\s+|in\s+)?"
            r"(?:last|the\s+previous|a|one)\s+(?P<unit4>year)(?:\s+(?:earlier|before|ago))?\b",
            re.I,
        ),
    ),
    ("last_unit", re.compile(r"\b(?P<rel>last|this|past)\s+(?P<unit>week|month|year)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?P<rel>last|this|on|by|since)\s+)?" + _WD + r"\b", re.I)),
    ("word", re.compile(r"\b(?P<w>today|yesterday|tomorrow|now|currently|so far|to date|overnight|last night|tonight)\b", re.I)),
    (
        "day_part",  # "by nightfall, 335 had crossed": the day of the report
        re.compile(r"\bby\s+(?:nightfall|dusk|sunset|sundown|the\s+end\s+of\s+the\s+day|(?:late\s+|early\s+)?(?:afternoon|evening)|midday)\b", re.I),
    ),
    (
        "month",  # "August was the busiest month", "August set a monthly record"
        re.compile(
            r"(?<![\w,] )(?<!\w)(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
            r"(?:\s+(?P<year>(?:19|20)\d\d))?\s+(?=(?:was|saw|set|had|brought|recorded|registered|accounted)\b)"
        ),
    ),
    ("since_then", re.compile(r"\bsince\s+then\b", re.I)),
    (
        "by_end",  # "by the end of the year": from now to then (forecasts, plans)
        re.compile(r"\b(?:by|before|until)\s+the\s+end\s+of\s+(?P<rel>the|this|next)\s+(?P<unit>year|month|week)\b", re.I),
    ),
    (
        "by_end_month",  # "by the end of October": from now to that month's last day
        re.compile(r"\b(?:by|before|until|at|through|to|as\s+of)\s+the\s+end\s+of\s+" + _MON + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I),
    ),
    (
        "coming",  # "in the coming weeks", "within the next 24 hours", "within days": from now on
        re.compile(
            r"\b(?:(?:in|over|during|within)\s+the\s+(?:coming|next|following)\s+(?:few\s+|several\s+)?(?:(?P<n>\d+|two|three|four|five|six|seven|ten)\s+)?"
            r"(?P<unit>hours|days|weeks|months)|within\s+(?:(?:a\s+few|the)\s+)?(?P<unit2>hours|days|weeks)|in\s+the\s+(?:days|weeks|months)\s+ahead)\b",
            re.I,
        ),
    ),
    ("the_year", re.compile(r"\b(?:for|over)\s+the\s+(?:whole\s+|full\s+|entire\s+)?year\b(?!\s+(?:before|earlier|ago|to))", re.I)),
    ("next_unit", re.compile(r"\bnext\s+(?P<unit>week|month|year)\b", re.I)),
    (
        "rel_earlier",  # "a week earlier", "the day before": relative to the date before it
        re.compile(
            r"\b(?:(?P<n>a|one|two|three|four|\d+)\s+(?P<unit>days?|weeks?|months?|years?)\s+(?:earlier|before(?!\s+[A-Za-z])|previously)"
            r"|the\s+(?:previous|preceding)\s+(?P<unit2>day|week|weekend|month)|the\s+(?P<unit3>day|week)\s+before)\b",
            re.I,
        ),
    ),
    (
        "since_month",  # "since October", "since the start of October"
        re.compile(r"\bsince\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?" + _MON + r"(?!\s*[0-3]?\d(?!\d))(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I),
    ),
    (
        "month",
        re.compile(
            r"\b(?:in|during|for|throughout)\s+(?:the\s+month\s+of\s+)?" + _MON
            + r"(?!\s*[0-3]?\d(?!\d))(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.I,
        ),
    ),
    ("start_of", re.compile(r"\b(?:since|from)\s+the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+(?P<unit>week|month|year)\b", re.I)),
    ("numeric_dm", re.compile(r"(?:\b(?:on|since|from|until|till|by|as\s+of)\s+|\()(?P<day>[0-3]?\d)\.(?P<mnum>[01]\d)(?:\.(?P<year>(?:19|20)\d\d))?(?![\d.]*\d)", re.I)),
    ("since_year", re.compile(r"\bsince\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-\u2013/]\s*\d)", re.I)),
    (
        "year",  # "in 2023", "in all of 2022", "the whole of 2019", "the cayuco crisis of 2006"
        re.compile(
            r"\b(?:in|during|throughout|over|(?:in\s+)?all\s+of|the\s+(?:whole|entirety)\s+of|of)\s+(?P<year>(?:19|20)\d\d)\b"
            r"(?!\s*[-\u2013/]\s*\d|,\d|\.\d|\s+(?:people|persons|migrants|refugees|children|families|individuals|asylum|men|women|[A-Z][a-z]+ns)\b)",
            re.I,
        ),
    ),
]  # fmt: skip

SINCE_BEFORE = re.compile(
    r"\b(?:since|from|starting|beginning)\s+(?:(?:the\s+)?\w+\s+(?:of|on)\s+)?$"
    r"|(?<!day )(?<!days )(?<!week )(?<!weeks )(?<!month )(?<!months )(?<!hours )\b(?:arrived|arriving|came|entered|crossed)\s+after\s+$"
    r"|\bsince\s+[^,;.]{0,90}$",
    re.I,
)
