"""Rendering reports: ``text``, ``json``, ``github`` and the ``--statistics`` table."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Finding
from autogen_lint.runner import FileReport

FORMATS = ("text", "json", "sarif", "github")


def _each(reports: Sequence[FileReport]) -> Iterator[tuple[str, Finding]]:
    for report in reports:
        for finding in report.findings:
            yield report.path, finding


def _position(finding: Finding) -> str:
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{cell}{finding.line}:{finding.col + 1}"


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text


def text(reports: Sequence[FileReport], checked: int, *, colour: bool = False) -> str:
    style = _Style(colour)
    lines = []
    for path, finding in _each(reports):
        severity = "1;31" if RULES[finding.code].severity == "error" else "1;33"
        lines.append(
            f"{style(path, '1')}:{_position(finding)}: {style(finding.code, severity)} "
            f"{finding.message}; see {style(finding.url, '2')}"
        )
    lines.append(summary(reports, checked))
    return "\n".join(lines) + "\n"


def summary(reports: Sequence[FileReport], checked: int) -> str:
    count = sum(len(report.findings) for report in reports)
    files = sum(1 for report in reports if report.findings)
    noun = "file" if checked == 1 else "files"
    if not count:
        return f"No findings ({checked} {noun} checked)."
    plural = "finding" if count == 1 else "findings"
    return f"Found {count} {plural} in {files} of {checked} {noun} checked."


def as_json(reports: Sequence[FileReport]) -> str:
    return json.dumps([_record(path, finding) for path, finding in _each(reports)], indent=2) + "\n"


def _record(path: str, finding: Finding) -> dict[str, Any]:
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
    }


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(reports: Sequence[FileReport]) -> str:
    """GitHub Actions workflow commands, one per finding."""
    lines = []
    for path, finding in _each(reports):
        command = "error" if RULES[finding.code].severity == "error" else "warning"
        message = f"{finding.message}; see {finding.url}"
        properties = [f"file={_escape_property(path)}"]
        if finding.cell is None:
            properties += [
                f"line={finding.line}",
                f"col={finding.col + 1}",
                f"endLine={finding.end_line}",
                f"endColumn={finding.end_col + 1}",
            ]
        else:  # a notebook's lines are not the file's lines
            message = f"cell {finding.cell}, line {finding.line}, column {finding.col + 1}: {message}"
        properties.append(f"title={_escape_property(finding.code)}")
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    return "".join(f"{line}\n" for line in lines)


def statistics(reports: Sequence[FileReport], checked: int, *, as_json_output: bool = False) -> str:
    """Counts per rule and per file, most first: the migration work left."""
    by_rule = Counter(finding.code for _, finding in _each(reports))
    by_file = Counter({report.path: len(report.findings) for report in reports if report.findings})
    rules = sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))
    files = sorted(by_file.items(), key=lambda item: (-item[1], item[0]))
    if as_json_output:
        data = {
            "rules": [{"code": code, "symbol": RULES[code].symbol, "count": count} for code, count in rules],
            "files": [{"path": path, "count": count} for path, count in files],
            "total": sum(by_rule.values()),
            "files_checked": checked,
        }
        return json.dumps(data, indent=2) + "\n"
    width = len(str(max([*by_rule.values(), *by_file.values(), 1])))
    lines = [f"{count:>{width}}  {code}  {RULES[code].symbol}" for code, count in rules]
    lines += ["", *(f"{count:>{width}}  {path}" for path, count in files)] if files else []
    lines.append(summary(reports, checked))
    return "\n".join(lines) + "\n"
