"""Output formats, chosen by name. Adding one touches no rule and no CLI branch."""

from __future__ import annotations

from mdcheck.formatters.base import Formatter, Report
from mdcheck.formatters.github import GithubFormatter
from mdcheck.formatters.json_format import JsonFormatter
from mdcheck.formatters.junit import JunitFormatter
from mdcheck.formatters.sarif import SarifFormatter
from mdcheck.formatters.text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    formatter.name: formatter
    for formatter in (TextFormatter, JsonFormatter, SarifFormatter, GithubFormatter, JunitFormatter)
}

__all__ = ["FORMATTERS", "Formatter", "Report"]
