"""The source lines findings point into, read again when a format shows them.

Reports carry positions, not text (the cache and the worker processes stay small), so the
``full`` format and the GitLab fingerprints read the file once more. A file that has gone, or
cannot be decoded, simply has no lines: the finding is still shown, without its snippet.
"""

from __future__ import annotations

import json
from pathlib import Path

from autogen_lint.source import SourceDecodeError, decode, split_lines

Lines = dict[int | None, list[str]]  # per notebook cell (1-based, all cells counted); None: the file


class Sources:
    """Source lines per shown path, read on first use."""

    def __init__(self) -> None:
        self._read: dict[str, Lines] = {}

    def lines(self, path: str, cell: int | None) -> list[str]:
        """The lines of the file at ``path`` (or of its notebook cell), empty when unreadable."""
        if path not in self._read:
            self._read[path] = read_lines(Path(path))
        return self._read[path].get(cell, [])

    def line(self, path: str, cell: int | None, number: int) -> str:
        """Line ``number`` (1-based), or ``""`` when there is no such line."""
        lines = self.lines(path, cell)
        return lines[number - 1] if 0 < number <= len(lines) else ""


def read_lines(path: Path) -> Lines:
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    if path.suffix == ".ipynb":
        return _cells(raw)
    try:
        return {None: split_lines(decode(raw))}
    except SourceDecodeError:
        return {}


def _cells(raw: bytes) -> Lines:
    """Every cell's source lines as written (IPython magics included), keyed by 1-based cell index."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    cells = document.get("cells") if isinstance(document, dict) else None
    found: Lines = {}
    for index, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        text = "".join(part for part in source if isinstance(part, str)) if isinstance(source, list) else source
        if isinstance(text, str):
            found[index] = split_lines(text)
    return found
