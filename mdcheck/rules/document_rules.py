"""Whole-document rules (DOC): properties of the file as text."""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic, Severity, Span
from mdcheck.document import Document
from mdcheck.rules.base import Rule


class FinalNewline(Rule):
    """The file does not end with a line ending.

    **Why.** POSIX tools treat a last line without a newline as incomplete: ``cat`` glues
    the next file onto it, ``wc -l`` under-counts, and diffs show "No newline at end of
    file" noise. Generated articles frequently lack it.

    **Example.** A file whose last bytes are ``…全新篇章！`` with nothing after them.

    **Fix (safe).** Append one line ending, in the file's own style (``\\r\\n`` for a CRLF
    file). An empty file is left alone.
    """

    code = "DOC001"
    name = "final-newline"
    summary = "File does not end with a newline"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not doc.lines or doc.eols[-1]:
            return
        line = len(doc.lines)
        col = len(doc.lines[-1]) + 1
        end = len(doc.text)
        yield self.report(
            doc,
            Span(line, col, line, col),
            "file does not end with a newline (fix: --fix adds one)",
            edits=[doc.edit(end, end, doc.dominant_eol)],
            fix_description="add a final newline",
        )


RULES: tuple[type[Rule], ...] = (FinalNewline,)
