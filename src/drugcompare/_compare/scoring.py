"""The combined similarity score: TF-IDF weighted cosine per basis, and their weighted sum.

For each single basis (targets, pharmacologic classes, ATC codes, indications, adverse effects):

- a feature's weight is its inverse document frequency over the catalog, ``ln(N / df)``, where
  ``N`` counts the drugs that have any feature of the basis and ``df`` those that have this one:
  a rare shared feature (a target, an ATC level-5 code, "Somnolence" among SSRIs) counts more than
  a common one ("Headache", on most labels); a feature every drug has counts nothing;
- a drug's vector holds the weights of its features (present or absent: no term frequency),
  scaled to length 1; the basis score of two drugs is the cosine of their vectors, in [0, 1].
  Indications also count each condition's parent (``ANCESTOR_DEPTH``), so "focal epilepsy" and
  "epilepsy" meet.

The combined score of two drugs is the weighted sum of their basis scores (``BASIS_WEIGHTS``)
divided by the weight of the bases that say something about the pair: a basis both drugs have
features of counts in full, a basis only one of them has counts ``MISSING_WEIGHT`` of its weight
(no data is weaker evidence than a different profile), a basis neither has does not count. So a
score is in [0, 1] and a drug is not penalised for a kind of data no source has for either drug.
The method, its weights and its measured precision are in docs/guide/similarity.md.
"""

from __future__ import annotations

import array
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Protocol

from .similarity import FEATURE_BASES, FeatureBasis, jaccard

__all__ = [
    "ANCESTOR_DEPTH",
    "BASIS_WEIGHTS",
    "MISSING_WEIGHT",
    "Ancestry",
    "BasisVectors",
    "Facts",
    "SimilarityIndex",
    "rank_jaccard",
    "similarity_index",
    "with_ancestors",
]

BASIS_WEIGHTS: Mapping[FeatureBasis, float] = {
    "mechanisms": 0.30,
    "classes": 0.15,
    "atc": 0.20,
    "indications": 0.20,
    "adverse_effects": 0.15,
}
"""How much each basis counts in the combined score (they add up to 1)."""

MISSING_WEIGHT = 0.5
"""The share of a basis's weight that counts when only one of the two drugs has data for it."""

ANCESTOR_DEPTH = 1
"""How many levels of broader conditions an indication adds as features (1: its parents)."""


class Ancestry(Protocol):
    """What the indication features need of the condition hierarchy."""

    def ancestors(self, condition_id: str, max_depth: int | None = None) -> Mapping[str, int]:
        """Broader conditions of a condition, with their distance (1 = parent)."""
        ...


def with_ancestors(
    conditions: Iterable[str],
    hierarchy: Ancestry,
    depth: int = ANCESTOR_DEPTH,
    cache: dict[str, frozenset[str]] | None = None,
) -> frozenset[str]:
    """Condition ids with their broader conditions up to ``depth`` levels."""
    cache = {} if cache is None else cache
    found: set[str] = set()
    for condition in conditions:
        broader = cache.get(condition)
        if broader is None:
            broader = frozenset(hierarchy.ancestors(condition, depth)) if depth > 0 else frozenset()
            cache[condition] = broader
        found.add(condition)
        found.update(broader)
    return frozenset(found)


class BasisVectors:
    """One basis over a list of drugs: each drug's features weighted by IDF, scaled to length 1.

    Drug ``d``'s weight for feature ``f`` is ``idf[f] * scale[d]``, so the cosine of two drugs is
    ``scale[a] * scale[b]`` times the sum of ``idf[f] ** 2`` over the features they share: the
    postings need only positions, and building them costs one append per (drug, feature)."""

    __slots__ = ("features", "idf", "postings", "present", "scale")

    def __init__(self, feature_sets: Sequence[frozenset[str]], idf: bool = True) -> None:
        """``idf=False`` weighs every feature 1 (plain cosine; for comparison only)."""
        counts = Counter(chain.from_iterable(feature_sets))
        with_data = sum(1 for found in feature_sets if found)
        log = math.log
        # A feature every drug of the basis has weighs ln(1) = 0 and is left out.
        self.idf = {
            f: log(with_data / df) if idf else 1.0
            for f, df in counts.items()
            if df < with_data or not idf
        }
        """The weight of each feature of positive weight."""
        squares = {f: w * w for f, w in self.idf.items()}
        self.present = [bool(found) for found in feature_sets]
        """Whether each drug has any feature of the basis (data for it)."""
        self.features: list[tuple[str, ...]] = []
        """Per drug: its features of positive weight."""
        self.scale = array.array("d", bytes(8 * len(feature_sets)))
        """Per drug: 1 / the length of its IDF vector (0 without features of positive weight)."""
        self.postings: dict[str, list[int]] = {f: [] for f in self.idf}
        """Per feature of positive weight: the positions of the drugs that have it."""
        postings = self.postings
        for position, found in enumerate(feature_sets):
            kept = tuple([f for f in found if f in squares])
            self.features.append(kept)
            if kept:
                # fsum is exact, so the length does not depend on the order of the set
                self.scale[position] = 1.0 / math.sqrt(math.fsum([squares[f] for f in kept]))
                for feature in kept:
                    postings[feature].append(position)

    def vector(self, position: int) -> Iterator[tuple[str, float]]:
        """Drug ``position``'s (feature, weight) pairs, sorted by feature."""
        scale = self.scale[position]
        idf = self.idf
        return ((f, idf[f] * scale) for f in sorted(self.features[position]))

    def cosines(self, position: int) -> dict[int, float]:
        """The cosine of drug ``position`` with every drug it shares a feature with."""
        sums: dict[int, float] = {}
        get = sums.get
        postings = self.postings
        idf = self.idf
        for feature in sorted(self.features[position]):  # sums in a fixed order
            square = idf[feature] ** 2
            for other in postings[feature]:
                sums[other] = get(other, 0.0) + square
        own = self.scale[position]
        scale = self.scale
        return {other: total * own * scale[other] for other, total in sums.items()}


class SimilarityIndex:
    """The combined score over a fixed list of drugs (``ids``), with the per-basis vectors."""

    def __init__(
        self,
        ids: Sequence[str],
        feature_sets: Mapping[FeatureBasis, Sequence[frozenset[str]]],
        weights: Mapping[FeatureBasis, float] = BASIS_WEIGHTS,
        missing: float = MISSING_WEIGHT,
        idf: bool = True,
    ) -> None:
        self.ids = tuple(ids)
        self.position = {drug_id: i for i, drug_id in enumerate(self.ids)}
        self.weights = dict(weights)
        self.missing = missing
        self.bases = {basis: BasisVectors(feature_sets[basis], idf) for basis in FEATURE_BASES}

    def scores(
        self, position: int, bases: Sequence[FeatureBasis] = FEATURE_BASES
    ) -> dict[int, float]:
        """The combined score (over ``bases``) of drug ``position`` with every drug it shares a
        feature with (the others score 0), itself included."""
        total: dict[int, float] = {}
        for basis in bases:
            weight = self.weights[basis]
            for other, cosine in self.bases[basis].cosines(position).items():
                total[other] = total.get(other, 0.0) + weight * cosine
        return {
            other: value / self.counted(position, other, bases) for other, value in total.items()
        }

    def counted(self, a: int, b: int, bases: Sequence[FeatureBasis] = FEATURE_BASES) -> float:
        """The weight of the bases that say something about drugs ``a`` and ``b``."""
        return self.counted_by(
            [self.bases[basis].present[a] for basis in bases],
            [self.bases[basis].present[b] for basis in bases],
            bases,
        )

    def counted_by(
        self, a: Sequence[bool], b: Sequence[bool], bases: Sequence[FeatureBasis]
    ) -> float:
        """The counted weight of two drugs that have data for ``bases[k]`` where ``a[k]``, ``b[k]``:
        in full where both have it, ``missing`` of it where one has it, nothing where neither."""
        total = 0.0
        for basis, in_a, in_b in zip(bases, a, b, strict=True):
            if in_a and in_b:
                total += self.weights[basis]
            elif in_a or in_b:
                total += self.weights[basis] * self.missing
        return total

    def rank(
        self,
        drug_id: str,
        limit: int,
        name_of: Callable[[str], str],
        bases: Sequence[FeatureBasis] = FEATURE_BASES,
    ) -> list[tuple[str, float]]:
        """The ``limit`` drugs most similar to ``drug_id``, best first; ties by name, then id."""
        own = self.position.get(drug_id)
        if own is None:
            return []
        ids = self.ids
        scored = [
            (ids[other], score)
            for other, score in self.scores(own, bases).items()
            if other != own and score > 0
        ]
        return _best(scored, limit, name_of)


def _best(
    scored: list[tuple[str, float]], limit: int, name_of: Callable[[str], str]
) -> list[tuple[str, float]]:
    # Scores are rounded for ordering only, so that sums taken in another order (numpy) tie alike.
    rounded = [(-round(score, 12), drug_id, score) for drug_id, score in scored]
    rounded.sort()
    if len(rounded) > limit > 0:
        # Names are looked up only for the drugs that can make the cut (ties included).
        cut = rounded[limit - 1][0]
        rounded = [entry for entry in rounded if entry[0] <= cut]
    rounded.sort(key=lambda entry: (entry[0], name_of(entry[1]), entry[1]))
    return [(drug_id, score) for _, drug_id, score in rounded[:limit]]


def rank_jaccard(
    mine: frozenset[str],
    own_id: str,
    others: Mapping[str, frozenset[str]],
    name_of: Callable[[str], str],
    limit: int,
) -> list[tuple[str, float]]:
    """The ``limit`` drug ids of ``others`` (drug id -> features) with the highest Jaccard
    similarity to the features ``mine`` of drug ``own_id``, best first; ties by name, then id."""
    scored = []
    for other_id, theirs in others.items():
        if other_id == own_id:
            continue
        score, _ = jaccard(mine, theirs)
        if score > 0:
            scored.append((other_id, score))
    return _best(scored, limit, name_of)


class Facts(Protocol):
    """What the index needs of a drug's raw facts (:class:`~drugcompare._catalog.facts.RawFacts`)."""

    def features(self, by: str) -> frozenset[str]: ...


def similarity_index(
    facts: Mapping[str, Facts],
    hierarchy: Ancestry,
    weights: Mapping[FeatureBasis, float] = BASIS_WEIGHTS,
    missing: float = MISSING_WEIGHT,
    depth: int = ANCESTOR_DEPTH,
    idf: bool = True,
) -> SimilarityIndex:
    """The index over every drug of ``facts`` that has a feature of any basis (in the order of
    ``facts``), indications widened by the hierarchy (:func:`with_ancestors`); the defaults are the
    library's method, the parameters let the benchmark measure alternatives."""
    every = {basis: [found.features(basis) for found in facts.values()] for basis in FEATURE_BASES}
    kept = [k for k, row in enumerate(zip(*every.values(), strict=True)) if any(row)]
    names = list(facts)
    ids = [names[k] for k in kept]
    sets: dict[FeatureBasis, Sequence[frozenset[str]]] = {
        basis: [found[k] for k in kept] for basis, found in every.items()
    }
    cache: dict[str, frozenset[str]] = {}
    sets["indications"] = [with_ancestors(s, hierarchy, depth, cache) for s in sets["indications"]]
    return SimilarityIndex(ids, sets, weights, missing, idf)
