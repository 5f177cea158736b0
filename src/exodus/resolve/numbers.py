"""A number grammar for English news text: digits, words, hedges, ranges and vague magnitudes.

``find_numbers`` scans a text left to right and returns every number mention, longest match
first, non-overlapping; ``parse_number`` reads one whole string as a single mention.  The
value/low/high/qualifier conventions are those of FACTS.md (``nearly 100,000`` has high 100000,
``five to six thousand`` is the range 5000..6000 with value 5500, ``tens of thousands`` is vague
10000..99999 with value 10000).  Pure functions over strings, ``re`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from exodus.resolve import number_words as W

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


@dataclass(frozen=True)
class _Core:
    """A single number without hedges or ranges: "5,000", "five thousand", "$2.5m", "dozens"."""

    end: int
    value: float
    kind: str = "cardinal"  # cardinal, ordinal, percent, money
    scale: float = 1.0  # trailing multiplier ("thousand", "m"); distributes over "five to six"
    digits: bool = False  # written with digits (only those join with a dash: "5-6")
    year: bool = False  # four plain digits 1900-2100: may be a year
    decade: bool = False  # "1990s"
    low: float | None = None  # set for vague magnitudes
    high: float | None = None
    qualifier: str | None = None  # a qualifier implied by the core itself ("a couple of")


_I = re.IGNORECASE
_SP = r"[ \t\u00a0\u202f\u2009]"  # spaces that may sit inside one mention (not newlines)
_SEPS = ", \u00a0\u202f\u2009"


def _alts(items: Iterable[str]) -> str:
    return "|".join(
        re.escape(q).replace(r"\ ", _SP + "+") for q in sorted(items, key=len, reverse=True)
    )


_DIGITS = re.compile(
    r"(?P<comma>[1-9][0-9]{0,2}(?:,[0-9]{3}(?![0-9]))+(?:\.[0-9]+)?)"
    r"|(?P<dot>[1-9][0-9]{0,2}(?:\.[0-9]{3}(?![0-9]))+)"
    rf"|(?P<space>[1-9][0-9]{{0,2}}(?:[{_SEPS[1:]}][0-9]{{3}}(?![0-9]))+(?:\.[0-9]+)?)"
    r"|(?P<plain>[0-9]+(?:\.[0-9]+)?)"
)
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+\b")
_GAP = re.compile(rf"-|{_SP}+")
_SCALE_AHEAD = re.compile(
    rf"(?:{_SP}+|-)(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|mln|bn|b)\b", _I
)
_SPACED_SCALE = re.compile(rf"{_SP}+(mln|mn|bln|bn)\b\.?", _I)
_PERCENT = re.compile(rf"{_SP}?%|(?:{_SP}+|-)(?:percent|per{_SP}+cent|pct)\b", _I)
_CUR_PREFIX = re.compile(
    rf"(?:{'|'.join(re.escape(s) for s in W.CURRENCY_SYMBOLS)}"
    rf"|(?-i:{'|'.join(W.CURRENCY_CODES)})(?={_SP}?[0-9])){_SP}?"
)
_CUR_SUFFIX = re.compile(
    rf"{_SP}+(?:(?:US|U\.S\.|American|Australian|Canadian|Hong{_SP}+Kong){_SP}+)?"
    rf"(?:{'|'.join(W.CURRENCY_WORDS)})\b|{_SP}?(?-i:{'|'.join(W.CURRENCY_CODES)})\b",
    _I,
)
_VAGUE_OF = re.compile(
    rf"(tens|hundreds|dozens|scores){_SP}+of{_SP}+(hundreds|thousands|millions|billions)\b", _I
)
_VAGUE_FEW = re.compile(
    rf"(several|a{_SP}+few|a{_SP}+couple(?:{_SP}+of)?){_SP}+"
    rf"(dozen|hundred|thousand|million|billion)(s?)\b(?:{_SP}+(thousand|million|billion)\b)?",
    _I,
)
_MANY = re.compile(rf"many{_SP}+", _I)
_VAGUE_PLURAL = re.compile(
    rf"(?:tens|scores)(?={_SP}+of\b)|(?:dozens|hundreds|thousands|millions|billions)\b", _I
)
_FRACTION = re.compile(
    rf"(?:(a|one|two|three|four)(?:{_SP}+|-))?(half|thirds?|quarters?|fifths?)\b", _I
)
_FRACTION_SCALE = re.compile(
    rf"(?:{_SP}+of)?(?:{_SP}+an?)?(?:{_SP}+|-)(dozen|hundred|thousand|million|billion)\b", _I
)
_HALF_TAIL = re.compile(rf"{_SP}+(?:of|an?)\b", _I)
_OF_TAIL = re.compile(rf"{_SP}+of\b", _I)
_QWORDS = [q for q in W.QUALIFIERS if q[0].isalpha()]
_QUALIFIER = re.compile(
    rf"(?:(?P<d>{_alts(q for q in _QWORDS if q.endswith('.'))}){_SP}*"
    rf"|(?P<w>{_alts(q for q in _QWORDS if not q.endswith('.'))})\b{_SP}+"
    rf"|(?P<s>~){_SP}*)",
    _I,
)
_BETWEEN = re.compile(rf"between{_SP}+", _I)
_RANGE_SEP = re.compile(rf"(?P<dash>{_SP}*[-–—]{_SP}*)|{_SP}+(?P<w>to|or){_SP}+", _I)
_BETWEEN_SEP = re.compile(rf"(?P<dash>{_SP}*[-–—]{_SP}*)|{_SP}+(?P<w>and|to){_SP}+", _I)
_SUFFIX_QUAL = re.compile(
    rf"\+(?![0-9A-Za-z])|-plus\b|{_SP}+or{_SP}+(?P<w>more|so|fewer|less)\b", _I
)
_TZ = r"(?:[ap]\.?m\.?(?![A-Za-z])|(?-i:[A-Z]{1,2}[SD]?T|UTC|MSK|EEST|CEST|hrs?)\b|local\s+time)"
_CLOCK = r"[0-2]?[0-9][.:][0-5][0-9]"
# dates, clock times ("14:30", "16.05 BST"), and a time right after a date ("26.9.2022 11.05")
_DATE_TIME = re.compile(
    rf"(?:(?:[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}|[0-9]{{1,2}}[./-][0-9]{{1,2}}[./-][0-9]{{2,4}})"
    rf"(?:,?{_SP}+(?:at{_SP}+)?{_CLOCK}(?![0-9]))?"
    rf"|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?|{_CLOCK}(?={_SP}*{_TZ}))"
    r"(?![0-9A-Za-z]|[.,:/-][0-9])",
    _I,
)
# an international phone number: "+41 79 000 00 00", "+7 (495) 123-45-67"
_PHONE = re.compile(r"\+[0-9]{1,3}(?:[ .\-\u00a0]?\(?[0-9]{1,4}\)?){2,}")
_TOKEN = re.compile(r"[0-9]+|[A-Za-z]+|[$€£¥₽₴₾₸~]")
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?[\s,-]*$")
_NEXT_WORD = re.compile(r"[\s,]*([A-Za-z]+)")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def _bad_before(text: str, pos: int) -> bool:
    """True when the digits at ``pos`` continue an identifier, a date or a decimal ("MH17")."""
    if pos == 0:
        return False
    c = text[pos - 1]
    if c.isalnum() or c in "_'’":
        return True
    if c in ".,:/" and pos >= 2 and text[pos - 2].isdigit():
        return True
    if c == "-" and pos >= 2 and text[pos - 2].isalpha():
        return _prev_word(text, pos) not in W.HYPHEN_PREFIXES  # "COVID-19" but "mid-2022"
    return False


# --- cores ----------------------------------------------------------------------------------


def _classify(w: str) -> tuple[float, str]:
    if w in W.ORDINALS:
        return W.ORDINALS[w]
    if w in W.UNITS:
        return W.UNITS[w], "unit"
    if w in W.TEENS:
        return W.TEENS[w], "teen"
    if w in W.TENS:
        return W.TENS[w], "tens"
    if w == "hundred":
        return 100, "hundred"
    if w in W.SCALES:
        return W.SCALES[w], "scale"
    if w == "dozen":
        return 12, "dozen"
    return 0, ""


def _words(text: str, pos: int, seed: float | None = None) -> tuple[int, float, float, bool] | None:
    """Read number words from ``pos``: ``(end, value, trailing_multiplier, is_ordinal)``.

    With ``seed`` (a number already read from digits ending at ``pos``) only multipliers may
    follow: "5 million", "2 and a half thousand", "3 dozen".
    """
    toks: list[tuple[int, str]] = []
    i = pos
    while len(toks) < 24:
        if toks or seed is not None:
            g = _GAP.match(text, i)
            if not g:
                break
            i = g.end()
        m = _WORD.match(text, i)
        if not m:
            break
        toks.append((m.end(), m.group().lower()))
        i = m.end()

    total, cur = 0.0, seed or 0.0
    last: str | None = None if seed is None else "digits"
    end = pos if seed is not None else -1
    top, run, run_clean, prev_mult, ordinal = float("inf"), 1.0, False, False, False
    k = 0
    while k < len(toks):
        e, w = toks[k]
        nxt = toks[k + 1][1] if k + 1 < len(toks) else ""
        if w in ("a", "an"):
            if last is None and nxt in ("hundred", "dozen", *W.SCALES):
                cur, last = 1.0, "a"
                k += 1
                continue
            break
        if w == "and":
            if nxt == "a" and k + 2 < len(toks) and toks[k + 2][1] == "half":
                if last not in ("unit", "teen", "tens", "digits", "hundred") or cur == 0:
                    break
                cur, last, end, prev_mult = cur + 0.5, "half", toks[k + 2][0], False
                k += 3
                continue
            if last in ("hundred", "scale") and _classify(nxt)[1] in ("unit", "teen", "tens"):
                last = "and"
                k += 1
                continue
            break
        if w == "zero":
            if last is None:
                end, cur = e, 0.0
            break
        v, cls = _classify(w)
        is_ord = w in W.ORDINALS
        small = last in (None, "hundred", "scale", "and")
        t0, mult = total, 0.0
        if (cls == "unit" and (small or last == "tens")) or (cls in ("teen", "tens") and small):
            cur += v
            last = cls
        elif cls == "hundred":
            if last is None and is_ord:
                cur = 1.0
            elif last not in ("unit", "teen", "a", "digits") or not 0 < cur < 100:
                break
            cur, last, mult = cur * 100, "hundred", 100
        elif cls == "scale":
            if last is None and is_ord:
                cur = 1.0
            if cur <= 0 or v >= top or last == "and":
                break
            total, cur, top, last, mult = total + cur * v, 0.0, v, "scale", v
        elif cls == "dozen" and last in ("unit", "a", "digits", "teen") and cur > 0:
            cur, last, mult = cur * 12, "dozen", 12
        else:
            break
        if mult:
            if prev_mult:
                run *= mult
            else:
                run, run_clean = mult, t0 == 0
        prev_mult = bool(mult)
        end = e
        k += 1
        if is_ord or cls == "dozen":
            ordinal = is_ord
            break
    if end < 0:
        return None
    return end, total + cur, run if prev_mult and run_clean else 1.0, ordinal


def _vague(text: str, pos: int) -> _Core | None:
    many = _MANY.match(text, pos)  # "many thousands" reads as "thousands"
    if many:
        pos = many.end()
    m = _VAGUE_OF.match(text, pos)
    if m:
        lo, hi = W.VAGUE_PLURALS[m.group(1).lower()]
        unit = W.PLURAL_UNIT[m.group(2).lower()]
        return _Core(m.end(), lo * unit, low=lo * unit, high=(hi + 1) * unit - 1)
    m = None if many else _VAGUE_FEW.match(text, pos)
    if m:
        mod, unit = m.group(1).lower(), W.FEW_UNIT[m.group(2).lower()]
        if m.group(4):
            unit *= W.FEW_UNIT[m.group(4).lower()]
        if "couple" in mod:
            return _Core(m.end(), 2 * unit, qualifier="about")
        # eval/CONVENTIONS.md: "several thousand" 3000-9999, "a few hundred" 100-999
        lo = 3 * unit if mod == "several" else unit if unit >= 100 else 2 * unit
        return _Core(m.end(), lo, low=lo, high=10 * unit - 1)
    m = _VAGUE_PLURAL.match(text, pos)
    if m:
        lo, hi = W.VAGUE_PLURALS[m.group().lower()]
        return _Core(m.end(), lo, low=lo, high=hi)
    return None


def _fraction(text: str, pos: int) -> _Core | None:
    """ "half a million", "a quarter of a million", "two-thirds", "half of"."""
    m = _FRACTION.match(text, pos)
    if not m:
        return None
    num, den = (m.group(1) or "").lower(), m.group(2).lower()
    plural = den.endswith("s")
    if (num and (W.FRACTION_NUMERATORS[num] > 1) != plural) or (not num and den != "half"):
        return None
    value = W.FRACTION_NUMERATORS.get(num, 1) * W.FRACTIONS[den]
    s = _FRACTION_SCALE.match(text, m.end())
    if s:
        unit = W.FEW_UNIT[s.group(1).lower()]
        return _Core(s.end(), round(value * unit), scale=unit)
    tail = _HALF_TAIL if den == "half" else _OF_TAIL
    return _Core(m.end(), value) if plural or tail.match(text, m.end()) else None


def _digits(text: str, pos: int) -> _Core | None:
    if _bad_before(text, pos):
        return None
    m = _DIGITS.match(text, pos)
    if m is None:
        return None
    if m.lastgroup == "space" and _prev_word(text, pos) in W.MONTHS:
        m = _PLAIN.match(text, pos)  # "September 21 500 people" is not 21500
        assert m is not None
    group, raw, p = m.lastgroup, m.group(), m.end()
    if group == "dot":  # European grouping "100.000", unless a multiplier follows ("1.500 million")
        value = float(raw) if _SCALE_AHEAD.match(text, p) else float(raw.replace(".", ""))
    else:
        value = float(re.sub(f"[{_SEPS}]", "", raw))
    if p + 1 < len(text) and text[p] in ".,:/" and text[p + 1].isdigit():
        return None  # a date, a time, a version number
    year = group == "plain" and len(raw) == 4 and 1900 <= value <= 2100
    lm = _LETTERS.match(text, p)
    if lm:
        suf = lm.group().lower()
        if suf in W.SUFFIX_SCALES:
            s = W.SUFFIX_SCALES[suf]
            return _Core(lm.end(), value * s, scale=s, digits=True)
        if suf in W.ORDINAL_SUFFIXES and group in ("plain", "comma") and "." not in raw:
            return _Core(lm.end(), value, kind="ordinal", digits=True)
        if suf == "s":
            return _Core(lm.end(), value, digits=True, year=year, decade=year)
        if suf not in W.UNIT_SUFFIXES:
            return None  # "3D", "5G": an identifier, not a number
        return _Core(p, value, digits=True, year=year)
    got = _words(text, p, seed=value)
    if got and got[0] > p:
        return _Core(got[0], got[1], scale=got[2], digits=True)
    spaced = _SPACED_SCALE.match(text, p)  # "1.2 mln", "3 bn": abbreviations after a space
    if spaced:
        s = W.SUFFIX_SCALES[spaced.group(1).lower()]
        return _Core(spaced.end(), value * s, scale=s, digits=True)
    return _Core(p, value, digits=True, year=year)


def _core(text: str, pos: int) -> _Core | None:
    """One number at ``pos`` with its currency and percent marks, or None."""
    cur = _CUR_PREFIX.match(text, pos)
    p = cur.end() if cur else pos
    c: _Core | None
    if p < len(text) and text[p].isdigit():
        c = _digits(text, p)
    else:
        c = (None if cur else _vague(text, p)) or _fraction(text, p)
        if c is None:
            got = _words(text, p)
            if got:
                kind = "ordinal" if got[3] else "cardinal"
                c = _Core(got[0], got[1], scale=got[2], kind=kind)
    if c is None or c.kind == "ordinal" or c.low is not None:
        return None if cur else c
    if cur:
        return replace(c, kind="money", year=False)
    pm = _PERCENT.match(text, c.end)
    if pm:
        return replace(c, end=pm.end(), kind="percent", year=False)
    cm = _CUR_SUFFIX.match(text, c.end)
    if cm:
        return replace(c, end=cm.end(), kind="money", year=False)
    return c


# --- mentions -------------------------------------------------------------------------------


def _join(a: _Core, b: _Core, dash: bool) -> tuple[float, float, str, bool] | None:
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
    before = {_prev_word(text, num_start), _prev_word(text, start)}
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
    c = _core(text, p)
    if c is None:
        return None
    end, low, high, kind, value, year = c.end, c.low, c.high, c.kind, c.value, c.year
    joined = None
    sep = (_BETWEEN_SEP if b else _RANGE_SEP).match(text, c.end)
    if sep and not (sep.group("w") == "to" and _prev_word(text, pos) == "from"):
        c2 = _core(text, sep.end())
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
            if d and not _bad_before(text, s):
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
