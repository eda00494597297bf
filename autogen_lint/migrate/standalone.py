"""Agents built where no chat runs (agent-definition modules, factories): v0.4 agents on their own.

A scope that builds agents but starts no chat hands them to code elsewhere. Each such agent
becomes its v0.4 class with a ``model_client=`` made just before it (nothing is awaited here,
so nothing closes the client: the code that runs the agent owns it). An agent stays v0.2 when
a statement here still treats it as one: v0.2 agent methods or attributes, a v0.2 call that takes
it (``GroupChat([...])``), a statement the codemod kept, or a read from another function of the
module. v0.2 options that only a chat used (``is_termination_msg``, ``max_consecutive_auto_reply``)
have no place on a v0.4 agent: they become a TODO for the team that will run it. A statement
that asks the agent for one reply (``generate_reply``, see ``one_reply``) is answered by the v0.4
agent; the scope then awaits, and its client stays open as v0.2's did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet

import libcst as cst

from autogen_lint.migrate.agents import Agent
from autogen_lint.migrate.blocks import FunctionScope, Site
from autogen_lint.migrate.imports import Imports, walk
from autogen_lint.migrate.literals import keywords
from autogen_lint.migrate.refusal import Todo

AGENT_ATTRIBUTES = frozenset({"name", "description"})
CHAT_OPTIONS = ("is_termination_msg", "max_consecutive_auto_reply")
"""v0.2 options of an agent that act in the chats it is in: the v0.4 team holds them."""


def standalone(
    agents: Mapping[str, Agent],
    found: Sequence[Site],
    scope: FunctionScope,
    imports: Imports,
    *,
    refused: set[int],
    tools: Mapping[int, str],
    replies: AbstractSet[int] = frozenset(),
    answered: Mapping[int, str] | None = None,
) -> set[str]:
    """The agents (variables) that can be rewritten without a chat of their scope.

    ``tools``: the statements (ids) giving a tool to an agent, and that agent (the caller); the
    tool goes to the v0.4 caller's ``tools=[...]`` when every agent the statement names is rewritten.
    ``replies``: the ``register_reply`` statements (ids) the agent's v0.4 class replaces.
    ``answered``: the ``generate_reply`` statements (ids) the v0.4 agent answers, and that agent.
    """
    answered = answered or {}
    alone: set[str] = set()
    for name, agent in agents.items():
        if agent.executor is not None and agent.executor.needs_start:
            continue  # a Docker executor must be started and stopped by code that awaits
        if scope.module_scope is None and scope.module_names.loads[name] != scope.loads[name]:
            continue  # another function of the module reads the module's agent
        if agent.role != "assistant" and any(caller == name for caller in tools.values()):
            continue
        if all(
            id(site.node) in tools
            or id(site.node) in replies
            or answered.get(id(site.node)) == name
            or _fine(site, name, imports, refused)
            for site in found
            if site.index != agent.index
        ):
            alone.add(name)
    changed = True
    while changed:
        changed = False
        for site in found:
            caller = tools.get(id(site.node))
            if caller is None:
                continue
            named = {n.value for n in walk(site.node) if isinstance(n, cst.Name) and n.value in agents}
            if (not named <= alone and named & alone) or (caller not in alone and named & alone):
                alone -= named
                changed = True
    return alone


def _fine(site: Site, name: str, imports: Imports, refused: set[int]) -> bool:
    """Whether ``site`` reads the agent ``name`` only as a value (or reads it not at all)."""
    nodes = walk(site.node)
    reads = [n for n in nodes if isinstance(n, cst.Name) and n.value == name]
    if not reads:
        return True
    if id(site.node) in refused:
        return False
    for node in nodes:
        if (
            isinstance(node, cst.Attribute)
            and isinstance(node.value, cst.Name)
            and node.value.value == name
            and node.attr.value not in AGENT_ATTRIBUTES
        ):
            return False
        if isinstance(node, cst.Call) and imports.v02(node.func) is not None:
            return False
    return True


def chat_options_todos(agent: Agent) -> list[Todo]:
    """TODOs for the options of ``agent`` that only a chat used."""
    given = keywords(agent.call, "")
    return [
        Todo(
            "AGL501",
            f"`{agent.variable}` had `{option}=`, which acted in its chats: give the v0.4 team that runs it "
            "a `termination_condition=` (or `max_turns=`) that does the same",
        )
        for option in CHAT_OPTIONS
        if option in given
    ]


def used_as_value(
    module: cst.Module, imports: Imports, *, attribute: str | None = None, maker: str | None = None
) -> bool:
    """Whether the module treats an agent only as a value: no v0.2 agent API on it, no v0.2 call taking it.

    The agent is kept on an attribute (``self.<attribute>``) or returned by the function
    ``maker``: its uses are ``<x>.<attribute>`` anywhere, or a name bound to ``maker(...)``.
    """
    names: set[str] = set()
    nodes = walk(module)
    if maker is not None:
        for node in nodes:
            if isinstance(node, cst.Assign) and _calls(node.value, maker):
                names |= {t.target.value for t in node.targets if isinstance(t.target, cst.Name)}

    def is_agent(node: cst.CSTNode) -> bool:
        if attribute is not None and isinstance(node, cst.Attribute) and node.attr.value == attribute:
            return True
        return (isinstance(node, cst.Name) and node.value in names) or (maker is not None and _calls(node, maker))

    for node in nodes:
        if isinstance(node, cst.Attribute) and is_agent(node.value) and node.attr.value not in AGENT_ATTRIBUTES:
            return False
        if (
            isinstance(node, cst.Call)
            and imports.v02(node.func) is not None
            and any(is_agent(inner) for arg in node.args for inner in walk(arg.value))
        ):
            return False
    return True


def _calls(node: cst.CSTNode, function: str) -> bool:
    """``function(...)`` or ``<x>.function(...)``."""
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    return (isinstance(func, cst.Name) and func.value == function) or (
        isinstance(func, cst.Attribute) and func.attr.value == function
    )
