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

from exodus.extract.attribution import indirect_speaker, speech_via
from exodus.extract.filters import (
    AT_THE_BORDER,
    COMPARED,
    ELLIPSIS_AFTER,
    FORECAST,
    GATHERING,
    HOMELESS,
    IDLE,
    LINE_WORDS,
    LIVING_IN,
    NEGATED,
    ORDER,
    PART_OF,
    QUEUE,
    REFUSED,
    REVISED,
    TOTAL_WORDS,
    WAITED,
    is_order,
    not_a_figure,
    own_stretch,
    rate_in,
)
from exodus.extract.lexicon import Lexicon
from exodus.extract.sentences import Sentence, clause_bounds
from exodus.extract.syntax import (
    NEUTRAL_VERBS,
    TRANSITIVE_ONLY,
    counted_by_subject,
    counted_noun,
    first_verb,
    foreign_verb,
    is_other_number_verb,
    is_presence,
    is_stock,
    movement_of,
    phrasal_role,
    population,
    role_of,
    span_tokens,
    subject_population,
    subject_span,
    tense,
)
from exodus.resolve.dates import find_time_expressions
from exodus.resolve.gazetteer import Gazetteer
from exodus.resolve.numbers import NumberMention

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc


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
    agent: tuple[int, int] | None = None  # document offsets of who moved or took in the people
    inherited: bool = False
    notes: list[str] = field(default_factory=list)


def _object_of_movement(tok: Token, lex: Lexicon) -> bool:
    """ "Poland had received 1.2 million" (or "received over 1.2m", the hedge parsed as a
    preposition): the number is what a movement verb took in or moved."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in (
        "over",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
    ):
        tok, head = head, head.head
    elif tok.dep_ == "pobj" and head.dep_ == "prt":
        tok, head = head, head.head  # "has taken in 72,000", the figure hung on the particle
    if tok.dep_ not in ("dobj", "obj", "prep", "npadvmod", "prt"):
        return False
    mv = lex.movement.get(head.lemma_.lower())
    if mv is not None:
        return mv.role == "object"
    particle = next((c.lower_ for c in head.children if c.dep_ in ("prt", "advmod")), "")
    return phrasal_role(head.lemma_.lower(), particle) == "object"  # "has taken in about 116,000"


def _earlier_value(
    series: Candidate,
    sentence: Sentence,
    m: NumberMention,
    text: str,
    mentions: list[NumberMention],
    mi: int,
) -> Candidate:
    """A candidate for an earlier value of ``series``: its measure, term, unit and population,
    with the rate words of the number's own stretch of the clause, else the series' rate."""
    cs, ce = clause_bounds(text, sentence.start, sentence.end, m.start)
    seg_s, seg_e = own_stretch(text, cs, ce, mentions, mi)
    return Candidate(
        sentence=sentence, mention=m, unit=series.unit, factor=series.factor,
        measure=series.measure, term=series.term, term_source="context",
        rate=rate_in(text[seg_s:seg_e]) or series.rate, modality="reported", tense="past",
        clause=(cs, ce), population=series.population, population_span=None,
        speaker=None, inherited=True, notes=["earlier value"],
    )  # fmt: skip


@dataclass(frozen=True)
class Dropped:
    mention: NumberMention
    reason: str


def _in_time_expression(text: str, at: int, after: int) -> bool:
    return any(
        e.start <= at < e.end and e.start >= after and e.kind in ("rel_earlier", "ago", "ago_range")
        for e in find_time_expressions(text)
    )


def analyse_sentence(
    doc: Doc,
    sentence: Sentence,
    mentions: list[NumberMention],
    lex: Lexicon,
    previous_terms: list[str],
    text: str,
    gaz: Gazetteer,
    previous: Candidate | None = None,
) -> tuple[list[Candidate], list[Dropped]]:
    """Candidates for the numbers in one parsed sentence (``doc`` parses ``sentence.text``);
    ``previous`` is the last figure of the sentence before, which a comparison may refer to
    ("The figure was up from about 15,000 on Tuesday")."""
    base = sentence.start
    out: list[Candidate] = []
    dropped: list[Dropped] = []
    for mi, m in enumerate(mentions):
        rel_s, rel_e = m.start - base, m.end - base
        toks = span_tokens(doc, m.num_start - base, rel_e)
        if not toks:
            continue
        whole = span_tokens(doc, rel_s, rel_e)
        before = doc.text[max(0, rel_s - 30) : rel_s]
        if NEGATED.search(before):
            dropped.append(Dropped(m, "negated"))
            continue
        reason = not_a_figure(doc.text, rel_s, rel_e)
        if reason is None and dropped and PART_OF.search(doc.text[max(0, rel_s - 25) : rel_s]):
            # "eight civilians, including two children, were killed": a part shares its whole's fate
            head = dropped[-1]
            fate = head.reason in ("casualties", "refused entry") or head.reason.endswith(
                ", not movement"
            )
            if fate and head.mention.end <= m.start and m.start - head.mention.end < 60:
                reason = head.reason
        if reason:
            dropped.append(Dropped(m, reason))
            continue
        noun = counted_noun(doc, toks)
        if noun is not None and _in_time_expression(doc.text, noun.idx, rel_e):
            noun = (
                None  # "up from 123,000 two days earlier": the days date it, they are not counted
            )
        unit_info = lex.unit_of(noun.lemma_, noun.text) if noun is not None else None
        inherited_from: Candidate | None = None
        series = out[-1] if out else previous
        if series is not None and series.inherited and "earlier value" not in series.notes:
            series = None  # compare only with a figure that stands on its own words
        listed = (
            out
            and "earlier value" in out[-1].notes
            and re.fullmatch(
                r"[^.;]{0,40}?(?:,|\band\b|\bor\b)\s*(?:then\s+)?(?:about|around|some|roughly|nearly|almost|more than|over)?\s*",
                text[out[-1].mention.end : m.start],
            )
        )
        if (
            series is not None
            and noun is None
            and (listed or COMPARED.search(doc.text[: m.start - base]))
        ):
            # an earlier value of the figure just given: same measure, term and unit
            earlier = _earlier_value(series, sentence, m, text, mentions, mi)
            spk = indirect_speaker(doc, toks, lex, base)
            if spk:
                earlier.speaker, earlier.speaker_start = spk
            out.append(earlier)
            continue
        if series is not None and noun is None and REVISED.search(doc.text[: m.start - base]):
            # "The ministry later revised the figure to 53,000": the same figure, corrected
            revision = _earlier_value(series, sentence, m, text, mentions, mi)
            revision.notes = ["revision"]
            revision.tense = series.tense
            revision.speaker, revision.speaker_start = series.speaker, series.speaker_start
            spk = indirect_speaker(doc, toks, lex, base)
            if spk:
                revision.speaker, revision.speaker_start = spk
            out.append(revision)
            continue
        if noun is not None and unit_info is None:
            if lex.is_excluded(noun.lemma_, noun.text):
                dropped.append(Dropped(m, f"counts {noun.text}"))
                continue
            if gaz.demonym(noun.text) or (
                noun.tag_ == "NNPS" and re.search(r"(?:ans|ese|is|ers|ites)$", noun.text)
            ):
                unit_info = ("people", 1.0)  # "Russians", "Floridians", "Gazans"
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
            elif (
                anchor_tok.dep_ in ("nsubj", "nsubjpass")
                or anchor_tok.head.dep_ in ("nsubj", "nsubjpass")
                or ELLIPSIS_AFTER.match(doc.text[rel_e:])
                or counted_by_subject(anchor_tok) is not None
                or LIVING_IN.search(doc.text[: m.start - base])
                # "Poland alone had received over 1.2m": the object of a movement verb
                or _object_of_movement(anchor_tok, lex)
            ):
                unit_info = (
                    "people",
                    1.0,
                )  # "15,000 a day", "some 52,000 from Libya", "the number ... rose to 42,000"
            else:
                dropped.append(Dropped(m, "counts nothing named"))
                continue
        unit, factor = unit_info
        if (
            noun is not None
            and noun.lemma_.lower() in ("crossing", "entry", "checkpoint")
            and m.value < 10
        ):
            dropped.append(Dropped(m, "crossing points, not crossings"))
            continue
        if m.value * factor < 2 and unit in ("people", "families", "households", "vehicles"):
            dropped.append(Dropped(m, "a single person"))
            continue
        cs, ce = clause_bounds(text, sentence.start, sentence.end, m.start)
        clause_text = text[cs:ce]
        anchor = noun if noun is not None else toks[-1]
        foreign = (
            foreign_verb(anchor, lex) if unit in ("people", "families", "households") else None
        )
        in_line = foreign is not None and (
            foreign.lemma_.lower() in IDLE
            and (LINE_WORDS.search(clause_text) or AT_THE_BORDER.search(clause_text))
        )
        if foreign is not None and not in_line:
            dropped.append(Dropped(m, f"{foreign.text}, not movement"))
            continue
        gov = movement_of(anchor, lex)
        if in_line and foreign is not None:
            gov = (foreign, "waited", "subject")  # "Thousands of men sat in a line of cars"
        term, term_source, verb = None, "", None
        agent: tuple[int, int] | None = None
        direct = first_verb(anchor)
        if (
            unit in ("people", "families", "households")
            and direct is not None
            and direct.lemma_.lower() not in lex.movement
            and is_presence(direct, doc.text[direct.idx + len(direct.text) : direct.idx + 90])
            and (gov is None or gov[0].i != direct.i)
        ):
            gov = (direct, "hosted", "subject")  # "7,000 are now staying in Wadi Halfa, waiting"
        if unit in ("people", "families", "households") and HOMELESS.search(clause_text):
            gov = (direct or anchor, "displaced", "subject")  # "left homeless by the floods"
        elif (
            unit in ("people", "families", "households")
            and (gov is None or gov[1] in ("arrived", "fled"))
            and not (gov is not None and gov[0].pos_ == "VERB")
            and LIVING_IN.search(doc.text[: m.start - base])
        ):
            # "the Rohingya population in Cox's Bazar was estimated at 307,500"
            gov = (direct or anchor, "hosted", "subject")
        if (
            gov is None
            and direct is not None
            and direct.lemma_.lower() in ("gather", "mass", "crowd")
            and unit == "people"
            and AT_THE_BORDER.search(clause_text)
            and not GATHERING.search(doc.text)
        ):
            gov = (direct, "waited", "subject")  # "20,000 had gathered at the checkpoint"
        if gov is not None:
            verb, term, role = gov
            relation = role_of(noun, verb) if noun is not None else "subject"
            countable = unit in ("people", "families", "households") or (
                unit == "vehicles" and term != "queued"
            )
            if (
                relation == "oblique"
                and noun is not None
                and (
                    noun.head.idx == m.start - base
                    or not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
                )
            ):
                # "over 12,000 persons have crossed": the qualifier's "over", or a verb left
                # without a subject by a misparse ("since 21 September over 12,000 persons")
                relation = "subject"
            if countable and role == "subject" and relation in ("object", "oblique"):
                dropped.append(Dropped(m, f"{relation} of {verb.text}, not moving"))
                continue
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            if (
                countable
                and verb.lemma_.lower() in TRANSITIVE_ONLY
                and relation == "subject"
                and not passive
                and noun is not None
                and noun.dep_ != "expl"
            ):
                dropped.append(Dropped(m, f"the subject of {verb.text}, not the people moved"))
                continue
            term_source = "verb"
            if role == "object" and relation != "subject" and not passive:
                agent = subject_span(verb, base, anchor)  # "Kazakhstan has deported 38 Russians"
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
        if term is None and unit in ("hours", "days") and WAITED.search(clause_text):
            term, term_source = "waited", "sentence"
        if term is None and unit == "vehicles" and QUEUE.search(clause_text):
            term, term_source = "queued", "sentence"
        if (
            term is None
            and unit == "km"
            and QUEUE.search(doc.text[max(0, rel_s - 60) : rel_e + 40])
        ):
            term, term_source = "queued", "sentence"  # "backed up for about 30 miles"
        if term is None and inherited_from is not None:
            term, term_source = inherited_from.term, "context"
        if (
            term is None
            and ORDER.search(clause_text)
            and unit in ("people", "families", "households")
        ):
            term, term_source = "evacuated", "sentence"  # "ordered some 300,000 people out"
        if term is None and noun is not None:  # "64,000 departures": the noun says it
            mv = lex.movement.get(noun.lemma_.lower())
            if mv is not None:
                term, term_source = mv.term, "noun"
        own_verb = first_verb(anchor)
        free = own_verb is None or own_verb.lemma_.lower() in NEUTRAL_VERBS
        if term is None and free:
            # the number's own verb says nothing ("are", "reached"): a movement verb elsewhere
            # in the sentence may ("... have crossed; on Monday alone, 5,000")
            for t in doc:
                mv = lex.movement.get(t.lemma_.lower())
                if (
                    mv is not None
                    and mv.kind == "verb"
                    and t.pos_ == "VERB"
                    and not is_other_number_verb(t, toks)
                ):
                    term, term_source = mv.term, "sentence"
                    break
        if (
            term is None
            and free  # "to help 2 million people": the number's own verb says what it is
            and previous_terms
            and unit in ("people", "vehicles", "families", "households")
        ):
            term, term_source = previous_terms[-1], "context"
        if term is None:
            dropped.append(Dropped(m, "no movement"))
            continue
        if REFUSED.search(clause_text):
            dropped.append(Dropped(m, "refused entry"))
            continue
        # measure
        if unit in ("hours", "days"):
            if term not in ("waited", "queued") and not WAITED.search(clause_text):
                dropped.append(Dropped(m, "a duration, not a wait"))
                continue
            measure, term = "wait_time", "waited"
        elif unit == "km" or (
            unit == "vehicles" and QUEUE.search(clause_text) and term in ("waited", "queued")
        ):
            near = doc.text[max(0, rel_s - 60) : rel_e + 40]
            if (
                unit == "km"
                and not (term == "queued" and term_source == "verb")
                and not QUEUE.search(near)
            ):
                dropped.append(Dropped(m, "a distance, not a queue"))
                continue
            measure, term = "queue_length", "queued"
        elif term in ("waited", "queued"):
            if (
                unit == "people"
                and term == "waited"
                and not LINE_WORDS.search(clause_text)
                and not AT_THE_BORDER.search(clause_text)
            ):
                measure, term = "stock", "hosted"  # "7,000 migrants are waiting in the town"
            else:
                measure, term = "queue_length", "queued"
        elif term == "hosted" and unit == "people" and AT_THE_BORDER.search(clause_text):
            measure, term = "queue_length", "queued"  # "13,000 were waiting along the border"
        elif term == "hosted" or (verb_for_tense is not None and is_stock(verb_for_tense, term)):
            measure = "stock"
        else:
            measure = "flow"
        rate = "total"
        if measure == "flow":
            # the rate words of this number's own stretch of the clause, not its neighbour's:
            # "53,000 have entered since Sept. 21, ... with some 10,000 now arriving every day"
            seg_s, seg_e = own_stretch(text, cs, ce, mentions, mi)
            found = rate_in(text[seg_s:seg_e])
            if found:
                rate = found
            elif inherited_from is not None and not TOTAL_WORDS.search(text[seg_s:seg_e]):
                rate = inherited_from.rate  # "20,000 a day, 25,000 on Sunday" but not "a total of"
            future = tense(verb_for_tense) == "future" or FORECAST.search(clause_text)
            if term == "displaced" and rate == "total" and not future:
                measure = "stock"  # people displaced: a stock of IDPs unless a rate or a forecast
        modality = "reported"
        if is_order(clause_text):
            modality = "order"
        else:
            # the forecast words of this number's own stretch: "150,000 have fled, according to
            # the agency, which warned that 860,000 could leave" forecasts only the 860,000
            seg_s, seg_e = own_stretch(text, cs, ce, mentions, mi)
            if tense(verb_for_tense) == "future" or FORECAST.search(
                text[seg_s : m.start] + " " + text[m.end : seg_e]
            ):
                modality = "forecast"
        pop: tuple[str, tuple[int, int] | None] | None = None
        if noun is not None and unit in ("people", "families", "households"):
            pop = population(doc, noun, whole, base)
        elif inherited_from is not None:
            pop = (
                (inherited_from.population, inherited_from.population_span)
                if inherited_from.population
                else None
            )
        if pop is None and unit not in ("people", "families", "households"):
            pop = subject_population(verb_for_tense, whole, base, doc)
        spk = indirect_speaker(doc, toks, lex, base)
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
            tense=tense(verb_for_tense),
            clause=(cs, ce),
            population=pop[0] if pop else None,
            population_span=pop[1] if pop else None,
            noun=noun.text if noun is not None else None,
            speaker=spk[0] if spk else None,
            speaker_start=spk[1] if spk else None,
            speaker_via=speech_via(doc.text, lex) if spk else None,
            agent=agent,
            inherited=inherited_from is not None,
        )
        of_whole = out[-1] if out else None
        if (
            of_whole is not None
            and PART_OF.search(doc.text[max(0, rel_s - 25) : rel_s])
            and m.start - of_whole.mention.end < 60
        ):
            # "estimated at 307,500, including 33,000 registered refugees": a part is the same
            # kind of figure as its whole
            cand.measure, cand.term = of_whole.measure, of_whole.term
            cand.modality = of_whole.modality
        out.append(cand)
    return out, dropped
