"""``sarif``: SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

Columns are Unicode code points (``columnKind: unicodeCodePoints``), as in every other
mdcheck output; regions carry start and end line and column. A file under the repository
root (the folder holding ``.git``, else the working folder) is named by a relative URI
reference against ``%SRCROOT%``, normalised and percent-encoded (spaces, commas, ``%``,
non-ASCII), and ``originalUriBaseIds`` gives that root as a ``file:`` URI; other files get
an absolute ``file:`` URI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mdcheck.diagnostic import Severity
from mdcheck.formatters.base import Formatter, Report, relative_to_root, repository_root
from mdcheck.rules import ALL_RULES
from mdcheck.rules.base import HOMEPAGE

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """SARIF's ``artifactLocation`` of a reported path."""
    relative = relative_to_root(path, root)
    if relative is None:
        return {"uri": Path(path).resolve().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}


def root_uri(root: Path) -> str:
    """The root as an absolute ``file:`` URI ending in ``/``, as SARIF requires of a base."""
    uri = root.as_uri()
    return uri if uri.endswith("/") else uri + "/"


class SarifFormatter(Formatter):
    name = "sarif"
    description = "SARIF 2.1.0 (GitHub code scanning)"

    def render(self, report: Report) -> str:
        from mdcheck.version import __version__

        rules = [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.summary},
                "help": {"text": rule.documentation(), "markdown": rule.documentation()},
                "helpUri": rule.doc_url(),
                "defaultConfiguration": {"level": _LEVELS[rule.severity]},
                **({"properties": {"aliases": list(rule.aliases)}} if rule.aliases else {}),
            }
            for rule in ALL_RULES
        ]
        index = {rule["id"]: i for i, rule in enumerate(rules)}
        root = repository_root()
        results: list[dict[str, Any]] = []
        for d in report.diagnostics:
            results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": _LEVELS[d.severity],
                    "message": {"text": d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact_location(d.path, root),
                                "region": {
                                    "startLine": d.span.line,
                                    "startColumn": d.span.col,
                                    "endLine": d.span.end_line,
                                    "endColumn": d.span.end_col,
                                },
                            }
                        }
                    ],
                }
            )
        notifications = [{"level": "error", "message": {"text": error}} for error in report.errors]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "mdcheck",
                    "version": __version__,
                    "informationUri": HOMEPAGE,
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri(root)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [
                {
                    "executionSuccessful": not report.errors,
                    "toolExecutionNotifications": notifications,
                }
            ],
        }
        sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
