"""Jupyter notebooks: code cells become one module, findings go back to their cells.

Cells are joined in order, so a name imported in cell 1 resolves in cell 5. IPython
syntax (``%pip``, ``!ls``, ``x = !ls``, ``obj?``, ``%%bash`` cells) is blanked out
first, keeping every line where it was, so it neither breaks parsing nor produces
findings. A cell that still does not parse is reported (AGL001) and left out; the
other cells are checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from autogen_lint.engine import check_tree
from autogen_lint.findings import Finding
from autogen_lint.settings import Settings
from autogen_lint.source import SourceError, might_match, parse_module, split_lines

if TYPE_CHECKING:
    from autogen_lint.incremental import Checked

# Cell magics whose body is Python (the magic line itself is blanked).
PYTHON_CELL_MAGICS = frozenset({"capture", "time", "timeit", "prun", "debug", "pypy", "python", "python3"})
_ESCAPE = re.compile(r"^(\s*)(?:[%!]|\?)")
_ASSIGNED_ESCAPE = re.compile(r"^(\s*)([\w.,\s\[\]]+?)\s*=\s*[%!]")
_HELP_SUFFIX = re.compile(r"^(\s*)([\w.]+)\?\??\s*$")
# IPython "automagic": `pip install x` without `%` (never valid Python: a name followed by a word).
_AUTOMAGIC = re.compile(r"^(\s*)(?:pip|pip3|conda|mamba|micromamba|uv)\s+[A-Za-z-]")
_AUTOMAGIC_WORDS = ("pip", "conda", "mamba", "micromamba", "uv")
_PIP = re.compile(r"^\s*(?:[%!]|pip)")
IPYTHON_HINTS = ("%", "!", "?", "pip", "conda", "mamba", "uv")
"""What every line ``python_lines`` changes spells (``pip3`` spells ``pip``, ``micromamba`` ``mamba``)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A code cell: its place in the notebook and in the joined module, its lines."""

    index: int  # 1-based position among all cells of the notebook
    first_line: int  # 1-based line of the joined module where the cell starts
    lines: list[str]
    pip_lines: tuple[tuple[int, str], ...] = ()
    """The cell's ``pip install`` lines as written, with their 1-based line in the cell."""


class NotebookResult(NamedTuple):
    """A notebook's findings, the parts that could not be read, and its code cells."""

    findings: list[Finding]
    errors: list[tuple[SourceError, int | None]]  # the error, and its cell (None: the file itself)
    cells: list[Cell]


def read_cells(raw: bytes) -> list[Cell] | SourceError:
    """The code cells of a notebook, or why the file is not a notebook."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return SourceError(f"notebook is not UTF-8: {error}")
    except json.JSONDecodeError as error:
        return SourceError(f"invalid notebook JSON: {error.msg}", error.lineno, error.colno - 1)
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return SourceError('invalid notebook: no "cells" list (only nbformat 4 notebooks are read)')
    sources: list[str | None] = []
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            sources.append(None)
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        if not isinstance(text, str):
            return SourceError(f"invalid notebook: cell {index} has a source that is not text")
        sources.append(text)
    return code_cells(sources)


def code_cells(sources: list[str | None]) -> list[Cell]:
    """The code cells among a notebook's cells, given as their sources (``None``: not a code cell)."""
    found: list[Cell] = []
    line = 1
    for index, text in enumerate(sources, start=1):
        if text is None:
            continue
        source = split_lines(text)
        lines = python_lines(source) if any(hint in text for hint in IPYTHON_HINTS) else source
        pip: tuple[tuple[int, str], ...] = ()
        if "install" in text:
            pip = tuple(
                (number, text) for number, text in enumerate(source, start=1) if "install" in text and _PIP.match(text)
            )
        found.append(Cell(index, line, lines, pip))
        line += len(lines)
    return found


def python_lines(lines: list[str]) -> list[str]:
    """The cell with IPython syntax neutralised, line for line."""
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split(maxsplit=1)
        if magic and magic[0] in PYTHON_CELL_MAGICS:
            return ["", *_python_lines(lines[1:])]
        return [""] * len(lines)
    return _python_lines(lines)


def _python_lines(lines: list[str]) -> list[str]:
    """Each line neutralised; the lines an IPython line continues onto (ending in a backslash) blanked with it."""
    found: list[str] = []
    continued = False
    for line in lines:
        if continued:
            found.append("")
        else:
            python = _python_line(line)
            found.append(python)
            continued = python != line
        continued = continued and line.rstrip().endswith("\\")
    return found


def _python_line(line: str) -> str:
    stripped = line.lstrip()
    if not stripped:
        return line
    first, asks = stripped[0], line.rstrip().endswith("?")
    if first not in "%!?pcmu" and "!" not in line and not asks:
        return line  # the common case: plain Python
    escaped_value = "=" in line and ("!" in line or "%" in line)
    if not (first in "%!?" or asks or escaped_value or stripped.startswith(_AUTOMAGIC_WORDS)):
        return line  # ``print(...)``, ``a != b``: no pattern below can match
    assigned = _ASSIGNED_ESCAPE.match(line)
    if assigned:
        return f"{assigned.group(1)}{assigned.group(2)} = None"
    escape = _ESCAPE.match(line) or _AUTOMAGIC.match(line)
    if escape:
        return f"{escape.group(1)}pass"
    help_suffix = _HELP_SUFFIX.match(line)
    if help_suffix:
        return f"{help_suffix.group(1)}{help_suffix.group(2)}"
    return line


def check_notebook(raw: bytes, settings: Settings) -> NotebookResult:
    """Findings of a notebook's code cells, each with its cell and cell-relative line."""
    cells = read_cells(raw)
    if isinstance(cells, SourceError):
        return NotebookResult([], [(cells, None)], [])
    return check_cells(cells, settings)


def _joined(cells: list[Cell]) -> tuple[list[str], str]:
    """The cells' lines, in order, and the module they make (no cell's line holds a line break)."""
    lines = [line for cell in cells for line in cell.lines]
    return lines, "\n".join(lines)


def check_cells(cells: list[Cell], settings: Settings) -> NotebookResult:
    """Findings of a notebook's code cells (``code_cells``)."""
    errors: list[tuple[SourceError, int | None]] = []
    pins = _pins(cells, settings)
    kept = list(cells)
    lines, module = _joined(kept)
    if not might_match(module, every_v04_module=settings.agent_framework, notebook=True):  # the cells as one module
        return NotebookResult(pins, [], cells)
    tree = parse_module(module)
    if isinstance(tree, SourceError):
        # Jupyter compiles each cell on its own: find and drop the cells that do not parse.
        for cell in cells:
            error = parse_module("\n".join(cell.lines))
            if isinstance(error, SourceError):
                errors.append((error, cell.index))
                kept = _without(kept, cell)
        lines, module = _joined(kept)
        tree = parse_module(module)
        if isinstance(tree, SourceError):
            broken = _cell_at(kept, tree.line)
            errors.append((tree._replace(line=tree.line - broken.first_line + 1), broken.index))
            return NotebookResult(pins, errors, cells)
    findings = [_in_cell(kept, finding) for finding in check_tree(tree, settings, lines, notebook=True)]
    return NotebookResult(pins + findings, errors, cells)


def check_cells_again(
    cells: list[Cell], settings: Settings, previous: Checked | None, interrupt: Callable[[], bool] | None = None
) -> tuple[NotebookResult, Checked | None]:
    """``check_cells``, from the check of the previous version of the notebook where that is cheaper.

    The cells are checked as one module, so an edit in one cell parses that cell's statements
    again and walks what the edit can reach (``incremental.check_again``); the parses and
    findings of the other cells carry over. A notebook with a cell that does not parse is
    checked in full. Returns what to keep for the next version.
    """
    from autogen_lint.incremental import check_again

    lines, module = _joined(cells)
    if not might_match(module, every_v04_module=settings.agent_framework, notebook=True):
        return NotebookResult(_pins(cells, settings), [], cells), None
    checked = check_again(module, lines, settings, previous, interrupt, notebook=True)
    if isinstance(checked, SourceError):
        return check_cells(cells, settings), None
    findings = [_in_cell(cells, finding) for finding in checked.findings]
    return NotebookResult(_pins(cells, settings) + findings, [], cells), checked


def _pins(cells: list[Cell], settings: Settings) -> list[Finding]:
    """AGL103 for the v0.2 pins of ``%pip install`` / ``!pip install`` lines, placed in their cells."""
    if not any(cell.pip_lines for cell in cells):
        return []
    from autogen_lint.dependencies import check_pip_line

    found = []
    for cell in cells:
        for number, text in cell.pip_lines:
            for finding in check_pip_line(text, number, settings):
                fix = finding.fix
                if fix is not None and fix.edits:
                    fix = fix._replace(edits=tuple(edit._replace(cell=cell.index) for edit in fix.edits))
                found.append(finding._replace(cell=cell.index, fix=fix))
    return found


def _cell_at(cells: list[Cell], line: int) -> Cell:
    for cell in reversed(cells):
        if cell.first_line <= line:
            return cell
    return cells[0]


def _without(cells: list[Cell], broken: Cell) -> list[Cell]:
    """The cells without ``broken``, renumbered so lines stay contiguous."""
    kept: list[Cell] = []
    line = 1
    for cell in cells:
        if cell.index != broken.index:
            kept.append(Cell(cell.index, line, cell.lines, cell.pip_lines))
            line += len(cell.lines)
    return kept


def _in_cell(cells: list[Cell], finding: Finding) -> Finding:
    cell = _cell_at(cells, finding.line)
    offset = cell.first_line - 1
    fix = finding.fix
    if fix is not None and fix.edits:
        edits = []
        for edit in fix.edits:
            if _cell_at(cells, edit.line) is not cell or _cell_at(cells, edit.end_line) is not cell:
                fix = None  # a fix whose edits would cross a cell boundary is not offered
                break
            edits.append(edit._replace(line=edit.line - offset, end_line=edit.end_line - offset, cell=cell.index))
        else:
            fix = fix._replace(edits=tuple(edits))
    return finding._replace(line=finding.line - offset, end_line=finding.end_line - offset, cell=cell.index, fix=fix)
