"""The regulatory layers built from the real raw data (skipped when ../shared/data/raw is absent):
the spot checks of the brief, DEA coverage and layer sizes."""

from __future__ import annotations

from typing import Any

import pytest
from tools.build.common import REPO, jsonl

RAW = REPO.parent / "shared" / "data" / "raw"
pytestmark = pytest.mark.skipif(not RAW.is_dir(), reason="raw data not available")

Built = tuple[dict[str, dict[str, dict[str, Any]]], dict[str, int], list[str]]


@pytest.fixture(scope="module")
def built() -> Built:
    from tools.build.backbone.hub import Hub
    from tools.build.regulatory import build_layers

    # Without the curated layer (it only renames a few hub drugs): keeps this file under 10 s.
    layers, report = build_layers(RAW, Hub(RAW, {"drugs": []}))
    by_id = {name: {d["id"]: d for d in layer["drugs"]} for name, layer in layers}
    sizes = {name: len(jsonl(layer)) for name, layer in layers}
    return by_id, sizes, report


def _owners(built: Built, brand: str) -> set[str]:
    return {
        drug_id
        for name in ("orange-book", "drugsatfda")
        for drug_id, drug in built[0][name].items()
        if brand in drug.get("brand_names", [])
    }


@pytest.mark.parametrize(
    ("brand", "drug_id"),
    [
        ("Ozempic", "semaglutide"),
        ("Wegovy", "semaglutide"),
        ("Mounjaro", "tirzepatide"),
        ("Zepbound", "tirzepatide"),
        ("Leqembi", "lecanemab"),
        ("Humira", "adalimumab"),
        ("Keytruda", "pembrolizumab"),
        ("Prozac", "fluoxetine"),
        ("Lipitor", "atorvastatin"),
        ("Tylenol", "paracetamol"),
        ("Advil", "ibuprofen"),
        ("Eliquis", "apixaban"),
        ("Suboxone", "buprenorphine-and-naloxone"),
        ("Qsymia", "phentermine-and-topiramate"),
        ("Paxlovid", "nirmatrelvir-and-ritonavir"),
        ("Horizant", "gabapentin-enacarbil"),
        ("Lyrica", "pregabalin"),
        ("Neurontin", "gabapentin"),
        ("Xcopri", "cenobamate"),
        ("Quviviq", "daridorexant"),
        ("Zurzuvae", "zuranolone"),
    ],
)
def test_brand_spot_checks(built: Built, brand: str, drug_id: str) -> None:
    assert _owners(built, brand) == {drug_id}


@pytest.mark.parametrize(
    ("drug_id", "schedule"),
    [
        ("pregabalin", "V"),
        ("gabapentin", "not_controlled"),
        ("cenobamate", "V"),
        ("daridorexant", "IV"),
        ("zuranolone", "IV"),
        ("lacosamide", "V"),
        ("ketamine", "III"),
        ("methylphenidate", "II"),
        ("phenobarbital", "IV"),
        ("baclofen", "not_controlled"),
        ("tizanidine", "not_controlled"),
        ("cyclobenzaprine", "not_controlled"),
        ("topiramate", "not_controlled"),
    ],
)
def test_dea_spot_checks(built: Built, drug_id: str, schedule: str) -> None:
    assert built[0]["dea"][drug_id]["dea"]["schedule"] == schedule


def test_dea_known_for_95_percent_of_approved_drugs(built: Built) -> None:
    approved = {
        drug_id
        for layer in built[0].values()
        for drug_id, drug in layer.items()
        if drug.get("approval", {}).get("fda_approved")
    }
    known = {d for d in approved if built[0]["dea"].get(d, {}).get("dea", {}).get("schedule")}
    assert len(known) >= 0.95 * len(approved)


def test_every_product_row_joins_a_drug(built: Built) -> None:
    for line in built[2]:
        if line.startswith(("orange-book: read", "drugsatfda: read")):
            assert "not joined" not in line


def test_layer_sizes(built: Built) -> None:
    assert sum(built[1].values()) < 20_000_000
