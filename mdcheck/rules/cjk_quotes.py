"""CJK004: ASCII double quotes around Chinese words."""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic
from mdcheck.markdown.cjk import has_cjk, has_japanese_or_korean, is_cjk, is_han
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline_blocks import InlineBlock, inline_blocks
from mdcheck.markdown.inline_scan import Piece, scan_inline
from mdcheck.rules.base import Rule
from mdcheck.rules.cjk_typography import text_stretches


class CjkAsciiQuotes(Rule):
    """ASCII double quotes ``"…"`` around Chinese text.

    **Why.** Chinese text quotes with ``“…”`` (or ``「…」``); straight ASCII quotes in a
    Chinese sentence (``他说"你好"然后离开``) come from English keyboards and generated text,
    and look out of place next to full-width punctuation. autocorrect leaves them alone.

    **Example.** ``他说"你好"然后离开。`` has one finding; ``--fix`` makes it
    ``他说“你好”然后离开。``.

    **What counts.** A pair of ``"`` in the text of one paragraph, heading or table cell
    (counted in order; a text with an odd number of them is left alone), whose content
    has a Han character, and with a Han character or full-width punctuation right outside
    at least one of the two quotes. Quotes in English text (``the heading "结语" is``),
    in code, link destinations, HTML and front matter are never reported, nor any in
    Japanese or Korean paragraphs.

    **Fix (safe).** Replace the two quotes with ``“`` and ``”``; nothing else changes.
    """

    code = "CJK004"
    name = "cjk-ascii-quotes"
    summary = "ASCII double quotes around Chinese text"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for block in inline_blocks(doc):
            content = block.content
            if '"' not in content or not has_cjk(content) or has_japanese_or_korean(content):
                continue
            inline = scan_inline(content)
            for _, pieces in text_stretches(inline):
                yield from self._stretch(doc, block, pieces)

    def _stretch(
        self, doc: Document, block: InlineBlock, pieces: list[Piece]
    ) -> Iterator[Diagnostic]:
        text = "".join(piece.text for piece in pieces)
        where: list[int] = []
        for piece in pieces:
            if piece.verbatim:
                where.extend(range(piece.start, piece.start + len(piece.text)))
            else:
                where.extend([-1] * len(piece.text))
        quotes = [index for index, ch in enumerate(text) if ch == '"']
        if len(quotes) % 2:
            return  # unbalanced: which quote pairs with which is a guess
        for opening, closing in zip(quotes[::2], quotes[1::2], strict=True):
            inner = text[opening + 1 : closing]
            if not any(map(is_han, inner)) or where[opening] < 0 or where[closing] < 0:
                continue
            before = text[opening - 1] if opening else ""
            after = text[closing + 1] if closing + 1 < len(text) else ""
            if not (before and is_cjk(before)) and not (after and is_cjk(after)):
                continue  # spaces or Latin text around: quoted in an English sentence
            start, end = block.offset(where[opening]), block.offset(where[closing])
            yield self.report(
                doc,
                doc.span(start, end + 1),
                f'ASCII quotes around Chinese text "{_short(inner)}"; use “…” (fix: --fix)',
                edits=[doc.edit(start, start + 1, "“"), doc.edit(end, end + 1, "”")],
                fix_description="use “ and ”",
                changes=frozenset({"text"}),  # two marks; the safe-fix check compares the rest
            )


def _short(text: str) -> str:
    return text if len(text) <= 12 else text[:5] + "…" + text[-5:]


RULES: tuple[type[Rule], ...] = (CjkAsciiQuotes,)
