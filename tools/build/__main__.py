"""Build every packaged data layer: ``python -m tools.build [--check] [--raw DIR]``.

Writes ``src/drugcompare/data/<layer>.jsonl`` (a header line, then one drug per line: see
``drugcompare._data.store``), ``manifest.json`` (layers in precedence order with their checksums and
licences) and the generated ``docs/curated-drugs.md``. The output is deterministic; ``--check``
rebuilds in memory and fails if any committed file differs.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from . import curated
from .common import DATA_OUT, REPO, jsonl, raw_dir, sha256
from .layers import build_layers


def build_all(
    raw_override: str | None, skip_invalid: bool = False, report: bool = False
) -> dict[str, bytes]:
    raw = raw_dir(raw_override)
    built = build_layers(raw, skip_invalid)
    if report:
        for part, lines in built.reports.items():
            for line in lines:
                print(f"[{part}] {line}", file=sys.stderr)
    layers, curated_layer = built.layers, built.curated

    outputs: dict[str, bytes] = {}
    manifest_layers = []
    for name, layer in layers:
        file = f"{name}.jsonl"
        data = jsonl(layer)
        outputs[file] = data
        manifest_layers.append(
            {
                "file": file,
                "sha256": sha256(data),
                "layer": layer["layer"],
                "counts": {"drugs": len(layer["drugs"]), "conditions": len(layer["conditions"])},
            }
        )
    outputs["index.tsv"] = _index(outputs).encode()
    outputs["facts.tsv"] = _facts(outputs).encode()
    text, binary = _suggest(outputs["index.tsv"])
    outputs["suggest.tsv"], outputs["suggest.bin"] = text.encode(), binary
    schema = _schema()
    outputs["layer.schema.json"] = (
        json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
    ).encode()
    from .schema import document_schema

    outputs["document.schema.json"] = (
        json.dumps(document_schema(), indent=1, ensure_ascii=False) + "\n"
    ).encode()
    outputs["docs/curated-drugs.md"] = curated.drug_list_markdown(curated_layer).encode()
    outputs["manifest.json"] = (
        json.dumps(
            {"format": 1, "layers": manifest_layers}, indent=1, sort_keys=True, ensure_ascii=False
        )
        + "\n"
    ).encode()
    _validate(outputs, schema)
    from .coverage import coverage_markdown

    outputs["docs/coverage.md"] = coverage_markdown(outputs).encode()
    return outputs


def _schema() -> dict[str, Any]:
    from .schema import layer_schema

    return layer_schema()


class _Bytes:
    """A packaged file held in memory, opened like importlib.resources opens the real one."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.data)


def _index(outputs: dict[str, bytes]) -> str:
    """The merged index of all layers (``index.tsv``), computed from the layers' own entries by
    the library's merge rules and written with its index format."""
    from drugcompare._catalog.conditions import LayerConditions, merge_parents
    from drugcompare._catalog.names import merge_name_entries
    from drugcompare._data.index import format_index
    from drugcompare._data.store import PackagedStore

    stores = [
        PackagedStore(_Bytes(data), file)
        for file, data in outputs.items()
        if file.endswith(".jsonl")
    ]
    views, names, keys = merge_name_entries(stores)
    placed = {
        drug_id: [(index, named, stores[index].place(drug_id)) for index, named, _span in found]
        for drug_id, found in views.items()
    }
    return format_index(
        placed, names, keys, merge_parents(stores), dict(LayerConditions(stores).items())
    )


def _facts(outputs: dict[str, bytes]) -> str:
    """``facts.tsv``: the whole-catalog scan (each drug's adverse-effect, indication, target,
    class and ATC keys) of exactly the packaged layers, which the default catalog reads instead
    of parsing every layer record."""
    from drugcompare._catalog.facts import FEATURE_KINDS, collect_facts, format_facts
    from drugcompare._data.store import PackagedStore

    stores = [
        PackagedStore(_Bytes(data), file)
        for file, data in outputs.items()
        if file.endswith(".jsonl")
    ]
    from drugcompare._data.index import PackagedIndex

    index = PackagedIndex.parse(outputs["index.tsv"])
    facts = collect_facts(stores, index.views)
    for drug_facts in facts.values():
        for kind in FEATURE_KINDS:
            drug_facts.features(kind)
    return format_facts(facts)


def _suggest(index: bytes) -> tuple[str, bytes]:
    """The packaged suggestion index (``suggest.tsv``) of the merged index: every suggestible key
    with the drug and the text the catalog's own lookups give it."""
    from drugcompare._catalog.names import Names
    from drugcompare._data.index import PackagedIndex
    from drugcompare._data.suggest import format_suggest

    parsed = PackagedIndex.parse(index)
    names = Names(parsed.keys, parsed.names)
    entries = []
    for key in parsed.keys.suggestible():
        best = names.best(key)
        assert best is not None
        entries.append((key, best[0], names.display(key)))
    return format_suggest(entries, parsed.keys.keys())


def _validate(outputs: dict[str, bytes], schema: dict[str, Any]) -> None:
    """Every drug of every layer against the JSON Schema, then through the library itself
    (cattrs' strict structuring and the models' validators)."""
    from drugcompare._convert import structure
    from drugcompare._data.records import DrugRecord
    from drugcompare._data.store import PackagedStore

    from .schema import validate_records

    for file, data in outputs.items():
        if not file.endswith(".jsonl"):
            continue
        store = PackagedStore(_Bytes(data), file)
        records = list(store.raw_records())
        validate_records(schema, records, file)
        for drug_id, raw in records:
            # The strict, cattrs-checked schema, then the models' validators.
            structure(raw, DrugRecord, file=file, record=drug_id)
            store.build(raw)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--raw", help="raw data folder (default ../shared/data/raw or $DRUGCOMPARE_RAW)"
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed layers differ from a rebuild"
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="while curating: leave out curated files with problems instead of failing",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print every build's measured joins and rule counts (to stderr)",
    )
    args = parser.parse_args(argv)
    outputs = build_all(args.raw, args.skip_invalid and not args.check, args.report)
    if args.check:
        stale = [
            name
            for name, data in outputs.items()
            if not _target(name).is_file() or _target(name).read_bytes() != data
        ]
        extra = sorted(
            p.name
            for pattern in ("*.json*", "*.tsv", "*.bin")
            for p in DATA_OUT.glob(pattern)
            if p.name not in outputs
        )
        if stale or extra:
            print(
                f"packaged data is stale: {', '.join(stale + extra)}; run python -m tools.build",
                file=sys.stderr,
            )
            return 1
        print(f"packaged data matches the rebuild ({len(outputs)} files)")
        return 0
    DATA_OUT.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.json*", "*.tsv", "*.bin"):
        for old in DATA_OUT.glob(pattern):
            if old.name not in outputs:
                old.unlink()
    for name, data in outputs.items():
        _target(name).write_bytes(data)
        print(f"wrote {name} ({len(data):,} bytes)")
    return 0


def _target(name: str) -> Path:
    """Where an output goes: docs/... under the repository, data files in the package."""
    return REPO / name if name.startswith("docs/") else DATA_OUT / name


if __name__ == "__main__":
    sys.exit(main())
