"""Agents kept on ``self``: built in ``__init__``, chatting in other methods.

The agents are rewritten in ``__init__`` with a model client kept on ``self`` too, the chats in
the methods where they stand (those methods become ``async``), the class gets an
``async def close(self)`` that closes the client, and every place that builds the class gets a
TODO to call it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.agents import V02_AGENTS, Agent, add_needs, agent_call, read_agent
from autogen_lint.migrate.blocks import FunctionScope, Site, sites
from autogen_lint.migrate.edits import Edits
from autogen_lint.migrate.imports import Imports, dotted, module_nodes, module_parents, walk
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.owner_closing import close_where_built
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.statements import statement


@dataclass
class Owner:
    """A class whose ``__init__`` keeps v0.2 agents on ``self``."""

    cls: cst.ClassDef
    init: cst.FunctionDef
    agents: dict[str, Agent] = field(default_factory=dict)
    """``self.x`` -> the agent it holds."""
    sites: dict[str, Site] = field(default_factory=dict)
    configs: list[tuple[str, cst.BaseStatement]] = field(default_factory=list)
    """``__init__``'s configurations (name, statement) every read of which an agent took."""


def read_owner(
    cls: cst.ClassDef, imports: Imports, module: cst.Module, scope_of: Mapping[int, FunctionScope]
) -> Owner | None:
    """The class's agents on ``self`` when each can be rewritten, else ``None``."""
    if any(imports.v02(base.value) for base in cls.bases) or not isinstance(cls.body, cst.IndentedBlock):
        return None
    methods = {item.name.value: item for item in cls.body.body if isinstance(item, cst.FunctionDef)}
    init = methods.get("__init__")
    if init is None or "close" in methods or id(init) not in scope_of:
        return None
    if any(isinstance(n, cst.Attribute) and n.attr.value in ("close", "model_client") for n in walk(cls)):
        return None
    owner = Owner(cls, init)
    scope = scope_of[id(init)]
    configs = ModelConfigs(module, imports, scope)
    for site in sites(init.body):
        node = site.node
        if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
            continue
        small = node.body[0]
        if not isinstance(small, cst.Assign) or len(small.targets) != 1 or not isinstance(small.value, cst.Call):
            continue
        target = dotted(small.targets[0].target) if isinstance(small.targets[0].target, cst.Attribute) else None
        kind = imports.v02(small.value.func)
        if kind not in V02_AGENTS or target is None or not target.startswith("self.") or target.count(".") != 1:
            continue
        if site.block is not init.body or target in owner.agents:
            return None
        configs.at = site.index
        try:
            agent = read_agent(target, site.index, kind or "", small.value, configs)
        except Refusal:
            return None
        if agent.executor is not None and agent.executor.needs_start:
            return None
        owner.agents[target] = agent
        owner.sites[target] = site
    assigned = [
        dotted(t.target)
        for n in walk(cls)
        if isinstance(n, cst.Assign)
        for t in n.targets
        if isinstance(t.target, cst.Attribute)
    ]
    if not owner.agents or any(assigned.count(name) != 1 for name in owner.agents):
        return None
    found = sites(init.body)
    for index in sorted(i for i in configs.statements if i >= 0):
        small = cst.ensure_type(found[index].node, cst.SimpleStatementLine).body[0]
        name = cst.ensure_type(cst.ensure_type(small, cst.Assign).targets[0].target, cst.Name).value
        if scope.all_taken(name):
            owner.configs.append((name, found[index].node))
    return owner


def write_owner(
    owner: Owner,
    edits: Edits,
    module: cst.Module,
    used: set[str],
    blocker: Callable[[cst.FunctionDef], str | None],
) -> None:
    """The agents, their client on ``self``, the ``close`` method, closed where the class is built (or a TODO).

    ``blocker``: why a function cannot become ``async def`` (``asyncify.Calls.blocker``), or ``None``.
    """
    clients: dict[ClientSpec, str] = {}
    created: list[cst.BaseStatement] = []
    for name, agent in owner.agents.items():
        site = owner.sites[name]
        if agent.role == "silent":
            lines = [n for n in walk(owner.cls) if isinstance(n, cst.SimpleStatementLine)]
            counts = [
                (id(n), sum(1 for m in walk(n) if isinstance(m, cst.Attribute) and dotted(m) == name)) for n in lines
            ]
            everywhere = sum(count for _, count in counts)
            rewritten = sum(count for key, count in counts if key in edits.replaced)
            if everywhere - 1 == rewritten:
                edits.removed.add(id(site.node))
            else:
                what = f"`{name}` does nothing in v0.4 but is used elsewhere"
                edits.todo(site.node, Todo("AGL201", what))
            continue
        client = None
        if agent.client is not None:
            if agent.client not in clients:
                clients[agent.client] = "self.model_client" if not clients else f"self.model_client_{len(clients) + 1}"
                line = statement(f"{clients[agent.client]} = {agent.client.code(len(clients[agent.client]) + 3)}")
                for todo in agent.client.todos:
                    edits.todo(line, todo)
                created.append(line)
                edits.needed.add(agent.client.cls)
                edits.needed.update(agent.client.imports)
                edits.helpers += [helper for helper in agent.client.helpers if helper not in edits.helpers]
            client = clients[agent.client]
        executor_code = agent.executor.code() if agent.executor is not None else None
        if agent.executor is not None:
            edits.needed.add(agent.executor.cls)
        add_needs(agent, edits.needed, edits.helpers)
        item = cst.ensure_type(site.node, cst.SimpleStatementLine)
        assign = cst.ensure_type(item.body[0], cst.Assign)
        edits.replaced[id(site.node)] = [
            item.with_changes(body=[assign.with_changes(value=agent_call(agent, client, executor_code))])
        ]
        for todo in agent.todos:
            edits.todo(site.node, todo)
        edits.rewrites += 1
    edits.removed |= {id(node) for _, node in owner.configs}
    first = min((owner.sites[name] for name in owner.agents), key=lambda s: s.index)
    edits.before.setdefault(id(first.node), []).extend(created)
    if clients:
        closes = "".join(f"    await {variable}.close()\n" for variable in clients.values())
        method = cst.parse_statement(
            f'async def close(self) -> None:\n    """Close the model client the agents use."""\n{closes}'
        )
        method = method.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        edits.appended.setdefault(id(owner.cls), []).append(method)
        _closed_where_built(owner, edits, module, blocker)


def _closed_where_built(
    owner: Owner, edits: Edits, module: cst.Module, blocker: Callable[[cst.FunctionDef], str | None]
) -> None:
    """Each object of the class closed by the function that builds it, or a TODO on the statement."""
    what = f"`{owner.cls.name.value}` now holds a model client: `await` its `close()` when you are done with it"
    parents = module_parents(module)
    for node in module_nodes(module):
        if isinstance(node, cst.Call) and dotted(node.func) == owner.cls.name.value:
            if close_where_built(node, edits, module, parents, blocker):
                continue
            holder: cst.CSTNode | None = node
            while holder is not None and not isinstance(holder, cst.SimpleStatementLine):
                holder = parents.get(holder)
            if holder is not None:
                edits.todo(holder, Todo("AGL701", what))
