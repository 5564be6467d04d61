"""Approved products (Orange Book, Drugs@FDA) as the layer format's ``products[]`` entries.

A product groups the FDA product rows of one application that share the folded trade name
(:func:`tools.build.regulatory.brands.fold`), dosage form, route and marketing status: strengths
are listed, the approval date is the earliest of the group, and a group with a row "Approved Prior
to Jan 1, 1982" has no date (its cite section says so). A tentative approval is kept as a product
with status "tentative" and never counts as an approval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .brands import display, fold

STATUS_ORDER = ("prescription", "otc", "discontinued", "tentative")
APPROVING_TYPES = ("NDA", "ANDA", "BLA")


@dataclass(frozen=True)
class Row:
    """One FDA product row, as the source modules read it."""

    ingredient: str
    trade_name: str
    dosage_form: str
    route: str
    strength: str
    application_type: str  # NDA | ANDA | BLA
    application_number: str
    product_number: str
    approval_date: str | None  # ISO
    pre_1982: bool
    reference_drug: bool
    marketing_status: str  # prescription | otc | discontinued | tentative
    applicant: str


@dataclass
class Product:
    """A group of rows of one application (module rule), mapped to its drug."""

    layer: str
    drug_id: str
    ingredients: tuple[str, ...]
    ingredient: str
    folded: str
    brand: bool
    application_type: str
    application_number: str
    dosage_form: str
    route: str
    marketing_status: str
    applicant: str
    strengths: list[str] = field(default_factory=list)
    product_numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    pre_1982: bool = False
    reference_drug: bool = False

    @property
    def approval_date(self) -> str | None:
        """Earliest date of the group; None when a row predates 1982 or no row has a date."""
        return None if self.pre_1982 or not self.dates else min(self.dates)

    @property
    def approves(self) -> bool:
        """An NDA/ANDA/BLA approval (a tentative approval is not one)."""
        return self.application_type in APPROVING_TYPES and self.marketing_status != "tentative"

    @property
    def name(self) -> str:
        return display(self.folded) if self.brand else self.folded.lower()

    @property
    def application(self) -> str:
        return f"{self.application_type}{self.application_number}"

    def as_dict(self, doc: str, file: str) -> dict[str, Any]:
        """The layer record; the cite is left to the layer's document (the file) to keep the
        layer small, except for a product approved before 1982, whose cite says so."""
        cite = None
        if self.pre_1982:
            section = f"{file}: 'Approved Prior to Jan 1, 1982'"
            cite = [{"doc": doc, "section": section}]
        out: dict[str, Any] = {
            "name": self.name,
            "ingredients": list(self.ingredients),
            "route": self.route,
            "dosage_form": self.dosage_form,
            "strengths": self.strengths,
            "application_type": self.application_type,
            "application_number": self.application_number,
            "approval_date": self.approval_date,
            "marketing_status": self.marketing_status,
            "applicant": self.applicant,
            "reference_drug": self.reference_drug or None,
            "brand": self.brand,
            "cite": cite,
        }
        return {k: v for k, v in out.items() if v not in (None, "", [])}


def group(
    layer: str,
    rows: Iterable[Row],
    drug_of: dict[str, str | None],
    components: Any,
    is_brand: Any,
) -> tuple[list[Product], list[Row]]:
    """Products of the rows whose ingredient string maps to a drug, and the rows that do not.

    ``components(drug_id)`` gives a drug's ingredient ids; ``is_brand(row, drug_id)`` the brand
    test."""
    groups: dict[tuple[str, ...], Product] = {}
    unmapped: list[Row] = []
    for row in rows:
        drug_id = drug_of.get(row.ingredient)
        if drug_id is None:
            unmapped.append(row)
            continue
        folded = fold(row.trade_name) or row.trade_name.upper()
        key = (
            row.application_type,
            row.application_number,
            folded,
            row.dosage_form,
            row.route,
            row.marketing_status,
            drug_id,
        )
        product = groups.get(key)
        if product is None:
            product = Product(
                layer=layer,
                drug_id=drug_id,
                ingredients=tuple(components(drug_id)),
                ingredient=row.ingredient,
                folded=folded,
                brand=bool(is_brand(row, drug_id)),
                application_type=row.application_type,
                application_number=row.application_number,
                dosage_form=row.dosage_form,
                route=row.route,
                marketing_status=row.marketing_status,
                applicant=row.applicant,
            )
            groups[key] = product
        if row.strength and row.strength not in product.strengths:
            product.strengths.append(row.strength)
        product.product_numbers.append(row.product_number)
        if row.approval_date:
            product.dates.append(row.approval_date)
        product.pre_1982 |= row.pre_1982
        product.reference_drug |= row.reference_drug
    products = sorted(groups.values(), key=sort_key)
    for product in products:
        product.product_numbers.sort()
    return products, unmapped


def sort_key(product: Product) -> tuple[Any, ...]:
    """NDA/BLA brands first, then branded ANDAs, then generics; then by name and application."""
    rank = 0 if product.brand and product.application_type != "ANDA" else 1 if product.brand else 2
    return (
        product.drug_id,
        rank,
        product.name,
        product.application_type,
        product.application_number,
        product.dosage_form,
        product.route,
        STATUS_ORDER.index(product.marketing_status),
    )


def by_drug(products: Iterable[Product]) -> dict[str, list[Product]]:
    out: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        out[product.drug_id].append(product)
    return out


def statuses(products: Sequence[Product]) -> list[str]:
    """The marketing statuses of a drug's products (tentative included), in STATUS_ORDER."""
    found = {p.marketing_status for p in products}
    return [s for s in STATUS_ORDER if s in found]


def split_form(text: str) -> tuple[str, str]:
    """``"TABLET, EXTENDED RELEASE;ORAL"`` -> ("tablet, extended release", "oral")."""
    form, _, route = text.partition(";")
    return " ".join(form.lower().split()), " ".join(route.lower().split())
