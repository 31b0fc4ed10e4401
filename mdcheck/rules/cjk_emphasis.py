"""CJK001: emphasis that CommonMark shows as literal asterisks or underscores.

The knowledge lives in :mod:`mdcheck.markdown.inline_scan` and
:mod:`mdcheck.markdown.delimiters` (the flanking rules the plain-text reader uses too);
this module only finds the pairs of runs that were meant as emphasis and how to mend them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.markdown.cjk import has_cjk
from mdcheck.markdown.delimiters import is_punct, is_space
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline_blocks import InlineBlock, inline_blocks
from mdcheck.markdown.inline_scan import Inline, Run, scan_inline
from mdcheck.rules.base import Rule

# punctuation that pairs with a partner inside the emphasis: moving it out would split
# the pair (the "）" of "（MSE）", the "”" of "“引号”")
_PAIRED_CATEGORIES = frozenset({"Ps", "Pe", "Pi", "Pf"})
_PAIRED_ASCII = frozenset("()[]{}<>\"'`")
_OPERATORS = frozenset("+-/=<>^%")
_EMPHASIS = frozenset({"em", "strong"})


class Broken(NamedTuple):
    """A pair of runs meant as emphasis that CommonMark does not pair."""

    opener: Run
    closer: Run
    blocked_open: bool  # the opening run cannot open: punctuation follows it
    blocked_close: bool  # the closing run cannot close: punctuation precedes it


def find_broken(content: str, inline: Inline) -> list[Broken]:
    """The emphasis a CJK-friendly reading of ``content`` finds (see
    :func:`mdcheck.markdown.delimiters.flanking`) that CommonMark, in ``inline``, does not
    pair, because of the punctuation inside it, and of which it shows at least one run as
    text (the other may be paired with a run elsewhere)."""
    friendly = scan_inline(content, cjk_friendly=True)
    paired = set(inline.pairs)
    found: list[Broken] = []
    for first, second in friendly.pairs:
        opener, closer = inline.runs[first], inline.runs[second]
        if opener.marker == "~" or (first, second) in paired:
            continue
        if opener.used and closer.used:
            continue  # CommonMark pairs both elsewhere: nothing shows as text here
        blocked_open, blocked_close = not opener.can_open, not closer.can_close
        if not (blocked_open or blocked_close):
            continue  # another rule of CommonMark keeps them apart, not the punctuation
        inner = content[opener.start + opener.length : closer.start]
        if opener.length == 1 and not _OPERATORS.isdisjoint(inner):
            continue  # a * b = c: arithmetic, not emphasis
        found.append(Broken(opener, closer, blocked_open, blocked_close))
    return found


def _movable(ch: str) -> bool:
    return ch not in _PAIRED_ASCII and unicodedata.category(ch) not in _PAIRED_CATEGORIES


def _edge_punct(text: str, *, trailing: bool) -> int:
    """How many punctuation characters that pair with nothing end (or start) ``text``.
    Once they stand outside the markers, the run has punctuation on both sides, which
    lets it open (or close) whatever stands inside."""
    count = 0
    chars = reversed(text) if trailing else iter(text)
    for ch in chars:
        if not is_punct(ch) or is_space(ch) or ch in "*_~`\\" or not _movable(ch):
            break
        count += 1
    return count


def mend(content: str, broken: Broken) -> tuple[int, int, str] | None:
    """(start, end, replacement) in ``content`` that makes the pair render, moving the
    punctuation at the edges of the emphasis outside its markers; None when that would
    split a bracket or quote pair or leave nothing to emphasise. Checked by reading the
    result again: it must show the same text without the two runs."""
    opener, closer = broken.opener, broken.closer
    if opener.used or closer.used or opener.length != closer.length:
        return None  # paired with other runs: moving punctuation would not mend it alone
    markers = content[opener.start : opener.start + opener.length]
    inner_start, inner_end = opener.start + opener.length, closer.start
    inner = content[inner_start:inner_end]
    lead = _edge_punct(inner, trailing=False) if broken.blocked_open else 0
    trail = _edge_punct(inner, trailing=True) if broken.blocked_close else 0
    kept = inner[lead : len(inner) - trail]
    if (broken.blocked_open and not lead) or (broken.blocked_close and not trail):
        return None
    if not kept.strip() or kept != kept.strip():
        return None
    replacement = inner[:lead] + markers + kept + markers + inner[len(inner) - trail :]
    start, end = opener.start, closer.start + closer.length
    fixed = content[:start] + replacement + content[end:]
    expected = _text_without(scan_inline(content), (opener, closer))
    if scan_inline(fixed).text != expected:
        return None
    return start, end, replacement


def _text_without(inline: Inline, runs: tuple[Run, Run]) -> str:
    """The text ``inline`` shows, less the characters of ``runs`` (shown as text)."""
    out: list[str] = []
    for piece in inline.pieces:
        text = piece.text
        if piece.verbatim:
            for run in sorted(runs, key=lambda run: -run.start):  # right to left
                low = max(run.start, piece.start) - piece.start
                high = min(run.start + run.length, piece.start + len(text)) - piece.start
                if low < high:
                    text = text[:low] + text[high:]
        out.append(text)
    return "".join(out)


class EmphasisWillNotRender(Rule):
    """Emphasis markers that CommonMark shows as text, next to CJK punctuation.

    **Why.** A closing ``**`` must be *right-flanking*: when the character before it is
    punctuation, the character after it must be whitespace or punctuation too. In Chinese
    and Japanese there is no space after a word, so ``**注意：**这里`` (a colon before the
    ``**``, a letter after it) shows both ``**`` as text instead of bold. The same holds
    for an opening run followed by punctuation and preceded by a letter
    (``这是**（重点）**``), and for ``*`` and ``_``. Every finding is a pair of runs that
    the CommonMark reader (the same one markdown-it-py follows) leaves as text.

    **Example.**

    ```markdown
    **注意：**这里的参数必须是正数。
    使用**均方误差（MSE）**来估计误差。
    ```

    **Fix (safe), where it keeps every character.** The punctuation at the edge inside the
    markers moves outside them: ``**注意：**这里`` becomes ``**注意**：这里``, which renders
    bold with exactly the same text (only the colon is no longer bold). A bracket or
    quote whose partner is inside the emphasis (``（MSE）``, ``“引号”``) is not moved; the
    message says what to do instead: put a space after the closing markers, rewrite the
    emphasis around the whole bracketed phrase, or use ``<strong>``; each of these
    changes the text or adds HTML, so none is offered as a fix.

    Runs in code spans, links' destinations, HTML and front matter are never read.
    """

    code = "CJK001"
    name = "emphasis-will-not-render"
    summary = "Emphasis markers next to CJK punctuation show as literal text"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for block in inline_blocks(doc):
            content = block.content
            if ("*" not in content and "_" not in content) or not has_cjk(content):
                continue
            inline = scan_inline(content)
            if all(run.used == run.length or run.marker == "~" for run in inline.runs):
                continue  # every run renders: nothing to look for
            for broken in find_broken(content, inline):
                yield self._diagnostic(doc, block, broken)

    def _diagnostic(self, doc: Document, block: InlineBlock, broken: Broken) -> Diagnostic:
        content = block.content
        first, last = broken.opener, broken.closer
        markers = content[first.start : first.start + first.length]
        start = block.offset(first.start)
        end = block.offset(last.start + last.length)
        spaces = []
        if broken.blocked_open:
            spaces.append(f"before the opening {markers}")
        if broken.blocked_close:
            spaces.append(f"after the closing {markers}")
        advice = "put a space " + " and ".join(spaces)
        if broken.blocked_close:
            before = content[last.start - 1]
            after = content[last.start + last.length]
            why = f"the closing {markers} follows {before!r} and comes before {after!r}"
        else:
            before = content[first.start - 1]
            after = content[first.start + first.length]
            why = f"the opening {markers} comes after {before!r} and before {after!r}"
        if first.used or last.used:
            shown = "opening" if last.used else "closing"
            message = (
                f"{why}, so CommonMark does not pair these {markers}: it shows the {shown}"
                f" {markers} as text and pairs the other with a {markers} elsewhere"
            )
        else:
            message = f"{why}, so CommonMark shows both {markers} as text instead of emphasis"
        mended = mend(content, broken)
        if mended is None:
            return self.report(doc, doc.span(start, end), f"{message}; {advice}")
        fix_start, fix_end, replacement = mended
        message += f"; move the punctuation outside: {_abbreviated(replacement)} (fix: --fix)"
        edit = doc.edit(block.offset(fix_start), block.offset(fix_end), replacement)
        return self.report(
            doc,
            doc.span(start, end),
            message,
            edits=[edit],
            fix_description="move the punctuation outside the emphasis markers",
            changes=_EMPHASIS,  # the point of the fix: the emphasis renders
        )


def _abbreviated(text: str) -> str:
    """A long emphasis shown by its edges: ``**我吐槽…相关的**。``."""
    return text if len(text) <= 24 else text[:8] + "…" + text[-8:]


RULES: tuple[type[Rule], ...] = (EmphasisWillNotRender,)
