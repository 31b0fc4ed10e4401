"""Locating the front-matter block in the raw lines, the way authors meant it.

Naive readers take the first later ``---`` as the closing delimiter; generated articles
often indent the block, put blank lines before it or never close it, and the first ``---``
of the body is then a thematic break. Here the closing delimiter is accepted only while
every line before it still looks like front-matter content; otherwise the block is
reported unclosed and ends at its last key or value line, so the body is never swallowed.

Recognised: YAML between ``---`` lines (closed by ``---`` or ``...``) and TOML between
``+++`` lines, with the delimiters and keys in any column. A block that does not open on
the first line (blank lines before it) or whose opening delimiter is indented by four or
more spaces is taken as front matter only when a key line follows the delimiter directly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mdcheck.util.lazyre import LazyPattern

# A key line: ``key: value`` with a plain key of at most a few words, a quoted key, a
# sequence item or a complex key. Prose such as ``2024 年，AI 继续发展`` does not match.
_YAML_KEY = re.compile(
    r"""^[ \t]*(?:
        [^\s#:"'&*!|>%@`{}\[\],?-][^:#\s]*(?:[ \t][^:#\s]+){0,3}[ \t]*:(?:[ \t]|$)
       |-[ \t]*:(?:[ \t]|$)
       |["'][^"']*["'][ \t]*:(?:[ \t]|$)
       |-(?:[ \t]|$)
       |\?(?:[ \t]|$)
       )""",
    re.VERBOSE,
)
_TOML_KEY = LazyPattern(r"""^[ \t]*(?:\[\[?[^\]]+\]\]?[ \t]*(?:\#.*)?$|[A-Za-z0-9_."'-]+[ \t]*=)""")
_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*(?:[Mm]arkdown|md|gfm)?[ \t]*$")
_COMMENT = re.compile(r"^[ \t]*#")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")
_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
_CLOSING = LazyPattern(r"^[ \t]*(?:[\]}]|\"{3}|'{3})")  # end of a multi-line array or string
_DELIMITERS = {"---": "yaml", "+++": "toml"}


class FrontMatterBlock(NamedTuple):
    """The front-matter block: opening delimiter line to closing line (0-based, inclusive).

    When the block is unclosed, ``end_index`` is its last content line and ``closed`` is
    False. ``indent`` is the smallest indentation of its non-blank content lines;
    ``opener_indent`` and ``closer_indent`` that of the delimiter lines (``closer_indent``
    is None for an unclosed block). ``start_index`` > 0 means blank lines precede it.
    """

    start_index: int
    end_index: int
    closed: bool
    delimiter: str
    kind: str  # "yaml" or "toml"
    indent: int = 0
    opener_indent: int = 0
    closer_indent: int | None = 0
    closer: str = ""
    fence_index: int | None = None  # a document-wrapper fence line above the block

    @property
    def content_indexes(self) -> range:
        """0-based indexes of the lines between the delimiters."""
        stop = self.end_index if self.closed else self.end_index + 1
        return range(self.start_index + 1, stop)

    @property
    def misplaced(self) -> bool:
        """True when a delimiter or key is indented, or something precedes the block."""
        return bool(
            self.start_index or self.indent or self.opener_indent or (self.closer_indent or 0)
        )

    @property
    def body_start(self) -> int:
        """0-based index where the search for a document wrapper fence begins."""
        return self.fence_index if self.fence_index is not None else self.end_index + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def locate_front_matter(lines: list[str]) -> FrontMatterBlock | None:
    """Find the front-matter block that opens the document, if any."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return None
    if _FENCE.match(lines[start]):  # the front matter may sit inside a wrapper fence
        block = _inside_wrapper(lines, start)
        return block if block is not None and block.closed else None
    return _locate_from(lines, start)


def _inside_wrapper(lines: list[str], fence: int) -> FrontMatterBlock | None:
    from mdcheck.markdown.wrapper import find_document_wrapper

    start = next((i for i in range(fence + 1, len(lines)) if lines[i].strip()), None)
    if start is None or lines[start].strip() not in _DELIMITERS:
        return None
    wrapper = find_document_wrapper(lines, fence)
    if wrapper is None or wrapper.open_index != fence:
        return None
    block = _locate_from(lines, start)
    return None if block is None else block._replace(fence_index=fence)


def _locate_from(lines: list[str], start: int) -> FrontMatterBlock | None:
    opening = lines[start].strip()
    kind = _DELIMITERS.get(opening)
    if kind is None:
        return None
    opener_indent = _indent(lines[start])
    key_line = _YAML_KEY if kind == "yaml" else _TOML_KEY
    # a block after blank lines or indented like code needs a key line right after it
    if (start > 0 or opener_indent >= 4) and (
        start + 1 >= len(lines) or not key_line.match(lines[start + 1])
    ):
        return None
    closers = {opening, "..."} if kind == "yaml" else {opening}
    last_content = start
    key_indent: int | None = None
    scalar_indent: int | None = None  # indentation of the key that opened a block scalar
    for index in range(start + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if scalar_indent is not None:
            if not stripped or _indent(line) > scalar_indent:
                last_content = index if stripped else last_content
                continue  # text of a literal or folded scalar, "---" included
            scalar_indent = None
        if stripped in closers:
            if key_indent is None and last_content == start and index > start + 1:
                break  # only blank lines or comments: a thematic break, not front matter
            return _block(
                lines,
                start=start,
                end=index,
                closed=True,
                delimiter=opening,
                kind=kind,
                closer_index=index,
            )
        if _HEADING.match(line) and _blank(lines, index - 1) and _blank(lines, index + 1):
            break  # a Markdown heading between blank lines: the body starts here
        if not stripped or _COMMENT.match(line):
            continue
        if key_line.match(line):
            indent = _indent(line)
            key_indent = indent if key_indent is None else min(key_indent, indent)
            if kind == "yaml" and _BLOCK_SCALAR.search(line):
                scalar_indent = indent
        elif _CLOSING.match(line):
            pass
        elif key_indent is None or _indent(line) <= key_indent:
            break  # not a key and not the continuation of one: the body starts here
        last_content = index
    if last_content == start:
        return None
    return _block(
        lines,
        start=start,
        end=last_content,
        closed=False,
        delimiter=opening,
        kind=kind,
        closer_index=None,
    )


def _blank(lines: list[str], index: int) -> bool:
    return index >= len(lines) or not lines[index].strip()


def _block(
    lines: list[str],
    *,
    start: int,
    end: int,
    closed: bool,
    delimiter: str,
    kind: str,
    closer_index: int | None,
) -> FrontMatterBlock:
    stop = end if closed else end + 1
    content = [lines[i] for i in range(start + 1, stop) if lines[i].strip()]
    return FrontMatterBlock(
        start_index=start,
        end_index=end,
        closed=closed,
        delimiter=delimiter,
        kind=kind,
        indent=min((_indent(line) for line in content), default=0),
        opener_indent=_indent(lines[start]),
        closer_indent=None if closer_index is None else _indent(lines[closer_index]),
        closer="" if closer_index is None else lines[closer_index].strip(),
    )


_KNOWN_KEYS = LazyPattern(
    r"^[ \t]*(?:title|date|description|tags|categories|author|draft|slug|layout|summary)[ \t]*:"
)


def find_unopened_block(lines: list[str]) -> tuple[int, int] | None:
    """Key lines at the top of a file closed by ``---`` but never opened: (first, closer).

    At least two key lines, one of them a usual front-matter key (``title``, ``date``…),
    so that a paragraph followed by a setext underline is not mistaken for one.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    keys = known = 0
    key_indent: int | None = None
    for index in range(first, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            return (first, index) if keys >= 2 and known else None
        if _YAML_KEY.match(line) and (key_indent is None or _indent(line) <= key_indent):
            keys += 1
            known += bool(_KNOWN_KEYS.match(line))
            key_indent = _indent(line) if key_indent is None else key_indent
        elif not line.strip() or key_indent is None or _indent(line) <= key_indent:
            return None
    return None
