"""One vocabulary of conditions across layers: equal concepts merged, hierarchy completed,
qualified uses filed under their own node, abbreviations and lay terms attached.

``unify(layers)`` runs after every layer is built and rewrites the layers in place, in this
order (each step is a rule of ``tools/build/vocabulary``, documented there and in
docs/conditions.md):

1. ``equivalence.refile_conflicts``: a DO term reached through a loose cross-reference, whose
   source name is exactly another DO term's name, is re-filed to that term.
2. ``equivalence.same_concepts``: records of one concept (same name key, shared identifier,
   same MeSH heading, ``qualified.toml`` ``same_as``) get one id; the other ids become
   cross-references of the kept record, so lookups by them still work.
3. ``qualified.toml`` nodes take their name, parents and synonyms on every copy.
4. ``hierarchy.add_parents``: table edges, then the qualified-name and head-noun rules give
   records outside the ontology a parent.
5. ``qualify.refile_to_quoted``: an indication whose quote names a narrower condition than the
   one it is filed under moves to it.
6. A new layer, ``condition-vocabulary``, is appended to ``layers`` (lowest precedence; no
   drugs): the ``qualified.toml`` nodes, the ``[[edge]]`` parent links (on a copy of the child
   record) and the ``aliases.toml`` terms (the new ``aliases`` field on a copy of the
   condition's record). The hand-maintained links and terms are thus published under their own
   source, never inside a source's layer; the runtime unites a condition's parents, synonyms,
   cross-references and aliases over all layers.

``unify`` returns the old id -> kept id map (as before); ``unify_report`` also returns what
each step did, for ``python -m tools.build.vocabulary``.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from .common import FORMAT_VERSION
from .vocabulary import tables as tables_mod
from .vocabulary.equivalence import Merge, Refile, refile_conflicts, same_concepts
from .vocabulary.hierarchy import add_parents, node_record
from .vocabulary.index import Vocabulary
from .vocabulary.pool import Layers, Pool
from .vocabulary.qualify import QuoteRefile, refile_to_quoted
from .vocabulary.tables import Tables

__all__ = ["LAYER_ID", "UnifyReport", "unify", "unify_report", "vocabulary_layer"]

LAYER_ID = "condition-vocabulary"


@attrs.define
class UnifyReport:
    """What ``unify_report`` changed, step by step."""

    alias: dict[str, str]
    refiles: list[Refile]
    merges: list[Merge]
    refused: list[str]
    parents: list[tuple[str, str, str, str]]
    quoted: list[QuoteRefile]
    missing: list[str]


def unify(layers: Layers) -> dict[str, str]:
    """Rewrite every layer in place (see the module docstring); returns old id -> kept id."""
    return unify_report(layers).alias


def unify_report(layers: Layers, tables: Tables | None = None) -> UnifyReport:
    """``unify`` with the account of every step."""
    tables = tables if tables is not None else tables_mod.load()
    refiles = refile_conflicts(layers, Pool(layers))
    pool = Pool(layers)
    alias, merges, refused = same_concepts(pool, tables)
    _apply_alias(layers, pool, alias, tables)
    _apply_nodes(layers, tables)
    pool = Pool(layers)
    parents = add_parents(pool, tables, alias)
    vocabulary = Vocabulary.from_pool(pool, tables)
    quoted = refile_to_quoted(layers, vocabulary)
    layer, missing = vocabulary_layer(pool, tables, alias)
    for _name, each in layers:
        each["conditions"] = [_tidy(c) for c in sorted(each.get("conditions", []), key=_id)]
    layers[:] = [(name, each) for name, each in layers if name != LAYER_ID]
    layers.append((LAYER_ID, layer))
    return UnifyReport(alias, refiles, merges, refused, parents, quoted, missing)


def vocabulary_layer(
    pool: Pool, tables: Tables, alias: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The ``condition-vocabulary`` layer: the ``qualified.toml`` nodes, its ``[[edge]]`` links
    (on a copy of the child record) and the ``aliases.toml`` terms (the ``aliases`` field on a
    copy of their condition's record), plus the problems (a table id that is in no layer)."""
    records: dict[str, dict[str, Any]] = {}
    missing: list[str] = []

    def record(cid: str, why: str) -> dict[str, Any] | None:
        cid = alias.get(cid, cid)
        if cid not in records:
            node = next((n for n in tables.nodes if n.id == cid), None)
            if node is not None:
                records[cid] = {"id": cid, "name": node.name, "parents": list(node.parents)}
                if node.synonyms:
                    records[cid]["synonyms"] = list(node.synonyms)
                if node.same_as:
                    records[cid]["xrefs"] = [x for x in node.same_as if not x.startswith("DRUGC")]
            elif cid in pool.records:
                records[cid] = {"id": cid, "name": pool.name(cid)}
            else:
                missing.append(f"{why}: {cid} is in no layer and no node")
                return None
        return records[cid]

    for node in tables.nodes:
        record(node.id, f"node {node.id}")
    for edge in tables.edges:
        child = record(edge.child, f"edge {edge.child} -> {edge.parent}")
        if record(edge.parent, f"edge {edge.child} -> {edge.parent}") and child is not None:
            child.setdefault("parents", []).append(alias.get(edge.parent, edge.parent))
    for row in tables.aliases:
        found = record(row.condition, f"alias {row.term}")
        if found is not None:
            found.setdefault("aliases", []).append(row.term)
    layer = {
        "format": FORMAT_VERSION,
        "layer": {
            "id": LAYER_ID,
            "name": "drugcompare condition vocabulary",
            "version": tables.version,
            "license": "CC0-1.0",
            "attribution": "Maintained by the drugcompare developers (data/vocabulary/*.toml); "
            "each row gives its evidence.",
            "description": "Abbreviations and lay terms of conditions (aliases), qualified "
            "conditions as their own nodes, and parent links the sources lack.",
            "document": "vocabulary",
        },
        "documents": {
            "vocabulary": {
                "title": "drugcompare condition vocabulary tables (data/vocabulary/aliases.toml, "
                "qualified.toml, xrefs.toml)",
                "publisher": "drugcompare developers",
                "version": tables.version,
                "kind": "other",
                "license": "CC0-1.0",
            }
        },
        "conditions": [_tidy(records[k]) for k in sorted(records)],
        "drugs": [],
    }
    return layer, missing


def _id(record: dict[str, Any]) -> str:
    return str(record["id"])


def _tidy(record: dict[str, Any]) -> dict[str, Any]:
    """Sorted lists, empty fields left out, the record's own name never among its synonyms."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, list):
            value = sorted(set(value))
            if key == "synonyms":
                value = [v for v in value if v != record["name"]]
        if value or key in ("id", "name"):
            out[key] = value
    return out


def _apply_alias(layers: Layers, pool: Pool, alias: dict[str, str], tables: Tables) -> None:
    """Indications, parents and records of every layer moved to the kept ids; a layer's record
    of an old id is merged into its record of the kept id (created from the pool if missing)."""
    if not alias:
        return
    for _name, layer in layers:
        conditions = {c["id"]: c for c in layer.get("conditions", [])}
        for drug in layer.get("drugs", []):
            for indication in drug.get("indications", []):
                indication["condition"] = alias.get(
                    indication["condition"], indication["condition"]
                )
            if "indications" in drug:
                # Two codes of one concept give one indication when nothing else differs.
                unique = {json.dumps(i, sort_keys=True): i for i in drug["indications"]}
                drug["indications"] = list(unique.values())
        for condition in conditions.values():
            condition["parents"] = sorted({alias.get(p, p) for p in condition.get("parents", [])})
        for old in sorted(cid for cid in conditions if cid in alias):
            target = alias[old]
            if target not in conditions:
                base = pool.records.get(target) or node_record(target, tables) or {}
                conditions[target] = {
                    k: (list(v) if isinstance(v, list) else v) for k, v in base.items()
                }
                conditions[target]["parents"] = sorted(
                    {alias.get(p, p) for p in base.get("parents", [])}
                )
            merged, source = conditions[target], conditions.pop(old)
            xrefs = set(merged.get("xrefs", [])) | set(source.get("xrefs", []))
            if not old.startswith(("DRUGCENTRAL:", "DC:")):
                xrefs.add(old)
            merged["xrefs"] = sorted(xrefs)
            synonyms = set(merged.get("synonyms", [])) | set(source.get("synonyms", []))
            synonyms.add(source["name"])
            synonyms.discard(merged["name"])
            merged["synonyms"] = sorted(synonyms)
            parents = set(merged.get("parents", [])) | set(source.get("parents", []))
            merged["parents"] = sorted(parents - {target})
        layer["conditions"] = list(conditions.values())


def _apply_nodes(layers: Layers, tables: Tables) -> None:
    """A ``qualified.toml`` node's name, parents and synonyms on every copy of its record."""
    nodes = {node.id: node for node in tables.nodes}
    for _name, layer in layers:
        for record in layer.get("conditions", []):
            node = nodes.get(record["id"])
            if node is None:
                continue
            synonyms = set(record.get("synonyms", [])) | set(node.synonyms)
            if record["name"] != node.name:
                synonyms.add(record["name"])
                record["name"] = node.name
            synonyms.discard(node.name)
            record["synonyms"] = sorted(synonyms)
            record["parents"] = sorted(set(record.get("parents", [])) | set(node.parents))
