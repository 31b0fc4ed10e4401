"""Heading numbers in every style trend articles use, mapped to integers.

``parse_heading_number("## 二、AI 芯片")`` style input (the heading's inline text, without
the ``#`` marks) gives the number parts ``(2,)``; ``"1.1 技术发展现状"`` gives ``(1, 1)``.
Understood: ``1``, ``1.``, ``1)``, ``1、``, ``1.1``, ``1.1.1``, full-width digits, Chinese
numerals (``一``, ``十一``, ``二十``, ``一百零五``) followed by ``、``/``.``/space,
``（一）``/``(一)``/``(1)``, ``第一章``/``第1章``/``第一节``/``第二部分``, and Roman numerals
``I.``–``XX.`` when asked for, and numbers that a word names the counter of (*labels*):
``Step 1 —``, ``Part II:``, ``Chapter Three``, ``Appendix B``, ``Q1``, ``阶段四：``,
``问题 2``, ``附录A``, ``第三步``. Each label word (``step``, ``part``, ``章``, ``部分``, ``步``)
is a counter of its own: ``第一部分`` and ``第1章`` count different things. Leading markup
is looked through: emphasis
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
    english_to_int,
    int_to_chinese,
    int_to_english,
    int_to_letter,
    int_to_roman,
    letter_to_int,
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
    rf"(?s)^第[ \t]?(?P<num>[{_CN}]{{1,6}}|\d{{1,3}})[ \t]?"
    r"(?P<unit>章|节|部分|篇|条|讲|回|步|轮|阶段|天|日|周|课|卷|集|季|期|层|级|单元|场|招|式|点)"
    r"(?:[ \t]*[:：、.][ \t]*)?(?P<after>.*)$"
)
# Words that name what a number counts. A number after one of them is a heading number in
# any position of the outline: ``Step 1 — Set up`` is numbered, ``Top 10 tools`` is not.
_LETTER_LABELS = frozenset(("appendix", "annex", "exhibit", "附录"))
_EN_LABELS = (
    "step|part|chapter|section|phase|stage|lesson|day|week|module|unit|round|tip|rule|"
    "question|problem|exercise|example|appendix|annex|exhibit|book|volume|act|scene|episode|"
    "session|lab|task|milestone|sprint|lecture|case|option|method|principle|pillar"
)
_CN_LABELS = (
    "阶段|步骤|问题|附录|方案|方法|案例|场景|技巧|原则|任务|练习|示例|思路|策略|要点|误区|建议|"
    "趋势|挑战|观点|优势|难点|环节|模块|单元|课程|专题|篇章"
)
_LABEL_STARTS = frozenset(
    "SPCDWMLURTQEABOVIsapcdwmlurtqeabovi"
    + "阶步问附方案场技原任练示思策要误建趋挑观优难环模单课专篇"
)
_LABEL = LazyPattern(
    rf"(?s)^(?P<word>(?i:{_EN_LABELS})(?=[ \t])|{_CN_LABELS}|Q(?=[1-4]\b))[ \t]*"
    rf"(?P<num>\d{{1,3}}(?:\.\d{{1,3}})*(?![\d.]*\d)|[A-Za-z]+|[{_CN}]{{1,6}})"
    r"(?P<sep>[ \t]*(?:[:：.、)）|,，\-–—]+[ \t]*|[ \t]+|$))(?P<after>.*)$"
)
_DATE = re.compile(r"\b\d{4}[-/.]\d{1,2}\b")
_ROMAN_RE = LazyPattern(r"(?s)^(?P<num>[IVXLC]{1,6})(?P<sep>\.|\))(?:\s+)(?P<after>.*)$")


@dataclass(frozen=True)
class HeadingNumber:
    """A parsed heading number.

    ``parts`` are the integers (``(1, 2)`` for ``1.2``); ``style`` is one of ``arabic``,
    ``chinese``, ``paren-chinese``, ``paren-arabic``, ``chapter``, ``roman``, ``label``;
    ``counter`` what is counted, ``""`` for a plain number, else the label word in lower case
    or the chapter unit (``step``, ``part``, ``章``, ``部分``); ``numeral`` how a label's
    number is written (``arabic``, ``roman``, ``word``, ``letter``, ``chinese``) and
    ``value_start``/``value_end`` where, in the original text;
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
    counter: str = ""
    numeral: str = ""
    value_start: int = 0
    value_end: int = 0

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
        """The style and separator together, for comparing siblings' styles. A label's
        separator is free (``Step 1 —``, ``Step 2:``); its numeral is not."""
        if self.style == "label":
            return f"label:{self.numeral}"
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
    parts, style, separator, bare, consumed, label = parsed
    after = body[consumed:]
    stripped = len(after) - len(after.lstrip())
    end = offset + consumed + stripped
    title = text[end:].strip()
    if lead is not None:
        title = _TRAILING_MARKUP.sub("", title)
    counter, numeral, start, stop = label
    return HeadingNumber(
        parts,
        style,
        separator,
        bare,
        offset,
        end,
        title,
        counter,
        numeral,
        offset + start,
        offset + stop,
    )


_Parsed = tuple[tuple[int, ...], str, str, bool, int, tuple[str, str, int, int]]
_PLAIN = ("", "", 0, 0)


def _label(body: str) -> _Parsed | None:
    """``Step 1 —``, ``Part II:``, ``Appendix B``, ``阶段四：``: a number a word counts."""
    match = _LABEL.match(body)
    if match is None:
        return None
    word, raw = match.group("word"), match.group("num")
    counter = word.lower()
    if raw[0].isdigit():
        parts, numeral = tuple(int(p) for p in raw.split(".")), "arabic"
    elif raw[0] in _CN:
        value = chinese_to_int(raw)
        if not value:
            return None
        parts, numeral = (value,), "chinese"
    elif len(raw) == 1 and raw.isupper() and counter in _LETTER_LABELS:
        parts, numeral = (letter_to_int(raw),), "letter"
    elif set(raw) <= ROMAN_LETTERS and (roman_value := roman_to_int(raw)) is not None:
        parts, numeral = (roman_value,), "roman"
    elif (word_value := english_to_int(raw)) is not None and raw[1:].islower():
        parts, numeral = (word_value,), "word"
    else:
        return None  # Step by step, Part of it, Day one's notes
    if counter == "q" and numeral != "arabic":
        return None
    separator = match.group("sep").strip()
    label = (counter, numeral, match.start("num"), match.end("num"))
    return parts, "label", separator, False, match.start("after"), label


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (``１．``) as ASCII, one character for one."""
    if _HAS_FULLWIDTH.search(text) is None:  # the usual case; translate is slow per character
        return text
    return text.translate(_HALFWIDTH)


_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _parse(body: str, roman: bool) -> _Parsed | None:
    first = body[:1]
    if first in _LABEL_STARTS and (label := _label(body)) is not None:
        return label
    if not first or not (first.isdigit() or first in _STARTS or (roman and first in ROMAN_LETTERS)):
        return None
    match = _CHAPTER.match(body) if first == "第" else None
    if match:
        raw = match.group("num")
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        if value is not None:
            unit = match.group("unit")
            kind = "arabic" if raw.isdigit() else "chinese"
            counted = (unit, kind, match.start("num"), match.end("num"))
            return (value,), "chapter", unit, False, match.start("after"), counted
    match = _PAREN.match(body) if first in "(（" else None
    if match:
        raw = match.group("num")
        value = int(raw) if raw.isdigit() else chinese_to_int(raw)
        style = "paren-arabic" if raw.isdigit() else "paren-chinese"
        if value is not None:
            return (value,), style, ")", False, match.start("after"), _PLAIN
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
        return parts, "arabic", "" if sep.isspace() else sep, bare, consumed, _PLAIN
    match = _CHINESE.match(body) if first in _CN else None
    if match:
        value = chinese_to_int(match.group("num"))
        if value is not None and value > 0:
            sep = match.group("sep")
            bare = sep.isspace()  # 三 体 reads as a title as easily as a number
            return (value,), "chinese", "" if bare else sep, bare, match.end("sep"), _PLAIN
    if roman:
        match = _ROMAN_RE.match(body)
        if match:
            value = roman_to_int(match.group("num"))
            if value is not None and value <= 50:
                sep = match.group("sep")
                return (value,), "roman", sep, False, match.start("after"), _PLAIN
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
    if style in ("label", "chapter"):
        return _format_label(parts, template, template_prefix)
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
    return int_to_roman(value) + template.separator + (space or " ")


_FULLWIDTH = {ord(ch): ord(ch) + 0xFEE0 for ch in "0123456789.)"}


def _format_label(parts: tuple[int, ...], template: HeadingNumber, prefix: str) -> str:
    """``Step 3 — `` written like ``Step 1 — ``: only the number changes, in its numeral."""
    start = template.value_start - template.prefix_start
    end = template.value_end - template.prefix_start
    model = prefix[start:end]
    value = parts[-1]
    numeral = template.numeral
    if numeral == "arabic" or len(parts) > 1:
        written = ".".join(str(p) for p in parts)
    elif numeral == "roman":
        written = int_to_roman(value)
    elif numeral == "word":
        written = int_to_english(value, model)
    elif numeral == "letter":
        written = int_to_letter(value, model)
    else:
        written = int_to_chinese(value)
    return prefix[:start] + written + prefix[end:]
