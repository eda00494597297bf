"""The result type every surface consumes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
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

    @property
    def text(self) -> str:
        """The message as editors and plugin output show it: ending with its link."""
        return f"{self.message}; see {self.url}"

    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.cell or 0, self.line, self.col, self.code)
