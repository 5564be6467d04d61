"""The closed sets of the data model, as string enums (their values are the dataset's spelling)."""

from __future__ import annotations

import enum

__all__ = ["DeaSchedule", "DrugKind", "IndicationStatus", "WithdrawalSeverity"]


class DrugKind(str, enum.Enum):
    """What kind of product an active ingredient is."""

    SMALL_MOLECULE = "small_molecule"
    BIOLOGIC = "biologic"
    PROTEIN = "protein"
    BOTANICAL = "botanical"
    MIXTURE = "mixture"
    OTHER = "other"
    UNKNOWN = "unknown"


class IndicationStatus(str, enum.Enum):
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

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")

    @property
    def rank(self) -> int:
        """0 for the strongest status (``APPROVED``)."""
        return _STATUS_ORDER.index(self)


_STATUS_ORDER = list(IndicationStatus)


class WithdrawalSeverity(str, enum.Enum):
    """Severity of stopping a drug, rated by the written rule in docs/curation.md."""

    LIFE_THREATENING = "life_threatening"
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"
    NONE = "none"

    @property
    def rank(self) -> int:
        """0 for the most severe; the order ``withdrawal_risks()`` sorts by.

        ``UNKNOWN`` ranks after ``LOW`` and before ``NONE``: a risk nobody has described is not
        shown as less than one known to be absent.
        """
        return _SEVERITY_ORDER.index(self)

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")


_SEVERITY_ORDER = list(WithdrawalSeverity)


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
