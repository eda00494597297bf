"""AGL301-AGL303: v0.2 conversations (two-agent, sequential and nested chats)."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.patterns import method_call, v02_callee
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

_TWO_AGENT = (
    "put the agents in `autogen_agentchat.teams.RoundRobinGroupChat([...], termination_condition=...)` "
    "and `await team.run(task=...)`, or `await agent.run(task=...)` for a single agent"
)
_SEQUENTIAL = (
    "chain `await agent.run(task=...)` or `await team.run(task=...)` calls in plain Python, "
    "passing each `TaskResult` on (or build a Core API workflow)"
)
_NESTED = (
    "subclass `autogen_agentchat.agents.BaseChatAgent` and run the inner team in its `on_messages`, "
    "or wrap the team in `autogen_agentchat.agents.SocietyOfMindAgent`"
)
_SEQUENTIAL_NAMES = ("initiate_chats", "a_initiate_chats")


@on(ast.Call, methods=("initiate_chat", "a_initiate_chat"), packages=AUTOGEN)
def initiate_chat(checker: Checker, node: ast.Call) -> None:
    method = method_call(checker, node, ("initiate_chat", "a_initiate_chat"))
    if method is not None:
        checker.report("AGL301", node, gate=Gate.AUTOGEN, method=method, instead=_TWO_AGENT)


@on(ast.Call, callees=_SEQUENTIAL_NAMES, packages=AUTOGEN)
def initiate_chats(checker: Checker, node: ast.Call) -> None:
    qualified = v02_callee(checker, node, _SEQUENTIAL_NAMES)
    if qualified is not None:
        checker.report("AGL302", node, name=qualified, instead=_SEQUENTIAL)


@on(ast.Call, methods=_SEQUENTIAL_NAMES, packages=AUTOGEN)
def initiate_chats_method(checker: Checker, node: ast.Call) -> None:
    method = method_call(checker, node, _SEQUENTIAL_NAMES)
    if method is not None:
        checker.report("AGL302", node, gate=Gate.AUTOGEN, name=f".{method}", instead=_SEQUENTIAL)


@on(ast.Call, methods=("register_nested_chats",), packages=AUTOGEN)
def register_nested_chats(checker: Checker, node: ast.Call) -> None:
    if method_call(checker, node, ("register_nested_chats",)) is not None:
        checker.report("AGL303", node, gate=Gate.AUTOGEN, instead=_NESTED)
