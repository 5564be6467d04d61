"""The closed sets of the data model, as string enums (their values are the dataset's spelling)."""

from __future__ import annotations

import enum
import functools

__all__ = [
    "ApplicationType",
    "DeaSchedule",
    "DrugKind",
    "FrequencyOrigin",
    "IndicationStatus",
    "MarketingStatus",
    "WithdrawalSeverity",
]


class _Ordered(str, enum.Enum):
    """A string enum whose members are listed in order (strongest or most severe first), with a
    ``rank`` (0 for the first) and a ``label`` (the value as people write it)."""

    @property
    def label(self) -> str:
        return str(self.value).replace("_", "-")

    @property
    def rank(self) -> int:
        return _ranks(type(self))[self]


class DrugKind(str, enum.Enum):
    """What kind of product an active ingredient is."""

    SMALL_MOLECULE = "small_molecule"
    BIOLOGIC = "biologic"
    PROTEIN = "protein"
    BOTANICAL = "botanical"
    MIXTURE = "mixture"
    COMBINATION = "combination"
    """A fixed-dose combination of active ingredients (its ``ingredients`` name them)."""
    OTHER = "other"
    UNKNOWN = "unknown"


class IndicationStatus(_Ordered):
    """How well established a use is (see docs/curation.md for the exact rules).

    ``APPROVED`` means listed in section 1 of a US FDA label; nothing else is approved.
    ``LISTED`` means a structured database lists the use as an indication without saying whether a
    US label carries it (DrugCentral/FDB, ChEMBL phase 4, PharmacotherapyDB, SIDER text mining).
    The members are in order of strength of evidence, strongest first.
    """

    APPROVED = "approved"
    OFF_LABEL = "off_label"
    LISTED = "listed"
    INVESTIGATIONAL = "investigational"
    ANECDOTAL = "anecdotal"


class WithdrawalSeverity(_Ordered):
    """Severity of stopping a drug, rated by the written rule in docs/curation.md.

    ``rank`` is 0 for the most severe, the order ``withdrawal_risks()`` sorts by. ``UNKNOWN``
    ranks after ``LOW`` and before ``NONE``: a risk nobody has described is not shown as less
    than one known to be absent.
    """

    LIFE_THREATENING = "life_threatening"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"
    NONE = "none"


class DeaSchedule(str, enum.Enum):
    """US federal controlled-substance schedule (21 CFR 1308.11-1308.15)."""

    I = "I"  # noqa: E741 - the schedule's own name
    II = "II"
    III = "III"
    IV = "IV"
    V = "V"
    NOT_CONTROLLED = "not_controlled"

    @property
    def label(self) -> str:
        return "not controlled" if self is DeaSchedule.NOT_CONTROLLED else f"C-{self.value}"


class MarketingStatus(_Ordered):
    """US marketing status of a product (Orange Book / Drugs@FDA)."""

    PRESCRIPTION = "prescription"
    OTC = "otc"
    DISCONTINUED = "discontinued"
    TENTATIVE = "tentative"
    """A tentative approval: not an approval (a patent or exclusivity blocks it)."""

    @property
    def label(self) -> str:
        return {"otc": "OTC"}.get(self.value, self.value)


class ApplicationType(str, enum.Enum):
    """The kind of FDA application a product is approved under."""

    NDA = "NDA"
    ANDA = "ANDA"
    BLA = "BLA"


class FrequencyOrigin(_Ordered):
    """Where a figure comes from, best first: the headline of an adverse effect is its first
    label-table figure, and text-mined figures never outrank a label's own."""

    LABEL_TABLE = "label_table"
    """A row of an adverse-reaction table of a label (with the placebo figure of the same row)."""
    LABEL_TEXT = "label_text"
    """A figure or a word (``"warning"``, ``"postmarketing"``) in the prose of a label."""
    OTHER = "other"
    """Another document (a trial, a foreign label) or a user dataset that does not say."""
    TEXT_MINED = "text_mined"
    """A row text-mined from a label by a database (SIDER)."""


@functools.cache
def _ranks(cls: type[enum.Enum]) -> dict[enum.Enum, int]:
    """Each member's position in its enum (computed once per enum; ``rank`` is on hot paths)."""
    return {member: position for position, member in enumerate(cls)}
