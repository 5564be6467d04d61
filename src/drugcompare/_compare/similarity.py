"""Similarity bases: the names a score can be asked for (:data:`SimilarityBasis`), how each is
titled, each drug's features for a basis, and the Jaccard score of two feature sets.

The single bases are ``mechanisms`` (the targets a drug acts on), ``classes`` (its FDA Established
Pharmacologic Classes), ``atc`` (its ATC codes at levels 3, 4 and 5), ``indications`` (the
conditions it is used for) and ``adverse_effects``; on its own, each is scored by Jaccard
similarity, the same score :func:`~drugcompare.compare` reports. ``combined`` weighs all five
together (:mod:`drugcompare._compare.scoring`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from .._catalog.facts import atc_keys, class_key, target_key
from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from ..model import Drug

__all__ = [
    "ALL_BASES",
    "BASIS_TITLES",
    "FEATURE_BASES",
    "SCORE_TITLES",
    "SIMILARITY_BASES",
    "FeatureBasis",
    "SimilarityBasis",
    "check_basis",
    "features",
    "jaccard",
]

SimilarityBasis = Literal[
    "combined", "mechanisms", "classes", "atc", "indications", "adverse_effects"
]
"""What a similarity score is computed from: ``"combined"`` (the default of
:func:`~drugcompare.similar_drugs`) or one single basis."""

FeatureBasis = Literal["mechanisms", "classes", "atc", "indications", "adverse_effects"]
"""A single basis: one kind of feature of a drug."""

FEATURE_BASES: tuple[FeatureBasis, ...] = (
    "mechanisms",
    "classes",
    "atc",
    "indications",
    "adverse_effects",
)
"""The single bases, in the order the combined score lists them."""

ALL_BASES: tuple[SimilarityBasis, ...] = ("combined", *FEATURE_BASES)
"""Every value ``by`` accepts in :func:`~drugcompare.similar_drugs` and
:func:`~drugcompare.similarity_matrix`."""

SIMILARITY_BASES: tuple[FeatureBasis, ...] = ("adverse_effects", "indications", "mechanisms")
"""The bases :func:`~drugcompare.compare` scores for every pair of its drugs (Jaccard)."""

BASIS_TITLES: Mapping[str, str] = {
    "combined": "Combined profile",
    "mechanisms": "Mechanisms",
    "classes": "Pharmacologic classes",
    "atc": "ATC codes",
    "indications": "Indications",
    "adverse_effects": "Adverse effects",
}
"""How each basis is titled in tables and plots."""

SCORE_TITLES: Mapping[str, str] = {
    basis: "Combined score" if basis == "combined" else "Jaccard" for basis in ALL_BASES
}
"""The name of the score a basis gives, for a table's score column."""


def check_basis(
    by: object, allowed: Sequence[SimilarityBasis] = SIMILARITY_BASES
) -> SimilarityBasis:
    """``by`` as one of the ``allowed`` bases (raises a documented error otherwise)."""
    if not isinstance(by, str):
        raise InvalidArgumentTypeError(f"by must be a string, not {type(by).__name__}")
    for basis in allowed:
        if by == basis:
            return basis
    raise InvalidArgumentError(f"unknown by={by!r}; use one of: {', '.join(allowed)}")


def features(drug: Drug, by: str) -> frozenset[str]:
    """A drug's feature keys for one single basis (the keys whole-catalog scans read from raw
    records: :class:`~drugcompare._catalog.facts.RawFacts`)."""
    if by == "adverse_effects":
        return frozenset(effect.key for effect in drug.adverse_effects)
    if by == "indications":
        return frozenset(i.condition.id for i in drug.indications)
    if by == "mechanisms":
        targets = (target_key(m.gene, m.target) for m in drug.mechanisms)
        return frozenset(key for key in targets if key is not None)
    if by == "classes":
        return frozenset(
            class_key(m.pharmacologic_class) for m in drug.mechanisms if m.pharmacologic_class
        )
    if by == "atc":
        return frozenset(key for code in drug.atc_codes for key in atc_keys(code))
    raise InvalidArgumentError(f"no features for by={by!r}; use one of: {', '.join(FEATURE_BASES)}")


def jaccard(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    """Jaccard similarity of two feature sets and the number of shared features."""
    if not a or not b:
        return 0.0, 0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared), shared
