"""Fixture-driven rule tests.

A case is a Markdown file ``tests/fixtures/<family>/<name>.md`` with siblings:

- ``<name>.expected`` (required): the findings, one per line, exactly as
  ``LINE:COL-END_LINE:END_COL CODE message``; empty when the case must be clean.
  Lines starting with ``#`` are comments.
- ``<name>.toml`` (optional): a configuration table (mdcheck.toml syntax) for the case.
- ``<name>.fixed.md`` (optional): the exact text after ``--fix``.
- ``<name>.unsafe-fixed.md`` (optional): the exact text after ``--fix --unsafe-fixes``.

Unless the case's configuration selects otherwise, only the family's own codes are run
(``select = [<PREFIX>]``), so a case shows one family's behaviour. After each fix the text is
linted again: no fixable finding of the family may remain, and fixing again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mdcheck.config import Config, config_from_table
from mdcheck.diagnostic import Applicability, Diagnostic
from mdcheck.markdown.document import Document
from mdcheck.run.engine import fix_document_text, lint_document
from mdcheck.util.toml import load_toml

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Case:
    path: Path

    @property
    def id(self) -> str:
        return self.path.stem

    def sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.stem + suffix)

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8")

    def config(self, prefixes: tuple[str, ...]) -> Config:
        table: dict[str, object] = {"select": list(prefixes)}
        toml = self.sibling(".toml")
        source = None
        if toml.exists():
            table.update(load_toml(toml))
            source = toml
        return config_from_table(table, source, "the top level")

    def expected(self) -> list[str]:
        lines = self.sibling(".expected").read_text(encoding="utf-8").splitlines()
        return [line for line in lines if line.strip() and not line.startswith("#")]


def cases(family: str) -> list[Case]:
    folder = FIXTURES / family
    return [
        Case(path)
        for path in sorted(folder.glob("*.md"))
        if not path.name.endswith((".fixed.md", ".unsafe-fixed.md"))
    ]


def render(diagnostic: Diagnostic) -> str:
    s = diagnostic.span
    return f"{s.line}:{s.col}-{s.end_line}:{s.end_col} {diagnostic.code} {diagnostic.message}"


def lint_case(case: Case, prefixes: tuple[str, ...]) -> list[str]:
    doc = Document.from_text(case.text(), str(case.path))
    return [render(d) for d in lint_document(doc, case.config(prefixes))]


def check_case(case: Case, prefixes: tuple[str, ...]) -> None:
    """Assert the findings, and each fixed text with its re-lint, for one case."""
    assert lint_case(case, prefixes) == case.expected()
    config = case.config(prefixes)
    for suffix, unsafe in ((".fixed.md", False), (".unsafe-fixed.md", True)):
        wanted_path = case.sibling(suffix)
        if not wanted_path.exists():
            continue
        outcome = fix_document_text(case.text(), str(case.path), config, unsafe=unsafe)
        assert outcome.text == wanted_path.read_bytes().decode("utf-8"), suffix
        leftover = [
            render(d)
            for d in outcome.remaining
            if d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)
        ]
        assert leftover == [], f"fixable findings remain after {suffix}"
        again = fix_document_text(outcome.text, str(case.path), config, unsafe=unsafe)
        assert again.text == outcome.text, f"a second fix changed the text ({suffix})"
