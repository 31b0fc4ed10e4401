"""Safe, bounded YAML loading with positions, duplicate keys and plain-word errors.

Only the safe loader is used (libyaml's ``CSafeLoader`` when PyYAML has it): a tag such as
``!!python/object`` is reported, never constructed. Input is bounded before and during
parsing: text longer than :data:`MAX_CHARS`, nesting deeper than :data:`MAX_DEPTH` and a
document that expands (through aliases) to more than :data:`MAX_NODES` values are reported
instead of loaded, so an alias bomb finishes at once with bounded memory.

Positions are 0-based (line, column) in the loaded text; callers map them to the file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from mdcheck.markdown.yamlflat import read_flat
from mdcheck.util.lazyre import LazyPattern

MAX_CHARS = 256 * 1024
MAX_DEPTH = 64
MAX_NODES = 20_000
_CHAIN = LazyPattern(r"[ \t]*((?:[-?](?:[ \t]+|$))*)")  # "- - - x": one level per indicator

Pos = tuple[int, int]  # 0-based line, column


class Region(NamedTuple):
    """Where a value sits: its key (None for the root and list items) and its value."""

    key_start: Pos | None
    key_end: Pos | None
    start: Pos
    end: Pos


class YamlProblem(NamedTuple):
    """Why the text could not be loaded: a plain-words reason and the parser's own text."""

    pos: Pos
    reason: str
    detail: str = ""
    kind: str = "syntax"  # syntax, tag, limit


class DuplicateKey(NamedTuple):
    key: str
    start: Pos
    end: Pos
    first_line: int  # 0-based line of the first occurrence


class YamlResult(NamedTuple):
    data: Any = None
    problem: YamlProblem | None = None
    duplicates: tuple[DuplicateKey, ...] = ()
    regions: Mapping[str, Region] = MappingProxyType({})


def pointer_token(key: object) -> str:
    """One JSON Pointer reference token (RFC 6901 escaping)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def load_yaml(text: str) -> YamlResult:
    """Load one YAML document safely; never raises for bad input."""
    if len(text) > MAX_CHARS:
        return YamlResult(
            problem=_limit(f"it is {len(text):,} characters long (limit {MAX_CHARS:,}); shorten it")
        )
    flat = _load_flat(text)
    if flat is not None:
        return flat
    depth = _nesting_estimate(text)
    if depth > MAX_DEPTH:
        return YamlResult(problem=_limit(f"it nests more than {MAX_DEPTH} levels deep; flatten it"))
    import yaml

    loader = _loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlResult()
        problem = _check_graph(node, loader)
        if problem is not None:
            return YamlResult(problem=problem)
        regions: dict[str, Region] = {}
        duplicates = list(_walk(node, "", None, regions))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line, mark.column) if mark is not None else (0, 0)
        problem_text = exc.problem or exc.context or "invalid YAML"
        return YamlResult(
            problem=YamlProblem(pos, plain_reason(problem_text, text, pos), problem_text)
        )
    except yaml.YAMLError as exc:
        return YamlResult(problem=YamlProblem((0, 0), str(exc).splitlines()[0], str(exc)))
    except RecursionError:
        return YamlResult(problem=_limit(f"it nests more than {MAX_DEPTH} levels deep; flatten it"))
    finally:
        loader.dispose()
    return YamlResult(jsonable(data), None, tuple(duplicates), regions)


def _load_flat(text: str) -> YamlResult | None:
    """The common flat ``key: value`` block without PyYAML (see
    :mod:`mdcheck.markdown.yamlflat`)."""
    entries = read_flat(text)
    if entries is None:
        return None
    first_line, _, first_col = entries[0][:3]
    # Where libyaml ends the root mapping: at the end of the text when that is left of the
    # keys (trailing blank lines indented less), else at the start of the following line.
    last_line = text.count("\n")
    last_col = len(text) - 1 - text.rfind("\n")
    end = (last_line, last_col) if last_col < first_col else (last_line + (last_col > 0), 0)
    regions = {"": Region(None, None, (first_line, first_col), end)}
    data: dict[str, Any] = {}
    first_lines: dict[str, int] = {}
    duplicates: list[DuplicateKey] = []
    for line, key, key_start, key_end, value, start, stop in entries:
        if key in first_lines:
            duplicates.append(
                DuplicateKey(key, (line, key_start), (line, key_end), first_lines[key])
            )
        else:
            first_lines[key] = line
        data[key] = value
        regions.setdefault(
            "/" + key, Region((line, key_start), (line, key_end), (line, start), (line, stop))
        )
    return YamlResult(data, None, tuple(duplicates), regions)


def _limit(why: str) -> YamlProblem:
    return YamlProblem((0, 0), f"front matter not read: {why}", kind="limit")


@functools.cache  # one class per process, not one per document
def _loader_class() -> Any:
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc]
        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:  # 2025-02-30: keep the text, the schema reports it
                return self.construct_scalar(node)

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
    return _Loader


def _nesting_estimate(text: str) -> int:
    """An upper bound of the nesting depth that needs no parser (libyaml recurses in C)."""
    deepest = flow = 0
    for line in text.splitlines():
        indicators = _CHAIN.match(line)
        chain = indicators.group(1).count("-") + indicators.group(1).count("?") if indicators else 0
        for char in line:
            if char in "[{":
                flow += 1
                deepest = max(deepest, flow + chain)
            elif char in "]}":
                flow = max(flow - 1, 0)
        deepest = max(deepest, chain + flow)
    return deepest


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        if value and isinstance(value[0], tuple):
            return [part for pair in value for part in pair]
        return list(value)
    return []


def _check_graph(root: Any, loader: Any) -> YamlProblem | None:
    """Refuse unknown tags, recursive aliases and documents that expand too far."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        ident = id(node)
        if done:
            active.discard(ident)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[ident] = min(total, MAX_NODES + 1)
            if total > MAX_NODES:
                return _limit(
                    f"it expands to more than {MAX_NODES:,} values (an alias bomb?); simplify it"
                )
            continue
        if ident in sizes:
            continue
        if ident in active:
            return _limit("an alias refers to the value that contains it; remove the alias")
        if node.tag not in loader.yaml_constructors:
            return YamlProblem(
                (node.start_mark.line, node.start_mark.column),
                f"the tag '{_short_tag(node.tag)}' is not allowed: only plain YAML data is read;"
                " remove the tag",
                kind="tag",
            )
        active.add(ident)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _pos(mark: Any) -> Pos:
    return (mark.line, mark.column)


def _walk(node: Any, pointer: str, key: Any, regions: dict[str, Region]) -> Iterator[DuplicateKey]:
    """Record each value's region by JSON pointer and yield duplicate keys."""
    regions.setdefault(
        pointer,
        Region(
            _pos(key.start_mark) if key is not None else None,
            _pos(key.end_mark) if key is not None else None,
            _pos(node.start_mark),
            _pos(node.end_mark),
        ),
    )
    if node.id == "sequence":
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{pointer}/{index}", None, regions)
    elif node.id == "mapping":
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar" or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            name = key_node.value
            if name in seen:
                yield DuplicateKey(
                    name, _pos(key_node.start_mark), _pos(key_node.end_mark), seen[name]
                )
            else:
                seen[name] = key_node.start_mark.line
            yield from _walk(value_node, f"{pointer}/{pointer_token(name)}", key_node, regions)


def jsonable(value: Any) -> Any:
    """The loaded data as JSON Schema sees it: dates as ISO strings, keys as strings."""
    import datetime  # here, not at the top: a flat block read without PyYAML needs none

    if isinstance(value, datetime.datetime):
        text = value.isoformat()
        return text + "Z" if value.tzinfo is None else text  # YAML: no offset means UTC
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {_key(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(item) for item in value]
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    return value


def _key(key: Any) -> str:
    import datetime

    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.datetime)):
        return str(jsonable(key))
    return str(key)


_NO_VALUE = "a value is missing or starts with a character that needs quotes"
_REASONS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "a ': ' inside an unquoted value; put the value in quotes"),
    ("found unexpected end of stream", "a quoted value or a bracket is never closed"),
    ("could not find expected ':'", "a line is not a 'key: value' pair (no ': ' after the key)"),
    ("unknown escape", "an unknown backslash escape in a double-quoted value; use single quotes"),
    ("undefined alias", "an alias (*name) refers to an anchor that is not defined"),
    ("expected alphabetic or numeric", "'*' or '&' starts an alias or anchor; quote the value"),
    ("block sequence entries are not allowed", "a '- ' item is not allowed here; quote the value"),
    ("',' or ']'", "a [list] is not closed or its items are not separated by commas"),
    ("',' or '}'", "a {mapping} is not closed or its items are not separated by commas"),
    ("<document start>", "the indentation is inconsistent: keys of one level must line up"),
    ("found duplicate anchor", "the same anchor (&name) is defined twice"),
    ("expected the node content", _NO_VALUE),
    ("did not find expected node content", _NO_VALUE),
)


def plain_reason(problem: str, text: str, pos: Pos) -> str:
    """The parser's problem in plain words, looking at the text where it happened."""
    lines = text.splitlines()
    line = lines[pos[0]] if pos[0] < len(lines) else ""
    before = line[: pos[1]]
    char = line[pos[1] : pos[1] + 1]
    if "cannot start any token" in problem:
        if char == "\t" or (not char and "\t" in line):
            return "a tab is used for indentation; use spaces"
        return f"a value starts with the reserved character {char!r}; put the value in quotes"
    if "expected key" in problem or "expected <block end>" in problem:
        value = before.partition(":")[2].lstrip()
        if value[:1] in ('"', "'") and value[:1] in value[1:]:
            quote = value[:1]
            other = "single" if quote == '"' else "double"
            return (
                f"a {quote} inside a {quote}-quoted value ends it early; escape it"
                f" or quote the value with {other} quotes"
            )
        return "the indentation is inconsistent or text follows a complete value"
    for needle, reason in _REASONS:
        if needle in problem:
            return reason
    return problem
