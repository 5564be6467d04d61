"""Every packaged layer, built from the raw sources in precedence order with one shared identity
hub, and the steps that span layers (names of drugs only a label names; one id per condition).

Precedence (highest first): curated, labels (current FDA label documents), the regulatory tables
(orange-book, drugsatfda, medi, ncats-approvals, dea), then the older open data (labeledin, sider,
pharmacotherapydb, drugcentral, chembl, ncats-withdrawn, drugbank-vocabulary) and the ontology.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drugcompare._text import normalize

from . import backbone, conditions, curated, ontology, regulatory, status
from .backbone.hub import Hub
from .labels import indications
from .labels import layer as labels_layer
from .labels.adverse_text import Extractor
from .labels.terms import TermIndex
from .regulatory.identity import Identity

__all__ = ["Built", "build_layers"]

Layers = list[tuple[str, dict[str, Any]]]


class Built:
    """The layers in precedence order, the curated layer, and each build's report lines."""

    def __init__(
        self, layers: Layers, curated_layer: dict[str, Any], reports: dict[str, list[str]]
    ):
        self.layers = layers
        self.curated = curated_layer
        self.reports = reports


def _label_resolver(identity: Identity) -> labels_layer.Resolve:
    """Labels join drugs by the regulatory identity rule (names, then UNII and RxCUI); an
    ingredient it does not know becomes a drug of its own, named from the label."""

    def resolve(names: Sequence[str], unii: Sequence[str], rxcui: Sequence[str]) -> str | None:
        found = identity.resolve(names, unii, rxcui)
        if found is None and names:
            found = identity.ingredients(names[0])
        return found

    return resolve


def _applications(layers: Layers) -> dict[str, tuple[str, ...]]:
    """Application ("NDA021303") -> the active ingredients of its products, from the
    regulatory layers (an application whose products disagree is left out)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for _, layer in layers:
        for record in layer["drugs"]:
            for product in record.get("products", []):
                if "application_type" in product and "application_number" in product:
                    key = product["application_type"] + product["application_number"]
                    found.setdefault(key, set()).add(
                        tuple(product["ingredients"] or [record["id"]])
                    )
    return {key: next(iter(v)) for key, v in found.items() if len(v) == 1}


def _join_by_brand(layers: Layers, regulatory: Layers) -> list[str]:
    """A drug another layer made from a source's name alone (a withdrawn product no identifier
    joined: NCATS's "mixed amphetamine salts") is the regulatory drug its brand names, when that
    brand belongs to exactly one regulatory drug and the regulatory layers do not know the made-up
    id: its record moves to that drug. Returns what moved."""
    owners: dict[str, set[str]] = {}
    known: set[str] = set()
    for _, layer in regulatory:
        for record in layer["drugs"]:
            known.add(record["id"])
            for brand in record.get("brand_names", []):
                owners.setdefault(normalize(brand), set()).add(record["id"])
    moved = []
    for name, layer in layers:
        if any(layer is other for _, other in regulatory):
            continue
        ids = {record["id"] for record in layer["drugs"]}
        for record in layer["drugs"]:
            if record["id"] in known or "drugcentral" in record.get("identifiers", {}):
                continue
            targets = {
                owner
                for brand in record.get("brand_names", [])
                for owner in owners.get(normalize(brand), ())
                if len(owners[normalize(brand)]) == 1
            }
            if len(targets) == 1 and (target := next(iter(targets))) not in ids:
                moved.append(f"{name}: {record['id']} -> {target} (brand)")
                record["id"] = target
                ids.add(target)
        layer["drugs"].sort(key=lambda d: d["id"])
    return moved


def _name_unnamed(layers: Layers, hub: Hub) -> int:
    """Give a name to every drug no layer names (a drug only a label knows), from the hub."""
    named = {d["id"] for _, layer in layers for d in layer["drugs"] if d.get("name")}
    count = 0
    for _, layer in layers:
        for record in layer["drugs"]:
            if record["id"] not in named:
                record["name"] = hub.names.get(record["id"], record["id"].replace("-", " "))
                named.add(record["id"])
                count += 1
    return count


def _labels(
    raw: Path, identity: Identity, regulatory_layers: Layers
) -> tuple[dict[str, Any], list[str]]:
    """The label layer: every shipped label joined to its drug, its section 1 read against the
    condition vocabulary and its free text against the MedDRA term index."""
    vocabulary = indications.load_vocabulary(raw)
    terms = TermIndex.load(raw)

    def extract_indications(text: str, products: Sequence[str]) -> list[indications.Finding]:
        return indications.extract(text, vocabulary, products)

    return labels_layer.build(
        raw,
        _label_resolver(identity),
        extract_indications,
        Extractor.trained(raw, terms),
        terms=terms,
        condition_records=lambda ids: vocabulary.records_for(list(ids)),
        by_application=_applications(regulatory_layers),
    )


def build_layers(raw: Path, skip_invalid: bool = False) -> Built:
    curated_layer, errors = curated.build(raw)
    if errors and skip_invalid:
        for error in errors:
            print(f"skipped: {error}", file=sys.stderr)
    elif errors:
        for error in errors:
            print(error, file=sys.stderr)
        raise SystemExit(f"{len(errors)} problem(s) in the curated files; nothing written")
    onto = ontology.load(raw)
    hub = Hub(raw, curated_layer)
    reports: dict[str, list[str]] = {}
    regulatory_layers, reports["regulatory"] = regulatory.build_layers(raw, hub)
    identity = regulatory.identity_for(raw, hub)
    label_layer, reports["labels"] = _labels(raw, identity, regulatory_layers)
    backbone_layers, reports["backbone"] = backbone.build_backbone(raw, onto, curated_layer, hub)
    layers: Layers = [("curated", curated_layer), ("labels", label_layer)]
    layers += regulatory_layers
    layers += [(file.removesuffix(".json"), layer) for file, layer in backbone_layers]
    layers.append(("disease-ontology", ontology.layer(raw, onto)))
    reports["brands"] = _join_by_brand(layers, regulatory_layers)
    reports["names"] = [
        f"drugs named from the hub (no layer named them): {_name_unnamed(layers, hub)}"
    ]
    conditions.unify(layers)
    reports["status"] = status.apply(layers)
    return Built(layers, curated_layer, reports)
