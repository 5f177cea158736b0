"""A number grammar for English news text: digits, words, hedges, ranges and vague magnitudes.

``find_numbers`` scans a text left to right and returns every number mention, longest match
first, non-overlapping; ``parse_number`` reads one whole string as a single mention.  The
value/low/high/qualifier conventions are those of FACTS.md (``nearly 100,000`` has high 100000,
``five to six thousand`` is the range 5000..6000 with value 5500, ``tens of thousands`` is vague
10000..99999 with value 10000).  Pure functions over strings, ``re`` only.

A mention is a numeral (:mod:`exodus.resolve.numerals`) with what surrounds it: a hedge or a
"between", a second numeral that makes a range, a trailing "+" or "or more", and whether a bare
1900-2100 is a year.  Dates, clock times and phone numbers are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from exodus.resolve import number_words as W
from exodus.resolve.numerals import SP, Numeral, bad_before, prev_word, read_numeral

__all__ = ["NumberMention", "find_numbers", "parse_number"]


@dataclass(frozen=True)
class NumberMention:
    """One number as the text states it; offsets are into the string that was scanned."""

    start: int  # start of the whole mention, hedge word included ("nearly", "between")
    end: int  # exclusive end, multiplier word / unit suffix ("million", "%", "roubles") included
    num_start: int  # where the numeric part starts (after the hedge)
    text: str  # text[start:end]
    value: float  # exact number; range -> midpoint; vague magnitude -> lower bound
    low: float | None
    high: float | None
    qualifier: str  # exact, about, nearly, more_than, at_least, less_than, up_to, range, vague
    kind: str  # cardinal, year, ordinal, percent, money, decimal_fraction


_I = re.IGNORECASE


def _alts(items: Iterable[str]) -> str:
    return "|".join(
        re.escape(q).replace(r"\ ", SP + "+") for q in sorted(items, key=len, reverse=True)
    )


_QWORDS = [q for q in W.QUALIFIERS if q[0].isalpha()]
_QUALIFIER = re.compile(
    rf"(?:(?P<d>{_alts(q for q in _QWORDS if q.endswith('.'))}){SP}*"
    rf"|(?P<w>{_alts(q for q in _QWORDS if not q.endswith('.'))})\b{SP}+"
    rf"|(?P<s>~){SP}*)",
    _I,
)
_BETWEEN = re.compile(rf"between{SP}+", _I)
_RANGE_SEP = re.compile(rf"(?P<dash>{SP}*[-–—]{SP}*)|{SP}+(?P<w>to|or){SP}+", _I)
_BETWEEN_SEP = re.compile(rf"(?P<dash>{SP}*[-–—]{SP}*)|{SP}+(?P<w>and|to){SP}+", _I)
_SUFFIX_QUAL = re.compile(rf"\+(?![0-9A-Za-z])|-plus\b|{SP}+or{SP}+(?P<w>more|so|fewer|less)\b", _I)
_TZ = r"(?:[ap]\.?m\.?(?![A-Za-z])|(?-i:[A-Z]{1,2}[SD]?T|UTC|MSK|EEST|CEST|hrs?)\b|local\s+time)"
_CLOCK = r"[0-2]?[0-9][.:][0-5][0-9]"
# dates, clock times ("14:30", "16.05 BST"), and a time right after a date ("26.9.2022 11.05")
_DATE_TIME = re.compile(
    rf"(?:(?:[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}|[0-9]{{1,2}}[./-][0-9]{{1,2}}[./-][0-9]{{2,4}})"
    rf"(?:,?{SP}+(?:at{SP}+)?{_CLOCK}(?![0-9]))?"
    rf"|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?|{_CLOCK}(?={SP}*{_TZ}))"
    r"(?![0-9A-Za-z]|[.,:/-][0-9])",
    _I,
)
# an international phone number: "+41 79 000 00 00", "+7 (495) 123-45-67"
_PHONE = re.compile(r"\+[0-9]{1,3}(?:[ .\-\u00a0]?\(?[0-9]{1,4}\)?){2,}")
_TOKEN = re.compile(r"[0-9]+|[A-Za-z]+|[$€£¥₽₴₾₸~]")
_NEXT_WORD = re.compile(r"[\s,]*([A-Za-z]+)")


def _join(a: Numeral, b: Numeral, dash: bool) -> tuple[float, float, str, bool] | None:
    """``(low, high, kind, is_year)`` when ``a SEP b`` reads as one range, else None."""
    if a.low is not None or b.low is not None or a.qualifier or b.qualifier:
        return None
    if dash and not (a.digits and b.digits):
        return None
    lo, hi = a.value, b.value
    if b.scale > 1 and a.scale == 1 and a.kind != "ordinal" and 0 < lo < hi / b.scale:
        lo *= b.scale  # "five to six thousand", "5-6 million": the multiplier covers both ends
    kinds = {a.kind, b.kind} - {"cardinal"}
    if len(kinds) > 1 or ("ordinal" in kinds and a.kind != b.kind):
        return None
    kind = kinds.pop() if kinds else "cardinal"
    year = a.year and b.year and not a.decade
    if a.year and dash and b.digits and b.kind == "cardinal" and b.value < 100 and not b.year:
        hi = lo - lo % 100 + b.value  # "2014-15"
        year = True
    if not lo < hi:
        return None
    return lo, hi, kind, year


def _is_year(text: str, start: int, num_start: int, end: int, qualifier: str) -> bool:
    """Whether a bare 1900-2100 reads as a year here ("in 2022") rather than a count."""
    before = {prev_word(text, num_start), prev_word(text, start)}
    if W.YEAR_WORDS & before:
        return True
    m = _NEXT_WORD.match(text, end)
    if m and m.group(1).lower() in W.COUNT_NOUNS:
        return False
    return bool(W.YEAR_WORDS_WEAK & before) or qualifier not in (
        "more_than",
        "at_least",
        "less_than",
        "nearly",
    )


def _mention(text: str, pos: int) -> NumberMention | None:
    qualifier: str | None = None
    p = pos
    q = _QUALIFIER.match(text, pos)
    if q:
        phrase = re.sub(r"\s+", " ", (q.group("d") or q.group("w") or q.group("s")).lower())
        qualifier, p = W.QUALIFIERS[phrase], q.end()
    b = _BETWEEN.match(text, p)
    if b:
        p = b.end()
    c = read_numeral(text, p)
    if c is None:
        return None
    end, low, high, kind, value, year = c.end, c.low, c.high, c.kind, c.value, c.year
    joined = None
    sep = (_BETWEEN_SEP if b else _RANGE_SEP).match(text, c.end)
    if sep and not (sep.group("w") == "to" and prev_word(text, pos) == "from"):
        c2 = read_numeral(text, sep.end())
        if c2 and not (sep.group("dash") and _DATE_TIME.match(text, sep.end())):
            joined = _join(c, c2, bool(sep.group("dash")))
            if joined and sep.group("w") == "or" and joined[1] > 10 * joined[0]:
                joined = None  # "102 or 1414" are two numbers, "two or three thousand" one
            if joined:
                end = c2.end
    if b and not joined:
        return None
    if joined:
        low, high, kind, year = joined
        value, qualifier = (low + high) / 2, "range"
    elif low is not None:
        qualifier = "vague"
    else:
        if qualifier is None and kind != "ordinal":
            s = _SUFFIX_QUAL.match(text, end)
            if s:
                w = (s.group("w") or "").lower()
                qualifier = {"so": "about", "fewer": "up_to", "less": "up_to"}.get(w, "at_least")
                end = s.end()
        qualifier = qualifier or c.qualifier or "exact"
        if qualifier in ("more_than", "at_least"):
            low = value
        elif qualifier in ("less_than", "up_to", "nearly"):
            high = value
        if kind == "cardinal" and not float(value).is_integer():
            kind = "decimal_fraction"
    if year and kind == "cardinal" and (c.decade or _is_year(text, pos, p, end, qualifier)):
        kind = "year"
    return NumberMention(
        pos,
        end,
        p,
        text[pos:end],
        float(value),
        None if low is None else float(low),
        None if high is None else float(high),
        qualifier,
        kind,
    )


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text``, in order, non-overlapping, longest match first."""
    out: list[NumberMention] = []
    pos = 0
    while True:
        t = _TOKEN.search(text, pos)
        if t is None:
            return out
        s, pos, tok = t.start(), t.end(), t.group()
        if tok[0].isalpha():
            if tok.lower() not in W.STARTERS or (s and text[s - 1].isalnum()):
                continue
        elif tok[0].isdigit():
            d = _DATE_TIME.match(text, s)
            if d is None and s and text[s - 1] == "+":
                d = _PHONE.match(text, s - 1)
            if d and not bad_before(text, s):
                pos = d.end()  # dates and clock times are not numbers here
                continue
        m = _mention(text, s)
        if m is not None:
            out.append(m)
            pos = m.end


def parse_number(s: str) -> NumberMention | None:
    """``s`` read as exactly one mention (surrounding whitespace allowed), or None."""
    stripped = s.strip()
    found = find_numbers(s)
    if len(found) != 1 or not stripped:
        return None
    m, lead = found[0], len(s) - len(s.lstrip())
    return m if m.start == lead and m.end == lead + len(stripped) else None
