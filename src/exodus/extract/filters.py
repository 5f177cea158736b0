"""Text-level tests on the words around a number: rates, queues, modality, and the numbers
that are not facts (ages, unit conversions, denied figures, sizes of places, refusals)."""

from __future__ import annotations

import re

from exodus.resolve.numbers import NumberMention

_RATE = [
    (
        "per_day",
        re.compile(
            r"\b(?:daily|(?:a|per|each|every) day|a-day|/day|day-to-day|a single day)\b", re.I
        ),
    ),
    ("per_week", re.compile(r"\b(?:weekly|(?:a|per|each|every) week)\b", re.I)),
    ("per_month", re.compile(r"\b(?:monthly|(?:a|per|each|every) month)\b", re.I)),
]
# "the ministry's daily dashboard", "a daily briefing": the publication, not the figure
_DAILY_PUBLICATION = re.compile(
    r"^\s+(?:(?:statistical|official|online|press|news|situation|operational|humanitarian)\s+)?"
    r"(?:dashboard|briefings?|bulletins?|reports?|updates?|statistics|data|newsletter|press|sitreps?|releases?|statements?|digests?|summar(?:y|ies)|counts?\s+(?:show|published)|"
    r"situation|figures\s+(?:show|published|released)|tallies\s+(?:show|published))\b",
    re.I,
)
_COMPARISON_BEFORE = re.compile(
    r"\b(?:highest|largest|biggest|busiest|most|record|greatest|heaviest|lowest)\b[^,;.]{0,40}?\b(?:for|in|on|of)\s+$",
    re.I,
)
# "a week earlier", "less than a week", "for a week": not rates
_NOT_RATE_BEFORE = re.compile(
    r"\b(?:than|for|in|within|over|about|nearly|almost|just|only|under|least|of|after|before|past|last|the|highest|busiest|record|single)\s+$",
    re.I,
)
_NOT_RATE_AFTER = re.compile(
    r"^\s*(?:earlier|ago|(?:before|after)(?!\s+[A-Za-z])|later|of|or|high|record|total|figure|peak)\b",
    re.I,
)
QUEUE = re.compile(
    r"\b(?:queue|queues|queued|queuing|queueing|line|lines|tailback|jam|jams|backed up|stretch\w*|waiting|wait|waited|stuck)\b",
    re.I,
)
LINE_WORDS = re.compile(r"\b(?:queue\w*|in line|lines?|tailbacks?|lined up|backed up)\b", re.I)
# people waiting or gathered at the border itself are a queue, not people staying in a town
AT_THE_BORDER = re.compile(
    r"\b(?:wait\w*|gathered|massed|crowded|stood|standing|stuck|stranded)\b[^.;]{0,50}?"
    r"\b(?:at|along|outside|on|before|in front of|near)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:border|crossing|checkpoint|check-point|gates?|fence|border post|frontier|approach(?:es)?)\b",
    re.I,
)
WAITED = re.compile(
    r"\b(?:wait|waits|waited|waiting|queue\w*|in line|(?:in|at) the (?:line|queue|border|crossing|checkpoint|frontier)|stuck|stood|standing|stranded|sleeping|slept|"
    r"been (?:here|there|stuck|waiting)|spent\b[^.]{0,40}\b(?:border|queue|line|checkpoint|crossing))\b"
    r"|\btook\b[^.]{0,30}\bto (?:cross|get (?:through|across)|reach the (?:border|checkpoint))",
    re.I,
)
# a number with its noun left out: "15,000 a day", "some 52,000 from Libya"
ELLIPSIS_AFTER = re.compile(
    r"^\s*(?:a day|a week|a month|per day|daily|each day|every day|from [A-Z]|into [A-Z]|to [A-Z]|of them\b|of those\b|of whom\b)",
    re.I,
)
FORECAST = re.compile(
    r"\b(?:(?-i:may)|might|could|would|will|expected to|expects?|forecasts?|projected|projects?|predicts?|anticipates?|likely to|brac\w+ for|plan(?:s|ned|ning)? for|prepar(?:e|es|ed|ing) for|hop(?:e|es|ed|ing) to|ready to (?:receive|take in|host|accept|welcome))\b",
    re.I,
)
ORDER = re.compile(
    r"\b(?:ordered|orders?|told|urged|instructed|forced)\b(?!\s+by\b)(?:[^.]|\.\d){0,60}?\b(?:to\s+(?:evacuate|leave|flee|move|relocate|go)|out\s+of)\b"
    r"|\b(?:must|should|have\s+to|has\s+to)\s+(?:leave|evacuate|relocate|depart|get\s+out|be\s+evacuated)\b"
    r"|\b(?:mandatory|compulsory)\s+evacuations?\b|\bevacuation\s+(?:orders?|warnings?|notices?)\b"
    r"|\bunder\s+(?:an?\s+)?(?:mandatory\s+)?evacuation\b"
    r"|\b(?:ordered|orders?|declared|issued)\s+(?:the\s+|an?\s+)?(?:full\s+|partial\s+|immediate\s+)?(?:mandatory\s+)?evacuation\s+of\b",
    re.I,
)
_EARLIER_EVENT = re.compile(
    r"\b(?:since|after|before|when|until|ever\s+since)\s+(?:[\w'’-]+\s+){0,4}$", re.I
)


def is_order(clause: str) -> bool:
    """An instruction to move governs the figure ("ordered 300,000 residents to evacuate", "must
    leave by Nov. 1"); an order named only as a past event does not ("the largest movement since
    Israel told civilians to leave")."""
    return any(
        not _EARLIER_EVENT.search(clause[max(0, m.start() - 60) : m.start()])
        for m in ORDER.finditer(clause)
    )


NEGATED = re.compile(
    r"\b(?:not|never|no|nor|denied|denies|dismissed|rejected|refuted)\s+(?:\w+\s+){0,2}$", re.I
)
REFUSED = re.compile(
    r"\b(?:refused|denied|barred from|prevented from|stopped from)\b(?:\s+\w+){0,2}\s+(?:entry|entering|admission|access|crossing|leaving)\b"
    r"|\bturn(?:s|ed|ing)? (?:back|away)\b|\b(?:refused|denied) entry\b"
    r"|\b(?:stopped|prevented|barred|blocked|banned|kept)\b[^.;]{0,80}\bfrom (?:leaving|entering|crossing|fleeing|exiting|travell?ing)\b",
    re.I,
)
_STOCK = {"host", "shelter", "house", "live", "stay", "remain", "reside"}


_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'-]+,\s*|\baged\s+|\bages?\s+(?:of\s+)?)$")
_AGE_AFTER = re.compile(r"^(?:,|\s*-?\s*years?[- ]old\b|\s*-year\b|\s+years?\s+of\s+age\b|\s*\))")
_CONVERSION = re.compile(r"\(\s*(?:about\s+|some\s+|around\s+)?$")
_DENIAL = re.compile(
    r"\b(?:dismiss\w*|den(?:y|ied|ies)|reject\w*|refut\w*|disput\w*)\b[^.]{0,40}\b(?:reports?|claims?|suggestions?|rumou?rs?|figures?|estimates?)\b",
    re.I,
)
_FALSE_CLAIM = re.compile(
    r"\b(?:claims?|reports?|rumou?rs?|information|posts?|messages?|videos?|figures?)\b[^.]{0,160}\b(?:(?:are|is|were|was|does|do|did) (?:not (?:accurate|true|correct|reflect|correspond)|false|untrue|wrong|exaggerated|inaccurate|fake|(?:\w+\s+)?misleading|propaganda|lies|fabricat\w+|(?:a\s+)?provocation))\b",
    re.I,
)
_CAPACITY = re.compile(
    r"\b(?:designed|built|equipped|intended|meant|planned|enough|room|space|capacity|able)\s+(?:for|to\s+(?:handle|process|accommodate|take|hold|house|shelter))\s+(?:up\s+to\s+|about\s+|some\s+|around\s+|as\s+many\s+as\s+)?$"
    r"|\b(?:can|could)\s+(?:handle|process|accommodate|take|hold|house|shelter)\s+(?:up\s+to\s+|about\s+|around\s+|some\s+)?$"
    r"|\bcapacity\s+of\s+(?:up\s+to\s+|about\s+|some\s+)?$",
    re.I,
)
_DISTANCE_AFTER = re.compile(
    r"^\s*-?\s*(?:km|kilomet\w+|miles?)\s+(?:\(\s*[\d.,]+\s*\w+\s*\)\s+)?(?:from|away|north|south|east|west|northeast|northwest|southeast|southwest)\b"
    r"|^-(?:km|kilomet\w+|mile)s?\b(?!\s+(?:queue|line|tailback|jam|backlog)\b)",
    re.I,
)
_CLAIMED_FALSE = re.compile(
    r"\b(?:false|untrue|not true|a lie|fake|fabricated)\b[^.]{0,20}\bthat\b[^.]*$|\b(?:inflated|exaggerated|fabricated)\s+(?:numbers?|figures?|claims?)\b",
    re.I,
)
_FAMILY_SIZE = re.compile(
    r"\b(?:fathers?|mothers?|parents?|famil(?:y|ies)|households?|women|men|couples?)\s+(?:of|with)\s+(?:\w+\s+)?$"
    r"|\b(?:his|her|their|my|our)\s+(?:wife|husband|spouse|partner|mother|father|parents|sister|brother)\s+and\s+(?:their\s+|his\s+|her\s+)?$",
    re.I,
)
_SIZE_OF = re.compile(
    r"\bhome\s+to\s+(?:some\s+|about\s+|around\s+|more than\s+|nearly\s+|roughly\s+)?$|\b(?:country|nation|city|town|village|island|region|province|state|population|home|camp built|community)\s+of\s+(?:some\s+|about\s+|around\s+|fewer than\s+|more than\s+|nearly\s+|roughly\s+|just\s+)?$",
    re.I,
)


# casualties: "10,100 people reported missing", "the number of dead at more than 5,300"
# "the territory's 46,000 residents", "of its 2.3 million people": who lives there
_RESIDENTS_BEFORE = re.compile(
    r"(?:\b(?:which|that|it)\s+(?:has|had|is\s+home\s+to)|\bpopulation\s+of|\b(?:territory|country|city|region|town|island|strip|enclave|province|state|district|nation|area|village|municipality|community|county|capital)(?:'s|’s)|\bof\s+(?:its|their|the\s+(?:city|town|region|country|territory|island|strip)'s))\s+"
    r"(?:estimated\s+|roughly\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+|pre-war\s+|prewar\s+)?$",
    re.I,
)
_RESIDENTS_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:people|residents|inhabitants|population|citizens|souls)\b", re.I
)
_CASUALTY_AFTER = re.compile(
    r"^\s*(?:(?!of\b)[\w-]+\s+){0,2}?(?:(?:were|are|was|is|have been|had been|remain|reported|feared|believed)\s+)*"
    r"(?:missing|dead|killed|died|injured|wounded|drowned|unaccounted for)\b",
    re.I,
)
_CASUALTY_BEFORE = re.compile(
    r"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|missing|victims|bodies)|dead|deaths|fatalities|casualties|bodies)"
    r"\s+(?:(?:had|has|have)\s+)?(?:(?:risen|rose|climbed|jumped|reached|stood|stands|was|is)\s+)?(?:to|at)\s+"
    r"(?:(?:more than|over|about|around|some|at least|nearly|almost)\s+)?$",
    re.I,
)


# "planned for up to 4 million refugees leaving Ukraine": a planning figure, not a capacity
_PLANNED_MOVE = re.compile(
    r"^\s*(?:more\s+|new\s+|additional\s+)?(?:[\w-]+\s+){0,2}?(?:leaving|fleeing|arriving|crossing|returning|arrivals|departures|returns)\b",
    re.I,
)


_OWN_CHILDREN_BEFORE = re.compile(
    r"\b(?:has|have|had|having|with|raising|father of|mother of)\s+(?:(?:his|her|their|my|our)\s+)?$",
    re.I,
)
_CHILDREN_AFTER = re.compile(
    r"^\s*(?:young\s+|small\s+)?(?:children|kids|sons|daughters|grandchildren)\b", re.I
)


_WHOLE_OF_PART = re.compile(
    r"\d[\d,.]*[kKmM]?\s+of\s+(?:its|their|the|his|her|our|these|those)\s+$", re.I
)


_CONDITION_BEFORE = re.compile(
    r"\b(?:if|unless|whenever|once)\s+(?:(?:an\s+average\s+of|a\s+daily\s+average\s+of|a\s+total\s+of)\s+)?$",
    re.I,
)


def not_a_figure(text: str, rel_s: int, rel_e: int) -> str | None:
    """Reasons read off the words around a number: ages, unit conversions, denied figures."""
    before, after = text[max(0, rel_s - 40) : rel_s], text[rel_e : rel_e + 20]
    if _CASUALTY_AFTER.match(text[rel_e : rel_e + 60]) or _CASUALTY_BEFORE.search(
        text[max(0, rel_s - 60) : rel_s]
    ):
        return "casualties"
    if _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return "an age"
    if re.match(r"^\s*-?\s*years?[- ]old\b", after) or re.search(r"\baged\s+$", before):
        return "an age"
    if _CONVERSION.search(before) and re.search(
        r"\d[\w,.-]*\s*(?:km|kilomet\w+|miles?|-mile|-kilomet\w+)?\s*$",
        text[: max(0, rel_s - 1)].rstrip(" ("),
    ):
        return "a unit conversion"
    if _DENIAL.search(text[:rel_s]) or _FALSE_CLAIM.search(text):
        return "a denied figure"
    if _SIZE_OF.search(before):
        return "the size of a place"
    if _WHOLE_OF_PART.search(before):
        return "the whole a part is taken from"  # "147k of its 200k have left again"
    if _CONDITION_BEFORE.search(before):
        return "a condition"  # "or if 8,500 migrants are encountered on any single day"
    if _RESIDENTS_BEFORE.search(text[max(0, rel_s - 60) : rel_s]) and _RESIDENTS_AFTER.match(
        text[rel_e : rel_e + 40]
    ):
        return "a resident population"
    if _CAPACITY.search(before) and not _PLANNED_MOVE.match(text[rel_e : rel_e + 60]):
        return "a capacity"
    if _DISTANCE_AFTER.match(text[rel_e:]) and not QUEUE.search(before):
        return "a distance"
    if _CLAIMED_FALSE.search(text[:rel_s]) or _CLAIMED_FALSE.search(text):
        return "a figure called false"
    if _FAMILY_SIZE.search(before) or (
        _OWN_CHILDREN_BEFORE.search(before) and _CHILDREN_AFTER.match(text[rel_e : rel_e + 25])
    ):
        return "the size of a family"  # "who is 40 and has four children"
    return None


def rate_in(clause: str) -> str | None:
    for name, pat in _RATE:
        for m in pat.finditer(clause):
            word = m.group(0).lower()
            if word in ("daily", "weekly", "monthly") and _DAILY_PUBLICATION.match(
                clause[m.end() :]
            ):
                continue
            if word == "a single day" and _COMPARISON_BEFORE.search(clause[: m.start()]):
                continue  # "the highest figure for a single day": a record compared against
            if word.startswith("a ") or word == "a single day":
                if _NOT_RATE_BEFORE.search(clause[: m.start()]) and word != "a single day":
                    continue
                if _NOT_RATE_AFTER.match(clause[m.end() :]):
                    continue
            return name
    return None


# a number given as an earlier value of the figure before it: "up from about 15,000 on Tuesday",
# "down from a peak of 7,000", "compared with 3,133 a week earlier", "against around 3,000"
# a correction: "revised the figure to 53,000", "has been revised down to 352,000"
REVISED = re.compile(
    r"\b(?:revised|corrected|amended|adjusted|updated)\s+(?:(?:the|its|that|this|their)\s+(?:\w+\s+)?"
    r"(?:figure|number|total|count|estimate|tally)\s+)?(?:down(?:ward)?\s+|up(?:ward)?\s+)?to\s+"
    r"(?:about|around|some|roughly|nearly|almost|more than|over)?\s*$",
    re.I,
)
COMPARED = re.compile(
    r"\b(?:(?:up|down)\s+from|(?:rose|risen|rising|increased|jumped|climbed|grew|fell|fallen|dropped|declined|decreased)\s+from|compared\s+(?:with|to)|against|versus|vs\.?|than)"
    r"\s+(?:(?:a|the|its|their)\s+(?:official\s+|earlier\s+|previous\s+)?(?:peak|high|low|record|total|figure|number|estimate|count|tally)\s+of\s+)?(?:just\s+)?(?:about|around|some|roughly|nearly|almost|more than|over|fewer than|less than|only)?\s*$",
    re.I,
)


# people gathered for a cause, not to cross: protests, rallies, vigils, matches
GATHERING = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|vigils?|march(?:ed|es)?|fans|supporters|activists|"
    r"journalists|reporters|police|soldiers|troops|officers|guards|workers|volunteers|ceremony|match|game)\b",
    re.I,
)
# words that make a figure a running total whatever the figure before it was
TOTAL_WORDS = re.compile(
    r"\b(?:since|a total of|in total|total|so far|altogether|in all|overall|cumulative|to date)\b",
    re.I,
)
HOMELESS = re.compile(
    r"\b(?:left|made|rendered|become|becoming)\s+homeless\b|\blost their homes\b", re.I
)
# people counted where they are: "the Rohingya population in Cox's Bazar", "the number of
# Rohingya in the district"
LIVING_IN = re.compile(
    r"\b(?:population|(?:total\s+)?number\s+of\s+(?:[\w-]+\s+){1,3}?)\s*(?:in|inside|living in|staying in)\s+[^,;]{2,60}?"
    r"\b(?:is|was|are|were|stood|stands|has been|had been|totals?|totalled|reached)\b[^,;]{0,30}$",
    re.I,
)
# what people stuck in a queue do while they wait
IDLE = {"sit", "stand", "sleep", "spend", "stay", "camp", "huddle", "shiver"}
PART_OF = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them|of which)\s+(?:some\s+|about\s+|at least\s+)?$",
    re.I,
)


def own_stretch(
    text: str, cs: int, ce: int, mentions: list[NumberMention], mi: int
) -> tuple[int, int]:
    """The part of a clause (``cs``..``ce``) that belongs to number ``mi`` rather than to its
    neighbours: up to the punctuation between them, else half-way ("12,000 people a day were
    crossing, the ministry said, bringing the total to 480,000": "a day" is the 12,000's)."""

    def split(a: int, b: int) -> int:
        stops = [mm.end() for mm in re.finditer(r"[,;:\u2013\u2014]|\s-\s", text[a:b])]
        return a + stops[len(stops) // 2] if stops else (a + b) // 2

    m = mentions[mi]
    start = max(cs, split(mentions[mi - 1].end, m.start) if mi > 0 else cs)
    end = min(ce, split(m.end, mentions[mi + 1].start) if mi + 1 < len(mentions) else ce)
    return start, end
