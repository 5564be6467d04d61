"""The packaged data files (read when first needed, never at import) and users'
dataset files (size-limited, decoded with a readable error)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from .._errors import DatasetError
from . import reader
from .format import INDEX_FILE, MANIFEST_FILE, SCHEMA_FILE, LayerInfo
from .index import PackagedIndex
from .paths import data_dir, read_packaged
from .store import PackagedStore

__all__ = [
    "MAX_USER_LAYER_BYTES",
    "data_dir",
    "layer_infos",
    "open_packaged",
    "packaged_index",
    "read_manifest",
    "read_schema",
    "read_user_layer",
]

MAX_USER_LAYER_BYTES = 256 * 2**20
"""User datasets larger than this are refused (the packaged data is about 30 MB)."""


def read_manifest() -> dict[str, Any]:
    """``manifest.json``: the packaged layers in precedence order, with checksums and counts."""
    manifest: dict[str, Any] = json.loads(read_packaged(MANIFEST_FILE))
    return manifest


def layer_infos() -> tuple[LayerInfo, ...]:
    """Every packaged layer's description, highest precedence first (reads only the manifest)."""
    return tuple(reader.layer_info(entry["layer"]) for entry in read_manifest()["layers"])


def read_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(read_packaged(SCHEMA_FILE))
    return schema


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def open_packaged(entry: Mapping[str, Any], verify: bool) -> PackagedStore:
    """The store of one packaged layer (``verify`` checks the file's checksum first)."""
    name = entry["file"]
    source = data_dir().joinpath(name)
    if verify and _sha256(source.read_bytes()) != entry["sha256"]:
        raise DatasetError(
            "checksum mismatch: the packaged file differs from the one the build recorded; "
            "reinstall drugcompare",
            file=name,
        )
    return PackagedStore(source, name, reader.layer_info(entry["layer"]))


def packaged_index() -> PackagedIndex:
    """The build's merged index of every packaged layer (cheap: sections are found, not parsed)."""
    return PackagedIndex.parse(read_packaged(INDEX_FILE))


def read_user_layer(path: str | os.PathLike[str]) -> tuple[Any, str]:
    """A user's dataset file as parsed JSON, with its name for error messages."""
    file = os.fspath(path)
    try:
        size = os.path.getsize(file)
        if size > MAX_USER_LAYER_BYTES:
            raise DatasetError(
                f"the file is {size / 2**20:.0f} MiB; user datasets are limited to "
                f"{MAX_USER_LAYER_BYTES // 2**20} MiB",
                file=file,
            )
        with open(file, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise DatasetError(f"cannot read the file: {exc.strerror or exc}", file=file) from None
    try:
        return json.loads(raw), file
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"not valid JSON: {exc}", file=file) from None
    except RecursionError:
        raise DatasetError("JSON nested too deeply", file=file) from None
