"""A function scope's statements in reading order, through ``if``/``for``/``while``/``with``/``try`` blocks."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from autogen_lint.migrate.imports import module_nodes
from autogen_lint.migrate.scope import Scope, bound_names

Body = cst.Module | cst.BaseSuite
"""What holds a list of statements."""


@dataclass(frozen=True, slots=True)
class Site:
    """One statement of a scope: its position in reading order, its block, and whether a loop repeats it."""

    index: int
    node: cst.BaseStatement
    block: Body
    in_loop: bool


def blocks_of(statement: cst.BaseStatement) -> list[tuple[Body, bool]]:
    """The blocks directly inside a compound statement (not a function's or class's), and whether they loop."""
    found: list[tuple[Body, bool]] = []
    if isinstance(statement, cst.If):
        found.append((statement.body, False))
        other = statement.orelse
        while other is not None:
            if isinstance(other, cst.If):
                found.append((other.body, False))
                other = other.orelse
            else:
                found.append((other.body, False))
                other = None
    elif isinstance(statement, cst.For | cst.While):
        found.append((statement.body, True))
        if statement.orelse is not None:
            found.append((statement.orelse.body, False))
    elif isinstance(statement, cst.With):
        found.append((statement.body, False))
    elif isinstance(statement, cst.Try | cst.TryStar):
        found.append((statement.body, False))
        found += [(handler.body, False) for handler in statement.handlers]
        if statement.orelse is not None:
            found.append((statement.orelse.body, False))
        if statement.finalbody is not None:
            found.append((statement.finalbody.body, False))
    return found


def statements_of(body: Body) -> Sequence[cst.BaseStatement]:
    if isinstance(body, cst.Module | cst.IndentedBlock):
        return body.body
    return ()


def sites(body: Body) -> list[Site]:
    """Every statement of the scope whose body is ``body``, in reading order (nested scopes are one site)."""
    found: list[Site] = []

    def visit(block: Body, in_loop: bool) -> None:
        for statement in statements_of(block):
            found.append(Site(len(found), statement, block, in_loop))
            for inner, loops in blocks_of(statement):
                visit(inner, in_loop or loops)

    visit(body, False)
    return found


def scopes(module: cst.Module) -> list[cst.Module | cst.FunctionDef]:
    """The module and every function or method, in source order."""
    return [module, *(node for node in module_nodes(module) if isinstance(node, cst.FunctionDef))]


class FunctionScope(Scope):
    """Names of one function (or the module), following names to their plain assignments in it.

    A name the function does not bind is followed to the module's top-level assignment; its
    index is then ``-1 - index`` (the module's statement), so the function never removes it.
    """

    def __init__(self, found: Sequence[Site], tree: ast.AST, module_scope: Scope | None, module_names: Scope) -> None:
        """``module_names``: the whole module's names (for fresh names); ``module_scope``: its top level."""
        super().__init__([site.node for site in found], ast.Module(body=[], type_ignores=[]))
        self.module_scope = module_scope
        self.bindings = Counter()
        self.loads = Counter()
        for node in _own_nodes(tree):
            for name in bound_names(node):
                self.bindings[name] += 1
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self.loads[node.id] += 1
        self.module_names = module_names
        self.inner_loads = Counter(
            node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
        )
        self.inner_loads.subtract(self.loads)
        """Loads in the functions and classes defined inside this scope (they read its names when they run)."""

    def value(self, name: str, before: int) -> tuple[int, cst.BaseExpression] | None:
        if self.bindings[name] or self.module_scope is None:
            return super().value(name, before)
        found = self.module_scope.value(name, 1 << 30)
        if found is None or self.module_scope.bindings[name] != 1:
            return None
        return -1 - found[0], found[1]

    def free(self, name: str) -> bool:
        return self.module_names.free(name)


def _own_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function (its arguments included) or module, without nested scopes' bodies."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if node is not tree:
            yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                yield child  # the name it binds; what it evaluates where it is defined belongs here
                stack.extend(child.decorator_list)
                if isinstance(child, ast.ClassDef):
                    stack.extend([*child.bases, *(keyword.value for keyword in child.keywords)])
                else:
                    stack.extend([*child.args.defaults, *(d for d in child.args.kw_defaults if d is not None)])
            elif not isinstance(child, ast.Lambda):
                stack.append(child)
