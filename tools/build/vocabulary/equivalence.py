"""When two condition records are one concept, and when a source's mapping names the wrong one.

Rules, applied to the pool of all layers' conditions (never by similarity of wording):

1. **Same name** (``name``): records whose names have the same ``name_key`` (normalised, MeSH
   inversion read in natural order, plurals folded) are one condition. The name is the one the
   highest-precedence layer gives the id (a lower layer's wording for a code is not trusted:
   DrugCentral files FDB's "Muscle Spasm" under the CUI of muscle spasticity).
2. **Shared identifier** (``xref``): a UMLS or MeSH record whose id (or cross-reference) the
   Disease Ontology lists on exactly one term is that term; when several DO terms list it, it is
   the one among them whose name is one of the record's names (same ``name_key``), else none.
3. **Same MeSH heading** (``mesh-heading``): ChEMBL names each condition by its MeSH heading
   (kept as a synonym when the heading was mapped to a DO term), and LabeledIn names a CUI that
   DO does not map by the MeSH descriptor the CUI is filed under (a MeSH entry term). Records of
   these layers that carry the same heading are the descriptor's concept. LabeledIn's names of
   DO-mapped records are not used: the descriptor is often broader than the DO term ("Warts"
   for "common wart").
4. **Table** (``same_as``): ``data/vocabulary/qualified.toml`` nodes list records of the same
   concept by id; the node's id wins.

Two Disease Ontology terms are never merged, and a merge that would join two is refused and
reported. The kept id is the node's, else by ``pool.PREFERENCE`` (DOID, UMLS, DC, MeSH,
DrugCentral), then the id the highest-precedence layer uses.

Before merging, **a DO term reached through a cross-reference whose source name is exactly
another DO term's name** (LabeledIn's "Depressive Disorder" mapped by CUI onto "melancholic
depression") is re-filed, in that layer, to the term the name names (``refile_conflicts``):
DO's own term for the name beats a loose cross-reference. Only layers that map through
cross-references (``XREF_MAPPED_LAYERS``) are re-filed; when a record carries several source
names of which only some name another term, those names are dropped from it instead (the
indications cannot be told apart).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import attrs

from .names import name_key
from .pool import Layers, Pool, rank
from .tables import Tables

__all__ = [
    "MESH_HEADING_LAYERS",
    "MESH_NAME_LAYERS",
    "XREF_MAPPED_LAYERS",
    "Merge",
    "Refile",
    "refile_conflicts",
    "same_concepts",
]

XREF_MAPPED_LAYERS = ("labeledin", "sider", "drugcentral", "chembl")
MESH_HEADING_LAYERS = ("chembl",)
MESH_NAME_LAYERS = ("labeledin",)


@attrs.frozen
class Merge:
    """``old`` is the same concept as ``new`` by ``rule`` (``evidence`` says why)."""

    old: str
    new: str
    rule: str
    evidence: str


@attrs.frozen
class Refile:
    """In ``layer``, the conditions filed under ``old`` go to ``new`` (or, with ``dropped``,
    the source names that name ``new`` are only removed from ``old``)."""

    layer: str
    old: str
    new: str
    names: tuple[str, ...]
    indications: int
    dropped: bool


def refile_conflicts(layers: Layers, pool: Pool) -> list[Refile]:
    """Apply the re-filing rule of the module docstring in place; returns what moved."""
    do_by_key: dict[str, set[str]] = defaultdict(set)
    for cid, record in pool.records.items():
        if cid.startswith("DOID:"):
            do_by_key[name_key(record["name"])].add(cid)
    done: list[Refile] = []
    for layer_name, layer in layers:
        if layer_name not in XREF_MAPPED_LAYERS:
            continue
        conditions = {c["id"]: c for c in layer.get("conditions", [])}
        moves: dict[str, str] = {}
        for cid, record in sorted(conditions.items()):
            if not cid.startswith("DOID:"):
                continue
            own = name_key(record["name"])
            names = [s for s in record.get("synonyms", []) if name_key(s) != own]
            targets: dict[str, str] = {}
            for name in names:
                others = do_by_key.get(name_key(name), set()) - {cid}
                if len(others) == 1:
                    targets[name] = next(iter(others))
            if not targets:
                continue
            moved = set(targets.values())
            if len(targets) == len(names) and len(moved) == 1:
                moves[cid] = moved.pop()
                continue
            record["synonyms"] = [s for s in record["synonyms"] if s not in targets]
            for name, other in sorted(targets.items()):
                done.append(Refile(layer_name, cid, other, (name,), 0, True))
        if not moves:
            continue
        counts: dict[str, int] = defaultdict(int)
        for drug in layer.get("drugs", []):
            for indication in drug.get("indications", []):
                new = moves.get(indication["condition"])
                if new is not None:
                    counts[indication["condition"]] += 1
                    indication["condition"] = new
        for old, new_id in sorted(moves.items()):
            source = conditions.pop(old)
            target = conditions.get(new_id)
            if target is None:
                base = pool.records[new_id]
                target = {k: base[k] for k in ("id", "name", "parents", "xrefs") if k in base}
                conditions[new_id] = target
            synonyms = set(target.get("synonyms", [])) | set(source.get("synonyms", []))
            synonyms.discard(target["name"])
            if synonyms:
                target["synonyms"] = sorted(synonyms)
            moved_names = tuple(sorted(source.get("synonyms", [])))
            done.append(Refile(layer_name, old, new_id, moved_names, counts[old], False))
        layer["conditions"] = [conditions[k] for k in sorted(conditions)]
    return done


class _Groups:
    """Union-find over condition ids that never puts two DO terms in one group."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.doid: dict[str, str | None] = {}

    def find(self, cid: str) -> str:
        if cid not in self.parent:
            self.parent[cid] = cid
            self.doid[cid] = cid if cid.startswith("DOID:") else None
        root = cid
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[cid] != root:
            self.parent[cid], cid = root, self.parent[cid]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        da, db = self.doid[ra], self.doid[rb]
        if da is not None and db is not None and da != db:
            return False
        self.parent[rb] = ra
        self.doid[ra] = da or db
        return True


def same_concepts(pool: Pool, tables: Tables) -> tuple[dict[str, str], list[Merge], list[str]]:
    """Rules 1-4 of the module docstring over the pool: (old id -> kept id, the merges with
    their rule, the refused merges)."""
    groups = _Groups()
    evidence: list[tuple[str, str, str, str]] = []
    refused: list[str] = []

    nodes = tables.node_ids()

    def join(a: str, b: str, rule: str, why: str) -> None:
        if a == b or not all(c in pool.records or c in nodes for c in (a, b)):
            return
        if groups.union(a, b):
            evidence.append((a, b, rule, why))
        else:
            names = [pool.records.get(c, {}).get("name", c) for c in (a, b)]
            refused.append(f"{rule}: {a} ({names[0]}) ~ {b} ({names[1]}): {why}")

    for node in tables.nodes:
        for other in node.same_as:
            join(node.id, other, "same_as", "data/vocabulary/qualified.toml")
    by_key: dict[str, list[str]] = defaultdict(list)
    for cid in pool.records:
        by_key[name_key(pool.name(cid))].append(cid)
    for key, ids in sorted(by_key.items()):
        for other in ids[1:]:
            join(ids[0], other, "name", f"same name key {key!r}")
    claimants = pool.do_claimants()
    for cid in sorted(pool.records):
        if cid.startswith("DOID:"):
            continue
        codes = {cid} | {x for x in pool.xrefs[cid] if x.startswith(("UMLS:", "MESH:"))}
        for code in sorted(codes):
            terms = claimants.get(code, set())
            if len(terms) > 1:
                keys = {name_key(n) for n in pool.source_names[cid]}
                terms = {t for t in terms if name_key(pool.name(t)) in keys}
            if len(terms) == 1:
                join(next(iter(terms)), cid, "xref", f"{code} on {next(iter(terms))}")
    heading: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(pool.records):
        for index, copy in pool.copies[cid]:
            layer = pool.layer_name(index)
            if layer in MESH_HEADING_LAYERS:
                names = [copy["name"], *copy.get("synonyms", [])]
            elif layer in MESH_NAME_LAYERS and not cid.startswith("DOID:"):
                names = [copy["name"]]
            else:
                continue
            for name in names:
                key = name_key(name)
                if cid not in heading[key]:
                    heading[key].append(cid)
    for key, ids in sorted(heading.items()):
        for other in ids[1:]:
            join(ids[0], other, "mesh-heading", f"MeSH heading {key!r}")

    members: dict[str, list[str]] = defaultdict(list)
    for cid in groups.parent:
        members[groups.find(cid)].append(cid)
    alias: dict[str, str] = {}
    for ids in members.values():
        if len(ids) < 2:
            continue
        in_table = sorted(nodes[c].id for c in ids if c in nodes)
        keep = in_table[0] if in_table else min(ids, key=lambda c: rank(c, pool.first_seen))
        for cid in ids:
            if cid != keep:
                alias[cid] = keep
    unique: dict[tuple[str, str], Merge] = {}
    for a, b, rule, why in evidence:
        for old in (a, b):
            if old in alias:
                unique.setdefault((old, rule), Merge(old, alias[old], rule, why))
    return alias, sorted(unique.values(), key=lambda m: (m.new, m.old, m.rule)), refused


def condition_copy(record: dict[str, Any]) -> dict[str, Any]:
    """A record copy whose lists can be changed without touching the original."""
    return {k: (list(v) if isinstance(v, list) else v) for k, v in record.items()}
