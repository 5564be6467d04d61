"""Conditions of a catalog: each merged from its layers, the hierarchy (broader and narrower
conditions), and lookups by name, synonym or identifier."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .._data import reader
from .._data.store import LayerStore
from .._errors import ConditionNotFoundError
from .._once import once
from .._text import FuzzyIndex, normalize
from ..model import Condition
from .args import check_query
from .merge import merge_conditions

__all__ = ["ConditionIndex", "LayerConditions", "merge_parents"]


def merge_parents(stores: Sequence[LayerStore]) -> dict[str, tuple[str, ...]]:
    """Each condition's parents, united over every layer that defines it."""
    parents: dict[str, dict[str, None]] = {}
    for store in stores:
        for record in store.condition_records:
            found = parents.setdefault(record["id"], {})
            for parent in record.get("parents", ()):
                found[parent] = None
    return {cid: tuple(ups) for cid, ups in parents.items() if ups}


class LayerConditions(Mapping[str, Condition]):
    """Read-only mapping of every loaded condition, each merged from its layers on first access:
    the ontology's name wins, the other layers' names become synonyms."""

    def __init__(self, stores: Sequence[LayerStore]) -> None:
        records: dict[str, list[Mapping[str, Any]]] = {}
        ordered = sorted(
            range(len(stores)), key=lambda i: (not stores[i].info.id.startswith("disease"), i)
        )
        for index in ordered:
            for record in stores[index].condition_records:
                records.setdefault(record["id"], []).append(record)
        self._records = records
        self._built: dict[str, Condition] = {}

    def __getitem__(self, key: str) -> Condition:
        condition = self._built.get(key)
        if condition is None:
            found = self._records[key]
            condition = reader.condition(found[0])
            for other in found[1:]:
                condition = merge_conditions(condition, reader.condition(other))
            condition = self._built.setdefault(key, condition)
        return condition

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, key: object) -> bool:
        return key in self._records


class ConditionIndex:
    """Conditions by id, the hierarchy between them and lookups by name."""

    def __init__(
        self,
        stores: Sequence[LayerStore],
        conditions: Mapping[str, Condition] | None = None,
        parents: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``conditions`` and ``parents`` come from the packaged index when the catalog has it;
        otherwise they are merged from the layers on first use."""
        self._stores = tuple(stores)
        self._lock = threading.RLock()
        if conditions is not None:
            self.__dict__["conditions"] = conditions
        if parents is not None:
            self.__dict__["parents"] = parents

    @once
    def conditions(self) -> Mapping[str, Condition]:
        """Every condition of the loaded layers by id (each built on first access)."""
        return LayerConditions(self._stores)

    @once
    def parents(self) -> Mapping[str, tuple[str, ...]]:
        return merge_parents(self._stores)

    @once
    def children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for child, ups in self.parents.items():
            for parent in ups:
                children.setdefault(parent, []).append(child)
        return children

    @once
    def by_name(self) -> dict[str, str]:
        """Normalised query -> condition id. A query means, in this order: a condition id or
        cross-reference (``DOID:631``, ``UMLS:C0026838`` or the bare CUI), a condition's name, an
        alias from the maintained table (``GAD``), a synonym; among conditions that tie, Disease
        Ontology ones first, then by id."""
        index: dict[str, str] = {}
        records = [r for store in self._stores for r in store.condition_records]
        records.sort(key=lambda r: (not str(r["id"]).startswith("DOID:"), r["id"]))
        for record in records:
            for curie in (record["id"], *record.get("xrefs", ())):
                index.setdefault(normalize(curie), record["id"])
                _, _, local = curie.partition(":")
                if local:
                    index.setdefault(normalize(local), record["id"])
        for field in ("name", "aliases", "synonyms"):
            for record in records:
                values = (record["name"],) if field == "name" else record.get(field, ())
                for value in values:
                    index.setdefault(normalize(value), record["id"])
        return index

    @once
    def fuzzy(self) -> FuzzyIndex:
        return FuzzyIndex(self.by_name)

    def get(self, query: str | Condition) -> Condition | None:
        if isinstance(query, Condition):
            return self.conditions.get(query.id)
        condition_id = self.by_name.get(check_query(query, "condition"))
        return self.conditions[condition_id] if condition_id else None

    def lookup(self, query: str | Condition) -> Condition:
        condition = self.get(query)
        if condition is not None:
            return condition
        if isinstance(query, Condition):
            raise ConditionNotFoundError(query.id, ())
        suggestions: list[str] = []
        for key, _ in self.fuzzy.best(normalize(query), limit=8):
            name = self.conditions[self.by_name[key]].name
            if name not in suggestions:
                suggestions.append(name)
        raise ConditionNotFoundError(query, suggestions[:3])

    def ancestors(self, condition_id: str, max_depth: int | None = None) -> dict[str, int]:
        """Broader conditions of ``condition_id`` with their distance (1 = parent)."""
        parents = self.parents
        found: dict[str, int] = {}
        frontier = [condition_id]
        depth = 0
        while frontier and (max_depth is None or depth < max_depth):
            depth += 1
            next_frontier = []
            for current in frontier:
                for parent in parents.get(current, ()):
                    if parent not in found and parent != condition_id:
                        found[parent] = depth
                        next_frontier.append(parent)
            frontier = next_frontier
        return found

    def descendants(self, condition_id: str) -> set[str]:
        """Narrower conditions of ``condition_id`` (all depths), not including itself."""
        children = self.children
        found: set[str] = set()
        stack = [condition_id]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found and child != condition_id:
                    found.add(child)
                    stack.append(child)
        return found
