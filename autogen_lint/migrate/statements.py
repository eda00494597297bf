"""Statement-level helpers of the rewrite: walking, building and placing libcst statements."""

from __future__ import annotations

import ast

import libcst as cst

from autogen_lint.migrate.imports import dotted, walk
from autogen_lint.migrate.scope import Scope, bound_names


class BlankLines(cst.CSTTransformer):
    """Blank lines moved into a block stay blank (libcst would indent them)."""

    def leave_EmptyLine(self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine) -> cst.EmptyLine:
        return updated_node.with_changes(indent=False) if updated_node.comment is None else updated_node


class Names:
    """Fresh variable names: ``model_client``, ``model_client_2``, ... never one the file uses."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.taken: set[str] = set()

    def fresh(self, base: str) -> str:
        number = 1
        while True:
            name = base if number == 1 else f"{base}_{number}"
            if name not in self.taken and self.scope.free(name):
                self.taken.add(name)
                return name
            number += 1


def loaded(statements: list[cst.BaseStatement]) -> set[str]:
    return {node.value for item in statements for node in walk(item) if isinstance(node, cst.Name)}


def bound_by(node: ast.AST) -> set[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    return {name for inner in ast.walk(node) for name in bound_names(inner) if not isinstance(inner, ast.arg)}


def bound_by_cst(item: cst.BaseStatement) -> set[str]:
    if isinstance(item, cst.FunctionDef | cst.ClassDef):
        return {item.name.value}
    return set()


def visited(statement: cst.BaseStatement, transformer: cst.CSTTransformer) -> cst.BaseStatement:
    visited = statement.visit(transformer)
    assert isinstance(visited, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return visited


def one_blank_line(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """Blank lines between statements moved into ``main()``, at most one in a row (and no spaces)."""
    kept: list[cst.EmptyLine] = []
    for line in lines:
        if line.comment is None and kept and kept[-1].comment is None:
            continue
        kept.append(line.with_changes(indent=False) if line.comment is None else line)
    return kept


def without_leading_blanks(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    while lines and lines[0].comment is None:
        lines = lines[1:]
    return lines


def statement(code: str) -> cst.BaseStatement:
    return cst.parse_statement(code + "\n")


def method(call: cst.Call) -> str | None:
    return call.func.attr.value if isinstance(call.func, cst.Attribute) else None


def is_attribute_head(name: cst.Name | cst.Attribute, item: cst.BaseStatement) -> bool:
    """Whether ``name`` is the ``autogen`` in ``autogen.X`` (the longer name is reported instead)."""
    return any(isinstance(n, cst.Attribute) and n.value is name for n in walk(item))


def is_main_guard(statement: cst.BaseStatement) -> bool:
    if not isinstance(statement, cst.If) or statement.orelse is not None:
        return False
    test = statement.test
    return (
        isinstance(test, cst.Comparison)
        and dotted(test.left) == "__name__"
        and len(test.comparisons) == 1
        and isinstance(test.comparisons[0].operator, cst.Equal)
        and isinstance(test.comparisons[0].comparator, cst.SimpleString)
        and test.comparisons[0].comparator.evaluated_value == "__main__"
    )


def parsed_source(text: str) -> tuple[ast.Module, cst.Module, set[str]] | None:
    """A file's ``ast`` and libcst trees and the names it reads anywhere; ``None`` when it does not parse."""
    try:
        tree = ast.parse(text.replace("\r\n", "\n").replace("\r", "\n"))
        module = cst.parse_module(text)
    except (SyntaxError, ValueError, cst.ParserSyntaxError):
        return None
    reads = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store)}
    reads |= {name for node in ast.walk(tree) if isinstance(node, ast.Global | ast.Nonlocal) for name in node.names}
    return tree, module, reads
