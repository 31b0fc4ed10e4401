"""Rules about mdcheck itself (MC): suppression comments, files that cannot be read, limits.

Most are emitted by the engine rather than by ``check``: they depend on what the other
rules found (MC001, MC002), on the file before it becomes a document (MC003, MC005) or on
a rule failing (MC004). MC006 reads the parsed document like any other rule.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.markdown.document import MAX_NESTING, Document
from mdcheck.rules.base import Option, Rule

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
_LEVEL = operator.attrgetter("level")


class EngineRule(Rule):
    """A rule whose diagnostics the engine produces; ``check`` finds nothing by itself."""

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        return iter(())


class UnknownSuppressionCode(EngineRule):
    """A suppression comment names a code or rule that does not exist.

    **Why.** A typo such as ``<!-- mdcheck-disable HD03 -->`` silently suppresses nothing,
    and the finding it was meant to silence still fails the build, or worse, a later rule
    with that prefix is silenced by accident.

    **Example.** ``<!-- mdcheck-disable-next-line XY999 -->``

    **Fix.** Correct the code (``mdcheck rules`` lists them) or remove the comment.
    """

    code = "MC001"
    name = "unknown-suppression-code"
    summary = "Suppression comment names an unknown code"
    severity = Severity.WARNING


class UnusedSuppression(EngineRule):
    """A suppression comment suppressed nothing.

    **Why.** Left-over suppressions hide future problems of the same kind on those lines.
    Only codes that are enabled are reported, so disabling a rule in the configuration
    does not turn its suppressions into noise.

    **Example.** ``<!-- mdcheck-disable-next-line DOC001 -->`` above a line that has no
    DOC001 finding.

    **Fix.** Remove the comment, or the codes in it that are not needed.
    """

    code = "MC002"
    name = "unused-suppression"
    summary = "Suppression comment suppressed nothing"
    severity = Severity.WARNING


class UnreadableFile(EngineRule):
    """The file could not be decoded as text.

    **Why.** mdcheck reads UTF-8 (with or without a byte-order mark) and UTF-16 with a
    byte-order mark. Bytes that are not valid in that encoding, or NUL bytes that mark a
    binary file, mean the file cannot be checked; the message gives the byte offset of
    the first bad byte so it can be found with a hex viewer. The other files of the run
    are still checked.

    **Fix.** Re-save the file as UTF-8.
    """

    code = "MC003"
    name = "unreadable-file"
    summary = "File is not valid UTF-8 text"
    severity = Severity.ERROR


class RuleCrashed(EngineRule):
    """A rule raised an unexpected error on this file.

    **Why.** A bug in one rule must not hide the findings of the others or stop the run:
    the other rules' findings are still reported and the run exits with status 2. Please
    report the message (it names the rule and the error) together with the file.
    """

    code = "MC004"
    name = "rule-crashed"
    summary = "A rule failed with an internal error"
    severity = Severity.ERROR


class FileTooLarge(EngineRule):
    """The file is larger than the configured limit and was not checked.

    **Why.** Articles are small; a Markdown file of many megabytes is almost always a data
    dump or a generated artefact, and checking it costs seconds and hundreds of megabytes
    of memory (about 3 s and 200 MB per 10 MiB on a current machine). The size is taken
    from the file system before the file is read, so an oversized file costs nothing. The
    other files of the run are still checked.

    **Example.** ``big.md: file is 52.4 MB, larger than the 10.0 MB limit; not checked``

    **Fix.** Exclude the file (``exclude`` or ``per-file-ignores``), split it, or raise the
    limit: ``max-file-size = 52428800`` at the top level of the configuration (or
    ``[rules.file-too-large] max-file-size``). ``0`` removes the limit, and so does turning
    this rule off (``ignore = ["MC005"]``): the file is then checked whatever its size.

    **Options.** ``max-file-size``: the largest size checked, in bytes (default 10485760,
    10 MiB).
    """

    code = "MC005"
    name = "file-too-large"
    summary = "File is larger than max-file-size and was not checked"
    severity = Severity.ERROR
    options = (
        Option(
            "max-file-size",
            {"type": "integer", "minimum": 0},
            DEFAULT_MAX_FILE_SIZE,
            "Largest file checked, in bytes; 0 means no limit.",
            extra={"alias": "max-file-size"},
        ),
    )

    @property
    def limit(self) -> int | None:
        value = int(self.settings["max-file-size"])
        return value or None


class NestingTooDeep(Rule):
    """Block quotes or lists are nested so deeply that the inner content is not checked.

    **Why.** The Markdown parser stops descending after 100 levels of block nesting (a
    guard against stack exhaustion on hostile input: every ``>`` and every list level
    counts, a list item counts twice). Whatever lies deeper is skipped, so no other rule
    sees it. Real articles never come near this; it signals a broken or hostile file.

    **Example.** A line of 200 ``>`` markers: ``> > > … > text``.

    **Fix.** Reduce the nesting. The finding points at the first container whose content
    was skipped; it is reported once per file.
    """

    code = "MC006"
    name = "nesting-too-deep"
    summary = "Block nesting deeper than the parser's limit; inner content not checked"
    severity = Severity.WARNING

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        containers = sum(
            len(doc.positions_of(kind))
            for kind in (
                "blockquote_open",
                "bullet_list_open",
                "ordered_list_open",
                "list_item_open",
            )
        )
        # A token's level counts the blocks open around it: containers, and at most the
        # four levels of a table cell (table, tbody, tr, td) inside them. Too few
        # containers in the whole document cannot reach the limit (most documents).
        if containers + 4 < MAX_NESTING - 1:
            return
        tokens = doc.tokens
        if max(map(_LEVEL, tokens), default=0) < MAX_NESTING - 1:
            return  # the usual case, told without a Python-level walk over the tokens
        for token, following in itertools.pairwise(tokens):
            if (
                token.nesting == 1
                and token.level >= MAX_NESTING - 1
                and following.nesting == -1
                and token.map is not None
            ):
                line = token.map[0] + 1
                yield self.report(
                    doc,
                    doc.line_span(line),
                    f"block quotes or lists nested more than {MAX_NESTING} levels deep from"
                    f" line {line}; the content inside is not checked: reduce the nesting",
                )
                return


RULES: tuple[type[Rule], ...] = (
    UnknownSuppressionCode,
    UnusedSuppression,
    UnreadableFile,
    RuleCrashed,
    FileTooLarge,
    NestingTooDeep,
)
