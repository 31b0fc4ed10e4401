"""A quick yes-or-unsure JSON Schema check, so valid configurations skip importing jsonschema.

Importing jsonschema costs about as much as the rest of a single-file run. Most
configurations are valid and their schema uses a handful of keywords, so
:func:`surely_valid` checks those directly. It answers True only when the instance is
valid under every keyword it meets; an unknown keyword, a remote reference or any problem
makes it answer False, and the caller then runs the real validator (which also writes the
error message). It never accepts what jsonschema would reject.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Keywords that never affect validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
)
_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


def surely_valid(instance: Any, schema: Mapping[str, Any]) -> bool:
    """True if ``instance`` is certainly valid under ``schema``; False if unsure or invalid."""
    try:
        return _valid(instance, schema, schema, 0)
    except (KeyError, TypeError, ValueError, RecursionError):
        return False


def _valid(value: Any, schema: Any, root: Mapping[str, Any], depth: int) -> bool:
    if schema is True:
        return True
    if not isinstance(schema, Mapping) or depth > 50:
        return False
    for keyword, expected in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None or not check(value, expected, schema, root, depth):
            return False
    return True


def _type(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    names = [expected] if isinstance(expected, str) else list(expected)
    return any(_TYPES[name](value) for name in names)


def _enum(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return any(_same(value, option) for option in expected)


def _const(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return _same(value, expected)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return type(a) in (int, float, str, type(None)) and a == b and type(b) is not list


def _properties(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    if not isinstance(value, dict):
        return True
    return all(
        _valid(value[key], sub, root, depth + 1) for key, sub in expected.items() if key in value
    )


def _additional(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    if not isinstance(value, dict):
        return True
    if "patternProperties" in schema:
        return False
    known = schema.get("properties", {})
    extra = [key for key in value if key not in known]
    if expected is False:
        return not extra
    return all(_valid(value[key], expected, root, depth + 1) for key in extra)


def _required(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not isinstance(value, dict) or all(key in value for key in expected)


def _items(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    if not isinstance(value, list):
        return True
    if not isinstance(expected, (Mapping, bool)) or "prefixItems" in schema:
        return False
    return all(_valid(item, expected, root, depth + 1) for item in value)


def _min_items(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not isinstance(value, list) or len(value) >= expected


def _max_items(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not isinstance(value, list) or len(value) <= expected


def _min_length(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not isinstance(value, str) or len(value) >= expected


def _minimum(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not _TYPES["number"](value) or value >= expected


def _maximum(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    return not _TYPES["number"](value) or value <= expected


def _ref(value: Any, expected: Any, schema: Any, root: Any, depth: int) -> bool:
    if not isinstance(expected, str) or not expected.startswith("#/"):
        return False
    target: Any = root
    for part in expected[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return _valid(value, target, root, depth + 1)


_KEYWORDS: dict[str, Any] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "minimum": _minimum,
    "maximum": _maximum,
    "$ref": _ref,
}
