"""Catalogs to load: the default one (every packaged layer, built once on first use) and any
other (:func:`load_catalog`), plus the descriptions of the packaged layers and their schema."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from .. import _display
from .._catalog.load import load_data
from .._data import files
from .._data.format import LayerInfo
from .._once import Lazy
from .catalog import Catalog

__all__ = [
    "Layer",
    "LayerInfo",
    "Layers",
    "default_catalog",
    "layer_schema",
    "load_catalog",
    "sources",
]

Layer = LayerInfo
"""Description of one data layer: id, name, version, url, license, attribution."""


class Layers(tuple[LayerInfo, ...]):
    """What :func:`sources` returns: the data layers, highest precedence first, as a tuple that
    shows as a table (``str()``, ``to_table()``, HTML in Jupyter)."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(layer.id for layer in self[:5])
        more = f", ... +{len(self) - 5} more" if len(self) > 5 else ""
        return f"Layers({len(self)}: [{shown}{more}])"

    def to_table(self, tablefmt: str = "simple") -> str:
        """One row per layer: id, name, the date its data is current as of, version, licence."""
        text: str = _display.call("layers_text", self, tablefmt=tablefmt)
        return text

    def __str__(self) -> str:
        return self.to_table()

    def _repr_html_(self) -> str:
        text: str = _display.call("layers_html", self)
        return text


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


def sources() -> Layers:
    """Every packaged data layer with its name, version, URL, licence and attribution,
    highest precedence first (reads only the small manifest)."""
    return Layers(files.layer_infos())


def layer_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the layer format that :func:`load_catalog` reads from
    ``extra`` files (see docs/data-format.md); the same file ships as
    ``drugcompare/data/layer.schema.json``."""
    return files.read_schema()
