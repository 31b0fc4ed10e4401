"""``junit``: JUnit XML as GitLab's test report and Jenkins read it.

One test suite per checked file (``name`` and ``file`` are its path), one failed test case
per finding (``CODE line:col``, its message as the failure), and one passing case for a
file without findings, so each finding is a row of its own in GitLab's and Jenkins' test
views. An unreadable path is a test case with an ``error``. The output is valid against the
Jenkins/Surefire ``junit-10.xsd`` schema.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mdcheck.formatters.base import Formatter, Report, display_path


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a test suite per file, a failed test case per finding"

    def render(self, report: Report) -> str:
        suites = ET.Element("testsuites", name="mdcheck")
        total = failures = errors = 0
        for result in report.results:
            path = display_path(result.path)
            suite = ET.SubElement(suites, "testsuite", name=path, file=path)
            cases = 0
            if result.error:
                case = ET.SubElement(suite, "testcase", classname=path, name="read")
                ET.SubElement(
                    case, "error", message=result.error, type="unreadable"
                ).text = result.error
                cases += 1
            for d in result.diagnostics:
                where = f"{d.span.line}:{d.span.col}"
                case = ET.SubElement(suite, "testcase", classname=path, name=f"{d.code} {where}")
                failure = ET.SubElement(
                    case, "failure", message=f"{d.code} {d.message}", type=d.severity.value
                )
                failure.text = f"{path}:{where}: {d.code} [{d.name}] {d.message}"
                cases += 1
            if not cases:
                ET.SubElement(suite, "testcase", classname=path, name="mdcheck")
                cases = 1
            suite_failures = len(result.diagnostics)
            suite_errors = 1 if result.error else 0
            suite.set("tests", str(cases))
            suite.set("failures", str(suite_failures))
            suite.set("errors", str(suite_errors))
            total, failures, errors = (
                total + cases,
                failures + suite_failures,
                errors + suite_errors,
            )
        suites.set("tests", str(total))
        suites.set("failures", str(failures))
        suites.set("errors", str(errors))
        ET.indent(suites)
        xml = ET.tostring(suites, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
