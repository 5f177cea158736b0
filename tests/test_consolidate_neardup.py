"""consolidate.neardup: syndicated copies under other clutter are found; other articles are not."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from exodus.consolidate.neardup import (
    body_lines,
    find_duplicates,
    jaccard,
    match_duplicates,
    minhash,
    shingles,
)

SRC = Path(__file__).resolve().parents[1] / "src"

BODY = """\
ALMATY, Sept 27 (Reuters) - Nearly 100,000 Russians have crossed into Kazakhstan since President Vladimir Putin announced a partial mobilisation last week, the Kazakh interior ministry said on Tuesday.
Long queues of cars stretched for several kilometres at the Mashtakovo crossing point on the border with Russia's Orenburg region, according to witnesses who spoke to Reuters.
Kazakh President Kassym-Jomart Tokayev said on Tuesday that his country would take care of the people arriving, calling their situation hopeless.
"Most of them are forced to leave because of the current hopeless situation," Tokayev told a meeting of officials in the capital Astana.
The interior ministry said 98,000 Russians had entered Kazakhstan between September 21 and September 27, while about 64,000 had left the country over the same period.
Officials in the border region of West Kazakhstan said hotels and rented flats in the city of Uralsk were full and that volunteers had opened a cinema for people to sleep in.
Russia has said it needs about 300,000 reservists for the war in Ukraine, and rumours that the borders could close have driven thousands of men to leave.
"""

COPY = f"""\
Russians flee to Kazakhstan as mobilisation bites
By Staff Writer
Advertisement
{BODY}
Read more: Georgia sees record queues at Upper Lars crossing
Photo: Cars queue at the border. (AP Photo)
Reporting by Olzhas Auyezov; Editing by Tom Balmforth
"""

OTHER = """\
Kazakhstan says tens of thousands of Russians arrived after mobilisation order
Russians fleeing the call-up have poured into Kazakhstan, and the government in Astana has promised not to send them back unless they are wanted for crimes.
The Kazakh interior ministry counted 98,000 arrivals in the week to Tuesday, a figure that officials said was without precedent for a single week.
At the Mashtakovo crossing, drivers said they had waited up to two days in their cars, sleeping in shifts and sharing food with strangers.
In Uralsk, a cinema and several mosques have opened their doors to those who had nowhere to sleep, local volunteers told our correspondent.
President Tokayev urged compassion, saying most of the arrivals were leaving a hopeless situation rather than choosing to travel.
The Kremlin has said that reports of men being turned back at the border were exaggerated.
"""


def test_copy_with_other_clutter_is_a_duplicate_of_the_earlier_original() -> None:
    docs = [
        ("wire/reuters.txt", BODY, date(2022, 9, 27)),
        ("site/repost.txt", COPY, date(2022, 9, 28)),
    ]
    assert find_duplicates(docs) == {"site/repost.txt": "wire/reuters.txt"}
    (dup,) = match_duplicates(docs)
    assert dup.similarity >= 0.8


def test_lightly_edited_repost_is_still_a_duplicate() -> None:
    edited = COPY.replace("on Tuesday.", "on Sept. 27.", 1).replace(
        "ALMATY, Sept 27 (Reuters) - ", ""
    )
    docs = [("wire", BODY, date(2022, 9, 27)), ("blog", edited, date(2022, 9, 28))]
    (dup,) = match_duplicates(docs)
    assert (dup.key, dup.original) == ("blog", "wire")
    assert 0.8 <= dup.similarity < 1


def test_different_article_on_the_same_event_is_not_a_duplicate() -> None:
    docs = [
        ("wire/reuters.txt", BODY, date(2022, 9, 27)),
        ("paper/other.txt", OTHER, date(2022, 9, 27)),
    ]
    assert find_duplicates(docs) == {}
    assert jaccard(shingles(BODY), shingles(OTHER)) < 0.2


def test_original_is_earliest_published_then_key_and_unknown_dates_come_last() -> None:
    assert find_duplicates(
        [
            ("c.txt", COPY, None),
            ("b.txt", BODY, date(2022, 9, 28)),
            ("a.txt", COPY, date(2022, 9, 28)),
        ]
    ) == {"b.txt": "a.txt", "c.txt": "a.txt"}
    assert find_duplicates([("z.txt", BODY, None), ("y.txt", COPY, None)]) == {"z.txt": "y.txt"}


def test_a_group_of_copies_maps_every_copy_to_one_original() -> None:
    third = COPY.replace("Advertisement", "Sponsored content") + "Share this article\n"
    docs = [
        ("copy1", COPY, date(2022, 9, 29)),
        ("orig", BODY, date(2022, 9, 27)),
        ("copy2", third, date(2022, 9, 30)),
        ("other", OTHER, date(2022, 9, 27)),
    ]
    assert find_duplicates(docs) == {"copy1": "orig", "copy2": "orig"}


def test_clutter_lines_are_not_body() -> None:
    lines = body_lines(COPY)
    assert not any(
        line.startswith(("Read more", "Advertisement", "By ", "Photo")) for line in lines
    )
    assert lines == body_lines(BODY)
    assert body_lines("Short headline\nAnother") == ["Short headline", "Another"]


def test_empty_documents_are_never_duplicates() -> None:
    assert find_duplicates([("a", "", None), ("b", "  \n", None)]) == {}


def test_minhash_is_deterministic_across_processes() -> None:
    here = minhash(shingles(BODY))[:8]
    code = (
        "from exodus.consolidate.neardup import minhash, shingles\n"
        f"print(list(minhash(shingles({BODY!r}))[:8]))"
    )
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(SRC), "PYTHONHASHSEED": seed},
        )
        assert out.stdout.strip() == str(list(here))


def test_minhash_estimate_tracks_exact_jaccard() -> None:
    a, b = shingles(BODY), shingles(COPY)
    sa, sb = minhash(a), minhash(b)
    estimate = sum(x == y for x, y in zip(sa, sb, strict=True)) / len(sa)
    assert abs(estimate - jaccard(a, b)) < 0.15


def test_numpy_minhash_gives_the_python_integer_values() -> None:
    import random

    import numpy as np

    from exodus.consolidate import neardup

    def reference(items: set[str]) -> tuple[int, ...]:
        hashed = [neardup._hash64(s.encode("utf-8")) for s in items]
        return tuple(min((a * x + b) % neardup._PRIME for x in hashed) for a, b in neardup._PERMS)

    rng = random.Random(5)
    sets = [
        frozenset(f"w{rng.random():.6f} {k}" for _ in range(rng.randint(1, 60))) for k in range(40)
    ]
    assert neardup.signatures(sets, chunk=64) == [reference(set(s)) for s in sets]
    assert neardup.signatures([frozenset()]) == [(neardup._MAX_HASH,) * neardup.PERMUTATIONS]
    # hashes at the edges of 64 bits and of the prime
    edges = np.array([0, 1, 2**61 - 2, 2**61 - 1, 2**61, 2**63, 2**64 - 1], dtype=np.uint64)
    got = neardup._universal(edges)
    for column, x in enumerate(edges.tolist()):
        assert [int(v) for v in got[:, column]] == [
            (a * x + b) % neardup._PRIME for a, b in neardup._PERMS
        ]
