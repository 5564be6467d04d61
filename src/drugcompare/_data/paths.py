"""Where the packaged data files are, and reading one: straight from the package folder when it is
a folder (the usual install), through ``importlib.resources`` otherwise (a zipped package).
Nothing here imports the models, so the first answer pays only for what it reads."""

from __future__ import annotations

import os
from typing import Any

__all__ = [
    "INDEX_FILE",
    "MANIFEST_FILE",
    "SCHEMA_FILE",
    "SUGGEST_BIN",
    "SUGGEST_FILE",
    "data_dir",
    "read_packaged",
]

INDEX_FILE = "index.tsv"
MANIFEST_FILE = "manifest.json"
SCHEMA_FILE = "layer.schema.json"
SUGGEST_FILE = "suggest.tsv"
SUGGEST_BIN = "suggest.bin"

_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


def data_dir() -> Any:
    """The package's data folder: a ``pathlib.Path``, or a zip entry when installed as a zip."""
    if os.path.isdir(_FOLDER):
        from pathlib import Path

        return Path(_FOLDER)
    from importlib import resources  # a zipped package: only then

    return resources.files("drugcompare").joinpath("data")


def read_packaged(name: str) -> bytes:
    """The bytes of one packaged data file."""
    path = os.path.join(_FOLDER, name)
    if os.path.isfile(path):
        with open(path, "rb") as handle:
            return handle.read()
    data: bytes = data_dir().joinpath(name).read_bytes()
    return data
