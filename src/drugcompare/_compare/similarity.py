"""Similarity of drugs: the bases a score can use, each drug's features for a basis, the Jaccard
score, and the ranking behind :func:`~drugcompare.similar_drugs`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Drug

__all__ = [
    "BASIS_TITLES",
    "SIMILARITY_BASES",
    "SimilarityBasis",
    "check_basis",
    "features",
    "jaccard",
    "rank_similar",
]

SimilarityBasis = Literal["adverse_effects", "indications", "mechanisms"]
SIMILARITY_BASES: tuple[SimilarityBasis, ...] = ("adverse_effects", "indications", "mechanisms")
BASIS_TITLES: Mapping[str, str] = {
    "adverse_effects": "Adverse effects",
    "indications": "Indications",
    "mechanisms": "Mechanisms",
}
"""How each basis is titled in tables and plots."""


def check_basis(by: object) -> SimilarityBasis:
    """``by`` as a :data:`SimilarityBasis` (raises a documented error otherwise)."""
    if not isinstance(by, str):
        raise InvalidArgumentTypeError(f"by must be a string, not {type(by).__name__}")
    for basis in SIMILARITY_BASES:
        if by == basis:
            return basis
    raise InvalidArgumentError(f"unknown by={by!r}; use one of: {', '.join(SIMILARITY_BASES)}")


def features(drug: Drug, by: SimilarityBasis) -> frozenset[str]:
    """A drug's feature keys for one basis (the keys whole-catalog scans read from raw records)."""
    if by == "adverse_effects":
        return frozenset(effect.key for effect in drug.adverse_effects)
    if by == "indications":
        return frozenset(i.condition.id for i in drug.indications)
    return frozenset(m.key for m in drug.mechanisms)


def jaccard(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """Jaccard similarity of two feature sets and the number of shared features."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared), shared


def rank_similar(
    target: Drug,
    basis: SimilarityBasis,
    others: Mapping[str, frozenset[str]],
    name_of: Callable[[str], str],
    limit: int,
) -> list[tuple[str, float]]:
    """The ``limit`` drug ids most similar to ``target`` among ``others`` (drug id -> features),
    best first; ties by name, then id."""
    mine = features(target, basis)
    scored = []
    for other_id, theirs in others.items():
        if other_id == target.id:
            continue
        score, _ = jaccard(mine, theirs)
        if score > 0:
            scored.append((other_id, score))
    scored.sort(key=lambda pair: (-pair[1], name_of(pair[0]), pair[0]))
    return scored[:limit]
