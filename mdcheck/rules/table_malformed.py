"""TB003 (table-malformed): table-like lines that are not a table.

Kept apart from :mod:`mdcheck.rules.table_rules` (which lists it in the family's
``RULES``) because it reads paragraphs and headings as well as tables. Shapes
recognised, each reported once at the line that needs the change:

- a paragraph line that looks like a delimiter row (only ``|``, ``-``, ``:``, ``=`` and
  spaces) but is not valid, has no header above it, or has a different number of cells
  than the header row above it;
- two or more consecutive lines written as rows (``| … |``) with no delimiter row, or one
  such line right after a table that it does not belong to (a missing ``>``, say);
- a table directly under a paragraph line; when that line is itself written as a row it is
  a stray row above the header, otherwise the table is merely glued to the paragraph;
- a row written above a bare ``---``: a one-cell delimiter for a wider header, which
  makes the lines a setext heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.markdown.tables import PipeParagraph, Table, delimiter_columns, delimiter_problem
from mdcheck.rules.base import Rule


class TableMalformed(Rule):
    """Lines plainly meant as a table do not form one, or a table is glued to a paragraph.

    **Why.** A table whose delimiter row has a different number of cells than its header,
    or that has no delimiter row at all, is not a table: it renders as one paragraph full
    of pipes (or, over a bare ``---``, as a heading). The same happens when the header is
    a lazy line of a paragraph in a block quote or list item, or when the delimiter row is
    indented into code. A table written directly under a paragraph line renders as a
    table on GitHub and markdown-it, but renderers that need a blank line first (for
    example Python-Markdown, and older GFM implementations) keep it as paragraph text; a
    row-like line right above the header is not part of the table at all.

    **Example.**

    ```markdown
    | Route | Pros | Cons |
    | --- | --- |
    | GPU | fast | costly |
    ```

    reports ``delimiter row has 2 cells but the header row (line 1) has 3`` at line 2.

    **Fix.** For a table glued to a paragraph (outside list items), a safe fix inserts a
    blank line before the header row (``>`` inside a block quote); the table renders the
    same on GitHub and markdown-it, and now everywhere. Otherwise none automatic: make
    the delimiter row match the header, add the missing delimiter row
    (``| --- | --- |``), or join the stray row to its table.
    """

    code = "TB003"
    name = "table-malformed"
    summary = "Table-like lines that do not parse as a table"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield from malformed_findings(self, doc)


def malformed_findings(rule: Rule, doc: Document) -> Iterator[Diagnostic]:
    model = doc.tables
    for paragraph in model.paragraphs:
        yield from _paragraph_findings(rule, doc, paragraph)
    for table in model.tables:
        if table.glued_to is not None:
            yield _glued(rule, doc, table)
    for header, underline in model.setext_rows:
        if header.looks_like_row and len(header.cells) >= 2:
            yield rule.report(
                doc,
                underline.span(),
                f"delimiter row has 1 cell but the header row (line {header.line}) has"
                f" {len(header.cells)}; the lines render as a heading (write"
                f" {'| --- ' * len(header.cells)}|)",
            )


def _paragraph_findings(
    rule: Rule, doc: Document, paragraph: PipeParagraph
) -> Iterator[Diagnostic]:
    rows = paragraph.rows
    delimiter = next((k for k, row in enumerate(rows) if row.looks_like_delimiter), None)
    if delimiter is not None:
        row = rows[delimiter]
        problem = delimiter_problem(row)
        if delimiter == 0:
            message = (
                "delimiter row with no header row right above it; the table renders as"
                " paragraph text (put the header row directly above this line)"
            )
        elif problem is not None:
            message = (
                f"this looks like a table's delimiter row but {problem}; the table renders"
                " as paragraph text"
            )
        elif not rows[delimiter - 1].has_pipe:
            message = (
                f"delimiter row under a line without '|' (line {row.line - 1}); the table"
                " renders as paragraph text (write the header row with '|' between cells)"
            )
        else:
            header = rows[delimiter - 1]
            declared, wanted = delimiter_columns(row), len(header.cells)
            if declared != wanted:
                message = (
                    f"delimiter row has {declared} cells but the header row (line {header.line})"
                    f" has {wanted}; the table renders as paragraph text (give both {wanted}"
                    " cells)"
                )
            elif row.start - header.start >= 4:
                message = (
                    f"delimiter row is indented {row.start - header.start} columns deeper than"
                    f" the header row (line {header.line}), so the table renders as paragraph"
                    " text; align it with the header"
                )
            elif delimiter >= 2:
                # A valid header and delimiter read as paragraph text: lazy continuation
                # lines of a paragraph in a block quote or list item.
                yield rule.report(
                    doc,
                    header.span(),
                    f"the header row continues the paragraph above (line {rows[0].line}) as a"
                    " lazy line of its block quote or list item, so the table renders as"
                    f" paragraph text; add a blank line (with the container's markers) before"
                    f" line {header.line}",
                )
                return
            else:
                return
        yield rule.report(doc, row.span(), message)
        return
    index = 0
    while index < len(rows):
        if not rows[index].looks_like_row:
            index += 1
            continue
        end = index
        while end < len(rows) and rows[end].looks_like_row:
            end += 1
        continues_table = index == 0 and paragraph.after_table
        precedes_table = end == len(rows) and paragraph.before_table
        if precedes_table:
            pass  # reported as a stray row above that table's header
        elif continues_table and len(rows[index].cells) >= 2:
            yield rule.report(
                doc,
                rows[index].span(),
                "this line looks like a row of the table above but is not part of it (check"
                " its '>' markers or indentation); it renders as paragraph text",
            )
        elif end - index >= 2 and len(rows[index].cells) == len(rows[index + 1].cells):
            yield rule.report(
                doc,
                rows[index].span(),
                f"{end - index} lines look like table rows but there is no delimiter row"
                f" (| --- | --- |) under the header on line {rows[index].line}; they render as"
                " paragraph text",
            )
        index = end


def _glued(rule: Rule, doc: Document, table: Table) -> Diagnostic:
    above = table.glued_to
    assert above is not None
    header = table.header
    if above.looks_like_row:
        return rule.report(
            doc,
            above.span(),
            f"this line looks like a table row but renders as paragraph text: the table's"
            f" header is line {header.line}, the line right above its delimiter row",
        )
    message = (
        f"table starts right after a paragraph line (line {above.line}) without a blank"
        " line; GitHub and markdown-it split it off, other renderers keep the table inside"
        f" the paragraph: add a blank line before line {header.line}"
    )
    if table.in_list:
        return rule.report(doc, header.span(), message)
    line = doc.lines[header.line - 1]
    prefix = "".join(c for c in line[: header.start] if c == ">")  # the quote markers
    start = doc.line_start(header.line)
    eol = doc.eols[above.line - 1] or doc.dominant_eol
    return rule.report(
        doc,
        header.span(),
        message + " (fix: --fix)",
        edits=[doc.edit(start, start, prefix + eol)],
        fix_description="insert a blank line before the table",
    )
