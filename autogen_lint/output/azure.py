"""``azure``: Azure Pipelines logging commands (``##vso[task.logissue ...]``)."""

from __future__ import annotations

from collections.abc import Sequence

from autogen_lint.output.common import each, in_cell, is_error
from autogen_lint.runner import FileReport


def _escape_data(value: str) -> str:
    """Azure's escapes for a logging command's message: ``%AZP25`` first, then line breaks."""
    return value.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def _escape(value: str) -> str:
    """A property value also escapes the separators ``;`` and ``]``."""
    return _escape_data(value).replace(";", "%3B").replace("]", "%5D")


def azure(reports: Sequence[FileReport]) -> str:
    """One ``task.logissue`` per finding; a notebook finding is on line 1 with its cell in the message."""
    lines = []
    for path, finding in each(reports):
        kind = "error" if is_error(finding) else "warning"
        line, column = (1, 1) if finding.cell is not None else (finding.line, finding.col + 1)
        where = f"sourcepath={_escape(path)};linenumber={line};columnnumber={column}"
        properties = f"type={kind};{where};code={finding.code};"
        lines.append(f"##vso[task.logissue {properties}]{_escape_data(in_cell(finding, finding.text))}\n")
    return "".join(lines)
