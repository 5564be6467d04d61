"""Parsed JSON -> a packaged layer's header records (trusted: validated when they were built).

The header records of a packaged layer (its description, its conditions) are read by the
trusted reader (:mod:`drugcompare._trusted`: no checks, no cattrs); its drug lines go to the
builder as parsed JSON. User datasets are checked by the strict cattrs converter
(:func:`drugcompare._convert.structure`). The models' own validators always run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from .. import _trusted
from ..model import Condition
from .format import LayerInfo

__all__ = ["condition", "layer_info"]

_R = TypeVar("_R")


def _read(data: Mapping[str, Any], cls: type[_R]) -> _R:
    return _trusted.structure(data, cls)


def layer_info(data: Mapping[str, Any]) -> LayerInfo:
    return _read(data, LayerInfo)


def condition(data: Mapping[str, Any]) -> Condition:
    """A condition model from a packaged condition record."""
    return _read(data, Condition)  # the record's fields are the model's
