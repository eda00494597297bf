"""AGL705: v0.4 teams built with no way to stop."""

from __future__ import annotations

import ast

from autogen_lint import source
from autogen_lint.agentchat import TEAMS, keyword, unpacks
from autogen_lint.checker import Checker
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

# Teams whose ``termination_condition`` and ``max_turns`` both default to ``None`` (0.7.5).
# ``MagenticOneGroupChat`` is not one: its ``max_turns`` defaults to 20.
UNBOUNDED_TEAMS = frozenset(source.UNBOUNDED_TEAMS)
STOPPERS = ("termination_condition", "max_turns")


@on(ast.Call, callees=UNBOUNDED_TEAMS, packages=AUTOGEN)
def team_without_termination(checker: Checker, node: ast.Call) -> None:
    qualified = checker.callee(node)
    if qualified is None or not qualified.startswith(TEAMS) or qualified.rpartition(".")[2] not in UNBOUNDED_TEAMS:
        return
    if unpacks(node) or any(keyword(node, name) is not None for name in STOPPERS):
        return
    checker.report("AGL705", node, team=qualified.rpartition(".")[2])
