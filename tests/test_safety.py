"""No network, no pickle, no eval; the shipped JSON Schema describes what the loader accepts."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

import drugcompare as dc

SOURCE = Path(dc.__file__).parent
FORBIDDEN = re.compile(
    r"\b(pickle|marshal|shelve|eval|exec|compile|socket|urllib\.request|http\.client|requests|"
    r"subprocess|os\.system)\b(?!\s*=)"
)


def test_the_library_code_has_no_pickle_eval_or_network() -> None:
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if FORBIDDEN.search(code) and "re.compile" not in code:
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []


def test_comparisons_open_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("drugcompare tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    catalog = dc.load_catalog()
    catalog.compare("gabapentin", "pregabalin", "baclofen")
    catalog.similar_drugs("gabapentin")
    catalog.lookup_condition("fibromyalgia")


def test_schema_accepts_the_documented_example_and_rejects_bad_records(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = dc.layer_schema()
    validator = jsonschema.Draft202012Validator(schema)
    example = json.loads(
        (Path(__file__).parents[1] / "fuzz" / "corpus" / "dataset" / "valid.json").read_text()
    )
    assert list(validator.iter_errors(example)) == []
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    assert dc.load_catalog(extra=path).lookup_drug("Examplix").id == "examplumab"
    bad = json.loads(json.dumps(example))
    bad["drugs"][0]["adverse_effects"][0]["frequencies"][0]["upper"] = 1.5
    bad["drugs"][0]["colour"] = "blue"
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    assert "1.5" in messages and "colour" in messages
