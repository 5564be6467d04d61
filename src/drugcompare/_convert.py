"""The library's cattrs converters, built on first use (cattrs is not imported at start-up).

:func:`converter` is strict: JSON values must already have the right type and unknown keys are
errors; user datasets and every packaged record at build time go through it, and its failures
become :class:`DatasetError` messages a person can read (:func:`structure`). Packaged layers are
read at run time by :mod:`drugcompare._trusted`, without cattrs. :func:`unstructure_compact`
leaves out fields at their default (the JSON documents). Neither is cattrs' global converter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import DatasetError
from ._once import Lazy

if TYPE_CHECKING:
    from cattrs import Converter

_T = TypeVar("_T")


def _make_strict() -> Converter:
    from cattrs.preconf.json import make_converter

    made = make_converter(forbid_extra_keys=True)
    _install_strict_hooks(made)
    return made


def _make_compact() -> Converter:
    from cattrs.preconf.json import make_converter

    return make_converter(omit_if_default=True)


_strict: Lazy[Converter] = Lazy(_make_strict)
_compact: Lazy[Converter] = Lazy(_make_compact)


def converter() -> Converter:
    """The private JSON converter (``forbid_extra_keys=True``); never cattrs' global one."""
    return _strict.get()


def _install_strict_hooks(conv: Converter) -> None:
    """JSON values must already have the right type: no silent ``str(42)`` or ``int("7")``."""

    def strict_str(value: Any, _: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {type(value).__name__} {value!r:.60}")
        return value

    def strict_int(value: Any, _: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, got {type(value).__name__} {value!r:.60}")
        return value

    def strict_float(value: Any, _: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number, got {type(value).__name__} {value!r:.60}")
        return float(value)

    def strict_bool(value: Any, _: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {type(value).__name__} {value!r:.60}")
        return value

    def strict_str_tuple(value: Any, _: Any) -> tuple[str, ...]:
        if not isinstance(value, (list, tuple)):
            raise ValueError(
                f"expected a list of strings, got {type(value).__name__} {value!r:.60}"
            )
        return tuple(strict_str(item, str) for item in value)

    # Exact-type predicates: a class-based hook for str would also catch the str-valued enums.
    conv.register_structure_hook_func(lambda t: t is str, strict_str)
    conv.register_structure_hook_func(lambda t: t is int, strict_int)
    conv.register_structure_hook_func(lambda t: t is float, strict_float)
    conv.register_structure_hook_func(lambda t: t is bool, strict_bool)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], strict_str_tuple)

    strict: dict[type, Callable[[Any, Any], Any]] = {
        str: strict_str,
        int: strict_int,
        float: strict_float,
        bool: strict_bool,
    }
    for base, hook in strict.items():
        conv.register_structure_hook_func(_is_optional_of(base), _optional(hook))


def _is_optional_of(base: type) -> Callable[[Any], bool]:
    optional = base | None
    return lambda t: bool(t == optional)


def _optional(hook: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    return lambda value, _: None if value is None else hook(value, None)


def _describe(exc: BaseException, type_: Any) -> str:
    """A message a person can act on, for one leaf error of a cattrs validation failure."""
    import enum
    import typing

    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(map(repr, exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    members = [
        t
        for t in (type_, *typing.get_args(type_))
        if isinstance(t, type) and issubclass(t, enum.Enum)
    ]
    if members:
        choices = ", ".join(repr(m.value) for m in members[0])
        return f"{exc}; expected one of {choices}"
    if isinstance(exc, (ValueError, TypeError)) and str(exc):
        return str(exc)
    name = getattr(type_, "__name__", None) or str(type_)
    return f"invalid value, expected {name}"


def unstructure(obj: Any) -> Any:
    return converter().unstructure(obj)


def unstructure_compact(obj: Any) -> Any:
    """Plain data without the fields that are at their default (None, empty): what the JSON
    documents of :mod:`drugcompare._document` carry; :func:`structure` restores the defaults."""
    return _compact.get().unstructure(obj)


def structure(data: Any, cls: type[_T], *, file: str | None, record: str | None) -> _T:
    """Structure ``data`` as ``cls``; any failure becomes a :class:`DatasetError` naming the
    file, record and field."""
    from cattrs import transform_error
    from cattrs.errors import BaseValidationError

    conv = converter()
    try:
        return conv.structure(data, cls)
    except BaseValidationError as exc:
        messages = transform_error(exc, path="$", format_exception=_describe)
        reasons = []
        first_path: str | None = None
        for message in messages:
            reason, sep, path = message.rpartition(" @ ")
            if not sep:
                reason, path = message, ""
            if first_path is None and path:
                first_path = path
            reasons.append(f"{reason} (at {path})" if path and len(messages) > 1 else reason)
        raise DatasetError("; ".join(reasons), file=file, record=record, field=first_path) from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DatasetError(str(exc), file=file, record=record) from None
