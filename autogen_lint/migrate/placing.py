"""Which names a statement binds and reads where it stands: what may move, and where set-up may go."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import libcst as cst

from autogen_lint.migrate.scope import bound_names


def _tree(node: cst.BaseStatement) -> ast.Module:
    assert isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return ast.parse(cst.Module(body=[node]).code)


def binds(node: cst.BaseStatement) -> set[str]:
    """The names ``node`` binds in its own scope (not inside the functions or classes it defines)."""
    return {name for inner in _here(_tree(node)) for name in bound_names(inner)}


def reads_now(node: cst.BaseStatement) -> set[str]:
    """The names ``node`` reads when it runs: a ``def``'s decorators, defaults and annotations, not its body."""
    return {inner.id for inner in _here(_tree(node)) if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load)}


def reads_code(code: str) -> set[str]:
    """The names an expression or statement (as code) reads."""
    tree = ast.parse(code)
    return {inner.id for inner in ast.walk(tree) if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load)}


def _here(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes evaluated where the statement stands: a nested function's or class's body is skipped."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            stack += [*node.decorator_list, *arguments.defaults, *(d for d in arguments.kw_defaults if d)]
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            stack += [a.annotation for a in every if a.annotation is not None]
            stack += [node.returns] if node.returns is not None else []
        elif isinstance(node, ast.ClassDef):
            stack += [*node.decorator_list, *node.bases, *(keyword.value for keyword in node.keywords)]
        elif isinstance(node, ast.Lambda):
            stack += [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
        else:
            stack += ast.iter_child_nodes(node)
