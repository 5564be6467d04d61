"""Drug records of the regulatory layers, and the drug-level brand names and synonyms.

Brand names (:class:`BrandBook`), written once for every product of every regulatory layer:

- a drug's ``brand_names`` are the folded brands of its brand products (NDA/BLA brands first,
  then branded ANDAs, each group alphabetical), in display case;
- a brand that products of several drugs carry ("shared brand": a line extension with another
  ingredient, an ester, a reused name) stays on each product; it goes into the ``brand_names`` of
  the one drug every other carrier contains (as a combination's ingredient, or as the start of an
  ester's or salt's name: Haldol -> haloperidol, Rocephin -> ceftriaxone), and into no drug's
  when there is no such drug (Emend: aprepitant and fosaprepitant), so that no drug answers for
  another; such brands are reported;
- a brand that is another drug's name (or a curated drug's name, brand or synonym) is left out;
- the base brand ("Nurtec" of "Nurtec ODT") is added to ``synonyms`` when it is no brand or name
  of another drug;
- a biological product's proper name with FDA's suffix ("lecanemab-irmb") is added to
  ``synonyms`` under the same condition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from drugcompare._text import normalize

from .approval import approval_record
from .brands import base, display
from .identity import Identity
from .products import Product, by_drug, statuses


class Records:
    """The drug records of one layer, created on first use with the drug's identity."""

    def __init__(self, identity: Identity, layer: str) -> None:
        self.identity = identity
        self.layer = layer
        self.records: dict[str, dict[str, Any]] = {}

    def get(self, drug_id: str) -> dict[str, Any]:
        record = self.records.get(drug_id)
        if record is None:
            record = {"id": drug_id, "name": self.identity.name(drug_id)}
            parts = self.identity.combos.get(drug_id)
            if parts is not None:
                record["kind"] = "combination"
                record["ingredients"] = list(parts)
            new = self.identity.new.get(drug_id)
            if new is not None and new.identifiers:
                record["identifiers"] = {k: sorted(v) for k, v in sorted(new.identifiers.items())}
            if new is not None and new.biologic:
                record["kind"] = "biologic"
            self.records[drug_id] = record
        return record

    def as_list(self) -> list[dict[str, Any]]:
        return [self.records[k] for k in sorted(self.records)]


class BrandBook:
    """Which drugs each folded brand names, over all products of all regulatory layers."""

    def __init__(self, identity: Identity, products: Iterable[Product]) -> None:
        self.identity = identity
        self.owners: dict[str, set[str]] = defaultdict(set)
        for product in products:
            if product.brand:
                self.owners[product.folded].add(product.drug_id)
        self.names: dict[str, set[str]] = defaultdict(set)  # normalised name -> drugs it names
        for table in (identity.primary, *identity.tiers):
            for key, ids in table.items():
                self.names[key] |= ids
        for key, drug_id in identity.hub.curated_taken.items():
            self.names[key].add(drug_id)

        self.holder: dict[str, str | None] = {
            brand: self._holder(ids) for brand, ids in sorted(self.owners.items())
        }

    def _holder(self, ids: set[str]) -> str | None:
        """The drug a brand belongs to: its only drug, or among several the one that every other
        contains (as an ingredient of a combination, or as the start of an ester's or salt's
        name: Haldol -> haloperidol, not haloperidol decanoate); else none."""
        if len(ids) == 1:
            return next(iter(ids))
        found = [p for p in sorted(ids) if all(self._contains(o, p) for o in ids - {p})]
        return found[0] if len(found) == 1 else None

    def _contains(self, other: str, parent: str) -> bool:
        if parent in self.identity.combos.get(other, ()):
            return True
        if other in self.identity.combos:
            return False
        return normalize(self.identity.name(other)).startswith(
            normalize(self.identity.name(parent))
        )

    def shared(self) -> dict[str, list[str]]:
        """Brands carried by products of several drugs (holder first when there is one)."""
        return {
            b: sorted(ids, key=lambda d: (d != self.holder[b], d))
            for b, ids in sorted(self.owners.items())
            if len(ids) > 1
        }

    def _free(self, name: str, drug_id: str) -> bool:
        """True when ``name`` names no drug other than ``drug_id`` (as a name, or as a brand it
        holds)."""
        others = self.names.get(normalize(name), set()) - {drug_id}
        holder = self.holder.get(name.upper(), drug_id)
        return not others and holder == drug_id

    def brand_names(self, drug_id: str, products: Iterable[Product]) -> tuple[list[str], list[str]]:
        """(brand_names, synonyms) of a drug from its products, by the module rule."""
        ranked: dict[str, int] = {}
        proper: set[str] = set()
        for product in products:
            if product.drug_id != drug_id:
                continue
            if product.brand:
                rank = 1 if product.application_type == "ANDA" else 0
                ranked[product.folded] = min(rank, ranked.get(product.folded, rank))
            if product.application_type == "BLA" and "-" in product.ingredient:
                proper.add(product.ingredient.lower())
        brands = [
            b
            for b in sorted(ranked, key=lambda b: (ranked[b], b))
            if self.holder.get(b) == drug_id and self._free(b, drug_id)
        ]
        synonyms: list[str] = []
        for brand in brands:
            stem = base(brand)
            new = stem != brand and stem not in ranked and display(stem) not in synonyms
            if new and self._free(stem, drug_id):
                synonyms.append(display(stem))
        own = normalize(self.identity.name(drug_id))
        for name in sorted(proper):
            if normalize(name) != own and self._free(name, drug_id):
                synonyms.append(name)
        return [display(b) for b in brands], synonyms


def product_drugs(
    identity: Identity,
    layer: str,
    products: list[Product],
    book: BrandBook,
    winners: dict[str, Any],
    doc: str,
    file: str,
) -> list[dict[str, Any]]:
    """The drug records of a product layer (Orange Book, Drugs@FDA): products, brand names,
    synonyms and the approval the products show (fda_approved only from an NDA/ANDA/BLA product
    that is not a tentative approval; marketing statuses of the products; the first approval
    when this layer's candidate won, see tools/build/regulatory/approval.py)."""
    records = Records(identity, layer)
    for drug_id, own in sorted(by_drug(products).items()):
        record = records.get(drug_id)
        record["products"] = [p.as_dict(doc, file) for p in own]
        brands, synonyms = book.brand_names(drug_id, own)
        if brands:
            record["brand_names"] = brands
        if synonyms:
            record["synonyms"] = synonyms
        approved = any(p.approves for p in own)
        section = f"{file}: the drug's products" + (
            "" if approved else " (tentative approvals only: not an approval)"
        )
        approval = approval_record(
            True if approved else None,
            statuses(own),
            winners.get(drug_id),
            [{"doc": doc, "section": section}],
        )
        if approval is not None:
            record["approval"] = approval
    return records.as_list()
