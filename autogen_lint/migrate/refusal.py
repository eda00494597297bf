"""Why a file is left as it is, or why one statement gets a TODO comment."""

from __future__ import annotations

from dataclasses import dataclass


class Refusal(Exception):
    """The file cannot be migrated safely; ``reason`` says why (one line, for the closing note)."""

    def __init__(self, reason: str, line: int | None = None, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.code = code
        """The rule a statement-level TODO for this reason cites (default: the construct's rule)."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass(frozen=True, slots=True)
class Todo:
    """A ``# TODO(autogen-lint CODE)`` comment for a statement that is kept as it was."""

    code: str
    what: str
    url: str | None = None
    """The guide link the engine's finding carries; else the rule's own section."""
    section: str | None = None
    """A guide section (anchor) closer to the TODO than the rule's own."""


def unforeseen(error: Exception) -> Refusal:
    """The refusal for a shape the codemod did not foresee: what it says, never a traceback."""
    try:
        said = str(error)[:120]
    except Exception:
        said = "no message"
    return Refusal(f"the codemod cannot read it ({type(error).__name__}: {said})")
