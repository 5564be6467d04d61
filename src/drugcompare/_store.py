"""Layer stores: where a catalog gets each layer's facts about a drug, on demand.

A packaged layer is a JSON Lines file. Its first line is a header: the layer's description, its
documents and conditions, and one entry per drug ``[id, name, offset, length, keys]`` where
``keys`` are the drug's normalised name keys ``[key, kind, original text]`` computed at build
time. Then comes one drug record per line. Loading reads the header only; a drug's line is read
(seek + read) and built when the drug is first used, so neither the file nor the records stay in
memory.

A user layer (``load_catalog(extra=...)``) is one JSON document (see docs/data-format.md); it is
validated completely, with cattrs, when it is loaded, so any error surfaces at once.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import attrs

from ._errors import DatasetError
from ._models import Condition, Drug
from ._records import (
    FORMAT_VERSION,
    Builder,
    DrugRecord,
    LayerFile,
    LayerInfo,
    condition_from_dict,
    document_from_dict,
    layer_info_from_dict,
    record_from_dict,
)
from ._text import name_keys

__all__ = ["LayerStore", "PackagedStore", "RecordStore", "parse_layer"]

Key = tuple[str, int, str]
"""A name key: normalised text, kind (NAME, BRAND, SYNONYM, IDENTIFIER), original text."""


class Readable(Protocol):
    """What importlib.resources gives for a packaged file (a Path, or a zip entry)."""

    def open(self, mode: str = ...) -> Any: ...


class LayerStore:
    """One layer: its description, raw conditions, name entries and each drug on demand."""

    info: LayerInfo
    file: str
    condition_records: list[Mapping[str, Any]]
    entries: dict[str, tuple[str | None, list[Key]]]
    """Per drug id: the name this layer gives it (None if it only adds facts) and its keys."""

    def drug(self, drug_id: str) -> Drug | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def raw(self, drug_id: str) -> Mapping[str, Any] | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def raw_records(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        for drug_id in self.entries:
            data = self.raw(drug_id)
            if data is not None:
                yield drug_id, data


class PackagedStore(LayerStore):
    """A packaged JSON Lines layer, read in pieces as they are needed.

    Line 1 holds the layer, its documents and conditions; line 2 the place of each drug's line
    (``[id, name, offset, length]``, offsets counted from the start of line 4); line 3 each drug's
    normalised name keys (only needed when a catalog is not the default one, whose merged index is
    packaged separately); then one drug record per line.
    """

    def __init__(self, source: Readable, file: str, info: LayerInfo | None = None) -> None:
        self.file = file
        self._source = source
        self._lock = threading.Lock()
        self._head: tuple[Mapping[str, Any], dict[str, tuple[int, int]], int] | None = None
        self._names: dict[str, str | None] | None = None
        self._entries: dict[str, tuple[str | None, list[Key]]] | None = None
        self._conditions: dict[str, Condition] = {}
        self._condition_data: dict[str, Mapping[str, Any]] | None = None
        self._builder: Builder | None = None
        self.info = info if info is not None else layer_info_from_dict(self._header()["layer"])

    def _read_head(self) -> tuple[Mapping[str, Any], dict[str, tuple[int, int]], int]:
        if self._head is None:
            with self._lock:
                if self._head is None:
                    with self._source.open("rb") as handle:
                        first = handle.readline()
                        second = handle.readline()
                        third = handle.readline()
                    try:
                        header = json.loads(first)
                        places = json.loads(second)
                    except json.JSONDecodeError as exc:
                        raise DatasetError(
                            f"header is not valid JSON: {exc}", file=self.file
                        ) from None
                    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
                        raise DatasetError(
                            f"unsupported layer format in {self.file}",
                            file=self.file,
                            field="format",
                        )
                    spans = {drug_id: (offset, length) for drug_id, _n, offset, length in places}
                    self._names = {drug_id: name for drug_id, name, _o, _l in places}
                    self._head = (header, spans, len(first) + len(second) + len(third))
        return self._head

    def _header(self) -> Mapping[str, Any]:
        return self._read_head()[0]

    @property
    def names(self) -> dict[str, str | None]:
        """Per drug id, the name this layer gives it (None if it only adds facts)."""
        self._read_head()
        assert self._names is not None
        return self._names

    @property
    def condition_records(self) -> list[Mapping[str, Any]]:  # type: ignore[override]
        records: list[Mapping[str, Any]] = self._header().get("conditions", [])
        return records

    @property
    def entries(self) -> dict[str, tuple[str | None, list[Key]]]:  # type: ignore[override]
        if self._entries is None:
            names = self.names
            with self._source.open("rb") as handle:
                handle.readline()
                handle.readline()
                keys = json.loads(handle.readline())
            self._entries = {
                drug_id: (names[drug_id], [(k, kind, text) for k, kind, text in drug_keys])
                for drug_id, drug_keys in keys
            }
        return self._entries

    def condition(self, condition_id: str) -> Condition | None:
        condition = self._conditions.get(condition_id)
        if condition is None:
            if self._condition_data is None:
                self._condition_data = {c["id"]: c for c in self.condition_records}
            data = self._condition_data.get(condition_id)
            if data is None:
                return None
            condition = self._conditions.setdefault(condition_id, condition_from_dict(data))
        return condition

    def raw(self, drug_id: str) -> Mapping[str, Any] | None:
        _header, spans, base = self._read_head()
        span = spans.get(drug_id)
        if span is None:
            return None
        with self._source.open("rb") as handle:
            handle.seek(base + span[0])
            data: Mapping[str, Any] = json.loads(handle.read(span[1]))
        return data

    def raw_records(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        _header, spans, base = self._read_head()
        with self._source.open("rb") as handle:
            blob = handle.read()
        for drug_id, (offset, length) in spans.items():
            start = base + offset
            yield drug_id, json.loads(blob[start : start + length])

    def drug(self, drug_id: str) -> Drug | None:
        data = self.raw(drug_id)
        if data is None:
            return None
        if self._builder is None:
            header = self._header()
            documents = {
                key: document_from_dict(doc) for key, doc in header.get("documents", {}).items()
            }
            self._builder = Builder(self.info, documents, self.file, self.condition)
        return self._builder.drug(record_from_dict(data), 0)


class RecordStore(LayerStore):
    """A layer whose records are all structured and built when it is loaded (user datasets)."""

    def __init__(
        self,
        layer: LayerFile,
        file: str,
        resolve_condition: Callable[[str], Condition | None],
    ) -> None:
        from ._convert import unstructure
        from ._records import build_conditions

        self.file = file
        self.info = layer.layer
        conditions = build_conditions(layer.conditions, file)
        self.condition_records = [unstructure(c) for c in layer.conditions]
        builder = Builder(
            layer.layer,
            layer.documents,
            file,
            lambda cid: conditions.get(cid) or resolve_condition(cid),
        )
        self._drugs: dict[str, Drug] = {}
        self._raw: dict[str, Mapping[str, Any]] = {}
        self.entries = {}
        for position, record in enumerate(layer.drugs):
            if record.id in self._drugs:
                raise DatasetError(
                    f"drug {record.id!r} appears twice in this layer",
                    file=file,
                    record=record.id,
                    field="id",
                )
            self._drugs[record.id] = builder.drug(record, position)
            self._raw[record.id] = unstructure(record)
            self.entries[record.id] = (
                record.name,
                name_keys(
                    record.id,
                    record.name,
                    record.brand_names,
                    record.synonyms,
                    record.identifiers.items(),
                ),
            )

    def drug(self, drug_id: str) -> Drug | None:
        return self._drugs.get(drug_id)

    def raw(self, drug_id: str) -> Mapping[str, Any] | None:
        return self._raw.get(drug_id)


def parse_layer(data: Any, file: str) -> LayerFile:
    """Structure a whole single-document layer (user datasets) with cattrs, drug by drug, so that
    an error names the record it is in."""
    from ._convert import structure

    if not isinstance(data, dict):
        raise DatasetError("a layer must be a JSON object", file=file)
    if data.get("format") != FORMAT_VERSION:
        raise DatasetError(
            f"unsupported format {data.get('format')!r}; this version reads format {FORMAT_VERSION}",
            file=file,
            field="format",
        )
    drugs = data.get("drugs", [])
    if not isinstance(drugs, list):
        raise DatasetError("'drugs' must be a list", file=file, field="drugs")
    head = {key: value for key, value in data.items() if key != "drugs"}
    layer = structure(head, LayerFile, file=file, record=None)
    records = []
    for position, item in enumerate(drugs):
        name = item.get("id") if isinstance(item, dict) else None
        records.append(
            structure(
                item,
                DrugRecord,
                file=file,
                record=name if isinstance(name, str) else f"drugs[{position}]",
            )
        )
    return attrs.evolve(layer, drugs=tuple(records))
