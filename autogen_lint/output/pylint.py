"""``pylint``: ``path:line: [CODE] message``, the line format pylint's parseable output uses."""

from __future__ import annotations

from collections.abc import Sequence

from autogen_lint.output.common import each, in_cell
from autogen_lint.runner import FileReport


def pylint(reports: Sequence[FileReport]) -> str:
    """One line per finding; a notebook finding is on line 1 with its cell in the message."""
    return "".join(
        f"{path}:{1 if finding.cell is not None else finding.line}: [{finding.code}] {in_cell(finding, finding.text)}\n"
        for path, finding in each(reports)
    )
