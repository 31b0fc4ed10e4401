"""How a generated article ends and what it repeats: truncated endings (mid-sentence, on
an empty heading, in an unfinished list item or table row, inside an unclosed fence) and
repeated paragraphs or sections.

A truncated ending is told from the article's own habits: a last paragraph that stops
without closing punctuation counts when the article ends its other paragraphs with it,
a last list item when the list's other items end with it. A paragraph that ends on a
comma, colon or opening bracket is unfinished in any article.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from mdcheck.article.blocks import Block, Paragraph, edge_blocks, is_cjk, paragraphs, prose, quote
from mdcheck.diagnostic import Span
from mdcheck.markdown.document import Document, Heading
from mdcheck.markdown.fences import body_fences
from mdcheck.markdown.inline import strip_inline_markup
from mdcheck.markdown.tables import split_cells

# what a complete sentence, clause or line may end with
_CLOSERS = frozenset(".!?。！？…‥”\"’'）)」』】]》>~～♪*_`|-—–/\\%$€¥£°")
# what only an unfinished sentence ends with
_CONTINUES = frozenset(",，、：:；;（(《“‘—–") - frozenset("—–")
_MARKUP_END = frozenset(")]`*_>|~!")
# English words a sentence does not end on: a text that stops on one was cut off
_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "of", "to", "and", "or", "but", "with", "for", "in", "on", "at"),
        *("by", "from", "as", "is", "are", "was", "were", "be", "that", "which", "its"),
        *("their", "our", "your", "this", "these", "those", "into", "than", "such", "via"),
    }
)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_SHORTCODE_END = re.compile(r":[a-z0-9_+-]+:$")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:", re.MULTILINE)


class Finding(NamedTuple):
    span: Span
    message: str


def _ends_complete(plain: str) -> bool | None:
    """True when the text ends like a finished sentence, False when it ends mid-clause
    (a comma, colon, opening bracket), None when it just stops (a letter, an ideograph,
    a digit)."""
    plain = plain.rstrip()
    if not plain or _SHORTCODE_END.search(plain):
        return True  # (an emoji shortcode, :tada:)
    last = plain[-1]
    if last in _CONTINUES:
        return False
    if last.isalnum() or is_cjk(last):
        return None
    return True  # a closing mark, an emoji, a symbol


def truncated_ending(doc: Document) -> Finding | None:
    """Where the article stops before it was finished, if it does."""
    blocks = edge_blocks(doc, 2, last=True)
    if len(blocks) < 2:
        return None  # a one-block text has no habits to read
    last = blocks[-1]
    if last.kind == "code":
        return _unclosed_fence(doc, last)
    if last.kind == "heading":
        if len(_top_paragraphs(doc)) < 2:
            return None
        text = strip_inline_markup(last.text)
        return Finding(
            doc.line_span(last.line, _indent(doc.lines[last.first]) + 1),
            f'the article ends on the heading "{quote(text, 40)}" with nothing under it; '
            "it was probably cut off: finish or regenerate it",
        )
    if last.kind == "table":
        return _unfinished_row(doc, last)
    if last.kind == "list":
        return _unfinished_item(doc, last)
    if last.kind == "paragraph":
        return _unfinished_paragraph(doc, last)
    return None


def _stops_mid_sentence(plain: str, *, words: int | None) -> bool:
    """Whether text that ends on a letter, digit or ideograph reads as cut off: it ends
    on an ideograph (Chinese text ends its sentences with 。), on an English function
    word, or (with ``words``) is a sentence at least that many words long."""
    plain = plain.rstrip()
    if is_cjk(plain[-1]):
        return True
    last = plain.split()[-1].casefold() if plain.split() else ""
    if last in _FUNCTION_WORDS:
        return True
    return words is not None and len(plain.split()) >= words


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _tail_span(doc: Document, line_index: int) -> Span:
    raw = doc.lines[line_index].rstrip()
    return doc.line_span(line_index + 1, _indent(raw) + 1, len(raw) + 1)


def _cut_message(text: str, where: str) -> str:
    tail = " ".join(text.split())
    tail = tail if len(tail) <= 30 else "…" + tail[-29:]
    return f'the article ends {where} ("{tail}"); it was probably cut off: finish or regenerate it'


def _unfinished_paragraph(doc: Document, last: Block) -> Finding | None:
    plain = prose(last.text)
    complete = _ends_complete(plain)
    if complete is True or not plain:
        return None
    if complete is None:
        raw_end = last.text.rstrip()[-1:]
        if raw_end in _MARKUP_END or len(plain) < 4:
            return None  # ends on a link, code or emphasis: a label, not a sentence
        if "{{" in last.text or "{%" in last.text or _REFERENCE.search(last.text):
            return None  # template syntax, or link definitions that did not parse
        lines = [line for line in last.text.splitlines() if line.strip()]
        if len(lines) > 1 and _ends_complete(prose(lines[-2])) is True:
            tail = prose(lines[-1])  # a line of its own after a finished sentence
        else:
            tail = _SENTENCE_END.split(plain)[-1]
        if not _stops_mid_sentence(tail, words=8):
            return None  # a sign-off ("Thanks for reading", "Made with care by …")
        others = [
            prose(p.text)
            for p in _top_paragraphs(doc)
            if p.first < last.first and len(p.text) >= 20
        ]
        finished = sum(_ends_complete(text) is True for text in others)
        if len(others) < 3 or finished < 0.9 * len(others):
            return None  # the article does not end its paragraphs with punctuation
    return Finding(_tail_span(doc, last.last), _cut_message(plain, "mid-sentence"))


def _unfinished_item(doc: Document, last: Block) -> Finding | None:
    items = [p for p in paragraphs(doc) if not p.top and last.first <= p.first <= last.last]
    end = last.last
    while end > last.first and not doc.lines[end].strip():
        end -= 1
    if len(items) < 3 or items[-1].last != end:
        return None  # (the last item ends with a code block or a table)
    texts = [prose(p.text) for p in items]
    complete = _ends_complete(texts[-1])
    if complete is True:
        return None
    if complete is None:
        raw_end = items[-1].text.rstrip()[-1:]
        if raw_end in _MARKUP_END or not all(_ends_complete(t) is True for t in texts[:-1]):
            return None
        if not _stops_mid_sentence(texts[-1], words=None):
            return None  # a list item may end without a full stop
    return Finding(
        _tail_span(doc, items[-1].last), _cut_message(texts[-1], "in an unfinished list item")
    )


def _unfinished_row(doc: Document, last: Block) -> Finding | None:
    rows = [doc.lines[i] for i in range(last.first, last.last + 1) if doc.lines[i].strip()]
    if len(rows) < 3:
        return None
    header, row = rows[0].strip(), rows[-1].strip()
    short = len(split_cells(row)) < len(split_cells(header))
    unclosed = header.endswith("|") and not row.endswith("|")
    if not (short or unclosed):
        return None
    return Finding(_tail_span(doc, last.last), _cut_message(row, "in an unfinished table row"))


def _unclosed_fence(doc: Document, last: Block) -> Finding | None:
    for fence in body_fences(doc):
        if fence.open_index == last.first and fence.close_index is None:
            content = [line for line in fence.content if line.strip()]
            if not content:
                return None  # an empty unclosed fence: a stray marker (see CF001)
            return Finding(
                _tail_span(doc, last.last),
                _cut_message(
                    content[-1], f"inside the code block opened on line {last.line}, never closed"
                ),
            )
    return None


# -- repetition -----------------------------------------------------------------------------

MIN_REPEAT_WEIGHT = 100  # a repeated paragraph counts from this length (CJK characters x2)
# whitespace, markup and punctuation, ASCII and full-width: left out when texts are compared
_IGNORED = re.compile(r"[\s*_`~#>\[\]()!.,;:?\"'\-，。、；：？！“”‘’（）【】《》|\\]+")


def _key(raw: str) -> tuple[str, int]:
    """The compared form of a text (no whitespace, markup or punctuation; case kept) and
    its weight: its length with CJK characters (3 bytes in UTF-8) counted double. Both at
    C speed: every top-level paragraph of a long text is keyed."""
    compact = _IGNORED.sub("", raw)
    return compact, len(compact) + (len(compact.encode()) - len(compact)) // 2


def _top_paragraphs(doc: Document) -> list[Paragraph]:
    """The top-level paragraphs, read without building list items' tokens."""

    def build() -> list[Paragraph]:
        tokens = doc.block_tokens
        found: list[Paragraph] = []
        for index in doc.positions_of("paragraph_open"):
            token = tokens[index]
            if token is None or token.level or token.map is None:
                continue  # (an empty slot is a list item's paragraph)
            inline = tokens[index + 1]
            first, end = token.map
            found.append(
                Paragraph(first, max(first, end - 1), inline.content if inline else "", True)
            )
        return found

    return doc.memo("endings.top_paragraphs", build)


def _paragraph_keys(doc: Document, minimum: int) -> list[tuple[str, int]]:
    """Each top-level paragraph's key; a paragraph too short to reach ``minimum`` (even
    if all CJK) is kept as it is, weighed by its length: a section's key still holds it."""

    def build() -> list[tuple[str, int]]:
        return [
            _key(p.text) if len(p.text) * 2 >= minimum else (p.text, len(p.text))
            for p in _top_paragraphs(doc)
        ]

    return doc.memo(("endings.paragraph_keys", minimum), build)


def repeated_content(doc: Document, minimum: int = MIN_REPEAT_WEIGHT) -> list[Finding]:
    """Sections that repeat an earlier section under the same parent heading, and
    top-level paragraphs that repeat an earlier one of their section (outside repeated
    sections), or of another section as :func:`_repeat_across_sections` allows."""
    found: list[Finding] = []
    covered: set[int] = set()  # 0-based lines of repeated sections
    for section_line, end_line, first_line in _repeated_sections(doc, minimum):
        covered.update(range(section_line - 1, end_line))
        found.append(
            Finding(
                doc.line_span(section_line, 1),
                f"this section (lines {section_line}–{end_line}) repeats the section on "
                f"line {first_line} word for word; delete one of them",
            )
        )
    translated = translated_repeat(doc)
    if translated is not None:
        found.append(translated)
    headings = doc.headings
    heading_lines = [h.line for h in headings]
    seen: dict[str, tuple[int, int]] = {}  # key -> (1-based line, section) of the first
    in_section: dict[tuple[str, int], int] = {}  # (key, section) -> 1-based line
    for paragraph, (key, weight) in zip(
        _top_paragraphs(doc), _paragraph_keys(doc, minimum), strict=True
    ):
        if weight < minimum:
            continue
        line = paragraph.first + 1
        section = bisect.bisect_right(heading_lines, line)
        first, first_section = seen.setdefault(key, (line, section))
        here = in_section.setdefault((key, section), line)
        if first == line or paragraph.first in covered:
            continue
        if here != line:
            first = here  # a repeat within its section
        elif not _repeat_across_sections(doc, paragraph.text, headings, (section, first_section)):
            continue
        plain = strip_inline_markup(paragraph.text)
        found.append(
            Finding(
                _tail_span(doc, paragraph.first),
                f'this paragraph repeats the one on line {first} ("{quote(plain, 40)}");'
                " delete one of them",
            )
        )
    return sorted(found)


_NUMBER_PREFIX = re.compile(r"^\s*(\d+(?:\.\d+)*[.)、]|\d+(?:\.\d+)+|[一二三四五六七八九十]+、)")


def translated_repeat(doc: Document) -> Finding | None:
    """An article whose second half repeats the first in the other language: the same
    outline (heading levels and section numbers), one half's headings Chinese, the
    other's not. Only in an article (front matter): a README may be bilingual on
    purpose."""
    headings = doc.headings
    half = len(headings) // 2
    if doc.front_matter is None or half < 3 or len(headings) % 2:
        return None
    first, second = headings[:half], headings[half:]
    if [h.level for h in first] != [h.level for h in second]:
        return None
    numbers = [_NUMBER_PREFIX.match(strip_inline_markup(h.text)) for h in headings]
    if [n and n.group(1) for n in numbers[:half]] != [n and n.group(1) for n in numbers[half:]]:
        return None
    scripts = [any(is_cjk(ch) for ch in h.text) for h in headings]
    if len(set(scripts[:half])) != 1 or len(set(scripts[half:])) != 1 or scripts[0] == scripts[-1]:
        return None
    language, other = (_language(scripts[half], second), _language(scripts[0], first))
    start = second[0]
    return Finding(
        doc.line_span(start.line, 1),
        f"the article repeats from here in {language}: the same {half} headings as lines "
        f"{first[0].line}–{start.line - 1} in {other}; keep one language",
    )


def _language(cjk: bool, headings: list[Heading]) -> str:
    if cjk:
        return "Chinese"
    ascii_only = all(ch.isascii() for h in headings for ch in h.text if ch.isalpha())
    return "English" if ascii_only else "another language"


def _repeat_across_sections(
    doc: Document, text: str, headings: list[Heading], sections: tuple[int, int]
) -> bool:
    """Whether a paragraph repeated in another section counts. Only in an article (a
    document with front matter): reference documentation repeats notes under the
    headings of parallel functions or options on purpose ("On Linux, positional writes
    do not work…" under each write function), and not when the paragraph holds code or a
    link, or either heading holds code, or the two headings are the same."""
    if doc.front_matter is None or "`" in text or "](" in text:
        return False
    keys = [_heading_key(headings, section) for section in sections]
    return keys[0] != keys[1] and not any("`" in headings[s - 1].text for s in sections if s)


def _heading_key(headings: list[Heading], section: int) -> str:
    """The compared text of the heading that opens section ``section`` (0: none)."""
    return _key(headings[section - 1].text)[0] if section else ""


def _repeated_sections(doc: Document, minimum: int) -> list[tuple[int, int, int]]:
    """(heading line, last line, first occurrence's heading line) of sections whose
    heading and top-level paragraphs repeat an earlier section's under the same
    parent."""
    headings = doc.headings
    if len(headings) < 2:
        return []
    texts = _top_paragraphs(doc)
    keys = _paragraph_keys(doc, minimum)
    ends = [h.line - 1 for h in headings[1:]] + [len(doc.lines)]
    seen: dict[tuple[int, str], int] = {}
    repeated: list[tuple[int, int, int]] = []
    position = 0
    parents: list[tuple[int, int]] = []  # (level, line) of the open headings
    for heading, end in zip(headings, ends, strict=True):
        while parents and parents[-1][0] >= heading.level:
            parents.pop()
        parent = parents[-1][1] if parents else 0
        parents.append((heading.level, heading.line))
        while position < len(texts) and texts[position].first < heading.line:
            position += 1
        body = []
        weight = 0
        for number in range(position, len(texts)):
            if texts[number].first >= end:
                break
            compact, size = keys[number]
            body.append(compact)
            weight += size
        if not body or weight < minimum:
            continue
        key = "\n".join([_key(heading.text)[0], *body])
        first = seen.setdefault((parent, key), heading.line)
        if first != heading.line:
            last = end
            while last > heading.line and not doc.lines[last - 1].strip():
                last -= 1
            repeated.append((heading.line, last, first))
    return repeated
