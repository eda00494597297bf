"""The function an ``is_termination_msg`` names, read as a lambda or called as it is.

A check the codemod cannot turn into an expression over the v0.4 message's text (it calls the
program's own functions, reads other keys, keeps state) is still kept: the team's
``FunctionalTermination`` calls it on the dict v0.2 gave it, built from each v0.4 message
(``MESSAGE``: the text as ``"content"``, ``"role"`` "user" as for every message an agent
received, and the sender's name as ``"name"``). It can be called where the team is built only
when every name it needs is bound once, at the module's top level (a ``def`` or an import), or
is a builtin.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator

import libcst as cst

from autogen_lint.migrate.scope import Scope

MESSAGE = '{"content": m.to_text(), "role": "user", "name": m.source}'
"""The v0.2 message dict a predicate gets, from the v0.4 message ``m``."""

_BUILTINS = frozenset(dir(builtins))


class Predicates:
    """The module's top-level functions and lambdas that an ``is_termination_msg`` may name."""

    def __init__(self, module: cst.Module, scope: Scope) -> None:
        self.module = module
        self.scope = scope
        self.everywhere: Scope = getattr(scope, "module_names", scope)
        """The whole module's names (a function's scope counts only its own)."""

    def lambda_of(self, name: cst.Name) -> cst.Lambda | None:
        """``name = lambda ...`` at the top level, the only binding of ``name``."""
        if not self._global(name.value):
            return None
        found = [value for _, value in self._top_level_assignments(name.value)]
        return found[0] if len(found) == 1 and isinstance(found[0], cst.Lambda) else None

    def call_code(self, node: cst.BaseExpression) -> str | None:
        """The code that calls the check ``node`` names, from anywhere in the module; ``None`` if none can."""
        if isinstance(node, cst.Name):
            return node.value if self._global(node.value) and self._function(node.value) else None
        if not isinstance(node, cst.Lambda) or len(node.params.params) != 1 or node.params.star_kwarg:
            return None
        parameter = node.params.params[0].name.value
        names = {n.value for n in _names(node.body)} - {parameter}
        builtin = {name for name in names if name in _BUILTINS and self.everywhere.bindings[name] == 0}
        if not all(self._callable(name) for name in names - builtin):
            return None
        return f"({cst.Module([]).code_for_node(node)})"

    def _global(self, name: str) -> bool:
        """Bound once in the whole module, and not by the function being read."""
        at_top = self.scope is self.everywhere or getattr(self.scope, "module_scope", None) is None
        return self.everywhere.bindings[name] == 1 and (at_top or self.scope.bindings[name] == 0)

    def _callable(self, name: str) -> bool:
        return self._global(name) and self._function(name)

    def _function(self, name: str) -> bool:
        """A top-level ``def`` or import of ``name``."""
        for statement in self.module.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
                return True
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, cst.Import | cst.ImportFrom) and name in _imported(small):
                        return True
        return False

    def _top_level_assignments(self, name: str) -> Iterator[tuple[int, cst.BaseExpression]]:
        for index, statement in enumerate(self.module.body):
            if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
                small = statement.body[0]
                if (
                    isinstance(small, cst.Assign)
                    and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Name)
                    and small.targets[0].target.value == name
                ):
                    yield index, small.value


def _imported(node: cst.Import | cst.ImportFrom) -> set[str]:
    if isinstance(node.names, cst.ImportStar):
        return set()
    found = set()
    for alias in node.names:
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            found.add(alias.asname.name.value)
        else:
            found.add(cst.Module([]).code_for_node(alias.name).partition(".")[0])
    return found


def _names(node: cst.CSTNode) -> Iterator[cst.Name]:
    """The names an expression reads (not attribute names, keywords or parameters of inner lambdas)."""
    if isinstance(node, cst.Name):
        yield node
        return
    if isinstance(node, cst.Attribute):
        yield from _names(node.value)
        return
    if isinstance(node, cst.Arg):
        yield from _names(node.value)
        return
    if isinstance(node, cst.Lambda | cst.BaseComp):  # a nested scope: read its names conservatively
        inner = {p.name.value for p in node.params.params} if isinstance(node, cst.Lambda) else set()
        for child in node.children:
            yield from (n for n in _names(child) if n.value not in inner)
        return
    for child in node.children:
        yield from _names(child)
