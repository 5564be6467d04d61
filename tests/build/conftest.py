"""Fixtures of the build tests: excerpts of the raw sources about a few drugs (gabapentin,
pregabalin, baclofen, valproic acid, naloxone, naloxegol, rofecoxib) under fixtures/raw, in the
raw folders' own formats, so each source module runs on a small, known input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tools.build import backbone, ontology

RAW = Path(__file__).parent / "fixtures" / "raw"
EMPTY_CURATED: dict[str, Any] = {"drugs": [], "conditions": [], "documents": {}}


@pytest.fixture(scope="session")
def raw() -> Path:
    return RAW


@pytest.fixture(scope="session")
def onto() -> ontology.Ontology:
    return ontology.load(RAW)


@pytest.fixture(scope="session")
def layers(onto: ontology.Ontology) -> dict[str, dict[str, Any]]:
    """The backbone layers built from the excerpts, by file name."""
    built, _report = backbone.build_backbone(RAW, onto, EMPTY_CURATED)
    return {name.removesuffix(".json"): layer for name, layer in built}


@pytest.fixture(scope="session")
def report(onto: ontology.Ontology) -> list[str]:
    return backbone.build_backbone(RAW, onto, EMPTY_CURATED)[1]


def drug(layer: dict[str, Any], drug_id: str) -> dict[str, Any]:
    """One drug record of a built layer."""
    return next(d for d in layer["drugs"] if d["id"] == drug_id)
