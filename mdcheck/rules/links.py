"""Link rules (HY042, HY051-HY053, HY059, LK): links that lead nowhere.

All of them read the document's links, definitions and anchors from
:func:`mdcheck.markdown.inlineindex.inline_index`, computed once per document.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from mdcheck.diagnostic import Applicability, Diagnostic, Span
from mdcheck.markdown.anchors import heading_anchors
from mdcheck.markdown.document import Document
from mdcheck.markdown.inline import strip_inline_markup
from mdcheck.markdown.inlineindex import Link, inline_index, normalize_label
from mdcheck.rules.base import Option, Rule
from mdcheck.util.lazyre import LazyPattern

_LINE_FRAGMENT = LazyPattern(r"L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?\x00")
_SCHEME = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*:")
# extensions of pages a site generator renders from a source file of another name
_PAGE_EXTENSIONS = frozenset({"", ".html", ".htm", ".php", ".asp", ".aspx", ".xml"})


def unquote(text: str) -> str:
    """Percent-decoded text (urllib is imported only when a link has a % escape)."""
    if "%" not in text:
        return text
    from urllib.parse import unquote as decode

    return decode(text)


def _span(link: Link) -> Span:
    return Span(link.line, link.col, link.end_line, link.end_col)


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class EmptyLink(Rule):
    """A link has no destination: ``[text]()`` or ``[text](#)``.

    **Why.** The link renders as a link that goes nowhere (or to the top of the page);
    usually the URL was forgotten.

    **Example.** ``[官方文档]()``, ``[the guide](#)``.

    **Fix.** None automatic: add the destination, or remove the link markup.
    """

    code = "HY042"
    name = "empty-link"
    summary = "Link has no destination"
    aliases = ("MD042", "no-empty-links")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for link in inline_index(doc).links:
            if link.kind == "inline" and not link.image and link.dest.strip() in ("", "#"):
                yield self.report(
                    doc,
                    _span(link),
                    f"link [{_shown(link.text)}] has no destination; add the URL or "
                    "remove the link markup",
                )


class LinkFragment(Rule):
    """A ``#fragment`` link names no heading or anchor of this document.

    **Why.** The link jumps nowhere: the heading was renamed or removed, or the fragment
    was typed by hand. Anchors follow GitHub's rules: the heading's text lower-cased,
    punctuation dropped (full-width ``：。`` too), spaces turned into ``-``, repeats
    numbered ``-1``, ``-2``; Chinese characters are kept as they are. A heading's
    ``{#custom-id}``, an HTML ``id`` or ``<a name>``, ``#top`` and GitHub's line
    fragments (``#L20``, ``#L19C5-L21C11``) are anchors too.

    **Example.** ``[见下文](#技术现状)`` when the heading is ``## 技术发展现状``.

    **Fix.** None automatic: point the link at an existing heading's anchor.

    By default a fragment also matches when its letters and digits, ignoring case, are
    those of a heading's anchor: site generators make anchors their own way (Hexo keeps
    the case and turns ``.`` into ``-``: ``#Required-Node-js-version``), and such a link
    works there. ``strict = true`` asks for GitHub's anchor exactly, as markdownlint does.

    **Options.** ``strict`` (default false): only GitHub's exact anchors match;
    ``ignore-case`` (default false, with ``strict``): compare ignoring case.
    """

    code = "HY051"
    name = "link-fragment"
    summary = "Link fragment matches no heading"
    aliases = ("MD051", "link-fragments")
    options = (
        Option("strict", {"type": "boolean"}, False, "match GitHub's exact anchors only"),
        Option("ignore-case", {"type": "boolean"}, False, "compare fragments ignoring case"),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        targets = [(link.dest, _span(link)) for link in index.links if link.kind == "inline"]
        targets += [
            (d.dest, Span(d.line, d.col, d.line, d.col + len(d.label) + 2))
            for d in index.definitions
        ]
        targets = [(dest, span) for dest, span in targets if dest.startswith("#") and dest != "#"]
        if not targets:
            return
        anchors = heading_anchors(doc) | index.anchors
        strict = bool(self.settings["strict"])
        fold = bool(self.settings["ignore-case"])
        if fold:
            anchors = {anchor.casefold() for anchor in anchors}
        loose = set() if strict else {_loose(anchor) for anchor in anchors}
        for dest, span in targets:
            fragment = unquote(dest[1:])
            wanted = fragment.casefold() if fold else fragment
            if wanted in anchors or fragment == "top" or _LINE_FRAGMENT.match(fragment + "\x00"):
                continue
            if not strict and _loose(fragment) in loose:
                continue
            yield self.report(
                doc, span, f"link fragment #{_shown(fragment)} matches no heading or anchor"
            )


def _loose(anchor: str) -> str:
    return "".join(char for char in anchor.casefold() if char.isalnum())


class ReferenceUndefined(Rule):
    """A reference link or image uses a label that no definition defines.

    **Why.** ``[text][label]`` with no ``[label]: url`` anywhere renders as the literal
    brackets. Full (``[text][label]``) and collapsed (``[label][]``) references are
    checked; shortcut references (``[label]``) only with ``shortcut-syntax``, since
    ordinary bracketed text looks the same.

    Nothing is reported in a document whose definitions are written by template tags
    (``[#{{ issue }}]: …`` in a Liquid loop).

    **Example.** ``详见 [报告][report2024]`` without a ``[report2024]: …`` line.

    **Fix.** None automatic: add the definition or correct the label.

    **Options.** ``shortcut-syntax`` (default false); ``ignored-labels`` (default
    ``["x"]``, the task-list box).
    """

    code = "HY052"
    name = "reference-undefined"
    summary = "Reference link label is not defined"
    aliases = ("MD052", "reference-links-images")
    options = (
        Option("shortcut-syntax", {"type": "boolean"}, False, "also check [label] references"),
        Option(
            "ignored-labels",
            {"type": "array", "items": {"type": "string"}},
            ["x"],
            "labels never reported",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        kinds = {"full", "collapsed"}
        if self.settings["shortcut-syntax"]:
            kinds.add("shortcut")
        links = [link for link in index.links if link.kind in kinds]
        if not links:
            return
        defined = {normalize_label(d.label) for d in index.definitions}
        if any("{{" in label or "{%" in label for label in defined):
            return  # definitions made by a template loop: their labels are not known
        ignored = {normalize_label(label) for label in self.settings["ignored-labels"]}
        for link in links:
            label = normalize_label(link.label)
            if not label or label in defined or label in ignored or label.startswith("^"):
                continue
            yield self.report(
                doc,
                _span(link),
                f"reference [{_shown(link.label)}] is not defined; add a "
                f"[{_shown(link.label)}]: URL line or correct the label",
            )


class ReferenceDefinitionUnused(Rule):
    """A link reference definition is never used, or defines a label a second time.

    **Why.** An unused ``[label]: url`` line is dead weight, often left behind when a
    link was removed; a repeated label is ignored (the first definition wins), so one of
    the two links points somewhere the author did not mean. ``[//]: # (…)``, a common way
    to write a comment, is not reported.

    **Fix (unsafe: a line is deleted).** An unused definition that is a line of its own
    is deleted; a repeated one is left for you to resolve.

    **Options.** ``ignored-definitions`` (default ``["//"]``).
    """

    code = "HY053"
    name = "reference-definition-unused"
    summary = "Link reference definition is unused or repeated"
    fixable = True
    aliases = ("MD053", "link-image-reference-definitions")
    options = (
        Option(
            "ignored-definitions",
            {"type": "array", "items": {"type": "string"}},
            ["//"],
            "definition labels never reported",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        if not index.definitions:
            return
        used = {normalize_label(link.label) for link in index.links if link.kind != "inline"}
        ignored = {normalize_label(label) for label in self.settings["ignored-definitions"]}
        seen: set[str] = set()
        for definition in index.definitions:
            label = normalize_label(definition.label)
            span = Span(
                definition.line,
                definition.col,
                definition.line,
                definition.col + len(definition.label) + 2,
            )
            if label in ignored:
                continue
            if label in seen:
                yield self.report(
                    doc,
                    span,
                    f"reference [{_shown(definition.label)}] is defined again; the first "
                    "definition wins, remove or rename this one",
                )
                continue
            seen.add(label)
            if label in used:
                continue
            line_text = doc.lines[definition.line - 1]
            whole_line = line_text.strip().startswith("[") and definition.col <= 4
            edits = [doc.delete_lines(definition.line, definition.line)] if whole_line else []
            yield self.report(
                doc,
                span,
                f"reference definition [{_shown(definition.label)}] is never used"
                + (" (fix: --fix --unsafe-fixes deletes it)" if edits else ""),
                edits=edits,
                applicability=Applicability.UNSAFE,
                fix_description="delete the unused definition",
            )


class LinkTextNotDescriptive(Rule):
    """A link's whole text is a generic phrase such as "click here" or "更多".

    **Why.** Screen-reader users jump from link to link; "here" or "链接" tells them
    nothing about where it leads. Say what the link opens: ``see [the install guide](…)``.
    Only inline links are checked (as markdownlint does).

    **Fix.** None automatic: rewrite the text.

    **Options.** ``prohibited-texts`` (default: click here, here, link, more, and the
    Chinese 点击这里, 点击此处, 这里, 此处, 链接, 更多).
    """

    code = "HY059"
    name = "link-text-not-descriptive"
    summary = "Link text is not descriptive"
    aliases = ("MD059", "descriptive-link-text")
    options = (
        Option(
            "prohibited-texts",
            {"type": "array", "items": {"type": "string"}},
            [
                "click here",
                "here",
                "link",
                "more",
                "点击这里",
                "点击此处",
                "这里",
                "此处",
                "链接",
                "更多",
            ],
            "link texts reported (compared ignoring case, punctuation and spacing)",
        ),
    )

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        banned = {_plain_words(text) for text in self.settings["prohibited-texts"]}
        for link in inline_index(doc).links:
            if link.image or link.kind != "inline" or "![" in link.text:
                continue
            if _plain_words(link.text) in banned:
                yield self.report(
                    doc,
                    _span(link),
                    f"link text [{_shown(link.text)}] does not say where the link leads; "
                    "describe its target",
                )


def _plain_words(text: str) -> str:
    plain = strip_inline_markup(text).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


class LinkTargetMissing(Rule):
    """A relative link or image points at a file that does not exist.

    **Why.** The image does not show, the link gives a 404. Checked offline, against the
    files next to the Markdown file: images always, links when they name a file with an
    extension (``guide.md``, ``report.pdf``). Links to rendered pages (``…/``, ``.html``,
    no extension) are not checked, since a site generator makes those from other files.
    Absolute paths (``/img/…``),
    URLs and template tags are not checked. Off when reading standard input.

    **Example.** ``![架构图](images/arch.png)`` with no ``images/arch.png`` beside the file.

    **Fix.** None automatic: correct the path or add the file.
    """

    code = "LK001"
    name = "link-target-missing"
    summary = "Relative link or image target does not exist"
    reads_files = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.path == "-" or not os.path.isfile(doc.path):
            return
        index = inline_index(doc)
        defined = {normalize_label(d.label): d.dest for d in index.definitions}
        folder = os.path.dirname(os.path.abspath(doc.path))
        consulted = doc.memo("files-consulted", list)
        for link in index.links:
            dest = link.dest if link.kind == "inline" else defined.get(normalize_label(link.label))
            if not dest:
                continue
            target = _local_target(dest, image=link.image)
            if target is None:
                continue
            path = os.path.normpath(os.path.join(folder, target))
            consulted.append(path)
            if os.path.exists(path):
                continue
            kind = "image" if link.image else "link"
            yield self.report(
                doc,
                _span(link),
                f"{kind} target {_shown(target)} does not exist (relative to this file's folder)",
            )


def _local_target(dest: str, *, image: bool) -> str | None:
    """The file path a destination names, or None when it is not a local file to check."""
    dest = dest.strip()
    if not dest or dest.startswith(("#", "/", "\\", "?")) or _SCHEME.match(dest):
        return None
    if "{" in dest or "%}" in dest or " " in dest.strip():
        return None
    path = unquote(dest.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    extension = os.path.splitext(path.rstrip("/"))[1].lower()
    if not image and (path.endswith("/") or extension in _PAGE_EXTENSIONS):
        return None
    return path


class FootnoteUndefined(Rule):
    """A footnote reference ``[^label]`` has no ``[^label]: …`` definition.

    **Why.** The reference renders as the literal text ``[^1]``.

    **Fix.** None automatic: add the definition or remove the reference.
    """

    code = "LK002"
    name = "footnote-undefined"
    summary = "Footnote reference has no definition"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        defined = {normalize_label(d.label) for d in index.footnote_definitions}
        for link in index.links:
            if link.kind != "shortcut" or not link.label.startswith("^") or link.image:
                continue
            label = normalize_label(link.label[1:])
            if label and label not in defined:
                yield self.report(
                    doc,
                    _span(link),
                    f"footnote [{_shown(link.label)}] is not defined; add a "
                    f"[{_shown(link.label)}]: … line",
                )


class FootnoteUnused(Rule):
    """A footnote definition ``[^label]: …`` is never referenced.

    **Why.** An unreferenced footnote is not shown by renderers that support footnotes;
    usually its reference was deleted with the sentence that held it.

    **Fix.** None automatic: reference it or delete it.
    """

    code = "LK003"
    name = "footnote-unused"
    summary = "Footnote definition is never referenced"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        index = inline_index(doc)
        if not index.footnote_definitions:
            return
        used = {
            normalize_label(link.label[1:])
            for link in index.links
            if link.kind == "shortcut" and link.label.startswith("^")
        }
        for definition in index.footnote_definitions:
            if normalize_label(definition.label) not in used:
                yield self.report(
                    doc,
                    Span(
                        definition.line,
                        definition.col,
                        definition.line,
                        definition.col + len(definition.label) + 3,
                    ),
                    f"footnote [^{_shown(definition.label)}] is never referenced",
                )


RULES: tuple[type[Rule], ...] = (
    EmptyLink,
    LinkFragment,
    ReferenceUndefined,
    ReferenceDefinitionUnused,
    LinkTextNotDescriptive,
    LinkTargetMissing,
    FootnoteUndefined,
    FootnoteUnused,
)
