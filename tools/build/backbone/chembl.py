"""ChEMBL drug downloads of August 2017 (CC BY-SA 3.0): development phase and first approval
year, ATC codes, boxed-warning flag, market withdrawals, mechanisms, indications with phase."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ontology import Ontology
from .hub import (
    ConditionTable,
    Hub,
    LayerDrugs,
    SourceInfo,
    chembl_synonyms,
    clean_name,
    layer_dict,
)

LAYER_ID = "chembl"
DOC = "chembl"
BOXED = {
    "topic": "Boxed warning (ChEMBL flag)",
    "summary": "ChEMBL flags a boxed warning on at least one product of this molecule; the topic "
    "is not recorded",
}
KINDS = {
    "Synthetic Small Molecule": "small_molecule",
    "Antibody": "biologic",
    "Cell-based": "biologic",
    "Enzyme": "protein",
}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 1800 <= int(text) <= 2100 else None


def _cite(file: str, molecules: set[str]) -> list[dict[str, str]]:
    return [{"doc": DOC, "section": f"{file}: {', '.join(sorted(molecules))}"}]


def build(raw: Path, onto: Ontology, hub: Hub) -> dict[str, Any]:
    folder = raw / "chembl_drugs_2017"
    source = SourceInfo(folder)
    version = "ChEMBL drug downloads dated August 2017 (ChEMBL ~v23); " + source.at()
    drugs = LayerDrugs(hub)
    conditions = ConditionTable(onto)

    molecules = list(_rows(folder / "chembl_drugs.tsv.gz"))
    synonyms = {m["CHEMBL_ID"]: chembl_synonyms(m["SYNONYMS"]) for m in molecules}
    drug_of: dict[str, str] = {}
    how: dict[str, int] = defaultdict(int)
    for molecule in molecules:
        chembl_id = molecule["CHEMBL_ID"]
        dc_id, why = hub.resolve([("chembl", chembl_id)], synonyms[chembl_id])
        if dc_id is None:
            dc_id = hub.resolve_salt(synonyms[chembl_id])
            why = "name without counter-ion" if dc_id else why
        if dc_id is not None:
            drug_of[chembl_id] = hub.drug_id(dc_id)
        how[why] += 1

    # Withdrawn molecules that match no DrugCentral drug still get a drug (named from ChEMBL).
    extras = 0
    for molecule in molecules:
        chembl_id = molecule["CHEMBL_ID"]
        withdrawn = any(
            molecule[k].strip() for k in ("WITHDRAWN_YEAR", "WITHDRAWN_COUNTRY", "WITHDRAWN_REASON")
        )
        if withdrawn and chembl_id not in drug_of:
            dc_id, why = hub.resolve_variant(synonyms[chembl_id])
            if dc_id is not None:
                drug_of[chembl_id] = hub.drug_id(dc_id)
                how["unmapped"] -= 1
                how[why] += 1
                continue
            name = (synonyms[chembl_id] or [chembl_id])[0]
            drug_of[chembl_id] = hub.extra_drug(name, {"chembl": [chembl_id]})
            extras += 1

    approvals: dict[str, dict[str, Any]] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    boxed: dict[str, set[str]] = defaultdict(set)
    withdrawals = 0
    for molecule in molecules:
        chembl_id = molecule["CHEMBL_ID"]
        drug_id = drug_of.get(chembl_id)
        if drug_id is None:
            continue
        record = drugs.get(drug_id)
        drugs.add_identifier(drug_id, "chembl", chembl_id)
        phase = int(molecule["DEVELOPMENT_PHASE"] or 0)
        year = _year(molecule["FIRST_APPROVAL"])
        if phase > 0 or year is not None:
            approval = approvals.setdefault(drug_id, {"molecules": set()})
            approval["molecules"].add(chembl_id)
            approval["max_phase"] = max(approval.get("max_phase", 0), phase)
            if year is not None:
                approval["first_approval_year"] = min(
                    approval.get("first_approval_year", year), year
                )
        codes = [c.strip() for c in molecule["ATC_CODE"].split(";") if c.strip()]
        if codes:
            record["atc_codes"] = sorted(set(record.get("atc_codes", [])) | set(codes))
        kinds[drug_id].add(KINDS.get(molecule["DRUG_TYPE"], "?"))
        if molecule["BLACK_BOX"].strip() == "Y":
            boxed[drug_id].add(chembl_id)
        elif molecule["BLACK_BOX"].strip() not in ("N", ""):
            raise ValueError(f"chembl_drugs: unexpected BLACK_BOX {molecule['BLACK_BOX']!r}")
        year_w = _year(molecule["WITHDRAWN_YEAR"])
        country = "; ".join(
            c.strip() for c in molecule["WITHDRAWN_COUNTRY"].split(";") if c.strip()
        )
        reason = clean_name(molecule["WITHDRAWN_REASON"])
        if year_w is not None or country or reason:
            item: dict[str, Any] = {"cite": _cite("chembl_drugs (WITHDRAWN_*)", {chembl_id})}
            if year_w is not None:
                item["year"] = year_w
            if country:
                item["country"] = country
            if reason:
                item["reason"] = reason
            record.setdefault("market_withdrawals", []).append(item)
            withdrawals += 1
    for drug_id, approval in approvals.items():
        item = {k: v for k, v in approval.items() if k in ("max_phase", "first_approval_year")}
        item["cite"] = _cite("chembl_drugs", approval["molecules"])
        drugs.get(drug_id)["approval"] = item
    for drug_id, found in kinds.items():
        if len(found) == 1 and "?" not in found:
            drugs.get(drug_id)["kind"] = next(iter(found))
    for drug_id, flagged in boxed.items():
        drugs.get(drug_id)["boxed_warnings"] = [
            {**BOXED, "cite": _cite("chembl_drugs (BLACK_BOX = Y)", flagged)}
        ]

    # Mechanisms.
    mechanisms: dict[str, dict[tuple[str, str, str], set[str]]] = defaultdict(dict)
    for row in _rows(folder / "chembl_drugtargets.tsv.gz"):
        drug_id = drug_of.get(row["MOLECULE_CHEMBL_ID"])
        if drug_id is None:
            continue
        mkey = (
            clean_name(row["TARGET_NAME"]),
            row["ACTION_TYPE"].strip().lower(),
            clean_name(row["MECHANISM_OF_ACTION"]),
        )
        if any(mkey[::2]):
            mechanisms[drug_id].setdefault(mkey, set()).add(row["MOLECULE_CHEMBL_ID"])
    for drug_id, by_key in mechanisms.items():
        items = []
        for (target, action, description), molecule_ids in sorted(by_key.items()):
            item = {"cite": _cite("chembl_drugtargets", molecule_ids)}
            for field, value in (
                ("target", target),
                ("action", action),
                ("description", description),
            ):
                if value:
                    item[field] = value
            items.append(item)
        drugs.get(drug_id)["mechanisms"] = items

    # Indications: phase 4 -> listed (approved somewhere, country not given); 1-3 investigational.
    phases: dict[tuple[str, str], dict[str, Any]] = {}
    no_phase = 0
    for row in _rows(folder / "chembl_indications.tsv.gz"):
        drug_id = drug_of.get(row["MOLECULE_CHEMBL_ID"])
        if drug_id is None:
            continue
        phase = int(row["MAX_PHASE_FOR_IND"] or 0)
        if phase not in (1, 2, 3, 4):
            no_phase += 1
            continue
        condition = conditions.mesh(row["MESH_ID"].strip(), clean_name(row["MESH_HEADING"]))
        entry = phases.setdefault((drug_id, condition), {"phase": 0, "molecules": set()})
        entry["phase"] = max(entry["phase"], phase)
        entry["molecules"].add(row["MOLECULE_CHEMBL_ID"])
    for (drug_id, condition), entry in sorted(phases.items()):
        phase = entry["phase"]
        drugs.get(drug_id).setdefault("indications", []).append(
            {
                "condition": condition,
                "status": "listed" if phase == 4 else "investigational",
                "note": "ChEMBL max phase 4 (approved somewhere; country not given)"
                if phase == 4
                else f"ChEMBL max phase {phase}",
                "cite": _cite("chembl_indications", entry["molecules"]),
            }
        )
    drugs.sort_market_withdrawals()

    hub.report.append(
        f"chembl: {len(molecules)} molecules: mapped {dict(sorted(how.items()))} "
        f"(name without counter-ion counted apart); {extras} withdrawn molecules matched no "
        f"DrugCentral drug and got a drug named from ChEMBL; {withdrawals} market withdrawals "
        f"placed; {no_phase} indication rows with phase 0 left out"
    )
    info = {
        "id": LAYER_ID,
        "name": "ChEMBL drugs, mechanisms and indications",
        "version": version,
        "date": "2017-08",  # the as-of date of the data (SOURCE.txt)
        "url": "https://www.ebi.ac.uk/chembl/",
        "license": "CC-BY-SA-3.0",
        "attribution": "ChEMBL (EMBL-EBI), drug, drug-mechanism and drug-indication downloads of "
        "August 2017, archived in ncats/stitcher; CC BY-SA 3.0 (share-alike)",
        "description": "Development phase and first approval year (country not given), ATC "
        "codes, ChEMBL's boxed-warning flag, market withdrawals, mechanisms of action, "
        "indications by phase (4: 'listed', 1-3: 'investigational').",
        "document": DOC,
    }
    documents = {
        DOC: {
            "title": "ChEMBL drugs, drug mechanisms and drug indications downloads "
            "(chembl_drugs, chembl_drugtargets, chembl_indications)",
            "url": source.url,
            "publisher": "EMBL-EBI",
            "version": version,
            "license": "CC-BY-SA-3.0",
        }
    }
    return layer_dict(info, documents, conditions, drugs)
