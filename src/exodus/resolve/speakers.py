"""What a short speaker refers to: "he", "they", "the agency", "the minister", "Ms Naseem".

Wires name a source in full once and then shorten it.  A pronoun or a definite description is
the last source of the right kind named before it: a person for "he" and "she" (someone who
spoke or was introduced, see :func:`exodus.extract.quotes.last_person`), an institution with the
same head word for "the ministry" or "the directorate" (of a longer name, the part that word
heads: "the Interior Ministry's Migration Service" gives "the Interior Ministry"), any
institution for "the agency".  A role with no name ("the Central Asian nation's interior
minister") is the person the document names in that role, before or after.  A surname alone is
the person named in full before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from exodus.extract.quotes import Quote, is_person, last_person
from exodus.extract.speakers import body_mentions, person_mentions, surname_of

PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"it", "they", "them", "many", "some", "several", "most", "others"}
BODY_HEADS = {
    "ministry", "agency", "directorate", "service", "police", "government", "office", "guard",
    "guards", "authorities", "authority", "council", "committee", "department", "administration",
    "patrol", "commission", "force", "forces", "army", "military", "bureau", "coastguard",
    "organisation", "organization", "body", "group", "charity", "mission", "secretariat",
}  # fmt: skip
_GENERIC_BODIES = {"agency", "body", "organisation", "organization", "group", "charity"}
ROLE_HEADS = {
    "minister", "spokesman", "spokeswoman", "spokesperson", "official", "governor", "mayor",
    "head", "chief", "director", "commander", "president", "premier", "ambassador", "envoy",
    "commissioner", "secretary", "coordinator", "representative", "officer", "superintendent",
}  # fmt: skip
_LOOKBACK = 3000
# the vehicle of an earlier source's figures: "The dashboard also recorded ..."
_VEHICLE = re.compile(
    r"^the\s+(?:same\s+)?(?:data|figures|statistics|numbers|dashboard|database|report|survey|"
    r"tally|count|assessment|update|estimates?)$"
)


def resolve_reference(
    speaker: str,
    at: int,
    text: str,
    known: list[tuple[int, str]],
    quotes: list[Quote],
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """The fuller name ``speaker`` (met at offset ``at`` of ``text``) stands for, or None when it
    stands for itself or nothing fits.  ``known`` holds the speakers met so far, with offsets."""
    low = speaker.lower().strip()
    spoken = [
        (p.speaker_start, p.speaker)
        for p in quotes
        if p.speaker and not p.pronoun and p.speaker_start is not None
    ]
    earlier = sorted([(pos, s) for pos, s in known + spoken if pos < at])
    if low in PERSON_PRONOUNS:
        return last_person(text, at, earlier, quotes)
    if low in GROUP_PRONOUNS or _VEHICLE.match(low):
        # "It added ...", "They said ...": the last source named, when it is a body or a group
        if earlier and not is_person(earlier[-1][1]):
            return earlier[-1][1]
        return None
    surname = surname_of(speaker)
    if surname is not None:
        return _by_surname(surname, speaker, text, earlier)
    words = re.findall(r"[\w'’-]+", low)
    if not words or words[0] not in ("the", "this", "that"):
        return None
    head = words[-1]
    if words[-2:] in (["press", "service"], ["press", "office"]):
        return _body(
            "body", at, text, earlier, aliases, quotes
        )  # the press service of the body named
    if len(words) == 2 and head in BODY_HEADS:
        return _body(head, at, text, earlier, aliases, quotes)
    if head in ROLE_HEADS and "," not in speaker:
        return _role(words, at, text, earlier)
    return None


def _has_name(s: str) -> bool:
    """A personal or institutional name in it: a capitalised word past the first."""
    return any(w[:1].isupper() for w in s.split()[1:])


def _by_surname(
    surname: str, speaker: str, text: str, earlier: list[tuple[int, str]]
) -> str | None:
    pool = earlier + [(pos, name) for pos, name, _ in person_mentions(text)]
    for _, name in sorted(pool, reverse=True):
        parts = [re.sub(r"\s+(?:Jr|Sr)\.?$", "", p.strip()) for p in name.split(",")]
        named = any(p.split()[-1:] == [surname] for p in parts)
        if name != speaker and named and len(name) > len(speaker):
            return name
    return None


def _body(
    head: str,
    at: int,
    text: str,
    earlier: list[tuple[int, str]],
    aliases: Mapping[str, str] | None,
    quotes: list[Quote],
) -> str | None:
    base = max(0, at - _LOOKBACK)
    mentions = [
        (pos + base, s)
        for pos, s in body_mentions(text[base:at], aliases)
        if not any(q.contains(pos + base) for q in quotes)  # what a speaker talks about
    ]
    pool = mentions + [(pos, s) for pos, s in earlier if not is_person(s)]
    for _, name in sorted(pool, reverse=True):
        if re.fullmatch(r"(?:the\s+)?\w+", name.strip(), re.I) and not name.isupper():
            continue  # an unresolved "the ministry" stands for nothing more ("UNHCR" does)
        if head in _GENERIC_BODIES:
            return name
        part = _headed_by(name, head)
        if part is not None:
            return part
    return None


def _headed_by(name: str, head: str) -> str | None:
    """The part of ``name`` that ``head`` heads: the whole name when its head is ``head``
    ("the regional border directorate of the FSB"), else the possessor or modifier that holds
    it ("the Interior Ministry's Migration Service" -> "the Interior Ministry")."""
    words = name.split()
    heads = {head, head + "s", head.rstrip("s")}
    hits = [
        i for i, w in enumerate(words) if re.sub(r"(?:'s|’s)$", "", w).strip(",.").lower() in heads
    ]
    if not hits:
        return None
    hit = hits[-1]
    rest = words[hit + 1 :]
    modifier = words[hit].endswith(("'s", "’s")) or (rest and rest[0][:1].isupper())
    if not rest or not modifier:
        return name
    return re.sub(r"(?:'s|’s)$", "", " ".join(words[: hit + 1]))


def _role(words: list[str], at: int, text: str, earlier: list[tuple[int, str]]) -> str | None:
    """A role with no name: the person named in that role, the last before it or, failing
    that, the first after it ("the interior minister said ... Interior Minister X told")."""
    key = " ".join(w for w in words[-2:] if w not in ("the", "this", "that") and "'" not in w)
    key = key if len(key.split()) == 2 or words[-2:-1] == ["the"] else words[-1]
    people = earlier + [(pos, name) for pos, name, _ in person_mentions(text)]

    def fits(name: str) -> bool:
        return _has_name(name) and re.search(r"\b" + re.escape(key) + r"\b", name, re.I) is not None

    before = [(pos, n) for pos, n in people if pos < at and fits(n)]
    if before:
        return max(before)[1]
    if len(key.split()) < 2:
        return None  # forward only on a specific role ("interior minister"), never on "minister"
    after = [(pos, n) for pos, n in people if pos > at and fits(n)]
    return min(after)[1] if after else None


_SLUG = re.compile(
    r"\((?P<o>[A-Z][\w .&-]{1,30}?)\)\s*[-\u2013\u2014]|/(?P<s>[A-Z][\w .&-]{1,30}?)/\.?\s"
    r"|\bBy\s+(?P<b>[A-Z][\w .&-]{1,30}?)\s+Staff\b"
)


def own_outlet(header: str, outlets: tuple[str, ...]) -> str | None:
    """The outlet whose copy the document is, from its dateline slug ("(Reuters) -", "/TASS/",
    "(AP) -") or its byline ("By Reuters Staff"): a figure it gives in its own voice ("according
    to a Reuters tally") has no speaker."""
    known = {o.lower(): o for o in outlets}
    for m in _SLUG.finditer(header[:800]):
        name = (m.group("o") or m.group("s") or m.group("b") or "").strip()
        if name.lower() in known:
            return known[name.lower()]
    return None
