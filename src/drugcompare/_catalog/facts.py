"""What whole-catalog scans need (``drugs_for``, ``similar_drugs``, ``similarity_matrix``), read
from the layers' raw records without building models: each drug's adverse-effect keys,
(condition, status) pairs, mechanism target keys, pharmacologic-class keys and ATC keys.

Each key has one definition, used by this raw scan and by the comparison layer's features of a
built :class:`~drugcompare.Drug` alike: :func:`~drugcompare.model.effect_key` and
:func:`~drugcompare.model.mechanism_key` (models), :func:`target_key`, :func:`class_key` and
:func:`atc_keys` (here).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._data.store import LayerStore, PackagedStore
from ..model import IndicationStatus, effect_key, mechanism_key

__all__ = [
    "ATC_LEVELS",
    "FEATURE_KINDS",
    "RawFacts",
    "atc_keys",
    "class_key",
    "collect_facts",
    "target_key",
]

FEATURE_KINDS = ("adverse_effects", "indications", "mechanisms", "classes", "atc")
"""The kinds of feature a drug has: adverse-effect keys, indicated condition ids, mechanism target
keys, pharmacologic-class keys and ATC keys."""

ATC_LEVELS = {3: 4, 4: 5, 5: 7}
"""ATC level -> length of its code prefix (``N03A`` level 3, ``N03AX`` level 4, ``N03AX12``
level 5). Levels 1 and 2 (``N``, ``N03``) are too broad to say two drugs are alike."""

# A record can only add features if its line names one of these fields.
_FIELDS = tuple(
    f'"{name}":'.encode() for name in ("adverse_effects", "indications", "mechanisms", "atc_codes")
)


def target_key(gene: str | None, target: str | None) -> str | None:
    """The key of the target a mechanism acts on (its gene symbol, else its target name, as
    :func:`~drugcompare.model.mechanism_key` makes it), or ``None`` for a class-only mechanism."""
    if not gene and not target:
        return None
    return mechanism_key(gene, target, None, None)


def class_key(pharmacologic_class: str) -> str:
    """The key of a pharmacologic class (``"Anti-epileptic Agent [EPC]"`` ->
    ``"class:anti-epileptic agent [epc]"``, the same text key a class-only mechanism gets)."""
    return mechanism_key(None, None, pharmacologic_class, None)


def atc_keys(code: str) -> tuple[str, ...]:
    """The ATC features of one code: its level 3, 4 and 5 prefixes that the code is long enough
    to have (``"N03AX12"`` -> ``("atc3:N03A", "atc4:N03AX", "atc5:N03AX12")``)."""
    code = code.strip().upper()
    return tuple(
        f"atc{level}:{code[:length]}" for level, length in ATC_LEVELS.items() if len(code) >= length
    )


class RawFacts:
    """One drug's feature keys, gathered from its raw layer records."""

    __slots__ = (
        "_frozen",
        "adverse_effects",
        "atc_codes",
        "classes",
        "indications",
        "mechanisms",
    )

    def __init__(self) -> None:
        self.adverse_effects: set[str] = set()
        self.indications: set[tuple[str, IndicationStatus]] = set()
        self.mechanisms: set[str] = set()
        """Target keys (:func:`target_key`) of the drug's mechanisms."""
        self.classes: set[str] = set()
        """Class keys (:func:`class_key`) of its mechanisms' pharmacologic classes."""
        self.atc_codes: set[str] = set()
        self._frozen: dict[str, frozenset[str]] = {}

    def features(self, by: str) -> frozenset[str]:
        """The keys of one kind (see :data:`FEATURE_KINDS`), as the models compute them."""
        found = self._frozen.get(by)
        if found is None:
            if by == "adverse_effects":
                found = frozenset(self.adverse_effects)
            elif by == "indications":
                found = frozenset(condition for condition, _ in self.indications)
            elif by == "mechanisms":
                found = frozenset(self.mechanisms)
            elif by == "classes":
                found = frozenset(self.classes)
            elif by == "atc":
                found = frozenset(key for code in self.atc_codes for key in atc_keys(code))
            else:
                raise ValueError(f"unknown feature kind {by!r}")
            self._frozen[by] = found
        return found

    def add(self, record: Mapping[str, Any]) -> None:
        """Add one layer's raw record of the drug."""
        for effect in record.get("adverse_effects", ()):
            self.adverse_effects.add(effect_key(effect["term"], effect.get("umls_cui")))
        for indication in record.get("indications", ()):
            self.indications.add((indication["condition"], IndicationStatus(indication["status"])))
        for mechanism in record.get("mechanisms", ()):
            target = target_key(mechanism.get("gene"), mechanism.get("target"))
            if target is not None:
                self.mechanisms.add(target)
            if mechanism.get("pharmacologic_class"):
                self.classes.add(class_key(mechanism["pharmacologic_class"]))
        self.atc_codes.update(record.get("atc_codes", ()))
        self._frozen.clear()


def _records(store: LayerStore) -> Iterable[tuple[str, Mapping[str, Any]]]:
    """The store's raw records that can carry a feature. A packaged layer's lines are checked
    for a feature field before they are parsed, so layers of products, schedules or names cost a
    substring search, not a JSON parse."""
    if not isinstance(store, PackagedStore):
        yield from store.raw_records()
        return
    # PackagedStore has no public byte-level reader; these are its own header accessors.
    base = store._base
    with store._source.open("rb") as handle:
        blob = handle.read()
    find = blob.find
    for drug_id, (_name, offset, length) in store._places().items():
        start = base + offset
        end = start + length
        if any(find(field, start, end) >= 0 for field in _FIELDS):
            yield drug_id, json.loads(blob[start:end])


def collect_facts(stores: Sequence[LayerStore], ids: Iterable[str]) -> dict[str, RawFacts]:
    """Per drug id of ``ids``: its features from every layer (records of other ids are
    ignored)."""
    collected = {drug_id: RawFacts() for drug_id in ids}
    for store in stores:
        for drug_id, data in _records(store):
            found = collected.get(drug_id)
            if found is not None:
                found.add(data)
    return collected
