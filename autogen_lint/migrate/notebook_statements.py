"""A notebook rewritten statement by statement, when the whole-program rewrite refuses it.

The code cells are joined as for the whole-program rewrite, but each cell opens with a statement
of its own (``__autogen_lint_cell_N__ = None``) rather than a comment: no statement the rewrite
removes, moves or adds can carry a cell's start with it. The cells' top level awaits, as a cell
does; clients opened there are closed at the end of the last cell. The result is proven for the
whole notebook, or the notebook stays as it is: each changed cell compiles (top-level ``await``
allowed), no AGL7xx finding, no new pyflakes F821/F823/F811 on the joined cells, no helper
defined in a cell above the imports it reads, and a second run changes nothing.
"""

from __future__ import annotations

import ast
import builtins
import json
import re
from collections.abc import Callable

from autogen_lint.config import Config
from autogen_lint.fix.apply import python_error
from autogen_lint.fix.files import code_cells
from autogen_lint.migrate.model_clients import CELL_START
from autogen_lint.migrate.notebooks import (
    MARKER,
    MARKER_LINE,
    Joined,
    NotebookFindings,
    awaited_under_magic,
    read,
    written,
)
from autogen_lint.migrate.proof import new_name_errors
from autogen_lint.migrate.refusal import Refusal, unforeseen
from autogen_lint.migrate.scope import free_names
from autogen_lint.migrate.shape import Note
from autogen_lint.migrate.statements import bound_by
from autogen_lint.migrate.statementwise import rewrite_statements
from autogen_lint.notebooks import check_notebook, python_lines
from autogen_lint.source import split_lines

_START = CELL_START + "{}__ = None\n"
_START_LINE = re.compile("^" + re.escape(CELL_START) + r"(\d+)__ = None\n", re.MULTILINE)
_BUILTINS = frozenset(dir(builtins))


class CellStatements:
    """A notebook's code cells as one module whose cells start with a statement, and the way back."""

    def __init__(self, joined: Joined) -> None:
        self.joined = joined
        self.text = MARKER_LINE.sub(lambda match: _START.format(match.group(1)), joined.text)
        pieces = _START_LINE.split(self.text)
        self.ending = {
            int(i): len(chunk) - len(chunk.rstrip("\n")) for i, chunk in zip(pieces[1::2], pieces[2::2], strict=True)
        }
        """How many line ends close each cell (its trailing blank lines and its last line's)."""

    def split(self, text: str) -> dict[int, str]:
        """The rewritten module cut back into cells, each opening and closing as it did."""
        return self.joined.split("".join(f"{MARKER}{index}\n{body}" for index, body, _ in self._cut(text)))

    def line_of(self, text: str, cell: int | None, line: int) -> int:
        """The line of ``text`` that is line ``line`` of cell ``cell`` once ``text`` is split."""
        for index, _, head in self._cut(text):
            if index == (cell or 0):
                start = _starts(text)[index]
                if line <= head[1]:
                    return line  # a line written above the first cell's start
                return start + line - head[1] + head[0]
        return line

    def _cut(self, text: str) -> list[tuple[int, str, tuple[int, int]]]:
        """(cell, its new source, (leading line ends dropped, lines moved in from above the first start))."""
        pieces = _START_LINE.split(text)
        if [int(i) for i in pieces[1::2]] != list(self.joined.cells):
            raise Refusal("the rewrite moved code across cells")
        head = pieces[0]  # imports written above the first cell's start belong to the first cell
        found: list[tuple[int, str, tuple[int, int]]] = []
        for number, chunk in zip(pieces[1::2], pieces[2::2], strict=True):
            index = int(number)
            whole = head + chunk
            original = self.joined.cells[index]
            opening = len(original) - len(original.lstrip("\n")) if original.strip() else 0
            dropped = len(whole) - len(whole.lstrip("\n")) - opening
            body = "\n" * opening + whole.strip("\n")  # a cell starts as it did (an empty one: with its code)
            body = body + "\n" * self.ending[index] if body.strip() else ""
            found.append((index, body, (max(dropped, 0), head.count("\n"))))
            head = ""
        return found


def _starts(text: str) -> dict[int, int]:
    """The line of each cell's start statement in ``text``."""
    return {int(m.group(1)): text.count("\n", 0, m.start()) + 1 for m in _START_LINE.finditer(text)}


def rewrite_cells(
    raw: bytes, config: Config, link: Callable[[str], str], findings: NotebookFindings
) -> tuple[bytes, dict[int, str], dict[int, str], int]:
    """(new bytes, old and new sources of the changed cells, TODO count); ``Refusal`` when unproven."""
    text, cells, bom = read(raw)
    joined = Joined(cells)
    module = CellStatements(joined)
    try:
        migration = rewrite_statements(
            module.text, link, _hands_off(raw, findings), _notes(raw, module, findings), notebook=True
        )
    except Refusal:
        raise
    except Exception as error:  # a shape the codemod did not foresee: say so, never a traceback
        raise unforeseen(error) from None
    joined.install(migration.code)
    new_raw, new_text, changed = written(text, cells, bom, module.split(migration.code))
    new_module = CellStatements(Joined(code_cells(json.loads(new_text))))
    _prove(module.text, new_module.text, {i: (cells[i], source) for i, source in changed.items()}, new_raw, config)
    try:
        again = rewrite_statements(
            new_module.text, link, _hands_off(new_raw, findings), _notes(new_raw, new_module, findings), notebook=True
        ).code
    except Refusal:
        again = new_module.text
    except Exception as error:
        raise unforeseen(error) from None
    if again != new_module.text:
        raise Refusal("the result would be migrated again")
    return new_raw, {i: cells[i] for i in changed}, changed, migration.todos


def _notes(raw: bytes, module: CellStatements, findings: NotebookFindings) -> Callable[[str], list[Note]]:
    """The TODOs the engine's kept findings give a rewrite of ``module``, read as the notebook it makes."""
    text, cells, bom = read(raw)

    def notes(code: str) -> list[Note]:
        new_raw = written(text, cells, bom, module.split(code))[0]
        return [(module.line_of(code, cell, line), todo) for cell, line, todo in findings(new_raw)[1]]

    return notes


def _hands_off(raw: bytes, findings: NotebookFindings) -> Callable[[int, int], str | None] | None:
    """Which statement (by its lines in the joined module) holds a finding ``# noqa`` or the selection took away."""
    hidden = findings(raw)[0]
    if not hidden:
        return None
    module = CellStatements(Joined(read(raw)[1]))
    lines = [(module.line_of(module.text, cell, line), code) for cell, line, code in hidden]
    return lambda first, last: next((code for line, code in lines if first <= line <= last), None)


def _prove(before: str, after: str, changed: dict[int, tuple[str, str]], new_raw: bytes, config: Config) -> None:
    """Refuse a result that does not compile, breaks a v0.4 rule or misses a name.

    ``changed``: the old and new source of each changed cell.
    """
    for index, (_, new) in changed.items():
        code = "\n".join(python_lines(split_lines(new)))
        error = python_error(code, top_level_await=True)
        if error is not None:
            raise Refusal(f"the result would not compile (cell {index}, {error})")
    awaited = awaited_under_magic(changed)
    if awaited is not None:
        raise Refusal(awaited)
    broken = [f for f in check_notebook(new_raw, config.settings).findings if f.code.startswith("AGL7")]
    if broken:
        raise Refusal(f"the result would break {broken[0].code} in cell {broken[0].cell}")
    added = new_name_errors(before, after)
    if added:
        raise Refusal(f"the result would add {added[0]}")
    missing = _helper_above_its_names(before, after)
    if missing is not None:
        raise Refusal(missing)


def _helper_above_its_names(before: str, after: str) -> str | None:
    """A function the rewrite added that reads a name no earlier cell binds (an import in a later cell)."""
    old = {name for node in ast.parse(before).body for name in bound_by(node)}
    bound: set[str] = set()
    for node in ast.parse(after).body:
        if isinstance(node, ast.FunctionDef) and node.name not in old:
            unbound = sorted(free_names(node) - bound - _BUILTINS - {node.name})
            if unbound:
                return f"`{node.name}` would be defined above the cell that binds `{unbound[0]}`"
        bound |= bound_by(node)
    return None
