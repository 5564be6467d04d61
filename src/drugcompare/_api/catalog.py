"""The public :class:`Catalog`: every lookup and comparison of one set of data layers.

It sits on top of the catalog data (:mod:`drugcompare._catalog`: loading, merging, lookups) and
the comparisons (:mod:`drugcompare._compare`: pure functions of resolved drugs); the module-level
functions of :mod:`drugcompare` route through the default catalog, so both routes return the same
rich result collections.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from .._catalog.args import check_fraction, check_limit, check_query, parse_statuses
from .._catalog.core import CatalogData
from .._catalog.facts import RawFacts
from .._compare import functions
from .._compare.collections import (
    IndicationOverlaps,
    SharedAdverseEffects,
    SimilarDrugs,
    WithdrawalRisks,
)
from .._compare.comparison import Comparison
from .._compare.similarity import ALL_BASES, SimilarityBasis, check_basis
from .._data.format import LayerInfo
from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from .._once import Lazy
from ..model import Condition, Drug, IndicationStatus

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    import pyarrow as pa

    from .._compare.drugs import DrugList, Drugs, DrugsFor
    from .._compare.matrix import SimilarityMatrix
    from .._compare.scoring import SimilarityIndex

__all__ = ["COMPARE_CACHE_SIZE", "Catalog", "DrugLike"]

DrugLike: TypeAlias = "Drug | str"
"""A drug, or any name, brand, synonym or identifier of one."""

COMPARE_CACHE_SIZE = 128


class Catalog:
    """A set of drugs and conditions merged from data layers, with lookups and comparisons.

    Build one with :func:`~drugcompare.load_catalog`; the module-level functions use the default
    catalog. A catalog never changes after it is built and is safe to share between threads.
    """

    def __init__(self, data: CatalogData) -> None:
        self._data = data
        self._lock = threading.Lock()
        self._comparisons: dict[tuple[object, ...], Comparison] = {}
        self._similarity_index: Lazy[SimilarityIndex] = Lazy(self._make_similarity_index)

    # ------------------------------------------------------------------ layers

    @property
    def layers(self) -> tuple[LayerInfo, ...]:
        """The layers this catalog was built from, highest precedence first."""
        return tuple(store.info for store in self._data.stores)

    @property
    def as_of(self) -> tuple[tuple[str, str], ...]:
        """``(layer id, date)`` of every layer whose data has an as-of date, highest precedence
        first: what this catalog cannot know happened later."""
        return tuple((s.info.id, s.info.date) for s in self._data.stores if s.info.date)

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Drug]:
        return (self._data.drug(drug_id) for drug_id in self._data)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Drug):
            return item.id in self._data.views and self._data.drug(item.id) == item
        return isinstance(item, str) and self.get_drug(item) is not None

    def __repr__(self) -> str:
        layers = ", ".join(store.info.id for store in self._data.stores)
        return f"<Catalog {len(self._data)} drugs, layers {layers}>"

    # ------------------------------------------------------------------ drugs

    def all_drugs(self) -> Drugs:
        """Every drug, sorted by id (builds every drug's model: use for whole-catalog work)."""
        from .._compare.drugs import Drugs

        return Drugs(self._data.drug(drug_id) for drug_id in self._data)

    def get_drug(self, query: DrugLike, default: Drug | None = None) -> Drug | None:
        """The drug a name, brand, synonym or identifier refers to, or ``default``."""
        found = self._data.get(query)
        return default if found is None else found

    def lookup_drug(self, query: DrugLike) -> Drug:
        """Like :meth:`get_drug`, but raises :class:`DrugNotFoundError` with suggestions."""
        return self._data.lookup(query)

    def resolve(self, drugs: Iterable[DrugLike]) -> tuple[Drug, ...]:
        return self._data.resolve(drugs)

    def by_id(self, drug_id: str) -> Drug:
        """The drug with this exact id (``DrugNotFoundError`` if there is none)."""
        return self._data.by_id(drug_id)

    def name_of(self, drug_id: str) -> str:
        """A drug's name without building the drug."""
        return self._data.names.names[drug_id]

    def facts(self) -> dict[str, RawFacts]:
        """Per drug: adverse-effect keys, (condition, status) pairs, mechanism target keys,
        pharmacologic-class keys and ATC codes, read from the layers' records without building
        models (for whole-catalog scans; each kind is read on first use)."""
        return self._data.facts

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Close matches to ``query``, formatted like ``"Neurontin (gabapentin)"``."""
        return self._data.names.suggest(check_query(query), limit)

    def search_drugs(self, query: str, limit: int = 10) -> DrugList:
        """Drugs whose names match ``query``: exact, then prefix, then substring, then fuzzy
        matches; ties are broken by name, so the order is deterministic."""
        count = check_limit(limit)
        assert count is not None
        ids = self._data.names.search(check_query(query), count)
        from .._compare.drugs import DrugList

        return DrugList((self._data.drug(d) for d in ids), query=query)

    # ------------------------------------------------------------------ conditions

    @property
    def conditions(self) -> Mapping[str, Condition]:
        """Every condition of the loaded layers by id (built on first access of each)."""
        return self._data.conditions.conditions

    def get_condition(self, query: str | Condition) -> Condition | None:
        return self._data.conditions.get(query)

    def lookup_condition(self, query: str | Condition) -> Condition:
        """The condition a name, synonym, DOID or UMLS CUI refers to."""
        return self._data.conditions.lookup(query)

    def ancestors(self, condition_id: str, max_depth: int | None = None) -> dict[str, int]:
        """Broader conditions of ``condition_id`` with their distance (1 = parent)."""
        return self._data.conditions.ancestors(condition_id, max_depth)

    def descendants(self, condition_id: str) -> set[str]:
        """Narrower conditions of ``condition_id`` (all depths), not including itself."""
        return self._data.conditions.descendants(condition_id)

    def drugs_for(
        self,
        condition: str | Condition,
        statuses: Iterable[IndicationStatus | str] | None = None,
    ) -> DrugsFor:
        """Drugs with an indication for ``condition`` or any narrower condition, sorted by name;
        ``statuses`` keeps only indications with those statuses. The result knows, per drug,
        the indications that put it there (their status, products and sources)."""
        wanted = parse_statuses(statuses)
        target = self._data.conditions.lookup(condition)
        drugs = self._data.drugs_for(target, wanted)
        scope = self._data.conditions.descendants(target.id) | {target.id}
        matches = {
            d.id: tuple(
                i
                for i in d.indications
                if i.condition.id in scope and (wanted is None or i.status in wanted)
            )
            for d in drugs
        }
        from .._compare.drugs import DrugsFor

        return DrugsFor(drugs, condition=target, statuses=wanted, matches=matches, as_of=self.as_of)

    # ------------------------------------------------------------------ comparisons

    def _resolve(self, drugs: tuple[DrugLike, ...], minimum: int, what: str) -> tuple[Drug, ...]:
        functions.check_drugs(drugs, minimum, what)
        resolved = self._data.resolve(drugs)
        functions.require_distinct(drugs, resolved, minimum)
        return resolved

    def shared_adverse_effects(
        self, *drugs: DrugLike, min_frequency: float | None = None
    ) -> SharedAdverseEffects:
        """See :func:`drugcompare.shared_adverse_effects`."""
        threshold = check_fraction(min_frequency, "min_frequency")
        resolved = self._resolve(drugs, 2, "shared_adverse_effects")
        return functions.shared_effects(resolved, threshold)

    def overlapping_indications(
        self, *drugs: DrugLike, statuses: Iterable[IndicationStatus | str] | None = None
    ) -> IndicationOverlaps:
        """See :func:`drugcompare.overlapping_indications`."""
        wanted = parse_statuses(statuses)
        resolved = self._resolve(drugs, 2, "overlapping_indications")
        return functions.indication_overlaps(resolved, wanted, self._data.conditions)

    def withdrawal_risks(self, *drugs: DrugLike) -> WithdrawalRisks:
        """See :func:`drugcompare.withdrawal_risks`."""
        return functions.withdrawal(self._resolve(drugs, 1, "withdrawal_risks"))

    def compare(self, *drugs: DrugLike) -> Comparison:
        """See :func:`drugcompare.compare`. Results are immutable and memoized (the last
        ``COMPARE_CACHE_SIZE`` distinct calls), so repeating a comparison costs a dict lookup."""
        key = tuple(d.id if isinstance(d, Drug) else d for d in drugs)
        try:
            cached = self._comparisons.get(key)
        except TypeError:  # an unhashable argument: let the checks report it
            cached = None
            key = ()
        if cached is not None:
            return cached
        result = functions.compare_drugs(
            self._resolve(drugs, 2, "compare"), self._data.conditions, self.as_of
        )
        if key:
            with self._lock:
                self._comparisons[key] = result
                while len(self._comparisons) > COMPARE_CACHE_SIZE:
                    self._comparisons.pop(next(iter(self._comparisons)))
        return result

    def from_json(self, document: str | bytes | Mapping[str, Any]) -> Comparison | Drug | DrugsFor:
        """Read back a drugcompare JSON document (``to_json()`` of a :class:`Comparison`, a
        :class:`Drug` or a :class:`DrugsFor`; the CLI's ``--format json``): the object it
        describes, equal to the one written. The drugs a comparison or a ``drugs_for`` document
        names are this catalog's drugs of those ids (a document written from another release
        reads back with this release's drugs)."""
        from .documents import read_document

        return read_document(document, self.by_id)

    def _make_similarity_index(self) -> SimilarityIndex:
        from .._compare.scoring import similarity_index

        return similarity_index(self._data.facts, self._data.conditions)

    @property
    def _similarity(self) -> SimilarityIndex:
        """The combined score's vectors over every drug with a feature (built on first use,
        under a lock of its own, so comparisons are not held up meanwhile)."""
        return self._similarity_index.get()

    def similar_drugs(
        self, drug: DrugLike, by: SimilarityBasis = "combined", limit: int = 10
    ) -> SimilarDrugs:
        """See :func:`drugcompare.similar_drugs`."""
        basis = check_basis(by, ALL_BASES)
        count = check_limit(limit)
        assert count is not None
        target = self.lookup_drug(drug)
        if basis == "combined":
            ranked = self._similarity.rank(target.id, count, self.name_of)
        else:
            facts = self._data.facts
            others = {d: f.features(basis) for d, f in facts.items()}
            from .._compare.scoring import rank_jaccard

            ranked = rank_jaccard(others[target.id], target.id, others, self.name_of, count)
        return SimilarDrugs(
            [(self._data.drug(other), score) for other, score in ranked], query=target, by=basis
        )

    def similarity_matrix(
        self,
        drugs: Iterable[DrugLike] | None = None,
        by: SimilarityBasis = "adverse_effects",
        *,
        accelerate: bool = True,
    ) -> SimilarityMatrix:
        """See :func:`drugcompare.similarity_matrix`."""
        from .._compare.matrix import combined_matrix, jaccard_matrix

        basis = check_basis(by, ALL_BASES)
        facts = self._data.facts
        if drugs is not None:
            if isinstance(drugs, (str, bytes)):
                raise InvalidArgumentTypeError(
                    "drugs must be a list of drugs, not a single string; use [name]"
                )
            ids = list(dict.fromkeys(self.lookup_drug(d).id for d in drugs))
            if not ids:
                raise InvalidArgumentError("similarity_matrix() needs at least one drug")
        if basis == "combined":
            index = self._similarity
            return combined_matrix(index, list(index.ids) if drugs is None else ids, accelerate)
        if drugs is None:
            ids = [drug_id for drug_id, f in facts.items() if f.features(basis)]
        feature_sets = [facts[drug_id].features(basis) for drug_id in ids]
        return jaccard_matrix(ids, feature_sets, basis, accelerate)

    def to_dataframe(self, table: str = "drugs") -> pd.DataFrame:
        """A catalog-level pandas table: ``"drugs"``, ``"indications"``, ``"adverse_effects"`` or
        ``"withdrawal"`` (needs pandas: ``pip install 'drugcompare[pandas]'``)."""
        from .._render.catalog_frame import catalog_frame

        # Drugs are built only after the table name is checked.
        return catalog_frame((self._data.drug(d) for d in self._data), table)

    # ------------------------------------------------------------------ Arrow and Parquet

    def _export_drugs(self, drugs: Iterable[DrugLike] | None) -> Iterator[Drug]:
        if drugs is None:
            return iter(self)
        if isinstance(drugs, (str, bytes)) or not isinstance(drugs, Iterable):
            raise InvalidArgumentTypeError(
                "drugs must be a list of drugs, not "
                + (
                    "a single string; use [name]"
                    if isinstance(drugs, str)
                    else type(drugs).__name__
                )
            )
        ids = sorted({self.lookup_drug(d).id for d in drugs})
        if not ids:
            raise InvalidArgumentError("drugs is empty; leave it out to export every drug")
        return (self._data.drug(drug_id) for drug_id in ids)

    def _arrow(
        self, tables: Iterable[str] | None, drugs: Iterable[DrugLike] | None
    ) -> dict[str, Any]:
        from .. import __version__
        from .._render.arrow import arrow_tables, export_metadata
        from .._render.arrow_tables import check_tables

        wanted = check_tables(tables)
        chosen = self._export_drugs(drugs)
        layers = ((s.info.id, s.info.version, s.info.date) for s in self._data.stores)
        metadata = export_metadata(__version__, layers)
        return arrow_tables(chosen, self.conditions, wanted, metadata)

    def to_arrow(
        self, tables: Iterable[str] | None = None, *, drugs: Iterable[DrugLike] | None = None
    ) -> dict[str, pa.Table]:
        """The catalog as pyarrow tables, one per fact kind, keyed by table name: ``drugs``,
        ``products``, ``indications``, ``conditions``, ``adverse_effects`` (one row per reported
        frequency), ``mechanisms``, ``withdrawal``, ``boxed_warnings``, ``limitations``,
        ``market_withdrawals`` and ``sources`` (every table unless ``tables`` names some).

        Facts join to drugs on ``drug_id`` and to their sources on ``source_keys``; see
        docs/guide/parquet.md for every column. ``drugs`` exports those drugs only (any names or
        identifiers; sorted by id). Builds every exported drug (seconds for the full default
        catalog). Needs pyarrow: ``pip install 'drugcompare[arrow]'``.
        """
        return self._arrow(tables, drugs)

    def to_parquet(
        self,
        directory: str | os.PathLike[str],
        tables: Iterable[str] | None = None,
        *,
        drugs: Iterable[DrugLike] | None = None,
        compression: str = "zstd",
    ) -> list[Path]:
        """Write :meth:`to_arrow`'s tables as ``<directory>/<table>.parquet`` (the folder is
        created, files of the same names replaced) and return their paths in table order.
        ``compression`` is ``"zstd"`` (default), ``"snappy"``, ``"gzip"``, ``"brotli"``,
        ``"lz4"`` or ``"none"``. Needs pyarrow: ``pip install 'drugcompare[arrow]'``."""
        from .._render.arrow import check_compression, parquet_module, write_parquet

        if not isinstance(directory, (str, os.PathLike)):
            raise InvalidArgumentTypeError(
                f"directory must be a path, not {type(directory).__name__}"
            )
        codec = check_compression(compression)
        parquet_module()  # before building anything
        return write_parquet(self._arrow(tables, drugs), directory, codec)
