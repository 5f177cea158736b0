"""Direct quotes and who said them.

Quote marks are plain ``"`` after cleaning (curly and mismatched marks are normalised), so quotes
pair by alternation within a paragraph; a paragraph that opens a quote without closing it
continues into the next paragraph that starts with a mark (the newspaper convention).

Attribution is read from the words right after a quote (``"...," the minister told reporters
Tuesday``, ``"...," said Gomelauri``) or right before it (``The minister said: "..."``).  A quote
with no attribution of its own that follows an attributed one takes the same speaker; a pronoun
speaker (``he said``) is resolved to the last named speaker or titled person before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exodus.extract.speakers import person_mentions, tidy_speaker
from exodus.resources import read_lines

_PRONOUNS = {"he", "she", "they", "we", "i", "it"}


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark
    speaker: str | None
    speaker_start: int | None
    via: str | None  # the outlet the speaker talked to ("told Reuters")
    said_at: tuple[int, int] | None  # span of the attribution text after the verb (for dates)
    pronoun: bool = False

    def contains(self, offset: int) -> bool:
        return self.start < offset < self.end


def _verbs_pattern() -> str:
    forms = []
    for lemma in read_lines("reporting_verbs.txt"):
        forms += _inflect(lemma)
    forms += ["according to"]
    return "|".join(sorted(set(forms), key=len, reverse=True))


def _inflect(lemma: str) -> list[str]:
    irregular = {"say": ["said", "says", "saying"], "tell": ["told", "tells", "telling"],
                 "write": ["wrote", "writes"], "quote": ["quoted", "quotes"],
                 "show": ["showed", "shows", "shown"], "plan": ["planned", "plans"],
                 "forecast": ["forecast", "forecasts"]}  # fmt: skip
    if lemma in irregular:
        return irregular[lemma]
    if lemma.endswith("e"):
        return [lemma + "d", lemma + "s"]
    if lemma.endswith("y"):
        return [lemma[:-1] + "ied", lemma[:-1] + "ies"]
    return [lemma + "ed", lemma + "s"]


_VERBS = _verbs_pattern()
_NAME_CHUNK = r"[^\"\n.;:!?]{1,140}?"
_AFTER_SPEAKER_VERB = re.compile(
    r"^\s*,?\s*(?P<spk>"
    + _NAME_CHUNK
    + r")\s+(?P<verb>"
    + _VERBS
    + r")\b(?P<rest>[^\"\n]*?)(?:[.!?]|$)"
)
_AFTER_VERB_SPEAKER = re.compile(
    r"^\s*,?\s*(?P<verb>said|says|added|adds|told|wrote|explained|noted)\s+(?P<spk>[^\"\n.;:!?]{2,140}?)(?:[.!?]|$)"
)
_BEFORE = re.compile(
    r"(?P<spk>[A-Z][^\"\n.;!?]{1,140}?)\s+(?P<verb>"
    + _VERBS
    + r")\b(?P<rest>[^\"\n.]{0,60}?)\s*[:,]?\s*$"
)
_COLON = re.compile(
    r"(?P<spk>[A-Z][^\"\n.;!?:]{1,140}?)\s+(?:"
    + _VERBS
    + r"|described|describes|recalled|recalls|put it|summed it up|spoke)\b[^\"\n.;!?:]{0,60}$"
)
_VIA = re.compile(
    r"\b(?:told|according to|in an interview with|speaking to|cited by)\s+(?P<via>(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)"
)


def find_quotes(text: str) -> list[Quote]:
    """Every direct quote in ``text`` with its speaker, when the text says who it is."""
    spans = _quote_spans(text)
    outlets = set(read_lines("outlets.txt"))
    quotes: list[Quote] = []
    for qs, qe in spans:
        if _is_term(text[qs:qe]):
            continue  # scare quotes around a word or a title ("a "partial" mobilisation")
        quote = _attribute(text, qs, qe, outlets)
        if quote.speaker is None:
            quote = _announced(text, quote)
        if quote.speaker is None and quotes:
            prev = quotes[-1]
            between = text[prev.end : qs]
            if prev.speaker and '"' not in between and len(between) < 200:
                quote = Quote(
                    qs, qe, prev.speaker, prev.speaker_start, prev.via, prev.said_at, prev.pronoun
                )
        if quote.speaker is None:
            quote = _introduced(text, quote)
        quotes.append(quote)
    return [_resolve_pronoun(text, q, quotes) for q in quotes]


def _announced(text: str, q: Quote) -> Quote:
    """A quote the sentence before announces with a colon ("A border official described the
    scene:", "Olga Petrova put it this way:")."""
    before = text[max(0, q.start - 300) : q.start].rstrip()
    if not before.endswith(":"):
        return q
    line = re.split(r"\n|(?<=[.!?])\s", before[:-1])[-1]
    m = _COLON.search(line)
    if m is None or not _plausible_speaker(m.group("spk")):
        return q
    start = q.start - len(before) + before.rfind(line) + m.start("spk")
    return Quote(q.start, q.end, _tidy(m.group("spk")), start, None, None)


def _introduced(text: str, q: Quote) -> Quote:
    """A quote with no attribution of its own, said by the person the next sentence introduces
    ("Olga Petrova, 29, arrived on Sunday with her two children.")."""
    for pos, name, titled in person_mentions(text):
        if not titled and pos >= q.end and not text[q.end : pos].strip(" \n,.;"):
            return Quote(q.start, q.end, name, pos, None, None)
    return q


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    para_start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            nxt = text[i + 1 : i + 3].lstrip()
            if open_at is not None and not nxt.startswith('"'):
                spans.append((open_at, i))
                open_at = None
            para_start = i + 1
            continue
        if ch != '"':
            continue
        if open_at is None:
            open_at = i
        elif text[open_at:i].count("\n") and i - 1 >= 0 and text[para_start:i].strip() == "":
            continue  # the mark reopening a continued quote at a paragraph start
        else:
            spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _is_term(quoted: str) -> bool:
    """A few quoted words with no sentence in them: a term, a slogan or a title, not speech."""
    inner = quoted.strip('"').strip()
    return len(inner.split()) <= 4 and not re.search(r"[.!?,]$", inner)


def _attribute(text: str, qs: int, qe: int, outlets: set[str]) -> Quote:
    tail = text[qe : qe + 240]
    for pat in (_AFTER_SPEAKER_VERB, _AFTER_VERB_SPEAKER):
        m = pat.match(tail)
        if m and _plausible_speaker(m.group("spk")):
            spk = _tidy(m.group("spk"))
            spk_start = qe + m.start("spk") + (len(m.group("spk")) - len(m.group("spk").lstrip()))
            rest_span = (qe + m.start("verb"), qe + m.end())
            via = _via(text[rest_span[0] : rest_span[1]], outlets)
            return Quote(qs, qe, spk, spk_start, via, rest_span, spk.lower() in _PRONOUNS)
    line_start = max(text.rfind("\n", 0, qs), text.rfind('"', 0, qs), text.rfind(". ", 0, qs))
    head = text[line_start + 1 : qs]
    m = _BEFORE.search(head)
    if m and _plausible_speaker(m.group("spk")):
        spk = _tidy(m.group("spk"))
        base = line_start + 1
        rest_span = (base + m.start("verb"), base + m.end())
        via = _via(text[rest_span[0] : rest_span[1]], outlets)
        return Quote(qs, qe, spk, base + m.start("spk"), via, rest_span, spk.lower() in _PRONOUNS)
    return Quote(qs, qe, None, None, None, None)


def _plausible_speaker(spk: str) -> bool:
    words = (tidy_speaker(spk) or "").split()
    if not words or len(words) > 16:
        return False
    return not (words[0].lower() in ("but", "and", "so", "if", "when") and len(words) > 1)


def _tidy(spk: str) -> str:
    return tidy_speaker(spk) or spk.strip()


def _via(rest: str, outlets: set[str]) -> str | None:
    m = _VIA.search(rest)
    if not m:
        return None
    name = m.group("via")
    name = re.sub(r"^the\s+", "", name)
    for outlet in sorted(outlets, key=len, reverse=True):
        if name.startswith(outlet) or name.startswith(re.sub(r"^The\s+", "", outlet)):
            return outlet
    return None


def _resolve_pronoun(text: str, q: Quote, quotes: list[Quote]) -> Quote:
    if not q.pronoun or q.speaker_start is None or (q.speaker or "").lower() not in ("he", "she"):
        return q
    spoken = [
        (p.speaker_start, p.speaker)
        for p in quotes
        if p.speaker and not p.pronoun and p.speaker_start is not None
    ]
    name = last_person(text, q.speaker_start, spoken, quotes)
    if name is None:
        return q
    return Quote(q.start, q.end, name, q.speaker_start, q.via, q.said_at, pronoun=False)


def last_person(
    text: str, at: int, spoken: list[tuple[int, str]], quotes: list[Quote] | None = None
) -> str | None:
    """The person "he" or "she" at ``at`` refers to: the last person who spoke or was introduced
    ("Marina, 41, ...") before it, not one a quote talks about; a titled name in passing
    ("President Vladimir Putin") only when nobody else is in sight."""
    mentions = [m for m in person_mentions(text) if not any(q.contains(m[0]) for q in quotes or [])]
    named = [(pos, name) for pos, name, titled in mentions if not titled]
    titled = [(pos, name) for pos, name, t in mentions if t]
    for pool in (spoken + named, titled):
        before = [(pos, name) for pos, name in pool if pos < at and is_person(name)]
        if before:
            return max(before)[1]
    return None


_BODY_WORDS = re.compile(
    r"\b(?:ministry|agency|directorate|service|police|government|office|guards?|authorit\w*|"
    r"council|committee|department|administration|media|patrol|officials|witnesses|residents|"
    r"volunteers|people|drivers|others|Kremlin|Pentagon|House|many|some|several|most|those|all|"
    r"both|group|organi[sz]ation|commission|forces|army|military|navy|agencies|charity)\b",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:minister|spokes(?:man|woman|person)|official|governor|mayor|head|chief|director|"
    r"commander|president|premier|ambassador|envoy|commissioner|secretary|coordinator|"
    r"representative|officer|superintendent|supervisor|manager|master|driver|engineer|doctor|"
    r"nurse|volunteer|worker|resident|witness|man|woman|mother|father|student|teacher|farmer|"
    r"pharmacist|lawyer|activist|priest|leader|founder|analyst|researcher)\b",
    re.I,
)
_FULL_NAME = re.compile(r"^(?:[A-Z][a-z'’-]+\s+){1,3}[A-Z][a-z'’-]+\.?$")


def is_person(name: str) -> bool:
    """One person ("a driver", "Dmitry, 27, a software tester", "police superintendent Stein
    Arild Nilsen"), not a body or a group ("the police", "witnesses", "Border Patrol", "UNHCR")."""
    parts = [p.strip() for p in name.split(",") if p.strip()]
    if not parts or parts[0].lower() in _PRONOUNS:
        return False
    head = parts[0].split()
    if _BODY_WORDS.fullmatch(head[-1].strip(".")) or re.fullmatch(r"[A-Z]{2,}", head[-1]):
        return False
    for part in parts:
        words = part.split()
        if _BODY_WORDS.fullmatch(words[-1].strip(".")):
            continue
        if (
            _ROLE_WORDS.search(part)
            or _FULL_NAME.match(part)
            or re.fullmatch(r"(?:aged\s+)?\d{1,2}", part)
        ):
            return True
        if words[0].lower() in ("a", "an") and not words[-1].endswith("s"):
            return True
    return False
