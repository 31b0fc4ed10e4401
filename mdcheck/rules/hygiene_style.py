"""Inline style rules (HY033, HY044, HY045, HY049, HY050, HY054): HTML, images without
alternative text, proper names, and which of two equivalent markups a document uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Span
from mdcheck.markdown.document import Document
from mdcheck.markdown.inlineindex import inline_index
from mdcheck.rules.base import Option, Rule
from mdcheck.rules.hygiene_inline import Pair, emphasis_runs, uses_both_markers
from mdcheck.util.lazyre import LazyPattern

_OPEN_TAG = LazyPattern(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_ALT = LazyPattern(r"\balt\s*=|\baria-hidden\s*=\s*[\"']?true", re.I)
_STYLE_SCHEMA = {"type": "string", "enum": ["consistent", "asterisk", "underscore"]}


class InlineHtml(Rule):
    """Raw HTML in Markdown: ``<br>``, ``<div align="center">``.

    **Why.** HTML ties the text to one renderer and is stripped by many (feeds, chat,
    some static-site themes). Off by default: documentation sites and READMEs use HTML on
    purpose (badges, centred logos, ``<details>``); enable it with
    ``extend-select = ["HY033"]``. Opening tags are reported, in paragraphs and in HTML
    blocks; comments are not.

    **Fix.** None automatic.

    **Options.** ``allowed-elements`` (default ``[]``): tag names not reported.
    """

    code = "HY033"
    name = "inline-html"
    summary = "Inline HTML used"
    enabled_by_default = False
    aliases = ("MD033", "no-inline-html")
    options = (
        Option(
            "allowed-elements",
            {"type": "array", "items": {"type": "string"}},
            [],
            "tag names that are not reported",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        allowed = {name.lower() for name in self.settings["allowed-elements"]}
        found = [(tag.line, tag.col, tag.name) for tag in inline_index(doc).tags if not tag.closing]
        tokens = doc.block_tokens
        for position in doc.positions_of("html_block"):
            token = tokens[position] or doc.block_token(position)
            if token.map is None:
                continue
            for index in range(token.map[0], token.map[1]):
                text = doc.lines[index]
                if "<!--" in text:
                    continue
                found.extend(
                    (index + 1, match.start() + 1, match.group(1).lower())
                    for match in _OPEN_TAG.finditer(text)
                )
        for number, col, name in sorted(found):
            if name in allowed:
                continue
            yield self.report(
                doc,
                Span(number, col, number, col + len(name) + 1),
                f"inline HTML <{name}>; use Markdown, or allow it with allowed-elements",
            )


class ImageAltText(Rule):
    """An image has no alternative text: ``![](chart.png)``, ``<img src="…">``.

    **Why.** Screen readers announce nothing useful, and the text is what shows when the
    image fails to load. An HTML image with ``aria-hidden="true"`` is not reported.

    **Fix.** None automatic: describe the image, ``![2024 年市场份额图](chart.png)``.
    """

    code = "HY045"
    name = "image-alt-text"
    summary = "Image has no alternative text"
    aliases = ("MD045", "no-alt-text")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        for link in index.links:
            if link.image and not link.text.strip():
                yield self.report(
                    doc,
                    Span(link.line, link.col, link.end_line, link.end_col),
                    "image has no alternative text; describe it between the brackets",
                )
        for tag in index.tags:
            if tag.name == "img" and not tag.closing and not _ALT.search(tag.attrs):
                yield self.report(
                    doc,
                    Span(tag.line, tag.col, tag.line, tag.col + 4),
                    'HTML image has no alt attribute; add alt="…"',
                )


class _MarkerStyle(Rule):
    """Shared by HY049 and HY050: one delimiter character for one kind of emphasis."""

    length = 1
    what = "emphasis"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        style = self.settings["style"]
        if style == "consistent" and not uses_both_markers(doc):
            return
        pairs = [p for p in emphasis_runs(doc) if p.length in (self.length, 3)]
        pairs = [p for p in pairs if not (p.space_after_open or p.space_before_close)]
        if not pairs:
            return
        wanted = {"asterisk": "*", "underscore": "_"}.get(style, pairs[0].char)
        for pair in pairs:
            if pair.char == wanted:
                continue
            yield self._finding(doc, pair, wanted)

    def _finding(self, doc: Document, pair: Pair, wanted: str) -> Diagnostic:
        base = doc.line_start(pair.segment.first + 1)
        size = self.length if pair.length != 3 else 3
        marker, new = pair.char * size, wanted * size
        open_at, close_at = base + pair.open_start, base + pair.close_start
        return self.report(
            doc,
            doc.span(open_at, close_at + pair.length),
            f"{self.what} written with {marker}; this document uses {new}",
            edits=[
                doc.edit(open_at, open_at + size, new),
                doc.edit(close_at, close_at + size, new),
            ],
            applicability=Applicability.UNSAFE,
            fix_description=f"use {new} for {self.what}",
        )


class EmphasisStyle(_MarkerStyle):
    """Emphasis is written with both ``*`` and ``_`` in one document.

    **Why.** The two render the same; mixing them is noise in diffs and reviews. With
    ``style = "consistent"`` (the default) the first emphasis decides.

    **Fix (unsafe).** Replace the markers.

    **Options.** ``style``: ``consistent`` (default), ``asterisk``, ``underscore``.
    """

    code = "HY049"
    name = "emphasis-style"
    summary = "Emphasis style is inconsistent"
    fixable = True
    aliases = ("MD049", "emphasis-style")
    options = (Option("style", _STYLE_SCHEMA, "consistent", "the delimiter to use"),)
    length = 1
    what = "emphasis"


class StrongStyle(_MarkerStyle):
    """Strong emphasis is written with both ``**`` and ``__`` in one document.

    **Why.** As for HY049: the two render the same.

    **Fix (unsafe).** Replace the markers.

    **Options.** ``style``: ``consistent`` (default), ``asterisk``, ``underscore``.
    """

    code = "HY050"
    name = "strong-style"
    summary = "Strong emphasis style is inconsistent"
    fixable = True
    aliases = ("MD050", "strong-style")
    options = (Option("style", _STYLE_SCHEMA, "consistent", "the delimiter to use"),)
    length = 2
    what = "strong emphasis"


class ProperNames(Rule):
    """A proper name is spelled with the wrong capitalisation: ``Javascript``, ``github``.

    **Why.** Names are part of the text's credibility. The rule checks only the names you
    list (none by default), as whole words, in prose and (with ``code-blocks``) in code.
    Link destinations, URLs and code spans are not checked.

    **Fix (unsafe).** Replace with the listed spelling.

    **Options.** ``names`` (default ``[]``), ``code-blocks`` (default true).
    """

    code = "HY044"
    name = "proper-names"
    summary = "Proper name has the wrong capitalisation"
    fixable = True
    aliases = ("MD044", "proper-names")
    options = (
        Option("names", {"type": "array", "items": {"type": "string"}}, [], "names to check"),
        Option("code-blocks", {"type": "boolean"}, True, "also check fenced and indented code"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        names = [name for name in self.settings["names"] if name.strip()]
        if not names:
            return
        names.sort(key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w.-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w-])",
            re.I,
        )
        spelled = {name.casefold(): name for name in names}
        texts = [(s.first, s.prose) for s in inline_index(doc).segments]
        if self.settings["code-blocks"]:
            texts += [
                (i, doc.lines[i]) for i in sorted(doc.code_line_indexes) if i < doc.line_count
            ]
        for first, text in texts:
            base = doc.line_start(first + 1)
            for match in pattern.finditer(text):
                right = spelled.get(match.group().casefold())
                if right is None or match.group() == right:
                    continue
                start = base + match.start()
                yield self.report(
                    doc,
                    doc.span(start, start + len(right)),
                    f"proper name {match.group()} should be written {right}",
                    edits=[doc.edit(start, start + len(right), right)],
                    applicability=Applicability.UNSAFE,
                    fix_description=f"write {right}",
                )


class LinkImageStyle(Rule):
    """A link or image uses a style the project has turned off.

    **Why.** Some projects want every link inline, or every one by reference. All styles
    are allowed by default, so the rule reports nothing until an option is set to false.

    **Fix.** None automatic.

    **Options.** ``autolink``, ``inline``, ``full``, ``collapsed``, ``shortcut``,
    ``url-inline`` (``[https://x](https://x)``): each default true.
    """

    code = "HY054"
    name = "link-image-style"
    summary = "Link or image style is not allowed"
    aliases = ("MD054", "link-image-style")
    options = tuple(
        Option(name, {"type": "boolean"}, True, f"allow {name} links and images")
        for name in ("autolink", "inline", "full", "collapsed", "shortcut", "url-inline")
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        settings = self.settings
        if all(settings[option.name] for option in self.options):
            return
        index = inline_index(doc)
        defined = {d.label.casefold() for d in index.definitions}
        for link in index.links:
            kind = link.kind
            if kind == "shortcut" and link.label.casefold() not in defined:
                continue
            if kind == "inline" and link.text == link.dest and not settings["url-inline"]:
                kind = "url-inline"
            if settings[kind]:
                continue
            yield self.report(
                doc,
                Span(link.line, link.col, link.end_line, link.end_col),
                f"{kind} {'image' if link.image else 'link'} style is not allowed here",
            )
        if not settings["autolink"]:
            for line, col, raw in index.autolinks:
                yield self.report(
                    doc,
                    Span(line, col, line, col + len(raw)),
                    "autolink style is not allowed here",
                )


RULES: tuple[type[Rule], ...] = (
    InlineHtml,
    ProperNames,
    ImageAltText,
    EmphasisStyle,
    StrongStyle,
    LinkImageStyle,
)
