"""Flat front matter read without PyYAML gives what the YAML loader gives, or nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdcheck.markdown import yamlsafe
from mdcheck.markdown.yamlflat import read_flat
from mdcheck.markdown.yamlsafe import YamlResult, load_yaml


def through_yaml(text: str, monkeypatch: pytest.MonkeyPatch) -> YamlResult:
    with monkeypatch.context() as patch:
        patch.setattr(yamlsafe, "_load_flat", lambda _text: None)
        return load_yaml(text)


SAMPLE = (
    '            title: "2024 年人工智能领域的三大发展趋势分析"\n'
    "            date: 2025-02-18\n"
    "            description: Generated from 2025-02-17.md"
)


def test_the_sample_block_is_read_flat_with_the_loaders_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert read_flat(SAMPLE) is not None
    assert load_yaml(SAMPLE) == through_yaml(SAMPLE, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "title: yes",  # a boolean
        "title: Null",  # null
        "on: x",  # a boolean key
        "count: 3",  # a number
        "date: 2025-2-1",  # a date YAML reads, but not as its own text
        "date: 2025-02-18T10:00:00Z",
        'title: "a \\" b"',  # an escape
        "title: 'it''s'",  # an escaped quote
        "title: a # comment",
        'title: "C# rules"',  # any '#': the parser decides
        "title: a: b",
        "title: a:",
        "title:\n  nested: x",
        "title: x\n  more text",  # a folded continuation line
        "tags: [a, b]",
        "tags:\n- a",
        "title:",
        "title: ",
        "title:\tx",
        "title: a\tb",
        "title: *alias",
        "title: &anchor x",
        "title: !!str x",
        "title: |",
        "title: -x",
        "title: .inf",
        "title: a\u00a0b",  # no-break space
        "title: a\u2028b",  # a YAML 1.1 line break
        "title: a\x85b",
        "\ufefftitle: x",
        "title : x",
        "---\ntitle: x",
        "# comment\ntitle: x",
        "",
        "  \n",
    ],
)
def test_anything_but_plain_strings_is_left_to_the_parser(text: str) -> None:
    assert read_flat(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "title: x\ntitle: z\ndate: 2025-02-30",  # a duplicate key; an impossible date
        "  title: x\n   ",  # trailing blank line indented more than the keys
        "            title: x\n  ",  # ... and less
        "title: x\n\n",
        "a_b: '  spaced  '   \nc-d: \"\"\ne: 中文：标题",
        "url: https://example.com/a:b?c=d",
    ],
)
def test_flat_blocks_match_the_loader(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_flat(text) is not None
    assert load_yaml(text) == through_yaml(text, monkeypatch)


KEYS = ["title", "date", "description", "on", "No", "_x", "a-b", "k1"]
VALUES = [
    '"2024 年技术领域的三大发展趋势"',
    "'single'",
    "Generated from 2025-02-17.md",
    "2025-02-17",
    "2025-13-45",
    "0000-01-01",
    "中文标题",
    "Ünïcödé",
    "What? yes",
    "a:b",
    "x]",
    "C#",
    "a #b",
    "yes",
    "~",
    "3.5",
    "'it''s'",
    '"a\\"b"',
    "a: b",
    "",
    "- x",
    "*a",
    '"open',
    "'a' b",
    "Yes man",
    "\u3000全角",
]
lines = st.one_of(
    st.sampled_from(["", " ", "   "]),
    st.builds(
        lambda indent, key, sep, value, tail: " " * indent + key + sep + value + tail,
        st.sampled_from([0, 0, 2, 12, 14]),
        st.sampled_from(KEYS),
        st.sampled_from([": ", ": ", ":  ", ":", " : "]),
        st.sampled_from(VALUES),
        st.sampled_from(["", " "]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(lines, max_size=5), st.sampled_from(["", "\n", "\n\n", "\n  "]))
def test_whenever_read_flat_answers_it_agrees_with_the_loader(
    block: list[str], ending: str
) -> None:
    text = "\n".join(block) + ending
    if read_flat(text) is None:
        return
    with pytest.MonkeyPatch.context() as patch:
        assert load_yaml(text) == through_yaml(text, patch)
