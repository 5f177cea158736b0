"""From a cleaned document to facts: screen, parse what can hold a fact, analyse, resolve.

Most sentences of a news article carry no figure.  The screen keeps sentences with a number that
is not part of a date; only those go through spaCy, each with the quote and paragraph context
already worked out on the whole text by fast rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from exodus.extract.figures import Candidate, Dropped, analyse_sentence
from exodus.extract.lexicon import (
    Lexicon,
    has_cue,
    is_relevant,
    load_lexicon,
    movement_terms_in_text,
)
from exodus.extract.quotes import find_quotes
from exodus.extract.sentences import Sentence, split_sentences
from exodus.models import CleanDocument, Fact
from exodus.resolve.confidence import IDENTITY, Calibration
from exodus.resolve.context import Context
from exodus.resolve.dates import find_time_expressions
from exodus.resolve.document import fill_from_document, release_speaker, with_speaker
from exodus.resolve.facts import build_fact
from exodus.resolve.gazetteer import Gazetteer
from exodus.resolve.numbers import NumberMention, find_numbers
from exodus.resolve.published import as_of_date, infer_published


@dataclass
class Extraction:
    facts: list[Fact]
    dropped: list[Dropped] = field(default_factory=list)
    published: date | None = None
    published_inferred: bool = False
    sentences: int = 0
    parsed: int = 0


def _shift(m: NumberMention, by: int) -> NumberMention:
    return replace(m, start=m.start + by, end=m.end + by, num_start=m.num_start + by)


def screen(sentence: Sentence) -> list[NumberMention]:
    """Cardinal numbers in a sentence that are not part of a date or a duration-ago."""
    mentions = [m for m in find_numbers(sentence.text) if m.kind == "cardinal"]
    if mentions:
        times = [(e.start, e.end) for e in find_time_expressions(sentence.text)]
        kept_mentions = []
        for m in mentions:
            clash = [te for ts, te in times if m.start < te and ts < m.end]
            if not clash:
                kept_mentions.append(m)
            elif max(clash) < m.end:
                # "since Aug. 25 to 87,000": the date took the range's first number; read the rest
                rest = sentence.text[max(clash) : m.end]
                kept_mentions += [
                    replace(
                        r,
                        start=r.start + max(clash),
                        end=r.end + max(clash),
                        num_start=r.num_start + max(clash),
                    )
                    for r in find_numbers(rest)
                    if r.kind == "cardinal"
                ]
        mentions = kept_mentions
    kept = mentions + article_units(sentence.text, mentions)
    if not kept:
        return []
    kept.sort(key=lambda m: m.start)
    return [_shift(m, sentence.start) for m in merge_from_to(sentence.text, kept)]


_ARTICLE_UNIT = re.compile(
    r"(?P<q>\b(?:more than|over|about|around|nearly|almost|up to|at least|less than|just under|roughly|for|waited|spent|took)\s+)?"
    r"\b(?P<a>an?)\s+(?P<u>hour|day|week|mile|kilometre|kilometer|km)\b(?P<half>\s+and\s+a\s+half)?"
    r"(?!\s+(?:ago|earlier|later|before|after|or two))",
    re.I,
)
_ARTICLE_QUALIFIER = {
    "more than": "more_than", "over": "more_than", "at least": "at_least", "about": "about",
    "around": "about", "roughly": "about", "nearly": "nearly", "almost": "nearly",
    "just under": "nearly", "up to": "up_to", "less than": "less_than",
}  # fmt: skip


def article_units(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "more than a day", "an hour and a half", "nearly a kilometer": waits and queues of one."""
    out = []
    for m in _ARTICLE_UNIT.finditer(text):
        hedge = (m.group("q") or "").strip().lower()
        if not hedge and not m.group("half"):
            continue  # a bare "a day" is a rate ("10,000 a day"), not a figure
        if any(x.start < m.end() and m.start() < x.end for x in mentions):
            continue
        if re.search(r"\d[\d,.]*\s*$", text[: m.start()]):
            continue
        value = 1.5 if m.group("half") else 1.0
        qualifier = _ARTICLE_QUALIFIER.get(hedge, "exact")
        start = m.start() if hedge in _ARTICLE_QUALIFIER else m.start("a")
        low = value if qualifier in ("more_than", "at_least") else None
        high = value if qualifier in ("nearly", "up_to", "less_than") else None
        out.append(
            NumberMention(
                start,
                m.end("a"),
                m.start("a"),
                text[start : m.end("a")],
                value,
                low,
                high,
                qualifier,
                "cardinal",
            )
        )
    return out


_FROM = re.compile(r"\b(?:anywhere\s+|somewhere\s+)?from\s+$", re.I)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rise|rises|rose|risen|rising|increas\w*|grow\w*|grew|jump\w*|climb\w*|fall\w*|fell|"
    r"drop\w*|declin\w*|doubl\w*|tripl\w*|surg\w*|soar\w*|up|down|went|gone|go|cut|reduc\w*|"
    r"revis\w*|chang\w*|swell\w*|swollen|shrunk|shrank|eas\w*|slow\w*)\s+(?:\w+\s+)?$",
    re.I,
)


def merge_from_to(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "anywhere from 2,000 to 3,000 people a day" is a range, unlike "rose from 2,000 to 3,000"."""
    out: list[NumberMention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        before = text[max(0, m.start - 30) : m.start]
        f = _FROM.search(before)
        if (
            nxt is not None
            and f is not None
            and re.fullmatch(r"\s+to\s+", text[m.end : nxt.start])
            and not _CHANGE_BEFORE.search(before[: f.start()])
            and m.value < nxt.value
        ):
            start = m.start - (len(before) - f.start())
            out.append(
                replace(
                    nxt, start=start, num_start=m.num_start, text=text[start : nxt.end],
                    value=(m.value + nxt.value) / 2, low=m.value, high=nxt.value, qualifier="range",
                )
            )  # fmt: skip
            i += 2
            continue
        out.append(m)
        i += 1
    return out


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def sentence_case(text: str, gaz: Gazetteer) -> str:
    """A Title Case Headline as a sentence, for the parser ("Thousands Of Russians Flee To
    Georgia" -> "Thousands of Russians flee to Georgia"): words that are not names of places or
    peoples, nor acronyms, lose their capital.  Same length, so offsets are unchanged."""
    words = list(_WORD.finditer(text))
    if len(words) < 4 or text.isupper():
        return text
    if sum(w.group()[0].isupper() for w in words) < 0.8 * len(words):
        return text
    out = list(text)
    i = 1
    while i < len(words):
        for n in (3, 2, 1):  # longest place name first ("Upper Lars", "South Sudan")
            span = text[words[i].start() : words[min(i + n, len(words)) - 1].end()]
            if (n == 1 or i + n <= len(words)) and (
                gaz.lookup(span) is not None or (n == 1 and gaz.demonym(span))
            ):
                break
        else:
            n = 0
        if n:
            i += n
            continue
        w = words[i].group()
        if not (len(w) > 1 and w.isupper()):  # acronyms stay (FSB, UN)
            out[words[i].start()] = w[0].lower()
        i += 1
    return "".join(out)


_ABBREVIATED = re.compile(r"\b(\d[\d,.]*)[kKmM]\b")


def parse_form(text: str, gaz: Gazetteer) -> str:
    """The sentence as the parser should see it, same length so offsets hold: Title Case
    headlines sentence-cased, and abbreviated numbers ("147k", "1.2m") written as plain numbers
    the parser tags as numbers (the value comes from the number grammar, not from the parse)."""
    return _ABBREVIATED.sub(lambda m: m.group(1) + "0", sentence_case(text, gaz))


class Extractor:
    """Holds the loaded resources; ``extract`` is pure given them."""

    def __init__(
        self,
        nlp: Any,
        gazetteer: Gazetteer,
        lexicon: Lexicon | None = None,
        *,
        full_parse: bool = False,
        calibration: Calibration = IDENTITY,
    ) -> None:
        self.calibration = calibration  # raw score -> confidence (resolve/confidence.py)
        self.nlp = nlp
        self.gaz = gazetteer
        self.lex = lexicon or load_lexicon()
        self.full_parse = full_parse  # the reference mode for benchmarks: parse every sentence

    def _select(self, sentences: list[Sentence]) -> list[tuple[Sentence, list[NumberMention]]]:
        """Sentences to parse, with their numbers.

        The reference mode parses every sentence.  The screened mode skips a document with no
        movement, people or queue word at all, and parses a sentence only when it has a number
        that is not a date and such a word in it or in the two sentences before it.
        """
        if self.full_parse:
            return [(s, screen(s)) for s in sentences]
        if not any(is_relevant(s.text) for s in sentences):
            return []
        cues = [has_cue(s.text) for s in sentences]
        out = []
        for i, s in enumerate(sentences):
            if not (cues[i] or any(cues[max(0, i - 2) : i])):
                continue
            mentions = screen(s)
            if mentions:
                out.append((s, mentions))
        return out

    def extract(self, doc: CleanDocument) -> Extraction:
        text = doc.text
        published = doc.published
        inferred = False
        if published is None:
            published = infer_published(text, doc.original, self.lex.events)
            inferred = published is not None
        default_year = published.year if published else None
        sentences = split_sentences(text)
        to_parse = self._select(sentences)
        if not to_parse:  # nothing can hold a fact: the date is all this document gives
            return Extraction(
                facts=[], published=published, published_inferred=inferred,
                sentences=len(sentences), parsed=0,
            )  # fmt: skip
        ctx = Context(
            source=doc.source, text=text, offsets=doc.offsets, published=published,
            published_inferred=inferred, default_year=default_year, quotes=find_quotes(text),
            gaz=self.gaz, lex=self.lex, header=doc.original[:1000],
            reference=as_of_date(doc.original, default_year), calibration=self.calibration,
        )  # fmt: skip
        docs = self.nlp.pipe([parse_form(s.text, self.gaz) for s, _ in to_parse], batch_size=64)
        parsed = {s.index: (d, ms) for (s, ms), d in zip(to_parse, docs, strict=True)}
        facts: list[Fact] = []
        dropped: list[Dropped] = []
        previous: Candidate | None = None  # the last figure of the sentence before
        last_fact: Fact | None = None
        since: date | None = None
        for s in sentences:
            entry = parsed.get(s.index)
            if entry is not None and entry[1]:
                sdoc, ms = entry
                before = sentences[s.index - 1].text if s.index > 0 else ""
                cands, drops = analyse_sentence(
                    sdoc, s, ms, self.lex, movement_terms_in_text(before), text, self.gaz, previous
                )
                dropped.extend(drops)
                denied = s.index + 1 < len(sentences) and _DENIED_NEXT.match(
                    sentences[s.index + 1].text
                )
                for cand in cands:
                    if denied:  # "I have seen claims that 700,000 have left. That is not true."
                        dropped.append(Dropped(cand.mention, "a denied figure"))
                        continue
                    fact = build_fact(ctx, cand, last_fact, since)
                    if "revision" in cand.notes and facts and _revises(fact, facts[-1]):
                        facts.pop()  # the superseded figure is not a fact
                    if "since" in fact.notes and fact.period_start is not None:
                        since = fact.period_start
                    facts.append(fact)
                    last_fact = fact
                previous = cands[-1] if cands else None
            else:
                previous = None
        return Extraction(
            facts=dedupe(fill_from_document(ctx, _with_release_speaker(ctx, facts))), dropped=dropped, published=published, published_inferred=inferred,
            sentences=len(sentences), parsed=len(to_parse),
        )  # fmt: skip


_DENIED_NEXT = re.compile(
    r"^\W*(?:that|this|it|which|the\s+(?:figure|number|claim|report))\s+(?:is|was|'s)\s+"
    r"(?:simply\s+|just\s+|completely\s+|absolutely\s+)?(?:not\s+true|untrue|false|a\s+lie|"
    r"wrong|nonsense|fake|fiction|a\s+fabrication|an?\s+exaggeration|exaggerated|propaganda)\b",
    re.I,
)


def _revises(fact: Fact, earlier: Fact) -> bool:
    """Whether ``fact`` corrects ``earlier`` (same kind of figure, another number)."""
    return (fact.measure, fact.unit, fact.rate) == (
        earlier.measure,
        earlier.unit,
        earlier.rate,
    ) and fact.value != earlier.value


def _with_release_speaker(ctx: Context, facts: list[Fact]) -> list[Fact]:
    speaker = ctx.lex.canonical(release_speaker(ctx, facts))
    if speaker is None:
        return facts
    return [f if f.speaker else with_speaker(ctx, f, speaker) for f in facts]


def _key(f: Fact) -> tuple[Any, ...]:
    # a figure restated with or without its hedge ("Twenty thousand", "About 20,000") is one
    # fact; another rounding ("more than 30,000" beside "31,000") is another
    hedged = f.qualifier not in ("exact", "about")
    return (f.measure, f.unit, f.value, f.rate) + ((f.low, f.high, f.qualifier) if hedged else ())


def _compatible(a: Fact, b: Fact) -> bool:
    def same(x: Any, y: Any) -> bool:
        return x is None or y is None or x == y

    return (
        same(a.origin.country if a.origin else None, b.origin.country if b.origin else None)
        and same(
            a.destination.country if a.destination else None,
            b.destination.country if b.destination else None,
        )
        and same(a.period_end, b.period_end)
    )


def _filled(f: Fact) -> int:
    return sum(
        x is not None
        for x in (
            f.origin,
            f.destination,
            f.place,
            f.period_start,
            f.period_end,
            f.speaker,
            f.population,
        )
    )


def _is_headline(f: Fact) -> bool:
    """A headline or standfirst: a short line with no closing punctuation."""
    s = f.evidence.sentence.strip()
    return bool(s) and s[-1] not in ".!?\"'" and len(s.split()) <= 30


_RESTATED = re.compile(
    r"^\W*(?:the|this|that)\s+(?:\w+\s+){0,2}?(?:figure|number|total|count|tally|estimate)\b"
    # "..., said that the number had passed 1 million": the headline figure, said again
    r"|\bthe\s+(?:\w+\s+)?(?:figure|number|total|count|tally)\s+(?:had\s+|has\s+|now\s+)*"
    r"(?:passed|reached|topped|exceeded|surpassed|crossed|hit|stood\s+at|stands\s+at)\b",
    re.I,
)


def dedupe(facts: list[Fact]) -> list[Fact]:
    """A figure repeated in one document is one fact: a headline restating the lead, a summary
    repeating a paragraph.  The most complete statement of it is kept, where the first stood."""
    body = {(f.measure, f.unit, f.value) for f in facts if not _is_headline(f)}
    # a headline restating a body figure (often without its qualifier) is the same fact
    facts = [f for f in facts if not (_is_headline(f) and (f.measure, f.unit, f.value) in body)]
    out: list[Fact] = []
    for f in facts:
        if _RESTATED.search(f.evidence.sentence) and any(
            (k.unit, k.value) == (f.unit, f.value) for k in out
        ):
            continue  # "The figure reported by Novaya Gazeta is 261,000": said already
        for i, kept in enumerate(out):
            if _key(kept) == _key(f) and _compatible(kept, f):
                if _filled(f) > _filled(kept):
                    out[i] = f
                break
        else:
            out.append(f)
    return out
