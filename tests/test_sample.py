"""The bundled sample article, end to end, with every default rule: what a newcomer sees.

The sample (a real generated article) has indented front matter with a placeholder
description, a whole-article ```markdown wrapper whose indented opener is stray text and
whose closer opens a fence that never closes, three unnumbered sections whose subsections
are numbered, and no final newline. Its tables are complete.
"""

from __future__ import annotations

from collections.abc import Callable

from mdcheck import fix_text, lint_text
from tests.conftest import SAMPLE, Run

CliRunner = Callable[..., Run]

EXPECTED = [
    "2:1 FM002 front matter is indented by 12 spaces; delimiters and keys must start in"
    " column 1 (fix: --fix)",
    "4:26 FM005 front matter /description: 'Generated from 2025-02-17.md' is a generator"
    " placeholder, not a description; write one or two sentences that summarise the article",
    "7:13 CF002 the article is wrapped in a ```markdown fence (line 7 to line 100) whose"
    " indented opening line shows up as stray text; delete the two fence lines"
    " (fix: --unsafe-fixes)",
    "7:13 CF003 fence marker ```markdown is indented 12 spaces, so it is no fence (4+ spaces"
    " make indented code); it opens the wrapper around the article (see CF002)",
    "14:4 HD003 section is not numbered; expected `1.`, inferred from its subsections 1.1–1.3"
    " (fix: --unsafe-fixes)",
    "42:4 HD003 section is not numbered; expected `2.`, inferred from its subsections 2.1–2.3"
    " (fix: --unsafe-fixes)",
    "71:4 HD003 section is not numbered; expected `3.`, inferred from its subsections 3.1–3.3"
    " (fix: --unsafe-fixes)",
    "100:1 CF001 this ``` opens a code fence that is never closed (shown as an empty code"
    " block); it was meant to close the ```markdown wrapper on line 7, which is indented 12"
    " spaces and so is no fence (see CF002: --unsafe-fixes removes both lines)",
    "100:4 DOC001 file does not end with a newline (fix: --fix adds one)",
]


def test_sample_findings_with_default_rules() -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    found = [f"{d.span.line}:{d.span.col} {d.code} {d.message}" for d in lint_text(text)]
    assert found == EXPECTED


def test_sample_on_the_command_line(cli: CliRunner) -> None:
    run = cli(str(SAMPLE))
    assert run.code == 1
    from mdcheck.rules import find_rule

    expected = []
    for line in EXPECTED:
        where, code, message = line.split(" ", 2)
        rule = find_rule(code)
        assert rule is not None
        expected.append(f"{SAMPLE}:{where}: {rule.severity.value}: {code} {message}")
    assert run.out.splitlines()[:-1] == expected
    assert run.out.splitlines()[-1] == (
        "Found 9 problems (5 errors, 4 warnings) in 1 of 1 file."
        " 2 fixable with --fix (4 more with --unsafe-fixes)."
    )


def test_sample_after_all_fixes_keeps_only_the_placeholder_description() -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    fixed = fix_text(text, str(SAMPLE), unsafe=True)
    assert [(d.code, d.span.line) for d in fixed.remaining] == [("FM005", 4)]
    lines = fixed.text.split("\n")
    assert lines[:7] == [
        "---",
        'title: "2024 年人工智能领域的三大发展趋势分析"',
        "date: 2025-02-18",
        "description: Generated from 2025-02-17.md",
        "---",
        "",
        "# 2024 年人工智能领域的三大发展趋势分析",
    ]
    assert "## 1. 生成式 AI：从文本到多模态生成" in lines
    assert fix_text(fixed.text, str(SAMPLE), unsafe=True).text == fixed.text
