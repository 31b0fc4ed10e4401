"""``sarif``: SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

Columns are Unicode code points (``columnKind: unicodeCodePoints``), as in every other
mdcheck output; regions carry start and end line and column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mdcheck.diagnostic import Severity
from mdcheck.formatters.base import Formatter, Report, display_path
from mdcheck.rules import ALL_RULES
from mdcheck.rules.base import HOMEPAGE

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> dict[str, str]:
    candidate = Path(path)
    if candidate.is_absolute():
        return {"uri": candidate.as_uri()}
    return {"uri": display_path(path).removeprefix("./"), "uriBaseId": "%SRCROOT%"}


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
            }
            for rule in ALL_RULES
        ]
        index = {rule["id"]: i for i, rule in enumerate(rules)}
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
                                "artifactLocation": _uri(d.path),
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
