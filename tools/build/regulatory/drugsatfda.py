"""Drugs@FDA data files (about 2023-02): the products the Orange Book lacks.

Reads Products, Applications (type and sponsor) and MarketingStatus. A product row whose
application and product number the 2024-11 Orange Book lists is left to the Orange Book; every
other row (the biologics (BLA) first of all, and older or tentatively approved NDA/ANDA products)
becomes a product of its drug, with the Drugs@FDA marketing status (1 Prescription, 2 OTC,
3 Discontinued, 4 "None (Tentative Approval)" -> tentative, never an approval). The snapshot has
no Submissions file, so these products carry no approval date. A row with a stray empty 9th
field is read by position (the stray field sits after Strength or at the end).
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

from .products import Row, split_form
from .sources import FOLDERS

STATUS = {"1": "prescription", "2": "otc", "3": "discontinued", "4": "tentative"}


def _lines(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        lines = handle.read().splitlines()
    return [line.split("\t") for line in lines[1:] if line.strip()]


def read(raw: Path, in_orange_book: set[tuple[str, str]]) -> tuple[list[Row], Counter[str]]:
    """Rows of the products the Orange Book does not list, and counts of what was read."""
    folder = raw / FOLDERS["drugsatfda"]
    applications = {c[0]: c for c in _lines(folder / "Applications.txt.gz") if len(c) >= 4}
    status: dict[tuple[str, str], str] = {}
    for cells in _lines(folder / "MarketingStatus.txt.gz"):
        status[(cells[1], cells[2])] = cells[0]
    counts: Counter[str] = Counter()
    rows: list[Row] = []
    for cells in _lines(folder / "Products.txt.gz"):
        counts["rows"] += 1
        if len(cells) == 9:
            cells = cells[:4] + cells[5:] if cells[4] == "" else cells[:8]
            counts["rows with a stray 9th field (read by position)"] += 1
        if len(cells) != 8:
            counts["skipped: not 8 fields"] += 1
            continue
        appl_no, product_no, form_route, strength, reference, name, ingredient = cells[:7]
        application = applications.get(appl_no)
        if application is None:
            counts["skipped: application not in Applications.txt"] += 1
            continue
        appl_type = application[1].strip()
        counts[f"{appl_type} rows"] += 1
        if (appl_no, product_no) in in_orange_book:
            counts["left to the Orange Book (same application and product number)"] += 1
            continue
        code = status.get((appl_no, product_no))
        if code not in STATUS or appl_type not in ("NDA", "ANDA", "BLA"):
            counts["skipped: no marketing status or application type"] += 1
            continue
        form, route = split_form(form_route)
        counts[f"kept: {appl_type} {STATUS[code]}"] += 1
        rows.append(
            Row(
                ingredient=" ".join(ingredient.split()),
                trade_name=" ".join(name.split()),
                dosage_form=form,
                route=route,
                strength=" ".join(strength.split()),
                application_type=appl_type,
                application_number=appl_no.strip(),
                product_number=product_no.strip(),
                approval_date=None,
                pre_1982=False,
                reference_drug=reference.strip() == "1",
                marketing_status=STATUS[code],
                applicant=" ".join(application[3].split()),
            )
        )
    return rows, counts
