"""The result types every surface consumes: findings and the fixes they carry."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple


class Applicability(str, Enum):
    """How far a fix may be trusted, as ruff grades it.

    ``safe``: the meaning changes only in removing the bug the rule names; applied by ``--fix``.
    ``unsafe``: the result parses and is what a careful person would write, but behaviour may
    differ; applied only with ``--unsafe-fixes``. ``display-only``: a suggestion, never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        """Higher is more trusted: display-only 0, unsafe 1, safe 2."""
        return _RANK[self]


_RANK = {Applicability.DISPLAY_ONLY: 0, Applicability.UNSAFE: 1, Applicability.SAFE: 2}


class Edit(NamedTuple):
    """Replace the text from (``line``, ``col``) up to (``end_line``, ``end_col``) with ``content``.

    Positions are those of findings: 1-based lines, 0-based character columns, in the text the
    engine was given (newlines normalised to LF). An insertion has an empty range, a
    deletion an empty ``content``. In a notebook, ``cell`` is set and lines count from the cell.
    """

    line: int
    col: int
    end_line: int
    end_col: int
    content: str = ""
    cell: int | None = None

    @property
    def start(self) -> tuple[int, int, int]:
        return (self.cell or 0, self.line, self.col)

    @property
    def end(self) -> tuple[int, int, int]:
        return (self.cell or 0, self.end_line, self.end_col)


class Fix(NamedTuple):
    """What to do about a finding: a title shown as help, a grade, and the edits (maybe none)."""

    title: str
    applicability: Applicability
    edits: tuple[Edit, ...] = ()

    @property
    def applicable(self) -> bool:
        """Whether the fix changes text at all when applied (display-only fixes never are)."""
        return self.applicability is not Applicability.DISPLAY_ONLY and bool(self.edits)

    def to_data(self) -> dict[str, Any]:
        """Plain data (JSON, the cache, an editor's diagnostic ``data``); positions as in ``Edit``."""
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "edits": [[e.line, e.col, e.end_line, e.end_col, e.content, e.cell] for e in self.edits],
        }

    @classmethod
    def from_data(cls, data: Any) -> Fix:
        """The inverse of ``to_data``; raises ``ValueError`` (or ``TypeError``) on another shape."""
        if not isinstance(data, dict) or not isinstance(data.get("title"), str):
            raise ValueError("not a fix")
        edits = tuple(Edit(*values) for values in data["edits"])
        if not all(isinstance(e.line, int) and isinstance(e.content, str) for e in edits):
            raise ValueError("not a fix")
        return cls(data["title"], Applicability(data["applicability"]), edits)


class Finding(NamedTuple):
    """One diagnostic.

    Lines are 1-based; columns are 0-based character offsets (as in ``ast``, but
    counted in characters rather than UTF-8 bytes). ``url`` is the guide link
    already joined from the configured base URL and the finding's anchor. In a
    notebook, ``cell`` is the 1-based cell and lines count from the cell's start.
    """

    code: str
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    url: str
    cell: int | None = None
    fix: Fix | None = None

    @property
    def text(self) -> str:
        """The message as editors and plugin output show it: ending with its link."""
        return f"{self.message}; see {self.url}"

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.cell or 0, self.line, self.col, self.code)
