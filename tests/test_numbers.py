"""Tests for the number grammar in exodus.resolve.numbers."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exodus.resolve.numbers import NumberMention, find_numbers, parse_number

INF = None  # readability in the tables: "no bound"


def one(text: str) -> NumberMention:
    m = parse_number(text)
    assert m is not None, f"{text!r} did not parse as one mention: {find_numbers(text)}"
    return m


# text, value, low, high, qualifier, kind
EXACT_CASES = [
    # digits and separators
    ("5", 5, INF, INF, "exact", "cardinal"),
    ("100,000", 100_000, INF, INF, "exact", "cardinal"),
    ("1,000,000", 1_000_000, INF, INF, "exact", "cardinal"),
    ("100.000", 100_000, INF, INF, "exact", "cardinal"),
    ("1.234.567", 1_234_567, INF, INF, "exact", "cardinal"),
    ("100 000", 100_000, INF, INF, "exact", "cardinal"),
    ("100\u00a0000", 100_000, INF, INF, "exact", "cardinal"),
    ("100\u202f000", 100_000, INF, INF, "exact", "cardinal"),
    ("100\u2009000", 100_000, INF, INF, "exact", "cardinal"),
    ("1,500.5", 1500.5, INF, INF, "exact", "decimal_fraction"),
    ("1.5", 1.5, INF, INF, "exact", "decimal_fraction"),
    ("0.75", 0.75, INF, INF, "exact", "decimal_fraction"),
    # multipliers
    ("2.5 million", 2_500_000, INF, INF, "exact", "cardinal"),
    ("2.5m", 2_500_000, INF, INF, "exact", "cardinal"),
    ("10k", 10_000, INF, INF, "exact", "cardinal"),
    ("10K", 10_000, INF, INF, "exact", "cardinal"),
    ("1.2bn", 1_200_000_000, INF, INF, "exact", "cardinal"),
    ("1.2 billion", 1_200_000_000, INF, INF, "exact", "cardinal"),
    ("3mn", 3_000_000, INF, INF, "exact", "cardinal"),
    ("300 thousand", 300_000, INF, INF, "exact", "cardinal"),
    ("1.500 million", 1_500_000, INF, INF, "exact", "cardinal"),
    ("5 hundred thousand", 500_000, INF, INF, "exact", "cardinal"),
    # words
    ("zero", 0, INF, INF, "exact", "cardinal"),
    ("seven", 7, INF, INF, "exact", "cardinal"),
    ("Nineteen", 19, INF, INF, "exact", "cardinal"),
    ("twenty-five", 25, INF, INF, "exact", "cardinal"),
    ("twenty five", 25, INF, INF, "exact", "cardinal"),
    ("one hundred and twenty", 120, INF, INF, "exact", "cardinal"),
    ("two thousand five hundred", 2500, INF, INF, "exact", "cardinal"),
    ("a hundred thousand", 100_000, INF, INF, "exact", "cardinal"),
    ("fifteen hundred", 1500, INF, INF, "exact", "cardinal"),
    ("three million", 3_000_000, INF, INF, "exact", "cardinal"),
    ("a dozen", 12, INF, INF, "exact", "cardinal"),
    ("two dozen", 24, INF, INF, "exact", "cardinal"),
    ("a hundred", 100, INF, INF, "exact", "cardinal"),
    ("a thousand", 1000, INF, INF, "exact", "cardinal"),
    ("a million", 1_000_000, INF, INF, "exact", "cardinal"),
    ("half a million", 500_000, INF, INF, "exact", "cardinal"),
    ("half a dozen", 6, INF, INF, "exact", "cardinal"),
    ("a quarter of a million", 250_000, INF, INF, "exact", "cardinal"),
    ("three quarters of a million", 750_000, INF, INF, "exact", "cardinal"),
    ("a half-million", 500_000, INF, INF, "exact", "cardinal"),
    ("one and a half million", 1_500_000, INF, INF, "exact", "cardinal"),
    ("2 and a half thousand", 2500, INF, INF, "exact", "cardinal"),
    ("two and a half", 2.5, INF, INF, "exact", "decimal_fraction"),
    ("two-thirds", 2 / 3, INF, INF, "exact", "decimal_fraction"),
    # ordinals
    ("first", 1, INF, INF, "exact", "ordinal"),
    ("second", 2, INF, INF, "exact", "ordinal"),
    ("twenty-first", 21, INF, INF, "exact", "ordinal"),
    ("one hundred and first", 101, INF, INF, "exact", "ordinal"),
    ("21st", 21, INF, INF, "exact", "ordinal"),
    ("2nd", 2, INF, INF, "exact", "ordinal"),
    ("3rd", 3, INF, INF, "exact", "ordinal"),
    ("1,000th", 1000, INF, INF, "exact", "ordinal"),
    # percent
    ("40%", 40, INF, INF, "exact", "percent"),
    ("40 %", 40, INF, INF, "exact", "percent"),
    ("40 percent", 40, INF, INF, "exact", "percent"),
    ("40 per cent", 40, INF, INF, "exact", "percent"),
    ("forty per cent", 40, INF, INF, "exact", "percent"),
    ("12.5%", 12.5, INF, INF, "exact", "percent"),
    # money
    ("$5 million", 5_000_000, INF, INF, "exact", "money"),
    ("€10m", 10_000_000, INF, INF, "exact", "money"),
    ("£5", 5, INF, INF, "exact", "money"),
    ("US$445 million", 445_000_000, INF, INF, "exact", "money"),
    ("US$ 1.1 billion", 1_100_000_000, INF, INF, "exact", "money"),
    ("5 million dollars", 5_000_000, INF, INF, "exact", "money"),
    ("30,000 roubles", 30_000, INF, INF, "exact", "money"),
    ("30,000 rubles", 30_000, INF, INF, "exact", "money"),
    ("10 euros", 10, INF, INF, "exact", "money"),
    ("5 million US dollars", 5_000_000, INF, INF, "exact", "money"),
    ("USD 500", 500, INF, INF, "exact", "money"),
    # years
    ("2022", 2022, INF, INF, "exact", "year"),
    ("1990s", 1990, INF, INF, "exact", "year"),
    ("2,000", 2000, INF, INF, "exact", "cardinal"),
    ("1899", 1899, INF, INF, "exact", "cardinal"),
    ("2101", 2101, INF, INF, "exact", "cardinal"),
    ("2014-15", 2014.5, 2014, 2015, "range", "year"),
    ("2001-2023", 2012, 2001, 2023, "range", "year"),
]

HEDGE_CASES = [
    ("nearly 100,000", 100_000, INF, 100_000, "nearly", "cardinal"),
    ("almost 20", 20, INF, 20, "nearly", "cardinal"),
    ("close to 11,000", 11_000, INF, 11_000, "nearly", "cardinal"),
    ("just under 12", 12, INF, 12, "nearly", "cardinal"),
    ("just shy of 12", 12, INF, 12, "nearly", "cardinal"),
    ("more than 12", 12, 12, INF, "more_than", "cardinal"),
    ("More than 12", 12, 12, INF, "more_than", "cardinal"),
    ("over 12", 12, 12, INF, "more_than", "cardinal"),
    ("in excess of 12", 12, 12, INF, "more_than", "cardinal"),
    ("upwards of 12", 12, 12, INF, "more_than", "cardinal"),
    ("well over 12", 12, 12, INF, "more_than", "cardinal"),
    ("more than a dozen", 12, 12, INF, "more_than", "cardinal"),
    ("over 10k", 10_000, 10_000, INF, "more_than", "cardinal"),
    ("at least 12", 12, 12, INF, "at_least", "cardinal"),
    ("no fewer than 12", 12, 12, INF, "at_least", "cardinal"),
    ("no less than 12", 12, 12, INF, "at_least", "cardinal"),
    ("10,000+", 10_000, 10_000, INF, "at_least", "cardinal"),
    ("5,000-plus", 5000, 5000, INF, "at_least", "cardinal"),
    ("5,000 or more", 5000, 5000, INF, "at_least", "cardinal"),
    ("fewer than 12", 12, INF, 12, "less_than", "cardinal"),
    ("less than 12", 12, INF, 12, "less_than", "cardinal"),
    ("under 12", 12, INF, 12, "less_than", "cardinal"),
    ("below 12", 12, INF, 12, "less_than", "cardinal"),
    ("up to 12", 12, INF, 12, "up_to", "cardinal"),
    ("as many as 860,000", 860_000, INF, 860_000, "up_to", "cardinal"),
    ("up to a million", 1_000_000, INF, 1_000_000, "up_to", "cardinal"),
    ("about 12", 12, INF, INF, "about", "cardinal"),
    ("around 12", 12, INF, INF, "about", "cardinal"),
    ("roughly 12", 12, INF, INF, "about", "cardinal"),
    ("approximately 12", 12, INF, INF, "about", "cardinal"),
    ("some 5,500", 5500, INF, INF, "about", "cardinal"),
    ("an estimated 6.5 million", 6_500_000, INF, INF, "about", "cardinal"),
    ("estimated 12", 12, INF, INF, "about", "cardinal"),
    ("circa 12", 12, INF, INF, "about", "cardinal"),
    ("c. 12", 12, INF, INF, "about", "cardinal"),
    ("~12", 12, INF, INF, "about", "cardinal"),
    ("~ 12", 12, INF, INF, "about", "cardinal"),
    ("30 or so", 30, INF, INF, "about", "cardinal"),
    ("a couple of thousand", 2000, INF, INF, "about", "cardinal"),
    ("about 40%", 40, INF, INF, "about", "percent"),
    ("Nearly 90 per cent", 90, INF, 90, "nearly", "percent"),
    ("more than 100,000 roubles", 100_000, 100_000, INF, "more_than", "money"),
    ("nearly half a million", 500_000, INF, 500_000, "nearly", "cardinal"),
]

RANGE_CASES = [
    ("five to six thousand", 5500, 5000, 6000, "range", "cardinal"),
    ("5 to 6 million", 5_500_000, 5_000_000, 6_000_000, "range", "cardinal"),
    ("5-6 million", 5_500_000, 5_000_000, 6_000_000, "range", "cardinal"),
    ("between 5,000 and 6,000", 5500, 5000, 6000, "range", "cardinal"),
    ("between five and six thousand", 5500, 5000, 6000, "range", "cardinal"),
    ("5,000-6,000", 5500, 5000, 6000, "range", "cardinal"),
    ("5,000–6,000", 5500, 5000, 6000, "range", "cardinal"),
    ("5,000 — 6,000", 5500, 5000, 6000, "range", "cardinal"),
    ("two or three thousand", 2500, 2000, 3000, "range", "cardinal"),
    ("one or two", 1.5, 1, 2, "range", "cardinal"),
    ("one to two hundred", 150, 100, 200, "range", "cardinal"),
    ("one or two dozen", 18, 12, 24, "range", "cardinal"),
    ("five to six hundred thousand", 550_000, 500_000, 600_000, "range", "cardinal"),
    ("roughly 5,000 to 6,000", 5500, 5000, 6000, "range", "cardinal"),
    ("about four to five", 4.5, 4, 5, "range", "cardinal"),
    ("between three and four", 3.5, 3, 4, "range", "cardinal"),
    ("2-3", 2.5, 2, 3, "range", "cardinal"),
    ("40 to 50 percent", 45, 40, 50, "range", "percent"),
    ("40%-50%", 45, 40, 50, "range", "percent"),
    ("$5-6 million", 5_500_000, 5_000_000, 6_000_000, "range", "money"),
    ("$5 to $6 million", 5_500_000, 5_000_000, 6_000_000, "range", "money"),
    ("between 2020 and 2022", 2021, 2020, 2022, "range", "year"),
]

VAGUE_CASES = [
    ("tens of thousands", 10_000, 10_000, 99_999),
    ("Tens of thousands", 10_000, 10_000, 99_999),
    ("hundreds of thousands", 100_000, 100_000, 999_999),
    ("tens of millions", 10_000_000, 10_000_000, 99_999_999),
    ("hundreds of millions", 100_000_000, 100_000_000, 999_999_999),
    ("dozens of thousands", 24_000, 24_000, 99_999),
    ("thousands", 1000, 1000, 9999),
    ("Thousands", 1000, 1000, 9999),
    ("hundreds", 100, 100, 999),
    ("dozens", 24, 24, 99),
    ("millions", 1_000_000, 1_000_000, 9_999_999),
    ("billions", 1_000_000_000, 1_000_000_000, 9_999_999_999),
    ("several thousand", 3000, 3000, 9999),
    ("several thousands", 3000, 3000, 9999),
    ("a few thousand", 1000, 1000, 9999),
    ("several hundred", 300, 300, 999),
    ("a few hundred", 100, 100, 999),
    ("several million", 3_000_000, 3_000_000, 9_999_999),
    ("a few dozen", 24, 24, 119),
    ("several hundred thousand", 300_000, 300_000, 999_999),
    ("many thousands", 1000, 1000, 9999),
    ("many hundreds of thousands", 100_000, 100_000, 999_999),
    ("a few hundred thousand", 100_000, 100_000, 999_999),
    ("some thousands", 1000, 1000, 9999),
]


@pytest.mark.parametrize(("text", "value", "low", "high", "qualifier", "kind"), EXACT_CASES)
def test_single_numbers(
    text: str, value: float, low: float | None, high: float | None, qualifier: str, kind: str
) -> None:
    m = one(text)
    assert (m.value, m.low, m.high, m.qualifier, m.kind) == pytest.approx(
        (value, low, high, qualifier, kind)
    )


@pytest.mark.parametrize(("text", "value", "low", "high", "qualifier", "kind"), HEDGE_CASES)
def test_hedges(
    text: str, value: float, low: float | None, high: float | None, qualifier: str, kind: str
) -> None:
    m = one(text)
    assert (m.value, m.low, m.high, m.qualifier, m.kind) == (value, low, high, qualifier, kind)
    assert m.start == 0 and m.end == len(text)
    suffixed = text.endswith(("+", "plus", "more", "so")) or text.startswith("a couple")
    assert (m.num_start == 0) == suffixed


@pytest.mark.parametrize(("text", "value", "low", "high", "qualifier", "kind"), RANGE_CASES)
def test_ranges(
    text: str, value: float, low: float | None, high: float | None, qualifier: str, kind: str
) -> None:
    m = one(text)
    assert (m.value, m.low, m.high, m.qualifier, m.kind) == (value, low, high, qualifier, kind)


@pytest.mark.parametrize(("text", "value", "low", "high"), VAGUE_CASES)
def test_vague(text: str, value: float, low: float, high: float) -> None:
    m = one(text)
    assert (m.value, m.low, m.high, m.qualifier, m.kind) == (value, low, high, "vague", "cardinal")


def test_vague_plural_stops_before_of() -> None:
    got = [(m.text, m.low, m.high) for m in find_numbers("tens of people, scores of cars")]
    assert got == [("tens", 10, 99), ("scores", 40, 99)]


def test_offsets_and_num_start() -> None:
    text = "Officials said nearly 100,000 people had crossed."
    [m] = find_numbers(text)
    assert (m.text, m.start, m.num_start, m.end) == ("nearly 100,000", 15, 22, 29)
    [m] = find_numbers("they waited about four to five days")
    assert m.text == "about four to five" and m.qualifier == "range"
    assert m.text[m.num_start - m.start :] == "four to five"
    [m] = find_numbers("between 5,000 and 6,000 a day")
    assert m.num_start == len("between ")


def test_from_to_is_two_mentions() -> None:
    ms = find_numbers("arrivals rose from 5,000 to 6,000 a day")
    assert [(m.text, m.qualifier) for m in ms] == [("5,000", "exact"), ("6,000", "exact")]
    ms = find_numbers("damage ranged from $28 billion to $47 billion")
    assert [m.value for m in ms] == [28e9, 47e9]


def test_multiplier_attaches_to_words_and_digits() -> None:
    assert [m.text for m in find_numbers("16-hour wait, a 7,500-kilometre border")] == [
        "16",
        "7,500",
    ]
    assert [m.text for m in find_numbers("queues 16 km long, 10km, 24h")] == ["16", "10", "24"]


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19",
        "an A320 jet",
        "flight MH17",
        "the G7 summit",
        "F-16 jets",
        "Su-25",
        "3D printing",
        "5G network",
        "at 12:30 today",
        "at 3:00 p.m.",
        "on 21.09.2022",
        "on 2022-09-21",
        "on 9/21/2022",
        "16.05 BST Key events",
        "Press release 26.9.2022 11.05",
        "tel. +358 295 000 000",
        "version 1.2.3",
        "some people",
        "over the weekend",
        "a few hours",
        "many people",
        "many thousand",
        "the tens",
        "several days",
        "quarter",
    ],
)
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


def test_one_and_ordinals_are_returned_for_the_caller() -> None:
    assert [(m.text, m.value) for m in find_numbers("one Russian man, one of them")] == [
        ("one", 1),
        ("one", 1),
    ]
    assert [(m.text, m.kind) for m in find_numbers("a third country, the first week")] == [
        ("third", "ordinal"),
        ("first", "ordinal"),
    ]
    [m] = find_numbers("a third of arrivals")
    assert m.kind == "decimal_fraction" and m.value == pytest.approx(1 / 3)


def test_year_or_count() -> None:
    def kinds(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.kind) for m in find_numbers(text)]

    assert kinds("In 2022, 2000 people fled") == [("2022", "year"), ("2000", "cardinal")]
    assert kinds("about 2000 people") == [("about 2000", "cardinal")]
    assert kinds("more than 2000 crossed") == [("more than 2000", "cardinal")]
    assert kinds("since 2003 more") == [("2003", "year")]
    assert kinds("mid-2022") == [("2022", "year")]
    assert kinds("September 26, 2022") == [("26", "cardinal"), ("2022", "year")]
    assert kinds("2022 people") == [("2022", "cardinal")]
    assert kinds("a village of 2000 people") == [("2000", "cardinal")]
    assert kinds("the summer of 2022") == [("2022", "year")]
    assert kinds("between 2000 and 2500 people") == [("between 2000 and 2500", "cardinal")]
    assert kinds("Copyright 2022 The Associated Press") == [("2022", "year")]
    assert kinds("the 1990s") == [("1990s", "year")]


def test_month_day_not_joined_by_space_grouping() -> None:
    assert [m.value for m in find_numbers("since September 21 500 people")] == [21, 500]
    assert [m.value for m in find_numbers("a group of 21 500 people")] == [21_500]


def test_or_range_needs_comparable_ends() -> None:
    assert [m.text for m in find_numbers("call 102 or 1414")] == ["102", "1414"]


def test_descending_pair_is_not_a_range() -> None:
    assert [m.value for m in find_numbers("won 3-1")] == [3, 1]


def test_sample_sentence() -> None:
    text = (
        "the interior ministry said 10,980 people had crossed from Russia on Sunday alone, "
        "against roughly 5,000 to 6,000 a day before. Tens of thousands of Russian men waited."
    )
    got = [(m.text, m.value, m.low, m.high, m.qualifier) for m in find_numbers(text)]
    assert got == [
        ("10,980", 10980, None, None, "exact"),
        ("roughly 5,000 to 6,000", 5500, 5000, 6000, "range"),
        ("Tens of thousands", 10000, 10000, 99999, "vague"),
    ]


def test_parse_number_whole_string_only() -> None:
    assert parse_number("5,000 people") is None
    assert parse_number("") is None
    assert parse_number("  5,000 ") is not None
    m = parse_number("  5,000 ")
    assert m is not None and (m.start, m.end, m.text) == (2, 7, "5,000")
    assert parse_number("5 and 6") is None


# --- properties ---------------------------------------------------------------------------


def _split(words: str) -> list[str]:
    return words.split()


_ONES = _split("zero one two three four five six seven eight nine")
_TEENS = _split("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
_TENS = _split("_ _ twenty thirty forty fifty sixty seventy eighty ninety")


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    t, u = divmod(n, 10)
    return _TENS[t] + (("-" if hyphen else " ") + _ONES[u] if u else "")


def _below_thousand(n: int, hyphen: bool, use_and: bool) -> str:
    h, r = divmod(n, 100)
    parts = []
    if h:
        parts.append(f"{_ONES[h]} hundred")
    if r:
        if h and use_and:
            parts.append("and")
        parts.append(_below_hundred(r, hyphen))
    return " ".join(parts)


def spell(n: int, hyphen: bool = True, use_and: bool = False, a_for_one: bool = False) -> str:
    """English words for 0 <= n < 10**6: 'nine hundred ninety-nine thousand ...'."""
    if n == 0:
        return "zero"
    th, rest = divmod(n, 1000)
    parts = []
    if th:
        parts.append(_below_thousand(th, hyphen, use_and) + " thousand")
    if rest:
        if th and use_and and rest < 100:
            parts.append("and")
        parts.append(_below_thousand(rest, hyphen, use_and))
    out = " ".join(parts)
    if a_for_one and out.startswith("one "):
        out = "a " + out[4:]
    return out


def test_spell_helper() -> None:
    assert spell(999_999) == "nine hundred ninety-nine thousand nine hundred ninety-nine"
    assert spell(1005, use_and=True) == "one thousand and five"
    assert spell(120, use_and=True) == "one hundred and twenty"


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_digits_round_trip(n: int, space: str) -> None:
    for text in (f"{n:,}", f"{n:,}".replace(",", space), str(n)):
        m = one(text)
        assert m.value == n, text
        assert m.qualifier == "exact"
        assert m.kind == ("year" if text == str(n) and 1900 <= n <= 2100 else "cardinal")


@settings(max_examples=300)
@given(
    st.integers(min_value=0, max_value=999_999),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_words_round_trip(n: int, hyphen: bool, use_and: bool, a_for_one: bool, cap: bool) -> None:
    text = spell(n, hyphen, use_and, a_for_one)
    if cap:
        text = text.capitalize()
    m = one(text)
    assert m.value == n, text
    assert m.kind == "cardinal"


@settings(max_examples=200)
@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=1, max_value=99),
    st.sampled_from([" to ", " or ", "-", "–"]),
    st.sampled_from(["thousand", "million", "hundred"]),
    st.booleans(),
)
def test_range_with_multiplier(a: int, b: int, sep: str, scale: str, words: bool) -> None:
    assume(not (words and scale == "hundred" and b >= 20))  # "ninety hundred" is not English
    if words:
        if sep in "-–":
            sep = " to "
        text = f"{spell(a)}{sep}{spell(b)} {scale}"
    else:
        text = f"{a}{sep}{b} {scale}"
    mult = {"thousand": 1000, "million": 1_000_000, "hundred": 100}[scale]
    ms = find_numbers(text)
    assert ms
    for m in ms:
        if m.low is not None and m.high is not None:
            assert m.low <= m.value <= m.high
    if a < b and not (sep == " or " and b > 10 * a):
        [m] = ms
        assert (m.low, m.high, m.qualifier) == (a * mult, b * mult, "range")
        assert m.value == (a + b) * mult / 2


_WORDS = _split(
    "people fled crossed the border about nearly more than over some between and to or from "
    "a an of thousands hundreds tens dozens several few half million thousand k m % per cent "
    "$ € roubles first 21st Sept. in COVID-19 A320 MH17 G7 ( ) , . - – + : / ~"
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(_WORDS),
                st.integers(0, 10**7).map(str),
                st.integers(0, 10**7).map(lambda n: f"{n:,}"),
                st.integers(0, 10**5).map(spell),
                st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:.1f}"),
            ),
            max_size=25,
        )
    )
    gaps = draw(st.lists(st.sampled_from([" ", "", "-", "\u00a0", "\n"]), min_size=len(pieces)))
    return "".join(p + g for p, g in zip(pieces, gaps, strict=False))


def _check_invariants(text: str) -> None:
    ms = find_numbers(text)
    prev_end = 0
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert prev_end <= m.start <= m.num_start < m.end <= len(text)
        prev_end = m.end
        assert m.qualifier in {
            "exact",
            "about",
            "nearly",
            "more_than",
            "at_least",
            "less_than",
            "up_to",
            "range",
            "vague",
        }
        assert m.kind in {"cardinal", "year", "ordinal", "percent", "money", "decimal_fraction"}
        if m.low is not None:
            assert m.low <= m.value
        if m.high is not None:
            assert m.value <= m.high


@settings(max_examples=400)
@given(_texts())
def test_mentions_are_sorted_non_overlapping_and_exact(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–kmbn$%~aAtoe+:/s")), max_size=30))
def test_garbage_never_crashes(text: str) -> None:
    _check_invariants(text)
