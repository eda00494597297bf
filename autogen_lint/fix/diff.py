"""Unified diffs of fixed text, as ``--diff`` prints them."""

from __future__ import annotations

import difflib
import re

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff from ``old`` to ``new`` under one name, or ``""`` when they are equal."""
    if old == new:
        return ""
    lines = difflib.unified_diff(_LINE.findall(old), _LINE.findall(new), name, name)
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n" + _NO_NEWLINE)
    return "".join(out)
