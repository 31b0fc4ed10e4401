"""Code actions and formatting: fixes and suppression comments as workspace edits.

Every edit is computed from a lint of the document's *current* text, so its positions are
those of the text the editor holds when it applies the edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from mdcheck.api import fix_text, lint_text
from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.server.convert import FIX_ALL_KIND, fix_text_edits, lsp_position, text_change_edits

if TYPE_CHECKING:
    from mdcheck.server.app import LintResult, MdcheckServer

MAX_DISABLE_ACTIONS = 10  # each one re-lints the document to check that it works
_INDENT = re.compile(r"[ \t]*")


def code_actions(
    server: MdcheckServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    if not server.is_open(uri):
        return None
    result = server.lint(uri)
    if result.config is None:
        return None
    only = params.context.only
    wanted_quickfix = _wanted(types.CodeActionKind.QuickFix, only)
    actions: list[types.CodeAction] = []
    if wanted_quickfix:
        # Clients convert positions lossily (Neovim 0.7 sends byte columns back; a cursor
        # cannot sit after the last character, where a missing newline is reported), so a
        # context diagnostic without an exact match matches by code and line, and an empty
        # range (a cursor) matches the findings on its line.
        context = params.context.diagnostics
        exact = {(d.code, _key(d.range)) for d in context}
        published_keys = {(d.code, _key(d.range)) for d in result.published}
        loose = {
            (d.code, d.range.start.line)
            for d in context
            if (d.code, _key(d.range)) not in published_keys
        }
        cursor_line = params.range.start.line if params.range.start == params.range.end else -1
        disables = 0
        for diagnostic, published in zip(result.diagnostics, result.published, strict=False):
            line = published.range.start.line
            if not (
                (published.code, _key(published.range)) in exact
                or (published.code, line) in loose
                or line == cursor_line
                or _overlaps(published.range, params.range)
            ):
                continue
            fix_action = _fix_action(server, result, diagnostic, published)
            if fix_action is not None:
                actions.append(fix_action)
            if disables < MAX_DISABLE_ACTIONS:
                disables += 1
                disable_action = _disable_action(server, result, diagnostic, published)
                if disable_action is not None:
                    actions.append(disable_action)
    if _wanted(FIX_ALL_KIND, only):
        edits = _fix_all_edits(result)
        if edits:
            actions.append(
                types.CodeAction(
                    title="mdcheck: fix all safe problems in this file",
                    kind=FIX_ALL_KIND,
                    edit=_workspace_edit(server, result, edits),
                )
            )
    return actions


def format_document(server: MdcheckServer, uri: str) -> list[types.TextEdit] | None:
    """Formatting = every safe fix, applied until stable."""
    if not server.is_open(uri):
        return None
    result = server.lint(uri)
    if result.config is None:
        return None
    return _fix_all_edits(result)


def _fix_all_edits(result: LintResult) -> list[types.TextEdit]:
    if not any(
        d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics
    ):
        return []
    outcome = fix_text(result.text, result.path, result.config)
    return text_change_edits(result.text, outcome.text, result.index)


def _fix_action(
    server: MdcheckServer,
    result: LintResult,
    diagnostic: Diagnostic,
    published: types.Diagnostic,
) -> types.CodeAction | None:
    fix = diagnostic.fix
    if fix is None:
        return None
    edits = fix_text_edits(fix, result.index)
    if edits is None:
        return None
    description = fix.description or "apply the fix"
    title = f"mdcheck: {description} ({diagnostic.code})"
    safe = fix.applicability is Applicability.SAFE
    if not safe:
        title += " (unsafe: review the change)"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[published],
        is_preferred=safe,
        edit=_workspace_edit(server, result, edits),
    )


def _disable_action(
    server: MdcheckServer,
    result: LintResult,
    diagnostic: Diagnostic,
    published: types.Diagnostic,
) -> types.CodeAction | None:
    """Insert ``<!-- mdcheck-disable-next-line CODE -->`` above the finding's line.

    Offered only where the comment works: not inside front matter or a code block, and
    not where it would change how the document is read (it is checked by linting).
    """
    text = result.text[result.index.bom :]
    doc = Document.from_text(text, result.path)
    line = diagnostic.span.line
    if line > doc.line_count:
        return None
    indent = _INDENT.match(doc.lines[line - 1])
    comment = f"<!-- mdcheck-disable-next-line {diagnostic.code} -->{doc.dominant_eol}"
    start = doc.line_start(line)
    for prefix in dict.fromkeys((indent.group() if indent else "", "")):
        inserted = prefix + comment
        if _suppresses(result, text[:start] + inserted + text[start:], diagnostic):
            position = lsp_position(result.index.edit_position(start))
            where = types.Range(start=position, end=position)
            edit = types.TextEdit(range=where, new_text=inserted)
            return types.CodeAction(
                title=f"mdcheck: disable {diagnostic.code} for this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[published],
                edit=_workspace_edit(server, result, [edit]),
            )
    return None


def _suppresses(result: LintResult, new_text: str, diagnostic: Diagnostic) -> bool:
    """Whether the new text drops exactly this finding and leaves every other one in place.

    The other findings must stay where they were, one line down when at or below the
    comment; a finding anchored at the start of the file (1:1) may also stay there. A
    comment that breaks the front matter or a fence changes the findings and is refused.
    """
    line = diagnostic.span.line
    after = sorted(_position(d, 0) for d in lint_text(new_text, result.path, result.config))
    others = [d for d in result.diagnostics if d is not diagnostic]
    shifted = sorted(_position(d, 1 if d.span.line >= line else 0) for d in others)
    anchored = sorted(
        _position(d, 0 if (d.span.line, d.span.col) == (1, 1) or d.span.line < line else 1)
        for d in others
    )
    return after in (shifted, anchored)


def _position(d: Diagnostic, shift: int) -> tuple[str, int, int]:
    return (d.code, d.span.line + shift, d.span.col)


def _workspace_edit(
    server: MdcheckServer, result: LintResult, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    workspace = server.client_capabilities.workspace
    edit_capabilities = workspace.workspace_edit if workspace else None
    if edit_capabilities is not None and edit_capabilities.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=result.uri, version=result.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
        )
    return types.WorkspaceEdit(changes={result.uri: list(edits)})


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    if not only:
        return True
    return any(kind == prefix or kind.startswith(prefix + ".") for prefix in only)


def _key(r: types.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a)[:2] <= _key(b)[2:] and _key(b)[:2] <= _key(a)[2:]
