"""The editor snippets in docs/editors.md, run against real mdcheck output.

Every snippet is checked for syntax; the ones that parse mdcheck's output (VS Code's
problem matcher, Vim's errorformat, the nvim-lint parser, the flymake backend and Emacs'
compile mode) are run, the editor-based ones only where that editor is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_subprocess

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DOC = ROOT / "docs" / "editors.md"
_SNIPPET = re.compile(
    r"<!-- snippet: (?P<name>[\w.-]+) -->\n```(?P<lang>\w+)\n(?P<body>.*?)\n```", re.S
)
# a finding after Chinese text and an emoji on the same line: MC001 at character column 5
ARTICLE = "# 标题\n\n中文😀 <!-- mdcheck-disable-line XY999 -->\n"
MESSAGE = "suppression names unknown code 'XY999' ('mdcheck rules' lists them)"


def snippets() -> dict[str, tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return {m["name"]: (m["lang"], m["body"]) for m in _SNIPPET.finditer(text)}


def snippet(name: str) -> str:
    return snippets()[name][1]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "mdcheck.toml").write_text('select = ["DOC001", "MC"]\n', encoding="utf-8")
    path = tmp_path / "folder with space" / "article.md"
    path.parent.mkdir()
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


@pytest.fixture
def bin_path(tmp_path: Path) -> str:
    """A PATH on which ``mdcheck`` runs this checkout."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "mdcheck"
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m mdcheck "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def _run_editor(argv: list[str], path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=cwd,
        env={**os.environ, "PATH": path, "HOME": str(cwd)},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=60,
    )


def test_snippets_are_present_and_well_formed() -> None:
    found = snippets()
    assert set(found) == {
        "vscode-settings",
        "vscode-tasks",
        "neovim-0.11",
        "neovim-0.8",
        "neovim-0.7",
        "nvim-lint",
        "vim-ale",
        "vim-errorformat",
        "emacs-eglot",
        "emacs-flymake",
        "emacs-compile",
        "helix",
        "zed-settings",
        "zed-tasks",
    }
    for _name, (lang, body) in found.items():
        if lang == "json":
            json.loads(body)
        elif lang == "toml":
            tomllib.loads(body)
        elif lang == "elisp":
            assert body.count("(") == body.count(")")
    helix = tomllib.loads(snippet("helix"))
    assert helix["language-server"]["mdcheck"] == {"command": "mdcheck", "args": ["server"]}


def test_vscode_problem_matcher_reads_the_cli_output(article: Path) -> None:
    matcher = json.loads(snippet("vscode-tasks"))["tasks"][0]["problemMatcher"]
    pattern = matcher["pattern"]
    sample = ROOT / "tests" / "fixtures" / "sample-article.md"
    result = run_subprocess("--quiet", "--no-color", str(article), str(sample))
    lines = result.stdout.decode("utf-8").splitlines()
    report = json.loads(run_subprocess("--format", "json", str(article), str(sample)).stdout)
    expected = [
        [d["path"], str(d["line"]), str(d["column"]), d["severity"], d["code"], d["message"]]
        for d in report["diagnostics"]
    ]
    assert len(lines) == len(expected) >= 2
    regexp = re.compile(pattern["regexp"])
    fields = ("file", "line", "column", "severity", "code", "message")
    found = [
        [m.group(pattern[f]) for f in fields]
        for m in (regexp.match(line) for line in lines)
        if m is not None
    ]
    assert found == expected
    first_in_article = next(e for e in expected if e[0] == str(article))
    assert first_in_article[1:] == [
        "3",
        "5",
        "warning",
        "MC001",
        MESSAGE,
    ]  # output is sorted by path
    node = shutil.which("node")
    if node is not None:  # the pattern is a JavaScript regular expression in VS Code
        script = (
            "const re = new RegExp(process.argv[1]);"
            "const lines = JSON.parse(process.argv[2]);"
            "console.log(JSON.stringify(lines.map(l => re.exec(l))));"
        )
        out = subprocess.run(
            [node, "-e", script, pattern["regexp"], json.dumps(lines)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        groups = json.loads(out)
        assert [[g[pattern[f]] for f in fields] for g in groups] == expected


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_errorformat_fills_the_quickfix_list(
    article: Path, bin_path: str, tmp_path: Path
) -> None:
    (tmp_path / "snippet.vim").write_text(snippet("vim-errorformat"), encoding="utf-8")
    script = tmp_path / "run.vim"
    script.write_text(
        "filetype on\n"
        "source snippet.vim\n"
        f"edit {article}\n"
        "silent make\n"
        "call writefile(map(getqflist(), {_, e -> printf('%s|%d|%d|%d|%s',"
        " fnamemodify(bufname(e.bufnr), ':p'), e.valid, e.lnum, e.col, e.type .. e.text)}),"
        " 'qf.txt')\n"
        "qa!\n",
        encoding="utf-8",
    )
    _run_editor(
        ["vim", "-N", "-u", "NONE", "-i", "NONE", "-es", "-S", str(script)], bin_path, tmp_path
    )
    entries = (tmp_path / "qf.txt").read_text(encoding="utf-8").splitlines()
    assert entries == [f"{article}|1|3|5|wMC001 {MESSAGE}"]


@pytest.mark.skipif(shutil.which("nvim") is None, reason="neovim is not installed")
def test_lua_snippets_compile(bin_path: str, tmp_path: Path) -> None:
    names = [name for name, (lang, _) in snippets().items() if lang == "lua"]
    for name in names:
        (tmp_path / f"{name}.lua").write_text(snippet(name), encoding="utf-8")
    check = tmp_path / "check.lua"
    lua_names = ", ".join(json.dumps(name) for name in names)
    check.write_text(
        "local out = {}\n"
        f"for _, name in ipairs({{{lua_names}}}) do\n"
        "  local f = io.open(name .. '.lua'); local chunk, err = loadstring(f:read('*a'))\n"
        "  table.insert(out, name .. ' ' .. (chunk and 'ok' or err))\n"
        "end\n"
        "vim.fn.writefile(out, 'compiled.txt')\n"
        "vim.cmd('qa!')\n",
        encoding="utf-8",
    )
    _run_editor(["nvim", "--headless", "-u", "NONE", "-c", f"luafile {check}"], bin_path, tmp_path)
    compiled = (tmp_path / "compiled.txt").read_text(encoding="utf-8").splitlines()
    assert compiled == [f"{name} ok" for name in names]


@pytest.mark.skipif(shutil.which("nvim") is None, reason="neovim is not installed")
def test_nvim_lint_parser_converts_columns_to_bytes(
    article: Path, bin_path: str, tmp_path: Path
) -> None:
    (tmp_path / "snippet.lua").write_text(snippet("nvim-lint"), encoding="utf-8")
    script = tmp_path / "run.lua"
    script.write_text(
        """
package.loaded['lint'] = { linters = {}, linters_by_ft = {}, try_lint = function() end }
dofile('snippet.lua')
vim.cmd('edit ' .. vim.fn.fnameescape(ARTICLE))
local buf = vim.api.nvim_get_current_buf()
local linter = require('lint').linters.mdcheck
local argv = { linter.cmd }
for _, arg in ipairs(linter.args) do
  table.insert(argv, type(arg) == 'function' and arg() or arg)
end
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\\n') .. '\\n'
local output = vim.fn.system(argv, text)
local out = {}
for _, d in ipairs(linter.parser(output, buf)) do
  table.insert(out, string.format('%d|%d|%d|%d|%d|%s|%s', d.lnum, d.col, d.end_lnum,
    d.end_col, d.severity, d.code, d.message))
end
vim.fn.writefile(out, 'diagnostics.txt')
vim.cmd('qa!')
""".replace("ARTICLE", json.dumps(str(article))),
        encoding="utf-8",
    )
    _run_editor(["nvim", "--headless", "-u", "NONE", "-c", f"luafile {script}"], bin_path, tmp_path)
    comment = "<!-- mdcheck-disable-line XY999 -->"
    start = len("中文😀 ".encode())
    end = start + len(comment)
    warn = 2  # vim.diagnostic.severity.WARN
    assert (tmp_path / "diagnostics.txt").read_text(encoding="utf-8").splitlines() == [
        f"2|{start}|2|{end}|{warn}|MC001|{MESSAGE}"
    ]


_EMACS_REPORT = """
(let ((n 0))
  (while (and (< n 100) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)
    (setq n (1+ n))))
(let ((lines (mapcar (lambda (d)
                       (let ((beg (flymake-diagnostic-beg d)))
                         (format "%d|%d|%s|%s\\n" (line-number-at-pos beg)
                                 (save-excursion
                                   (goto-char beg) (- beg (line-beginning-position)))
                                 (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
                     (flymake-diagnostics))))
  (with-temp-file OUTPUT (apply #'insert lines)))
(kill-emacs 0)
"""


@pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")
def test_emacs_flymake_backend(article: Path, bin_path: str, tmp_path: Path) -> None:
    (tmp_path / "mdcheck-flymake.el").write_text(snippet("emacs-flymake"), encoding="utf-8")
    script = tmp_path / "run.el"
    script.write_text(
        f'(add-to-list \'load-path "{tmp_path}")\n'
        "(require 'mdcheck-flymake)\n"
        f"(find-file {json.dumps(str(article))})\n"
        "(add-hook 'flymake-diagnostic-functions #'mdcheck-flymake nil t)\n"
        "(flymake-mode 1)\n"
        "(flymake-start)\n"
        + _EMACS_REPORT.replace("OUTPUT", json.dumps(str(tmp_path / "diagnostics.txt"))),
        encoding="utf-8",
    )
    _run_editor(["emacs", "--batch", "-Q", "-l", str(script)], bin_path, tmp_path)
    # 0-based character column 4: after 中, 文, 😀 and the space
    assert (tmp_path / "diagnostics.txt").read_text(encoding="utf-8").splitlines() == [
        f"3|4|:warning|MC001 {MESSAGE}"
    ]


@pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")
def test_emacs_compile_jumps_to_the_character(article: Path, bin_path: str, tmp_path: Path) -> None:
    script = tmp_path / "run.el"
    script.write_text(
        "(require 'compile)\n"
        + snippet("emacs-compile")
        + "\n"
        + f"(let ((default-directory {json.dumps(str(article.parent) + '/')}))\n"
        '  (compile "mdcheck --quiet --no-color article.md"))\n'
        '(while (get-buffer-process "*compilation*") (accept-process-output nil 0.1))\n'
        '(with-current-buffer "*compilation*" (goto-char (point-min)))\n'
        "(next-error 1 t)\n"
        f"(let* ((buffer (get-file-buffer {json.dumps(str(article))}))\n"
        "       (window (get-buffer-window buffer)))\n"
        "  (with-current-buffer buffer\n"
        "    (when window (goto-char (window-point window)))\n"
        '    (let ((location (format "%d|%d" (line-number-at-pos)\n'
        "                            (- (point) (line-beginning-position)))))\n"
        f"      (with-temp-file {json.dumps(str(tmp_path / 'location.txt'))}\n"
        "        (insert location)))))\n"
        "(kill-emacs 0)\n",
        encoding="utf-8",
    )
    _run_editor(["emacs", "--batch", "-Q", "-l", str(script)], bin_path, tmp_path)
    assert (tmp_path / "location.txt").read_text(encoding="utf-8") == "3|4"


# the Neovim versions each snippet is for: from its own version to the next snippet's
_NVIM_SNIPPETS = {
    "neovim-0.7": ((0, 7), (0, 8)),
    "neovim-0.8": ((0, 8), (0, 11)),
    "neovim-0.11": ((0, 11), (99, 0)),
}


def _nvim_version() -> tuple[int, int] | None:
    if shutil.which("nvim") is None:
        return None
    out = subprocess.run(["nvim", "--version"], capture_output=True, text=True, check=False)
    match = re.match(r"NVIM v(\d+)\.(\d+)", out.stdout)
    return (int(match[1]), int(match[2])) if match else None


_NVIM_LSP = """
vim.cmd('filetype on')
dofile('snippet.lua')
vim.cmd('edit ' .. vim.fn.fnameescape(ARTICLE))
local buf = vim.api.nvim_get_current_buf()
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
local out = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(out, string.format('%d|%d|%s|%s', d.lnum, d.col, d.code or lsp.code or '',
    d.message))
end
vim.fn.writefile(out, 'diagnostics.txt')
vim.cmd('qa!')
"""


@pytest.mark.parametrize("name", sorted(_NVIM_SNIPPETS))
def test_neovim_snippet_runs_the_language_server(
    name: str, article: Path, bin_path: str, tmp_path: Path
) -> None:
    version = _nvim_version()
    if version is None:
        pytest.skip("neovim is not installed")
    low, high = _NVIM_SNIPPETS[name]
    if not low <= version < high:
        pytest.skip(f"{name} is for Neovim {low}..{high}; this is {version}")
    (tmp_path / "snippet.lua").write_text(snippet(name), encoding="utf-8")
    script = tmp_path / "run.lua"
    script.write_text(_NVIM_LSP.replace("ARTICLE", json.dumps(str(article))), encoding="utf-8")
    _run_editor(["nvim", "--headless", "-u", "NONE", "-c", f"luafile {script}"], bin_path, tmp_path)
    # line 3, after 中 文 😀 and a space: 11 bytes (Neovim converts the UTF-16 range)
    assert (tmp_path / "diagnostics.txt").read_text(encoding="utf-8").splitlines() == [
        f"2|11|MC001|{MESSAGE}"
    ]


_EMACS_EGLOT = """
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(unless (and (require 'markdown-mode nil t) (require 'eglot nil t))
  (with-temp-file OUTPUT (insert "missing"))
  (kill-emacs 0))
SNIPPET
(find-file ARTICLE)
;; eglot-ensure connects from the command loop's post-command-hook and flymake starts on
;; an idle timer: batch Emacs has neither, so both are run here as the loop would
(run-hooks 'post-command-hook)
(flymake-start)
"""


@pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")
def test_emacs_eglot_snippet_runs_the_language_server(
    article: Path, bin_path: str, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=False)  # eglot's project
    output = json.dumps(str(tmp_path / "diagnostics.txt"))
    script = tmp_path / "run.el"
    script.write_text(
        _EMACS_EGLOT.replace("SNIPPET", snippet("emacs-eglot"))
        .replace("ARTICLE", json.dumps(str(article)))
        .replace("OUTPUT", output)
        + _EMACS_REPORT.replace("OUTPUT", output),
        encoding="utf-8",
    )
    _run_editor(["emacs", "--batch", "-Q", "-l", str(script)], bin_path, tmp_path)
    found = (tmp_path / "diagnostics.txt").read_text(encoding="utf-8").splitlines()
    if found == ["missing"]:
        pytest.skip("markdown-mode or eglot is not installed for this Emacs")
    assert len(found) == 1
    line, column, kind, text = found[0].split("|", 3)
    assert (line, column, kind) == ("3", "4", "eglot-warning")
    assert MESSAGE in text
