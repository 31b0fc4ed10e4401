"""The language server in-process: position conversion, edit building, failures; the CLI entry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdcheck.diagnostic import Edit, Fix, Span
from mdcheck.server.positions import LineIndex
from tests.conftest import ROOT

pytest.importorskip("lsprotocol")

from mdcheck.server.convert import fix_text_edits, text_change_edits
from tests.lsp_helpers import apply_edits

LINE = "中文😀abc"  # 2 BMP characters, 1 astral-plane character, 3 ASCII


@pytest.mark.parametrize(
    ("encoding", "units"),
    [("utf-16", 7), ("utf-8", 13), ("utf-32", 6)],
)
def test_column_after_cjk_and_emoji_in_each_encoding(encoding: str, units: int) -> None:
    index = LineIndex(f"x\n{LINE}", encoding)
    assert index.span_start(Span(2, 7, 2, 7)) == (1, units)
    assert index.offset(1, units) == 2 + len(LINE)


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        ("a\r\nb", 3, (1, 0)),
        ("a\rb", 2, (1, 0)),  # a lone CR ends a line too
        ("a\nb", 3, (1, 1)),  # the end of a last line without a line ending
        ("a\n", 2, (1, 0)),  # after a final newline: the start of the empty last line
        ("", 0, (0, 0)),
        ("a\u2028b\x0cc\n", 5, (0, 5)),  # only CR and LF end lines, as in LSP
    ],
)
def test_offsets_to_positions(text: str, offset: int, position: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == position


def test_byte_order_mark_counts_on_the_first_line_only() -> None:
    index = LineIndex("\ufeff😀a\nb")
    assert index.span_start(Span(1, 2, 1, 3)) == (0, 3)  # BOM + surrogate pair
    assert index.span_start(Span(2, 1, 2, 2)) == (1, 0)
    assert index.edit_position(1) == (0, 3)  # mdcheck offsets do not count the BOM


def test_span_past_the_line_end_keeps_its_distance() -> None:
    assert LineIndex("😀\nb").span_end(Span(1, 1, 1, 3)) == (0, 3)


def test_change_edits_touch_only_what_changed() -> None:
    old = "# 标题\r\n\r\n中文😀abc"
    (edit,) = text_change_edits(old, old + "\r\n", LineIndex(old))
    assert (edit.range.start.line, edit.range.start.character) == (2, 7)
    assert edit.range.start == edit.range.end
    assert edit.new_text == "\r\n"


def test_overlapping_fix_edits_are_not_offered() -> None:
    span = Span(1, 1, 1, 2)
    fix = Fix((Edit(0, 2, "x", span), Edit(1, 3, "y", span)))
    assert fix_text_edits(fix, LineIndex("abcd")) is None
    insertions = Fix((Edit(1, 1, "x", span), Edit(1, 1, "y", span)))
    assert fix_text_edits(insertions, LineIndex("abcd")) is None


_TEXT = st.lists(
    st.sampled_from(["a", "中", "😀", "\n", "\r\n", "\r", " ", "\ufeff", "\x0c", "\u2028"]),
    max_size=30,
).map("".join)


@given(_TEXT, _TEXT)
def test_change_edits_turn_old_into_new(old: str, new: str) -> None:
    edits = text_change_edits(old, new, LineIndex(old))
    assert apply_edits(old, edits) == new


def test_server_without_pygls_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['mdcheck', 'server'];"
        "from mdcheck.cli import main; raise SystemExit(main())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "mdcheck: error: 'mdcheck server' needs the lsp extra (pygls is not installed); "
        "install it with: pip install 'mdcheck-lint[lsp]'\n"
    )


def test_server_accepts_the_stdio_flag_that_clients_add() -> None:
    from mdcheck.cli import build_parser

    namespace = build_parser().parse_args(["server", "--stdio"])
    assert (namespace.command, namespace.stdio) == ("server", True)


def test_command_line_does_not_import_the_server_stack() -> None:
    code = (
        "import sys; from mdcheck.cli import main; main(['--version'])\n"
        "import mdcheck.server, mdcheck.server.positions\n"
        "print(sorted(m for m in ('pygls', 'lsprotocol', 'cattrs') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "[]"


class _Sent(list[Any]):
    def publications(self) -> list[Any]:
        return [
            m.params for m in self if getattr(m, "method", "") == "textDocument/publishDiagnostics"
        ]

    def shown(self) -> list[str]:
        return [m.params.message for m in self if getattr(m, "method", "") == "window/showMessage"]


@pytest.fixture
def server(tmp_path: Path) -> tuple[Any, _Sent]:
    """A server without a transport: what it would send is collected.

    Its workspace folder selects DOC001 and the MC rules for unsaved documents.
    """
    from lsprotocol import types

    from mdcheck.server.app import build_server

    (tmp_path / "mdcheck.toml").write_text('select = ["DOC001", "MC"]\n', encoding="utf-8")
    instance = build_server()
    sent = _Sent()
    instance.protocol._send_data = sent.append  # type: ignore[method-assign]
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri()
    )
    for _ in instance.protocol.lsp_initialize(params):
        pass
    return instance, sent


def _open(server: Any, uri: str, text: str) -> None:
    from lsprotocol import types

    server.workspace.put_text_document(
        types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    )


def test_a_crashing_rule_becomes_mc004_and_the_others_still_report(
    server: tuple[Any, _Sent], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mdcheck.rules.document_rules import FinalNewline

    def crash(self: object, doc: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(FinalNewline, "check", crash)
    instance, sent = server
    _open(instance, "untitled:crash", "text <!-- mdcheck-disable-line XY999 -->\n")
    instance.publish("untitled:crash")
    (published,) = sent.publications()
    assert [(d.code, d.message) for d in published.diagnostics] == [
        (
            "MC004",
            "rule DOC001 (final-newline) failed: ZeroDivisionError: boom; please report this",
        ),
        ("MC001", "suppression names unknown code 'XY999' ('mdcheck rules' lists them)"),
    ]


def test_a_failing_lint_becomes_a_diagnostic_not_a_dead_server(
    server: tuple[Any, _Sent], monkeypatch: pytest.MonkeyPatch
) -> None:
    import mdcheck.server.app

    def fail(*args: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(mdcheck.server.app, "lint_text", fail)
    instance, sent = server
    _open(instance, "untitled:fail", "中文😀abc")
    instance.publish("untitled:fail")
    (published,) = sent.publications()
    (problem,) = published.diagnostics
    assert problem.message == (
        "mdcheck could not check this file: RuntimeError: parser exploded; please report this"
    )
    assert (problem.range.start.line, problem.range.end.character) == (0, 7)
    monkeypatch.undo()
    instance.publish("untitled:fail")  # the same text again: not served from a cache
    assert [d.code for d in sent.publications()[-1].diagnostics] == ["DOC001"]
