"""The language server: documents in, diagnostics out; configuration found as on the CLI.

Diagnostics are published when a document is opened or saved, and shortly after the
typing stops (changes are debounced). Nothing a client sends, no configuration and no
document may stop the server: every handler reports its failure and keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mdcheck.api import lint_text
from mdcheck.config import CONFIG_FILES, Config, ConfigError, ConfigResolver
from mdcheck.diagnostic import Diagnostic
from mdcheck.server.actions import code_actions, format_document
from mdcheck.server.convert import FIX_ALL_KIND, problem_diagnostic, to_lsp_diagnostic
from mdcheck.server.positions import LineIndex
from mdcheck.version import __version__

DEBOUNCE_SECONDS = 0.25
CONFIG_GLOB = "**/{" + ",".join(CONFIG_FILES) + "}"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LintResult:
    """One lint of one version of a document, with what the code actions need."""

    uri: str
    version: int | None
    text: str
    index: LineIndex
    path: str
    config: Config | None  # None: the configuration could not be loaded
    diagnostics: tuple[Diagnostic, ...]
    published: tuple[types.Diagnostic, ...]  # parallel to ``diagnostics`` (plus problems)


class MdcheckServer(LanguageServer):
    """pygls server holding the per-session state: configurations, lints, pending timers."""

    def __init__(self) -> None:
        super().__init__(
            "mdcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self._resolver: ConfigResolver | None = None
        self._results: dict[str, LintResult] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._reported: set[str] = set()

    # -- configuration --------------------------------------------------------------------

    def workspace_root(self) -> Path:
        """The folder an unsaved document's configuration is looked up from."""
        for folder in self.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                return Path(path)
        root = self.workspace.root_path
        return Path(root) if root else Path.cwd()

    def reload_configuration(self) -> None:
        """Forget every loaded configuration and lint the open documents again."""
        self._resolver = None
        self._reported.clear()
        self._results.clear()
        for document in list(self.workspace.text_documents.values()):
            self.publish(document.uri)  # the URI as the client sent it

    def config_for(self, uri: str) -> tuple[str, Config]:
        """The path to lint the document as, and its configuration (may raise ConfigError)."""
        if self._resolver is None:
            self._resolver = ConfigResolver(cwd=self.workspace_root())
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # untitled or virtual: the workspace folder's configuration
            return "-", self._resolver.for_path("-")
        return path, self._resolver.for_path(path)

    def report_problem(self, message: str, kind: types.MessageType) -> None:
        """Show and log a message once (until the configuration is reloaded)."""
        if message not in self._reported:
            self._reported.add(message)
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    # -- linting --------------------------------------------------------------------------

    def is_open(self, uri: str) -> bool:
        # pygls keys open documents by the percent-decoded URI: a path with a space is
        # "file:///a%20b.md" from the client and "file:///a b.md" in the workspace
        return unquote(uri) in self.workspace.text_documents

    def lint(self, uri: str) -> LintResult:
        """Lint the open document's current text (cached per text and version)."""
        document = self.workspace.get_text_document(uri)
        text = document.source
        cached = self._results.get(uri)
        if cached is not None and cached.version == document.version and cached.text == text:
            return cached
        encoding = str(self.workspace.position_encoding or "utf-16")
        index = LineIndex(text, encoding)
        config: Config | None = None
        path = "-"
        diagnostics: tuple[Diagnostic, ...] = ()
        problems: list[types.Diagnostic] = []
        try:
            path, config = self.config_for(uri)
        except (ConfigError, OSError) as exc:
            message = f"mdcheck: configuration error: {exc}"
            self.report_problem(message, types.MessageType.Error)
            problems.append(problem_diagnostic(f"{message} (the file is not checked)", index))
        if config is not None:
            try:
                diagnostics = tuple(lint_text(text, path, config))
            except Exception as exc:
                self.window_log_message(
                    types.LogMessageParams(
                        type=types.MessageType.Error, message=traceback.format_exc()
                    )
                )
                message = f"mdcheck could not check this file: {type(exc).__name__}: {exc}"
                problems.append(problem_diagnostic(f"{message}; please report this", index))
        published = tuple(to_lsp_diagnostic(d, index) for d in diagnostics) + tuple(problems)
        result = LintResult(
            uri, document.version, text, index, path, config, diagnostics, published
        )
        if not problems:  # a failed lint is tried again next time
            self._results[uri] = result
        return result

    def publish(self, uri: str) -> None:
        """Lint the document now and publish its diagnostics; never raises."""
        self.cancel(uri)
        try:
            if is_config_file(uri) or not self.is_open(uri):
                return
            result = self.lint(uri)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=list(result.published), version=result.version
                )
            )
        except Exception:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=traceback.format_exc())
            )

    def schedule(self, uri: str) -> None:
        """Publish after a pause in typing: each change restarts the wait."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(DEBOUNCE_SECONDS, self.publish, uri)

    def cancel(self, uri: str) -> None:
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def forget(self, uri: str) -> None:
        self.cancel(uri)
        self._results.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def is_config_file(uri: str) -> bool:
    return os.path.basename(uri.rstrip("/")) in CONFIG_FILES


def build_server() -> MdcheckServer:
    """Create the server and register its features."""
    server = MdcheckServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MdcheckServer, params: types.InitializedParams) -> None:
        await _watch_config_files(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: MdcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: MdcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: MdcheckServer, params: types.DidSaveTextDocumentParams) -> None:
        if is_config_file(params.text_document.uri):
            ls.reload_configuration()
        else:
            ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: MdcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched_files(
        ls: MdcheckServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        if any(is_config_file(change.uri) for change in params.changes):
            ls.reload_configuration()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: MdcheckServer, params: types.DidChangeConfigurationParams
    ) -> None:
        ls.reload_configuration()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    def code_action(
        ls: MdcheckServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        return code_actions(ls, params)

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(
        ls: MdcheckServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit] | None:
        return format_document(ls, params.text_document.uri)

    return server


async def _watch_config_files(server: MdcheckServer) -> None:
    """Ask the client to report changes to configuration files, if it can."""
    capabilities = server.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if watched is None or not watched.dynamic_registration:
        return
    options: Any = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_GLOB)]
    )
    registration = types.Registration(
        id="mdcheck-config-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await server.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except Exception as exc:  # the client refused: saving a config file still reloads
        log.info("could not register configuration file watchers: %s", exc)
