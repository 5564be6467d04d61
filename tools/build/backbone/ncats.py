"""NCATS "Withdrawn and Shortage Drugs List" (Feb 2018, Apache-2.0 as distributed): market
withdrawals with year, country and reason, each citing the source its row names. Shortage rows are
not withdrawals and are left out."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .hub import Hub, LayerDrugs, SourceInfo, clean_name, layer_dict, normalize, slugify

LAYER_ID = "ncats-withdrawn"
DOC = "ncats-withdrawn"
LIST_TITLE = "NCATS Withdrawn and Shortage Drugs List (Feb 2018)"

# Documents the rows cite, by URL: (key, title, publisher). Unknown URLs get a generic document.
KNOWN_SOURCES = {
    "https://bmcmedicine.biomedcentral.com/articles/10.1186/s12916-016-0553-2": (
        "onakpoya-2016",
        "Onakpoya et al. 2016, BMC Medicine, doi:10.1186/s12916-016-0553-2",
        "BMC Medicine",
    ),
    "https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfcfr/CFRSearch.cfm?fr=216.24": (
        "cfr-216-24",
        "21 CFR 216.24: drug products withdrawn or removed from the market for reasons of safety "
        "or effectiveness",
        "U.S. FDA (Code of Federal Regulations)",
    ),
    "https://academic.oup.com/toxsci/article/110/1/40/1666320": (
        "toxsci-110-40",
        "Toxicological Sciences 110(1):40",
        "Oxford University Press",
    ),
    "http://www.worstpills.org/includes/page.cfm?op_id=552": (
        "worstpills-552",
        "Worst Pills, Best Pills (Public Citizen), page op_id=552",
        "Public Citizen",
    ),
    "https://www.fda.gov/Drugs/DevelopmentApprovalProcess/DevelopmentResources/"
    "DrugInteractionsLabeling/ucm115979.htm": (
        "fda-ucm115979",
        "U.S. FDA web page DrugInteractionsLabeling/ucm115979",
        "U.S. FDA",
    ),
}


def _year(row: dict[str, str]) -> int | None:
    for text in (row["year_withdrawn"], row["date_withdrawn"][:4]):
        text = text.strip()
        if text.isdigit() and 1800 <= int(text) <= 2100:
            return int(text)
    return None


def build(raw: Path, hub: Hub) -> dict[str, Any]:
    folder = raw / "ncats_withdrawn"
    source = SourceInfo(folder)
    version = "Withdrawn and Shortage Drugs List, February 2018; " + source.at()
    drugs = LayerDrugs(hub)
    documents: dict[str, dict[str, Any]] = {
        DOC: {
            "title": LIST_TITLE + " (stitcher-inputs/combined_withdrawn_shortage_drugs.txt)",
            "url": source.url,
            "publisher": "NCATS (National Center for Advancing Translational Sciences)",
            "version": version,
            "license": "Apache-2.0",
        }
    }
    with open(folder / "combined_withdrawn_shortage_drugs.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))

    statuses: dict[str, int] = defaultdict(int)
    how: dict[str, int] = defaultdict(int)
    extras: set[str] = set()
    placed = 0
    brands: dict[str, dict[str, str]] = defaultdict(dict)
    for row in rows:
        status = row["status"].strip()
        statuses[status] += 1
        if status not in ("Withdrawn", "Marketed (restrictions)"):
            continue  # shortage rows are not withdrawals
        name = clean_name(row["generic_name"])
        unii = row["unii"].strip()
        dc_id, why = hub.resolve([("unii", unii)] if unii else [], [name])
        if dc_id is None:
            dc_id = hub.resolve_salt([name])
            why = "name without counter-ion" if dc_id else why
        if dc_id is None:
            dc_id, why = hub.resolve_variant([name])
        if dc_id is not None:
            drug_id = hub.drug_id(dc_id)
        else:
            known = hub.extra_by_unii().get(unii) if unii else None
            drug_id = known or hub.extra_drug(name, {"unii": [unii]} if unii else {})
            why = "unmapped (drug created)"
            extras.add(drug_id)
        how[why] += 1
        drugs.get(drug_id)
        if unii and (why.startswith("identifier") or drug_id in extras):
            drugs.add_identifier(drug_id, "unii", unii)  # the UNII joined on (or the new drug's)

        url = row["source"].strip()
        key, title, publisher = KNOWN_SOURCES.get(
            url, ("source-" + slugify(urlsplit(url).netloc + urlsplit(url).path)[:60], url, "")
        )
        if key not in documents:
            documents[key] = {"title": title, "url": url, "version": "as cited in " + LIST_TITLE}
            if publisher:
                documents[key]["publisher"] = publisher
        item: dict[str, Any] = {}
        year = _year(row)
        if year is not None:
            item["year"] = year
        country = "; ".join(c.strip() for c in row["country_withdrawn"].split("|") if c.strip())
        if country:
            item["country"] = country
        reason = clean_name(row["reason_withdrawn"])
        if status != "Withdrawn":
            again = row["year_remarketed"].strip()
            reason = (reason + "; " if reason else "") + (
                f"remarketed in {again} with restrictions"
                if again
                else "remarketed with restrictions"
            )
        if reason:
            item["reason"] = reason
        own: dict[str, str] = {"doc": key}
        description = clean_name(row["description"])
        if description:
            own["quote"] = description
        item["cite"] = [own, {"doc": DOC, "section": f"row '{row['generic_name'].strip()}'"}]
        drugs.get(drug_id).setdefault("market_withdrawals", []).append(item)
        placed += 1
        for brand in row["brand_name"].split("|"):
            if clean_name(brand):
                brands[drug_id].setdefault(normalize(brand), clean_name(brand))

    # Brand names of the rows, unless one names another drug (or is the drug's own name).
    owner = hub.name_owner()
    for drug_id, found in sorted(brands.items()):
        kept = [b for key, b in sorted(found.items()) if key and key not in owner]
        if kept:
            drugs.get(drug_id)["brand_names"] = kept
    drugs.sort_market_withdrawals()
    hub.report.append(
        f"ncats-withdrawn: rows by status {dict(sorted(statuses.items()))}; {placed} withdrawals "
        f"placed, joined {dict(sorted(how.items()))}; {len(extras)} drugs created for unmapped "
        "rows"
    )
    info = {
        "id": LAYER_ID,
        "name": "NCATS withdrawn drugs",
        "version": version,
        "date": "2018-02",  # the as-of date of the data (SOURCE.txt)
        "url": source.url,
        "license": "Apache-2.0",
        "attribution": "NCATS Inxight/stitcher 'Withdrawn and Shortage Drugs List' (Feb 2018), "
        "github.com/ncats/stitcher, Apache-2.0 as distributed; each withdrawal also cites the "
        "source named in its row (Onakpoya et al. 2016, 21 CFR 216.24, Toxicol Sci, Worst Pills, "
        "FDA).",
        "description": "Market withdrawals (year, country, reason) joined by UNII, else by exact "
        "name; shortage rows are left out. Rows marked 'Marketed (restrictions)' keep the "
        "withdrawal and say the drug was remarketed.",
        "document": DOC,
    }
    return layer_dict(info, documents, None, drugs)
