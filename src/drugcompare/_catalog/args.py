"""Checks of the arguments a caller passes to the public functions, each written once: a name
query, a limit, a fraction, an enum given by name. Bad input raises the documented errors."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeVar

from .._errors import InvalidArgumentError, InvalidArgumentTypeError
from .._text import MAX_QUERY_LENGTH, normalize
from ..model import IndicationStatus

__all__ = [
    "MAX_QUERY_LENGTH",
    "check_fraction",
    "check_limit",
    "check_query",
    "parse_enum",
    "parse_statuses",
]


_E = TypeVar("_E", bound=enum.Enum)


def check_query(query: object, what: str = "drug") -> str:
    """Validate a name query and return it normalised (raises a documented error otherwise)."""
    if isinstance(query, bytes):
        raise InvalidArgumentTypeError(
            f"a {what} name must be str, not bytes; decode it first (for example query.decode('utf-8'))"
        )
    if not isinstance(query, str):
        raise InvalidArgumentTypeError(
            f"a {what} must be given as a name or identifier (str)"
            + (" or a Drug" if what == "drug" else "")
            + f", not {type(query).__name__}"
        )
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidArgumentError(
            f"{what} query is {len(query):,} characters long; names are at most "
            f"{MAX_QUERY_LENGTH} characters"
        )
    key = normalize(query)
    if not key:
        raise InvalidArgumentError(f"empty {what} name {query!r}: give a name, brand or identifier")
    return key


def check_limit(limit: object, *, optional: bool = False) -> int | None:
    """A positive int (or ``None`` where ``optional``): how many rows or results to give."""
    if limit is None and optional:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        allowed = "a positive int or None" if optional else "an int"
        raise InvalidArgumentTypeError(f"limit must be {allowed}, not {type(limit).__name__}")
    if limit < 1:
        raise InvalidArgumentError(f"limit must be at least 1, got {limit}")
    return limit


def check_fraction(value: object, name: str) -> float | None:
    """``None`` or a number between 0 and 1 (5 % is 0.05)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentTypeError(
            f"{name} must be a number between 0 and 1, not {type(value).__name__}"
        )
    if not 0.0 <= value <= 1.0:
        raise InvalidArgumentError(
            f"{name} must be a fraction between 0 and 1 (5 % is 0.05), got {value!r}"
        )
    return float(value)


def parse_enum(cls: type[_E], value: object, what: str) -> _E:
    """An enum member given as itself or by name or value, in any case (``"off-label"``)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = normalize(value).replace(" ", "_")
        for member in cls:
            if key in (member.name.casefold(), str(member.value).casefold()):
                return member
        raise InvalidArgumentError(
            f"unknown {what} {value!r}; use one of: " + ", ".join(str(m.value) for m in cls)
        )
    raise InvalidArgumentTypeError(
        f"{what} must be a {cls.__name__} or its name, not {type(value).__name__}"
    )


def parse_statuses(
    statuses: Iterable[IndicationStatus | str] | IndicationStatus | str | None,
) -> frozenset[IndicationStatus] | None:
    """Statuses given as enums or names (``"approved"``, ``"OFF_LABEL"``, ``"off-label"``)."""
    if statuses is None:
        return None
    if isinstance(statuses, (str, IndicationStatus)):
        statuses = (statuses,)
    if not isinstance(statuses, Iterable):
        raise InvalidArgumentTypeError(
            f"statuses must be a list of IndicationStatus values, not {type(statuses).__name__}"
        )
    out: set[IndicationStatus] = set()
    for status in statuses:
        out.add(parse_enum(IndicationStatus, status, "status"))
    return frozenset(out)
