"""Readers of Every Cure's MEDI files (everycure_medi_2025): the Orange Book and Purple Book
ingredient tables (``*_norm.tsv.gz``), the stringent drug list, and the :class:`Hint` table the
identity rule consults (MEDI's label and identifiers for an exact FDA ingredient string)."""

from __future__ import annotations

import csv
import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from drugcompare._text import normalize

from .identity import Hint
from .names import split_ingredients

FOLDER = "everycure_medi_2025"
_QUOTED = re.compile(r"'([^']*)'")
# MEDI CURIE prefix -> identifier kind of the layer format.
PREFIXES = {
    "UNII": "unii",
    "RXCUI": "rxcui",
    "DRUGBANK": "drugbank",
    "CHEMBL.COMPOUND": "chembl",
    "UMLS": "umls_cui",
    "DrugCentral": "drugcentral",
    "MESH": "mesh",
}


@dataclass(frozen=True)
class NormRow:
    """One row of ob_norm / pb_norm: an FDA ingredient string (Orange Book) or proper name
    (Purple Book), its earliest approval date and MEDI's (corrected) mapping."""

    table: str  # "orangebook" | "purplebook"
    ingredient: str
    approval_date: str | None  # ISO; None for "19820101" (= approved before 1982)
    pre_1982: bool
    status: str  # RX / OTC / DISCONTINUED
    label: str
    id_correct: bool
    identifiers: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ListRow:
    """One row of drug_list_stringent.csv."""

    curie: str
    label: str
    source_ingredients: tuple[str, ...]
    approved_usa: bool
    status_usa: tuple[str, ...]
    approved_eu: bool
    approved_japan: bool
    combination: bool
    atc: tuple[str, ...]
    identifiers: dict[str, tuple[str, ...]]


def parse_ids(cell: str) -> dict[str, tuple[str, ...]]:
    """``"['CHEBI:1', 'UNII:X', 'RXCUI:5', ...]"`` -> {kind: values in the order given}."""
    out: dict[str, list[str]] = {}
    for item in _QUOTED.findall(cell):
        prefix, _, value = item.partition(":")
        kind = PREFIXES.get(prefix)
        if kind and value and value not in out.get(kind, []):
            out.setdefault(kind, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def _iso(yyyymmdd: str) -> str | None:
    text = yyyymmdd.strip()
    if len(text) != 8 or not text.isdigit():
        return None
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


@functools.lru_cache(maxsize=8)
def read_norm(raw: Path, table: str) -> list[NormRow]:
    """The rows of ob_norm ("orangebook") or pb_norm ("purplebook"), read once per folder."""
    path = raw / FOLDER / f"{table}_{'ob' if table == 'orangebook' else 'pb'}_norm.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows:
        date = row["approval_date"].strip()
        pre_1982 = table == "orangebook" and date == "19820101"
        out.append(
            NormRow(
                table=table,
                ingredient=" ".join(row["source_ingredients"].split()),
                approval_date=None if pre_1982 else _iso(date),
                pre_1982=pre_1982,
                status=row["marketing_status_usa"].strip(),
                label=row["corrected_curie_norm_label"].strip(),
                id_correct=row["id_correct"].strip() in ("1.0", "True"),
                identifiers=parse_ids(row["alternate_ids"]),
            )
        )
    return out


def read_list(raw: Path) -> list[ListRow]:
    path = raw / FOLDER / "drug_list_stringent.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        atc = re.findall(r"'([A-Z][0-9A-Z]{2,6})'", row["atc_codes"])  # "['N03AX16']| [...]"
        out.append(
            ListRow(
                curie=row["curie"],
                label=row["curie_label"].strip(),
                source_ingredients=tuple(
                    " ".join(s.split()) for s in row["source_ingredients"].split("|") if s.strip()
                ),
                approved_usa=row["approved_usa"].strip() == "1",
                status_usa=tuple(
                    s.strip() for s in row["marketing_status_usa"].split("|") if s.strip()
                ),
                approved_eu=row["approved_europe"].strip() == "1",
                approved_japan=row["approved_japan"].strip() == "1",
                combination=row["is_combination_therapy"].strip().upper() == "TRUE",
                atc=tuple(sorted(str(a) for a in atc)),
                identifiers=parse_ids(row["alternate_ids"]),
            )
        )
    return out


def hints(raw: Path) -> dict[str, Hint]:
    """MEDI's label and identifiers per single-ingredient FDA string (normalised): Orange Book
    rows first, then Purple Book rows MEDI's own check marked correct."""
    out: dict[str, Hint] = {}
    for table in ("orangebook", "purplebook"):
        for row in read_norm(raw, table):
            if len(split_ingredients(row.ingredient)) != 1 or not row.label:
                continue
            if table == "purplebook" and not row.id_correct:
                continue
            out.setdefault(
                normalize(row.ingredient),
                Hint(row.label, row.identifiers, f"MEDI {table}"),
            )
    return out
