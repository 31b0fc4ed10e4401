"""Heading numbers in every style trend articles use, mapped to integers.

``parse_heading_number("## 二、AI 芯片")`` style input (the heading's inline text, without
the ``#`` marks) gives the number parts ``(2,)``; ``"1.1 技术发展现状"`` gives ``(1, 1)``.
Understood: ``1``, ``1.``, ``1)``, ``1、``, ``1.1``, ``1.1.1``, full-width digits, Chinese
numerals (``一``, ``十一``, ``二十``, ``一百零五``) followed by ``、``/``.``/space,
``（一）``/``(一)``/``(1)``, ``第一章``/``第1章``/``第一节``/``第二部分``, and Roman numerals
``I.``–``XX.`` when asked for. Leading markup is looked through: emphasis
(``**1.1 标题**``), a link (``[1. Intro](#intro)``) and HTML anchors
(``<a id="intro"></a>1. Intro``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mdcheck.article.numerals import (
    CN_NUMERALS,
    ROMAN_LETTERS,
    chinese_to_int,
    int_to_chinese,
    int_to_roman,
    roman_to_int,
)
from mdcheck.util.cachedattr import cached_property
from mdcheck.util.lazyre import LazyPattern

_CN = CN_NUMERALS
_STARTS = frozenset(_CN + "(（第")

_LEADING_MARKUP = re.compile(
    r"^(?:\*{1,3}|_{1,3}|~~|`|\[|<[A-Za-z][^<>]*>\s*(?:</[A-Za-z]+>\s*)?)+"
)
_TRAILING_MARKUP = LazyPattern(
    r"(?:\]\([^()]*\)|\]\[[^\]]*\]|\]|\*{1,3}|_{1,3}|~~|`|</[A-Za-z]+>|\s)+$"
)
_ARABIC = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<sep>\.|、|\)|:|：|\s|$)(?P<after>.*)$", re.DOTALL
)
# The rarer styles' patterns are compiled on first use (mdcheck.util.lazyre), each tried only
# on a text whose first character it needs: most documents use none of them.
_CHINESE = LazyPattern(rf"(?s)^(?P<num>[{_CN}]{{1,6}})(?P<sep>、|\.|:|：|\s)(?P<after>.*)$")
_PAREN = LazyPattern(
    rf"(?s)^(?P<open>[(（])(?P<num>[{_CN}]{{1,6}}|\d{{1,3}})(?P<close>[)）])(?P<after>.*)$"
)
_CHAPTER = LazyPattern(
    rf"(?s)^第(?P<num>[{_CN}]{{1,6}}|\d{{1,3}})(?P<unit>章|节|部分|篇|条|讲|回)(?P<after>.*)$"
)
_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}\b")
_ROMAN_RE = LazyPattern(r"(?s)^(?P<num>[IVXLC]{1,6})(?P<sep>\.|\))(?:\s+)(?P<after>.*)$")


@dataclass(frozen=True)
class HeadingNumber:
    """A parsed heading number.

    ``parts`` are the integers (``(1, 2)`` for ``1.2``); ``style`` is one of ``arabic``,
    ``chinese``, ``paren-chinese``, ``paren-arabic``, ``chapter``, ``roman``;
    ``separator`` what follows the number (``.``, ``、``, ``)``, ``" "``, ``章`` …, or
    ``""`` at the end of the text); ``bare`` is True for a single arabic number followed only
    by a space (``1 Intro``), which is also how titles such as ``10 Tips`` start (likewise a
    Chinese numeral followed only by a space), so callers should trust it only when siblings
    agree. ``prefix_end`` is the offset in the original
    text just after the number and its separator (and spaces), and ``title`` the rest.
    """

    parts: tuple[int, ...]
    style: str
    separator: str
    bare: bool
    prefix_start: int
    prefix_end: int
    title: str

    @cached_property  # read in every outline pass; the number itself is cached
    def depth(self) -> int:
        return len(self.parts)

    @property
    def prefix_span(self) -> tuple[int, int]:
        return self.prefix_start, self.prefix_end

    @cached_property  # asked of the same (cached) number by every outline
    def version_like(self) -> bool:
        """True for ``1.2.0 - 2024-01-01``, ``2.0 (beta)``, ``0.9``: a release, not a section.

        Section numbers never have a zero part after the first, never stand alone and are
        not followed by a date or a dash.
        """
        if self.depth < 2:
            return False
        return (
            0 in self.parts[1:]
            or not self.title
            or self.title[0] in "-–—([（/|@·:："
            or _DATE.search(self.title[:24]) is not None
        )

    @cached_property  # compared across every numbered heading of a level
    def marker(self) -> str:
        """The style and separator together, for comparing siblings' styles."""
        return f"{self.style}{self.separator.strip() or ' '}"


def parse_heading_number(text: str, *, roman: bool = False) -> HeadingNumber | None:
    """Parse the number at the start of a heading's inline text, or return None."""
    return _parse_heading_number(text, roman)


# Pure, and asked for the same heading by the numbered outline, the profile outline and
# every document of a generated series (the same "1.1 技术发展现状" over and over).
@functools.lru_cache(maxsize=4096)
def _parse_heading_number(text: str, roman: bool) -> HeadingNumber | None:
    lead = _LEADING_MARKUP.match(text)
    offset = lead.end() if lead else 0
    body = to_halfwidth(text[offset:])
    parsed = _parse(body, roman)
    if parsed is None:
        return None
    parts, style, separator, bare, consumed = parsed
    after = body[consumed:]
    stripped = len(after) - len(after.lstrip())
    end = offset + consumed + stripped
    title = text[end:].strip()
    if lead is not None:
        title = _TRAILING_MARKUP.sub("", title)
    return HeadingNumber(parts, style, separator, bare, offset, end, title)


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (``１．``) as ASCII, one character for one."""
    if _HAS_FULLWIDTH.search(text) is None:  # the usual case; translate is slow per character
        return text
    return text.translate(_HALFWIDTH)


_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _parse(body: str, roman: bool) -> tuple[tuple[int, ...], str, str, bool, int] | None:
    first = body[:1]
    if not first or not (first.isdigit() or first in _STARTS or (roman and first in ROMAN_LETTERS)):
        return None
    match = _CHAPTER.match(body) if first == "第" else None
    if match:
        raw = match.group("num")
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if value is not None:
            return (value,), "chapter", match.group("unit"), False, match.start("after")
    match = _PAREN.match(body) if first in "(（" else None
    if match:
        raw = match.group("num")
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        style = "paren-arabic" if raw.isdigit() else "paren-chinese"
        if value is not None:
            return (value,), style, ")", False, match.start("after")
    match = _ARABIC.match(body)
    if match:
        parts = tuple(int(p) for p in match.group("num").split("."))
        sep = match.group("sep")
        first = match.group("after")[:1]
        if sep == "." and first.isascii() and first.isalnum():
            return None  # 1.5x, v2.0beta: a decimal, not a heading number
        if sep in (":", "：") and first.isdigit():
            return None  # 10:30 Keynote: a time of day
        if sep == "" and len(parts) == 1:
            return None  # a heading that is only a number
        bare = len(parts) == 1 and sep.isspace()
        if bare and not match.group("after").strip():
            return None
        consumed = match.end("sep")
        return parts, "arabic", "" if sep.isspace() else sep, bare, consumed
    match = _CHINESE.match(body) if first in _CN else None
    if match:
        value = chinese_to_int(match.group("num"))
        if value is not None and value > 0:
            sep = match.group("sep")
            bare = sep.isspace()  # 三 体 reads as a title as easily as a number
            return (value,), "chinese", "" if bare else sep, bare, match.end("sep")
    if roman:
        match = _ROMAN_RE.match(body)
        if match:
            value = roman_to_int(match.group("num"))
            if value is not None and value <= 50:
                return (value,), "roman", match.group("sep"), False, match.start("after")
    return None


def format_number(parts: tuple[int, ...], template: HeadingNumber, template_prefix: str) -> str:
    """The prefix for ``parts`` written the way ``template`` is written.

    ``template_prefix`` is the template heading's own prefix text (its number, separator and
    the spaces after them), so ``（一）`` keeps full-width parentheses, ``１．`` full-width
    digits and ``1、`` no space. A multi-part number cannot be written in a one-part style
    (``一、``, ``（一）``, ``第一章``); it then falls back to ``1.1 ``.
    """
    body = template_prefix.rstrip()
    space = template_prefix[len(body) :]
    style = template.style
    if len(parts) > 1 and style != "arabic":
        return ".".join(str(p) for p in parts) + " "
    value = parts[-1]
    if style == "arabic":
        text = ".".join(str(p) for p in parts) + template.separator
        if not template.separator and not space:
            space = " "
        if any("０" <= ch <= "９" for ch in body):
            text = text.translate(_FULLWIDTH)
        return text + space
    if style == "chinese":
        return (
            int_to_chinese(value)
            + template.separator
            + (space or ("" if template.separator else " "))
        )
    if style in ("paren-chinese", "paren-arabic"):
        inner = int_to_chinese(value) if style == "paren-chinese" else str(value)
        return body[:1] + inner + body[-1:] + space
    if style == "chapter":
        digits = any(ch.isdigit() for ch in body)
        return "第" + (str(value) if digits else int_to_chinese(value)) + template.separator + space
    return int_to_roman(value) + template.separator + (space or " ")


_FULLWIDTH = {ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789.)"}
