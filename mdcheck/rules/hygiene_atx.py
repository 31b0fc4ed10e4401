"""Hygiene rules on how headings are written (markdownlint's MD003, MD018-MD021, MD023).

They read the raw line of each heading (``doc.headings``) and, for lines that look like a
heading but are not one (``#Title``), the lines of paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document, Heading
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.hygiene_base import heading_is_nested, quote_prefix_length, text_line_indexes

# an ATX heading line after its block-quote markers: opening run, space, text
_ATX = re.compile(r"(?P<indent>[ ]{0,3})(?P<open>#{1,6})(?P<space>[ \t]*)(?P<rest>.*?)[ \t]*$")
# the closing run of a closed ATX heading: whitespace, hashes, end
_CLOSING = re.compile(r"(?P<space>[ \t]+)(?P<close>#+)$")
# a paragraph line that was meant as a heading: hashes then a letter, no space
_NO_SPACE = re.compile(r"(?P<indent>[ ]{0,3})(?P<open>#{1,6})(?P<first>[^\s#])")
_STYLES = ("consistent", "atx", "atx_closed", "setext", "setext_with_atx", "setext_with_atx_closed")


def _atx(doc: Document, heading: Heading) -> tuple[int, re.Match[str]] | None:
    """The offset of the heading's line after block-quote markers, and its ATX match."""
    if heading.setext:
        return None
    line = doc.lines[heading.line - 1]
    start = quote_prefix_length(line)
    match = _ATX.fullmatch(line, start)
    return (start, match) if match else None


def heading_style(doc: Document, heading: Heading) -> str:
    """``setext``, ``atx_closed`` or ``atx``."""
    if heading.setext:
        return "setext"
    found = _atx(doc, heading)
    if found is not None and _CLOSING.search(found[1].group("rest")):
        return "atx_closed"
    return "atx"


class HeadingStyle(Rule):
    """Headings are written in one style: ATX (``# Title``), closed ATX (``# Title #``) or
    setext (a line underlined with ``===`` or ``---``).

    **Why.** One style reads and diffs consistently. markdownlint's MD003.

    **Example.** ``# Title`` followed later by ``## Section ##``.

    **Fix.** Rewrite the heading in the document's style (no automatic fix).

    **Options.** ``style``: ``consistent`` (the first heading's style; default), ``atx``,
    ``atx_closed``, ``setext``, ``setext_with_atx`` (setext for levels 1-2, ATX below),
    ``setext_with_atx_closed``. Unlike markdownlint, ``consistent`` after a setext first
    heading accepts ATX headings: a setext title over ATX sections is a common style of
    its own (and setext cannot write levels 3-6). After an ATX first heading, setext and
    closed headings are reported as in markdownlint.
    """

    code = "HY003"
    name = "heading-style"
    summary = "Headings are not all written in the same style"
    aliases = ("MD003", "heading-style")
    options = (
        Option("style", {"enum": list(_STYLES)}, "consistent", "The heading style to expect."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = str(self.settings["style"])
        lenient = False  # consistent after a setext first heading: ATX allowed
        for heading in doc.headings:
            found = heading_style(doc, heading)
            if style == "consistent":
                style, lenient = found, found == "setext"
                continue
            if style.startswith("setext_with_"):
                expected = "setext" if heading.level <= 2 else style.removeprefix("setext_with_")
            else:
                expected = style
            if lenient and found != "setext":
                continue  # a setext title over ATX sections: a style of its own
            if expected == "setext" and heading.level > 2 and style == "setext":
                continue  # setext cannot write it
            if found != expected:
                yield self.report(
                    doc,
                    doc.line_span(heading.line),
                    f"heading is written in {found} style; the document uses {expected}",
                )


class NoMissingSpaceAtx(Rule):
    """A line starts with ``#`` directly followed by text, so it is not a heading.

    **Why.** ``#Title`` and ``##标题`` render as a paragraph of text with hash signs:
    CommonMark requires a space after the opening hashes. markdownlint's MD018. Lines
    where a digit follows (``#1``, ``#123``: issue numbers, rankings) are not reported.

    **Example.** ``##技术发展现状``

    **Fix.** With ``--unsafe-fixes``, a space is inserted after the hashes (unsafe: the
    paragraph becomes a heading).
    """

    code = "HY018"
    name = "heading-missing-space"
    summary = "No space after the hashes of an ATX heading"
    aliases = ("MD018", "no-missing-space-atx")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "#" not in doc.text:
            return
        headings = {h.line for h in doc.headings}
        for index in text_line_indexes(doc):
            line_no = index + 1
            line = doc.lines[index]
            if "#" not in line or line_no in headings:
                continue
            start = quote_prefix_length(line)
            match = _NO_SPACE.match(line, start)
            if not match or not match.group("first").isalpha():
                continue
            if line.rstrip().endswith("#"):
                continue  # a closed heading: HY020
            at = match.end("open")
            offset = doc.offset(line_no, at + 1)
            yield self.report(
                doc,
                doc.line_span(line_no, match.start("open") + 1, at + 1),
                f"no space after {match.group('open')}, so this line is text, not a"
                " heading; add a space (fix: --unsafe-fixes)",
                edits=[doc.edit(offset, offset, " ")],
                applicability=Applicability.UNSAFE,
                fix_description="insert a space after the hashes",
            )


class NoMultipleSpaceAtx(Rule):
    """An ATX heading has more than one space after its opening hashes.

    **Why.** ``#  Title`` renders the same as ``# Title``; the extra space is noise and
    a sign of a hand-edited or generated heading. markdownlint's MD019.

    **Example.** ``##  概述``

    **Fix.** ``--fix`` leaves one space.
    """

    code = "HY019"
    name = "heading-multiple-spaces"
    summary = "More than one space after the hashes of an ATX heading"
    aliases = ("MD019", "no-multiple-space-atx")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for heading in doc.headings:
            found = _atx(doc, heading)
            if found is None:
                continue
            _start, match = found
            rest = match.group("rest")
            if not rest or _CLOSING.search(rest) or match.group("space") in ("", " "):
                continue
            yield self._spaces(doc, heading.line, match.start("space"), match.end("space"))

    def _spaces(self, doc: Document, line: int, start: int, end: int) -> Diagnostic:
        return self.report(
            doc,
            doc.line_span(line, start + 1, end + 1),
            f"{end - start} spaces after the heading's hashes; use one (fix: --fix)",
            edits=[doc.edit(doc.offset(line, start + 1), doc.offset(line, end + 1), " ")],
            fix_description="leave one space",
        )


class NoMissingSpaceClosedAtx(Rule):
    """A closed ATX heading has no space inside its hashes: ``#Title#`` or ``## Title##``.

    **Why.** Without the space after the opening hashes the line is text; without the
    space before the closing hashes they become part of the heading text. markdownlint's
    MD020. A single ``#`` glued to a word (``# Learn C#``) is a name, not a closing run,
    and is not reported.

    **Example.** ``##Title##``

    **Fix.** Add the missing space (no automatic fix).
    """

    code = "HY020"
    name = "closed-heading-missing-space"
    summary = "No space inside the hashes of a closed ATX heading"
    aliases = ("MD020", "no-missing-space-closed-atx")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "#" not in doc.text:
            return
        headings = {h.line for h in doc.headings}
        for index in text_line_indexes(doc):
            line_no = index + 1
            line = doc.lines[index]
            if "#" in line and line_no not in headings:
                start = quote_prefix_length(line)
                text = line[start:].rstrip()
                match = re.fullmatch(r"[ ]{0,3}(#{1,6})([^\s#].*?[^\s#\\])(#+)", text)
                if match:
                    yield self._report(doc, line_no, start)
        for heading in doc.headings:
            found = _atx(doc, heading)
            if found is None:
                continue
            start, match = found
            closing = re.search(r"[^\s#\\](#+)$", match.group("rest"))
            if closing and len(closing.group(1)) >= 2:
                yield self._report(doc, heading.line, start)

    def _report(self, doc: Document, line: int, start: int) -> Diagnostic:
        return self.report(
            doc,
            doc.line_span(line, start + 1),
            "closed heading lacks a space inside its hashes; write `## Title ##`",
        )


class NoMultipleSpaceClosedAtx(NoMultipleSpaceAtx):
    """A closed ATX heading has more than one space inside its hashes: ``#  Title  #``.

    **Why.** The extra spaces render the same and are noise. markdownlint's MD021.

    **Fix.** ``--fix`` leaves one space on each side.
    """

    code = "HY021"
    name = "closed-heading-multiple-spaces"
    summary = "More than one space inside the hashes of a closed ATX heading"
    aliases = ("MD021", "no-multiple-space-closed-atx")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for heading in doc.headings:
            found = _atx(doc, heading)
            if found is None:
                continue
            _start, match = found
            rest = match.group("rest")
            closing = _CLOSING.search(rest)
            if not rest or closing is None or closing.start() == 0:
                continue
            if len(match.group("space")) > 1:
                yield self._spaces(doc, heading.line, match.start("space"), match.end("space"))
            if len(closing.group("space")) > 1:
                base = match.start("rest")
                yield self._spaces(
                    doc, heading.line, base + closing.start("space"), base + closing.end("space")
                )


class HeadingStartLeft(Rule):
    """A heading is indented by spaces.

    **Why.** One to three spaces still make a heading in CommonMark, but other renderers
    (and readers of the source) take it for text; four make it code. markdownlint's MD023.
    Headings inside lists and block quotes are not checked: their indentation is the
    container's.

    **Example.** ``   ## 概述``

    **Fix.** ``--fix`` removes the indentation.
    """

    code = "HY023"
    name = "heading-indented"
    summary = "Heading does not start at the beginning of the line"
    aliases = ("MD023", "heading-start-left")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for heading in doc.headings:
            if heading_is_nested(doc, heading):
                continue
            line = doc.lines[heading.line - 1]
            indent = len(line) - len(line.lstrip(" "))
            if indent == 0 or indent > 3:
                continue
            start = doc.line_start(heading.line)
            yield self.report(
                doc,
                doc.line_span(heading.line, 1, indent + 1),
                f"heading is indented by {indent} space{'s' if indent > 1 else ''}; start it"
                " in column 1 (fix: --fix)",
                edits=[doc.edit(start, start + indent, "")],
                fix_description="remove the indentation",
            )


RULES: tuple[type[Rule], ...] = (
    HeadingStyle,
    NoMissingSpaceAtx,
    NoMultipleSpaceAtx,
    NoMissingSpaceClosedAtx,
    NoMultipleSpaceClosedAtx,
    HeadingStartLeft,
)
