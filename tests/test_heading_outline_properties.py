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


# Correct outlines in every numbering habit, and the same with one heading's number changed.
_HABITS = {
    "arabic": ("## {n}. ", "### {n}.{m} "),
    "chinese": ("## {c}、", "### {n}.{m} "),
    "paren": ("## （{c}）", "### {n}.{m} "),
    "chapter": ("## 第{c}章 ", "### {n}.{m} "),
    "step": ("## Step {n}: ", "### {n}.{m} "),
    "part-roman": ("## Part {r}: ", "### {n}.{m} "),
    "stage-cn": ("## 阶段{c}：", "### {n}.{m} "),
}
_CN = "一二三四五六七八九"
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def _prefix(template: str, n: int, m: int = 0) -> str:
    return template.format(n=n, m=m, c=_CN[n - 1], r=_ROMAN[n - 1])


@st.composite
def correct_outlines(draw: st.DrawFn) -> tuple[list[str], list[int], str]:
    """Lines of a correctly numbered outline, the indexes of its numbered headings and the
    template of its section numbers."""
    section, subsection = _HABITS[draw(st.sampled_from(sorted(_HABITS)))]
    lines = ["# Title", ""]
    numbered: list[int] = []
    for n in range(1, draw(st.integers(2, 6)) + 1):
        numbered.append(len(lines))
        lines += [f"{_prefix(section, n)}{draw(st.sampled_from(TITLES[:4]))}", ""]
        for m in range(1, draw(st.integers(0, 3)) + 1):
            numbered.append(len(lines))
            lines += [f"{_prefix(subsection, n, m)}{draw(st.sampled_from(TITLES[:4]))}", ""]
    if draw(st.booleans()):
        lines += ["## 结语", "", "Text."]
    return lines, numbered, section


HD = config_from_table({"select": ["HD"]}, None, "tests")


@settings(max_examples=300, deadline=None)
@given(correct_outlines())
def test_correct_outlines_of_every_habit_give_no_finding(
    case: tuple[list[str], list[int], str],
) -> None:
    lines, _, _ = case
    text = "\n".join(lines) + "\n"
    outcome = fix_document_text(text, "t.md", HD, unsafe=True)
    assert outcome.text == text
    assert outcome.remaining == []


@st.composite
def one_error(draw: st.DrawFn) -> tuple[str, int]:
    """A correct outline with one heading's number changed, and that heading's line index."""
    lines, numbered, section = draw(correct_outlines())
    index = draw(st.sampled_from(numbered))
    line = lines[index]
    number = parse_heading_number(line.lstrip("#").strip())
    assert number is not None
    parts = number.parts
    position = draw(st.integers(0, len(parts) - 1))
    value = parts[position] + draw(st.sampled_from([-1, 1, 2]))
    if not 1 <= value <= 9:
        value = parts[position] + 1 if parts[position] < 9 else parts[position] - 1
    marks = line[: line.index(" ")]
    if len(parts) == 1:
        new = _prefix(section, value)
    else:
        changed = list(parts)
        changed[position] = value
        new = f"{marks} {'.'.join(str(p) for p in changed)} "
    lines[index] = new + number.title
    return "\n".join(lines) + "\n", index


@settings(max_examples=400, deadline=None)
@given(one_error())
def test_unsafe_fix_of_one_injected_error_touches_only_that_heading(case: tuple[str, int]) -> None:
    text, index = case
    outcome = fix_document_text(text, "t.md", HD, unsafe=True)
    before, after = text.split("\n"), outcome.text.split("\n")
    assert len(before) == len(after)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed in ([], [index])
    again = fix_document_text(outcome.text, "t.md", HD, unsafe=True)
    assert again.text == outcome.text
