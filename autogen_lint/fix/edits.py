"""Edits on a text: positions to offsets, and applying a set of edits that do not overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from autogen_lint.findings import Edit

_LINE_END = re.compile(r"\r\n|\r|\n")


class Overlap(ValueError):
    """Two edits touch the same text."""


def line_offsets(text: str) -> list[int]:
    """The offset in ``text`` at which each line (1-based, at index ``line - 1``) starts.

    Lines end as Python ends them (LF, CRLF or CR), so positions found on the text with its
    newlines normalised address the same characters in the text as the file has it.
    """
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def offset_of(offsets: Sequence[int], text_length: int, line: int, col: int) -> int:
    """The offset of a (1-based line, character column) position, clamped into the text."""
    if line < 1:
        return 0
    if line > len(offsets):
        return text_length
    return min(offsets[line - 1] + col, text_length)


def overlaps(first: Edit, second: Edit) -> bool:
    """Whether two edits touch the same text (two insertions at one place do not)."""
    return first.start < second.end and second.start < first.end


def apply_edits(text: str, edits: Iterable[Edit], newline: str = "\n") -> str:
    """``text`` with every edit made; identical edits count once. Raises ``Overlap``.

    Two insertions at the same place are kept in the order given. Line ends in the edits'
    content are written as ``newline`` (the text's own line ending).
    """
    offsets = line_offsets(text)
    ranges: list[tuple[int, int, int, str]] = []
    seen: set[tuple[int, int, str]] = set()
    for order, edit in enumerate(edits):
        start = offset_of(offsets, len(text), edit.line, edit.col)
        end = offset_of(offsets, len(text), edit.end_line, edit.end_col)
        if end < start:
            raise Overlap(f"edit ends before it starts: {edit}")
        if (start, end, edit.content) in seen:
            continue
        seen.add((start, end, edit.content))
        content = edit.content if newline == "\n" else edit.content.replace("\n", newline)
        ranges.append((start, end, order, content))
    ranges.sort()
    pieces: list[str] = []
    position = 0
    for start, end, _, content in ranges:
        if start < position:
            raise Overlap("edits overlap")
        pieces.append(text[position:start])
        pieces.append(content)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
