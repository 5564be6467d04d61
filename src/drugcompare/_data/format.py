"""The layer file format: its version, its file names, and the records of a layer's header
(the layer's description, its documents and its conditions).

A layer is one JSON document (a user's dataset) or a JSON Lines file (a packaged layer, see
:mod:`drugcompare._data.store`)::

    {"format": 1,
     "layer": {"id": "curated", "name": ..., "version": ..., "url": ..., "license": ...,
               "attribution": ..., "document": "<default document key, optional>"},
     "documents": {"<key>": {"title": ..., "url": ..., "version": ..., ...}},
     "conditions": [{"id": "DOID:631", "name": "fibromyalgia", ...}],
     "drugs": [{"id": "gabapentin", "name": "gabapentin", ...}]}

Facts cite documents by key (``{"doc": "neurontin-label", "section": "...", "quote": "..."}``), so
a document is written once however many facts it supports. A fact without ``cite`` cites the
layer's default document. The build (``tools/build``) imports these definitions; nothing here is
written twice.
"""

from __future__ import annotations

import attrs

from .paths import INDEX_FILE, MANIFEST_FILE, SCHEMA_FILE

__all__ = [
    "FORMAT_VERSION",
    "INDEX_FILE",
    "MANIFEST_FILE",
    "SCHEMA_FILE",
    "Citation",
    "ConditionRecord",
    "DocumentRecord",
    "LayerInfo",
]

FORMAT_VERSION = 1
"""The version of the layer format this library reads and the build writes."""


@attrs.frozen(kw_only=True)
class Citation:
    doc: str
    section: str | None = None
    quote: str | None = None


@attrs.frozen(kw_only=True)
class DocumentRecord:
    title: str
    url: str | None = None
    publisher: str | None = None
    version: str | None = None
    kind: str | None = None
    license: str | None = None
    set_id: str | None = None
    date: str | None = None
    file: str | None = None
    application: str | None = None


@attrs.frozen(kw_only=True)
class LayerInfo:
    id: str
    name: str
    version: str
    license: str
    url: str | None = None
    attribution: str | None = None
    description: str | None = None
    document: str | None = None
    """Key of the document cited by facts that carry no ``cite`` of their own."""
    date: str | None = None
    """The date the layer's data is current as of (``YYYY-MM-DD``), where it is known."""

    def __repr__(self) -> str:
        return f"<LayerInfo {self.id}: {self.name} ({self.version}; {self.license})>"


@attrs.frozen(kw_only=True)
class ConditionRecord:
    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
