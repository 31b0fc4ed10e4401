"""markdownlint's inline comments, honoured for the rules that answer to its codes.

- ``<!-- markdownlint-disable [NAMES] -->`` … ``<!-- markdownlint-enable [NAMES] -->``:
  from the comment's own line on
- ``<!-- markdownlint-disable-line [NAMES] -->``, ``<!-- markdownlint-disable-next-line
  [NAMES] -->``: that line, or the line right after it
- ``<!-- markdownlint-capture -->`` … ``<!-- markdownlint-restore -->``: save and restore
  what is on and off
- ``<!-- markdownlint-disable-file [NAMES] -->``, ``<!-- markdownlint-enable-file [NAMES]
  -->``: the whole file, whichever comes last
- ``<!-- markdownlint-configure-file { JSON } -->``: markdownlint configuration for this
  file (rules on and off, parameters), on top of the file's settings

NAMES are markdownlint codes, aliases or tags, separated by spaces, in any case. Without
names a comment covers every rule that answers to a markdownlint code (and no other
mdcheck rule: the comment was written for markdownlint). As in markdownlint, the comment
must end on its own line (``configure-file`` may span lines). Comments inside code blocks
and code spans are text. A name markdownlint does not know is reported as MC001; these
comments are not reported as unused (MC002), since mdcheck may find less than markdownlint
on their lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from mdcheck.config import FileSettings
from mdcheck.config.markdownlint import markdownlint_rules, translate
from mdcheck.diagnostic import Diagnostic, Severity, Span
from mdcheck.errors import ConfigError
from mdcheck.markdown.document import Document
from mdcheck.rules import ALL_RULES, rules_for_markdownlint
from mdcheck.rules.markdownlint_names import markdownlint_codes
from mdcheck.rules.meta import UnknownSuppressionCode
from mdcheck.util.lazyre import LazyPattern

_COMMENT = LazyPattern(
    r"<!--\s*markdownlint-(?P<kind>disable-next-line|disable-line|disable-file|enable-file"
    r"|disable|enable|capture|restore|configure-file)(?=\s|-->)",
    re.IGNORECASE,
)
_CODE_SPAN = LazyPattern(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_CONFIGURE = LazyPattern(r"<!--\s*markdownlint-configure-file(?=\s|-->)", re.IGNORECASE)


class _Comment:
    def __init__(self, kind: str, line: int, column: int, end: int, names: list[str]) -> None:
        self.kind = kind
        self.line = line  # 1-based
        self.span = Span(line, column, line, end)
        self.names = names


def _comments(doc: Document) -> list[_Comment]:
    found: list[_Comment] = []
    skip = doc.code_line_indexes | doc.hidden_lines
    for index, raw in enumerate(doc.lines):
        if "markdownlint-" not in raw or index in skip:
            continue
        line = raw
        if "`" in line:  # a comment shown as inline code is an example, not a comment
            line = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _COMMENT.finditer(line):
            close = line.find("-->", match.end())
            if close == -1:
                continue  # markdownlint reads only comments that end on their line
            kind = match.group("kind").lower()
            names = line[match.end() : close].split()
            found.append(_Comment(kind, index + 1, match.start() + 1, close + 4, names))
    return found


def apply_markdownlint_comments(
    doc: Document, diagnostics: Iterable[Diagnostic], enabled_codes: frozenset[str]
) -> list[Diagnostic]:
    """Drop the diagnostics markdownlint comments turn off; MC001 for unknown names."""
    comments = [c for c in _comments(doc) if c.kind != "configure-file"]
    kept = list(diagnostics)
    if not comments:
        return kept
    universe = frozenset(rule.code for rule in markdownlint_rules())
    problems: list[Diagnostic] = []

    def resolve(comment: _Comment) -> frozenset[str]:
        if not comment.names:
            return universe
        codes: set[str] = set()
        for name in comment.names:
            if not markdownlint_codes(name) and UnknownSuppressionCode.code in enabled_codes:
                problems.append(
                    UnknownSuppressionCode().report(
                        doc,
                        comment.span,
                        f"markdownlint-{comment.kind} names {name!r}, which is no markdownlint"
                        " rule, alias or tag",
                    )
                )
            codes.update(rule.code for rule in rules_for_markdownlint(name))
        return frozenset(codes)

    names = {id(comment): resolve(comment) for comment in comments}
    disabled: frozenset[str] = frozenset()  # the file-wide state, as markdownlint applies it
    for comment in comments:
        if comment.kind == "disable-file":
            disabled |= names[id(comment)]
        elif comment.kind == "enable-file":
            disabled -= names[id(comment)]
    changes: list[tuple[int, frozenset[str]]] = [(1, disabled)]  # (from line, disabled)
    captured = disabled
    for comment in comments:
        if comment.kind == "capture":
            captured = disabled
        elif comment.kind == "restore":
            disabled = captured
        elif comment.kind == "disable":
            disabled |= names[id(comment)]
        elif comment.kind == "enable":
            disabled -= names[id(comment)]
        else:
            continue
        if changes[-1][0] == comment.line:
            changes[-1] = (comment.line, disabled)
        else:
            changes.append((comment.line, disabled))
    per_line: dict[int, frozenset[str]] = {}
    for comment in comments:
        if comment.kind in ("disable-line", "disable-next-line"):
            line = comment.line + (comment.kind == "disable-next-line")
            per_line[line] = per_line.get(line, frozenset()) | names[id(comment)]

    def state_at(line: int) -> frozenset[str]:
        current = changes[0][1]
        for start, value in changes:
            if start > line:
                break
            current = value
        return current | per_line.get(line, frozenset())

    result = [d for d in kept if d.code not in universe or d.code not in state_at(d.span.line)]
    return result + problems


def configure_file(doc: Document, settings: FileSettings) -> tuple[FileSettings, list[Diagnostic]]:
    """The file's settings after its ``markdownlint-configure-file`` comments."""
    problems: list[Diagnostic] = []
    for line_index, column, data in _configure_comments(doc):
        span = Span(line_index + 1, column + 1, line_index + 1, column + 1)
        if isinstance(data, str):
            problems.append(_problem(doc, span, data))
            continue
        translation = translate(data, full=False)
        for problem in translation.problems:
            problems.append(_problem(doc, span, problem))
        try:
            settings = _merge(
                settings, translation.enabled, translation.options, translation.severity
            )
        except ConfigError as exc:
            problems.append(_problem(doc, span, str(exc)))
    return settings, problems


def _problem(doc: Document, span: Span, message: str) -> Diagnostic:
    return UnknownSuppressionCode().report(doc, span, f"markdownlint-configure-file: {message}")


def _configure_comments(doc: Document) -> Iterator[tuple[int, int, Mapping[str, Any] | str]]:
    text = doc.text
    skip = doc.code_line_indexes | doc.hidden_lines
    for match in _CONFIGURE.finditer(text):
        line_index = text.count("\n", 0, match.start())
        if line_index in skip:
            continue
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
        line = doc.lines[line_index] if line_index < len(doc.lines) else ""
        if "`" in line and not _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)[
            column:
        ].startswith("<!--"):
            continue  # shown as inline code
        close = text.find("-->", match.end())
        if close == -1:
            continue
        body = text[match.end() : close].strip()
        try:
            data = json.loads(body)
        except ValueError as exc:
            yield line_index, column, f"not valid JSON ({exc}); ignored"
            continue
        if not isinstance(data, dict):
            yield line_index, column, "expected a JSON object; ignored"
            continue
        yield line_index, column, data


def _merge(
    settings: FileSettings,
    enabled: Mapping[str, bool],
    options: Mapping[str, Mapping[str, Any]],
    severity: Mapping[str, str],
) -> FileSettings:
    from mdcheck.config.check import check_table
    from mdcheck.util.resources import load_schema

    if options:
        check_table({"rules": dict(options)}, "comment", "", load_schema("config.schema.json"))
    current = {rule.code: rule for rule in settings.rules}
    codes = set(settings.enabled_codes)
    codes |= {code for code, on in enabled.items() if on}
    codes -= {code for code, on in enabled.items() if not on}
    rules = []
    for cls in ALL_RULES:
        if cls.code not in codes:
            continue
        existing = current.get(cls.code)
        if existing is not None and cls.code not in options:
            rules.append(existing)
            continue
        base = dict(existing.settings) if existing is not None else {}
        rules.append(cls({**base, **options.get(cls.code, {})}))
    levels = dict(settings.severity)
    levels.update({code: Severity.parse(value) for code, value in severity.items()})
    return FileSettings(tuple(rules), levels, frozenset(codes))
