"""Agents a kept statement hands to v0.2 code, which must then stay v0.2 agents.

``host.send(message, guest)`` on an agent that stays v0.2, or a v0.2 function given an agent,
runs the agent as v0.2 does (``receive``, ``generate_reply``...): a v0.4 agent there fails at run
time.
"""

from __future__ import annotations

from collections.abc import Callable, Container

import libcst as cst

from autogen_lint.migrate.imports import dotted, walk


def passed_agents(
    node: cst.CSTNode,
    agents: Container[str],
    v02: Callable[[cst.BaseExpression], str | None],
    *,
    holders: Container[str] = (),
    skip: Container[str] = (),
) -> set[str]:
    """The ``agents`` given as arguments to a method of one of ``holders`` or to a v0.2 function in ``node``.

    ``holders``: the agents that stay v0.2; ``v02`` names the v0.2 API a callee resolves to
    (``Imports.v02``); calls of the v0.2 functions in ``skip`` (those the caller rewrites or
    settles on its own) are not counted.
    """
    found: set[str] = set()
    for call in walk(node):
        if not isinstance(call, cst.Call):
            continue
        func = call.func
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        kind = v02(func)
        if (owner is None or owner not in holders) and (kind is None or kind in skip):
            continue
        given = {n.value for arg in call.args for n in walk(arg.value) if isinstance(n, cst.Name)}
        found |= {name for name in given if name in agents and name != owner}
    return found
