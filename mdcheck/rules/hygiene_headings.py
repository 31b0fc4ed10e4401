"""Hygiene rules on headings and what stands around them (markdownlint's MD022, MD024,
MD026 and MD036)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.hygiene_base import first_body_line, heading_is_nested, is_blank, paragraph_lines

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);$")


class BlanksAroundHeadings(Rule):
    """A heading has no blank line above or below it.

    **Why.** Some renderers (kramdown among them) read a heading glued to the paragraph
    above as text, and the source is harder to scan. Generated articles often glue the
    first paragraph to its heading. markdownlint's MD022. The first line of the body
    (after the front matter) and the end of the file need no blank line.

    **Example.** ``## 概述`` directly followed by ``本文介绍…``.

    **Fix.** ``--fix`` inserts the missing blank lines (headings at the top level of the
    document; inside lists and block quotes a blank line could change the list, so those
    are reported only).

    **Options.** ``lines-above`` and ``lines-below``: blank lines required (default 1
    each; ``-1`` does not check that side).
    """

    code = "HY022"
    name = "blanks-around-headings"
    summary = "Heading is not surrounded by blank lines"
    aliases = ("MD022", "blanks-around-headings")
    fixable = True
    options = (
        Option("lines-above", {"type": "integer", "minimum": -1}, 1, "Blank lines above."),
        Option("lines-below", {"type": "integer", "minimum": -1}, 1, "Blank lines below."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        above = int(self.settings["lines-above"])
        below = int(self.settings["lines-below"])
        lines = doc.body_lines
        first = first_body_line(doc)
        eol = doc.dominant_eol
        for heading in doc.headings:
            nested = heading_is_nested(doc, heading)
            if above > 0 and heading.line > first:
                blanks = _count(lines, heading.line - 2, -1, first - 1)
                if blanks < above and heading.line - 1 - blanks >= first:
                    start = doc.line_start(heading.line)
                    yield self._report(
                        doc,
                        heading.line,
                        side="above",
                        wanted=above,
                        blanks=blanks,
                        nested=nested,
                        offset=start,
                        insert=eol * (above - blanks),
                    )
            if below > 0 and heading.end_line < len(lines):
                blanks = _count(lines, heading.end_line, 1, len(lines))
                if blanks < below and heading.end_line + blanks < len(lines):
                    start = doc.line_start(heading.end_line) + len(doc.lines[heading.end_line - 1])
                    start += len(doc.eols[heading.end_line - 1])
                    yield self._report(
                        doc,
                        heading.line,
                        side="below",
                        wanted=below,
                        blanks=blanks,
                        nested=nested,
                        offset=start,
                        insert=eol * (below - blanks),
                    )

    def _report(
        self,
        doc: Document,
        line: int,
        *,
        side: str,
        wanted: int,
        blanks: int,
        nested: bool,
        offset: int,
        insert: str,
    ) -> Diagnostic:
        need = "a blank line" if wanted == 1 else f"{wanted} blank lines"
        message = f"heading needs {need} {side} it"
        if blanks:
            message += f" (found {blanks})"
        if nested:
            return self.report(doc, doc.line_span(line), message)
        return self.report(
            doc,
            doc.line_span(line),
            message + " (fix: --fix)",
            edits=[doc.edit(offset, offset, insert)],
            fix_description=f"insert {need} {side} the heading",
        )


def _count(lines: list[str], index: int, step: int, stop: int) -> int:
    """Blank lines from 0-based ``index`` in direction ``step``, not passing ``stop``."""
    count = 0
    while (index >= stop if step < 0 else index < stop) and is_blank(lines[index]):
        count += 1
        index += step
    return count


class NoDuplicateHeading(Rule):
    """Two headings have the same text.

    **Why.** Readers cannot tell the sections apart in a table of contents, and the
    anchors of the later ones get numbered suffixes (``#features-1``). markdownlint's
    MD024. Unlike markdownlint's default, only sibling headings are compared (same level,
    same parent): articles repeat a subsection title such as "技术发展现状" or "Features"
    under every section on purpose. Set ``siblings-only = false`` to compare all headings.

    **Example.** ``### 优势`` twice under the same ``## 2. 路线对比``.

    **Fix.** Rename one of them (no automatic fix).

    **Options.** ``siblings-only`` (default ``true``; markdownlint's ``siblings_only``,
    also read from ``allow_different_nesting``).
    """

    code = "HY024"
    name = "duplicate-heading"
    summary = "Two headings have the same text"
    aliases = ("MD024", "no-duplicate-heading")
    options = (
        Option(
            "siblings-only",
            {"type": "boolean"},
            True,
            "Compare only headings with the same parent.",
            extra={"markdownlint": "siblings_only"},
        ),
        Option(
            "allow-different-nesting",
            {"type": "boolean"},
            False,
            "markdownlint's older name of siblings-only (true also compares siblings only).",
            extra={"markdownlint": "allow_different_nesting"},
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        siblings = bool(self.settings["siblings-only"]) or bool(
            self.settings["allow-different-nesting"]
        )
        seen: list[dict[str, int]] = [{} for _ in range(7)]  # level -> text -> first line
        everywhere: dict[str, int] = {}
        last_level = 1
        for heading in doc.headings:
            text = heading.text.rstrip("#").strip() if not heading.setext else heading.text
            if not text:
                continue
            if siblings:
                if heading.level > last_level:
                    for level in range(last_level + 1, heading.level + 1):
                        seen[level] = {}
                last_level = heading.level
                known = seen[heading.level]
            else:
                known = everywhere
            first = known.get(text)
            if first is None:
                known[text] = heading.line
                continue
            where = "a sibling heading" if siblings else "a heading"
            yield self.report(
                doc,
                doc.line_span(heading.line),
                f"{where} on line {first} has the same text {text!r}; make them different",
            )


class NoTrailingPunctuation(Rule):
    """A heading ends with punctuation: ``## 概述：``, ``## Summary.``

    **Why.** A heading is a title, not a sentence. Generated Chinese articles often end
    headings with a full-width colon or full stop. markdownlint's MD026; its default set
    already holds the full-width ``。，；：！``. ``?`` and ``？`` are allowed, as in
    markdownlint: question headings are common in FAQs. The semicolon of an HTML entity
    (``&copy;``) does not count.

    **Example.** ``### 1.2 主要挑战：``

    **Fix.** With ``--unsafe-fixes``, the punctuation is removed (unsafe: it edits the
    heading text, though not its anchor).

    **Options.** ``punctuation``: the characters reported (default ``.,;:!。，；：！``).
    """

    code = "HY026"
    name = "heading-trailing-punctuation"
    summary = "Heading ends with punctuation"
    aliases = ("MD026", "no-trailing-punctuation")
    fixable = True
    options = (
        Option("punctuation", {"type": "string"}, ".,;:!。，；：！", "Characters reported."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        punctuation = str(self.settings["punctuation"])
        if not punctuation:
            return
        for heading in doc.headings:
            line = doc.lines[heading.line - 1]
            text = line.rstrip()
            if not heading.setext:
                stripped = re.sub(r"[ \t]+#+$", "", text)
                text = stripped.rstrip()
            if not text or text[-1] not in punctuation or _ENTITY.search(text):
                continue
            if text.endswith(("...", "……")):
                continue  # an ellipsis trails off; it is no sentence end
            end = len(text)
            run = len(text) - len(text.rstrip(punctuation))  # "！！" goes in one edit
            offset = doc.offset(heading.line, end + 1 - run)
            yield self.report(
                doc,
                doc.line_span(heading.line, end, end + 1),
                f"heading ends with {text[-1]!r}; remove it (fix: --unsafe-fixes)",
                edits=[doc.edit(offset, offset + run, "")],
                applicability=Applicability.UNSAFE,
                fix_description="remove the trailing punctuation",
            )


_EMPHASIS_ONLY = re.compile(r"(\*\*|__|\*|_)(?P<text>[^*_\n].*?)\1")


class NoEmphasisAsHeading(Rule):
    """A paragraph of one line of bold or italic text stands where a heading belongs.

    **Why.** ``**背景**`` on a line of its own looks like a heading but is not one: it is
    missing from the outline, the table of contents and the anchors. Generated articles
    do this all the time, often as a label with a full-width colon (``**核心优势：**``).
    markdownlint's MD036, which skips text ending in punctuation; mdcheck also reports a
    bold line ending in ``：`` (option ``cjk-colon-labels``), the most common form in
    Chinese articles. Only paragraphs at the document's top level count: a bold list
    item is a list item.

    **Example.** ``**第二部分：市场格局**`` between two paragraphs.

    **Fix.** Make it a heading of the right level (no automatic fix: the level is a
    choice).

    **Options.** ``punctuation``: text ending in one of these is a sentence, not a
    heading (default ``.,;:!?。，；：！？``); ``cjk-colon-labels``: report emphasis ending in
    ``：`` anyway (default ``true``).
    """

    code = "HY036"
    name = "emphasis-as-heading"
    summary = "Bold or italic line used instead of a heading"
    aliases = ("MD036", "no-emphasis-as-heading")
    options = (
        Option(
            "punctuation", {"type": "string"}, ".,;:!?。，；：！？", "Sentence-ending characters."
        ),
        Option(
            "cjk-colon-labels",
            {"type": "boolean"},
            True,
            "Report a line of emphasis ending in a full-width colon.",
            extra={"markdownlint": "cjk_colon_labels"},
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        punctuation = str(self.settings["punctuation"])
        labels = bool(self.settings["cjk-colon-labels"])
        for first, last, level in paragraph_lines(doc):
            if first != last or level != 0:
                continue
            line = doc.lines[first - 1]
            stripped = line.strip()
            match = _EMPHASIS_ONLY.fullmatch(stripped)
            if match is None:
                continue
            text = match.group("text").strip("*_ ").strip()
            if not text or "*" in text or ("_" in text and match.group(1).startswith("_")):
                continue
            if text[-1] in punctuation and not (
                labels and text[-1] == "：" and match.group(1) in ("**", "__")
            ):
                continue
            if text.startswith(("[", "!", "`", "<")):
                continue  # a link, an image, code or HTML in emphasis: not a title
            indent = len(line) - len(line.lstrip())
            kind = "bold" if len(match.group(1)) == 2 else "italic"
            yield self.report(
                doc,
                doc.line_span(first, indent + 1, indent + len(stripped) + 1),
                f"a line of {kind} text used as a heading; make it a heading (## …)",
            )


RULES: tuple[type[Rule], ...] = (
    BlanksAroundHeadings,
    NoDuplicateHeading,
    NoTrailingPunctuation,
    NoEmphasisAsHeading,
)
