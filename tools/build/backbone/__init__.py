"""The open-data backbone layers: DrugCentral, ChEMBL, SIDER, PharmacotherapyDB, LabeledIn, the NCATS
withdrawn-drugs list and the DrugBank open vocabulary, one layer per source (docs/merge-rules.md).

Entry point: :func:`build_layers` (layers only) or :func:`build_backbone` (layers and the mapping
report: what could not be joined, what was left out and why).
"""

from __future__ import annotations

import gzip
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..common import read_tsv
from ..ontology import Ontology
from . import chembl, drugbank, drugcentral, labeledin, ncats, pharmacotherapydb, sider
from .hub import Hub, clean_name

__all__ = ["LAYER_IDS", "build_backbone", "build_layers"]

LAYER_IDS = (
    "labeledin",
    "sider",
    "pharmacotherapydb",
    "drugcentral",
    "chembl",
    "ncats-withdrawn",
    "drugbank-vocabulary",
)


def build_layers(
    raw: Path, onto: Ontology, curated_layer: dict[str, Any], hub: Hub | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """``(file name, layer dict)`` of every backbone layer, highest precedence first."""
    layers, _report = build_backbone(raw, onto, curated_layer, hub)
    return layers


def build_backbone(
    raw: Path, onto: Ontology, curated_layer: dict[str, Any], hub: Hub | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """The backbone layers (precedence order) and the report lines of the joins. ``hub`` is the
    identity hub shared with the other builds (a new one from DrugCentral if not given)."""
    hub = hub if hub is not None else Hub(raw, curated_layer)
    names = cui_names(raw)
    # ChEMBL and NCATS first: they create the drugs that exist only to carry a withdrawal, which
    # the DrugBank vocabulary may then name.
    built = {
        "drugcentral": drugcentral.build(raw, onto, hub),
        "chembl": chembl.build(raw, onto, hub),
        "ncats-withdrawn": ncats.build(raw, hub),
        "sider": sider.build(raw, onto, hub),
        "pharmacotherapydb": pharmacotherapydb.build(raw, onto, hub),
        "labeledin": labeledin.build(raw, onto, hub, names),
    }
    built["drugbank-vocabulary"] = drugbank.build(raw, hub)
    return [(f"{layer_id}.json", built[layer_id]) for layer_id in LAYER_IDS], hub.report


def cui_names(raw: Path) -> dict[str, str]:
    """A name for each UMLS CUI the raw sources name (for rows that give a CUI without a name):
    DrugCentral's FDB wording, else SIDER's label concept name, else SIDER's MedDRA term."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for row in read_tsv(raw / "drugcentral_2016" / "drug_indication.tsv"):
        if row[3].strip():
            found[row[3].strip()][clean_name(row[2])] += 1
    names = {
        cui: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for cui, c in found.items()
    }
    sider = raw / "sider4_dhimmel"
    with gzip.open(sider / "meddra_all_indications.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            names.setdefault(cells[1], clean_name(cells[3]))
    for cui, name in read_tsv(sider / "side-effect-terms.tsv"):
        names.setdefault(cui, clean_name(name))
    return names
