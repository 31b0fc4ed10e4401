"""``json``: every field of every diagnostic, fix edits included.

The structure is versioned (``"version": 1``) and described by
``schemas/report.schema.json``; fields are only ever added within a version.
"""

from __future__ import annotations

import json
from typing import Any

from mdcheck.diagnostic import Diagnostic, Severity, Span
from mdcheck.formatters.base import Formatter, Report, display_path
from mdcheck.rules import rule_aliases

REPORT_VERSION = 1


def span_fields(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.col,
        "end_line": span.end_line,
        "end_column": span.end_col,
    }


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    fix: dict[str, Any] | None = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "description": d.fix.description,
            "edits": [
                {
                    "start_offset": e.start,
                    "end_offset": e.end,
                    "content": e.content,
                    **span_fields(e.span),
                }
                for e in d.fix.edits
            ],
        }
    return {
        "path": display_path(d.path),
        "code": d.code,
        "name": d.name,
        "aliases": list(rule_aliases(d.code)),
        "severity": d.severity.value,
        "message": d.message,
        **span_fields(d.span),
        "fix": fix,
        "data": dict(d.extra),
    }


class JsonFormatter(Formatter):
    name = "json"
    description = "versioned JSON with every field (schemas/report.schema.json)"

    def render(self, report: Report) -> str:
        from mdcheck.version import __version__

        counts = report.counts()
        safe, unsafe = report.fixable()
        document = {
            "version": REPORT_VERSION,
            "tool": {"name": "mdcheck", "version": __version__},
            "files": [
                {
                    "path": display_path(r.path),
                    "error": r.error,
                    "fixes_applied": r.applied,
                    "changed": r.changed,
                }
                for r in report.results
            ],
            "diagnostics": [diagnostic_to_dict(d) for d in report.diagnostics],
            "summary": {
                "files": len(report.results),
                "problems": sum(counts.values()),
                "errors": counts[Severity.ERROR],
                "warnings": counts[Severity.WARNING],
                "infos": counts[Severity.INFO],
                "fixable_safe": safe,
                "fixable_unsafe": unsafe,
                "unreadable_files": len(report.errors),
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
