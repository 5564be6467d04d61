"""The identity hub shared by every backbone layer.

DrugCentral's ``DRUG_ID`` is the hub: each DrugCentral drug becomes one drug id (the lowercase INN
slug of ``DRUG_NAME``, or the curated id when a curated drug maps to it), and every other source is
joined to it through an identifier DrugCentral lists (PubChem CID, RxCUI, UNII, DrugBank, ChEMBL),
falling back to the exact normalised name. DrugCentral assigns some identifiers to several drugs
(for example DrugBank ``DB01183`` to both naloxone and naloxegol); such a join is resolved only when
the source's own name for the record picks exactly one of them.

Drugs that no DrugCentral record matches are created only to carry a market withdrawal (ChEMBL,
NCATS), named from the source (:meth:`Hub.extra_drug`).
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from drugcompare._text import normalize

from ..common import FORMAT_VERSION, read_tsv
from .names import FORM_WORDS, SALT_WORDS, SourceInfo, chembl_synonyms, clean_name, slugify
from .tables import ConditionTable, LayerDrugs, layer_dict, stitch_cid

# The names other modules import from here (the hub is the backbone's one entry point).
__all__ = [
    "FORMAT_VERSION",
    "FORM_WORDS",
    "SALT_WORDS",
    "ConditionTable",
    "Hub",
    "LayerDrugs",
    "SourceInfo",
    "chembl_synonyms",
    "clean_name",
    "layer_dict",
    "normalize",
    "slugify",
    "stitch_cid",
]

ID_KINDS = {
    "RXNORM": "rxcui",
    "UNII": "unii",
    "DRUGBANK_ID": "drugbank",
    "ChEMBL_ID": "chembl",
    "PUBCHEM_CID": "pubchem_cid",
    "MESH_DESCRIPTOR_UI": "mesh",
    "MESH_SUPPLEMENTAL_RECORD_UI": "mesh",
    "UMLSCUI": "umls_cui",
}
IDENTIFIER_ORDER = (
    "rxcui",
    "unii",
    "drugbank",
    "chembl",
    "pubchem_cid",
    "drugcentral",
    "mesh",
    "umls_cui",
)


# Counter-ions stripped (last word only) when an exact name finds no drug: "bromfenac sodium" is the
# active ingredient bromfenac. Esters and other covalent forms (acetate, acetonide ...) are not.
class Hub:
    """DrugCentral drugs, the drug ids of the backbone, identifier joins and name matching."""

    def __init__(self, raw: Path, curated_layer: dict[str, Any]) -> None:
        self.raw = raw
        self.report: list[str] = []
        folder = raw / "drugcentral_2016"
        self.dc_names: dict[str, str] = {}
        self.dc_ids: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for drug_id, name, id_type, value in read_tsv(
            folder / "identifiers.tsv.gz", strip_quotes=True
        ):
            self.dc_names.setdefault(drug_id, clean_name(name))
            kind = ID_KINDS.get(id_type)
            value = value.strip()
            if kind and value and value not in self.dc_ids[drug_id][kind]:
                self.dc_ids[drug_id][kind].append(value)
        for file in ("drug_indication.tsv", "drug_target.tsv"):
            for row in read_tsv(folder / file):
                name_col = 2 if file == "drug_target.tsv" else 1
                self.dc_names.setdefault(row[0], clean_name(row[name_col]))
        for row in read_tsv(folder / "pharm_class.tsv.gz"):
            self.dc_names.setdefault(row[0], clean_name(row[1]))
        # identifier kind -> value -> DrugCentral drugs that list it
        self.by_id: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for drug_id, kinds in self.dc_ids.items():
            for kind, values in kinds.items():
                for value in values:
                    self.by_id[kind][value].add(drug_id)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for drug_id, name in self.dc_names.items():
            self.by_name[normalize(name)].add(drug_id)
        # Names other sources give to an identifier, to settle identifiers DrugCentral shares.
        self.source_names: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._drugbank_by_name: dict[str, set[str]] | None = None
        self._by_stem: dict[str, set[str]] | None = None
        self._load_source_names()

        self.ids: dict[str, str] = {}  # DrugCentral DRUG_ID -> drug id
        self.names: dict[str, str] = {}  # drug id -> display name
        self.extra_ids: dict[str, dict[str, list[str]]] = {}  # drug id -> identifiers (extras)
        self._curated_only: dict[
            str, str
        ] = {}  # normalised name -> curated id (not in DrugCentral)
        self.curated_taken: dict[str, str] = {}  # normalised curated name/brand/synonym -> id
        self._assign_ids(curated_layer)
        self._extra_by_name: dict[str, str] = {}

    # ------------------------------------------------------------------ loading

    def _load_source_names(self) -> None:
        vocab = self.raw / "drugbank_open_vocabulary" / "drugbank_vocabulary.csv.gz"
        with gzip.open(vocab, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names = [row["Common name"], *row["Synonyms"].split(" | ")]
                self.source_names[("drugbank", row["DrugBank ID"])] = [
                    clean_name(n) for n in names if n.strip()
                ]
        chembl = self.raw / "chembl_drugs_2017" / "chembl_drugs.tsv.gz"
        with gzip.open(chembl, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                self.source_names[("chembl", row["CHEMBL_ID"])] = chembl_synonyms(row["SYNONYMS"])

    def _assign_ids(self, curated_layer: dict[str, Any]) -> None:
        curated_for: dict[str, str] = {}
        claimed: dict[str, list[str]] = defaultdict(list)
        for record in curated_layer.get("drugs", []):
            cid = record["id"]
            names = [record.get("name") or cid, *record.get("synonyms", [])]
            for name in [*names, *record.get("brand_names", [])]:
                self.curated_taken.setdefault(normalize(name), cid)
            self.curated_taken.setdefault(normalize(cid), cid)
            match, why = self._match_curated(record, names)
            if match is None:
                self.report.append(f"curated drug {cid!r} maps to no DrugCentral drug ({why})")
                self._curated_only[normalize(record.get("name") or cid)] = cid
                continue
            claimed[match].append(cid)
        for dc_id, cids in sorted(claimed.items()):
            if len(cids) > 1:
                named = [c for c in cids if slugify(self.dc_names[dc_id]) == c]
                keep = named[0] if len(named) == 1 else None
                self.report.append(
                    f"curated drugs {cids} all map to DrugCentral {dc_id} "
                    f"({self.dc_names[dc_id]!r}); "
                    + (f"kept {keep!r}" if keep else "none kept (resolve by hand)")
                )
                if keep is None:
                    continue
                cids = [keep]
            curated_for[dc_id] = cids[0]
        used: set[str] = set(curated_for.values())
        for dc_id in sorted(self.dc_names, key=int):
            if dc_id in curated_for:
                continue
            slug = slugify(self.dc_names[dc_id])
            if not slug or slug in used or slug in self.curated_taken.values():
                fallback = f"{slug or 'drugcentral'}-dc{dc_id}"
                self.report.append(
                    f"DrugCentral {dc_id} {self.dc_names[dc_id]!r}: slug {slug!r} taken, id {fallback!r}"
                )
                slug = fallback
            used.add(slug)
            self.ids[dc_id] = slug
        self.ids.update(curated_for)
        for dc_id, drug_id in self.ids.items():
            self.names[drug_id] = self.dc_names[dc_id]
        self.dc_of = {drug_id: dc_id for dc_id, drug_id in self.ids.items()}

    def _match_curated(
        self, record: dict[str, Any], names: Sequence[str]
    ) -> tuple[str | None, str]:
        identifiers: dict[str, Any] = record.get("identifiers", {})
        scores: Counter[str] = Counter()
        for kind in ("unii", "rxcui", "drugbank", "chembl"):
            for value in identifiers.get(kind, []):
                for dc_id in self.by_id[kind].get(value, ()):
                    scores[dc_id] += 1
        by_name = {d for n in names for d in self.by_name.get(normalize(n), ())}
        if scores:
            top = max(scores.values())
            best = sorted(d for d, s in scores.items() if s == top)
            if len(best) > 1:
                best = [d for d in best if d in by_name] or best
            if len(best) == 1:
                if by_name and best[0] not in by_name:
                    self.report.append(
                        f"curated {record['id']!r}: identifiers point to DrugCentral {best[0]} "
                        f"({self.dc_names[best[0]]!r}), its name to {sorted(by_name)}; "
                        "identifiers used"
                    )
                return best[0], ""
            return None, f"identifiers match several: {[self.dc_names[d] for d in best]}"
        if len(by_name) == 1:
            return next(iter(by_name)), ""
        if by_name:
            return None, f"name matches several: {sorted(by_name)}"
        return None, "no shared UNII/RxCUI/DrugBank/ChEMBL id or name"

    # ------------------------------------------------------------------ joins

    def resolve(
        self, identifiers: Iterable[tuple[str, str]], names: Iterable[str] = ()
    ) -> tuple[str | None, str]:
        """The DrugCentral drug that ``identifiers`` (kind, value) point to, or (None, why).

        Several candidates are narrowed to those whose name equals one of ``names`` (the source's
        own names for the record); no identifier match falls back to an exact name match."""
        wanted = {normalize(n) for n in names if n and n.strip()}
        candidates: set[str] = set()
        for kind, value in identifiers:
            candidates |= self.by_id[kind].get(value, set())
        if len(candidates) == 1:
            return next(iter(candidates)), "identifier"
        if candidates:
            named = {d for d in candidates if normalize(self.dc_names[d]) in wanted}
            if len(named) == 1:
                return next(iter(named)), "identifier+name"
            return None, "ambiguous"
        by_name = {d for n in wanted for d in self.by_name.get(n, ())}
        if len(by_name) == 1:
            return next(iter(by_name)), "name"
        return None, "ambiguous" if by_name else "unmapped"

    def resolve_salt(self, names: Iterable[str]) -> str | None:
        """A DrugCentral drug whose name is one of ``names`` without a trailing counter-ion."""
        found: set[str] = set()
        for name in names:
            words = normalize(name).split()
            if len(words) > 1 and words[-1] in SALT_WORDS:
                found |= self.by_name.get(" ".join(words[:-1]), set())
        return next(iter(found)) if len(found) == 1 else None

    def resolve_variant(self, names: Iterable[str]) -> tuple[str | None, str]:
        """Last-resort name joins for an ingredient named by its active moiety, each accepted only
        when it finds exactly one DrugCentral drug: "valproate" -> "valproic acid"; a DrugBank
        entry of that name whose DrugBank id DrugCentral lists ("levalbuterol" -> levosalbutamol);
        the only DrugCentral name that is the name plus one salt or ester word, when no drug has
        the bare name ("candesartan" -> "candesartan cilexetil")."""
        keys = [normalize(n) for n in names if n and n.strip()]
        keys += [
            k.rsplit(" ", 1)[0] for k in keys if " " in k and k.rsplit(" ", 1)[1] in SALT_WORDS
        ]
        for key in keys:
            if key.endswith("ate"):
                found = self.by_name.get(key[:-3] + "ic acid", set())
                if len(found) == 1:
                    return next(iter(found)), "-ate as -ic acid"
        if self._drugbank_by_name is None:
            self._drugbank_by_name = defaultdict(set)
            for (kind, value), source_names in self.source_names.items():
                if kind == "drugbank":
                    for name in source_names:
                        self._drugbank_by_name[normalize(name)].add(value)
        for key in keys:
            entries = self._drugbank_by_name.get(key, set())
            if len(entries) == 1:
                entry = next(iter(entries))
                dc_id, _why = self.resolve(
                    [("drugbank", entry)], self.source_names[("drugbank", entry)]
                )
                if dc_id is not None:
                    return dc_id, "DrugBank name"
        if self._by_stem is None:
            self._by_stem = defaultdict(set)
            for dc_id, name in self.dc_names.items():
                words = normalize(name).split()
                if len(words) > 1 and words[-1] in FORM_WORDS:
                    self._by_stem[" ".join(words[:-1])].add(dc_id)
        for key in keys:
            found = self._by_stem.get(key, set())
            if key not in self.by_name and len(found) == 1:
                return next(iter(found)), "name + salt/ester word"
        return None, "unmapped"

    def drug_id(self, dc_id: str) -> str:
        return self.ids[dc_id]

    def identifiers(self, dc_id: str) -> dict[str, list[str]]:
        """DrugCentral's identifiers of one drug, without values DrugCentral gives to several drugs
        unless the identifier's own source names this drug (see :meth:`shared_identifiers`)."""
        out: dict[str, list[str]] = {}
        for kind, values in self.dc_ids.get(dc_id, {}).items():
            kept = [v for v in values if self._owns(kind, v, dc_id)]
            if kept:
                out[kind] = sorted(set(out.get(kind, [])) | set(kept))
        out["drugcentral"] = [dc_id]
        return {k: out[k] for k in IDENTIFIER_ORDER if k in out}

    def _owns(self, kind: str, value: str, dc_id: str) -> bool:
        holders = self.by_id[kind].get(value, set())
        if len(holders) <= 1:
            return True
        wanted = {normalize(n) for n in self.source_names.get((kind, value), [])}
        named = {d for d in holders if normalize(self.dc_names[d]) in wanted}
        return named == {dc_id}

    def shared_identifier_counts(self) -> tuple[int, int]:
        """(values DrugCentral gives to several drugs, of which settled by the source's name)."""
        shared = settled = 0
        for kind, values in self.by_id.items():
            for value, holders in values.items():
                if len(holders) > 1:
                    shared += 1
                    if any(self._owns(kind, value, d) for d in holders):
                        settled += 1
        return shared, settled

    # ------------------------------------------------------------------ drugs outside DrugCentral

    def extra_drug(self, name: str, identifiers: dict[str, list[str]] | None = None) -> str:
        """The id of a drug no DrugCentral record matches, created from the source's name (the
        same normalised name always gives the same drug; a curated drug of that name is reused)."""
        key = normalize(name)
        curated = self._curated_only.get(key)
        if curated is not None:
            drug_id = curated
        elif key in self._extra_by_name:
            drug_id = self._extra_by_name[key]
        else:
            base = slugify(name) or "unnamed"
            drug_id = base
            counter = 1
            while drug_id in self.names or drug_id in self.curated_taken.values():
                counter += 1
                drug_id = f"{base}-{counter}"
            self._extra_by_name[key] = drug_id
            self.names[drug_id] = name
        self.names.setdefault(drug_id, name)
        merged = self.extra_ids.setdefault(drug_id, {})
        for kind, values in (identifiers or {}).items():
            merged[kind] = sorted(set(merged.get(kind, [])) | set(values))
        return drug_id

    def extra_by_unii(self) -> dict[str, str]:
        return {
            unii: drug_id
            for drug_id, kinds in sorted(self.extra_ids.items())
            for unii in kinds.get("unii", [])
        }

    def name_owner(self) -> dict[str, str]:
        """Normalised name -> drug id, for every drug name the backbone and the curated layer use."""
        owners: dict[str, str] = dict(self.curated_taken)
        for drug_id, name in sorted(self.names.items()):
            owners.setdefault(normalize(name), drug_id)
        return owners
