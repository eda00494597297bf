"""SARIF 2.1.0 output, as GitHub code scanning and other SARIF viewers read it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from autogen_lint import __version__
from autogen_lint.catalog import Rule, iter_rules
from autogen_lint.docs import render_rule
from autogen_lint.findings import Fix
from autogen_lint.runner import FileReport
from autogen_lint.settings import Settings

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/autogen-lint/"


def _level(rule: Rule) -> str:
    return "error" if rule.severity == "error" else "warning"


def _rule(rule: Rule, settings: Settings) -> dict[str, Any]:
    url = settings.rule_link(rule)
    return {
        "id": rule.code,
        "name": rule.symbol,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "helpUri": url,
        "help": {
            "text": f"{rule.why}\n\n{'Migration guide' if rule.anchor else 'Documentation'}: {url}",
            "markdown": render_rule(rule, settings),
        },
        "defaultConfiguration": {"level": _level(rule)},
        "properties": {"tags": ["autogen", "migration"], "pylint-id": rule.pylint_id},
    }


def _fix(path: str, fix: Fix) -> dict[str, Any] | None:
    """A safe or unsafe fix as a SARIF fix; ``None`` for a suggestion, which edits nothing.

    Not for notebooks: SARIF regions are lines of the file, and a cell's lines are not.
    """
    if not fix.applicable:
        return None
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.line,
                "startColumn": edit.col + 1,
                "endLine": edit.end_line,
                "endColumn": edit.end_col + 1,
            },
            "insertedContent": {"text": edit.content},
        }
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {"artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"}, "replacements": replacements}
        ],
    }


def sarif(reports: Sequence[FileReport], settings: Settings) -> str:
    rules = list(iter_rules())
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    for report in reports:
        for finding in report.findings:
            rule = rules[index[finding.code]]
            result: dict[str, Any] = {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _level(rule),
                "message": {"text": f"{finding.message}; see {finding.url}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": report.path, "uriBaseId": "%SRCROOT%"},
                            "region": {
                                "startLine": finding.line,
                                "startColumn": finding.col + 1,
                                "endLine": finding.end_line,
                                "endColumn": finding.end_col + 1,
                            },
                        }
                    }
                ],
            }
            properties: dict[str, Any] = {} if finding.cell is None else {"cell": finding.cell}
            if finding.fix is not None:
                properties["applicability"] = finding.fix.applicability.value
                fix = _fix(report.path, finding.fix) if finding.cell is None else None
                if fix is not None:
                    result["fixes"] = [fix]
            if properties:
                result["properties"] = properties
            results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "autogen-lint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule, settings) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
