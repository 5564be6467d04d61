"""The record builders every backbone source module uses: the layer's condition table (UMLS,
MeSH and DOID conditions mapped through the ontology), its drug records, and the layer dict."""

from __future__ import annotations

import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drugcompare._text import normalize, slugify

from ..common import FORMAT_VERSION, read_tsv
from ..ontology import Ontology

if TYPE_CHECKING:
    from .hub import Hub

__all__ = [
    "ConditionTable",
    "LayerDrugs",
    "casing",
    "layer_dict",
    "raw_condition_names",
    "shown_case",
    "stitch_cid",
]

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[A-D]?$")


def raw_condition_names(raw: Path) -> list[str]:
    """The condition names the raw sources write in mixed case (DrugCentral's indication
    concepts, SIDER's indication and MedDRA terms), where capitals mark acronyms and proper
    names; the Disease Ontology's names are added by ``ontology.load``."""
    names = [row[2] for row in read_tsv(raw / "drugcentral_2016" / "drug_indication.tsv")]
    sider = raw / "sider4_dhimmel"
    with gzip.open(sider / "meddra_all_indications.tsv.gz", "rt", encoding="utf-8") as handle:
        names += [line.rstrip("\n").split("\t")[3] for line in handle]
    names += [row[1] for row in read_tsv(sider / "side-effect-terms.tsv")]
    return [n for n in names if not n.isupper()]


def casing(ontology_names: Iterable[str], other_names: Iterable[str] = ()) -> dict[str, str]:
    """Lower-case word -> its usual spelling when that is not lower case: an acronym (two
    capitals or more, ``HIV``, ``AIDS``, from any name) or a proper name (one capital,
    ``Niemann-Pick``, ``Parkinson``, only from the Disease Ontology, which writes every other
    word in lower case; the other sources write Title Case). The spelling kept is the most
    frequent, so a word also written in lower case as often stays lower case."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for names, proper in ((ontology_names, True), (other_names, False)):
        for name in names:
            if name.isupper() or ":" in name:
                continue
            for token in _TOKEN.findall(name):
                for part in token.split("-"):
                    capitals = sum(c.isupper() for c in part)
                    if sum(c.isalpha() for c in part) < 2:
                        continue
                    if capitals >= 2 or (proper and capitals == 1) or capitals == 0:
                        seen[part.lower()][part] += 1
    out = {}
    for word, forms in seen.items():
        form, count = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if form != word and count > forms.get(word, 0):
            out[word] = form
    return out


def shown_case(name: str, known: Mapping[str, str]) -> str:
    """Rule 4a of docs/merge-rules.md: a condition name a source writes wholly in capitals
    (ChEMBL's MeSH headings, ``ABORTION, SPONTANEOUS``) is shown in lower case as the Disease
    Ontology writes its names, each word spelt as ``known`` (from :func:`casing`) has it and
    roman numerals and single letters kept (``HIV``, ``Niemann-Pick disease, type C``,
    ``B-cell``); a name in mixed case, or an identifier (``UMLS:C0553662``), is kept as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or ":" in name:
        return name

    def part(word: str) -> str:
        if _ROMAN.match(word) or len(word) == 1:
            return word
        return known.get(word.lower(), word.lower())

    return _TOKEN.sub(lambda m: "-".join(part(p) for p in m.group(0).split("-")), name)


class ConditionTable:
    """The conditions one layer references, keyed the way rule 4 of docs/merge-rules.md says."""

    def __init__(self, onto: Ontology) -> None:
        self.onto = onto
        self.records: dict[str, dict[str, Any]] = {}
        mesh: dict[str, set[str]] = defaultdict(set)
        for doid, xrefs in onto.xrefs.items():
            for xref in xrefs:
                if xref.startswith("MESH:"):
                    mesh[xref[5:]].add(doid)
        self.mesh_to_doid = {m: next(iter(d)) for m, d in mesh.items() if len(d) == 1}

    def _doid(self, doid: str, source_name: str | None) -> str:
        record = self.records.get(doid)
        if record is None:
            base = self.onto.condition(doid)
            record = {
                "id": doid,
                "name": base["name"],
                "parents": list(base["parents"]),
                "xrefs": list(base["xrefs"]),
                "synonyms": [],
            }
            self.records[doid] = record
        self._synonym(record, source_name)
        return doid

    def _other(self, cid: str, name: str, xref: str | None) -> str:
        record = self.records.get(cid)
        if record is None:
            record = {
                "id": cid,
                "name": shown_case(name, self.onto.casing),
                "parents": [],
                "xrefs": [xref] if xref else [],
                "synonyms": [],
            }
            self.records[cid] = record
        self._synonym(record, name)
        return cid

    @staticmethod
    def _synonym(record: dict[str, Any], name: str | None) -> None:
        if not name or not name.strip():
            return
        name = " ".join(name.split())
        if normalize(name) == normalize(record["name"]):
            return
        if all(normalize(s) != normalize(name) for s in record["synonyms"]):
            record["synonyms"].append(name)

    def umls(self, cui: str, name: str | None) -> str:
        """A UMLS concept: its DOID when the ontology maps it (one DO term), else ``UMLS:<cui>``."""
        doid = self.onto.umls_to_doid.get(cui)
        if doid is not None and doid in self.onto.names:
            return self._doid(doid, name)
        return self._other(f"UMLS:{cui}", name or f"UMLS:{cui}", f"UMLS:{cui}")

    def mesh(self, descriptor: str, name: str) -> str:
        doid = self.mesh_to_doid.get(descriptor)
        if doid is not None and doid in self.onto.names:
            return self._doid(doid, name)
        return self._other(f"MESH:{descriptor}", name, f"MESH:{descriptor}")

    def doid(self, doid: str, name: str) -> str:
        if doid in self.onto.names:
            return self._doid(doid, name)
        return self._other(doid, name, None)

    def named(self, prefix: str, name: str) -> str:
        """A condition a source names but does not code: ``<prefix>:<slug of name>``."""
        return self._other(f"{prefix}:{slugify(name) or 'unnamed'}", name, None)

    def as_list(self) -> list[dict[str, Any]]:
        out = []
        for cid in sorted(self.records):
            record = dict(self.records[cid])
            record["synonyms"] = sorted(record["synonyms"], key=lambda s: (normalize(s), s))
            record["parents"] = sorted(record["parents"])
            record["xrefs"] = sorted(record["xrefs"])
            out.append({k: v for k, v in record.items() if v or k in ("id", "name")})
        return out


class LayerDrugs:
    """The drug records of one layer, created on first use with the drug's name."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.records: dict[str, dict[str, Any]] = {}

    def get(self, drug_id: str) -> dict[str, Any]:
        record = self.records.get(drug_id)
        if record is None:
            record = {"id": drug_id, "name": self.hub.names[drug_id]}
            self.records[drug_id] = record
        return record

    def add_identifier(self, drug_id: str, kind: str, value: str) -> None:
        identifiers = self.get(drug_id).setdefault("identifiers", {})
        values = identifiers.setdefault(kind, [])
        if value not in values:
            values.append(value)
            values.sort()

    def sort_market_withdrawals(self) -> None:
        """Put each drug's market withdrawals in a stable order (year, country, reason, source)."""
        for record in self.records.values():
            record.get("market_withdrawals", []).sort(
                key=lambda w: (
                    w.get("year") or 0,
                    w.get("country", ""),
                    w.get("reason", ""),
                    str(w["cite"]),
                )
            )

    def as_list(self) -> list[dict[str, Any]]:
        return [self.records[k] for k in sorted(self.records)]


def layer_dict(
    info: dict[str, Any],
    documents: dict[str, dict[str, Any]],
    conditions: ConditionTable | None,
    drugs: LayerDrugs,
) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "layer": info,
        "documents": documents,
        "conditions": conditions.as_list() if conditions is not None else [],
        "drugs": drugs.as_list(),
    }


def stitch_cid(stitch: str) -> str:
    """PubChem CID of a STITCH id: ``CID1xxxxxxxx`` (flat) and ``CID0xxxxxxxx`` (stereo)."""
    number = int(stitch[3:])
    if stitch.startswith("CID1"):
        number -= 100_000_000
    return str(number)
