"""mdcheck records -> LSP records: diagnostics, ranges and text edits."""

from __future__ import annotations

import difflib
import itertools

from lsprotocol import types

from mdcheck.diagnostic import Diagnostic, Edit, Fix, Severity, Span
from mdcheck.rules import find_rule
from mdcheck.server.positions import LineIndex, Position

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.mdcheck"

SOURCE = "mdcheck"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def lsp_position(position: Position) -> types.Position:
    return types.Position(line=position[0], character=position[1])


def span_range(span: Span, index: LineIndex) -> types.Range:
    return types.Range(
        start=lsp_position(index.span_start(span)), end=lsp_position(index.span_end(span))
    )


def to_lsp_diagnostic(diagnostic: Diagnostic, index: LineIndex) -> types.Diagnostic:
    """The LSP form of a finding; ``data`` carries the rule name, fix and extra fields."""
    rule = find_rule(diagnostic.code)
    data: dict[str, object] = {"name": diagnostic.name}
    if diagnostic.fix is not None:
        data["fix"] = {
            "applicability": diagnostic.fix.applicability.value,
            "description": diagnostic.fix.description,
        }
    if diagnostic.extra:
        data["extra"] = dict(diagnostic.extra)
    return types.Diagnostic(
        range=span_range(diagnostic.span, index),
        message=diagnostic.message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        code_description=types.CodeDescription(href=rule.doc_url()) if rule else None,
        source=SOURCE,
        data=data,
    )


def problem_diagnostic(message: str, index: LineIndex) -> types.Diagnostic:
    """A diagnostic on the first line for a problem that is not a rule's finding."""
    first_line = index.lines[0] if index.lines else ""
    end = index.span_end(Span(1, 1, 1, len(first_line) - index.bom + 1))
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=lsp_position(end)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def fix_text_edits(fix: Fix, index: LineIndex) -> list[types.TextEdit] | None:
    """The fix as LSP text edits of the indexed text; None if its edits overlap."""
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    if any(_overlap(a, b) for a, b in itertools.pairwise(edits)):
        return None
    return [
        types.TextEdit(
            range=types.Range(
                start=lsp_position(index.edit_position(edit.start)),
                end=lsp_position(index.edit_position(edit.end)),
            ),
            new_text=edit.content,
        )
        for edit in edits
    ]


def _overlap(a: Edit, b: Edit) -> bool:
    """Whether two edits, ``a`` sorted before ``b``, touch the same text."""
    return b.start < a.end or a.start == a.end == b.start == b.end


def text_change_edits(old: str, new: str, index: LineIndex) -> list[types.TextEdit]:
    """Small edits that turn ``old`` (the indexed text) into ``new``, one per changed block."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    starts = [0, *itertools.accumulate(len(line) for line in old_lines)]
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    edits: list[types.TextEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = starts[i1], starts[i2]
        replacement = "".join(new_lines[j1:j2])
        head, tail = _common_ends(old[start:end], replacement)
        edits.append(
            types.TextEdit(
                range=types.Range(
                    start=lsp_position(index.position(start + head)),
                    end=lsp_position(index.position(end - tail)),
                ),
                new_text=replacement[head : len(replacement) - tail],
            )
        )
    return edits


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, never splitting a CR LF pair."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    if 0 < head < len(old) and old[head - 1 : head + 1] == "\r\n":
        head -= 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if 0 < tail < len(old) - head and old[len(old) - tail - 1 : len(old) - tail + 1] == "\r\n":
        tail -= 1
    return head, tail
