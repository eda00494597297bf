"""Findings as LSP diagnostics: plain JSON-ready dicts, built once per check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Finding
from autogen_lint.server.positions import lsp_position

SOURCE = "autogen-lint"
ERROR, WARNING = 1, 2  # DiagnosticSeverity


def diagnostic(finding: Finding, lines: Sequence[str]) -> dict[str, Any]:
    """One diagnostic: exact UTF-16 range, the code linked to the guide, the fix in ``data``."""
    rule = RULES[finding.code]
    data: dict[str, Any] = {"code": finding.code}
    if finding.fix is not None:
        data["fix"] = finding.fix.to_data()
    return {
        "range": {
            "start": lsp_position(lines, finding.line, finding.col),
            "end": lsp_position(lines, finding.end_line, finding.end_col),
        },
        "severity": ERROR if rule.severity == "error" else WARNING,
        "code": finding.code,
        "codeDescription": {"href": finding.url},
        "source": SOURCE,
        "message": finding.message,
        "data": data,
    }


def diagnostics(findings: Sequence[Finding], lines: Sequence[str]) -> list[dict[str, Any]]:
    return [diagnostic(finding, lines) for finding in findings]
