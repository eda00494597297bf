"""A variable bound to one v0.2 agent after another (a notebook that redefines its agents).

Each binding is its own agent: a chat uses the agent its variable holds where the chat stands.
The codemod follows that in reading order only when every binding is an agent construction at
the top of the scope (no branch or loop decides which agent a later statement sees).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from autogen_lint.migrate.agents import V02_AGENTS
from autogen_lint.migrate.blocks import Body, Site
from autogen_lint.migrate.imports import Imports


def rebound_agents(name: str, found: Sequence[Site], bindings: int, imports: Imports, body: Body) -> bool:
    """Whether ``name`` is bound more than once, each time to a v0.2 agent, in straight-line code."""
    if bindings < 2:
        return False
    sites = [site for site in found if _agent_binding(site.node, name, imports)]
    return len(sites) == bindings and all(site.block is body and not site.in_loop for site in sites)


def _agent_binding(node: cst.BaseStatement, name: str, imports: Imports) -> bool:
    """``name = <v0.2 agent class>(...)``."""
    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        return False
    small = node.body[0]
    return (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == name
        and isinstance(small.value, cst.Call)
        and imports.v02(small.value.func) in V02_AGENTS
    )
