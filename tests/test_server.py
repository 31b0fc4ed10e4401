"""End-to-end tests of ``mdcheck server``: a real LSP client talks to it over stdio."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from mdcheck.api import fix_text, lint_text
from mdcheck.diagnostic import Diagnostic
from mdcheck.rules import find_rule
from mdcheck.rules.document_rules import FinalNewline
from mdcheck.run.edits import apply_fixes
from tests.conftest import run_subprocess
from tests.lsp_helpers import apply_edits, workspace_edits

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample-article.md"
TIMEOUT = 10.0
# the crafted documents test the server, not the rules: only DOC001 and the MC rules run
SELECTION = 'select = ["DOC001", "MC"]'


class _Recorder(dict[str, list[types.Diagnostic]]):
    """client.diagnostics that also counts the publications per document."""

    def __init__(self) -> None:
        super().__init__()
        self.count: dict[str, int] = {}

    def __setitem__(self, uri: str, value: list[types.Diagnostic]) -> None:
        self.count[uri] = self.count.get(uri, 0) + 1
        super().__setitem__(uri, value)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The client's workspace folder; its configuration applies to unsaved documents."""
    folder = tmp_path_factory.mktemp("workspace")
    config = f'{SELECTION}\n[severity]\nDOC001 = "info"\n'
    (folder / "mdcheck.toml").write_text(config, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the crafted documents live: outside the workspace, checked for DOC001 and MC."""
    folder = tmp_path_factory.mktemp("files")
    (folder / "mdcheck.toml").write_text(SELECTION + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def unconfigured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder without configuration: every default rule applies."""
    return tmp_path_factory.mktemp("unconfigured")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "mdcheck", "server"],
        server_env={**os.environ, "PYTHONPATH": str(ROOT)},
    ),
)
async def client(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    lsp_client.diagnostics = _Recorder()
    registrations: list[types.Registration] = []
    lsp_client.registrations = registrations  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="workspace")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def _recorder(client: LanguageClient) -> _Recorder:
    assert isinstance(client.diagnostics, _Recorder)
    return client.diagnostics


async def _published(client: LanguageClient, uri: str, count: int) -> list[types.Diagnostic]:
    """Wait until the document's diagnostics have been published ``count`` times."""
    recorder = _recorder(client)
    await _until(lambda: recorder.count.get(uri, 0) >= count)
    return list(recorder[uri])


async def _until(condition: Callable[[], bool]) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), TIMEOUT)


async def _open(client: LanguageClient, path: Path | str, text: str) -> list[types.Diagnostic]:
    uri = path if isinstance(path, str) else path.as_uri()
    seen = _recorder(client).count.get(uri, 0)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    return await _published(client, uri, seen + 1)


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _at(line: int, character: int) -> types.Range:
    position = types.Position(line=line, character=character)
    return types.Range(start=position, end=position)


async def _actions(
    client: LanguageClient,
    uri: str,
    where: types.Range,
    diagnostics: list[types.Diagnostic],
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )
    assert result is not None
    return [action for action in result if isinstance(action, types.CodeAction)]


async def test_sample_article_diagnostics(client: LanguageClient, unconfigured: Path) -> None:
    text = SAMPLE.read_bytes().decode("utf-8")
    diagnostics = await _open(client, unconfigured / "sample-article.md", text)
    finding = next(d for d in diagnostics if d.code == "DOC001")
    assert finding.range == _at(99, 3)
    assert finding.message == "file does not end with a newline (fix: --fix adds one)"
    assert finding.severity == types.DiagnosticSeverity.Error
    assert finding.source == "mdcheck"
    assert finding.code_description is not None
    assert finding.code_description.href == FinalNewline.doc_url()
    assert finding.data["name"] == "final-newline"


async def test_disable_actions_only_where_the_comment_works(
    client: LanguageClient, unconfigured: Path
) -> None:
    """An offered disable comment removes its finding and moves the others one line down.

    In the sample, a comment inside the indented front matter would break it: not offered.
    """
    path = unconfigured / "sample-disable.md"
    text = SAMPLE.read_bytes().decode("utf-8")
    uri = path.as_uri()
    diagnostics = await _open(client, path, text)
    before = [(d.code, d.range.start.line + 1, d.range.start.character) for d in diagnostics]
    offered = 0
    for published in diagnostics:
        actions = await _actions(client, uri, published.range, [published])
        title = f"mdcheck: disable {published.code} for this line"
        disables = [
            a for a in actions if a.title == title and list(a.diagnostics or ()) == [published]
        ]
        if published.range.start.line < 6:  # the front matter
            assert not disables
        for action in disables:
            offered += 1
            edited = apply_edits(text, workspace_edits(action.edit, uri))
            line = published.range.start.line + 1
            expected = sorted(
                (code, at + (at >= line), character)
                for code, at, character in before
                if (code, at, character) != (published.code, line, published.range.start.character)
            )
            after = sorted(
                (d.code, d.span.line, _utf16_range(edited, _as_json(d)).start.character)
                for d in lint_text(edited, str(path))
            )
            assert after == expected, title
    assert offered >= 2


def _as_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "line": d.span.line,
        "column": d.span.col,
        "end_line": d.span.end_line,
        "end_column": d.span.end_col,
    }


def _utf16_range(text: str, d: dict[str, Any]) -> types.Range:
    """A CLI finding's range in LSP terms, computed independently of the server."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def position(line: int, column: int) -> types.Position:
        before = lines[line - 1][: column - 1] if line <= len(lines) else ""
        if line == 1 and text.startswith("\ufeff"):  # mdcheck columns skip the BOM
            before = lines[0][:column]
        units = len(before.encode("utf-16-le")) // 2 + max(0, column - 1 - len(before))
        return types.Position(line=line - 1, character=units)

    return types.Range(
        start=position(d["line"], d["column"]), end=position(d["end_line"], d["end_column"])
    )


async def test_fixtures_match_the_command_line(client: LanguageClient, unconfigured: Path) -> None:
    """Every finding the CLI reports on every fixture, at the same place in UTF-16 units."""
    folder = unconfigured / "fixtures"
    shutil.copytree(ROOT / "tests" / "fixtures", folder)  # keeps schemas and profiles beside
    texts: dict[Path, str] = {}
    for path in sorted(folder.rglob("*.md")):
        if path.name.endswith(".fixed.md"):
            continue
        try:
            texts[path] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # editors hand the server decoded text; undecodable files are the CLI's
    report = json.loads(run_subprocess("--format", "json", str(folder), cwd=unconfigured).stdout)
    assert report["diagnostics"]
    for copy, text in texts.items():
        diagnostics = await _open(client, copy, text)
        expected = [
            (d["code"], d["message"], _utf16_range(text, d))
            for d in report["diagnostics"]
            if (unconfigured / d["path"]).resolve() == copy.resolve()
        ]
        assert [(d.code, d.message, d.range) for d in diagnostics] == expected, str(copy)
        for d in diagnostics:
            rule = find_rule(str(d.code))
            assert rule is not None and d.code_description is not None
            assert (d.code_description.href, d.data["name"]) == (rule.doc_url(), rule.name)
        await _check_fixes(client, copy, text, diagnostics)


async def _check_fixes(
    client: LanguageClient, path: Path, text: str, diagnostics: list[types.Diagnostic]
) -> None:
    """Quick fixes and formatting give the text mdcheck's own fixer gives."""
    uri = path.as_uri()
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    findings = {(d.code, d.message, d.span.line): d for d in lint_text(text, str(path))}
    for published in diagnostics:
        if "fix" not in (published.data or {}):
            continue
        finding = findings[(published.code, published.message, published.range.start.line + 1)]
        assert finding.fix is not None
        actions = await _actions(client, uri, published.range, [published])
        title = f"mdcheck: {finding.fix.description or 'apply the fix'} ({finding.code})"
        (action,) = [
            a
            for a in actions
            if a.title.startswith(title) and list(a.diagnostics or ()) == [published]
        ]
        fixed, _ = apply_fixes(text[len(bom) :], [finding.fix])
        assert apply_edits(text, workspace_edits(action.edit, uri)) == bom + fixed, title
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=4, insert_spaces=True),
        )
    )
    assert apply_edits(text, edits or []) == fix_text(text, str(path)).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中文😀abc", _at(0, 7)),  # 2 CJK characters + 1 surrogate pair + 3
        ("# 标题\r\n\r\n😀😀中文abc", _at(2, 9)),
        ("\ufeff中文😀abc", _at(0, 8)),  # the byte-order mark is a character of line 1
    ],
    ids=["cjk-emoji", "crlf-later-line", "bom"],
)
async def test_ranges_are_utf16(
    client: LanguageClient, files: Path, text: str, expected: types.Range
) -> None:
    name = f"utf16-{len(text)}-{text.count(chr(10))}-{text[0] == chr(0xFEFF)}.md"
    diagnostics = await _open(client, files / name, text)
    assert [(d.code, d.range) for d in diagnostics] == [("DOC001", expected)]


async def test_mid_line_range_after_cjk_and_emoji(client: LanguageClient, files: Path) -> None:
    comment = "<!-- mdcheck-disable-line XY999 -->"
    text = f"# 标题\n\n中文😀 {comment}\n"
    (finding,) = await _open(client, files / "mid-line.md", text)
    assert finding.code == "MC001"
    start = types.Position(line=2, character=5)  # 中 文 (1 each) 😀 (2) space (1)
    end = types.Position(line=2, character=5 + len(comment))
    assert finding.range == types.Range(start=start, end=end)
    assert finding.severity == types.DiagnosticSeverity.Warning


async def test_a_path_with_spaces_and_non_ascii_is_checked(
    client: LanguageClient, files: Path
) -> None:
    # the client sends the URI percent-encoded; the workspace keys documents decoded
    path = files / "folder with space" / "ü 1.md"
    assert "%20" in path.as_uri()
    (finding,) = await _open(client, path, "# T")
    assert finding.code == "DOC001"


async def test_unsaved_document_uses_the_workspace_configuration(client: LanguageClient) -> None:
    uri = "untitled:Untitled-1"
    (finding,) = await _open(client, uri, "中文😀abc")
    assert (finding.code, finding.range) == ("DOC001", _at(0, 7))
    assert finding.severity == types.DiagnosticSeverity.Information  # [severity] DOC001 = "info"
    actions = await _actions(client, uri, finding.range, [finding])
    assert apply_edits("中文😀abc", workspace_edits(actions[0].edit, uri)) == "中文😀abc\n"


async def test_quick_fix_then_edit_updates_diagnostics(client: LanguageClient, files: Path) -> None:
    path = files / "quickfix.md"
    uri = path.as_uri()
    text = "# 标题\n\n中文😀abc"
    diagnostics = await _open(client, path, text)
    (finding,) = diagnostics
    actions = await _actions(client, uri, finding.range, diagnostics)
    titles = [a.title for a in actions]
    assert titles == [
        "mdcheck: add a final newline (DOC001)",
        "mdcheck: disable DOC001 for this line",
        "mdcheck: fix all safe problems in this file",
    ]
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.is_preferred
    assert list(fix.diagnostics or ()) == [finding]
    fixed = apply_edits(text, workspace_edits(fix.edit, uri))
    assert fixed == text + "\n"

    published = _recorder(client).count[uri]
    _change(client, uri, 2, fixed)
    assert await _published(client, uri, published + 1) == []
    _change(client, uri, 3, text + "\n\n中文😀")
    assert [d.range for d in await _published(client, uri, published + 2)] == [_at(4, 4)]


async def test_actions_for_the_cursor_line(client: LanguageClient, files: Path) -> None:
    path = files / "cursor.md"
    uri = path.as_uri()
    await _open(client, path, "# 标题\n\n中文😀abc")
    # normal-mode cursor on the last character, before the end-of-line finding
    on_line = await _actions(client, uri, _at(2, 6), [])
    assert [a.title for a in on_line][:2] == [
        "mdcheck: add a final newline (DOC001)",
        "mdcheck: disable DOC001 for this line",
    ]
    elsewhere = await _actions(client, uri, _at(0, 0), [])
    assert [a.title for a in elsewhere] == ["mdcheck: fix all safe problems in this file"]
    # Neovim 0.7 sends the finding back with a byte column (13) instead of UTF-16 (7)
    (published,) = _recorder(client)[uri]
    lossy = types.Diagnostic(range=_at(2, 13), message=published.message, code="DOC001")
    from_context = await _actions(client, uri, _at(0, 0), [lossy])
    assert [a.title for a in from_context][:2] == [
        "mdcheck: add a final newline (DOC001)",
        "mdcheck: disable DOC001 for this line",
    ]


async def test_disable_comment_keeps_indentation(client: LanguageClient, files: Path) -> None:
    path = files / "disable.md"
    uri = path.as_uri()
    text = "- item\n\n  中文😀abc"
    diagnostics = await _open(client, path, text)
    actions = await _actions(client, uri, diagnostics[0].range, diagnostics)
    (disable,) = [a for a in actions if "disable" in a.title]
    edited = apply_edits(text, workspace_edits(disable.edit, uri))
    assert edited == "- item\n\n  <!-- mdcheck-disable-next-line DOC001 -->\n  中文😀abc"
    published = _recorder(client).count[uri]
    _change(client, uri, 2, edited)
    assert await _published(client, uri, published + 1) == []


async def test_fix_all_and_formatting(client: LanguageClient, files: Path) -> None:
    path = files / "fix-all.md"
    uri = path.as_uri()
    text = "\ufeff# Title\r\n\r\n中文😀abc"
    await _open(client, path, text)
    actions = await _actions(client, uri, _at(0, 0), [], only=["source.fixAll"])
    assert [(a.title, a.kind) for a in actions] == [
        ("mdcheck: fix all safe problems in this file", "source.fixAll.mdcheck")
    ]
    assert apply_edits(text, workspace_edits(actions[0].edit, uri)) == text + "\r\n"
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=4, insert_spaces=True),
        )
    )
    assert edits is not None
    assert apply_edits(text, edits) == text + "\r\n"


async def test_changes_are_debounced(client: LanguageClient, files: Path) -> None:
    path = files / "debounce.md"
    uri = path.as_uri()
    await _open(client, path, "a\n")
    published = _recorder(client).count[uri]
    for version in range(2, 7):
        _change(client, uri, version, "a\n" + "b" * version)
    diagnostics = await _published(client, uri, published + 1)
    await asyncio.sleep(0.4)
    assert _recorder(client).count[uri] == published + 1  # one lint for the burst
    assert [d.range for d in diagnostics] == [_at(1, 6)]  # of the last version


async def test_watches_configuration_files(client: LanguageClient) -> None:
    registrations = client.registrations  # type: ignore[attr-defined]
    await _until(lambda: bool(registrations))
    (registration,) = registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    watchers = registration.register_options["watchers"]
    assert watchers == [{"globPattern": "**/{.mdcheck.toml,mdcheck.toml,pyproject.toml}"}]


async def test_broken_configuration_then_fixed(client: LanguageClient, files: Path) -> None:
    folder = files / "broken"
    folder.mkdir()
    config = folder / "mdcheck.toml"
    config.write_text("select = [\n", encoding="utf-8")
    path = folder / "doc.md"
    diagnostics = await _open(client, path, "中文😀abc")
    (problem,) = diagnostics
    assert problem.message.startswith(f"mdcheck: configuration error: {config}: invalid TOML")
    assert problem.message.endswith("(the file is not checked)")
    assert any("invalid TOML" in m.message for m in client.messages)

    uri = path.as_uri()
    published = _recorder(client).count[uri]
    config.write_text(f'{SELECTION}\nignore = ["DOC001"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert await _published(client, uri, published + 1) == []

    config.write_text("select = 5\n", encoding="utf-8")  # valid TOML, invalid configuration
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=config.as_uri())
        )
    )
    (problem,) = await _published(client, uri, published + 2)
    assert "configuration error" in problem.message
    assert "select" in problem.message


def _send_raw(client: LanguageClient, body: bytes) -> None:
    server = client._server
    assert server is not None and server.stdin is not None
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


async def test_server_survives_bad_input(client: LanguageClient, files: Path) -> None:
    missing = (files / "never-opened.md").as_uri()
    _change(client, missing, 5, "text")  # a change to a document that was never opened
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=missing))
    )
    _send_raw(client, b"{not json")
    _send_raw(client, b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}}')
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=missing),
            range=_at(3, 99),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert result is None  # nothing to offer for a document that is not open
    diagnostics = await _open(client, files / "after-bad-input.md", "x")
    assert [d.code for d in diagnostics] == ["DOC001"]


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "mdcheck", "server"],
        server_env={**os.environ, "PYTHONPATH": str(ROOT)},
    ),
)
async def utf8_client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    lsp_client.diagnostics = _Recorder()
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=["utf-8", "utf-16"])
    )
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities))
    assert result.capabilities.position_encoding == "utf-8"
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="function")
async def test_utf8_positions_when_the_client_prefers_them(
    utf8_client: LanguageClient, files: Path
) -> None:
    text = "中文😀abc"
    (finding,) = await _open(utf8_client, files / "utf8.md", text)
    assert finding.range == _at(0, len(text.encode("utf-8")))
