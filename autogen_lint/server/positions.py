"""Positions: the engine counts characters (code points); LSP counts code units of the negotiated encoding.

UTF-16 unless the client offers another (pygls takes the client's first of UTF-8, UTF-16 and
UTF-32): Neovim 0.11 asks for UTF-8, Emacs for UTF-32.
"""

from __future__ import annotations

from collections.abc import Sequence

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _width(char: str, encoding: str) -> int:
    if encoding == UTF8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if encoding == UTF16 and ord(char) > 0xFFFF else 1


def to_units(line: str, col: int, encoding: str = UTF16) -> int:
    """The column, in code units of ``encoding``, of character column ``col`` in ``line``."""
    head = line[:col]
    if encoding == UTF32 or head.isascii():
        return col
    beyond = col - len(head)  # a column past the end of the line stays past it
    if encoding == UTF8:
        return len(head.encode("utf-8", "surrogatepass")) + beyond
    return len(head.encode("utf-16-le", "surrogatepass")) // 2 + beyond


def from_units(line: str, units: int, encoding: str = UTF16) -> int:
    """The character column at code unit ``units`` of ``encoding`` in ``line`` (clamped to the line)."""
    if encoding == UTF32 or line.isascii():
        return min(units, len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= units:
            return index
        count += _width(char, encoding)
    return len(line)


def lsp_position(lines: Sequence[str], line: int, col: int, encoding: str = UTF16) -> dict[str, int]:
    """An LSP position for a 1-based ``line`` and character ``col`` in ``lines``."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return {"line": max(line - 1, 0), "character": to_units(text, col, encoding)}
