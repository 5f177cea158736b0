"""Vocabulary for :mod:`exodus.resolve.numbers`: number words, qualifiers, currencies.

Plain constant tables only; the grammar that uses them lives in ``numbers.py``.
"""

from __future__ import annotations


def _split(words: str) -> list[str]:
    return words.split()


UNITS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

# ordinal word -> (value, the cardinal class it behaves like)
ORDINALS: dict[str, tuple[int, str]] = {
    **{
        w: (v, "unit")
        for w, v in zip(
            _split("first second third fourth fifth sixth seventh eighth ninth"),
            range(1, 10),
            strict=True,
        )
    },
    **{
        w: (v, "teen")
        for w, v in zip(
            _split(
                "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
                "seventeenth eighteenth nineteenth"
            ),
            range(10, 20),
            strict=True,
        )
    },
    **{
        w: (v, "tens")
        for w, v in zip(
            _split("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"),
            range(20, 100, 10),
            strict=True,
        )
    },
    "hundredth": (100, "hundred"),
    "thousandth": (1_000, "scale"),
    "millionth": (1_000_000, "scale"),
    "billionth": (1_000_000_000, "scale"),
}

# multiplier letters glued to digits: 10k, 2.5m, 1.2bn
SUFFIX_SCALES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "tn": 1_000_000_000_000,
}
# unit letters that may be glued to digits without making the token an identifier ("16km")
UNIT_SUFFIXES = frozenset(
    _split("km kms mi kg h hr hrs min mins sec secs ft cm mm kmh kph mph sq ha t")
)
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

# plural magnitudes: word -> (low, high) of the vague count
VAGUE_PLURALS: dict[str, tuple[int, int]] = {
    "tens": (10, 99),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (100, 999),
    "thousands": (1_000, 9_999),
    "millions": (1_000_000, 9_999_999),
    "billions": (1_000_000_000, 9_999_999_999),
}
# the unit one of the plural magnitudes stands for in "tens of thousands"
PLURAL_UNIT: dict[str, int] = {
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
# singular multipliers after "several" / "a few": "several thousand"
FEW_UNIT: dict[str, int] = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}

FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
}
FRACTION_NUMERATORS: dict[str, int] = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}

# qualifier phrase (lower case, single spaces) -> qualifier
QUALIFIERS: dict[str, str] = {
    "more than": "more_than",
    "well over": "more_than",
    "well above": "more_than",
    "just over": "more_than",
    "just above": "more_than",
    "a little over": "more_than",
    "slightly more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "greater than": "more_than",
    "in excess of": "more_than",
    "upwards of": "more_than",
    "upward of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "not fewer than": "at_least",
    "a minimum of": "at_least",
    "fewer than": "less_than",
    "less than": "less_than",
    "well under": "less_than",
    "well below": "less_than",
    "under": "less_than",
    "below": "less_than",
    "up to": "up_to",
    "as many as": "up_to",
    "as much as": "up_to",
    "as high as": "up_to",
    "as long as": "up_to",
    "for as long as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "a maximum of": "up_to",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "just below": "nearly",
    "just shy of": "nearly",
    "just short of": "nearly",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "circa": "about",
    "ca.": "about",
    "c.": "about",
    "~": "about",
}

CURRENCY_WORDS = (
    "dollars?",
    "euros?",
    "pounds?(?:\\s+sterling)?",
    "sterling",
    "rubles?",
    "roubles?",
    "yen",
    "yuan",
    "renminbi",
    "hryvnias?",
    "hryvnia",
    "lari",
    "tenge",
    "drams?",
    "liras?",
    "lira",
    "francs?",
    "rupees?",
    "manats?",
    "soms?",
    "taka",
    "afghanis?",
    "dinars?",
    "pesos?",
    "bolivars?",
    "bolívars?",
    "shillings?",
    "birr",
    "naira",
    "rand",
    "dirhams?",
    "riyals?",
    "zloty(?:s|ch)?",
    "lei",
    "forints?",
)
CURRENCY_CODES = (
    "USD", "EUR", "GBP", "RUB", "UAH", "GEL", "KZT", "AMD", "TRY", "CHF", "CNY", "BDT", "PKR",
    "AFN", "SDG", "EGP", "COP", "VES", "PLN", "RON", "MDL", "HUF", "INR", "Tk", "Rs", "Rs.",
    "Sh", "KSh", "Ksh", "TL", "R$",
)  # fmt: skip
CURRENCY_SYMBOLS = (
    "US$",
    "U.S.$",
    "A$",
    "C$",
    "HK$",
    "NZ$",
    "$",
    "€",
    "£",
    "¥",
    "₽",
    "₴",
    "₾",
    "₸",
)

MONTHS = frozenset(
    _split(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)
# a 4-digit 1900-2100 right after one of these is a year whatever follows ("in 2022")
YEAR_WORDS = MONTHS | frozenset(
    _split(
        "in since until till during mid early late pre post copyright "
        "spring summer autumn fall winter year"
    )
)
# ... and after one of these, a year unless a count noun follows ("of 2000 people")
YEAR_WORDS_WEAK = frozenset(_split("of by from before after through between and to"))
# words that, right after a bare 1900-2100 number, make it a count rather than a year
COUNT_NOUNS = frozenset(
    _split(
        "people persons person individuals refugees migrants men women children kids boys "
        "girls residents families households vehicles cars trucks lorries buses citizens "
        "nationals civilians soldiers troops reservists conscripts russians ukrainians "
        "georgians belarusians evacuees asylum applicants applications workers students "
        "tourists travellers travelers passengers crossings arrivals departures more other "
        "others new additional km kilometres kilometers miles hours days fled crossed left "
        "arrived entered were are have had"
    )
)
# prefixes that may be joined to a number by a hyphen ("mid-2022") without making it an id
HYPHEN_PREFIXES = frozenset(_split("mid early late pre post over under top some"))

# first words of everything a mention can start with; used to skip most words quickly
STARTERS = frozenset(
    {p.split()[0].rstrip(".") for p in QUALIFIERS}
    | set(UNITS)
    | set(TEENS)
    | set(TENS)
    | set(ORDINALS)
    | set(VAGUE_PLURALS)
    | {"zero", "a", "an", "half", "between", "several", "many", "us", "u", "hk", "nz"}
    | {c.lower() for c in CURRENCY_CODES}
)
