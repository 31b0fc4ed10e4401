"""Hygiene rules on whitespace, blank lines and line length (markdownlint's MD009,
MD010, MD012, MD013, MD027 and MD028)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.hygiene_base import is_blank, paragraph_lines, text_line_indexes, token_maps

_REFERENCE_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s*\S")


def _fence_languages(doc: Document) -> dict[int, str]:
    """0-based line index -> the language of the fenced code block it belongs to."""
    languages: dict[int, str] = {}
    for index in doc.positions_of("fence"):
        token = doc.block_token(index)
        if token.map is not None:
            language = token.info.split()[0].lower() if token.info.strip() else ""
            for line in range(token.map[0], token.map[1]):
                languages[line] = language
    return languages


class NoTrailingSpaces(Rule):
    """A line ends with spaces or tabs.

    **Why.** Trailing whitespace is invisible noise in diffs. Exactly two spaces (the
    ``br-spaces`` setting) inside a paragraph make a hard line break and are allowed.
    markdownlint's MD009. Code blocks are not checked unless ``code-blocks`` is set.

    **Example.** ``本段结尾有空格。␠␠␠``

    **Fix.** ``--fix`` removes the whitespace; where it made a hard line break inside a
    paragraph, exactly ``br-spaces`` spaces are kept so the break stays.

    **Options.** ``br-spaces`` (default 2; below 2 allows none), ``strict`` (also report
    ``br-spaces`` spaces that make no line break, e.g. at the end of a paragraph),
    ``list-item-empty-lines`` (allow whitespace-only lines in list items), ``code-blocks``.
    """

    code = "HY009"
    name = "trailing-spaces"
    summary = "Line ends with whitespace"
    aliases = ("MD009", "no-trailing-spaces")
    fixable = True
    options = (
        Option("br-spaces", {"type": "integer", "minimum": 0}, 2, "Spaces that make a line break."),
        Option(
            "strict", {"type": "boolean"}, False, "Report line-break spaces that break nothing."
        ),
        Option("list-item-empty-lines", {"type": "boolean"}, False, "Allow blank list-item lines."),
        Option("code-blocks", {"type": "boolean"}, False, "Check code blocks too."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        br = int(self.settings["br-spaces"])
        br = br if br >= 2 else 0
        strict = bool(self.settings["strict"])
        skip = doc.hidden_lines
        if not self.settings["code-blocks"]:
            skip = skip | doc.code_line_indexes
        breaks: set[int] = set()  # 0-based lines whose trailing spaces break a paragraph line
        for first, last, _level in paragraph_lines(doc):
            breaks.update(range(first - 1, last - 1))
        in_items: set[int] = set()
        if self.settings["list-item-empty-lines"]:
            for start, end, _level in token_maps(doc, "list_item_open"):
                in_items.update(range(start, end))
        for index, line in enumerate(doc.lines):
            if not line or line[-1] not in " \t" or index in skip:
                continue
            content = line.rstrip(" \t")
            trailing = len(line) - len(content)
            if not content and index in in_items:
                continue
            spaces_only = line[len(content) :] == " " * trailing
            hard_break = index in breaks and content and spaces_only and trailing >= 2
            if br and content and spaces_only and trailing == br and (not strict or hard_break):
                continue
            keep = " " * br if hard_break and br else ""
            start = doc.offset(index + 1, len(content) + 1)
            code = index in doc.code_line_indexes
            yield self.report(
                doc,
                doc.line_span(index + 1, len(content) + 1),
                f"{trailing} trailing whitespace character{'s' if trailing > 1 else ''};"
                " remove them (fix: --fix)",
                edits=[doc.edit(start, start + trailing, keep)],
                applicability=Applicability.UNSAFE
                if code or (hard_break and not br)
                else Applicability.SAFE,
                fix_description="remove the trailing whitespace",
            )


class NoHardTabs(Rule):
    """A line contains a tab character.

    **Why.** Tabs render at different widths in different tools, and a tab in a list's
    indentation counts as up to four columns, which changes what is nested. markdownlint's
    MD010. Unlike markdownlint's default, code blocks are not checked (``code-blocks``):
    Go and Makefile code needs its tabs; nor are HTML blocks, whose indentation renders
    as nothing.

    **Example.** ``-\\t项目`` (a tab after the list marker).

    **Fix.** With ``--unsafe-fixes``, each tab becomes ``spaces-per-tab`` spaces (unsafe: in
    indentation a tab and a space nest differently).

    **Options.** ``code-blocks`` (default ``false``), ``ignore-code-languages`` (fenced
    languages whose tabs are allowed when code blocks are checked), ``spaces-per-tab``
    (default 1).
    """

    code = "HY010"
    name = "hard-tabs"
    summary = "Line contains a hard tab"
    aliases = ("MD010", "no-hard-tabs")
    fixable = True
    options = (
        Option("code-blocks", {"type": "boolean"}, False, "Check code blocks too."),
        Option(
            "ignore-code-languages",
            {"type": "array", "items": {"type": "string"}},
            [],
            "Fenced code languages whose tabs are allowed.",
        ),
        Option("spaces-per-tab", {"type": "integer", "minimum": 0}, 1, "Spaces for each tab."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "\t" not in doc.text:
            return
        checked = set(text_line_indexes(doc))  # not code, HTML blocks or front matter
        if self.settings["code-blocks"]:
            ignored = {str(x).lower() for x in self.settings["ignore-code-languages"]}
            languages = _fence_languages(doc)
            checked |= {i for i in doc.code_line_indexes if languages.get(i, "") not in ignored}
        skip = {i for i in range(len(doc.lines)) if i not in checked}
        spaces = " " * int(self.settings["spaces-per-tab"])
        for index, line in enumerate(doc.lines):
            if "\t" not in line or index in skip:
                continue
            column = line.index("\t")
            start = doc.line_start(index + 1)
            edits = [
                doc.edit(start + i, start + i + 1, spaces)
                for i, ch in enumerate(line)
                if ch == "\t"
            ]
            yield self.report(
                doc,
                doc.line_span(index + 1, column + 1, column + 2),
                f"hard tab{'s' if len(edits) > 1 else ''} in this line ({len(edits)}); use"
                " spaces (fix: --unsafe-fixes)",
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description="replace tabs with spaces",
            )


class NoMultipleBlanks(Rule):
    """More than one blank line in a row.

    **Why.** Extra blank lines render as nothing and make the source ragged; generated
    text is full of them. markdownlint's MD012. Code blocks and HTML blocks (where blank
    lines can be content, as in ``<pre>``) are not checked.

    **Fix.** ``--fix`` deletes the extra blank lines.

    **Options.** ``maximum``: blank lines allowed in a row (default 1).
    """

    code = "HY012"
    name = "multiple-blank-lines"
    summary = "Multiple consecutive blank lines"
    aliases = ("MD012", "no-multiple-blanks")
    fixable = True
    options = (Option("maximum", {"type": "integer", "minimum": 0}, 1, "Blank lines allowed."),)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        maximum = int(self.settings["maximum"])
        skip = set(doc.code_line_indexes | doc.hidden_lines)
        for start, end, _level in token_maps(doc, "html_block"):
            skip.update(range(start, end))  # blank lines of <pre> or a comment are content
        run = 0
        lines = doc.lines
        for index in range(len(lines) + 1):
            blank = index < len(lines) and not lines[index].strip() and index not in skip
            if blank:
                run += 1
                continue
            if run > maximum:
                first = index - run + maximum + 1  # 1-based first extra blank line
                last = index
                yield self.report(
                    doc,
                    doc.lines_span(first, last),
                    f"{run} blank lines in a row; at most {maximum} (fix: --fix)",
                    edits=[doc.delete_lines(first, last)],
                    fix_description="delete the extra blank lines",
                )
            run = 0


def display_width(text: str, cjk: bool) -> int:
    if not cjk or text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_wide(ch: str) -> bool:
    return not ch.isascii() and unicodedata.east_asian_width(ch) in "WF"


class LineLength(Rule):
    """A line is longer than the limit.

    **Why.** Long lines are hard to review in some editors and diffs. markdownlint's
    MD013; **off by default** in mdcheck: articles are written one paragraph a line, and
    wrapping them is a style, not a defect. As in markdownlint, a line whose overflow
    holds no place to break (a long URL) is allowed unless ``strict``, and link
    reference definitions are always allowed. Width is counted in columns: a CJK
    character is two (``cjk-width``), and between CJK characters a line can break, so
    the URL exception does not swallow a long Chinese line.

    **Options.** ``line-length`` (80), ``heading-line-length`` (80),
    ``code-block-line-length`` (80), ``code-blocks``, ``tables``, ``headings`` (all
    ``true``), ``strict``, ``stern`` (report long lines that could be wrapped, allow
    those that cannot), ``cjk-width`` (``true``).
    """

    code = "HY013"
    name = "line-length"
    summary = "Line is longer than the limit"
    aliases = ("MD013", "line-length")
    enabled_by_default = False
    options = (
        Option("line-length", {"type": "integer", "minimum": 1}, 80, "Columns allowed."),
        Option("heading-line-length", {"type": "integer", "minimum": 1}, 80, "For headings."),
        Option("code-block-line-length", {"type": "integer", "minimum": 1}, 80, "For code."),
        Option("code-blocks", {"type": "boolean"}, True, "Check code blocks."),
        Option("tables", {"type": "boolean"}, True, "Check tables."),
        Option("headings", {"type": "boolean"}, True, "Check headings."),
        Option("strict", {"type": "boolean"}, False, "Report every long line."),
        Option("stern", {"type": "boolean"}, False, "Report long lines that could wrap."),
        Option("cjk-width", {"type": "boolean"}, True, "Count CJK characters as two columns."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        s = self.settings
        cjk = bool(s["cjk-width"])
        code = doc.code_line_indexes
        headings = {h.line - 1: h for h in doc.headings}
        table_lines: set[int] = set()
        for position in doc.positions_of("table_open"):
            token = doc.block_token(position)
            if token.map is not None:
                table_lines.update(range(token.map[0], token.map[1]))
        for index, line in enumerate(doc.lines):
            if index in doc.hidden_lines or len(line) * (2 if cjk else 1) <= min(
                int(s["line-length"]),
                int(s["heading-line-length"]),
                int(s["code-block-line-length"]),
            ):
                continue
            if index in code:
                if not s["code-blocks"]:
                    continue
                limit = int(s["code-block-line-length"])
            elif index in headings:
                if not s["headings"]:
                    continue
                limit = int(s["heading-line-length"])
            else:
                if index in table_lines and not s["tables"]:
                    continue
                limit = int(s["line-length"])
            width = display_width(line, cjk)
            if width <= limit or _REFERENCE_DEFINITION.match(line):
                continue
            if not s["strict"]:
                breakable = self._breakable_beyond(line, limit, cjk)
                if not breakable:
                    continue
            yield self.report(
                doc,
                doc.line_span(index + 1),
                f"line is {width} columns long; the limit is {limit}",
            )

    @staticmethod
    def _breakable_beyond(line: str, limit: int, cjk: bool) -> bool:
        """Whether the line has a place to break at column ``limit`` or later: a space
        or tab, or (with ``cjk``) the boundary before a CJK character."""
        width = 0
        for index, ch in enumerate(line):
            wide = cjk and _is_wide(ch)
            if width >= limit and (ch in " \t" or (wide and index > 0)):
                return True
            width += 2 if wide else 1
        return False


class NoMultipleSpaceBlockquote(Rule):
    """A block-quote line has more than one space after ``>``.

    **Why.** ``>  text`` renders as ``> text``; the extra space is noise. markdownlint's
    MD027. Lines that continue a list inside the quote keep their indentation, and so do
    indented code blocks in quotes.

    **Fix.** ``--fix`` leaves one space.
    """

    code = "HY027"
    name = "blockquote-multiple-spaces"
    summary = "Multiple spaces after a block-quote marker"
    aliases = ("MD027", "no-multiple-space-blockquote")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if ">" not in doc.text:
            return
        quoted: set[int] = set()
        for start, end, _level in token_maps(doc, "blockquote_open"):
            quoted.update(range(start, end))
        if not quoted:
            return
        listed: set[int] = set()
        for start, end, _level in token_maps(doc, "list_item_open"):
            if start in quoted:
                listed.update(range(start + 1, end))
        skip = listed | doc.code_line_indexes
        for index in sorted(quoted - skip):
            line = doc.lines[index]
            match = re.match(r"[ ]{0,3}(?:>[ ]?)*>(?P<spaces>[ ]{2,4})(?=\S)", line)
            if match is None:
                continue
            start, end = match.start("spaces"), match.end("spaces")
            offset = doc.line_start(index + 1)
            yield self.report(
                doc,
                doc.line_span(index + 1, start + 1, end + 1),
                f"{end - start} spaces after '>'; use one (fix: --fix)",
                edits=[doc.edit(offset + start, offset + end, " ")],
                fix_description="leave one space after '>'",
            )


class NoBlanksBlockquote(Rule):
    """Two block quotes are separated only by blank lines.

    **Why.** Renderers disagree: some join them into one quote, others keep two. markdownlint's
    MD028.

    **Fix.** Put ``>`` on the blank line to make one quote, or text between them to make
    two (no automatic fix: either may be meant).
    """

    code = "HY028"
    name = "blanks-in-blockquote"
    summary = "Blank line inside a block quote"
    aliases = ("MD028", "no-blanks-blockquote")
    enabled_by_default = False

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if ">" not in doc.text:
            return
        previous: dict[int, int] = {}  # level -> end (0-based, exclusive) of the last quote
        for start, end, level in token_maps(doc, "blockquote_open"):
            before = previous.get(level)
            previous[level] = end
            if before is None or before >= start:
                continue
            if all(is_blank(line) for line in doc.lines[before:start]):
                yield self.report(
                    doc,
                    doc.line_span(before + 1),
                    "blank line between two block quotes; put '>' on it to make one quote,"
                    " or text between them to make two",
                )


RULES: tuple[type[Rule], ...] = (
    NoTrailingSpaces,
    NoHardTabs,
    NoMultipleBlanks,
    LineLength,
    NoMultipleSpaceBlockquote,
    NoBlanksBlockquote,
)
