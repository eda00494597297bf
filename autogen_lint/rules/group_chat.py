"""AGL601: v0.2 ``GroupChat`` / ``GroupChatManager``, with the v0.4 team that replaces them."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker
from autogen_lint.names import is_v02, leaf
from autogen_lint.patterns import v02_callee
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

GROUP_CHAT = "GroupChat"
MANAGER = "GroupChatManager"
TEAMS = "autogen_agentchat.teams"
STATEFLOW = "group-chat-with-custom-selector-stateflow"


@on(ast.Call, callees=(GROUP_CHAT, MANAGER), packages=AUTOGEN)
def group_chat(checker: Checker, node: ast.Call) -> None:
    qualified = v02_callee(checker, node, (GROUP_CHAT, MANAGER))
    if qualified is None:
        return
    config = _group_chat_call(checker, node) if leaf(qualified) == MANAGER else node
    method = _keyword(config, "speaker_selection_method") or _keyword(node, "speaker_selection_method")
    max_round = _keyword(config, "max_round") or _keyword(node, "max_round")
    team, anchor = _team(method)
    turns = f", max_turns={_turns(max_round)}" if max_round is not None else ""
    instead = f"use `{TEAMS}.{team}{turns})`"
    if leaf(qualified) == MANAGER:
        instead += "; the team replaces the manager and runs with `await team.run(task=...)`"
    checker.report("AGL601", node, anchor=anchor, name=leaf(qualified), instead=instead)


def _turns(max_round: ast.expr) -> str:
    """v0.4's ``max_turns`` for v0.2's ``max_round``: the opening message was the first round."""
    if isinstance(max_round, ast.Constant) and type(max_round.value) is int:
        return str(max_round.value - 1)
    return f"{ast.unparse(max_round)} - 1"


def _team(method: ast.expr | None) -> tuple[str, str]:
    """The team call's opening (up to its last argument) and the guide anchor."""
    if method is None:
        return "SelectorGroupChat(participants, model_client=...", "group-chat"
    if isinstance(method, ast.Constant):
        if method.value == "round_robin":
            return "RoundRobinGroupChat(participants", "group-chat"
        if method.value in ("random", "manual"):
            chooser = "at random" if method.value == "random" else "by asking the user"
            return f"SelectorGroupChat(participants, model_client=..., selector_func=<picks {chooser}>", STATEFLOW
        return "SelectorGroupChat(participants, model_client=...", "group-chat"
    return f"SelectorGroupChat(participants, model_client=..., selector_func={ast.unparse(method)}", STATEFLOW


def _keyword(call: ast.Call | None, name: str) -> ast.expr | None:
    if call is None:
        return None
    return next((k.value for k in call.keywords if k.arg == name), None)


def _group_chat_call(checker: Checker, manager: ast.Call) -> ast.Call | None:
    """The ``GroupChat(...)`` call a ``GroupChatManager(groupchat=...)`` is given, when it can be seen."""
    argument = _keyword(manager, "groupchat") or (manager.args[0] if manager.args else None)
    if isinstance(argument, ast.Name):
        binding = checker.semantic.lookup(argument.id)
        argument = binding.value if binding is not None else None
    if isinstance(argument, ast.Call):
        qualified = checker.callee(argument)
        if qualified is not None and is_v02(qualified) and leaf(qualified) == GROUP_CHAT:
            return argument
    return None
