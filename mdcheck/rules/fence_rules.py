"""Code-fence rules (CF): unclosed, wrapping, over-indented and unlabelled fences.

How the codes divide one defect: CF002 reports a fence wrapping the whole article (and
carries the unwrap fix); CF003 reports a wrapper or fence marker line that is indented 4+
spaces and so is no fence at all; CF001 reports a fence that never closes, including the
wrapper's closing marker when CommonMark reads it as the opening of a new fence (the
wrapper's opening line being indented code). Each finding names the line it concerns and
points at the others, and fixing CF002 clears all three.
"""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Severity
from mdcheck.document import Document
from mdcheck.fences import Fence, MarkerLine, body_fences, indented_code_blocks, parse_marker
from mdcheck.rules.base import Rule
from mdcheck.wrapper import DocumentWrapper, inner_fence_left_open


def _label(marker: str, info: str) -> str:
    return f"{marker}{info}"


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


class FenceUnclosed(Rule):
    """A code fence is never closed, or not where it was meant to close.

    **Why.** CommonMark ends an unclosed fence only at the end of the document (or of the
    list item or block quote holding it): everything after the opening marker renders as
    one code block. markdown-it and most linters silently accept this. A closing marker
    indented 4+ spaces does not close a fence, and a closing marker cannot carry an info
    string, so a missing closer before the next `` ```bash `` swallows that opener too.

    Reported, on the opening line:

    - a fence that runs to the end of the document (or of its container) without a
      closing marker; an over-indented would-be closer inside it is named;
    - a fence whose content contains the next fence's opening marker (same character,
      with an info string): the closing marker in between is missing;
    - the closing marker of a whole-document wrapper whose opening line is indented code
      (see CF002 and CF003): CommonMark reads it as a new fence that never closes.

    **Example.**

    ````markdown
    ```python
    print("hi")

    More text, now rendered as code.
    ````

    **Fix.** None automatic: add the closing marker where the code ends. For a wrapper,
    CF002's unwrap removes both marker lines.
    """

    code = "CF001"
    name = "fence-unclosed"
    summary = "Code fence is never closed"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.wrapper is not None:
            yield from self._wrapper_closer(doc, doc.wrapper)
        for fence in body_fences(doc):
            message = self._message(doc, fence)
            if message is not None:
                line = fence.open_index + 1
                yield self.report(doc, doc.line_span(line, fence.col), message)

    def _message(self, doc: Document, fence: Fence) -> str | None:
        label = _label(fence.marker, fence.info)
        closer = fence.marker[0] * len(fence.marker)
        if fence.close_index is None:
            hint = _overindented_closer(fence)
            hint = f"; {hint}" if hint else ""
            last = fence.end_index + 1
            if _blank_after(doc, fence.end_index):
                return (
                    f"code fence {label} is never closed, so the rest of the document "
                    f"renders as code{hint}; add a closing {closer} line"
                )
            return (
                f"code fence {label} has no closing marker and ends with the enclosing list "
                f"item or block quote on line {last}{hint}; add a closing {closer} line"
            )
        for offset, line in enumerate(fence.content):
            marker = parse_marker(line)
            if (
                marker is not None
                and marker.indent <= 3
                and marker.char == fence.marker[0]
                and len(marker.marker) >= len(fence.marker)
                and marker.info
            ):
                swallowed = fence.open_index + 2 + offset
                return (
                    f"code fence {label} is not closed before the "
                    f"{_label(marker.marker, marker.info)} on line {swallowed}, which renders "
                    f"as code; add a closing {closer} line before line {swallowed}"
                )
        return None

    def _wrapper_closer(self, doc: Document, wrapper: DocumentWrapper) -> Iterator[Diagnostic]:
        close = wrapper.close_index
        if wrapper.opens_fence or close is None or wrapper.close_indent > 3:
            return
        if inner_fence_left_open(doc.lines[wrapper.open_index + 1 : close]) is not None:
            return  # the closing marker closes the article's own unclosed fence
        closer = doc.lines[close].strip()
        for later in doc.lines[close + 1 :]:
            marker = parse_marker(later)
            if marker is not None and marker.indent <= 3 and marker.closes(closer):
                return
        opener = _label(wrapper.marker, wrapper.info)
        effect = (
            "so everything after it renders as code"
            if any(line.strip() for line in doc.lines[close + 1 :])
            else "shown as an empty code block"
        )
        yield self.report(
            doc,
            doc.line_span(close + 1, wrapper.close_col),
            f"this {closer} opens a code fence that is never closed ({effect}); it was "
            f"meant to close the {opener} wrapper on line {wrapper.open_index + 1}, "
            f"which is indented {_spaces(wrapper.indent)} and so "
            "is no fence (see CF002: --unsafe-fixes removes both lines)",
        )


def _overindented_closer(fence: Fence) -> str:
    for offset, line in enumerate(fence.content):
        marker = parse_marker(line)
        if marker is not None and marker.indent > 3 and marker.closes(fence.marker):
            line_number = fence.open_index + 2 + offset
            return (
                f"the {marker.marker} on line {line_number} is indented "
                f"{_spaces(marker.indent)}, too far to close it"
            )
    return ""


def _blank_after(doc: Document, index: int) -> bool:
    return not any(line.strip() for line in doc.body_lines[index + 1 :])


class FenceWrapsDocument(Rule):
    """The whole article is wrapped in a code fence (```` ```markdown ```` … ```` ``` ````).

    **Why.** Generated articles are often delivered inside a Markdown code fence; the page
    then renders as a single grey code block instead of an article. Often the opening
    marker is indented (CF003) and the closing marker opens a new, unclosed fence (CF001).

    A fence counts as a wrapper when it is the first thing after any front matter, its
    info string is empty or names Markdown (``markdown``, ``md``, ``gfm``, ``commonmark``,
    ``mdx``), it runs to the end of the document (at most three lines, and no more than
    a third of what it wraps, may follow its closing marker), and what it holds looks
    like the article: front matter, headings, tables, or (with a Markdown info string)
    any text. Front matter may sit outside or inside the wrapper; a four-backtick wrapper
    may hold three-backtick fences; the article's own fences may close a three-backtick
    wrapper early. A document that
    merely starts with a real code sample is not reported. All other rules check the
    wrapped article as if it were unwrapped, with real line numbers.

    **Example.**

    ````markdown
    ```markdown
    # 2024 年人工智能领域的三大发展趋势分析
    …
    ```
    ````

    **Fix (unsafe: the rendering changes).** Delete the wrapper's marker lines, and any
    blank lines between the opening marker and front matter inside the wrapper. The
    article itself is left byte for byte, except that when every article line carries
    the wrapper's indentation that indentation is removed (as the fence would have). To
    apply it with ``--fix`` alone, promote it in the configuration:
    ``[fixes] CF002 = "safe"``.
    """

    code = "CF002"
    name = "fence-wraps-document"
    summary = "The whole article is wrapped in a code fence"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        wrapper = doc.wrapper
        if wrapper is None:
            return
        label = _label(wrapper.marker, wrapper.info)
        first = wrapper.open_index + 1
        effect = (
            ", so it renders as code"
            if wrapper.opens_fence
            else " whose indented opening line shows up as stray text"
            if wrapper.close_index is None or wrapper.close_indent <= 3
            else " whose indented marker lines show up as stray text"
        )
        if wrapper.close_index is not None:
            last = wrapper.close_index + 1
            message = (
                f"the article is wrapped in a {label} fence (line {first} to line {last})"
                f"{effect}; delete the two fence lines (fix: --unsafe-fixes)"
            )
            extra: tuple[tuple[str, str], ...] = (
                ("open_line", str(first)),
                ("close_line", str(last)),
            )
        else:
            message = (
                f"the article is wrapped in a {label} fence that is never closed"
                f"{effect.replace(' whose', ' and whose')}; delete the fence line "
                "(fix: --unsafe-fixes)"
            )
            extra = (("open_line", str(first)),)
        yield self.report(
            doc,
            doc.line_span(first, wrapper.col),
            message,
            edits=_unwrap_edits(doc, wrapper),
            applicability=Applicability.UNSAFE,
            fix_description="remove the wrapper fence lines",
            extra=extra,
        )


def _unwrap_edits(doc: Document, wrapper: DocumentWrapper) -> list[Edit]:
    first_deleted = wrapper.open_index + 1
    last_deleted = first_deleted
    inner_front = doc.front_matter
    if inner_front is not None and inner_front.start_index > wrapper.open_index:
        last_deleted = inner_front.start_index  # blank lines before the inner front matter
    edits = [doc.delete_lines(first_deleted, last_deleted)]
    stop = wrapper.close_index if wrapper.close_index is not None else doc.line_count
    content = range(last_deleted, stop)
    dedent = min(
        (len(doc.lines[i]) - len(doc.lines[i].lstrip(" ")) for i in content if doc.lines[i]),
        default=0,
    )
    dedent = min(dedent, wrapper.indent)
    if dedent:
        for index in content:
            if doc.lines[index]:
                start = doc.line_start(index + 1)
                edits.append(doc.edit(start, start + dedent, ""))
    close = wrapper.close_index
    if close is not None:
        if doc.eols[close] or close == 0:
            edits.append(doc.delete_lines(close + 1, close + 1))
        else:  # the last line, without an ending: the file keeps having no final newline
            end = len(doc.text)
            edits.append(doc.edit(doc.line_start(close + 1) - len(doc.eols[close - 1]), end, ""))
    return edits


class FenceMarkerIndented(Rule):
    """A fence marker line is indented 4+ spaces (outside a list), so it is no fence.

    **Why.** Four or more spaces of indentation make an indented code block: the
    `` ```python `` line itself is shown as code and the fence never starts. Generated
    text often indents fence markers (the sample article's wrapper is indented 12
    spaces). Inside list items deeper indentation is legitimate and is not reported.
    An indented code block that deliberately shows fence syntax (opening and closing
    markers exactly at the block's indentation, or a lone opening marker set off by
    blank lines) is not reported either.

    **Example.**

    ````markdown
    Text.

            ```python
            print("hi")
            ```
    ````

    **Fix (unsafe: the rendering changes).** When the opening and closing markers are
    both in the same indented block outside block quotes, remove their indentation from
    the fence's lines. The wrapper's marker lines are fixed by CF002 instead.
    """

    code = "CF003"
    name = "fence-marker-indented"
    summary = "Fence marker indented 4+ spaces renders as an indented code block"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        wrapper = doc.wrapper
        if wrapper is not None:
            yield from self._wrapper_lines(doc, wrapper)
        for first, content in indented_code_blocks(doc):
            yield from self._block(doc, first, content)

    def _wrapper_lines(self, doc: Document, wrapper: DocumentWrapper) -> Iterator[Diagnostic]:
        label = _label(wrapper.marker, wrapper.info)
        if wrapper.indent > 3:
            yield self.report(
                doc,
                doc.line_span(wrapper.open_index + 1, wrapper.col),
                f"fence marker {label} is indented {_spaces(wrapper.indent)}, so it is no "
                "fence (4+ spaces make indented code); it opens the wrapper around the "
                "article (see CF002)",
            )
        if wrapper.close_index is not None and wrapper.close_indent > 3:
            yield self.report(
                doc,
                doc.line_span(wrapper.close_index + 1, wrapper.close_col),
                f"fence marker {wrapper.marker} is indented {_spaces(wrapper.close_indent)}, "
                "so it is no fence (4+ spaces make indented code); it closes the wrapper "
                "around the article (see CF002)",
            )

    def _block(self, doc: Document, first: int, content: list[str]) -> Iterator[Diagnostic]:
        start = next((i for i, line in enumerate(content) if line.strip()), None)
        if start is None:
            return
        opener = parse_marker(content[start])
        if opener is None or not opener.can_open():
            return
        close = next(
            (
                i
                for i in range(start + 1, len(content))
                if (m := parse_marker(content[i])) is not None and m.closes(opener.marker)
            ),
            None,
        )
        closer = parse_marker(content[close]) if close is not None else None
        if opener.indent == 0 and closer is not None and closer.indent == 0:
            return  # an indented block that shows fence syntax on purpose
        after = first + len(content)
        followed = after < doc.line_count and doc.body_lines[after].strip()
        if opener.indent == 0 and close is None and start == len(content) - 1 and not followed:
            return  # a one-line example of an opening marker, set off by a blank line
        open_line = first + start + 1
        edits = self._dedent(doc, open_line, first + close + 1 if close is not None else None)
        fixable = "unindent it (fix: --unsafe-fixes)"
        yield self._marker(
            doc, open_line, opener, "opening", edits, todo=fixable if edits else "unindent it"
        )
        if close is not None and closer is not None:
            todo = f"unindent it with line {open_line} (fix: --unsafe-fixes)" if edits else ""
            yield self._marker(
                doc, first + close + 1, closer, "closing", [], todo=todo or "unindent it"
            )

    def _marker(
        self,
        doc: Document,
        line: int,
        marker: MarkerLine,
        role: str,
        edits: list[Edit],
        *,
        todo: str,
    ) -> Diagnostic:
        raw = doc.lines[line - 1]
        col = raw.find(marker.marker) + 1
        width = 4 + marker.indent
        return self.report(
            doc,
            doc.line_span(line, col),
            f"{role} fence marker {_label(marker.marker, marker.info)} is indented "
            f"{_spaces(width)}, so it renders as an indented code block, not a fence; {todo}",
            edits=edits,
            applicability=Applicability.UNSAFE,
            fix_description="remove the fence's extra indentation",
        )

    @staticmethod
    def _dedent(doc: Document, open_line: int, close_line: int | None) -> list[Edit]:
        if close_line is None:
            return []
        raw = doc.lines[open_line - 1]
        width = len(raw) - len(raw.lstrip(" "))
        if width < 4 or raw[width] not in "`~":
            return []  # tabs, or inside a block quote: leave it to the author
        edits: list[Edit] = []
        for line in range(open_line, close_line + 1):
            text = doc.lines[line - 1]
            strip = min(width, len(text) - len(text.lstrip(" ")))
            if strip:
                start = doc.line_start(line)
                edits.append(doc.edit(start, start + strip, ""))
        return edits


class FenceLanguageMissing(Rule):
    """An opening code fence has no info string (language).

    **Why.** Without a language there is no syntax highlighting, and readers and tools
    cannot tell a shell session from Python. Use ``text`` for plain output. Off by
    default: much good documentation leaves short fences unlabelled. Enable it with
    ``extend-select = ["CF004"]``. The wrapper of a wrapped article is not reported
    (see CF002).

    **Example.** A fence opened with a bare `` ``` `` line.

    **Fix.** None automatic: add the language after the opening marker.
    """

    code = "CF004"
    name = "fence-language-missing"
    summary = "Code fence has no language"
    enabled_by_default = False

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for fence in body_fences(doc):
            if fence.info:
                continue
            yield self.report(
                doc,
                doc.line_span(fence.open_index + 1, fence.col),
                f"code fence has no language; name one after the {fence.marker} "
                f"(e.g. {fence.marker}python, or {fence.marker}text for plain output)",
            )


RULES: tuple[type[Rule], ...] = (
    FenceUnclosed,
    FenceWrapsDocument,
    FenceMarkerIndented,
    FenceLanguageMissing,
)
