"""The Arrow and Parquet export of a catalog (``Catalog.to_arrow`` / ``Catalog.to_parquet``, the
optional ``arrow`` extra): one pyarrow table per fact kind, with explicit schemas, and writing
them as Parquet files.

pyarrow is imported only when an export is asked for; without it the caller gets a
:class:`~drugcompare.MissingDependencyError` naming the extra. Rows come in a fixed order: drugs
in the order given (the catalog's: by id), each drug's facts in the model's order, conditions by
id, sources by layer, id and key. Every schema carries the library version, the table name and
the catalog's layers (id, version, as-of date) as metadata, and every field its meaning; nothing
depends on the time of the export, so the same catalog and pyarrow version write the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .._errors import InvalidArgumentError, InvalidArgumentTypeError, require
from ..model import Condition, Drug
from .arrow_rows import FACT_ROWS, RowKeys, SourceKeys, cited_sources, condition_row, drug_row
from .arrow_tables import TABLES, ColumnType, Table

__all__ = [
    "COMPRESSIONS",
    "arrow_tables",
    "check_compression",
    "export_metadata",
    "parquet_module",
    "write_parquet",
]

COMPRESSIONS = ("zstd", "snappy", "gzip", "brotli", "lz4", "none")


def _pyarrow(what: str) -> Any:
    return require("pyarrow", "arrow", what)


def parquet_module() -> Any:
    """``pyarrow.parquet``, or :class:`~drugcompare.MissingDependencyError` naming the extra."""
    return require("pyarrow.parquet", "arrow", "Catalog.to_parquet()")


def _schema(pa: Any, table: Table, metadata: Mapping[str, str]) -> Any:
    types: dict[ColumnType, Any] = {
        "string": pa.string(),
        "strings": pa.list_(pa.string()),
        "float64": pa.float64(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
    }
    fields = [
        pa.field(c.name, types[c.type], nullable=True, metadata={"description": c.meaning})
        for c in table.columns
    ]
    return pa.schema(fields, metadata={**metadata, "drugcompare.table": table.name})


BATCH_ROWS = 50_000
"""Rows held as Python values before they become an Arrow record batch (bounds the memory an
export needs beyond the built drugs and the Arrow data)."""


class _Columns:
    """One table's values, column by column in the schema's order, turned into Arrow record
    batches every :data:`BATCH_ROWS` rows."""

    def __init__(self, pa: Any, table: Table, metadata: Mapping[str, str]) -> None:
        self._pa = pa
        self._schema = _schema(pa, table, metadata)
        self._keys = RowKeys(table.name, table.names) if table.name in FACT_ROWS else None
        self._values: dict[str, list[Any]] = {name: [] for name in table.names}
        self._rows = 0
        self._batches: list[Any] = []

    def add(self, row: dict[str, Any]) -> None:
        if self._keys is not None:
            row["key"] = self._keys.key(row)
        for name, column in self._values.items():
            column.append(row[name])
        self._rows += 1
        if self._rows == BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            batch = self._pa.RecordBatch.from_pydict(self._values, schema=self._schema)
            self._batches.append(batch)
            self._values = {name: [] for name in self._values}
            self._rows = 0

    def table(self) -> Any:
        self._flush()
        return self._pa.Table.from_batches(self._batches, schema=self._schema)


def arrow_tables(
    drugs: Iterable[Drug],
    conditions: Mapping[str, Condition],
    tables: Sequence[str],
    metadata: Mapping[str, str],
) -> dict[str, Any]:
    """The ``tables`` (names checked by :func:`.arrow_tables.check_tables`) as pyarrow tables.

    ``conditions`` is the catalog's vocabulary: the ``conditions`` table lists all of it, plus
    any condition an exported indication or limitation names that it lacks. The ``sources``
    table lists every source the exported drugs' columns cite, whichever tables are asked for,
    so a join on ``source_keys`` never misses.
    """
    pa = _pyarrow("Catalog.to_arrow()")
    specs = {t.name: t for t in TABLES}
    columns = {name: _Columns(pa, specs[name], metadata) for name in tables}
    facts = [(FACT_ROWS[name], columns[name]) for name in tables if name in FACT_ROWS]
    keys = SourceKeys()
    named: dict[str, Condition] = {}
    for drug in drugs:
        if "drugs" in columns:
            columns["drugs"].add(drug_row(drug, keys))
        for rows, into in facts:
            for row in rows(drug, keys):
                into.add(row)
        if "sources" in columns:
            for source in cited_sources(drug):
                keys.key(source)
        if "conditions" in columns:
            named_here = [i.condition for i in drug.indications]
            named_here += [lim.condition for lim in drug.limitations if lim.condition is not None]
            for condition in named_here:
                if condition.id not in conditions:
                    named.setdefault(condition.id, condition)
    if "conditions" in columns:
        every = {**named, **conditions}
        for condition_id in sorted(every):
            columns["conditions"].add(condition_row(every[condition_id]))
    if "sources" in columns:
        for row in keys.rows():
            columns["sources"].add(row)
    return {name: into.table() for name, into in columns.items()}


def export_metadata(version: str, layers: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    """Schema metadata of every table: the library version and the catalog's layers."""
    return {
        "drugcompare.version": version,
        "drugcompare.layers": json.dumps(
            [{"id": i, "version": v, "date": d} for i, v, d in layers], ensure_ascii=False
        ),
    }


def check_compression(compression: object) -> str:
    if not isinstance(compression, str):
        raise InvalidArgumentTypeError(
            f"compression must be a string, not {type(compression).__name__}"
        )
    if compression not in COMPRESSIONS:
        raise InvalidArgumentError(
            f"unknown compression {compression!r}; choose from: {', '.join(COMPRESSIONS)}"
        )
    return compression


def write_parquet(
    tables: Mapping[str, Any], directory: str | os.PathLike[str], compression: str = "zstd"
) -> list[Path]:
    """Write each table to ``directory/<name>.parquet`` (the folder is created; files of the
    same names are replaced, each through a temporary file so that none is left half-written)."""
    pq = parquet_module()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        partial = folder / f".{name}.parquet.partial"
        try:
            pq.write_table(table, partial, compression=compression)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        paths.append(path)
    return paths
