"""Consistency rules (HY035, HY041, HY046, HY048, HY055): one style per document for
thematic breaks, code blocks, fences and table pipes, and a first line that is a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import body_fences
from mdcheck.rules.base import Option, Rule
from mdcheck.util.lazyre import LazyPattern

_QUOTE_PREFIX = LazyPattern(r"[ \t]*(?:>[ \t]?)*")
_COMMENT_ONLY = LazyPattern(r"\s*<!--.*?-->\s*$", re.S)


def _tokens_of(doc: Document, *kinds: str) -> Iterator[tuple[int, object]]:
    tokens = doc.block_tokens
    for position in doc.positions_of(*kinds):
        yield position, tokens[position] or doc.block_token(position)


class HorizontalRuleStyle(Rule):
    """Thematic breaks are written in more than one way (``---``, ``***``, ``* * *``).

    **Why.** They render the same; one spelling keeps the source uniform.

    **Fix.** None automatic.

    **Options.** ``style``: ``consistent`` (default: the first break decides) or the
    exact text to use, e.g. ``"---"``.
    """

    code = "HY035"
    name = "hr-style"
    summary = "Thematic break style is inconsistent"
    aliases = ("MD035", "hr-style")
    options = (Option("style", {"type": "string"}, "consistent", "the break's text"),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        wanted = None if self.settings["style"] == "consistent" else self.settings["style"]
        for _position, token in _tokens_of(doc, "hr"):
            if token.map is None:  # type: ignore[attr-defined]
                continue
            number = token.map[0]  # type: ignore[attr-defined]
            line = doc.lines[number]
            prefix = _QUOTE_PREFIX.match(line)
            text = line[prefix.end() if prefix else 0 :].strip()
            if wanted is None:
                wanted = text
                continue
            if text != wanted:
                yield self.report(
                    doc,
                    doc.line_span(number + 1),
                    f"thematic break {text!r}; this document uses {wanted!r}",
                )


class FirstLineHeading(Rule):
    """The document does not begin with a top-level heading.

    **Why.** The first heading is the page's title for readers, feeds and search. A
    ``title`` in the front matter counts as the title, as does an HTML ``<h1>`` or HTML
    comments before the heading. Off by default: licences, author lists, changelog
    fragments and snippets included into other pages need no title of their own, and an
    article's title is usually in its front matter; enable it with
    ``extend-select = ["HY041"]``.

    **Fix.** None automatic.

    **Options.** ``level`` (default 1); ``front-matter-title`` (default
    ``^\\s*"?title"?\\s*[:=]``; an empty string turns the front-matter check off).
    """

    code = "HY041"
    name = "first-line-heading"
    summary = "First line is not a top-level heading"
    aliases = ("MD041", "first-line-heading", "first-line-h1")
    enabled_by_default = False
    options = (
        Option("level", {"type": "integer", "minimum": 1, "maximum": 6}, 1, "heading level"),
        Option(
            "front-matter-title",
            {"type": "string"},
            r'^\s*"?title"?\s*[:=]',
            "a front-matter line that gives the title",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        pattern = self.settings["front-matter-title"]
        block = doc.front_matter
        if block is not None and pattern:
            lines = doc.lines[block.start_index + 1 : block.end_index]
            try:
                title = re.compile(pattern, re.I)
            except re.error:
                title = re.compile(r'^\s*"?title"?\s*[:=]', re.I)
            if any(title.search(line) for line in lines):
                return
        tokens = doc.block_tokens
        for index in range(len(tokens)):
            token = tokens[index] or doc.block_token(index)
            if token.type == "html_block" and _COMMENT_ONLY.match(token.content):
                continue
            if token.map is None:
                return
            level = self.settings["level"]
            if token.type == "heading_open" and token.tag == f"h{level}":
                return
            if token.type == "html_block" and re.match(rf"\s*<h{level}\b", token.content, re.I):
                return
            yield self.report(
                doc,
                doc.line_span(token.map[0] + 1),
                f"the document does not begin with a level-{level} heading; start it "
                f"with '{'#' * level} Title' (or give a title in the front matter)",
            )
            return


class CodeBlockStyle(Rule):
    """Code blocks are both fenced and indented in one document.

    **Why.** An indented code block is often an accident (a paragraph indented four
    spaces), and it cannot name its language. With ``consistent`` (the default) the
    first code block decides. Off by default: blogs indent diagrams and program output
    on purpose next to fenced code; enable it with ``extend-select = ["HY046"]``.

    **Fix.** None automatic.

    **Options.** ``style``: ``consistent``, ``fenced``, ``indented``.
    """

    code = "HY046"
    name = "code-block-style"
    summary = "Code block style is inconsistent"
    aliases = ("MD046", "code-block-style")
    enabled_by_default = False
    options = (
        Option(
            "style",
            {"type": "string", "enum": ["consistent", "fenced", "indented"]},
            "consistent",
            "the code block style to use",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["style"]
        wanted = None if style == "consistent" else style
        for _position, token in _tokens_of(doc, "fence", "code_block"):
            if token.map is None:  # type: ignore[attr-defined]
                continue
            kind = "fenced" if token.type == "fence" else "indented"  # type: ignore[attr-defined]
            if wanted is None:
                wanted = kind
            if kind != wanted:
                yield self.report(
                    doc,
                    doc.line_span(token.map[0] + 1),  # type: ignore[attr-defined]
                    f"{kind} code block; this document uses {wanted} code blocks",
                )


class CodeFenceStyle(Rule):
    """Code fences use both backticks and tildes in one document.

    **Why.** They render the same; one marker keeps the source uniform.

    **Fix.** None automatic.

    **Options.** ``style``: ``consistent`` (default), ``backtick``, ``tilde``.
    """

    code = "HY048"
    name = "code-fence-style"
    summary = "Code fence style is inconsistent"
    aliases = ("MD048", "code-fence-style")
    options = (
        Option(
            "style",
            {"type": "string", "enum": ["consistent", "backtick", "tilde"]},
            "consistent",
            "the fence marker to use",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        names = {"`": "backtick", "~": "tilde"}
        style = self.settings["style"]
        wanted = None if style == "consistent" else style
        for fence in body_fences(doc):
            kind = names[fence.marker[0]]
            if wanted is None:
                wanted = kind
            if kind != wanted:
                yield self.report(
                    doc,
                    doc.line_span(fence.open_index + 1, fence.col),
                    f"{kind} fence; this document uses {wanted} fences",
                )


class TablePipeStyle(Rule):
    """Table rows differ in their leading and trailing pipes.

    **Why.** ``| a | b |`` next to ``a | b`` is harder to read and to edit; some
    renderers need the outer pipes. With ``consistent`` (the default) each document's
    first table row decides.

    **Fix.** None automatic.

    **Options.** ``style``: ``consistent``, ``leading_and_trailing``, ``leading_only``,
    ``trailing_only``, ``no_leading_or_trailing``.
    """

    code = "HY055"
    name = "table-pipe-style"
    summary = "Table pipe style is inconsistent"
    aliases = ("MD055", "table-pipe-style")
    options = (
        Option(
            "style",
            {
                "type": "string",
                "enum": [
                    "consistent",
                    "leading_and_trailing",
                    "leading_only",
                    "trailing_only",
                    "no_leading_or_trailing",
                ],
            },
            "consistent",
            "where rows have pipes",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["style"]
        wanted: tuple[bool, bool] | None = {
            "leading_and_trailing": (True, True),
            "leading_only": (True, False),
            "trailing_only": (False, True),
            "no_leading_or_trailing": (False, False),
        }.get(style)
        for table in doc.tables.tables:
            for row in (table.header, table.delimiter, *table.body):
                text = row.text.strip()
                if not text:
                    continue
                leading = text.startswith("|")
                trailing = text.endswith("|") and not text.endswith("\\|") and len(text) > 1
                if wanted is None:
                    wanted = (leading, trailing)
                    continue
                if (leading, trailing) == wanted:
                    continue
                missing = []
                if wanted[0] != leading:
                    missing.append("a leading pipe" if wanted[0] else "no leading pipe")
                if wanted[1] != trailing:
                    missing.append("a trailing pipe" if wanted[1] else "no trailing pipe")
                yield self.report(
                    doc,
                    doc.line_span(row.line),
                    f"table row should have {' and '.join(missing)}, as the other rows do",
                )


RULES: tuple[type[Rule], ...] = (
    HorizontalRuleStyle,
    FirstLineHeading,
    CodeBlockStyle,
    CodeFenceStyle,
    TablePipeStyle,
)
