"""Disease Ontology: the condition hierarchy and cross-references (CC0).

``load`` leaves out the cross-references that ``data/vocabulary/xrefs.toml`` lists as naming
another concept (DO lists MeSH "Seizures" on "visual epilepsy") and adds the ones it lists as
missing, so sources are mapped (and the packaged layer cross-referenced) without the errors; it
also replaces the parent links ``data/vocabulary/qualified.toml`` lists as ``[[wrong_parent]]``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs

from .common import FORMAT_VERSION, read_tsv
from .vocabulary import tables as vocabulary_tables

LAYER_ID = "disease-ontology"

# Cross-reference prefixes kept in the packaged layer (the others are not used for matching).
_KEPT_XREFS = {"UMLS_CUI": "UMLS", "MESH": "MESH", "ICD10CM": "ICD10CM"}


@attrs.frozen
class Ontology:
    names: dict[str, str]
    parents: dict[str, list[str]]
    xrefs: dict[str, list[str]]
    umls_to_doid: dict[str, str]
    casing: dict[str, str] = attrs.field(factory=dict)
    """Lower-case word -> the spelling condition names give it when it is not a plain word
    (``hiv`` -> ``HIV``, ``pick`` -> ``Pick``); see ``tools.build.backbone.tables.casing``."""

    def condition(self, doid: str) -> dict[str, Any]:
        return {
            "id": doid,
            "name": self.names[doid],
            "parents": self.parents.get(doid, []),
            "xrefs": self.xrefs.get(doid, []),
        }


def load(raw: Path, tables: vocabulary_tables.Tables | None = None) -> Ontology:
    """The ontology of ``raw/disease_ontology`` without the wrong cross-references of
    ``tables`` (default: the tables of ``data/vocabulary``)."""
    tables = tables if tables is not None else vocabulary_tables.load()
    wrong = {(w.doid, w.xref) for w in tables.wrong_xrefs}
    extra = [(m.doid, m.xref) for m in tables.missing_xrefs]
    folder = raw / "disease_ontology"
    rows = list(read_tsv(folder / "HumanDO.tsv", strip_quotes=True))
    names: dict[str, str] = {}
    for doid, label, _parent in rows:
        names.setdefault(doid, label)
    by_label: dict[str, str] = {}
    for doid, label in sorted(names.items()):
        by_label.setdefault(label, doid)
    parents: dict[str, list[str]] = defaultdict(list)
    fixes = {(f.child, f.parent): f.instead for f in tables.wrong_parents}
    for doid, _label, parent in rows:
        if not parent or parent not in by_label:
            continue
        found = fixes.get((doid, by_label[parent]), by_label[parent])
        if found not in parents[doid]:
            parents[doid].append(found)
    xrefs: dict[str, list[str]] = defaultdict(list)
    umls_candidates: dict[str, set[str]] = defaultdict(set)
    pairs = [
        (doid, xref)
        for doid, _label, xref in read_tsv(folder / "allXREFinDO.tsv.gz", strip_quotes=True)
    ]
    pairs += [(doid, xref.replace("UMLS:", "UMLS_CUI:")) for doid, xref in extra]
    for doid, xref in pairs:
        prefix, _, local = xref.partition(":")
        kept = _KEPT_XREFS.get(prefix)
        if kept is None or doid not in names or not local:
            continue
        curie = f"{kept}:{local}"
        if (doid, curie) in wrong:
            continue
        if curie not in xrefs[doid]:
            xrefs[doid].append(curie)
        if kept == "UMLS":
            umls_candidates[local].add(doid)
    # A UMLS CUI stands for a DOID only when exactly one DO term claims it.
    umls_to_doid = {cui: next(iter(ids)) for cui, ids in umls_candidates.items() if len(ids) == 1}
    from .backbone.tables import casing, raw_condition_names

    return Ontology(
        casing=casing(names.values(), raw_condition_names(raw)),
        names=names,
        parents={k: sorted(v) for k, v in parents.items()},
        xrefs={k: sorted(v) for k, v in xrefs.items()},
        umls_to_doid=umls_to_doid,
    )


def layer(raw: Path, ontology: Ontology) -> dict[str, Any]:
    source = (raw / "disease_ontology" / "SOURCE.txt").read_text(encoding="utf-8")
    commit = next(
        (
            line.split("commit:")[1].strip().split()[0]
            for line in source.splitlines()
            if "commit:" in line
        ),
        "unknown",
    )
    return {
        "format": FORMAT_VERSION,
        "layer": {
            "id": LAYER_ID,
            "name": "Human Disease Ontology",
            "version": f"DOreports at commit {commit[:12]}",
            "url": "https://github.com/DiseaseOntology/HumanDiseaseOntology",
            "license": "CC0-1.0",
            "attribution": "Human Disease Ontology (Schriml et al.), CC0 1.0",
            "description": "Condition names, hierarchy (subClassOf) and cross-references to UMLS, MeSH, ICD-10-CM.",
            "document": "doid",
        },
        "documents": {
            "doid": {
                "title": "Human Disease Ontology, DOreports HumanDO.tsv and allXREFinDO.tsv",
                "url": "https://github.com/DiseaseOntology/HumanDiseaseOntology",
                "license": "CC0-1.0",
            }
        },
        "conditions": [ontology.condition(doid) for doid in sorted(ontology.names)],
        "drugs": [],
    }
