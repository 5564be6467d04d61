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
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from .. import _convert
from .._errors import DatasetError
from .._once import once
from .._text import name_keys
from ..model import Condition, Drug
from . import reader
from .builder import Builder, build_conditions
from .format import FORMAT_VERSION, LayerInfo

if TYPE_CHECKING:
    from .records import LayerFile

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

    def drug(
        self, drug_id: str, span: tuple[int, int] | None = None
    ) -> Drug | None:  # pragma: no cover - overridden
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

    Four header lines, each parsed only when needed: (1) the layer and its documents, (2) its
    conditions, (3) the place of each drug's line, ``[id, name, offset, length]`` with offsets
    counted from the end of the header, (4) each drug's normalised name keys. Then one drug record
    per line. The default catalog gets names, places and conditions from the packaged merged
    index, so it reads only line 1 of a layer, and one drug line per drug it builds.
    """

    HEADER_LINES = 4

    def __init__(self, source: Readable, file: str, info: LayerInfo | None = None) -> None:
        self.file = file
        self._source = source
        self._lock = threading.Lock()
        self._parsed: dict[int, Any] = {}
        self._entries: dict[str, tuple[str | None, list[Key]]] | None = None
        self._conditions: dict[str, Condition] = {}
        self._condition_data: dict[str, Mapping[str, Any]] | None = None
        self._builder: Builder | None = None
        self.resolve_condition: Callable[[str], Condition | None] = self.condition
        """How this layer's condition ids become conditions; a catalog points it at its own
        merged conditions, so every layer's indications share the catalog's objects."""
        self.info = info if info is not None else reader.layer_info(self._line(0)["layer"])

    @once
    def _head(self) -> list[bytes]:
        with self._source.open("rb") as handle:
            return [handle.readline() for _ in range(self.HEADER_LINES)]

    def _line(self, number: int) -> Any:
        found = self._parsed.get(number)
        if found is None:
            try:
                found = json.loads(self._head[number])
            except json.JSONDecodeError as exc:
                raise DatasetError(
                    f"header line {number + 1} is not valid JSON: {exc}", file=self.file
                ) from None
            if number == 0 and (
                not isinstance(found, dict) or found.get("format") != FORMAT_VERSION
            ):
                raise DatasetError(
                    f"unsupported layer format in {self.file}", file=self.file, field="format"
                )
            found = self._parsed.setdefault(number, found)
        return found

    @property
    def _base(self) -> int:
        return sum(len(line) for line in self._head)

    def _places(self) -> dict[str, tuple[str | None, int, int]]:
        places = self._parsed.get(-1)
        if places is None:
            places = {
                drug_id: (name, offset, length) for drug_id, name, offset, length in self._line(2)
            }
            places = self._parsed.setdefault(-1, places)
        return places  # type: ignore[no-any-return]

    def place(self, drug_id: str) -> tuple[int, int]:
        """Where the drug's line is: (offset from the end of the header, length)."""
        _name, offset, length = self._places()[drug_id]
        return offset, length

    @property
    def condition_records(self) -> list[Mapping[str, Any]]:  # type: ignore[override]
        records: list[Mapping[str, Any]] = self._line(1)
        return records

    @property
    def entries(self) -> dict[str, tuple[str | None, list[Key]]]:  # type: ignore[override]
        if self._entries is None:
            places = self._places()
            self._entries = {
                drug_id: (places[drug_id][0], [(k, kind, text) for k, kind, text in drug_keys])
                for drug_id, drug_keys in self._line(3)
            }
        return self._entries

    def condition(self, condition_id: str) -> Condition | None:
        """This layer's own record of a condition (a catalog merges them across layers)."""
        condition = self._conditions.get(condition_id)
        if condition is None:
            if self._condition_data is None:
                self._condition_data = {c["id"]: c for c in self.condition_records}
            data = self._condition_data.get(condition_id)
            if data is None:
                return None
            condition = self._conditions.setdefault(condition_id, reader.condition(data))
        return condition

    def raw(self, drug_id: str, span: tuple[int, int] | None = None) -> Mapping[str, Any] | None:
        if span is None:
            place = self._places().get(drug_id)
            if place is None:
                return None
            span = (place[1], place[2])
        with self._source.open("rb") as handle:
            handle.seek(self._base + span[0])
            data: Mapping[str, Any] = json.loads(handle.read(span[1]))
        return data

    def raw_records(self) -> Iterator[tuple[str, Mapping[str, Any]]]:
        base = self._base
        with self._source.open("rb") as handle:
            blob = handle.read()
        for drug_id, (_name, offset, length) in self._places().items():
            start = base + offset
            yield drug_id, json.loads(blob[start : start + length])

    def drug(self, drug_id: str, span: tuple[int, int] | None = None) -> Drug | None:
        data = self.raw(drug_id, span)
        return None if data is None else self.build(data)

    def build(self, data: Mapping[str, Any]) -> Drug:
        """This layer's view of a drug from its parsed record line."""
        if self._builder is None:
            documents = self._line(0).get("documents", {})
            self._builder = Builder(
                self.info, documents, self.file, lambda cid: self.resolve_condition(cid)
            )
        return self._builder.drug(data, 0)


class RecordStore(LayerStore):
    """A layer whose records are all structured and built when it is loaded (user datasets)."""

    def __init__(
        self,
        layer: LayerFile,
        file: str,
        resolve_condition: Callable[[str], Condition | None],
    ) -> None:
        unstructure = _convert.unstructure
        self.file = file
        self.info = layer.layer
        conditions = build_conditions(layer.conditions, file)
        self.condition_records = [unstructure(c) for c in layer.conditions]
        builder = Builder(
            layer.layer,
            {key: unstructure(doc) for key, doc in layer.documents.items()},
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
            raw = unstructure(record)
            self._drugs[record.id] = builder.drug(raw, position)
            self._raw[record.id] = raw
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

    def drug(self, drug_id: str, span: tuple[int, int] | None = None) -> Drug | None:
        return self._drugs.get(drug_id)

    def raw(self, drug_id: str) -> Mapping[str, Any] | None:
        return self._raw.get(drug_id)


def parse_layer(data: Any, file: str) -> LayerFile:
    """Structure a whole single-document layer (user datasets) with cattrs, drug by drug, so that
    an error names the record it is in."""
    from .records import DrugRecord, LayerFile

    structure = _convert.structure
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
