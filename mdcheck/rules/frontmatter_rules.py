"""Front-matter rules (FM): the block is present, well placed, closed, readable and valid.

FM001-FM004 (here) check the block itself: they read ``Document.front_matter`` (located
once, see :mod:`mdcheck.markdown.frontmatter`) and ``Document.front_matter_data`` (read
once, see :mod:`mdcheck.markdown.fmparse`). FM005-FM007 check its data
(:mod:`mdcheck.rules.frontmatter_data`).
``RULES`` lists the whole family.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from mdcheck.article.filekind import Kind
from mdcheck.diagnostic import Applicability, Diagnostic, Severity, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.frontmatter import FrontMatterBlock, find_unopened_block
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.frontmatter_data import (
    FrontMatterDuplicateKey,
    FrontMatterSchema,
    TitleMismatch,
)
from mdcheck.rules.kinds import PROFILE_OPTIONS, KindRule


def _opener_span(doc: Document, block: FrontMatterBlock) -> Span:
    return doc.line_span(block.start_index + 1)


def _language(block: FrontMatterBlock) -> str:
    return "YAML" if block.kind == "yaml" else "TOML"


class FrontMatterMissing(KindRule):
    """The file has no front matter, and it is an article or the configuration requires it.

    **Why.** Site generators and article pipelines read the title, date and description
    from the front matter; without it the article gets no metadata (or the generator's
    defaults).

    **When.** By default only articles need front matter: files that a profile applies to
    (the configuration or the front matter selects one, or the file is recognisably a
    trend article; see ``docs/file-kinds.md``). A documentation page or blog post without
    front matter is fine unless the project says otherwise (``required = true``). READMEs,
    changelogs and the other repository files, snippets and templates are never reported.

    **Example.** A file that starts directly with ``# 2024 年人工智能领域的三大发展趋势分析``
    and goes on as a trend article.

    When the keys are there but the opening ``---`` is missing (``title: …`` on line 1,
    ``---`` after the keys: Markdown shows them as a heading), the finding says so, on any
    page.

    **Fix.** Unsafe, only for a missing opening delimiter: insert ``---`` before the keys.
    Otherwise none: write the block yourself, for example::

        ---
        title: "2024 年人工智能领域的三大发展趋势分析"
        date: 2025-02-18
        description: 本文比较生成式 AI、AI 芯片和多模态学习的技术路线。
        ---

    **Options.** ``required``: true reports every page without front matter (per glob
    with ``[[overrides]]``), false none; unset (the default), articles only. An empty file
    is not reported. ``profile`` / ``profiles`` as for ART001 (they decide what is an
    article).
    """

    code = "FM001"
    name = "front-matter-missing"
    summary = "File has no front matter"
    fixable = True
    options = (
        Option(
            "required",
            {"type": ["boolean", "null"]},
            None,
            "Report pages without front matter: true for every page, false for none, "
            "unset for articles only.",
        ),
        *PROFILE_OPTIONS,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.front_matter is not None or self.settings["required"] is False:
            return
        if not any(line.strip() for line in doc.lines):
            return
        kind = self.kind_of(doc)
        if not kind.is_content:
            return
        unopened = find_unopened_block(doc.lines)
        if unopened is not None:
            first, closer = unopened
            at = doc.line_start(first + 1)
            yield self.report(
                doc,
                doc.line_span(first + 1),
                f"front matter has no opening '---': lines {first + 1}-{closer} are keys closed"
                f" by '---' on line {closer + 1}; add '---' before line {first + 1}"
                " (fix: --unsafe-fixes)",
                edits=[doc.edit(at, at, "---" + (doc.eols[first] or doc.dominant_eol))],
                applicability=Applicability.UNSAFE,
                fix_description="add the opening '---'",
            )
            return
        if self.settings["required"] is None and kind.kind is not Kind.ARTICLE:
            return
        what = "title, date and description" if kind.kind is Kind.ARTICLE else "a title"
        yield self.report(
            doc,
            doc.line_span(1),
            f"file has no front matter; add a '---' block with {what} at the top of the file",
        )


class FrontMatterIndented(Rule):
    """The front-matter delimiters or keys are indented, or blank lines precede the block.

    **Why.** Site generators recognise front matter only when its ``---`` is the first line
    and its keys start in column 1. Generated articles often indent the block (a template
    pasted inside indented text): other tools then read past the block into the article,
    or show the metadata as text.

    **Example.** ::

        ---
                    title: "2024 年人工智能领域的三大发展趋势分析"
                    date: 2025-02-18
                    ---

    Also reported: front matter inside the code fence that wraps a generated article
    (```` ```markdown ```` on line 1, then ``---``): generators then see no metadata.

    **Fix (safe).** Remove the blank lines before the block, move both delimiters to
    column 1 and dedent the keys by their common indentation (nested keys keep their
    relative indentation); a wrapper fence above the block moves below it. The fix is
    offered only when the dedented block still parses.
    """

    code = "FM002"
    name = "front-matter-indented"
    summary = "Front-matter delimiters or keys are indented"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        block = doc.front_matter
        if block is None or not block.misplaced:
            return
        lines = _dedented(doc, block)
        content = "\n".join(lines[1 : len(lines) - 1 if block.closed else len(lines)])
        parses = _parses(block.kind, content)
        if block.fence_index is not None:  # move the wrapper fence below the block
            lines.append(doc.lines[block.fence_index])
        yield self.report(
            doc,
            self._span(doc, block),
            self._message(block)
            + (" (fix: --fix)" if parses else "; dedenting alone does not make it parse"),
            edits=[doc.replace_lines(1, block.end_index + 1, lines)] if parses else [],
            fix_description="move the front matter to the top and dedent it",
        )

    @staticmethod
    def _message(block: FrontMatterBlock) -> str:
        if block.fence_index is not None:
            indent = max(block.indent, block.opener_indent, block.closer_indent or 0)
            indented = f" and is indented by {indent} spaces" if indent else ""
            return (
                f"front matter is inside the code fence opened on line {block.fence_index + 1}"
                f"{indented}; it must come first, above the fence, starting in column 1"
            )
        blanks = block.start_index
        if not blanks and not block.indent:
            line = block.start_index + 1 if block.opener_indent else block.end_index + 1
            indent = block.opener_indent or block.closer_indent or 0
            return (
                f"front-matter delimiter on line {line} is indented by {indent} spaces;"
                " delimiters and keys must start in column 1"
            )
        indent = max(block.indent, block.opener_indent, block.closer_indent or 0)
        message = "front matter"
        if blanks:
            plural = "s" if blanks != 1 else ""
            message += f" starts on line {blanks + 1} after {blanks} blank line{plural}"
        if indent:
            message += f"{' and' if blanks else ''} is indented by {indent} spaces"
        if blanks:
            return message + "; it must start on line 1 with delimiters and keys in column 1"
        return message + "; delimiters and keys must start in column 1"

    @staticmethod
    def _span(doc: Document, block: FrontMatterBlock) -> Span:
        if block.fence_index is not None:
            return doc.line_span(block.fence_index + 1)
        if block.start_index:
            return Span(1, 1, block.start_index + 1, block.opener_indent + 1)
        if block.opener_indent:
            return Span(1, 1, 1, block.opener_indent + 1)
        if block.indent:
            first = next(i for i in block.content_indexes if doc.lines[i].strip())
            return Span(first + 1, 1, first + 1, block.indent + 1)
        end = block.end_index + 1
        return Span(end, 1, end, (block.closer_indent or 0) + 1)


def _parses(kind: str, text: str) -> bool:
    if kind == "yaml":
        from mdcheck.markdown.yamlsafe import load_yaml  # only for misplaced front matter

        return load_yaml(text).problem is None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return True


def _dedented(doc: Document, block: FrontMatterBlock) -> list[str]:
    """The block's lines from line 1 on: delimiters in column 1, keys dedented."""
    result = [block.delimiter]
    for index in block.content_indexes:
        line = doc.lines[index]
        prefix = line[: block.indent]
        result.append(line[block.indent :] if not prefix.strip() else line.lstrip(" \t"))
    if block.closed:
        result.append(block.closer or block.delimiter)
    return [line if line.strip() else "" for line in result]


class FrontMatterUnclosed(Rule):
    """The front matter has an opening delimiter but no closing one.

    **Why.** Without the closing ``---`` a generator reads the article as metadata, or
    takes the first thematic break of the body as the end of the block. mdcheck never
    does that: the block ends at its last key line, and the rest is checked as the body.

    **Example.** ``---``, ``title: x``, ``date: 2025-02-18``, then the article text.

    **Fix (unsafe).** Insert the closing delimiter after the block's last key line; check
    that the block ends where you meant.
    """

    code = "FM003"
    name = "front-matter-unclosed"
    summary = "Front matter is never closed"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        block = doc.front_matter
        if block is None or block.closed:
            return
        last = block.end_index + 1
        eol = doc.eols[block.end_index]
        at = doc.line_start(last) + len(doc.lines[block.end_index]) + len(eol)
        closer = block.delimiter  # column 1: an indented one could read as a value
        content = closer + eol if eol else doc.dominant_eol + closer
        yield self.report(
            doc,
            _opener_span(doc, block),
            f"front matter opened on line {block.start_index + 1} is never closed; add a"
            f" '{block.delimiter}' line after line {last} (fix: --unsafe-fixes)",
            edits=[doc.edit(at, at, content)],
            applicability=Applicability.UNSAFE,
            fix_description=f"close the front matter after line {last}",
        )


class FrontMatterSyntax(Rule):
    """The front matter is not valid YAML (or TOML), or cannot be read safely.

    **Why.** A generator that cannot parse the block drops the whole article or its
    metadata. Common causes in generated articles: an unescaped ``"`` inside a quoted
    title, a ``: `` inside an unquoted value, tabs used for indentation.

    **Example.** ``title: "2024 "AI" trends"``: the second ``"`` ends the value early.

    The finding points at the line and column in the file where the parser stopped and
    says why in plain words, followed by the parser's own message. Only plain data is
    read: tags such as ``!!python/object`` are reported, never executed; a block that is
    too large, nests too deeply or expands through aliases (an "alias bomb") is reported
    instead of read.

    **Fix.** None: quote or escape the value as the message says.
    """

    code = "FM004"
    name = "front-matter-yaml"
    summary = "Front matter is not valid YAML or TOML"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        parsed = doc.front_matter_data
        if parsed is None or parsed.problem is None:
            return
        problem = parsed.problem
        if problem.kind == "syntax":
            detail = (
                f" ({_language(parsed.block)} parser: {problem.detail})"
                if (problem.detail and problem.detail != problem.reason)
                else ""
            )
            message = (
                f"front matter is not valid {_language(parsed.block)}: {problem.reason}{detail}"
            )
        else:
            message = (
                problem.reason if problem.kind == "limit" else f"front matter: {problem.reason}"
            )
        yield self.report(doc, problem.span, message)


RULES: tuple[type[Rule], ...] = (
    FrontMatterMissing,
    FrontMatterIndented,
    FrontMatterUnclosed,
    FrontMatterSyntax,
    FrontMatterSchema,
    FrontMatterDuplicateKey,
    TitleMismatch,
)
