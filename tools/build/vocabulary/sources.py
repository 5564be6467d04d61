"""The condition vocabulary straight from the raw files, without building the drug layers.

``load_vocabulary(raw)`` reads the condition columns of every source the way the backbone
layers do (the same ``ConditionTable`` mapping: UMLS CUI and MeSH heading -> DOID where the
ontology maps them), plus the curated files' conditions, runs ``conditions.unify`` over them and
returns the ``Vocabulary``. Its ids are the ones the full build gives the same concepts, so a
layer built from it (the label layer) joins the others.
"""

from __future__ import annotations

import csv
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from .. import ontology
from ..backbone.hub import ConditionTable, clean_name
from ..common import CURATED, read_tsv
from .index import Vocabulary
from .pool import Layers
from .tables import Tables
from .tables import load as load_tables

__all__ = ["condition_layers", "load_vocabulary"]


def load_vocabulary(raw: Path, tables: Tables | None = None) -> Vocabulary:
    """The unified vocabulary of the raw sources (see the module docstring)."""
    from ..conditions import unify_report

    tables = tables if tables is not None else load_tables()
    layers = condition_layers(raw, tables)
    unify_report(layers, tables)
    return Vocabulary.from_layers(layers, tables)


def condition_layers(raw: Path, tables: Tables) -> Layers:
    """One condition-only layer per source, in the build's precedence order."""
    onto = ontology.load(raw, tables)
    layers: Layers = [("curated", {"conditions": _curated(), "drugs": []})]
    for name, read in (
        ("labeledin", _labeledin),
        ("sider", _sider),
        ("pharmacotherapydb", _pharmacotherapydb),
        ("drugcentral", _drugcentral),
        ("chembl", _chembl),
    ):
        table = ConditionTable(onto)
        read(raw, table)
        layers.append((name, {"conditions": table.as_list(), "drugs": []}))
    layers.append(("disease-ontology", ontology.layer(raw, onto)))
    return layers


def _curated() -> list[dict[str, Any]]:
    """The ``DC:`` conditions the curated files define (DOIDs come from the ontology, UMLS
    concepts from the other sources);
    a file that does not parse is skipped (the curated build reports it)."""
    found: dict[str, dict[str, Any]] = {}
    for file in sorted((CURATED / "drugs").glob("*.toml")):
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        for entry in data.get("indications", []):
            cid, name = entry.get("condition"), entry.get("condition_name")
            if not isinstance(cid, str) or not cid.startswith("DC:") or not isinstance(name, str):
                continue
            record = found.setdefault(cid, {"id": cid, "name": name, "parents": []})
            parent = entry.get("parent")
            if isinstance(parent, str) and parent not in record["parents"]:
                record["parents"].append(parent)
    return [found[k] for k in sorted(found)]


def _labeledin(raw: Path, table: ConditionTable) -> None:
    from ..backbone import cui_names

    names = cui_names(raw)
    path = raw / "labeledin" / "labeledin_indications_dhimmel.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if ";" in row["rxnorm_id"]:
                continue  # combination products are left out of the layer too
            cui = row["disease_cui"].strip()
            table.umls(cui, clean_name(row["disease_mesh_name"]) or names.get(cui))


def _sider(raw: Path, table: ConditionTable) -> None:
    path = raw / "sider4_dhimmel" / "meddra_all_indications.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 3 and cells[2] == "NLP_indication":
                table.umls(cells[1], clean_name(cells[3]))


def _pharmacotherapydb(raw: Path, table: ConditionTable) -> None:
    path = raw / "pharmacotherapydb" / "catalog_indications.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["category"].strip() != "NOT":
                table.doid(row["doid_id"].strip(), clean_name(row["disease"]))


def _drugcentral(raw: Path, table: ConditionTable) -> None:
    rows = list(read_tsv(raw / "drugcentral_2016" / "drug_indication.tsv"))
    names_by_cui: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row[3].strip():
            names_by_cui[row[3].strip()][clean_name(row[2])] += 1
    for _dc_id, _name, text, cui, _snomed, _doid in rows:
        text, cui = clean_name(text), cui.strip()
        if cui:
            best = sorted(names_by_cui[cui].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            table.umls(cui, best)
            table.umls(cui, text)
        else:
            table.named("DRUGCENTRAL", text)


def _chembl(raw: Path, table: ConditionTable) -> None:
    path = raw / "chembl_drugs_2017" / "chembl_indications.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if (row["MAX_PHASE_FOR_IND"] or "0") in ("1", "2", "3", "4"):
                table.mesh(row["MESH_ID"].strip(), clean_name(row["MESH_HEADING"]))
