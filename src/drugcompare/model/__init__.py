"""The typed, immutable data model.

Every class is an ``attrs`` frozen, keyword-only class; collections are tuples, so a model can be
hashed, shared between threads and never changes after it is built. Change one with
``attrs.evolve``. Validators reject impossible values when a model is built, whichever way it is
built (by hand, from the packaged data or from a user's dataset). The model does no I/O; display
methods reach the render layer through :mod:`drugcompare._display`.
"""

from __future__ import annotations

from .condition import Condition
from .drug import Drug
from .effects import AdverseEffect, Frequency, effect_key
from .enums import (
    ApplicationType,
    DeaSchedule,
    DrugKind,
    FrequencyOrigin,
    IndicationStatus,
    MarketingStatus,
    WithdrawalSeverity,
)
from .facts import (
    Approval,
    BoxedWarning,
    DeaScheduling,
    Indication,
    Limitation,
    MarketWithdrawal,
    Mechanism,
    WithdrawalRisk,
    mechanism_key,
)
from .product import Product
from .source import Identifiers, Source

__all__ = [
    "AdverseEffect",
    "ApplicationType",
    "Approval",
    "BoxedWarning",
    "Condition",
    "DeaSchedule",
    "DeaScheduling",
    "Drug",
    "DrugKind",
    "Frequency",
    "FrequencyOrigin",
    "Identifiers",
    "Indication",
    "IndicationStatus",
    "Limitation",
    "MarketWithdrawal",
    "MarketingStatus",
    "Mechanism",
    "Product",
    "Source",
    "WithdrawalRisk",
    "WithdrawalSeverity",
    "effect_key",
    "mechanism_key",
]
