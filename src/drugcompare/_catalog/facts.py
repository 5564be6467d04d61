"""What whole-catalog scans need (``drugs_for``, ``similar_drugs``, ``similarity_matrix``), read
from the layers' raw records without building models: each drug's adverse-effect keys,
(condition, status) pairs and mechanism keys, computed with the models' own key functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import IndicationStatus, effect_key, mechanism_key

__all__ = ["FEATURE_KINDS", "RawFacts"]

FEATURE_KINDS = ("adverse_effects", "indications", "mechanisms")
"""The kinds of feature a drug has: adverse-effect keys, indicated condition ids, mechanism keys."""


class RawFacts:
    """One drug's feature keys, gathered from its raw layer records."""

    __slots__ = ("_frozen", "adverse_effects", "indications", "mechanisms")

    def __init__(self) -> None:
        self.adverse_effects: set[str] = set()
        self.indications: set[tuple[str, IndicationStatus]] = set()
        self.mechanisms: set[str] = set()
        self._frozen: dict[str, frozenset[str]] = {}

    def features(self, by: str) -> frozenset[str]:
        """The keys of one kind (see :data:`FEATURE_KINDS`), as the models compute them."""
        found = self._frozen.get(by)
        if found is None:
            if by == "adverse_effects":
                found = frozenset(self.adverse_effects)
            elif by == "indications":
                found = frozenset(condition for condition, _ in self.indications)
            else:
                found = frozenset(self.mechanisms)
            self._frozen[by] = found
        return found

    def add(self, record: Mapping[str, Any]) -> None:
        """Add one layer's raw record of the drug."""
        for effect in record.get("adverse_effects", ()):
            self.adverse_effects.add(effect_key(effect["term"], effect.get("umls_cui")))
        for indication in record.get("indications", ()):
            self.indications.add((indication["condition"], IndicationStatus(indication["status"])))
        for mechanism in record.get("mechanisms", ()):
            self.mechanisms.add(
                mechanism_key(
                    mechanism.get("gene"),
                    mechanism.get("target"),
                    mechanism.get("pharmacologic_class"),
                    mechanism.get("description"),
                )
            )
