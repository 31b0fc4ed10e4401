"""Coverage-guided fuzz target for mdcheck's public API (atheris / libFuzzer).

Each input is decoded the way a file is (UTF-8 with or without BOM, UTF-16 with BOM; bytes
that do not decode are interpreted as UTF-8 with replacement, so every input reaches the
linter), then linted and fixed (safe, then unsafe) with every rule selected. A crash is any
exception or a broken promise: a rule crash (MC004), a position outside the document, an
edit whose span disagrees with its offsets, a second fix that changes the text, or a
fixable finding left after fixing.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_mdcheck.py fuzz/seeds -max_len=65536            # run until stopped
    python fuzz/fuzz_mdcheck.py -runs=5000 fuzz/seeds                # a bounded run

See docs/reliability.md for long runs and how to turn a crash into a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["mdcheck", "markdown_it"]):
    from mdcheck.api import fix_text, lint_text
    from mdcheck.config.settings import Config
    from mdcheck.diagnostic import Applicability, Diagnostic
    from mdcheck.markdown.document import Document
    from mdcheck.run.files import UnreadableError, decode

CONFIG = Config(root=Path.cwd(), select=("ALL",))


def to_text(data: bytes) -> str:
    try:
        return decode(data, "fuzz.md").text
    except UnreadableError:
        return data.decode("utf-8", errors="replace")


def check(text: str, diagnostics: list[Diagnostic]) -> None:
    doc = Document.from_text(text)
    for d in diagnostics:
        if d.code == "MC004":
            raise AssertionError(d.message)
        s = d.span
        if (s.line, s.col) > (s.end_line, s.end_col) or s.end_line > doc.line_count + 1:
            raise AssertionError(f"span outside the document: {d}")
        for line, col in ((s.line, s.col), (s.end_line, s.end_col)):
            length = len(doc.lines[line - 1]) if line <= doc.line_count else 0
            if col > length + 1:
                raise AssertionError(f"column outside line {line}: {d}")
        for edit in d.fix.edits if d.fix else ():
            if not 0 <= edit.start <= edit.end <= len(doc.text):
                raise AssertionError(f"edit outside the document: {d}")
            if edit.span != doc.span(edit.start, edit.end):
                raise AssertionError(f"edit span disagrees with its offsets: {d}")


def test_one_input(data: bytes) -> None:
    text = to_text(data)
    check(text, lint_text(text, config=CONFIG))
    for unsafe in (False, True):
        outcome = fix_text(text, config=CONFIG, unsafe=unsafe)
        check(outcome.text, outcome.remaining)
        for d in outcome.remaining:
            if d.fix and (unsafe or d.fix.applicability is Applicability.SAFE):
                raise AssertionError(f"fixable finding left after fixing: {d}")
        if fix_text(outcome.text, config=CONFIG, unsafe=unsafe).text != outcome.text:
            raise AssertionError("a second fix changed the text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
