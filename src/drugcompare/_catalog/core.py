"""The loaded catalog's data: its layers, each drug merged from them on first use, the name index
and the conditions. Lookups live here; comparisons sit above it (``drugcompare._compare``) and the
public :class:`~drugcompare.Catalog` wraps both."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence

from .._data.index import PackagedIndex, View
from .._data.store import LayerStore, PackagedStore
from .._data.suggest import SuggestIndex
from .._errors import DrugNotFoundError
from .._once import once
from ..model import Condition, Drug, IndicationStatus
from .args import check_query
from .conditions import ConditionIndex
from .facts import RawFacts, collect_facts
from .merge import merge_drugs
from .names import Names, merge_name_entries

__all__ = ["CatalogData"]


class CatalogData:
    """Drugs and conditions merged from data layers, with lookups; immutable once built and safe
    to share between threads."""

    def __init__(
        self,
        stores: Sequence[LayerStore],
        index: PackagedIndex | None = None,
        suggestions: SuggestIndex | None = None,
        packaged_facts: bool = False,
    ) -> None:
        """``index`` is the build's merged index of exactly these stores (the default catalog),
        ``suggestions`` the build's suggestion index of it; without them the name index is merged
        from each layer's keys and suggestions are matched in memory. ``packaged_facts``: the
        stores are exactly the packaged layers, whose scan the build wrote to ``facts.tsv``."""
        self._packaged_facts = packaged_facts
        self.stores = tuple(stores)
        self._lock = threading.Lock()
        self._drugs: dict[str, Drug] = {}
        self.views: Mapping[str, tuple[View, ...]]
        if index is not None:
            self.views = index.views
            self.names = Names(index.keys, index.names, suggestions)
            self.conditions = ConditionIndex(stores, index.conditions, index.parents)
        else:
            views, names, keys = merge_name_entries(stores)
            self.views = views
            self.names = Names(keys, names)
            self.conditions = ConditionIndex(stores)
        # Every layer's indications get the catalog's merged condition objects.
        for store in stores:
            if isinstance(store, PackagedStore):
                store.resolve_condition = self.condition

    def condition(self, condition_id: str) -> Condition | None:
        return self.conditions.conditions.get(condition_id)

    # ------------------------------------------------------------------ drugs

    def drug(self, drug_id: str) -> Drug:
        """The merged drug, built from its layers on first use and cached."""
        drug = self._drugs.get(drug_id)
        if drug is None:
            with self._lock:
                drug = self._drugs.get(drug_id)
                if drug is None:
                    views = []
                    named = []
                    for index, is_named, span in self.views[drug_id]:
                        view = self.stores[index].drug(drug_id, span)
                        if view is not None:
                            views.append(view)
                            named.append(is_named)
                    drug = merge_drugs(views, named)
                    self._drugs[drug_id] = drug
        return drug

    def __len__(self) -> int:
        return len(self.views)

    def __iter__(self) -> Iterator[str]:
        return iter(self.views)

    def by_id(self, drug_id: str) -> Drug:
        """The drug with this exact id (``DrugNotFoundError`` if there is none)."""
        if drug_id not in self.views:
            raise DrugNotFoundError(drug_id, ())
        return self.drug(drug_id)

    def get(self, query: Drug | str) -> Drug | None:
        """The drug a name, brand, synonym or identifier refers to, or ``None``."""
        if isinstance(query, Drug):
            return self.drug(query.id) if query.id in self.views else None
        best = self.names.best(check_query(query))
        return None if best is None else self.drug(best[0])

    def lookup(self, query: Drug | str) -> Drug:
        """Like :meth:`get`, but raises :class:`DrugNotFoundError` with suggestions."""
        drug = self.get(query)
        if drug is not None:
            return drug
        if isinstance(query, Drug):
            raise DrugNotFoundError(query.id, ())
        raise DrugNotFoundError(query, self.names.suggest(check_query(query)))

    def resolve(self, drugs: Iterable[Drug | str]) -> tuple[Drug, ...]:
        return tuple(self.lookup(d) for d in drugs)

    # ------------------------------------------------------------------ whole-catalog scans

    @once
    def facts(self) -> dict[str, RawFacts]:
        """Per drug: adverse-effect keys, (condition, status) pairs, mechanism target, class and
        ATC keys, read from the layers' records without building models (whole-catalog scans)."""
        return collect_facts(self.stores, self.views, packaged=self._packaged_facts)

    def drugs_for(
        self, condition: str | Condition, statuses: frozenset[IndicationStatus] | None
    ) -> tuple[Drug, ...]:
        """Drugs with an indication for ``condition`` or any narrower condition, sorted by name;
        ``statuses`` keeps only indications with those statuses."""
        target = self.conditions.lookup(condition)
        scope = self.conditions.descendants(target.id) | {target.id}
        found = [
            drug_id
            for drug_id, facts in self.facts.items()
            if any(
                cid in scope and (statuses is None or status in statuses)
                for cid, status in facts.indications
            )
        ]
        found.sort(key=lambda d: (self.names.names[d], d))
        return tuple(self.drug(d) for d in found)
