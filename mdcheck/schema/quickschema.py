"""A quick JSON Schema verdict, so plainly valid data skips importing jsonschema.

Importing jsonschema costs about as much as the rest of a single-file run. Most
configurations and most front matter are valid, and their schemas use a handful of
keywords, so :func:`verdict` evaluates those directly, in three values: True (certainly
valid), False (certainly invalid) or None (not sure: an unknown keyword, a remote
reference, a value that is not plain JSON). Callers run the real validator unless the
verdict is True; jsonschema also writes the error messages. The verdict never differs
from jsonschema's when it is not None.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

Verdict = bool | None
FormatCheck = Callable[[object], bool]

#: Keywords that never affect validity (``errorMessage`` is mdcheck's message convention).
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "errorMessage",
    }
)
_DRAFTS = (
    "https://json-schema.org/draft/2020-12/schema",
    "https://json-schema.org/draft/2020-12/schema#",
    "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2019-09/schema#",
)
_JSON_TYPES = (type(None), bool, int, float, str, list, dict)
_TYPES: dict[str, Callable[[Any], bool]] = {
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


def surely_valid(
    instance: Any, schema: Mapping[str, Any], formats: Mapping[str, FormatCheck] | None = None
) -> bool:
    """True only if ``instance`` is certainly valid under ``schema``."""
    return verdict(instance, schema, formats) is True


def verdict(
    instance: Any, schema: Mapping[str, Any], formats: Mapping[str, FormatCheck] | None = None
) -> Verdict:
    """True (valid), False (invalid) or None (not sure), as jsonschema would decide.

    ``formats`` are the format checks the real validator applies (name -> check); any
    other ``format`` makes the verdict unsure.
    """
    if schema.get("$schema", _DRAFTS[0]) not in _DRAFTS:
        return None  # older drafts differ (e.g. $ref ignores its siblings)
    try:
        return _Evaluator(schema, formats or {}).eval(instance, schema, 0)
    except (KeyError, TypeError, ValueError, IndexError, RecursionError, re.error):
        return None


def _all(verdicts: Any) -> Verdict:
    """Every part valid: False as soon as one is certainly invalid."""
    unsure = False
    for part in verdicts:
        if part is False:
            return False
        if part is None:
            unsure = True
    return None if unsure else True


class _Evaluator:
    def __init__(self, root: Mapping[str, Any], formats: Mapping[str, FormatCheck]) -> None:
        self.root = root
        self.formats = formats
        self.scoped = _has_nested_id(root)

    def eval(self, value: Any, schema: Any, depth: int) -> Verdict:
        if schema is True or schema == {}:
            return True
        if schema is False:
            return False
        if not isinstance(schema, Mapping) or depth > 50:
            return None
        return _all(self._keyword(k, v, value, schema, depth) for k, v in schema.items())

    def _keyword(
        self, keyword: str, expected: Any, value: Any, schema: Mapping[str, Any], depth: int
    ) -> Verdict:
        if keyword in _ANNOTATIONS:
            return True
        method = _KEYWORDS.get(keyword)
        if method is None:
            return None
        result: Verdict = method(self, expected, value, schema, depth)
        return result

    # -- applicators ------------------------------------------------------------------------

    def k_ref(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(expected, str) or not expected.startswith("#") or self.scoped:
            return None  # a subschema's own $id would change what the reference means
        target: Any = self.root
        for part in expected[2:].split("/") if len(expected) > 1 else ():
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return self.eval(value, target, depth + 1)

    def k_allOf(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _all(self.eval(value, sub, depth + 1) for sub in expected)

    def k_anyOf(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        results = [self.eval(value, sub, depth + 1) for sub in expected]
        if True in results:
            return True
        return False if all(r is False for r in results) else None

    def k_oneOf(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        results = [self.eval(value, sub, depth + 1) for sub in expected]
        valid = results.count(True)
        if valid > 1:
            return False
        if None in results:
            return None
        return valid == 1

    def k_not(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        inner = self.eval(value, expected, depth + 1)
        return None if inner is None else not inner

    def k_properties(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(value, dict):
            return True if _plain(value) else None
        return _all(
            self.eval(value[key], sub, depth + 1) for key, sub in expected.items() if key in value
        )

    def k_additionalProperties(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(value, dict):
            return True if _plain(value) else None
        if "patternProperties" in schema:
            return None
        known = schema.get("properties", {})
        return _all(self.eval(value[k], expected, depth + 1) for k in value if k not in known)

    def k_items(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(value, list):
            return True if _plain(value) else None
        if "prefixItems" in schema or not isinstance(expected, (Mapping, bool)):
            return None
        return _all(self.eval(item, expected, depth + 1) for item in value)

    # -- assertions -------------------------------------------------------------------------

    def k_type(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not _plain(value):
            return None
        names = [expected] if isinstance(expected, str) else list(expected)
        return any(_TYPES[name](value) for name in names)

    def k_enum(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        results = [_equal(value, option) for option in expected]
        if True in results:
            return True
        return False if all(r is False for r in results) else None

    def k_const(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _equal(value, expected)

    def k_required(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(value, dict):
            return True if _plain(value) else None
        return all(key in value for key in expected)

    def k_minItems(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _sized(value, list, lambda n: n >= expected)

    def k_maxItems(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _sized(value, list, lambda n: n <= expected)

    def k_minLength(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _sized(value, str, lambda n: n >= expected)

    def k_maxLength(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        return _sized(value, str, lambda n: n <= expected)

    def k_minimum(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not _plain(value) or _nan(value) or _nan(expected):
            return None  # NaN compares false either way: jsonschema's wording decides
        return not _TYPES["number"](value) or value >= expected

    def k_maximum(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not _plain(value) or _nan(value) or _nan(expected):
            return None
        return not _TYPES["number"](value) or value <= expected

    def k_pattern(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        if not isinstance(value, str):
            return True if _plain(value) else None
        return _compiled(expected).search(value) is not None  # as jsonschema: re.search

    def k_format(self, expected: Any, value: Any, schema: Any, depth: int) -> Verdict:
        check = self.formats.get(expected)
        if check is None:
            return None
        return bool(check(value))


#: keyword -> its ``k_`` method, looked up once instead of by name for every keyword checked
_KEYWORDS: dict[str, Callable[..., Verdict]] = {
    "$ref" if name == "k_ref" else name[2:]: method
    for name, method in vars(_Evaluator).items()
    if name.startswith("k_")
}


def _has_nested_id(schema: Any, top: bool = True) -> bool:
    """Whether a subschema (not the root) has its own ``$id``: a base URI of its own."""
    if isinstance(schema, Mapping):
        if not top and "$id" in schema:
            return True
        return any(_has_nested_id(sub, False) for sub in schema.values())
    if isinstance(schema, list):
        return any(_has_nested_id(sub, False) for sub in schema)
    return False


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _plain(value: Any) -> bool:
    """A value of a JSON type (YAML dates, sets and the like leave the verdict unsure)."""
    return type(value) in _JSON_TYPES


def _sized(value: Any, kind: type[Any], test: Callable[[int], bool]) -> Verdict:
    if isinstance(value, kind):
        return test(len(value))
    return True if _plain(value) else None


def _equal(a: Any, b: Any) -> Verdict:
    scalars = (type(None), int, float, str)
    if isinstance(a, bool) or isinstance(b, bool):
        if type(a) in (*scalars, bool) and type(b) in (*scalars, bool):
            return a is b
        return None
    if _nan(a) or _nan(b):
        return None
    if type(a) in scalars and type(b) in scalars:
        return bool(a == b)
    return None


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
