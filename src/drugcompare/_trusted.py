"""Reading build-validated packaged records into their attrs classes, without cattrs.

The build has passed every packaged record through the strict cattrs converter and the JSON
Schema, so reading them back at run time needs no checks, only the shape: nested records become
their classes, lists tuples, enum values enum members; plain JSON values are taken as they are.
One plan per class, made from its type hints on first use (no code is generated, and cattrs is not
imported: a first comparison in a fresh process does not pay for either). User datasets never come
here; they go through the strict converter of :mod:`drugcompare._convert`.
"""

from __future__ import annotations

import enum
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

__all__ = ["structure"]

_T = TypeVar("_T")
_Convert = Callable[[Any], Any]

_plans: dict[type, Callable[[Mapping[str, Any]], Any]] = {}
_lock = threading.Lock()
_PLAIN = (str, int, float, bool)


def structure(data: Mapping[str, Any], cls: type[_T]) -> _T:
    """``data`` (parsed JSON of a packaged record) as an instance of the attrs class ``cls``."""
    plan = _plans.get(cls)
    if plan is None:
        plan = _plan(cls)
    result: _T = plan(data)
    return result


def _plan(cls: type) -> Callable[[Mapping[str, Any]], Any]:
    with _lock:
        found = _plans.get(cls)
        if found is not None:
            return found
        hints = typing.get_type_hints(cls)
        fields: dict[str, tuple[str, _Convert | None]] = {
            field.name: (field.alias or field.name, _converter(hints[field.name]))
            for field in attrs.fields(cls)
            if field.init
        }

        def build(data: Mapping[str, Any]) -> Any:
            kwargs = {}
            for key, value in data.items():
                entry = fields.get(key)
                if entry is not None:
                    name, convert = entry
                    kwargs[name] = value if convert is None else convert(value)
            return cls(**kwargs)

        _plans[cls] = build
        return build


def _converter(tp: Any) -> _Convert | None:
    """How a JSON value becomes a value of type ``tp`` (None: taken as it is)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no trusted reading for {tp!r}")
        inner = _converter(options[0])
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        element = _converter(args[0])
        if element is None:
            return tuple
        return lambda value: tuple(map(element, value))
    if origin is dict:
        entry = _converter(args[1])
        if entry is None:
            return dict
        return lambda value: {k: entry(v) for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and attrs.has(tp):
        return lambda value: structure(value, tp)
    if tp in _PLAIN or tp is Any:
        return None
    raise TypeError(f"no trusted reading for {tp!r}")
