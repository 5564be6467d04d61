"""Load once, lazily, thread-safely: the one helper behind every cached piece of state.

``once`` turns a method into a value computed on first access and kept on the instance (under the
instance's lock, so two threads never build it twice); ``Lazy`` holds one module-level value built
by a factory on first use. Both follow the double-checked pattern of pycountry's ``db.py``: the
fast path reads without the lock, the slow path builds under it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["Lazy", "once"]

_T = TypeVar("_T")
_MISSING: Any = object()


class once(Generic[_T]):
    """A method computed on first access, once, under the owner's ``_lock``, then cached.

    The owner must have a ``_lock`` attribute (a ``threading.Lock`` or ``RLock``) and a
    ``__dict__``. Use ``RLock`` when one cached value is built from another.
    """

    def __init__(self, method: Callable[[Any], _T]) -> None:
        self._method = method
        self._name = method.__name__
        self.__doc__ = method.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> once[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> _T: ...

    def __get__(self, instance: object | None, owner: type) -> once[_T] | _T:
        if instance is None:
            return self
        cache = instance.__dict__
        value = cache.get(self._name, _MISSING)
        if value is _MISSING:
            with instance._lock:  # type: ignore[attr-defined]
                value = cache.get(self._name, _MISSING)
                if value is _MISSING:
                    value = self._method(instance)
                    cache[self._name] = value
        return value  # type: ignore[no-any-return]


class Lazy(Generic[_T]):
    """One value built by ``factory`` on the first :meth:`get`, then shared."""

    def __init__(self, factory: Callable[[], _T]) -> None:
        self._factory = factory
        self._value: _T = _MISSING
        self._lock = threading.Lock()

    def get(self) -> _T:
        value = self._value
        if value is _MISSING:
            with self._lock:
                value = self._value
                if value is _MISSING:
                    value = self._factory()
                    self._value = value
        return value
