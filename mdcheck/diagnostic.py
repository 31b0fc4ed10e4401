"""The records every part of mdcheck exchanges: positions, edits, fixes and diagnostics.

Positions are 1-based lines and columns counted in characters of the decoded text; an end
column points just past the last character of the region (a zero-width region, such as an
insertion point, has start == end). Conversion to other conventions (LSP's 0-based UTF-16,
byte offsets) happens only at the edges.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}; expected one of error, warning, info"
            ) from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(enum.Enum):
    """Whether a fix may be applied by ``--fix`` alone (safe) or needs ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Span:
    """A region of the text: 1-based start line/column, end line/column just past the end."""

    line: int
    col: int
    end_line: int
    end_col: int

    def __post_init__(self) -> None:
        if self.line < 1 or self.col < 1 or (self.end_line, self.end_col) < (self.line, self.col):
            raise ValueError(f"invalid span {self!r}")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` (0-based character offsets) with ``content``.

    ``span`` is the same region as line/column, for consumers that want positions.
    """

    start: int
    end: int
    content: str
    span: Span


@dataclass(frozen=True)
class Fix:
    """A set of edits applied together, all or nothing.

    A safe fix is applied only when the document renders with the same structure after
    it (``mdcheck.run.verify``); ``changes`` names the markdown-it token kinds (such as
    ``"table"``) that the fix is meant to add or remove, which that check then ignores;
    ``"text"`` means the fix rewrites the words or punctuation of text tokens (their text is
    not compared, every token still is).
    """

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    description: str = ""
    changes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Diagnostic:
    """One finding of one rule in one file."""

    code: str
    name: str
    message: str
    severity: Severity
    span: Span
    path: str = "-"
    fix: Fix | None = None
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.col, self.code, self.message)
