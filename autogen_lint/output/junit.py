"""``junit``: JUnit XML, as Jenkins, Azure Pipelines, CircleCI and GitLab read test results.

Every file checked is a test case; each finding in it is one ``<failure>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from autogen_lint.output.common import in_cell, position
from autogen_lint.runner import FileReport

# Characters XML 1.0 cannot hold at all (a message may quote odd source text).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def junit(reports: Sequence[FileReport]) -> str:
    tests, failures = len(reports), sum(1 for report in reports if report.findings)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", {"name": "autogen-lint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "autogen-lint", **counts})
    for report in reports:
        path = _clean(report.path)
        case = ET.SubElement(suite, "testcase", {"name": path, "classname": "autogen-lint", "file": path})
        for finding in report.findings:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": _clean(in_cell(finding, finding.message)), "type": finding.code},
            )
            failure.text = _clean(f"{report.path}:{position(finding)}: {finding.code} {finding.message}\n{finding.url}")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
