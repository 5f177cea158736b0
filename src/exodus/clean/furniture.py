"""Page furniture around an article in scraped text: bylines, datelines, menus, contact blocks.

Each ``is_*`` test looks at one line.  The tests are shapes, not strings: a byline is "By" and a
few capitalised names; a dateline is a date, a time, a time zone and words such as "Published" or
"Updated" with nothing else left; a menu is a row of short items between ``|`` or ``·``; a
breadcrumb starts at "Home" and steps down with ``>`` or ``/``.

``dateline_date`` reads the date of a dateline, so that a scraped text's own "Published ..." line
can stand in for the metadata a web page would have.
"""

from __future__ import annotations

import re
from datetime import date

HEADER_LINES = 8  # datelines are looked for in the first and last lines only
FOOTER_LINES = 6
DATELINE_MAX_CHARS = 140

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?P<mdy>(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>(?:19|20)\d\d))"
    rf"|(?P<dmy>(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d\d))"
    r"|(?P<iso>(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d))\b"
    r"|(?P<num>(?P<a4>[0-3]?\d)(?P<sep>[./-])(?P<b4>[0-3]?\d)(?P=sep)(?P<y4>(?:19|20)\d\d))\b",
    re.I,
)
_TIME = re.compile(
    r"\b[0-2]?\d[:.][0-5]\d(?:[:.][0-5]\d)?(?:\s*[ap]\.?\s?m\.?|\s*[AP]M)?"
    r"|\b[01]?\d\s*(?:[ap]\.m\.|[AP]M)\b",
    re.I,
)
_ZONE = re.compile(
    r"\(?\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|MSK|EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT|IST|"
    r"AEST|AEDT|JST|KST|HKT|SGT|WIB|ICT)(?:\s?[+-]\s?\d{1,2}(?::?\d\d)?)?\b\)?"
)
_RELATIVE = re.compile(
    r"(?:\b\d+\s*|\b(?:about |over |nearly )?(?:an?|one)\s+)"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|years?)\s+ago\b"
    r"|\bjust now\b",
    re.I,
)
_WEEKDAY = re.compile(
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?",
    re.I,
)
_DATE_WORDS = re.compile(
    r"\b(?:(?:first |originally |last )?(?:published|updated|modified|posted|issued|filed)"
    r"|press release|news release|briefing notes?|date|as of|on|at)\b",
    re.I,
)
_NOT_PUBLISHED = re.compile(r"^\W*(?:last )?(?:updated|modified|as of)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|first published|issued)\b", re.I)
_SEPARATORS = re.compile(r"[|/·•,:;()\[\]\-–—]+")

_BYLINE_WORDS = frozenset(
    [
        "and",
        "in",
        "of",
        "the",
        "for",
        "de",
        "da",
        "van",
        "von",
        "der",
        "al",
        "el",
        "bin",
        "staff",
        "correspondent",
        "correspondents",
        "reporter",
        "reporters",
        "writer",
        "editor",
        "editors",
        "desk",
        "service",
        "min",
        "mins",
        "minute",
        "minutes",
        "read",
        "with",
    ]
)
_SENTENCE_END = re.compile(r"""[.!?]["”’']?\s*$""")
_NAV_SPLIT = re.compile(r"\s+[|•·]\s+|\s+\|\s*|\s*\|\s+")
_CRUMB_SPLIT = re.compile(r"\s*[>›»]\s*|\s+/\s+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\btel\.?|\bphone\b|\+\d{1,3})\s*[:.]?\s*\+?\d[\d ()-]{6,}\d", re.I)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_CONTACT_HEAD = re.compile(
    r"^\s*(?:For (?:more|further) information(?: (?:on|about) (?:this|the) (?:topic|story|issue))?"
    r",?(?: please)?(?: contact| see| visit| call)?|Further information|More information"
    r"|(?:Media|Press) (?:contacts?|enquiries|inquiries)|Contacts?)\s*:?\s*$",
    re.I,
)
_PLEASE_CONTACT = re.compile(r"\bplease (?:call|contact|phone|e-?mail|write to|visit)\b", re.I)
_DESK_CODE = re.compile(r"^\s*[a-z]{2,5}(?:-[a-z]{1,5})*(?:/[a-z]{1,5})+\s*$")
_KEY_EVENTS = re.compile(r"^\s*Key (?:events|moments|updates)\s*$", re.I)
_TIMESTAMP_ITEM = re.compile(r"^\s*[0-2]?\d[:.][0-5]\d\b")
_AGO_ITEM = re.compile(
    r"^\s*(?:From\s+)?(?:\d{1,2}\s*(?:h|hr|hrs|m|min|mins|d)|(?:\d{1,2}|an?|one)\s+"
    r"(?:hours?|minutes?|days?))\s+ago\s*$",
    re.I,
)


def is_dateline(line: str) -> bool:
    """A line holding a date or time and nothing else but words like "Published" or "Updated"."""
    s = line.strip()
    if not s or len(s) > DATELINE_MAX_CHARS:
        return False
    has_date = bool(_DATE.search(s))
    has_time = bool(_TIME.search(s) or _RELATIVE.search(s))
    rest = s
    for pattern in (_DATE, _RELATIVE, _TIME, _ZONE, _WEEKDAY, _DATE_WORDS):
        rest = pattern.sub(" ", rest)
    left = _SEPARATORS.sub(" ", rest).replace(".", " ").split()
    left = [w for w in left if w.lower() not in ("and", "about")]
    if left and has_date and len(left) <= 3 and all(w.isupper() for w in left):
        return True  # "Updated - October 22, 2023 11:58 pm IST - NEW DELHI": a place in capitals
    if not left:
        # "Updated 4 hours ago" is a dateline, a bare "16.05 BST" (a live-blog entry) is not
        return has_date or (has_time and bool(_DATE_WORDS.search(s)))
    # "Briefing notes | 2 June 2023", "KYIV, 2 June 2023": a full date and a short label
    return has_date and len(left) <= 3 and len(s.split()) <= 9 and not _SENTENCE_END.search(s)


def dateline_date(line: str) -> date | None:
    """The publication date a dateline gives, or None (for "Updated ..." and "As of ...")."""
    if _NOT_PUBLISHED.search(line):
        return None
    m = _DATE.search(line)
    return _to_date(m) if m else None


def says_published(line: str) -> bool:
    return bool(_PUBLISHED.search(line))


def _to_date(m: re.Match[str]) -> date | None:
    try:
        if m.group("mdy") or m.group("dmy"):
            month = m.group("m1") or m.group("m2")
            day = m.group("d1") or m.group("d2")
            year = m.group("y1") or m.group("y2")
            return date(int(year), _MONTHS[month[:3].lower()], int(re.sub(r"\D", "", day)))
        if m.group("iso"):
            return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        a, b, year = int(m.group("a4")), int(m.group("b4")), int(m.group("y4"))
        if m.group("sep") == "." or a > 12:
            return date(year, b, a)  # 26.9.2022, 29/09/2022: day first
        if b > 12:
            return date(year, a, b)  # 09/29/2022: month first
        return None  # 03/04/2022 could be either
    except (ValueError, KeyError):
        return None


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By THE ASSOCIATED PRESS", "By Jane Doe and John Roe · News · 4 min read"."""
    s = line.strip()
    if not s.lower().startswith("by ") or (_SENTENCE_END.search(s) and not s.endswith("Jr.")):
        return False
    tokens = [t for t in re.split(r"[\s,|·•/]+", s[3:]) if t]
    if not tokens or len(tokens) > 14:
        return False
    named = sum(
        1
        for t in tokens
        if t[0].isupper() or t[0].isdigit() or t.lower().strip("'’s") in _BYLINE_WORDS
    )
    return tokens[0][0].isupper() and named >= 0.8 * len(tokens)


def is_credit_paren(line: str) -> bool:
    """ "(Reporting by ...; Editing by ...)" at the end of wire copy."""
    s = line.strip()
    return (
        s.startswith("(")
        and s.endswith(")")
        and bool(
            re.search(r"\b(?:reporting|writing|editing|edited|written|compiled) by\b", s, re.I)
        )
    )


def is_navigation(line: str) -> bool:
    """Menus, footers and breadcrumbs: "Cookies | Privacy | Terms", "Home > News > Briefings"."""
    s = line.strip()
    if not s or _SENTENCE_END.search(s):
        return False
    crumbs = [c for c in _CRUMB_SPLIT.split(s) if c]
    if (
        len(crumbs) >= 2
        and crumbs[0].lower() == "home"
        and all(len(c.split()) <= 4 for c in crumbs)
    ):
        return True
    items = [c for c in _NAV_SPLIT.split(s) if c]
    if len(items) < 2 or len(s.split()) > 30:
        return False
    if sum(c.isdigit() for c in s) > 0.2 * len(s):
        return False  # a row of a table
    sizes = [len(c.split()) for c in items]
    if len(items) == 2:
        return max(sizes) <= 4
    return max(sizes[1:]) <= 4 and sizes[0] <= 8


def is_section_label(line: str) -> bool:
    """A short ALL-CAPS label such as "WORLD" or "NATIONAL NEWS" (used on a text's first line)."""
    s = line.strip()
    return bool(s) and len(s.split()) <= 3 and s.isupper() and not any(c.isdigit() for c in s)


def is_contact(line: str) -> bool:
    """ "For more information, please contact:" and the name, e-mail and phone lines after it."""
    s = line.strip()
    if not s or len(s.split()) > 25 or any(q in s for q in '"“”'):
        return False
    if _CONTACT_HEAD.match(s):
        return True
    if _PLEASE_CONTACT.search(s) and len(s.split()) <= 20:
        return True
    if _SENTENCE_END.search(s):
        return False
    return bool(_EMAIL.search(s) or _PHONE.search(s) or _URL.search(s))


def is_desk_code(line: str) -> bool:
    """Wire desk initials at the foot of a story: "bur-sf/jh"."""
    return bool(_DESK_CODE.match(line))


def key_events_block(lines: list[str]) -> int:
    """How many lines a "Key events" list takes, counting the heading (0: not such a list).

    Its items are lines that start with a time ("15.48 BST Mongolia: ...") or a time ago on its
    own line and the item's headline on the next ("2h ago" / "Georgia says ...")."""
    if not lines or not _KEY_EVENTS.match(lines[0]):
        return 0
    n = 1
    while n < len(lines):
        if _TIMESTAMP_ITEM.match(lines[n]):
            n += 1
        elif _AGO_ITEM.match(lines[n]) and n + 1 < len(lines) and lines[n + 1].strip():
            n += 2
        else:
            break
    return n
