"""FDA Orange Book products.txt (2024-11-08): the approved NDA/ANDA products, mapped to drugs.

Reads every row (``~``-separated, CRLF), maps its ingredient string to a drug with the identity
rule (tools/build/regulatory/identity.py: single drug, combination drug or a new drug) and groups
the rows into products (tools/build/regulatory/products.py). Marketing type RX -> prescription,
OTC -> otc, DISCN -> discontinued; Appl_Type N -> NDA, A -> ANDA; RLD "Yes" -> reference drug;
"Approved Prior to Jan 1, 1982" -> no date.
"""

from __future__ import annotations

import gzip
from collections import Counter
from datetime import datetime
from pathlib import Path

from .products import Row, split_form
from .sources import FOLDERS

FILE = "products.txt"
STATUS = {"RX": "prescription", "OTC": "otc", "DISCN": "discontinued"}
TYPES = {"N": "NDA", "A": "ANDA"}
PRE_1982 = "Approved Prior to Jan 1, 1982"


def parse_date(text: str) -> str | None:
    """``"Dec 30, 1993"`` -> ``"1993-12-30"``; the pre-1982 phrase and blanks -> None."""
    text = text.strip()
    if not text or text == PRE_1982:
        return None
    return datetime.strptime(text, "%b %d, %Y").date().isoformat()


def read(raw: Path) -> tuple[list[Row], Counter[str]]:
    """The product rows and counts of what was read (and skipped, with the reason)."""
    path = raw / FOLDERS["orange-book"] / f"{FILE}.gz"
    counts: Counter[str] = Counter()
    rows: list[Row] = []
    with gzip.open(path, "rt", encoding="ascii", newline="") as handle:
        lines = handle.read().splitlines()
    header = lines[0].split("~")
    if header[:3] != ["Ingredient", "DF;Route", "Trade_Name"] or len(header) != 14:
        raise SystemExit(f"{path}: unexpected header {header}")
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("~")
        counts["rows"] += 1
        if len(cells) != 14:
            counts["skipped: not 14 fields"] += 1
            continue
        ingredient, df_route, trade, _short, strength, appl_type, appl_no, product_no = cells[:8]
        date_text, rld, mtype, applicant = cells[9], cells[10], cells[12], cells[13]
        if appl_type not in TYPES or mtype not in STATUS:
            counts[f"skipped: Appl_Type {appl_type!r} / Type {mtype!r}"] += 1
            continue
        form, route = split_form(df_route)
        rows.append(
            Row(
                ingredient=" ".join(ingredient.split()),
                trade_name=" ".join(trade.split()),
                dosage_form=form,
                route=route,
                strength=" ".join(strength.split()),
                application_type=TYPES[appl_type],
                application_number=appl_no.strip(),
                product_number=product_no.strip(),
                approval_date=parse_date(date_text),
                pre_1982=date_text.strip() == PRE_1982,
                reference_drug=rld.strip() == "Yes",
                marketing_status=STATUS[mtype],
                applicant=" ".join(applicant.split()),
            )
        )
    return rows, counts
