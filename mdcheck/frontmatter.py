"""Locating the front-matter block in the raw lines, the way authors meant it.

Naive readers take the first later ``---`` as the closing delimiter; generated articles
often indent the block or never close it, and the first ``---`` of the body is then a
thematic break. Here the closing delimiter is accepted only while every line before it
still looks like front-matter content; otherwise the block is reported unclosed and ends
at its last content line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YAML_LINE = re.compile(
    r"""^(?:\s*$                          # blank
       |\s*\#                             # comment
       |\s*-(?:\s|$)                      # sequence item
       |\s*\?(?:\s|$)                     # complex key
       |\s*[^\s#:][^:]*:(?:\s|$)          # key: value
       |\s+\S                             # continuation of a value
       |\s*["'][^"']*["']\s*:(?:\s|$)     # quoted key
       )""",
    re.VERBOSE,
)
_TOML_LINE = re.compile(
    r"""^(?:\s*$|\s*\#|\s*\[.*\]\s*$|\s*[A-Za-z0-9_."'-]+\s*=|\s+\S|\s*[\]}"'])""",
    re.VERBOSE,
)
_DELIMITERS = {"---": "yaml", "+++": "toml"}


@dataclass(frozen=True)
class FrontMatterBlock:
    """The front-matter block: opening delimiter line to closing line (0-based, inclusive).

    When the block is unclosed, ``end_index`` is its last content line and ``closed`` is
    False.
    """

    start_index: int
    end_index: int
    closed: bool
    delimiter: str
    kind: str  # "yaml" or "toml"

    @property
    def content_indexes(self) -> range:
        """0-based indexes of the lines between the delimiters."""
        stop = self.end_index if self.closed else self.end_index + 1
        return range(self.start_index + 1, stop)


def locate_front_matter(lines: list[str]) -> FrontMatterBlock | None:
    """Find the front-matter block that opens the document, if any."""
    if not lines:
        return None
    opening = lines[0].strip()
    kind = _DELIMITERS.get(opening)
    if kind is None or (lines[0] != lines[0].lstrip() and lines[0].startswith("    ")):
        return None
    looks_like_content = _YAML_LINE if kind == "yaml" else _TOML_LINE
    closers = {opening, "..."} if kind == "yaml" else {opening}
    last_content = 0
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() in closers:
            return FrontMatterBlock(0, index, True, opening, kind)
        if not looks_like_content.match(line):
            break
        if line.strip():
            last_content = index
    if last_content == 0:
        return None if len(lines) > 1 and lines[1].strip() else _unclosed(opening, kind, 0)
    return _unclosed(opening, kind, last_content)


def _unclosed(delimiter: str, kind: str, end_index: int) -> FrontMatterBlock:
    return FrontMatterBlock(0, end_index, False, delimiter, kind)
