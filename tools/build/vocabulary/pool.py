"""Every condition record of every layer, seen together: the input of the vocabulary rules.

A layer (``{"conditions": [...], "drugs": [...]}``) lists the conditions its indications use;
the same id may appear in several layers with different source names (synonyms). The pool keeps
each id's record from the highest-precedence layer, every layer's copy, the union of names,
parents and cross-references, and how many indications use it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

__all__ = ["PREFERENCE", "Layers", "Pool", "rank"]

Layers = list[tuple[str, dict[str, Any]]]

# Which id stands for a group of equal conditions: ontology ids first, then UMLS, the project's
# own ``DC:`` nodes, MeSH, DrugCentral's wording.
PREFERENCE = ("DOID", "UMLS", "DC", "MESH", "DRUGCENTRAL")


def rank(condition_id: str, first_seen: dict[str, int]) -> tuple[int, int, str]:
    """Sort key of ids: by ``PREFERENCE``, then the id the highest-precedence layer uses."""
    prefix = condition_id.split(":", 1)[0]
    kind = PREFERENCE.index(prefix) if prefix in PREFERENCE else len(PREFERENCE)
    return (kind, first_seen.get(condition_id, len(first_seen)), condition_id)


class Pool:
    """The conditions of all layers (see the module docstring)."""

    def __init__(self, layers: Layers) -> None:
        self.layers = layers
        self.records: dict[str, dict[str, Any]] = {}
        self.first_seen: dict[str, int] = {}
        self.copies: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        self.source_names: dict[str, set[str]] = defaultdict(set)
        self.parents: dict[str, set[str]] = defaultdict(set)
        self.xrefs: dict[str, set[str]] = defaultdict(set)
        self.used: Counter[str] = Counter()
        for index, (_name, layer) in enumerate(layers):
            for record in layer.get("conditions", []):
                cid = record["id"]
                self.records.setdefault(cid, record)
                self.first_seen.setdefault(cid, len(self.first_seen))
                self.copies[cid].append((index, record))
                self.source_names[cid].update(record.get("synonyms", []))
                self.source_names[cid].add(record["name"])
                self.parents[cid].update(record.get("parents", []))
                self.xrefs[cid].update(record.get("xrefs", []))
            for drug in layer.get("drugs", []):
                for indication in drug.get("indications", []):
                    self.used[indication["condition"]] += 1
        self._children: dict[str, set[str]] | None = None

    def name(self, cid: str) -> str:
        return str(self.records[cid]["name"])

    def layer_name(self, index: int) -> str:
        return self.layers[index][0]

    def children(self) -> dict[str, set[str]]:
        if self._children is None:
            found: dict[str, set[str]] = defaultdict(set)
            for child, ups in self.parents.items():
                for parent in ups:
                    found[parent].add(child)
            self._children = found
        return self._children

    def ancestors(self, cid: str) -> set[str]:
        """Every broader condition of ``cid`` (not ``cid`` itself)."""
        return _walk(cid, self.parents)

    def descendants(self, cid: str) -> set[str]:
        """Every narrower condition of ``cid`` (not ``cid`` itself)."""
        return _walk(cid, self.children())

    def do_claimants(self) -> dict[str, set[str]]:
        """Cross-reference (``UMLS:C...``, ``MESH:D...``) -> the Disease Ontology terms listing it."""
        found: dict[str, set[str]] = defaultdict(set)
        for cid, xrefs in self.xrefs.items():
            if cid.startswith("DOID:"):
                for xref in xrefs:
                    found[xref].add(cid)
        return found

    def drugs_using(self) -> Iterator[tuple[int, dict[str, Any], dict[str, Any]]]:
        """(layer index, drug, indication) for every indication of every layer."""
        for index, (_name, layer) in enumerate(self.layers):
            for drug in layer.get("drugs", []):
                for indication in drug.get("indications", []):
                    yield index, drug, indication


def _walk(start: str, links: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for nxt in links.get(current, ()):
            if nxt not in seen and nxt != start:
                seen.add(nxt)
                frontier.append(nxt)
    return seen
