"""The violations jsonschema would report, for common schemas, without importing it.

:func:`explain` walks a schema the way jsonschema's ``iter_errors`` does (keywords in the
schema's order; ``properties``, ``items``, ``allOf``, ``anyOf`` and ``not`` descend) and
returns :class:`QuickError` objects carrying the attributes of jsonschema's
``ValidationError`` that mdcheck's messages read. It returns None (not sure: use
jsonschema) for anything it does not model: ``$ref``, ``oneOf``, ``patternProperties``,
``prefixItems``, a schema for additional properties, an unknown keyword or format, a
value that is not plain JSON. A QuickError has no ``message``: asking for it raises
:class:`NeedsJsonschema`, so a caller that needs jsonschema's wording falls back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mdcheck.schema.quickschema import (
    _ANNOTATIONS,
    _DRAFTS,
    _KEYWORDS,
    FormatCheck,
    _Evaluator,
    _plain,
)

#: Keywords that yield at most one error for the value, exactly when they fail.
_ASSERTIONS = frozenset(
    {
        "type",
        "enum",
        "const",
        "minItems",
        "maxItems",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "pattern",
        "format",
    }
)


class NeedsJsonschema(Exception):
    """The answer needs jsonschema itself (e.g. its wording of a message)."""


class _Unsure(Exception):
    pass


class QuickError:
    """What mdcheck reads of a jsonschema ``ValidationError``."""

    __slots__ = ("absolute_path", "context", "instance", "schema", "validator", "validator_value")

    def __init__(
        self,
        path: tuple[Any, ...],
        keyword: str,
        expected: Any,
        instance: Any,
        schema: Mapping[str, Any],
        *,
        context: list[QuickError] | None = None,
    ) -> None:
        self.absolute_path = path
        self.validator = keyword
        self.validator_value = expected
        self.instance = instance
        self.schema = schema
        self.context = context or []

    @property
    def path(self) -> tuple[Any, ...]:
        return self.absolute_path

    @property
    def message(self) -> str:
        raise NeedsJsonschema(self.validator)


def explain(
    instance: Any, schema: Mapping[str, Any], formats: Mapping[str, FormatCheck]
) -> list[QuickError] | None:
    """jsonschema's errors for ``instance``, in its order, or None when not sure."""
    if schema.get("$schema", _DRAFTS[0]) not in _DRAFTS:
        return None
    try:
        return _Explainer(schema, formats).errors(instance, schema, (), 0)
    except (_Unsure, KeyError, TypeError, ValueError, IndexError, RecursionError):
        return None


class _Explainer:
    def __init__(self, root: Mapping[str, Any], formats: Mapping[str, FormatCheck]) -> None:
        self.evaluator = _Evaluator(root, formats)

    def errors(
        self, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        if schema is True:
            return []
        if not isinstance(schema, dict) or depth > 50:
            raise _Unsure
        found: list[QuickError] = []
        for keyword, expected in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword in _ASSERTIONS:
                verdict = _KEYWORDS[keyword](self.evaluator, expected, value, schema, depth)
                if verdict is None:
                    raise _Unsure
                if verdict is False:
                    found.append(QuickError(path, keyword, expected, value, schema))
                continue
            method = _APPLICATORS.get(keyword)
            if method is None:
                raise _Unsure
            found.extend(method(self, expected, value, schema, path, depth))
        return found

    @staticmethod
    def _object(value: Any) -> bool:
        """Whether the value is an object; unsure for values that are not plain JSON."""
        if isinstance(value, dict):
            return True
        if _plain(value):
            return False
        raise _Unsure

    def k_required(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        if not self._object(value):
            return []
        missing = [key for key in expected if key not in value]
        return [QuickError(path, "required", expected, value, schema) for _ in missing]

    def k_properties(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        if not self._object(value):
            return []
        found: list[QuickError] = []
        for key, sub in expected.items():
            if key in value:
                found.extend(self.errors(value[key], sub, (*path, key), depth + 1))
        return found

    def k_additionalProperties(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        if not self._object(value):
            return []
        if "patternProperties" in schema or expected not in (True, False):
            raise _Unsure
        known = schema.get("properties", {})
        if expected is False and any(key not in known for key in value):
            return [QuickError(path, "additionalProperties", expected, value, schema)]
        return []

    def k_items(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        if not isinstance(value, list):
            self._object(value)  # unsure for values that are not plain JSON
            return []
        if "prefixItems" in schema or not isinstance(expected, dict):
            raise _Unsure
        found: list[QuickError] = []
        for index, item in enumerate(value):
            found.extend(self.errors(item, expected, (*path, index), depth + 1))
        return found

    def k_allOf(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        found: list[QuickError] = []
        for sub in expected:
            found.extend(self.errors(value, sub, path, depth + 1))
        return found

    def k_anyOf(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        context: list[QuickError] = []
        for sub in expected:
            sub_errors = self.errors(value, sub, path, depth + 1)
            if not sub_errors:
                return []
            context.extend(sub_errors)
        return [QuickError(path, "anyOf", expected, value, schema, context=context)]

    def k_not(
        self, expected: Any, value: Any, schema: Any, path: tuple[Any, ...], depth: int
    ) -> list[QuickError]:
        inner = self.evaluator.eval(value, expected, depth + 1)
        if inner is None:
            raise _Unsure
        return [QuickError(path, "not", expected, value, schema)] if inner else []


#: keyword -> its ``k_`` method, looked up once instead of by name for every keyword met
_APPLICATORS: dict[str, Callable[..., list[QuickError]]] = {
    name[2:]: method for name, method in vars(_Explainer).items() if name.startswith("k_")
}
