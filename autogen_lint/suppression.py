"""``# noqa`` comments (flake8 and ruff semantics) and the file-level ``# autogen-lint: noqa``."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CODES = r"[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*"
NOQA = re.compile(rf"#\s*noqa(?::\s?(?P<codes>{_CODES}))?", re.IGNORECASE)
FILE_NOQA = re.compile(rf"^\s*#\s*autogen-lint:\s*noqa(?::\s?(?P<codes>{_CODES}))?\s*$", re.IGNORECASE)
NO_CODES: tuple[str, ...] = ()


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(code.upper() for code in re.split(r"[,\s]+", text.strip())) if text else NO_CODES


def _matches(code: str, listed: tuple[str, ...]) -> bool:
    """``# noqa`` without codes matches everything; codes match by prefix, as in flake8."""
    return not listed or any(code.startswith(prefix) for prefix in listed)


def line_suppresses(line: str, code: str) -> bool:
    """Whether the physical ``line`` carries a ``# noqa`` that covers ``code``."""
    match = NOQA.search(line)
    return match is not None and _matches(code, _codes(match.group("codes")))


def file_exemptions(lines: Sequence[str]) -> list[tuple[str, ...]]:
    """Every ``# autogen-lint: noqa[: codes]`` line of a file (an empty tuple exempts all codes)."""
    found = []
    for line in lines:
        if "autogen-lint" in line:
            match = FILE_NOQA.match(line)
            if match:
                found.append(_codes(match.group("codes")))
    return found


def file_suppresses(exemptions: list[tuple[str, ...]], code: str) -> bool:
    return any(_matches(code, codes) for codes in exemptions)
