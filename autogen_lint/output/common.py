"""What every format shares: walking the findings, positions, severities, the closing lines."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.findings import Applicability, Finding
from autogen_lint.runner import FileReport


def each(reports: Sequence[FileReport]) -> Iterator[tuple[str, Finding]]:
    """Every finding with the path it is shown under, in report order."""
    for report in reports:
        for finding in report.findings:
            yield report.path, finding


def position(finding: Finding) -> str:
    """``line:col`` (1-based column), ``cell N:line:col`` in a notebook."""
    cell = f"cell {finding.cell}:" if finding.cell is not None else ""
    return f"{cell}{finding.line}:{finding.col + 1}"


def is_error(finding: Finding) -> bool:
    return RULES[finding.code].severity == "error"


def in_cell(finding: Finding, message: str) -> str:
    """``message`` led by the cell position, for formats whose lines are the file's lines.

    A notebook's lines count from its cell, not from the file, so the formats that can only
    name a file line (GitHub, GitLab, pylint, Azure, JUnit) point at line 1 and say where here.
    """
    if finding.cell is None:
        return message
    return f"cell {finding.cell}, line {finding.line}, column {finding.col + 1}: {message}"


def split_message(message: str) -> tuple[str, str | None]:
    """The problem and the advice of a message: ``"`x` is v0.2 API; use `y`"`` gives both parts.

    The split is at the first ``"; "`` outside backquotes; a message without one has no advice.
    """
    index = message.find("; ")
    while index >= 0:
        if not message.count("`", 0, index) % 2:  # an even number of backquotes before: outside them
            return message[:index], message[index + 2 :]
        index = message.find("; ", index + 1)
    return message, None


class Style:
    """ANSI styling that is a no-op without colour."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour and text else text

    def severity(self, finding: Finding) -> str:
        """The SGR code of a finding's severity: bold red for errors, bold yellow for warnings."""
        return "1;31" if is_error(finding) else "1;33"


def hyperlink(text: str, url: str) -> str:
    """``text`` as an OSC 8 terminal hyperlink to ``url``."""
    return f"\033]8;;{url}\033\\{text}\033]8;;\033\\"


def fixable(finding: Finding, config: Config) -> bool:
    """Whether ``--fix`` (with the ``--unsafe-fixes`` setting in force) would apply the finding's fix."""
    return config.applies(finding.fix)


def fix_mark(finding: Finding, config: Config) -> str:
    """``"[*] "`` before the message of a fixable finding, as ruff marks them."""
    return "[*] " if fixable(finding, config) else ""


def summary(reports: Sequence[FileReport], checked: int) -> str:
    """The closing line: how many findings in how many of the files checked."""
    count = sum(len(report.findings) for report in reports)
    files = sum(1 for report in reports if report.findings)
    noun = "file" if checked == 1 else "files"
    if not count:
        return f"No findings ({checked} {noun} checked)."
    plural = "finding" if count == 1 else "findings"
    return f"Found {count} {plural} in {files} of {checked} {noun} checked."


def fix_summary(reports: Sequence[FileReport], config: Config) -> str | None:
    """``"N fixable with `--fix` (M more with `--unsafe-fixes`)"``, or ``None`` when nothing is.

    With only unsafe fixes: ``"No fixes available (M hidden fixes can be enabled with `--unsafe-fixes`)"``.

    With ``--unsafe-fixes`` in force the unsafe fixes count among the N.
    """
    fixes = [finding.fix for _, finding in each(reports) if finding.fix is not None and finding.fix.applicable]
    now = sum(1 for fix in fixes if config.applies(fix))
    hidden = sum(1 for fix in fixes if fix.applicability is Applicability.UNSAFE and not config.applies(fix))
    if not now and not hidden:
        return None
    if not now:  # as ruff says it
        noun = "fix" if hidden == 1 else "fixes"
        return f"No fixes available ({hidden} hidden {noun} can be enabled with `--unsafe-fixes`)"
    more = f" ({hidden} more with `--unsafe-fixes`)" if hidden else ""
    return f"{now} fixable with `--fix`{more}"


def closing(reports: Sequence[FileReport], checked: int, config: Config) -> list[str]:
    """The summary line and, when there are fixes, the fixable count."""
    fixes = fix_summary(reports, config)
    return [summary(reports, checked), *([fixes] if fixes else [])]
