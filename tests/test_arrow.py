"""The Arrow/Parquet export of a catalog (the ``arrow`` extra): every table round-trips through
Parquet, pyarrow and DuckDB read it back with the catalog's counts, keys are unique and join.

A few drugs are exported for most tests; the whole default catalog is exported once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve as attrs_evolve

import drugcompare as dc
from drugcompare._render.arrow_rows import RowKeys, SourceKeys
from drugcompare._render.arrow_tables import TABLE_NAMES, TABLES

ROOT = Path(__file__).resolve().parents[1]
DRUGS = ("gabapentin", "pregabalin", "baclofen", "codeine")
"""Between them: label tables with placebo figures, scoped withdrawal entries, boxed warnings,
limitations of use and market withdrawals, so that every table has rows."""

KEYS = {t.name: t.key for t in TABLES}


def _pyarrow() -> Any:
    return pytest.importorskip("pyarrow")


def _duckdb() -> Any:
    return pytest.importorskip("duckdb")


def _cited(drug: dc.Drug) -> Iterator[dc.Source]:
    """The sources of every exported column, walked from the model (the test's own walk)."""
    yield from drug.sources
    if drug.approval is not None:
        yield from drug.approval.sources
    if drug.dea is not None:
        yield from drug.dea.sources
    for effect in drug.adverse_effects:
        for freq in effect.frequencies:
            yield from freq.sources or effect.sources
        if not effect.frequencies:
            yield from effect.sources
    facts: list[Any] = [
        *drug.products,
        *drug.indications,
        *drug.mechanisms,
        *drug.withdrawal_risks,
        *drug.boxed_warnings,
        *drug.limitations,
        *drug.market_withdrawals,
    ]
    for fact in facts:
        yield from fact.sources


def _expected_counts(catalog: dc.Catalog, drugs: tuple[dc.Drug, ...]) -> dict[str, int]:
    return {
        "drugs": len(drugs),
        "products": sum(len(d.products) for d in drugs),
        "indications": sum(len(d.indications) for d in drugs),
        "conditions": len(catalog.conditions),
        "adverse_effects": sum(
            max(1, len(e.frequencies)) for d in drugs for e in d.adverse_effects
        ),
        "mechanisms": sum(len(d.mechanisms) for d in drugs),
        "withdrawal": sum(len(d.withdrawal_risks) for d in drugs),
        "boxed_warnings": sum(len(d.boxed_warnings) for d in drugs),
        "limitations": sum(len(d.limitations) for d in drugs),
        "market_withdrawals": sum(len(d.market_withdrawals) for d in drugs),
        "sources": len({s for d in drugs for s in _cited(d)}),
    }


@pytest.fixture(scope="module")
def small(catalog: dc.Catalog) -> dict[str, Any]:
    _pyarrow()
    return catalog.to_arrow(drugs=DRUGS)


@pytest.fixture(scope="module")
def folder(catalog: dc.Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _pyarrow()
    path = tmp_path_factory.mktemp("parquet")
    written = catalog.to_parquet(path, drugs=DRUGS)
    assert written == [path / f"{name}.parquet" for name in TABLE_NAMES]
    return path


def test_without_pyarrow_the_error_names_the_extra(
    catalog: dc.Catalog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(dc.MissingDependencyError, match=re.escape("drugcompare[arrow]")):
        catalog.to_arrow(drugs=["gabapentin"])
    with pytest.raises(ModuleNotFoundError, match=re.escape("drugcompare[arrow]")):
        catalog.to_parquet(tmp_path / "out", drugs=["gabapentin"])
    assert not (tmp_path / "out").exists()


def test_arguments_are_checked_before_anything_is_built(
    catalog: dc.Catalog, tmp_path: Path
) -> None:
    with pytest.raises(dc.InvalidArgumentError, match="unknown table 'faers'; choose from: drugs"):
        catalog.to_arrow(["drugs", "faers"])
    with pytest.raises(dc.InvalidArgumentTypeError, match="not a single string"):
        catalog.to_arrow("drugs")
    with pytest.raises(dc.InvalidArgumentError, match="tables is empty"):
        catalog.to_arrow([])
    with pytest.raises(dc.InvalidArgumentTypeError, match="not a single string"):
        catalog.to_arrow(drugs="gabapentin")
    with pytest.raises(dc.InvalidArgumentTypeError, match="not int"):
        catalog.to_arrow(drugs=42)  # type: ignore[arg-type]
    with pytest.raises(dc.InvalidArgumentError, match="drugs is empty"):
        catalog.to_arrow(drugs=[])
    with pytest.raises(dc.DrugNotFoundError):
        catalog.to_arrow(drugs=["gabapentin", "no such drug"])
    with pytest.raises(dc.InvalidArgumentError, match="unknown compression 'rar'"):
        catalog.to_parquet(tmp_path, compression="rar")
    with pytest.raises(dc.InvalidArgumentTypeError, match="directory must be a path"):
        catalog.to_parquet(42)  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_every_table_has_the_catalogs_count(catalog: dc.Catalog, small: dict[str, Any]) -> None:
    drugs = tuple(catalog.by_id(d) for d in sorted(DRUGS))
    expected = _expected_counts(catalog, drugs)
    assert list(small) == list(TABLE_NAMES)
    assert {name: table.num_rows for name, table in small.items()} == expected
    assert all(expected[name] > 0 for name in TABLE_NAMES), expected
    assert small["drugs"]["id"].to_pylist() == sorted(DRUGS)


def test_schemas_are_explicit_and_documented(small: dict[str, Any]) -> None:
    pa = _pyarrow()
    types = {
        "string": pa.string(),
        "strings": pa.list_(pa.string()),
        "float64": pa.float64(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
    }
    for spec in TABLES:
        schema = small[spec.name].schema
        assert schema.names == list(spec.names)
        for column in spec.columns:
            field = schema.field(column.name)
            assert field.type == types[column.type], (spec.name, column.name)
            assert field.metadata[b"description"] == column.meaning.encode()
        meta = schema.metadata
        assert meta[b"drugcompare.version"] == dc.__version__.encode()
        assert meta[b"drugcompare.table"] == spec.name.encode()
        assert b'"id": "curated"' in meta[b"drugcompare.layers"]


def test_keys_are_unique_and_every_reference_resolves(small: dict[str, Any]) -> None:
    for name, table in small.items():
        keys = table[KEYS[name]].to_pylist()
        assert None not in keys and len(set(keys)) == len(keys), name
    drug_ids = set(small["drugs"]["id"].to_pylist())
    conditions = set(small["conditions"]["id"].to_pylist())
    sources = set(small["sources"]["key"].to_pylist())
    cited: set[str] = set()
    for name, table in small.items():
        if "drug_id" in table.column_names:
            assert set(table["drug_id"].to_pylist()) <= drug_ids, name
        if "condition_id" in table.column_names:
            assert set(table["condition_id"].drop_null().to_pylist()) <= conditions, name
        for column in table.column_names:
            if column.endswith("source_keys"):
                cited.update(k for keys in table[column].to_pylist() for k in keys)
    assert cited == sources  # every cited source is listed, every listed one is cited


def test_keys_do_not_depend_on_which_drugs_are_exported(
    catalog: dc.Catalog, small: dict[str, Any]
) -> None:
    alone = catalog.to_arrow(["adverse_effects", "sources"], drugs=["Neurontin"])
    keys = alone["adverse_effects"]["key"].to_pylist()
    table = small["adverse_effects"]
    among = [
        k
        for k, d in zip(table["key"].to_pylist(), table["drug_id"].to_pylist(), strict=True)
        if d == "gabapentin"
    ]
    assert keys == among
    assert set(alone["sources"]["key"].to_pylist()) <= set(small["sources"]["key"].to_pylist())


def test_keys_hash_content_with_a_fixed_rule() -> None:
    """The key rule is pinned: a change to it changes every key users have stored."""
    source = dc.Source(
        id="neurontin-label",
        title="Neurontin prescribing information",
        license="public domain",
        layer="curated",
        section="6.1",
        quote="Somnolence 21% 5%",
    )
    keys = SourceKeys()
    assert keys.key(source) == "e73f2e6900118d49"
    assert keys.keys([source, source]) == ("e73f2e6900118d49",)
    other = keys.key(attrs_evolve(source, quote="Dizziness 28% 8%"))
    assert other != "e73f2e6900118d49"
    assert [row["key"] for row in keys.rows()] == sorted(["e73f2e6900118d49", other])
    rows = RowKeys("withdrawal", ["key", "drug_id", "severity", "products", "note"])
    row = {"drug_id": "x", "severity": "high", "products": (), "note": None}
    assert rows.key(row) == "cc9ec5fda9a85c24"  # empty and null columns do not count
    assert rows.key(dict(row)) == "cc9ec5fda9a85c24-2"  # a repeated row stays unique
    assert rows.key(row | {"note": "taper"}) != "cc9ec5fda9a85c24"


def test_each_frequency_is_a_row_and_the_headline_is_marked(
    catalog: dc.Catalog, small: dict[str, Any]
) -> None:
    rows = [r for r in small["adverse_effects"].to_pylist() if r["drug_id"] == "pregabalin"]
    drug = catalog.by_id("pregabalin")
    flat = [(e, f) for e in drug.adverse_effects for f in e.frequencies or (None,)]
    assert len(rows) == len(flat)
    for row, (effect, freq) in zip(rows, flat, strict=True):
        assert (row["term"], row["umls_cui"], row["effect_key"]) == (
            effect.term,
            effect.umls_cui,
            effect.key,
        )
        assert row["is_headline"] == (freq is not None and freq is effect.frequency)
        if freq is not None:
            assert (row["incidence_lower"], row["placebo_lower"], row["n"]) == (
                freq.lower,
                freq.placebo_lower,
                freq.n,
            )
            assert row["origin"] == (freq.origin.value if freq.origin else None)


def test_parquet_round_trips_through_pyarrow(folder: Path, small: dict[str, Any]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    for name, table in small.items():
        back = pq.read_table(folder / f"{name}.parquet")
        assert back.equals(table), name
        assert back.schema.metadata == table.schema.metadata


def test_duckdb_reads_every_table_with_the_same_counts(folder: Path, small: dict[str, Any]) -> None:
    duckdb = _duckdb()
    con = duckdb.connect()
    for name, table in small.items():
        count = con.sql(f"SELECT count(*) FROM '{folder / name}.parquet'").fetchall()
        assert count == [(table.num_rows,)], name


def test_duckdb_joins_a_label_table_row_to_its_drug_and_source(
    catalog: dc.Catalog, folder: Path
) -> None:
    duckdb = _duckdb()
    gabapentin = catalog.by_id("gabapentin")
    rxcui = gabapentin.identifiers.rxcui[0]
    rows = duckdb.sql(
        f"""
        SELECT a.incidence_lower, a.placebo_lower, a.n, a.placebo_n, s.id, s.section, s.url
        FROM '{folder}/adverse_effects.parquet' AS a
        JOIN '{folder}/drugs.parquet' AS d ON d.id = a.drug_id
        JOIN '{folder}/sources.parquet' AS s ON list_contains(a.source_keys, s.key)
        WHERE list_contains(d.rxcui, '{rxcui}') AND a.term = 'Somnolence'
          AND a.origin = 'label_table' AND a.placebo_lower IS NOT NULL
        ORDER BY ALL
        """
    ).fetchall()
    expected = sorted(
        (f.lower, f.placebo_lower, f.n, f.placebo_n, s.id, s.section, s.url)
        for e in gabapentin.adverse_effects
        if e.term == "Somnolence"
        for f in e.frequencies
        if f.origin is dc.FrequencyOrigin.LABEL_TABLE and f.placebo_lower is not None
        for s in f.sources
    )
    assert rows and rows == expected
    for lower, placebo, _n, _placebo_n, source_id, section, _url in rows:
        assert lower > placebo  # somnolence is more common on gabapentin than on placebo
        assert source_id and section


def test_the_sources_table_lists_every_cited_source_whatever_is_asked(
    catalog: dc.Catalog, small: dict[str, Any]
) -> None:
    only = catalog.to_arrow(["sources", "drugs"], drugs=DRUGS)
    assert list(only) == ["drugs", "sources"]
    assert only["sources"].equals(small["sources"])


def test_the_same_export_writes_the_same_bytes(catalog: dc.Catalog, tmp_path: Path) -> None:
    _pyarrow()
    first = catalog.to_parquet(tmp_path / "a", ["drugs", "withdrawal"], drugs=DRUGS)
    second = catalog.to_parquet(tmp_path / "b", ["withdrawal", "drugs"], drugs=reversed(DRUGS))
    assert [p.name for p in first] == ["drugs.parquet", "withdrawal.parquet"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [p.name for p in first]


def test_the_whole_default_catalog_exports_with_its_counts(catalog: dc.Catalog) -> None:
    _pyarrow()
    tables = catalog.to_arrow()
    expected = _expected_counts(catalog, catalog.all_drugs())
    assert {name: table.num_rows for name, table in tables.items()} == expected
    ids = tables["drugs"]["id"].to_pylist()
    assert ids == sorted(ids)
    for name, table in tables.items():
        keys = table[KEYS[name]]
        assert keys.null_count == 0 and len(keys.unique()) == table.num_rows, name


def test_the_docs_page_lists_every_table_and_column() -> None:
    page = (ROOT / "docs" / "guide" / "parquet.md").read_text("utf-8")
    for spec in TABLES:
        start = page.index(f"### `{spec.name}`")
        section = page[start : page.find("\n### ", start + 1)]
        listed = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
        assert listed == list(spec.names), spec.name
    assert "guide/parquet" in (ROOT / "docs" / "index.md").read_text("utf-8")
