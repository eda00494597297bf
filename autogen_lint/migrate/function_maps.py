"""``executor.register_function(function_map={...})``: the functions an ``llm_config`` offers become tools.

v0.2 offered the model the JSON schemas in one agent's ``llm_config["functions"]`` and ran the calls
the model made in the agent whose ``function_map`` names them. A v0.4 agent is given the functions
in ``tools=[...]`` and runs them itself: each function goes to the one agent whose configuration
offers it. A function whose parameters all have type annotations becomes a ``FunctionTool`` with
the offered name and description (its parameters' schema comes from the signature); one without
them a ``SchemaTool`` offering the schema as it was written (``schema_tools``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

import libcst as cst

from autogen_lint.migrate.agents import Agent
from autogen_lint.migrate.imports import walk
from autogen_lint.migrate.literals import dict_items, keywords, positional, string
from autogen_lint.migrate.model_clients import DROPPED_WITH_TODO
from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.schema_tools import check_agreement, literal_schema
from autogen_lint.migrate.statements import method
from autogen_lint.migrate.tools import Tool

CODE = "AGL401"
"""The rule the refusals here cite: ``.register_function()`` is flagged as AGL401."""
Follow = Callable[[cst.BaseExpression, str], cst.BaseExpression]


def is_function_map(call: cst.Call, agents: Mapping[str, Agent]) -> bool:
    """Whether ``call`` is ``agent.register_function(...)`` on an agent of ``agents``."""
    return (
        method(call) == "register_function"
        and isinstance(call.func, cst.Attribute)
        and isinstance(call.func.value, cst.Name)
        and call.func.value.value in agents
    )


def offered(agent: Agent, follow: Follow) -> dict[str, cst.Dict]:
    """The functions (name: schema) ``agent``'s ``llm_config`` offers the model, when it is literal."""
    config = keywords(agent.call, agent.kind).get("llm_config")
    if config is None:
        return {}
    node = follow(config, "llm_config")
    if not isinstance(node, cst.Dict):
        return {}
    listed = dict_items(node, "`llm_config`").get("functions")
    if listed is None:
        return {}
    if not isinstance(listed, cst.List):
        raise Refusal("the functions `llm_config` offers are not a list literal", code=CODE)
    found: dict[str, cst.Dict] = {}
    for element in listed.elements:
        entry = element.value
        if not isinstance(entry, cst.Dict) or isinstance(element, cst.StarredElement):
            raise Refusal("a function `llm_config` offers is not a dict literal", code=CODE)
        items = dict_items(entry, "a function schema")
        name = string(items.get("name"))
        description = items.get("description")
        if name is None or (description is not None and string(description) is None):
            raise Refusal("a function `llm_config` offers has no literal name or description", code=CODE)
        found[name] = entry
    return found


def _definition(module: cst.Module, name: str) -> cst.FunctionDef | None:
    """The top-level ``def name`` of ``module``, when there is exactly one."""
    found = [s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == name]
    return found[0] if len(found) == 1 else None


def _names_read(definition: cst.FunctionDef) -> set[str]:
    """The names the function's body reads (not attributes or keywords spelled alike)."""
    nodes = walk(definition.body)
    other = {id(n.keyword) for n in nodes if isinstance(n, cst.Arg) and n.keyword is not None}
    other |= {id(n.attr) for n in nodes if isinstance(n, cst.Attribute)}
    return {n.value for n in nodes if isinstance(n, cst.Name) and id(n) not in other}


def _typed(definition: cst.FunctionDef) -> bool:
    """Whether every parameter of the function has a type annotation.

    A v0.4 ``FunctionTool`` reads the parameters' types from the annotations (it fails on a
    parameter without one); v0.2's ``function_map`` needed none, the schema was written out.
    """
    params = definition.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return all(param.annotation is not None for param in every)


def function_map_tools(call: cst.Call, agents: Mapping[str, Agent], follow: Follow, module: cst.Module) -> list[Tool]:
    """The tools ``executor.register_function(function_map={...})`` makes, on the agent that offers them.

    The offering agent loses its configuration's TODO about ``functions`` when every function it
    offers is in the map.
    """
    options = keywords(call, "register_function")
    mapping = options.pop("function_map", None)
    if positional(call) or options or not isinstance(mapping, cst.Dict):
        raise Refusal("`register_function()` is not called as `register_function(function_map={...})`", code=CODE)
    functions = dict_items(mapping, "function_map")
    offers = {variable: offered(agent, follow) for variable, agent in agents.items()}
    tools: list[Tool] = []
    callers: set[str] = set()
    for name, function in functions.items():
        caller = [variable for variable, names in offers.items() if name in names]
        if len(caller) != 1:
            raise Refusal(f"`{name}` is offered to the model by {len(caller)} agents' `llm_config` here", code=CODE)
        if not isinstance(function, cst.Name):
            raise Refusal(f"the function mapped to `{name}` is not a function's name", code=CODE)
        definition = _definition(module, function.value)
        if definition is None:
            raise Refusal(f"`{function.value}` is not a function defined once at the top of the module", code=CODE)
        used = sorted(_names_read(definition) & set(agents))
        if used:
            raise Refusal(f"`{function.value}` uses `{used[0]}`, which becomes a v0.4 agent", code=CODE)
        entry = offers[caller[0]][name]
        if _typed(definition):
            description = string(dict_items(entry, "a function schema").get("description"))
            tools.append(Tool(caller[0], function.value, None if name == function.value else name, description))
        else:
            schema = literal_schema(entry, module)
            check_agreement(schema, definition)
            tools.append(Tool(caller[0], function.value, schema=schema))
        callers.add(caller[0])
    for variable in callers:
        agent = agents[variable]
        if agent.client is not None and set(offers[variable]) <= set(functions):
            todos = tuple(t for t in agent.client.todos if t.what != DROPPED_WITH_TODO["functions"])
            agent.client = replace(agent.client, todos=todos)
    return tools
