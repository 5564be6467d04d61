"""LabeledIn (US public domain): indications annotated from FDA drug labels (DailyMed, August
2012), the only backbone source whose indications are "approved"."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..common import read_tsv
from ..ontology import Ontology
from .hub import ConditionTable, Hub, LayerDrugs, SourceInfo, clean_name, layer_dict

LAYER_ID = "labeledin"
DOC = "labeledin"
NOTE = "per LabeledIn annotation of a US label (2014-era)"


def build(raw: Path, onto: Ontology, hub: Hub, cui_names: dict[str, str]) -> dict[str, Any]:
    folder = raw / "labeledin"
    source = SourceInfo(folder)
    version = f"LabeledIn release 2014-09-04 (DailyMed labels of 2012-08-28); {source.at()}"
    drugs = LayerDrugs(hub)
    conditions = ConditionTable(onto)

    # Expert-annotated labels: (ingredient RxCUI, UMLS CUI) -> DailyMed SPL set ids.
    set_ids: dict[tuple[str, str], set[str]] = defaultdict(set)
    with open(folder / "LabeledIn_Structured_Results.txt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("|")
            if len(cells) < 4:
                continue
            rxcuis = sorted((c.strip() for c in cells[3].split(";") if c.strip()), key=int)
            for cui in (c.strip() for c in cells[2].split(";")):
                if cui:
                    set_ids[(";".join(rxcuis), cui)].add(cells[1].strip())

    unii_of: dict[str, list[str]] = defaultdict(list)
    for rxcui, unii in read_tsv(raw / "pharmacotherapydb" / "data_rxcui-unii-map.tsv"):
        unii_of[rxcui].append(unii)

    combos = unmapped_rows = 0
    unmapped: set[str] = set()
    how: dict[str, int] = defaultdict(int)
    facts: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    with open(folder / "labeledin_indications_dhimmel.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rxcui, cui = row["rxnorm_id"].strip(), row["disease_cui"].strip()
            name = clean_name(row["rxnorm_name"])
            if ";" in rxcui:
                combos += 1  # a combination product's indication is no single ingredient's
                continue
            dc_id, why = hub.resolve([("rxcui", rxcui)], [name])
            if dc_id is None:
                dc_id, why = hub.resolve([("unii", u) for u in unii_of.get(rxcui, [])], [name])
                why = f"unii {why}"
            if dc_id is None:
                dc_id, why = hub.resolve_variant([name])
            if dc_id is None:
                unmapped_rows += 1
                unmapped.add(f"{name or '?'} (RxCUI {rxcui})")
                continue
            how[why] += 1
            drug_id = hub.drug_id(dc_id)
            drugs.get(drug_id)
            drugs.add_identifier(drug_id, "rxcui", rxcui)
            condition = conditions.umls(
                cui, clean_name(row["disease_mesh_name"]) or cui_names.get(cui)
            )
            if row["expert"] == "1":
                labels = sorted(set_ids.get((rxcui, cui), set()))
                section = "expert annotation of INDICATIONS AND USAGE" + (
                    f"; DailyMed SPL set id(s): {', '.join(labels)}" if labels else ""
                )
            else:
                section = f"crowd-sourced annotation of INDICATIONS AND USAGE ({row['n_labels']} label(s))"
            facts[(drug_id, condition)].append({"doc": DOC, "section": section})

    for (drug_id, condition), cites in sorted(facts.items()):
        unique = {c["section"]: c for c in cites}
        drugs.get(drug_id).setdefault("indications", []).append(
            {
                "condition": condition,
                "status": "approved",
                "note": NOTE,
                "cite": [unique[k] for k in sorted(unique)],
            }
        )
    hub.report.append(
        f"labeledin: {sum(how.values())} rows mapped ({dict(sorted(how.items()))}), "
        f"{combos} combination-product rows left out, {unmapped_rows} rows of "
        f"{len(unmapped)} ingredients unmapped: {', '.join(sorted(unmapped))}"
    )
    info = {
        "id": LAYER_ID,
        "name": "LabeledIn",
        "version": version,
        "date": "2012-08-28",  # the as-of date of the data (SOURCE.txt)
        "url": source.url,
        "license": "public-domain",
        "attribution": "LabeledIn (Khare R, Li J, Lu Z. LabeledIn: cataloging labeled indications "
        "for human drugs. J Biomed Inform 2014;52:448-56), NCBI/NLM, US Government work; "
        "processed by dhimmel/indications (CC0).",
        "description": "Indications annotated (by experts or crowd workers) from the Indications "
        "and Usage section of US FDA labels on DailyMed (August 2012): status 'approved' as of "
        "those labels; combination products left out.",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "LabeledIn: indications annotated from FDA drug labels (structured results; "
            "dhimmel/indications processed indications.tsv)",
            "url": source.url,
            "publisher": "NCBI, U.S. National Library of Medicine",
            "version": version,
            "license": "public-domain",
        }
    }
    return layer_dict(info, documents, conditions, drugs)
