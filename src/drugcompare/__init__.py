"""drugcompare: compare drugs offline, with a source on every fact.

>>> import drugcompare as dc
>>> dc.lookup_drug("Neurontin").name
'gabapentin'

Every function that takes drugs accepts :class:`Drug` objects or strings (generic name, brand,
synonym or identifier such as ``DB00996``, ``CHEMBL940`` or ``rxcui:25480``), matched case- and
accent-insensitively. The module-level functions use the default catalog (every packaged layer),
loaded on first use; :func:`load_catalog` builds another one (layers left out, user data added).
Not medical advice.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import _display
from ._errors import (
    ConditionNotFoundError,
    DatasetError,
    DrugCompareError,
    DrugNotFoundError,
    InvalidArgumentError,
    InvalidArgumentTypeError,
    MissingDependencyError,
)

if TYPE_CHECKING:
    from ._api.catalog import Catalog, DrugLike
    from ._api.load import Layer, LayerInfo, Layers, default_catalog, load_catalog, sources
    from ._compare.collections import (
        IndicationOverlaps,
        SharedAdverseEffects,
        SimilarDrugs,
        SimilarityScores,
        WithdrawalRisks,
    )
    from ._compare.comparison import Comparison
    from ._compare.drugs import DrugList, Drugs, DrugsFor
    from ._compare.matrix import SimilarityMatrix
    from ._compare.results import (
        DrugEffect,
        DrugIndications,
        IndicationOverlap,
        SharedAdverseEffect,
        SimilarityScore,
    )
    from ._compare.similarity import SimilarityBasis
    from .model import (
        AdverseEffect,
        ApplicationType,
        Approval,
        BoxedWarning,
        Condition,
        DeaSchedule,
        DeaScheduling,
        Drug,
        DrugKind,
        Frequency,
        FrequencyOrigin,
        Identifiers,
        Indication,
        IndicationStatus,
        Limitation,
        MarketingStatus,
        MarketWithdrawal,
        Mechanism,
        Product,
        Source,
        WithdrawalRisk,
        WithdrawalSeverity,
    )

# Names imported from their module on first use (PEP 562), so that `import drugcompare` costs
# almost nothing: the models, the catalog and the comparisons load when first needed.
_LAZY = {
    **dict.fromkeys(("Catalog", "DrugLike"), "_api.catalog"),
    **dict.fromkeys(
        ("Layer", "LayerInfo", "Layers", "default_catalog", "load_catalog", "sources"),
        "_api.load",
    ),
    **dict.fromkeys(
        (
            "IndicationOverlaps",
            "SharedAdverseEffects",
            "SimilarDrugs",
            "SimilarityScores",
            "WithdrawalRisks",
        ),
        "_compare.collections",
    ),
    "Comparison": "_compare.comparison",
    **dict.fromkeys(("DrugList", "Drugs", "DrugsFor"), "_compare.drugs"),
    "SimilarityMatrix": "_compare.matrix",
    "SimilarityBasis": "_compare.similarity",
    **dict.fromkeys(
        (
            "DrugEffect",
            "DrugIndications",
            "IndicationOverlap",
            "SharedAdverseEffect",
            "SimilarityScore",
        ),
        "_compare.results",
    ),
    **dict.fromkeys(
        (
            "AdverseEffect",
            "ApplicationType",
            "Approval",
            "BoxedWarning",
            "Condition",
            "DeaSchedule",
            "DeaScheduling",
            "Drug",
            "DrugKind",
            "Frequency",
            "FrequencyOrigin",
            "Identifiers",
            "Indication",
            "IndicationStatus",
            "Limitation",
            "MarketWithdrawal",
            "MarketingStatus",
            "Mechanism",
            "Product",
            "Source",
            "WithdrawalRisk",
            "WithdrawalSeverity",
        ),
        "model",
    ),
}


def _load_render() -> object:
    """The render layer, imported on first display (it registers its views with the seam)."""
    from . import _render

    return _render


_display.install(_load_render)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'drugcompare' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


_catalog_loaded = False


def _default() -> Catalog:
    global _catalog_loaded
    from ._api.load import default_catalog

    catalog = default_catalog()
    _catalog_loaded = True
    return catalog


def _missing(query: object) -> tuple[str, ...] | None:
    """Before the default catalog is loaded: the suggestions for a name no drug has (from the
    packaged indexes, without loading the catalog), else None."""
    if _catalog_loaded:
        return None
    from ._data.suggest import quick_miss

    return quick_miss(query)


__version__ = "0.1.0"

__all__ = [
    "AdverseEffect",
    "ApplicationType",
    "Approval",
    "BoxedWarning",
    "Catalog",
    "Comparison",
    "Condition",
    "ConditionNotFoundError",
    "DatasetError",
    "DeaSchedule",
    "DeaScheduling",
    "Drug",
    "DrugCompareError",
    "DrugEffect",
    "DrugIndications",
    "DrugKind",
    "DrugLike",
    "DrugList",
    "DrugNotFoundError",
    "Drugs",
    "DrugsFor",
    "Frequency",
    "FrequencyOrigin",
    "Identifiers",
    "Indication",
    "IndicationOverlap",
    "IndicationOverlaps",
    "IndicationStatus",
    "InvalidArgumentError",
    "InvalidArgumentTypeError",
    "Layer",
    "LayerInfo",
    "Layers",
    "Limitation",
    "MarketWithdrawal",
    "MarketingStatus",
    "Mechanism",
    "MissingDependencyError",
    "Product",
    "SharedAdverseEffect",
    "SharedAdverseEffects",
    "SimilarDrugs",
    "SimilarityBasis",
    "SimilarityMatrix",
    "SimilarityScore",
    "SimilarityScores",
    "Source",
    "WithdrawalRisk",
    "WithdrawalRisks",
    "WithdrawalSeverity",
    "all_drugs",
    "compare",
    "default_catalog",
    "document_schema",
    "drugs_for",
    "from_json",
    "get_drug",
    "layer_schema",
    "load_catalog",
    "lookup_condition",
    "lookup_drug",
    "overlapping_indications",
    "search_drugs",
    "shared_adverse_effects",
    "similar_drugs",
    "similarity_matrix",
    "sources",
    "withdrawal_risks",
]


def get_drug(query: DrugLike, default: Drug | None = None) -> Drug | None:
    """The drug named by ``query`` (name, brand, synonym or identifier), or ``default``."""
    if _missing(query) is not None:
        return default
    return _default().get_drug(query, default)


def lookup_drug(query: DrugLike) -> Drug:
    """The drug named by ``query``; raises :class:`DrugNotFoundError` with suggestions."""
    suggestions = _missing(query)
    if suggestions is not None:
        assert isinstance(query, str)
        raise DrugNotFoundError(query, suggestions)
    return _default().lookup_drug(query)


def search_drugs(query: str, limit: int = 10) -> DrugList:
    """Up to ``limit`` drugs matching ``query``, best first (exact, prefix, substring, fuzzy)."""
    return _default().search_drugs(query, limit)


def all_drugs() -> Drugs:
    """Every drug in the default catalog, sorted by id."""
    return _default().all_drugs()


def lookup_condition(query: str | Condition) -> Condition:
    """The condition named by ``query`` (name, synonym, DOID, UMLS CUI); raises
    :class:`ConditionNotFoundError` with suggestions."""
    return _default().lookup_condition(query)


def drugs_for(
    condition: str | Condition, statuses: Iterable[IndicationStatus | str] | None = None
) -> DrugsFor:
    """Drugs with an indication for ``condition`` or a narrower condition; ``statuses`` filters
    by :class:`IndicationStatus` (e.g. ``["approved"]``)."""
    return _default().drugs_for(condition, statuses)


def shared_adverse_effects(
    *drugs: DrugLike, min_frequency: float | None = None
) -> SharedAdverseEffects:
    """Adverse effects every given drug lists (two or more drugs), each with every drug's
    frequencies and placebo rates, most frequent first. ``min_frequency`` (a fraction, 0.05 = 5 %)
    keeps effects whose headline incidence reaches it for every drug."""
    return _default().shared_adverse_effects(*drugs, min_frequency=min_frequency)


def overlapping_indications(
    *drugs: DrugLike, statuses: Iterable[IndicationStatus | str] | None = None
) -> IndicationOverlaps:
    """Conditions every given drug is used for (matched through the condition hierarchy), each
    with every drug's status and sources."""
    return _default().overlapping_indications(*drugs, statuses=statuses)


def withdrawal_risks(*drugs: DrugLike) -> WithdrawalRisks:
    """One withdrawal/discontinuation risk per drug (one or more drugs), most severe first."""
    return _default().withdrawal_risks(*drugs)


def compare(*drugs: DrugLike) -> Comparison:
    """Every comparison of two or more drugs at once, with pairwise similarity scores."""
    return _default().compare(*drugs)


def similarity_matrix(
    drugs: Iterable[DrugLike] | None = None,
    by: SimilarityBasis = "adverse_effects",
    *,
    accelerate: bool = True,
) -> SimilarityMatrix:
    """The similarity of every pair of ``drugs`` by ``by``, as a :class:`SimilarityMatrix`:
    Jaccard for a single basis (default: every drug with an adverse effect; with another basis,
    every drug with a feature of it), or the combined score of :func:`similar_drugs` with
    ``by="combined"`` (every drug with any feature: about 3,600, some 100 MB of scores). numpy, if
    installed, speeds it up (``accelerate=False`` forces the pure-Python path)."""
    return _default().similarity_matrix(drugs, by, accelerate=accelerate)


def from_json(document: str | bytes | Mapping[str, Any]) -> Comparison | Drug | DrugsFor:
    """Read back a drugcompare JSON document (what ``to_json()`` of a comparison, a drug or
    the drugs for a condition writes, and the CLI's ``--format json``); see docs/json.md."""
    return _default().from_json(document)


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of drugcompare's JSON documents (docs/json.md); the same
    file ships as ``drugcompare/data/document.schema.json``."""
    import json

    from ._data.paths import read_packaged

    schema: dict[str, Any] = json.loads(read_packaged("document.schema.json"))
    return schema


def layer_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the layer format that :func:`load_catalog` reads from
    ``extra`` files (see docs/data-format.md); the same file ships as
    ``drugcompare/data/layer.schema.json``."""
    from ._api.load import layer_schema as read

    return read()


def similar_drugs(
    drug: DrugLike, by: SimilarityBasis = "combined", limit: int = 10
) -> SimilarDrugs:
    """The ``limit`` drugs most similar to ``drug``, best first (ties by name).

    ``by="combined"`` (the default) weighs targets, pharmacologic classes, ATC codes, indications
    and adverse effects, each by the cosine of IDF-weighted features, so rare shared features count
    more than common ones; a single basis (``"mechanisms"``, ``"classes"``, ``"atc"``,
    ``"indications"``, ``"adverse_effects"``) scores by Jaccard similarity. The method and its
    measured precision: docs/guide/similarity.md."""
    return _default().similar_drugs(drug, by, limit)
