"""The closed sets of the data model, as string enums (their values are the dataset's spelling)."""

from __future__ import annotations

import enum

__all__ = ["DeaSchedule", "DrugKind", "IndicationStatus", "WithdrawalSeverity"]


class _Ordered(str, enum.Enum):
    """A string enum whose members are listed in order (strongest or most severe first), with a
    ``rank`` (0 for the first) and a ``label`` (the value as people write it)."""

    @property
    def label(self) -> str:
        return str(self.value).replace("_", "-")

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)


class DrugKind(str, enum.Enum):
    """What kind of product an active ingredient is."""

    SMALL_MOLECULE = "small_molecule"
    BIOLOGIC = "biologic"
    PROTEIN = "protein"
    BOTANICAL = "botanical"
    MIXTURE = "mixture"
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
