"""Positions: the engine counts characters (code points); LSP counts UTF-16 code units."""

from __future__ import annotations

from collections.abc import Sequence


def to_utf16(line: str, col: int) -> int:
    """The UTF-16 column of character column ``col`` in ``line``."""
    head = line[:col]
    if head.isascii():
        return col
    return len(head.encode("utf-16-le")) // 2 + (col - len(head))


def from_utf16(line: str, col16: int) -> int:
    """The character column of UTF-16 column ``col16`` in ``line`` (clamped to the line)."""
    if line.isascii():
        return min(col16, len(line))
    units = 0
    for index, char in enumerate(line):
        if units >= col16:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def lsp_position(lines: Sequence[str], line: int, col: int) -> dict[str, int]:
    """An LSP position for a 1-based ``line`` and character ``col`` in ``lines``."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return {"line": max(line - 1, 0), "character": to_utf16(text, col)}
