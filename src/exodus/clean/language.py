"""Is this English?  A cheap check with no network and no model.

Two signals: the writing system (mostly Cyrillic, Arabic, Han ... letters is not English) and, for
Latin text, the share of tokens that are common English function words (English news runs at
35-50 %; the floor is 15 %).  A non-English guess is named by the same trick with short stopword
lists for ten languages.  Texts under ``MIN_WORDS`` words are never judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 20
ENGLISH_SHARE = 0.15
OTHER_SHARE = 0.12  # a stopword share that names another Latin-script language
SAMPLE_CHARS = 100_000
LATIN_SHARE = 0.5

STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in a is that for it was on with as by at from he she his her they "
        "have has had are were be been this which not but or an said will would their its who "
        "after more than about into there we i you our also when what been can could them",
        "es": "de la que el en y los del se las por un para con no una su al es lo como más "
        "pero sus le ha este fue o entre está también sin sobre ya muy hay cuando desde",
        "fr": "de la le et les des en un du une que est pour qui dans par plus pas au sur ne se "
        "ce il sont avec aux ont été cette mais nous ou elle leur sa son ses être",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
        "auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem "
        "über einen so zum war haben nur oder",
        "pt": "de a o que e do da em um para é com não uma os no se na por mais as dos como mas "
        "foi ao ele das tem à seu sua ou ser quando muito há nos já está também são",
        "it": "di e il la che è per un in del della non una a le si con i da sono gli al alla "
        "come anche più ma dei nel questo ha lo delle ed se nella degli",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en olan ama sonra kadar ne o her "
        "değil var mı ya ise ancak şu çünkü göre tarafından olduğunu",
        "ru": "и в не на что с по как это из к у за от о так же для все его но он она они был "
        "была было были уже года также который которые только после",
        "uk": "і в у на що не з та до як це за від для по але його він вона вони був була також "
        "які який року вже із ще або після",
    }.items()
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("latin", re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]")),
    ("cyrillic", re.compile(r"[Ѐ-ӿ]")),
    ("arabic", re.compile(r"[؀-ۿݐ-ݿ]")),
    ("han", re.compile(r"[㐀-䶿一-鿿]")),
    ("kana", re.compile(r"[぀-ヿ]")),
    ("hangul", re.compile(r"[가-힯]")),
    ("greek", re.compile(r"[Ͱ-Ͽ]")),
    ("hebrew", re.compile(r"[֐-׿]")),
    ("devanagari", re.compile(r"[ऀ-ॿ]")),
    ("thai", re.compile(r"[฀-๿]")),
    ("georgian", re.compile(r"[Ⴀ-ჿ]")),
    ("armenian", re.compile(r"[԰-֏]")),
)
_SCRIPT_LANGUAGE = {
    "greek": "el",
    "hebrew": "he",
    "devanagari": "hi",
    "thai": "th",
    "georgian": "ka",
    "armenian": "hy",
    "hangul": "ko",
}


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1 code, or "unknown"
    english: bool
    words: int
    english_share: float
    judged: bool  # False for texts too short to judge


def guess_language(text: str) -> LanguageGuess:
    """Guess whether ``text`` is English and, if not, which language it is."""
    sample = text[:SAMPLE_CHARS]
    counts = {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS}
    letters = sum(counts.values())
    tokens = [t.lower() for t in _TOKEN.findall(sample)]
    cjk = counts["han"] + counts["kana"]
    words = len(tokens) + cjk  # a Han or kana character counts as a word
    english = STOPWORDS["en"]
    share = sum(1 for t in tokens if t in english) / len(tokens) if tokens else 0.0
    judged = words >= MIN_WORDS
    if letters and counts["latin"] < LATIN_SHARE * letters:
        script = max(counts, key=lambda k: counts[k])
        return LanguageGuess(_non_latin(script, counts, tokens), False, words, share, judged)
    if share >= ENGLISH_SHARE or not judged:
        return LanguageGuess("en", True, words, share, judged)
    return LanguageGuess(_best_latin(tokens), False, words, share, judged)


def _non_latin(script: str, counts: dict[str, int], tokens: list[str]) -> str:
    if script in ("han", "kana"):
        return "ja" if counts["kana"] > 0.05 * (counts["han"] + counts["kana"]) else "zh"
    if script == "cyrillic":
        uk = sum(1 for t in tokens if t in STOPWORDS["uk"]) + 3 * sum(
            t.count(c) for t in tokens for c in "іїєґ"
        )
        ru = sum(1 for t in tokens if t in STOPWORDS["ru"]) + 3 * sum(
            t.count(c) for t in tokens for c in "ыэъё"
        )
        return "uk" if uk > ru else "ru"
    if script == "arabic":
        return "fa" if any(c in "پچژگ" for t in tokens[:2000] for c in t) else "ar"
    return _SCRIPT_LANGUAGE.get(script, "unknown")


def _best_latin(tokens: list[str]) -> str:
    if not tokens:
        return "unknown"
    scores = {
        lang: sum(1 for t in tokens if t in words) / len(tokens)
        for lang, words in STOPWORDS.items()
        if lang not in ("en", "ru", "uk")
    }
    lang = max(scores, key=lambda k: scores[k])
    return lang if scores[lang] >= OTHER_SHARE else "unknown"
