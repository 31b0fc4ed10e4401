"""Helpers for the language-server tests: edits applied the way an editor applies them."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types


def utf16_offset(text: str, position: types.Position) -> int:
    """The character offset of an LSP position counted in UTF-16 code units.

    Written independently of the server: lines end at CR LF, CR or LF; a character past
    the end of the line means the end of the line.
    """
    line_start = 0
    for _ in range(position.line):
        cr = text.find("\r", line_start)
        lf = text.find("\n", line_start)
        ends = [i for i in (cr, lf) if i >= 0]
        if not ends:
            return len(text)
        end = min(ends)
        line_start = end + (2 if text.startswith("\r\n", end) else 1)
    units = 0
    offset = line_start
    while offset < len(text) and text[offset] not in "\r\n" and units < position.character:
        units += 2 if ord(text[offset]) > 0xFFFF else 1
        offset += 1
    return offset


def apply_edits(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply non-overlapping text edits, as an editor does (all against the old text)."""
    spans = sorted(
        (
            (utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text)
            for e in edits
        ),
        reverse=True,
    )
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def workspace_edits(edit: types.WorkspaceEdit | None, uri: str) -> list[types.TextEdit]:
    """The text edits a workspace edit makes to one document."""
    assert edit is not None
    found: list[types.TextEdit] = []
    if edit.changes:
        found += edit.changes.get(uri, [])
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        if change.text_document.uri == uri:
            found += [e for e in change.edits if isinstance(e, types.TextEdit)]
    return found
