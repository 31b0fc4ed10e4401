"""Failure shapes of generated articles: refusal or error bodies, template left-overs.

Only what cannot be prose is reported: a refusal counts when it opens the body of a text
that has no real article after it (or is an unmistakable "As an AI language model"
paragraph); a ``TODO`` counts as a marker (``TODO:`` opening a paragraph, ``[TODO]``), not
as a word in a sentence ("keep a TODO list"), and only in articles: software docs keep
TODO notes on purpose. Code blocks, inline code and HTML comments are
never looked at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mdcheck.diagnostic import Span
from mdcheck.document import Document
from mdcheck.text import code_span_ranges, strip_inline_markup

_STRONG = re.compile(
    r"^(?:as an ai(?: language model| model| assistant|,? (?:developed|created|trained) by)|"
    r"as a(?: large)? language model|"
    r"作为\s*(?:一个|一名)?\s*(?:ai|人工智能)\s*(?:语言)?\s*(?:模型|助手)|作为(?:一个)?\s*大?语言模型|"
    r"(?:很|非常)?(?:抱歉|对不起)[,，]?\s*(?:这个|该|您的)?问题(?:暂)?未找到相关结果)"
)
_WEAK = re.compile(
    r"^(?:(?:很|非常)?(?:抱歉|对不起)[,，!！。]?\s*(?:我|这个|该|您|无法|未|没有|暂|目前|由于)|"
    r"(?:i'?m|i am|we'?re|we are)\s+(?:very |so |really )?sorry,?\s+(?:but\b|i\b|we\b)|"
    r"i apologi[sz]e,?\s+(?:but\b|for\b)|"
    r"sorry,?\s+(?:but\s+)?(?:i|we)\s+(?:can'?t|cannot|could ?n[o']t|am unable|'m unable)|"
    r"unfortunately,?\s+(?:i|we)\s+(?:can'?t|cannot|am unable|'m unable|could ?n[o']t)|"
    r"i\s+(?:can'?t|cannot|am unable to|'m unable to)\s+(?:help|assist|provide|fulfill|write|"
    r"complete|generate)|"
    r"我(?:无法|不能)(?:回答|提供|完成|生成|帮助)|(?:未|没有)找到(?:相关|任何)?(?:结果|内容|信息))"
)
# error pages returned instead of an article: only looked for in articles
_ERROR = re.compile(
    r"^(?:暂无(?:相关)?(?:内容|结果|数据)|(?:请求|服务|网络|生成)(?:失败|错误|繁忙|异常|超时)|出错了|"
    r"error\s*[:：]|error \d{3}\b|\d{3} (?:error|internal server error)|an error (?:has )?occurred|"
    r"internal server error|request failed|rate limit exceeded|no results? found)"
)
_TEMPLATE = re.compile(r"\{\{\s*[^\W\d][\w-]*\s*\}\}")
_BRACKET = re.compile(
    r"(?<![!\]\\])(?:\[|【)\s*(?:(?:在此|此处|这里|请)?(?:插入|填写|填入|补充|替换)|待补充|待填写|待定|"
    r"(?i:insert|placeholder|fill in|to be (?:added|written|completed)))"
    r"[^\]】\n]{0,60}(?:\]|】)"
    r"(?![(\[:])"
)
_MARKER = re.compile(r"(?:\[|【)\s*(?:TODO|FIXME|TBD)\b[^\]】\n]{0,60}(?:\]|】)(?![(\[:])")
_NOT_VARIABLES = frozenset({"and", "or", "not", "to", "of", "in", "is", "the", "a", "an"})
_LEADING_TODO = re.compile(
    r"^(?P<lead>(?:\s*>)*\s*(?:\*\*|__)?)(?P<m>(?:TODO|FIXME)(?:\s*[:：]|\s*$))"
)
_LOREM = re.compile(r"(?i)\blorem ipsum dolor\b")
_LIST_OR_HEADING = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|\|)")
_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class Placeholder:
    span: Span
    message: str


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", strip_inline_markup(text)).replace("’", "'")
    return text.strip().casefold()


def _blocks(doc: Document) -> Iterator[tuple[str, int, str]]:
    """(block type, first 1-based line, inline text) of top-level paragraphs and headings."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type in ("paragraph_open", "heading_open") and token.map and token.level == 0:
            yield token.tag, token.map[0] + 1, tokens[index + 1].content


def _code_blocks(doc: Document) -> Iterator[tuple[str, int, str]]:
    for token in doc.tokens:
        if token.type in ("fence", "code_block") and token.map and token.content.strip():
            first = token.map[0] + (1 if token.type == "fence" else 0)
            while first < len(doc.lines) and not doc.lines[first].strip():
                first += 1
            yield "p", first + 1, token.content.strip()


def visible_chars(doc: Document) -> int:
    """Characters of text in the body, without markup, whitespace and the H1."""
    return doc.memo("generated.visible_chars", lambda: _visible_chars(doc))


def _visible_chars(doc: Document) -> int:
    total = 0
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type == "inline" and not (index and tokens[index - 1].tag == "h1"):
            total += len("".join(strip_inline_markup(token.content).split()))
        elif token.type in ("fence", "code_block"):
            total += len("".join(token.content.split()))
    return total


def find_refusal(doc: Document, *, article: bool = True) -> Placeholder | None:
    """The refusal or error message that stands where the article should be, if any.

    Error-message openings (``Error: …``, ``请求失败``) count only in an ``article``; a
    ``404`` page is allowed to apologise. Asked by every ART rule: answered once.
    """
    return doc.memo(("generated.refusal", article), lambda: _find_refusal(doc, article))


def _find_refusal(doc: Document, article: bool) -> Placeholder | None:
    if Path(doc.path).stem == "404":
        return None
    blocks = list(_blocks(doc))
    if not any(tag == "p" for tag, _, _ in blocks):
        blocks += _code_blocks(doc)  # a refusal wrapped in a fence: the body is only code
    paragraphs = [b for b in blocks if b[0] == "p"]
    has_sections = any(tag not in ("h1", "p") for tag, _, _ in blocks)
    for tag, line, text in blocks:
        plain = _plain(text)
        strong = _STRONG.match(plain)
        weak = (
            (_WEAK.match(plain) or (_ERROR.match(plain) if article else None))
            if (tag == "h1" or (paragraphs and line == paragraphs[0][1]))
            else None
        )
        if strong is None and weak is None:
            continue
        if strong is None and has_sections and visible_chars(doc) - len(plain) >= 300:
            continue
        first = text.strip().splitlines()[0]
        quote = first if len(first) <= 60 else first[:57] + "…"
        span = doc.line_span(line, 1 + len(doc.lines[line - 1]) - len(doc.lines[line - 1].lstrip()))
        return Placeholder(
            span,
            f'the body is a refusal or error message ("{quote}") instead of an article; '
            "regenerate it",
        )
    return None


def find_leftovers(doc: Document, *, markers: bool = True) -> Iterator[Placeholder]:
    """Template variables, placeholders, filler text and (with ``markers``) TODO markers
    left in the body, and template variables left in the front matter."""
    if doc.front_matter is not None:
        for index in doc.front_matter.content_indexes:
            for match in _TEMPLATE.finditer(doc.lines[index]):
                yield Placeholder(
                    Span(index + 1, match.start() + 1, index + 1, match.end() + 1),
                    f'template variable "{match.group()}" in the front matter was never '
                    "filled in; write the real value",
                )
    for number, raw in enumerate(doc.body_lines, start=1):
        if number - 1 in doc.code_line_indexes or not raw.strip() or not _may_hold_leftover(raw):
            continue
        line = raw
        for start, end in code_span_ranges(line) if "`" in line else ():
            line = line[:start] + " " * (end - start) + line[end:]
        if "<!--" in line:
            line = _blank(_COMMENT, line)
        found: list[tuple[int, int, str]] = []
        for match in _TEMPLATE.finditer(line):
            if match.group()[2:-2].strip().lower() in _NOT_VARIABLES:
                continue
            found.append((match.start(), match.end(), "template variable {} was never filled in"))
        for match in _BRACKET.finditer(line):
            found.append((match.start(), match.end(), "placeholder {} was never replaced"))
        for match in _MARKER.finditer(line) if markers else ():
            found.append((match.start(), match.end(), "marker {} left in the text"))
        leading = _LEADING_TODO.match(line) if markers else None
        if leading and not _LIST_OR_HEADING.match(line):
            start = leading.start("m")
            found.append((start, leading.end("m"), "marker {} left in the text"))
        for match in _LOREM.finditer(line):
            found.append((match.start(), match.end(), "filler text {} was never replaced"))
        seen: set[int] = set()
        for start, end, message in sorted(found):
            if start in seen:
                continue
            seen.update(range(start, end))
            quoted = f'"{raw[start:end].strip()}"'
            yield Placeholder(
                Span(number, start + 1, number, end + 1),
                message.format(quoted) + "; write the real text or remove it",
            )


def _may_hold_leftover(raw: str) -> bool:
    """Whether any leftover pattern could match in the line (blanking code spans and
    comments only removes text): most lines are skipped without running them."""
    return (
        "{{" in raw
        or "[" in raw
        or "【" in raw
        or "TODO" in raw
        or "FIXME" in raw
        or "lorem" in raw.lower()
    )


def _blank(pattern: re.Pattern[str], line: str) -> str:
    """The line with each match replaced by spaces, so columns stay the same."""
    return pattern.sub(lambda m: " " * len(m.group()), line)
