"""CJK002 and CJK003: spacing between Chinese and Latin text, and half-width punctuation
in Chinese sentences, as autocorrect (``autocorrect-py``) corrects them.

autocorrect reads plain text; mdcheck hands it the text each paragraph, heading and table
cell renders (:mod:`mdcheck.markdown.inline_scan`), one stretch at a time between code
spans and autolinks, and maps every change back to the Markdown source. Blocks with kana
or Hangul are Japanese or Korean, whose conventions differ, and are left alone.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterator
from typing import NamedTuple

from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.cjk import has_cjk, has_japanese_or_korean, is_han
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline_blocks import InlineBlock, inline_blocks
from mdcheck.markdown.inline_scan import TEXT, Inline, Piece, scan_inline
from mdcheck.rules.base import Option, Rule

_LIST_OPENERS = frozenset(" ([{:\"'")
_LATIN_OR_DIGIT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# the half-width punctuation autocorrect turns full-width, and the result
_WIDTHS = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？"}


_TEXT = frozenset({"text"})  # the fixes rewrite text; every token around it must stay


class Change(NamedTuple):
    """One correction, in file offsets: replace ``[start, end)`` with ``new``."""

    start: int
    end: int
    old: str
    new: str
    kind: str  # "add-space", "remove-space" or "width"
    fixable: bool  # the source there is the text itself, not an entity or markup
    context: str = ""  # the rendered characters around it, for the message


@functools.lru_cache(maxsize=1)
def _formatter() -> Callable[[str], str] | None:
    """autocorrect's plain-text formatter, or None where autocorrect-py has no wheel
    (Windows on ARM): the rules then report nothing."""
    try:
        import autocorrect_py
    except ImportError:
        return None
    return autocorrect_py.format


def text_stretches(inline: Inline) -> Iterator[tuple[int, list[Piece]]]:
    """Runs of text pieces between code spans and autolinks, with the index in the
    block's rendered text where each starts."""
    current: list[Piece] = []
    start = position = 0
    for piece in inline.pieces:
        if piece.kind == TEXT:
            if not current:
                start = position
            current.append(piece)
        else:
            if current:
                yield start, current
            current = []
        position += len(piece.text)
    if current:
        yield start, current


def changes(doc: Document) -> list[Change]:
    """Every correction autocorrect makes to the Chinese text of ``doc``, with the spaces
    between Han and Latin letters or digits that ``never`` would remove (memoised)."""
    return doc.memo("cjk-typography", lambda: _changes(doc))


def _changes(doc: Document) -> list[Change]:
    formatter = _formatter()
    if formatter is None:
        return []
    found: list[Change] = []
    for block in inline_blocks(doc):
        content = block.content
        if not has_cjk(content) or has_japanese_or_korean(content):
            continue
        inline = scan_inline(content)
        for start, pieces in text_stretches(inline):
            for change in _stretch_changes(block, inline, start, pieces, formatter):
                found.append(
                    change._replace(start=block.offset(change.start), end=block.offset(change.end))
                )
    return found


def _stretch_changes(
    block: InlineBlock,
    inline: Inline,
    base: int,
    pieces: list[Piece],
    formatter: Callable[[str], str],
) -> Iterator[Change]:
    """The changes of one stretch, in offsets of the block's content; each is checked by
    reading the changed content again (it must show the corrected text) and is offered
    as a fix only then."""
    text = "".join(piece.text for piece in pieces)
    if not any(map(is_han, text)):
        return
    # where each character of ``text`` is in the block's content (-1: not verbatim)
    where: list[int] = []
    for piece in pieces:
        if piece.verbatim:
            where.extend(range(piece.start, piece.start + len(piece.text)))
        else:
            where.extend([-1] * len(piece.text))
    found: list[tuple[Change, int, int, str]] = []  # the change, and in the rendered text
    fixed = formatter(text)
    if fixed != text:
        matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            stretch = _Stretch(block.content, inline, text, where)
            change = _classify(stretch, tag, i1, i2, fixed[j1:j2])
            if change is not None:
                found.append((change, i1, i2, fixed[j1:j2]))
    found.extend(_spaced_boundaries(text, where))
    shown = inline.text
    for change, i1, i2, new in found:
        content = block.content
        edited = content[: change.start] + change.new + content[change.end :]
        expected = shown[: base + i1] + new + shown[base + i2 :]
        yield change._replace(fixable=scan_inline(edited).text == expected)


class _Stretch(NamedTuple):
    content: str  # the block's inline source
    inline: Inline  # its reading
    text: str  # the stretch's rendered text
    where: list[int]  # the content offset of each character of ``text`` (-1: none)


def _classify(stretch: _Stretch, tag: str, i1: int, i2: int, new: str) -> Change | None:
    content, inline, text, where = stretch
    if tag == "insert" and new == " " and 0 < i1 < len(text):
        left, right = text[i1 - 1], text[i1]
        if not _han_latin(left, right):
            return None  # autocorrect's spacing around other characters: not this rule's
        if _in_handle(text, i1):
            return None  # @name and #tag handles are written as their owners write them
        at = _insertion_point(content, inline, where[i1 - 1], where[i1])
        if at < 0:
            return None
        return Change(at, at, "", " ", "add-space", True, left + right)
    if (
        tag == "replace"
        and i2 - i1 == len(new)
        and all(_WIDTHS.get(old) == full for old, full in zip(text[i1:i2], new, strict=True))
    ):
        if any(where[i] < 0 for i in range(i1, i2)) or where[i2 - 1] - where[i1] != i2 - i1 - 1:
            return None
        if _listed_word(text, i1, i2):
            return None
        context = text[max(0, i1 - 2) : i2]
        return Change(where[i1], where[i1] + i2 - i1, text[i1:i2], new, "width", True, context)
    return None


def _in_handle(text: str, at: int) -> bool:
    """Whether the Latin word on either side of ``at`` starts with ``@`` or ``#``."""
    start = at
    while start > 0 and (text[start - 1] in _LATIN_OR_DIGIT or text[start - 1] == "_"):
        start -= 1
    return start > 0 and text[start - 1] in "@#" and start < at


def _listed_word(text: str, i1: int, i2: int) -> bool:
    """A short Chinese word listed in an English sentence, ``(结语, 总结, 小结)``: a run of
    at most four Han characters that follows a space or an opening mark, and a
    half-width mark followed by a space."""
    if text[i2 : i2 + 1] not in (" ", "\n", ""):
        return False
    start = i1
    while start > 0 and is_han(text[start - 1]):
        start -= 1
    return 0 < i1 - start <= 4 and start > 0 and text[start - 1] in _LIST_OPENERS


def _han_latin(left: str, right: str) -> bool:
    return (is_han(left) and right in _LATIN_OR_DIGIT) or (
        left in _LATIN_OR_DIGIT and is_han(right)
    )


def _insertion_point(content: str, inline: Inline, left: int, right: int) -> int:
    """Where a space between the characters at ``left`` and ``right`` goes in the source:
    right after ``left`` when markup that opens something follows it (``使用 **Python**``,
    ``见 [链接](u)``), else right before ``right`` (``**AI** 芯片``, ``[链接](u) 后``)."""
    if left < 0 or right < 0:
        return -1
    gap = left + 1
    if right == gap:
        return right
    openers = {inline.runs[first].start for first, _ in inline.pairs}
    if gap in openers or content[gap] == "[" or content.startswith("![", gap):
        return gap
    if content[gap] == "<" and content[gap + 1 : gap + 2] != "/":
        return gap
    return right


def _spaced_boundaries(text: str, where: list[int]) -> Iterator[tuple[Change, int, int, str]]:
    """Spaces between a Han character and a Latin letter or digit (one or more, in one
    verbatim stretch): what ``never`` removes, and what ``consistent`` counts."""
    index = 1
    while index < len(text) - 1:
        if text[index] != " ":
            index += 1
            continue
        end = index
        while end < len(text) and text[end] == " ":
            end += 1
        if end < len(text) and _han_latin(text[index - 1], text[end]):
            first, last = where[index], where[end - 1]
            if first >= 0 and last - first == end - 1 - index:
                old = text[index:end]
                context = text[index - 1] + old + text[end]
                change = Change(first, first + end - index, old, "", "remove-space", True, context)
                yield change, index, end, ""
        index = end


class CjkLatinSpacing(Rule):
    """Spacing between Chinese characters and Latin letters or digits applied unevenly.

    **Why.** Chinese writing puts a space between Han characters and Latin words or
    numbers (``生成式 AI``, ``2024 年``), or none at all; both are seen, but one file
    that does both (``生成式 AI`` on one line, ``生成式AI`` on the next) looks careless.
    Which places take a space is decided by autocorrect, the tool Chinese projects use
    for this; mdcheck maps its corrections back to the Markdown source.

    **Modes** (option ``spacing``):

    - ``consistent`` (default): count the file's spaced and unspaced boundaries and
      report the minority (nothing on a tie, nothing in a file that is consistent);
    - ``always``: report every boundary without a space;
    - ``never``: report every space between Han and Latin text.

    **Example.** In a file with mostly ``生成式 AI`` and ``2024 年``, the line
    ``使用GPT-5生成`` gets two findings; ``--fix`` makes it ``使用 GPT-5 生成``.

    **Fix (safe).** Add or remove the space; when markup stands between the two
    characters the space goes outside it (``使用 **Python** 开发``). Only spaces change.

    Only the text that renders is read: never code spans or code blocks, link
    destinations, autolinks, HTML or front matter. Paragraphs with kana or Hangul are
    Japanese or Korean, which follow other conventions, and are not checked. Where
    autocorrect-py has no wheel (Windows on ARM) the rule reports nothing.
    """

    code = "CJK002"
    name = "cjk-latin-spacing"
    summary = "Spacing between Chinese and Latin text or digits applied unevenly"
    fixable = True
    options = (
        Option(
            "spacing",
            {"enum": ["consistent", "always", "never"]},
            "consistent",
            "consistent: follow the file's majority; always: a space between Han and"
            " Latin/digits; never: no space.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        found = changes(doc)
        added = [change for change in found if change.kind == "add-space"]
        removed = [change for change in found if change.kind == "remove-space"]
        mode = self.settings["spacing"]
        if mode == "consistent":
            if len(added) == len(removed):
                return
            mode = "always" if len(removed) > len(added) else "never"
            majority, minority = sorted((len(added), len(removed)), reverse=True)
            have = "have" if mode == "always" else "have none"
            why = f", as {majority} of the file's {majority + minority} such places {have}"
        else:
            why = f' (spacing = "{mode}")'
        for change in added if mode == "always" else removed:
            span = doc.span(change.start, max(change.end, change.start))
            if change.kind == "add-space":
                message = (
                    f"no space in {change.context!r} between Chinese and Latin text; add one{why}"
                )
                description = "add a space"
            else:
                message = (
                    f"space in {change.context!r} between Chinese and Latin text; remove it{why}"
                )
                description = "remove the space"
            edits = [doc.edit(change.start, change.end, change.new)] if change.fixable else []
            yield self.report(
                doc,
                span,
                message + (" (fix: --fix)" if edits else ""),
                edits=edits,
                fix_description=description,
                changes=_TEXT,  # a space, nothing else: the safe-fix check compares the rest
            )


class CjkPunctuationWidth(Rule):
    """Half-width punctuation in a Chinese sentence.

    **Why.** Chinese text takes full-width punctuation: ``，`` ``。`` ``：`` ``；``
    ``！`` ``？``. Generated and hastily edited articles often mix in ASCII ones
    (``这是一个问题,需要解决.``), which sit too close to the characters around them.
    autocorrect decides which marks belong to Chinese text (``用户名:admin`` and
    ``v1.2`` are left alone); mdcheck maps its corrections back to the source.

    **Example.** ``这是一个问题,需要解决.`` has two findings; ``--fix`` makes it
    ``这是一个问题，需要解决。``.

    **Fix (safe).** Replace the mark with its full-width form; nothing else changes.

    Code, link destinations, autolinks, HTML, front matter, and Japanese or Korean
    paragraphs are never read. Where autocorrect-py has no wheel (Windows on ARM) the rule
    reports nothing.
    """

    code = "CJK003"
    name = "cjk-punctuation-width"
    summary = "Half-width punctuation inside Chinese text"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for change in changes(doc):
            if change.kind != "width":
                continue
            edits = [doc.edit(change.start, change.end, change.new)] if change.fixable else []
            old, new, context = change.old, change.new, change.context
            message = f"half-width {old!r} in Chinese text ({context!r}); use {new!r}"
            yield self.report(
                doc,
                doc.span(change.start, change.end),
                message + (" (fix: --fix)" if edits else ""),
                edits=edits,
                fix_description=f"replace with {change.new}",
                changes=_TEXT,  # one mark, nothing else: the safe-fix check compares the rest
            )


RULES: tuple[type[Rule], ...] = (CjkLatinSpacing, CjkPunctuationWidth)
