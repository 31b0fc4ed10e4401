"""Inline suppressions: ``<!-- mdcheck-... -->`` comments, which never render.

- ``<!-- mdcheck-disable CODE[, CODE] -->`` … ``<!-- mdcheck-enable CODE -->``
- ``<!-- mdcheck-disable-next-line CODE -->`` (the next line that is not blank)
- ``<!-- mdcheck-disable-line CODE -->`` (the comment's own line)
- ``<!-- mdcheck-disable-file CODE -->``

Without codes a comment covers every rule. Codes may be given as codes, prefixes or rule
names. Comments inside code blocks are text, not suppressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mdcheck.diagnostic import Diagnostic, Span
from mdcheck.markdown.document import Document
from mdcheck.rules import match_selector
from mdcheck.rules.meta import UnknownSuppressionCode, UnusedSuppression
from mdcheck.util.lazyre import LazyPattern

# compiled on first use (mdcheck.util.lazyre): most documents hold no suppression comment
_COMMENT = LazyPattern(
    r"<!--\s*mdcheck-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<codes>(?:\s+[^\s>-][^>]*?)?)\s*-->"
)
_SPLIT = r"[\s,]+"


class Suppression:
    """One suppression comment and the lines it covers. (A plain class: a dataclass costs
    start-up time to create.)"""

    def __init__(
        self, kind: str, span: Span, selectors: tuple[str, ...], first_line: int, last_line: int
    ) -> None:
        self.kind = kind
        self.span = span
        self.selectors = selectors  # empty: every rule
        self.first_line = first_line
        self.last_line = last_line  # inclusive; updated by a matching enable comment
        self.used: set[str] = set()

    def covers(self, diagnostic: Diagnostic) -> str | None:
        """The selector that suppresses the diagnostic, "*" for all, or None."""
        if not self.first_line <= diagnostic.span.line <= self.last_line:
            return None
        if not self.selectors:
            return "*"
        for selector in self.selectors:
            if any(rule.code == diagnostic.code for rule in match_selector(selector)):
                return selector
        return None


def parse_suppressions(doc: Document) -> list[Suppression]:
    result: list[Suppression] = []
    open_ranges: list[Suppression] = []
    code_lines = doc.code_line_indexes
    hidden = doc.hidden_lines
    last = max(len(doc.lines), 1)
    for index, line in enumerate(doc.lines):
        if "mdcheck-" not in line or index in code_lines or index in hidden:
            continue
        examples = _inline_code(doc, index) if "`" in doc.text else []
        for match in _COMMENT.finditer(line):
            if any(match.group() in example for example in examples):
                continue  # a comment shown as inline code is an example, not a suppression
            kind = match.group("kind")
            selectors = tuple(s for s in re.split(_SPLIT, match.group("codes").strip()) if s)
            span = Span(index + 1, match.start() + 1, index + 1, match.end() + 1)
            if kind == "enable":
                _close(open_ranges, selectors, index + 1)
                continue
            if kind == "disable-file":
                first, stop = 1, last
            elif kind == "disable-line":
                first = stop = index + 1
            elif kind == "disable-next-line":
                target = _next_content_line(doc, index + 1)
                first = stop = target
            else:
                first, stop = index + 1, last
            suppression = Suppression(kind, span, selectors, first, stop)
            result.append(suppression)
            if kind == "disable":
                open_ranges.append(suppression)
    return result


def _inline_code(doc: Document, index: int) -> list[str]:
    """The code spans of the paragraph, heading or cell holding line ``index``."""
    for token in doc.tokens:
        if token.type == "inline" and token.map and token.map[0] <= index < token.map[1]:
            return [child.content for child in doc.inline(token) if child.type == "code_inline"]
    return []


def _close(open_ranges: list[Suppression], selectors: tuple[str, ...], line: int) -> None:
    for suppression in open_ranges[:]:
        if not selectors or set(suppression.selectors) <= set(selectors):
            suppression.last_line = line
            open_ranges.remove(suppression)


def _next_content_line(doc: Document, after_index: int) -> int:
    for index in range(after_index, len(doc.lines)):
        if doc.lines[index].strip():
            return index + 1
    return after_index + 1


def apply_suppressions(
    doc: Document, diagnostics: Iterable[Diagnostic], enabled_codes: frozenset[str]
) -> list[Diagnostic]:
    """Drop suppressed diagnostics; add MC001 / MC002 findings for the comments."""
    suppressions = parse_suppressions(doc)
    if not suppressions:
        return list(diagnostics)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        suppressed = False
        for suppression in suppressions:
            selector = suppression.covers(diagnostic)
            if selector is not None:
                suppression.used.add(selector)
                suppressed = True
        if not suppressed:
            kept.append(diagnostic)
    for suppression in suppressions:
        kept.extend(_comment_findings(doc, suppression, enabled_codes))
    return kept


def _comment_findings(
    doc: Document, suppression: Suppression, enabled_codes: frozenset[str]
) -> Iterable[Diagnostic]:
    unknown_rule = UnknownSuppressionCode()
    unused_rule = UnusedSuppression()
    for selector in suppression.selectors:
        if not match_selector(selector):
            if UnknownSuppressionCode.code in enabled_codes:
                yield unknown_rule.report(
                    doc,
                    suppression.span,
                    f"suppression names unknown code {selector!r} ('mdcheck rules' lists them)",
                )
            continue
        enabled = any(rule.code in enabled_codes for rule in match_selector(selector))
        reportable = UnusedSuppression.code in enabled_codes
        if enabled and reportable and selector not in suppression.used:
            yield unused_rule.report(
                doc,
                suppression.span,
                f"mdcheck-{suppression.kind} {selector} suppressed nothing; remove it",
            )
    if (
        not suppression.selectors
        and not suppression.used
        and UnusedSuppression.code in enabled_codes
    ):
        yield unused_rule.report(
            doc, suppression.span, f"mdcheck-{suppression.kind} suppressed nothing; remove it"
        )
