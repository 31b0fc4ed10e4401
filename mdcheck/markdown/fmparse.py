"""Reading the located front-matter block: its data, problems and value positions.

Built once per document (``Document.front_matter_data``) and shared by the FM rules.
Positions are mapped from the block to the file, so every span points at the real line
and column. YAML is read with :mod:`mdcheck.markdown.yamlsafe`; TOML with ``tomllib``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from mdcheck.diagnostic import Span
from mdcheck.markdown.frontmatter import FrontMatterBlock
from mdcheck.markdown.yamlsafe import (
    MAX_CHARS,
    Pos,
    Region,
    YamlProblem,
    jsonable,
    load_yaml,
    pointer_token,
)
from mdcheck.util.lazyre import LazyPattern

if TYPE_CHECKING:
    from mdcheck.markdown.document import Document

# TOML front matter is rare: these patterns are compiled on first use (mdcheck.util.lazyre)
_TOML_ERROR_AT = LazyPattern(r"^(?P<reason>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)")
_TOML_KEY = LazyPattern(
    r"""^[ \t]*(?P<key>[A-Za-z0-9_-]+|"[^"]*"|'[^']*')[ \t]*=[ \t]*(?P<value>.*)"""
)
_TOML_TABLE = LazyPattern(r"^[ \t]*\[(?P<name>[A-Za-z0-9_.-]+)\][ \t]*(?:#.*)?$")

_TOML_REASONS = (
    ("Invalid value", "the value is not a TOML value (text must be in quotes)"),
    ("Cannot overwrite a value", "a key is given twice"),
    ("Cannot declare", "a table or key is declared twice"),
    ("Expected '=' after a key", "a line is not a 'key = value' pair"),
    ("Unterminated string", "a quoted value is never closed"),
    ("Invalid date or datetime", "an invalid date or date-time"),
)


class Problem(NamedTuple):
    """The block could not be read: where, why, and of which kind (syntax, tag, limit)."""

    span: Span
    reason: str
    detail: str = ""
    kind: str = "syntax"


class Duplicate(NamedTuple):
    key: str
    span: Span
    first_line: int  # 1-based


class Location(NamedTuple):
    """A value's key span (None for list items) and value span, in the file."""

    key: Span | None
    value: Span


class FrontMatterData(NamedTuple):
    block: FrontMatterBlock
    data: Any = None  # JSON-compatible; None when the block could not be read
    problem: Problem | None = None
    duplicates: tuple[Duplicate, ...] = ()
    locations: Mapping[str, Location] = MappingProxyType({})
    partial: bool = False  # data holds only the one-line keys read around a syntax error


def content_text(doc: Document, block: FrontMatterBlock) -> str:
    return "\n".join(doc.lines[i] for i in block.content_indexes)


def parse_front_matter(doc: Document) -> FrontMatterData | None:
    block = doc.front_matter
    if block is None:
        return None
    text = content_text(doc, block)
    if block.kind == "toml":
        return _parse_toml(doc, block, text)
    result = load_yaml(text)
    mapper = _Mapper(doc, block)
    problem = None
    if result.problem is not None:
        problem = mapper.problem(result.problem)
        if result.problem.kind == "syntax":
            data, salvaged = _salvage(doc, block, mapper)
            return FrontMatterData(block, data, problem, partial=True, locations=salvaged)
    duplicates = tuple(
        Duplicate(d.key, mapper.span(d.start, d.end), mapper.line(d.first_line))
        for d in result.duplicates
    )
    locations = _Locations(result.regions, mapper)  # worked out on demand
    return FrontMatterData(block, result.data, problem, duplicates, locations)


class _Locations(Mapping[str, Location]):
    """The location of each value, worked out when a rule asks for it.

    Rules ask only for what they report, and most front matter has nothing to report:
    mapping every key and value to the file up front cost more than reading the block.
    """

    def __init__(self, regions: Mapping[str, Region], mapper: _Mapper) -> None:
        self._regions = regions
        self._mapper = mapper
        self._found: dict[str, Location] = {}

    def __getitem__(self, pointer: str) -> Location:
        location = self._found.get(pointer)
        if location is None:
            region = self._regions[pointer]
            key = None
            if region.key_start is not None and region.key_end is not None:
                key = self._mapper.span(region.key_start, region.key_end)
            location = Location(key, self._mapper.span(region.start, region.end))
            self._found[pointer] = location
        return location

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._regions

    def __iter__(self) -> Iterator[str]:
        return iter(self._regions)

    def __len__(self) -> int:
        return len(self._regions)


def _salvage(
    doc: Document, block: FrontMatterBlock, mapper: _Mapper
) -> tuple[dict[str, Any], dict[str, Location]]:
    """The top-level ``key: value`` lines that read on their own, when the block does not.

    So a broken title does not hide a placeholder description two lines further down.
    """
    data: dict[str, Any] = {}
    locations: dict[str, Location] = {}
    indexes = [i for i in block.content_indexes if doc.lines[i].strip()]
    for position, index in enumerate(indexes):
        line = doc.lines[index]
        following = indexes[position + 1] if position + 1 < len(indexes) else None
        if len(line) - len(line.lstrip()) != block.indent or (
            following is not None
            and len(doc.lines[following]) - len(doc.lines[following].lstrip()) > block.indent
        ):
            continue  # indented or the start of a nested value: not a one-line key
        result = load_yaml(line[block.indent :])
        if result.problem is not None or not isinstance(result.data, dict) or result.duplicates:
            continue
        line0 = index - block.start_index - 1
        for key, value in result.data.items():
            data.setdefault(key, value)
        for pointer, region in result.regions.items():
            if not pointer:
                continue
            shift = block.indent
            key_span = (
                mapper.span(
                    (line0, region.key_start[1] + shift), (line0, region.key_end[1] + shift)
                )
                if region.key_start is not None and region.key_end is not None
                else None
            )
            value_span = mapper.span(
                (line0, region.start[1] + shift), (line0 + region.end[0], region.end[1] + shift)
            )
            locations.setdefault(pointer, Location(key_span, value_span))
    return data, locations


class _Mapper:
    """Maps 0-based positions in the block's content text to file spans."""

    def __init__(self, doc: Document, block: FrontMatterBlock) -> None:
        # the lines, not the document: the document holds the locations, which hold this
        self.lines = doc.lines
        self.first = block.start_index + 2  # 1-based line of content line 0
        self.last = max(block.content_indexes.stop, self.first)  # 1-based last content line

    def line(self, line0: int) -> int:
        return min(self.first + line0, self.last)

    def point(self, pos: Pos) -> tuple[int, int]:
        line = self.line(pos[0])
        if self.first + pos[0] > self.last:  # past the end: the end of the last line
            return line, len(self.lines[line - 1]) + 1
        return line, min(pos[1], len(self.lines[line - 1])) + 1

    def span(self, start: Pos, end: Pos) -> Span:
        line, col = self.point(start)
        end_line, end_col = self.point(end)
        length = len(self.lines[line - 1])
        if end_line != line or end_col <= col:  # keep a value span on its first line
            end_col = max(len(self.lines[line - 1].rstrip()) + 1, col + 1)
        return Span(line, min(col, length + 1), line, min(end_col, length + 1))

    def problem(self, problem: YamlProblem) -> Problem:
        line, col = self.point(problem.pos)
        if problem.kind == "limit":
            line, col = self.first - 1, 1
        end_col = col + 1 if col <= len(self.lines[line - 1]) else col
        return Problem(Span(line, col, line, end_col), problem.reason, problem.detail, problem.kind)


def _parse_toml(doc: Document, block: FrontMatterBlock, text: str) -> FrontMatterData:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    mapper = _Mapper(doc, block)
    if len(text) > MAX_CHARS:
        why = f"front matter not read: it is {len(text):,} characters long (limit {MAX_CHARS:,})"
        return FrontMatterData(
            block, problem=mapper.problem(YamlProblem((0, 0), why, kind="limit"))
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_ERROR_AT.match(message)
        pos = (0, 0)
        if match:
            pos = (int(match.group("line")) - 1, int(match.group("col")) - 1)
            message = match.group("reason")
        reason = next((plain for needle, plain in _TOML_REASONS if needle in message), "")
        problem = YamlProblem(pos, reason or message[:1].lower() + message[1:], message)
        return FrontMatterData(block, problem=mapper.problem(problem))
    return FrontMatterData(block, jsonable(data), locations=_toml_locations(doc, block, mapper))


def _toml_locations(doc: Document, block: FrontMatterBlock, mapper: _Mapper) -> dict[str, Location]:
    """Key and value spans of top-level keys and of keys in simple ``[table]`` sections."""
    locations: dict[str, Location] = {}
    prefix = ""
    for line0, index in enumerate(block.content_indexes):
        line = doc.lines[index]
        table = _TOML_TABLE.match(line)
        if table:
            prefix = "".join("/" + pointer_token(part) for part in table.group("name").split("."))
            continue
        match = _TOML_KEY.match(line)
        if match is None:
            continue
        key = match.group("key").strip("\"'")
        key_span = mapper.span((line0, match.start("key")), (line0, match.end("key")))
        value_span = mapper.span((line0, match.start("value")), (line0, len(line.rstrip())))
        locations.setdefault(prefix + "/" + pointer_token(key), Location(key_span, value_span))
    return locations
