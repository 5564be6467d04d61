"""Layer stores: where a catalog gets each layer's facts about a drug, on demand.

A packaged layer is a JSON Lines file: the first line is a header (layer description, documents,
conditions and a small name index), then one drug record per line in the order of the index. The
catalog reads the header at load and parses a drug's line only when that drug is first used, so
loading costs a file read and the name index, not the whole dataset.

A user layer (``load_catalog(extra=...)``) is one JSON document (see docs/data-format.md); it is
validated completely when it is loaded, so any error surfaces at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ._errors import DatasetError
from ._models import Condition, Drug, Identifiers
from ._records import (
    FORMAT_VERSION,
    Builder,
    ConditionRecord,
    DocumentRecord,
    DrugRecord,
    LayerFile,
    LayerInfo,
    build_conditions,
)

__all__ = ["LayerStore", "NameEntry", "PackagedStore", "RecordStore", "parse_layer"]


@attrs.frozen
class NameEntry:
    """What a layer calls a drug: enough to index names without reading the drug's facts."""

    name: str | None
    brand_names: tuple[str, ...]
    synonyms: tuple[str, ...]
    identifiers: Identifiers


class LayerStore:
    """One layer: its description, conditions, name index, and each drug's facts on demand."""

    info: LayerInfo
    file: str
    conditions: dict[str, Condition]
    names: dict[str, NameEntry]

    def drug(self, drug_id: str) -> Drug | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def raw(self, drug_id: str) -> dict[str, Any] | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def raw_records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for drug_id in self.names:
            data = self.raw(drug_id)
            if data is not None:
                yield drug_id, data


class PackagedStore(LayerStore):
    """A packaged JSON Lines layer; drug lines are parsed on first use."""

    def __init__(self, data: bytes, file: str) -> None:
        from ._convert import structure

        self.file = file
        self._data = data
        end = data.find(b"\n")
        if end < 0:
            raise DatasetError("a packaged layer needs a header line", file=file)
        try:
            header = json.loads(data[:end])
        except json.JSONDecodeError as exc:
            raise DatasetError(f"header is not valid JSON: {exc}", file=file) from None
        if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
            raise DatasetError(f"unsupported layer format in {file}", file=file, field="format")
        self.info = structure(header.get("layer"), LayerInfo, file=file, record="layer")
        documents = structure(
            header.get("documents", {}), dict[str, DocumentRecord], file=file, record="documents"
        )
        conditions = structure(
            header.get("conditions", []),
            tuple[ConditionRecord, ...],
            file=file,
            record="conditions",
        )
        self.conditions = build_conditions(conditions, file)
        self.names = {}
        for position, entry in enumerate(header.get("names", [])):
            drug_id, name, brands, synonyms, identifiers = entry
            self.names[drug_id] = NameEntry(
                name=name,
                brand_names=tuple(brands),
                synonyms=tuple(synonyms),
                identifiers=structure(
                    identifiers, Identifiers, file=file, record=drug_id or f"names[{position}]"
                ),
            )
        # Offsets of every drug line, in the order of the name index.
        self._offsets: dict[str, tuple[int, int]] = {}
        start = end + 1
        for drug_id in self.names:
            stop = data.find(b"\n", start)
            if stop < 0:
                stop = len(data)
            self._offsets[drug_id] = (start, stop)
            start = stop + 1
        if len(self._offsets) != len(self.names) or start < len(data):
            raise DatasetError("the number of drug lines does not match the name index", file=file)
        self._builder = Builder(self.info, documents, file, self.conditions.get)

    def raw(self, drug_id: str) -> dict[str, Any] | None:
        span = self._offsets.get(drug_id)
        if span is None:
            return None
        data: dict[str, Any] = json.loads(self._data[span[0] : span[1]])
        return data

    def drug(self, drug_id: str) -> Drug | None:
        from ._convert import structure

        data = self.raw(drug_id)
        if data is None:
            return None
        record = structure(data, DrugRecord, file=self.file, record=drug_id)
        return self._builder.drug(record, 0)


class RecordStore(LayerStore):
    """A layer whose records are all structured and built when it is loaded (user datasets)."""

    def __init__(
        self,
        layer: LayerFile,
        file: str,
        resolve_condition: Callable[[str], Condition | None],
    ) -> None:
        self.file = file
        self.info = layer.layer
        self.conditions = build_conditions(layer.conditions, file)
        builder = Builder(
            layer.layer,
            layer.documents,
            file,
            lambda cid: self.conditions.get(cid) or resolve_condition(cid),
        )
        self._drugs: dict[str, Drug] = {}
        self._raw: dict[str, dict[str, Any]] = {}
        self.names = {}
        from ._convert import unstructure

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
            self.names[record.id] = NameEntry(
                name=record.name,
                brand_names=record.brand_names,
                synonyms=record.synonyms,
                identifiers=record.identifiers,
            )

    def drug(self, drug_id: str) -> Drug | None:
        return self._drugs.get(drug_id)

    def raw(self, drug_id: str) -> dict[str, Any] | None:
        return self._raw.get(drug_id)


def parse_layer(data: Any, file: str) -> LayerFile:
    """Structure a whole single-document layer (user datasets), drug by drug, so that an error
    names the record it is in."""
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
