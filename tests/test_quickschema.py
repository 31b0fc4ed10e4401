"""The quick schema check never accepts what jsonschema rejects."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.quickschema import surely_valid
from mdcheck.resources import load_schema

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["files"],
    "$defs": {"level": {"enum": ["error", "warning", 1, True]}},
    "properties": {
        "files": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
        "level": {"$ref": "#/$defs/level"},
        "count": {"type": "integer", "minimum": 0, "maximum": 10},
        "ratio": {"type": ["number", "null"]},
        "name": {"type": "string", "minLength": 2},
        "flag": {"const": False},
        "table": {"type": "object", "additionalProperties": {"type": "boolean"}},
    },
}
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CONFIG_SCHEMA = load_schema("config.schema.json")
CONFIG_VALIDATOR = jsonschema.Draft202012Validator(CONFIG_SCHEMA)
KEYS = ["files", "level", "count", "ratio", "name", "flag", "table", "other"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(-3, 12, allow_nan=False),
    st.sampled_from(["", "a", "ab", "error", "warning"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=5))
def test_never_accepts_an_invalid_instance(instance: dict[str, Any]) -> None:
    if surely_valid(instance, SCHEMA):
        assert VALIDATOR.is_valid(instance)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["select", "ignore", "fail-level", "x"]), values))
def test_never_accepts_an_invalid_configuration(instance: dict[str, Any]) -> None:
    if surely_valid(instance, CONFIG_SCHEMA):
        assert CONFIG_VALIDATOR.is_valid(instance)


@pytest.mark.parametrize(
    "instance",
    [
        {"files": ["a"]},
        {"files": ["a", "b"], "level": "error", "count": 3, "ratio": None, "name": "ab"},
        {"files": ["a"], "level": 1, "count": 2.0, "ratio": 1.5, "flag": False},
        {"files": ["a"], "table": {"x": True}},
    ],
)
def test_accepts_plainly_valid_instances(instance: dict[str, Any]) -> None:
    assert surely_valid(instance, SCHEMA)


@pytest.mark.parametrize(
    ("instance", "schema"),
    [
        (True, {"enum": ["error", 1]}),  # a boolean is not the number 1
        (1, {"enum": [True]}),
        ({"a": 1}, {"patternProperties": {"a": {}}}),  # unknown keyword: unsure
        ({"a": "x"}, {"properties": {"a": {"pattern": "x"}}}),
        ([1], {"$ref": "https://example.com/schema.json"}),
    ],
)
def test_unsure_about_lookalikes_unknown_keywords_and_remote_references(
    instance: Any, schema: dict[str, Any]
) -> None:
    assert not surely_valid(instance, schema)
