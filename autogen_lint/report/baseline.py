"""``check --baseline FILE`` and ``--write-baseline FILE``: report only findings that are new.

The baseline file is JSON: ``{"findings": [{"path", "code", "fingerprint", "index", ...}]}``
(see ``fingerprint``); a JSON report of ``autogen-lint report`` has the same list and serves too.
Only files that were checked are compared, so checking a few files does not count the
others' baseline findings as fixed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.findings import Finding
from autogen_lint.report.fingerprint import Mark, marks, read_lines
from autogen_lint.report.sections import section
from autogen_lint.runner import FileReport

FORMAT = "autogen-lint-baseline"
VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A finding as a baseline (or an earlier report) recorded it."""

    mark: Mark
    section: str = ""
    line: int = 0
    cell: int | None = None
    message: str = ""

    def to_data(self) -> dict[str, Any]:
        return {
            "path": self.mark.path,
            "code": self.mark.code,
            "fingerprint": self.mark.digest,
            "index": self.mark.index,
            "section": self.section,
            "line": self.line,
            "cell": self.cell,
            "message": self.message,
        }


def report_key(report: FileReport) -> str:
    return report.key or report.path


def entries(report: FileReport, lines: Any = None) -> list[Entry]:
    """The baseline entries of one file's findings (its lines read from disk unless given)."""
    if not report.findings:
        return []
    if lines is None:
        lines = read_lines(Path(report.path))
    return [
        Entry(mark, section(finding), finding.line, finding.cell, finding.message)
        for mark, finding in zip(marks(report_key(report), report.findings, lines), report.findings, strict=True)
    ]


def load(path: Path) -> list[Entry]:
    """The entries of a baseline file or an earlier JSON report; ``BaselineError`` otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot read the baseline {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"the baseline {path} is not JSON: {error}") from None
    records = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise BaselineError(f"the baseline {path} has no findings list (write one with --write-baseline)")
    try:
        return [_entry(record) for record in records]
    except (KeyError, TypeError, ValueError) as error:
        raise BaselineError(f"the baseline {path} has a malformed finding: {error}") from None


def _entry(record: Any) -> Entry:
    mark = Mark(str(record["path"]), str(record["code"]), str(record["fingerprint"]), int(record["index"]))
    cell = record.get("cell")
    rule = RULES.get(mark.code)
    anchor = str(record.get("section") or (rule.anchor if rule else ""))
    line = int(record.get("line") or 0)
    return Entry(mark, anchor, line, cell if isinstance(cell, int) else None, str(record.get("message") or ""))


def dump(found: Iterable[Entry]) -> str:
    records = [entry.to_data() for entry in sorted(found, key=lambda entry: (entry.mark, entry.line))]
    return json.dumps({"format": FORMAT, "version": VERSION, "findings": records}, indent=1) + "\n"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Current findings against a baseline: what is new, and what the baseline had that is gone."""

    reports: list[FileReport]
    new: list[Entry]
    known: int
    fixed: list[Entry]


def compare(
    reports: Sequence[FileReport], baseline: Sequence[Entry], current: Sequence[Entry] | None = None
) -> Comparison:
    """Keep only findings the baseline does not have; ``current`` are the reports' entries if known."""
    recorded = {entry.mark for entry in baseline}
    checked = {report_key(report) for report in reports}
    kept_reports: list[FileReport] = []
    new: list[Entry] = []
    seen: set[Mark] = set()
    by_file = _by_file(reports, current)
    for report, found in by_file:
        kept: list[Finding] = []
        for finding, entry in zip(report.findings, found, strict=True):
            seen.add(entry.mark)
            if entry.mark not in recorded:
                kept.append(finding)
                new.append(entry)
        kept_reports.append(report if len(kept) == len(report.findings) else report.replace(findings=tuple(kept)))
    fixed = [entry for entry in baseline if entry.mark.path in checked and entry.mark not in seen]
    known = sum(len(report.findings) for report in reports) - len(new)
    return Comparison(kept_reports, new, known, fixed)


def _by_file(reports: Sequence[FileReport], current: Sequence[Entry] | None) -> list[tuple[FileReport, list[Entry]]]:
    if current is None:
        return [(report, entries(report)) for report in reports]
    pairs = []
    position = 0
    for report in reports:
        pairs.append((report, list(current[position : position + len(report.findings)])))
        position += len(report.findings)
    return pairs


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def gate(
    args: argparse.Namespace, reports: Sequence[FileReport], config: Config
) -> tuple[Sequence[FileReport], int | None]:
    """``check``'s baseline options: the reports to show, or the exit status when there is nothing to show.

    ``--write-baseline`` records every finding and ends the run (status 0); ``--baseline``
    (or the ``baseline`` configuration key) drops the recorded findings and says how many of
    them are gone.
    """
    target: Path | None = getattr(args, "write_baseline", None)
    if target is not None:
        found = [entry for report in reports for entry in entries(report)]
        try:
            target.write_text(dump(found), encoding="utf-8")
        except OSError as error:
            print(f"autogen-lint: error: cannot write {target}: {error.strerror or error}", file=sys.stderr)
            return reports, 2
        files = len({entry.mark.path for entry in found})
        written = f"{_plural(len(found), 'finding')} in {_plural(files, 'file')}"
        print(f"Wrote a baseline of {written} to {target}.", file=sys.stderr)
        return reports, 0
    source: Path | None = getattr(args, "baseline", None) or config.baseline
    if source is None:
        return reports, None
    try:
        baseline = load(source)
    except BaselineError as error:
        print(f"autogen-lint: error: {error}", file=sys.stderr)
        return reports, 2
    result = compare(reports, baseline)
    if result.known:
        print(f"{_plural(result.known, 'finding')} in the baseline not shown.", file=sys.stderr)
    if result.fixed:
        print(
            f"{_plural(len(result.fixed), 'baseline finding')} fixed; run with --write-baseline to shrink it",
            file=sys.stderr,
        )
    return result.reports, None
