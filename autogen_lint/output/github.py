"""``github``: GitHub Actions workflow commands, shown as annotations on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from autogen_lint.output.common import each, in_cell, is_error
from autogen_lint.runner import FileReport


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(reports: Sequence[FileReport]) -> str:
    """One ``::error`` or ``::warning`` command per finding."""
    lines = []
    for path, finding in each(reports):
        command = "error" if is_error(finding) else "warning"
        properties = [f"file={_escape_property(path)}"]
        if finding.cell is None:  # a notebook's lines are not the file's lines
            properties += [
                f"line={finding.line}",
                f"col={finding.col + 1}",
                f"endLine={finding.end_line}",
                f"endColumn={finding.end_col + 1}",
            ]
        properties.append(f"title={_escape_property(finding.code)}")
        message = in_cell(finding, finding.text)
        lines.append(f"::{command} {','.join(properties)}::{_escape_data(message)}")
    return "".join(f"{line}\n" for line in lines)
