"""Who speaks: speaker phrases cut down to name and role, and the people and bodies a text names.

Reporters wrap a source in words that are not its name: a dateline (``VLADIKAVKAZ, Russia, Sept
28 (Reuters) - ...``), a scene-setter (``In a statement on Telegram on Saturday, the council``), a
relative clause (``Andrei, 31, ... who gave only his first name``), the occasion (``..., speaking
on condition of anonymity``, ``... in a video on his Telegram channel``), the time (``on
Tuesday``) and the vehicle of the figure (``interior ministry figures up to Sunday``, ``the
ministry's daily statistical dashboard``, ``data shared by humanitarian organisations``).
:func:`tidy_speaker` keeps the source: ``name, role`` for a person, the body for an institution.

:func:`person_mentions` and :func:`body_mentions` list the people and institutions a text names,
with their offsets, so that ``he said``, ``the agency said`` or ``Ms Naseem said`` can be resolved
to the last one of the right kind before them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# a dateline or wire slug in front of the sentence: "VLADIKAVKAZ, Russia, Sept 28 (Reuters) - ",
# "ASTANA -- ", "(ANSA) - ROME - ", "ULAN-UDE, September 29. /TASS/. "
_DATELINES = (
    re.compile(r"^\([A-Z][\w .&-]{1,30}\)\s*[-\u2013\u2014]+\s*"),
    re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s*[^,()\n/]{2,30}){0,2}\s*/[A-Z][\w .-]{1,20}/\.?\s*"),
    re.compile(
        r"^[A-Z][A-Z .'-]{2,}(?:,\s*[^,()\n]{2,30}){0,2}(?:\s*\([^)]{2,40}\))?\s*[-\u2013\u2014]+\s*"
    ),
)
# a scene-setting phrase before the subject: "In a statement on Saturday, the council"
_LEADING = re.compile(
    r"^(?:In|On|At|Inside|Outside|Across|Speaking|Writing|Later|Earlier|Separately|Meanwhile|"
    r"However|But|And|Also|Still|Yet|Late|Early|After|Before|Since|Overnight|Elsewhere|Asked|"
    r"Last|This|Previously|Now|Then|Today|Yesterday|Instead|Overall|Locally|Nationwide|From|"
    + _WEEKDAYS
    + r")\b[^,\"]{0,90},\s+(?=\S)"
)
_RELATIVE = re.compile(r",?\s+(?:who|whom|whose|which|that)\s+\w.*$", re.I)
_OCCASION = re.compile(
    r"(?:,\s+(?:as|while|when|after|before|adding|saying|speaking|citing|according|without|"
    r"in\s+an?|on\s+condition|under\s+condition|requesting|asking|declining|noting|referring|"
    r"told|telling|and)\b"
    r"|\s+(?:speaking|writing)\s+(?:on|by|from|to|at|in|under)\b"
    r"|\s+(?:in|on|during)\s+(?:a|an|its|his|her|their|the)\s+(?:[\w-]+\s+){0,2}(?:statement|post|"
    r"video|interview|briefing|message|report|update|press\s+conference|news\s+conference|"
    r"address|appearance|comments?|remarks|broadcast|call|meeting|session)\b"
    r"|\s+on\s+(?:Telegram|Twitter|X|Facebook|Instagram|social\s+media|state\s+television|"
    r"television|TV|radio|(?:its|his|her|their)\s+(?:website|channel|account))\b"
    r"|\s+by\s+(?:phone|telephone|text\s+message|email)\b"
    r"|\s*\((?:told|quoted|cited)\b[^)]*\)"
    r").*$",
    re.I,
)
_WHEN = re.compile(
    r"\s+(?:(?:on|late|early|earlier|later|last|this|on\s+the\s+same)\s+)*"
    r"(?:" + _WEEKDAYS + r"|yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?\s*$"
    r"|\s+(?:on|in|late|early|earlier|later|last|this)\s+(?:the\s+)?"
    r"(?:week|month|weekend|(?:" + _MONTHS + r")(?:\s+\d{1,2})?)\s*$"
    r"|\s+(?:" + _MONTHS + r")\s+\d{1,2}\s*$"  # not "Prime Minister Theresa May"
)
_AUX = re.compile(
    r"\s+(?:has|have|had|was|were|is|are|will|would|also|later|earlier|again|previously|then|"
    r"further|separately|repeatedly)$"
)
# the vehicle of a figure, not its source: "data shared by humanitarian organisations"
_DATA_BY = re.compile(
    r"^(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:data|figures|statistics|numbers|estimates?|"
    r"records|tally|count|report|assessment|survey|analysis|study|monitoring)\s+"
    r"(?:shared|compiled|published|released|collected|gathered|provided|issued|reviewed|"
    r"produced|cited|conducted)?\s*(?:by|from)\s+(?P<who>.+)$",
    re.I,
)
_DATA_OF = re.compile(
    r"^(?P<who>.+?)(?:'s|\u2019s)?\s+(?:own\s+)?(?:(?:latest|preliminary|official|provisional|"
    r"updated|new|final|first|daily|weekly|monthly|annual|rapid|internal|planning|statistical|"
    r"monitoring|tracking|registration|border|displacement)\s+)*"
    r"(?-i:data(?:\s+portal)?|figures|statistics|numbers|estimates?|tally|count|dashboard|"
    r"database|records|report|update|sitrep|bulletin|assessment|survey|analysis|projections?)"
    r"\b.*$",
    re.I,
)  # lower-case vehicles only: "the Migration Data Portal" is a name
_LEADING_ADJ = re.compile(
    r"^(?:the\s+)?(?:(?:latest|preliminary|official|provisional|updated|new|final)\s+)+", re.I
)
_PRESS_SERVICE = re.compile(
    r"^(?:the\s+|a\s+)?(?:press|media|information)\s+(?:service|office|centre|center|department)"
    r"\s+(?:of|at|for)\s+(?=\S)",
    re.I,
)
_EMPTY = {"the", "a", "an", "its", "their", "his", "her", "our", "official", "officials'", ""}
_VAGUE_HEADS = {"those", "some", "many", "one", "others", "most", "several", "few", "all"}


def tidy_speaker(text: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """The source a speaker phrase names, without dateline, scene, occasion, time or vehicle.

    ``aliases`` (lower-case alias -> usual name, as in ``data/institutions.tsv``) shortens a
    known institution inside a longer phrase: "the border directorate of the FSB security
    service" -> "the border directorate of the FSB".
    """
    if text is None:
        return None
    s = re.sub(r"\s+", " ", text).strip(" ,;:-\u2013\u2014\"'")
    if not s:
        return None
    for pat in _DATELINES:
        s = pat.sub("", s)
    while True:
        m = _LEADING.match(s)
        if not m or len(s) - m.end() < 2:
            break
        s = s[m.end() :]
    s = re.sub(r"^(?:and|but|as|so|while|then|also)\s+", "", s, flags=re.I)
    s = _cut(s, _OCCASION)
    rel = _RELATIVE.search(s)
    if (
        rel
        and s[: rel.start()].split()[-1:]
        and s[: rel.start()].split()[-1].lower() not in _VAGUE_HEADS
    ):
        s = s[: rel.start()]
    for _ in range(3):
        s2 = _AUX.sub("", _WHEN.sub("", s))
        if s2 == s:
            break
        s = s2
    s = _PRESS_SERVICE.sub("", s)
    m = _DATA_BY.match(s)
    if m and m.group("who").strip().lower() not in _EMPTY:
        s = m.group("who")
    else:
        m = _DATA_OF.match(_LEADING_ADJ.sub("", s))
        if m and m.group("who").strip().lower() not in _EMPTY:
            s = m.group("who")
    s = _LEADING_ADJ.sub(lambda x: "the " if x.group(0).lower().startswith("the") else "", s)
    s = re.sub(r"^an?\s+(?=[A-Z][\w.&-]*$)", "", s)  # "a Reuters tally" -> Reuters
    if aliases:
        s = _shorten_aliases(s, aliases)
    s = s.strip(" ,;:-\u2013\u2014\"'")
    return s or None


def scene_of(text: str) -> str:
    """The scene-setting phrases :func:`tidy_speaker` drops from the front of a speaker
    ("On the Georgian side, the interior ministry" -> "On the Georgian side,")."""
    s = re.sub(r"\s+", " ", text).strip(" ,;:-\u2013\u2014\"'")
    for pat in _DATELINES:
        s = pat.sub("", s)
    out = []
    while True:
        m = _LEADING.match(s)
        if not m or len(s) - m.end() < 2:
            break
        out.append(m.group(0))
        s = s[m.end() :]
    return "".join(out).strip()


def _known(part: str, aliases: Mapping[str, str]) -> str | None:
    key = re.sub(r"^(?:the|a)\s+", "", part.strip())
    key = re.sub(r"\b(?:united nations|u\.n\.)(?=\s)", "un", key)
    if key in aliases:
        return aliases[key]
    upper = {v.lower(): v for v in aliases.values()}
    return upper.get(key)


def _cut(s: str, pat: re.Pattern[str]) -> str:
    m = pat.search(s)
    if m and m.start() > 0:
        return s[: m.start()]
    return s


def _shorten_aliases(s: str, aliases: Mapping[str, str]) -> str:
    low = s.lower()
    key = re.sub(r"^(?:the|a)\s+", "", low)
    if key in aliases:
        return s  # the whole phrase is a known name: Lexicon.canonical handles it
    short = re.sub(r"\b(?:united nations|u\.n\.)(?=\s)", "un", key)
    if short in aliases:
        return aliases[short]  # "United Nations Office for the Coordination ..." -> OCHA
    names = {_known(p, aliases) for p in re.split(r",|\(|\)", low) if p.strip()}
    if len(names) == 1 and None not in names:
        return str(names.pop())  # "The UN humanitarian office, OCHA" -> OCHA
    for alias in sorted(aliases, key=len, reverse=True):
        if " " not in alias:
            continue
        i = low.find(alias)
        if i < 0:
            continue
        end = i + len(alias)
        if (i > 0 and low[i - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        # only a body a longer phrase belongs to ("the directorate of the FSB security service",
        # "the UN refugee agency's representative"), not a title in apposition ("Filippo
        # Grandi, the UN high commissioner for refugees")
        owned = re.search(r"\b(?:of|for|in|at|from)\s+(?:the\s+)?$", low[:i]) is not None
        if not owned and not low[end:].startswith(("'s", "’s")):
            continue
        name = aliases[alias]
        if name.isupper() and low[:i] == "the ":
            i -= 4  # "the UN refugee agency's representative" -> "UNHCR's representative"
        s = s[:i] + name + s[end:]
        s = re.sub(r"\b" + re.escape(name) + r"\s*\(" + re.escape(name) + r"\)", name, s)
        low = s.lower()
    return s


_FIRST_PERSON = re.compile(
    r"^(?:we|us|i|our\s+(?:[\w-]+\s+){0,2}[\w-]+)$",
    re.I,
)


def is_first_person(speaker: str) -> bool:
    """ "we", "our teams", "our field staff": the document's author speaking (a release's
    issuer, or the outlet's own voice)."""
    return _FIRST_PERSON.match(speaker.strip()) is not None


_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Col|Maj|Capt|Lt|Sgt|Gov|Sen|Rep|Sir|Dame)\.?"
_SURNAME_ONLY = re.compile(r"^(?:" + _HONORIFIC + r"\s+)?(?P<s>[A-Z][\w'’-]+)$")


def surname_of(speaker: str) -> str | None:
    """The surname when a speaker is named by it alone ("Ms Naseem", "Gomelauri")."""
    m = _SURNAME_ONLY.match(speaker.strip())
    return m.group("s") if m else None


_NAME = (
    r"[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*"
    r"(?:\s+(?:[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*|[A-Z]\.|al|el|bin|de|van|von|Jr\.?)){0,3}"
)
# "Marina, 41, ...", "Andrei, 31, a construction engineer from Samara": people met in the story
_AGED = re.compile(
    r"(?<![\w,] )(?P<p>(?P<name>" + _NAME + r"),\s+(?:aged\s+)?\d{1,2},"
    r"(?:\s+(?:an?|the)\s+[^,.;\"()]{2,70}?(?=,|\.|;|\s+who\b|\s+said\b|\s+says\b))?)"
)
# "Sergei Menyailo, the head of North Ossetia,", "Farah Naseem, RASA's country director,"
_APPOSED = re.compile(
    r"(?P<p>(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}),\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>[^,.;\"()]{0,50}?\b(?:minister|spokes\w+|director|head|chief|governor|mayor|"
    r"official|officer|commander|coordinator|representative|secretary|president|chairman|"
    r"chairwoman|chair|manager|superintendent|supervisor|founder|lawyer|researcher|analyst|"
    r"volunteer|doctor|nurse|commissioner|ambassador|envoy|adviser|advisor|deputy|leader|"
    r"priest|activist|driver|worker)\b[^,.;\"()]{0,60}?)),"
)
_TITLED = re.compile(
    r"(?P<p>(?:[A-Z][\w'’-]*\s+){0,4}(?:President|Minister|Governor|Gov\.|Mayor|Spokes\w+|"
    r"spokes\w+|Commissioner|Ambassador|Secretary|Chief|Director|Commander|Superintendent|"
    r"superintendent|Inspector|Colonel|Col\.|General|Gen\.|Major|Maj\.|Captain|Capt\.)"
    r"(?:\s+[A-Z][\w'’-]*\.?){1,4})"
)


def person_mentions(text: str) -> list[tuple[int, str, bool]]:
    """People the text names, with where they are named: introductions with an age or a role
    (``titled`` False), and titled names in passing ("President Vladimir Putin", ``titled``
    True)."""
    return list(_person_mentions(text))


@lru_cache(maxsize=8)
def _person_mentions(text: str) -> tuple[tuple[int, str, bool], ...]:
    out: list[tuple[int, str, bool]] = []
    for pat in (_AGED, _APPOSED):
        for m in pat.finditer(text):
            out.append((m.start("p"), m.group("p").rstrip(", "), False))
    for m in _TITLED.finditer(text):
        out.append((m.start("p"), m.group("p").strip(), True))
    return tuple(sorted(out))


_BODY_WORDS = (
    r"Ministry|Ministries|Agency|Service|Services|Directorate|Department|Office|Police|Guard|"
    r"Guards|Patrol|Commission|Council|Committee|Authority|Authorities|Administration|Government|"
    r"Forces|Army|Navy|Coastguard|Bureau|Secretariat|Institute|Organi[sz]ation|"
    r"Agency|Cross|Crescent|Programme|Program|Fund|Mission|Centre|Center|Ministry"
)
_BODY = re.compile(
    r"(?P<b>(?:(?:[A-Z][\w'’.&-]*|of|for|the|and|de|on)\s+){0,6}(?:" + _BODY_WORDS + r")\b"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’.&-]*"
    r"(?:\s+(?:and\s+|of\s+(?:the\s+)?)?[A-Z][\w'’.&-]*){0,5})?)"
)
_ACRONYM = re.compile(r"\b(?P<b>[A-Z]{2,6})\b")
# "the Finnish border guard", "Georgia's interior ministry": a national body written in lower case
_BODY_LOWER = re.compile(
    r"(?P<b>\b[A-Z][\w’'-]*(?:'s|’s)?\s+(?:(?:interior|foreign|defen[cs]e|emergencies|emergency|"
    r"migration|border|coast|national|state|federal|regional)\s+)*(?:ministry|border\s+guard|"
    r"border\s+service|border\s+police|police|coast\s+guard|coastguard|migration\s+service|"
    r"migration\s+agency|government|authorities)\b)"
)


def body_mentions(text: str, known: Mapping[str, str] | None = None) -> list[tuple[int, str]]:
    """Institutions the text names ("Panama's National Migration Service", "Border Patrol",
    "the FSB"), with where they are named; ``known`` adds the institutions of the lexicon."""
    out: list[tuple[int, str]] = []
    for m in _BODY.finditer(text):
        name = re.sub(r"^(?:(?:of|for|the|and|on|de)\s+)+", "", m.group("b"))
        if name[:1].isupper():
            out.append((m.start("b") + m.group("b").find(name), name))
    for m in _BODY_LOWER.finditer(text):
        if not any(start <= m.start("b") < start + len(name) for start, name in out):
            out.append((m.start("b"), m.group("b")))
    if known:
        values = set(known.values())
        for m in _ACRONYM.finditer(text):
            if m.group("b") in values:
                out.append((m.start("b"), m.group("b")))
        # "the UN High Commissioner for Refugees": a known name of several words, as its usual name
        for m in _known_names(known).finditer(text):
            out.append((m.start(), known[m.group().lower()]))
    return sorted(out)


_KNOWN_NAMES: dict[int, tuple[Mapping[str, str], re.Pattern[str]]] = {}


def _known_names(known: Mapping[str, str]) -> re.Pattern[str]:
    """One pattern for the known names of more than one word (compiled once per mapping)."""
    cached = _KNOWN_NAMES.get(id(known))
    if cached is None or cached[0] is not known:
        names = sorted((k for k in known if " " in k), key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", re.I)
        cached = _KNOWN_NAMES[id(known)] = (known, pattern)
    return cached[1]
