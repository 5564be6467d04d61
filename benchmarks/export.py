"""Measure the Arrow/Parquet export of the default catalog: time and size.

Run on demand (not part of the test suite)::

    pip install -e ".[arrow]" duckdb
    python benchmarks/export.py                  # zstd (the default compression)
    python benchmarks/export.py --compression snappy

In one fresh process it times, separately: loading the default catalog, building every drug's
model (what any whole-catalog export pays first), ``to_arrow()`` over the built drugs,
``to_parquet()`` of the same drugs (again from built drugs: conversion plus writing) and a DuckDB
join over the files; then the process's peak memory (max RSS, Linux) and rows and file size per
table as a Markdown table.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compression", default="zstd")
    args = parser.parse_args()

    start = time.perf_counter()
    import drugcompare as dc

    catalog = dc.default_catalog()
    len(catalog)
    loaded = time.perf_counter()
    catalog.all_drugs()
    built = time.perf_counter()
    tables = catalog.to_arrow()
    converted = time.perf_counter()
    shapes = {name: (table.num_rows, table.num_columns) for name, table in tables.items()}
    del tables  # the peak memory below is to_parquet's own
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = catalog.to_parquet(folder, compression=args.compression)
        written = time.perf_counter()
        sizes = {p.stem: p.stat().st_size for p in paths}
        query = time.perf_counter()
        somnolence = duckdb_join(folder)
        queried = time.perf_counter()

    print(f"drugs: {len(catalog)}; compression: {args.compression}")
    print(f"- import + load catalog: {loaded - start:.2f} s")
    print(f"- build every drug:      {built - loaded:.2f} s")
    print(f"- to_arrow() (built):    {converted - built:.2f} s")
    print(f"- to_parquet() (built):  {written - converted:.2f} s")
    print(f"- DuckDB join:           {queried - query:.2f} s ({somnolence} rows)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"- peak memory (max RSS): {peak:.0f} MB")
    print()
    print("| table | rows | columns | Parquet size |")
    print("|---|---:|---:|---:|")
    for name, (rows, columns) in shapes.items():
        print(f"| {name} | {rows:,} | {columns} | {sizes[name] / 1e6:.2f} MB |")
    total = sum(sizes.values())
    print(f"| total | {sum(r for r, _ in shapes.values()):,} | | {total / 1e6:.2f} MB |")


def duckdb_join(folder: Path) -> int:
    """Label-table somnolence rows of every drug, with their sources: a three-table join."""
    import duckdb

    rows = duckdb.sql(
        f"""
        SELECT d.name, a.incidence_lower, a.placebo_lower, s.id, s.section
        FROM '{folder}/adverse_effects.parquet' a
        JOIN '{folder}/drugs.parquet' d ON d.id = a.drug_id
        JOIN '{folder}/sources.parquet' s ON list_contains(a.source_keys, s.key)
        WHERE a.term = 'Somnolence' AND a.origin = 'label_table'
        """
    ).fetchall()
    return len(rows)


if __name__ == "__main__":
    main()
