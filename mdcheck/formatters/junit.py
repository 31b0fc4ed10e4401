"""``junit``: JUnit XML, one test case per file, one failure per finding (GitLab, Jenkins)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mdcheck.formatters.base import Formatter, Report, display_path


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a test case per file, a failure per finding"

    def render(self, report: Report) -> str:
        suites = ET.Element("testsuites", name="mdcheck")
        suite = ET.SubElement(
            suites,
            "testsuite",
            name="mdcheck",
            tests=str(len(report.results)),
            failures=str(sum(1 for r in report.results if r.diagnostics)),
            errors=str(len(report.errors)),
        )
        for result in report.results:
            path = display_path(result.path)
            case = ET.SubElement(suite, "testcase", classname="mdcheck", name=path, file=path)
            if result.error:
                ET.SubElement(case, "error", message=result.error, type="unreadable")
            for d in result.diagnostics:
                where = f"{path}:{d.span.line}:{d.span.col}"
                failure = ET.SubElement(
                    case, "failure", message=f"{d.code} {d.message}", type=d.severity.value
                )
                failure.text = f"{where}: {d.code} [{d.name}] {d.message}"
        ET.indent(suites)
        xml = ET.tostring(suites, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
