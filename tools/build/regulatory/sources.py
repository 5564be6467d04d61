"""The documents and layer headers of the regulatory layers (what each source is, its date,
licence and attribution), read from each raw folder's SOURCE.txt where it names them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..common import FORMAT_VERSION

FOLDERS = {
    "orange-book": "fda_orange_book_2024_11",
    "drugsatfda": "fda_drugsatfda_2023_02",
    "medi": "everycure_medi_2025",
    "ncats-approvals": "ncats_approval_years_2019",
    "dea": "dea_controlled_substances_2020",
}
PUBLIC_DOMAIN = "public-domain"
"""US federal government works (17 U.S.C. 105); the layers' attribution names the agency."""
_HEX = re.compile(r"\b[0-9a-f]{40}\b")


def snapshot(raw: Path, layer: str, repo: str) -> str:
    """``owner/name@abcdef123456`` of the first commit hash SOURCE.txt names after ``repo``."""
    text = (raw / FOLDERS[layer] / "SOURCE.txt").read_text(encoding="utf-8")
    start = text.find(repo)
    if start < 0:
        raise SystemExit(f"SOURCE.txt of {FOLDERS[layer]}: {repo!r} not named")
    commit = _HEX.search(text, start)
    if commit is None:
        raise SystemExit(f"SOURCE.txt of {FOLDERS[layer]}: no commit after {repo!r}")
    return f"{repo.removeprefix('github.com/')}@{commit.group(0)[:12]}"


def orange_book(raw: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    at = snapshot(raw, "orange-book", "github.com/ManuelXDuval/paracelsus")
    version = f"Orange Book data files of 2024-11-08 (products.txt); copy from {at}"
    info = {
        "id": "orange-book",
        "name": "FDA Orange Book",
        "version": version,
        "url": "https://www.fda.gov/drugs/drug-approvals-and-databases/orange-book-data-files",
        "license": PUBLIC_DOMAIN,
        "attribution": "U.S. Food and Drug Administration, Approved Drug Products with "
        "Therapeutic Equivalence Evaluations (Orange Book), data file products.txt of 2024-11-08",
        "description": "Every FDA-approved NDA/ANDA product (no biologics): trade name, "
        "ingredients, dosage form and route, strengths, application, approval date, reference "
        "drug flag, marketing status (RX/OTC/DISCN); brands and US approval of the drugs.",
        "document": "orange-book",
        "date": "2024-11-08",
    }
    docs = {
        "orange-book": {
            "title": "FDA Orange Book data file products.txt",
            "url": info["url"],
            "publisher": "U.S. Food and Drug Administration",
            "version": version,
            "kind": "regulatory_table",
            "license": PUBLIC_DOMAIN,
        }
    }
    return info, docs


def drugsatfda(raw: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    at = snapshot(
        raw, "drugsatfda", "github.com/tatertot365/AI-Assisted-Analytics-Challenge-AIS-2023"
    )
    version = (
        "Drugs@FDA data files of about mid-February 2023 (latest approval seen 2023-02-01; "
        f"Products, Applications, MarketingStatus); copy from {at}"
    )
    info = {
        "id": "drugsatfda",
        "name": "Drugs@FDA",
        "version": version,
        "url": "https://www.fda.gov/drugs/drug-approvals-and-databases/drugsfda-data-files",
        "license": PUBLIC_DOMAIN,
        "attribution": "U.S. Food and Drug Administration, Drugs@FDA data files "
        "(Products.txt, Applications.txt, MarketingStatus.txt), snapshot of about 2023-02",
        "description": "Products the Orange Book lacks: biologics (BLA) and NDA/ANDA products "
        "absent from the 2024-11 Orange Book, with sponsor and marketing status (tentative "
        "approvals are kept as products with status 'tentative' and are not approvals). The "
        "snapshot has no approval dates.",
        "document": "drugsatfda",
        "date": "2023-02-01",
    }
    docs = {
        "drugsatfda": {
            "title": "Drugs@FDA data files: Products.txt, Applications.txt, MarketingStatus.txt",
            "url": info["url"],
            "publisher": "U.S. Food and Drug Administration",
            "version": version,
            "kind": "regulatory_table",
            "license": PUBLIC_DOMAIN,
        }
    }
    return info, docs


def medi(raw: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    at = snapshot(raw, "medi", "github.com/everycure-org/medi")
    version = f"MEDI drug list and Orange/Purple Book tables, data of 2025-08-28; {at}"
    url = "https://github.com/everycure-org/medi"
    info = {
        "id": "medi",
        "name": "Every Cure MEDI drug list",
        "version": version,
        "url": url,
        "license": "CC0-1.0",
        "attribution": "Every Cure, MEDI (github.com/everycure-org/medi), CC0 1.0; approval "
        "flags and dates compiled from the FDA Orange Book and Purple Book (public domain), the "
        "EMA medicines list (source: EMA) and the PMDA list (source: PMDA, edited)",
        "description": "US/EU/Japan approval flags, US marketing status, ATC codes and the "
        "earliest Orange Book / Purple Book approval dates (to 2025-06 / 2025-07) of drugs joined "
        "by their exact FDA ingredient string; drugs approved after the Orange Book and "
        "Drugs@FDA files (Purple Book biologics, 2025 approvals) enter here.",
        "document": "medi",
        "date": "2025-08-28",
    }
    docs = {
        "medi": {
            "title": "MEDI drug_list_stringent.csv, orangebook ob_norm, purplebook pb_norm",
            "url": url,
            "publisher": "Every Cure",
            "version": version,
            "kind": "dataset",
            "license": "CC0-1.0",
        }
    }
    return info, docs


def ncats(raw: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    at = snapshot(raw, "ncats-approvals", "github.com/ncats/stitcher")
    version = f"approvalYears-2019-06-18.txt; {at}"
    url = "https://github.com/ncats/stitcher"
    info = {
        "id": "ncats-approvals",
        "name": "NCATS first US approvals",
        "version": version,
        "url": url,
        "license": "Apache-2.0",
        "attribution": "NCATS Inxight Drugs / stitcher, approvalYears (2019-06-18), compiled from "
        "Drugs@FDA and Orange Book data (US public domain); repository Apache-2.0",
        "description": "First US approval per substance (UNII) to 2019: date, application, "
        "sponsor and product, joined by UNII and accepted only when the application or product "
        "is one of the drug's own FDA products.",
        "document": "ncats-approvals",
        "date": "2019-06-18",
    }
    docs = {
        "ncats-approvals": {
            "title": "NCATS stitcher data/approvalYears-2019-06-18.txt",
            "url": url,
            "publisher": "National Center for Advancing Translational Sciences (NCATS)",
            "version": version,
            "kind": "dataset",
            "license": "Apache-2.0",
        }
    }
    return info, docs


def dea(raw: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    at = snapshot(raw, "dea", "github.com/CTN-0094/DOPE")
    list_url = "https://www.deadiversion.usdoj.gov/schedules/orangebook/c_cs_alpha.pdf"
    version = f"list dated 2020-08-20 (c_cs_alpha.pdf); spreadsheet conversion by DOPE, {at}"
    info = {
        "id": "dea",
        "name": "DEA controlled substances",
        "version": version,
        "url": list_url,
        "license": PUBLIC_DOMAIN,
        "attribution": "U.S. Drug Enforcement Administration, Diversion Control Division, "
        "'Controlled Substances - Alphabetical Order' (2020-08-20), converted to a spreadsheet "
        "by the DOPE project (Bouzoubaa et al., MIT); later scheduling actions from the Federal "
        "Register",
        "description": "Federal schedule (I-V or not controlled) of every drug: the DEA list of "
        "2020-08-20 (salts, isomers and esters follow the parent chemical the list names), then "
        "the later Federal Register actions of a hand-compiled table in date order; FDA-approved "
        "drugs on neither are not controlled as of the list date. State scheduling is not "
        "federal and is not recorded here.",
        "document": "dea-list",
        "date": "2020-08-20",
    }
    docs = {
        "dea-list": {
            "title": "DEA Controlled Substances - Alphabetical Order (c_cs_alpha.pdf)",
            "url": list_url,
            "publisher": "U.S. Drug Enforcement Administration, Diversion Control Division",
            "version": version,
            "kind": "regulatory_table",
            "license": PUBLIC_DOMAIN,
        },
        "dea-actions": {
            "title": "Scheduling actions seen in the Federal Register 2016-2025 "
            "(dea_scheduling_actions_seen_2016-2025.tsv, compiled by hand; not complete)",
            "url": "https://www.federalregister.gov/agencies/drug-enforcement-administration",
            "publisher": "compiled for drugcompare from Federal Register texts",
            "version": "table of 14 actions, 2016-08-31 to 2025-07-29",
            "kind": "compiled_table",
            "license": PUBLIC_DOMAIN,
        },
    }
    return info, docs


def layer(
    info: dict[str, Any], docs: dict[str, dict[str, Any]], drugs: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "layer": info,
        "documents": docs,
        "conditions": [],
        "drugs": sorted(drugs, key=lambda d: str(d["id"])),
    }
