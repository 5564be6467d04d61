"""The build's shared pieces: the packaged layer format it writes (read back by the library's own
store), the schema it generates, and the condition unification across layers."""

from __future__ import annotations

import io
from typing import Any

from tools.build import conditions
from tools.build.common import dumps, jsonl
from tools.build.schema import layer_schema

from drugcompare._data.format import FORMAT_VERSION
from drugcompare._data.store import PackagedStore


class _InMemory:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.data)


def _layer(**drugs: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "layer": {"id": "t", "name": "T", "version": "1", "license": "CC0-1.0", "document": "d"},
        "documents": {"d": {"title": "D"}},
        "conditions": [],
        "drugs": [{"id": key, **value} for key, value in drugs.items()],
    }


def test_dumps_is_deterministic() -> None:
    assert dumps({"b": 1, "a": "é"}) == '{"a":"é","b":1}\n'.encode()


def test_jsonl_round_trips_through_the_librarys_store() -> None:
    layer = _layer(alpha={"name": "alpha", "brand_names": ["Alphix"]}, beta={"name": "beta"})
    store = PackagedStore(_InMemory(jsonl(layer)), "t.jsonl")
    assert dict(store.raw_records()) == {d["id"]: d for d in layer["drugs"]}
    assert store.drug("alpha") is not None
    assert store.drug("alpha").brand_names == ("Alphix",)  # type: ignore[union-attr]
    keys = {key for key, _kind, _text in store.entries["alpha"][1]}
    assert {"alpha", "alphix"} <= keys


def test_schema_describes_every_record() -> None:
    schema = layer_schema()
    assert schema["properties"]["format"] == {"const": FORMAT_VERSION}
    assert "DrugRecord" in schema["$defs"]
    drug = schema["$defs"]["DrugRecord"]
    assert drug["required"] == ["id"] and drug["additionalProperties"] is False


def test_conditions_with_one_name_get_one_id() -> None:
    a = _layer(x={"indications": [{"condition": "MESH:D1", "status": "listed"}]})
    a["conditions"] = [{"id": "MESH:D1", "name": "Muscle Spasticity"}]
    b = _layer(y={"indications": [{"condition": "UMLS:C0026838", "status": "listed"}]})
    b["conditions"] = [{"id": "UMLS:C0026838", "name": "muscle spasticity"}]
    conditions.unify([("a", a), ("b", b)])
    assert a["drugs"][0]["indications"][0]["condition"] == "UMLS:C0026838"
    merged = [c for layer in (a, b) for c in layer["conditions"]]
    assert all(c["id"] == "UMLS:C0026838" for c in merged)
