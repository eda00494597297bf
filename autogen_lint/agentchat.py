"""What the v0.4 rules know about AgentChat objects: agents, teams, and what a value is.

Names are matched once resolved (``checker.callee``, ``semantic.resolve_qualified_name``),
so ``from autogen_agentchat import teams as t; t.Swarm(...)`` counts and a look-alike
``Swarm`` from another library does not.
"""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker
from autogen_lint.semantic import Binding, BindingKind

AGENTS = "autogen_agentchat.agents."
EXT_AGENTS = "autogen_ext.agents."
TEAMS = "autogen_agentchat.teams."
EXT_TEAMS = "autogen_ext.teams."
CONSOLE = "autogen_agentchat.ui.Console"
# ``with pytest.raises(...):`` blocks: code there is meant to fail.
EXPECTED_FAILURES = frozenset({"pytest.raises"})


def is_agent(qualified_name: str | None) -> bool:
    return qualified_name is not None and qualified_name.startswith((AGENTS, EXT_AGENTS))


def is_team(qualified_name: str | None) -> bool:
    return qualified_name is not None and qualified_name.startswith((TEAMS, EXT_TEAMS))


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The value of keyword argument ``name``, if given."""
    return next((k.value for k in call.keywords if k.arg == name), None)


def unpacks(call: ast.Call) -> bool:
    """The call passes ``*args`` or ``**kwargs``: what it gives cannot be seen."""
    return any(k.arg is None for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args)


def string(node: ast.AST | None) -> str | None:
    """The value of a plain string literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def annotated_type(checker: Checker, binding: Binding) -> str | None:
    """For a parameter annotated ``agent: AssistantAgent`` (or ``X | None``, ``Optional[X]``, ``"X"``): X's name."""
    node = binding.node
    if binding.kind is not BindingKind.ARGUMENT or not isinstance(node, ast.arg) or node.annotation is None:
        return None
    scope = binding.scope.parent  # annotations are evaluated where the function is defined
    for candidate in _annotation_parts(node.annotation):
        qualified = checker.semantic.resolve_qualified_name(candidate, scope)
        if qualified is not None:
            return qualified
    return None


def _annotation_parts(annotation: ast.expr) -> list[ast.expr]:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return []
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return [*_annotation_parts(annotation.left), *_annotation_parts(annotation.right)]
    if isinstance(annotation, ast.Subscript):
        inner = annotation.slice
        parts = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        if _last_name(annotation.value) in _OPTIONAL:
            return [p for part in parts for p in _annotation_parts(part)]
        return []
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return [annotation]
    return []


_OPTIONAL = frozenset({"Optional", "Union"})


def _last_name(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    return expr.attr if isinstance(expr, ast.Attribute) else ""


def value_type(checker: Checker, expr: ast.expr) -> str | None:
    """What ``expr`` holds, when known: the constructor it was built with, or its annotated class.

    Covers calls, names bound to a call, parameters with a resolvable annotation, and ``self.x``
    attributes the class assigns from a call. Must be called while the walk is at ``expr``.
    """
    if isinstance(expr, ast.Call):
        return checker.callee(expr)
    if isinstance(expr, ast.Name):
        binding = checker.semantic.lookup(expr.id)
        if binding is None:
            return None
        return binding.instance_of or annotated_type(checker, binding)
    return checker.semantic.instance_of(expr)


def expected_to_fail(checker: Checker, node: ast.AST) -> bool:
    """``node`` runs inside ``with pytest.raises(...):`` (a test that the error happens)."""
    for ancestor in checker.ancestors(node):
        if isinstance(ancestor, (ast.With, ast.AsyncWith)):
            for item in ancestor.items:
                expr = item.context_expr
                if isinstance(expr, ast.Call) and checker.callee(expr) in EXPECTED_FAILURES:
                    return True
    return False
