"""The typed, immutable results of comparisons: one object per shared adverse effect, overlapping
condition or similarity score (their collections and :class:`Comparison` are in sibling modules)."""

from __future__ import annotations

from typing import Literal

import attrs

from .. import _display
from .._errors import InvalidArgumentError
from ..model import AdverseEffect, Condition, Drug, Frequency, Indication, IndicationStatus
from . import SECTIONS

__all__ = [
    "SECTIONS",
    "DrugEffect",
    "DrugIndications",
    "IndicationOverlap",
    "SharedAdverseEffect",
    "SimilarityScore",
]


@attrs.frozen(kw_only=True)
class DrugEffect:
    """One drug's report of an adverse effect."""

    drug: str
    drug_name: str
    effect: AdverseEffect

    @property
    def frequency(self) -> Frequency | None:
        return self.effect.frequency


@attrs.frozen(kw_only=True)
class SharedAdverseEffect:
    """An adverse effect that every compared drug lists, with each drug's frequencies."""

    term: str
    umls_cui: str | None
    entries: tuple[DrugEffect, ...]
    """One entry per drug, in the order the drugs were given."""

    def for_drug(self, drug: Drug | str) -> DrugEffect:
        drug_id = drug.id if isinstance(drug, Drug) else drug
        for entry in self.entries:
            if entry.drug == drug_id:
                return entry
        raise InvalidArgumentError(f"{drug_id!r} is not one of the compared drugs")

    @property
    def max_frequency(self) -> float | None:
        """The highest headline incidence among the drugs (None if no drug gives a figure)."""
        values = [
            e.frequency.value for e in self.entries if e.frequency and e.frequency.value is not None
        ]
        return max(values) if values else None

    def __repr__(self) -> str:
        return f"<SharedAdverseEffect {self.term!r}: {', '.join(e.drug for e in self.entries)}>"

    def __str__(self) -> str:
        text: str = _display.call("effects_text", (self,))
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("effects_html", (self,))
        return text


@attrs.frozen(kw_only=True)
class DrugIndications:
    """The indications of one drug that fall under an overlapping condition."""

    drug: str
    drug_name: str
    indications: tuple[Indication, ...]

    @property
    def statuses(self) -> tuple[IndicationStatus, ...]:
        return tuple(dict.fromkeys(i.status for i in self.indications))

    @property
    def best_status(self) -> IndicationStatus:
        """The strongest status: approved > off-label > investigational > anecdotal."""
        return min(self.statuses, key=lambda status: status.rank)


@attrs.frozen(kw_only=True)
class IndicationOverlap:
    """A condition every compared drug is used for, directly or through a narrower condition."""

    condition: Condition
    match: Literal["exact", "hierarchy"]
    """``exact``: every drug is indicated for this very condition; ``hierarchy``: at least one
    drug is indicated for a narrower condition (e.g. focal epilepsy under epilepsy)."""
    entries: tuple[DrugIndications, ...]

    def __repr__(self) -> str:
        statuses = ", ".join(f"{e.drug} {e.best_status.label}" for e in self.entries)
        return f"<IndicationOverlap {self.condition.name!r} ({self.match}): {statuses}>"

    def __str__(self) -> str:
        text: str = _display.call("overlaps_text", (self,))
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("overlaps_html", (self,))
        return text


@attrs.frozen(kw_only=True)
class SimilarityScore:
    """Jaccard similarity of two drugs' adverse effects, indications or mechanisms."""

    drug_a: str
    drug_b: str
    by: str
    score: float
    shared: int
    """Number of shared items (effects, conditions or targets)."""

    def __str__(self) -> str:
        text: str = _display.call("similarity_text", (self,))
        return text

    def _repr_html_(self) -> str:
        text: str = _display.call("similarity_html", (self,))
        return text
