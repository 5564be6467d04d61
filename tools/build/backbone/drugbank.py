"""DrugBank open vocabulary (CC0 as stated by DrugBank): synonyms of drugs the other layers
define, joined by DrugBank id, else by UNII. It never adds a drug."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from pathlib import Path
from typing import Any

from .hub import Hub, LayerDrugs, SourceInfo, clean_name, layer_dict, normalize

LAYER_ID = "drugbank-vocabulary"
DOC = "drugbank-vocabulary"
MAX_SYNONYM = 80


def build(raw: Path, hub: Hub) -> dict[str, Any]:
    folder = raw / "drugbank_open_vocabulary"
    source = SourceInfo(folder)
    version = "DrugBank 5.1.x open vocabulary (2019); " + source.at()
    drugs = LayerDrugs(hub)
    extra_unii = hub.extra_by_unii()
    owner = hub.name_owner()

    proposed: dict[str, dict[str, str]] = defaultdict(dict)  # normalised synonym -> drug -> text
    joined: dict[str, set[str]] = defaultdict(set)
    how: dict[str, int] = defaultdict(int)
    too_long = 0
    with gzip.open(folder / "drugbank_vocabulary.csv.gz", "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            drugbank = row["DrugBank ID"].strip()
            unii = row["UNII"].strip()
            names = [clean_name(row["Common name"])]
            names += [clean_name(s) for s in row["Synonyms"].split(" | ") if s.strip()]
            wanted = {normalize(n) for n in names}
            holders = hub.by_id["drugbank"].get(drugbank, set())
            if len(holders) > 1:
                holders = {d for d in holders if normalize(hub.dc_names[d]) in wanted}
            drug_id: str | None = None
            if len(holders) == 1:
                drug_id, why = hub.drug_id(next(iter(holders))), "drugbank id"
            elif not holders and unii:
                by_unii = hub.by_id["unii"].get(unii, set())
                if len(by_unii) == 1:
                    drug_id, why = hub.drug_id(next(iter(by_unii))), "unii"
                elif unii in extra_unii:
                    drug_id, why = extra_unii[unii], "unii (drug outside DrugCentral)"
            if drug_id is None:
                how["not joined"] += 1
                continue
            how[why] += 1
            joined[drug_id].add(drugbank)
            for name in names:
                if len(name) > MAX_SYNONYM:
                    too_long += 1
                    continue
                proposed[normalize(name)].setdefault(drug_id, name)

    dropped_other = dropped_shared = 0
    synonyms: dict[str, list[str]] = defaultdict(list)
    for key, by_drug in sorted(proposed.items()):
        if not key:
            continue
        if len(by_drug) > 1:
            dropped_shared += 1
            continue
        drug_id, text = next(iter(by_drug.items()))
        holder = owner.get(key)
        if holder == drug_id:
            continue  # the drug's own name
        if holder is not None:
            dropped_other += 1
            continue
        synonyms[drug_id].append(text)
    for drug_id, ids in sorted(joined.items()):
        record = drugs.get(drug_id)
        for drugbank in sorted(ids):
            drugs.add_identifier(drug_id, "drugbank", drugbank)
        if synonyms.get(drug_id):
            record["synonyms"] = sorted(synonyms[drug_id], key=lambda s: (normalize(s), s))
    hub.report.append(
        f"drugbank-vocabulary: entries joined {dict(sorted(how.items()))}; "
        f"{sum(len(v) for v in synonyms.values())} synonyms kept on {len(synonyms)} drugs; "
        f"dropped: {too_long} longer than {MAX_SYNONYM} characters, {dropped_other} naming "
        f"another drug, {dropped_shared} proposed for several drugs"
    )
    info = {
        "id": LAYER_ID,
        "name": "DrugBank open vocabulary",
        "version": version,
        "date": "2019-11-15",  # no newer than the file commit (SOURCE.txt)
        "url": source.url,
        "license": "CC0-1.0",
        "attribution": "DrugBank Open Data vocabulary (DrugBank), released under CC0 1.0 as "
        "stated by DrugBank (not verified against DrugBank's page for this copy)",
        "description": "Synonyms and common names of drugs other layers define, joined by "
        "DrugBank id (else UNII); synonyms over 80 characters or naming another drug are left "
        "out.",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "DrugBank open vocabulary (drugbank vocabulary.csv)",
            "url": source.url,
            "publisher": "DrugBank",
            "version": version,
            "license": "CC0-1.0",
        }
    }
    return layer_dict(info, documents, None, drugs)
