"""The shape of a catalog entry: a rule's identity, message, documentation and fix."""

from __future__ import annotations

import os
import re
from typing import Literal, NamedTuple

from autogen_lint.findings import Applicability, Edit, Fix

Severity = Literal["warning", "error"]
Target = Literal["python", "dependencies", "files"]
Guide = Literal["autogen", "agent-framework"]
"""Which migration guide a rule's anchors point into: AutoGen v0.2 -> v0.4, or AutoGen -> Agent Framework."""

CODE_RE = re.compile(r"^AGL[0-9]{3}$")
SYMBOL_RE = re.compile(r"^autogen-[a-z0-9]+(?:-[a-z0-9]+)*$")
PYLINT_BASE_ID = "74"


class FixInfo(NamedTuple):
    """What a rule's fix does: its title (formatted with the message's fields), grade and why."""

    title: str
    applicability: Applicability
    safety: str
    """Why the fix has its grade: the "Fix safety" section of the rule's page."""

    def format(self, **fields: str) -> str:
        return self.title.format(**fields)


class Rule(NamedTuple):
    """A rule's identity, message and documentation."""

    code: str
    symbol: str
    summary: str
    message: str
    anchor: str
    what: str
    why: str
    example: str
    use_instead: str
    severity: Severity = "warning"
    target: Target = "python"
    other_anchors: tuple[str, ...] = ()
    fix: FixInfo | None = None
    notebooks_only: bool = False
    """The rule checks notebook cells only (its examples are cells)."""
    guide: Guide = "autogen"

    @property
    def pylint_id(self) -> str:
        """``W74xy`` (``E74xy`` for errors): x is the code's first digit plus its middle one, y its last.

        ``AGL703`` gives ``W7473``, ``AGL711`` gives ``E7481``; the catalog tests keep them unique.
        """
        letter = "E" if self.severity == "error" else "W"
        first = int(self.code[3]) + int(self.code[4])
        return f"{letter}{PYLINT_BASE_ID}{first}{self.code[5]}"

    @property
    def v02(self) -> bool:
        """A rule about AutoGen v0.2 code (AGL1xx to AGL6xx): quiet in AG2 Classic projects."""
        return self.code[3] in "123456"

    @property
    def family(self) -> str:
        """What the rule's examples are written against: v0.2, v0.4, or Agent Framework before 1.0."""
        digit = self.code[3]
        if digit in "89":
            return "v0.4" if digit == "8" else "Agent Framework before 1.0"
        return "v0.4" if digit == "7" else "v0.2"

    @property
    def anchors(self) -> tuple[str, ...]:
        return (self.anchor, *self.other_anchors)

    def format(self, **fields: str) -> str:
        return self.message.format(**fields)

    def make_fix(self, edits: tuple[Edit, ...], applicability: Applicability | None = None, **fields: str) -> Fix:
        """A fix of this rule with ``edits``, titled from the catalog; graded as the catalog says unless told."""
        assert self.fix is not None, f"{self.code} has no fix in the catalog"
        return Fix(self.fix.format(**fields), applicability or self.fix.applicability, edits)

    def suggestion(self, **fields: str) -> Fix | None:
        """The display-only fix every finding of this rule carries, if the catalog gives one."""
        if self.fix is None or self.fix.applicability is not Applicability.DISPLAY_ONLY:
            return None
        return self.make_fix((), None, **fields)


def code_block(text: str) -> str:
    """An example's code, dedented, with one final newline."""
    return dedent(text).strip("\n") + "\n"


def dedent(text: str) -> str:
    """``textwrap.dedent(text)``, in plain string steps (``textwrap`` is not loaded for the catalog).

    Lines of spaces and tabs alone become empty; the longest run of spaces and tabs that starts
    every other line is taken off.
    """
    lines = ["" if line and not line.strip(" \t") else line for line in text.split("\n")]
    indents = [line[: len(line) - len(line.lstrip(" \t"))] for line in lines if line]
    margin = os.path.commonprefix(indents)  # noqa: RUF071  (character by character, as meant)
    return "\n".join(line[len(margin) :] for line in lines) if margin else "\n".join(lines)


def prose(text: str) -> str:
    """A paragraph written across indented lines, as one line (its words joined by single spaces)."""
    return " ".join(text.split())
