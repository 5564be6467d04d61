"""Shared helpers of the build: paths, deterministic JSON, the manifest."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DATA_OUT = REPO / "src" / "drugcompare" / "data"
# The build runs the library itself (keys, index, validation): use this checkout's copy.
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))
CURATED = REPO / "data" / "curated"

# The format version is the library's own (re-exported for the source modules).
from drugcompare._data.format import FORMAT_VERSION as FORMAT_VERSION  # noqa: E402


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
    """A layer as JSON Lines (read by ``drugcompare._data.store.PackagedStore``): line 1 the layer and
    its documents; line 2 its conditions; line 3 per drug ``[id, name, offset, length]`` (offsets
    from the end of line 4); line 4 per drug ``[id, keys]`` (normalised name keys); then one drug
    record per line."""
    from drugcompare._text import name_keys

    drugs = layer.get("drugs", [])
    lines = [dumps(drug) for drug in drugs]
    entries = []
    offset = 0
    for drug, line in zip(drugs, lines, strict=True):
        identifiers = [
            (kind, value)
            for kind, values in sorted(drug.get("identifiers", {}).items())
            for value in values
        ]
        keys = name_keys(
            drug["id"],
            drug.get("name"),
            drug.get("brand_names", []),
            drug.get("synonyms", []),
            identifiers,
        )
        entries.append(([drug["id"], drug.get("name"), offset, len(line)], [drug["id"], keys]))
        offset += len(line)
    header = {
        "format": layer["format"],
        "layer": layer["layer"],
        "documents": layer.get("documents", {}),
    }
    places = [place for place, _keys in entries]
    keys_line = [[drug_id, [list(k) for k in keys]] for _place, (drug_id, keys) in entries]
    return (
        dumps(header)
        + dumps(layer.get("conditions", []))
        + dumps(places)
        + dumps(keys_line)
        + b"".join(lines)
    )


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
