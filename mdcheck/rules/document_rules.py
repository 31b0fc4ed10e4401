"""Whole-document rules (DOC): properties of the file as text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Severity, Span
from mdcheck.markdown.blocklines import heading_level, is_underline
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import code_span_ranges
from mdcheck.rules.base import Option, Rule
from mdcheck.util.lazyre import LazyPattern


class FinalNewline(Rule):
    """The file does not end with a line ending.

    **Why.** POSIX tools treat a last line without a newline as incomplete: ``cat`` glues
    the next file onto it, ``wc -l`` under-counts, and diffs show "No newline at end of
    file" noise. Generated articles frequently lack it.

    **Example.** A file whose last bytes are ``…全新篇章！`` with nothing after them.

    **Fix (safe).** Append one line ending, in the file's own style (``\\r\\n`` for a CRLF
    file). An empty file is left alone.
    """

    code = "DOC001"
    name = "final-newline"
    aliases = ("MD047", "single-trailing-newline")
    summary = "File does not end with a newline"
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not doc.lines or doc.eols[-1]:
            return
        line = len(doc.lines)
        col = len(doc.lines[-1]) + 1
        end = len(doc.text)
        yield self.report(
            doc,
            Span(line, col, line, col),
            "file does not end with a newline (fix: --fix adds one)",
            edits=[doc.edit(end, end, doc.dominant_eol)],
            fix_description="add a final newline",
        )


_HIDDEN_CHARS = (
    "[\u200b\u200c\u200d\u2060-\u2064\ufeff\u00ad\u00a0\u2028\u2029"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_HIDDEN = LazyPattern(_HIDDEN_CHARS + "+")
# The same characters one at a time: the regex engine scans a text for a bare character
# class about three times faster than for a repeated one.
_ANY_HIDDEN = re.compile(_HIDDEN_CHARS)
_NAMES = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u00a0": "no-break space",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
_REPLACEMENTS = {"\u00a0": " ", "\u2028": " ", "\u2029": " "}
# What may come before a run of hidden characters that sits in a line's layout: indentation,
# quote markers, and a heading or list marker (the hidden characters themselves removed).
_MARKUP_BEFORE = LazyPattern(r"[ \t]*(?:>[ \t]*)*(?:(?:#{1,6}|[-*+]|\d{1,9}[.)])[ \t]*)?$")
_BLOCK_PREFIX = LazyPattern(
    r"^[ \t\u00a0]*(?:(?:>[ \t\u00a0]*)+|(?:#{1,6}|[-*+]|\d{1,9}[.)])[ \t\u00a0]+)?"
)


def _char_name(char: str) -> str:
    if char in _NAMES:
        return _NAMES[char]
    return "control character" if ord(char) < 0xA0 else "invisible operator"


def _is_emoji(char: str) -> bool:
    code = ord(char)
    return (
        code >= 0x1F000
        or 0x2190 <= code <= 0x2BFF
        or code in (0xFE0F, 0x20E3, 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139)
        or 0xE0020 <= code <= 0xE007F
    )


def _is_joining_letter(char: str) -> bool:
    """Letters of scripts that use ZWJ/ZWNJ in ordinary spelling (Arabic, Indic, …)."""
    code = ord(char)
    return (
        0x0600 <= code <= 0x08FF  # Arabic, Syriac, Thaana, NKo, Arabic supplements
        or 0x0900 <= code <= 0x0DFF  # Devanagari … Sinhala
        or 0x0F00 <= code <= 0x109F  # Tibetan, Myanmar
        or 0x1780 <= code <= 0x18AF  # Khmer, Mongolian
        or 0xA8E0 <= code <= 0xA8FF
        or 0xFB1D <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFC
    )


def _runs(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Maximal runs of one character within ``line[start:end]``."""
    position = start
    while position < end:
        stop = position
        while stop < end and line[stop] == line[position]:
            stop += 1
        yield position, stop
        position = stop


class HiddenCharacters(Rule):
    """Invisible or control characters hide in the text.

    **Why.** Generated and copy-pasted text often carries characters nobody can see:
    zero-width spaces, joiners and non-joiners, word joiners, a byte-order mark in the
    middle of the file, soft hyphens, C0/C1 control characters (tab excepted), Unicode
    line and paragraph separators, and no-break spaces where a space was meant. A form
    feed inside a code block (a page break in quoted plain text) is left alone. They
    break search, anchors and links, table and heading syntax (``#\\u00a0Title`` is no
    heading) and commands copied from code blocks.

    Not reported: a zero-width joiner inside an emoji sequence (👩‍💻), a zero-width
    joiner or non-joiner between letters of scripts that spell with them (Persian,
    Arabic, Indic scripts), and, with the default ``nbsp = "markup"``, a no-break space
    between words (French ``« texte »``, ``10 km``); one is reported only where it
    replaces Markdown whitespace: in the indentation, after a heading, list or quote
    marker, next to a space, tab or table pipe, at the end of a line, or inside code
    (where whitespace is syntax). ``nbsp = "all"`` reports every one, ``"ignore"``
    none.

    **Example.** ``## 1.1\\u200b技术发展现状`` or a table cell ``| GPU\\u00a0 |``.

    **Fix.** Remove the characters; in running text a no-break space or a line or
    paragraph separator becomes a plain space. Where spaces are Markdown syntax the fix
    keeps the layout: in a line's indentation, after a quote, heading or list marker and
    at the end of a line the characters are removed, and one space is put right after a
    marker (``#\u00a0Title`` becomes ``# Title``). The fix is unsafe where the character
    may be deliberate (inside code blocks and code spans) and where removing it would
    change the document's structure: a line left blank inside a paragraph, table or list;
    text moving to another indentation (which can make an indented code block); a marker
    left alone on its line; two spaces or a backslash left at the end of a line (a hard
    line break). Like every safe fix, it is checked on the fixed text: where the page
    would render with another structure (``#\u00a0Title`` becoming a heading, text
    becoming an HTML tag, a list or a fence), the fix is unsafe and the message says what
    would change.
    """

    code = "DOC002"
    name = "hidden-characters"
    summary = "Invisible or control characters in the text"
    fixable = True
    options = (
        Option(
            "nbsp",
            {"enum": ["markup", "all", "ignore"]},
            "markup",
            "Which no-break spaces to report: markup (where Markdown whitespace was meant), "
            "all, or ignore.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not _ANY_HIDDEN.search(doc.text):  # most files: no per-line work at all
            return
        code_lines = doc.code_line_indexes
        places = _places(doc)
        for index in _lines_with_hidden(doc):
            line = doc.lines[index]
            blank = not _HIDDEN.sub("", line).strip(" \t")  # only hidden characters on it
            splits = blank and _fix_splits_block(doc, index)
            spans = [] if index in code_lines else code_span_ranges(line)
            prefix_end = _BLOCK_PREFIX.match(line)
            markup_end = prefix_end.end() if prefix_end else 0
            for match in _HIDDEN.finditer(line):
                for start, end in _runs(line, match.start(), match.end()):
                    in_code = index in code_lines or any(a <= start < b for a, b in spans)
                    if in_code and line[start] == "\f":
                        continue  # a page break in quoted plain text (licences) is deliberate
                    if not self._reported(line, start, end, markup_end, in_code=in_code):
                        continue
                    place = "in code" if in_code else places.get(index, "")
                    replacement, caveat = _plan_fix(line, start, end, blank=blank)
                    if splits:
                        caveat = "the line would become blank, which changes the block around it"
                    yield self._finding(
                        doc, index + 1, start, end, place, replacement=replacement, caveat=caveat
                    )

    def _reported(
        self, line: str, start: int, stop: int, markup_end: int, *, in_code: bool
    ) -> bool:
        char = line[start]
        before = line[start - 1] if start > 0 else ""
        after = line[stop] if stop < len(line) else ""
        if char == "\u200d" and before and after and _is_emoji(before) and _is_emoji(after):
            return False
        joined = bool(before and after) and _is_joining_letter(before) and _is_joining_letter(after)
        if char in "\u200c\u200d" and joined:
            return False
        if char != "\u00a0":
            return True
        mode = self.settings["nbsp"]
        if mode != "markup":
            return bool(mode == "all")
        spaced = (bool(before) and before in " \t|") or (bool(after) and after in " \t|")
        return in_code or start < markup_end or stop == len(line) or spaced

    def _finding(
        self,
        doc: Document,
        line_no: int,
        start: int,
        end: int,
        place: str,
        *,
        replacement: str,
        caveat: str,
    ) -> Diagnostic:
        char = doc.lines[line_no - 1][start]
        name = _char_name(char)
        count = end - start
        plural = "es" if name.endswith("s") else "s"
        what = f"{count} {name}{plural}" if count > 1 else name
        where = f" {place}" if place else ""
        it = "them" if count > 1 else "it"
        spaces = "spaces" if len(replacement) > 1 else "a space"
        action = f"replace {it} with {spaces}" if replacement else f"remove {it}"
        why = (
            "where a space was meant"
            if char == "\u00a0"
            else f"{'are' if count > 1 else 'is'} invisible"
        )
        unsafe = place == "in code" or bool(caveat)
        offset = doc.offset(line_no, start + 1)
        return self.report(
            doc,
            doc.line_span(line_no, start + 1, end + 1),
            f"{what} (U+{ord(char):04X}){where} {why}; {action} "
            f"(fix: {'--unsafe-fixes' if unsafe else '--fix'}{': ' + caveat if caveat else ''})",
            edits=[doc.edit(offset, offset + count, replacement)],
            applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE,
            fix_description=f"{action.split(maxsplit=1)[0]} the {name}",
        )


def _plan_fix(line: str, start: int, end: int, *, blank: bool) -> tuple[str, str]:
    """The replacement for the run ``line[start:end]`` and, when the fix would change the
    line's layout, why (the fix is then unsafe); ``blank``: the line has nothing else.

    To Markdown these characters are text, not whitespace. In the middle of a line a
    no-break space (or a line or paragraph separator) becomes a plain space per character
    and anything else goes. In the line's layout (before any text: indentation, quote,
    heading and list markers) and at its end, spaces are syntax: there the run is removed,
    or becomes one space right after a marker (``#\\u00a0Title`` becomes a heading), and a
    fix that would widen the whitespace around it (an indented code block, a list item's
    content, a hard line break) is unsafe.
    """
    spaced = line[start] in _REPLACEMENTS
    before, after = line[:start], line[end:]
    if blank:
        return "", ""  # whether the blank line splits a block is told from its neighbours
    layout = _HIDDEN.sub("", before)
    if _MARKUP_BEFORE.match(layout):
        marker = bool(layout) and layout[-1] not in " \t"
        replacement = " " if spaced and marker else ""
        if not _HIDDEN.sub("", after).strip(" \t"):
            return replacement, "nothing follows it on the line, so the block would change"
        if after[:1] in (" ", "\t"):
            return replacement, "the text after it would move, changing the line's indentation"
        return replacement, ""
    if not after.strip(" \t"):  # at the end of the line: two spaces or a backslash break it
        breaks = _end_spaces(after) >= 2
        if (_end_spaces(before + after) >= 2) != breaks or (before.endswith("\\") and not after):
            return "", "the whitespace at the end of the line would make a line break"
        return "", ""
    return (" " * (end - start) if spaced else ""), ""


def _end_spaces(text: str) -> int:
    return len(text) - len(text.rstrip(" "))


def _fix_splits_block(doc: Document, index: int) -> bool:
    """Whether removing the hidden characters of blank-looking line ``index`` changes the
    block around it: between two lines of a block (a paragraph, a table, a list item) the
    blank line would split it; next to a table row, the table would lose a row; above a
    setext underline, an invisible heading would become a break or a paragraph. At the
    edge of a paragraph the line only goes; ATX headings are blocks of their own."""
    lines = doc.lines
    above = lines[index - 1].strip(" \t") if index > 0 else ""
    below = lines[index + 1].strip(" \t") if index + 1 < len(lines) else ""
    joined = [text for text in (above, below) if text and not heading_level(text)]
    return len(joined) == 2 or any("|" in text for text in joined) or is_underline(below)


def _lines_with_hidden(doc: Document) -> list[int]:
    """0-based indexes of the lines with a hidden character, in order (the characters
    include no line break, so each match lies on one line)."""
    lines = {doc.position(match.start())[0] - 1 for match in _HIDDEN.finditer(doc.text)}
    return sorted(lines)


def _places(doc: Document) -> dict[int, str]:
    """0-based line index -> "in a heading" / "in a table" / "in the front matter"."""
    places: dict[int, str] = {}
    if doc.front_matter is not None:
        for index in range(doc.front_matter.start_index, doc.front_matter.end_index + 1):
            places[index] = "in the front matter"
    for heading in doc.headings:
        places[heading.line - 1] = "in a heading"
    for position in doc.positions_of("table_open"):
        table_map = doc.block_token(position).map
        if table_map is not None:
            for index in range(*table_map):
                places[index] = "in a table"
    return places


_EOL_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
_EOL_STYLES = {"lf": "\n", "crlf": "\r\n"}


class LineEndings(Rule):
    """Line endings are mixed within the file (or differ from the configured style).

    **Why.** A file with both ``\\n`` and ``\\r\\n`` endings produces noisy diffs, confuses
    tools that split on one of them, and usually means parts were pasted from elsewhere.

    **Example.** A LF file with three lines ending in CRLF.

    **Fix (safe).** Convert the minority endings to the file's majority ending (LF wins a
    tie), or, with ``line-ending = "lf"`` or ``"crlf"``, every ending to that style.
    """

    code = "DOC003"
    name = "line-endings"
    summary = "Mixed line endings"
    fixable = True
    options = (
        Option(
            "line-ending",
            {"enum": ["consistent", "lf", "crlf"]},
            "consistent",
            "Required style: consistent (the file's majority ending), lf or crlf.",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["line-ending"]
        present = _line_endings_present(doc.text)
        if len(present) <= 1 and (style not in _EOL_STYLES or present <= {_EOL_STYLES[style]}):
            return  # one kind of line ending, the wanted one: no need to look at each line
        target = _EOL_STYLES.get(style, doc.dominant_eol)
        wrong = [i for i, eol in enumerate(doc.eols) if eol and eol != target]
        if not wrong:
            return
        counts: dict[str, int] = {}
        for index in wrong:
            name = _EOL_NAMES[doc.eols[index]]
            counts[name] = counts.get(name, 0) + 1
        kinds = " or ".join(sorted(counts))
        total = sum(1 for eol in doc.eols if eol)
        verb, it = ("is", "it") if len(wrong) == 1 else ("are", "them")
        first = wrong[0]
        edits = []
        for index in wrong:
            start = doc.line_start(index + 1) + len(doc.lines[index])
            edits.append(doc.edit(start, start + len(doc.eols[index]), target))
        goal = "the configured" if style in _EOL_STYLES else "the file's usual"
        start = doc.line_start(first + 1) + len(doc.lines[first])
        yield self.report(
            doc,
            doc.span(start, start + len(doc.eols[first])),
            f"{len(wrong)} of {total} line endings {verb} {kinds}, not {goal} "
            f"{_EOL_NAMES[target]} (first on line {first + 1}); convert {it} (fix: --fix)",
            edits=edits,
            fix_description=f"convert line endings to {_EOL_NAMES[target]}",
        )


def _line_endings_present(text: str) -> set[str]:
    """The kinds of line ending in ``text``, counted without splitting it into lines."""
    if "\r" not in text:  # the usual case, told by one scan
        return {"\n"} if "\n" in text else set()
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\r": text.count("\r") - crlf, "\n": text.count("\n") - crlf}
    return {eol for eol, count in counts.items() if count}


RULES: tuple[type[Rule], ...] = (FinalNewline, HiddenCharacters, LineEndings)
