"""Every Cure MEDI (2025-08): US/EU/Japan approval flags, US marketing status, ATC codes and the
earliest Orange Book / Purple Book approval dates, joined to drugs by FDA ingredient string.

Join rule (MEDI's identifier mappings were partly machine-corrected, so they are not trusted):

- an ``ob_norm`` row is an Orange Book ingredient string and a ``pb_norm`` row a Purple Book
  proper name: each maps to its drug by the identity rule (tools/build/regulatory/identity.py),
  exactly like the Orange Book's own strings; strings the 2024-11 Orange Book and the 2023
  Drugs@FDA files lack (2025 approvals, biologics licensed after 2023-02, CBER products) make new
  drugs here, so every drug these tables list as FDA-approved is in the catalog;
- a drug-list row joins through the FDA strings among its ``source_ingredients``: the drug of its
  single-ingredient strings (of its combination strings for a combination row) when they all
  give the same drug; a row with no FDA string joins by its label only when the label names one
  drug and MEDI's UNII for the row is one the hub lists for that drug; anything else is not
  joined (reported);
- approved_eu / approved_japan are set only when MEDI says 1 (a blank is not a "no"); ATC codes
  and statuses of all rows that join a drug are united.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drugcompare._text import normalize

from .approval import First, approval_record
from .identity import Identity
from .medi_read import ListRow, NormRow, read_list, read_norm
from .names import split_ingredients
from .records import Records

LAYER = "medi"
DOC = "medi"
STATUS = {"RX": "prescription", "OTC": "otc", "DISCONTINUED": "discontinued"}
ORDER = ("prescription", "otc", "discontinued")


@dataclass
class Facts:
    """What the joined MEDI rows say about one drug."""

    fda_approved: bool = False
    eu: bool = False
    japan: bool = False
    statuses: set[str] = field(default_factory=set)
    atc: set[str] = field(default_factory=set)
    rows: list[str] = field(default_factory=list)


@dataclass
class Medi:
    """The MEDI join: facts per drug, first-approval candidates and counts."""

    facts: dict[str, Facts] = field(default_factory=lambda: defaultdict(Facts))
    firsts: dict[str, list[First]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    created: set[str] = field(default_factory=set)

    def note(self, what: str, example: str) -> None:
        self.counts[what] += 1
        if len(self.examples[what]) < 6:
            self.examples[what].append(example)


def prepare(raw: Path, identity: Identity, product_strings: Iterable[str]) -> Medi:
    """Join the MEDI tables to drugs (module rule); new drugs are made for FDA strings that the
    product files lack."""
    medi = Medi()
    known_before = set(identity.new) | set(identity.hub.names)
    seen = {normalize(s) for s in product_strings}
    drug_of: dict[str, str | None] = {}
    for table in ("orangebook", "purplebook"):
        rows = read_norm(raw, table)
        for row in sorted(rows, key=lambda r: ("," in r.ingredient, r.ingredient)):
            drug_id = identity.ingredients(row.ingredient)
            drug_of[normalize(row.ingredient)] = drug_id
            where = "in the product files" if normalize(row.ingredient) in seen else "MEDI only"
            if drug_id is None:
                medi.note(f"{table}: string not mapped", row.ingredient)
                continue
            medi.note(f"{table}: string mapped ({where})", f"{row.ingredient} -> {drug_id}")
            if table == "purplebook" and drug_id in identity.new:
                identity.new[drug_id].biologic = True
            _norm_facts(medi, row, drug_id)
    medi.created = (set(identity.new) | set(identity.hub.names)) - known_before
    for list_row in read_list(raw):
        drug_id, how = _join(list_row, drug_of, identity)
        if drug_id is None:
            medi.note(f"drug list: not joined ({how})", list_row.label)
            continue
        medi.note(f"drug list: joined ({how})", f"{list_row.label} -> {drug_id}")
        facts = medi.facts[drug_id]
        facts.fda_approved |= list_row.approved_usa
        facts.eu |= list_row.approved_eu
        facts.japan |= list_row.approved_japan
        facts.statuses |= {STATUS[s] for s in list_row.status_usa if s in STATUS}
        facts.atc |= set(list_row.atc)
        facts.rows.append(list_row.curie)
    return medi


def _norm_facts(medi: Medi, row: NormRow, drug_id: str) -> None:
    facts = medi.facts[drug_id]
    facts.fda_approved = True
    if row.status in STATUS:
        facts.statuses.add(STATUS[row.status])
    file = "ob_norm" if row.table == "orangebook" else "pb_norm"
    section = f"{row.table} {file}: approval_date of {row.ingredient!r}"
    if row.pre_1982:
        section += " (19820101 = approved before Jan 1, 1982)"
    medi.firsts[drug_id].append(
        First(
            layer=LAYER,
            date=row.approval_date,
            pre_1982=row.pre_1982,
            cite=((DOC, section),),
        )
    )


def _join(
    row: ListRow, drug_of: dict[str, str | None], identity: Identity
) -> tuple[str | None, str]:
    single: set[str] = set()
    combined: set[str] = set()
    unmapped = 0
    for text in row.source_ingredients:
        key = normalize(text)
        if key not in drug_of:
            continue
        drug_id = drug_of[key]
        if drug_id is None:
            unmapped += 1
        elif len(split_ingredients(text)) > 1 or drug_id in identity.combos:
            combined.add(drug_id)
        else:
            single.add(drug_id)
    found = combined if row.combination and combined else single
    if len(found) == 1:
        return next(iter(found)), "by FDA ingredient string"
    if len(found) > 1:
        return None, "its FDA strings give several drugs"
    if unmapped:
        return None, "its FDA strings map to no drug"
    drug_id = identity.resolve([row.label]) if row.label else None
    if drug_id is None:
        return None, "no FDA string, label names no single drug"
    own = identity.hub_identifiers(drug_id).get("unii", set())
    if own & set(row.identifiers.get("unii", ())):
        return drug_id, "by label, UNII agrees"
    return None, "no FDA string, label's drug has another UNII"


def layer_drugs(identity: Identity, medi: Medi, winners: dict[str, First]) -> list[dict[str, Any]]:
    records = Records(identity, LAYER)
    for drug_id in sorted(set(medi.facts) | set(winners)):
        facts = medi.facts.get(drug_id, Facts())
        record = records.get(drug_id)
        if facts.atc:
            record["atc_codes"] = sorted(facts.atc)
        approval = approval_record(
            True if facts.fda_approved else None,
            [s for s in ORDER if s in facts.statuses],
            winners.get(drug_id),
            [{"doc": DOC, "section": "drug list / ob_norm / pb_norm rows joined by FDA string"}],
            approved_eu=True if facts.eu else None,
            approved_japan=True if facts.japan else None,
        )
        if approval is not None:
            record["approval"] = approval
    return records.as_list()
