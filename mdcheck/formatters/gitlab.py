"""``gitlab``: GitLab Code Quality, the JSON array that the merge-request widget reads.

Each finding is one issue: ``description`` (code and message), ``check_name`` (the code),
a ``fingerprint`` (stable across runs while the file, code, message and the line's
ordinal among identical findings stay the same, so GitLab can tell new findings from
old), ``severity`` (error = ``major``, warning = ``minor``, info = ``info``) and a
``location`` with the path relative to the repository root and the start and end.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any

from mdcheck.diagnostic import Severity
from mdcheck.formatters.base import (
    Formatter,
    Report,
    display_path,
    relative_to_root,
    repository_root,
)

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _fingerprint(*parts: object) -> str:
    text = "\0".join(str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class GitlabFormatter(Formatter):
    name = "gitlab"
    description = "GitLab Code Quality JSON (merge-request widget)"

    def render(self, report: Report) -> str:
        root = repository_root()
        seen: Counter[tuple[str, str, str]] = Counter()
        issues: list[dict[str, Any]] = []
        for d in report.diagnostics:
            path = relative_to_root(d.path, root) or display_path(d.path)
            key = (path, d.code, d.message)
            seen[key] += 1
            issues.append(
                {
                    "type": "issue",
                    "description": f"{d.code} {d.message}",
                    "check_name": d.code,
                    "categories": ["Style"],
                    "fingerprint": _fingerprint(*key, seen[key]),
                    "severity": _SEVERITIES[d.severity],
                    "location": {
                        "path": path,
                        "positions": {
                            "begin": {"line": d.span.line, "column": d.span.col},
                            "end": {"line": d.span.end_line, "column": d.span.end_col},
                        },
                    },
                }
            )
        for result in report.results:
            if result.error:
                path = relative_to_root(result.path, root) or display_path(result.path)
                issues.append(
                    {
                        "type": "issue",
                        "description": result.error,
                        "check_name": "mdcheck-error",
                        "categories": ["Bug Risk"],
                        "fingerprint": _fingerprint(path, "error", result.error),
                        "severity": "critical",
                        "location": {"path": path, "lines": {"begin": 1}},
                    }
                )
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
