"""The lint and fix pipeline for one document.

document -> rules (pure) -> suppressions -> severity / fix settings -> sorted diagnostics
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Iterator
from dataclasses import dataclass

from mdcheck.config import Config, ConfigError, FileSettings
from mdcheck.diagnostic import Applicability, Diagnostic, Fix, Span
from mdcheck.markdown.document import Document
from mdcheck.rules.meta import RuleCrashed
from mdcheck.run.edits import apply_fixes
from mdcheck.run.markdownlint_comments import apply_markdownlint_comments, configure_file
from mdcheck.run.suppressions import apply_suppressions
from mdcheck.run.verify import StructureChecker, verify_safe_fixes

MAX_FIX_PASSES = 10
MAX_ONE_BY_ONE = 32  # fixes tried one at a time in a pass whose fixes clash


def lint_document(doc: Document, config: Config) -> list[Diagnostic]:
    """Run every enabled rule over the document and return its sorted diagnostics."""
    with paused_gc():
        return _lint(doc, config)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while one document is built and checked.

    The parse and the rules allocate many objects that live as long as the document
    (markdown-it-py's tokens) and hold no reference cycles: the collector would traverse
    them again and again while they pile up, nearly doubling the time on a 5 MB file.
    Whoever creates the document wraps its whole life in this, so it is freed (by
    reference counting) before the collector resumes; nested pauses resume only once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _lint(doc: Document, config: Config) -> list[Diagnostic]:
    settings = config.settings_for(doc.path)
    found: list[Diagnostic] = []
    markdownlint = "markdownlint-" in doc.text
    if markdownlint and "configure-file" in doc.text:
        settings, problems = configure_file(doc, settings)
        found.extend(problems)
    for rule in settings.rules:
        try:
            found.extend(rule.check(doc))
        except ConfigError:  # e.g. a profile named in front matter that does not validate
            raise
        except Exception as exc:  # a bug in one rule must not hide the others
            found.append(_crash(doc, rule.code, rule.name, exc))
    # Suppression comments are rare: skip looking for them (and the block parse that
    # placing them needs) in the many files that have none.
    kept = found
    if "mdcheck-" in doc.text:
        kept = apply_suppressions(doc, kept, settings.enabled_codes)
    if markdownlint:
        kept = apply_markdownlint_comments(doc, kept, settings.enabled_codes)
    kept = verify_safe_fixes(doc.text, kept)
    return sorted((_apply_settings(d, settings, config) for d in kept), key=lambda d: d.sort_key)


def _crash(doc: Document, code: str, name: str, exc: Exception) -> Diagnostic:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return RuleCrashed().report(
        doc,
        Span(1, 1, 1, 1),
        f"rule {code} ({name}) failed: {type(exc).__name__}: {text}; please report this",
    )


def _apply_settings(d: Diagnostic, settings: FileSettings, config: Config) -> Diagnostic:
    severity = settings.severity.get(d.code, d.severity)
    fix = d.fix
    if fix is not None:
        applicability = config.fix_applicability(d.code, fix.applicability)
        if applicability is None:
            fix = None
        elif applicability is not fix.applicability:
            fix = dataclasses.replace(fix, applicability=applicability)
    if severity is d.severity and fix is d.fix:
        return d
    return dataclasses.replace(d, severity=severity, fix=fix)


@dataclass(frozen=True)
class FixOutcome:
    """The text after fixing, how many fixes were applied, and what remains."""

    text: str
    applied: int
    remaining: list[Diagnostic]


def fix_document_text(text: str, path: str, config: Config, *, unsafe: bool = False) -> FixOutcome:
    """Apply fixes repeatedly until none applies (bounded).

    The caller has removed the byte-order mark; any further U+FEFF is text (DOC002 reports
    it), so the document is built without stripping again and edit offsets stay exact.
    """
    applied = 0
    with paused_gc():
        diagnostics = lint_document(Document(text, path), config)
    for _ in range(MAX_FIX_PASSES):
        fixes = [d.fix for d in diagnostics if d.fix is not None and _allowed(d.fix, unsafe)]
        new_text, count = apply_fixes(text, fixes)
        if not unsafe and count > 1 and not StructureChecker(text).keeps(new_text, fixes):
            new_text, count = _apply_one_by_one(text, fixes)
        if count == 0 or new_text == text:
            break
        text = new_text
        applied += count
        with paused_gc():
            diagnostics = lint_document(Document(text, path), config)
    return FixOutcome(text, applied, diagnostics)


def _apply_one_by_one(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """Safe fixes that each keep the structure alone but not together: apply them in
    order, keeping each only when the text so far still renders with the structure."""
    checker = StructureChecker(text)
    kept: list[Fix] = []
    for fix in fixes[:MAX_ONE_BY_ONE]:
        trial, count = apply_fixes(text, [*kept, fix])
        if count == len(kept) + 1 and checker.keeps(trial, [*kept, fix]):
            kept.append(fix)
    return apply_fixes(text, kept)


def _allowed(fix: Fix, unsafe: bool) -> bool:
    return fix.applicability is Applicability.SAFE or unsafe
