"""Near-duplicate documents: syndicated wire copies and re-posts under other clutter.

Method, on cleaned text (no I/O, no clock, deterministic across runs, processes and machines):

1. **Body lines.**  Each line is kept when it looks like body copy: at least
   :data:`MIN_BODY_WORDS` words, ending like a sentence, and not starting with a clutter prefix
   ("Read more:", "Advertisement", "By ...", "Photo:", ...).  Headlines, bylines, promo links and
   ad markers therefore differ between copies without changing the fingerprint.  A document with no
   such line falls back to all its lines.
2. **Shingles.**  Words are lower-cased and stripped of punctuation (``98,000`` -> ``98000``); each
   body line gives its word 5-grams (:data:`SHINGLE_WORDS`), a line shorter than that gives one
   shingle of its own.  Shingles never span two lines, so an inserted line changes only itself.
3. **MinHash.**  Each shingle is hashed once with salted BLAKE2b to 64 bits; 128 permutations
   (:data:`PERMUTATIONS`) are universal hashes ``(a*x + b) mod (2**61 - 1)`` whose ``a, b`` come from
   BLAKE2b of the permutation number under the same salt: no ``random``, no ``hash()``.  They are
   computed with numpy in exact integer arithmetic (the same values as Python integers give).
4. **LSH banding.**  The signature is cut into 32 bands of 4 rows; documents sharing a band are
   candidate pairs (a pair at Jaccard 0.8 becomes a candidate with probability > 0.9999999).
5. **Confirmation.**  A candidate pair is a near duplicate when the exact Jaccard similarity of
   the two shingle sets is at least :data:`THRESHOLD` (0.8).
6. **Originals.**  Confirmed pairs are joined into groups (union-find); in each group the original
   is the earliest published document (unknown dates last), ties broken by key; every other member
   maps to it, with its exact Jaccard similarity to the original.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.8
MIN_BODY_WORDS = 8
SALT = b"exodus.neardup1"  # at most 16 bytes: BLAKE2b's salt size
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 64) - 1

_CLUTTER_PREFIX = re.compile(
    r"^\s*(read more|read also|also read|see also|related|advertisement|sponsored|"
    r"by\s|photo|image|video|watch|listen|click here|sign up|subscribe|follow us|share|"
    r"copyright|\(c\)|©|all rights reserved|more:)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Duplicate:
    """One near-duplicate document, the original it copies and their Jaccard similarity."""

    key: str
    original: str
    similarity: float


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose (the common case, and much faster)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def body_lines(text: str) -> list[str]:
    """The lines of ``text`` that look like body copy (all non-blank lines when none does)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = [
        line
        for line in lines
        if len(line.split()) >= MIN_BODY_WORDS
        and _SENTENCE_END.search(line)
        and not _CLUTTER_PREFIX.match(line)
    ]
    return body or lines


def _words(line: str) -> list[str]:
    # "98,000" and "98.000" become one token; apostrophes join ("Russia's" -> "russias")
    squashed = re.sub(r"(?<=\d)[,.](?=\d)|['’]", "", _fold(line))
    return _WORD.findall(squashed)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Word ``size``-gram shingles of the body lines of ``text``, never spanning two lines."""
    out: set[str] = set()
    for line in body_lines(text):
        words = _words(line)
        if not words:
            continue
        if len(words) < size:
            out.add(" ".join(words))
            continue
        out.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return frozenset(out)


def _hash64(data: bytes, person: bytes = b"") -> int:
    digest = hashlib.blake2b(data, digest_size=8, salt=SALT, person=person).digest()
    return int.from_bytes(digest, "big")


def _permutations(n: int) -> tuple[tuple[int, int], ...]:
    params = []
    for i in range(n):
        a = _hash64(f"a{i}".encode(), b"perm") % (_PRIME - 1) + 1
        b = _hash64(f"b{i}".encode(), b"perm") % _PRIME
        params.append((a, b))
    return tuple(params)


_PERMS = _permutations(PERMUTATIONS)


_A = np.array([a for a, _b in _PERMS], dtype=np.uint64)
_B = np.array([b for _a, b in _PERMS], dtype=np.uint64)
_P = np.uint64(_PRIME)
_LOW31 = np.uint64((1 << 31) - 1)
_LOW30 = np.uint64((1 << 30) - 1)


def _mod_prime(x: np.ndarray) -> np.ndarray:
    """``x mod (2**61 - 1)`` for uint64 values, using ``2**61 = 1`` (mod the Mersenne prime)."""
    x = (x & _P) + (x >> np.uint64(61))
    x = (x & _P) + (x >> np.uint64(61))
    return np.minimum(x, x - _P)  # x - p wraps around (to a huge value) when x < p


def _universal(x: np.ndarray) -> np.ndarray:
    """``(a*x + b) mod (2**61 - 1)`` for every permutation ``(a, b)`` (rows) and hash ``x``
    (columns), exactly as with Python integers: the 122-bit product is split into 31-bit halves
    whose partial products fit 64 bits."""
    x = _mod_prime(x)[None, :]
    a = _A[:, None]
    a1, a0 = a >> np.uint64(31), a & _LOW31
    x1, x0 = x >> np.uint64(31), x & _LOW31
    mid = a1 * x0 + a0 * x1  # < 2**62: times 2**31 is m1 * 2**61 + m0 * 2**31 with m0 < 2**30
    total = (
        np.uint64(2) * (a1 * x1)  # a1*x1 * 2**62, and 2**62 = 2 (mod p)
        + (mid >> np.uint64(30))
        + ((mid & _LOW30) << np.uint64(31))
        + _mod_prime(a0 * x0)
    )
    return _mod_prime(_mod_prime(total) + _B[:, None])


def minhash(items: Iterable[str]) -> tuple[int, ...]:
    """The MinHash signature (:data:`PERMUTATIONS` values) of a set of shingles.

    Each value is ``min((a*x + b) mod (2**61 - 1))`` over the shingles' 64-bit hashes ``x`` for
    one permutation ``(a, b)``, computed with numpy in exact integer arithmetic.  An empty set
    gets a signature of maximal values, which matches nothing but another empty set (and empty
    documents are never confirmed: their Jaccard similarity is taken as 0).
    """
    return signatures([frozenset(items)])[0]


def signatures(sets: Sequence[frozenset[str]], chunk: int = 512) -> list[tuple[int, ...]]:
    """The :func:`minhash` signatures of many shingle sets, computed in batches (faster)."""
    out: list[tuple[int, ...]] = []
    i = 0
    while i < len(sets):
        batch: list[int] = []
        starts: list[int] = []
        j = i
        while j < len(sets) and (not batch or len(batch) + len(sets[j]) <= chunk):
            starts.append(len(batch))
            batch.extend(_hash64(s.encode("utf-8")) for s in sets[j])
            j += 1
        values = _universal(np.array(batch, dtype=np.uint64)) if batch else None
        for k in range(i, j):
            lo = starts[k - i]
            hi = starts[k - i + 1] if k + 1 < j else len(batch)
            if hi == lo or values is None:
                out.append((_MAX_HASH,) * PERMUTATIONS)
            else:
                out.append(tuple(values[:, lo:hi].min(axis=1).tolist()))
        i = j
    return out


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def candidate_pairs(signatures: Sequence[tuple[int, ...]]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose signatures agree on at least one whole band."""
    pairs: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        lo = band * ROWS
        for i, sig in enumerate(signatures):
            buckets[sig[lo : lo + ROWS]].append(i)
        for members in buckets.values():
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    pairs.add((i, j))
    return pairs


def _order(doc: tuple[str, str, date | None]) -> tuple[bool, date, str]:
    key, _text, published = doc
    return (published is None, published or date.max, key)


def match_duplicates(
    docs: Sequence[tuple[str, str, date | None]], threshold: float = THRESHOLD
) -> list[Duplicate]:
    """Near-duplicate documents among ``docs`` (``(key, cleaned text, published)``), sorted by key.

    Each duplicate names the original of its group (earliest published, ties by key) and its
    exact Jaccard similarity to that original.  See the module docstring for the method.
    """
    ordered = sorted(docs, key=_order)
    sets = [shingles(text) for _key, text, _published in ordered]
    sigs = signatures(sets)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidate_pairs(sigs)):
        if jaccard(sets[i], sets[j]) >= threshold:
            ri, rj = root(i), root(j)
            if ri != rj:  # the earlier document (lower index) stays the root: the original
                parent[max(ri, rj)] = min(ri, rj)
    found = []
    for i, (key, _text, _published) in enumerate(ordered):
        r = root(i)
        if r != i:
            found.append(Duplicate(key, ordered[r][0], round(jaccard(sets[i], sets[r]), 4)))
    return sorted(found, key=lambda d: d.key)


def find_duplicates(docs: Sequence[tuple[str, str, date | None]]) -> dict[str, str]:
    """Map each near-duplicate document key to the key of its original.

    ``docs`` holds ``(key, cleaned text, published date or None)``.  The original is the earliest
    published document of its group, ties broken by key; use :func:`match_duplicates` for the
    similarity of each copy to its original.
    """
    return {d.key: d.original for d in match_duplicates(docs)}
