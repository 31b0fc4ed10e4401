"""Table rules (TB): complete tables and complete comparison tables, read from the raw lines.

Every check reads the rows of :attr:`Document.tables <mdcheck.markdown.document.Document.tables>`,
which re-splits the raw source lines (markdown-it pads short rows, drops extra cells and
turns a table with a wrong delimiter row into a paragraph). These rules report; they never
change a cell.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator

from mdcheck.article.comparison import (
    COLUMNS_SCHEMA,
    DEFAULT_COLUMNS,
    DEFAULT_HEADING_KEYWORDS,
    ROLES,
    Roles,
    announces_comparison,
    has_cjk,
    key,
    plain,
    table_headers,
)
from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.tables import Table, pipe_in_code_span
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.table_malformed import TableMalformed

COLUMNS_OPTION = Option(
    "columns",
    COLUMNS_SCHEMA,
    DEFAULT_COLUMNS,
    "Header synonyms of each column role (route, advantage, disadvantage); a role left out"
    " keeps its default list. Shared by TB002, TB004, TB005 and TB006.",
    extra={"alias": "comparison-columns"},
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class TableColumnCount(Rule):
    """A table row has fewer or more cells than the header row.

    **Why.** GitHub and markdown-it silently pad a short row with empty cells and drop the
    extra cells of a long row, so content goes missing or lands in the wrong column
    without any warning. A common cause is a ``|`` inside inline code: GFM splits rows
    before it parses code spans, so ``| `a|b` |`` is two cells (write ``\\|``). Another
    is a paragraph written right under a table: without a blank line it becomes a row.

    **Example.**

    ```markdown
    | 技术路线 | 优势 | 劣势 |
    | --- | --- | --- |
    | GPU | 通用性强 |
    ```

    reports ``row has 2 cells but the header has 3``. Escaped pipes (``\\|``) do not split
    cells; leading and trailing pipes are optional, exactly as in GFM.

    **Fix.** None automatic: add the missing cell, merge or remove the extra one, escape
    the pipe, or put a blank line between the table and the paragraph. mdcheck never
    invents or deletes cells.
    """

    code = "TB001"
    name = "table-column-count"
    aliases = ("MD056", "table-column-count")
    summary = "Table row has a different number of cells than the header"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for table in doc.tables.tables:
            expected = table.columns
            for row in table.body:
                count = len(row.cells)
                if count == expected:
                    continue
                header = f"row has {_plural(count, 'cell')} but the header has {expected}"
                if not row.has_pipe:
                    message = (
                        f"{header}: this line has no '|', so it joins the table as a row;"
                        " add a blank line before it if it is a paragraph"
                    )
                    span = row.span()
                elif count < expected:
                    missing = expected - count
                    renders = "cell renders" if missing == 1 else "cells render"
                    message = (
                        f"{header}; the missing {renders} empty (add {_plural(missing, 'cell')})"
                    )
                    span = row.span()
                else:
                    extra = row.cells[expected:]
                    dropped = "the extra cell is" if len(extra) == 1 else "the extra cells are"
                    message = (
                        f"{header}; {dropped} dropped when rendered"
                        f" (remove or merge {_plural(len(extra), 'cell')})"
                    )
                    span = Span(row.line, extra[0].start + 1, row.line, extra[-1].end + 1)
                if row.has_pipe and pipe_in_code_span(row.text):
                    message += "; a '|' inside inline code still splits cells: escape it as '\\|'"
                yield self.report(doc, span, message, extra=(("cells", str(count)),))


class TableEmptyCell(Rule):
    """A comparison table has an empty cell or a placeholder instead of content.

    **Why.** A comparison of technical routes with a blank advantage, or ``TBD`` as a
    disadvantage, is an unfinished article. Generated articles often leave such holes.
    Other tables are not checked by default: an empty cell there is often deliberate (an
    empty default value in an options table).

    **Example.** ``| **TPU** | — | 开放性不足 |`` in a table headed
    ``| 技术路线 | 优势 | 劣势 |`` reports ``placeholder "—" in column "优势"``.

    **Fix.** None automatic: write the missing content, or drop the row.

    **Options.** ``empty-cells``: ``"comparison"`` (default) checks comparison tables only,
    ``"all"`` checks every table, ``"off"`` checks none. ``placeholders``: cell texts
    (compared case-insensitively, markup stripped) that count as empty. ``columns``: the
    column role synonyms that make a table a comparison table (see TB004).
    """

    code = "TB002"
    name = "table-empty-cell"
    summary = "Comparison table cell is empty or a placeholder"
    options = (
        Option(
            "empty-cells",
            {"enum": ["comparison", "all", "off"]},
            "comparison",
            "Which tables are checked: comparison tables, all tables, or none.",
        ),
        Option(
            "placeholders",
            {"type": "array", "items": {"type": "string"}},
            ["-", "--", "—", "——", "–", "N/A", "TBD", "TODO", "待补充", "待定", "暂无", "无"],
            "Cell texts that count as empty (case-insensitive, markup stripped).",
        ),
        COLUMNS_OPTION,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        scope = self.settings["empty-cells"]
        if scope == "off":
            return
        roles = Roles.from_option(self.settings["columns"])
        placeholders, longest = _placeholder_keys(tuple(self.settings["placeholders"]))
        for table, header in table_headers(doc, roles):
            if scope == "comparison" and not header.comparison:
                continue
            names = header.names
            where = " of the comparison table" if header.comparison else ""
            columns = table.columns
            for row in table.body:
                for index, cell in enumerate(row.cells[:columns]):
                    text = cell.text
                    if not text:
                        what = "empty cell"
                    elif len(text) <= longest and key(text) in placeholders:
                        what = f'placeholder "{text}"'
                    else:
                        continue
                    column = names[index] or f"{index + 1}"
                    yield self.report(
                        doc,
                        row.cell_span(cell),
                        f'{what} in column "{column}"{where}; write the content or drop the row',
                        extra=(("column", column),),
                    )


@functools.lru_cache(maxsize=8)  # one answer per configured list, not one per document
def _placeholder_keys(placeholders: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The comparison keys of the placeholders, and the longest cell text worth keying."""
    keys = frozenset(key(p) for p in placeholders)
    return keys, 2 * max((len(p) for p in keys), default=0) + 8  # room for markup


class ComparisonColumns(Rule):
    """A comparison table lacks one of the three column roles.

    **Why.** A table comparing technical routes needs a route column, an advantage
    column and a disadvantage column (技术路线 / 优势 / 劣势). A header that matches two of
    the roles is plainly such a table; the third column is missing.

    **Example.** ``| 技术路线 | 优势 |`` reports ``comparison table has no disadvantage
    column``; so does ``| Approach | Pros |``.

    **Fix.** None automatic: add the column and its content.

    **Options.** ``columns``: the synonyms of each role; a header cell matches when, with
    markup and surrounding punctuation stripped and case folded, it is a synonym, contains
    one as a word, or (Chinese) contains one (主要优势). The defaults are route: 技术路线,
    路线, 方案, 技术方案, 技术, Route, Approach, Technology, Option; advantage: 优势, 优点,
    长处, Advantages, Advantage, Pros, Strengths; disadvantage: 劣势, 缺点, 不足, 短板, 局限,
    Disadvantages, Disadvantage, Cons, Weaknesses, Drawbacks, Limitations. Top-level key
    ``comparison-columns`` sets it for all TB rules. ``column-order``: when set (e.g.
    ``["route", "advantage", "disadvantage"]``), the roles must appear in that order.
    """

    code = "TB004"
    name = "comparison-columns"
    summary = "Comparison table lacks a route, advantage or disadvantage column"
    options = (
        COLUMNS_OPTION,
        Option(
            "column-order",
            {"type": "array", "items": {"enum": list(ROLES)}, "uniqueItems": True},
            [],
            "Required order of the role columns; empty means any order.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        roles = Roles.from_option(self.settings["columns"])
        order = list(self.settings["column-order"])
        for table, table_header in table_headers(doc, roles):
            if not table_header.comparison:
                continue
            header_roles = table_header.roles
            present = set().union(*header_roles)
            header = " | ".join(table_header.names)
            for role in ROLES:
                if role in present:
                    continue
                yield self.report(
                    doc,
                    table.header.span(),
                    f"comparison table has no {role} column (header: {header});"
                    f' add one, e.g. "{roles.example(role, has_cjk(header))}"',
                    extra=(("missing", role),),
                )
            if order and present >= set(order):
                first = [next(i for i, r in enumerate(header_roles) if role in r) for role in order]
                if first != sorted(first):
                    yield self.report(
                        doc,
                        table.header.span(),
                        f"comparison columns are out of order (header: {header});"
                        f" expected {' / '.join(order)}",
                    )


class ComparisonDuplicateRoute(Rule):
    """The same route is listed twice in one comparison table.

    **Why.** Two rows for one route split its advantages and disadvantages and usually
    mean a copy-paste slip in a generated table. Routes are compared after stripping
    markup (``**GPU**`` equals ``GPU``), Unicode width and case.

    **Example.** ``| **GPU** | … |`` and later ``| GPU | … |`` in the same table.

    **Fix.** None automatic: merge the two rows or name the routes apart.

    **Options.** ``columns``: the column role synonyms (see TB004).
    """

    code = "TB005"
    name = "comparison-duplicate-route"
    summary = "Comparison table lists the same route twice"
    options = (COLUMNS_OPTION,)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        roles = Roles.from_option(self.settings["columns"])
        for table, header in table_headers(doc, roles):
            if not header.comparison:
                continue
            # primary() picks among the roles a cell matches: ask only the route cells
            column = next(
                (
                    i
                    for i, name in enumerate(header.names)
                    if "route" in header.roles[i] and roles.primary(name) == "route"
                ),
                None,
            )
            if column is None:
                continue
            seen: dict[str, int] = {}
            for row in table.body:
                cells = row.cells
                if column >= len(cells) or not cells[column].text:
                    continue
                cell = cells[column]
                route = key(cell.text)
                if route in seen:
                    yield self.report(
                        doc,
                        row.cell_span(cell),
                        f'route "{plain(cell.text)}" is listed twice in this comparison table'
                        f" (first on line {seen[route]}); merge the rows or name them apart",
                    )
                else:
                    seen[route] = row.line


class ComparisonTableMissing(Rule):
    """A section whose heading announces a comparison contains no comparison table.

    **Why.** In a trend article a heading such as ``### 1.2 技术路线比较`` or
    ``## GPU vs TPU`` promises a table of routes with their advantages and
    disadvantages; generated articles sometimes deliver only prose.

    **Example.** ``### 2.2 技术路线对比`` followed by paragraphs and then the next
    ``###`` heading.

    To stay quiet on ordinary documentation ("Windows vs. POSIX"), a heading counts only
    when it names a column role (技术路线, 方案, Approach, …; not Option) or the document has a
    comparison table elsewhere. The section runs to the next heading of the same or a
    higher level, so a table in a sub-section counts. A comparison table there satisfies
    the rule, and so does a matrix whose header names no role at all
    (``| Feature | A | B |``), or a broken table that TB003 reports. Heading keywords are
    matched case-insensitively, whole words for Latin ones; ``比较`` counts only as a noun
    (not in ``比较成熟``), ``对比`` not in ``对比度`` or ``对比学习``; ``vs`` not in ``VS Code``.

    **Fix.** None automatic: add the comparison table, or reword the heading.

    **Options.** ``heading-keywords``: words that announce a comparison. ``columns``: the
    column role synonyms (see TB004).
    """

    code = "TB006"
    name = "comparison-table-missing"
    summary = "Comparison section has no comparison table"
    options = (
        Option(
            "heading-keywords",
            {"type": "array", "items": {"type": "string"}},
            DEFAULT_HEADING_KEYWORDS,
            "Heading words that announce a comparison.",
        ),
        COLUMNS_OPTION,
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        headings = doc.headings
        if not headings:
            return
        keywords = tuple(self.settings["heading-keywords"])
        announcing = [
            (position, heading, keyword)
            for position, heading in enumerate(headings)
            if (keyword := announces_comparison(heading.text, keywords)) is not None
        ]
        if not announcing:  # no heading announces a comparison: nothing to check
            return
        roles = Roles.from_option(self.settings["columns"])
        comparisons, others = self._table_lines(doc, roles)
        satisfying = sorted(comparisons + others)
        for position, heading, keyword in announcing:
            if not (comparisons or roles.named_in_heading(heading.text)):
                continue
            end = _section_end(doc, position)
            index = bisect.bisect_right(satisfying, heading.end_line)
            if index < len(satisfying) and satisfying[index] < end:
                continue
            yield self.report(
                doc,
                doc.line_span(heading.line),
                f'section "{plain(heading.text)}" announces a comparison ("{keyword}") but has'
                " no comparison table (route / advantage / disadvantage columns); add one",
                extra=(("keyword", keyword),),
            )

    @staticmethod
    def _table_lines(doc: Document, roles: Roles) -> tuple[list[int], list[int]]:
        """Header lines of the comparison tables, and of the other tables that count."""
        comparisons: list[int] = []
        others: list[int] = []
        for table, header in table_headers(doc, roles):
            no_role = not any(header.roles)
            if header.comparison or (no_role and _transposed(table, roles)):
                comparisons.append(table.header.line)
            elif no_role:
                others.append(table.header.line)
        for paragraph in doc.tables.paragraphs:
            rows = paragraph.rows
            if any(r.looks_like_delimiter for r in rows) or sum(r.looks_like_row for r in rows) > 1:
                others.append(rows[0].line)
        return comparisons, others


def _transposed(table: Table, roles: Roles) -> bool:
    """Whether the roles label the rows instead (first column: 优势, 劣势, …)."""
    found: set[str] = set()
    for row in table.body:
        if row.cells:
            found |= roles.of_cell(row.cells[0].text)
            if len(found) >= 2:
                return True
    return False


def _section_end(doc: Document, position: int) -> int:
    """The 1-based line where the section of ``doc.headings[position]`` ends (exclusive):
    the next heading of the same or a higher level. Scanning forward from each announcing
    heading stays linear overall: a heading lies in the sections of at most five others
    (its ancestors, one per higher level)."""
    headings = doc.headings
    level = headings[position].level
    for index in range(position + 1, len(headings)):
        if headings[index].level <= level:
            return headings[index].line
    return len(doc.lines) + 1


RULES: tuple[type[Rule], ...] = (
    TableColumnCount,
    TableEmptyCell,
    TableMalformed,
    ComparisonColumns,
    ComparisonDuplicateRoute,
    ComparisonTableMissing,
)
