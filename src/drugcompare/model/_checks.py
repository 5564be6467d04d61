"""Validators and converters shared by the models: every model rejects impossible values when it
is built, whichever way it is built (by hand, from the packaged data or from a user's dataset)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from .._text import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN + r"\Z")


def non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string, got {value!r}")


def optional_non_empty(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        non_empty(_inst, attribute, value)


def fraction(_inst: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attribute.name} must be a number between 0 and 1, got {value!r}")
    if not 0.0 <= value <= 1.0:  # also rejects NaN
        raise ValueError(f"{attribute.name} must be a fraction between 0 and 1, got {value!r}")


def patients(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name} must be a positive number of patients, got {value!r}")


def has_sources(_inst: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        raise ValueError(f"a fact needs at least one source ({attribute.name} is empty)")


def strings(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence of strings, got the string {value!r}")
    return tuple(value)


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str):
        raise TypeError(f"expected a sequence, got the string {value!r}")
    return tuple(value)


def each_non_empty(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty strings, got {item!r}")


def slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _SLUG.match(value):
        raise ValueError(
            f"{attribute.name} must be a lowercase slug such as 'gabapentin' or 'valproic-acid', "
            f"got {value!r}"
        )


def shorten(items: Iterable[str], limit: int = 3) -> str:
    """``"a, b, c +2"``: the first ``limit`` items and how many more (for reprs)."""
    listed = list(items)
    text = ", ".join(listed[:limit])
    return text + (f" +{len(listed) - limit}" if len(listed) > limit else "")
