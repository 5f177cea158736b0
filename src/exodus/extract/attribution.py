"""Who a sentence says gave a figure, and the outlet it came through (indirect speech).

The forms wires, ministries and agencies use, tried in this order:

- an agency citing a source: ``Interfax quoted the regional border directorate of the FSB as
  saying ...``, ``Novaya Gazeta Europe reported, citing a source in the FSB, ...`` (the source
  speaks; the outlet is ``via``);
- ``according to X``;
- the subject of the innermost reporting verb whose statement holds the number (``X said
  that``, ``X told reporters``, ``X estimated``, ``X's data show``, ``X recorded``, ``X
  informed the UN that``), a verb joined to another taking that one's subject (``The plan
  seeks $445 million and anticipates ...``), ``X put the wait at ...``; not the listener of
  ``told`` (``Israel has told 1.1 million people to move``);
- a reporting verb set beside the clause (``..., city officials said, and ...``);
- a trailing attribution the parse hung elsewhere (``..., the press service of the FSB Border
  Directorate told TASS on Thursday``);
- a leading one it mis-tagged (``The RCMP estimate that ...``, ``Local media report ...``).

The speaker text is the source as the sentence names it; :func:`exodus.extract.speakers.tidy_speaker`
cuts it to name and role later.
"""

from __future__ import annotations

import re
from typing import Any

from exodus.extract.lexicon import Lexicon

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc

CITED = re.compile(
    r"(?P<via>\b[A-Z][\w'’.-]*(?:\s+[\w'’.()-]+){0,6}?)\s+(?:cited|quoted)\s+"
    r"(?P<s>(?:the\s+)?[^,.;\"]{2,100}?)\s+as\s+(?:saying|stating|reporting)\b"
)
_CITING = re.compile(
    r"\b(?:citing|quoting)\s+(?P<s>(?:the\s+|an?\s+)?(?=[^,.;\"]*(?:\b[A-Z]|\b(?:sources?|officials?|ministry|"
    r"authorities|police|data|figures|statistics|estimates|agency|service|government|witnesses|"
    r"residents|people familiar)\b))[^,.;\"]{2,100}?)\s*(?:[,.;\"]|$)"
)
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Pp]er(?=\s+(?:the\s+)?[A-Z]))\s+(?P<s>[^,.;\"]{2,120})"
)
_NOT_SUBJECT = (
    r"(?!(?:which|who|whom|that|and|but|or|as|while|when|after|before|although|because|since|"
    r"where|if|with|including|up|down|from|compared|against|bringing|taking|making)\b)"
)
_TRAILING = re.compile(
    r",\s+(?!(?:the\s+)?(?:highest|largest|lowest|biggest|most|number|total|figure|same|first|"
    r"last|record)\b)(?P<s>(?:the|a|an)\s+[^,\"]{2,80}?,\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3},|"
    r"(?:the|a|an)\s+[^,\"]{2,120}?|[A-Z][^,\"]{2,120}?|"
    + _NOT_SUBJECT
    + r"[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2})\s+"
    r"(?:said|says|reported|reports|announced|estimated|estimates|told\s+[\w.]+|added|confirmed|"
    r"noted|stated|wrote|posted|explained|warned)\b"
)
_LEADING = re.compile(
    r"\s*(?:[^,;]{0,60},\s+)?(?P<s>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[\w'’.&()-]+){0,6}?)"
    r"(?:,\s+(?:launched|set up|created|issued|published|released|formed|based|updated)\b[^,;]{0,50},)?\s+"
    r"(?P<v>estimates?|estimated|reports?|reported|says|said|counts?|counted|records?|recorded|"
    r"shows?|showed|puts?|informs?|informed|believes?|believed|projects?|projected|expects?|"
    r"expected|plans?|planned|anticipates?|anticipated|predicts?|predicted|forecasts?)"
    r"\s+(?:that\s+|for\s+)?"
)
_COMPARED = re.compile(
    r"\b(?:compared (?:with|to)|up from|down from|against|versus|than|from)\s+(?:[\w-]+\s+){0,3}$"
)
_LISTENER_VERBS = {"tell", "inform", "urge", "order", "ask", "warn", "advise", "instruct"}
_PUT_VERBS = {"put", "place", "estimate", "count"}
_VIA = re.compile(
    r"\b(?:told|to|according to|in an interview with|speaking to|cited by|quoted by)\s+"
    r"(?:the\s+)?(?P<via>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)"
)


# a figure's own source named right after it: "the 200,000 cited by the minister"
_GIVEN_BY = re.compile(
    r"[^,.;]{0,25}?\b(?:cited|given|put\s+forward|announced|quoted|reported|released|published|"
    r"recorded|counted|estimated)\s+by\s+(?P<s>[^,.;]{3,100}?)(?=\s+(?:on|in|last|this|earlier|late|early)\b|[,.;]|$)",
    re.I,
)


def indirect_speaker(
    doc: Doc, toks: list[Token], lex: Lexicon, base: int
) -> tuple[str, int] | None:
    """The speaker a sentence attributes the number ``toks`` to, with its offset."""
    after = toks[-1].idx + len(toks[-1].text)
    m = _GIVEN_BY.match(doc.text, after)
    if m:  # "the roughly 200,000 cited by Interior Minister Marat Akhmetzhanov on Tuesday"
        return m.group("s").strip(), base + m.start("s")
    for pat in (CITED, _CITING, _ACCORDING):
        m = pat.search(doc.text)
        if m:
            return m.group("s").strip(), base + m.start("s")
    found = _by_parse(doc, toks, lex)
    if found is not None:
        span = doc[found[0] : found[1] + 1]
        return span.text, base + span.start_char
    if found is None and _listened(doc, toks):
        return None  # an order to the people counted, not a statement about them
    # a trailing attribution the parse hung elsewhere: "..., the Kazakh interior ministry said"
    first, after = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    lo = doc.text.rfind(";", 0, first) + 1
    hi = doc.text.find(";", after)
    segment = doc.text[: hi if hi >= 0 else len(doc.text)]
    m = _TRAILING.search(segment, after)
    if m:
        return m.group("s").strip(), base + m.start("s")
    if _COMPARED.search(doc.text[lo:first]):
        # "1,100 crossed, an official told the Herald, compared with a few hundred before"
        m = _TRAILING.search(segment, lo, first)
        if m:
            return m.group("s").strip(), base + m.start("s")
    m = _LEADING.match(segment, lo)
    if m and m.group("v").startswith("show") and not _RECORDS.search(m.group("s")):
        m = None  # "Video footage showed ...": a picture, not a source
    if m and m.group("s").lower() in _DETERMINERS:
        m = None  # "An estimated 9,000 people": not a subject
    if m and m.end() <= first and not re.search(r"\d", m.group("s")):
        return m.group("s").strip(), base + m.start("s")
    return None


def _listened(doc: Doc, toks: list[Token]) -> bool:
    tok_ids = {x.i for x in toks}
    return any(_is_listener(t, tok_ids) for t in doc if t.pos_ == "VERB")


_DETERMINERS = {"a", "an", "the", "some", "about", "around", "nearly", "almost", "another", "only"}
_EVIDENCE_VERBS = {"show", "indicate", "suggest", "reveal"}
_RECORDS = re.compile(
    r"\b(?:(?i:data|figures|statistics|numbers|records|estimates?|survey|report|dashboard|tally|"
    r"count|census|registrations?|assessment|analysis)|[A-Z]{2,})\b"
)
_WEAK = {
    "count",
    "record",
    "show",
    "anticipate",
    "project",
    "expect",
    "forecast",
    "predict",
    "plan",
}


def _by_parse(doc: Doc, toks: list[Token], lex: Lexicon) -> tuple[int, int] | None:
    tok_ids = {x.i for x in toks}
    # a statement does not reach across a semicolon: "The military says ...; Israel has told ..."
    lo = max([t.i for t in doc if t.text == ";" and t.i < min(tok_ids)], default=-1)
    hi = min([t.i for t in doc if t.text == ";" and t.i > max(tok_ids)], default=len(doc))
    reporting = [
        t
        for t in doc
        if lo < t.i < hi
        and t.pos_ in ("VERB", "AUX")
        and (t.lemma_.lower() in lex.reporting or _puts_at(t, tok_ids))
    ]
    # the innermost statement holding the number: "A said 9,000 ..., while B said 11,000 ...";
    # but a plan or a count inside a statement is the statement's ("a spokesperson said the
    # government was planning for up to half a million")
    found: tuple[int, int] | None = None
    weak = False
    for t in sorted(reporting, key=lambda v: len(list(v.subtree))):
        if not tok_ids <= _content(t) or _is_listener(t, tok_ids):
            continue
        span = _subject_span(t, tok_ids)
        if span is None:
            continue
        if found is None:
            found, weak = span, t.lemma_.lower() in _WEAK
            if not weak:
                return found
        elif t.lemma_.lower() not in _WEAK:
            return span
    if found is not None:
        return found
    # a reporting verb set beside the clause: "800 were housed ..., city officials said, and ..."
    clause = {_clause_head(x).i for x in toks}
    for t in reporting:
        if t.dep_ == "parataxis" and t.head.i in clause:
            span = _subject_span(t, tok_ids)
            if span is not None:
                return span
    return None


def _content(t: Token) -> set[int]:
    """What a reporting verb's statement covers: its subtree without the clauses joined to it."""
    out = {t.i}
    for c in t.children:
        if c.dep_ not in ("conj", "cc"):
            out |= {x.i for x in c.subtree}
    return out


def _clause_head(t: Token) -> Token:
    x = t
    for _ in range(8):
        if x.pos_ in ("VERB", "AUX") or x.head.i == x.i:
            return x
        x = x.head
    return x


def _puts_at(t: Token, tok_ids: set[int]) -> bool:
    """ "officials put the wait at up to 20 hours": the number hangs on "at"."""
    if t.lemma_.lower() not in _PUT_VERBS:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "at" and any(x.i in tok_ids for x in c.subtree)
        for c in t.children
    )


def _is_listener(t: Token, tok_ids: set[int]) -> bool:
    """The number is in whom the verb addresses ("told 1.1 million people to move south")."""
    if t.lemma_.lower() not in _LISTENER_VERBS:
        return False
    return any(
        c.dep_ in ("dobj", "dative", "obj") and any(x.i in tok_ids for x in c.subtree)
        for c in t.children
    )


def _subject_span(t: Token, tok_ids: set[int]) -> tuple[int, int] | None:
    verb = t
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    hops = 0
    while not subj and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i and hops < 3:
        verb = verb.head  # "The plan ... seeks $445 million and anticipates that ..."
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        hops += 1
    if not subj:
        return None
    before = [c for c in subj if c.i < t.i]
    subject = max(before, key=lambda c: c.i) if before else subj[0]
    if subject.pos_ == "PRON" and subject.lower_ in ("that", "which", "who", "this"):
        return None
    if t.lemma_.lower() in _EVIDENCE_VERBS and not (
        subject.pos_ == "PROPN" or _RECORDS.search(" ".join(x.text for x in subject.subtree))
    ):
        return None  # "Video footage showed hundreds crossing": a picture, not a source
    drop: set[int] = set()
    for c in subject.children:
        if c.dep_ in ("relcl", "acl") and c.i > subject.i:
            drop |= {x.i for x in c.subtree}  # "Aid agencies, which have appealed for ..."
    sidx = {x.i for x in subject.subtree} - drop
    if sidx & tok_ids:
        # "4,200 crossings were recorded by the border police": the agent
        by = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        sidx = {x.i for x in by[0].subtree} if by else set()
    if not sidx or len(sidx) > 30 or sidx & tok_ids:
        return None
    return min(sidx), max(sidx)


def speech_via(text: str, lex: Lexicon) -> str | None:
    """The outlet a statement came through: ``Interfax quoted ...``, ``..., citing ...`` after
    an outlet, ``told Reuters``, ``quoted by LANA``."""
    m = CITED.search(text)
    if m:
        return outlet(m.group("via"), lex)
    m = _CITING.search(text)
    if m:
        known = _known_outlet(text[: m.start()], lex)
        if known:
            return known
    for m in _VIA.finditer(text):
        known = _known_outlet(m.group("via"), lex)
        if known and m.group("via").startswith(re.sub(r"^The\s+", "", known)[:3]):
            return known
    return None


def _known_outlet(text: str, lex: Lexicon) -> str | None:
    for name in sorted(lex.outlets, key=len, reverse=True):
        if re.search(r"\b" + re.escape(name) + r"\b", text):
            return name
    return None


def outlet(text: str, lex: Lexicon) -> str:
    return _known_outlet(text, lex) or re.sub(r"^(?:the|Russia's|Russian)\s+", "", text.strip())
