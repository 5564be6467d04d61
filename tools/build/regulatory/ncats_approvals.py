"""NCATS approvalYears (2019-06-18): the first US approval of each substance (UNII), with the
application, sponsor and product, compiled by NCATS from Drugs@FDA and older sources.

Join rule: a row's UNII must be held by exactly one drug (the hub's DrugCentral UNIIs, or the
UNII a new drug took from MEDI), and the row is accepted only when its application number is one
of that drug's own FDA products (Orange Book or Drugs@FDA) or its product name is one of the
drug's product names: NCATS's UNII can be a salt's or a related substance's, and this check is
what makes the join verified. Rows are not used for:

- dates NCATS marks "[Approval Date Uncertain]" (Date_Method PREDICTED): left out;
- year-only sources (DeHaen 1940-1975 NMEs, whose dates are placeholders of 31 December): the
  year is kept, the date is not;
- NDA dates before 1938 (the year the Federal Food, Drug, and Cosmetic Act created the NDA): the
  date and year are left out as impossible for an NDA.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from drugcompare._text import normalize

from .approval import First, approval_record
from .brands import display, fold, is_generic
from .identity import Identity
from .products import Product
from .records import Records
from .sources import FOLDERS

LAYER = "ncats-approvals"
DOC = "ncats-approvals"
FILE = "approvalYears-2019-06-18.tsv"
YEAR_ONLY = ("DeHaen",)


@dataclass
class Ncats:
    firsts: dict[str, list[First]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def note(self, what: str, example: str) -> None:
        self.counts[what] += 1
        if len(self.examples[what]) < 6:
            self.examples[what].append(example)


def _date(row: dict[str, str]) -> tuple[str | None, int | None, str]:
    """(date, year, why) of a row by the module rule."""
    method = row["Date_Method"].strip()
    if method == "PREDICTED" or "Uncertain" in row["Approval_Year"]:
        return None, None, "date uncertain (PREDICTED): left out"
    try:
        parsed = datetime.strptime(row["Date"].strip(), "%m/%d/%Y").date()
    except ValueError:
        return None, None, "no readable date"
    if row["App_Type"].strip() == "NDA" and parsed.year < 1938:
        return None, None, "NDA dated before 1938: left out"
    if method.startswith(YEAR_ONLY):
        return None, parsed.year, "year only (DeHaen)"
    return parsed.isoformat(), parsed.year, "dated"


def _product_name(product: str, drug_name: str) -> str:
    """A brand in display case, a generic product name in lower case."""
    generic = is_generic(product, drug_name)
    return fold(product).lower() if generic else display(fold(product))


def prepare(raw: Path, identity: Identity, products: Iterable[Product]) -> Ncats:
    ncats = Ncats()
    applications: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for item in products:
        applications[item.drug_id].add(item.application_number)
        names[item.drug_id].add(normalize(item.folded))
    by_unii: dict[str, set[str]] = defaultdict(set)
    for unii, dc_ids in identity.hub.by_id["unii"].items():
        by_unii[unii] |= {identity.hub.drug_id(d) for d in dc_ids}
    for drug_id, new in identity.new.items():
        for unii in new.identifiers.get("unii", []):
            by_unii[unii].add(drug_id)
    path = raw / FOLDERS[LAYER] / FILE
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        unii = row["UNII"].strip()
        product = " ".join(row["Product"].split())
        label = f"{unii} {product}"
        drugs = by_unii.get(unii, set())
        if len(drugs) != 1:
            ncats.note(
                "not joined: UNII held by no drug"
                if not drugs
                else "not joined: UNII held by several drugs",
                label,
            )
            continue
        drug_id = next(iter(drugs))
        number = row["App_No"].strip()
        if number and number in applications.get(drug_id, set()):
            how = "application is one of the drug's products"
        elif product and normalize(fold(product)) in names.get(drug_id, set()):
            how = "product name is one of the drug's products"
        else:
            ncats.note(
                "not joined: application/product not among the drug's FDA products",
                f"{label} -> {drug_id}",
            )
            continue
        date, year, why = _date(row)
        ncats.note(f"joined ({how}); {why}", f"{label} -> {drug_id}")
        if year is None:
            continue
        app_type = row["App_Type"].strip()
        ncats.firsts[drug_id].append(
            First(
                layer=LAYER,
                date=date,
                year=year,
                application=f"{app_type}{number}" if app_type and number else None,
                sponsor=" ".join(row["Sponsor"].split()) or None,
                product=_product_name(product, identity.name(drug_id)) if product else None,
                cite=((DOC, f"{FILE}: row of UNII {unii} ({row['Date_Method'].strip()})"),),
            )
        )
    return ncats


def layer_drugs(
    identity: Identity, ncats: Ncats, winners: dict[str, First]
) -> list[dict[str, Any]]:
    """Drugs whose NCATS row joined: fda_approved, and the first approval where NCATS's won."""
    records = Records(identity, LAYER)
    for drug_id in sorted(set(ncats.firsts) | set(winners)):
        approval = approval_record(
            True,
            [],
            winners.get(drug_id),
            [{"doc": DOC, "section": f"{FILE}: the drug's row (joined by UNII, verified)"}],
        )
        if approval is not None:
            records.get(drug_id)["approval"] = approval
    return records.as_list()
