"""Hygiene rules on lists, links and shell code (markdownlint's MD004, MD005, MD007,
MD011, MD014 and MD029)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.hygiene_base import text_line_indexes

_MARKERS = {"*": "asterisk", "+": "plus", "-": "dash"}
_ORDERED = re.compile(r"(?P<indent>[ ]*)(?P<number>\d{1,9})(?P<delimiter>[.)])")


class Item(NamedTuple):
    line: int  # 1-based
    indent: int  # column of the marker, 0-based, after block-quote markers
    marker: str  # "-", "*", "+", or the number with its delimiter
    depth: int  # nesting depth of the list (0 = top level)
    ordered: bool
    parents_unordered: bool  # every enclosing list is a bullet list
    list_id: int


def list_items(doc: Document) -> list[Item]:
    """Every list item of the body, with its list's depth and identity."""

    def build() -> list[Item]:
        items: list[Item] = []
        stack: list[tuple[int, bool]] = []  # (list id, ordered)
        kinds = ("bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close")
        opening = {"list_item_open"}
        tokens = doc.block_tokens
        for index in doc.positions_of(*kinds, "list_item_open"):
            token = tokens[index]
            kind = token.type if token is not None else "list_item_open"
            if kind in ("bullet_list_open", "ordered_list_open"):
                stack.append((index, kind == "ordered_list_open"))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                if stack:
                    stack.pop()
            elif kind in opening and stack:
                fields = doc.list_item(index)  # a one-line item's tokens stay unbuilt
                line = doc.lines[fields.start]
                body = re.sub(r"^(?:[ ]{0,3}>[ ]?)*", "", line)
                offset = len(line) - len(body)
                indent = len(body) - len(body.lstrip(" "))
                list_id, ordered = stack[-1]
                items.append(
                    Item(
                        fields.start + 1,
                        offset + indent,
                        fields.markup if not ordered else fields.info + fields.markup,
                        len(stack) - 1,
                        ordered,
                        not any(o for _, o in stack[:-1]),
                        list_id,
                    )
                )
        return items

    return doc.memo("hygiene-list-items", build)


class UnorderedListStyle(Rule):
    """Bullet lists do not use one marker (``-``, ``*`` or ``+``).

    **Why.** Mixed markers read as carelessness, and in CommonMark changing the marker
    starts a new list. markdownlint's MD004.

    **Fix.** Use one marker (no automatic fix: a new marker can merge two lists into one
    or turn a line into a thematic break such as ``* * *``).

    **Options.** ``style``: ``consistent`` (the first marker in the document; default),
    ``asterisk``, ``plus``, ``dash``, or ``sublist`` (each nesting level differs from its
    parent and is consistent within the level).
    """

    code = "HY004"
    name = "bullet-style"
    summary = "Bullet list markers are not consistent"
    aliases = ("MD004", "ul-style")
    options = (
        Option(
            "style",
            {"enum": ["consistent", "asterisk", "plus", "dash", "sublist"]},
            "consistent",
            "The marker to expect.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = str(self.settings["style"])
        wanted = {name: marker for marker, name in _MARKERS.items()}
        expected: str | None = wanted.get(style)
        by_depth: dict[int, str] = {}
        for item in list_items(doc):
            if item.ordered or item.marker not in _MARKERS:
                continue
            if style == "sublist":  # one marker per nesting level
                want = by_depth.setdefault(item.depth, item.marker)
            else:
                if expected is None:
                    expected = item.marker
                want = expected
            if item.marker == want:
                continue
            yield self.report(
                doc,
                doc.line_span(item.line, item.indent + 1, item.indent + 2),
                f"bullet {item.marker!r} where the document uses {want!r}",
            )


class ListIndent(Rule):
    """Items of one list are indented differently.

    **Why.** Usually a typo, and a misindented item may end up in another list.
    markdownlint's MD005. Ordered lists may align their numbers on the right (`` 9.`` over
    ``10.``).
    """

    code = "HY005"
    name = "list-indent"
    summary = "Items of one list are not indented alike"
    aliases = ("MD005", "list-indent")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        lists: dict[int, list[Item]] = {}
        for item in list_items(doc):
            lists.setdefault(item.list_id, []).append(item)
        for items in lists.values():
            first = items[0]
            right = first.indent + len(first.marker)
            for item in items[1:]:
                if item.indent == first.indent:
                    continue
                if item.ordered and item.indent + len(item.marker) == right:
                    continue
                yield self.report(
                    doc,
                    doc.line_span(item.line, item.indent + 1),
                    f"list item indented by {item.indent}; the list's first item (line"
                    f" {first.line}) by {first.indent}",
                )


class UnorderedListIndent(Rule):
    """A nested bullet list is not indented by the expected number of spaces.

    **Why.** markdownlint's MD007 (default 2 spaces a level). **Off by default** in
    mdcheck: four spaces a level is just as common, and Python-Markdown (MkDocs)
    requires it; both render alike in CommonMark. Applies to bullet lists whose parents
    are all bullet lists.

    **Options.** ``indent`` (2), ``start-indented`` (``false``), ``start-indent`` (2).
    """

    code = "HY007"
    name = "bullet-indent"
    summary = "Nested bullet list indentation differs from the setting"
    aliases = ("MD007", "ul-indent")
    enabled_by_default = False
    options = (
        Option("indent", {"type": "integer", "minimum": 1}, 2, "Spaces per level."),
        Option("start-indented", {"type": "boolean"}, False, "Indent the first level."),
        Option("start-indent", {"type": "integer", "minimum": 0}, 2, "First level's indent."),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        indent = int(self.settings["indent"])
        start = int(self.settings["start-indent"]) if self.settings["start-indented"] else 0
        for item in list_items(doc):
            if item.ordered or not item.parents_unordered:
                continue
            expected = start + item.depth * indent
            if item.indent != expected:
                yield self.report(
                    doc,
                    doc.line_span(item.line, item.indent + 1),
                    f"bullet indented by {item.indent} spaces; expected {expected}",
                )


class OrderedListPrefix(Rule):
    """The numbers of an ordered list do not follow the chosen style.

    **Why.** ``1. 2. 4.`` is a list with an item missing or misnumbered. markdownlint's
    MD029. A list may start at any number (a list broken by a block starts again where
    it stopped); from there, ``ordered`` numbers go up by one.

    **Options.** ``style``: ``one_or_ordered`` (all ``1.`` or counting up; default),
    ``one``, ``ordered``, ``zero``.
    """

    code = "HY029"
    name = "ordered-list-prefix"
    summary = "Ordered list numbers do not follow the style"
    aliases = ("MD029", "ol-prefix")
    options = (
        Option(
            "style",
            {"enum": ["one_or_ordered", "one", "ordered", "zero"]},
            "one_or_ordered",
            "How items are numbered.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = str(self.settings["style"])
        lists: dict[int, list[tuple[Item, int]]] = {}
        for item in list_items(doc):
            if item.ordered:
                digits = re.match(r"\d+", item.marker)
                if digits:
                    lists.setdefault(item.list_id, []).append((item, int(digits.group())))
        for items in lists.values():
            numbers = [n for _, n in items]
            if style == "one_or_ordered":
                if len(items) >= 2 and numbers[1] == numbers[0] and numbers[0] in (0, 1):
                    expected = [numbers[0]] * len(numbers)
                else:
                    expected = list(range(numbers[0], numbers[0] + len(numbers)))
            elif style == "one":
                expected = [1] * len(numbers)
            elif style == "zero":
                expected = [0] * len(numbers)
            else:
                expected = list(range(numbers[0], numbers[0] + len(numbers)))
            for (item, number), want in zip(items, expected, strict=True):
                if number != want:
                    yield self.report(
                        doc,
                        doc.line_span(
                            item.line, item.indent + 1, item.indent + len(item.marker) + 1
                        ),
                        f"list item numbered {number}; expected {want}",
                    )
                    break  # one finding a list: the rest follows from it


_REVERSED = re.compile(r"(?<![\\\]])\((?P<text>[^()\n]+)\)\[(?P<target>[^\]^\n][^\]\n]*)\](?!\()")


class NoReversedLinks(Rule):
    """A link is written the wrong way round: ``(text)[https://…]``.

    **Why.** It renders as the literal text with brackets, not as a link. markdownlint's
    MD011. Footnote references (``(see)[^1]``) and text in code spans are not reported.

    **Fix.** With ``--unsafe-fixes`` the brackets are swapped (unsafe: the text becomes a
    link).
    """

    code = "HY011"
    name = "reversed-link"
    summary = "Link syntax reversed: (text)[url]"
    aliases = ("MD011", "no-reversed-links")
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if ")[" not in doc.text:
            return
        for index in text_line_indexes(doc):
            line_no = index + 1
            line = doc.lines[index]
            if ")[" in line:
                masked = re.sub(r"`[^`]*`", lambda m: " " * len(m.group()), line)
                for match in _REVERSED.finditer(masked):
                    start = doc.offset(line_no, match.start() + 1)
                    swapped = f"[{match.group('text')}]({match.group('target')})"
                    yield self.report(
                        doc,
                        doc.line_span(line_no, match.start() + 1, match.end() + 1),
                        f"reversed link syntax; write {swapped} (fix: --unsafe-fixes)",
                        edits=[doc.edit(start, start + len(match.group()), swapped)],
                        applicability=Applicability.UNSAFE,
                        fix_description="swap the brackets",
                    )


class CommandsShowOutput(Rule):
    """Every line of a code block starts with ``$``, but no output is shown.

    **Why.** The dollar signs only get in the way of copying the commands; they earn
    their place when output lines stand between the commands. markdownlint's MD014.

    **Fix.** With ``--unsafe-fixes`` the ``$`` prompts are removed (unsafe: it edits code).
    """

    code = "HY014"
    name = "dollar-without-output"
    summary = "Shell commands with $ prompts and no output"
    aliases = ("MD014", "commands-show-output")
    enabled_by_default = False
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if "$" not in doc.text:
            return
        for index in doc.positions_of("fence", "code_block"):
            token = doc.block_token(index)
            if token.map is None or "$" not in token.content:
                continue
            lines = [line for line in token.content.splitlines() if line.strip()]
            if not lines or not all(re.match(r"\s*\$\s", line) for line in lines):
                continue
            first = token.map[0] + (2 if token.type == "fence" else 1)
            edits = []
            for line_no in range(first, token.map[1] + 1):
                if line_no > len(doc.lines):
                    break
                match = re.match(r"(\s*)\$\s+", doc.lines[line_no - 1])
                if match and match.group(1) == re.match(r"\s*", doc.lines[line_no - 1]).group():  # type: ignore[union-attr]
                    start = doc.offset(line_no, len(match.group(1)) + 1)
                    edits.append(
                        doc.edit(start, start + len(match.group()) - len(match.group(1)), "")
                    )
            line_text = doc.lines[first - 1] if first <= len(doc.lines) else ""
            column = line_text.find("$") + 1 or 1
            yield self.report(
                doc,
                doc.line_span(first, column, column + 1),
                "every line starts with '$' and no output is shown; drop the prompts"
                " (fix: --unsafe-fixes)",
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description="remove the $ prompts",
            )


RULES: tuple[type[Rule], ...] = (
    UnorderedListStyle,
    ListIndent,
    UnorderedListIndent,
    NoReversedLinks,
    CommandsShowOutput,
    OrderedListPrefix,
)
