"""``json`` and ``json-lines``: one record per finding, its fix as ruff's JSON carries one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring_ascii
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Edit, Finding, Fix
from autogen_lint.output.common import each
from autogen_lint.runner import FileReport


def as_json(reports: Sequence[FileReport]) -> str:
    """A JSON array of every finding, laid out as ``json.dumps(..., indent=2)`` lays it out.

    Written in one pass, record by record, with the C string encoder: ``json.dumps`` with an
    indent falls back to its pure-Python encoder, several times slower on thousands of findings.
    """
    parts: list[str] = []
    strings: dict[str, str] = {}  # codes, symbols, links and messages repeat

    def encoded(text: str) -> str:
        found = strings.get(text)
        if found is None:
            found = strings[text] = encode_basestring_ascii(text)
        return found

    for report in reports:
        path = encode_basestring_ascii(report.path)
        for finding in report.findings:
            rule = RULES[finding.code]
            fix: list[str] = []
            if finding.fix is None:
                fix.append("null")
            else:
                indented(fix_record(finding.fix), "\n    ", fix)
            lead = ",\n  {\n    " if parts else "[\n  {\n    "
            cell = "null" if finding.cell is None else finding.cell
            parts.append(
                f'{lead}"path": {path},\n    "line": {finding.line},\n    "column": {finding.col + 1},'
                f'\n    "end_line": {finding.end_line},\n    "end_column": {finding.end_col + 1},'
                f'\n    "code": {encoded(finding.code)},\n    "symbol": {encoded(rule.symbol)},'
                f'\n    "message": {encoded(finding.message)},\n    "url": {encoded(finding.url)},'
                f'\n    "severity": {encoded(rule.severity)},\n    "cell": {cell},'
                f'\n    "fix": {"".join(fix)}\n  }}'
            )
    parts.append("\n]\n" if parts else "[]\n")
    return "".join(parts)


def indented(value: object, newline: str, parts: list[str]) -> None:
    """Append ``value`` as JSON with a two-space indent (``newline`` leads its own lines' indent)."""
    if isinstance(value, str):
        parts.append(encode_basestring_ascii(value))
    elif value is None:
        parts.append("null")
    elif value is True or value is False:
        parts.append("true" if value else "false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            parts += (separator, encode_basestring_ascii(str(key)), ": ")
            indented(item, inner, parts)
            separator = "," + inner
        parts += (newline, "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            indented(item, inner, parts)
            separator = "," + inner
        parts += (newline, "]")
    else:
        parts.append(json.dumps(value))


def json_lines(reports: Sequence[FileReport]) -> str:
    """One JSON object per line (JSON Lines), the same records as ``json``."""
    return "".join(json.dumps(record(path, finding)) + "\n" for path, finding in each(reports))


def record(path: str, finding: Finding) -> dict[str, Any]:
    """A finding as plain data: 1-based lines and columns, the end column one past the range."""
    rule = RULES[finding.code]
    return {
        "path": path,
        "line": finding.line,
        "column": finding.col + 1,
        "end_line": finding.end_line,
        "end_column": finding.end_col + 1,
        "code": finding.code,
        "symbol": rule.symbol,
        "message": finding.message,
        "url": finding.url,
        "severity": rule.severity,
        "cell": finding.cell,
        "fix": None if finding.fix is None else fix_record(finding.fix),
    }


def fix_record(fix: Fix) -> dict[str, Any]:
    """``{applicability, message, edits}`` as ruff writes a fix; positions 1-based, cell-relative in notebooks."""
    return {"applicability": fix.applicability.value, "message": fix.title, "edits": [_edit(e) for e in fix.edits]}


def _edit(edit: Edit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "content": edit.content,
        "location": {"row": edit.line, "column": edit.col + 1},
        "end_location": {"row": edit.end_line, "column": edit.end_col + 1},
    }
    if edit.cell is not None:
        data["cell"] = edit.cell
    return data
