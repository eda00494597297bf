"""``json`` and ``json-lines``: one record per finding, its fix as ruff's JSON carries one."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.finding_json import array_pieces, fix_record, with_path
from autogen_lint.findings import Finding
from autogen_lint.output.common import each
from autogen_lint.runner import FileReport


def as_json(reports: Sequence[FileReport]) -> str:
    """A JSON array of every finding, laid out as ``json.dumps(..., indent=2)`` lays it out.

    Each file's records are written once: by the worker that checked the file, with its path
    (``FileReport.printed``), or without (as the result cache has them), the path spliced in here.
    """
    return "".join(json_pieces(reports))


def json_pieces(reports: Sequence[FileReport]) -> Iterator[str]:
    """``as_json`` in pieces, to be written one after another: the whole text is never made."""
    return array_pieces(_printed(report) for report in reports if report.has_findings)


def _printed(report: FileReport) -> str:
    printed = report.printed
    return printed if printed is not None else with_path(report.records, report.path)


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
