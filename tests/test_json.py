"""The JSON documents (docs/json.md): compact, versioned, valid against the shipped schema, and
read back to equal objects."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

import drugcompare as dc
from drugcompare import _document


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = dc.document_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _valid(validator: jsonschema.Draft202012Validator, text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    assert error is None, (error.message[:300], list(error.absolute_path))
    return data


@pytest.mark.parametrize(
    "drugs",
    [("gabapentin", "pregabalin"), ("diazepam", "baclofen", "kratom"), ("sertraline", "Horizant")],
)
def test_a_comparison_round_trips_and_validates(
    drugs: tuple[str, ...], validator: jsonschema.Draft202012Validator
) -> None:
    comparison = dc.compare(*drugs)
    for indent in (None, 2):
        text = comparison.to_json(indent)
        data = _valid(validator, text)
        assert data["format"] == "drugcompare" and data["version"] == 1
        assert dc.from_json(text) == comparison


def test_the_two_drug_comparison_is_compact(validator: jsonschema.Draft202012Validator) -> None:
    text = dc.compare("gabapentin", "pregabalin").to_json(indent=None)
    assert len(text.encode()) < 200_000
    data = _valid(validator, text)
    # Every source is written once, and facts refer to it by key.
    citations = [json.dumps(c, sort_keys=True) for c in data["sources"].values()]
    assert len(citations) == len(set(citations))
    assert all(isinstance(k, str) for f in data["figures"].values() for k in f.get("sources", []))
    # The headline of gabapentin's dizziness: a label table row with its placebo figure.
    dizziness = next(e for e in data["data"]["shared_adverse_effects"] if e["term"] == "Dizziness")
    first = data["figures"][dizziness["drugs"]["gabapentin"]["frequencies"][0]]
    assert first["value"] == 0.28 and first["placebo"] == 0.08
    context = data["contexts"][first["context"]]
    assert context["origin"] == "label_table" and context["n"] == 336


def test_a_drug_and_drugs_for_round_trip(validator: jsonschema.Draft202012Validator) -> None:
    for name in ("gabapentin", "Horizant", "kratom", "baclofen"):
        drug = dc.lookup_drug(name)
        text = drug.to_json(indent=None)
        _valid(validator, text)
        assert dc.from_json(text) == drug
        assert len(text) < len(json.dumps(drug.to_dict()))
    found = dc.drugs_for("fibromyalgia", ["approved", "off_label"])
    back = dc.from_json(_valid(validator, found.to_json()))
    assert isinstance(back, dc.DrugsFor)
    assert (back, back.condition, back.matches, back.statuses, back.as_of) == (
        found,
        found.condition,
        found.matches,
        found.statuses,
        found.as_of,
    )


def test_pack_and_unpack_are_inverse_on_hand_made_data() -> None:
    source = {"id": "x", "title": "X label", "license": "public", "layer": "curated"}
    body = {
        "id": "d",
        "effects": [
            {
                "term": "Nausea",
                "frequencies": [
                    {"lower": 0.1, "upper": 0.1, "origin": "label_table", "sources": [source]},
                    {"lower": 0.1, "upper": 0.2, "placebo_lower": 0.0, "placebo_upper": 0.0},
                ],
                "sources": [source, {**source, "section": "6.1", "quote": "Nausea 10 2"}],
            }
        ],
        "condition": {"id": "DOID:1", "name": "c"},
    }
    packed = _document.pack("drug", copy.deepcopy(body))
    assert packed["figures"]["f1"] == {"context": "c1", "value": 0.1, "sources": ["s1"]}
    assert packed["figures"]["f2"] == {"lower": 0.1, "upper": 0.2, "placebo": 0.0}
    assert packed["data"]["effects"][0]["other_sources"] == ["s2"]
    assert packed["sections"] == {"p1": "6.1"}
    assert _document.unpack(json.loads(json.dumps(packed))) == ("drug", body)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a drugcompare JSON document"),
        (lambda d: d.update(version=2), "version 2"),
        (lambda d: d.update(kind="nope"), "document kind 'nope'"),
        (lambda d: d["figures"].pop("f1"), "'figures' lacks"),
        (lambda d: d["data"]["drugs"].pop(), "'pregabalin' is not among its drugs"),
    ],
)
def test_a_damaged_document_gives_a_documented_error(change: Any, message: str) -> None:
    data = json.loads(dc.compare("gabapentin", "pregabalin").to_json())
    change(data)
    with pytest.raises(dc.DrugCompareError, match=message):
        dc.from_json(data)


def test_the_schema_rejects_what_the_reader_would_misread(
    validator: jsonschema.Draft202012Validator,
) -> None:
    data = json.loads(dc.compare("gabapentin", "pregabalin").to_json())
    data["figures"]["f1"]["value"] = 28  # a percentage where a fraction belongs
    assert not validator.is_valid(data)
    data = json.loads(dc.lookup_drug("gabapentin").to_json())
    data["data"]["surprise"] = 1
    assert not validator.is_valid(data)
    with pytest.raises(dc.InvalidArgumentError, match="not JSON"):
        dc.from_json("{")
