"""The records of a layer's drugs: one layer's facts about one drug, as the file holds them.

The records mirror the public models (:mod:`drugcompare.model`) but cite documents by key;
:mod:`drugcompare._data.builder` turns them into models with full :class:`~drugcompare.Source`
objects. The JSON Schema of the format (``layer_schema()``) is generated from these classes.
"""

from __future__ import annotations

import attrs

from ..model import (
    ApplicationType,
    DeaSchedule,
    DrugKind,
    FrequencyOrigin,
    Identifiers,
    IndicationStatus,
    MarketingStatus,
    WithdrawalSeverity,
)
from .format import Citation, ConditionRecord, DocumentRecord, LayerInfo

__all__ = [
    "AdverseEffectRecord",
    "ApprovalRecord",
    "BoxedWarningRecord",
    "DeaRecord",
    "DrugRecord",
    "FrequencyRecord",
    "IndicationRecord",
    "LayerFile",
    "LimitationRecord",
    "MarketWithdrawalRecord",
    "MechanismRecord",
    "ProductRecord",
    "WithdrawalRecord",
]


@attrs.frozen(kw_only=True)
class FrequencyRecord:
    lower: float | None = None
    upper: float | None = None
    label: str | None = None
    placebo_lower: float | None = None
    placebo_upper: float | None = None
    population: str | None = None
    origin: FrequencyOrigin | None = None
    table: str | None = None
    arm: str | None = None
    n: int | None = None
    placebo_n: int | None = None
    products: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class AdverseEffectRecord:
    term: str
    umls_cui: str | None = None
    frequencies: tuple[FrequencyRecord, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MechanismRecord:
    target: str | None = None
    gene: str | None = None
    action: str | None = None
    pharmacologic_class: str | None = None
    description: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class IndicationRecord:
    condition: str
    status: IndicationStatus
    note: str | None = None
    product: str | None = None
    products: tuple[str, ...] = ()
    population: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class WithdrawalRecord:
    severity: WithdrawalSeverity
    rule: int | None = None
    symptoms: tuple[str, ...] = ()
    onset: str | None = None
    taper: str | None = None
    boxed_warning: bool = False
    dependence: str | None = None
    note: str | None = None
    product: str | None = None
    products: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class BoxedWarningRecord:
    topic: str
    summary: str | None = None
    product: str | None = None
    products: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class MarketWithdrawalRecord:
    year: int | None = None
    country: str | None = None
    reason: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class ApprovalRecord:
    fda_approved: bool | None = None
    first_approval_year: int | None = None
    first_approval_date: str | None = None
    application: str | None = None
    sponsor: str | None = None
    first_product: str | None = None
    us_marketing_status: tuple[MarketingStatus, ...] = ()
    approved_eu: bool | None = None
    approved_japan: bool | None = None
    max_phase: int | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class DeaRecord:
    schedule: DeaSchedule | None = None
    code: str | None = None
    narcotic: bool | None = None
    as_of: str | None = None
    note: str | None = None
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class ProductRecord:
    name: str
    ingredients: tuple[str, ...] = ()
    route: str | None = None
    dosage_form: str | None = None
    strengths: tuple[str, ...] = ()
    application_type: ApplicationType | None = None
    application_number: str | None = None
    approval_date: str | None = None
    marketing_status: MarketingStatus | None = None
    applicant: str | None = None
    reference_drug: bool | None = None
    brand: bool = False
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class LimitationRecord:
    text: str
    condition: str | None = None
    product: str | None = None
    products: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class DrugRecord:
    """One layer's facts about one drug; every field but ``id`` may be left out."""

    id: str
    name: str | None = None
    brand_names: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    kind: DrugKind | None = None
    identifiers: Identifiers = attrs.Factory(Identifiers)
    atc_codes: tuple[str, ...] = ()
    mechanisms: tuple[MechanismRecord, ...] = ()
    indications: tuple[IndicationRecord, ...] = ()
    adverse_effects: tuple[AdverseEffectRecord, ...] = ()
    withdrawal: WithdrawalRecord | None = None
    """One withdrawal entry (kept for datasets written before ``withdrawal_risks``)."""
    withdrawal_risks: tuple[WithdrawalRecord, ...] = ()
    dea: DeaRecord | None = None
    boxed_warnings: tuple[BoxedWarningRecord, ...] = ()
    market_withdrawals: tuple[MarketWithdrawalRecord, ...] = ()
    approval: ApprovalRecord | None = None
    products: tuple[ProductRecord, ...] = ()
    ingredients: tuple[str, ...] = ()
    limitations: tuple[LimitationRecord, ...] = ()
    notes: tuple[str, ...] = ()
    cite: tuple[Citation, ...] = ()
    extends: bool = False
    """In a user layer: true to add facts to a packaged drug of the same id (without it, reusing
    a packaged id is an error, so that a typo cannot silently merge two drugs)."""


@attrs.frozen(kw_only=True)
class LayerFile:
    format: int
    layer: LayerInfo
    documents: dict[str, DocumentRecord] = attrs.Factory(dict)
    conditions: tuple[ConditionRecord, ...] = ()
    drugs: tuple[DrugRecord, ...] = ()
