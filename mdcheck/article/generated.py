"""Failure shapes of generated articles: refusal or error bodies, template left-overs.

Only what cannot be prose is reported: a refusal counts when it opens the body of a text
that has no real article after it (or is an unmistakable "As an AI language model"
paragraph); a ``TODO`` counts as a marker (``TODO:`` opening a paragraph, ``[TODO]``), not
as a word in a sentence ("keep a TODO list"), and only in articles: software docs keep
TODO notes on purpose. Code blocks, inline code and HTML comments are
never looked at.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.fences import code_tokens
from mdcheck.markdown.inline import code_span_ranges, strip_inline_markup
from mdcheck.util.lazyre import LazyPattern

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
# "[" not after "!", "]" or "\\" (an image, a reference link, an escape): the look-behind
# comes after the bracket so that the search can skip ahead to the next bracket
_BRACKET = LazyPattern(
    r"(?:\[|【)(?<![!\]\\][\[【])\s*(?:(?:在此|此处|这里|请)?(?:插入|填写|填入|补充|替换)|待补充|待填写|待定|"
    r"(?i:insert|placeholder|fill in|to be (?:added|written|completed)))"
    r"[^\]】\n]{0,60}(?:\]|】)"
    r"(?![(\[:])"
)
_MARKER = LazyPattern(r"(?:\[|【)\s*(?:TODO|FIXME|TBD)\b[^\]】\n]{0,60}(?:\]|】)(?![(\[:])")
_NOT_VARIABLES = frozenset({"and", "or", "not", "to", "of", "in", "is", "the", "a", "an"})
_LEADING_TODO = LazyPattern(
    r"^(?P<lead>(?:\s*>)*\s*(?:\*\*|__)?)(?P<m>(?:TODO|FIXME)(?:\s*[:：]|\s*$))"
)
_LOREM = re.compile(r"(?i)\blorem ipsum dolor\b")
_LIST_OR_HEADING = LazyPattern(r"^\s*(?:>\s*)*(?:[-*+]\s|\d{1,9}[.)]\s|#{1,6}\s|\|)")
_COMMENT = re.compile(r"<!--.*?-->")
# strip_inline_markup only changes text at these characters: text without any of them
# keeps every non-space character
_MARKUP = re.compile(r"[\[`*_~<\\&]")
# the markup characters strip_inline_markup removes one by one (not with the text around)
_SINGLE_MARKUP = ("*", "_", "~", "`", "\\")
_LEFTOVER_LITERALS = ("{{", "[", "【", "TODO", "FIXME")  # and "lorem", in any case
# A character of each literal that prose seldom holds: one character is found in a
# text many times faster than a string of them, and its absence rules the literal out.
_RARE_CHARACTER = {"{{": "{", "[": "[", "【": "【", "TODO": "O", "FIXME": "X"}
_BRACKETS = ("[", "【")
# What follows a bracket that opens a placeholder or marker (_BRACKET, _MARKER): spaces,
# then the start of a keyword (插入, 待定, Insert, TODO, ...) or of a code span or
# comment, which are blanked before the line is read. Most brackets open a link instead.
_PLACEHOLDER_START = re.compile(
    r"\s*(?:[`<在此这请插填补替待]|(?i:insert|placeholder|fill in|to be|todo|fixme|tbd))"
)
_TEXT_BLOCKS = ("paragraph_open", "heading_open")
_STRONG_FIRST = frozenset("a作很非抱对")  # what a _STRONG match starts with
# what a _STRONG, _WEAK or _ERROR match starts with
_OPENING_FIRST = _STRONG_FIRST | frozenset("iwsuenr0123456789我未没暂请服网生出")


def _starts(firsts: frozenset[str]) -> frozenset[str]:
    """The ASCII and CJK first characters of a text whose plain form may start with one
    of ``firsts``: those, the upper-case forms of the ASCII ones, and what markup
    removal takes away (``!``, the markup characters, nothing at all)."""
    upper = {first.upper() for first in firsts if first.isascii()}
    return firsts | upper | frozenset("!`*_~<\\[") | {""}


_STRONG_STARTS = _starts(_STRONG_FIRST)
_OPENING_STARTS = _starts(_OPENING_FIRST)


class Placeholder(NamedTuple):
    span: Span
    message: str


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", strip_inline_markup(text)).replace("’", "'")
    return text.strip().casefold()


def _blocks(doc: Document) -> tuple[list[tuple[int, str, bool]], int, bool]:
    """The top-level paragraphs and headings that may start a refusal, told from their
    first character (:func:`_may_start`), as (first 1-based line, inline text, whether
    it is the title or the first paragraph); the first line of the first paragraph (0:
    none); whether a heading other than an H1 is there."""
    tokens = doc.block_tokens
    blocks: list[tuple[int, str, bool]] = []
    first_paragraph = 0
    has_sections = False
    for index in doc.positions_of(*_TEXT_BLOCKS):
        token, inline = tokens[index], tokens[index + 1]
        if token is None or inline is None or token.level != 0 or not token.map:
            continue  # (a slot left for later is a list item's paragraph: not top-level)
        tag, line = token.tag, token.map[0] + 1
        opening = tag == "h1"
        if tag == "p" and not first_paragraph:
            first_paragraph, opening = line, True
        elif tag not in ("h1", "p"):
            has_sections = True
        text = inline.content  # an opening token is followed by its inline token
        if _may_start(text, _OPENING_STARTS if opening else _STRONG_STARTS):
            blocks.append((line, text, opening))
    return blocks, first_paragraph, has_sections


def _code_blocks(doc: Document) -> list[tuple[int, str, bool]]:
    """The code blocks as paragraphs (the first one opening the body), for a body that is
    only code; filtered like :func:`_blocks`."""
    blocks = []
    for position, (line, text) in enumerate(_code_texts(doc)):
        opening = position == 0
        if _may_start(text, _OPENING_STARTS if opening else _STRONG_STARTS):
            blocks.append((line, text, opening))
    return blocks


def _code_texts(doc: Document) -> Iterator[tuple[int, str]]:
    for token in code_tokens(doc):
        if token.map and token.content.strip():
            first = token.map[0] + (1 if token.type == "fence" else 0)
            while first < len(doc.lines) and not doc.lines[first].strip():
                first += 1
            yield first + 1, token.content.strip()


def visible_chars(doc: Document, *, enough: int | None = None) -> int:
    """Characters of text in the body, without markup, whitespace and the H1.

    With ``enough``, counting may stop once that many characters are found: the result
    is then at least ``enough`` but not necessarily the full count.
    """
    if enough is not None:
        return _visible_chars(doc, enough) if enough > 0 else 0
    return doc.memo("generated.visible_chars", lambda: _visible_chars(doc, None))


def _visible_chars(doc: Document, enough: int | None) -> int:
    total = 0
    tokens = doc.block_tokens
    for index in range(len(tokens)):
        token = tokens[index]
        if token is None:  # a list item's or a table row's: built for their text
            token = doc.block_token(index)
        previous = doc.block_token(index - 1) if index else None
        if token.type == "inline" and not (previous is not None and previous.tag == "h1"):
            total += _inline_chars(token.content, None if enough is None else enough - total)
        elif token.type in ("fence", "code_block"):
            total += _non_space(token.content)
        else:
            continue
        if enough is not None and total >= enough:
            break  # a long body is told from a short one in its first paragraphs
    return total


def _inline_chars(text: str, enough: int | None) -> int:
    """Visible characters of an inline text; with ``enough``, the result may instead be a
    lower bound of them when that bound is already ``enough`` or more."""
    if _MARKUP.search(text) is None:  # text without markup characters needs no stripping
        return _non_space(text)
    if enough is not None and "[" not in text and "<" not in text and "&" not in text:
        # With no link and no HTML tag, stripping only takes markup characters away
        # (emphasis delimiters, backticks, backslashes): the count without any of them
        # is a lower bound, and often enough to skip the (slow) stripping.
        bound = _non_space(text) - sum(map(text.count, _SINGLE_MARKUP))
        if bound >= enough:
            return bound
    return _non_space(strip_inline_markup(text))


def _non_space(text: str) -> int:
    return len("".join(text.split()))


def find_refusal(doc: Document, *, article: bool = True) -> Placeholder | None:
    """The refusal or error message that stands where the article should be, if any.

    Error-message openings (``Error: …``, ``请求失败``) count only in an ``article``; a
    ``404`` page is allowed to apologise. Asked by every ART rule: answered once.
    """
    return doc.memo(("generated.refusal", article), lambda: _find_refusal(doc, article))


def _find_refusal(doc: Document, article: bool) -> Placeholder | None:
    if "404" in doc.path and Path(doc.path).stem == "404":  # no Path object for most
        return None
    blocks, first_paragraph, has_sections = _blocks(doc)
    if not first_paragraph:
        blocks += _code_blocks(doc)  # a refusal wrapped in a fence: the body is only code
    for line, text, opening in blocks:
        plain = _plain(text)
        strong = _STRONG.match(plain)
        weak = (
            (_WEAK.match(plain) or (_ERROR.match(plain) if article else None)) if opening else None
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


def _may_start(text: str, starts: frozenset[str]) -> bool:
    """False when the plain form of ``text`` cannot start a match of the patterns that
    ``starts`` stands for (made by :func:`_starts` from their matches' first characters),
    told from its first character: most paragraphs are skipped without normalising all of
    their text.

    Markup is removed only where it starts (``!`` and the markup characters), so any other
    first character stays first; NFKC and casefolding keep CJK ideographs and ASCII
    characters as they are, but for upper-case ASCII letters, which become lower case.
    """
    first = text.lstrip()[:1]
    return first in starts or not (first.isascii() or "\u4e00" <= first <= "\u9fff")


_LOREM_CHUNK = 1 << 20  # characters encoded at a time: no full-size copy of a large text


def _may_hold_lorem(text: str) -> bool:
    """True when "lorem" occurs in ``text`` in any case (and, rarely, when it does not:
    the lines are then checked one by one, which finds the same).

    Only ASCII letters fold to "lorem" (checked over every code point), so the text's
    ASCII characters, lower-cased as bytes, hold b"lorem" whenever the text does. That
    is three times faster than a case-insensitive search, which compares every character
    in Python's regular-expression engine. Dropping the other characters may join "lo"
    and "rem" into a match that is not in the text: harmless, see above.
    """
    for start in range(0, len(text), _LOREM_CHUNK):
        piece = text[start : start + _LOREM_CHUNK + 4]  # + 4: a match across two chunks
        if b"lorem" in piece.encode("ascii", "ignore").lower():
            return True
    return False


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
    body_lines = doc.body_lines
    text = doc.body_text
    filler = _may_hold_lorem(text)  # rare: looked for on each line only when it is there
    for index in _candidate_lines(body_lines, text, filler=filler):
        if index in doc.code_line_indexes:
            continue
        number, raw = index + 1, body_lines[index]
        line = raw
        for start, end in code_span_ranges(line) if "`" in line else ():
            line = line[:start] + " " * (end - start) + line[end:]
        if "<!--" in line:
            line = _blank(_COMMENT, line)
        found = _line_leftovers(line, markers=markers, filler=filler)
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


def _line_leftovers(line: str, *, markers: bool, filler: bool) -> list[tuple[int, int, str]]:
    """(start, end, message template) of what the patterns find on one line; each pattern
    runs only when the literal it needs is on the line."""
    found: list[tuple[int, int, str]] = []
    if "{{" in line:
        for match in _TEMPLATE.finditer(line):
            if match.group()[2:-2].strip().lower() in _NOT_VARIABLES:
                continue
            found.append((match.start(), match.end(), "template variable {} was never filled in"))
    for match in _BRACKET.finditer(line):
        found.append((match.start(), match.end(), "placeholder {} was never replaced"))
    if markers and ("TODO" in line or "FIXME" in line or "TBD" in line):
        for match in _MARKER.finditer(line):
            found.append((match.start(), match.end(), "marker {} left in the text"))
        leading = _LEADING_TODO.match(line)
        if leading and not _LIST_OR_HEADING.match(line):
            start = leading.start("m")
            found.append((start, leading.end("m"), "marker {} left in the text"))
    if filler and "lorem" in line.lower():
        for match in _LOREM.finditer(line):
            found.append((match.start(), match.end(), "filler text {} was never replaced"))
    return found


def _candidate_lines(lines: list[str], text: str, *, filler: bool) -> Iterator[int]:
    """0-based indexes of the lines that hold a literal some leftover pattern needs
    (blanking code spans and comments only removes text): the others cannot hold one.

    ``text`` is the lines joined by ``"\\n"``, ``filler`` whether "lorem" (in any case)
    is in it. All lines are searched at once, and only for the literals that occur at
    all, so the search is a plain scan for one character (``[``) in most documents.
    """
    if filler:  # then test each line on its own
        yield from (index for index, line in enumerate(lines) if _holds_literal(line))
        return
    literals = tuple(
        literal
        for literal in _LEFTOVER_LITERALS
        if _RARE_CHARACTER[literal] in text and literal in text
    )
    if not literals:
        return
    pattern = _any_of(literals)
    index = 0  # the line that holds ``start``
    start = 0
    while (match := pattern.search(text, start)) is not None:
        index += text.count("\n", start, match.start())
        if match.group() in _BRACKETS and _PLACEHOLDER_START.match(text, match.end()) is None:
            start = match.end()  # a bracket nothing can be left in, e.g. a link's
            continue
        yield index
        start = text.find("\n", match.start()) + 1
        if not start:
            return
        index += 1


def _holds_literal(line: str) -> bool:
    return any(literal in line for literal in _LEFTOVER_LITERALS) or "lorem" in line.lower()


@functools.lru_cache(maxsize=64)
def _any_of(literals: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(literal) for literal in literals))


def _blank(pattern: re.Pattern[str], line: str) -> str:
    """The line with each match replaced by spaces, so columns stay the same."""
    return pattern.sub(lambda m: " " * len(m.group()), line)
