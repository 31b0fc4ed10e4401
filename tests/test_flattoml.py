"""The flat TOML reader reads what it accepts exactly as tomllib does, and leaves the rest."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdcheck.util.flattoml import read_flat_toml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

READ = [
    'select = ["ALL"]',
    'select = ["ALL"]\n',
    '# mdcheck\nselect = ["HD", "TB001"]  # headings, tables\r\nignore = []\n',
    "exclude = ['drafts/**', \"old/*.md\",]\nfail-level = 'error'",
    "a=true\nb = false # off\n\n\t  \nc=[ ]",
    'profile = "trend-article"#name\nx-1_y = ["a b", "#not a comment"]',
    "max-file-size = 200_000_000\nmin = 0 # none\nn = -12\np = +7",
]

LEFT = [
    "[rules.TB001]\ncolumns = 3",  # tables
    'select = [\n  "ALL",\n]',  # multi-line array
    'a = "x"\na = "y"',  # duplicate key: tomllib's error
    'a = "tab\\tbed"',  # escape
    'a = ""',  # empty (or a multi-line opener)
    'a = """x"""',
    "max-file-size = 1.5",  # other numbers
    "max-file-size = 1e6",
    "max-file-size = 0x10",
    "max-file-size = 007",
    "max-file-size = 1__0",
    "max-file-size = 10_",
    "when = 2025-01-02",
    'title = "趋势"',  # non-ASCII
    'a = "x" "y"',
    'a.b = "x"',  # dotted key
    '"a" = "x"',  # quoted key
    'a = "x"\rb = "y"',  # lone CR
    'a = "x\x0cy"',  # control character
    'a = ["x" # c\n]',
    "a = [1, 2]",
    "a = truely",
    "a =",
    "= 1",
    "a = 'x",
]


@pytest.mark.parametrize("text", READ)
def test_reads_flat_files_as_tomllib(text: str) -> None:
    assert read_flat_toml(text.encode()) == tomllib.loads(text)


@pytest.mark.parametrize("text", LEFT)
def test_leaves_other_files_to_tomllib(text: str) -> None:
    assert read_flat_toml(text.encode()) is None


_PIECES = st.sampled_from(
    ["a", "b", "select", "-", "_", "1", " ", "\t", "=", '"', "'", "[", "]", ",", "#", "x y",
     "true", "false", "\\", "\n", "\r\n", "\r", ".", "{", "\x0b", "é", "0", "9", "+", "e",
     "x", "1_0", "_"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=24).map("".join))
def test_never_reads_differently_from_tomllib(text: str) -> None:
    flat = read_flat_toml(text.encode())
    if flat is not None:
        assert flat == tomllib.loads(text)


_KEYS = st.sampled_from(["a", "select", "fail-level", "x_1", "a", "a b", "a.b", '"q"', ""])
_BLANK = st.sampled_from(["", " ", "\t", "  "])
_STRINGS = st.sampled_from(['"ALL"', "'HD'", '"a#b"', '""', "'x\\y'", '"x', '"é"', "'a\"b'"])
_VALUES = st.one_of(
    _STRINGS,
    st.sampled_from(["true", "false", "1", "[", "]", "true1", "0", "-0", "+12", "1_000"]),
    st.sampled_from(["01", "1_", "_1", "1__0", "1.0", "1e3", "0x1f", "0o7", "0b1", "inf"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.lists(_STRINGS, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(_STRINGS, max_size=3).map(lambda items: "[" + ",".join(items) + ",]"),
)
_COMMENTS = st.sampled_from(["", " # note", "#x", " x", "# é"])
_LINES = st.one_of(
    st.tuples(_BLANK, _KEYS, _BLANK, _BLANK, _VALUES, _COMMENTS).map(
        lambda p: f"{p[0]}{p[1]}{p[2]}={p[3]}{p[4]}{p[5]}"
    ),
    st.sampled_from(["", "# comment", "[rules]", "   "]),
)


@given(st.lists(_LINES, max_size=5), st.sampled_from(["\n", "\r\n"]))
def test_reads_generated_files_as_tomllib(lines: list[str], eol: str) -> None:
    text = eol.join(lines)
    flat = read_flat_toml(text.encode())
    if flat is not None:
        assert flat == tomllib.loads(text)
