"""A tiny hand-made dataset in the packaged format, so unit tests of merging, the index, lookups
and comparisons run in milliseconds without the packaged data."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from tools.build.common import jsonl

from drugcompare._api.catalog import Catalog
from drugcompare._catalog.conditions import LayerConditions, merge_parents
from drugcompare._catalog.core import CatalogData
from drugcompare._catalog.names import merge_name_entries
from drugcompare._data.index import PackagedIndex, format_index
from drugcompare._data.store import PackagedStore

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_layers.json"


class InMemory:
    """A packaged layer file held in memory, opened as importlib.resources opens one."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.data)


def layer_files() -> list[tuple[str, bytes]]:
    layers: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["layers"]
    return [(f"{layer['layer']['id']}.jsonl", jsonl(layer)) for layer in layers]


def stores() -> list[PackagedStore]:
    return [PackagedStore(InMemory(data), name) for name, data in layer_files()]


def index_text(layers: list[PackagedStore]) -> str:
    """``index.tsv`` of the layers, made as the build makes it."""
    views, names, keys = merge_name_entries(layers)
    placed = {
        drug_id: [(i, named, layers[i].place(drug_id)) for i, named, _ in found]
        for drug_id, found in views.items()
    }
    return format_index(
        placed, names, keys, merge_parents(layers), dict(LayerConditions(layers).items())
    )


@pytest.fixture
def merged() -> CatalogData:
    """The tiny catalog with its name index merged at load."""
    return CatalogData(stores())


@pytest.fixture
def indexed() -> CatalogData:
    """The tiny catalog read through its packaged index (as the default catalog is)."""
    layers = stores()
    return CatalogData(layers, PackagedIndex.parse(index_text(layers).encode()))


@pytest.fixture
def tiny() -> Catalog:
    return Catalog(CatalogData(stores()))
