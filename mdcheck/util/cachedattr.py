"""``cached_property`` without a lock.

:func:`functools.cached_property` takes a lock on every first read before Python 3.12,
and a document's analyses are read for the first time once per document: over a whole
repository that lock is a measurable share of the run. Documents and their analyses are
never shared between threads, so this descriptor computes the value and stores it in the
instance's ``__dict__``, where later reads find it without calling the descriptor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

_T = TypeVar("_T")


class cached_property(Generic[_T]):  # named like the functools descriptor it replaces
    """The value of ``func(instance)``, computed on first read and then stored on the
    instance (which needs a ``__dict__``)."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_property[_T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value
