"""Syntax helpers over a spaCy parse: what a number counts, the word that governs it, tense and
population phrases (the speaker of indirect speech is in :mod:`exodus.extract.attribution`)."""

from __future__ import annotations

import re
from typing import Any

from exodus.extract.lexicon import Lexicon

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc

_STOCK = {"host", "shelter", "house", "live", "stay", "remain", "reside"}


def span_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


_WHEN_NOUNS = {"yesterday", "today", "tonight", "overnight", "tomorrow"}


def counted_noun(doc: Doc, toks: list[Token]) -> Token | None:
    last = toks[-1]
    nxt0 = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt0 is not None and nxt0.lower_ in _WHEN_NOUNS:
        return None  # "including 10,418 yesterday": when, not what
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs and (objs[0].pos_ == "PRON" or objs[0].like_num or objs[0].pos_ == "NUM"):
            return None  # "5,000 of them", "147k of its 200k": the people named before
        if objs and objs[0].pos_ in ("NOUN", "PROPN"):
            return head_of_compound(objs[0])  # "60,000 of this year's migrants"
        for t in doc[nxt.i + 1 : nxt.i + 6]:
            if t.pos_ == "PRON":
                return None
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "poss":
                return head_of_compound(t)
        return None
    head = last.head
    if (
        head.i > last.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.i - last.i <= 4
        # "the figure of more than 50,000 the ministry gave": a new noun phrase, not the count's
        and not any(t.pos_ == "DET" for t in doc[last.i + 1 : head.i])
    ):
        return head_of_compound(head)
    skipped = False
    for t in doc[last.i + 1 : last.i + 4]:
        if t.text in ("[", "(", "-") or (
            t.pos_ in ("ADJ", "ADV") and t.lower_ not in ("daily", "now")
        ):
            skipped = skipped or t.pos_ in ("ADJ", "ADV")
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            if skipped and t.lemma_.lower() in _TIME_NOUNS:
                return None  # "reached 520,000 last year": the year is when, not what
            return head_of_compound(t)
        break
    return None


_MISTAGGED = {"left": "leave", "fled": "flee", "returned": "return", "crossed": "cross"}
_TIME_NOUNS = {"year", "week", "month", "day", "night", "weekend", "quarter", "season", "time"}


def head_of_compound(t: Token) -> Token:
    # a plural is a head of its own ("2,000 people board boats", mis-parsed as a compound)
    while (
        t.dep_ == "compound"
        and t.head.i > t.i
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.tag_ not in ("NNS", "NNPS")
    ):
        t = t.head
    return t


def movement_of(tok: Token, lex: Lexicon) -> tuple[Token, str, str] | None:
    """The movement word governing ``tok``: walk up the heads, looking at xcomp/ccomp too.

    A movement verb wins over a movement noun met on the way ("wait in lines ... hours").
    """
    noun_hit: tuple[Token, str, str] | None = None
    t = tok
    for _ in range(7):
        # "ordered 2.5 million residents to evacuate": an infinitive hanging on the noun itself
        infinitives = [
            c
            for c in t.children
            if t.i == tok.i
            and c.dep_ in ("relcl", "acl")
            and c.tag_ == "VB"
            and any(a.lower_ == "to" for a in c.children)
        ]
        for cand in (
            t,
            *infinitives,
            *[c for c in t.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"],
        ):
            mv = lex.movement.get(cand.lemma_.lower())
            if (
                mv is None
                and cand.lower_ in _MISTAGGED
                and any(c.dep_ == "nsubj" for c in cand.children)
            ):
                mv = lex.movement.get(_MISTAGGED[cand.lower_])  # "147,000 left" tagged ADJ
                if mv is not None:
                    return cand, mv.term, mv.role
            if (
                mv is None
                and cand.lower_.endswith("ing")
                and any(c.dep_ == "dobj" for c in cand.children)
            ):
                # "shelters were housing about 1,100 migrants": a verb tagged as a noun
                for lemma in (cand.lower_[:-3], cand.lower_[:-3] + "e", cand.lower_[:-4]):
                    verb = lex.movement.get(lemma)
                    if verb is not None and verb.kind == "verb":
                        return cand, verb.term, verb.role
            if (
                cand.pos_ == "VERB"
                and any(
                    c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "home")
                    for c in cand.children
                )
                and cand.lemma_.lower()
                in (
                    "go",
                    "come",
                    "head",
                    "move",
                    "travel",
                    "make",
                    "walk",
                    "drive",
                    "fly",
                    "return",
                )
            ):
                return cand, "returned", "subject"  # "have gone back to Omdurman"
            if cand.pos_ == "VERB" and cand.lemma_.lower() == "go" and _to_a_place(cand):
                return cand, "arrived", "subject"  # "some 505,000 have gone to Poland"
            phrasal = _PHRASAL.get(
                (
                    cand.lemma_.lower(),
                    next((c.lower_ for c in cand.children if _is_particle(c)), ""),
                )
            )
            if phrasal is not None and cand.pos_ == "VERB":
                return cand, *phrasal  # "Poland has taken in 1.2 million people"
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


def _to_a_place(verb: Token) -> bool:
    """ "gone to Poland", "went abroad", "gone on to other countries": a verb as plain as "go"
    moves people only towards a named place or abroad."""
    for c in verb.children:
        if c.lower_ == "abroad":
            return True
        if c.dep_ == "prep" and c.lower_ in ("to", "into"):
            if any(g.ent_type_ in ("GPE", "LOC") for g in c.children):
                return True
            if any(g.lemma_.lower() in ("country", "nation", "state") for g in c.children):
                return True
    return False


def _is_particle(t: Token) -> bool:
    """A verb's particle: "taken in", "sent back", and the "out" of "taken out of"."""
    return t.dep_ in ("prt", "advmod") or (t.dep_ == "prep" and t.lower_ == "out")


# phrasal verbs whose particle makes them movement: (lemma, particle) -> (term, role)
_PHRASAL = {
    ("take", "in"): ("arrived", "object"),
    ("send", "back"): ("deported", "object"),
    ("push", "back"): ("deported", "object"),
    ("fly", "out"): ("evacuated", "object"),
    ("bus", "out"): ("evacuated", "object"),
    ("ship", "out"): ("evacuated", "object"),
    ("pour", "in"): ("arrived", "subject"),
    ("flood", "in"): ("arrived", "subject"),
    ("get", "out"): ("left", "subject"),
    ("take", "out"): ("evacuated", "object"),  # "1,100 people were taken out of the flood zone"
    ("bring", "out"): ("evacuated", "object"),
}


def subject_span(verb: Token, base: int, figure: Token | None = None) -> tuple[int, int] | None:
    """Document offsets of the subject of ``verb`` (its whole subtree), if it has one. In a
    gapped conjunct ("Hungary has taken in 116,000 and Moldova nearly 80,000") the subject of
    ``figure`` is the name that the parser hangs on the verb as a conjunct just before it."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if figure is not None and subj is not None:
        gapped = [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ == "PROPN"
            and subj.i < c.i < figure.i
            and not any(t.pos_ in ("VERB", "AUX") for t in c.doc[c.i : figure.i])
        ]
        if gapped:
            subj = gapped[-1]
    if subj is None:
        return None
    toks = list(subj.subtree)
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def phrasal_role(lemma: str, particle: str) -> str | None:
    """The role of the people moved for a phrasal movement verb ("take in": object)."""
    found = _PHRASAL.get((lemma, particle))
    return found[1] if found else None


def role_of(noun: Token, verb: Token) -> str:
    """How the counted noun relates to the movement word: subject, object, oblique or other."""
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass", "expl", "attr"):
        return "subject"
    if t.dep_ in ("dobj", "obj") and t.head.i == verb.i:
        return "object"
    if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i == verb.i:
        hedge = t.head.lower_ in ("over", "about", "around", "some", "under", "nearly", "almost")
        if hedge and any(c.like_num or c.pos_ == "NUM" for c in t.lefts):
            return "subject"  # "over 12,000 persons have crossed": "over" is the qualifier
        return "subject" if t.head.lower_ in ("by", "of") else "oblique"
    return "other"


def tense(verb: Token | None) -> str | None:
    if verb is None:
        return None
    if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return tense(verb.head)
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


def population(
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


def subject_population(
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
                return population(doc, s, toks, base)
            return None
        t = t.head if t.head.i != t.i else None
    return None


def foreign_verb(anchor: Token, lex: Lexicon) -> Token | None:
    """The verb right above the number when it makes the count something else ("killed")."""
    t = anchor
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ == "VERB":
            if t.lemma_.lower() not in lex.not_movement:
                return None
            if any(
                c.lemma_.lower() in lex.movement
                for c in t.children
                if c.dep_ in ("xcomp", "ccomp", "advcl")
            ):
                return None
            return t
    return None


def is_stock(verb: Token, term: str) -> bool:
    """People present somewhere: "are hosting", "are staying", "are (internally) displaced"."""
    lemma = verb.lemma_.lower()
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if lemma in _STOCK and not auxes & {"have", "has", "had"}:
        return True
    # a state, not an event: "are displaced", "remain displaced" (but "have been displaced" is a flow)
    return (
        term == "displaced"
        and bool(auxes & {"are", "is", "remain", "remains"})
        and not auxes & {"have", "has", "had", "been"}
    )


def is_other_number_verb(t: Token, toks: list[Token]) -> bool:
    """A movement verb whose own subject is another number (it belongs to that figure)."""
    tok_ids = {x.i for x in toks}
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.like_num and c.i not in tok_ids for c in t.children
    )


_PRESENCE = {
    "stay",
    "take",
    "live",
    "remain",
    "shelter",
    "be",
    "sleep",
    "camp",
    "reside",
    "wait",
    "spend",
    "crowd",
    "strand",
    "trap",
    "settle",
}
_WHERE = re.compile(
    r"^[^.;]{0,40}?\b(?:in|at|on|inside|across|outside)\s+(?:the\s+|a\s+|makeshift\s+|temporary\s+)*(?:[A-Z][\w'-]+|country|countries|camps?|settlements?|shelters?|towns?|city|cities|region|province|host communities|schools?|mosques?|cinemas?|hotels?|tents?|stations?|dock|port|border|crossings?|checkpoints?|gates?|fence|approach(?:es)?|bridge)",
    re.I,
)


def is_presence(verb: Token, after: str) -> bool:
    """People present somewhere: "are now staying in Wadi Halfa", "were in the country"."""
    if verb.lemma_.lower() not in _PRESENCE:
        return False
    if verb.lemma_.lower() == "take" and not any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("shelter", "refuge") for c in verb.children
    ):
        return False  # only "have taken shelter / refuge in ..."
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "may", "might", "could", "would"}:
        return False
    return _WHERE.match(after) is not None


def first_verb(tok: Token) -> Token | None:
    """The nearest verb (or copula) above ``tok``."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


_COUNT_NOUNS = {"number", "total", "figure", "count", "tally", "estimate"}


def counted_by_subject(tok: Token) -> Token | None:
    """For "the number of people evacuated ... has reached 5,197": the "number" subject."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in _COUNT_NOUNS:
                    return c
            return None
    return None


# verbs that may govern a count of people without saying what they did
NEUTRAL_VERBS = {
    "be", "have", "reach", "rise", "increase", "climb", "grow", "jump", "total", "top", "exceed",
    "number", "stand", "estimate", "record", "register", "say", "report", "include", "put",
    "surpass", "hit", "double", "swell", "surge", "soar", "fall", "drop", "decline", "ease",
    "count", "see", "make", "bring", "add", "revise", "compare", "state", "show",
    "compile", "tally", "calculate", "update", "publish", "release", "give",
    "peak", "hover", "approach", "near",
}  # fmt: skip
# movement verbs whose subject is never the people moved ("220,000 people received rice")
TRANSITIVE_ONLY = {
    "receive",
    "welcome",
    "host",
    "clear",
    "transfer",
    "deport",
    "expel",
    "repatriate",
    "register",
}
