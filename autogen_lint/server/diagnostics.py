"""Findings as LSP diagnostics: plain JSON-ready dicts, built once per check."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Finding
from autogen_lint.server.positions import UTF16, lsp_position

SOURCE = "autogen-lint"
ERROR, WARNING = 1, 2  # DiagnosticSeverity


def diagnostic(finding: Finding, lines: Sequence[str], encoding: str = UTF16) -> dict[str, Any]:
    """One diagnostic: exact range (in ``encoding`` code units), the code linked to the guide, the fix in ``data``."""
    rule = RULES[finding.code]
    data: dict[str, Any] = {"code": finding.code}
    if finding.fix is not None:
        data["fix"] = finding.fix.to_data()
    return {
        "range": {
            "start": lsp_position(lines, finding.line, finding.col, encoding),
            "end": lsp_position(lines, finding.end_line, finding.end_col, encoding),
        },
        "severity": ERROR if rule.severity == "error" else WARNING,
        "code": finding.code,
        "codeDescription": {"href": finding.url},
        "source": SOURCE,
        "message": finding.message,
        "data": data,
    }


def diagnostics(findings: Sequence[Finding], lines: Sequence[str], encoding: str = UTF16) -> list[dict[str, Any]]:
    return [diagnostic(finding, lines, encoding) for finding in findings]


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False)


class Encoded:
    """Each document's diagnostics as JSON text; a finding unchanged since the last check is not re-encoded.

    A finding's wire form depends on the finding and, through UTF-16 columns, on the text of
    its first and last lines: those three are the key of its cached JSON.
    """

    def __init__(self) -> None:
        self._last: dict[str, dict[tuple[Finding, str, str], str]] = {}

    def encode(self, uri: str, findings: Sequence[Finding], lines: Sequence[str], encoding: str = UTF16) -> str:
        """The JSON array of the diagnostics of ``uri``."""
        previous = self._last.get(uri, {})
        current: dict[tuple[Finding, str, str], str] = {}
        parts = []
        for finding in findings:
            key = (finding, _line(lines, finding.line), _line(lines, finding.end_line))
            text = previous.get(key) or current.get(key)
            if text is None:
                text = _ENCODER.encode(diagnostic(finding, lines, encoding))
            current[key] = text
            parts.append(text)
        self._last[uri] = current
        return f"[{','.join(parts)}]"

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)


def _line(lines: Sequence[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""
