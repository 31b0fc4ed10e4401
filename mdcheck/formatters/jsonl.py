"""``jsonl``: JSON Lines, one finding per line with the fields of the ``json`` format's
diagnostics (for ``jq``, log shippers and streaming readers), and one
``{"path": …, "error": …}`` line per path that could not be checked."""

from __future__ import annotations

import json

from mdcheck.formatters.base import Formatter, Report, display_path
from mdcheck.formatters.json_format import diagnostic_to_dict


class JsonLinesFormatter(Formatter):
    name = "jsonl"
    description = "JSON Lines: one finding per line (the json format's diagnostic fields)"

    def render(self, report: Report) -> str:
        lines = [json.dumps(diagnostic_to_dict(d), ensure_ascii=False) for d in report.diagnostics]
        lines += [
            json.dumps({"path": display_path(r.path), "error": r.error}, ensure_ascii=False)
            for r in report.results
            if r.error
        ]
        return "".join(line + "\n" for line in lines)
