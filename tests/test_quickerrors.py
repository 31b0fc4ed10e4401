"""quickerrors gives the same front-matter violations as jsonschema whenever it answers."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.schema.fmschema import (
    FORMAT_CHECKS,
    _compile,
    _from_errors,
    _read,
    default_schema_path,
    violations,
)
from mdcheck.schema.quickerrors import NeedsJsonschema, explain

SCHEMA_PATH = str(default_schema_path())
EXTRA_SCHEMA = {
    "type": "object",
    "required": ["a", "b"],
    "additionalProperties": False,
    "properties": {
        "a": {"type": "integer", "minimum": 1, "maximum": 9},
        "b": {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "null"}]},
        "c": {"type": "array", "items": {"enum": ["x", "y"]}, "minItems": 1},
        "d": {"not": {"const": "bad"}, "errorMessage": {"not": "is bad"}},
    },
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            " x ",
            "x",
            "bad",
            "TODO",
            "Generated from a.md",
            "2025-02-18",
            "2025-02-30",
            "2025-02-18T09:30:00+08:00",
            "2025-02-18 09:30",
            "一篇文章",
        ]
    ),
    st.text(max_size=6),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)
keys = st.sampled_from(
    [
        "title",
        "date",
        "description",
        "tags",
        "categories",
        "author",
        "draft",
        "a",
        "b",
        "c",
        "d",
        "x",
    ]
)
documents = st.dictionaries(keys, values, max_size=8) | values


def _quick(data: Any, schema: dict[str, Any]) -> list[Any] | None:
    errors = explain(data, schema, FORMAT_CHECKS)
    if errors is None:
        return None
    try:
        return _from_errors(errors)
    except NeedsJsonschema:
        return None


@settings(max_examples=400, deadline=None)
@given(documents)
def test_same_violations_as_jsonschema_for_the_shipped_schema(data: Any) -> None:
    quick = _quick(data, _read(SCHEMA_PATH, -2))
    if quick is not None:
        assert quick == violations(_compile(SCHEMA_PATH, -2), data)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_same_violations_as_jsonschema_for_other_keywords(data: Any) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        EXTRA_SCHEMA, format_checker=jsonschema.FormatChecker()
    )
    quick = _quick(data, EXTRA_SCHEMA)
    if quick is not None:
        assert quick == violations(validator, data)


def test_answers_the_usual_invalid_front_matter_itself() -> None:
    data = {"title": " x", "date": "2025-02-30", "description": "Generated from a.md"}
    quick = _quick(data, _read(SCHEMA_PATH, -2))
    assert quick is not None
    assert [v.keyword for v in quick] == ["format", "not", "pattern"]


def test_leaves_values_that_are_not_plain_json_to_jsonschema() -> None:
    data = {"title": "t", "date": datetime.date(2025, 2, 18), "description": "d"}
    assert explain(data, _read(SCHEMA_PATH, -2), FORMAT_CHECKS) is None
