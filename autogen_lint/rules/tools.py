"""AGL401: tools registered with ``register_function``."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.names import is_v02, leaf
from autogen_lint.rules import on

_TOOLS = (
    "pass the function in `tools=[...]` of `autogen_agentchat.agents.AssistantAgent`, which both calls and executes it"
)


@on(ast.Call)
def register_function(checker: Checker, node: ast.Call) -> None:
    func = node.func
    qualified = checker.semantic.resolve_qualified_name(func)
    if qualified is not None:
        if is_v02(qualified) and leaf(qualified) == "register_function":
            checker.report("AGL401", node, name=qualified, instead=_TOOLS)
    elif isinstance(func, ast.Attribute) and func.attr == "register_function":
        checker.report("AGL401", node, gate=Gate.AUTOGEN, name=".register_function", instead=_TOOLS)
