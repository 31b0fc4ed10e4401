"""Front-matter JSON Schemas: loading (one compiled validator per schema file) and messages.

Format checking is always on for ``date`` (``YYYY-MM-DD``) and ``date-time`` (RFC 3339);
both are checked here, so no optional package is needed. A subschema may carry an
``errorMessage`` (the ajv-errors convention), a string or an object keyed by keyword: it
replaces the generic message for a violation of that subschema (or of that keyword), e.g.
to say that a description is a generator placeholder.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from mdcheck.markdown.yamlsafe import pointer_token
from mdcheck.schema.quickerrors import NeedsJsonschema, explain
from mdcheck.schema.quickschema import FormatCheck, surely_valid
from mdcheck.util.lazyre import LazyPattern

DEFAULT_SCHEMA = "trend-article.frontmatter.schema.json"
PAGE_SCHEMA = "page.frontmatter.schema.json"
# ASCII digits only (\d would take any script's digits) and \Z: $ also matches before a
# final newline
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATE_TIME = LazyPattern(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?P<h>[0-9]{2}):(?P<m>[0-9]{2}):(?P<s>[0-9]{2})"
    r"(?:\.[0-9]+)?(?:[Zz]|[+-](?P<oh>[0-9]{2}):(?P<om>[0-9]{2}))\Z"
)
FORMAT_HINTS = {
    "date": "a date (YYYY-MM-DD)",
    "date-time": "an RFC 3339 date-time (e.g. 2025-02-18T09:30:00+08:00)",
}


def is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if len(value) != 10 or not value.isascii() or not _DATE.match(value):
        return False
    return _real_date(int(value[:4]), int(value[5:7]), int(value[8:]))


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real_date(year: int, month: int, day: int) -> bool:
    """Whether the date exists, as ``datetime.date`` would accept it (checked here: importing
    datetime costs start-up time)."""
    if year < 1 or not 1 <= month <= 12 or day < 1 or day > _DAYS_IN_MONTH[month - 1]:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return month != 2 or day <= 28 or leap


def is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.match(value)
    if match is None or not is_date(match.group("date")):
        return False
    hour, minute, second = (int(match.group(k)) for k in ("h", "m", "s"))
    offset_ok = match.group("oh") is None or (
        int(match.group("oh")) < 24 and int(match.group("om")) < 60
    )
    return hour < 24 and minute < 60 and second <= 60 and offset_ok


FORMAT_CHECKS: dict[str, FormatCheck] = {"date": is_date, "date-time": is_date_time}


@functools.cache  # the package does not move while mdcheck runs
def default_schema_path() -> Path:
    from mdcheck.util.resources import schemas_dir

    return schemas_dir() / DEFAULT_SCHEMA


def page_schema_path() -> Path:
    """The schema for pages that are not articles: nothing required, values sane."""
    from mdcheck.util.resources import schemas_dir

    return schemas_dir() / PAGE_SCHEMA


def compiled_validator(path: str) -> Any:
    """The validator for a schema file, compiled once per path (again when the file
    changes, for long-running servers); ConfigError when unusable."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError:
        stamp = -1
    return _compile(path, stamp)


def validate(path: str, data: Any) -> list[Violation]:
    """The violations of ``data`` under the schema file ``path`` (compiled once per path).

    Plainly valid data (see :mod:`mdcheck.schema.quickschema`) is answered without jsonschema,
    which is imported only to explain a violation or to check a schema other than the
    shipped one (a broken user schema is still a configuration error).
    """
    shipped = _is_shipped(path)
    # the shipped schema does not change while mdcheck runs: no stat for every document
    stamp = _shipped_stamp(path) if shipped else _stamp(path)
    if stamp == -1 or not shipped:
        _compile(path, stamp)
    schema = _read(path, stamp)
    # The explanation first: it is as quick as the verdict and also answers invalid data
    # (placeholder descriptions are common); the verdict covers what it is unsure of.
    quick = explain(data, schema, FORMAT_CHECKS)
    if quick is not None:
        try:
            return _from_errors(quick)
        except NeedsJsonschema:  # a message in jsonschema's words
            pass
    elif surely_valid(data, schema, FORMAT_CHECKS):
        return []
    return violations(_compile(path, stamp), data)


def _stamp(path: str) -> int:
    """The file's modification time (ns), -1 when it cannot be read."""
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


_shipped_stamp = functools.cache(_stamp)


def _is_shipped(path: str) -> bool:
    return path == str(default_schema_path()) or Path(path) == default_schema_path()


@functools.lru_cache(maxsize=16)
def _compile(path: str, stamp: int) -> Any:
    import jsonschema

    from mdcheck.errors import ConfigError

    where = f"front-matter schema {path}"
    schema = _read(path, stamp)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        at = "/".join(str(part) for part in exc.absolute_path) or "the top level"
        raise ConfigError(f"{where}: not a valid JSON Schema at {at}: {exc.message}") from None
    checker = jsonschema.FormatChecker()
    for name, check in FORMAT_CHECKS.items():
        checker.checks(name)(check)
    return cls(schema, format_checker=checker)


@functools.lru_cache(maxsize=16)
def _read(path: str, stamp: int) -> dict[str, Any]:
    from mdcheck.errors import ConfigError

    where = f"front-matter schema {path}"
    try:
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{where}: file does not exist (set by front-matter-schema)") from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read it: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(schema, dict):
        raise ConfigError(f"{where}: not a JSON Schema (the top level must be an object)")
    return schema


class Violation(NamedTuple):
    """One schema violation: the instance's JSON pointer, failed keyword, expectation."""

    pointer: str
    keyword: str
    expected: str
    message: str
    located_on: str  # "value", "key" or "block"


def violations(validator: Any, data: Any) -> list[Violation]:
    return _from_errors(validator.iter_errors(data))


def _from_errors(found: Iterable[Any]) -> list[Violation]:
    """Violations of jsonschema errors (or :class:`~mdcheck.schema.quickerrors.QuickError`)."""
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    seen_required: dict[str, int] = {}
    result = []
    for error in errors:
        nth = 0
        if error.validator == "required":  # one error per missing key, in schema order
            where = _pointer(error.absolute_path)
            nth = seen_required[where] = seen_required.get(where, -1) + 1
        result.append(_violation(error, nth))
    return result


def _pointer(parts: Any) -> str:
    return "".join("/" + pointer_token(part) for part in parts)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        kind = "a list" if isinstance(value, list) else "a mapping"
        return kind if value else f"an empty {kind[2:]}"
    return str(value)


_TYPE_NAMES = {
    "string": "a string",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys to values",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty (null)",
}


def _type_name(expected: Any) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_NAMES.get(str(name), str(name)) for name in names)


def _violation(error: Any, nth: int = 0) -> Violation:
    pointer = _pointer(error.absolute_path)
    keyword = str(error.validator)
    value = error.instance
    where = f"front matter {pointer}" if pointer else "front matter"
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    if isinstance(custom, dict):
        custom = custom.get(keyword)
    if keyword == "required":
        absent = [key for key in error.validator_value if key not in value]
        missing = absent[nth] if nth < len(absent) else "?"
        return Violation(
            f"{pointer}/{pointer_token(missing)}",
            keyword,
            str(missing),
            f"{where} has no '{missing}' key, which the schema requires; add it",
            "block" if not pointer else "key",
        )
    if keyword == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = next((k for k in value if k not in allowed), "?")
        return Violation(
            f"{pointer}/{pointer_token(extra)}",
            keyword,
            "one of: " + ", ".join(sorted(allowed)),
            f"{where} has the key '{extra}', which the schema does not allow; remove or rename it",
            "key",
        )
    expected = _expected(error)
    if keyword == "oneOf" and not error.context:  # every branch failed would leave context
        choices = len(error.validator_value)
        message = (
            f"{where}: {_show(value)} fits more than one of the schema's {choices} oneOf"
            " choices, and must fit exactly one; fix the schema or the value"
        )
        return Violation(pointer, keyword, expected, message, "value")
    if (
        keyword in ("anyOf", "oneOf")
        and error.context
        and all(sub.validator in ("format", "type") for sub in error.context)
    ):
        keyword = "format" if any(s.validator == "format" for s in error.context) else "type"
    types: Any = error.validator_value
    if keyword == "type" and str(error.validator) != "type":  # the choices' own types
        types = [
            name
            for sub in error.context
            for name in (
                sub.validator_value
                if isinstance(sub.validator_value, list)
                else [sub.validator_value]
            )
        ]
        types = list(dict.fromkeys(types))
    if isinstance(custom, str):
        message = f"{where}: {_show(value)} {custom}"
    elif keyword == "type" and value is None and "null" not in str(types):
        message = f"{where} is empty; write {_type_name(types)}"
    elif keyword == "type":
        got = f"the string {_show(value)}" if isinstance(value, str) else _show(value)
        message = f"{where} must be {_type_name(types)}, got {got}"
    elif keyword == "format":
        message = f"{where}: {_show(value)} is not {expected}"
    elif keyword == "minLength" and value == "":
        message = f"{where} is empty; write a value"
    else:
        message = f"{where}: {error.message}"
    return Violation(pointer, keyword, expected, message, "value")


@functools.lru_cache(maxsize=64)
def _not_matching(pattern: str) -> str:
    """One string per pattern: every file that breaks the rule reports the same text, and
    sharing it keeps the results that workers send back small."""
    return f"not matching {pattern}"


def _expected(error: Any) -> str:
    keyword = error.validator
    if keyword == "format":
        return FORMAT_HINTS.get(error.validator_value, str(error.validator_value))
    if keyword in ("anyOf", "oneOf"):
        hints = [
            FORMAT_HINTS.get(sub.validator_value, str(sub.validator_value))
            for sub in error.context or ()
            if sub.validator == "format"
        ]
        if hints:
            return " or ".join(dict.fromkeys(hints))
        return json.dumps(error.validator_value, ensure_ascii=False)
    if keyword == "type":
        return _type_name(error.validator_value)
    if keyword == "not":
        negated = error.validator_value
        if (
            isinstance(negated, dict)
            and set(negated) <= {"type", "pattern"}
            and "pattern" in negated
        ):
            return _not_matching(negated["pattern"])
        return "not " + json.dumps(negated, ensure_ascii=False)
    value = error.validator_value
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
