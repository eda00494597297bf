"""AGL710: a ``TextMentionTermination`` text that the team's own task already contains."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from autogen_lint.agentchat import is_team, keyword, string, unpacks
from autogen_lint.checker import Checker
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import at_end, on
from autogen_lint.semantic import Binding

TEXT_MENTION = "autogen_agentchat.conditions.TextMentionTermination"
RUN_METHODS = frozenset({"run", "run_stream"})
_COMBINED = (ast.BinOp, ast.BoolOp)
_CONDITIONS = "autogen_lint.rules.termination"


@on(ast.Call, callees=("TextMentionTermination",), packages=AUTOGEN)
def text_mention(checker: Checker, node: ast.Call) -> None:
    if checker.callee(node) != TEXT_MENTION or unpacks(node):
        return
    sources = keyword(node, "sources")
    if sources is not None and not (isinstance(sources, ast.Constant) and sources.value is None):
        return
    text = string(keyword(node, "text") or (node.args[0] if node.args else None))
    if text:
        checker.scratch.setdefault(_CONDITIONS, []).append((node, text))


@at_end(packages=AUTOGEN)
def text_in_task(checker: Checker) -> None:
    conditions: list[tuple[ast.Call, str]] = checker.scratch.get(_CONDITIONS, [])
    if not conditions:
        return
    bindings = {b.node: b for scope in checker.semantic.scopes for b in scope.all_bindings()}
    for condition, text in conditions:
        for team in _teams(checker, condition, bindings):
            task = next((t for t in _tasks(checker, team, bindings) if text in (string(t) or "")), None)
            if task is not None:
                checker.report("AGL710", condition, text=text, line=str(task.lineno))
                break


def _teams(checker: Checker, condition: ast.expr, bindings: dict[ast.AST, Binding]) -> Iterator[ast.Call]:
    """The team constructor calls that get ``condition`` (directly, combined, or through names)."""
    pending: list[ast.AST] = [condition]
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        parent = checker.parent(node)
        while isinstance(parent, _COMBINED):
            node, parent = parent, checker.parent(parent)
        if isinstance(parent, ast.keyword) and parent.arg == "termination_condition":
            team = checker.parent(parent)
            if isinstance(team, ast.Call) and is_team(checker.callee(team)):
                yield team
        binding = _bound(parent, node, bindings)
        if binding is not None:
            pending += binding.references


def _tasks(checker: Checker, team: ast.Call, bindings: dict[ast.AST, Binding]) -> Iterator[ast.expr]:
    """The ``task`` arguments of ``run``/``run_stream`` calls on ``team`` or the name it is bound to."""
    binding = _bound(checker.parent(team), team, bindings)
    for receiver in (team, *(binding.references if binding is not None else ())):
        method = checker.parent(receiver)
        call = checker.parent(method) if method is not None else None
        if isinstance(method, ast.Attribute) and method.attr in RUN_METHODS and isinstance(call, ast.Call):
            task = keyword(call, "task") or (call.args[0] if call.args else None)
            if task is not None:
                yield task


def _bound(parent: ast.AST | None, value: ast.AST, bindings: dict[ast.AST, Binding]) -> Binding | None:
    """The binding of ``name = value``, when ``value`` is assigned to a single name."""
    if isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is value:
        target = parent.targets[0] if isinstance(parent, ast.Assign) and len(parent.targets) == 1 else None
        if not isinstance(parent, ast.Assign):
            target = parent.target
        if isinstance(target, ast.Name):
            return bindings.get(target)
    return None
