"""A drug: one active ingredient with everything known about it (:class:`Drug`)."""

from __future__ import annotations

from typing import Any

import attrs

from .. import _convert, _display, _document
from ._checks import as_tuple, each_non_empty, has_sources, non_empty, slug, strings
from .effects import AdverseEffect
from .enums import DeaSchedule, DrugKind, IndicationStatus
from .facts import (
    Approval,
    BoxedWarning,
    DeaScheduling,
    Indication,
    Limitation,
    MarketWithdrawal,
    Mechanism,
    WithdrawalRisk,
)
from .product import Product
from .source import Identifiers, Source

__all__ = ["Drug"]


@attrs.frozen(kw_only=True)
class Drug:
    """One active ingredient with everything known about it, merged from every loaded layer."""

    id: str = attrs.field(validator=slug)
    """Stable slug, e.g. ``"gabapentin"``."""
    name: str = attrs.field(validator=non_empty)
    brand_names: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=each_non_empty
    )
    synonyms: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    kind: DrugKind = DrugKind.UNKNOWN
    identifiers: Identifiers = attrs.field(factory=Identifiers)
    atc_codes: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=each_non_empty
    )
    mechanisms: tuple[Mechanism, ...] = attrs.field(default=(), converter=as_tuple)
    indications: tuple[Indication, ...] = attrs.field(default=(), converter=as_tuple)
    adverse_effects: tuple[AdverseEffect, ...] = attrs.field(default=(), converter=as_tuple)
    withdrawal_risks: tuple[WithdrawalRisk, ...] = attrs.field(default=(), converter=as_tuple)
    """What stopping it does: one entry, or one per product group whose labels differ
    (oral and intrathecal baclofen), most severe first."""
    dea: DeaScheduling | None = None
    boxed_warnings: tuple[BoxedWarning, ...] = attrs.field(default=(), converter=as_tuple)
    market_withdrawals: tuple[MarketWithdrawal, ...] = attrs.field(default=(), converter=as_tuple)
    approval: Approval | None = None
    products: tuple[Product, ...] = attrs.field(default=(), converter=as_tuple)
    """Its approved products (brands and generics), each with its application and status."""
    ingredients: tuple[str, ...] = attrs.field(
        default=(), converter=strings, validator=each_non_empty
    )
    """For a fixed-dose combination: the drug ids of its active ingredients."""
    limitations: tuple[Limitation, ...] = attrs.field(default=(), converter=as_tuple)
    """"Limitations of Use" and "not indicated" statements of its labels."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=each_non_empty)
    """Curators' caveats: what was looked for and not confirmed."""
    sources: tuple[Source, ...] = attrs.field(converter=as_tuple, validator=has_sources)
    """The layers and documents this drug's identity comes from."""

    def __attrs_post_init__(self) -> None:
        # Most severe first, whatever order the layers gave.
        ordered = tuple(sorted(self.withdrawal_risks, key=lambda r: r.order))
        if ordered != self.withdrawal_risks:
            object.__setattr__(self, "withdrawal_risks", ordered)

    @property
    def withdrawal(self) -> WithdrawalRisk | None:
        """The most severe withdrawal entry (``None`` when no loaded source describes one)."""
        return self.withdrawal_risks[0] if self.withdrawal_risks else None

    @property
    def dea_schedule(self) -> DeaSchedule | None:
        """The federal schedule, or ``None`` when no loaded source states it."""
        return self.dea.schedule if self.dea is not None else None

    @property
    def display_name(self) -> str:
        """``"Neurontin (gabapentin)"`` style name: first brand, then the generic name."""
        return f"{self.brand_names[0]} ({self.name})" if self.brand_names else self.name

    def indications_with(self, *statuses: IndicationStatus) -> tuple[Indication, ...]:
        """The indications whose status is one of ``statuses`` (all of them if none given)."""
        if not statuses:
            return self.indications
        return tuple(i for i in self.indications if i.status in statuses)

    def __repr__(self) -> str:
        brands = f": {', '.join(self.brand_names[:3])}" if self.brand_names else ""
        more = f" +{len(self.brand_names) - 3}" if len(self.brand_names) > 3 else ""
        return (
            f"<Drug {self.id}{brands}{more}; {len(self.indications)} indications, "
            f"{len(self.adverse_effects)} adverse effects>"
        )

    def __str__(self) -> str:
        text: str = _display.call("drug_text", self)
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("drug_html", self)
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready) through the library's converter: every field, every source
        in full (see :meth:`to_document` for the compact JSON shape)."""
        result: dict[str, Any] = _convert.unstructure(self)
        return result

    def to_document(self) -> dict[str, Any]:
        """The drug as a drugcompare JSON document (kind ``drug``, ``docs/json.md``): each
        source, figure and condition written once in a top-level table, referred to by key."""
        return _document.pack("drug", _convert.unstructure_compact(self))

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_document` as a JSON string (``drugcompare show DRUG --format json``)."""
        return _document.dumps(self.to_document(), indent)

    @classmethod
    def from_document(cls, document: object) -> Drug:
        """The drug a :meth:`to_document` document describes (equal to the one written)."""
        _kind, body = _document.unpack(document, "drug")
        return _convert.structure(body, cls, file=None, record=str(body.get("id", "drug")))
