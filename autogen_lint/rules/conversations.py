"""AGL301: two-agent chats started with ``initiate_chat``."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.rules import on

_TWO_AGENT = (
    "put the agents in `autogen_agentchat.teams.RoundRobinGroupChat([...], termination_condition=...)` "
    "and `await team.run(task=...)`, or `await agent.run(task=...)` for a single agent"
)


@on(ast.Call)
def initiate_chat(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("initiate_chat", "a_initiate_chat"):
        checker.report("AGL301", node, gate=Gate.AUTOGEN, method=func.attr, instead=_TWO_AGENT)
