"""JSON Schema of the layer format, generated from the record classes that read it.

The build writes it to ``src/drugcompare/layer.schema.json`` (shipped with the package, published
in the docs) and validates every packaged drug record against it.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
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


FieldSchema = Callable[[Any, Any, dict[str, Any]], dict[str, Any]]
"""(attrs field, its type, the definitions) -> the field's schema."""


def _layer_field(field: Any, tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if field.name in ("lower", "upper", "placebo_lower", "placebo_upper"):
        return {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]}
    return _type_schema(tp, defs)


def _class_schema(
    cls: type, defs: dict[str, Any], field_schema: FieldSchema = _layer_field
) -> dict[str, Any]:
    """An attrs class as a JSON object: its init fields (each by ``field_schema``), those
    without a default required, nothing else allowed, its docstring as description."""
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        properties[field.name] = field_schema(field, hints[field.name], defs)
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


DOCUMENT_SCHEMA_ID = "https://drugcompare.invalid/schemas/document-1.schema.json"


def _key(prefix: str, table: str) -> dict[str, Any]:
    return {
        "type": "string",
        "pattern": f"^{prefix}[1-9][0-9]*$",
        "description": f"a key of {table}",
    }


def _document_field(field: Any, tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """A field as a JSON document writes it: ``sources`` hold source keys, ``frequencies`` figure
    keys and ``condition`` a condition key (fields at their default may be left out, so only
    fields without a default are required)."""
    if field.name == "sources":
        return {"type": "array", "items": {"$ref": "#/$defs/SourceKey"}}
    if field.name == "frequencies":
        return {"type": "array", "items": {"$ref": "#/$defs/FigureKey"}}
    if field.name == "condition":
        return {"$ref": "#/$defs/ConditionKey"}
    return _document_type(tp, defs)


def _document_type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_document_type(a, defs) for a in args if a is not type(None)]
        schema = options[0] if len(options) == 1 else {"anyOf": options}
        return {"anyOf": [schema, {"type": "null"}]} if type(None) in args else schema
    if origin is tuple:
        if len(args) == 2 and args[1] is not Ellipsis:
            items = [_document_type(a, defs) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": 2, "maxItems": 2}
        return {"type": "array", "items": _document_type(args[0], defs)}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _class_schema(tp, defs, _document_field)
        return {"$ref": f"#/$defs/{name}"}
    return _type_schema(tp, defs)


def document_schema() -> dict[str, Any]:
    """The JSON Schema of drugcompare's JSON documents (``drugcompare._document``: a comparison,
    a drug, the drugs for a condition), generated from the model classes."""
    from drugcompare import _document
    from drugcompare._compare.results import SimilarityScore
    from drugcompare.model import (
        AdverseEffect,
        Condition,
        Drug,
        Frequency,
        Indication,
        IndicationStatus,
        Source,
        WithdrawalRisk,
    )

    defs: dict[str, Any] = {
        "SourceKey": _key("s", "sources"),
        "FigureKey": _key("f", "figures"),
        "ConditionKey": _key("k", "conditions"),
    }
    for cls in (Drug, Indication, WithdrawalRisk, SimilarityScore, AdverseEffect):
        _document_type(cls, defs)
    effect = defs["AdverseEffect"]
    effect["required"] = [r for r in effect.get("required", []) if r != "sources"]
    effect["properties"]["other_sources"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/SourceKey"},
        "description": "The sources of the effect other than those its figures cite (which "
        "come first); without sources and other_sources, the effect's sources are exactly its "
        "figures' sources.",
    }
    in_comparison = {
        **effect,
        "required": [],
        "description": "One drug's report of a shared adverse effect: term and umls_cui are "
        "left out when they equal the shared effect's.",
    }
    defs["ComparedEffect"] = in_comparison
    frequency = _class_schema(Frequency, {})
    defs["Context"] = {
        "type": "object",
        "description": "Where a figure was printed (the Frequency fields of the same names).",
        "properties": {k: frequency["properties"][k] for k in _document.CONTEXT},
        "additionalProperties": False,
    }
    fraction = {"type": "number", "minimum": 0, "maximum": 1}
    defs["Figure"] = {
        "type": "object",
        "description": "One frequency figure: value stands for lower = upper, placebo for "
        "placebo_lower = placebo_upper; the other fields are the Frequency fields of the same "
        "names, context those of a Context.",
        "properties": {
            "context": _key("c", "contexts"),
            "value": fraction,
            "lower": fraction,
            "upper": fraction,
            "placebo": fraction,
            "placebo_lower": fraction,
            "placebo_upper": fraction,
            "label": frequency["properties"]["label"],
            "sources": {"type": "array", "items": {"$ref": "#/$defs/SourceKey"}},
        },
        "additionalProperties": False,
    }
    source = _class_schema(Source, {})
    defs["DocumentSource"] = {
        "type": "object",
        "description": "A document facts cite (the Source fields other than section and quote).",
        "properties": {
            k: v for k, v in source["properties"].items() if k not in _document.CITATION
        },
        "required": [r for r in source["required"] if r not in _document.CITATION],
        "additionalProperties": False,
    }
    defs["Citation"] = {
        "type": "object",
        "description": "One citation: a document, the section cited (a key of sections) and "
        "the quote.",
        "properties": {
            "document": _key("d", "documents"),
            "section": _key("p", "sections"),
            "quote": {"type": "string", "minLength": 1},
        },
        "required": ["document"],
        "additionalProperties": False,
    }
    _document_type(Condition, defs)
    as_of = {
        "type": "array",
        "items": {
            "type": "array",
            "prefixItems": [{"type": "string"}, {"type": "string"}],
            "minItems": 2,
            "maxItems": 2,
        },
        "description": "(layer id, date) of each dated layer: what the answer cannot know.",
    }
    drug_ref = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "name": {"type": "string", "minLength": 1},
            "brand_names": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id", "name"],
        "additionalProperties": False,
    }

    def per_drug(item: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": item}

    bodies = {
        "drug": {"$ref": "#/$defs/Drug"},
        "comparison": {
            "type": "object",
            "properties": {
                "drugs": {"type": "array", "items": drug_ref, "minItems": 2},
                "shared_adverse_effects": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "term": {"type": "string", "minLength": 1},
                            "umls_cui": {"type": "string", "minLength": 1},
                            "drugs": per_drug({"$ref": "#/$defs/ComparedEffect"}),
                        },
                        "required": ["term", "drugs"],
                        "additionalProperties": False,
                    },
                },
                "overlapping_indications": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "condition": {"$ref": "#/$defs/ConditionKey"},
                            "match": {"enum": ["exact", "hierarchy"]},
                            "drugs": per_drug(
                                {"type": "array", "items": {"$ref": "#/$defs/Indication"}}
                            ),
                        },
                        "required": ["condition", "match", "drugs"],
                        "additionalProperties": False,
                    },
                },
                "withdrawal_risks": {"type": "array", "items": {"$ref": "#/$defs/WithdrawalRisk"}},
                "similarities": {"type": "array", "items": {"$ref": "#/$defs/SimilarityScore"}},
                "as_of": as_of,
            },
            "required": ["drugs"],
            "additionalProperties": False,
        },
        "drugs_for": {
            "type": "object",
            "properties": {
                "condition": {"$ref": "#/$defs/ConditionKey"},
                "statuses": {
                    "anyOf": [
                        {"type": "array", "items": {"enum": [s.value for s in IndicationStatus]}},
                        {"type": "null"},
                    ]
                },
                "drugs": {"type": "array", "items": drug_ref},
                "matches": per_drug({"type": "array", "items": {"$ref": "#/$defs/Indication"}}),
                "as_of": as_of,
            },
            "required": ["condition", "drugs", "matches"],
            "additionalProperties": False,
        },
    }
    tables = {
        "conditions": "Condition",
        "figures": "Figure",
        "contexts": "Context",
        "sources": "Citation",
        "sections": None,
        "documents": "DocumentSource",
    }
    table_schemas = {
        name: {
            "type": "object",
            "additionalProperties": {"$ref": f"#/$defs/{item}"}
            if item
            else {"type": "string", "minLength": 1},
        }
        for name, item in tables.items()
    }
    variants = []
    for kind in _document.KINDS:
        variants.append(
            {
                "type": "object",
                "properties": {
                    "format": {"const": _document.FORMAT},
                    "version": {"const": _document.VERSION},
                    "kind": {"const": kind},
                    "schema": {"type": "string"},
                    "data": bodies[kind],
                    **table_schemas,
                },
                "required": ["format", "version", "kind", "data"],
                "additionalProperties": False,
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": DOCUMENT_SCHEMA_ID,
        "title": f"drugcompare JSON document (version {_document.VERSION})",
        "description": "A comparison, a drug or the drugs for a condition as drugcompare writes "
        "them (to_json(), the CLI's --format json): data refers by key to the tables of "
        "conditions, figures, contexts, sources, sections and documents. See docs/json.md.",
        "oneOf": variants,
        "$defs": dict(sorted(defs.items())),
    }
