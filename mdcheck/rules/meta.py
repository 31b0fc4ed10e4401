"""Rules about mdcheck itself (MC): suppression comments and files that cannot be read.

These are emitted by the engine rather than by ``check``: they depend on what the other
rules found (MC001, MC002) or on the file before it becomes a document (MC003, MC004).
"""

from __future__ import annotations

from collections.abc import Iterator

from mdcheck.diagnostic import Diagnostic, Severity
from mdcheck.document import Document
from mdcheck.rules.base import Rule


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


RULES: tuple[type[Rule], ...] = (
    UnknownSuppressionCode,
    UnusedSuppression,
    UnreadableFile,
    RuleCrashed,
)
