"""Which names the module binds and reads, and the values of its top-level single assignments."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Sequence

import libcst as cst


class Scope:
    """Names across the whole module (from ``ast``) and top-level ``name = value`` statements (libcst)."""

    def __init__(self, statements: Sequence[cst.BaseStatement], tree: ast.Module) -> None:
        self.bindings: Counter[str] = Counter()
        self.loads: Counter[str] = Counter()
        for node in ast.walk(tree):
            for name in bound_names(node):
                self.bindings[name] += 1
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self.loads[node.id] += 1
        self.assigned: dict[str, list[tuple[int, cst.BaseExpression]]] = {}
        for index, statement in enumerate(statements):
            if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
                small = statement.body[0]
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    target = small.targets[0].target
                    if isinstance(target, cst.Name):
                        self.assigned.setdefault(target.value, []).append((index, small.value))
        self.read: dict[str, set[int]] = {}
        """The loads of each name (by node identity) a rewrite has taken over."""

    def value(self, name: str, before: int) -> tuple[int, cst.BaseExpression] | None:
        """The index and value of the last top-level ``name = value`` before statement ``before``.

        ``None`` unless every binding of the name is such a statement.
        """
        found = self.assigned.get(name, [])
        if not found or self.bindings[name] != len(found):
            return None
        earlier = [one for one in found if one[0] < before]
        return earlier[-1] if earlier else None

    def assigned_name(self, index: int) -> str | None:
        """The name the top-level ``name = value`` statement at ``index`` binds."""
        return next((name for name, found in self.assigned.items() if any(i == index for i, _ in found)), None)

    def only_assignments(self, name: str, indexes: set[int]) -> bool:
        """Whether every binding of ``name`` is a top-level assignment at one of ``indexes``."""
        found = self.assigned.get(name, [])
        return self.bindings[name] == len(found) and all(index in indexes for index, _ in found)

    def take(self, name: cst.Name) -> None:
        """Record that a rewrite reads (and replaces) this load of a name."""
        self.read.setdefault(name.value, set()).add(id(name))

    def all_taken(self, name: str) -> bool:
        """Whether every load of ``name`` is one a rewrite replaced."""
        return len(self.read.get(name, ())) >= self.loads[name]

    def free(self, name: str) -> bool:
        return self.bindings[name] == 0 and self.loads[name] == 0


def bound_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [(alias.asname or alias.name).partition(".")[0] for alias in node.names]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    if isinstance(node, ast.Global | ast.Nonlocal):
        return list(node.names)
    if isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
        return [node.name]
    return []


def free_names(node: ast.AST) -> set[str]:
    """Names a function or class reads that it does not bind itself (the globals it needs)."""
    bound: set[str] = set()
    read: set[str] = set()
    for inner in ast.walk(node):
        if inner is not node:
            bound.update(bound_names(inner))
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Load):
            read.add(inner.id)
    return read - bound
