"""Output formats, chosen by name. Adding one touches no rule and no CLI branch.

The registry maps a name to ``"module:Class"``; a formatter's module is imported only when
that format is used (the JUnit one pulls in ``xml.etree``), so a run pays for one.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from mdcheck.formatters.base import Formatter, Report

_LOCATIONS = {
    "text": "mdcheck.formatters.text:TextFormatter",
    "json": "mdcheck.formatters.json_format:JsonFormatter",
    "sarif": "mdcheck.formatters.sarif:SarifFormatter",
    "github": "mdcheck.formatters.github:GithubFormatter",
    "junit": "mdcheck.formatters.junit:JunitFormatter",
    "gitlab": "mdcheck.formatters.gitlab:GitlabFormatter",
    "jsonl": "mdcheck.formatters.jsonl:JsonLinesFormatter",
}


class _Registry(Mapping[str, type[Formatter]]):
    """Formatter classes by name, each imported on first use."""

    def __init__(self, locations: Mapping[str, str]) -> None:
        self._locations = dict(locations)
        self._loaded: dict[str, type[Formatter]] = {}

    def __getitem__(self, name: str) -> type[Formatter]:
        if name not in self._loaded:
            module, _, attribute = self._locations[name].partition(":")
            formatter: type[Formatter] = getattr(importlib.import_module(module), attribute)
            self._loaded[name] = formatter
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._locations)

    def __len__(self) -> int:
        return len(self._locations)


FORMATTERS: Mapping[str, type[Formatter]] = _Registry(_LOCATIONS)

__all__ = ["FORMATTERS", "Formatter", "Report"]
