"""Command-line interface: argument parsing and exit codes only.

Exit codes: 0 nothing at or above the fail level, 1 findings (or ``--diff`` would change
something), 2 usage error, bad configuration, missing or unreadable path, internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mdcheck import cli_output
from mdcheck.api import lint_paths
from mdcheck.config import Config, ConfigError, ConfigResolver
from mdcheck.diagnostic import Severity
from mdcheck.formatters import FORMATTERS, Report
from mdcheck.run.files import UnreadableError, decode
from mdcheck.run.process import (
    FileResult,
    RunOptions,
    oversized_result,
    process_source,
    unreadable_result,
)

if TYPE_CHECKING:
    from mdcheck.run.cache import ResultCache

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "rules", "rule", "profile", "server", "init")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; given ``command``, with only that subcommand's parser (each one
    costs start-up time, and a run parses the arguments of one subcommand)."""
    from mdcheck.version import __version__

    parser = _Parser(prog="mdcheck", description="Lint and fix structured Markdown articles.")
    parser.add_argument("--version", action="version", version=f"mdcheck {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    if command in (None, "check"):
        _add_check_parser(sub)
    if command in (None, "rules"):
        rules = sub.add_parser("rules", help="list the rules")
        rules.add_argument("--format", choices=["text", "json"], default="text")
    if command in (None, "rule"):
        rule = sub.add_parser("rule", help="print a rule's documentation")
        rule.add_argument("rule", metavar="CODE", help="a rule code or name")
    if command in (None, "profile"):
        profile = sub.add_parser("profile", help="check an article profile or infer one")
        profile.add_argument("action", choices=["check", "infer"])
        profile.add_argument("file", metavar="FILE", help="a profile (check) or an article (infer)")
    if command in (None, "init"):
        sub.add_parser("init", help="write a commented starter mdcheck.toml here")
    if command in (None, "server"):
        server = sub.add_parser("server", help="run the language server (LSP over stdio)")
        server.add_argument("--stdio", action="store_true", help="accepted; stdio is the transport")
    return parser


def _add_check_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    check = sub.add_parser("check", help="lint files and folders (the default command)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    check.add_argument("--config", metavar="FILE", help="use this configuration file only")
    check.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes, names")
    check.add_argument("--extend-select", metavar="CODES", help="add to the selection")
    check.add_argument("--ignore", metavar="CODES", help="codes, prefixes or names to skip")
    check.add_argument(
        "--format",
        "--output-format",
        choices=sorted(FORMATTERS),
        default="text",
        metavar="FORMAT",
        help="report format: " + ", ".join(sorted(FORMATTERS)) + " (default: text)",
    )
    check.add_argument("--output-file", metavar="FILE", help="write the report to FILE")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    check.add_argument("--diff", action="store_true", help="print what --fix would change")
    check.add_argument("--stdin-filename", metavar="PATH", help="name standard input")
    check.add_argument("--fail-level", choices=["error", "warning", "info"])
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text report (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces)",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print a count per rule instead of findings"
    )
    check.add_argument(
        "--show-fixes",
        action="store_true",
        help="show each finding's fix; with --fix, list the fixes applied by rule",
    )
    check.add_argument(
        "--show-settings",
        metavar="FILE",
        help="print the settings FILE gets and where each comes from, then stop",
    )
    check.add_argument(
        "--jobs", type=_positive_int, metavar="N", help="worker processes (default: CPU count)"
    )
    check.add_argument(
        "--cache-dir", metavar="DIR", help="result cache folder (default: .mdcheck_cache)"
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="apply exclude, .gitignore and .ignore to files named on the command line too",
    )
    check.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip what .gitignore and .ignore files ignore (default: yes)",
    )


def entry() -> NoReturn:
    """The ``mdcheck`` command (and ``python -m mdcheck``): :func:`main`, then exit at
    once. Everything is written by then (the report is flushed here, fixed files and the
    cache are written and closed inside the run), and tearing the interpreter down would
    only free memory: on a large run that takes longer than printing the report."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (``mdcheck | head``) or stream has nothing more to take
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "check")
    if args[0] in ("-h", "--help"):
        return _print_help()
    try:
        try:
            namespace = build_parser(args[0] if args[0] in SUBCOMMANDS else None).parse_args(args)
        except SystemExit as exc:  # --help and --version print and stop
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        if namespace.command == "rules":
            return _print_rules(namespace.format)
        if namespace.command == "rule":
            return _print_rule(namespace.rule)
        if namespace.command == "profile":
            from mdcheck.profile_command import profile_command

            return profile_command(namespace.action, namespace.file)
        if namespace.command == "server":
            return _run_server()
        if namespace.command == "init":
            from mdcheck.config_commands import init_config

            return init_config(Path.cwd())
        return run_check(namespace)
    except UsageError as exc:
        return _fail(str(exc))
    except ConfigError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user
        return _fail(f"internal error: {type(exc).__name__}: {exc}; please report this")


def _print_help() -> int:
    """``mdcheck --help``: the commands, then the options of ``check`` (the default)."""
    sys.stdout.write(build_parser().format_help())
    check = build_parser("check")._subparsers
    assert check is not None
    for action in check._group_actions:
        choices = getattr(action, "choices", None) or {}
        if "check" in choices:
            text = choices["check"].format_help()
            options = text[text.find("positional arguments") :]
            sys.stdout.write("\n'mdcheck [check]' (the default command) takes:\n\n" + options)
    return EXIT_OK


def _fail(message: str) -> int:
    print(f"mdcheck: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _print_rules(fmt: str) -> int:
    from mdcheck.ruledoc import rules_json, rules_table

    sys.stdout.write(rules_json() if fmt == "json" else rules_table())
    return EXIT_OK


def _print_rule(key: str) -> int:
    from mdcheck.ruledoc import rule_page
    from mdcheck.rules import find_rule

    rule = find_rule(key)
    if rule is None:
        raise UsageError(f"unknown rule {key!r} ('mdcheck rules' lists them)")
    sys.stdout.write(rule_page(rule))
    return EXIT_OK


def _run_server() -> int:
    try:
        from mdcheck.server import LSP_PACKAGES, serve
        from mdcheck.server.app import build_server  # noqa: F401  (checks the extra)
    except ModuleNotFoundError as exc:
        package = (exc.name or "").split(".")[0]
        if package not in LSP_PACKAGES:
            raise
        raise UsageError(
            f"'mdcheck server' needs the lsp extra ({package} is not installed); "
            "install it with: pip install 'mdcheck-lint[lsp]'"
        ) from None
    serve()
    return EXIT_OK


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


class _CliResolver(ConfigResolver):
    """Applies command-line selection on top of each discovered configuration."""

    def __init__(self, namespace: argparse.Namespace) -> None:
        explicit = Path(namespace.config) if namespace.config else None
        super().__init__(explicit)
        self._namespace = namespace
        self._adjusted: dict[int, Config] = {}
        from mdcheck.rules import match_selector

        for option in ("select", "extend_select", "ignore"):
            for selector in _split(getattr(namespace, option)):
                if not match_selector(selector):
                    flag = "--" + option.replace("_", "-")
                    raise UsageError(f"{flag}: unknown rule code or name {selector!r}")

    def for_path(self, path: str) -> Config:
        import dataclasses

        base = super().for_path(path)
        adjusted = self._adjusted.get(id(base))
        if adjusted is None:
            for warning in base.warnings:
                print(f"mdcheck: warning: {warning}", file=sys.stderr)
            ns = self._namespace
            changes: dict[str, object] = {}
            if ns.select:
                changes["select"] = _split(ns.select)
            if ns.extend_select:
                changes["extend_select"] = base.extend_select + _split(ns.extend_select)
            if ns.ignore:
                changes["ignore"] = base.ignore + _split(ns.ignore)
            if ns.fail_level:
                changes["fail_level"] = Severity.parse(ns.fail_level)
            if ns.respect_gitignore is not None:
                changes["respect_gitignore"] = ns.respect_gitignore
            adjusted = dataclasses.replace(base, **changes) if changes else base  # type: ignore[arg-type]
            self._adjusted[id(base)] = adjusted
        return adjusted


def run_check(ns: argparse.Namespace) -> int:
    if ns.diff and ns.fix:
        raise UsageError("--diff and --fix cannot be combined: --diff shows, --fix writes")
    resolver = _CliResolver(ns)
    if ns.show_settings:
        return _show_settings(ns, resolver)
    paths = ns.paths or ["."]
    fixing = ns.fix or ns.diff
    options = RunOptions(fix=fixing, unsafe_fixes=ns.unsafe_fixes, write=ns.fix)
    stdin_requested = "-" in paths
    results: list[FileResult] = []
    if stdin_requested:
        results.append(_lint_stdin(ns, resolver, options))
    with cli_output.progress(ns):
        results += lint_paths(
            [p for p in paths if p != "-"],
            resolver,
            options,
            jobs=ns.jobs or _default_jobs(),
            cache=None if ns.no_cache or fixing else _cache(ns.cache_dir, resolver),
            force_exclude=ns.force_exclude,
        )
    if not results:
        return cli_output.nothing_to_check(paths)
    wrote_stdin = False
    if stdin_requested and ns.fix and results[0].fixed is not None and not results[0].error:
        sys.stdout.write(results[0].fixed)
        sys.stdout.flush()
        wrote_stdin = True
    report = Report(
        results,
        fixing=ns.fix,
        unsafe_fixes=ns.unsafe_fixes,
        color=_use_color(ns),
        quiet=ns.quiet,
        statistics=ns.statistics,
        show_fixes=ns.show_fixes,
        fixed_codes=cli_output.fixed_codes(results, resolver) if ns.fix and ns.show_fixes else None,
    )
    for error in report.errors:
        print(f"mdcheck: error: {error}", file=sys.stderr)
    if ns.diff:
        changed = cli_output.print_diffs(results)
        return EXIT_ERROR if report.errors else (EXIT_FINDINGS if changed else EXIT_OK)
    formatter = FORMATTERS[ns.format]()
    rendered = formatter.render(report)
    cli_output.append_side_outputs(formatter.side_outputs(report))
    if ns.output_file:
        try:
            Path(ns.output_file).write_text(rendered, encoding="utf-8")
        except OSError as exc:  # a missing folder, a folder, no permission, a full disk
            reason = exc.strerror or type(exc).__name__
            return _fail(f"{ns.output_file}: cannot write the report: {reason}")
    elif stdin_requested and ns.fix:
        sys.stderr.write(rendered)  # stdout carries the fixed text
    else:
        sys.stdout.write(rendered)
    code = _exit_code(results, resolver, ns.exit_zero)
    if wrote_stdin and code == EXIT_FINDINGS and len(paths) == 1:
        # a formatter integration (--fix -): the text was written, which is success;
        # what remains is reported on standard error
        return EXIT_OK
    return code


def _default_jobs() -> int:
    from mdcheck.run.parallel import default_jobs

    return default_jobs()


def _cache(directory: str | None, resolver: ConfigResolver) -> ResultCache:
    """The cache folder given, or .mdcheck_cache at the project root (config or cwd)."""
    from mdcheck.run.cache import ResultCache, default_cache_dir

    if directory:
        return ResultCache(Path(directory))
    return ResultCache(default_cache_dir(resolver.for_path("-").root))


def _lint_stdin(
    ns: argparse.Namespace, resolver: ConfigResolver, options: RunOptions
) -> FileResult:
    name = ns.stdin_filename or "-"
    raw = sys.stdin.buffer.read()
    config = resolver.for_path(name)
    oversized = oversized_result(name, len(raw), config)
    if oversized is not None:
        return oversized
    try:
        source = decode(raw, name)
    except UnreadableError as exc:
        return unreadable_result(name, exc)
    return process_source(source, config, options)


def _exit_code(results: list[FileResult], resolver: ConfigResolver, exit_zero: bool) -> int:
    if any(r.error for r in results) or any(
        d.code == "MC004" for r in results for d in r.diagnostics
    ):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    for result in results:
        level = resolver.for_path(result.path).fail_level
        if any(d.severity.rank >= level.rank for d in result.diagnostics):
            return EXIT_FINDINGS
    return EXIT_OK


def _use_color(ns: argparse.Namespace) -> bool:
    """--color always / never win; then --no-color, NO_COLOR, FORCE_COLOR, a terminal."""
    if ns.color != "auto":
        return bool(ns.color == "always")
    if ns.no_color or os.environ.get("NO_COLOR") or ns.output_file:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _show_settings(ns: argparse.Namespace, resolver: ConfigResolver) -> int:
    from mdcheck.config_commands import show_settings

    given = {
        key
        for key, flag in (
            ("select", ns.select),
            ("extend-select", ns.extend_select),
            ("ignore", ns.ignore),
            ("fail-level", ns.fail_level),
            ("respect-gitignore", ns.respect_gitignore),
        )
        if flag is not None
    }
    return show_settings(ns.show_settings, resolver.for_path(ns.show_settings), given)
