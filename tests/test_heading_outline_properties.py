"""Property tests: heading-number fixes converge, are idempotent and touch only prefixes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.article.numbering import parse_heading_number
from mdcheck.config import config_from_table
from mdcheck.diagnostic import Applicability
from mdcheck.run.engine import fix_document_text

CONFIG = config_from_table({"select": ["HD003", "HD004", "HD005", "HD006"]}, None, "tests")
TITLES = ["背景", "Method", "现状", "Results", "结语", "References", "展望"]


@st.composite
def outlines(draw: st.DrawFn) -> str:
    lines = ["# Title", ""]
    style = draw(st.sampled_from(["{n}. ", "{n}、", "{c}、", "", "({n}) "]))
    chinese = "一二三四五六七八九"
    for section in range(1, draw(st.integers(1, 5)) + 1):
        number = section + draw(st.sampled_from([0, 0, 0, 1, -1]))
        if draw(st.booleans()) or not style:
            prefix = ""
        else:
            prefix = style.format(n=max(number, 1), c=chinese[max(number, 1) - 1])
        lines += [f"## {prefix}{draw(st.sampled_from(TITLES))}", ""]
        for sub in range(1, draw(st.integers(0, 3)) + 1):
            parent = number + draw(st.sampled_from([0, 0, 0, 1]))
            child = f"{max(parent, 1)}.{sub + draw(st.sampled_from([0, 0, 1]))} "
            lines += [f"### {child if draw(st.booleans()) else ''}{draw(st.sampled_from(TITLES))}"]
            lines += [""]
    return "\n".join(lines)


def _titles(text: str) -> list[str]:
    result = []
    for line in text.splitlines():
        if line.startswith("#"):
            body = line.lstrip("#").strip()
            number = parse_heading_number(body)
            result.append(number.title if number else body)
    return result


@settings(max_examples=200, deadline=None)
@given(outlines())
def test_unsafe_fixes_converge_and_keep_titles(text: str) -> None:
    outcome = fix_document_text(text, "t.md", CONFIG, unsafe=True)
    again = fix_document_text(outcome.text, "t.md", CONFIG, unsafe=True)
    assert again.text == outcome.text
    assert _titles(outcome.text) == _titles(text)
    fixable = [
        d for d in outcome.remaining if d.fix and d.fix.applicability is Applicability.UNSAFE
    ]
    assert fixable == []
