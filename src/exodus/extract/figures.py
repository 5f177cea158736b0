"""Figures about people on the move, read off the syntax of one sentence.

For each number in a sentence the screen kept, this finds what it counts (the noun it
quantifies, or the noun an earlier number in the sentence counted), the word that makes it a
movement (the verb it is the subject or object of, a movement noun in the sentence, or one in the
sentence before), its measure and unit, the rate words, the tense of its verb, the modality, the
population it names and who the sentence attributes it to.  Places, dates and speakers are
resolved later (``exodus.resolve.facts``); numbers that are not facts are dropped with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from exodus.extract.lexicon import Lexicon
from exodus.extract.sentences import Sentence, clause_bounds
from exodus.resolve.gazetteer import Gazetteer
from exodus.resolve.numbers import NumberMention

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc

_RATE = [
    ("per_day", re.compile(r"\b(?:daily|(?:a|per|each|every) day|a-day|/day|day-to-day|a single day)\b", re.I)),
    ("per_week", re.compile(r"\b(?:weekly|(?:a|per|each|every) week)\b", re.I)),
    ("per_month", re.compile(r"\b(?:monthly|(?:a|per|each|every) month)\b", re.I)),
]
# "a week earlier", "less than a week", "for a week": not rates
_NOT_RATE_BEFORE = re.compile(r"\b(?:than|for|in|within|over|about|nearly|almost|just|only|under|least|of|after|before|past|last|the|highest|busiest|record|single)\s+$", re.I)
_NOT_RATE_AFTER = re.compile(r"^\s*(?:earlier|ago|before|later|after|of|or|high|record|total|figure|peak)\b", re.I)
_QUEUE = re.compile(
    r"\b(?:queue|queues|queued|queuing|queueing|line|lines|tailback|jam|jams|backed up|stretch\w*|waiting|wait|waited|stuck)\b",
    re.I,
)
_WAIT = re.compile(r"\b(?:wait|waits|waited|waiting|queue\w*|stuck|spent|took)\b", re.I)
_FORECAST = re.compile(
    r"\b(?:may|might|could|would|will|expected to|expects?|forecasts?|projected|projects?|predicts?|anticipates?|likely to|brac\w+ for|plan(?:s|ning)? for)\b",
    re.I,
)
_ORDER = re.compile(
    r"\b(?:ordered|orders?|told|urged|instructed|mandatory|under)\b(?:[^.]|\.\d){0,60}\b(?:evacuat\w+|leave|flee)\b|\bevacuation (?:orders?|warnings?)\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no|nor|denied|denies|dismissed|rejected|refuted)\s+(?:\w+\s+){0,2}$", re.I
)
_REFUSED = re.compile(
    r"\b(?:refused|denied|barred from|turned (?:back|away)|prevented from|stopped from)\b(?:\s+\w+){0,2}\s+(?:entry|entering|admission|access|crossing|leaving)\b|\bturned (?:back|away)\b|\b(?:refused|denied) entry\b",
    re.I,
)
_STOCK = {"host", "shelter", "house", "live", "stay", "remain", "reside"}
_CHANGE = {
    "increase",
    "rise",
    "grow",
    "climb",
    "jump",
    "swell",
    "reach",
    "fall",
    "drop",
    "double",
    "surge",
    "soar",
    "top",
    "exceed",
    "hit",
}


@dataclass
class Candidate:
    sentence: Sentence
    mention: NumberMention  # offsets relative to the document
    unit: str
    factor: float
    measure: str
    term: str
    term_source: str  # verb, sentence, context, noun
    rate: str
    modality: str
    tense: str | None  # perfect, present, past, future or None
    clause: tuple[int, int]  # document offsets of the clause holding the number
    population: str | None = None
    population_span: tuple[int, int] | None = None
    noun: str | None = None
    speaker: str | None = None  # from indirect speech or "according to"
    speaker_start: int | None = None
    speaker_via: str | None = None
    inherited: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Dropped:
    mention: NumberMention
    reason: str


def _span_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _counted_noun(doc: Doc, toks: list[Token]) -> Token | None:
    last = toks[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for t in doc[nxt.i + 1 : nxt.i + 6]:
            if t.pos_ in ("NOUN", "PROPN"):
                return _head_of_compound(t)
        return None
    head = last.head
    if head.i > last.i and head.pos_ in ("NOUN", "PROPN") and head.i - last.i <= 4:
        return _head_of_compound(head)
    for t in doc[last.i + 1 : last.i + 4]:
        if t.text in ("[", "(", "-") or (
            t.pos_ in ("ADJ", "ADV") and t.lower_ not in ("daily", "now")
        ):
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            return _head_of_compound(t)
        break
    return None


def _head_of_compound(t: Token) -> Token:
    while t.dep_ == "compound" and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    return t


def _movement_of(tok: Token, lex: Lexicon) -> tuple[Token, str, str] | None:
    """The movement word governing ``tok``: walk up the heads, looking at xcomp/ccomp too.

    A movement verb wins over a movement noun met on the way ("wait in lines ... hours").
    """
    noun_hit: tuple[Token, str, str] | None = None
    t = tok
    for _ in range(7):
        for cand in (
            t,
            *[c for c in t.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"],
        ):
            mv = lex.movement.get(cand.lemma_.lower())
            if mv is None or cand.i == tok.i:
                continue
            if cand.pos_ in ("VERB", "AUX"):
                return cand, mv.term, mv.role
            if mv.kind == "noun" and noun_hit is None:
                noun_hit = (cand, mv.term, mv.role)
        if t.head.i == t.i:
            break
        t = t.head
    return noun_hit


def _role_of(noun: Token, verb: Token) -> str:
    """How the counted noun relates to the movement word: subject, object, oblique or other."""
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass", "expl", "attr"):
        return "subject"
    if t.dep_ in ("dobj", "obj") and t.head.i == verb.i:
        return "object"
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == verb.i:
        return "subject" if t.head.lower_ in ("by", "of") else "oblique"
    return "other"


def _tense(verb: Token | None) -> str | None:
    if verb is None:
        return None
    if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return _tense(verb.head)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "may", "might", "could", "would", "shall"}:
        return "future"
    if words & {"have", "has", "'ve"}:
        return "perfect"
    if words & {"had"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        return "present"
    if verb.tag_ == "VBG" and not words:
        return None
    if verb.tag_ == "VBD" or words & {"was", "were", "did"}:
        return "past"
    return None


def _population(
    doc: Doc, noun: Token, toks: list[Token], base: int
) -> tuple[str, tuple[int, int]] | None:
    if noun.pos_ == "PRON" or noun.lower_ in ("we", "they", "i", "you"):
        return None
    tok_ids = {t.i for t in toks}
    keep = [noun]
    for c in noun.rights:
        if (c.dep_ == "prep" and c.lower_ in ("from", "in", "of", "fleeing")) or c.dep_ == "acl":
            keep.extend(c.subtree)
    left = [
        c
        for c in noun.lefts
        if c.dep_ in ("amod", "compound", "nmod") and c.i not in tok_ids and c.pos_ != "NUM"
    ]
    for c in left:
        keep.extend(c.subtree)
    idx = sorted({t.i for t in keep if t.i not in tok_ids and t.pos_ != "NUM"})
    if not idx:
        return None
    start, end = doc[idx[0]].idx, doc[idx[-1]].idx + len(doc[idx[-1]].text)
    text = doc.text[start:end]
    # a bracketed insertion the reporter made belongs to the phrase
    m = re.match(r"\s*\[([^\]]{1,40})\]", doc.text[end:])
    if m and "[" not in text:
        text += " " + m.group(1)
        end += m.end()
    text = re.sub(r"[\[\]]", "", text)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text, (base + start, base + end)


def _subject_population(
    verb: Token | None, toks: list[Token], base: int, doc: Doc
) -> tuple[str, tuple[int, int]] | None:
    """The subject of the verb chain, when a wait or queue figure names who waited."""
    t = verb
    for _ in range(3):
        if t is None:
            return None
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            s = subj[0]
            if (
                s.dep_ == "csubj" and s.pos_ == "VERB"
            ):  # "Russians fleeing to Mongolia have had to wait"
                inner = [c for c in s.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
                if not inner:
                    return None
                lo, hi = min(inner[0].left_edge.i, s.left_edge.i), s.right_edge.i
                span = doc[lo : hi + 1]
                return span.text, (base + span.start_char, base + span.end_char)
            if s.pos_ in ("NOUN", "PROPN"):
                return _population(doc, s, toks, base)
            return None
        t = t.head if t.head.i != t.i else None
    return None


_CITED = re.compile(
    r"(?P<via>\b[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,5}?)\s+(?:cited|quoted)\s+(?P<s>(?:the\s+)?[^,.;\"]{2,100}?)\s+as\s+saying\b"
)


def _indirect_speaker(
    doc: Doc, toks: list[Token], lex: Lexicon, base: int
) -> tuple[str, int] | None:
    m = _CITED.search(doc.text)
    if m:
        return m.group("s").strip(), base + m.start("s")
    m = re.search(r"\baccording to\s+(?P<s>[^,.;\"]{2,120})", doc.text)
    if m:
        return m.group("s").strip(), base + m.start("s")
    for t in doc:
        if t.lemma_.lower() not in lex.reporting or t.pos_ != "VERB":
            continue
        sub = {x.i for x in t.subtree}
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or not all(x.i in sub for x in toks):
            continue
        before = [c for c in subj if c.i < t.i]
        subject = max(before, key=lambda c: c.i) if before else subj[0]
        sidx = {x.i for x in subject.subtree}
        if len(sidx) > 14:
            continue
        if any(x.i in sidx for x in toks):
            continue
        span = doc[min(sidx) : max(sidx) + 1]
        return span.text, base + span.start_char
    return None

_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'-]+,\s*|\baged\s+|\bages?\s+(?:of\s+)?)$")
_AGE_AFTER = re.compile(r"^(?:,|\s*-?\s*years?[- ]old\b|\s*-year\b|\s+years?\s+of\s+age\b|\s*\))")
_CONVERSION = re.compile(r"\(\s*(?:about\s+|some\s+|around\s+)?$")
_DENIAL = re.compile(r"\b(?:dismiss\w*|den(?:y|ied|ies)|reject\w*|refut\w*|disput\w*)\b[^.]{0,40}\b(?:reports?|claims?|suggestions?|rumou?rs?|figures?|estimates?)\b", re.I)
_FALSE_CLAIM = re.compile(r"\b(?:claims?|reports?|rumou?rs?)\b[^.]{0,120}\b(?:(?:are|is|were|was) (?:not (?:accurate|true|correct)|false|untrue|wrong|exaggerated|inaccurate))\b", re.I)
_SIZE_OF = re.compile(r"\b(?:country|nation|city|town|village|island|region|province|state|population|home|camp built|community)\s+of\s+(?:some\s+|about\s+|around\s+|fewer than\s+|more than\s+|nearly\s+|roughly\s+|just\s+)?$", re.I)


def _not_a_figure(text: str, rel_s: int, rel_e: int) -> str | None:
    """Reasons read off the words around a number: ages, unit conversions, denied figures."""
    before, after = text[max(0, rel_s - 40) : rel_s], text[rel_e : rel_e + 20]
    if _AGE_BEFORE.search(before) and _AGE_AFTER.match(after):
        return "an age"
    if re.match(r"^\s*-?\s*years?[- ]old\b", after) or re.search(r"\baged\s+$", before):
        return "an age"
    if _CONVERSION.search(before) and re.search(r"\d[\w,.-]*\s*(?:km|kilomet\w+|miles?|-mile|-kilomet\w+)?\s*$", text[: max(0, rel_s - 1)].rstrip(" (")):
        return "a unit conversion"
    if _DENIAL.search(text[:rel_s]) or _FALSE_CLAIM.search(text):
        return "a denied figure"
    if _SIZE_OF.search(before):
        return "the size of a place"
    return None


def _foreign_verb(anchor: Token, lex: Lexicon) -> Token | None:
    """The verb right above the number when it makes the count something else ("killed")."""
    t = anchor
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "VERB":
            if t.lemma_.lower() not in lex.not_movement:
                return None
            if any(c.lemma_.lower() in lex.movement for c in t.children if c.dep_ in ("xcomp", "ccomp", "advcl")):
                return None
            return t
    return None


def analyse_sentence(
    doc: Doc,
    sentence: Sentence,
    mentions: list[NumberMention],
    lex: Lexicon,
    previous_terms: list[str],
    text: str,
    gaz: Gazetteer,
) -> tuple[list[Candidate], list[Dropped]]:
    """Candidates for the numbers in one parsed sentence (``doc`` parses ``sentence.text``)."""
    base = sentence.start
    out: list[Candidate] = []
    dropped: list[Dropped] = []
    for m in mentions:
        rel_s, rel_e = m.start - base, m.end - base
        toks = _span_tokens(doc, m.num_start - base, rel_e)
        if not toks:
            continue
        whole = _span_tokens(doc, rel_s, rel_e)
        before = doc.text[max(0, rel_s - 30) : rel_s]
        if _NEGATED.search(before):
            dropped.append(Dropped(m, "negated"))
            continue
        reason = _not_a_figure(doc.text, rel_s, rel_e)
        if reason:
            dropped.append(Dropped(m, reason))
            continue
        noun = _counted_noun(doc, toks)
        unit_info = lex.unit_of(noun.lemma_, noun.text) if noun is not None else None
        inherited_from: Candidate | None = None
        if noun is not None and unit_info is None:
            if lex.is_excluded(noun.lemma_, noun.text):
                dropped.append(Dropped(m, f"counts {noun.text}"))
                continue
            if gaz.demonym(noun.text):
                unit_info = ("people", 1.0)
            else:
                dropped.append(Dropped(m, f"counts {noun.text}, not people"))
                continue
        if unit_info is None and m.value < 10:
            dropped.append(Dropped(m, "a small bare number"))
            continue
        if unit_info is None:
            inherited_from = out[-1] if out else None
            anchor_tok = toks[-1]
            if inherited_from is not None:
                unit_info = (inherited_from.unit, inherited_from.factor)
            elif anchor_tok.dep_ in ("nsubj", "nsubjpass") or anchor_tok.head.dep_ in (
                "nsubj",
                "nsubjpass",
            ):
                unit_info = ("people", 1.0)
            else:
                dropped.append(Dropped(m, "counts nothing named"))
                continue
        unit, factor = unit_info
        if m.value * factor < 2 and unit in ("people", "families", "households", "vehicles"):
            dropped.append(Dropped(m, "a single person"))
            continue
        cs, ce = clause_bounds(text, sentence.start, sentence.end, m.start)
        clause_text = text[cs:ce]
        anchor = noun if noun is not None else toks[-1]
        foreign = _foreign_verb(anchor, lex) if unit in ("people", "families", "households") else None
        if foreign is not None:
            dropped.append(Dropped(m, f"{foreign.text}, not movement"))
            continue
        gov = _movement_of(anchor, lex)
        term, term_source, verb = None, "", None
        if gov is not None:
            verb, term, role = gov
            relation = _role_of(noun, verb) if noun is not None else "subject"
            countable = unit in ("people", "families", "households", "vehicles")
            if countable and role == "subject" and relation in ("object", "oblique"):
                dropped.append(Dropped(m, f"{relation} of {verb.text}, not moving"))
                continue
            term_source = "verb"
        verb_for_tense = verb
        if verb_for_tense is None:
            t = anchor
            for _ in range(4):
                if t.pos_ in ("VERB", "AUX"):
                    verb_for_tense = t
                    break
                if t.head.i == t.i:
                    break
                t = t.head
        if term is None and inherited_from is not None:
            term, term_source = inherited_from.term, "context"
        if term is None:
            for t in doc:
                mv = lex.movement.get(t.lemma_.lower())
                if (
                    mv is not None
                    and t.pos_ in ("VERB", "NOUN")
                    and not _is_other_number_verb(t, toks)
                ):
                    term, term_source = mv.term, "sentence"
                    break
        if (
            term is None
            and previous_terms
            and unit in ("people", "vehicles", "families", "households")
        ):
            term, term_source = previous_terms[-1], "context"
        if term is None and noun is not None:
            mv = lex.movement.get(noun.lemma_.lower())
            if mv is not None:
                term, term_source = mv.term, "noun"
        if term is None:
            dropped.append(Dropped(m, "no movement"))
            continue
        if _REFUSED.search(clause_text):
            dropped.append(Dropped(m, "refused entry"))
            continue
        # measure
        if unit in ("hours", "days"):
            if term not in ("waited", "queued") and not _WAIT.search(clause_text):
                dropped.append(Dropped(m, "a duration, not a wait"))
                continue
            measure, term = "wait_time", "waited"
        elif unit == "km" or (
            unit == "vehicles" and _QUEUE.search(clause_text) and term in ("waited", "queued")
        ):
            if not _QUEUE.search(clause_text):
                dropped.append(Dropped(m, "a distance, not a queue"))
                continue
            measure, term = "queue_length", "queued"
        elif term in ("waited", "queued"):
            measure = "queue_length"
        elif term == "hosted" or (verb_for_tense is not None and _is_stock(verb_for_tense, term)):
            measure = "stock"
        else:
            measure = "flow"
        rate = "total"
        if measure == "flow":
            found = _rate_in(clause_text)
            if found:
                rate = found
            else:
                if inherited_from is not None:
                    rate = inherited_from.rate
        modality = "reported"
        if _ORDER.search(clause_text):
            modality = "order"
        elif _tense(verb_for_tense) == "future" or _FORECAST.search(
            clause_text[: max(0, m.start - cs)] + " " + clause_text[m.end - cs :]
        ):
            modality = "forecast"
        pop: tuple[str, tuple[int, int] | None] | None = None
        if noun is not None and unit in ("people", "families", "households"):
            pop = _population(doc, noun, whole, base)
        elif inherited_from is not None:
            pop = (
                (inherited_from.population, inherited_from.population_span)
                if inherited_from.population
                else None
            )
        if pop is None and unit not in ("people", "families", "households"):
            pop = _subject_population(verb_for_tense, whole, base, doc)
        spk = _indirect_speaker(doc, toks, lex, base)
        cited = _CITED.search(doc.text)
        cand = Candidate(
            sentence=sentence,
            mention=m,
            unit=unit,
            factor=factor,
            measure=measure,
            term=term,
            term_source=term_source,
            rate=rate,
            modality=modality,
            tense=_tense(verb_for_tense),
            clause=(cs, ce),
            population=pop[0] if pop else None,
            population_span=pop[1] if pop else None,
            noun=noun.text if noun is not None else None,
            speaker=spk[0] if spk else None,
            speaker_start=spk[1] if spk else None,
            speaker_via=_outlet(cited.group("via"), lex) if cited else None,
            inherited=inherited_from is not None,
        )
        out.append(cand)
    return out, dropped


def _outlet(text: str, lex: Lexicon) -> str:
    for outlet in lex.outlets:
        if re.search(r"\b" + re.escape(outlet) + r"\b", text):
            return outlet
    return re.sub(r"^(?:the|Russia's|Russian)\s+", "", text.strip())


def _rate_in(clause: str) -> str | None:
    for name, pat in _RATE:
        for m in pat.finditer(clause):
            word = m.group(0).lower()
            if word.startswith("a ") or word == "a single day":
                if _NOT_RATE_BEFORE.search(clause[: m.start()]) and word != "a single day":
                    continue
                if _NOT_RATE_AFTER.match(clause[m.end() :]):
                    continue
            return name
    return None


def _is_stock(verb: Token, term: str) -> bool:
    """People present somewhere: "are hosting", "are staying", "are (internally) displaced"."""
    lemma = verb.lemma_.lower()
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if lemma in _STOCK and not auxes & {"have", "has", "had"}:
        return True
    # a state, not an event: "are displaced", "remain displaced" (but "have been displaced" is a flow)
    return term == "displaced" and bool(auxes & {"are", "is", "remain", "remains"}) and not auxes & {"have", "has", "had", "been"}


def _is_other_number_verb(t: Token, toks: list[Token]) -> bool:
    """A movement verb whose own subject is another number (it belongs to that figure)."""
    tok_ids = {x.i for x in toks}
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.like_num and c.i not in tok_ids for c in t.children
    )


def movement_terms_in(text: str, doc: Doc | None, lex: Lexicon) -> list[str]:
    """Movement terms a sentence names (for carrying into the next sentence)."""
    if doc is None:
        return []
    return [
        mv.term
        for t in doc
        if (mv := lex.movement.get(t.lemma_.lower())) and t.pos_ in ("VERB", "NOUN")
    ]
