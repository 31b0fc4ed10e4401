"""Comparison tables: column roles, plain cell text, and headings that announce one.

A trend article compares technical routes in a table whose columns have three *roles*:
route, advantage and disadvantage (技术路线 / 优势 / 劣势). A header cell takes a role when,
after markup and surrounding punctuation are stripped and case is folded, it equals one
of the role's synonyms or contains one as a separate word (Latin) or as part of a compound
(CJK, e.g. 主要优势). A table is a comparison table when its header matches two or more roles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mdcheck.markdown.inline_scan import plain_text

if TYPE_CHECKING:
    from mdcheck.markdown.document import Document
    from mdcheck.markdown.tables import Table

ROLES = ("route", "advantage", "disadvantage")

DEFAULT_COLUMNS: dict[str, list[str]] = {
    "route": [
        "技术路线",
        "路线",
        "方案",
        "技术方案",
        "技术",
        "Route",
        "Approach",
        "Technology",
        "Option",
    ],
    "advantage": ["优势", "优点", "长处", "Advantages", "Advantage", "Pros", "Strengths"],
    "disadvantage": [
        "劣势",
        "缺点",
        "不足",
        "短板",
        "局限",
        "Disadvantages",
        "Disadvantage",
        "Cons",
        "Weaknesses",
        "Drawbacks",
        "Limitations",
    ],
}

COLUMNS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {role: {"type": "array", "items": {"type": "string"}} for role in ROLES},
}

_WEAK_HEADING_WORDS = frozenset({"option"})
_WORD_SPLIT = re.compile(r"[^\w]+")
# kana, CJK ideographs (with extension A and compatibility forms), Hangul; compared by code
# point (a regular-expression class this wide costs milliseconds to compile at start-up)
_CJK_RANGES = (
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xAC00, 0xD7AF),
)


@functools.lru_cache(maxsize=8192)  # pure; the same cells recur in every table and file
def plain(text: str) -> str:
    """Cell or heading source without inline markup, whitespace collapsed (the text it
    renders; see :func:`mdcheck.markdown.inline_scan.plain_text`)."""
    return plain_text(text)


@functools.lru_cache(maxsize=8192)  # pure; see plain()
def key(text: str) -> str:
    """The comparison key of a cell: plain text, NFKC-normalised, case-folded."""
    return unicodedata.normalize("NFKC", plain(text)).casefold()


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_punct(text[start]):
        start += 1
    while end > start and _is_punct(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_punct(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def _word_in(synonym: str, words: set[str]) -> bool:
    """A Latin synonym as a word, also in a regular plural (Approaches, Technologies)."""
    forms = {synonym, synonym + "s", synonym + "es"}
    if synonym.endswith("y"):
        forms.add(synonym[:-1] + "ies")
    return not forms.isdisjoint(words)


def has_cjk(text: str) -> bool:
    if text.isascii():  # the common English case, without a loop over the characters
        return False
    return any(low <= ord(ch) <= high for ch in text for low, high in _CJK_RANGES)


class Roles:
    """The synonyms of each role, folded for matching (one instance per ``columns`` option).

    Compared and hashed by identity: a document memo key. (A plain class: a dataclass
    costs start-up time to create.)
    """

    def __init__(
        self, synonyms: Mapping[str, tuple[str, ...]], names: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.synonyms = synonyms
        self.names = names  # as configured, for messages
        # of_cell answers, by cell text: the same headers recur in every table and file
        self._cells: dict[str, frozenset[str]] = {}
        self._primaries: dict[str, str | None] = {}  # primary answers, likewise
        self._strong: list[Roles] = []

    @classmethod
    def from_option(cls, value: Mapping[str, Sequence[str]] | None) -> Roles:
        """The roles of a ``columns`` option; the same option gives the same (cached) roles,
        so what they learnt about header cells carries over to the next table and file."""
        option = tuple(sorted((role, tuple(names)) for role, names in (value or {}).items()))
        roles = _BY_OPTION.get(option)
        if roles is None:
            roles = _BY_OPTION[option] = cls._build(value)
        return roles

    @classmethod
    def _build(cls, value: Mapping[str, Sequence[str]] | None) -> Roles:
        merged = {**DEFAULT_COLUMNS, **(value or {})}
        return cls(
            {
                role: tuple(unicodedata.normalize("NFKC", s).casefold() for s in merged[role])
                for role in ROLES
            },
            {role: tuple(merged[role]) for role in ROLES},
        )

    def of_cell(self, text: str) -> frozenset[str]:
        """The roles a header cell matches (usually none or one)."""
        found = self._cells.get(text)
        if found is None:
            if len(self._cells) >= 4096:
                self._cells.clear()
            found = self._cells[text] = self._of_cell(text)
        return found

    def _of_cell(self, text: str) -> frozenset[str]:
        folded = _strip_punctuation(key(text))
        if not folded:
            return frozenset()
        words = set(_WORD_SPLIT.split(folded))
        found = set()
        for role, synonyms in self.synonyms.items():
            for synonym in synonyms:
                if (
                    folded == synonym
                    or (has_cjk(synonym) and synonym in folded)
                    or (" " not in synonym and _word_in(synonym, words))
                    or (" " in synonym and f" {synonym} " in f" {folded} ")
                ):
                    found.add(role)
                    break
        return frozenset(found)

    def named_in_heading(self, heading: str) -> bool:
        """Whether a heading names a role, leaving out words that documentation uses for
        everything (``Option``: "Comparing options" is rarely about technical routes)."""
        if not self._strong:
            strong = {
                role: tuple(s for s in synonyms if s not in _WEAK_HEADING_WORDS)
                for role, synonyms in self.synonyms.items()
            }
            self._strong.append(Roles(strong, self.names))
        return bool(self._strong[0].of_cell(heading))

    def primary(self, text: str) -> str | None:
        """The one role a cell stands for: an exact match first, then the longest synonym."""
        if text in self._primaries:
            return self._primaries[text]
        if len(self._primaries) >= 4096:
            self._primaries.clear()
        found = self._primaries[text] = self._primary(text)
        return found

    def _primary(self, text: str) -> str | None:
        folded = _strip_punctuation(key(text))
        best: tuple[int, int, str] | None = None
        for role in self.of_cell(text):
            for synonym in self.synonyms[role]:
                if synonym in folded:
                    score = (int(folded == synonym), len(synonym), role)
                    if best is None or score > best:
                        best = score
        return best[2] if best is not None else None

    def of_header(self, cells: Sequence[str]) -> list[frozenset[str]]:
        return [self.of_cell(cell) for cell in cells]

    def example(self, role: str, cjk: bool) -> str:
        """A synonym to suggest for a missing role, in the header's language."""
        synonyms = self.names[role] or tuple(DEFAULT_COLUMNS[role])
        return next((s for s in synonyms if has_cjk(s) == cjk), synonyms[0])


_BY_OPTION: dict[tuple[tuple[str, tuple[str, ...]], ...], Roles] = {}


def is_comparison(roles: Sequence[frozenset[str]]) -> bool:
    """Two or more different roles among the header cells."""
    found: set[str] = set()
    for cell_roles in roles:
        found |= cell_roles
    return len(found) >= 2


class TableHeader(NamedTuple):
    """A table's header as the comparison rules read it."""

    names: list[str]  # the plain text of each header cell
    roles: list[frozenset[str]]  # the roles each header cell matches
    comparison: bool  # two or more roles: a comparison table


def table_headers(doc: Document, roles: Roles) -> list[tuple[Table, TableHeader]]:
    """Every table of ``doc`` with its header read by ``roles``; computed once per document
    and roles, as four rules read the same headers."""

    def read() -> list[tuple[Table, TableHeader]]:
        headers = []
        for table in doc.tables.tables:
            names = [plain(cell.text) for cell in table.header.cells]
            header_roles = roles.of_header(names)
            headers.append((table, TableHeader(names, header_roles, is_comparison(header_roles))))
        return headers

    return doc.memo(("table-headers", roles), read)


# -- headings that announce a comparison -------------------------------------------------

DEFAULT_HEADING_KEYWORDS = [
    "技术路线比较",
    "比较",
    "对比",
    "比对",
    "优劣",
    "优缺点",
    "Comparison",
    "Compare",
    "Compared",
    "Comparing",
    "vs",
    "versus",
    "Pros and Cons",
]

# "比较" is also the adverb "rather" (比较成熟 = fairly mature): as a keyword it must end the
# heading or be followed by a non-CJK character or by one of these words.
_BIJIAO_FOLLOWERS = ("分析", "与", "和", "及", "表", "一览", "总结", "汇总", "研究", "结果")
# "对比" also starts terms that are not comparisons: 对比度 (contrast ratio), 对比学习 and
# 对比损失 (contrastive learning / loss).
_DUIBI_TERMS = ("度", "学习", "损失")


def announces_comparison(heading: str, keywords: Sequence[str]) -> str | None:
    """The keyword in ``heading`` that announces a comparison, or None."""
    return _announces(heading, tuple(keywords))


@functools.lru_cache(maxsize=4096)  # pure; the table rules ask about the same headings
def _announces(heading: str, keywords: tuple[str, ...]) -> str | None:
    text = unicodedata.normalize("NFKC", plain(heading)).casefold()
    for keyword, folded, word in _keyword_matchers(keywords):
        if folded not in text:  # either test needs the keyword in the text: skip most
            continue
        if word is None:
            if _cjk_keyword(text, folded):
                return keyword
        elif re.search(word, text):
            return keyword
    return None


@functools.lru_cache(maxsize=16)
def _keyword_matchers(
    keywords: tuple[str, ...],
) -> tuple[tuple[str, str, str | None], ...]:
    """Each keyword, folded, with its whole-word pattern (None for a CJK keyword), folded
    once per keyword list instead of once per heading. A pattern is compiled (and cached
    by re) only when a heading holds its keyword: most never do."""
    matchers = []
    for keyword in keywords:
        folded = unicodedata.normalize("NFKC", keyword).casefold()
        if not folded:
            continue
        word = None
        if not has_cjk(folded):  # (not "VS Code")
            word = rf"(?<![\w-]){re.escape(folded)}(?![\w-])(?! code\b)"
        matchers.append((keyword, folded, word))
    return tuple(matchers)


def _cjk_keyword(text: str, keyword: str) -> bool:
    start = text.find(keyword)
    while start >= 0:
        after = text[start + len(keyword) :]
        contrast = keyword.endswith("对比") and after.startswith(_DUIBI_TERMS)
        adverb = (
            keyword.endswith("比较")
            and after
            and has_cjk(after[0])
            and not after.startswith(_BIJIAO_FOLLOWERS)
        )
        if not contrast and not adverb:
            return True
        start = text.find(keyword, start + 1)
    return False
