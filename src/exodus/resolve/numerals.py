"""Numerals: one number as the text writes it, without hedges or ranges.

"5,000", "100.000", "5 million", "five thousand", "a dozen", "half a million", "two-thirds",
"$2.5m", "15%", "tens of thousands", "several hundred": :func:`read_numeral` reads one at a
position, with its currency or percent mark, into a :class:`Numeral` (value, multiplier, kind,
bounds of a vague magnitude).  :mod:`exodus.resolve.numbers` builds mentions from these: hedges
("nearly"), ranges ("five to six thousand") and years.  Vocabulary is in
:mod:`exodus.resolve.number_words`.  Pure functions over strings, ``re`` only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from exodus.resolve import number_words as W


@dataclass(frozen=True)
class Numeral:
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
    qualifier: str | None = None  # a qualifier implied by the numeral itself ("a couple of")


_I = re.IGNORECASE
SP = r"[ \t\u00a0\u202f\u2009]"  # spaces that may sit inside one mention (not newlines)
_SEPS = ", \u00a0\u202f\u2009"

_DIGITS = re.compile(
    r"(?P<comma>[1-9][0-9]{0,2}(?:,[0-9]{3}(?![0-9]))+(?:\.[0-9]+)?)"
    r"|(?P<dot>[1-9][0-9]{0,2}(?:\.[0-9]{3}(?![0-9]))+)"
    rf"|(?P<space>[1-9][0-9]{{0,2}}(?:[{_SEPS[1:]}][0-9]{{3}}(?![0-9]))+(?:\.[0-9]+)?)"
    r"|(?P<plain>[0-9]+(?:\.[0-9]+)?)"
)
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"[A-Za-z]+\b")
_GAP = re.compile(rf"-|{SP}+")
_SCALE_AHEAD = re.compile(
    rf"(?:{SP}+|-)(?:hundred|thousand|million|billion|trillion)\b|(?:k|m|mn|mln|bn|b)\b", _I
)
_SPACED_SCALE = re.compile(rf"{SP}+(mln|mn|bln|bn)\b\.?", _I)
_PERCENT = re.compile(rf"{SP}?%|(?:{SP}+|-)(?:percent|per{SP}+cent|pct)\b", _I)
_CUR_PREFIX = re.compile(
    rf"(?:{'|'.join(re.escape(s) for s in W.CURRENCY_SYMBOLS)}"
    rf"|(?-i:{'|'.join(W.CURRENCY_CODES)})(?={SP}?[0-9])){SP}?"
)
_CUR_SUFFIX = re.compile(
    rf"{SP}+(?:(?:US|U\.S\.|American|Australian|Canadian|Hong{SP}+Kong){SP}+)?"
    rf"(?:{'|'.join(W.CURRENCY_WORDS)})\b|{SP}?(?-i:{'|'.join(W.CURRENCY_CODES)})\b",
    _I,
)
_VAGUE_OF = re.compile(
    rf"(tens|hundreds|dozens|scores){SP}+of{SP}+(hundreds|thousands|millions|billions)\b", _I
)
_VAGUE_FEW = re.compile(
    rf"(several|a{SP}+few|a{SP}+couple(?:{SP}+of)?){SP}+"
    rf"(dozen|hundred|thousand|million|billion)(s?)\b(?:{SP}+(thousand|million|billion)\b)?",
    _I,
)
_MANY = re.compile(rf"many{SP}+", _I)
_VAGUE_PLURAL = re.compile(
    rf"(?:tens|scores)(?={SP}+of\b)|(?:dozens|hundreds|thousands|millions|billions)\b", _I
)
_FRACTION = re.compile(
    rf"(?:(a|one|two|three|four)(?:{SP}+|-))?(half|thirds?|quarters?|fifths?)\b", _I
)
_FRACTION_SCALE = re.compile(
    rf"(?:{SP}+of)?(?:{SP}+an?)?(?:{SP}+|-)(dozen|hundred|thousand|million|billion)\b", _I
)
_HALF_TAIL = re.compile(rf"{SP}+(?:of|an?)\b", _I)
_OF_TAIL = re.compile(rf"{SP}+of\b", _I)
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?[\s,-]*$")


def prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 40), pos)
    return m.group(1).lower() if m else ""


def bad_before(text: str, pos: int) -> bool:
    """True when the digits at ``pos`` continue an identifier, a date or a decimal ("MH17")."""
    if pos == 0:
        return False
    c = text[pos - 1]
    if c.isalnum() or c in "_'’":
        return True
    if c in ".,:/" and pos >= 2 and text[pos - 2].isdigit():
        return True
    if c == "-" and pos >= 2 and text[pos - 2].isalpha():
        return prev_word(text, pos) not in W.HYPHEN_PREFIXES  # "COVID-19" but "mid-2022"
    return False


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


def _vague(text: str, pos: int) -> Numeral | None:
    many = _MANY.match(text, pos)  # "many thousands" reads as "thousands"
    if many:
        pos = many.end()
    m = _VAGUE_OF.match(text, pos)
    if m:
        lo, hi = W.VAGUE_PLURALS[m.group(1).lower()]
        unit = W.PLURAL_UNIT[m.group(2).lower()]
        return Numeral(m.end(), lo * unit, low=lo * unit, high=(hi + 1) * unit - 1)
    m = None if many else _VAGUE_FEW.match(text, pos)
    if m:
        mod, unit = m.group(1).lower(), W.FEW_UNIT[m.group(2).lower()]
        if m.group(4):
            unit *= W.FEW_UNIT[m.group(4).lower()]
        if "couple" in mod:
            return Numeral(m.end(), 2 * unit, qualifier="about")
        # eval/CONVENTIONS.md: "several thousand" 3000-9999, "a few hundred" 100-999
        lo = 3 * unit if mod == "several" else unit if unit >= 100 else 2 * unit
        return Numeral(m.end(), lo, low=lo, high=10 * unit - 1)
    m = _VAGUE_PLURAL.match(text, pos)
    if m:
        lo, hi = W.VAGUE_PLURALS[m.group().lower()]
        return Numeral(m.end(), lo, low=lo, high=hi)
    return None


def _fraction(text: str, pos: int) -> Numeral | None:
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
        return Numeral(s.end(), round(value * unit), scale=unit)
    tail = _HALF_TAIL if den == "half" else _OF_TAIL
    return Numeral(m.end(), value) if plural or tail.match(text, m.end()) else None


def _digits(text: str, pos: int) -> Numeral | None:
    if bad_before(text, pos):
        return None
    m = _DIGITS.match(text, pos)
    if m is None:
        return None
    if m.lastgroup == "space" and prev_word(text, pos) in W.MONTHS:
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
            return Numeral(lm.end(), value * s, scale=s, digits=True)
        if suf in W.ORDINAL_SUFFIXES and group in ("plain", "comma") and "." not in raw:
            return Numeral(lm.end(), value, kind="ordinal", digits=True)
        if suf == "s":
            return Numeral(lm.end(), value, digits=True, year=year, decade=year)
        if suf not in W.UNIT_SUFFIXES:
            return None  # "3D", "5G": an identifier, not a number
        return Numeral(p, value, digits=True, year=year)
    got = _words(text, p, seed=value)
    if got and got[0] > p:
        return Numeral(got[0], got[1], scale=got[2], digits=True)
    spaced = _SPACED_SCALE.match(text, p)  # "1.2 mln", "3 bn": abbreviations after a space
    if spaced:
        s = W.SUFFIX_SCALES[spaced.group(1).lower()]
        return Numeral(spaced.end(), value * s, scale=s, digits=True)
    return Numeral(p, value, digits=True, year=year)


def read_numeral(text: str, pos: int) -> Numeral | None:
    """One number at ``pos`` with its currency and percent marks, or None."""
    cur = _CUR_PREFIX.match(text, pos)
    p = cur.end() if cur else pos
    c: Numeral | None
    if p < len(text) and text[p].isdigit():
        c = _digits(text, p)
    else:
        c = (None if cur else _vague(text, p)) or _fraction(text, p)
        if c is None:
            got = _words(text, p)
            if got:
                kind = "ordinal" if got[3] else "cardinal"
                c = Numeral(got[0], got[1], scale=got[2], kind=kind)
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
