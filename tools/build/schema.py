"""JSON Schema of the layer format, generated from the record classes that read it.

The build writes it to ``src/drugcompare/layer.schema.json`` (shipped with the package, published
in the docs) and validates every packaged drug record against it.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Any

import attrs

SCHEMA_ID = "https://drugcompare.invalid/schemas/layer-1.schema.json"


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        if type(None) in args:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1], defs)}
    if tp is str:
        return {"type": "string", "minLength": 1}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        schema = _type_schema(hints[field.name], defs)
        if field.name in ("lower", "upper", "placebo_lower", "placebo_upper"):
            schema = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    out: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    if cls.__doc__:
        out["description"] = " ".join(cls.__doc__.split())
    return out


def layer_schema() -> dict[str, Any]:
    """The schema of a whole layer document (``load_catalog(extra=...)``)."""
    from drugcompare._data.records import LayerFile

    defs: dict[str, Any] = {}
    root = _class_schema(LayerFile, defs)
    root["properties"]["format"] = {"const": 1}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "drugcompare layer (format 1)",
        "description": "A data layer for drugcompare.load_catalog(extra=...): drugs, their facts "
        "and the documents each fact cites. See docs/data-format.md.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def validate_records(schema: dict[str, Any], records: list[tuple[str, Any]], file: str) -> None:
    """Every drug record of a packaged layer against the schema's DrugRecord definition."""
    import jsonschema

    drug_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/DrugRecord"}
    validator = jsonschema.Draft202012Validator(drug_schema)
    for drug_id, record in records:
        error = jsonschema.exceptions.best_match(validator.iter_errors(record))
        if error is not None:
            path = "/".join(str(p) for p in error.absolute_path)
            raise SystemExit(f"{file}: record {drug_id}: field {path}: {error.message}")
