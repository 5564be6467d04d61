"""The ingredient -> drug id rule of the regulatory layers, offered to every build module.

One drug is one active ingredient. An FDA ingredient string ("FLUOXETINE HYDROCHLORIDE",
"BUPRENORPHINE HYDROCHLORIDE; NALOXONE HYDROCHLORIDE") maps to drug ids as follows:

1. Each ``;``-separated component is looked up under the candidate names of
   :func:`tools.build.regulatory.names.candidates` (whole name first, then salt forms removed),
   each candidate first among the hub's DrugCentral drug names, then among DrugBank common names,
   then ChEMBL names (which include FDA salt names: "DEXTROAMPHETAMINE SULFATE" is a ChEMBL name
   of dexamfetamine), then other DrugBank synonyms, each only for a DrugBank or ChEMBL id the hub
   joins to exactly one drug. A candidate that names several drugs is skipped.
2. A component still unknown is looked up in MEDI's mapping of that exact FDA string: accepted
   only when MEDI's label names the component itself (its moiety or one of its candidate names)
   and MEDI's UNII is held by exactly one hub drug. MEDI's mappings were partly machine-corrected
   (it maps DEUTETRABENAZINE to tetrabenazine): a label naming another substance is rejected.
3. Otherwise the component becomes a new drug named by
   :func:`tools.build.regulatory.names.moiety_name` (id = slug of that name, made by
   ``Hub.extra_drug`` so the same name always gives the same id), carrying MEDI's identifiers
   only when MEDI's label names it and no hub drug holds its UNII.
4. Several distinct drugs make a combination drug: id = the component ids sorted and joined by
   ``-and-``, name = the component names joined by " and ", kind ``combination``. Salts of one
   moiety listed twice (Adderall's four amphetamine salts) reduce to the distinct moieties.
   "A/B" is two ingredients when both sides are known drugs, else one name; "A, B, C" is a list
   when the whole is no known drug, one part is and no part is a qualifier.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drugcompare._text import normalize

from ..backbone.hub import Hub
from .names import candidates, comma_parts, is_qualifier, moiety_name, split_ingredients

__all__ = ["Hint", "Identity", "NewDrug"]

ID_KINDS = ("unii", "rxcui", "drugbank", "chembl", "umls_cui")


@dataclass(frozen=True)
class Hint:
    """What another source (MEDI) says an FDA ingredient string is: its label and identifiers
    (per kind, the entity's own identifier first)."""

    label: str
    identifiers: Mapping[str, tuple[str, ...]]
    source: str


@dataclass
class NewDrug:
    """A drug the hub does not know, created from an FDA ingredient name."""

    name: str
    identifiers: dict[str, list[str]] = field(default_factory=dict)
    source_names: list[str] = field(default_factory=list)
    biologic: bool = False


def drugbank_uniis(raw: Path) -> dict[str, str]:
    """DrugBank id -> UNII, from the DrugBank open vocabulary."""
    path = raw / "drugbank_open_vocabulary" / "drugbank_vocabulary.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {row["DrugBank ID"]: row["UNII"].strip() for row in csv.DictReader(handle)}


class Identity:
    """Maps FDA ingredient strings (and other sources' names and identifiers) to drug ids."""

    def __init__(self, hub: Hub, hints: Mapping[str, Hint] | None = None) -> None:
        self.hub = hub
        self.hints: Mapping[str, Hint] = hints or {}
        self.primary: dict[str, set[str]] = defaultdict(set)
        # Drugs made outside DrugCentral (Hub.extra_drug) are found again through extra_drug,
        # which returns the same id for the same name: a rebuild on the same hub is identical.
        self._extras: dict[str, str] = {}
        for drug_id, name in hub.names.items():
            if drug_id not in hub.extra_ids:
                self.primary[normalize(name)].add(drug_id)
            else:
                self._extras.setdefault(normalize(name), drug_id)
        # Source names by trust: DrugBank common names, ChEMBL's FDA/INN/USAN names, then the
        # other DrugBank synonyms.
        self.tiers: tuple[dict[str, set[str]], ...] = (
            defaultdict(set),
            defaultdict(set),
            defaultdict(set),
        )
        unii_of = drugbank_uniis(hub.raw)
        for (kind, value), source_names in sorted(hub.source_names.items()):
            dc_id, _why = hub.resolve([(kind, value)], source_names)
            if dc_id is None and kind == "drugbank" and unii_of.get(value):
                dc_id, _why = hub.resolve([("unii", unii_of[value])], source_names)
            if dc_id is None:
                continue
            for rank, name in enumerate(source_names):
                tier = 1 if kind == "chembl" else (0 if rank == 0 else 2)
                self.tiers[tier][normalize(name)].add(hub.drug_id(dc_id))
        self.new: dict[str, NewDrug] = {}
        self.combos: dict[str, tuple[str, ...]] = {}
        self.how: Counter[str] = Counter()  # resolution route -> distinct ingredient strings
        self.examples: dict[str, list[str]] = defaultdict(list)
        self._cache: dict[tuple[str, bool], tuple[str | None, str]] = {}
        self._new_names: dict[str, str] = {}

    # ------------------------------------------------------------------ names and identifiers

    def name(self, drug_id: str) -> str:
        if drug_id in self.new:
            return self.new[drug_id].name
        if drug_id in self.combos:
            return " and ".join(self.name(c) for c in self.combos[drug_id])
        return self.hub.names[drug_id]

    def hub_identifiers(self, drug_id: str) -> dict[str, set[str]]:
        """UNII/RxCUI/... the hub (or the new drug's verified source) lists for a drug."""
        if drug_id in self.new:
            return {k: set(v) for k, v in self.new[drug_id].identifiers.items()}
        dc_id = self.hub.dc_of.get(drug_id)
        if dc_id is not None:
            return {k: set(v) for k, v in self.hub.dc_ids.get(dc_id, {}).items()}
        return {k: set(v) for k, v in self.hub.extra_ids.get(drug_id, {}).items()}

    def _lookup(self, text: str) -> tuple[str | None, str]:
        for rank, key in enumerate(candidates(text)):
            exact = rank == 0
            for table, label in (
                (self.primary, "name"),
                (self.tiers[0], "source synonym"),
                (self.tiers[1], "source synonym"),
                (self.tiers[2], "source synonym"),
            ):
                ids = table.get(key, set())
                if len(ids) == 1:
                    return next(iter(ids)), label if exact else f"{label} without salt words"
        return None, "unmapped"

    def _by_hint(self, text: str) -> tuple[str | None, str]:
        hint = self.hints.get(normalize(text))
        if hint is None or not self._agrees(hint.label, text):
            return None, "unmapped"
        holders: set[str] = set()
        for value in hint.identifiers.get("unii", ())[:1]:
            holders |= {self.hub.drug_id(d) for d in self.hub.by_id["unii"].get(value, set())}
        if len(holders) == 1:
            return next(iter(holders)), f"{hint.source} name agrees, its UNII held by one drug"
        return None, "unmapped"

    @staticmethod
    def _agrees(label: str, text: str) -> bool:
        """MEDI's label names the FDA ingredient itself (its moiety, or one of its candidate
        names), not some other substance its mapping step chose."""
        wanted = set(candidates(text)) | {normalize(moiety_name(text))}
        return normalize(moiety_name(label)) in wanted or normalize(label) in wanted

    def map_strings(self, strings: Iterable[str]) -> dict[str, str | None]:
        """Drug ids of many FDA ingredient strings: those without a comma list first, so that a
        comma list ("ELEXACAFTOR, IVACAFTOR, TEZACAFTOR") finds the drugs the others made."""
        ordered = sorted(set(strings), key=lambda s: ("," in s, s))
        return {text: self.ingredients(text) for text in ordered}

    def known(self, text: str) -> tuple[str | None, str]:
        """The existing drug one ingredient name (no ``;``) maps to, and how; no drug is made."""
        return self._resolve(text, create=False)

    def _resolve(self, text: str, create: bool) -> tuple[str | None, str]:
        cache_key = (normalize(text), create)
        if cache_key in self._cache:
            return self._cache[cache_key]
        drug_id, how = self._lookup(text)
        if drug_id is None:
            drug_id, how = self._by_hint(text)
        if drug_id is None:
            drug_id = self._new_by_name(moiety_name(text)) or self._extra(text, create)
            how = "new drug" if drug_id else how
        if drug_id is None and create:
            drug_id, how = self._create(text), "new drug"
        if (
            drug_id is not None
            and drug_id in self.new
            and text not in self.new[drug_id].source_names
        ):
            self.new[drug_id].source_names.append(text)
        self._cache[cache_key] = (drug_id, how)
        if create:
            self.how[how] += 1
            if len(self.examples[how]) < 8:
                self.examples[how].append(f"{text} -> {drug_id}")
        return drug_id, how

    def _extra(self, text: str, create: bool) -> str | None:
        """A drug made outside DrugCentral earlier on this hub (by the backbone, or by a previous
        regulatory build), found by the component's candidate names or its moiety name."""
        keys = [*candidates(text), normalize(moiety_name(text))]
        found = {self._extras[k] for k in keys if k in self._extras}
        if len(found) != 1:
            return None
        drug_id = next(iter(found))
        if create and drug_id not in self.new:
            identifiers = {k: list(v) for k, v in self.hub.extra_ids.get(drug_id, {}).items()}
            self.new[drug_id] = NewDrug(self.hub.names[drug_id], identifiers, [])
            self._new_names.setdefault(normalize(self.hub.names[drug_id]), drug_id)
        return drug_id

    def _new_by_name(self, name: str) -> str | None:
        return self._new_names.get(normalize(name))

    def _create(self, text: str) -> str:
        identifiers: dict[str, list[str]] = {}
        hint = self.hints.get(normalize(text))
        agrees = hint is not None and self._agrees(hint.label, text)
        name = moiety_name(text, hint.label if hint is not None and agrees else None)
        if hint is not None and agrees:
            unii = hint.identifiers.get("unii", ())[:1]
            if not any(self.hub.by_id["unii"].get(u) for u in unii):
                for kind in ID_KINDS:
                    values = hint.identifiers.get(kind, ())[:1]
                    if values:
                        identifiers[kind] = list(values)
        known = self._new_by_name(name)
        if known is not None:
            return known
        drug_id = self.hub.extra_drug(name, identifiers)
        self.new[drug_id] = NewDrug(name=name, identifiers=identifiers, source_names=[text])
        self._new_names.setdefault(normalize(name), drug_id)
        self.primary[normalize(name)].add(drug_id)
        return drug_id

    # ------------------------------------------------------------------ public API

    def ingredient(self, text: str, create: bool = True) -> str | None:
        """The drug of one ingredient name (a new drug is made when ``create``)."""
        return self._resolve(text, create)[0]

    def ingredients(self, text_or_names: str | Sequence[str], create: bool = True) -> str | None:
        """The drug of an FDA ingredient string or list: the single drug, or the combination
        drug of the distinct moieties; None when a component cannot be mapped."""
        parts = (
            split_ingredients(text_or_names)
            if isinstance(text_or_names, str)
            else [p for t in text_or_names for p in split_ingredients(t)]
        )
        return self._single_or_combination(
            drug_id for part in parts for drug_id in self._part(part, create)
        )

    def _part(self, part: str, create: bool) -> list[str | None]:
        """ "A/B" names the forms of one ingredient ("AMPICILLIN/AMPICILLIN TRIHYDRATE") or two
        ingredients ("AMPHETAMINE ASPARTATE/DEXTROAMPHETAMINE SULFATE"): each side is used when
        every side names a known drug, else the whole text is one name. "A, B, C" is a list of
        ingredients when the whole is no known drug, one part is, and no part is a qualifier
        ("GRISEOFULVIN, MICROSIZE", "POTASSIUM PHOSPHATE, DIBASIC", "UREA, C-14" are one)."""
        if "," in part and self.known(part)[0] is None:
            parts = comma_parts(part)
            if not any(is_qualifier(p) for p in parts) and any(self.known(p)[0] for p in parts):
                return [self.ingredient(p, create) for p in parts]
        if "/" in part:
            sides = [self.known(side)[0] for side in part.split("/") if side.strip()]
            if sides and all(side is not None for side in sides):
                for side in part.split("/"):
                    if side.strip():
                        self._resolve(side, create)  # counted like any other name
                return list(sides)
        return [self.ingredient(part, create)]

    def components(self, drug_id: str) -> tuple[str, ...]:
        """The ingredient drug ids of a drug (itself for a single-ingredient drug)."""
        return self.combos.get(drug_id, (drug_id,))

    def combination(self, ids: Iterable[str]) -> str:
        parts = tuple(sorted(set(ids)))
        combo_id = "-and-".join(parts)
        self.combos[combo_id] = parts
        return combo_id

    def resolve(
        self, names: Sequence[str], unii: Sequence[str] = (), rxcui: Sequence[str] = ()
    ) -> str | None:
        """The existing drug of ONE active ingredient known by ``names`` (tried first, salt forms
        removed) or else by a UNII or RxCUI held by exactly one drug; None when unknown."""
        for name in names:
            drug_id, _how = self.known(name)
            if drug_id is not None:
                return drug_id
        for kind, values in (("unii", unii), ("rxcui", rxcui)):
            holders = {self.hub.drug_id(d) for v in values for d in self.hub.by_id[kind].get(v, ())}
            holders |= {
                drug_id
                for drug_id, ids in self.hub.extra_ids.items()
                if set(ids.get(kind, ())) & set(values)
            }
            if len(holders) == 1:
                return next(iter(holders))
        return None

    def resolve_all(self, ingredients: Sequence[Sequence[str]]) -> str | None:
        """The drug of a product whose active ingredients are each given by names: the single
        drug or the combination drug; None when one ingredient is unknown."""
        return self._single_or_combination(self.resolve(names) for names in ingredients)

    def _single_or_combination(self, found: Iterable[str | None]) -> str | None:
        """The one drug, or the combination drug, of the distinct ids ``found`` gives (read
        lazily: it stops at the first unknown ingredient, None, as it does with no id at all)."""
        ids: list[str] = []
        for drug_id in found:
            if drug_id is None:
                return None
            if drug_id not in ids:
                ids.append(drug_id)
        if not ids:
            return None
        return ids[0] if len(ids) == 1 else self.combination(ids)
