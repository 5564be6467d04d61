"""Parsed JSON -> records, for packaged layers (trusted: validated when they were built).

The one reader of the layer format is cattrs: user datasets are structured by the strict
converter (:func:`drugcompare._convert.structure`), packaged records by the trusted one, into the
same record classes. The models' own validators still run when records become models.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from .. import _convert
from ..model import Condition
from .format import ConditionRecord, DocumentRecord, LayerInfo
from .records import DrugRecord

__all__ = ["condition", "document", "drug_record", "layer_info"]

_R = TypeVar("_R")


def _read(data: Mapping[str, Any], cls: type[_R]) -> _R:
    return _convert.trusted().structure(data, cls)


def drug_record(data: Mapping[str, Any]) -> DrugRecord:
    """A packaged drug record from its parsed JSON line."""
    return _read(data, DrugRecord)


def document(data: Mapping[str, Any]) -> DocumentRecord:
    return _read(data, DocumentRecord)


def layer_info(data: Mapping[str, Any]) -> LayerInfo:
    return _read(data, LayerInfo)


def condition(data: Mapping[str, Any]) -> Condition:
    """A condition model from a packaged condition record."""
    record = _read(data, ConditionRecord)
    return Condition(
        id=record.id,
        name=record.name,
        synonyms=record.synonyms,
        xrefs=record.xrefs,
        parents=record.parents,
        aliases=record.aliases,
    )
