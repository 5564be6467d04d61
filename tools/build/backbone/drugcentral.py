"""DrugCentral 2016 (CC BY 4.0): identity and identifiers, indications (OMOP/FDB, "listed"),
targets with action type, FDA Established Pharmacologic Classes."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..common import read_tsv
from ..ontology import Ontology
from .hub import ConditionTable, Hub, LayerDrugs, SourceInfo, clean_name, layer_dict, normalize

LAYER_ID = "drugcentral"
DOC = "drugcentral"


def build(raw: Path, onto: Ontology, hub: Hub) -> dict[str, Any]:
    folder = raw / "drugcentral_2016"
    source = SourceInfo(folder)
    updated = source.find(r"data updated (\d{4}-\d{2}-\d{2})")
    version = f"2016 export (data updated {updated}); {source.at()}"
    drugs = LayerDrugs(hub)
    conditions = ConditionTable(onto)

    for dc_id in sorted(hub.dc_names, key=int):
        record = drugs.get(hub.drug_id(dc_id))
        record["identifiers"] = hub.identifiers(dc_id)

    # Indications: one per drug and condition; FDB's own wording kept as the note when the
    # condition's name differs. Rows without a UMLS CUI keep FDB's name as their condition.
    wording: dict[tuple[str, str], list[str]] = defaultdict(list)
    names_by_cui: dict[str, Counter[str]] = defaultdict(Counter)
    rows = list(read_tsv(folder / "drug_indication.tsv"))
    for row in rows:
        if row[3].strip():
            names_by_cui[row[3].strip()][clean_name(row[2])] += 1
    no_cui = 0
    for dc_id, _name, text, cui, _snomed, _doid in rows:
        text, cui = clean_name(text), cui.strip()
        if cui:
            best = sorted(names_by_cui[cui].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            condition = conditions.umls(cui, best)
            conditions.umls(cui, text)  # other FDB names of the concept become synonyms
        else:
            no_cui += 1
            condition = conditions.named("DRUGCENTRAL", text)
        key = (hub.drug_id(dc_id), condition)
        if text not in wording[key]:
            wording[key].append(text)
    for (drug_id, condition), texts in sorted(wording.items()):
        name = conditions.records[condition]["name"]
        item: dict[str, Any] = {
            "condition": condition,
            "status": "listed",
            "cite": [{"doc": DOC, "section": "drug_indication.tsv (OMOP v4 / FDB)"}],
        }
        other = sorted(t for t in texts if normalize(t) != normalize(name))
        if other:
            item["note"] = "as listed: " + "; ".join(other)
        drugs.get(drug_id).setdefault("indications", []).append(item)
    hub.report.append(
        f"drugcentral: {len(rows)} indication rows, {no_cui} without a UMLS CUI "
        "(kept as DRUGCENTRAL:<slug> conditions named by FDB)"
    )

    # FDA Established Pharmacologic Classes.
    epc: dict[str, list[str]] = defaultdict(list)
    for dc_id, _name, kind, _code, label, _src in read_tsv(folder / "pharm_class.tsv.gz"):
        text = f"{clean_name(label)} [EPC]"
        if kind == "EPC" and text not in epc[dc_id]:
            epc[dc_id].append(text)

    targets: dict[str, dict[tuple[str, str, str], set[str]]] = defaultdict(dict)
    for row in read_tsv(folder / "drug_target.tsv"):
        dc_id, target, gene, action, annotation = row[0], row[3], row[6], row[8], row[9]
        tkey = (clean_name(target), gene.strip(), action.strip().lower())
        targets[dc_id].setdefault(tkey, set()).add(annotation.strip() or "unknown")
    for dc_id in sorted(set(targets) | set(epc), key=int):
        classes = "; ".join(sorted(epc.get(dc_id, [])))
        mechanisms = []
        for (target, gene, action), origins in sorted(targets.get(dc_id, {}).items()):
            section = f"drug_target.tsv (annotation source: {', '.join(sorted(origins))})"
            cite = [{"doc": DOC, "section": section}]
            mechanism: dict[str, Any] = {"cite": cite}
            if target:
                mechanism["target"] = target
            if gene:
                mechanism["gene"] = gene
            if action:
                mechanism["action"] = action
            if classes:
                mechanism["pharmacologic_class"] = classes
                cite.append({"doc": DOC, "section": "pharm_class.tsv (FDA EPC)"})
            if "target" in mechanism or classes:
                mechanisms.append(mechanism)
        if not mechanisms and classes:
            mechanisms.append(
                {
                    "pharmacologic_class": classes,
                    "cite": [{"doc": DOC, "section": "pharm_class.tsv (FDA EPC)"}],
                }
            )
        if mechanisms:
            drugs.get(hub.drug_id(dc_id))["mechanisms"] = mechanisms

    shared, settled = hub.shared_identifier_counts()
    hub.report.append(
        f"drugcentral: {len(hub.dc_names)} drugs; {shared} identifier values DrugCentral gives to "
        f"several drugs, {settled} kept on the drug the identifier's own source names, "
        f"{shared - settled} left out"
    )
    info = {
        "id": LAYER_ID,
        "name": "DrugCentral",
        "version": version,
        "date": "2016-05-09",  # the as-of date of the data (SOURCE.txt)
        "url": source.url,
        "license": "CC-BY-4.0",
        "attribution": "DrugCentral (University of New Mexico; Ursu et al.), 2016 flat-file "
        "export, CC BY 4.0",
        "description": "Drug identity hub (INN names; RxCUI, UNII, DrugBank, ChEMBL, PubChem, MeSH, "
        "UMLS identifiers), indications from OMOP v4/FDB (status 'listed'), drug targets with "
        "action type, FDA Established Pharmacologic Classes.",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "DrugCentral 2016 flat files: identifiers.tsv, drug_indication.tsv, "
            "drug_target.tsv, pharm_class.tsv",
            "url": source.url,
            "publisher": "University of New Mexico, Translational Informatics Division",
            "version": version,
            "license": "CC-BY-4.0",
        }
    }
    return layer_dict(info, documents, conditions, drugs)
