"""Coverage-guided fuzzing of the user-dataset loader (atheris / libFuzzer).

    python fuzz/fuzz_dataset.py -max_total_time=60 fuzz/corpus/dataset

Each input is read as a layer document, exactly as ``load_catalog(extra=...)`` reads a file:
JSON parsing, strict structuring (cattrs) and model building. It must load or fail with a
``DatasetError``; anything else is a crash.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    import drugcompare as dc
    from drugcompare import _convert, _data, model  # noqa: F401 - instrumented for coverage
    from drugcompare._data.store import RecordStore, parse_layer

CONDITIONS = dc.default_catalog().conditions


def test_one_input(data: bytes) -> None:
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return  # the loader reports these as DatasetError("not valid JSON")
    try:
        layer = parse_layer(document, "fuzz.json")
        RecordStore(layer, "fuzz.json", CONDITIONS.get)
    except dc.DatasetError as error:
        if error.file != "fuzz.json":
            raise AssertionError(f"DatasetError without the file name: {error}") from error


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
