"""Leftovers of a chat model in a generated article: template tokens, reasoning blocks,
the assistant's preamble and closing chatter, leaked prompt instructions, placeholder
titles.

Each finder reads the document's shared views (raw lines outside code, the top-level
blocks of :mod:`mdcheck.article.blocks`) and returns :class:`Leftover` records with the
exact span and, where deleting is certain, the lines to delete. Code blocks, inline
code and HTML comments are never looked at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from mdcheck.article.blocks import (
    Block,
    edge_blocks,
    lines_holding,
    lines_matching,
    paragraph_at,
    paragraphs,
    prose,
    quote,
)
from mdcheck.article.phrases import PROMPT_HINTS, Phrases, fold_phrase
from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import code_span_ranges


class Leftover(NamedTuple):
    span: Span
    found: str  # what was found, for the message
    delete: tuple[int, int] | None = None  # 1-based lines a fix deletes


# <|im_end|>, <｜end▁of▁sentence｜> (full-width bars), [INST], <<SYS>>, <sop>
_TOKEN = re.compile(r"<[|｜][A-Za-z_▁][\w.▁-]{0,40}[|｜]>|\[/?INST\]|<</?SYS>>|</?(?:sop|eop)>")
_SENTENCE_TAG = re.compile(r"</?s>")
# a role name after a turn's opening token: "<|im_start|>assistant"
_ROLE = re.compile(r"^\s*(?:assistant|user|system|model|human|bot)?\s*$", re.IGNORECASE)
_TOKEN_AND_ROLE = re.compile(
    r"(?:<[|｜][A-Za-z_▁][\w.▁-]{0,40}[|｜]>|\[/?INST\]|<</?SYS>>|</?(?:sop|eop|s)>)"
    r"(?:\s*(?:assistant|user|system|model)\b)?",
    re.IGNORECASE,
)


def without_tokens(text: str) -> str:
    """``text`` without chat-template tokens (and the role name after one)."""
    return _TOKEN_AND_ROLE.sub(" ", text) if "<" in text or "[" in text else text


_ANY_TOKEN = re.compile(r"<[|｜]|INST\]|<<SYS>>|</?(?:sop|eop|s)>")


def _hidden_lines(doc: Document) -> frozenset[int]:
    """0-based lines never read for leftovers: code blocks and HTML comment blocks."""

    def build() -> frozenset[int]:
        hidden = set(doc.code_line_indexes)
        for index in doc.positions_of("html_block"):
            token = doc.block_token(index)
            if token.map is not None and token.content.lstrip().startswith("<!--"):
                hidden.update(range(*token.map))
        return frozenset(hidden)

    return doc.memo("leftovers.hidden", build)


def _readable(line: str) -> str:
    """The line with code spans and HTML comments blanked (same length)."""
    if "`" in line:
        for start, end in code_span_ranges(line):
            line = line[:start] + " " * (end - start) + line[end:]
    if "<!--" in line:
        line = re.sub(r"<!--.*?(?:-->|$)", lambda m: " " * len(m.group()), line)
    return line


def chat_tokens(doc: Document) -> list[Leftover]:
    """Chat-template tokens in the text; a token alone on its line can be deleted."""
    candidates = lines_matching(doc, _ANY_TOKEN)
    if not candidates:
        return []
    hidden = _hidden_lines(doc)
    lines = doc.body_lines
    first = last = -1
    if any(_SENTENCE_TAG.search(lines[index]) for index in candidates):
        content = [i for i, line in enumerate(lines) if line.strip() and i not in hidden]
        first, last = (content[0], content[-1]) if content else (-1, -1)
    found: list[Leftover] = []
    for index in candidates:
        if index in hidden:
            continue
        line = _readable(lines[index])
        matches = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
        for match in _SENTENCE_TAG.finditer(line):
            # <s> and </s> are also HTML (strike-through): only alone on a line, opening
            # the body or ending it
            alone = line.strip() == match.group()
            opens = index == first and not line[: match.start()].strip() and match.group() == "<s>"
            ends = index == last and not line[match.end() :].strip() and match.group() == "</s>"
            if (alone or opens or ends) and not (opens and "</s>" in line):
                matches.append((match.start(), match.end()))
        for start, end in sorted(matches):
            alone = not line[:start].strip() and _ROLE.match(line[end:]) is not None
            alone = alone and len(matches) == 1
            found.append(
                Leftover(
                    doc.line_span(index + 1, start + 1, end + 1),
                    lines[index][start:end],
                    deletion(doc, index + 1, index + 1) if alone else None,
                )
            )
    return found


_THINK_OPEN = re.compile(r"^\s*<(think|thinking|reasoning)>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</(think|thinking|reasoning)>", re.IGNORECASE)


def reasoning_blocks(doc: Document) -> list[Leftover]:
    """``<think>…</think>`` blocks (and reasoning that only a ``</think>`` ends)."""
    return doc.memo("leftovers.reasoning", lambda: _reasoning_blocks(doc))


def _reasoning_blocks(doc: Document) -> list[Leftover]:
    text = doc.body_text
    lowered = text.lower()
    if "<think" not in lowered and "</think" not in lowered and "reasoning>" not in lowered:
        return []
    hidden = _hidden_lines(doc)
    lines = doc.body_lines
    found: list[Leftover] = []
    opened: tuple[int, int] | None = None  # (0-based line, column) of an open tag
    first_text = next((i for i, line in enumerate(lines) if line.strip() and i not in hidden), 0)
    for index, raw in enumerate(lines):
        if index in hidden or "<" not in raw:
            continue
        line = _readable(raw)
        start_at = 0
        if opened is None:
            match = _THINK_OPEN.match(line)
            if match is not None:
                opened = (index, match.start(1) - 1)
                start_at = match.end()
        close = _THINK_CLOSE.search(line, start_at)
        if close is None:
            continue
        begin = opened if opened is not None else (first_text, _indent(lines[first_text]))
        if opened is None and (begin[0] > index or not _before_headings(doc, index)):
            continue  # a closing tag after the article started: not reasoning left over
        rest = line[close.end() :].strip()
        delete = deletion(doc, begin[0] + 1, index + 1) if not rest else None
        found.append(
            Leftover(
                Span(begin[0] + 1, begin[1] + 1, index + 1, close.end() + 1),
                "<think>" if opened is not None else "</think>",
                delete,
            )
        )
        opened = None
    if opened is not None:
        index, col = opened
        found.append(Leftover(doc.line_span(index + 1, col + 1), "<think> (never closed)"))
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def deletion(doc: Document, first: int, last: int) -> tuple[int, int]:
    """1-based lines to delete for the lines ``first``..``last``: with the blank lines
    after them, or, at the end of the text, the blank lines before them."""
    lines = doc.lines
    end = last
    while end < len(lines) and not lines[end].strip():
        end += 1
    if end == len(lines):  # nothing follows: the blank lines before go instead
        end = last
        while first > 1 and not lines[first - 2].strip():
            first -= 1
    return first, end


def _before_headings(doc: Document, index: int) -> bool:
    return all(heading.line > index + 1 for heading in doc.headings)


def _text_blocks(doc: Document) -> list[Block]:
    """Top-level blocks without HTML comments and thematic breaks."""
    return [b for b in edge_blocks(doc, 6) if b.kind != "hr"]


def preamble(doc: Document, phrases: Phrases) -> Leftover | None:
    """The assistant's opening paragraph: the first block of the body (after HTML
    blocks such as ``<think>``), or the first after a leading heading."""
    reasoning = {line for found in reasoning_blocks(doc) for line in _lines(found.span)}
    blocks = _text_blocks(doc)
    while blocks and (blocks[0].kind == "html" or blocks[0].line in reasoning):
        blocks = blocks[1:]  # a reasoning block before it (see GEN008)
    candidates = blocks[:1]
    if blocks and blocks[0].kind == "heading" and blocks[0].text and len(blocks) > 1:
        candidates = blocks[1:2]
    for block in candidates:
        if block.kind != "paragraph":
            continue
        found = phrases.search(fold_phrase(without_tokens(prose(block.text))))
        if found is not None:
            return _paragraph_leftover(doc, block, block.text)
    return None


def _lines(span: Span) -> range:
    return range(span.line, span.end_line + 1)


def closing(doc: Document, phrases: Phrases) -> list[Leftover]:
    """The assistant's closing chatter: the last paragraphs of the body (a thematic break
    right before them goes with them)."""
    blocks = edge_blocks(doc, 6, last=True)
    found: list[Leftover] = []
    while blocks and blocks[-1].kind == "paragraph" and not without_tokens(blocks[-1].text).strip():
        blocks.pop()  # a chat-template token after the chatter (see GEN001)
    while blocks and blocks[-1].kind == "paragraph":
        block = blocks.pop()
        if phrases.search(fold_phrase(without_tokens(prose(block.text)))) is None:
            break
        found.append(_paragraph_leftover(doc, block, block.text))
    if found and blocks and blocks[-1].kind == "hr":  # the break that set the chatter off
        span, text, delete = found[-1]
        last = delete[1] if delete else span.end_line
        found[-1] = Leftover(span, text, deletion(doc, blocks[-1].line, last))
    return found[::-1]


def _paragraph_leftover(doc: Document, block: Block, text: str) -> Leftover:
    span = doc.line_span(block.line, _indent(doc.lines[block.first]) + 1)
    if block.last > block.first:
        end_line = block.last + 1
        span = Span(span.line, span.col, end_line, len(doc.lines[block.last]) + 1)
    delete = deletion(doc, block.line, block.last + 1)
    return Leftover(span, quote(without_tokens(prose(text)).strip()), delete)


def prompt_lines(doc: Document, phrases: Phrases) -> Iterator[Leftover]:
    """Paragraphs (at any depth) that carry instructions of the prompt. Only paragraphs
    holding a word that the default patterns need are read (all of them when phrases are
    configured)."""
    hidden = _hidden_lines(doc)
    if phrases.extended:
        found = [p for p in paragraphs(doc) if p.first not in hidden]
    else:
        found = []
        for line in lines_holding(doc, PROMPT_HINTS):
            if line in hidden or (found and found[-1].first <= line <= found[-1].last):
                continue
            paragraph = paragraph_at(doc, line)
            if paragraph is not None and (not found or found[-1] != paragraph):
                found.append(paragraph)
    for paragraph in found:
        plain = prose(paragraph.text)
        if phrases.search(fold_phrase(plain)) is None:
            continue
        raw = doc.lines[paragraph.first]
        col = max(0, raw.find(paragraph.text.split("\n")[0].strip()))
        end = Span(paragraph.last + 1, 1, paragraph.last + 1, len(doc.lines[paragraph.last]) + 1)
        yield Leftover(Span(paragraph.first + 1, col + 1, end.line, end.end_col), quote(plain))
