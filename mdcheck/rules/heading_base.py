"""The base of the section-numbering rules: shared options, outline, edits and spans."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from mdcheck.article.numbered_outline import build_outline
from mdcheck.article.outline_model import Node, Outline, OutlineOptions
from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.sections import DEFAULT_EXEMPT
from mdcheck.rules.base import Option, Rule

UNSAFE_HINT = "(fix: --unsafe-fixes)"
_NO_FIX = "(no automatic fix: the number would turn this setext heading into a list item)"
_LIST_START = re.compile(r"\d{1,9}[.)](?:\s|$)")


_OUTLINE_OPTIONS = (
    Option(
        "exempt",
        {"type": "array", "items": {"type": "string"}},
        list(DEFAULT_EXEMPT),
        "Section titles that need no number (matched after the number is removed, "
        "ignoring case and markup); replaces the default list.",
        {"alias": "heading-exempt"},
    ),
    Option(
        "extend-exempt",
        {"type": "array", "items": {"type": "string"}},
        [],
        "Section titles added to the exempt list.",
        {"alias": "heading-extend-exempt"},
    ),
    Option(
        "numbered-levels",
        {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6}},
        [],
        "Heading levels whose sections must all be numbered (e.g. [2, 3]); "
        "empty: inferred from the document.",
        {"alias": "numbered-levels"},
    ),
    Option(
        "roman",
        {"type": "boolean"},
        False,
        "Read Roman numerals (`I.`, `IV.`) as section numbers.",
        {"alias": "heading-roman-numerals"},
    ),
)


class OutlineRule(Rule):
    """A rule that reads the numbered outline."""

    options: ClassVar[tuple[Option, ...]] = _OUTLINE_OPTIONS
    fixable = True

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._outline_options = OutlineOptions.from_settings(self.settings)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        outline = build_outline(doc, self._outline_options)
        yield from self.check_outline(doc, outline)

    def check_outline(self, doc: Document, outline: Outline) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def number_span(self, doc: Document, outline: Outline, node: Node) -> Span:
        assert node.number is not None
        shown = node.prefix.rstrip()
        start = outline.text_offset(doc, node, node.number.prefix_start)
        return doc.span(start, start + len(shown))

    def heading_span(self, doc: Document, outline: Outline, node: Node) -> Span:
        """The number's span, or the heading text's when the number is inferred."""
        if node.number is not None:
            return self.number_span(doc, outline, node)
        return doc.line_span(node.heading.line, node.text_col + 1)

    def renumber(
        self, doc: Document, outline: Outline, node: Node, parts: tuple[int, ...]
    ) -> Edit | None:
        """Replace ``node``'s number prefix by ``parts`` in its own style."""
        assert node.number is not None
        prefix = outline.format(parts, node.level, node)
        return self.prefix_edit(doc, outline, node, prefix)

    def prefix_edit(self, doc: Document, outline: Outline, node: Node, prefix: str) -> Edit | None:
        """Write ``prefix`` in place of ``node``'s number prefix (or before its text).

        None when the heading is a setext heading and the prefix would turn its first line
        into a list item (``1. Title`` over ``---`` is a list, not a heading).
        """
        if node.heading.setext and _LIST_START.match(prefix):
            return None
        first, last = (0, 0) if node.number is None else node.number.prefix_span
        start = outline.text_offset(doc, node, first)
        end = outline.text_offset(doc, node, last)
        following = doc.text[end : end + 1]
        if prefix and not prefix[-1].isspace() and (following.isdigit() or following == "."):
            prefix += " "  # `2.` before `2024 趋势` must not read as the number 2.2024
        return doc.edit(start, end, prefix)

    def unsafe(
        self,
        doc: Document,
        span: Span,
        message: str,
        edits: list[Edit | None],
        description: str,
    ) -> Diagnostic:
        if any(edit is None for edit in edits):
            return self.report(doc, span, message.replace(UNSAFE_HINT, _NO_FIX))
        if not edits:
            return self.report(doc, span, message.replace(" " + UNSAFE_HINT, ""))
        return self.report(
            doc,
            span,
            message,
            edits=[edit for edit in edits if edit is not None],
            applicability=Applicability.UNSAFE,
            fix_description=description,
        )
