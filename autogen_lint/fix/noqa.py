"""``# noqa`` comments written for findings: ``--add-noqa`` and an editor's "Disable for this line"."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.findings import Edit, Finding
from autogen_lint.fix.apply import still_valid
from autogen_lint.fix.edits import apply_edits
from autogen_lint.fix.files import write_atomically
from autogen_lint.fix.notebook_json import NotebookLayoutError, replace_sources
from autogen_lint.runner import check_bytes
from autogen_lint.source import SourceDecodeError, decode_exactly, newline_of, split_lines, universal_newlines
from autogen_lint.suppression import NOQA, code_matches, comment_lines, noqa_codes


def noqa_edit(line_text: str, line: int, codes: Sequence[str], *, cell: int | None = None) -> Edit | None:
    """The edit that makes ``line`` carry a ``# noqa`` for ``codes``, merged with one it has.

    ``None`` when the line's comment covers them already (a bare ``# noqa`` covers every code).
    """
    match = NOQA.search(line_text)
    if match is not None:
        existing = noqa_codes(match.group("codes"))
        if not existing:
            return None
        missing = [code for code in dict.fromkeys(codes) if not code_matches(code, existing)]
        if not missing:
            return None
        merged = ", ".join([*existing, *missing])
        return Edit(line, match.start(), line, match.end(), f"# noqa: {merged}", cell)
    end = len(line_text.rstrip())
    joined = ", ".join(dict.fromkeys(codes))
    return Edit(line, end, line, len(line_text), f"  # noqa: {joined}", cell)


def noqa_edits(lines: Sequence[str], findings: Sequence[Finding], *, cell: int | None = None) -> list[Edit]:
    """One edit per line that needs a comment, for findings on ``lines`` (a module, or one cell).

    A finding on a line that ends inside a multi-line string or with a backslash is covered
    from the line where the string or continuation ends.
    """
    moved = comment_lines(lines)
    by_line: dict[int, list[str]] = {}
    for finding in findings:
        if finding.code == "AGL001" or not 0 < finding.line <= len(lines):
            continue
        by_line.setdefault(moved.get(finding.line, finding.line), []).append(finding.code)
    edits = []
    for line, codes in sorted(by_line.items()):
        edit = noqa_edit(lines[line - 1], line, sorted(codes), cell=cell)
        if edit is not None:
            edits.append(edit)
    return edits


@dataclass(frozen=True, slots=True)
class NoqaResult:
    """How many ``# noqa`` comments a file gained, or why it was left alone."""

    added: int = 0
    error: str | None = None


def add_noqa_file(item: Found, config: Config) -> NoqaResult:
    """Write ``# noqa`` comments for every finding ``config`` reports in one file."""
    try:
        raw = item.path.read_bytes()
    except OSError as error:
        return NoqaResult(error=f"cannot read the file: {error.strerror or error}")
    findings = [f for f in check_bytes(item, config, raw).findings if f.code != "AGL001"]
    if not findings:
        return NoqaResult()
    if item.kind is Kind.NOTEBOOK:
        return _notebook(item, raw, findings)
    if item.kind is Kind.DEPENDENCIES and item.path.suffix == ".cfg":
        return NoqaResult(error="setup.cfg values cannot carry comments; pin the dependency instead")
    try:
        decoded = decode_exactly(raw)
    except SourceDecodeError as error:
        return NoqaResult(error=error.error.reason)
    lines = split_lines(universal_newlines(decoded.text))
    edits = noqa_edits(lines, findings)
    if item.kind is Kind.DEPENDENCIES:
        edits = [edit for edit in edits if not lines[edit.line - 1].rstrip().endswith("\\")]
    if not edits:
        return NoqaResult()
    text = apply_edits(decoded.text, edits, newline_of(decoded.text))
    reason = _python_or_toml_error(item, decoded.text, text)
    if reason is not None:
        return NoqaResult(error=f"adding # noqa would break the file ({reason}); left unchanged")
    return _write(item, decoded.encode(text), len(edits))


def _python_or_toml_error(item: Found, original: str, text: str) -> str | None:
    if item.kind is Kind.PYTHON:
        return still_valid(original)(text)
    if item.path.suffix == ".toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            tomllib.loads(universal_newlines(text))
        except tomllib.TOMLDecodeError as error:
            return str(error)
    return None


def _notebook(item: Found, raw: bytes, findings: list[Finding]) -> NoqaResult:
    from autogen_lint.fix.files import code_cells
    from autogen_lint.notebooks import python_lines

    try:
        text = raw.decode("utf-8-sig")
        cells = code_cells(json.loads(text))
    except (UnicodeDecodeError, ValueError, NotebookLayoutError) as error:
        return NoqaResult(error=f"cannot read the notebook: {error}")
    changed: dict[int, str] = {}
    added = 0
    for index, source in cells.items():
        raw_lines = split_lines(source)
        seen = python_lines(raw_lines)
        edits = [
            edit
            for edit in noqa_edits(seen, [f for f in findings if f.cell == index], cell=index)
            if raw_lines[edit.line - 1] == seen[edit.line - 1]  # never after a magic or shell line
        ]
        if edits:
            changed[index] = apply_edits(source, edits)
            added += len(edits)
    if not changed:
        return NoqaResult()
    try:
        new_text = replace_sources(text, changed)
    except NotebookLayoutError as error:
        return NoqaResult(error=f"cannot write the notebook back: {error}")
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return _write(item, bom + new_text.encode("utf-8"), added)


def _write(item: Found, data: bytes, added: int) -> NoqaResult:
    try:
        write_atomically(item.path, data)
    except OSError as error:
        return NoqaResult(error=f"cannot write the file: {error.strerror or error}")
    return NoqaResult(added)
