"""Migrating a notebook: its code cells as one module, top-level ``await``, cells and outputs kept.

The cells are joined with a marker comment before each, IPython lines (magics, shell escapes)
stand in as placeholder statements, and the migrated module is cut back into the same cells.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from typing import TypeVar

from autogen_lint.config import Config
from autogen_lint.fix.apply import python_error
from autogen_lint.fix.files import code_cells
from autogen_lint.fix.notebook_json import NotebookLayoutError, replace_sources
from autogen_lint.migrate.model_clients import CELL_MARKER
from autogen_lint.migrate.pip_lines import rewritten, still_v02, v04_requirements
from autogen_lint.migrate.program import Program
from autogen_lint.migrate.proof import new_name_errors
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.statements import bound_by
from autogen_lint.notebooks import check_notebook, python_lines
from autogen_lint.source import split_lines

MARKER = CELL_MARKER
MARKER_LINE = re.compile(r"^# autogen-lint-migrate-cell (\d+)\n", re.MULTILINE)
_PLACEHOLDER = re.compile(r"^(\s*)__autogen_lint_ipython_(\d+)__ = None$")


class Joined:
    """A notebook's code cells as one Python module, and the way back."""

    def __init__(self, cells: dict[int, str]) -> None:
        if any(MARKER in source or "__autogen_lint_" in source for source in cells.values()):
            raise Refusal("the notebook holds the codemod's own markers")
        self.cells = cells
        self.originals: list[str] = []
        self.offsets: dict[int, int] = {}
        self.unreadable: dict[int, str] = {}
        """Cells that do not parse (why), kept whole as IPython lines are: nothing in them is rewritten."""
        self._opaque: set[int] = set()
        parts: list[str] = []
        line = 1
        for index, source in cells.items():
            lines = source.splitlines()
            neutral = python_lines(lines)
            error = _parse_error("\n".join(neutral))
            if error is not None:
                self.unreadable[index] = error
                neutral = [""] * len(lines)
                self._opaque.update(range(len(self.originals), len(self.originals) + len(lines)))
            view: list[str] = []
            for original, python in zip(lines, neutral, strict=True):
                if python == original:
                    view.append(original)
                    continue
                indent = "" if not python.strip() else python[: len(python) - len(python.lstrip())]
                if not python.strip() and view and self.originals and self.originals[-1].rstrip().endswith("\\"):
                    indent = view[-1][: len(view[-1]) - len(view[-1].lstrip())]  # a continued IPython line
                view.append(f"{indent}__autogen_lint_ipython_{len(self.originals)}__ = None")
                self.originals.append(original)
            parts.append(f"{MARKER}{index}\n" + "".join(f"{v}\n" for v in view))
            self.offsets[index] = line + 1
            line += len(view) + 1
        self.text = "".join(parts)

    def line_of(self, cell: int | None, line: int) -> int:
        return self.offsets.get(cell or 0, 0) + line - 1

    def install(self, code: str) -> None:
        """The pip lines that installed v0.2 install what the migrated ``code`` imports."""
        packages = v04_requirements(code)
        keep = still_v02(code)
        self.originals = [
            line if number in self._opaque else rewritten(line, packages, keep_v02=keep)
            for number, line in enumerate(self.originals)
        ]

    def split(self, text: str) -> dict[int, str]:
        """The migrated module cut back into cells, IPython lines restored."""
        pieces = MARKER_LINE.split(text)
        if pieces[0].strip() or [int(i) for i in pieces[1::2]] != list(self.cells):
            raise Refusal("the rewrite moved code across cells")
        restored = 0
        cells: dict[int, str] = {}
        for index, chunk in zip(pieces[1::2], pieces[2::2], strict=True):
            lines = (chunk[:-1] if chunk.endswith("\n") else chunk).split("\n")
            for number, line in enumerate(lines):
                match = _PLACEHOLDER.match(line)
                if match:
                    lines[number] = self.originals[int(match.group(2))]
                    restored += 1
            source = "\n".join(lines)
            cells[int(index)] = source + "\n" if self.cells[int(index)].endswith("\n") else source
        if restored != len(self.originals):
            raise Refusal("an IPython line (a magic or shell escape) would be lost")
        return cells


def _parse_error(code: str) -> str | None:
    try:
        ast.parse(code)
    except SyntaxError as error:
        return f"{type(error).__name__}: {error.msg}"
    except (ValueError, RecursionError, MemoryError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def unreadable_cell(joined: Joined) -> str | None:
    """Why a cell that does not parse stops the rewrite: it reads or binds a name the other cells bind.

    Such a cell stays as it is; it is left out only when nothing in it can refer to the code the
    rewrite changes (a cell of shell commands without their ``!``, notes written as code).
    """
    tree = ast.parse(joined.text)
    bound = {name for node in tree.body for name in bound_by(node) if not name.startswith("__autogen_lint_")}
    for index, error in joined.unreadable.items():
        shared = sorted(set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", joined.cells[index])) & bound)
        if shared:
            return f"cell {index} cannot be read ({error}) and names `{shared[0]}`, which other cells bind"
    return None


def read(raw: bytes) -> tuple[str, dict[int, str], bool]:
    """The notebook's JSON text, its code cells by index, and whether it had a BOM."""
    try:
        text = raw.decode("utf-8-sig")
        return text, code_cells(json.loads(text)), raw.startswith(b"\xef\xbb\xbf")
    except (UnicodeDecodeError, ValueError, NotebookLayoutError) as error:
        raise Refusal(f"it is not a notebook that can be read ({type(error).__name__})") from None


T = TypeVar("T")
CellFinding = tuple[int | None, int, T]
"""(cell, line in the cell, what): a finding of the engine in a notebook."""
NotebookFindings = Callable[[bytes], tuple[list[CellFinding[str]], list[CellFinding[Todo]]]]


def migrate_notebook(
    raw: bytes, config: Config, link: Callable[[str], str], findings: NotebookFindings
) -> tuple[bytes, dict[int, str], dict[int, str], int]:
    """``_migrate_notebook``, refused when running it again on its result would change that result."""
    result = _migrate_notebook(raw, config, link, findings)
    try:
        again = _migrate_notebook(result[0], config, link, findings)[0]
    except Refusal:
        return result
    if again != result[0]:
        raise Refusal("the result would be migrated again")
    return result


def _migrate_notebook(
    raw: bytes, config: Config, link: Callable[[str], str], findings: NotebookFindings
) -> tuple[bytes, dict[int, str], dict[int, str], int]:
    """(new bytes, old and new sources of the changed cells, TODO count).

    ``findings`` gives the codes of the findings ``# noqa`` or the selection took away, and the
    TODOs the other findings give statements kept as they were. The whole program is rewritten
    when it can be; else each statement that can (``notebook_statements``).
    """
    from autogen_lint.migrate.notebook_statements import rewrite_cells

    text, cells, bom = read(raw)
    joined = Joined(cells)
    unreadable = unreadable_cell(joined)
    if unreadable is not None:
        raise Refusal(unreadable)
    hidden, kept = findings(raw)
    hands_off = [(joined.line_of(cell, line), code) for cell, line, code in hidden]
    notes = [(joined.line_of(cell, line), todo) for cell, line, todo in kept]

    def check(first: int, last: int) -> str | None:
        return next((code for line, code in hands_off if first <= line <= last), None)

    try:
        migration = Program(joined.text, link, check, notebook=True, notes=notes).migrate()
    except Refusal as refusal:
        if str(refusal) in FINAL:
            raise
        return rewrite_cells(raw, config, link, findings)
    except Exception:  # a shape the codemod did not foresee: the statements may still be rewritten
        return rewrite_cells(raw, config, link, findings)
    error = python_error(migration.code, top_level_await=True)
    if error is not None:
        raise Refusal(f"the result would not compile ({error})")
    joined.install(migration.code)
    new_raw, new_text, changed = written(text, cells, bom, joined.split(migration.code))
    awaited = awaited_under_magic({i: (cells[i], source) for i, source in changed.items()})
    if awaited is not None:
        raise Refusal(awaited)
    if new_name_errors(joined.text, Joined(code_cells(json.loads(new_text))).text):
        return rewrite_cells(raw, config, link, findings)
    broken = [f for f in check_notebook(new_raw, config.settings).findings if f.code.startswith("AGL7")]
    if broken:
        raise Refusal(f"the result would break {broken[0].code} in cell {broken[0].cell}")
    try:
        Program(Joined(code_cells(json.loads(new_text))).text, link, check, notebook=True).migrate()
    except Refusal:
        pass
    else:
        raise Refusal("the result would be migrated again")
    return new_raw, {i: cells[i] for i in changed}, changed, migration.todos


FINAL = frozenset({"no `autogen` import"})
"""Whole-program refusals the statement-level rewrite cannot help with."""


def written(
    text: str, cells: dict[int, str], bom: bool, new_cells: dict[int, str]
) -> tuple[bytes, str, dict[int, str]]:
    """The notebook with its cells' new sources: (bytes, JSON text, the changed cells' sources)."""
    changed = {index: source for index, source in new_cells.items() if source != cells[index]}
    try:
        new_text = replace_sources(text, changed)
        if code_cells(json.loads(new_text)) != {**cells, **changed}:
            raise NotebookLayoutError("the rewritten notebook does not read back")
    except (ValueError, NotebookLayoutError) as error:
        raise Refusal(f"cannot write the notebook back: {error}") from None
    return (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"), new_text, changed


def awaited_under_magic(changed: dict[int, tuple[str, str]]) -> str | None:
    """Why a changed cell (old and new source) cannot run: an ``await`` added under a cell magic.

    ``%%capture`` and the like run the cell's code themselves, outside the notebook's event loop.
    """
    for index, (old, new) in changed.items():
        if new.lstrip().startswith("%%") and _awaits(new) > _awaits(old):
            return f"cell {index} would `await` under a cell magic, which runs it outside the notebook's loop"
    return None


def _awaits(source: str) -> int:
    code = "\n".join(python_lines(split_lines(source)))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return 0
    return sum(isinstance(node, ast.Await) for node in ast.walk(tree))
