"""Confidence: a raw score from the evidence behind a fact, calibrated on the dev set.

The raw score adds up what supports a fact (a movement verb governing the number, a counted
noun, a place, a speaker) and what weakens it (a forecast, a figure carried from context).  The
calibration maps raw scores to the share of facts with that score that were right on the
development split (isotonic: a higher score never gets a lower confidence), so that an analyst
who keeps facts at 0.8 and above gets facts that were right about 80 % of the time or more.
``exodus eval GOLD --split dev --calibrate src/exodus/data/calibration.json`` refits it.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TERM_SOURCE_WEIGHT = {"verb": 0.25, "sentence": 0.15, "context": 0.1, "noun": 0.1}


def raw_score(
    *,
    term_source: str,
    has_noun: bool,
    has_place: bool,
    has_speaker: bool,
    forecast: bool,
    inherited: bool,
    vague: bool,
) -> float:
    score = 0.35 + TERM_SOURCE_WEIGHT.get(term_source, 0.0)
    score += 0.1 if has_noun else 0.0
    score += 0.1 if has_place else 0.0
    score += 0.05 if has_speaker else 0.0
    score -= 0.1 if forecast else 0.0
    score -= 0.05 if inherited else 0.0
    score -= 0.05 if vague else 0.0
    return round(max(0.05, min(0.95, score)), 3)


@dataclass(frozen=True)
class Calibration:
    """A step function: scores up to ``bounds[i]`` get ``values[i]``."""

    bounds: tuple[float, ...]
    values: tuple[float, ...]

    def __call__(self, score: float) -> float:
        if not self.bounds:
            return score
        i = min(bisect.bisect_left(self.bounds, score), len(self.values) - 1)
        return self.values[i]

    def to_json(self) -> str:
        return (
            json.dumps({"bounds": list(self.bounds), "values": list(self.values)}, indent=2) + "\n"
        )

    @staticmethod
    def from_json(text: str) -> Calibration:
        data = json.loads(text)
        return Calibration(tuple(data["bounds"]), tuple(data["values"]))


IDENTITY = Calibration((), ())


def fit(pairs: Iterable[tuple[float, bool]], prior: float = 1.0) -> Calibration:
    """Isotonic regression (pool adjacent violators) of correctness on raw score.

    ``prior`` adds that many half-right pseudo-facts to each pool, so that a score seen twice
    does not get a confidence of 0 or 1.
    """
    by_score: dict[float, list[int]] = {}
    for score, ok in pairs:
        by_score.setdefault(score, [0, 0])
        by_score[score][0] += 1
        by_score[score][1] += int(ok)
    pools: list[list[float]] = []  # [upper bound, n, correct]
    for score in sorted(by_score):
        n, c = by_score[score]
        pools.append([score, float(n), float(c)])
        while len(pools) > 1 and _rate(pools[-2], prior) > _rate(pools[-1], prior):
            last = pools.pop()
            pools[-1] = [last[0], pools[-1][1] + last[1], pools[-1][2] + last[2]]
    return Calibration(tuple(p[0] for p in pools), tuple(round(_rate(p, prior), 3) for p in pools))


def _rate(pool: Sequence[float], prior: float) -> float:
    return (pool[2] + prior / 2) / (pool[1] + prior)
