"""The JSON document shape of drugcompare's answers (``"format": "drugcompare"``, version 1).

A document is one answer (a comparison, a drug, the drugs for a condition) as plain JSON:
``{"format": "drugcompare", "version": 1, "kind": ..., "schema": ..., "data": {...}}`` followed by
tables in which every repeated object is written once and referred to by its key from ``data``,
the way the text output numbers its references:

``documents``  ``d1`` ... the documents facts cite (a label, a database release): id, title, URL,
               licence, version, set id, date ...
``sources``    ``s1`` ... one citation: ``{"document": "d1", "section": "p1", "quote": ...}``
``sections``   ``p1`` ... the heading of a cited section (``"6.1 Clinical Trials Experience"``)
``contexts``   ``c1`` ... where a figure was printed: population, table, arm, n, placebo n,
               products and origin
``figures``    ``f1`` ... one frequency figure: ``value`` (or ``lower`` and ``upper``),
               ``placebo`` (or ``placebo_lower`` and ``placebo_upper``), ``label``, ``context``,
               ``sources``
``conditions`` ``k1`` ... a condition with its ids, synonyms and parents

In the facts, a ``sources`` list holds source keys, a ``frequencies`` list figure keys and a
``condition`` a condition key; fields at their default (None, empty) are left out. An object
whose sources begin with the sources its figures cite (an adverse effect) lists only the others,
as ``other_sources``. The shape is
described by the JSON Schema shipped as ``drugcompare/data/document.schema.json`` and in
``docs/json.md``; :func:`pack` and :func:`unpack` are exact inverses on plain data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ._errors import InvalidArgumentError

__all__ = ["FORMAT", "KINDS", "VERSION", "dumps", "pack", "unpack"]

FORMAT = "drugcompare"
VERSION = 1
KINDS = ("comparison", "drug", "drugs_for")
SCHEMA = "drugcompare/data/document.schema.json"

CITATION = ("section", "quote")
CONTEXT = ("population", "table", "arm", "n", "placebo_n", "products", "origin")
TABLES = (
    ("conditions", "k"),
    ("figures", "f"),
    ("contexts", "c"),
    ("sources", "s"),
    ("sections", "p"),
    ("documents", "d"),
)


class _Table:
    """Objects written once, keyed ``<prefix>1``, ``<prefix>2`` ... in first-seen order."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.keys: dict[str, str] = {}
        self.items: dict[str, Any] = {}

    def key(self, item: Any) -> str:
        identity = json.dumps(item, sort_keys=True, ensure_ascii=False)
        found = self.keys.get(identity)
        if found is None:
            found = f"{self.prefix}{len(self.keys) + 1}"
            self.keys[identity] = found
            self.items[found] = dict(item) if isinstance(item, Mapping) else item
        return found


class _Packer:
    def __init__(self) -> None:
        self.tables = {name: _Table(prefix) for name, prefix in TABLES}

    def source(self, source: Mapping[str, Any]) -> str:
        document = {k: v for k, v in source.items() if k not in CITATION}
        citation = {"document": self.tables["documents"].key(document)}
        if "section" in source:
            citation["section"] = self.tables["sections"].key(source["section"])
        if "quote" in source:
            citation["quote"] = source["quote"]
        return self.tables["sources"].key(citation)

    def figure(self, frequency: Mapping[str, Any]) -> str:
        figure: dict[str, Any] = {}
        context = {k: frequency[k] for k in CONTEXT if k in frequency}
        if context:
            figure["context"] = self.tables["contexts"].key(context)
        for low, high, short in (
            ("lower", "upper", "value"),
            ("placebo_lower", "placebo_upper", "placebo"),
        ):
            if low in frequency and frequency.get(high) == frequency[low]:
                figure[short] = frequency[low]
            else:
                figure.update((k, frequency[k]) for k in (low, high) if k in frequency)
        handled = {*CONTEXT, "lower", "upper", "placebo_lower", "placebo_upper", "sources"}
        figure.update((k, v) for k, v in frequency.items() if k not in handled)
        if frequency.get("sources"):
            figure["sources"] = [self.source(s) for s in frequency["sources"]]
        return self.tables["figures"].key(figure)

    def condition(self, condition: Mapping[str, Any]) -> str:
        return self.tables["conditions"].key(condition)

    def walk(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        figures_cite = _figure_sources(value)
        for key, item in value.items():
            if key == "sources" and isinstance(item, list) and figures_cite:
                n = len(figures_cite)
                if item[:n] == figures_cite:
                    if item[n:]:
                        out["other_sources"] = [self.source(s) for s in item[n:]]
                else:
                    out[key] = [self.source(s) for s in item]
            elif key == "sources" and isinstance(item, list):
                out[key] = [self.source(s) for s in item]
            elif key == "frequencies" and isinstance(item, list):
                out[key] = [self.figure(f) for f in item]
            elif key == "condition" and isinstance(item, dict):
                out[key] = self.condition(item)
            else:
                out[key] = self.walk(item)
        return out


def dumps(data: Any, indent: int | None = 2) -> str:
    """``data`` as JSON text: indented by ``indent`` spaces, or (``None``) with no whitespace at
    all, the most compact form."""
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


def pack(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """The document of ``kind`` for ``body`` (plain data with fields at their default left out):
    the envelope, the body with its repeated objects replaced by keys, then the tables."""
    if kind not in KINDS:
        raise InvalidArgumentError(f"unknown document kind {kind!r}")
    packer = _Packer()
    packed = packer.walk(dict(body))
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "schema": SCHEMA,
    }
    document["data"] = packed
    for name, _prefix in TABLES:
        items = packer.tables[name].items
        if items:
            document[name] = items
    return document


def _figure_sources(value: Mapping[str, Any]) -> list[Any]:
    """The sources an object's figures cite, in order, each once (an adverse effect's own
    ``sources`` begin with them; the document then lists only the others)."""
    frequencies = value.get("frequencies")
    if not isinstance(frequencies, list):
        return []
    seen: dict[str, Any] = {}
    for frequency in frequencies:
        for source in frequency.get("sources", ()) if isinstance(frequency, dict) else ():
            seen.setdefault(json.dumps(source, sort_keys=True, ensure_ascii=False), source)
    return list(seen.values())


class _Unpacker:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self.tables: dict[str, Mapping[str, Any]] = {}
        for name, _prefix in TABLES:
            table = document.get(name, {})
            if not isinstance(table, dict):
                raise InvalidArgumentError(f"document table {name!r} must be an object")
            self.tables[name] = table

    def _get(self, table: str, key: object) -> dict[str, Any]:
        item = self.tables[table].get(key) if isinstance(key, str) else None
        if not isinstance(item, dict):
            raise InvalidArgumentError(f"document refers to {key!r}, which {table!r} lacks")
        return dict(item)

    def source(self, key: object) -> dict[str, Any]:
        citation = self._get("sources", key)
        source = self._get("documents", citation.pop("document", None))
        if "section" in citation:
            section = self.tables["sections"].get(citation.pop("section"))
            if not isinstance(section, str):
                raise InvalidArgumentError(f"source {key!r} names a section 'sections' lacks")
            source["section"] = section
        source.update(citation)
        return source

    def figure(self, key: object) -> dict[str, Any]:
        figure = self._get("figures", key)
        frequency: dict[str, Any] = {}
        if "context" in figure:
            frequency.update(self._get("contexts", figure.pop("context")))
        for short, low, high in (
            ("value", "lower", "upper"),
            ("placebo", "placebo_lower", "placebo_upper"),
        ):
            if short in figure:
                frequency[low] = frequency[high] = figure.pop(short)
        if "sources" in figure:
            figure["sources"] = [self.source(s) for s in figure["sources"]]
        frequency.update(figure)
        return frequency

    def walk(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        handlers: dict[str, Callable[[Any], Any]] = {
            "sources": lambda v: [self.source(s) for s in v],
            "frequencies": lambda v: [self.figure(f) for f in v],
        }
        for key, item in value.items():
            if key == "other_sources" and isinstance(item, list):
                continue
            if key in handlers and isinstance(item, list):
                out[key] = handlers[key](item)
            elif key == "condition" and isinstance(item, str):
                out[key] = self._get("conditions", item)
            else:
                out[key] = self.walk(item)
        cited = _figure_sources(out) if "sources" not in value else []
        if cited:
            others = value.get("other_sources")
            extra = [self.source(s) for s in others] if isinstance(others, list) else []
            out["sources"] = cited + extra
        return out


def unpack(document: object, kind: str | None = None) -> tuple[str, dict[str, Any]]:
    """``(kind, body)`` of a document: the inverse of :func:`pack`. Raises
    :class:`InvalidArgumentError` for anything that is not a version-1 drugcompare document (of
    ``kind``, when given)."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidArgumentError('not a drugcompare JSON document (no "format": "drugcompare")')
    version = document.get("version")
    if version != VERSION:
        raise InvalidArgumentError(
            f"drugcompare JSON document version {version!r}; this drugcompare reads version {VERSION}"
        )
    found = document.get("kind")
    if found not in KINDS or (kind is not None and found != kind):
        wanted = kind if kind is not None else " or ".join(KINDS)
        raise InvalidArgumentError(f"document kind {found!r}, expected {wanted}")
    body = document.get("data")
    if not isinstance(body, dict):
        raise InvalidArgumentError('a drugcompare document needs a "data" object')
    return str(found), _Unpacker(document).walk(body)
