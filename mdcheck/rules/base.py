"""The rule base class: one class per rule, its metadata in one place.

A rule reads a finished :class:`~mdcheck.markdown.document.Document` and yields diagnostics. It
never prints, never parses again and never asks whether it runs in fix mode: a diagnostic
simply carries its fix. Severity and enablement come from configuration; the class only
declares defaults. The class docstring is the rule's documentation (what, why, example,
fix, options): ``mdcheck rule CODE`` prints it and ``docs/rules.md`` is generated from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, ClassVar, NamedTuple

from mdcheck.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity, Span
from mdcheck.markdown.document import Document

HOMEPAGE = "https://github.com/mdcheck/mdcheck"
RULES_DOC_URL = f"{HOMEPAGE}/blob/main/docs/rules.md"


class Option(NamedTuple):
    """A rule option: its name, JSON Schema fragment, default and one-line description."""

    name: str
    schema: Mapping[str, Any]
    default: Any
    description: str
    extra: Mapping[str, Any] = MappingProxyType({})


class Rule:
    """Base class of all rules. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    enabled_by_default: ClassVar[bool] = True
    options: ClassVar[tuple[Option, ...]] = ()
    # other linters' names for this rule (markdownlint's code and alias, e.g. "MD022",
    # "blanks-around-headings"): selectors, ignores and suppression comments accept them
    aliases: ClassVar[tuple[str, ...]] = ()
    # the rule looks at other files (a link's target): its result is not cached
    reads_files: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        values = {option.name: option.default for option in self.options}
        values.update(options or {})
        self.settings: Mapping[str, Any] = values

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        raise NotImplementedError

    # -- helpers for subclasses ---------------------------------------------------------

    def report(
        self,
        doc: Document,
        span: Span,
        message: str,
        *,
        edits: tuple[Edit, ...] | list[Edit] = (),
        applicability: Applicability = Applicability.SAFE,
        fix_description: str = "",
        changes: frozenset[str] = frozenset(),
        extra: tuple[tuple[str, str], ...] = (),
    ) -> Diagnostic:
        """Build a diagnostic of this rule, with a fix when ``edits`` are given.

        ``changes``: the markdown-it token kinds a safe fix is meant to change (such as
        ``{"em", "strong"}`` for a fix that makes emphasis render); the check of every
        safe fix on the fixed text (``mdcheck.run.verify``) allows those, and only those.
        """
        fix = Fix(tuple(edits), applicability, fix_description, changes) if edits else None
        return Diagnostic(
            code=self.code,
            name=self.name,
            message=message,
            severity=self.severity,
            span=span,
            path=doc.path,
            fix=fix,
            extra=extra,
        )

    @classmethod
    def documentation(cls) -> str:
        """The rule's documentation: its docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def doc_url(cls) -> str:
        """Where the rule's documentation is published (an anchor in docs/rules.md)."""
        return f"{RULES_DOC_URL}#{cls.code.lower()}-{cls.name}"

    @classmethod
    def options_schema(cls) -> dict[str, Any]:
        """JSON Schema of this rule's options table in the configuration."""
        return {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                option.name: {**option.schema, "description": option.description}
                for option in cls.options
            },
        }
