"""PharmacotherapyDB v1.0 (CC0): physician-curated indications, disease-modifying (DM) and
symptomatic (SYM), both "listed"; NOT rows (not an indication) are left out."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..ontology import Ontology
from .hub import ConditionTable, Hub, LayerDrugs, SourceInfo, clean_name, layer_dict

LAYER_ID = "pharmacotherapydb"
DOC = "pharmacotherapydb"
NOTES = {"DM": "disease-modifying", "SYM": "symptomatic"}


def build(raw: Path, onto: Ontology, hub: Hub) -> dict[str, Any]:
    folder = raw / "pharmacotherapydb"
    source = SourceInfo(folder)
    version = f"v1.0; {source.at()}"
    drugs = LayerDrugs(hub)
    conditions = ConditionTable(onto)
    skipped = 0
    unmapped: dict[str, str] = {}
    facts: dict[tuple[str, str], set[str]] = defaultdict(set)
    with open(folder / "catalog_indications.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            category = row["category"].strip()
            if category == "NOT":
                skipped += 1
                continue
            if category not in NOTES:
                raise ValueError(f"catalog_indications.tsv: unknown category {category!r}")
            drugbank, name = row["drugbank_id"].strip(), clean_name(row["drug"])
            dc_id, _why = hub.resolve([("drugbank", drugbank)], [name])
            if dc_id is None:
                unmapped[drugbank] = name
                continue
            drug_id = hub.drug_id(dc_id)
            drugs.get(drug_id)
            drugs.add_identifier(drug_id, "drugbank", drugbank)
            condition = conditions.doid(row["doid_id"].strip(), clean_name(row["disease"]))
            facts[(drug_id, condition)].add(category)
    for (drug_id, condition), categories in sorted(facts.items()):
        drugs.get(drug_id).setdefault("indications", []).extend(
            {"condition": condition, "status": "listed", "note": NOTES[c]}
            for c in sorted(categories)
        )
    hub.report.append(
        f"pharmacotherapydb: {sum(len(c) for c in facts.values())} DM/SYM indications kept, "
        f"{skipped} NOT rows left out, {len(unmapped)} drugs unmapped: "
        + ", ".join(f"{n} ({d})" for d, n in sorted(unmapped.items()))
    )
    info = {
        "id": LAYER_ID,
        "name": "PharmacotherapyDB",
        "version": version,
        "date": "2016-03-15",  # the repository commit (SOURCE.txt)
        "url": source.url,
        "license": "CC0-1.0",
        "attribution": "PharmacotherapyDB v1.0 (Himmelstein DS et al., physician-curated "
        "indication catalog, dhimmel/indications), CC0 1.0",
        "description": "Physician-curated drug-disease indications: disease-modifying (DM) and "
        "symptomatic (SYM), status 'listed'; NOT (not an indication) rows are left out.",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "PharmacotherapyDB v1.0 catalog (catalog/indications.tsv)",
            "url": source.url,
            "version": version,
            "license": "CC0-1.0",
        }
    }
    return layer_dict(info, documents, conditions, drugs)
