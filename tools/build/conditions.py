"""One id per condition across layers.

Sources name the same condition with different identifiers: ChEMBL by MeSH heading
("MUSCLE SPASTICITY"), DrugCentral by FDB wording without a CUI, SIDER and the curated layer by
UMLS CUI ("Muscle spasticity", C0026838). After every layer is built, conditions whose normalised
names are equal are given one id, preferring a Disease Ontology id, then a UMLS CUI, then the
others; the other ids become cross-references of that condition, so lookups by them still work.
Only exact name equality merges: "Muscle Spasticity of Spinal Origin" stays its own condition.
"""

from __future__ import annotations

from typing import Any

from drugcompare._text import normalize  # the library's own folding (common puts src on the path)

from . import common  # noqa: F401

_PREFERENCE = ("DOID", "UMLS", "DC", "MESH", "DRUGCENTRAL")


def _rank(condition_id: str, first_seen: dict[str, int]) -> tuple[int, int, str]:
    """Ontology ids first, then UMLS ...; among ids of one kind, the one the highest-precedence
    layer uses (the curated layer's choice wins over a database's)."""
    prefix = condition_id.split(":", 1)[0]
    kind = _PREFERENCE.index(prefix) if prefix in _PREFERENCE else len(_PREFERENCE)
    return (kind, first_seen[condition_id], condition_id)


def unify(layers: list[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """Rewrite every layer in place so that equal-named conditions share one id; returns the
    alias -> canonical id map."""
    records: dict[str, dict[str, Any]] = {}
    by_name: dict[str, list[str]] = {}
    first_seen: dict[str, int] = {}
    for _name, layer in layers:
        for condition in layer.get("conditions", []):
            records.setdefault(condition["id"], condition)
            first_seen.setdefault(condition["id"], len(first_seen))
            ids = by_name.setdefault(normalize(condition["name"]), [])
            if condition["id"] not in ids:
                ids.append(condition["id"])
    alias: dict[str, str] = {}
    for ids in sorted(by_name.values()):
        if len(ids) < 2:
            continue
        ids.sort(key=lambda cid: _rank(cid, first_seen))
        canonical = alias.get(ids[0], ids[0])
        # Two Disease Ontology terms with one name are two terms; never merge them.
        for other in ids[1:]:
            if other.startswith("DOID:") or other == canonical or other in alias:
                continue
            alias[other] = canonical
    _qualified_parents(layers, records, by_name, alias)
    if not alias:
        return alias
    for _name, layer in layers:
        conditions = {c["id"]: c for c in layer.get("conditions", [])}
        used_aliases = {cid for cid in conditions if cid in alias}
        for drug in layer.get("drugs", []):
            for indication in drug.get("indications", []):
                indication["condition"] = alias.get(
                    indication["condition"], indication["condition"]
                )
        for condition in conditions.values():
            condition["parents"] = sorted({alias.get(p, p) for p in condition.get("parents", [])})
        for old in used_aliases:
            target = alias[old]
            if target not in conditions:
                conditions[target] = {
                    key: (list(value) if isinstance(value, list) else value)
                    for key, value in records[target].items()
                }
            merged = conditions[target]
            xrefs = set(merged.get("xrefs", []))
            if ":" in old and not old.startswith(("DRUGCENTRAL:", "DC:")):
                xrefs.add(old)
            xrefs.update(conditions[old].get("xrefs", []))
            merged["xrefs"] = sorted(xrefs)
            synonyms = set(merged.get("synonyms", [])) | set(conditions[old].get("synonyms", []))
            if conditions[old]["name"] != merged["name"]:
                synonyms.add(conditions[old]["name"])
            synonyms.discard(merged["name"])
            if synonyms:
                merged["synonyms"] = sorted(synonyms)
            merged["parents"] = sorted(
                {
                    alias.get(p, p)
                    for p in (*merged.get("parents", []), *conditions[old].get("parents", []))
                }
                - {target}
            )
            del conditions[old]
        layer["conditions"] = [conditions[k] for k in sorted(conditions)]
    return alias


_QUALIFIERS = (" of ", " with ", " in ", " due to ", " associated with ", " caused by ")


def _qualified_parents(
    layers: list[tuple[str, dict[str, Any]]],
    records: dict[str, dict[str, Any]],
    by_name: dict[str, list[str]],
    alias: dict[str, str],
) -> None:
    """Conditions outside the ontology often qualify another one ("Muscle Spasticity of Spinal
    Origin", "Pain with Opioid Tolerance") but carry no hierarchy. When the words before " of ",
    " with ", " in " ... name a known condition exactly, that condition becomes the parent, so the
    qualified condition matches it in overlapping_indications()."""
    for _name, layer in layers:
        for condition in layer.get("conditions", []):
            cid = condition["id"]
            if cid.startswith("DOID:") or condition.get("parents"):
                continue
            name = " " + normalize(condition["name"]) + " "
            for qualifier in _QUALIFIERS:
                head, sep, _rest = name.partition(qualifier)
                if not sep or not head.strip():
                    continue
                found = by_name.get(head.strip())
                if not found:
                    continue
                parent = min(found, key=lambda other: (other.startswith("DRUGCENTRAL:"), other))
                parent = alias.get(parent, parent)
                if parent != cid and parent in records:
                    condition["parents"] = [parent]
                    break
