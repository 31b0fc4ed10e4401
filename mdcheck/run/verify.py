"""Checking that a safe fix keeps what the page shows.

A fix is applied as *safe* only when the document's rendered structure after it is the
same as before, except for what the fix declares it changes (``Fix.changes``): the
kinds of block tokens markdown-it-py reads from the body, their nesting and tags, and
the kinds of inline tokens inside each block. Text may differ (that is what a fix
changes); a paragraph turning into an HTML block, a list, a code block or a link
reference definition, or text turning into an HTML tag or emphasis, may not. A fix that
fails is demoted to unsafe, and its message says what it would change.

Only fixes that change the text the page is rendered from pay for this (a final
newline, line endings or front matter do not): the body is parsed in full (blocks and
inlines) once, plus once per fix, each alone, so fixes cannot hide each other's change;
past ``MAX_CHECKS`` fixes in one file, groups of fixes are checked together and a
failing group is halved, within that budget; what stays unchecked is not safe.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdcheck.diagnostic import Applicability, Diagnostic, Fix
from mdcheck.markdown.document import MAX_NESTING, split_lines
from mdcheck.markdown.frontmatter import locate_front_matter
from mdcheck.run.edits import apply_fixes

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# One node of the structure: token type, HTML tag, nesting, text (for tokens that show
# text), and the line it starts on (not compared).
Node = tuple[str, str, int, str, int]

TEXT = "text"  # a declared change: the fix rewrites the text of text tokens (punctuation, spacing)
MAX_CHECKS = 48  # parses spent on finding which fixes of a failing group break it
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_HIDDEN = frozenset({"Cc", "Cf"})
_SPACES = frozenset({"Zs", "Zl", "Zp"})
_TEXTUAL = frozenset({"text", "code_inline", "html_inline", "html_block", "code_block", "fence"})
_NAMES = {
    "text": "text",
    "html_inline": "an inline HTML tag",
    "html_block": "an HTML block",
    "softbreak": "a line break",
    "hardbreak": "a hard line break",
    "em": "emphasis",
    "strong": "strong emphasis",
    "s": "strikethrough",
    "code_inline": "a code span",
    "code_block": "an indented code block",
    "fence": "a fenced code block",
    "hr": "a thematic break",
    "tr": "a table row",
    "th": "a table cell",
    "td": "a table cell",
}
_EMPHASIS = frozenset({"em", "strong", "s"})
_DELIMITERS = str.maketrans("", "", "*_~")
_SPACE_RUN = re.compile(r"\s+")
_FIX_HINT = re.compile(r"\(fix: --fix[^)]*\)")


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])


class StructureChecker:
    """The rendered structure of one text, compared with that of fixed versions of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._body = body_view(text)
        self._md: MarkdownIt | None = None
        self._before: list[Node] | None = None
        self.checks = 0

    @property
    def before(self) -> list[Node]:
        if self._before is None:
            self._before = self.structure(self._body)
        return self._before

    def structure(self, body: str) -> list[Node]:
        """The structure markdown-it-py reads from a body view (see :func:`body_view`)."""
        if self._md is None:
            self._md = _parser()
        return _nodes(self._md.parse(body))

    def change(self, fixed: str, changes: frozenset[str] = frozenset()) -> str | None:
        """None when ``fixed`` renders with the same structure; otherwise what changed."""
        body = body_view(fixed)
        if body == self._body:  # the same input to the renderer (line endings, front matter)
            return None
        self.checks += 1
        before = _trimmed(_without(self.before, changes))
        after = _trimmed(_without(self.structure(body), changes))
        if [n[:4] for n in before] == [n[:4] for n in after]:
            return None
        return _describe(before, after)

    def keeps(self, fixed: str, fixes: Sequence[Fix]) -> bool:
        """True when ``fixed`` (this text with ``fixes`` applied) keeps the structure."""
        changes: frozenset[str] = frozenset().union(*(f.changes for f in fixes))
        return self.change(fixed, changes) is None


def body_view(text: str) -> str:
    """What the page is rendered from: a closed front-matter block blanked (sites strip
    it; an unclosed one renders, so it stays), line endings as ``\n``, no trailing
    newlines. Two texts with the same view render the same."""
    lines, _ = split_lines(text)
    block = locate_front_matter(lines)
    if block is not None and block.closed:
        for index in range(block.start_index, min(block.end_index + 1, len(lines))):
            lines[index] = ""
    return "\n".join(lines).rstrip("\n")


def _nodes(tokens: Sequence[Token]) -> list[Node]:
    nodes: list[Node] = []
    skip = line = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.type == "paragraph_open" and _invisible(tokens, index):
            skip = 2  # a paragraph of invisible characters shows nothing: as if absent
            continue
        if token.map:
            line = token.map[0] + 1  # closing tokens have no map: the last line seen
        if token.type == "inline":
            for child in token.children or ():
                nodes.append(_node(child, line))
            continue
        nodes.append(_node(token, line))
    return _merge_text(nodes)


def _node(token: Token, line: int) -> Node:
    content = _shown(token.content) if token.type in _TEXTUAL else ""
    return (token.type, token.tag, token.nesting, content, line)


def _shown(text: str) -> str:
    """Text as the comparison reads it: with what removing or spacing a hidden character
    changes evened out (invisible characters, and NUL's U+FFFD, gone; any run of space-like
    characters one space)."""
    kept = "".join(
        " " if unicodedata.category(c) in _SPACES or c in "\t\n" else c
        for c in text
        if unicodedata.category(c) not in _HIDDEN or c in "\t\n"
    )
    return _SPACE_RUN.sub(" ", kept.replace("\ufffd", ""))


def _invisible(tokens: Sequence[Token], index: int) -> bool:
    if index + 2 >= len(tokens) or tokens[index + 1].type != "inline":
        return False
    inline = tokens[index + 1]
    if any(child.type not in ("text", "softbreak") for child in inline.children or ()):
        return False  # a hard line break shows, even between invisible characters
    return all(unicodedata.category(char) in _INVISIBLE for char in inline.content)


def _merge_text(nodes: list[Node]) -> list[Node]:
    """Adjacent text tokens as one: removing a character may join or split them."""
    merged: list[Node] = []
    for node in nodes:
        if node[0] == "text" and merged and merged[-1][0] == "text":
            last = merged[-1]
            merged[-1] = (last[0], last[1], last[2], _join(last[3], node[3]), last[4])
            continue
        merged.append(node)
    return merged


def _trimmed(nodes: list[Node]) -> list[Node]:
    """Text without spaces at its ends: next to a line break or a tag they do not show."""
    return [(t, g, n, c.strip(" ") if t == "text" else c, i) for t, g, n, c, i in nodes]


def _join(a: str, b: str) -> str:
    return _SPACE_RUN.sub(" ", a + b)


def _without(nodes: list[Node], changes: frozenset[str]) -> list[Node]:
    """The nodes with the declared kinds left out, and (for declared emphasis) its
    delimiter characters left out of the text around, which they leave or join."""
    if not changes:
        return nodes
    if TEXT in changes:  # the fix rewrites words or punctuation: the text is not compared,
        # every token around it still is
        nodes = [(t, g, n, "" if t == "text" else c, i) for t, g, n, c, i in nodes]
        changes = changes - {TEXT}
    kept = [n for n in nodes if _kind(n[0]) not in changes]
    if changes & _EMPHASIS:
        kept = [
            (t, g, n, c.translate(_DELIMITERS) if t == "text" else c, i) for t, g, n, c, i in kept
        ]
    return _merge_text(kept)


def _kind(token_type: str) -> str:
    return token_type.removesuffix("_open").removesuffix("_close")


def _name(node: Node | None) -> str:
    if node is None:
        return "nothing"
    kind = _kind(node[0])
    if kind in _NAMES:
        return _NAMES[kind]
    if kind == "heading":
        return f"a level-{node[1][1:]} heading"
    name = kind.replace("_", " ").replace("html", "HTML")
    return f"{'an' if name[0] in 'aeiouH' else 'a'} {name}"


def _describe(before: list[Node], after: list[Node]) -> str:
    """The first difference, in words: what would be added, removed or turn into what."""
    index = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a[:3] != b[:3]),
        min(len(before), len(after)),
    )
    old = before[index] if index < len(before) else None
    new = after[index] if index < len(after) else None
    if old is None and new is None:  # the same tokens: some text differs (an escape)
        changed = next(a for a, b in zip(before, after, strict=True) if a[3] != b[3])
        return f"the text on line {changed[4]} would read differently"
    if old is None or (new is not None and old[2] == -1 and new[2] != -1):
        assert new is not None
        line = new[4] if old is None else old[4]
        return f"it would add {_name(new)}{_where(line)}"
    if new is None or (new[2] == -1 and old[2] != -1):
        return f"it would remove {_name(old)}{_where(old[4])}"
    return f"{_name(old)}{_where(old[4])} would render as {_name(new)}"


def _where(line: int) -> str:
    return f" on line {line}" if line else ""


def verify_safe_fixes(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` with every safe fix that changes the rendered structure demoted."""
    candidates = [
        i
        for i, d in enumerate(diagnostics)
        if d.fix is not None and d.fix.applicability is Applicability.SAFE
    ]
    if not candidates:
        return diagnostics
    checker = StructureChecker(text)
    verdicts: dict[int, str] = {}

    def fails(group: list[int]) -> str | None:
        fixes = [diagnostics[i].fix for i in group]
        fixed, _ = apply_fixes(text, [f for f in fixes if f is not None])
        changes = frozenset().union(*(f.changes for f in fixes if f is not None))
        return checker.change(fixed, changes)

    def search(group: list[int]) -> None:
        if len(group) <= MAX_CHECKS - checker.checks:  # each alone: fixes may cancel out
            for i in group:
                why = fails([i])
                if why is not None:
                    verdicts[i] = why
            return
        if checker.checks >= MAX_CHECKS:
            for i in group:
                verdicts[i] = "it could not be checked (too many fixes in one file)"
            return
        if fails(group) is None:
            return
        half = len(group) // 2
        search(group[:half])
        search(group[half:])

    search(candidates)
    if not verdicts:
        return diagnostics
    result = list(diagnostics)
    for i, why in verdicts.items():
        result[i] = demote(diagnostics[i], why)
    return result


def demote(diagnostic: Diagnostic, why: str) -> Diagnostic:
    """The diagnostic with its fix made unsafe and its message saying why."""
    assert diagnostic.fix is not None
    hint = f"(fix: --unsafe-fixes: not safe here, {why})"
    message, count = _FIX_HINT.subn(hint, diagnostic.message, count=1)
    if not count:
        message = f"{message} {hint}"
    fix: Fix = dataclasses.replace(diagnostic.fix, applicability=Applicability.UNSAFE)
    return dataclasses.replace(diagnostic, message=message, fix=fix)
