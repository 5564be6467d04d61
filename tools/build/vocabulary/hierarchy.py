"""Parents for conditions outside the Disease Ontology, so that a query walks down to them.

Sources other than the ontology give no hierarchy: "Muscle Spasticity of Spinal Origin",
"Postherpetic neuralgia" or "Chronic pain" would not be found under "spasticity", "neuralgia" or
"pain". Three sources of parents, in this order:

1. ``data/vocabulary/qualified.toml``: nodes with their parents, and ``[[edge]]`` links the
   sources lack (each with why); they are published in the ``condition-vocabulary`` layer (see
   ``tools/build/conditions.py``), not in the sources' layers.
2. **The qualified-name rule**, for a record outside the ontology that still has no parent (the
   parent goes on every copy of the record, in the layers that have it): its
   name is read as ``<head> <qualifier> <rest>`` with the qualifier one of ``QUALIFIERS``
   (" associated with ", " resulting from ", " due to ", " of ", " with ", " in " ...), after
   dropping a leading purpose (``PURPOSES``: "prevention of", "treatment of" ...) and a trailing
   one ("treatment adjunct", "prevention" ...). When the head names a known condition, that is
   the parent ("Seizures in Neurosurgery" -> Seizures, "Pain due to Osteoblastic Bone Metastasis"
   -> Pain, "Migraine Prevention" -> migraine).
3. **The head-noun rule**, when the qualified-name rule finds nothing: English names put the
   head last, so the longest proper word-suffix of the name (or of its head) that names a known
   condition is the parent ("Persistent atrial fibrillation" -> atrial fibrillation, "Back Pain"
   -> Pain, "Osteoarthritis, Knee" -> osteoarthritis).

"Names a known condition" means: the ``name_key`` of a condition's name (as the
highest-precedence layer names it) or of an alias in
``aliases.toml``, never a source synonym (source synonyms include loose terms such as "Aura").
Generic heads (``GENERIC``: "disease", "syndrome", "disorder" ...) are never parents, and a
parent is never the record itself or one of its descendants.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from drugcompare._text import normalize

from .names import name_key
from .pool import Pool, rank
from .tables import Tables

__all__ = ["GENERIC", "PURPOSES", "QUALIFIERS", "KnownNames", "rule_parent"]

QUALIFIERS = (
    " associated with ",
    " resulting from ",
    " secondary to ",
    " caused by ",
    " due to ",
    " related to ",
    " following ",
    " during ",
    " after ",
    " of ",
    " with ",
    " in ",
)
PURPOSES = (
    "adjunctive treatment of ",
    "adjunctive therapy of ",
    "symptomatic relief of ",
    "maintenance of healing ",
    "maintenance of ",
    "prevention of ",
    "prophylaxis of ",
    "treatment of ",
    "management of ",
    "relief of ",
    "control of ",
    "cardioversion of ",
)
TRAILING_PURPOSES = (
    " treatment adjunct",
    " adjunct treatment",
    " adjunct",
    " prevention",
    " prophylaxis",
    " treatment",
)
GENERIC = frozenset({"disease", "syndrome", "disorder", "condition", "finding", "symptom"})


class KnownNames:
    """``name_key`` of condition names and table aliases -> the best id for it."""

    def __init__(self, pool: Pool, tables: Tables, alias: dict[str, str]) -> None:
        found: dict[str, set[str]] = defaultdict(set)
        for cid in pool.records:
            found[name_key(pool.name(cid))].add(alias.get(cid, cid))
        for node in tables.nodes:
            for name in (node.name, *node.synonyms):
                found[name_key(name)].add(node.id)
        for row in tables.aliases:
            if row.kind == "term":
                found[name_key(row.term)].add(alias.get(row.condition, row.condition))
        self.ids = {
            key: min(ids, key=lambda c: rank(c, pool.first_seen))
            for key, ids in found.items()
            if key and key not in GENERIC
        }

    def get(self, text: str) -> str | None:
        return self.ids.get(name_key(text))


def _strip_purpose(text: str) -> str:
    for prefix in PURPOSES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    for suffix in TRAILING_PURPOSES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text


def _head_noun(text: str, known: KnownNames, banned: set[str]) -> str | None:
    words = text.split()
    for start in range(1, len(words)):
        found = known.get(" ".join(words[start:]))
        if found is not None and found not in banned:
            return found
    return None


def rule_parent(name: str, known: KnownNames, banned: set[str]) -> tuple[str, str] | None:
    """Rules 2 and 3 of the module docstring for one name: (parent id, which rule) or None.
    ``banned`` holds the record itself and its descendants. The name is read as written, then
    (when it has a comma) in MeSH's inverted order."""
    readings = [normalize(name)]
    if ", " in name:
        readings.append(name_key(name))
    for reading in readings:
        found = _rule_parent(reading, known, banned)
        if found is not None:
            return found
    return None


def _rule_parent(reading: str, known: KnownNames, banned: set[str]) -> tuple[str, str] | None:
    text = _strip_purpose(reading)
    whole = known.get(text)
    if whole is not None and whole not in banned:
        return (whole, "purpose") if text != reading else None
    padded = f" {text} "
    for qualifier in QUALIFIERS:
        head, sep, _rest = padded.partition(qualifier)
        if not sep or not head.strip():
            continue
        # The words after the qualifier say what the head is about, never what it is.
        found = known.get(head.strip())
        if found is not None and found not in banned:
            return found, "qualified"
        found = _head_noun(head.strip(), known, banned)
        return (found, "qualified+head") if found is not None else None
    found = _head_noun(text, known, banned)
    return (found, "head") if found is not None else None


def set_parents(pool: Pool, cid: str, parents: set[str]) -> None:
    """Give every copy of ``cid`` in every layer these extra parents."""
    for _index, copy in pool.copies.get(cid, []):
        copy["parents"] = sorted(set(copy.get("parents", [])) | parents)
    pool.parents[cid].update(parents)
    pool._children = None


def add_parents(
    pool: Pool, tables: Tables, alias: dict[str, str]
) -> list[tuple[str, str, str, str]]:
    """Rules 1-3 over the pool, in place; returns (child, parent, rule, child's name)."""
    added: list[tuple[str, str, str, str]] = []
    for edge in tables.edges:
        # Table links live in the vocabulary layer only (the sources do not say them).
        child, parent = alias.get(edge.child, edge.child), alias.get(edge.parent, edge.parent)
        if child in pool.records and parent not in pool.parents[child]:
            pool.parents[child].add(parent)
            pool._children = None
            added.append((child, parent, "table", pool.name(child)))
    for node in tables.nodes:
        if node.id in pool.records:
            pool.parents[node.id].update(node.parents)
            pool._children = None
    known = KnownNames(pool, tables, alias)
    for cid in sorted(pool.records):
        if cid.startswith("DOID:") or pool.parents[cid]:
            continue
        banned = pool.descendants(cid) | {cid}
        names = [pool.name(cid), *sorted(pool.source_names[cid] - {pool.name(cid)})]
        for name in names:
            found = rule_parent(name, known, banned)
            if found is not None:
                set_parents(pool, cid, {found[0]})
                added.append((cid, found[0], found[1], name))
                break
    return added


def node_record(node_id: str, tables: Tables) -> dict[str, Any] | None:
    """The condition record of a ``qualified.toml`` node (None when ``node_id`` is none)."""
    for node in tables.nodes:
        if node.id == node_id:
            record: dict[str, Any] = {"id": node.id, "name": node.name}
            record["parents"] = sorted(node.parents)
            if node.synonyms:
                record["synonyms"] = sorted(node.synonyms)
            return record
    return None
