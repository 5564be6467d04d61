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
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .._data.paths import read_packaged
from .._data.sections import Section, find_sections
from .._data.store import LayerStore, PackagedStore
from ..model import IndicationStatus, effect_key, mechanism_key

__all__ = [
    "ATC_LEVELS",
    "FACTS_FILE",
    "FEATURE_KINDS",
    "LayerScan",
    "PackagedScan",
    "RawFacts",
    "atc_keys",
    "class_key",
    "collect_facts",
    "format_facts",
    "target_key",
]

FACTS_FILE = "facts.tsv"
_SECTIONS = ("adverse_effects", "indications", "mechanisms", "classes", "atc_codes")
"""The sections of ``facts.tsv``: the sets of :class:`RawFacts`, named as the scan's fields
(``mechanisms`` holds target keys; ``classes`` is filled with them by the same field)."""

FEATURE_KINDS = ("adverse_effects", "indications", "mechanisms", "classes", "atc")
"""The kinds of feature a drug has: adverse-effect keys, indicated condition ids, mechanism target
keys, pharmacologic-class keys and ATC keys."""

ATC_LEVELS = {3: 4, 4: 5, 5: 7}
"""ATC level -> length of its code prefix (``N03A`` level 3, ``N03AX`` level 4, ``N03AX12``
level 5). Levels 1 and 2 (``N``, ``N03``) are too broad to say two drugs are alike."""


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
    """One drug's feature keys, gathered from its raw layer records.

    In a catalog, the sets are filled on first access of a kind: reading ``indications`` of any
    drug reads every layer line with indications, once (see :class:`LayerScan`)."""

    __slots__ = (
        "_adverse_effects",
        "_atc_codes",
        "_classes",
        "_frozen",
        "_indications",
        "_mechanisms",
        "_scan",
    )

    def __init__(self, scan: LayerScan | PackagedScan | None = None) -> None:
        self._scan = scan
        self._adverse_effects: set[str] = set()
        self._indications: set[tuple[str, IndicationStatus]] = set()
        self._mechanisms: set[str] = set()
        self._classes: set[str] = set()
        self._atc_codes: set[str] = set()
        self._frozen: dict[str, frozenset[str]] = {}

    def _read(self, field: str) -> None:
        if self._scan is not None:
            self._scan.ensure(field)

    @property
    def adverse_effects(self) -> set[str]:
        """Adverse-effect keys (:func:`~drugcompare.model.effect_key`)."""
        self._read("adverse_effects")
        return self._adverse_effects

    @property
    def indications(self) -> set[tuple[str, IndicationStatus]]:
        """(condition id, status) of every indication."""
        self._read("indications")
        return self._indications

    @property
    def mechanisms(self) -> set[str]:
        """Target keys (:func:`target_key`) of the drug's mechanisms."""
        self._read("mechanisms")
        return self._mechanisms

    @property
    def classes(self) -> set[str]:
        """Class keys (:func:`class_key`) of its mechanisms' pharmacologic classes."""
        self._read("mechanisms")
        return self._classes

    @property
    def atc_codes(self) -> set[str]:
        """Its ATC codes as the layers give them."""
        self._read("atc_codes")
        return self._atc_codes

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

    def raw(self, name: str) -> set[str]:
        """One section's keys as :func:`format_facts` writes them (indications as
        ``condition=status``)."""
        if name == "indications":
            return {f"{cid}={status.value}" for cid, status in self.indications}
        keys: set[str] = getattr(self, name)  # the property of the same name reads the kind
        return keys

    def fill(self, name: str, keys: Iterable[str]) -> None:
        """Add one section's keys as :func:`format_facts` wrote them."""
        if name == "indications":
            for item in keys:
                cid, _, status = item.rpartition("=")
                self._indications.add((cid, IndicationStatus(status)))
        else:
            getattr(self, f"_{name}").update(keys)  # the set behind the property of that name
        self._frozen.clear()

    def add(self, record: Mapping[str, Any]) -> None:
        """Add one layer's raw record of the drug."""
        for effect in record.get("adverse_effects", ()):
            self._adverse_effects.add(effect_key(effect["term"], effect.get("umls_cui")))
        for indication in record.get("indications", ()):
            self._indications.add((indication["condition"], IndicationStatus(indication["status"])))
        for mechanism in record.get("mechanisms", ()):
            target = target_key(mechanism.get("gene"), mechanism.get("target"))
            if target is not None:
                self._mechanisms.add(target)
            if mechanism.get("pharmacologic_class"):
                self._classes.add(class_key(mechanism["pharmacologic_class"]))
        self._atc_codes.update(record.get("atc_codes", ()))
        self._frozen.clear()


class PackagedScan:
    """The facts of the default catalog from ``facts.tsv``, which the build writes from the same
    scan over the same layers: per field, one section of ``drug id<TAB>key<TAB>key...`` lines,
    read when the field is first asked for, instead of parsing every layer record."""

    def __init__(self, load: Callable[[], bytes], facts: Mapping[str, RawFacts]) -> None:
        self._load = load
        self._facts = facts
        self._lock = threading.Lock()
        self._done: set[str] = set()
        self._sections: dict[str, Section] | None = None

    def ensure(self, field: str) -> None:
        if field in self._done:
            return
        with self._lock:
            if field in self._done:
                return
            if self._sections is None:
                self._sections = find_sections(self._load(), FACTS_FILE)
            names = ("mechanisms", "classes") if field == "mechanisms" else (field,)
            for name in names:
                section = self._sections.get(name)
                for line in section.lines() if section is not None else ():
                    drug_id, *keys = line.split("\t")
                    found = self._facts.get(drug_id)
                    if found is not None:
                        found.fill(name, keys)
            self._done.add(field)


def format_facts(facts: Mapping[str, RawFacts]) -> str:
    """``facts.tsv`` for ``facts`` (the build writes it from the scan of the packaged layers)."""
    lines = []
    for name in _SECTIONS:
        lines.append(f"#{name}")
        for drug_id in sorted(facts):
            keys = sorted(facts[drug_id].raw(name))
            if keys:
                bad = [k for k in keys if not k or "\t" in k or "\n" in k]
                if bad:
                    raise ValueError(f"{drug_id}: a {name} key is empty or holds a tab: {bad[0]!r}")
                lines.append("\t".join([drug_id, *keys]))
    return "\n".join(lines) + "\n"


class LayerScan:
    """Reads the layers' raw records for the fields asked for, each record at most once.

    ``ensure(field)`` parses every record that names ``field`` and has not been parsed yet, and
    adds all of its features (of every kind) to the drug's :class:`RawFacts`. A record parsed for
    one field has given all its other fields too, so after ``ensure(field)`` that field is
    complete for every drug, and no record is ever parsed twice. A packaged layer's line is
    checked for the field's name before it is parsed, so layers without the field cost a
    substring search, not a JSON parse."""

    def __init__(self, stores: Sequence[LayerStore], facts: Mapping[str, RawFacts]) -> None:
        self._stores = tuple(stores)
        self._facts = facts
        self._lock = threading.Lock()
        self._done: set[str] = set()
        self._parsed: list[set[str]] = [set() for _ in self._stores]

    def ensure(self, field: str) -> None:
        if field in self._done:
            return
        with self._lock:
            if field in self._done:
                return
            needle = f'"{field}":'.encode()
            facts = self._facts
            for store, parsed in zip(self._stores, self._parsed, strict=True):
                for drug_id, data in _records(store, needle, parsed):
                    parsed.add(drug_id)
                    found = facts.get(drug_id)
                    if found is not None:
                        found.add(data)
            self._done.add(field)


def _records(
    store: LayerStore, needle: bytes, parsed: set[str]
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The store's records not in ``parsed`` that can hold the field ``needle`` names."""
    if not isinstance(store, PackagedStore):
        # A user layer's records are already parsed: all of them are read the first time.
        if not parsed:
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
        if drug_id not in parsed and find(needle, start, end) >= 0:
            yield drug_id, json.loads(blob[start:end])


def collect_facts(
    stores: Sequence[LayerStore], ids: Iterable[str], packaged: bool = False
) -> dict[str, RawFacts]:
    """Per drug id of ``ids``: its features from every layer (records of other ids are
    ignored), each kind read when it is first asked for: from the layers, or (``packaged``:
    exactly the packaged layers, the default catalog) from the build's ``facts.tsv``."""
    collected: dict[str, RawFacts] = {}
    scan: LayerScan | PackagedScan = (
        PackagedScan(lambda: read_packaged(FACTS_FILE), collected)
        if packaged
        else LayerScan(stores, collected)
    )
    for drug_id in ids:
        collected[drug_id] = RawFacts(scan)
    return collected
