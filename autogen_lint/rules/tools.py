"""AGL401 / AGL402: v0.2 tool registration."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.patterns import method_call, v02_callee
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

_TOOLS = (
    "pass the function in `tools=[...]` of `autogen_agentchat.agents.AssistantAgent`, which both calls and executes it"
)
_DECORATED_TOOLS = (
    "pass the function in `tools=[...]` of `autogen_agentchat.agents.AssistantAgent` "
    "(wrap it in `autogen_core.tools.FunctionTool(fn, description=...)` to keep the description)"
)
_FOR_LLM = ("register_for_llm", "register_for_execution")


@on(ast.Call, callees=("register_function",), packages=AUTOGEN)
def register_function(checker: Checker, node: ast.Call) -> None:
    qualified = v02_callee(checker, node, ("register_function",))
    if qualified is not None:
        checker.report("AGL401", node, name=qualified, instead=_TOOLS)


@on(ast.Call, methods=("register_function",), packages=AUTOGEN)
def register_function_method(checker: Checker, node: ast.Call) -> None:
    if method_call(checker, node, ("register_function",)) is not None:
        checker.report("AGL401", node, gate=Gate.AUTOGEN, name=".register_function", instead=_TOOLS)


@on(ast.Call, methods=_FOR_LLM, packages=AUTOGEN)
def register_for_llm(checker: Checker, node: ast.Call) -> None:
    method = method_call(checker, node, _FOR_LLM)
    if method is not None:
        checker.report("AGL402", node, gate=Gate.AUTOGEN, method=method, instead=_DECORATED_TOOLS)


@on(ast.FunctionDef, ast.AsyncFunctionDef, packages=AUTOGEN, words=_FOR_LLM)
def bare_decorator(checker: Checker, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    """``@agent.register_for_execution`` written without parentheses."""
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Attribute)
            and decorator.attr in _FOR_LLM
            and checker.semantic.resolve_qualified_name(decorator) is None
        ):
            checker.report("AGL402", decorator, gate=Gate.AUTOGEN, method=decorator.attr, instead=_DECORATED_TOOLS)
