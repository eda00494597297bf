"""``# noqa`` comments (flake8 and ruff semantics) and the file-level ``# autogen-lint: noqa``."""

from __future__ import annotations

import contextlib
import io
import re
import tokenize
from collections.abc import Sequence

_CODES = r"[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*"
NOQA = re.compile(rf"#\s*noqa(?::\s?(?P<codes>{_CODES}))?", re.IGNORECASE)
FILE_NOQA = rf"(?i)^\s*#\s*autogen-lint:\s*noqa(?::\s?(?P<codes>{_CODES}))?\s*$"  # compiled for the first one met
NO_CODES: tuple[str, ...] = ()


def noqa_codes(text: str | None) -> tuple[str, ...]:
    return tuple(code.upper() for code in re.split(r"[,\s]+", text.strip())) if text else NO_CODES


def code_matches(code: str, listed: tuple[str, ...]) -> bool:
    """``# noqa`` without codes matches everything; codes match by prefix, as in flake8."""
    return not listed or any(code.startswith(prefix) for prefix in listed)


def line_suppresses(line: str, code: str) -> bool:
    """Whether the physical ``line`` carries a ``# noqa`` that covers ``code``."""
    match = NOQA.search(line)
    return match is not None and code_matches(code, noqa_codes(match.group("codes")))


def file_exemptions(lines: Sequence[str]) -> list[tuple[str, ...]]:
    """Every ``# autogen-lint: noqa[: codes]`` line of a file (an empty tuple exempts all codes)."""
    found = []
    for line in lines:
        if "autogen-lint" in line:
            match = re.match(FILE_NOQA, line)
            if match:
                found.append(noqa_codes(match.group("codes")))
    return found


def file_suppresses(exemptions: list[tuple[str, ...]], code: str) -> bool:
    return any(code_matches(code, codes) for codes in exemptions)


def comment_lines(lines: Sequence[str]) -> dict[int, int]:
    """Lines where no comment can stand, each with the line whose comment speaks for it.

    A line that ends inside a multi-line string, or with a backslash continuation, cannot take
    a ``# noqa``; the line where the string or the continuation ends can. 1-based lines.
    """
    moved: dict[int, int] = {}
    text = "\n".join(lines)
    if '"""' in text or "'''" in text or "\\\n" in text:
        with contextlib.suppress(tokenize.TokenError, SyntaxError, ValueError):  # unfinished code
            _string_lines(text, moved)
    for number in range(len(lines), 0, -1):
        if number not in moved and lines[number - 1].endswith("\\") and number < len(lines):
            moved[number] = moved.get(number + 1, number + 1)
    return moved


def _string_lines(text: str, moved: dict[int, int]) -> None:
    opened: list[int] = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        kind = tokenize.tok_name.get(token.type, "")
        if kind == "FSTRING_START":
            opened.append(token.start[0])
        elif kind == "FSTRING_END" and opened:
            _span(opened.pop(), token.end[0], moved)
        elif token.type == tokenize.STRING:
            _span(token.start[0], token.end[0], moved)


def _span(first: int, last: int, moved: dict[int, int]) -> None:
    for line in range(first, last):
        moved[line] = last


def noqa_line(lines: Sequence[str], line: int, moved: dict[int, int] | None = None) -> int:
    """The line whose ``# noqa`` covers a finding on ``line``."""
    return (moved if moved is not None else comment_lines(lines)).get(line, line)
