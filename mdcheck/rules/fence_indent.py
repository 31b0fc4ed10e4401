"""CF003: fence marker lines indented so far that they are no fence (see fence_rules)."""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Severity
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import (
    MarkerLine,
    fence_label,
    indented_code_blocks,
    parse_marker,
    spaces,
)
from mdcheck.markdown.wrapper import DocumentWrapper
from mdcheck.rules.base import Rule


class FenceMarkerIndented(Rule):
    """A fence marker line is indented 4+ spaces (outside a list), so it is no fence.

    **Why.** Four or more spaces of indentation make an indented code block: the
    `` ```python `` line itself is shown as code and the fence never starts. Generated
    text often indents fence markers (the sample article's wrapper is indented 12
    spaces). Inside list items deeper indentation is legitimate and is not reported.
    An indented code block that deliberately shows fence syntax (opening and closing
    markers exactly at the block's indentation, or a lone opening marker set off by
    blank lines) is not reported either.

    **Example.**

    ````markdown
    Text.

            ```python
            print("hi")
            ```
    ````

    **Fix (unsafe: the rendering changes).** When the opening and closing markers are
    both in the same indented block outside block quotes, remove their indentation from
    the fence's lines. The wrapper's marker lines are fixed by CF002 instead.
    """

    code = "CF003"
    name = "fence-marker-indented"
    summary = "Fence marker indented 4+ spaces renders as an indented code block"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        wrapper = doc.wrapper
        if wrapper is not None:
            yield from self._wrapper_lines(doc, wrapper)
        for first, content in indented_code_blocks(doc):
            yield from self._block(doc, first, content)

    def _wrapper_lines(self, doc: Document, wrapper: DocumentWrapper) -> Iterator[Diagnostic]:
        label = fence_label(wrapper.marker, wrapper.info)
        if wrapper.indent > 3:
            yield self.report(
                doc,
                doc.line_span(wrapper.open_index + 1, wrapper.col),
                f"fence marker {label} is indented {spaces(wrapper.indent)}, so it is no "
                "fence (4+ spaces make indented code); it opens the wrapper around the "
                "article (see CF002)",
            )
        if wrapper.close_index is not None and wrapper.close_indent > 3:
            yield self.report(
                doc,
                doc.line_span(wrapper.close_index + 1, wrapper.close_col),
                f"fence marker {wrapper.marker} is indented {spaces(wrapper.close_indent)}, "
                "so it is no fence (4+ spaces make indented code); it closes the wrapper "
                "around the article (see CF002)",
            )

    def _block(self, doc: Document, first: int, content: list[str]) -> Iterator[Diagnostic]:
        start = next((i for i, line in enumerate(content) if line.strip()), None)
        if start is None:
            return
        opener = parse_marker(content[start])
        if opener is None or not opener.can_open():
            return
        close = next(
            (
                i
                for i in range(start + 1, len(content))
                if (m := parse_marker(content[i])) is not None and m.closes(opener.marker)
            ),
            None,
        )
        closer = parse_marker(content[close]) if close is not None else None
        if opener.indent == 0 and closer is not None and closer.indent == 0:
            return  # an indented block that shows fence syntax on purpose
        after = first + len(content)
        followed = after < doc.line_count and doc.body_lines[after].strip()
        if opener.indent == 0 and close is None and start == len(content) - 1 and not followed:
            return  # a one-line example of an opening marker, set off by a blank line
        open_line = first + start + 1
        edits = self._dedent(doc, open_line, first + close + 1 if close is not None else None)
        fixable = "unindent it (fix: --unsafe-fixes)"
        yield self._marker(
            doc, open_line, opener, "opening", edits, todo=fixable if edits else "unindent it"
        )
        if close is not None and closer is not None:
            todo = f"unindent it with line {open_line} (fix: --unsafe-fixes)" if edits else ""
            yield self._marker(
                doc, first + close + 1, closer, "closing", [], todo=todo or "unindent it"
            )

    def _marker(
        self,
        doc: Document,
        line: int,
        marker: MarkerLine,
        role: str,
        edits: list[Edit],
        *,
        todo: str,
    ) -> Diagnostic:
        raw = doc.lines[line - 1]
        col = raw.find(marker.marker) + 1
        width = 4 + marker.indent
        return self.report(
            doc,
            doc.line_span(line, col),
            f"{role} fence marker {fence_label(marker.marker, marker.info)} is indented "
            f"{spaces(width)}, so it renders as an indented code block, not a fence; {todo}",
            edits=edits,
            applicability=Applicability.UNSAFE,
            fix_description="remove the fence's extra indentation",
        )

    @staticmethod
    def _dedent(doc: Document, open_line: int, close_line: int | None) -> list[Edit]:
        if close_line is None:
            return []
        raw = doc.lines[open_line - 1]
        width = len(raw) - len(raw.lstrip(" "))
        if width < 4 or raw[width] not in "`~":
            return []  # tabs, or inside a block quote: leave it to the author
        edits: list[Edit] = []
        for line in range(open_line, close_line + 1):
            text = doc.lines[line - 1]
            strip = min(width, len(text) - len(text.lstrip(" ")))
            if strip:
                start = doc.line_start(line)
                edits.append(doc.edit(start, start + strip, ""))
        return edits
