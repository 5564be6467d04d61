"""Shared helpers of the build: paths, deterministic JSON, the manifest."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DATA_OUT = REPO / "src" / "drugcompare" / "data"
CURATED = REPO / "data" / "curated"
FORMAT_VERSION = 1


def raw_dir(override: str | None = None) -> Path:
    """The raw sources: ``--raw``, else ``$DRUGCOMPARE_RAW``, else ``../shared/data/raw``."""
    chosen = override or os.environ.get("DRUGCOMPARE_RAW")
    path = Path(chosen) if chosen else REPO.parent / "shared" / "data" / "raw"
    if not path.is_dir():
        raise SystemExit(f"raw data folder not found: {path} (use --raw or DRUGCOMPARE_RAW)")
    return path


def dumps(obj: Any) -> bytes:
    """Deterministic JSON: sorted keys, no spaces, UTF-8, trailing newline."""
    return (
        json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode()


def jsonl(layer: dict[str, Any]) -> bytes:
    """A layer as JSON Lines: a header (layer, documents, conditions and the name index), then
    one drug record per line in the order of the index (read lazily by drugcompare._store)."""
    drugs = layer.get("drugs", [])
    header = {
        "format": layer["format"],
        "layer": layer["layer"],
        "documents": layer.get("documents", {}),
        "conditions": layer.get("conditions", []),
        "names": [
            [
                drug["id"],
                drug.get("name"),
                drug.get("brand_names", []),
                drug.get("synonyms", []),
                drug.get("identifiers", {}),
            ]
            for drug in drugs
        ],
    }
    return dumps(header) + b"".join(dumps(drug) for drug in drugs)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_tsv(path: Path, *, header: bool = True, strip_quotes: bool = False) -> Iterator[list[str]]:
    """Rows of a (possibly gzipped) tab-separated file, the header skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(reader, None)
        for row in reader:
            if strip_quotes:
                row = [
                    cell[1:-1] if len(cell) >= 2 and cell[0] == cell[-1] == '"' else cell
                    for cell in row
                ]
            yield row


def text_of(path: Path) -> str:
    return open(path, encoding="utf-8").read()
