"""Catalogs to load: the default one (every packaged layer, built once on first use) and any
other (:func:`load_catalog`), plus the descriptions of the packaged layers and their schema."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from .._catalog.load import load_data
from .._data import files
from .._data.format import LayerInfo
from .._once import Lazy
from .catalog import Catalog

__all__ = ["Layer", "LayerInfo", "default_catalog", "layer_schema", "load_catalog", "sources"]

Layer = LayerInfo
"""Description of one data layer: id, name, version, url, license, attribution."""


def load_catalog(
    exclude_sources: Iterable[str] = (),
    extra: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    *,
    verify: bool = False,
) -> Catalog:
    """Build a catalog from the packaged layers minus ``exclude_sources`` (layer ids, see
    :func:`sources`), plus the user datasets in ``extra`` (paths to layer JSON files, see
    docs/data-format.md), which take precedence over every packaged layer. ``verify`` checks each
    packaged file's checksum."""
    return Catalog(load_data(exclude_sources, extra, verify=verify))


_default: Lazy[Catalog] = Lazy(load_catalog)


def default_catalog() -> Catalog:
    """The catalog of every packaged layer, loaded on first use (once, thread-safely)."""
    return _default.get()


def sources() -> tuple[Layer, ...]:
    """Every packaged data layer with its name, version, URL, licence and attribution,
    highest precedence first (reads only the small manifest)."""
    return files.layer_infos()


def layer_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the layer format that :func:`load_catalog` reads from
    ``extra`` files (see docs/data-format.md); the same file ships as
    ``drugcompare/data/layer.schema.json``."""
    return files.read_schema()
