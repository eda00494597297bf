"""Statement-level edits that fixes share: where a statement stands, and wrapping in try/finally.

Every function answers ``None`` when it cannot prove its edit keeps the program's text intact
(a statement sharing its line, a multi-line string that re-indenting would change, no source
lines): the rule then offers no fix rather than a doubtful one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from autogen_lint.checker import Checker
from autogen_lint.findings import Edit

_BLOCKS = ("body", "orelse", "finalbody")
_TRAILER = re.compile(r"\s*(#.*)?")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def can_await(checker: Checker, node: ast.AST) -> bool:
    """``await`` is allowed at ``node``: in an ``async def``, or at a notebook cell's top level.

    Not inside a ``lambda`` or a generator expression, where ``await`` changes what the
    expression is (or is a syntax error).
    """
    for ancestor in checker.ancestors(node):
        if isinstance(ancestor, ast.AsyncFunctionDef):
            return True
        if isinstance(ancestor, (*_FUNCTIONS, ast.GeneratorExp)):
            return False
    return checker.notebook


def block_of(checker: Checker, statement: ast.stmt) -> tuple[list[ast.stmt], int] | None:
    """The statement list holding ``statement`` and its index there."""
    parent = checker.parent(statement)
    if parent is None:
        parent = checker.tree
    for name in _BLOCKS:
        block = getattr(parent, name, None)
        if isinstance(block, list):
            for index, item in enumerate(block):
                if item is statement:
                    return block, index
    return None


def first_line(statement: ast.stmt) -> int:
    """The statement's first line, its decorators included."""
    decorators: list[ast.expr] = getattr(statement, "decorator_list", None) or []
    return min([statement.lineno, *(d.lineno for d in decorators)])


def indent_of(checker: Checker, statement: ast.stmt) -> str | None:
    """The whitespace before ``statement`` when it starts its line, else ``None``."""
    line = checker.source_line(first_line(statement))
    if line is None:
        return None
    start = checker.span(statement)[1] if first_line(statement) == statement.lineno else None
    prefix = line[: len(line) - len(line.lstrip())]
    if start is not None and line[:start].strip():
        return None
    return prefix


def ends_line(checker: Checker, statement: ast.stmt) -> bool:
    """Nothing but a comment follows ``statement`` on its last line."""
    _, _, end_line, end_col = checker.span(statement)
    line = checker.source_line(end_line)
    return line is not None and _TRAILER.fullmatch(line[end_col:]) is not None


def indent_unit(checker: Checker, statement: ast.stmt, indent: str) -> str:
    """One level of indentation as the file writes it, judged from the enclosing block."""
    for ancestor in checker.ancestors(statement):
        body = getattr(ancestor, "body", None)
        if isinstance(ancestor, ast.stmt) and isinstance(body, list) and body:
            outer = indent_of(checker, ancestor)
            inner = indent_of(checker, body[0])
            if outer is not None and inner is not None and inner.startswith(outer) and inner != outer:
                return inner[len(outer) :]
    return "\t" if indent.startswith("\t") else "    "


def has_multiline_string(statements: list[ast.stmt]) -> bool:
    """A string literal spans lines: re-indenting its lines would change its value.

    Only nodes that span lines are looked into: nothing inside a one-line node can.
    """
    pending: list[ast.AST] = list(statements)
    while pending:
        node = pending.pop()
        line, end_line = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if line is not None and line == end_line:
            continue
        text = isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
        )
        if text and (line or 0) != (end_line or 0):
            return True
        pending.extend(ast.iter_child_nodes(node))
    return False


def wrap_in_try_finally(
    checker: Checker, statements: list[ast.stmt], cleanup: str = "", *, through: ast.stmt | None = None
) -> Edit | None:
    """Wrap ``statements`` (consecutive, one block) in ``try:`` with ``cleanup`` in ``finally``.

    With ``through`` (a one-line statement after them in the block), that statement moves into
    the ``finally`` instead, its trailing comment with it. The wrapped lines gain one
    indentation level, comments between them included.
    """
    first, last = statements[0], statements[-1]
    final = through or last
    indent = indent_of(checker, first)
    if indent is None or not ends_line(checker, last) or not ends_line(checker, final):
        return None
    if through is not None and (indent_of(checker, through) is None or through.lineno != through.end_lineno):
        return None
    if has_multiline_string(statements):
        return None
    unit = indent_unit(checker, first, indent)
    start, stop = first_line(first), (final.lineno - 1 if through is not None else last.end_lineno or last.lineno)
    lines = [checker.source_line(number) for number in range(start, stop + 1)]
    if any(line is None for line in lines):
        return None
    body = "\n".join(unit + line if line.strip() else line for line in lines if line is not None)
    end_text = checker.source_line(final.end_lineno or final.lineno)
    assert end_text is not None
    if through is not None:
        cleanup = end_text.strip()
    text = f"{indent}try:\n{body}\n{indent}finally:\n{indent}{unit}{cleanup}"
    return Edit(start, 0, final.end_lineno or final.lineno, len(end_text), text)


def import_name(checker: Checker, module: str, name: str, user: ast.AST) -> tuple[str, Edit | None] | None:
    """How ``user``'s code can refer to ``module.name``, and the edit that imports it when one is needed.

    Reuses a top-level ``from module import name``, extends a top-level ``from module import ...``,
    or adds ``from module import name`` after the last top-level import (after a docstring and
    ``from __future__`` imports when there is none). ``None`` when ``name`` is bound to anything
    else anywhere in the module, or the import would land after ``user`` in top-level code.
    """
    body = checker.tree.body
    imports = [s for s in body if isinstance(s, (ast.Import, ast.ImportFrom))]
    same = [s for s in imports if isinstance(s, ast.ImportFrom) and s.module == module and not s.level]
    for statement in same:
        for alias in statement.names:
            if alias.name == name:
                return alias.asname or name, None
    if _binds(checker.tree, name):
        return None
    extendable = [s for s in same if s.names[0].name != "*"]
    if extendable:
        return name, checker.insert_after(extendable[-1].names[-1], f", {name}")
    line = _import_line(checker, imports)
    if line is None or (checker.at_top_level(user) and checker.span(user)[0] < line):
        return None
    if checker.source_line(line) is None:  # after the last line, which has no newline
        previous = checker.source_line(line - 1) or ""
        return name, Edit(line - 1, len(previous), line - 1, len(previous), f"\nfrom {module} import {name}")
    return name, Edit(line, 0, line, 0, f"from {module} import {name}\n")


def _import_line(checker: Checker, imports: Sequence[ast.stmt]) -> int | None:
    """The 1-based line a new top-level import goes on, or ``None`` when no line is safe."""
    body = checker.tree.body
    anchor: ast.stmt | None = None
    if imports:
        anchor = imports[-1]
    elif body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        anchor = body[0] if isinstance(body[0].value.value, str) else None  # the docstring
    if anchor is None:
        return 1
    if not ends_line(checker, anchor):
        return None  # ``import x; y()``: the next statement shares the line
    return (anchor.end_lineno or anchor.lineno) + 1


def _binds(tree: ast.Module, name: str) -> bool:
    """``name`` is assigned, defined, imported or a parameter somewhere in the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)) and node.id == name:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, ast.alias) and (node.asname or node.name.split(".")[0]) == name:
            return True
        if isinstance(node, ast.arg) and node.arg == name:
            return True
    return False
