"""A finding's identity that survives unrelated edits.

A finding is known by its file (relative to the project root), its code, a digest of the
flagged text with all whitespace removed, and which occurrence of that text it is in the
file. Lines inserted above it, a function moved, the file reformatted elsewhere (or the
flagged call re-wrapped) leave the identity as it was; a new copy of the same call gets the
next occurrence index, so it is new.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path

from autogen_lint.discovery import Kind, kind_of
from autogen_lint.findings import Finding
from autogen_lint.source import SourceDecodeError, decode, split_lines

Lines = Mapping[int | None, Sequence[str]]
"""A file's lines as findings count them: per notebook cell, or under ``None`` for a plain file."""


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """The identity of one finding: ``path`` relative to the project root."""

    path: str
    code: str
    digest: str
    index: int


def read_lines(path: Path, kind: Kind | None = None) -> Lines:
    """The lines of a file as the engine numbered them; empty when it cannot be read."""
    kind = kind or kind_of(path) or Kind.PYTHON
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    if kind is Kind.NOTEBOOK:
        from autogen_lint.notebooks import read_cells

        cells = read_cells(raw)
        return {} if not isinstance(cells, list) else {cell.index: cell.lines for cell in cells}
    try:
        return {None: split_lines(decode(raw))}
    except SourceDecodeError:
        return {}


def flagged_text(lines: Sequence[str], finding: Finding) -> str:
    """The source the finding points at; its whole line when the span is empty."""
    if not 0 < finding.line <= len(lines):
        return ""
    end_line = min(max(finding.end_line, finding.line), len(lines))
    if end_line == finding.line:
        text = lines[finding.line - 1][finding.col : finding.end_col]
    else:
        first, *middle, last = lines[finding.line - 1 : end_line]
        text = "\n".join([first[finding.col :], *middle, last[: finding.end_col]])
    return text if text.strip() else lines[finding.line - 1]


def digest(text: str) -> str:
    """A short digest of ``text`` with every whitespace character removed."""
    return blake2b("".join(text.split()).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def marks(path: str, findings: Sequence[Finding], lines: Lines) -> list[Mark]:
    """The identity of each finding of one file (given in position order), in the same order."""
    seen: dict[tuple[str, str], int] = {}
    result = []
    for finding in findings:
        text = flagged_text(lines.get(finding.cell, ()), finding)
        key = (finding.code, digest(text))
        index = seen.get(key, 0)
        seen[key] = index + 1
        result.append(Mark(path, finding.code, key[1], index))
    return result
