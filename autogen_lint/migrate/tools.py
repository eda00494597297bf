"""v0.2 tool registration into ``tools=[...]`` on the v0.4 agent that calls the tool.

Covers ``register_function(f, caller=a, executor=b)`` and the ``register_for_llm`` /
``register_for_execution`` decorators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.calls import call_code
from autogen_lint.migrate.literals import keywords, positional, quote, string
from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.schema_tools import SCHEMA_TOOL, schema_tool_code

FUNCTION_TOOL = ("autogen_core.tools", "FunctionTool")


@dataclass(frozen=True, slots=True)
class Tool:
    """A function given to the agent ``caller`` (a variable), as code for its ``tools=`` list."""

    caller: str
    function: str
    name: str | None = None
    description: str | None = None
    schema: dict[str, object] | None = field(default=None, compare=False)
    """The JSON schema v0.2 offered the model, for a function it is offered with (``schema_tools``)."""

    @property
    def imports(self) -> frozenset[tuple[str, str]]:
        """What the tool's code imports."""
        if self.schema is not None:
            return SCHEMA_TOOL.imports
        return frozenset({FUNCTION_TOOL}) if self.name is not None or self.description is not None else frozenset()

    @property
    def helpers(self) -> tuple[str, ...]:
        """Top-level definitions the file needs once for the tool."""
        return (SCHEMA_TOOL.code,) if self.schema is not None else ()

    def code(self, level: int = 0) -> str:
        """The tool in a ``tools=[...]`` list; continuation lines indented for an item at ``level``."""
        if self.schema is not None:
            return schema_tool_code(self.function, self.schema, level)
        if self.name is None and self.description is None:
            return self.function
        arguments: list[tuple[str | None, str]] = [(None, self.function)]
        arguments.append(("description", quote(self.description or "")))
        if self.name is not None:
            arguments.append(("name", quote(self.name)))
        return call_code(FUNCTION_TOOL[1], arguments, wrap=False)


def _texts(options: dict[str, cst.BaseExpression], what: str) -> tuple[str | None, str | None]:
    unknown = sorted(set(options) - {"name", "description"})
    if unknown:
        raise Refusal(f"`{unknown[0]}=` of `{what}` has no v0.4 counterpart")
    found = []
    for key in ("name", "description"):
        value = options.get(key)
        if value is not None and string(value) is None:
            raise Refusal(f"the tool's {key} is not a string literal")
        found.append(string(value))
    return found[0], found[1]


def register_function(call: cst.Call) -> Tool:
    """``register_function(f, caller=a, executor=b, name=..., description=...)``."""
    options = keywords(call, "register_function")
    given = positional(call)
    function = given[0] if given else options.pop("f", None)
    caller = options.pop("caller", None)
    options.pop("executor", None)
    if len(given) > 1 or not isinstance(function, cst.Name) or not isinstance(caller, cst.Name):
        raise Refusal("`register_function()` is not called as `register_function(f, caller=a, executor=b, ...)`")
    name, description = _texts(options, "register_function")
    return Tool(caller.value, function.value, name, description)


def decorator_role(decorator: cst.Decorator) -> tuple[str, str, cst.Call] | None:
    """(agent variable, ``register_for_llm``/``register_for_execution``, call) for such a decorator."""
    call = decorator.decorator
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return None
    method = call.func.attr.value
    if method not in ("register_for_llm", "register_for_execution") or not isinstance(call.func.value, cst.Name):
        return None
    return call.func.value.value, method, call


def decorated_tool(function: cst.FunctionDef, roles: list[tuple[str, str, cst.Call]]) -> Tool:
    """The tool a function decorated with ``@a.register_for_llm(...)`` (and maybe an executor) is."""
    callers = [role for role in roles if role[1] == "register_for_llm"]
    if len(callers) != 1:
        raise Refusal(f"`{function.name.value}` is registered for the model by {len(callers)} agents")
    caller, _, call = callers[0]
    if positional(call):
        raise Refusal("`register_for_llm()` takes arguments by position")
    name, description = _texts(keywords(call, "register_for_llm"), "register_for_llm")
    return Tool(caller, function.name.value, name, description)
