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
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import Fence, body_fences, fence_label, parse_marker, spaces
from mdcheck.markdown.wrapper import DocumentWrapper, inner_fence_left_open
from mdcheck.rules.base import Rule
from mdcheck.rules.fence_indent import FenceMarkerIndented


class FenceUnclosed(Rule):
    """A code fence is never closed, or not where it was meant to close.

    **Why.** CommonMark ends an unclosed fence only at the end of the document (or of the
    list item or block quote holding it): everything after the opening marker renders as
    one code block. markdown-it and most linters silently accept this. A closing marker
    indented 4+ spaces does not close a fence, and a closing marker cannot carry an info
    string, so a missing closer before the next `` ```bash `` swallows that opener too.

    Reported, on the opening line:

    - a fence that runs to the end of the document (or of its container) without a
      closing marker; an over-indented would-be closer inside it is named, and so is a
      closing marker left outside the list item or block quote (which then opens a new
      fence of its own);
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
        strays: dict[int, Fence] = {}  # closing markers left outside their container
        for fence in body_fences(doc):
            message = self._message(doc, fence, strays)
            if message is not None:
                line = fence.open_index + 1
                yield self.report(doc, doc.line_span(line, fence.col), message)

    def _message(self, doc: Document, fence: Fence, strays: dict[int, Fence]) -> str | None:
        label = fence_label(fence.marker, fence.info)
        closer = fence.marker[0] * len(fence.marker)
        if fence.close_index is None:
            hint = _overindented_closer(fence)
            hint = f"; {hint}" if hint else ""
            last = fence.end_index + 1
            meant = strays.get(fence.open_index)
            if meant is not None and not fence.info:
                return (
                    f"this {fence.marker} opens a code fence that is never closed, so what "
                    "follows renders as code; it was meant to close the "
                    f"{fence_label(meant.marker, meant.info)} fence on line "
                    f"{meant.open_index + 1}: indent it like that fence's opening marker"
                )
            if _blank_after(doc, fence.end_index):
                return (
                    f"code fence {label} is never closed, so the rest of the document "
                    f"renders as code{hint}; add a closing {closer} line"
                )
            stray = _next_nonblank(doc, fence.end_index + 1)
            marker = parse_marker(doc.body_lines[stray]) if stray is not None else None
            if stray is not None and marker is not None and marker.closes(fence.marker):
                strays[stray] = fence
                return (
                    f"code fence {label} has no closing marker inside its list item or block "
                    f"quote, which ends on line {last}; the {marker.marker} on line "
                    f"{stray + 1} is outside it: indent it like the opening marker"
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
                    f"{fence_label(marker.marker, marker.info)} on line {swallowed}, which renders "
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
        opener = fence_label(wrapper.marker, wrapper.info)
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
            f"which is indented {spaces(wrapper.indent)} and so "
            "is no fence (see CF002: --unsafe-fixes removes both lines)",
        )


def _overindented_closer(fence: Fence) -> str:
    for offset, line in enumerate(fence.content):
        marker = parse_marker(line)
        if marker is not None and marker.indent > 3 and marker.closes(fence.marker):
            line_number = fence.open_index + 2 + offset
            return (
                f"the {marker.marker} on line {line_number} is indented "
                f"{spaces(marker.indent)}, too far to close it"
            )
    return ""


def _next_nonblank(doc: Document, start: int) -> int | None:
    return next((i for i in range(start, doc.line_count) if doc.body_lines[i].strip()), None)


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
    like the article: front matter, section headings, tables, or (with a Markdown info
    string) any text. Front matter may sit outside or inside the wrapper; a four-backtick
    wrapper may hold three-backtick fences; the article's own fences may close a
    three-backtick wrapper early. A document that merely starts with a real code sample
    is not reported. All other rules check the wrapped article as if it were unwrapped,
    with real line numbers.

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
        label = fence_label(wrapper.marker, wrapper.info)
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
    aliases = ("MD040", "fenced-code-language")
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
