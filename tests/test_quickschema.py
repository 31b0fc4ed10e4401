"""The quick schema verdict, when it gives one, is jsonschema's."""

from __future__ import annotations

import datetime
import re
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.schema.quickschema import surely_valid, verdict
from mdcheck.util.resources import load_schema


def is_date(value: object) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


FORMATS = {"date": is_date}
CHECKER = jsonschema.FormatChecker()
CHECKER.checks("date")(is_date)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["files"],
    "$defs": {"level": {"enum": ["error", "warning", 1, True]}},
    "properties": {
        "files": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
        "level": {"$ref": "#/$defs/level"},
        "count": {"type": "integer", "minimum": 0, "maximum": 10},
        "ratio": {"type": ["number", "null"]},
        "name": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^a"},
        "flag": {"const": False},
        "table": {"type": "object", "additionalProperties": {"type": "boolean"}},
        "date": {"anyOf": [{"type": "string", "format": "date"}, {"type": "integer"}]},
        "note": {
            "allOf": [{"not": {"type": "string", "pattern": "^(TODO|error)$"}}],
            "errorMessage": {"not": "a placeholder"},
        },
        "one": {"oneOf": [{"type": "string"}, {"minLength": 2}]},
    },
}
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=CHECKER)
CONFIG_SCHEMA = load_schema("config.schema.json")
CONFIG_VALIDATOR = jsonschema.Draft202012Validator(CONFIG_SCHEMA)
KEYS = ["files", "level", "count", "ratio", "name", "flag", "table", "date", "note", "one", "x"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(-3, 12, allow_nan=False),
    st.sampled_from(["", "a", "ab", "abcde", "b", "error", "TODO", "2025-02-18", "2025-2-1"]),
    st.just(datetime.date(2025, 2, 18)),  # what YAML gives for an unquoted date
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=8,
)


good = {
    "level": st.sampled_from(["error", "warning", 1, True, 1.0]),
    "count": st.integers(-1, 11) | st.floats(0, 10, allow_nan=False),
    "ratio": st.none() | st.floats(0, 1, allow_nan=False),
    "name": st.sampled_from(["a", "ab", "abc", "abcde", "ba"]),
    "table": st.dictionaries(st.sampled_from(["x", "y"]), st.booleans()),
    "date": st.sampled_from(["2025-02-18", "2025-2-18", 3]),
    "note": st.sampled_from(["TODO", "fine", "error"]),
    "one": st.sampled_from(["a", "abc", 5, ["a", "b"]]),
}
instances = st.fixed_dictionaries(
    {
        "files": st.one_of(
            *[st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=3)] * 3,
            st.lists(st.sampled_from(["a", 1]), max_size=4),
        )
    },
    optional={key: st.one_of(*[strategy] * 3, values) for key, strategy in good.items()},
)


@settings(max_examples=300, deadline=None)
@given(instances | st.dictionaries(st.sampled_from(KEYS), values, max_size=5))
def test_a_verdict_is_always_jsonschemas(instance: dict[str, Any]) -> None:
    found = verdict(instance, SCHEMA, FORMATS)
    if found is not None:
        assert found == VALIDATOR.is_valid(instance)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["select", "ignore", "fail-level", "x"]), values))
def test_a_configuration_verdict_is_always_jsonschemas(instance: dict[str, Any]) -> None:
    found = verdict(instance, CONFIG_SCHEMA)
    if found is not None:
        assert found == CONFIG_VALIDATOR.is_valid(instance)


@pytest.mark.parametrize(
    "instance",
    [
        {"files": ["a"]},
        {"files": ["a", "b"], "level": "error", "count": 3, "ratio": None, "name": "ab"},
        {"files": ["a"], "level": 1, "count": 2.0, "ratio": 1.5, "flag": False},
        {"files": ["a"], "table": {"x": True}, "date": "2025-02-18", "note": "fine"},
        {"files": ["a"], "one": 5},
    ],
)
def test_plainly_valid_instances_are_certain(instance: dict[str, Any]) -> None:
    assert surely_valid(instance, SCHEMA, FORMATS)


@pytest.mark.parametrize(
    "instance",
    [
        {},
        {"files": []},
        {"files": ["a"], "name": "ba"},
        {"files": ["a"], "note": "TODO"},
        {"files": ["a"], "date": "18.2.2025"},
        {"files": ["a"], "one": "abc"},  # matches both branches of oneOf
    ],
)
def test_plainly_invalid_instances_are_certain(instance: dict[str, Any]) -> None:
    assert verdict(instance, SCHEMA, FORMATS) is False
    assert not VALIDATOR.is_valid(instance)


@pytest.mark.parametrize(
    ("instance", "schema"),
    [
        ({"a": 1}, {"patternProperties": {"a": {}}}),  # a keyword it does not know
        ([1], {"$ref": "https://example.com/schema.json"}),  # a remote reference
        ("2025-02-18", {"format": "date"}),  # a format it was not given
        (datetime.date(2025, 2, 18), {"type": "string"}),  # not a JSON value
        ([1], {"enum": [[1]]}),  # structured equality
        ({"a": 1}, {"$schema": "http://json-schema.org/draft-07/schema#", "required": ["a"]}),
    ],
)
def test_unsure_where_it_cannot_be_certain(instance: Any, schema: dict[str, Any]) -> None:
    assert verdict(instance, schema) is None
    assert not surely_valid(instance, schema)


def test_booleans_are_not_numbers_in_enums() -> None:
    assert verdict(True, {"enum": ["error", 1]}) is False
    assert verdict(1, {"enum": [True]}) is False
    assert verdict(1, {"enum": [1.0]}) is True


def test_a_reference_under_a_subschema_with_its_own_id_is_not_sure() -> None:
    schema = {
        "properties": {
            "rating": {
                "$id": "https://example.com/rating",
                "$defs": {"t": {"type": "string"}},
                "$ref": "#/$defs/t",
            }
        },
        "$defs": {"t": {"type": "integer"}},
    }
    assert verdict({"rating": 5}, schema) is None
    assert not jsonschema.Draft202012Validator(schema).is_valid({"rating": 5})
    from mdcheck.schema.fmschema import violations

    validator = jsonschema.Draft202012Validator(schema)
    assert [v.message for v in violations(validator, {"rating": 5})] == [
        "front matter /rating must be a string, got 5"
    ]


@pytest.mark.parametrize(
    "schema", [{"minimum": 5}, {"maximum": 5}, {"const": 1.0}, {"enum": [1, 2]}]
)
def test_nan_is_not_sure(schema: dict[str, Any]) -> None:
    assert verdict(float("nan"), schema) is None


def test_a_value_fitting_several_one_of_choices_says_so(tmp_path: Any) -> None:
    import json

    from mdcheck.schema.fmschema import validate

    path = tmp_path / "s.json"
    schema = {"properties": {"n": {"oneOf": [{"type": "integer"}, {"type": "number"}]}}}
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert [v.message for v in validate(str(path), {"n": 5})] == [
        "front matter /n: 5 fits more than one of the schema's 2 oneOf choices, and must fit"
        " exactly one; fix the schema or the value"
    ]
    assert [v.message for v in validate(str(path), {"n": "x"})] == [
        "front matter /n must be a whole number or a number, got the string 'x'"
    ]
