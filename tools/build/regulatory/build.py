"""The regulatory build, in order: map the FDA product files to drugs, join MEDI and NCATS, decide
the first approvals and the brand names, apply the DEA rule, then write the five layers and the
report of every join."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..backbone.hub import Hub
from . import approval, dea, drugsatfda, medi, ncats_approvals, orangebook, sources
from .brands import is_generic
from .identity import Identity
from .medi_read import hints
from .products import Product, Row, group
from .records import BrandBook, Records, product_drugs


class Regulatory:
    """All five regulatory layers of one raw folder, built together (they share drug ids)."""

    def __init__(self, raw: Path, hub: Hub) -> None:
        self.raw = raw
        self.identity = Identity(hub, hints(raw))
        self.report: list[str] = []
        self.read_counts: dict[str, Counter[str]] = {}
        self.unmapped: dict[str, list[Row]] = {}

    # ------------------------------------------------------------------ products

    def _is_brand(self, row: Row, drug_id: str) -> bool:
        names = tuple(self.identity.name(c) for c in self.identity.components(drug_id))
        return not is_generic(row.trade_name, row.ingredient, names)

    def products(self) -> tuple[list[Product], list[Product]]:
        ob_rows, self.read_counts["orange-book"] = orangebook.read(self.raw)
        in_ob = {(r.application_number, r.product_number) for r in ob_rows}
        daf_rows, self.read_counts["drugsatfda"] = drugsatfda.read(self.raw, in_ob)
        strings = {r.ingredient for r in ob_rows} | {r.ingredient for r in daf_rows}
        drug_of = self.identity.map_strings(strings)
        ob, self.unmapped["orange-book"] = group(
            "orange-book", ob_rows, drug_of, self.identity.components, self._is_brand
        )
        daf, self.unmapped["drugsatfda"] = group(
            "drugsatfda", daf_rows, drug_of, self.identity.components, self._is_brand
        )
        daf = self._without_tentative_only_new_drugs(ob, daf)
        for product in daf:
            new = self.identity.new.get(product.drug_id)
            if new is not None and product.application_type == "BLA":
                new.biologic = True
        self._product_report("orange-book", ob_rows, drug_of, ob)
        self._product_report("drugsatfda", daf_rows, drug_of, daf)
        return ob, daf

    def _without_tentative_only_new_drugs(
        self, ob: list[Product], daf: list[Product]
    ) -> list[Product]:
        """Drugs@FDA products of an ingredient no other source knows (a new single-ingredient
        drug) whose every product is only tentatively approved are left out: such a name is not
        an approved drug, and it is where Drugs@FDA's own misspellings land ("GABAPENTIN
        ENCARBIL", "IRBESARTAN HYDROCHLOROTHIAZIDE" for the combination)."""
        approving = {p.drug_id for p in ob + daf if p.marketing_status != "tentative"}
        dropped = {
            p.drug_id
            for p in daf
            if p.drug_id in self.identity.new
            and p.drug_id not in self.identity.combos
            and p.drug_id not in approving
        }
        self.report.append(
            f"drugsatfda: {len(dropped)} ingredient names known only from tentative approvals "
            f"left out: {', '.join(sorted(dropped))}"
        )
        return [p for p in daf if p.drug_id not in dropped]

    def _kind(self, drug_id: str | None) -> str:
        if drug_id is None:
            return "not joined"
        if drug_id in self.identity.combos:
            return "combination drugs"
        return "new drugs" if drug_id in self.identity.new else "hub drugs"

    def _product_report(
        self, layer: str, rows: list[Row], drug_of: dict[str, str | None], products: list[Product]
    ) -> None:
        rows_by = Counter(self._kind(drug_of.get(row.ingredient)) for row in rows)
        products_by = Counter(self._kind(p.drug_id) for p in products)
        drugs_by = Counter(self._kind(d) for d in {p.drug_id for p in products})
        self.report.append(
            f"{layer}: read {dict(sorted(self.read_counts[layer].items()))}; product rows joined "
            f"to {dict(sorted(rows_by.items()))}; {len(products)} products of "
            f"{dict(sorted(products_by.items()))}; drugs {dict(sorted(drugs_by.items()))}"
        )

    # ------------------------------------------------------------------ layers

    def layers(self) -> dict[str, dict[str, Any]]:
        ob, daf = self.products()
        everything = ob + daf
        self.report.append(
            "identity: distinct FDA ingredient names by route "
            f"{dict(self.identity.how.most_common())}; {len(self.identity.new)} new drugs, "
            f"{len(self.identity.combos)} combination drugs"
        )
        medi_join = medi.prepare(self.raw, self.identity, {p.ingredient for p in everything})
        ncats_join = ncats_approvals.prepare(self.raw, self.identity, everything)
        brands: dict[str, set[str]] = defaultdict(set)
        for product in everything:
            if product.brand:
                brands[product.drug_id].add(product.folded)
        approved = {p.drug_id for p in everything if p.approves}
        approved |= {d for d, f in medi_join.facts.items() if f.fda_approved}
        approved |= set(ncats_join.firsts)
        all_drugs = set(self.identity.hub.names) | set(self.identity.combos)
        all_drugs |= {p.drug_id for p in everything}
        dea_join = dea.prepare(self.raw, self.identity, all_drugs, brands, approved)

        candidates: dict[str, list[approval.First]] = defaultdict(list)
        for drug_id, first in _product_firsts(ob).items():
            candidates[drug_id].append(first)
        for join in (medi_join.firsts, ncats_join.firsts, dea_join.firsts):
            for drug_id, firsts in join.items():
                candidates[drug_id] += firsts
        decisions = approval.decide(candidates)
        book = BrandBook(self.identity, everything)

        out: dict[str, dict[str, Any]] = {}
        info, docs = sources.orange_book(self.raw)
        out["orange-book"] = sources.layer(
            info,
            docs,
            product_drugs(
                self.identity,
                "orange-book",
                ob,
                book,
                decisions.for_layer("orange-book"),
                "orange-book",
                orangebook.FILE,
            ),
        )
        info, docs = sources.drugsatfda(self.raw)
        out["drugsatfda"] = sources.layer(
            info,
            docs,
            product_drugs(self.identity, "drugsatfda", daf, book, {}, "drugsatfda", "Products.txt"),
        )
        info, docs = sources.medi(self.raw)
        out["medi"] = sources.layer(
            info, docs, medi.layer_drugs(self.identity, medi_join, decisions.for_layer("medi"))
        )
        info, docs = sources.ncats(self.raw)
        out["ncats-approvals"] = sources.layer(
            info,
            docs,
            ncats_approvals.layer_drugs(
                self.identity, ncats_join, decisions.for_layer("ncats-approvals")
            ),
        )
        out["dea"] = self._dea_layer(dea_join, decisions.for_layer("dea"))
        self._reports(medi_join, ncats_join, dea_join, decisions, book, approved, out)
        return out

    def _dea_layer(self, join: dea.Dea, winners: dict[str, approval.First]) -> dict[str, Any]:
        records = Records(self.identity, "dea")
        for drug_id, state in sorted(join.states.items()):
            value = dea.record(state)
            if value is not None:
                records.get(drug_id)["dea"] = value
        for drug_id, first in sorted(winners.items()):
            record = approval.approval_record(None, [], first, [])
            if record is not None:
                records.get(drug_id)["approval"] = record
        info, docs = sources.dea(self.raw)
        docs.update(join.documents)
        return sources.layer(info, docs, records.as_list())

    def _reports(
        self,
        medi_join: medi.Medi,
        ncats_join: ncats_approvals.Ncats,
        dea_join: dea.Dea,
        decisions: approval.Decisions,
        book: BrandBook,
        approved: set[str],
        out: dict[str, dict[str, Any]],
    ) -> None:
        for name, join in (("medi", medi_join), ("ncats-approvals", ncats_join), ("dea", dea_join)):
            for what, count in sorted(join.counts.items()):
                examples = "; ".join(join.examples[what][:4])
                self.report.append(f"{name}: {what}: {count} (e.g. {examples})")
        self.report.append(f"first approval: {dict(sorted(decisions.counts.items()))}")
        shared = book.shared()
        held = sum(1 for b in shared if book.holder[b] is not None)
        self.report.append(
            f"brands: {len(book.owners)} folded brands; {len(shared)} carried by products of "
            f"several drugs, {held} of them given to the drug the others contain, "
            f"{len(shared) - held} to none: {sorted(b for b in shared if book.holder[b] is None)}"
        )
        known = sum(
            1
            for drug_id in approved
            if (
                dea_join.states.get(drug_id)
                and (dea_join.states[drug_id].value or {}).get("schedule")
            )
        )
        self.report.append(
            f"dea: {known} of {len(approved)} FDA-approved drugs have a schedule value "
            f"({100 * known / max(1, len(approved)):.1f} %)"
        )
        for layer_id, layer in out.items():
            self.report.append(f"{layer_id}: {len(layer['drugs'])} drug records")


def _product_firsts(products: list[Product]) -> dict[str, approval.First]:
    """The Orange Book's candidate per drug: its earliest approving product (module rule of
    tools/build/regulatory/approval.py); a drug with a pre-1982 product says "before 1982"."""
    out: dict[str, approval.First] = {}
    by_drug: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        if product.approves:
            by_drug[product.drug_id].append(product)
    for drug_id, own in by_drug.items():
        dated = sorted((p for p in own if p.approval_date), key=lambda p: (p.approval_date, p.name))
        pre = any(p.pre_1982 for p in own)
        first = dated[0] if dated else None
        section = f"{orangebook.FILE}: earliest Approval_Date of the drug's products"
        out[drug_id] = approval.First(
            layer="orange-book",
            date=None if pre or first is None else first.approval_date,
            pre_1982=pre,
            application=None if pre or first is None else first.application,
            sponsor=None if pre or first is None else first.applicant,
            product=None if pre or first is None else first.name,
            cite=(("orange-book", section),),
        )
    return out
