"""Fixing files: Python modules and notebooks, read, fixed, diffed and written back as they were."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from autogen_lint.cache import content_hash
from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.findings import Edit, Finding
from autogen_lint.fix.apply import FixOutcome, fix_document, fix_text, still_valid
from autogen_lint.fix.diff import unified_diff
from autogen_lint.fix.edits import apply_edits
from autogen_lint.fix.notebook_json import NotebookLayoutError, replace_sources
from autogen_lint.runner import FileReport, check_bytes, check_file, check_text
from autogen_lint.source import SourceDecodeError, decode_exactly, newline_of, split_lines
from autogen_lint.targets import file_ag2_name


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome of fixing one file: what is left, what was fixed, the diff, or why nothing was."""

    report: FileReport
    applied: Counter[str] = field(default_factory=Counter)
    diff: str = ""
    error: str | None = None
    unconverged: tuple[str, ...] = ()


def fix_file(item: Found, config: Config, *, write: bool, hashing: bool = False) -> FileFix:
    """Apply the fixes ``config`` allows to one file; write it back only when ``write``.

    A file whose fixes fail (the result would not parse, the file cannot be read back) is
    left untouched and its findings are reported as they are, with the reason.
    """
    try:
        raw = item.path.read_bytes()
    except OSError:
        return FileFix(check_file(item, config, hashing=hashing))
    if item.kind is Kind.PYTHON:
        result = _fix_python(item, config, raw)
    elif item.kind is Kind.NOTEBOOK:
        result = _fix_notebook(item, config, raw)
    else:
        return FileFix(check_file(item, config, hashing=hashing))
    fixed, new_raw = result
    if new_raw == raw:
        return replace(fixed, report=_hashed(item, fixed.report, raw, hashing))
    if write:
        try:
            write_atomically(item.path, new_raw)
        except OSError as error:
            reason = f"cannot write the fixed file: {error.strerror or error}"
            return FileFix(_hashed(item, check_bytes(item, config, raw), raw, hashing), error=reason)
    return replace(fixed, report=_hashed(item, fixed.report, new_raw, hashing))


def _hashed(item: Found, report: FileReport, raw: bytes, hashing: bool) -> FileReport:
    """The report filed under the content ``raw`` (its hash, and what the AG2 project scan reads in it)."""
    if not hashing:
        return report
    ag2 = file_ag2_name(raw) if item.kind is Kind.PYTHON else None
    return report.replace(digest=content_hash(raw), ag2=ag2)


def _fix_python(item: Found, config: Config, raw: bytes) -> tuple[FileFix, bytes]:
    try:
        decoded = decode_exactly(raw)
    except SourceDecodeError:
        return FileFix(check_bytes(item, config, raw)), raw
    report = check_text(item, config, decoded.text)
    if not any(config.applies(finding.fix) for finding in report.findings):
        return FileFix(report), raw
    outcome = fix_text(
        decoded.text,
        lambda text: check_text(item, config, text).findings,
        config.applies,
        newline=newline_of(decoded.text),
        findings=report.findings,
    )
    if outcome.error is not None or not outcome.changed:
        return FileFix(report, error=outcome.error), raw
    try:
        new_raw = decoded.encode(outcome.document)
    except UnicodeEncodeError as error:
        reason = f"the fixed text cannot be written as {decoded.encoding}: {error.reason}"
        return FileFix(report, error=reason), raw
    return _fixed(report, outcome, unified_diff(decoded.text, outcome.document, report.path)), new_raw


def _fixed(report: FileReport, outcome: FixOutcome[Any], diff: str) -> FileFix:
    return FileFix(
        report.replace(findings=outcome.findings),
        outcome.applied,
        diff,
        outcome.error,
        outcome.unconverged,
    )


# Notebooks: the document is the code cells' sources by cell index.

Cells = dict[int, str]


def _fix_notebook(item: Found, config: Config, raw: bytes) -> tuple[FileFix, bytes]:
    report = check_bytes(item, config, raw)
    if not any(config.applies(finding.fix) for finding in report.findings):
        return FileFix(report), raw
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
        document = json.loads(text)
        cells = code_cells(document)
    except (UnicodeDecodeError, ValueError, NotebookLayoutError):
        return FileFix(report), raw

    def check(sources: Cells) -> Sequence[Finding]:
        notebook = _with_sources(document, sources)
        found = check_bytes(item, config, json.dumps(notebook).encode()).findings
        return [_only_on_code_lines(finding, sources) for finding in found]

    def edit(sources: Cells, edits: Sequence[Edit]) -> Cells:
        by_cell: dict[int, list[Edit]] = {}
        for one in edits:
            if one.cell is not None:
                by_cell.setdefault(one.cell, []).append(one)
        changed = dict(sources)
        for index, cell_edits in by_cell.items():
            changed[index] = apply_edits(sources[index], cell_edits)
        return changed

    checks = {index: still_valid(_python_text(source), top_level_await=True) for index, source in cells.items()}

    def invalid(sources: Cells) -> str | None:
        for index, source in sources.items():
            if source != cells[index]:
                reason = checks[index](_python_text(source))
                if reason is not None:
                    return f"cell {index}, {reason}"
        return None

    findings = [_only_on_code_lines(finding, cells) for finding in report.findings]
    outcome = fix_document(cells, check, edit, invalid, config.applies, findings=findings)
    if outcome.error is not None or not outcome.changed:
        return FileFix(report, error=outcome.error), raw
    changed = {index: source for index, source in outcome.document.items() if source != cells[index]}
    try:
        new_text = replace_sources(text, changed)
        if code_cells(json.loads(new_text)) != outcome.document:
            raise NotebookLayoutError("the rewritten notebook does not read back as fixed")
    except (ValueError, NotebookLayoutError) as error:
        return FileFix(report, error=f"cannot write the notebook back: {error}"), raw
    new_raw = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")
    diff = "".join(unified_diff(cells[i], changed[i], f"{report.path}:cell {i}") for i in sorted(changed))
    return _fixed(report, outcome, diff), new_raw


def code_cells(document: object) -> Cells:
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise NotebookLayoutError("not a notebook")
    found: Cells = {}
    for index, cell in enumerate(document["cells"], start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            if not isinstance(text, str):
                raise NotebookLayoutError(f"cell {index} has a source that is not text")
            found[index] = text
    return found


def _with_sources(document: dict[str, object], sources: Mapping[int, str]) -> dict[str, object]:
    cells = document["cells"]
    assert isinstance(cells, list)
    copied = [
        {**cell, "source": sources[index]} if index in sources else cell for index, cell in enumerate(cells, start=1)
    ]
    return {**document, "cells": copied}


def _python_text(source: str) -> str:
    from autogen_lint.notebooks import python_lines

    return "\n".join(python_lines(split_lines(source)))


def _only_on_code_lines(finding: Finding, sources: Mapping[int, str]) -> Finding:
    """Drop a fix that would edit an IPython line (a magic, a shell escape) that the engine saw blanked.

    AGL103's fix is the exception: it rewrites the requirements of a ``%pip install`` line itself.
    """
    fix = finding.fix
    if fix is None or not fix.edits or finding.cell is None or finding.cell not in sources or finding.code == "AGL103":
        return finding
    from autogen_lint.notebooks import python_lines

    raw = split_lines(sources[finding.cell])
    seen = python_lines(raw)
    for edit in fix.edits:
        for line in range(edit.line, edit.end_line + 1):
            if 0 < line <= len(raw) and raw[line - 1] != seen[line - 1]:
                return finding._replace(fix=None)
    return finding


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file's content in one step, keeping its permission bits (links are followed)."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
